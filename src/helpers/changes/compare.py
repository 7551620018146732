"""The comparison: the generated files of two sides (a revision or the working tree), read
through git's command line (``git rev-parse``, ``git show``, ``git ls-tree``), and what changed
between them: key numbers of every results.json and of runs.json, tables, figures, other files.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from helpers import layout, outputs, paths, results_schema

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


def shape_problems(side: Snapshot, folders: Sequence[str]) -> list[str]:
    """One line per section of these folders' results.json that does not fit its model in
    :mod:`helpers.results_schema` (a renamed key, a number written as text, a missing key): the
    first such key (a wrong value before a missing key), and how many more."""
    lines = []
    for folder, path in sorted(results_files(side).items()):
        if folder not in folders:
            continue
        data = side.json(path)
        for section in sorted(data) if isinstance(data, Mapping) else ():
            found = results_schema.problems(section, data[section])
            found.sort(key=lambda problem: problem[1] == "missing")  # a wrong value first
            if found:
                (key, message), more = found[0], len(found) - 1
                others = f" (and {more} more key{'s' if more > 1 else ''})" if more else ""
                lines.append(f"{path}: {section}.{key}: {message}{others}")
    return lines


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
    shape_problems: Sequence[str] = ()  # head's sections that do not fit helpers.results_schema

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


def number_of(value: Any) -> float | None:
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
            x, y = number_of(a), number_of(b)
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
        shape_problems=shape_problems(new_side, [*numbers, *(set(new) - set(old))]),
    )


def other_kind(path: str) -> str:
    """The kind of a generated file whose change is listed by name (OTHER_KINDS)."""
    for name, endings in OTHER_KINDS:
        if path.endswith(endings):
            return name
    return "other files"
