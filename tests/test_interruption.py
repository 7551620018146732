"""A runner killed (SIGKILL) at any publication step leaves every output set complete: old or
new, never mixed or half-written; the next run completes normally (issue 6, item 3).

The fast sweep runs the real runner on a miniature project (stand-in notebooks,
tests/support/project.py) in forks of the test process with the notebooks executed in-process
(tests/support/fault_runner.py), so a run takes a fraction of a second. The kill points are
every step of a complete run's trace (each notebook start, each rename of a directory swap, each
published top-level file), found by tracing a run first, plus kills at fractions of a run's
duration. The real-pipeline sweep is in
the exhaustive tier (`make test-exhaustive`). Prints the outcome table (run with -s to see it).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import subprocess
import time
from collections import Counter

import psutil
import pytest
from support.fault_runner import fast_run
from support.paths import PYTHON, REPO
from support.project import build_standin_project, copy_project, run_pipeline, runner_env
from support.trace import complete, output_sets, snapshot, steps, wait_for_step

from helpers import runner


def alive(pids: list[int], timeout: float) -> list[int]:
    """The processes among ``pids`` still running after ``timeout`` s (zombies count as gone:
    they have ended, only their exit status waits to be collected)."""
    deadline = time.monotonic() + timeout
    while True:
        running = []
        for pid in pids:
            with contextlib.suppress(psutil.NoSuchProcess):
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    running.append(pid)
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.02)


def kill(process, pids: list[int]) -> int:
    """SIGKILL the runner; return how many of its processes are still running 10 s later."""
    process.kill()
    process.join(30)
    return len(alive(pids, 10))


def descendants(pid: int) -> list[int]:
    try:
        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def classify(state, old, new, names, label) -> str:
    kinds = set()
    for name in names:
        if state[name] == old[name]:
            kinds.add("old")
        elif state[name] == new[name]:
            kinds.add("new")
        else:
            pytest.fail(f"kill at {label}: {name} is neither the old nor the new version")
    return {frozenset({"old"}): "all old", frozenset({"new"}): "all new"}.get(
        frozenset(kinds), "each set old or new"
    )


def test_sigkill_at_every_publication_step_leaves_old_or_new_complete_outputs(tmp_path):
    root = build_standin_project(tmp_path / "p")
    log = tmp_path / "runner.log"
    complete(fast_run(root, log), log)
    names = output_sets(root)
    assert len(names) >= 4 and "reports/README.md" in names
    old = snapshot(root, names)

    # The same change in a reference copy, traced: the expected new outputs and every step.
    reference = tmp_path / "reference"
    shutil.copytree(root, reference)
    for project in (root, reference):
        register = project / "data" / "raw" / "source_register.csv"
        register.write_text(register.read_text().replace("14000", "15000"))
    trace = tmp_path / "trace.txt"
    started = time.monotonic()
    complete(fast_run(reference, log, FAULT_TRACE=str(trace)), log)
    duration = time.monotonic() - started
    new = snapshot(reference, names)
    kill_steps = steps(trace)
    assert any(s.startswith("execute:") for s in kill_steps)
    assert any(s.startswith("rename:") and ".previous" in s for s in kill_steps), kill_steps
    assert "replace:reports/README.md" in kill_steps

    config = runner.load_config(root)
    kills = [("step", s) for s in kill_steps] + [("delay", f) for f in (0.2, 0.4, 0.6, 0.8)]
    states, missing, leftovers = [], Counter(), 0
    for kind, value in kills:
        trace.write_text("")
        if kind == "step":
            process = fast_run(root, log, FAULT_TRACE=str(trace), FAULT_STALL=value)
            assert wait_for_step(process, trace, value), f"never reached {value}"
        else:
            process = fast_run(root, log)
            time.sleep(value * duration)
        leftovers += kill(process, descendants(process.pid))
        raw = snapshot(root, names)  # as the kill left it, before any recovery
        missing.update(name for name in names if raw[name] is None)
        runner.recover(root, config)  # what the next run does first
        states.append((f"{kind}:{value}", snapshot(root, names)))

    complete(fast_run(root, log), log)
    assert snapshot(root, names) == new
    assert not (root / ".staging").exists()
    for name in names:
        if name == "reports/runs.json":  # the plan follows scenarios.yaml, not the register
            assert new[name] == old[name]
            continue
        assert new[name] != old[name], f"the changed raw figure did not reach {name}"
    outcomes = Counter(classify(state, old, new, names, label) for label, state in states)
    print(f"\nSIGKILL interruption: {len(kills)} kills ({len(kill_steps)} at publication steps)")
    print(f"  outcomes: {dict(outcomes)}; mixed or half-written sets: 0")
    print(f"  sets missing right after the kill, restored by recover(): {dict(missing)}")
    assert leftovers == 0, "a worker outlived its killed runner"
    assert missing  # the mid-swap kills really hit the window between the renames
    assert outcomes["all old"] and outcomes["each set old or new"]


@pytest.mark.slow
@pytest.mark.exhaustive
def test_sigkill_on_the_real_pipeline(tmp_path):
    """The same guarantee on a copy of the real project, one kill per directory swap and
    notebook stage (each kill costs part of a real run)."""
    root = tmp_path / "real"
    copy_project(root)  # inputs plus the committed outputs: the previous complete version
    names = output_sets(root)
    old = snapshot(root, names, mask=True)
    register = root / "data" / "raw" / "source_register.csv"
    text = register.read_text()
    assert ",2022,8032," in text
    register.write_text(text.replace(",2022,8032,", ",2022,8132,"))
    config = runner.load_config(root)
    trace = tmp_path / "trace.txt"
    points = (
        "execute:reports/*",
        "rename:data/processed->data/.processed.previous",
        "rename:reports/baseline->reports/.baseline.previous",
        "replace:reports/README.md",
    )
    states = []
    for point in points:
        trace.write_text("")
        process = subprocess.Popen(
            [PYTHON, REPO / "tests" / "support" / "fault_runner.py"],
            env=runner_env(root, FAULT_TRACE=str(trace), FAULT_STALL=point),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 900
        while not any(
            re.fullmatch(re.escape(point).replace(r"\*", ".*"), line)
            for line in trace.read_text().splitlines()
        ):
            assert process.poll() is None and time.monotonic() < deadline, f"never reached {point}"
            time.sleep(0.1)
        pids = descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert not alive(pids, 15), "a worker or kernel outlived its killed runner"
        runner.recover(root, config)
        states.append((point, snapshot(root, names, mask=True)))
    done = run_pipeline(root)
    assert done.returncode == 0, done.stderr[-3000:]
    new = snapshot(root, names, mask=True)
    outcomes = Counter()
    for point, state in states:
        for name in names:
            assert state[name] in (old[name], new[name]), f"kill at {point}: {name} is mixed"
            outcomes["old" if state[name] == old[name] else "new"] += 1
    assert new["data/processed"] != old["data/processed"]
    print(f"\nreal pipeline: {len(points)} kills x {len(names)} sets: {dict(outcomes)}")
