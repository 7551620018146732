"""Test session setup and the fixtures several test modules share (their library is
tests/support): nothing a test runs may write into the repository.

BESCHUT_WRITE_ROOT points at a session temporary directory before any test runs, so helpers and
notebooks write there. The `standin_project` fixture builds a miniature project (stand-in
notebooks with the real notebook names) for the runner tests, which do not depend on the real
notebooks; `guarded_project` is a copy of the real inputs for the bad-input suite, with a file
outside it that a bad input might reach and no kernel allowed to start. The `regenerated`
fixture is the real pipeline run once per test session (once across all pytest-xdist workers)
on a copy of the project's inputs, started in the background as soon as the tests are
collected; every test that needs a regeneration shares it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from support.bad_input import NoKernels, report_counts
from support.paths import PYTHON, REPO
from support.project import build_standin_project, copy_project, runner_env

from helpers import runner

# counts of the bad-input suite, summed over workers
pytest_plugins = ["support.bad_input_report"]

_SESSION_WRITE_ROOT = tempfile.mkdtemp(prefix="beschut-test-write-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["BESCHUT_WRITE_ROOT"] = _SESSION_WRITE_ROOT
    os.environ.pop("BESCHUT_PROJECT_ROOT", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_WRITE_ROOT, ignore_errors=True)


@dataclasses.dataclass(frozen=True)
class Regeneration:
    """A complete run of the real pipeline on a copy of the inputs: its tree and outcome."""

    root: Path
    returncode: int
    stderr: str


def _shared_base(config: pytest.Config) -> Path:
    """The session's base temporary directory, the same for every pytest-xdist worker."""
    base = config._tmp_path_factory.getbasetemp()  # the tmp_path_factory fixture's object
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def start_regeneration(base: Path) -> None:
    """Start the session's one regeneration in the background, unless already started: a
    copy of the project's inputs (no outputs) under ``base``/regenerated, and the runner on it
    (its stderr and, when it ends, its exit status next to it)."""
    with (base / "regenerated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker starts it; the others see it started
        root = base / "regenerated"
        if root.exists():
            return
        copy_project(root, outputs=False)
        runner = f"{shlex.quote(str(PYTHON))} -m helpers.runner"
        command = f"{runner} 2>../regenerated.err; echo $? >../regenerated.rc"
        subprocess.Popen(
            ["sh", "-c", command],
            cwd=root,
            env=runner_env(root),
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """When any selected test needs the regeneration, start it now, and run those tests last
    (the same order on every xdist worker), so the other tests run while it works."""
    needing = [item for item in items if "regenerated" in getattr(item, "fixturenames", ())]
    if needing and not config.option.collectonly:
        start_regeneration(_shared_base(config))
        items.sort(key=lambda item: "regenerated" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def regenerated(request: pytest.FixtureRequest) -> Regeneration:
    """The session's one run of `python -m helpers.runner` on a copy of the project's inputs,
    shared by every test (and every xdist worker) that needs a regeneration: waits for it."""
    base = _shared_base(request.config)
    start_regeneration(base)  # already started at collection, unless collected otherwise
    status = base / "regenerated.rc"
    deadline = time.monotonic() + 1800
    while not status.exists() or not status.read_text().strip():
        assert time.monotonic() < deadline, "the regeneration did not finish within 30 min"
        time.sleep(0.5)
    stderr = (base / "regenerated.err").read_text(errors="replace")
    return Regeneration(base / "regenerated", int(status.read_text()), stderr)


@pytest.fixture(autouse=True)
def _restore_project_environment():
    """Whatever a test does to the project-root variables is undone after it."""
    names = ("BESCHUT_PROJECT_ROOT", "BESCHUT_WRITE_ROOT")
    saved = {name: os.environ.get(name) for name in names}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def standin_project(tmp_path: Path) -> Path:
    """A miniature project in tmp_path with stand-in notebooks and two scenarios."""
    return build_standin_project(tmp_path / "project")


@pytest.fixture
def guarded_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's inputs (register, notebooks, scenarios.yaml) plus some outputs,
    with a file outside the project that a bad input might reach; the runner may check and
    refuse, but starting a kernel fails the test."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw")
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copy2(REPO / "scenarios.yaml", root / "scenarios.yaml")
    for rel in ("data/processed/series.csv", "reports/baseline/results.json"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"committed {rel}\n")
    for rel in ("src/helpers/x.py", "tests/test_x.py", ".git/HEAD"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"{rel}\n")
    (root / ".runner.lock").write_text("")  # left by any earlier run
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n")
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(root))
    monkeypatch.delenv("BESCHUT_WRITE_ROOT", raising=False)  # write straight into the project
    monkeypatch.setattr(runner.execution, "ProcessPoolExecutor", NoKernels)
    return root.resolve()


@pytest.fixture
def runner_holding_the_lock(guarded_project):
    """Another process holding the project's lock the way a running runner does."""
    code = textwrap.dedent(
        f"""
        import time
        from helpers.outputs import ProjectLock
        ProjectLock({str(guarded_project)!r}, "runner").acquire()
        print("locked", flush=True)
        time.sleep(120)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=30)


@pytest.fixture(scope="module")
def bad_input_counts(pytestconfig: pytest.Config):
    """At the end of a bad-input module: how many kinds of input were tried, refused and
    accepted (support.bad_input)."""
    yield
    report_counts(pytestconfig)
