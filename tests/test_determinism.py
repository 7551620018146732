"""One command regenerates every output: the runner, run on a copy of the project's inputs (the
session's `regenerated` fixture), reproduces every file under reports/ and data/processed as
committed at HEAD (not as the working tree has it, so the test says the same before and after
`make reports`), and nothing else: byte for byte, or for the outputs with a stated tolerance the
same by helpers.equivalence (ASSUMPTIONS.md#r13). This proves both that the pipeline is
deterministic across machines and that the committed outputs are current."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest
from support.paths import REPO
from support.project import OUTPUTS

from helpers.equivalence import same_output

pytestmark = pytest.mark.slow


def files(root: Path) -> set[str]:
    found = set()
    for name in OUTPUTS:
        base = root / name
        if base.is_dir():
            found |= {p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file()}
    return found


def committed_outputs() -> dict[str, bytes]:
    """Every file under the output folders as committed at HEAD, by repo-relative path."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", "HEAD", "--", *OUTPUTS],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {
            member.name: tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.isfile()
        }


def test_regeneration_reproduces_the_committed_outputs(regenerated):
    assert regenerated.returncode == 0, regenerated.stderr[-5000:]
    head = committed_outputs()
    committed = set(head)
    assert any(name.startswith("reports/") for name in committed), (
        "no committed reports: run `make reports` and commit reports/ and data/processed"
    )
    produced = files(regenerated.root)
    assert sorted(produced - committed) == [], "generated but not committed"
    assert sorted(committed - produced) == [], "committed but no longer generated"
    differing = [
        name
        for name in sorted(committed)
        if not same_output(name, head[name], (regenerated.root / name).read_bytes())
    ]
    assert differing == [], (
        f"{len(differing)} file(s) differ from a fresh regeneration (stale reports, or output "
        f"that is not deterministic): {differing[:20]}"
    )
    assert "will differ on the next run" not in regenerated.stderr, regenerated.stderr[-5000:]
