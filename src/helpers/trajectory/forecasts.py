"""The forecast models, the conditional "what it would take" paths, and two data checks.

Forecast models give a distribution (simulated level paths); conditional paths are single lines
that ASSUME their answer (a capacity fixed at a goal, a pace chosen to reach a goal, the funded
target path) and never carry a probability or a band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers import taakstelling
from helpers.processed import metric_series
from helpers.trajectory.backtest import Fit
from helpers.trajectory.models import (
    BREAK_YEAR,
    FittedModel,
    NotEnoughData,
    fit_damped_ets,
    fit_gompertz,
    fit_linear_since,
    fit_logistic,
    fit_random_walk,
    fit_segmented,
)
from helpers.trajectory.state_space import DEFAULT_PRIOR, Prior, fit_local_linear_trend
from helpers.trajectory.stock_flow import fit_stock_flow

# The headline is chosen among the models whose pace itself changes over time (a stochastic
# slope or trend). The straight lines (linear since 2017, segmented) and the random walk assume one
# pace for decades (only its estimate is uncertain); a backtest over at most five years cannot see
# what that costs 15-30 years ahead, so they are comparisons only (ASSUMPTIONS.md#f3).
HEADLINE_CANDIDATES = ("local_linear_trend", "damped_ets")


def forecast_specs(prior: Prior = DEFAULT_PRIOR) -> dict[str, Fit]:
    """Name -> fit(times, values, qualifiers) of every forecast model, in the order shown."""
    return {
        "local_linear_trend": lambda t, y, q: fit_local_linear_trend(t, y, q, prior),
        "stock_flow": lambda t, y, q: fit_stock_flow(t, y, q, prior=prior),
        "linear_2017": lambda t, y, q: fit_linear_since(t, y),
        "random_walk": lambda t, y, q: fit_random_walk(t, y),
        "damped_ets": lambda t, y, q: fit_damped_ets(t, y),
        "segmented": lambda t, y, q: fit_segmented(t, y),
    }


def fit_forecasts(
    observations: pd.DataFrame, prior: Prior = DEFAULT_PRIOR
) -> tuple[dict[str, FittedModel], dict[str, str]]:
    """Fit every forecast model; returns (fitted models, reasons for those not fitted)."""
    fitted: dict[str, FittedModel] = {}
    skipped: dict[str, str] = {}
    for name, fit in forecast_specs(prior).items():
        try:
            fitted[name] = fit(
                observations["t"].to_numpy(),
                observations["value"].to_numpy(),
                observations.get("error_class", observations["qualifier"]).to_numpy(),
            )
        except NotEnoughData as error:
            skipped[name] = str(error)
    return fitted, skipped


# --------------------------------------------------------------------------------------------
# Conditional paths: lines that assume their answer.
# --------------------------------------------------------------------------------------------


def conditional_paths(
    observations: pd.DataFrame,
    series: pd.DataFrame,
    goals: Sequence[int],
    pace_years: Sequence[int],
    horizon: int,
) -> pd.DataFrame:
    """Long table of conditional lines: ``path``, ``kind``, ``goal``, ``t``, ``value``, ``status``.

    - ``pace_<goal>_by_<year>``: a straight line from the latest observation to the goal at
      31 December of the year (the pace it would take);
    - ``logistic_<goal>``, ``gompertz_<goal>``: the central line of an S-curve whose capacity is
      fixed at the goal (fitted to the observations after 1 January 2017);
    - ``funded``: the yearly taakstelling from helpers.taakstelling (published years and years
      filled by its stated rule, ``status`` published/assumed) up to the structural goal.
    """
    t_last = float(observations["t"].iloc[-1])
    y_last = float(observations["value"].iloc[-1])
    frames = []
    for goal in goals:
        for year in pace_years:
            end = year + 1.0
            if end <= t_last:
                continue
            frames.append(
                pd.DataFrame(
                    {
                        "path": f"pace_{goal}_by_{year}",
                        "kind": "pace",
                        "goal": goal,
                        "t": [t_last, end],
                        "value": [y_last, float(goal)],
                        "status": "conditional",
                    }
                )
            )
    grid = np.arange(np.floor(t_last), horizon + 1.0 + 1e-9, 0.25)
    grid = np.concatenate([[t_last], grid[grid > t_last]])
    recent = observations[observations["t"] > BREAK_YEAR + 1e-9]
    for goal in goals:
        for kind, fit in (("logistic", fit_logistic), ("gompertz", fit_gompertz)):
            try:
                curve = fit(recent["t"], recent["value"], goal)
            except NotEnoughData:
                continue
            frames.append(
                pd.DataFrame(
                    {
                        "path": f"{kind}_{goal}",
                        "kind": kind,
                        "goal": goal,
                        "t": grid,
                        "value": curve.predict(grid, 0.5)["mean"].to_numpy(),
                        "status": "conditional",
                    }
                )
            )
    funded = taakstelling.target_path(series, "linear")
    frames.append(
        pd.DataFrame(
            {
                "path": "funded",
                "kind": "funded",
                "goal": int(funded["target"].iloc[-1]),
                "t": funded["year"].to_numpy(dtype=float) + 1.0,
                "value": funded["target"].to_numpy(dtype=float),
                "status": funded["target_status"].to_numpy(),
            }
        )
    )
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------------------------
# Checks against the data.
# --------------------------------------------------------------------------------------------


def yearly_growth(observations: pd.DataFrame) -> pd.DataFrame:
    """Growth per year (compound, %) between consecutive year-end observations after 2017."""
    ends = observations[
        (np.abs(observations["t"] - np.round(observations["t"])) < 0.5 / 366)
        & (observations["t"] > BREAK_YEAR + 1e-9)
    ]
    rows = []
    for (_, a), (_, b) in zip(ends.iloc[:-1].iterrows(), ends.iloc[1:].iterrows(), strict=True):
        years = b["t"] - a["t"]
        rows.append(
            {
                "from": a["reference_date"].strftime("%Y-%m-%d"),
                "to": b["reference_date"].strftime("%Y-%m-%d"),
                "from_value": a["value"],
                "to_value": b["value"],
                "growth_per_year_pct": ((b["value"] / a["value"]) ** (1 / years) - 1) * 100,
            }
        )
    return pd.DataFrame(rows)


def exponential_refuted(growth: pd.DataFrame) -> bool:
    """Constant-rate growth is refuted when the yearly growth rate fell in every step."""
    rates = growth["growth_per_year_pct"].to_numpy()
    return len(rates) >= 2 and bool(np.all(np.diff(rates) < 0))


ADVICE_METRICS = ("positive_advice_stock", "positive_advice_issued")


def pipeline_check(series: pd.DataFrame) -> pd.DataFrame:
    """People working beside positive UWV advices at the dates both are published.

    One row per date that has a ``working`` figure and a positive-advice figure (metrics in
    ADVICE_METRICS): both values, their source ids and the share of advices that are working.
    """
    working = metric_series(series, "working").dropna(subset=["reference_date"])
    advices = series[series["metric"].isin(ADVICE_METRICS)].dropna(subset=["reference_date"])
    merged = working.merge(advices, on="reference_date", suffixes=("_working", "_advice"))
    if merged.empty:
        return pd.DataFrame(
            columns=[
                "date",
                "working",
                "working_source_id",
                "advice_metric",
                "advices",
                "advice_qualifier",
                "advice_source_id",
                "working_per_advice",
            ]
        )
    merged = merged.sort_values("reference_date", kind="stable")
    return pd.DataFrame(
        {
            "date": merged["reference_date"].dt.strftime("%Y-%m-%d"),
            "working": merged["value_working"].to_numpy(),
            "working_source_id": merged["source_id_working"].to_numpy(),
            "advice_metric": merged["metric_advice"].to_numpy(),
            "advices": merged["value_advice"].to_numpy(),
            "advice_qualifier": merged["qualifier_advice"].to_numpy(),
            "advice_source_id": merged["source_id_advice"].to_numpy(),
            "working_per_advice": (merged["value_working"] / merged["value_advice"]).to_numpy(),
        }
    ).reset_index(drop=True)
