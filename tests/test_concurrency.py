"""Two runners on one project at once: the second refuses with a clear message naming the
first one's pid, and the outputs are never a mix of two runs (issue 6, item 4). Runs on a
miniature project with stand-in notebooks (tests/conftest.py). Prints the outcome figures
(run with -s to see them)."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import PYTHON, build_project, runner_env
from test_interruption import SETS, snapshot

from helpers import runner


def start(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "helpers.runner", "--jobs", "2", "--no-html"],
        env=runner_env(root, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_second_runner_refuses_and_names_the_first(tmp_path):
    root = build_project(tmp_path / "p")
    trace = tmp_path / "trace.txt"
    first = start(
        root, BESCHUT_RUNNER_TEST_STALL="stage-1-submitted", BESCHUT_RUNNER_TEST_TRACE=str(trace)
    )
    try:
        deadline = time.monotonic() + 120
        while "stage-1-submitted" not in (trace.read_text() if trace.exists() else ""):
            assert time.monotonic() < deadline and first.poll() is None, "first runner stuck"
            time.sleep(0.05)
        started = time.monotonic()
        second = start(root)
        _, err = second.communicate(timeout=60)
        assert second.returncode == runner.EXIT_BUSY
        assert f"another runner (pid {first.pid})" in err
        assert "refusing to start" in err
        assert time.monotonic() - started < 20  # refuses at once, does not wait
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=30)
    # the killed first runner leaves nothing that blocks the next one
    again = start(root)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err


@pytest.mark.slow
def test_two_runners_started_together_never_mix(tmp_path):
    root = build_project(tmp_path / "p")
    register = root / "data" / "raw" / "source_register.csv"
    reference = {}
    for figure in ("14000", "15000"):  # the expected complete outputs of both inputs
        ref = build_project(tmp_path / f"ref{figure}")
        ref_register = ref / "data" / "raw" / "source_register.csv"
        ref_register.write_text(ref_register.read_text().replace("14000", figure))
        done = start(ref)
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
        reference[figure] = snapshot(ref)
    outcomes = Counter()
    for attempt, figure in enumerate(("15000", "14000", "15000")):
        register.write_text(
            register.read_text().replace("15000" if figure == "14000" else "14000", figure)
        )
        procs = [start(root), start(root)]
        results = [p.communicate(timeout=300) for p in procs]
        codes = sorted(p.returncode for p in procs)
        assert codes in ([0, 0], [0, runner.EXIT_BUSY]), (attempt, codes, results)
        if codes == [0, runner.EXIT_BUSY]:
            busy = results[[p.returncode for p in procs].index(runner.EXIT_BUSY)][1]
            assert "another runner (pid" in busy
        outcomes["one ran, one refused" if runner.EXIT_BUSY in codes else "both ran"] += 1
        state = snapshot(root)
        for name in (*SETS, "reports/README.md"):
            assert state[name] == reference[figure][name], f"attempt {attempt}: {name} mixed"
    print(f"\nconcurrent starts: 3 pairs; outcomes {dict(outcomes)}; mixed results: 0")
