"""The committed reports are current: nbval re-executes every executed notebook under reports/
and compares its outputs with the committed ones (a change to code or data without
`make reports` fails here). The re-execution writes under a temporary BESCHUT_WRITE_ROOT, never
into the repository. Directories run as parallel pytest subprocesses (one per report directory).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import PYTHON, REPO

REPORTS = REPO / "reports"
SANITIZE = REPO / "tests" / "nbval_sanitize.cfg"
DIRECTORIES = sorted({p.parent.name for p in REPORTS.glob("*/*.ipynb")})


def run_nbval(directory: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="beschut-nbval-") as write_root:
        env = dict(os.environ, BESCHUT_WRITE_ROOT=write_root)
        env.pop("BESCHUT_PROJECT_ROOT", None)
        return subprocess.run(
            [
                PYTHON,
                "-m",
                "pytest",
                "--nbval",
                "--nbval-sanitize-with",
                str(SANITIZE),
                "-p",
                "no:cacheprovider",
                "-q",
                "--no-header",
                "-o",
                "addopts=",
                f"reports/{directory}",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )


@pytest.fixture(scope="module")
def nbval_results() -> dict[str, subprocess.CompletedProcess]:
    jobs = max(1, min(len(DIRECTORIES), os.cpu_count() or 1))
    with ThreadPoolExecutor(jobs) as pool:
        return dict(zip(DIRECTORIES, pool.map(run_nbval, DIRECTORIES), strict=True))


def test_reports_exist_for_every_notebook():
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        pytest.skip("no notebooks yet")
    executed = {p.stem for p in REPORTS.glob("*/*.ipynb")}
    missing = [nb for nb in notebooks if nb not in executed]
    assert not missing, f"no executed report for {missing}: run `make reports` and commit it"


@pytest.mark.slow
@pytest.mark.parametrize("directory", DIRECTORIES or ["(none)"])
def test_committed_report_outputs_are_current(directory, nbval_results):
    if directory == "(none)":
        pytest.skip("no executed notebooks under reports/ yet")
    result = nbval_results[directory]
    assert result.returncode == 0, (
        f"reports/{directory} is stale or not reproducible (re-run `make reports`):\n"
        + result.stdout[-6000:]
        + result.stderr[-2000:]
    )
    assert " passed" in result.stdout
