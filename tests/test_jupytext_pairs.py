"""Every notebooks/*.py has an .ipynb twin with the same cells (types, sources, tags), and vice
versa (the pre-commit hook and `make sync` keep them so)."""

from __future__ import annotations

import jupytext
import nbformat
import pytest
from conftest import REPO

NOTEBOOKS = REPO / "notebooks"
STEMS = sorted(
    {p.stem for p in NOTEBOOKS.glob("*.py")} | {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
)


def cells(nb: nbformat.NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


@pytest.mark.parametrize("stem", STEMS)
def test_pair_exists_and_is_in_sync(stem):
    py, ipynb = NOTEBOOKS / f"{stem}.py", NOTEBOOKS / f"{stem}.ipynb"
    assert py.exists(), f"{ipynb.name} has no py:percent twin: run `make sync`"
    assert ipynb.exists(), f"{py.name} has no .ipynb twin: run `make sync`"
    text_nb = jupytext.read(py)
    stored = nbformat.read(ipynb, as_version=4)
    a, b = cells(text_nb), cells(stored)
    for i, (left, right) in enumerate(zip(a, b, strict=False)):
        assert left == right, f"{stem}: cell {i} differs between .py and .ipynb: run `make sync`"
    assert len(a) == len(b), f"{stem}: {len(a)} cells in .py, {len(b)} in .ipynb: run `make sync`"
    assert stored.metadata.get("kernelspec", {}).get("name") == "beschut-werk"
    assert all(not c.get("outputs") for c in stored.cells), f"{ipynb.name} is stored with outputs"


def test_pre_commit_config_uses_local_hooks_only():
    import yaml

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    assert [r["repo"] for r in config["repos"]] == ["local"]
    entries = " ".join(h["entry"] for r in config["repos"] for h in r["hooks"])
    assert ".venv/bin/ruff" in entries and ".venv/bin/jupytext --sync" in entries
    assert all(h["language"] == "system" for r in config["repos"] for h in r["hooks"])
