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


def summarise_crossings(
    crossings: np.ndarray, interval: float, check_years: Sequence[int] = CHECK_YEARS
) -> dict[str, float | None]:
    """Median and interval of the goal time (decimal years, 0.1), probabilities by year ends.

    Paths that never reach the goal by the horizon count as +infinity: a quantile that falls
    among them is reported as None ("not by the horizon"). Quantiles use the inverted empirical
    CDF (no interpolation), so they are always one of the simulated times.
    """
    x = np.where(np.isnan(crossings), np.inf, crossings)
    qs = np.quantile(x, [0.5 - interval / 2, 0.5, 0.5 + interval / 2], method="inverted_cdf")

    def year(v: float) -> float | None:
        return None if not np.isfinite(v) else round(float(v), 1)

    out: dict[str, float | None] = {
        "median": year(qs[1]),
        "lower": year(qs[0]),
        "upper": year(qs[2]),
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


def observed_pace(times, values, since: float = 2017.0) -> float:
    """Average change per year from the last observation at or before ``since`` to the last one.

    Falls back to the first observation after ``since`` when none lies at or before it.
    """
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    before = np.flatnonzero(t <= since + 1e-9)
    base = before[-1] if len(before) else 0
    if t[-1] - t[base] <= 0:
        return float("nan")
    return float((y[-1] - y[base]) / (t[-1] - t[base]))
