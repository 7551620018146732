"""The repository keeps its promises: layout, the two commands, CI, notebooks, assumption links."""

import json
import re

import pytest
from support.paths import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def test_layout():
    for name in ("README.md", "environment.yml", "pyproject.toml", "Makefile", "ASSUMPTIONS.md",
                 "scenarios.yaml", ".ci/run", "data/raw/source_register.csv",
                 "data/raw/README.md", "src/helpers/__init__.py"):  # fmt: skip
        assert (REPO / name).is_file(), name
    for name in ("notebooks", "data/processed", "reports", "tests"):
        assert (REPO / name).is_dir(), name


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands\s+```bash\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make reports", "make test"]
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "make test" in ci
    assert "make test-exhaustive" in ci  # CI runs every test there is, the long tier too
    assert "`make test-exhaustive`" in readme


def test_every_make_target_is_documented():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z][a-z-]*):", makefile, re.M)
    documented = re.findall(r"^([a-z][a-z-]*):.*## ", makefile, re.M)
    assert targets and set(targets) == set(documented)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_names_the_project_kernel_and_has_parameters_first(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "beschut-werk"
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    tagged = [c for c in code if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and code[0] is tagged[0]
    assert all(not c.get("outputs") for c in code), "notebooks/ holds notebooks without outputs"


def test_assumption_links_resolve():
    anchors = set(re.findall(r'<a id="([a-z]\d+)"></a>', (REPO / "ASSUMPTIONS.md").read_text()))
    assert {"a1", "a2", "a3"} <= anchors
    for source in sorted((REPO / "notebooks").glob("*.py")):
        for anchor in re.findall(r"ASSUMPTIONS\.md#([a-z]\d+)", source.read_text()):
            assert anchor in anchors, f"{source.name} links to a missing assumption #{anchor}"


def test_the_ci_workflow_runs_the_readme_test_command_on_every_supported_python():
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    test = workflow["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    commands = " ".join(step.get("run", "") for step in test["steps"])
    assert "make test" in commands and "make reports" in commands
    assert "make lint" in " ".join(s.get("run", "") for s in workflow["jobs"]["lint"]["steps"])
    assert "pip_audit" in " ".join(s.get("run", "") for s in workflow["jobs"]["audit"]["steps"])
    assert workflow["jobs"]["changes"]["if"] == "github.event_name == 'pull_request'"
