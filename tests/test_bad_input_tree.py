"""Nothing outside the tree, one writer, signals (issue 17, runner side): the bad-input suite's
classes for a copied clone, links inside output folders, a hand-run notebook racing the runner,
scenario descriptions and names, path parameters, and signals.

Same rules as tests/test_bad_input.py, whose fixtures and counters this module shares (its
outcomes are counted in the same "bad input: N kinds tried" line): a refusal names the file, the
scenario or the field, exits non-zero without a traceback, and leaves the project and the files
outside it byte-identical.
"""

# ruff: noqa: F811  (the fixtures of test_bad_input are imported and used by name)
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pandas as pd
import psutil
import pytest
from conftest import PYTHON, REPO, build_project, make_notebook, runner_env
from fault_runner import fast_run, start_forked
from test_bad_input import (  # noqa: F401  (fixtures used by name)
    SCENARIOS,
    _print_counts,
    expect_refusal,
    fingerprint,
    project,
    record,
    run_runner,
    runner_holding_the_lock,
)
from test_interruption import wait_for_step

from helpers import outputs, paths, runner
from helpers.errors import ParameterError, ProjectBusy, UnsafeTree

# ---------------------------------------------------------------------------------------------
# 1. A copied clone whose .venv imports the original's helpers


def foreign_tree(tmp_path: Path) -> Path:
    """A project tree (its markers) whose .venv would import this repository's helpers."""
    copy = build_project(tmp_path / "copy")
    shutil.copy2(REPO / "pyproject.toml", copy / "pyproject.toml")
    (copy / "src" / "helpers").mkdir(parents=True)
    shutil.copy2(REPO / "src" / "helpers" / "paths.py", copy / "src" / "helpers" / "paths.py")
    return copy


def original_outputs() -> dict[str, str]:
    """The hashes of this repository's outputs (what a copied clone must never change)."""
    state = {}
    for name in ("reports", "data/processed"):
        state.update({f"{name}/{k}": v for k, v in fingerprint(REPO / name).items()})
    return state


ENTRY_POINTS = {
    "runner": ["-m", "helpers.runner", "--scenario", "baseline", "--notebook", "03_targets_gap"],
    "runner --list": ["-m", "helpers.runner", "--list"],
    "cleaning command": ["-m", "helpers.clean"],
    "change summary": ["-m", "helpers.changes"],
    "notebook by hand": [
        "-c",
        "from helpers import paths; paths.output_path('reports/baseline', 'output_dir')",
    ],
}


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
@pytest.mark.parametrize("where", [".", "notebooks"])
def test_a_copied_clone_never_writes_into_the_original(tmp_path, entry, where):
    argv = ENTRY_POINTS[entry]
    copy = foreign_tree(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BESCHUT_")}
    before, copy_before = original_outputs(), fingerprint(copy)
    done = subprocess.run(
        [PYTHON, *argv],
        cwd=copy / where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0, done.stdout + done.stderr
    assert f"this is the project tree {copy.resolve()}" in done.stderr, done.stderr
    assert f"imported from {REPO}" in done.stderr
    if argv[0] == "-m":  # the commands: one line, no traceback
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert original_outputs() == before
    assert fingerprint(copy) == copy_before
    record(f"copied clone: {entry} run from {where}", "refused")


def test_the_tree_being_run_is_used_when_it_is_this_one(monkeypatch):
    monkeypatch.delenv("BESCHUT_PROJECT_ROOT", raising=False)
    monkeypatch.chdir(REPO / "notebooks")
    assert paths.project_root() == REPO
    monkeypatch.chdir(REPO.parent)  # outside any project tree: this package's tree
    assert paths.project_root() == REPO
    record("run from this tree or from outside any tree", "accepted")


# ---------------------------------------------------------------------------------------------
# 2. A symbolic link anywhere under an output folder

LINKS_INSIDE = {
    # name: (link, points to (relative to the project's parent), runner arguments)
    "scenario tables folder": ("reports/baseline/tables", "outside", ["--scenario", "baseline"]),
    "scenario results.json": (
        "reports/baseline/results.json",
        "outside/victim.txt",
        ["--scenario", "baseline", "--notebook", "05_finance"],
    ),
    "scenario figures deep": (
        "reports/baseline/figures/png",
        "outside",
        ["--scenario", "baseline"],
    ),
    "processed table": ("data/processed/series.csv", "outside/victim.txt", []),
    "cleaning figures": ("reports/cleaning/figures", "outside", ["--notebook", "01_clean"]),
    "a log file": ("logs/baseline/02_trajectory.log", "outside/victim.txt", []),
}


@pytest.mark.parametrize("case", list(LINKS_INSIDE.values()), ids=list(LINKS_INSIDE))
def test_a_link_inside_an_output_folder_is_refused(project, case, capfd):
    link, target, argv = case
    path = project / link
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(project.parent / target)
    err = expect_refusal(
        f"link inside an output folder: {link} (runner)",
        project.parent,
        run_runner(*argv),
        f"{path} is a symbolic link",
        capfd,
        code=runner.EXIT_UNSAFE,
    )
    assert "nothing was written" in err


HAND_WRITES = {
    "a table": lambda out: outputs.write_table(SCENARIO_TABLE, out / "tables" / "gap.csv"),
    "results.json": lambda out: outputs.update_results(out, "toy_gap", {"last": 1}),
}


@pytest.mark.parametrize("what", list(HAND_WRITES))
def test_a_notebook_by_hand_never_writes_through_a_link_inside_its_folder(project, what):
    out = project / "reports" / "baseline"
    (out / "tables").symlink_to(project.parent / "outside")
    (out / "results.json").unlink()
    (out / "results.json").symlink_to(project.parent / "outside" / "victim.txt")
    before = fingerprint(project.parent)
    with pytest.raises(ParameterError, match=r"symbolic link inside the output folder"):
        paths.output_path("reports/baseline", "output_dir")
    with pytest.raises(UnsafeTree, match=r"is a symbolic link"):
        HAND_WRITES[what](out)  # a notebook that checked its folder before the link appeared
    assert fingerprint(project.parent) == before
    record(f"notebook by hand: link inside its folder ({what})", "refused")


SCENARIO_TABLE = pd.DataFrame({"year": [2020], "value": [1]})


# ---------------------------------------------------------------------------------------------
# 3. One writer for a publication, for its whole duration


def test_a_notebook_that_started_before_the_runner_cannot_write_while_it_runs(
    project, runner_holding_the_lock
):
    """The notebook checked its output folder before the runner took the lock; each of its
    later writes checks the lock again and is refused."""
    out = project / "reports" / "baseline"
    before = fingerprint(project.parent)
    for write in (
        lambda: outputs.write_table(SCENARIO_TABLE, out / "tables" / "gap.csv"),
        lambda: outputs.update_results(out, "waiting", {"matching_rule": "other"}),
        lambda: outputs.write_json({"a": 1}, out / "results.json"),
    ):
        with pytest.raises(ProjectBusy, match=f"pid {runner_holding_the_lock.pid}"):
            write()
    assert fingerprint(project.parent) == before
    record("notebook by hand writes after the runner took the lock", "refused")


HAND_WRITER = """
from pathlib import Path
import os
folder = Path(os.environ["BESCHUT_PROJECT_ROOT"]) / "reports" / "baseline"
folder.mkdir(parents=True, exist_ok=True)
(folder / "results.json").write_text('{"waiting": {"matching_rule": "other"}}')
"""


def test_the_runner_refuses_to_publish_a_folder_another_writer_changed(tmp_path):
    """A writer that bypasses helpers (no lock check) changes reports/baseline while the runner
    runs: the runner does not publish baseline over it, says so and exits 1."""
    from conftest import STANDINS

    notebooks = {name: make_notebook(p, c) for name, (p, c) in STANDINS.items()}
    params, code = STANDINS["03_targets_gap"]
    notebooks["03_targets_gap"] = make_notebook(params, HAND_WRITER, code)
    root = build_project(tmp_path / "p", notebooks)
    log = tmp_path / "runner.log"
    process = fast_run(root, log)
    process.join(120)
    text = log.read_text()
    assert process.exitcode == runner.EXIT_FAILED, text
    assert "reports/baseline was changed by another writer" in text, text
    assert "Traceback" not in text
    # baseline is as the other writer left it, not a mixture published over it
    assert (root / "reports" / "baseline" / "results.json").read_text() == (
        '{"waiting": {"matching_rule": "other"}}'
    )
    assert sorted(p.name for p in (root / "reports" / "baseline").iterdir()) == ["results.json"]
    assert (root / "reports" / "since_obligation" / "results.json").is_file()  # not touched
    record("another writer changes a folder while the runner runs", "refused")


# ---------------------------------------------------------------------------------------------
# 4. Scenario descriptions and names


def scenarios_with(extra: str) -> str:
    return SCENARIOS.replace("\nscenarios:\n", f"\nscenarios:\n{extra}", 1)


DESCRIPTIONS = {
    "carriage return": '"A\\rB"',
    "line separator": '"A\\u2028B"',
    "paragraph separator": '"A\\u2029B"',
    "escape sequence": '"A\\e[12AB"',
    "backspace": '"A\\bB"',
    "tab": '"A\\tB"',
    "next line (NEL)": '"A\\NB"',
    "DEL": '"A\\x7fB"',
    "C1 CSI": '"A\\x9bB"',
    "NUL": '"A\\0B"',
}


@pytest.mark.parametrize("text", list(DESCRIPTIONS.values()), ids=list(DESCRIPTIONS))
def test_a_description_with_a_control_character_is_refused(project, text, capfd):
    (project / "scenarios.yaml").write_text(scenarios_with(f"  evil:\n    description: {text}\n"))
    name = next(k for k, v in DESCRIPTIONS.items() if v == text)
    err = expect_refusal(
        f"scenario description with {name}",
        project.parent,
        run_runner("--list"),
        "scenario evil: field 'description' contains the control character U+",
        capfd,
        code=runner.EXIT_USAGE,
    )
    assert "scenarios.yaml, line" in err


RESERVED = ["cleaning", "runs", "readme", "logs", "staging", "tables", "scratch", "scratch_2030"]


@pytest.mark.parametrize("name", RESERVED)
def test_a_reserved_scenario_name_is_refused(project, name, capfd):
    (project / "scenarios.yaml").write_text(scenarios_with(f"  {name}:\n    fit_start: 2016\n"))
    expect_refusal(
        f"scenario named {name!r}",
        project.parent,
        run_runner("--list"),
        f"scenario name {name!r} is reserved",
        capfd,
        code=runner.EXIT_USAGE,
    )


def git_project(project: Path, ignore: str) -> None:
    shutil.rmtree(project / ".git")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text(ignore)


@pytest.mark.parametrize(
    ("ignore", "name"),
    [
        ("reports/tmp_*/\n", "tmp_2030"),
        ("reports/fresh\n", "fresh"),
        ("/reports/draft/\n", "draft"),
        ("*_local/\n", "mine_local"),
    ],
)
def test_a_scenario_whose_folder_git_ignores_is_refused(project, ignore, name, capfd):
    git_project(project, ignore)
    (project / "scenarios.yaml").write_text(scenarios_with(f"  {name}:\n    fit_start: 2016\n"))
    expect_refusal(
        f"scenario named {name!r} with ignore rule {ignore.strip()!r}",
        project.parent,
        run_runner("--list"),
        f"scenario {name}: reports/{name}/ is ignored by git",
        capfd,
        code=runner.EXIT_USAGE,
    )


def test_ordinary_descriptions_and_names_are_accepted(project, capfd):
    git_project(project, (REPO / ".gitignore").read_text())
    (project / "scenarios.yaml").write_text(
        scenarios_with(
            '  baseline_2030:\n    description: "Één regel – met accenten, € en 30.000 banen."\n'
            "    fit_start: 2016\n"
        )
    )
    assert runner.main(["--list", "--scenario", "baseline_2030"]) == 0
    assert "Één regel" in capfd.readouterr().out
    record("scenario with accents in its description, name baseline_2030", "accepted")


# ---------------------------------------------------------------------------------------------
# 5. Path parameters: inside the tree and in their area, before any work

PATHS = {
    "processed_dir /etc": ("processed_dir", "/etc"),
    "processed_dir outside": ("processed_dir", "{outside}"),
    "processed_dir ..": ("processed_dir", "../outside"),
    "processed_dir data/raw": ("processed_dir", "data/raw"),
    "processed_dir reports": ("processed_dir", "reports/baseline"),
}


@pytest.mark.parametrize("case", list(PATHS.values()), ids=list(PATHS))
def test_a_path_parameter_outside_its_area_fails_the_pre_start_check(project, case, capfd):
    key, value = case
    value = value.format(outside=project.parent / "outside")
    (project / "scenarios.yaml").write_text(scenarios_with(f"  evil:\n    {key}: {value}\n"))
    err = expect_refusal(
        f"scenario parameter {key}: {value.replace(str(project.parent), '<tmp>')}",
        project.parent,
        run_runner(),
        f"scenario evil: parameter '{key}'",
        capfd,
        code=runner.EXIT_USAGE,
    )
    assert "scenarios.yaml, line" in err


ONCE_PATHS = {
    "register_path /etc/passwd": ("register_path: data/raw/source_register.csv", "/etc/passwd"),
    "register_path in data/processed": (
        "register_path: data/raw/source_register.csv",
        "data/processed/series.csv",
    ),
}


@pytest.mark.parametrize("case", list(ONCE_PATHS.values()), ids=list(ONCE_PATHS))
def test_an_input_path_of_the_cleaning_step_outside_its_area_is_refused(project, case, capfd):
    old, value = case
    key = old.split(":")[0]
    (project / "scenarios.yaml").write_text(SCENARIOS.replace(old, f"{key}: {value}"))
    expect_refusal(
        f"cleaning parameter {key}: {value}",
        project.parent,
        run_runner(),
        f"parameter '{key}'",
        capfd,
        code=runner.EXIT_USAGE,
    )


def test_path_parameters_in_their_area_are_accepted(project):
    for key, value in (("processed_dir", "data/processed"), ("register_path", "data/raw/x.csv")):
        assert paths.check_path_parameter(key, value).as_posix() == value
    figures = paths.check_path_parameter("figures_dir", "reports/cleaning/figures")
    assert figures.as_posix() == "reports/cleaning/figures"
    for bad in ("data/raw/figures", "reports/cleaning/other", "/tmp/figures"):
        with pytest.raises(ParameterError, match="figures_dir"):
            paths.check_path_parameter("figures_dir", bad)
    record("path parameters in their area", "accepted")


# ---------------------------------------------------------------------------------------------
# 6. Signals and exit codes


def test_list_honours_the_selection(project, capfd):
    assert runner.main(["--list", "--scenario", "pre_covid", "--notebook", "02_trajectory"]) == 0
    out = capfd.readouterr().out
    assert "1 runs:" in out
    assert "02_trajectory -> reports/pre_covid" in out
    assert "since_obligation" not in out and "05_finance" not in out
    assert runner.main(["--list", "--notebook", "05_finance"]) == 0
    out = capfd.readouterr().out
    assert "02_trajectory" not in out and "05_finance -> reports/baseline" in out


@pytest.mark.parametrize(
    ("signum", "code", "to_workers"),
    [
        (signal.SIGTERM, 143, False),
        (signal.SIGHUP, 129, False),
        (signal.SIGINT, 130, False),
        (signal.SIGINT, 130, True),  # Ctrl-C in a terminal: the runner and its workers
    ],
    ids=["SIGTERM", "SIGHUP", "SIGINT", "Ctrl-C"],
)
def test_a_signal_ends_in_one_line_and_the_runners_code(tmp_path, signum, code, to_workers):
    root = build_project(tmp_path / "p")
    # at the cleaning step (one worker busy, one idle) and while the scenarios run
    moments = (
        ("execute:data/processed", []),
        ("execute:reports/*", ["--notebook", "02_trajectory"]),
    )
    trials = moments * (5 if to_workers else 1)  # Ctrl-C: 10 trials, none with a traceback
    for attempt, (stall, argv) in enumerate(trials):
        trace, log = tmp_path / f"trace{attempt}", tmp_path / f"log{attempt}"
        trace.write_text("")
        process = start_forked(
            root,
            ["--jobs", "2", "--no-html", *argv],
            log,
            FAULT_IN_PROCESS="1",
            FAULT_TRACE=str(trace),
            STANDIN_SLEEP="60",
        )
        assert wait_for_step(process, trace, stall), log.read_text()
        targets = [process.pid]
        if to_workers:
            targets += [p.pid for p in psutil.Process(process.pid).children(recursive=True)]
        for pid in targets:
            os.kill(pid, signum)
        process.join(120)
        text = log.read_text()
        assert process.exitcode == code, text
        assert "Traceback" not in text, text
        messages = [line for line in text.splitlines() if line.startswith("runner:")]
        assert messages == [messages[0]] and signal.Signals(signum).name in messages[0], text


def test_make_carries_the_runners_signal_and_shows_its_code(project, runner_holding_the_lock):
    env = runner_env(project)
    env.pop("MAKEFLAGS", None)
    busy = subprocess.run(
        ["make", "-s", "-C", str(REPO), "report", "ARGS=--scenario baseline"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert busy.returncode == 2 and "Error 75" in busy.stderr, busy.stderr
    assert "refusing to start" in busy.stderr
    runner_holding_the_lock.kill()
    runner_holding_the_lock.wait(timeout=30)
    fast = build_project(project.parent / "standin")
    make = subprocess.Popen(
        ["make", "-s", "-C", str(REPO), "report", "ARGS=--no-html"],
        env=runner_env(fast, STANDIN_SLEEP="120"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        the_runner = None
        while the_runner is None and make.poll() is None:
            for child in psutil.Process(make.pid).children(recursive=True):
                try:
                    command, parent = child.cmdline(), child.parent().name()
                    kernels = [p for w in child.children() for p in w.children()]
                except psutil.Error:  # a process that just ended
                    continue
                if parent == "sh" and command[1:3] == ["-m", "helpers.runner"] and kernels:
                    the_runner = child  # a notebook is running
            psutil.wait_procs([], timeout=0.2)
        assert the_runner is not None, make.stderr.read()
        the_runner.send_signal(signal.SIGTERM)
        make.wait(timeout=180)
    finally:
        if make.poll() is None:
            make.kill()
    assert make.returncode == -signal.SIGTERM, make.stderr.read()  # as if make got SIGTERM
    record("make report while another runner holds the lock", "refused")


def test_no_test_leaves_handlers_behind():
    """runner.main restores the signal handlers it installed (tests call it in-process)."""
    before = {s: signal.getsignal(s) for s in runner.cli.SIGNAL_EXITS}
    runner.main(["--list", "--scenario", "no such"])
    assert {s: signal.getsignal(s) for s in runner.cli.SIGNAL_EXITS} == before
