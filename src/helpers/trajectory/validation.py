"""Validation of the trajectory notebook's parameters; every error names the parameter."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.errors import ParameterError
from helpers.params import check_int, check_int_list, check_number
from helpers.paths import input_path, output_path
from helpers.plotting import check_language
from helpers.processed import load_series, metric_series
from helpers.trajectory.data import window
from helpers.trajectory.models import MIN_OBSERVATIONS

MAX_PATHS = 100_000  # memory: paths x quarterly grid x 8 bytes (about 120 MB at 100,000)
HORIZON_RANGE = (2048, 2200)  # the structural goal is dated 2048; probabilities are given for it
PRIOR_RANGE = (10.0, 2000.0)  # prior scale of the yearly pace's drift, people per year per year


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
    fit_start = check_int("fit_start", fit_start, 1990, 2100)
    end_pinned = fit_end is not None
    if end_pinned:
        fit_end = check_int("fit_end", fit_end, 1990, 2100)
        if fit_end < fit_start:
            raise ParameterError(
                "fit_end", f"({fit_end}) must not be before fit_start ({fit_start})"
            )
    goal_list = check_int_list("goals", goals, 1)
    horizon = check_int("horizon", horizon, *HORIZON_RANGE)
    if not isinstance(interval, numbers.Real) or isinstance(interval, bool):
        raise ParameterError("interval", f"must be a number in (0, 1), got {interval!r}")
    interval = check_number("interval", interval, 0.0, 1.0, open_interval=True)
    n_paths = check_int("n_paths", n_paths, 100, MAX_PATHS)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ParameterError("seed", f"must be a whole number, got {seed!r}")
    seed = check_int("seed", seed, 0, 2**63 - 1)
    language = check_language(language)
    pace_drift_prior = check_number("pace_drift_prior", pace_drift_prior, *PRIOR_RANGE)
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
    nowcast_year = check_int("nowcast_year", nowcast_year, fit_start, horizon)
    observations = window(working, fit_start, fit_end)
    if len(observations) < MIN_OBSERVATIONS:
        raise ParameterError(
            "fit_start",
            f"and fit_end give a window {fit_start}-{fit_end} with {len(observations)} "
            f"observation(s); at least {MIN_OBSERVATIONS} are needed",
        )
    last_value = float(observations["value"].iloc[-1])
    for i, goal in enumerate(goal_list):
        if goal <= last_value:
            raise ParameterError(
                f"goals[{i}]", f"({goal}) must be above the last observed value ({last_value:g})"
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
