"""One command regenerates every output byte for byte: the runner, run on a copy of the project's
inputs (the session's `regenerated` fixture), reproduces every committed file under reports/ and
data/processed, and nothing else. This proves both that the pipeline is deterministic and that the
committed outputs are current."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from conftest import OUTPUTS, REPO

pytestmark = pytest.mark.slow


def files(root: Path) -> set[str]:
    found = set()
    for name in OUTPUTS:
        base = root / name
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}
    return found


def test_regeneration_reproduces_the_committed_outputs_byte_for_byte(regenerated):
    assert regenerated.returncode == 0, regenerated.stderr[-5000:]
    committed = files(REPO)
    assert any(name.startswith("reports/") for name in committed), (
        "no committed reports: run `make reports` and commit reports/ and data/processed"
    )
    produced = files(regenerated.root)
    assert sorted(produced - committed) == [], "generated but not committed"
    assert sorted(committed - produced) == [], "committed but no longer generated"
    differing = [
        name
        for name in sorted(committed)
        if not filecmp.cmp(REPO / name, regenerated.root / name, shallow=False)
    ]
    assert differing == [], (
        f"{len(differing)} file(s) differ from a fresh regeneration (stale reports, or output "
        f"that is not deterministic): {differing[:20]}"
    )
    assert "will differ on the next run" not in regenerated.stderr, regenerated.stderr[-5000:]
