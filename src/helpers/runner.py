"""Regenerate data/processed and every report with one command, in parallel, all or nothing.

``python -m helpers.runner`` (``make reports``) reads ``scenarios.yaml`` at the project root and
executes the notebooks with papermill in worker processes: the notebooks of scope "once"
(01_clean) first, then every (scenario, notebook) pair in parallel, up to ``--jobs`` at a time.

Guarantees (tested in tests/test_interruption.py and tests/test_concurrency.py):

- Nothing starts before the scenario file, every scenario and notebook name and every parameter
  has been checked (a parameter no notebook declares is an error naming it).
- Kernels write under a staging tree ``.staging/<run-id>/`` (``BESCHUT_WRITE_ROOT``). A set of
  outputs (``data/processed``, ``reports/cleaning``, ``reports/<scenario>``) is moved into place
  with :func:`helpers.outputs.replace_directory` only when every run that writes it succeeded.
  A run killed at any moment leaves each set either the previous complete version or the new
  one; the next run calls :func:`helpers.outputs.recover_directory` and removes stale staging.
- Only one runner works on a project tree at a time: the second one refuses to start (exit code
  75) and names the process holding ``.runner.lock``.
- One failing run does not stop the others; at the end the failures are listed with the failing
  cell and the exception, and the exit code is 1. A scenario with a failure keeps its previous
  reports.

Executed notebooks are stripped of run-specific metadata (:mod:`helpers.notebook_meta`) and
rendered to HTML; ``reports/README.md`` is regenerated from every scenario's results.json
(:mod:`helpers.report_index`). Logs go to ``logs/<scenario>/<notebook>.log`` (not versioned).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import fcntl
import fnmatch
import logging
import multiprocessing
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers import outputs, paths

SCENARIO_NAME = re.compile(r"^[a-z0-9_]+$")
NOTEBOOK_NAME = re.compile(r"^[0-9]{2}_[a-z0-9_]+$")
ONCE, PER_SCENARIO = "once", "per scenario"
SCOPES = (ONCE, PER_SCENARIO)
CLEANING = "cleaning"  # reports/cleaning holds the executed notebooks of scope "once"
TOP_LEVEL_KEYS = ("notebooks", "defaults", "scenarios")
NOTEBOOK_KEYS = ("name", "scope", "parameters")
SET_BY_RUNNER = ("output_dir",)
STAGING_DIR = ".staging"
LOCK_FILE = ".runner.lock"
LOGS_DIR = "logs"
HTML_TEMPLATE = "classic"
EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_INTERRUPTED = 1, 2, 75, 130
# Test hooks: stall (sleep) when the runner reaches a phase matching this glob, after appending
# every phase it reaches to the trace file. Used only by the interruption tests.
STALL_ENV = "BESCHUT_RUNNER_TEST_STALL"
TRACE_ENV = "BESCHUT_RUNNER_TEST_TRACE"


class ConfigError(ValueError):
    """The scenario file or the command line is invalid; the message names the key."""


class RunnerBusy(RuntimeError):
    """Another runner holds the project's lock."""


# ----------------------------------------------------------------------------------------------
# The scenario file


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook of the pipeline and the parameters it declares (name -> papermill info)."""

    name: str
    scope: str
    parameters: Mapping[str, Any]  # fixed parameters (scope "once" only)
    declared: Mapping[str, Mapping[str, Any]]

    @property
    def path(self) -> str:
        return f"{paths.NOTEBOOKS_DIR}/{self.name}.ipynb"


@dataclass(frozen=True)
class Config:
    """The validated scenario file."""

    notebooks: tuple[NotebookEntry, ...]
    defaults: Mapping[str, Any]
    scenarios: Mapping[str, Mapping[str, Any]]  # scenario -> merged parameters (defaults first)
    overrides: Mapping[str, Mapping[str, Any]]  # scenario -> parameters as written

    def notebook(self, name: str) -> NotebookEntry:
        return next(nb for nb in self.notebooks if nb.name == name)

    @property
    def once(self) -> list[NotebookEntry]:
        return [nb for nb in self.notebooks if nb.scope == ONCE]

    @property
    def per_scenario(self) -> list[NotebookEntry]:
        return [nb for nb in self.notebooks if nb.scope == PER_SCENARIO]


def _literal(text: str) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _type_problem(value: Any, default_text: str) -> str | None:
    """Why ``value`` cannot replace a default written as ``default_text`` (None if it can)."""
    known, default = _literal(default_text)
    if not known or default is None:
        return None
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list | tuple):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    else:
        return None
    if ok:
        return None
    return f"must be of the same type as the notebook's default {default_text}, got {value!r}"


def _check_relative_dir(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be a repo-relative directory, got {value!r}")
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or value != path.as_posix() or value == ".":
        raise ConfigError(f"{where} must be a plain repo-relative path without '..', got {value!r}")
    if path.parts[0] in (paths.REPORTS_DIR, STAGING_DIR, LOGS_DIR, paths.NOTEBOOKS_DIR, "src"):
        raise ConfigError(f"{where} must not be inside {path.parts[0]}/, got {value!r}")
    if value == "data/raw" or value.startswith("data/raw/"):
        raise ConfigError(f"{where} must not be inside data/raw (raw data is immutable)")
    return value


def load_config(root: Path | None = None, text: str | None = None) -> Config:
    """Read and check the scenario file (and the notebooks it names) under ``root``."""
    root = Path(root) if root is not None else paths.project_root()
    source = paths.SCENARIOS_FILE
    if text is None:
        file = root / source
        if not file.is_file():
            raise ConfigError(f"{source}: not found in {root}")
        text = file.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: must be a mapping with keys {list(TOP_LEVEL_KEYS)}")
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise ConfigError(f"{source}: unknown key {key!r}; known: {list(TOP_LEVEL_KEYS)}")

    raw_notebooks = data.get("notebooks")
    if not isinstance(raw_notebooks, list) or not raw_notebooks:
        raise ConfigError(f"{source}: 'notebooks' must be a non-empty list")
    entries: list[NotebookEntry] = []
    seen_scope_per_scenario = False
    for i, item in enumerate(raw_notebooks):
        where = f"{source}: notebooks[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} must be a mapping with 'name' and 'scope'")
        for key in item:
            if key not in NOTEBOOK_KEYS:
                raise ConfigError(f"{where}: unknown key {key!r}; known: {list(NOTEBOOK_KEYS)}")
        name = item.get("name")
        if not isinstance(name, str) or not NOTEBOOK_NAME.match(name):
            raise ConfigError(f"{where}: name must match {NOTEBOOK_NAME.pattern}, got {name!r}")
        where = f"{source}: notebook {name}"
        if any(e.name == name for e in entries):
            raise ConfigError(f"{where} is listed twice")
        scope = item.get("scope")
        if scope not in SCOPES:
            raise ConfigError(f"{where}: scope must be one of {list(SCOPES)}, got {scope!r}")
        if scope == ONCE and seen_scope_per_scenario:
            raise ConfigError(f"{where}: notebooks of scope 'once' must come first")
        seen_scope_per_scenario |= scope == PER_SCENARIO
        nb_path = root / paths.NOTEBOOKS_DIR / f"{name}.ipynb"
        if not nb_path.is_file():
            raise ConfigError(f"{where}: {paths.NOTEBOOKS_DIR}/{name}.ipynb does not exist")
        try:
            declared = declared_parameters(nb_path)
        except Exception as error:  # a notebook papermill cannot read
            raise ConfigError(f"{where}: cannot read its parameters: {error}") from error
        if "output_dir" not in declared:
            raise ConfigError(
                f"{where} declares no output_dir parameter; its outputs cannot be staged"
            )
        fixed = item.get("parameters") or {}
        if not isinstance(fixed, dict):
            raise ConfigError(f"{where}: parameters must be a mapping")
        if scope == PER_SCENARIO and fixed:
            raise ConfigError(
                f"{where}: a per-scenario notebook takes its parameters from scenarios"
            )
        if scope == ONCE:
            if "output_dir" not in fixed:
                raise ConfigError(
                    f"{where}: a notebook of scope 'once' needs parameters.output_dir"
                )
            _check_relative_dir(fixed["output_dir"], f"{where}: parameters.output_dir")
            _check_parameters(fixed, [(name, declared)], f"{where}: parameters", allow_output=True)
        entries.append(NotebookEntry(name, scope, dict(fixed), declared))
    if not any(e.scope == PER_SCENARIO for e in entries):
        raise ConfigError(f"{source}: no notebook of scope 'per scenario'")
    outs = [e.parameters["output_dir"] for e in entries if e.scope == ONCE]
    if len(set(outs)) != len(outs):
        raise ConfigError(f"{source}: two notebooks of scope 'once' share an output_dir")

    per_scenario = [(e.name, e.declared) for e in entries if e.scope == PER_SCENARIO]
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ConfigError(f"{source}: 'defaults' must be a mapping of parameters")
    _check_parameters(defaults, per_scenario, f"{source}: defaults")
    raw_scenarios = data.get("scenarios")
    if not isinstance(raw_scenarios, dict) or not raw_scenarios:
        raise ConfigError(f"{source}: 'scenarios' must be a non-empty mapping")
    scenarios: dict[str, dict[str, Any]] = {}
    overrides: dict[str, dict[str, Any]] = {}
    for name, params in raw_scenarios.items():
        check_scenario_name(name, f"{source}: scenarios")
        params = params or {}
        if not isinstance(params, dict):
            raise ConfigError(f"{source}: scenario {name}: parameters must be a mapping")
        _check_parameters(params, per_scenario, f"{source}: scenario {name}")
        overrides[name] = dict(params)
        scenarios[name] = {**defaults, **params}
    return Config(tuple(entries), dict(defaults), scenarios, overrides)


def declared_parameters(nb_path: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares: papermill.inspect_notebook, completed from the code.

    papermill's line parser skips assignments it cannot parse (for example a comment containing
    '='); every top-level assignment of the cell tagged ``parameters`` is a parameter, so those
    are added from the syntax tree with their default as written.
    """
    import nbformat
    import papermill  # imported here: slow, and --help does not need it

    quiet = logging.getLogger("papermill.translators")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        declared = {k: dict(v) for k, v in papermill.inspect_notebook(str(nb_path)).items()}
    finally:
        quiet.setLevel(level)
    nb = nbformat.read(nb_path, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is not None:
        source = cell.source
        for node in ast.parse(source).body:
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            value = getattr(node, "value", None)
            for target in targets:
                if isinstance(target, ast.Name) and target.id not in declared:
                    default = ast.get_source_segment(source, value) if value is not None else "None"
                    declared[target.id] = {
                        "name": target.id,
                        "inferred_type_name": "None",
                        "default": default,
                        "help": "",
                    }
    return declared


def check_scenario_name(name: Any, where: str = "scenario") -> str:
    """Refuse scenario names that are not plain lower-case identifiers (no '/', no '..')."""
    if not isinstance(name, str) or not SCENARIO_NAME.match(name):
        raise ConfigError(f"{where}: scenario name {name!r} must match {SCENARIO_NAME.pattern}")
    if name == CLEANING:
        raise ConfigError(f"{where}: scenario name {name!r} is reserved for the cleaning report")
    return name


def _check_parameters(
    params: Mapping[str, Any],
    notebooks: Sequence[tuple[str, Mapping[str, Mapping[str, Any]]]],
    where: str,
    *,
    allow_output: bool = False,
) -> None:
    for key, value in params.items():
        if not isinstance(key, str):
            raise ConfigError(f"{where}: parameter name {key!r} must be text")
        if key in SET_BY_RUNNER and not allow_output:
            raise ConfigError(
                f"{where}: parameter '{key}' is set by the runner (reports/<scenario>)"
            )
        declaring = [(nb, declared[key]) for nb, declared in notebooks if key in declared]
        if not declaring:
            names = ", ".join(nb for nb, _ in notebooks)
            raise ConfigError(
                f"{where}: parameter '{key}' is not declared by any notebook ({names})"
            )
        for nb, info in declaring:
            problem = _type_problem(value, str(info.get("default", "")))
            if problem:
                raise ConfigError(f"{where}: parameter '{key}' (notebook {nb}) {problem}")


# ----------------------------------------------------------------------------------------------
# What to run


@dataclass(frozen=True)
class Run:
    """One notebook execution."""

    group: str  # 'cleaning' or the scenario name: the runs published together
    notebook: str
    parameters: Mapping[str, Any]

    @property
    def label(self) -> str:
        return f"{self.group}/{self.notebook}"

    @property
    def report_dir(self) -> str:
        return f"{paths.REPORTS_DIR}/{self.group}"


@dataclass
class Group:
    """Runs whose outputs are published together, and the directories they publish."""

    name: str
    runs: list[Run]
    targets: list[str]  # repo-relative directories moved into place when every run succeeded
    complete: bool  # every notebook of the group runs (staging starts empty)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


def notebook_parameters(entry: NotebookEntry, scenario: Mapping[str, Any], output_dir: str) -> dict:
    """The parameters a scenario passes to one notebook: those it declares, plus output_dir."""
    params = {k: v for k, v in scenario.items() if k in entry.declared}
    params["output_dir"] = output_dir
    return params


def plan(
    config: Config, scenarios: Iterable[str] = (), notebooks: Iterable[str] = ()
) -> list[Group]:
    """The groups to run for a selection (empty selection: everything)."""
    scenarios, notebooks = list(scenarios), list(notebooks)
    for name in scenarios:
        check_scenario_name(name, "--scenario")
        if name not in config.scenarios:
            raise ConfigError(f"--scenario {name}: unknown; known: {list(config.scenarios)}")
    known = [nb.name for nb in config.notebooks]
    for name in notebooks:
        if name not in known:
            raise ConfigError(f"--notebook {name}: unknown; known: {known}")
    chosen_nbs = [nb for nb in config.notebooks if not notebooks or nb.name in notebooks]
    chosen_scenarios = [s for s in config.scenarios if not scenarios or s in scenarios]
    groups: list[Group] = []
    once = [nb for nb in chosen_nbs if nb.scope == ONCE]
    if once:
        runs = [Run(CLEANING, nb.name, dict(nb.parameters)) for nb in once]
        targets = [nb.parameters["output_dir"] for nb in once] + [f"{paths.REPORTS_DIR}/{CLEANING}"]
        groups.append(Group(CLEANING, runs, targets, len(once) == len(config.once)))
    per = [nb for nb in chosen_nbs if nb.scope == PER_SCENARIO]
    if per:
        for scenario in chosen_scenarios:
            out = f"{paths.REPORTS_DIR}/{scenario}"
            runs = [
                Run(scenario, nb.name, notebook_parameters(nb, config.scenarios[scenario], out))
                for nb in per
            ]
            groups.append(Group(scenario, runs, [out], len(per) == len(config.per_scenario)))
    return groups


# ----------------------------------------------------------------------------------------------
# Locking, recovery, staging


class ProjectLock:
    """An exclusive fcntl lock on ``.runner.lock`` at the project root, holding our pid."""

    def __init__(self, root: Path):
        self.path = Path(root) / LOCK_FILE
        self.fd: int | None = None

    def acquire(self) -> ProjectLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            for _ in range(20):  # the holder writes its pid right after locking
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                if holder:
                    break
                time.sleep(0.05)
            os.close(fd)
            raise RunnerBusy(
                f"another runner (pid {holder or 'unknown'}) is regenerating the outputs of "
                f"{self.path.parent}: it holds {self.path}. Wait until it has finished, then run "
                "again (the lock is released automatically when that process ends, even if it is "
                "killed)."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> ProjectLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def publish_targets(config: Config) -> list[str]:
    """Every directory the runner publishes into (repo-relative)."""
    targets = [nb.parameters["output_dir"] for nb in config.once]
    targets.append(f"{paths.REPORTS_DIR}/{CLEANING}")
    targets += [f"{paths.REPORTS_DIR}/{s}" for s in config.scenarios]
    return targets


def recover(root: Path, config: Config) -> list[str]:
    """Undo interrupted directory swaps (outputs.recover_directory); return the restored ones."""
    restored = []
    targets = set(publish_targets(config))
    for parent in {Path(t).parent for t in targets} | {Path(paths.REPORTS_DIR)}:
        for aside in sorted((root / parent).glob(".*.previous")):
            targets.add((parent / aside.name[1 : -len(".previous")]).as_posix())
    for target in sorted(targets):
        if outputs.recover_directory(root / target):
            restored.append(target)
    return restored


def clean_staging(root: Path) -> None:
    """Remove staging trees left by killed runs (we hold the lock, so none is in use)."""
    staging = root / STAGING_DIR
    if staging.exists():
        shutil.rmtree(staging)


def _hook(phase: str) -> None:
    """Test hook: record the phase and stall if it matches the requested one (no-op otherwise)."""
    trace = os.environ.get(TRACE_ENV)
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(phase + "\n")
    pattern = os.environ.get(STALL_ENV)
    if pattern and fnmatch.fnmatchcase(phase, pattern):
        time.sleep(3600)


def _install_rename_hook(root: Path) -> None:
    """With the test hooks on, report every rename (so a test can stall between two renames)."""
    real_rename = os.rename

    def traced(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        real_rename(src, dst, *args, **kwargs)
        rel = [os.path.relpath(os.fspath(p), root) for p in (src, dst)]
        _hook(f"rename:{rel[0]}->{rel[1]}")

    os.rename = traced


# ----------------------------------------------------------------------------------------------
# Worker processes

_WORKER: dict[str, Any] = {}


def _init_worker(parent_pid: int, lock_fd: int | None) -> None:
    """Worker start: die with the parent, drop the inherited lock fd, import the heavy modules."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: a killed runner takes its workers along
    if os.getppid() != parent_pid:
        os._exit(1)
    if lock_fd is not None:
        with contextlib.suppress(OSError):
            os.close(lock_fd)  # the lock lives exactly as long as the runner's main process
    import nbconvert
    import papermill  # noqa: F401

    _WORKER["html"] = nbconvert.HTMLExporter(template_name=HTML_TEMPLATE)


def _source_cell_index(source_cells: Sequence[Any] | None, executed_index: int) -> int | None:
    """Map a cell index of the executed notebook back to the source notebook.

    papermill inserts the injected-parameters cell right after the cell tagged ``parameters``
    (at the top if there is none). Returns None for the injected cell itself.
    """
    if source_cells is None:
        return executed_index
    tagged = [
        i
        for i, c in enumerate(source_cells)
        if "parameters" in c.get("metadata", {}).get("tags", [])
    ]
    injected_at = tagged[0] + 1 if tagged else 0
    if executed_index == injected_at:
        return None
    return executed_index - 1 if executed_index > injected_at else executed_index


KERNEL_START_ATTEMPTS = 3


def _kernel_start_failed(error: BaseException) -> bool:
    """Whether papermill failed because the kernel died while starting (before any cell ran)."""
    return "before replying to kernel_info" in str(error)


def execute_run(task: Mapping[str, Any]) -> dict[str, Any]:
    """Execute one notebook (in a worker process); never raises, returns a result record."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from helpers import notebook_meta

    root, staging = Path(task["root"]), Path(task["staging"])
    label, name = task["label"], task["notebook"]
    os.environ["BESCHUT_PROJECT_ROOT"] = str(root)
    os.environ["BESCHUT_WRITE_ROOT"] = str(staging)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    log_path = root / task["log"]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result: dict[str, Any] = {"label": label, "ok": False, "log": task["log"]}
    with open(log_path, "w", encoding="utf-8", buffering=1) as log:
        saved = [os.dup(1), os.dup(2)]
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(log.fileno(), 1)  # kernel output and warnings go to the log, not the terminal
        os.dup2(log.fileno(), 2)
        handler = logging.StreamHandler(log)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        pm_logger = logging.getLogger("papermill")
        pm_logger.addHandler(handler)
        pm_logger.setLevel(logging.INFO)
        pm_logger.propagate = False
        source = None
        try:
            source = nbformat.read(root / task["input"], as_version=4)
            log.write(f"run {label}: {task['input']} with {task['parameters']}\n")
            for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
                try:
                    nb = papermill.execute_notebook(
                        source,
                        None,
                        parameters=dict(task["parameters"]),
                        progress_bar=False,
                        log_output=True,
                        request_save_on_cell_execute=False,
                        cwd=str(root),
                    )
                    break
                except RuntimeError as error:
                    # Kernels started at the same moment can pick the same TCP port; the
                    # loser dies before any cell runs, so starting it again is safe.
                    if not _kernel_start_failed(error) or attempt == KERNEL_START_ATTEMPTS:
                        raise
                    log.write(f"\nkernel failed to start ({error}); attempt {attempt + 1}\n")
                    result["kernel_restarts"] = attempt
            report_dir = staging / task["report_dir"]
            out_rel = f"{task['report_dir']}/{name}.ipynb"
            clean = notebook_meta.sanitize_notebook(nb, task["input"], out_rel)
            result["unstable"] = notebook_meta.unstable_outputs(clean, (str(root), str(staging)))
            for problem in result["unstable"]:
                log.write(f"WARNING not reproducible: {problem}\n")
            outputs.atomic_write_text(
                report_dir / f"{name}.ipynb", notebook_meta.notebook_text(clean)
            )
            if task["html"]:
                body, _ = _WORKER["html"].from_notebook_node(
                    clean, resources={"metadata": {"name": name}}
                )
                outputs.atomic_write_text(report_dir / f"{name}.html", body)
            result["ok"] = True
        except PapermillExecutionError as error:
            result.update(
                cell_index=error.cell_index,
                exec_count=error.exec_count,
                ename=error.ename,
                evalue=str(error.evalue),
                source=str(error.source),
            )
            log.write(f"\nFAILED: {error}\n")
        except BaseException as error:  # kernel died, timeout, interrupted, unreadable notebook
            result.update(cell_index=None, ename=type(error).__name__, evalue=str(error))
            log.write(f"\nFAILED: {type(error).__name__}: {error}\n")
            if isinstance(error, KeyboardInterrupt):
                raise
        finally:
            result["seconds"] = round(time.monotonic() - started, 2)
            log.write(f"finished in {result['seconds']} s, ok={result['ok']}\n")
            pm_logger.removeHandler(handler)
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
    if not result["ok"] and result.get("cell_index") is not None:
        cells = source.cells if source is not None else None
        result["source_cell_index"] = _source_cell_index(cells, result["cell_index"])
    return result


def format_failure(result: Mapping[str, Any]) -> str:
    """One readable paragraph for a failed run: where it failed, the exception, the log."""
    label = result["label"]
    if result.get("skipped"):
        return f"{label}: not run ({result['skipped']})"
    if result.get("cell_index") is not None and result.get("source_cell_index") is None:
        where = "the injected parameters cell"
    elif result.get("cell_index") is not None:
        first = next((ln for ln in str(result.get("source", "")).splitlines() if ln.strip()), "")
        where = (
            f"cell {result['source_cell_index']} of notebooks/{label.split('/')[1]}.ipynb "
            f"(0-based; In [{result.get('exec_count')}] in the executed notebook)"
        )
        if first:
            where += f", starting `{first.strip()[:80]}`"
    else:
        where = "outside a cell"
    error = f"{result.get('ename')}: {result.get('evalue')}"
    return f"{label}: failed in {where}: {error} (log: {result['log']})"


# ----------------------------------------------------------------------------------------------
# The run


def _task(root: Path, staging: Path, run: Run, html: bool) -> dict[str, Any]:
    return {
        "root": str(root),
        "staging": str(staging),
        "label": run.label,
        "notebook": run.notebook,
        "input": f"{paths.NOTEBOOKS_DIR}/{run.notebook}.ipynb",
        "parameters": dict(run.parameters),
        "report_dir": run.report_dir,
        "log": f"{LOGS_DIR}/{run.group}/{run.notebook}.log",
        "html": html,
    }


_FINISHED = re.compile(r"^finished in ([0-9.]+) s", re.MULTILINE)


def previous_seconds(root: Path, run: Run) -> float:
    """How long this run took last time (from its log), 0 if unknown."""
    log = root / LOGS_DIR / run.group / f"{run.notebook}.log"
    with contextlib.suppress(OSError):
        found = _FINISHED.findall(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return float(found[-1])
    return 0.0


def _longest_first(root: Path, groups: Sequence[Group]) -> list[tuple[Group, Run]]:
    """Submission order: the longest runs first (by the last logs), which shortens the tail."""
    items = [(g, r) for g in groups for r in g.runs]
    order = {run.notebook: i for i, run in enumerate(r for g in groups for r in g.runs)}
    return sorted(items, key=lambda gr: (-previous_seconds(root, gr[1]), order[gr[1].notebook]))


def _prepare_staging(root: Path, staging: Path, group: Group) -> None:
    for target in group.targets:
        if not group.complete and (root / target).is_dir():
            # A subset run starts from the current outputs so the other notebooks' files survive.
            shutil.copytree(root / target, staging / target, symlinks=True)
        else:
            (staging / target).mkdir(parents=True, exist_ok=True)


def _publish(root: Path, staging: Path, group: Group) -> None:
    for target in group.targets:
        _hook(f"publish:{target}:before")
        outputs.replace_directory(staging / target, root / target)
        _hook(f"publish:{target}:after")


def regenerate(
    root: Path,
    scenarios: Sequence[str] = (),
    notebooks: Sequence[str] = (),
    jobs: int | None = None,
    html: bool = True,
    progress: bool = True,
) -> int:
    """Run the selection; return the exit code (0 all good, 1 failures)."""
    from tqdm import tqdm

    root = Path(root).resolve()
    config = load_config(root)  # every check happens before any work
    groups = plan(config, scenarios, notebooks)
    jobs = jobs or os.cpu_count() or 1
    with ProjectLock(root) as lock:
        if os.environ.get(STALL_ENV) or os.environ.get(TRACE_ENV):
            _install_rename_hook(root)
        restored = recover(root, config)
        for target in restored:
            print(f"runner: restored {target} from an interrupted run", file=sys.stderr)
        clean_staging(root)
        run_id = f"{os.getpid()}-{time.time_ns()}"
        staging = root / STAGING_DIR / run_id
        staging.mkdir(parents=True)
        for group in groups:
            _prepare_staging(root, staging, group)
        _hook("ready")
        failures: list[dict[str, Any]] = []
        published: list[str] = []
        unstable: list[str] = []
        total = sum(len(g.runs) for g in groups)
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, max(total, 1)),
            mp_context=context,
            initializer=_init_worker,
            initargs=(os.getpid(), lock.fd),
        )
        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
        bar = tqdm(total=total, unit="run", desc="notebooks", file=sys.stderr, disable=not progress)
        try:
            once = [g for g in groups if g.name == CLEANING]
            scenario_groups = [g for g in groups if g.name != CLEANING]
            stages = [once, scenario_groups] if once else [scenario_groups]
            for index, stage in enumerate(stages):
                if index > 0 and once and not all(r["ok"] for r in once[0].results.values()):
                    for group in stage:
                        for run in group.runs:
                            failures.append(
                                {"label": run.label, "skipped": "the cleaning step failed"}
                            )
                            bar.update(1)
                    break
                pending: dict[Future, tuple[Group, Run]] = {}
                for group, run in _longest_first(root, stage):
                    future = pool.submit(execute_run, _task(root, staging, run, html))
                    pending[future] = (group, run)
                _hook(f"stage-{index}-submitted")
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        group, run = pending.pop(future)
                        try:
                            result = future.result()
                        except Exception as error:  # a worker died
                            result = {
                                "label": run.label,
                                "ok": False,
                                "cell_index": None,
                                "ename": type(error).__name__,
                                "evalue": str(error),
                                "log": f"{LOGS_DIR}/{run.group}/{run.notebook}.log",
                            }
                        group.results[run.notebook] = result
                        for problem in result.get("unstable", []):
                            unstable.append(f"{run.label}: {problem}")
                        bar.update(1)
                        bar.set_postfix_str(run.label, refresh=False)
                        if not result["ok"]:
                            failures.append(result)
                            bar.write(f"FAILED {run.label} (see {result['log']})", file=sys.stderr)
                        if len(group.results) == len(group.runs):
                            if all(r["ok"] for r in group.results.values()):
                                _publish(root, staging, group)
                                published.append(group.name)
                            else:
                                bar.write(
                                    f"not published: {group.name} keeps its previous outputs",
                                    file=sys.stderr,
                                )
        finally:
            bar.close()
            pool.shutdown(wait=True, cancel_futures=True)
        if published:
            from helpers import report_index

            _hook("readme:before")
            report_index.write_readme(root, config)
        _hook("done")
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            (root / STAGING_DIR).rmdir()
    print(
        f"runner: {total - len(failures)} of {total} runs succeeded; published: "
        f"{', '.join(published) or 'nothing'}",
        file=sys.stderr,
    )
    if unstable:
        print(
            "runner: warning: these outputs will differ on the next run (see CONTRIBUTING.md, "
            "'Outputs must be byte-identical'):",
            file=sys.stderr,
        )
        for problem in unstable:
            print("  " + problem, file=sys.stderr)
    if failures:
        print(f"runner: {len(failures)} run(s) failed:", file=sys.stderr)
        for result in failures:
            print("  " + format_failure(result), file=sys.stderr)
        return EXIT_FAILED
    return 0


def describe(config: Config) -> str:
    """The plan in words (for --list)."""
    lines = ["notebooks (in order):"]
    for nb in config.notebooks:
        lines.append(f"  {nb.name:<18} {nb.scope:<13} parameters: {', '.join(nb.declared)}")
    for nb in config.once:
        text = ", ".join(f"{k}={v!r}" for k, v in nb.parameters.items())
        lines.append(f"  {nb.name} runs once with {text}; its report goes to reports/{CLEANING}")
    lines.append("scenarios:")
    for name, params in config.scenarios.items():
        lines.append(f"  {name}")
        for nb in config.per_scenario:
            passed = notebook_parameters(nb, params, f"{paths.REPORTS_DIR}/{name}")
            text = ", ".join(f"{k}={v!r}" for k, v in passed.items())
            lines.append(f"    {nb.name:<16} {text}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.runner",
        description="Regenerate data/processed and the reports of every scenario in "
        "scenarios.yaml (or a subset). Exit codes: 0 success, 1 a run failed, 2 invalid "
        "scenario file or arguments, 75 another runner is busy with this project, 130 "
        "interrupted.",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this scenario (repeatable)",
    )
    parser.add_argument(
        "--notebook",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this notebook, e.g. 02_trajectory (repeatable); "
        "01_clean runs only when no --notebook is given or it is named",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="parallel runs (default: the number of cores)",
    )
    parser.add_argument("--no-html", action="store_true", help="skip the HTML rendering")
    parser.add_argument("--list", action="store_true", help="show what would run, and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = paths.project_root()
    try:
        if args.jobs is not None and args.jobs < 1:
            raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
        if args.list:
            config = load_config(root)
            plan(config, args.scenario, args.notebook)
            print(describe(config))
            return 0
        return regenerate(root, args.scenario, args.notebook, args.jobs, html=not args.no_html)
    except ConfigError as error:
        print(f"runner: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RunnerBusy as error:
        print(f"runner: refusing to start: {error}", file=sys.stderr)
        return EXIT_BUSY
    except KeyboardInterrupt:
        print(
            "\nrunner: interrupted. Each output set is its previous or its new complete version; "
            "the next run removes the staging tree.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
