"""Time a full regeneration (``make bench``): the runner against a plain sequential loop of the
papermill command line over the same runs, and against the floor.

The floor is the bare cost of what every run must pay, starting one kernel and importing pandas,
matplotlib and statsmodels, times the number of runs, divided by the cores. Everything runs in
temporary copies of the project, never in the repository. Not a test: timings depend on the
machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from helpers import paths, runner
from helpers.vocabulary import WORKING

INPUTS = ("data/raw", "notebooks", paths.SCENARIOS_FILE, paths.ASSUMPTIONS_FILE)
TARGET_SPEEDUP = 1.7
FLOOR_CODE = "import pandas, matplotlib.pyplot, statsmodels.api"


def copy_inputs(source: Path, target: Path) -> Path:
    """Copy the inputs of the project at ``source`` to ``target`` (no generated files)."""
    for name in INPUTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    return target


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ, BESCHUT_PROJECT_ROOT=str(root), PYDEVD_DISABLE_FILE_VALIDATION="1")
    env.pop("BESCHUT_WRITE_ROOT", None)
    return env


def time_runner(root: Path, jobs: int) -> float:
    """Wall time of ``python -m helpers.runner --jobs N`` on the project at ``root``."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "helpers.runner", "--jobs", str(jobs)],
        env=_env(root),
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"the runner failed:\n{result.stderr[-3000:]}")
    return elapsed


def sequential_commands(root: Path) -> list[list[str]]:
    """The papermill command lines of every run, in order (the same runs the runner does)."""
    papermill = str(Path(sys.executable).with_name("papermill"))
    commands = []
    for group in runner.plan(runner.load_config(root)):
        for run in group.runs:
            out = root / run.report_dir / f"{run.notebook}.ipynb"
            commands.append(
                [
                    papermill,
                    f"notebooks/{run.notebook}.ipynb",
                    str(out),
                    "-y",
                    json.dumps(dict(run.parameters)),
                    "--no-progress-bar",
                ]
            )
    return commands


def time_sequential(root: Path) -> tuple[float, int]:
    """Wall time of the plain loop of papermill commands (outputs written in place)."""
    commands = sequential_commands(root)
    started = time.perf_counter()
    for command in commands:
        Path(command[2]).parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(command, cwd=root, env=_env(root), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"papermill failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return time.perf_counter() - started, len(commands)


def time_kernel_floor(repeat: int = 3) -> float:
    """Median wall time to start a project kernel and import pandas, matplotlib, statsmodels."""
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        km, kc = start_new_kernel(
            kernel_name=paths.KERNEL_NAME, startup_timeout=60, stderr=subprocess.DEVNULL
        )
        try:
            reply = kc.execute_interactive(FLOOR_CODE, timeout=120, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the floor imports failed: {reply['content']}")
            times.append(time.perf_counter() - started)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return statistics.median(times)


def time_simulation(n_paths: int = 10_000, horizon: int = 2060) -> tuple[dict[str, float], float]:
    """Seconds to simulate ``n_paths`` paths per trajectory model (fitted on the baseline window),
    and the wall time of simulating every model and finding both goal crossings."""
    import pandas as pd

    from helpers.periods import decimal_year
    from helpers.processed import load_series, metric_series
    from helpers.trajectory import analysis
    from helpers.trajectory.forecasts import fit_forecasts

    working = metric_series(load_series(), WORKING)
    observations = pd.DataFrame(
        {
            "t": decimal_year(working["reference_date"]),
            "value": working["value"].to_numpy(),
            "qualifier": working["qualifier"].to_numpy(),
        }
    )
    fitted, _ = fit_forecasts(observations)
    started = time.perf_counter()
    _, seconds = analysis.simulate_goal_times(fitted, [30000, 50000], horizon, n_paths, 1)
    return seconds, time.perf_counter() - started


def print_simulation(n_paths: int) -> None:
    """Print the simulation timings, one line per model."""
    seconds, total = time_simulation(n_paths)
    print(f"simulation: {n_paths:,} paths per model, quarterly to 2060")
    for name, value in seconds.items():
        print(f"  {name:<16} {value * 1000:7.1f} ms")
    print(f"  all {len(seconds)} models with both goal crossings: {total:.2f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench", description=__doc__)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="runner --jobs")
    parser.add_argument(
        "--simulation-only", action="store_true", help="time only the trajectory simulation"
    )
    parser.add_argument("--paths", type=int, default=10_000, help="paths per model to simulate")
    args = parser.parse_args(argv)
    if args.simulation_only:
        print_simulation(args.paths)
        return 0
    source = paths.project_root()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="beschut-bench-") as tmp:
        tmp_path = Path(tmp)
        print("timing the runner ...", file=sys.stderr, flush=True)
        runner_s = time_runner(copy_inputs(source, tmp_path / "runner"), args.jobs)
        print("timing the sequential papermill loop ...", file=sys.stderr, flush=True)
        sequential_s, runs = time_sequential(copy_inputs(source, tmp_path / "sequential"))
    print("timing the floor (kernel start + imports) ...", file=sys.stderr, flush=True)
    kernel_s = time_kernel_floor()
    floor_s = kernel_s * runs / cores
    speedup = sequential_s / runner_s
    config = runner.load_config(source)
    per_scenario = len(config.once) + len(config.scenarios) * len(config.per_scenario)
    print(
        f"runs: {runs} (one per notebook and distinct parameter set; {per_scenario} if every "
        f"scenario ran every notebook); cores: {cores}; runner --jobs {args.jobs}"
    )
    print(f"runner:                   {runner_s:7.1f} s")
    print(f"sequential papermill CLI: {sequential_s:7.1f} s")
    print(
        f"floor:                    {floor_s:7.1f} s  "
        f"({kernel_s:.2f} s x {runs} runs / {cores} cores)"
    )
    print(
        f"sequential / runner: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x)"
        + ("" if speedup >= TARGET_SPEEDUP else "  BELOW TARGET")
    )
    print(f"runner / floor:      {runner_s / floor_s:.2f}x")
    print_simulation(args.paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
