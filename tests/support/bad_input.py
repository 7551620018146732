"""The bad-input suite's shared checks: a refusal leaves the tree byte-identical, and every kind
of input tried is counted (tests/test_bad_input.py, test_bad_input_tree.py, test_runner.py).

The counts go to the file named by ``BESCHUT_BAD_INPUT_COUNTS`` when the plugin
:mod:`support.bad_input_report` set it (it sums every xdist worker's); otherwise
:func:`report_counts` prints them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import runner
from support.paths import SCENARIOS_FILE

SCENARIO_TEXT = SCENARIOS_FILE.read_text(encoding="utf-8")  # the real scenarios.yaml
OUTCOMES: Counter = Counter()
KINDS: dict[str, str] = {}


def record(kind: str, outcome: str) -> None:
    """Count one kind of input tried and whether it was ``refused`` or ``accepted``."""
    assert kind not in KINDS, f"kind {kind!r} counted twice"
    KINDS[kind] = outcome
    OUTCOMES[outcome] += 1


def report_counts(pytestconfig: pytest.Config) -> None:
    """Hand the counts to the plugin's file, or print how many kinds were tried and refused."""
    shared = os.environ.get("BESCHUT_BAD_INPUT_COUNTS")
    if shared:
        with open(shared, "a", encoding="utf-8") as handle:
            for kind, outcome in KINDS.items():
                handle.write(json.dumps({"kind": kind, "outcome": outcome}) + "\n")
        return
    line = (
        f"bad input: {len(KINDS)} kinds tried, {OUTCOMES['refused']} refused, "
        f"{OUTCOMES['accepted']} accepted"
    )
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line("\n" + line)


class NoKernels:
    """Stands in for the worker pool: these tests must be refused before any kernel starts."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("the runner got as far as starting kernels")


def fingerprint(base: Path) -> dict[str, str]:
    """Every file, directory and link under ``base`` with its content hash or link target."""
    state = {}
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if path.is_symlink():
            state[rel] = "link -> " + os.readlink(path)
        elif path.is_dir():
            state[rel] = "dir"
        else:
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def expect_refusal(
    kind: str, base: Path, action: Callable[[], int], words: str, capfd, code: int | None = None
) -> str:
    """Run ``action``; it must exit non-zero with ``words`` in its message, no traceback, and
    leave ``base`` (the project and the folder outside it) byte-identical."""
    before = fingerprint(base)
    capfd.readouterr()
    exit_code = action()
    err = capfd.readouterr().err
    assert exit_code != 0, f"{kind}: accepted\n{err}"
    if code is not None:
        assert exit_code == code, err
    assert words in err, err
    assert "Traceback" not in err, err
    assert fingerprint(base) == before, f"{kind}: the tree changed"
    record(kind, "refused")
    return err


def run_runner(*argv: str) -> Callable[[], int]:
    """The runner's command line as a call (for :func:`expect_refusal`)."""
    return lambda: runner.main(list(argv))
