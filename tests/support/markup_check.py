"""Checks that text from the register or scenarios.yaml stays text in what the project renders.

Markdown is rendered the way GitHub and nbconvert read it (CommonMark with tables and
strike-through, raw HTML allowed) and the resulting HTML is parsed with the standard library.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

# What a hostile register row or scenario description may hold; each must be shown literally.
HOSTILE = (
    "UWV <script>alert(1)</script>",
    "a | b || c",
    "[text](javascript:alert(1))",
    "`code` *star* _under_ **bold** __dunder__",
    "# heading",
    "<img src=x onerror=alert(1)>",
    "![image](javascript:alert(2))",
    "~~struck~~ ~one~",
    "&lt;entity&gt; &amp; &#60;b&#62;",
    r"back\slash \* \| end\\",
    "- list item",
    "1. numbered",
    "<https://example.org> <javascript:alert(3)>",
)
LIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "form", "input"}
SAFE_HREF = re.compile(r"^(https?://|[A-Za-z0-9_./#-]+$)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_RENDER.validateLink = lambda url: True  # render javascript: links as a lax renderer would


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html: str) -> tuple[list[tuple[str, dict[str, str | None]]], str]:
    """The start tags with their attributes, and the visible text with spaces collapsed."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.tags, " ".join("".join(collector.text).split())


def assert_no_live_markup(html: str, literals: tuple[str, ...] = ()) -> None:
    """No script or other active element, no link or source that is not http(s) or relative,
    and each of ``literals`` visible as it was written."""
    tags, text = parse_html(html)
    for tag, attrs in tags:
        assert tag not in LIVE_TAGS, f"live <{tag}> in the output"
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip()
            assert not value or SAFE_HREF.match(value), f"<{tag} {name}={value!r}> in the output"
        assert not any(name.startswith("on") for name in attrs), f"event handler on <{tag}>"
    for literal in literals:
        assert " ".join(literal.split()) in text, f"{literal!r} not shown literally"


def markdown_to_html(markdown: str) -> str:
    return _RENDER.render(markdown)


def assert_markdown_tables_intact(markdown: str) -> None:
    """Every row of every Markdown table has as many cells as its header."""
    width = None
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = len(_UNESCAPED_PIPE.split(line.strip())) - 2
            if width is None:
                width = cells
            assert cells == width, f"{cells} cells, the header {width}: {line}"
        else:
            width = None


def assert_markdown_safe(markdown: str, literals: tuple[str, ...] = ()) -> None:
    """Markdown whose tables are intact and whose rendering has no live markup."""
    assert_markdown_tables_intact(markdown)
    assert_no_live_markup(markdown_to_html(markdown), literals)
