"""Execution: run the planned notebooks with papermill in worker processes, publish each group
when all its runs succeeded, and report failures by notebook, scenario and cell.

One failing run does not stop the others; a group with a failure keeps its previous outputs.
Every cell has a time limit (``cell_timeout`` in scenarios.yaml, ``--cell-timeout``); a cell that
runs longer fails its run with a message naming the notebook, the scenario and the cell.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from helpers import outputs, paths
from helpers.html_export import export_html, html_exporter, keep_language
from helpers.runner import publication
from helpers.runner.config import CLEANING, load_config
from helpers.runner.planning import Group, Run, plan

KERNEL_START_ATTEMPTS = 3
EXIT_FAILED = 1
LOGS_DIR = paths.LOGS_DIR

_WORKER: dict[str, Any] = {}


def _init_worker(parent_pid: int, lock_fd: int | None) -> None:
    """Worker start: die with the parent, drop the inherited lock fd, import the heavy modules."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: a killed runner takes its workers along
    if os.getppid() != parent_pid:
        os._exit(1)
    # An idle worker ignores Ctrl-C (no traceback from a waiting worker); execute_run restores
    # it while a notebook runs. SIGTERM/SIGHUP: the runner's handlers are not the worker's.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    if lock_fd is not None:
        with contextlib.suppress(OSError):
            os.close(lock_fd)  # the lock lives exactly as long as the runner's main process
    outputs._HELD.clear()  # a worker does not hold the lock: it writes only into staging
    import papermill  # noqa: F401

    _WORKER["html"] = html_exporter()


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


def _kernel_start_failed(error: BaseException) -> bool:
    """Whether papermill failed because the kernel died while starting (before any cell ran)."""
    return "before replying to kernel_info" in str(error)


class _CellTracker(logging.Handler):
    """Remembers the cell papermill is executing (from its 'Executing Cell N' log lines)."""

    PATTERN = re.compile(r"Executing Cell (\d+)")

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.cell: int | None = None  # 0-based index in the executed notebook

    def emit(self, record: logging.LogRecord) -> None:
        match = self.PATTERN.search(record.getMessage())
        if match:
            self.cell = int(match.group(1)) - 1


def _is_timeout(error: BaseException) -> bool:
    return type(error).__name__ == "CellTimeoutError" or isinstance(error, TimeoutError)


def execute_run(task: Mapping[str, Any]) -> dict[str, Any]:
    """Execute one notebook (in a worker process); returns a result record (Ctrl-C aside)."""
    idle = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _execute_run(task)
    finally:
        signal.signal(signal.SIGINT, idle)


def _execute_run(task: Mapping[str, Any]) -> dict[str, Any]:
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    root, staging = Path(task["root"]), Path(task["staging"])
    os.environ["BESCHUT_PROJECT_ROOT"] = str(root)
    os.environ["BESCHUT_WRITE_ROOT"] = str(staging)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    log_path = outputs.real_directory(root, Path(task["log"]).parent) / Path(task["log"]).name
    started = time.monotonic()
    result: dict[str, Any] = {
        "label": task["label"],
        "ok": False,
        "log": task["log"],
        "scenarios": list(task.get("scenarios", ())),
    }
    source = None
    with outputs.open_no_follow(log_path) as log, _logged_to(log) as tracker:
        try:
            source = nbformat.read(root / task["input"], as_version=4)
            log.write(f"run {task['label']}: {task['input']} with {task['parameters']}\n")
            executed = _execute_with_retries(source, task, log, result)
            _write_report(executed, task, log, result)
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
            _record_failure(result, error, task, tracker, source)
            log.write(f"\nFAILED: {type(error).__name__}: {error}\n")
            if isinstance(error, KeyboardInterrupt):
                raise
        finally:
            result["seconds"] = round(time.monotonic() - started, 2)
            log.write(f"finished in {result['seconds']} s, ok={result['ok']}\n")
    if not result["ok"] and result.get("cell_index") is not None:
        cells = source.cells if source is not None else None
        result["source_cell_index"] = _source_cell_index(cells, result["cell_index"])
    return result


@contextlib.contextmanager
def _logged_to(log: Any) -> Iterator[_CellTracker]:
    """Send this process's stdout and stderr (the kernel's output, warnings) and papermill's log
    to ``log``; yield a tracker of the cell papermill is executing. Restores both on exit."""
    saved = [os.dup(1), os.dup(2)]
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(log.fileno(), 1)  # kernel output and warnings go to the log, not the terminal
    os.dup2(log.fileno(), 2)
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    tracker = _CellTracker()
    pm_logger = logging.getLogger("papermill")
    pm_logger.addHandler(handler)
    pm_logger.addHandler(tracker)
    pm_logger.setLevel(logging.INFO)
    pm_logger.propagate = False
    try:
        yield tracker
    finally:
        pm_logger.removeHandler(handler)
        pm_logger.removeHandler(tracker)
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def _execute_with_retries(
    source: Any, task: Mapping[str, Any], log: Any, result: dict[str, Any]
) -> Any:
    """Run the notebook with papermill; start the kernel again when it died while starting."""
    import papermill

    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        try:
            return papermill.execute_notebook(
                source,
                None,
                parameters=dict(task["parameters"]),
                progress_bar=False,
                log_output=True,
                request_save_on_cell_execute=False,
                execution_timeout=task.get("cell_timeout"),
                cwd=str(Path(task["root"])),
            )
        except RuntimeError as error:
            # Kernels started at the same moment can pick the same TCP port; the loser dies
            # before any cell runs, so starting it again is safe.
            if not _kernel_start_failed(error) or attempt == KERNEL_START_ATTEMPTS:
                raise
            log.write(f"\nkernel failed to start ({error}); attempt {attempt + 1}\n")
            result["kernel_restarts"] = attempt
    raise AssertionError("unreachable: the last attempt returns or raises")


def _write_report(executed: Any, task: Mapping[str, Any], log: Any, result: dict[str, Any]) -> None:
    """Write the executed notebook (sanitised, in the run's language) and its HTML to staging;
    note outputs that would differ on the next run."""
    from helpers import notebook_meta

    root, staging, name = Path(task["root"]), Path(task["staging"]), task["notebook"]
    report_dir = staging / task["report_dir"]
    out_rel = f"{task['report_dir']}/{name}.ipynb"
    clean = notebook_meta.sanitize_notebook(executed, task["input"], out_rel)
    clean = keep_language(clean, str(task["parameters"].get("language", "en")))
    result["unstable"] = notebook_meta.unstable_outputs(clean, (str(root), str(staging)))
    for problem in result["unstable"]:
        log.write(f"WARNING not reproducible: {problem}\n")
    outputs.atomic_write_text(report_dir / f"{name}.ipynb", notebook_meta.notebook_text(clean))
    if task["html"]:
        body = export_html(clean, name, task["parameters"], _WORKER["html"])
        outputs.atomic_write_text(report_dir / f"{name}.html", body)


def _record_failure(
    result: dict[str, Any],
    error: BaseException,
    task: Mapping[str, Any],
    tracker: _CellTracker,
    source: Any,
) -> None:
    """What failed outside papermill's cell errors; a timeout names the cell that ran too long."""
    result.update(cell_index=None, ename=type(error).__name__, evalue=str(error))
    if _is_timeout(error) and tracker.cell is not None:
        result.update(
            cell_index=tracker.cell,
            timeout=task.get("cell_timeout"),
            evalue=f"the cell ran longer than {task.get('cell_timeout')} s",
        )
        cells = source.cells if source is not None else []
        shown = _source_cell_index(cells, tracker.cell)
        if shown is not None and shown < len(cells):
            result["source"] = cells[shown].source


def format_failure(result: Mapping[str, Any]) -> str:
    """One readable paragraph for a failed run: where it failed, the exception, the log."""
    label = result["label"]
    if result.get("refused"):
        return f"{label}: {result['refused']}"
    if result.get("skipped"):
        return f"{label}: not run ({result['skipped']})"
    notebook = label.split("/")[1]
    if result.get("cell_index") is not None and result.get("source_cell_index") is None:
        where = "the injected parameters cell"
    elif result.get("cell_index") is not None:
        first = next((ln for ln in str(result.get("source", "")).splitlines() if ln.strip()), "")
        where = f"cell {result['source_cell_index']} of notebooks/{notebook}.ipynb (0-based"
        if result.get("exec_count"):
            where += f"; In [{result['exec_count']}] in the executed notebook"
        where += ")"
        if first:
            where += f", starting `{first.strip()[:80]}`"
    else:
        where = "outside a cell"
    served = result.get("scenarios") or []
    scenarios = f" (scenario {', '.join(served)})" if served else ""
    if result.get("timeout"):
        return (
            f"{label}{scenarios}: timed out in {where}: {result.get('evalue')}; raise "
            f"cell_timeout in scenarios.yaml or pass --cell-timeout (log: {result['log']})"
        )
    error = f"{result.get('ename')}: {result.get('evalue')}"
    if result.get("ename") == "DataError":
        error += " (a figure in data/raw/source_register.csv: check that row)"
    return f"{label}{scenarios}: failed in {where}: {error} (log: {result['log']})"


def _task(
    root: Path, staging: Path, run: Run, html: bool, cell_timeout: int | None = None
) -> dict[str, Any]:
    return {
        "root": str(root),
        "staging": str(staging),
        "label": run.label,
        "notebook": run.notebook,
        "scenarios": list(run.scenarios),
        "input": f"{paths.NOTEBOOKS_DIR}/{run.notebook}.ipynb",
        "parameters": dict(run.parameters),
        "report_dir": run.report_dir,
        "log": f"{LOGS_DIR}/{run.group}/{run.notebook}.log",
        "html": html,
        "cell_timeout": cell_timeout,
    }


_FINISHED = re.compile(r"^finished in ([0-9.]+) s", re.MULTILINE)


def previous_seconds(root: Path, run: Run) -> float:
    """How long this run took last time (from its log), 0 if unknown."""
    log = root / LOGS_DIR / run.group / f"{run.notebook}.log"
    if log.is_symlink():
        return 0.0
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


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers and their kernels (SIGTERM): nothing of theirs is published, and
    a worker must not go on to a run that was already queued."""
    import psutil

    for process in list((pool._processes or {}).values()):
        with contextlib.suppress(psutil.Error):
            worker = psutil.Process(process.pid)
            for proc in [*worker.children(recursive=True), worker]:
                with contextlib.suppress(psutil.Error):
                    proc.terminate()


def regenerate(
    root: Path,
    scenarios: Sequence[str] = (),
    notebooks: Sequence[str] = (),
    jobs: int | None = None,
    html: bool = True,
    progress: bool = True,
    cell_timeout: int | None = None,
) -> int:
    """Run the selection; return the exit code (0 all good, 1 failures)."""
    root = Path(root).resolve()
    config = load_config(root)  # every check happens before any work
    groups = plan(config, scenarios, notebooks)
    publication.check_tree(root, groups)
    timeout = cell_timeout or config.cell_timeout
    jobs = jobs or os.cpu_count() or 1
    with outputs.ProjectLock(root, "runner") as lock:
        for target in publication.recover(root, config):
            print(f"runner: restored {target} from an interrupted run", file=sys.stderr)
        publication.clean_staging(root)
        run_id = f"{os.getpid()}-{time.time_ns()}"
        staging = outputs.real_directory(root, Path(publication.STAGING_DIR) / run_id)
        try:
            session = _Session(root, staging, groups, html, timeout)
            session.run(jobs, lock.fd, progress)
            if session.published:
                publication.write_index(root, config)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            with contextlib.suppress(OSError):
                (root / publication.STAGING_DIR).rmdir()
    return session.report()


class _Session:
    """One regeneration: runs the groups in worker processes, publishes each group whose runs
    all succeeded, and keeps the failures, the published groups and the unstable outputs."""

    def __init__(
        self, root: Path, staging: Path, groups: Sequence[Group], html: bool, timeout: int | None
    ) -> None:
        self.root, self.staging, self.groups = root, staging, groups
        self.html, self.timeout = html, timeout
        self.total = sum(len(g.runs) for g in groups)
        self.failures: list[dict[str, Any]] = []
        self.published: list[str] = []
        self.unstable: list[str] = []
        self.before: dict = {}
        self.bar: Any = None

    def run(self, jobs: int, lock_fd: int | None, progress: bool) -> None:
        """Stage every group, then run the cleaning step and, if it succeeded, the scenarios."""
        from tqdm import tqdm

        self.before = publication.fingerprints(self.root, self.groups)  # refuse a mixture
        for group in self.groups:
            publication.prepare_staging(self.root, self.staging, group, self.html)
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, max(self.total, 1)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(os.getpid(), lock_fd),
        )
        stopped = False
        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
        self.bar = tqdm(
            total=self.total, unit="run", desc="notebooks", file=sys.stderr, disable=not progress
        )
        try:
            self._run_stages(pool)
        except BaseException:  # interrupted: the runs in progress are abandoned
            stopped = True
            _stop_workers(pool)  # no shutdown(): a signal may have left its lock held
            raise
        finally:
            self.bar.close()
            if not stopped:
                pool.shutdown(wait=True, cancel_futures=True)

    def _run_stages(self, pool: ProcessPoolExecutor) -> None:
        once = [g for g in self.groups if g.name == CLEANING]
        scenario_groups = [g for g in self.groups if g.name != CLEANING]
        stages = [once, scenario_groups] if once else [scenario_groups]
        for index, stage in enumerate(stages):
            if index > 0 and once and not all(r["ok"] for r in once[0].results.values()):
                self._skip(stage, "the cleaning step failed")
                break
            self._run_stage(pool, stage)

    def _skip(self, stage: Sequence[Group], reason: str) -> None:
        for group in stage:
            for run in group.runs:
                self.failures.append({"label": run.label, "skipped": reason})
                self.bar.update(1)

    def _run_stage(self, pool: ProcessPoolExecutor, stage: Sequence[Group]) -> None:
        """Submit the stage's runs (longest first) and handle each as it finishes."""
        pending: dict[Future, tuple[Group, Run]] = {}
        for group, run in _longest_first(self.root, stage):
            task = _task(self.root, self.staging, run, self.html, self.timeout)
            pending[pool.submit(execute_run, task)] = (group, run)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                group, run = pending.pop(future)
                self._record(group, run, _result_of(future, run))
                if len(group.results) == len(group.runs):
                    self._finish(group)

    def _record(self, group: Group, run: Run, result: dict[str, Any]) -> None:
        group.results[run.notebook] = result
        self.unstable += [f"{run.label}: {problem}" for problem in result.get("unstable", [])]
        self.bar.update(1)
        self.bar.set_postfix_str(run.label, refresh=False)
        if not result["ok"]:
            self.failures.append(result)
            self.bar.write(f"FAILED {run.label} (see {result['log']})", file=sys.stderr)

    def _finish(self, group: Group) -> None:
        """Publish a group whose runs all succeeded, unless another writer changed its outputs."""
        changed = publication.changed_by_another_writer(self.root, group, self.before)
        if changed:
            self.failures.append(
                {
                    "label": group.name,
                    "refused": f"{changed} was changed by another writer while the runner ran "
                    "(a notebook run by hand?); not published, its outputs are as that writer "
                    "left them",
                }
            )
        if not changed and all(r["ok"] for r in group.results.values()):
            publication.publish(self.root, self.staging, group)
            self.published.append(group.name)
        else:
            self.bar.write(
                f"not published: {group.name} keeps its previous outputs", file=sys.stderr
            )

    def report(self) -> int:
        """Print the outcome (runs, publications, unstable outputs, changes, failures); return
        the exit code."""
        print(
            f"runner: {self.total - len(self.failures)} of {self.total} runs succeeded; "
            f"published: {', '.join(self.published) or 'nothing'}",
            file=sys.stderr,
        )
        if self.unstable:
            print(
                "runner: warning: these outputs will differ on the next run (see "
                "CONTRIBUTING.md, 'Outputs must be byte-identical'):",
                file=sys.stderr,
            )
            for problem in self.unstable:
                print("  " + problem, file=sys.stderr)
        if self.published:
            publication.print_changes(self.root)
        if self.failures:
            print(f"runner: {len(self.failures)} run(s) failed:", file=sys.stderr)
            for result in self.failures:
                print("  " + format_failure(result), file=sys.stderr)
            return EXIT_FAILED
        return 0


def _result_of(future: Future, run: Run) -> dict[str, Any]:
    """The run's result record, or a failure record when its worker died."""
    try:
        return future.result()
    except Exception as error:  # a worker died
        return {
            "label": run.label,
            "ok": False,
            "cell_index": None,
            "ename": type(error).__name__,
            "evalue": str(error),
            "log": f"{LOGS_DIR}/{run.group}/{run.notebook}.log",
        }
