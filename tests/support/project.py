"""Copies of the project, the runner in a subprocess, and a miniature project of stand-in
notebooks (with the real notebook names) for the runner tests, which do not depend on the real
notebooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import nbformat

from support.paths import PYTHON, REPO

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


def runner_env(root: Path, **extra: str) -> dict[str, str]:
    """Environment for a runner subprocess working on the project at ``root``."""
    env = dict(os.environ)
    env.pop("BESCHUT_WRITE_ROOT", None)
    env["BESCHUT_PROJECT_ROOT"] = str(root)
    env.update(extra)
    return env


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

STANDIN_SCENARIOS = """\
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

STANDIN_REGISTER = "year,value\n" + "".join(
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


def build_standin_project(
    root: Path,
    notebooks: dict[str, nbformat.NotebookNode] | None = None,
    scenarios: str = STANDIN_SCENARIOS,
) -> Path:
    """Write a miniature project (register, notebooks, scenarios.yaml) under ``root``."""
    (root / "data" / "raw").mkdir(parents=True, exist_ok=True)
    (root / "data" / "raw" / "source_register.csv").write_text(STANDIN_REGISTER)
    (root / "notebooks").mkdir(exist_ok=True)
    if notebooks is None:
        notebooks = {name: make_notebook(p, SLEEP, c) for name, (p, c) in STANDINS.items()}
    for name, nb in notebooks.items():
        nbformat.write(nb, root / "notebooks" / f"{name}.ipynb")
    (root / "scenarios.yaml").write_text(scenarios)
    return root
