"""Two runners on one project at once: the second refuses with a clear message naming the
first one's pid, and the outputs are never a mix of two runs (issue 6, item 4). Runs the real
runner on a miniature project (stand-in notebooks executed in-process,
tests/support/fault_runner.py). Prints the outcome figures (run with -s to see them)."""

from __future__ import annotations

from collections import Counter

from support.fault_runner import fast_run
from support.project import build_standin_project
from support.trace import complete, output_sets, snapshot, wait_for_step

from helpers import runner


def test_second_runner_refuses_and_names_the_first(tmp_path):
    root = build_standin_project(tmp_path / "p")
    trace = tmp_path / "trace.txt"
    trace.write_text("")
    first = fast_run(
        root, tmp_path / "first.log", FAULT_TRACE=str(trace), FAULT_STALL="execute:reports/*"
    )
    try:
        assert wait_for_step(first, trace, "execute:reports/*"), "first runner stuck"
        log = tmp_path / "second.log"
        second = fast_run(root, log)
        second.join(60)  # it refuses at once; it does not wait for the lock
        assert second.exitcode == runner.EXIT_BUSY, log.read_text()
        message = log.read_text()
        assert f"another runner (pid {first.pid})" in message
        assert "refusing to start" in message
    finally:
        first.kill()
        first.join(30)
    # the killed first runner leaves nothing that blocks the next one
    complete(fast_run(root, tmp_path / "again.log"), tmp_path / "again.log")


def test_two_runners_started_together_never_mix(tmp_path):
    root = build_standin_project(tmp_path / "p")
    register = root / "data" / "raw" / "source_register.csv"
    log = tmp_path / "runner.log"
    reference = {}
    for figure in ("14000", "15000"):  # the expected complete outputs of both inputs
        ref = build_standin_project(tmp_path / f"ref{figure}")
        ref_register = ref / "data" / "raw" / "source_register.csv"
        ref_register.write_text(ref_register.read_text().replace("14000", figure))
        complete(fast_run(ref, log), log)
        reference[figure] = snapshot(ref, output_sets(ref))
    names = output_sets(tmp_path / "ref14000")
    outcomes = Counter()
    for attempt, figure in enumerate(("15000", "14000", "15000")):
        register.write_text(
            register.read_text().replace("15000" if figure == "14000" else "14000", figure)
        )
        logs = [tmp_path / f"a{attempt}-{i}.log" for i in (0, 1)]
        procs = [fast_run(root, logs[0]), fast_run(root, logs[1])]
        for proc in procs:
            proc.join(120)
        codes = sorted(p.exitcode for p in procs)
        assert codes in ([0, 0], [0, runner.EXIT_BUSY]), (attempt, codes)
        for proc, path in zip(procs, logs, strict=True):
            if proc.exitcode == runner.EXIT_BUSY:
                assert "another runner (pid" in path.read_text()
        outcomes["one ran, one refused" if runner.EXIT_BUSY in codes else "both ran"] += 1
        state = snapshot(root, names)
        for name in names:
            assert state[name] == reference[figure][name], f"attempt {attempt}: {name} mixed"
    print(f"\nconcurrent starts: 3 pairs; outcomes {dict(outcomes)}; mixed results: 0")
