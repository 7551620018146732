"""What changed between two revisions: the key numbers and the figures.

The key numbers are every number of each reports folder's results.json (flattened to dotted
keys) and the runner's plan, reports/runs.json. A figure changed when its PNG bytes differ.
``summary_text(root)`` compares the committed version (HEAD) with the working tree; the runner
prints it at the end of a regeneration. As a command, for a reviewer comparing two revisions:

    python -m helpers.changes [--base REV] [--head REV]   (make changes)

Reads git through its command line (``git show``, ``git ls-tree``, ``git ls-files``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from helpers import outputs, paths
from helpers.errors import ForeignTree

RESULTS_FILE = "results.json"
RUNS_FILE = "runs.json"

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
    revision: str | None  # None: the working tree

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


def at_revision(root: Path, revision: str) -> Snapshot:
    """The reports/ files committed at ``revision``."""
    try:
        commit = git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except ChangesError as error:
        raise ChangesError(f"unknown revision {revision!r} (no such commit)") from error
    listing = git(root, "ls-tree", "-r", "-z", commit.decode().strip(), "--", *OUTPUT_DIRS)
    blobs = {}
    for entry in listing.decode().split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            _mode, kind, blob = meta.split()
            if kind == "blob":
                blobs[path] = blob
    return Snapshot(Path(root), revision, blobs, revision)


def in_working_tree(root: Path) -> Snapshot:
    """The reports/ files on disk (tracked or not, but not ignored); PNGs hashed as git would."""
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
    users: Mapping[str, Sequence[str]]  # folder -> scenarios whose outputs it holds

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
        if is_notebook and parts[1] not in users.setdefault(str(folder), []):
            users[str(folder)].append(parts[1])
    return users


def compare(root: Path, base: str = "HEAD", head: str | None = None) -> Changes:
    """Compare the key numbers and figures of revision ``base`` with ``head`` (None: the
    working tree)."""
    root = Path(root)
    check_repository(root)
    old_side, new_side = snapshot(root, base), snapshot(root, head)
    old, new = key_numbers(old_side), key_numbers(new_side)
    numbers = {}
    for folder in sorted(set(old) & set(new)):
        if found := differences(old[folder], new[folder]):
            numbers[folder] = found
    figures, others = [], []
    for path in sorted(set(old_side.blobs) | set(new_side.blobs)):
        before, after = old_side.blobs.get(path), new_side.blobs.get(path)
        if before == after or PurePosixPath(path).name in (RESULTS_FILE, RUNS_FILE):
            continue  # key numbers are compared value by value
        kind = "added" if before is None else "removed" if after is None else "changed"
        if path.endswith(".png"):
            figures.append((kind, path))
        else:
            others.append((other_kind(path), kind, path))
    order = [name for name, _ in OTHER_KINDS] + ["other files"]
    others.sort(key=lambda row: (order.index(row[0]), row[2]))
    return Changes(
        base=old_side.label,
        head=new_side.label,
        numbers=numbers,
        added={f: len(new[f]) for f in sorted(set(new) - set(old))},
        removed={f: len(old[f]) for f in sorted(set(old) - set(new))},
        figures=figures,
        others=others,
        users=folder_users(new) or folder_users(old),
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


def _title(folder: str, changes: Changes) -> str:
    if folder == PLAN:
        return f"the runner's plan ({PLAN})"
    users = [s for s in changes.users.get(folder, []) if s != folder]
    shared = f"; shared with {', '.join(users)}" if users else ""
    return f"{folder} ({paths.REPORTS_DIR}/{folder}/{RESULTS_FILE}{shared})"


MAX_CELL = 60  # a longer value (a sentence, a long list) is cut to this many characters


def _cell(text: str) -> str:
    text = printable(text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _aligned(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows as text columns, long values (not the first column, the key) cut; the last column
    is not padded."""
    rows = [[printable(row[0]), *(_cell(c) for c in row[1:])] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        indent + "  ".join([*(c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in rows
    ]


def render(changes: Changes) -> str:
    """The summary as text: numbers per scenario folder with old and new side by side, figures."""
    if not changes:
        return NO_CHANGE
    lines = [f"What changed from {changes.base} to {changes.head}:"]
    folders = sorted(
        set(changes.numbers) | set(changes.added) | set(changes.removed),
        key=lambda folder: (folder != PLAN, folder),  # the plan first
    )
    if folders:
        lines += ["", "Key numbers:"]
    for folder in folders:
        lines += ["", _title(folder, changes)]
        if folder in changes.added:
            lines.append(f"  new: {changes.added[folder]} key numbers")
        elif folder in changes.removed:
            lines.append(f"  removed: it had {changes.removed[folder]} key numbers")
        else:
            rows = [["number", changes.base, changes.head]] + [
                [key, _shown(old), _shown(new)] for key, old, new in changes.numbers[folder]
            ]
            lines += _aligned(rows)
    if changes.figures:
        lines += ["", "Figures whose image changed:"]
        lines += _aligned([[kind, path] for kind, path in changes.figures])
    kinds = list(dict.fromkeys(name for name, _, _ in changes.others))
    for name in kinds:
        rows = [[kind, path] for other, kind, path in changes.others if other == name]
        lines += ["", f"Other {name} changed ({len(rows)}; no key number):"]
        lines += _aligned(rows)
    return "\n".join(lines)


def _shown(value: Any) -> str:
    return value if value is ABSENT else format_value(value)


def summary_text(root: Path, base: str = "HEAD", head: str | None = None) -> str:
    """The key numbers and figures that changed from ``base`` to ``head`` (None: the working
    tree), or why they cannot be compared; never raises for a missing repository or revision."""
    try:
        return render(compare(root, base, head))
    except ChangesError as error:
        return f"What changed: cannot compare ({error})."


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print what changed; exit 2 when the comparison cannot be made."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.changes",
        description="The key numbers (results.json, runs.json) and figures (PNG) that changed "
        "between two revisions, old and new side by side.",
    )
    parser.add_argument("--base", default="HEAD", help="the old revision (default: HEAD)")
    parser.add_argument("--head", default=None, help="the new revision (default: the working tree)")
    parser.add_argument(
        "--root", type=Path, default=None, help="the project root (default: this project)"
    )
    args = parser.parse_args(argv)
    try:
        print(render(compare(args.root or paths.project_root(), args.base, args.head)))
    except ChangesError as error:
        print(f"helpers.changes: {error}", file=sys.stderr)
        return 2
    except ForeignTree as error:
        print(f"helpers.changes: {error}", file=sys.stderr)
        return 73
    return 0


if __name__ == "__main__":
    sys.exit(main())
