"""One command regenerates every output byte for byte: the runner, run on a copy of the project's
inputs, reproduces every committed file under reports/ and data/processed. This proves both that
the pipeline is deterministic and that the committed outputs are current."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PYTHON, REPO, runner_env

INPUTS = ("data/raw", "notebooks", "scenarios.yaml", "ASSUMPTIONS.md")
OUTPUTS = ("reports", "data/processed")


def files(root: Path) -> set[str]:
    found = set()
    for name in OUTPUTS:
        base = root / name
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}
    return found


def copy_project(target: Path) -> None:
    for name in (*INPUTS, *OUTPUTS):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_regeneration_reproduces_the_committed_outputs_byte_for_byte(tmp_path):
    committed = files(REPO)
    if not any(name.startswith("reports/") for name in committed):
        pytest.fail(
            "no committed reports: run `make reports` and commit reports/ and data/processed"
        )
    project = tmp_path / "project"
    copy_project(project)
    result = subprocess.run(
        [PYTHON, "-m", "helpers.runner"],
        env=runner_env(project),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    regenerated = files(project)
    assert sorted(regenerated - committed) == [], "generated but not committed"
    assert sorted(committed - regenerated) == [], "committed but no longer generated"
    differing = [
        name
        for name in sorted(committed)
        if not filecmp.cmp(REPO / name, project / name, shallow=False)
    ]
    assert differing == [], (
        f"{len(differing)} file(s) differ from a fresh regeneration (stale reports, or output "
        f"that is not deterministic): {differing[:20]}"
    )
    assert "will differ on the next run" not in result.stderr, result.stderr[-5000:]
