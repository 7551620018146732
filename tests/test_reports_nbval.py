"""The committed reports are current: every executed notebook under reports/ is compared, cell by
cell, with the same notebook executed by this session's regeneration (the `regenerated` fixture),
using nbval's own output comparison and the project's nbval sanitiser (tests/nbval_sanitize.cfg).
A change to code or data without `make reports` fails here, with nbval's diff of the cell.

Each notebook is executed once per session (by the regeneration), not again by nbval; the classic
`pytest --nbval reports/`, which re-executes every report in a kernel, runs in the exhaustive tier.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections import OrderedDict
from types import SimpleNamespace

import nbformat
import pytest
from nbval.plugin import IPyNbCell, coalesce_streams, get_sanitize_patterns, nocolors
from support.paths import PYTHON, REPO, REPORTS

SANITIZE = REPO / "tests" / "nbval_sanitize.cfg"
# nbval items are the cells of a notebook: keep each notebook on one worker (--dist loadfile).
NBVAL_ARGS = ("-p", "no:cacheprovider", "-q", "-o", "addopts=", "-n", "auto", "--dist", "loadfile")
EXECUTED = sorted(p.relative_to(REPO).as_posix() for p in REPORTS.glob("*/*.ipynb"))


class NbvalComparison:
    """nbval's comparison of a cell's outputs with the reference, without a kernel: the methods
    are nbval's own (IPyNbCell); the skips are nbval 0.11's defaults without --nbdime (images are
    not compared here; test_determinism compares every byte of every file)."""

    colors = nocolors
    compare_outputs = IPyNbCell.compare_outputs
    format_output_compare = IPyNbCell.format_output_compare
    sanitize = IPyNbCell.sanitize

    def __init__(self) -> None:
        patterns = OrderedDict(get_sanitize_patterns(SANITIZE.read_text()))
        skip = (
            "metadata",
            "traceback",
            "prompt_number",
            "output_type",
            "name",
            "execution_count",
            "application/vnd.jupyter.widget-view+json",
            "image/png",
            "image/jpeg",
        )
        self.parent = SimpleNamespace(sanitize_patterns=patterns, skip_compare=skip)
        self.comparison_traceback: list[str] = []


def test_every_notebook_has_an_executed_report():
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks, "no notebooks found"
    executed = {p.stem for p in REPORTS.glob("*/*.ipynb")}
    missing = [nb for nb in notebooks if nb not in executed]
    assert not missing, f"no executed report for {missing}: run `make reports` and commit it"


@pytest.mark.slow
@pytest.mark.parametrize("report", EXECUTED)
def test_committed_report_outputs_are_current(report, regenerated):
    assert regenerated.returncode == 0, regenerated.stderr[-5000:]
    fresh = regenerated.root / report
    assert fresh.exists(), f"{report} is no longer generated (re-run `make reports`)"
    committed = nbformat.read(REPO / report, as_version=4)
    executed = nbformat.read(fresh, as_version=4)
    reference = [c for c in committed.cells if c.cell_type == "code"]
    test = [c for c in executed.cells if c.cell_type == "code"]
    assert len(reference) == len(test), f"{report}: the notebook's code cells changed"
    comparison = NbvalComparison()
    for number, (ref, new) in enumerate(zip(reference, test, strict=True)):
        assert ref.source == new.source, f"{report} cell {number}: the source changed"
        if ref.execution_count is None:  # nbval: an unrun reference cell is not compared
            assert not ref.outputs, f"{report} cell {number}: unrun reference cell has outputs"
            continue
        same = comparison.compare_outputs(
            coalesce_streams(new.outputs), coalesce_streams(ref.outputs)
        )
        assert same, (
            f"{report} cell {number} is stale or not reproducible (re-run `make reports`):\n"
            + "\n".join(comparison.comparison_traceback)[-6000:]
        )


@pytest.mark.slow
@pytest.mark.exhaustive
def test_nbval_reexecutes_every_committed_report():
    """`pytest --nbval` on reports/: every executed notebook runs again in a kernel and its
    outputs must match (writes go to a temporary BESCHUT_WRITE_ROOT, never the repository)."""
    with tempfile.TemporaryDirectory(prefix="beschut-nbval-") as write_root:
        env = dict(os.environ, BESCHUT_WRITE_ROOT=write_root)
        env.pop("BESCHUT_PROJECT_ROOT", None)
        done = subprocess.run(
            [
                PYTHON,
                "-m",
                "pytest",
                "--nbval",
                "--nbval-sanitize-with",
                SANITIZE,
                *NBVAL_ARGS,
                "reports",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
        )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
