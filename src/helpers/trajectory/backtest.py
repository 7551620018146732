"""Backtests that test intervals: one case per (training set, target observation).

A training set is every observation up to and including one of them (its "cut"); each later
observation is a target, scored once, at its own date, with its real lead time (target date minus
the date of the last training observation). Per model and lead-time band: cases, mean absolute
error of the median, coverage of the central interval and the interval score (Gneiting & Raftery
2007, eq. 43): ``(u - l) + 2/alpha (l - y) 1{y < l} + 2/alpha (y - u) 1{y > u}``, lower is better.
Every case is also scored at the central 50, 80 and 95% intervals (:data:`COVERAGE_LEVELS`): their
coverage, the weighted interval score over them and the median (Bracher et al. 2021), and a PIT
bin (which of the eight slices between the quantiles 0.025, 0.1, 0.25, 0.5, 0.75, 0.9 and 0.975 the
observation fell in). The summary says how many distinct training sets and targets are behind each
figure: cases from one training set share its errors, so the number of cases overstates what the
backtest knows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from helpers.trajectory.models import FittedModel, NotEnoughData

LEAD_BANDS = ((0.0, 1.0, "0-1"), (1.0, 2.0, "1-2"), (2.0, 3.0, "2-3"), (3.0, np.inf, "3+"))
CASE_COLUMNS = [
    "model",
    "train_end",
    "target",
    "lead_years",
    "lead_band",
    "observed",
    "predicted",
    "lower",
    "upper",
    "error",
    "covered",
    "interval_score",
    "covered_50",
    "covered_80",
    "covered_95",
    "wis",
    "pit_bin",
]
COVERAGE_LEVELS = (0.5, 0.8, 0.95)
PIT_BINS = 8  # slices between the quantiles of COVERAGE_LEVELS' bounds and the median
Fit = Callable[[np.ndarray, np.ndarray, np.ndarray], FittedModel]


def lead_band(lead: float) -> str:
    """The band label of a lead time in years (bands include their upper end)."""
    for low, high, name in LEAD_BANDS:
        if low < lead <= high:
            return name
    raise ValueError(f"lead time {lead} is not positive")


def interval_score(observed, lower, upper, interval: float) -> np.ndarray:
    """Interval score of central ``interval`` intervals (people; lower is better)."""
    alpha = 1.0 - interval
    y, lo, hi = (np.asarray(a, dtype=float) for a in (observed, lower, upper))
    return (hi - lo) + 2 / alpha * (lo - y) * (y < lo) + 2 / alpha * (y - hi) * (y > hi)


def weighted_interval_score(
    observed: float, median: float, bounds: dict[float, tuple[float, float]]
) -> float:
    """WIS over central intervals {level: (lower, upper)} and the median (Bracher et al. 2021):
    (|y - m| / 2 + sum alpha_k / 2 IS_alpha_k) / (K + 1/2); people, lower is better."""
    total = 0.5 * abs(observed - median)
    for level, (lo, hi) in bounds.items():
        total += (1.0 - level) / 2 * float(interval_score(observed, lo, hi, level))
    return total / (len(bounds) + 0.5)


def pit_bin(observed: float, median: float, bounds: dict[float, tuple[float, float]]) -> int:
    """Which slice between the predictive quantiles the observation fell in (0 = below the
    lowest, PIT_BINS - 1 = above the highest): a coarse probability integral transform."""
    cuts = sorted([median, *(b for pair in bounds.values() for b in pair)])
    return int(np.searchsorted(cuts, observed, side="right"))


def cases(
    times,
    values,
    qualifiers,
    specs: dict[str, Fit],
    interval: float,
) -> pd.DataFrame:
    """Every (model, training set, target) case that could be scored; see the module text.

    ``times`` are decimal years (sorted); a model that cannot be fitted on a training set is
    skipped there, so models have different numbers of cases (compare them on shared cases).
    """
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    q = np.asarray(qualifiers, dtype=object)
    rows = []
    for cut in range(len(t) - 1):
        later = np.flatnonzero(t > t[cut] + 1e-9)
        if not len(later):
            continue
        for name, fit in specs.items():
            try:
                model = fit(t[: cut + 1], y[: cut + 1], q[: cut + 1])
            except NotEnoughData:
                continue
            pred = model.predict(t[later], interval)
            levels = {level: model.predict(t[later], level) for level in COVERAGE_LEVELS}
            for k, (j, (mid, lo, hi)) in enumerate(
                zip(later, pred[["mean", "lower", "upper"]].to_numpy(), strict=True)
            ):
                bounds = {
                    level: (float(f["lower"].iloc[k]), float(f["upper"].iloc[k]))
                    for level, f in levels.items()
                }
                lead = float(t[j] - t[cut])
                rows.append(
                    {
                        "model": name,
                        "train_end": float(t[cut]),
                        "target": float(t[j]),
                        "lead_years": lead,
                        "lead_band": lead_band(lead),
                        "observed": y[j],
                        "predicted": float(mid),
                        "lower": float(lo),
                        "upper": float(hi),
                        "error": float(mid - y[j]),
                        "covered": bool(lo <= y[j] <= hi),
                        "interval_score": float(interval_score(y[j], lo, hi, interval)),
                        **{
                            f"covered_{round(level * 100)}": bool(b[0] <= y[j] <= b[1])
                            for level, b in bounds.items()
                        },
                        "wis": weighted_interval_score(y[j], float(mid), bounds),
                        "pit_bin": pit_bin(y[j], float(mid), bounds),
                    }
                )
    return pd.DataFrame(rows, columns=CASE_COLUMNS)


def common_cases(backtest: pd.DataFrame, models: Sequence[str]) -> pd.DataFrame:
    """Rows of ``models`` limited to the (training set, target) cases all of them have."""
    part = backtest[backtest["model"].isin(models)]
    counts = part.groupby(["train_end", "target"])["model"].nunique()
    shared = counts[counts == len(models)].index
    keys = pd.MultiIndex.from_frame(part[["train_end", "target"]])
    return part[keys.isin(shared)]


def summary(backtest: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Per model and lead band (and "all"): cases, MAE, interval coverage, mean interval score."""
    rows = []
    bands = [name for _, _, name in LEAD_BANDS]
    for name in order:
        part = backtest[backtest["model"] == name]
        for band in [*bands, "all"]:
            sub = part if band == "all" else part[part["lead_band"] == band]
            if sub.empty:
                continue
            rows.append(
                {
                    "model": name,
                    "lead_band": band,
                    "cases": len(sub),
                    "training_sets": int(sub["train_end"].nunique()),
                    "targets": int(sub["target"].nunique()),
                    "mae": float(sub["error"].abs().mean()),
                    "coverage": float(sub["covered"].mean()),
                    "interval_score": float(sub["interval_score"].mean()),
                    **{
                        f"coverage_{round(level * 100)}": _mean(
                            sub, f"covered_{round(level * 100)}"
                        )
                        for level in COVERAGE_LEVELS
                    },
                    "wis": _mean(sub, "wis"),
                }
            )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _mean(frame: pd.DataFrame, column: str) -> float:
    """Mean of a column (NaN when the cases do not have it)."""
    return float(frame[column].astype(float).mean()) if column in frame else float("nan")


SUMMARY_COLUMNS = [
    "model",
    "lead_band",
    "cases",
    "training_sets",
    "targets",
    "mae",
    "coverage",
    "interval_score",
    *[f"coverage_{round(level * 100)}" for level in COVERAGE_LEVELS],
    "wis",
]


def pit_histogram(backtest: pd.DataFrame) -> pd.DataFrame:
    """Cases per model and PIT bin (bins 0..PIT_BINS-1; a calibrated model puts 2.5, 7.5, 15,
    25, 25, 15, 7.5 and 2.5% of its cases in them)."""
    counts = (
        backtest.groupby(["model", "pit_bin"]).size().unstack(fill_value=0)
        if not backtest.empty
        else pd.DataFrame()
    )
    counts = counts.reindex(columns=range(PIT_BINS), fill_value=0)
    counts.columns = [f"bin_{b}" for b in range(PIT_BINS)]
    return counts.reset_index()


def choose_headline(backtest: pd.DataFrame, candidates: Sequence[str]) -> tuple[str | None, float]:
    """The candidate with the smallest mean interval score on the cases every candidate has.

    Ties go to the earlier candidate. Returns (model, its mean score); (None, nan) when the
    candidates that were scored share no case.
    """
    present = [c for c in candidates if c in set(backtest["model"])]
    shared = common_cases(backtest, present)
    if shared.empty:
        return None, float("nan")
    score = shared.groupby("model")["interval_score"].mean()
    best = min(present, key=lambda c: (score[c], present.index(c)))
    return best, float(score[best])
