"""The change summary as a reviewer reads it: terminal text or Markdown for a pull request."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from helpers import outputs, paths
from helpers.changes.compare import (
    ABSENT,
    FIGURE_ENDINGS,
    FIRST_TABLES,
    HEADLINE_KEYS,
    MAX_LINES,
    NO_CHANGE,
    PLAN,
    Changes,
    format_value,
    number_of,
)


def printable(text: str) -> str:
    """``text`` with control and format characters written as escapes, never sent raw to a
    terminal (a value from results.json could otherwise move the cursor or clear lines)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        else ch
        for ch in text
    )


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown/HTML: control characters as escapes, Markdown punctuation
    backslash-escaped, ``<>&`` as entities, ``@`` so that it mentions nobody."""
    text = re.sub(r"([\\`*_\[\]|~#!{}])", r"\\\1", printable(text))
    return html.escape(text, quote=False).replace("@", "&#64;")


@dataclass
class Block:
    """One block of the summary: plain text, escaped only when rendered."""

    title: str
    rows: list[tuple[str, str, str, str]]  # (number, old, new, scenarios): the headline table
    lines: list[str]  # always shown
    more: list[str]  # cut in the terminal unless --full; collapsed in Markdown


def _shown(value: Any) -> str:
    return value if value is ABSENT else format_value(value)


def _headline_order(key: str) -> int | None:
    """The place of ``key`` in HEADLINE_KEYS (``*`` is one dotted part), or None."""
    for i, pattern in enumerate(HEADLINE_KEYS):
        if re.fullmatch(re.escape(pattern).replace(r"\*", r"[^.]+"), key):
            return i
    return None


def key_pattern(key: str) -> str:
    """A dotted key with its per-row parts (years, dates, list indexes) as ``*``: the keys of
    one array or table share it."""
    key = re.sub(r"\[\d+\]", "[*]", key)
    return ".".join(re.sub(r"\d{4}(-\d\d){0,2}|^\d+$", "*", part) for part in key.split("."))


def collapsed(found: Sequence[tuple[str, Any, Any]]) -> list[tuple[str, str]]:
    """(first key, line) per changed key, or per array of keys sharing a pattern: its count,
    the largest numeric |Δ| (or one example)."""
    groups: dict[str, list[tuple[str, Any, Any]]] = {}
    for row in found:
        groups.setdefault(key_pattern(row[0]), []).append(row)
    lines = []
    for pattern, rows in groups.items():
        if len(rows) == 1:
            key, old, new = rows[0]
            lines.append((key, f"{key}: {_shown(old)} → {_shown(new)}"))
            continue
        deltas = [
            (abs(number_of(new) - number_of(old)), key, old, new)
            for key, old, new in rows
            if number_of(old) is not None and number_of(new) is not None
        ]
        key, old, new = max(deltas, key=lambda d: d[0])[1:] if deltas else rows[0]
        size = f"largest |Δ| {outputs.format_number(max(deltas)[0])} at" if deltas else "e.g."
        text = f"{pattern}: {len(rows)} values changed, {size} {key}: {_shown(old)} → {_shown(new)}"
        lines.append((rows[0][0], text))
    return lines


def _scenarios(folders: Sequence[str], key: str, changes: Changes) -> str:
    """The scenarios whose report shows ``key`` of these folders (from the plan), or the
    folders themselves when the plan does not say."""
    section = key.split(".", 1)[0]
    names = [
        name for folder in folders for name in changes.users.get(f"{folder}:{section}") or [folder]
    ]
    return ", ".join(dict.fromkeys(names))


def _location(path: str) -> tuple[str, str]:
    """(folder, path inside it): reports/<folder>/<rest> or <directory>/<name>."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 3 and parts[0] == paths.REPORTS_DIR:
        return parts[1], "/".join(parts[2:])
    return str(PurePosixPath(path).parent), PurePosixPath(path).name


def _round_robin(lists: Sequence[Sequence[str]]) -> list[str]:
    """The first line of each list, then the second of each, ...: every group shows first."""
    longest = max((len(x) for x in lists), default=0)
    return [x[i] for i in range(longest) for x in lists if i < len(x)]


def blocks(changes: Changes) -> list[Block]:
    """The summary in reading order: verdict, headline numbers, plan, other key numbers,
    tables and figures, files without a number."""
    result = []
    if changes.verdicts:
        lines = [
            f"{label} {path}: {text}"
            for path, was, now in changes.verdicts[:1]
            for label, text in (("was", was or ABSENT), ("now", now or ABSENT))
        ]
        more = [
            f"{label} {path}: {text}"
            for path, was, now in changes.verdicts[1:]
            for label, text in (("was", was or ABSENT), ("now", now or ABSENT))
        ]
        result.append(Block("Verdict", [], lines, more))
    if problems := list(changes.shape_problems):
        title = "Key numbers that do not fit their schema (helpers.results_schema)"
        result.append(Block(title, [], problems[:MAX_LINES], problems[MAX_LINES:]))
    groups: dict[tuple, list[str]] = {}  # identical changes -> the folders they apply to
    for folder, found in changes.numbers.items():
        if folder != PLAN:
            groups.setdefault(tuple((k, repr(o), repr(n)) for k, o, n in found), []).append(folder)
    distinct = [(folders, changes.numbers[folders[0]]) for folders in groups.values()]
    headline: dict[tuple[str, str, str], list[str]] = {}  # (key, old, new) -> scenarios
    for folders, found in distinct:
        for key, old, new in found:
            if _headline_order(key) is not None:
                row = (key, _shown(old), _shown(new))
                headline.setdefault(row, []).append(_scenarios(folders, key, changes))
    if headline:
        rows = sorted(headline, key=lambda row: _headline_order(row[0]))
        table = [(*row, ", ".join(headline[row])) for row in rows]
        result.append(Block("Headline numbers", table, [], []))
    if PLAN in changes.numbers:
        plan = [line for _, line in collapsed(changes.numbers[PLAN])]
        result.append(Block(f"The runner's plan ({PLAN})", [], plan[:MAX_LINES], plan[MAX_LINES:]))
    other = [
        [
            f"{_scenarios(folders, key, changes)}: {line}"
            for key, line in collapsed([r for r in found if _headline_order(r[0]) is None])
        ]
        for folders, found in distinct
    ]
    other += [[f"{folder}: new, {count} key numbers"] for folder, count in changes.added.items()]
    other += [
        [f"{folder}: removed, it had {count} key numbers"]
        for folder, count in changes.removed.items()
    ]
    if lines := _round_robin(other):
        result.append(Block("Other key numbers", [], lines[:MAX_LINES], lines[MAX_LINES:]))
    files = [(kind, path) for kind, path in changes.figures]
    files += [(kind, path) for _, kind, path in changes.others]
    numbered = [f for f in files if f[1].endswith((".csv", *FIGURE_ENDINGS))]
    plain = [f for f in files if f not in numbered]
    if numbered:
        result.append(Block("Tables and figures", [], *_file_lines(numbered, changes)))
    if plain:
        result.append(
            Block("Files whose change carries no number", [], *_file_lines(plain, changes))
        )
    return result


def _file_lines(files: Sequence[tuple[str, str]], changes: Changes) -> tuple[list[str], list[str]]:
    """(lines shown, lines cut) naming every file at least once in the lines shown: a table
    with what changed in it, files without details per kind of change and set of folders; the
    details of tables beyond MAX_LINES are cut, their names stay."""
    details = changes.table_changes or {}
    by_name: dict[tuple[str, str], dict[str, list[str]]] = {}  # (kind, inner) -> detail -> where
    for kind, path in files:
        folder, inner = _location(path)
        by_name.setdefault((kind, inner), {}).setdefault(details.get(path, ""), []).append(folder)
    detailed, names = [], {}
    for (kind, inner), variants in by_name.items():
        everywhere = [folder for folders in variants.values() for folder in folders]
        if any(variants):
            lines = [
                f"{kind} {inner} in {', '.join(where)}: {detail}"
                for detail, where in variants.items()
            ]
            if len(lines) > 1:  # the first line names every folder; the others are cut
                where, detail = next(iter(variants.values())), next(iter(variants))
                lines[0] = (
                    f"{kind} {inner} in {', '.join(everywhere)}; in {', '.join(where)}: {detail}"
                )
            detailed.append((f"{kind} {inner} ({', '.join(everywhere)})", lines))
        else:
            names.setdefault((kind, tuple(everywhere)), []).append(inner)
    plain = [
        f"{kind} in {', '.join(where)}: {', '.join(inners)}"
        for (kind, where), inners in names.items()
    ]
    detailed.sort(key=lambda item: not item[0].split(" ")[1].endswith(FIRST_TABLES))
    room = max(MAX_LINES - len(plain), 3)
    shown = [lines[0] for _, lines in detailed[:room]]
    more = [line for _, lines in detailed[:room] for line in lines[1:]]
    more += [line for _, lines in detailed[room:] for line in lines]
    if rest := [name for name, _ in detailed[room:]]:
        shown.append(f"also {'; '.join(rest)}")
    return shown + plain, more


def header(changes: Changes) -> str:
    """Which two sides, with their project versions."""
    old, new = changes.versions
    return f"What changed from {changes.base} (version {old}) to {changes.head} (version {new}):"


def _aligned(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows as text columns; the last column is not padded."""
    rows = [[printable(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        indent + "  ".join([*(c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in rows
    ]


def render(changes: Changes, full: bool = False) -> str:
    """The summary as terminal text, control characters escaped; ``full``: nothing cut."""
    if not changes:
        return NO_CHANGE
    lines = [printable(header(changes))]
    for block in blocks(changes):
        lines += ["", printable(block.title)]
        if block.rows:
            lines += _aligned([("number", changes.base, changes.head, "in"), *block.rows])
        shown = block.lines + (block.more if full else block.more[:0])
        lines += ["  " + printable(line) for line in shown]
        if block.more and not full:
            lines.append(f"  +{len(block.more)} more (--full lists them)")
    return "\n".join(lines)


MARKDOWN_LIMIT = 60_000  # characters; a GitHub comment holds at most 65,536


def render_markdown(changes: Changes) -> str:
    """The summary as Markdown for a pull-request comment: headline numbers in a table, the
    cut lines in ``<details>`` (only counted if the comment would exceed MARKDOWN_LIMIT);
    every text from the data escaped."""
    if not changes:
        return markdown_text(NO_CHANGE)
    full = _markdown(changes, details=True)
    return full if len(full) <= MARKDOWN_LIMIT else _markdown(changes, details=False)


def _markdown(changes: Changes, details: bool) -> str:
    esc = markdown_text
    lines = [f"## {esc(header(changes))}"]
    for block in blocks(changes):
        lines += ["", f"### {esc(block.title)}", ""]
        if block.rows:
            lines.append(f"| number | {esc(changes.base)} | {esc(changes.head)} | in |")
            lines.append("| --- | --- | --- | --- |")
            lines += [f"| {' | '.join(esc(cell) for cell in row)} |" for row in block.rows]
        lines += [f"- {esc(line)}" for line in block.lines]
        if block.more and not details:
            lines.append(f"- {len(block.more)} more: `make changes ARGS=--full` lists them")
        elif block.more:
            lines += ["", f"<details><summary>{len(block.more)} more</summary>", ""]
            lines += [f"- {esc(line)}" for line in block.more]
            lines += ["", "</details>"]
    return "\n".join(lines)
