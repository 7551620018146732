"""The runner: scenario file checks, parameter filtering, refusals, failure reports, sanitising,
README generation, locking and recovery. Fast tests use stand-in notebooks (tests/conftest.py);
tests that start kernels are marked slow."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import PYTHON, REPO, SCENARIOS, build_project, make_notebook, runner_env
from fault_runner import fast_run

from helpers import notebook_meta, outputs, runner

# ---------------------------------------------------------------------------------------------
# scenario file


def load(project: Path, text: str) -> runner.Config:
    return runner.load_config(project, text=text)


def test_standin_scenario_file_loads_and_merges_defaults(standin_project):
    config = runner.load_config(standin_project)
    assert [nb.name for nb in config.notebooks] == ["01_clean", "02_trajectory", "03_targets_gap"]
    assert [nb.scope for nb in config.notebooks] == ["once", "per scenario", "per scenario"]
    assert config.scenarios["baseline"] == {"fit_start": 2015, "language": "en"}
    assert config.scenarios["since_obligation"] == {"fit_start": 2017, "language": "en"}
    assert config.overrides["since_obligation"] == {"fit_start": 2017}


def test_repository_scenario_file_is_valid():
    config = runner.load_config(REPO)
    assert list(config.scenarios) == ["baseline", "since_obligation", "pre_covid", "baseline_nl"]
    assert config.scenarios["baseline"]["fit_start"] == 2015
    assert "fit_end" not in config.scenarios["baseline"]  # the notebook's default: follow the data
    assert config.scenarios["since_obligation"]["fit_start"] == 2017
    assert config.scenarios["pre_covid"]["fit_end"] == 2019
    assert config.scenarios["baseline_nl"] == {**config.scenarios["baseline"], "language": "nl"}
    assert [nb.name for nb in config.once] == ["01_clean"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "  since_obligation:\n    fit_start: 2017\n",
                "  since_obligation:\n    fit_stat: 2017\n",
            ),
            "parameter 'fit_stat' is not declared by any notebook",
        ),
        (("defaults:\n", "defaults:\n  n_path: 3\n"), "parameter 'n_path' is not declared"),
        (
            ("  baseline: {}\n", "  baseline:\n    output_dir: elsewhere\n"),
            "parameter 'output_dir' is set by the runner",
        ),
        (
            ("    fit_start: 2017\n", '    fit_start: "2017"\n'),
            "parameter 'fit_start' (notebook 02_trajectory): should be a valid integer",
        ),
        (("  baseline: {}\n", "  ../escape: {}\n"), "scenario name '../escape' must be"),
        (("  baseline: {}\n", "  a/b: {}\n"), "scenario name 'a/b' must be"),
        (("  baseline: {}\n", "  Baseline: {}\n"), "scenario name 'Baseline' must be"),
        (("  baseline: {}\n", '  "evil\\n": {}\n'), "scenario name 'evil\\n' must be"),
        (("  baseline: {}\n", "  cleaning: {}\n"), "reserved for the cleaning report"),
        (
            ("scenarios:\n", "extras: 1\nscenarios:\n"),
            "scenarios.yaml, line 14: extras: Extra inputs are not permitted",
        ),
        (
            ("  - name: 03_targets_gap\n", "  - name: 04_missing\n"),
            "notebooks/04_missing.ipynb does not exist",
        ),
        (("    scope: once\n", "    scope: twice\n"), "notebooks.0.scope: should be 'once' or"),
        (("      output_dir: data/processed\n", "      output_dir: ../outside\n"), "'..'"),
        (
            ("      output_dir: data/processed\n", "      output_dir: data/raw\n"),
            "'data/raw' is not an output location",
        ),
        (
            ("      output_dir: data/processed\n", "      output_dir: reports/x\n"),
            "must not be inside reports/",
        ),
        (("  - name: 02_trajectory\n", "  - name: ../02_trajectory\n"), "must match"),
    ],
)
def test_scenario_file_errors_name_the_problem(standin_project, change, expected):
    old, new = change
    assert old in SCENARIOS
    with pytest.raises(
        runner.ConfigError,
        match=re.escape(expected),
    ):
        load(standin_project, SCENARIOS.replace(old, new, 1))


def test_once_notebooks_must_come_first(standin_project):
    text = SCENARIOS.replace(
        "  - name: 01_clean\n    scope: once\n    parameters:\n"
        "      register_path: data/raw/source_register.csv\n      output_dir: data/processed\n",
        "",
    ).replace(
        "    scope: per scenario\ndefaults:",
        "    scope: per scenario\n  - name: 01_clean\n    scope: once\n    parameters:\n"
        "      output_dir: data/processed\ndefaults:",
    )
    with pytest.raises(runner.ConfigError, match="must come first"):
        load(standin_project, text)


def test_parameters_are_filtered_per_notebook(standin_project):
    config = runner.load_config(standin_project)
    scenario = config.scenarios["since_obligation"]
    traj = runner.notebook_parameters(config.notebook("02_trajectory"), scenario, "reports/x")
    gap = runner.notebook_parameters(config.notebook("03_targets_gap"), scenario, "reports/x")
    assert traj == {"fit_start": 2017, "language": "en", "output_dir": "reports/x"}
    assert gap == {"language": "en", "output_dir": "reports/x"}


def test_plan_full_and_subset(standin_project):
    config = runner.load_config(standin_project)
    full = runner.plan(config)
    assert [g.name for g in full] == ["cleaning", "baseline", "since_obligation"]
    assert all(g.complete for g in full)
    assert full[0].targets == ["data/processed", "reports/cleaning"]
    assert full[1].runs[0].parameters["output_dir"] == "reports/baseline"
    subset = runner.plan(config, ["baseline"], ["02_trajectory"])
    assert [g.name for g in subset] == ["baseline"]
    assert not subset[0].complete
    assert [r.label for r in subset[0].runs] == ["baseline/02_trajectory"]
    only_clean = runner.plan(config, [], ["01_clean"])
    assert [g.name for g in only_clean] == ["cleaning"]


@pytest.mark.parametrize(
    ("scenarios", "notebooks", "expected"),
    [
        (["../baseline"], [], "must be 1 to 64"),
        (["base/line"], [], "must be 1 to 64"),
        (["nosuch"], [], "--scenario nosuch: unknown"),
        ([], ["99_nosuch"], "--notebook 99_nosuch: unknown"),
    ],
)
def test_plan_refuses_unknown_or_unsafe_names(standin_project, scenarios, notebooks, expected):
    config = runner.load_config(standin_project)
    with pytest.raises(runner.ConfigError, match=expected):
        runner.plan(config, scenarios, notebooks)


def test_command_line_refuses_before_any_work(standin_project, capsys, monkeypatch):
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(standin_project))
    assert runner.main(["--scenario", "../etc"]) == runner.EXIT_USAGE
    assert "must be 1 to 64 lower-case" in capsys.readouterr().err
    assert runner.main(["--jobs", "0"]) == runner.EXIT_USAGE
    assert not (standin_project / "reports").exists()
    assert not (standin_project / ".staging").exists()
    assert runner.main(["--list"]) == 0
    out = capsys.readouterr().out
    assert "since_obligation" in out and "fit_start=2017" in out


# ---------------------------------------------------------------------------------------------
# failure reports


def test_source_cell_index_skips_the_injected_cell():
    nb = make_notebook("x = 1", "a = 1", "b = 2")  # cells: md, parameters, a, b
    # executed: md(0) parameters(1) injected(2) a(3) b(4)
    assert runner._source_cell_index(nb.cells, 4) == 3
    assert runner._source_cell_index(nb.cells, 3) == 2
    assert runner._source_cell_index(nb.cells, 1) == 1
    assert runner._source_cell_index(nb.cells, 2) is None


def test_failure_message_names_cell_exception_and_log():
    result = {
        "label": "baseline/02_trajectory",
        "ok": False,
        "cell_index": 4,
        "source_cell_index": 3,
        "exec_count": 4,
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "source": "\nratio = 1 / 0\n",
        "log": "logs/baseline/02_trajectory.log",
    }
    text = runner.format_failure(result)
    assert "baseline/02_trajectory: failed in cell 3 of notebooks/02_trajectory.ipynb" in text
    assert "In [4]" in text and "`ratio = 1 / 0`" in text
    assert "ZeroDivisionError: division by zero" in text
    assert "logs/baseline/02_trajectory.log" in text
    skipped = runner.format_failure({"label": "b/03", "skipped": "the cleaning step failed"})
    assert skipped == "b/03: not run (the cleaning step failed)"


def test_failing_run_is_reported_and_does_not_stop_the_others(tmp_path):
    project = build_project(tmp_path / "p")
    log = tmp_path / "runner.log"
    first = fast_run(project, log)  # the real runner, forked, notebooks executed in-process
    first.join(120)
    assert first.exitcode == 0, log.read_text()
    before = (project / "reports" / "since_obligation" / "results.json").read_bytes()
    # 03_targets_gap declares no fit window: it runs once, published in reports/baseline only
    assert not (project / "reports" / "since_obligation" / "03_targets_gap.ipynb").exists()
    runs = json.loads((project / "reports" / "runs.json").read_text())
    assert runs["scenarios"]["since_obligation"]["notebooks"] == {
        "02_trajectory": "since_obligation",
        "03_targets_gap": "baseline",
    }
    # 02_trajectory now fails in its cell 3 (0-based) for scenario since_obligation only.
    nb = nbformat.read(project / "notebooks" / "02_trajectory.ipynb", as_version=4)
    nb.cells[3].source = "if fit_start == 2017:\n    1 / 0\n" + nb.cells[3].source
    nbformat.write(nb, project / "notebooks" / "02_trajectory.ipynb")
    (project / "data" / "raw" / "source_register.csv").write_text(
        (project / "data" / "raw" / "source_register.csv").read_text().replace("14000", "15000")
    )
    second = fast_run(project, log)
    second.join(120)
    assert second.exitcode == runner.EXIT_FAILED
    err = log.read_text()
    assert "1 run(s) failed" in err
    assert (
        "since_obligation/02_trajectory (scenario since_obligation): failed in cell 3 of "
        "notebooks/02_trajectory.ipynb" in err
    )
    assert "ZeroDivisionError: division by zero" in err
    assert "not published: since_obligation keeps its previous outputs" in err
    assert "Traceback" not in err
    # the failing scenario keeps its previous complete outputs; the others are new
    assert (project / "reports" / "since_obligation" / "results.json").read_bytes() == before
    base = json.loads((project / "reports" / "baseline" / "results.json").read_text())
    assert base["toy_gap"]["last"] == 15000
    assert "15000" in (project / "data" / "processed" / "series.csv").read_text()
    log = (project / "logs" / "since_obligation" / "02_trajectory.log").read_text()
    assert "ZeroDivisionError" in log
    assert not (project / ".staging").exists()


# ---------------------------------------------------------------------------------------------
# sanitising executed notebooks


def executed_like_papermill() -> nbformat.NotebookNode:
    nb = make_notebook("x = 1", "print(x)")
    injected = nbformat.v4.new_code_cell("# Parameters\nx = 2\n")
    injected.metadata["tags"] = ["injected-parameters"]
    injected["id"] = "a1b2c3d4"
    nb.cells.insert(2, injected)
    stamp = "2026-11-23T06:44:48.427876+00:00"
    for i, cell in enumerate(nb.cells):
        cell.metadata["papermill"] = {
            "duration": 0.1,
            "end_time": stamp,
            "exception": False,
            "start_time": stamp,
            "status": "completed",
        }
        if cell.cell_type == "code":
            cell.execution_count = i
            cell.metadata["execution"] = {
                "iopub.execute_input": stamp,
                "shell.execute_reply": stamp,
            }
    nb.metadata["papermill"] = {
        "default_parameters": {},
        "duration": 1.2,
        "end_time": stamp,
        "start_time": stamp,
        "environment_variables": {},
        "exception": None,
        "input_path": "/abs/notebooks/a.ipynb",
        "output_path": None,
        "parameters": {"x": 2},
        "version": "2.7.0",
    }
    nb.metadata["jupytext"] = {"formats": "ipynb,py:percent"}
    return nb


def test_sanitize_removes_run_specific_metadata_and_keeps_execution_counts():
    nb = executed_like_papermill()
    clean = notebook_meta.sanitize_notebook(nb, "notebooks/a.ipynb", "reports/s/a.ipynb")
    text = notebook_meta.notebook_text(clean)
    run_specific = (
        "start_time",
        "end_time",
        "duration",
        "iopub.execute_input",
        "shell.execute_reply",
    )
    assert [key for key in run_specific if f'"{key}"' in text] == []
    assert "2026-11-23" not in text and "/abs/" not in text
    assert clean.metadata.papermill == {
        "default_parameters": {},
        "input_path": "notebooks/a.ipynb",
        "output_path": "reports/s/a.ipynb",
        "parameters": {"x": 2},
        "version": "2.7.0",
    }
    assert "jupytext" not in clean.metadata  # executed copies must not be paired
    assert [c.get("execution_count") for c in clean.cells if c.cell_type == "code"] == [1, 2, 3]
    assert clean.cells[2]["id"] == "injected-parameters"
    assert all(c.metadata.get("papermill") == {"status": "completed"} for c in clean.cells)
    nbformat.validate(clean)
    # the input is not modified, and sanitising twice gives the same bytes
    assert "execution" in nb.cells[1].metadata
    again = notebook_meta.sanitize_notebook(
        copy.deepcopy(nb), "notebooks/a.ipynb", "reports/s/a.ipynb"
    )
    assert notebook_meta.notebook_text(again) == text


def test_sanitize_makes_duplicate_or_missing_ids_deterministic():
    nb = executed_like_papermill()
    nb.cells[3]["id"] = nb.cells[1]["id"]
    clean = notebook_meta.sanitize_notebook(nb)
    ids = [c["id"] for c in clean.cells]
    assert len(set(ids)) == len(ids)
    assert "input_path" not in clean.metadata.papermill


# ---------------------------------------------------------------------------------------------
# locking and recovery


def test_second_lock_is_refused_naming_the_holder(tmp_path):
    with runner.ProjectLock(tmp_path):
        assert (tmp_path / ".runner.lock").read_text().strip() == f"{os.getpid()} runner"
        with pytest.raises(runner.RunnerBusy, match=f"another runner \\(pid {os.getpid()}\\)"):
            runner.ProjectLock(tmp_path).acquire()
    with runner.ProjectLock(tmp_path):  # released: can be taken again
        pass


def test_recover_restores_an_interrupted_swap(standin_project):
    config = runner.load_config(standin_project)
    reports = standin_project / "reports"
    (reports / ".baseline.previous").mkdir(parents=True)  # killed between the two renames
    (reports / ".baseline.previous" / "results.json").write_text("old")
    (reports / "since_obligation").mkdir()  # killed after the swap, before removing the copy
    (reports / "since_obligation" / "results.json").write_text("new")
    (reports / ".since_obligation.previous").mkdir()
    assert runner.recover(standin_project, config) == ["reports/baseline"]
    assert (reports / "baseline" / "results.json").read_text() == "old"
    assert (reports / "since_obligation" / "results.json").read_text() == "new"
    assert not list(reports.glob(".*.previous"))


def test_interrupted_replace_directory_is_recovered(tmp_path, monkeypatch):
    """Simulate a kill between the two renames of replace_directory."""
    target, staged = tmp_path / "reports" / "s", tmp_path / "staging" / "s"
    target.mkdir(parents=True)
    (target / "a.txt").write_text("old")
    staged.mkdir(parents=True)
    (staged / "a.txt").write_text("new")
    real_rename, calls = os.rename, []

    def dying_rename(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        real_rename(src, dst)

    monkeypatch.setattr(outputs.os, "rename", dying_rename)
    with pytest.raises(KeyboardInterrupt):
        outputs.replace_directory(staged, target)
    monkeypatch.setattr(outputs.os, "rename", real_rename)
    assert not target.exists()
    assert outputs.recover_directory(target)
    assert (target / "a.txt").read_text() == "old"


def test_a_kernel_that_dies_while_starting_is_started_again(standin_project, monkeypatch):
    """Kernels launched at the same moment can collide on a TCP port; no cell has run yet."""
    import papermill

    real = papermill.execute_notebook
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    staging = standin_project / ".staging" / "test"
    # execute_run sets these for its worker process; monkeypatch restores them afterwards
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(standin_project))
    monkeypatch.setenv("BESCHUT_WRITE_ROOT", str(staging))
    run = runner.Run("cleaning", "01_clean", {})
    result = runner.execute_run(runner._task(standin_project, staging, run, html=False))
    assert result["ok"], result
    assert len(calls) == 2 and result["kernel_restarts"] == 1
    assert "kernel failed to start" in (standin_project / result["log"]).read_text()


def test_a_notebook_error_is_not_retried(standin_project, monkeypatch):
    import papermill

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("something else went wrong")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(standin_project))
    monkeypatch.setenv("BESCHUT_WRITE_ROOT", str(standin_project / ".staging" / "t"))
    run = runner.Run("cleaning", "01_clean", {})
    task = runner._task(standin_project, standin_project / ".staging" / "t", run, html=False)
    result = runner.execute_run(task)
    assert not result["ok"] and len(calls) == 1
    assert result["evalue"] == "something else went wrong"


# ---------------------------------------------------------------------------------------------
# one run per distinct parameter set; reports/runs.json

THREE_SCENARIOS = SCENARIOS + "  dutch:\n    description: Dutch labels.\n    language: nl\n"


def test_a_notebook_runs_once_per_distinct_set_of_its_parameters(standin_project):
    config = load(standin_project, THREE_SCENARIOS)
    groups = runner.plan(config)
    assert [(g.name, [r.notebook for r in g.runs]) for g in groups] == [
        ("cleaning", ["01_clean"]),
        ("baseline", ["02_trajectory", "03_targets_gap"]),
        ("since_obligation", ["02_trajectory"]),  # 03 declares no fit_start: same as baseline
        ("dutch", ["02_trajectory", "03_targets_gap"]),  # another language: its own runs
    ]
    gap = groups[1].runs[1]
    assert gap.scenarios == ("baseline", "since_obligation")
    assert gap.parameters == {"language": "en", "output_dir": "reports/baseline"}
    assert all(g.complete for g in groups)
    # a subset run brings the runs its scenario's outputs come from, published where they live
    subset = runner.plan(config, ["since_obligation"])
    assert [(g.name, [r.notebook for r in g.runs], g.complete) for g in subset] == [
        ("cleaning", ["01_clean"], True),
        ("baseline", ["03_targets_gap"], False),  # baseline's 02 outputs must survive
        ("since_obligation", ["02_trajectory"], True),
    ]


def test_runs_manifest_follows_the_contract(standin_project):
    config = load(standin_project, THREE_SCENARIOS)
    manifest = runner.runs_manifest(config)
    assert manifest["cleaning"] == {"01_clean": "cleaning"}
    assert manifest["scenarios"]["since_obligation"] == {
        "description": "",
        "parameters": {"fit_start": 2017, "language": "en"},
        "notebooks": {"02_trajectory": "since_obligation", "03_targets_gap": "baseline"},
    }
    assert manifest["scenarios"]["dutch"]["description"] == "Dutch labels."
    path = runner.write_runs(standin_project, config)
    text = path.read_text()
    assert path == standin_project / "reports" / "runs.json"
    assert text == json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# messages for data errors and time-outs; HTML without plumbing cells


def test_a_data_error_names_the_register_row():
    from helpers.errors import DataError

    error = DataError("S042", "value", "30000 is not above the last observed value 31000")
    result = {
        "label": "baseline/02_trajectory",
        "scenarios": ["baseline", "baseline_nl"],
        "cell_index": 5,
        "source_cell_index": 4,
        "exec_count": 3,
        "ename": type(error).__name__,
        "evalue": str(error),
        "source": "params = check(goals)",
        "log": "logs/baseline/02_trajectory.log",
    }
    text = runner.format_failure(result)
    assert "(scenario baseline, baseline_nl)" in text
    assert "DataError: register row S042, field value: 30000 is not above" in text
    assert "data/raw/source_register.csv" in text


def test_html_hides_cells_tagged_for_removal():
    from helpers.runner import execution

    nb = make_notebook("x = 1", "print('plumbing input')", "print('kept output')", "secret = 2")
    nb.cells[2].metadata["tags"] = ["remove-input"]
    nb.cells[4].metadata["tags"] = ["remove-cell"]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="plumbing out")]
    body, _ = execution.html_exporter().from_notebook_node(nb)
    assert "plumbing out" in body  # the output of a remove-input cell stays
    assert "plumbing input" not in body
    assert "secret = 2" not in body
    assert "kept output" not in body  # a report shows no code (helpers.html_export)


@pytest.mark.slow
def test_a_cell_that_runs_too_long_fails_its_run_with_a_message(tmp_path):
    project = build_project(tmp_path / "p")
    done = subprocess.run(
        [PYTHON, "-m", "helpers.runner", "--jobs", "2", "--no-html", "--cell-timeout", "3"],
        env=runner_env(project, STANDIN_SLEEP="60"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == runner.EXIT_FAILED, done.stderr
    assert (
        "cleaning/01_clean: timed out in cell 2 of notebooks/01_clean.ipynb (0-based" in done.stderr
    )
    assert "starting `import os, time`" in done.stderr
    assert "the cell ran longer than 3 s" in done.stderr and "--cell-timeout" in done.stderr
    assert "baseline/02_trajectory: not run (the cleaning step failed)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "data" / "processed").exists()


@pytest.mark.slow
def test_no_html_and_subset_runs_leave_other_outputs_untouched(tmp_path):
    from test_bad_input import fingerprint

    project = build_project(tmp_path / "p")

    def run(*args: str) -> None:
        done = subprocess.run(
            [PYTHON, "-m", "helpers.runner", "--jobs", "2", *args],
            env=runner_env(project),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr

    run()
    reports = project / "reports"
    html = {p: p.read_bytes() for p in reports.rglob("*.html")}
    assert len(html) == 4  # cleaning/01, baseline/02, baseline/03, since_obligation/02
    run("--no-html")
    assert {p: p.read_bytes() for p in reports.rglob("*.html")} == html
    before = fingerprint(reports / "baseline")
    run("--scenario", "since_obligation", "--notebook", "02_trajectory")
    assert fingerprint(reports / "baseline") == before
    assert (reports / "since_obligation" / "02_trajectory.html").exists()


# ---------------------------------------------------------------------------------------------
# the environment check behind `make env`


def test_the_environment_check_names_missing_and_wrong_packages(tmp_path):
    from helpers import venv_check

    assert venv_check.problems(REPO) == []  # the environment running the tests is whole
    import yaml

    (tmp_path / "requirements.lock").write_text(
        "# header\nnosuch-package==1.0\npyyaml==0.0.1 ; python_version >= '3.11'\n"
        "pandas==0.0.1 ; python_version < '3.11'\n"
    )
    found = venv_check.problems(tmp_path)
    assert found[:2] == [
        "nosuch-package is not installed (requirements.lock pins 1.0)",
        f"pyyaml {yaml.__version__} is installed; requirements.lock pins 0.0.1",
    ]
    # pandas's pin is for another Python: here it is an installed package the lock does not name
    assert "pandas is installed but requirements.lock does not pin it" in found
    assert found[-1].startswith("the project package is imported from")  # not from tmp_path
