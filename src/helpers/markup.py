"""Text for the reader, without figures: escaped Markdown and HTML, table cells, qualifier
marks and words, label checks and dates in words.

Imports no plotting library and no notebook display: the README generator and the change summary
use it, and so do the tables of 03_targets_gap, 04_waiting_list and 05_finance (figures are
published by :mod:`helpers.presentation`).
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import numpy as np
import pandas as pd

from helpers.numbers import decimal, euros, millions, percent, thousands
from helpers.words import (
    COMMON_LABELS,
    LANGUAGES,
    MONTHS,
    QUALIFIER_MARKS,
    QUALIFIER_PROSE,
    check_language,
)

# Text from the register or scenarios.yaml is shown as text, never as markup: one function per
# target format (HTML, Markdown inline, Markdown table cell), and links only to http(s).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")  # ( ) ! only act after ] or before [
_MARKDOWN_LINE_START = re.compile(r"^(?:[-+=](?=[\s=-]|$)|\d+[.)](?=\s|$))")
_HTML_IN_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
LINK_SCHEMES = ("http", "https")


def html_text(value: object) -> str:
    """``value`` as HTML text: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(str(value), quote=True)


def markdown_inline(value: object) -> str:
    """``value`` as literal text inside a Markdown paragraph (GitHub and nbconvert alike).

    Line breaks become spaces; HTML is escaped as entities; every character that starts
    emphasis, code, a link, an image, a heading, a table cell or a strike-through is escaped
    with a backslash, and so is a leading list or heading marker.
    """
    text = " ".join(str(value).split())
    text = "".join(_HTML_IN_MARKDOWN.get(char, char) for char in text)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    match = _MARKDOWN_LINE_START.match(text)
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


def markdown_code(value: object) -> str:
    """``value`` as a Markdown code span, or as escaped text when it holds a backtick or a ``|``
    (a code span does not keep a table cell from splitting at a ``|``)."""
    text = " ".join(str(value).split())
    return f"`{text}`" if text and not {"`", "|"} & set(text) else markdown_inline(text)


def markdown_cell(value: object) -> str:
    """``value`` as literal text in a Markdown table cell: one line, ``|`` escaped."""
    return markdown_inline(value)  # the inline rules already keep it to one line and escape |


def safe_link_target(url: str) -> str | None:
    """``url`` percent-encoded for a Markdown or HTML link, or None unless it is http(s)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")


def markdown_link(text: object, url: str) -> str:
    """A Markdown link to an http(s) ``url``; any other address is shown as text after it."""
    target = safe_link_target(url)
    if target is None:
        return markdown_inline(f"{text} ({url})" if url and url != text else text)
    return f"[{markdown_inline(text)}]({target})"


# A code name in reader-facing text: a word with an underscore (emmen_2017, working_match).
CODE_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def qualified(text: str, qualifier: str) -> str:
    """A formatted number with the mark of its qualifier ("≥ 2,500", "~1,200")."""
    if not qualifier or (isinstance(qualifier, float) and np.isnan(qualifier)):
        return text
    return QUALIFIER_MARKS[qualifier] + text


def in_words(text: str, qualifier: str, language: str) -> str:
    """A formatted number with its qualifier in words, for prose ("more than 2,500")."""
    return QUALIFIER_PROSE[check_language(language)][qualifier or "exact"] + text


def fmt(value: object, kind: str, language: str) -> str:
    """One cell as the reader sees it; a missing value is an empty cell.

    Kinds: ``count`` (whole places or persons), ``share`` (0-1, as a percentage to 0.1),
    ``percent`` (already 0-100, to 0.1), ``euros`` (whole euros), ``millions`` (euros shown in
    millions to 0.1), ``date`` (ISO), ``year`` and ``text``.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if kind == "count":
        return thousands(float(value), language)
    if kind == "share":
        return percent(float(value), language, 1)
    if kind == "percent":
        return decimal(float(value), language, 1) + "%"
    if kind == "euros":
        return euros(float(value), language)
    if kind == "millions":
        return millions(float(value), language)
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind == "year":
        return str(int(value))
    if kind == "text":
        return str(value)
    raise ValueError(f"unknown cell kind {kind!r}")


@dataclass(frozen=True)
class Column:
    """A column of a shown table: source column, header label key, kind, qualifier column."""

    name: str
    header: str
    kind: str = "text"
    qualifier: str | None = None
    translate: bool = False  # look the cell value up in the labels (e.g. published/assumed)


class Table:
    """A table ready to show: strings only, no index; HTML and plain text without ``NaN``."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html_text(c)}</th>" for c in self.frame.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        return (
            f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    labels: Mapping[str, Mapping[str, str]],
    language: str,
) -> Table:
    """Format ``frame`` for reading: headers and values in ``language``, qualifiers marked."""
    words = labels[check_language(language)]
    shown = {}
    for column in columns:
        cells = []
        for _, row in frame.iterrows():
            value = row[column.name]
            text = fmt(value, column.kind, language)
            if column.translate and text:
                text = words[f"value_{value}"]
            if column.qualifier and text:
                text = qualified(text, row[column.qualifier])
            cells.append(text)
        shown[words[column.header]] = cells
    return Table(pd.DataFrame(shown))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a label template."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_labels(labels: Mapping[str, Mapping[str, str]]) -> None:
    """Raise if a language misses a key, the fields of a template differ, or a code name shows."""
    if set(labels) != set(LANGUAGES):
        raise ValueError(f"labels for {sorted(labels)}, expected {list(LANGUAGES)}")
    en = labels["en"]
    for language in LANGUAGES[1:]:  # every other language says what English says
        other = labels[language]
        if set(en) != set(other):
            raise ValueError(
                f"keys only in en: {sorted(set(en) - set(other))}; "
                f"only in {language}: {sorted(set(other) - set(en))}"
            )
        for key in en:
            if placeholders(en[key]) != placeholders(other[key]):
                raise ValueError(f"label {key!r}: fields differ between en and {language}")
    for key in en:
        for language in LANGUAGES:
            found = CODE_NAME.findall(re.sub(r"\{[^}]*\}", "", labels[language][key]))
            if found:
                raise ValueError(f"label {key!r} ({language}) shows code name(s) {found}")


def with_common_labels(
    labels: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, str]]:
    """An analysis's labels plus the shared words; the analysis may not redefine a shared key."""
    merged = {}
    for language in LANGUAGES:
        clash = set(labels[language]) & set(COMMON_LABELS[language])
        if clash:
            raise ValueError(f"labels redefine shared keys {sorted(clash)}")
        merged[language] = {**COMMON_LABELS[language], **labels[language]}
    check_labels(merged)
    return merged


def short_date(date: object, language: str) -> str:
    """A month and year in words, abbreviated ("Jun 2021" / "jun 2021")."""
    day = pd.Timestamp(date)
    return f"{MONTHS[check_language(language)][day.month - 1][:3]} {day.year}"


def long_date(date: object, language: str) -> str:
    """A date in words ("31 December 2022" / "31 december 2022")."""
    day = pd.Timestamp(date)
    return f"{day.day} {MONTHS[check_language(language)][day.month - 1]} {day.year}"
