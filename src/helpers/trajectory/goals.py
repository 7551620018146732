"""Goal arithmetic: the time simulated paths first reach a goal, its summary, required pace."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

CHECK_YEARS = (2030, 2035, 2048)
CAPACITY_SHARE = 0.95  # an S-curve with capacity K "reaches" K when it reaches 95% of K


def first_crossing(times, paths: np.ndarray, goal: float, start_time: float, start_value: float):
    """First time each path reaches ``goal`` (NaN if never within ``times``).

    Paths are on the grid ``times`` and start at (``start_time``, ``start_value``), the last
    observation. Between grid points the path is linear, so the crossing is interpolated.
    """
    grid = np.concatenate([[start_time], np.asarray(times, dtype=float)])
    paths = np.asarray(paths, dtype=float)
    full = np.column_stack([np.full(paths.shape[0], start_value), paths])
    above = full >= goal
    reached = above.any(axis=1)
    first = np.argmax(above, axis=1)
    prev = np.maximum(first - 1, 0)
    rows = np.arange(full.shape[0])
    y0, y1 = full[rows, prev], full[rows, first]
    t0, t1 = grid[prev], grid[first]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(first > 0, (goal - y0) / (y1 - y0), 0.0)
    crossing = t0 + np.clip(frac, 0.0, 1.0) * (t1 - t0)
    return np.where(reached, crossing, np.nan)


def effective_goal(goal: float, capacity: float | None) -> float:
    """The level that counts as reaching ``goal`` on a curve with a fixed ``capacity``.

    A curve never reaches its own capacity: reaching ``CAPACITY_SHARE`` of it counts. A goal above
    the capacity is never reached (infinity).
    """
    if capacity is None or goal < capacity * CAPACITY_SHARE:
        return float(goal)
    if goal <= capacity:
        return float(capacity * CAPACITY_SHARE)
    return float("inf")


def calendar_year(t: float) -> int:
    """The calendar year whose end is at or after decimal time ``t`` (2030.0 and 2030.9 -> 2030;
    2031.0, the end of 31 December 2030, is still 2030)."""
    return int(np.ceil(t - 1e-9)) - 1


def summarise_crossings(
    crossings: np.ndarray,
    interval: float,
    check_years: Sequence[int] = CHECK_YEARS,
) -> dict[str, float | int | None]:
    """Median and interval of the goal time as calendar years, probabilities by year ends.

    ``median``, ``lower`` and ``upper`` are decimal years (0.1) for tables; ``median_year``,
    ``low_year`` and ``high_year`` the calendar years in which they fall. Paths that never reach
    the goal by the horizon count as +infinity: a quantile among them is None ("not by the
    horizon"). Quantiles use the inverted empirical CDF (always one of the simulated times).
    ``p_by_<year>`` is the share of paths at or above the goal by 31 December of each check year
    (pass no check years for a goal without a deadline).
    """
    x = np.where(np.isnan(crossings), np.inf, crossings)
    qs = np.quantile(x, [0.5 - interval / 2, 0.5, 0.5 + interval / 2], method="inverted_cdf")

    def decimal(v: float) -> float | None:
        return None if not np.isfinite(v) else round(float(v), 1)

    def year(v: float) -> int | None:
        return None if not np.isfinite(v) else calendar_year(float(v))

    out: dict[str, float | int | None] = {
        "median": decimal(qs[1]),
        "lower": decimal(qs[0]),
        "upper": decimal(qs[2]),
        "median_year": year(qs[1]),
        "low_year": year(qs[0]),
        "high_year": year(qs[2]),
    }
    for check in check_years:
        out[f"p_by_{check}"] = round(float(np.mean(x <= check + 1.0)), 4)
    out["p_never"] = round(float(np.mean(np.isinf(x))), 4)
    return out


def required_pace(
    last_time: float, last_value: float, goals: Sequence[float], by_years: Sequence[int]
) -> pd.DataFrame:
    """Places per year needed from the last observation to reach each goal by 31 Dec of a year."""
    rows = []
    for goal in goals:
        for by in by_years:
            years_left = by + 1.0 - last_time
            pace = (goal - last_value) / years_left if years_left > 0 else float("nan")
            rows.append(
                {
                    "goal": int(goal),
                    "by_year": int(by),
                    "years_left": years_left,
                    "required_per_year": pace,
                }
            )
    return pd.DataFrame(rows)
