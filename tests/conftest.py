"""Test session setup: nothing a test runs may write into the repository.

BESCHUT_WRITE_ROOT points at a session temporary directory before any test runs, so helpers and
notebooks write there. The `standin_project` fixture builds a miniature project (stand-in
notebooks with the real notebook names) for the runner tests, which do not depend on the real
notebooks. The `regenerated` fixture is the real pipeline run once per test session (once
across all pytest-xdist workers) on a copy of the project's inputs, started in the background as
soon as the tests are collected; every test that needs a regeneration shares it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shlex
import shutil
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers.processed import SERIES_COLUMNS

pytest_plugins = ["bad_input_report"]  # counts of the bad-input suite, summed over workers

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
_SESSION_WRITE_ROOT = tempfile.mkdtemp(prefix="beschut-test-write-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["BESCHUT_WRITE_ROOT"] = _SESSION_WRITE_ROOT
    os.environ.pop("BESCHUT_PROJECT_ROOT", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_WRITE_ROOT, ignore_errors=True)


# What a regeneration reads (everything else under the root is generated or not used by it).
INPUTS = ("data/raw", "notebooks", "scenarios.yaml", "ASSUMPTIONS.md")
OUTPUTS = ("reports", "data/processed")


def copy_project(target: Path, outputs: bool = True) -> None:
    """Copy the project's inputs (and, with ``outputs``, its committed outputs) to ``target``."""
    for name in (*INPUTS, *(OUTPUTS if outputs else ())):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run_pipeline(root: Path) -> subprocess.CompletedProcess:
    """`python -m helpers.runner` (every scenario, HTML too) on the project at ``root``."""
    return subprocess.run(
        [PYTHON, "-m", "helpers.runner"],
        env=runner_env(root),
        capture_output=True,
        text=True,
        timeout=1800,
    )


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


KERNELSPEC = {"name": "beschut-werk", "display_name": "Python (beschut werk)", "language": "python"}

SLEEP = "import os, time\ntime.sleep(float(os.environ.get('STANDIN_SLEEP', '0')))"

STANDINS = {
    "01_clean": (
        'register_path = "data/raw/source_register.csv"\noutput_dir = "data/processed"',
        """
        import pandas as pd
        from helpers import outputs, paths
        raw = pd.read_csv(paths.input_path(register_path, "register_path"))
        out = paths.output_path(output_dir, "output_dir")
        outputs.write_table(raw.assign(value=raw["value"].astype(float)), out / "series.csv")
        outputs.atomic_write_text(out / "README.md", f"{len(raw)} rows\\n")
        print(len(raw), "rows; last value", int(raw["value"].iloc[-1]))
        """,
    ),
    "02_trajectory": (
        'processed_dir = "data/processed"\noutput_dir = "reports/baseline"\n'
        'fit_start = 2015\nfit_end = 2022\nlanguage = "en"',
        """
        import matplotlib.pyplot as plt
        import numpy as np
        import pandas as pd
        from helpers import outputs, paths, plotting
        series = pd.read_csv(paths.input_path(processed_dir, "processed_dir") / "series.csv")
        fit = series[(series["year"] >= fit_start) & (series["year"] <= fit_end)]
        slope = float(np.polyfit(fit["year"], fit["value"], 1)[0])
        out = paths.output_path(output_dir, "output_dir")
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot(series["year"], series["value"])
        plotting.save_figure(fig, out / "figures", "trajectory")
        outputs.write_table(fit, out / "tables" / "fit.csv")
        latest = {"date": f"{int(series['year'].iloc[-1])}-12-31", "qualifier": "exact",
                  "value": int(series["value"].iloc[-1]), "source_id": "S001"}
        label = {"en": "straight line", "nl": "rechte lijn"}
        section = {  # the shape of helpers.results_schema.Trajectory, without forecasts
            "fit": {"start": fit_start, "end": fit_end, "end_pinned": False,
                    "last_observation_year": int(series["year"].iloc[-1]), "left_out": []},
            "latest": latest,
            "observed_pace": {"per_year": round(slope), "from_date": f"{fit_start}-12-31",
                              "to_date": latest["date"], "source_ids": ["S001"],
                              "definition": "stand-in"},
            "headline_model": "line", "headline_label": label, "headline_rule": "stand-in",
            "path_model": "line", "path_model_label": label, "path_model_rule": "stand-in",
            "interval": 0.8, "n_paths": 100, "seed": 0, "horizon": 2060, "goals": {},
            "nowcast": None, "prior_sensitivity": [], "models": [], "parameters": [],
            "prior": {"pace_drift_scale": 0, "level_scale": 0, "distribution": "none",
                      "posterior": None},
            "model_risk": {"credible_rule": "", "credibility": {}, "mixture_weights": {},
                           "exit_rate_bound": None, "chance_range": {}},
            "backtest": {"summary": [], "headline_score": 0},
            "exponential": {"refuted": False, "growth": []}, "pipeline": [],
        }
        outputs.update_results(out, "trajectory", section)
        print(f"slope {slope:.1f} ({language})")
        """,
    ),
    "03_targets_gap": (
        'processed_dir = "data/processed"\noutput_dir = "reports/baseline"\nlanguage = "en"',
        """
        import pandas as pd
        from helpers import outputs, paths
        series = pd.read_csv(paths.input_path(processed_dir, "processed_dir") / "series.csv")
        out = paths.output_path(output_dir, "output_dir")
        last = int(series["value"].iloc[-1])
        outputs.write_table(series.tail(2), out / "tables" / "gap.csv")
        outputs.update_results(out, "toy_gap", {"last": last, "ratio": last / 30000})
        print("last", last)
        """,
    ),
}

SCENARIOS = """\
notebooks:
  - name: 01_clean
    scope: once
    parameters:
      register_path: data/raw/source_register.csv
      output_dir: data/processed
  - name: 02_trajectory
    scope: per scenario
  - name: 03_targets_gap
    scope: per scenario
defaults:
  fit_start: 2015
  language: en
scenarios:
  baseline: {}
  since_obligation:
    fit_start: 2017
"""

REGISTER = "year,value\n" + "".join(
    f"{y},{v}\n"
    for y, v in zip(
        range(2015, 2023), [1600, 3300, 5200, 7100, 9000, 10900, 12600, 14000], strict=True
    )
)


def make_notebook(parameters: str, *cells: str) -> nbformat.NotebookNode:
    """A notebook with a tagged parameters cell and code cells, kernel beschut-werk."""
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = dict(KERNELSPEC)
    nb.cells = [nbformat.v4.new_markdown_cell("# Stand-in")]
    nb.cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    nb.cells += [nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"standin-{i}"
    return nb


def build_project(
    root: Path,
    notebooks: dict[str, nbformat.NotebookNode] | None = None,
    scenarios: str = SCENARIOS,
) -> Path:
    """Write a miniature project (register, notebooks, scenarios.yaml) under ``root``."""
    (root / "data" / "raw").mkdir(parents=True, exist_ok=True)
    (root / "data" / "raw" / "source_register.csv").write_text(REGISTER)
    (root / "notebooks").mkdir(exist_ok=True)
    if notebooks is None:
        notebooks = {name: make_notebook(p, SLEEP, c) for name, (p, c) in STANDINS.items()}
    for name, nb in notebooks.items():
        nbformat.write(nb, root / "notebooks" / f"{name}.ipynb")
    (root / "scenarios.yaml").write_text(scenarios)
    return root


@pytest.fixture
def standin_project(tmp_path: Path) -> Path:
    """A miniature project in tmp_path with stand-in notebooks and two scenarios."""
    return build_project(tmp_path / "project")


def runner_env(root: Path, **extra: str) -> dict[str, str]:
    """Environment for a runner subprocess working on the project at ``root``."""
    env = dict(os.environ)
    env.pop("BESCHUT_WRITE_ROOT", None)
    env["BESCHUT_PROJECT_ROOT"] = str(root)
    env.update(extra)
    return env


def series_frame(rows) -> pd.DataFrame:
    """A series.csv-shaped frame from (metric, date, value, qualifier, unit, source_id) tuples;
    an empty date makes an undated row."""
    records = [
        {
            "metric": metric,
            "reference_date": pd.Timestamp(date) if date else pd.NaT,
            "period_precision": "day" if date else "none",
            "reference_period": date or "",
            "value": float(value),
            "qualifier": qualifier,
            "unit": unit,
            "value_as_published": str(value),
            "source_id": source_id,
            "source_kind": "official",
            "publisher": "test",
            "source_ids": source_id,
            "n_sources": 1,
            "conflict_ids": "",
        }
        for metric, date, value, qualifier, unit, source_id in rows
    ]
    return pd.DataFrame(records, columns=list(SERIES_COLUMNS))


def fit_exact(times, values):
    """Every forecast model fitted to observations that are all exact figures."""
    import pandas as pd

    from helpers.trajectory.forecasts import fit_forecasts

    return fit_forecasts(pd.DataFrame({"t": times, "value": values, "qualifier": "exact"}))
