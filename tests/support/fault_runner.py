"""Run the real runner (``helpers.runner.main``) with test-side fault injection.

    python tests/support/fault_runner.py [runner arguments]     (a fresh process: the real pipeline)
    start_forked(root, [runner arguments], **env)       (a fork of the test process: no start-up)

The runner has no test hooks; this module adds them from outside, before ``main`` runs (worker
processes are forked from the runner, so they inherit every patch):

- ``FAULT_TRACE=<file>``: append one line per publication step to the file:
  ``execute:<output_dir>`` before a notebook runs, ``rename:<src>-><dst>`` after every
  ``os.rename`` (directory swaps), ``replace:<dst>`` before every ``os.replace`` that writes
  outside the staging tree (e.g. reports/README.md). Paths are relative to the project root.
- ``FAULT_STALL=<glob>``: at the first step that matches, record it and sleep (the test sends
  SIGKILL there).
- ``FAULT_IN_PROCESS=1``: notebooks run in the worker process instead of a kernel
  (:func:`execute_in_process`), so a stand-in run takes milliseconds instead of seconds.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import io
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

STAGING = ".staging"


def _root() -> Path:
    return Path(os.environ.get("BESCHUT_PROJECT_ROOT") or Path.cwd()).resolve()


def step(name: str) -> None:
    """Record a step in FAULT_TRACE and stall if FAULT_STALL matches it."""
    trace = os.environ.get("FAULT_TRACE")
    stall = os.environ.get("FAULT_STALL")
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(name + "\n")
    if stall and fnmatch.fnmatchcase(name, stall):
        time.sleep(3600)


def _relative(path: Any) -> str:
    text = os.path.relpath(os.path.abspath(os.fspath(path)), _root())
    return text.replace(os.sep, "/")


def traced_execute(input_path: Any, output_path: Any, parameters=None, **kwargs: Any):
    """``papermill.execute_notebook``, with an ``execute:<output_dir>`` step first."""
    step(f"execute:{(parameters or {}).get('output_dir', '')}")
    if os.environ.get("FAULT_IN_PROCESS") == "1":
        return execute_in_process(input_path, parameters, kwargs.get("cwd"))
    return _real_execute(input_path, output_path, parameters=parameters, **kwargs)


def execute_in_process(input_path: Any, parameters: dict | None, cwd: str | None):
    """Parameterise a notebook with papermill, then run its code cells with ``exec`` in this
    process (no kernel); stdout becomes the cell's stream output."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    nb = _real_execute(input_path, None, parameters=parameters, prepare_only=True)
    namespace: dict[str, Any] = {"__name__": "__main__", "display": print}
    count = 0
    with contextlib.chdir(cwd or os.getcwd()):
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            printed = io.StringIO()
            try:
                with contextlib.redirect_stdout(printed):
                    exec(compile(cell.source, f"<cell {index}>", "exec"), namespace)
            except Exception as error:
                lines = traceback.format_exception(error)
                raise PapermillExecutionError(
                    index, count, cell.source, type(error).__name__, str(error), lines
                ) from error
            cell.execution_count = count
            text = printed.getvalue()
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)] * bool(text)
    return nb


def _traced_rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
    _real_rename(src, dst, *args, **kwargs)
    step(f"rename:{_relative(src)}->{_relative(dst)}")


def _traced_replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
    target = _relative(dst)
    if not target.startswith(STAGING + "/"):
        step(f"replace:{target}")
    _real_replace(src, dst, *args, **kwargs)


_real_rename, _real_replace = os.rename, os.replace
_real_execute = None


def install() -> None:
    """Apply the patches described in the module docstring."""
    global _real_execute
    import papermill

    os.rename = _traced_rename
    os.replace = _traced_replace
    _real_execute = papermill.execute_notebook
    papermill.execute_notebook = traced_execute
    if os.environ.get("FAULT_IN_PROCESS") == "1":
        import matplotlib

        matplotlib.use("Agg")  # what the kernel's inline backend would draw with


def _child(root: Path, argv: list[str], env: dict[str, str], log: Path) -> None:
    os.environ.pop("BESCHUT_WRITE_ROOT", None)
    os.environ.update(env, BESCHUT_PROJECT_ROOT=str(root))
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    # pytest's output capture replaced sys.stdout/stderr in the parent; write to the log instead
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
    install()
    from helpers import runner

    sys.exit(runner.main(argv))


def start_forked(root: Path, argv: list[str], log: Path, **env: str):
    """Start the runner on ``root`` in a fork of this process (modules already imported, so it
    starts in milliseconds); its stdout and stderr go to ``log``. Returns the Process."""
    import multiprocessing

    import matplotlib

    matplotlib.use("Agg")
    # Imported once here and inherited by every fork: what the runner and the stand-ins use.
    import matplotlib.pyplot
    import nbconvert  # noqa: F401
    import nbformat
    import papermill  # noqa: F401

    import helpers.plotting  # noqa: F401

    nbformat.validate(nbformat.v4.new_notebook())  # compiles the schema validator once
    gc.freeze()  # a collection in a fork would touch, and so copy, every inherited object
    process = multiprocessing.get_context("fork").Process(
        target=_child, args=(Path(root), list(argv), dict(env), Path(log)), daemon=False
    )
    process.start()
    return process


if __name__ == "__main__":
    install()
    from helpers import runner

    sys.exit(runner.main(sys.argv[1:]))


def fast_run(root: Path, log: Path, **env: str):
    """A forked runner on ``root`` with in-process notebooks."""
    return start_forked(root, ["--jobs", "2", "--no-html"], log, FAULT_IN_PROCESS="1", **env)
