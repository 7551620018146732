"""Validation of the trajectory notebook's parameters; every error names the parameter."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError
from helpers.params import check_int_list
from helpers.paths import input_path, output_path
from helpers.processed import load_series, metric_series
from helpers.scenario_schema import check_notebook_parameters
from helpers.trajectory.data import window
from helpers.trajectory.models import MIN_OBSERVATIONS


@dataclass(frozen=True)
class TrajectoryParams:
    """Checked parameters, with the data they were checked against."""

    fit_start: int
    fit_end: int
    end_pinned: bool  # fit_end was given (False: the last year with a working observation)
    last_observation_year: int
    goals: list[int]
    horizon: int
    interval: float
    n_paths: int
    seed: int
    language: str
    nowcast_year: int
    pace_drift_prior: float
    processed_dir: Path
    output_dir: Path
    series: pd.DataFrame
    observations: pd.DataFrame  # the working observations in the fit window


PARAMETERS = (
    "fit_start",
    "fit_end",
    "goals",
    "horizon",
    "interval",
    "n_paths",
    "seed",
    "pace_drift_prior",
    "nowcast_year",
    "language",
    "processed_dir",
    "output_dir",
)


def params_from(namespace: dict) -> TrajectoryParams:
    """Validate the notebook's parameters as they stand in ``namespace`` (its globals)."""
    return validate_trajectory_params(**{name: namespace[name] for name in PARAMETERS})


def validate_trajectory_params(
    *,
    fit_start,
    fit_end,
    goals,
    horizon,
    interval,
    n_paths,
    seed,
    language,
    nowcast_year=2026,
    pace_drift_prior=200.0,
    processed_dir="data/processed",
    output_dir="reports/baseline",
    series: pd.DataFrame | None = None,
) -> TrajectoryParams:
    """Check the parameters of notebooks/02_trajectory; a ParameterError names the first bad one.

    ``series`` (series.csv as loaded) may be passed in; otherwise it is read from processed_dir.
    """
    # Types and ranges: declared once in helpers.scenario_schema (the runner checks them too).
    goals = check_int_list("goals", goals, 1)  # papermill's -p passes a list as text
    check_notebook_parameters("02_trajectory", locals())
    end_pinned = fit_end is not None
    goal_list = goals
    pace_drift_prior = float(pace_drift_prior)
    processed = input_path(processed_dir, "processed_dir")
    out = output_path(output_dir, "output_dir")
    if series is None:
        if not (processed / "series.csv").exists():
            raise ParameterError("processed_dir", f"has no series.csv ({processed})")
        series = load_series(processed_dir)
    working = metric_series(series, "working")
    last_year = int(working["reference_date"].dt.year.max())
    if not end_pinned:
        fit_end = last_year
    if fit_end > last_year:
        raise ParameterError(
            "fit_end", f"({fit_end}) is after the last observation year ({last_year})"
        )
    if horizon <= fit_end:
        raise ParameterError("horizon", f"({horizon}) must be after fit_end ({fit_end})")
    observations = window(working, fit_start, fit_end)
    if len(observations) < MIN_OBSERVATIONS:
        raise ParameterError(
            "fit_start",
            f"and fit_end give a window {fit_start}-{fit_end} with {len(observations)} "
            f"observation(s); at least {MIN_OBSERVATIONS} are needed",
        )
    last = observations.iloc[-1]
    last_value = float(last["value"])
    for i, goal in enumerate(goal_list):
        if goal <= last_value:
            raise ParameterError(
                f"goals[{i}]",
                f"({goal}) must be above the last observed value ({last_value:g}, register row "
                f"{last['source_id']} of {last['reference_date']:%Y-%m-%d}: check that row's "
                "value_as_published if the goal is right)",
            )
    return TrajectoryParams(
        fit_start=fit_start,
        fit_end=fit_end,
        end_pinned=end_pinned,
        last_observation_year=last_year,
        goals=goal_list,
        horizon=horizon,
        interval=interval,
        n_paths=n_paths,
        seed=seed,
        language=language,
        nowcast_year=nowcast_year,
        pace_drift_prior=pace_drift_prior,
        processed_dir=processed,
        output_dir=out,
        series=series,
        observations=observations,
    )
