"""The trajectory analysis steps the notebook calls: projections, goal years, pace."""

from __future__ import annotations

import time
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.trajectory.data import decimal_year, quarter_ends
from helpers.trajectory.goals import (
    CHECK_YEARS,
    effective_goal,
    first_crossing,
    summarise_crossings,
)
from helpers.trajectory.models import FittedModel


def model_rng(seed: int, name: str) -> np.random.Generator:
    """A generator per model derived from the seed and the model's name (adding or removing a
    model leaves the other models' draws unchanged)."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def projection_table(
    models: dict[str, FittedModel], fit_start: int, horizon: int, interval: float
) -> pd.DataFrame:
    """One row per model and quarter end from fit_start to horizon: mean, lower, upper, kind.

    ``kind`` is ``fitted`` up to the model's last observation and ``projected`` after it. A
    model with no value at a quarter (the random walk before its first observation, ETS before
    its first year end) has empty cells there.
    """
    dates = quarter_ends(fit_start, horizon)
    t = decimal_year(dates)
    frames = []
    for name, model in models.items():
        pred = model.predict(t, interval)
        frames.append(
            pd.DataFrame(
                {
                    "model": name,
                    "date": dates.strftime("%Y-%m-%d"),
                    "mean": pred["mean"].to_numpy(),
                    "lower": pred["lower"].to_numpy(),
                    "upper": pred["upper"].to_numpy(),
                    "kind": np.where(t <= model.t_last + 1e-9, "fitted", "projected"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def simulation_grid(t_last: float, horizon: int) -> np.ndarray:
    """Quarter ends after ``t_last`` up to 31 Dec of ``horizon`` (decimal years)."""
    first_year = int(np.floor(t_last - 1e-9))
    t = decimal_year(quarter_ends(first_year, horizon))
    return t[t > t_last + 1e-9]


def simulate_goal_times(
    models: dict[str, FittedModel],
    goals: Sequence[int],
    horizon: int,
    n_paths: int,
    seed: int,
) -> tuple[dict[str, dict[int, np.ndarray]], dict[str, float]]:
    """Crossing times (NaN: not by the horizon) per model and goal, and seconds per model.

    The seconds are for the report only; they are never written to an output.
    """
    crossings: dict[str, dict[int, np.ndarray]] = {}
    seconds: dict[str, float] = {}
    for name, model in models.items():
        grid = simulation_grid(model.t_last, horizon)
        started = time.perf_counter()
        paths = model.simulate(grid, n_paths, model_rng(seed, name))
        seconds[name] = time.perf_counter() - started
        capacity = getattr(model, "capacity", None)
        crossings[name] = {}
        for goal in goals:
            level = effective_goal(goal, capacity)
            if np.isinf(level):
                crossings[name][goal] = np.full(n_paths, np.nan)
            else:
                crossings[name][goal] = first_crossing(
                    grid, paths, level, model.t_last, model.y_last
                )
    return crossings, seconds


def goal_year_table(
    crossings: dict[str, dict[int, np.ndarray]],
    models: dict[str, FittedModel],
    interval: float,
    check_years: Sequence[int] = CHECK_YEARS,
) -> pd.DataFrame:
    """One row per model and goal: median, lower, upper (decimal years, 0.1), probabilities."""
    rows = []
    for name, by_goal in crossings.items():
        capacity = getattr(models[name], "capacity", None)
        for goal, times in by_goal.items():
            summary = summarise_crossings(times, interval, check_years)
            rows.append(
                {
                    "model": name,
                    "goal": int(goal),
                    "level_counted": effective_goal(goal, capacity),
                    **summary,
                }
            )
    frame = pd.DataFrame(rows)
    frame["level_counted"] = frame["level_counted"].replace(np.inf, np.nan)
    return frame


def goal_years_json(table: pd.DataFrame) -> dict[str, dict]:
    """results.json shape: {model: {"goal_year": {"30000": {...}}}}."""
    keys = ["median", "lower", "upper", *[c for c in table.columns if c.startswith("p_")]]
    out: dict[str, dict] = {}
    for row in table.itertuples(index=False):
        entry = out.setdefault(row.model, {"goal_year": {}})
        entry["goal_year"][str(row.goal)] = {
            k: (None if pd.isna(getattr(row, k)) else getattr(row, k)) for k in keys
        }
    return out


GOAL_METRICS = {
    "target_structural": "structural goal of the Participatiewet",
    "ambition_total": "coalition agreement 2017",
}


def goal_sources(series: pd.DataFrame, goals: Sequence[int]) -> pd.DataFrame:
    """Where each goal comes from: the series.csv metric with that value and its source ids.

    A goal that no goal metric of the register carries is labelled "user goal".
    """
    rows = []
    for goal in goals:
        match = series[series["metric"].isin(list(GOAL_METRICS)) & (series["value"] == goal)]
        if match.empty:
            rows.append(
                {
                    "goal": int(goal),
                    "metric": "",
                    "meaning": "user goal",
                    "reference_date": "",
                    "source_id": "",
                    "source_ids": "",
                }
            )
            continue
        row = match.sort_values("metric", kind="stable").iloc[0]
        date = row["reference_date"]
        rows.append(
            {
                "goal": int(goal),
                "metric": row["metric"],
                "meaning": GOAL_METRICS[row["metric"]],
                "reference_date": "" if pd.isna(date) else date.strftime("%Y-%m-%d"),
                "source_id": row["source_id"],
                "source_ids": row["source_ids"],
            }
        )
    return pd.DataFrame(rows)


def parameter_table(models: dict[str, FittedModel]) -> pd.DataFrame:
    """The estimated parameters of every model, one row per model and parameter (4 sig. digits)."""
    rows = []
    for name, model in models.items():
        for key, value in model.params.items():
            rows.append(
                {
                    "model": name,
                    "parameter": key,
                    "estimate": float(f"{value:.4g}"),
                    "n_obs": model.n_obs,
                    "df": model.df,
                }
            )
    return pd.DataFrame(rows)


def headline_with_spread(goal_years: pd.DataFrame, headline: str, horizon: int) -> pd.DataFrame:
    """Per goal: the headline model's goal year beside the spread of every model's median.

    Models whose median is not reached by the horizon are listed, never dropped silently.
    """
    rows = []
    for goal, part in goal_years.groupby("goal", sort=False):
        head = part[part["model"] == headline].iloc[0]
        finite = part[part["median"].notna()].sort_values(["median", "model"], kind="stable")
        beyond = part[part["median"].isna()]["model"].tolist()
        rows.append(
            {
                "goal": int(goal),
                "headline_model": headline,
                "median": head["median"],
                "lower": head["lower"],
                "upper": head["upper"],
                "p_by_2030": head["p_by_2030"],
                "p_by_2035": head["p_by_2035"],
                "p_by_2048": head["p_by_2048"],
                "p_never": head["p_never"],
                "earliest_median": (
                    f"{finite.iloc[0]['median']:.1f} ({finite.iloc[0]['model']})"
                    if len(finite)
                    else ""
                ),
                "latest_median": (
                    f"{finite.iloc[-1]['median']:.1f} ({finite.iloc[-1]['model']})"
                    if len(finite)
                    else ""
                ),
                f"median_not_by_{horizon}": ", ".join(beyond),
            }
        )
    return pd.DataFrame(rows)
