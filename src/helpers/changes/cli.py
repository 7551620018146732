"""The change summary for the runner (:func:`summary_text`) and as a command (:func:`main`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers import paths
from helpers.changes.compare import ChangesError, compare
from helpers.changes.rendering import markdown_text, printable, render, render_markdown
from helpers.errors import ForeignTree


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
