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

One module per job: :mod:`.compare` (the two sides and what changed), :mod:`.rendering` (terminal
text and Markdown) and :mod:`.cli` (the runner's summary and the command).
"""

from helpers.changes.cli import main, summary_text
from helpers.changes.compare import (
    NO_CHANGE,
    Changes,
    ChangesError,
    compare,
    flatten,
    table_change,
)
from helpers.changes.rendering import _location, markdown_text, printable, render, render_markdown

__all__ = [
    "NO_CHANGE",
    "Changes",
    "ChangesError",
    "_location",
    "compare",
    "flatten",
    "main",
    "markdown_text",
    "printable",
    "render",
    "render_markdown",
    "summary_text",
    "table_change",
]
