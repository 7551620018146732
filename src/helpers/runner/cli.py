"""Command line: ``python -m helpers.runner`` (``make reports``).

Every failure ends in a message and a non-zero exit code, never a traceback: 1 a run failed or
an unexpected error, 2 invalid scenario file or arguments, 73 the project tree cannot be written
safely (a symbolic link or a directory where the runner writes, a read-only folder, a full disk),
75 another runner or the cleaning command is busy with this project, 130 interrupted (Ctrl-C,
SIGINT), 143 terminated (SIGTERM), 129 hung up (SIGHUP). A signal ends in one line of message;
the workers stop their notebooks and each output set stays its previous or its new complete
version. ``make reports``/``make report`` end with the same code for a signal (the Makefile
re-raises it on make) and print the runner's code otherwise (GNU make itself exits 2).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import signal
import sys
import threading
from collections.abc import Sequence

from helpers import paths
from helpers.errors import ProjectBusy, UnsafeTree
from helpers.runner.config import ConfigError, load_config
from helpers.runner.execution import EXIT_FAILED, regenerate
from helpers.runner.planning import describe

EXIT_USAGE, EXIT_UNSAFE, EXIT_BUSY, EXIT_INTERRUPTED = 2, 73, 75, 130
# A signal ends the runner with 128 + its number, as a shell reports a process killed by it.
SIGNAL_EXITS = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


class Stopped(KeyboardInterrupt):
    """The runner received SIGINT, SIGTERM or SIGHUP."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    """A stopping signal: stop the workers' notebooks as Ctrl-C in a terminal would (also when
    the signal reached the runner alone), then unwind like Ctrl-C."""
    import psutil

    with contextlib.suppress(psutil.Error):
        for child in psutil.Process().children(recursive=True):  # workers and their kernels
            with contextlib.suppress(psutil.Error):
                child.send_signal(signal.SIGINT)
    raise Stopped(signum)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.runner",
        description="Regenerate data/processed and the reports of every scenario in "
        "scenarios.yaml (or a subset). Exit codes: 0 success, 1 a run failed, 2 invalid "
        "scenario file or arguments, 73 the project tree cannot be written safely, 75 another "
        "runner or the cleaning command is busy with this project, 130 interrupted (SIGINT), "
        "143 terminated (SIGTERM), 129 hung up (SIGHUP).",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this scenario (repeatable); runs it shares with an earlier scenario "
        "are published in that scenario's folder",
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
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=None,
        metavar="SECONDS",
        help="longest time one cell may run (default: cell_timeout in scenarios.yaml, 600)",
    )
    parser.add_argument(
        "--no-html",
        action="store_true",
        help="skip the HTML rendering (the current HTML pages are kept)",
    )
    parser.add_argument("--list", action="store_true", help="show what would run, and exit")
    return parser


def _disk_message(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}; free space and run again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write{where}: {error.strerror}; check the permissions of the project"
    return f"{error.strerror or error}{where}"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and regenerate; every error becomes a message and an exit code."""
    args = build_parser().parse_args(argv)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {signum: signal.signal(signum, _stop) for signum in SIGNAL_EXITS}
    try:
        return _run(args)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; every error becomes a message and an exit code."""
    try:
        root = paths.project_root()
        if args.jobs is not None and args.jobs < 1:
            raise ConfigError(f"--jobs must be at least 1, got {args.jobs}")
        if args.cell_timeout is not None and not 1 <= args.cell_timeout <= 86_400:
            raise ConfigError(f"--cell-timeout must be 1 to 86400 seconds, got {args.cell_timeout}")
        if args.list:
            config = load_config(root)
            print(describe(config, args.scenario, args.notebook))
            return 0
        return regenerate(
            root,
            args.scenario,
            args.notebook,
            args.jobs,
            html=not args.no_html,
            cell_timeout=args.cell_timeout,
        )
    except ConfigError as error:
        print(f"runner: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ProjectBusy as error:
        print(f"runner: refusing to start: {error}", file=sys.stderr)
        return EXIT_BUSY
    except UnsafeTree as error:
        print(f"runner: refusing to write: {error}", file=sys.stderr)
        return EXIT_UNSAFE
    except KeyboardInterrupt as error:
        signum = getattr(error, "signum", signal.SIGINT)
        print(
            f"\nrunner: interrupted ({signal.Signals(signum).name}). Each output set is its "
            "previous or its new complete version; the next run removes the staging tree.",
            file=sys.stderr,
        )
        return SIGNAL_EXITS.get(signum, EXIT_INTERRUPTED)
    except OSError as error:
        print(f"runner: stopped: {_disk_message(error)}", file=sys.stderr)
        print(
            "runner: each output set is its previous or its new complete version.",
            file=sys.stderr,
        )
        return EXIT_UNSAFE
    except Exception as error:  # a bug: still a message, never a traceback
        print(
            f"runner: unexpected error: {type(error).__name__}: {error}. Each output set is its "
            "previous or its new complete version; please report this with the command you ran.",
            file=sys.stderr,
        )
        return EXIT_FAILED
