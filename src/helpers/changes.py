"""What changed between two revisions, in the order a reviewer reads it.

First the verdict of reports/README.md and the headline numbers (HEADLINE_KEYS), then the other
key numbers (every number of each reports folder's results.json, flattened to dotted keys, and the
runner's plan reports/runs.json), then tables and figures (CSV with a count of changed values,
PNG, SVG), then the files whose change carries no number (HTML, executed notebooks, READMEs).
Reports folders whose key numbers changed identically (baseline and baseline_nl share numbers)
form one block naming them all. Long lists are cut ("+N more"; ``--full`` lists everything), but
every changed generated file is named at least once. ``--markdown`` writes the same for a
pull-request comment, every value from the data escaped.

``summary_text(root)`` compares the committed version (HEAD) with the working tree; the runner
prints it at the end of a regeneration. As a command, for a reviewer comparing two revisions:

    python -m helpers.changes [--base REV] [--head REV] [--full] [--markdown]   (make changes)

Reads git through its command line (``git rev-parse``, ``git show``, ``git ls-tree``).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
import subprocess
import sys
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from helpers import layout, outputs, paths
from helpers.errors import ForeignTree

RESULTS_FILE = layout.RESULTS_FILE
RUNS_FILE = layout.RUNS_FILE

NO_CHANGE = "No generated file changed."
OUTPUT_DIRS = (paths.REPORTS_DIR, paths.PROCESSED_DIR)
# Files whose change carries no key number, in the order a reviewer reads them.
OTHER_KINDS = (
    ("tables", (".csv",)),
    ("reports", (".md",)),
    ("SVG figures", (".svg",)),
    ("HTML reports", (".html",)),
    ("executed notebooks", (".ipynb",)),
)
WORKING_TREE = "working tree"
ABSENT = "(absent)"
PLAN = f"{paths.REPORTS_DIR}/{RUNS_FILE}"


class ChangesError(RuntimeError):
    """The comparison cannot be made (no git repository, unknown revision, unreadable file)."""


def flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Flatten nested results into (dotted key, scalar) pairs, in sorted key order; a list of
    scalars is one comma-separated value, a list of mappings is indexed ("key[0].value")."""
    if isinstance(data, Mapping):
        items: list[tuple[str, Any]] = []
        for key in sorted(data, key=str):
            items += flatten(data[key], f"{prefix}.{key}" if prefix else str(key))
        return items
    if isinstance(data, list):
        if all(not isinstance(v, Mapping | list) for v in data):
            return [(prefix, ", ".join(format_value(v) for v in data) or "(none)")]
        items = []
        for i, value in enumerate(data):
            items += flatten(value, f"{prefix}[{i}]")
        return items
    return [(prefix, data)]


def format_value(value: Any) -> str:
    """One raw number or text as written for a reviewer (no separators, no rounding)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return outputs.format_number(value)
    return str(value)


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``root`` and return its output; a failure raises ChangesError."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise ChangesError("git is not installed") from error
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()
        raise ChangesError(f"git {' '.join(args)} failed: {message}")
    return done.stdout


@dataclass(frozen=True)
class Snapshot:
    """The reports/ files of one side of the comparison: a revision or the working tree."""

    root: Path
    label: str
    blobs: Mapping[str, str]  # path relative to root -> git blob id
    revision: str | None  # the commit id; None: the working tree

    def read(self, path: str) -> bytes:
        """The bytes of ``path`` on this side."""
        if self.revision is None:
            return (self.root / path).read_bytes()
        return git(self.root, "show", f"{self.revision}:./{path}")

    def json(self, path: str) -> Any:
        """``path`` parsed as JSON, or ChangesError naming the file and side."""
        try:
            return json.loads(self.read(path).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ChangesError(f"{path} ({self.label}) is not valid JSON: {error}") from error


_T, _G = layout.TRAJECTORY, layout.TARGETS_GAP
HEADLINE_KEYS = (  # the numbers of the verdict and the report's first table, in this order
    f"{_T}.headline_model",
    f"{_T}.goals.*.median_year",
    f"{_T}.goals.*.p_by.2048",
    f"{_T}.goals.*.low_year",
    f"{_T}.goals.*.high_year",
    f"{_T}.latest.value",
    f"{_T}.latest.date",
    f"{_T}.observed_pace.per_year",
    f"{_T}.nowcast.median",
    f"{_G}.latest.gap",
    f"{layout.WAITING_LIST}.latest.waiting",
    f"{layout.FINANCE}.headline.balance_per_place_per_year",
)
VERDICT_FILES = tuple(f"{paths.REPORTS_DIR}/{name}" for name in layout.README_FILES.values())
FIGURE_ENDINGS = (".png", ".svg")
# The headline's own tables.
FIRST_TABLES = tuple(f"{layout.TABLES_DIR}/{name}" for name in ("trajectory.csv", "goal_years.csv"))
MAX_LINES = 8  # per block in the terminal; --full (or Markdown's <details>) shows the rest
PYPROJECT = "pyproject.toml"


def check_repository(root: Path) -> None:
    """Raise ChangesError unless ``root`` is inside a git work tree."""
    if not Path(root).is_dir():
        raise ChangesError(f"{root} is not a directory")
    try:
        git(root, "rev-parse", "--is-inside-work-tree")
    except ChangesError as error:
        raise ChangesError(
            f"{root} is not inside a git repository, so there is no committed version to "
            "compare with"
        ) from error


def resolve(root: Path, revision: str) -> str:
    """The commit id of any revision git accepts (``HEAD~2``, ``:/message``, a branch named
    ``-oops``); ChangesError naming it when there is no such commit."""
    try:  # resolve first, then peel: ":/message^{commit}" would search for "message^{commit}"
        found = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision)
        found = git(
            root, "rev-parse", "--verify", "--quiet", f"{found.decode().strip()}^{{commit}}"
        )
    except ChangesError as error:
        raise ChangesError(f"unknown revision {revision!r} (no such commit)") from error
    return found.decode().strip()


def at_revision(root: Path, revision: str) -> Snapshot:
    """The generated files committed at ``revision``."""
    commit = resolve(root, revision)
    listing = git(root, "ls-tree", "-r", "-z", commit, "--", *OUTPUT_DIRS)
    blobs = {}
    for entry in listing.decode().split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            _mode, kind, blob = meta.split()
            if kind == "blob":
                blobs[path] = blob
    return Snapshot(Path(root), revision, blobs, commit)


def in_working_tree(root: Path) -> Snapshot:
    """The generated files on disk (tracked or not, but not ignored), hashed as git would."""
    listing = git(
        root,
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
        *OUTPUT_DIRS,
    )
    files = sorted({p for p in listing.decode().split("\0") if p and (root / p).is_file()})
    ids = git(root, "hash-object", "--stdin-paths", stdin="\n".join(files).encode())
    blobs = dict(zip(files, ids.decode().split(), strict=True))
    return Snapshot(Path(root), WORKING_TREE, blobs, None)


def snapshot(root: Path, revision: str | None) -> Snapshot:
    """One side of the comparison: ``revision``, or the working tree when None."""
    return in_working_tree(root) if revision is None else at_revision(root, revision)


def project_version(side: Snapshot) -> str:
    """pyproject.toml's ``[project] version`` on this side, or "unknown"."""
    try:
        data = tomllib.loads(side.read(PYPROJECT).decode("utf-8"))
    except (ChangesError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "unknown"
    return str((data.get("project") or {}).get("version") or "unknown")


def verdict(side: Snapshot, path: str) -> str | None:
    """The bold verdict sentence of a reports README, links reduced to their text."""
    if path not in side.blobs:
        return None
    for line in side.read(path).decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("**") and line.endswith("**") and len(line) > 4:
            return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:-2])
    return None


def results_files(side: Snapshot) -> dict[str, str]:
    """Reports folder -> its results.json path."""
    found = {}
    for path in side.blobs:
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[0] == paths.REPORTS_DIR and parts[2] == RESULTS_FILE:
            found[parts[1]] = path
    return found


def key_numbers(side: Snapshot) -> dict[str, dict[str, Any]]:
    """Every key number of one side: reports folder (or the plan) -> dotted key -> value."""
    numbers = {
        folder: dict(flatten(side.json(path)))
        for folder, path in sorted(results_files(side).items())
    }
    if PLAN in side.blobs:
        numbers[PLAN] = dict(flatten(side.json(PLAN)))
    return numbers


@dataclass(frozen=True)
class Changes:
    """What differs between two sides."""

    base: str
    head: str
    numbers: Mapping[str, list[tuple[str, Any, Any]]]  # folder -> (key, old, new)
    added: Mapping[str, int]  # folder -> its number of key numbers
    removed: Mapping[str, int]
    figures: list[tuple[str, str]]  # (changed/added/removed, path)
    others: list[tuple[str, str, str]]  # (kind of file, changed/added/removed, path)
    users: Mapping[str, Sequence[str]]  # folder (or "folder:section") -> scenarios reading it
    versions: tuple[str, str] = ("unknown", "unknown")  # pyproject version of base, head
    verdicts: Sequence[tuple[str, str | None, str | None]] = ()  # (README, old, new) if changed
    table_changes: Mapping[str, str] | None = None  # CSV path -> what changed (counts, |Δ|)

    def __bool__(self) -> bool:
        return bool(self.numbers or self.added or self.removed or self.figures or self.others)


def differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(key, old, new) for every key whose value differs, absent keys as ABSENT."""
    keys = list(new) + [k for k in old if k not in new]
    return [
        (key, old.get(key, ABSENT), new.get(key, ABSENT))
        for key in keys
        if key not in old or key not in new or old[key] != new[key]
    ]


def folder_users(numbers: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Reports folder -> the scenarios reading outputs from it, from a flattened runs.json."""
    users: dict[str, list[str]] = {}
    for key, folder in (numbers.get(PLAN) or {}).items():
        parts = key.split(".")
        is_notebook = len(parts) == 4 and parts[0] == "scenarios" and parts[2] == "notebooks"
        if not is_notebook:
            continue
        section = parts[3].split("_", 1)[-1]  # 03_targets_gap -> targets_gap
        for name in (str(folder), f"{folder}:{section}"):
            if parts[1] not in users.setdefault(name, []):
                users[name].append(parts[1])
    return users


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def table_change(old: bytes | None, new: bytes | None) -> str:
    """What changed in a CSV table: how many values, the largest numeric |Δ| and where, rows."""
    if old is None or new is None:
        return ""
    try:
        before = list(csv.reader(io.StringIO(old.decode("utf-8"))))
        after = list(csv.reader(io.StringIO(new.decode("utf-8"))))
    except (UnicodeDecodeError, csv.Error):
        return "changed (not readable as CSV)"
    header = after[0] if after else []
    parts = []
    if (before[:1] or [[]]) != (after[:1] or [[]]):
        parts.append("header changed")
    count, largest, where = 0, None, ""
    for row_old, row_new in zip(before[1:], after[1:], strict=False):
        for i, (a, b) in enumerate(zip(row_old, row_new, strict=False)):
            if a == b:
                continue
            count += 1
            x, y = _number(a), _number(b)
            if x is not None and y is not None and (largest is None or abs(y - x) > largest):
                column = header[i] if i < len(header) else f"column {i + 1}"
                largest, where = abs(y - x), f"{row_new[0]}, {column}: {a} → {b}"
    if count:
        text = f"{count} value{'s' if count != 1 else ''} changed"
        if largest is not None:
            text += f", largest |Δ| {outputs.format_number(largest)} ({where})"
        parts.append(text)
    if len(before) != len(after):
        parts.append(f"rows {max(len(before) - 1, 0)} → {max(len(after) - 1, 0)}")
    return "; ".join(parts) or "changed (same values, other bytes)"


def compare(root: Path, base: str = "HEAD", head: str | None = None) -> Changes:
    """Compare the generated files of revision ``base`` with ``head`` (None: the working
    tree)."""
    root = Path(root)
    check_repository(root)
    old_side, new_side = snapshot(root, base), snapshot(root, head)
    old, new = key_numbers(old_side), key_numbers(new_side)
    numbers = {}
    for folder in sorted(set(old) & set(new)):
        if found := differences(old[folder], new[folder]):
            numbers[folder] = found
    figures, others, tables = [], [], {}
    for path in sorted(set(old_side.blobs) | set(new_side.blobs)):
        before, after = old_side.blobs.get(path), new_side.blobs.get(path)
        if before == after or PurePosixPath(path).name in (RESULTS_FILE, RUNS_FILE):
            continue  # key numbers are compared value by value
        kind = "added" if before is None else "removed" if after is None else "changed"
        if path.endswith(".png"):
            figures.append((kind, path))
        else:
            others.append((other_kind(path), kind, path))
        if path.endswith(".csv"):
            tables[path] = table_change(
                old_side.read(path) if before else None, new_side.read(path) if after else None
            )
    order = [name for name, _ in OTHER_KINDS] + ["other files"]
    others.sort(key=lambda row: (order.index(row[0]), row[2]))
    verdicts = []
    for path in VERDICT_FILES:
        was, now = verdict(old_side, path), verdict(new_side, path)
        if was != now:
            verdicts.append((path, was, now))
    return Changes(
        base=old_side.label,
        head=new_side.label,
        numbers=numbers,
        added={f: len(new[f]) for f in sorted(set(new) - set(old))},
        removed={f: len(old[f]) for f in sorted(set(old) - set(new))},
        figures=figures,
        others=others,
        users=folder_users(new) or folder_users(old),
        versions=(project_version(old_side), project_version(new_side)),
        verdicts=verdicts,
        table_changes=tables,
    )


def other_kind(path: str) -> str:
    """The kind of a generated file whose change is listed by name (OTHER_KINDS)."""
    for name, endings in OTHER_KINDS:
        if path.endswith(endings):
            return name
    return "other files"


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
            (abs(_number(new) - _number(old)), key, old, new)
            for key, old, new in rows
            if _number(old) is not None and _number(new) is not None
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


def summary_text(
    root: Path,
    base: str = "HEAD",
    head: str | None = None,
    full: bool = False,
    markdown: bool = False,
) -> str:
    """What changed from ``base`` to ``head`` (None: the working tree), or why it cannot be
    compared; never raises for a missing repository or revision."""
    try:
        found = compare(root, base, head)
    except ChangesError as error:
        text = f"What changed: cannot compare ({error})."
        return markdown_text(text) if markdown else printable(text)
    return render_markdown(found) if markdown else render(found, full)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print what changed; exit 2 when the comparison cannot be made."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.changes",
        description="What changed between two revisions: verdict and headline numbers first, "
        "then other key numbers, tables and figures, and files that carry no number.",
    )
    parser.add_argument("--base", default="HEAD", help="the old revision (default: HEAD)")
    parser.add_argument("--head", default=None, help="the new revision (default: the working tree)")
    parser.add_argument("--full", action="store_true", help="list everything, nothing cut")
    parser.add_argument(
        "--markdown", action="store_true", help="Markdown for a pull-request comment"
    )
    parser.add_argument(
        "--root", type=Path, default=None, help="the project root (default: this project)"
    )
    args = parser.parse_args(argv)
    try:
        found = compare(args.root or paths.project_root(), args.base, args.head)
    except ChangesError as error:
        print(printable(f"helpers.changes: {error}"), file=sys.stderr)
        return 2
    except ForeignTree as error:
        print(printable(f"helpers.changes: {error}"), file=sys.stderr)
        return 73
    print(render_markdown(found) if args.markdown else render(found, args.full))
    return 0


if __name__ == "__main__":
    sys.exit(main())
