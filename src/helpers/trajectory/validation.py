"""The checks of 02_trajectory's parameters that need the data; every error names the parameter.

Names, types, ranges, defaults and the relations between parameters are declared once, in
:class:`helpers.scenario_schema.TrajectoryParameters`; here only what the figures decide: fit_end
not after the last observation, enough observations in the fit window, each goal above the last
observation.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pydantic import ConfigDict

from helpers.errors import ParameterError
from helpers.params import check_int_list
from helpers.paths import input_path, output_path
from helpers.processed import load_series, metric_series
from helpers.scenario_schema import TrajectoryParameters, check_notebook_parameters
from helpers.trajectory.data import window
from helpers.trajectory.models import MIN_OBSERVATIONS
from helpers.vocabulary import WORKING

NOTEBOOK = "02_trajectory"


class TrajectoryParams(TrajectoryParameters):
    """The checked parameters (declared in TrajectoryParameters), with what checking them
    against the data resolved: fit_end as a year, the paths, series.csv and the observations."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    fit_end: int  # None resolved to the last year with a working observation
    end_pinned: bool  # fit_end was given (False: the last year with a working observation)
    last_observation_year: int
    processed_dir: Path
    output_dir: Path
    series: pd.DataFrame
    observations: pd.DataFrame  # the working observations in the fit window


def checked_values(values: Mapping[str, object]) -> TrajectoryParameters:
    """The parameters in ``values`` (a notebook's globals or a partial mapping; a parameter not
    in it takes the model's default), checked for type, range and relations."""
    given = {name: values[name] for name in TrajectoryParameters.model_fields if name in values}
    if "goals" in given:  # papermill's -p passes a list as text
        given["goals"] = check_int_list("goals", given["goals"], allow_empty=True)
    merged = {**TrajectoryParameters().model_dump(), **given}
    return TrajectoryParameters(**check_notebook_parameters(NOTEBOOK, merged))


def _load(checked: TrajectoryParameters, series: pd.DataFrame | None) -> pd.DataFrame:
    if series is not None:
        return series
    processed = input_path(checked.processed_dir, "processed_dir")
    if not (processed / "series.csv").exists():
        raise ParameterError("processed_dir", f"has no series.csv ({processed})")
    return load_series(checked.processed_dir)


def _check_goals(goals: list[int], observations: pd.DataFrame) -> None:
    last = observations.iloc[-1]
    last_value = float(last["value"])
    for i, goal in enumerate(goals):
        if goal <= last_value:
            raise ParameterError(
                f"goals[{i}]",
                f"({goal}) must be above the last observed value ({last_value:g}, register row "
                f"{last['source_id']} of {last['reference_date']:%Y-%m-%d}: check that row's "
                "value_as_published if the goal is right)",
            )


def validate_parameters(
    values: Mapping[str, object], series: pd.DataFrame | None = None
) -> TrajectoryParams:
    """Check the parameters of notebooks/02_trajectory; a ParameterError names the first bad one.

    ``values`` holds the parameters by name (the notebook passes its globals); ``series``
    (series.csv as loaded) may be passed in, otherwise it is read from processed_dir.
    """
    checked = checked_values(values)
    processed = input_path(checked.processed_dir, "processed_dir")
    out = output_path(checked.output_dir, "output_dir")
    series = _load(checked, series)
    working = metric_series(series, WORKING)
    last_year = int(working["reference_date"].dt.year.max())
    end_pinned = checked.fit_end is not None
    fit_end = checked.fit_end if end_pinned else last_year
    if fit_end > last_year:
        raise ParameterError(
            "fit_end", f"({fit_end}) is after the last observation year ({last_year})"
        )
    if checked.horizon <= fit_end:
        raise ParameterError("horizon", f"({checked.horizon}) must be after fit_end ({fit_end})")
    if checked.fit_start > last_year:
        raise ParameterError(
            "fit_start", f"({checked.fit_start}) is after the last observation year ({last_year})"
        )
    observations = window(working, checked.fit_start, fit_end)
    if len(observations) < MIN_OBSERVATIONS:
        name = checked.culprit("fit_start", "fit_end") if end_pinned else "fit_start"
        raise ParameterError(
            name,
            f"({getattr(checked, name)}): the window {checked.fit_start}-{fit_end} holds "
            f"{len(observations)} observation(s); at least {MIN_OBSERVATIONS} are needed",
        )
    _check_goals(checked.goals, observations)
    return TrajectoryParams(
        **{
            **checked.model_dump(),
            "fit_end": fit_end,
            "processed_dir": processed,
            "output_dir": out,
        },
        end_pinned=end_pinned,
        last_observation_year=last_year,
        series=series,
        observations=observations,
    )
