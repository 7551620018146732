"""The trajectory analysis steps the notebook calls: projections, goal years, pace."""

from __future__ import annotations

import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.periods import decimal_year
from helpers.trajectory.data import quarter_ends
from helpers.trajectory.goals import CHECK_YEARS, first_crossing, summarise_crossings
from helpers.trajectory.models import FittedModel
from helpers.trajectory.state_space import LocalLinearTrend, Prior, fit_local_linear_trend


def model_rng(seed: int, name: str) -> np.random.Generator:
    """A generator per model derived from the seed and the model's name (adding or removing a
    model leaves the other models' draws unchanged)."""
    return np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])


def simulation_grid(t_last: float, horizon: int) -> np.ndarray:
    """Quarter ends after ``t_last`` up to 31 Dec of ``horizon`` (decimal years)."""
    first_year = int(np.floor(t_last - 1e-9))
    t = decimal_year(quarter_ends(first_year, horizon))
    return t[t > t_last + 1e-9]


@dataclass
class Simulation:
    """Simulated LEVEL paths of one model: times, the level at the start, the paths."""

    model: str
    start_time: float
    start_level: np.ndarray | float
    grid: np.ndarray
    paths: np.ndarray


def simulate_levels(
    model: FittedModel, horizon: int, n_paths: int, rng: np.random.Generator
) -> Simulation:
    """Level paths at quarter ends to 31 December of ``horizon`` (the local linear trend from its
    drawn level at the last observation, the others from their last value)."""
    if isinstance(model, LocalLinearTrend):
        grid = model.future_grid(horizon)
        start, paths = model.simulate_levels(model.future_offsets(horizon), n_paths, rng)
        return Simulation(model.name, model.t_last, start, grid, paths)
    grid = simulation_grid(model.t_last, horizon)
    paths = model.simulate(grid, n_paths, rng)
    return Simulation(model.name, model.t_last, model.y_last, grid, paths)


def simulate_all(
    models: dict[str, FittedModel], horizon: int, n_paths: int, seed: int
) -> dict[str, Simulation]:
    """Level paths of every model, each from its own random stream (see model_rng)."""
    return {
        name: simulate_levels(model, horizon, n_paths, model_rng(seed, name))
        for name, model in models.items()
    }


def crossing_times(sim: Simulation, goal: float) -> np.ndarray:
    """First time each simulated level reaches ``goal`` (NaN: not by the horizon)."""
    start = np.broadcast_to(np.asarray(sim.start_level, dtype=float), (sim.paths.shape[0],))
    return first_crossing(sim.grid, sim.paths, goal, sim.start_time, start)


def goal_year_table(
    sims: dict[str, Simulation],
    goals: Sequence[int],
    deadlines: dict[int, int | None],
    interval: float,
) -> pd.DataFrame:
    """One row per model and goal: median and range (decimal and calendar years), and the
    probabilities by CHECK_YEARS for goals with a deadline (empty for the others)."""
    rows = []
    for name, sim in sims.items():
        for goal in goals:
            check = CHECK_YEARS if deadlines.get(goal) else ()
            summary = summarise_crossings(crossing_times(sim, goal), interval, check)
            rows.append({"model": name, "goal": int(goal), **summary})
    frame = pd.DataFrame(rows)
    for year in CHECK_YEARS:
        if f"p_by_{year}" not in frame:
            frame[f"p_by_{year}"] = np.nan
    return frame


def level_quantiles(sim: Simulation, times, interval: float) -> pd.DataFrame:
    """Median and central interval of the level at ``times`` (nearest simulated time)."""
    times = np.asarray(times, dtype=float)
    idx = np.clip(np.searchsorted(sim.grid, times - 1e-6), 0, len(sim.grid) - 1)
    q = np.quantile(sim.paths[:, idx], [0.5, 0.5 - interval / 2, 0.5 + interval / 2], axis=0)
    return pd.DataFrame(
        {"t": sim.grid[idx], "median": q[0], "lower": q[1], "upper": q[2]},
    )


def projection_table(sims: dict[str, Simulation], horizon: int, interval: float) -> pd.DataFrame:
    """Per model, every quarter end after its last observation: median, lower, upper level."""
    frames = []
    for name, sim in sims.items():
        dates = quarter_ends(int(np.floor(sim.start_time)), horizon)
        t = decimal_year(dates)
        keep = t > sim.start_time + 1e-9
        table = level_quantiles(sim, t[keep], interval)
        table.insert(0, "date", dates[keep].strftime("%Y-%m-%d"))
        table.insert(0, "model", name)
        frames.append(table.drop(columns="t"))
    return pd.concat(frames, ignore_index=True)


def nowcast(sim: Simulation, year: int, interval: float) -> dict[str, object] | None:
    """The level at 31 December of ``year``: median and interval (whole people); None when
    that date is not after the last observation (the data already reach it)."""
    if year + 1.0 <= sim.start_time + 1e-9:
        return None
    row = level_quantiles(sim, [year + 1.0], interval).iloc[0]
    return {
        "date": f"{year}-12-31",
        "median": round(float(row["median"])),
        "low": round(float(row["lower"])),
        "high": round(float(row["upper"])),
    }


def prior_sensitivity(
    observations: pd.DataFrame,
    scales: Sequence[float],
    goals: Sequence[int],
    deadlines: dict[int, int | None],
    horizon: int,
    n_paths: int,
    seed: int,
    interval: float,
    nowcast_year: int,
) -> pd.DataFrame:
    """The local linear trend refitted under each prior scale of the pace drift: per scale and
    goal the goal years and probabilities, the posterior mean drift and the nowcast."""
    rows = []
    for scale in scales:
        model = fit_local_linear_trend(
            observations["t"],
            observations["value"],
            observations.get("error_class", observations["qualifier"]),
            Prior(pace_drift_scale=float(scale)),
        )
        sim = simulate_levels(model, horizon, n_paths, model_rng(seed, model.name))
        table = goal_year_table({model.name: sim}, goals, deadlines, interval)
        now = nowcast(sim, nowcast_year, interval) or {"median": None, "low": None, "high": None}
        for row in table.to_dict("records"):
            rows.append(
                {
                    "pace_drift_prior_scale": float(scale),
                    "pace_drift_sd_posterior_mean": round(model.params["pace_drift_sd_mean"]),
                    **{k: v for k, v in row.items() if k != "model"},
                    "nowcast_median": now["median"],
                    "nowcast_low": now["low"],
                    "nowcast_high": now["high"],
                }
            )
    return pd.DataFrame(rows)


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


def simulate_goal_times(
    models: dict[str, FittedModel], goals: Sequence[int], horizon: int, n_paths: int, seed: int
) -> tuple[dict[str, dict[int, np.ndarray]], dict[str, float]]:
    """Crossing times per model and goal, and seconds per model (used by helpers.bench)."""
    crossings: dict[str, dict[int, np.ndarray]] = {}
    seconds: dict[str, float] = {}
    for name, model in models.items():
        started = time.perf_counter()
        sim = simulate_levels(model, horizon, n_paths, model_rng(seed, name))
        seconds[name] = time.perf_counter() - started
        crossings[name] = {goal: crossing_times(sim, goal) for goal in goals}
    return crossings, seconds
