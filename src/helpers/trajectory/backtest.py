"""Rolling-origin backtests: fit on data up to year t, predict 1, 2, 3 years ahead."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from helpers.trajectory.models import FittedModel, NotEnoughData

HORIZONS = (1, 2, 3)
TOLERANCE = 0.5  # the nearest observation must lie within half a year of the target date


def rolling_origin(
    times,
    values,
    specs: dict[str, Callable[[np.ndarray, np.ndarray], FittedModel]],
    origins: Sequence[int],
    horizons: Sequence[int] = HORIZONS,
    tolerance: float = TOLERANCE,
) -> pd.DataFrame:
    """One row per model, origin and horizon that could be evaluated.

    Origin ``t`` uses the observations up to 31 Dec of year t (time ``t + 1.0``). The target of
    horizon ``h`` is 31 Dec of year ``t + h``; the model is scored at the observation nearest to
    that date (if within ``tolerance`` years, after the origin and not already scored for a
    shorter horizon of the same origin), at that observation's own date.
    """
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    rows = []
    for origin in origins:
        cut = origin + 1.0 + 1e-9
        train = t <= cut
        used: set[int] = set()
        targets = []
        for h in horizons:
            target = origin + 1.0 + h
            candidates = np.flatnonzero((t > cut) & (np.abs(t - target) <= tolerance + 1e-9))
            candidates = [c for c in candidates if c not in used]
            if not candidates:
                continue
            best = min(candidates, key=lambda c: (abs(t[c] - target), c))
            used.add(best)
            targets.append((h, best))
        if not targets:
            continue
        for name, fit in specs.items():
            try:
                model = fit(t[train], y[train])
            except NotEnoughData:
                continue
            at = np.array([t[i] for _, i in targets])
            predicted = model.predict(at, 0.8)["mean"].to_numpy()
            for (h, i), p in zip(targets, predicted, strict=True):
                rows.append(
                    {
                        "model": name,
                        "origin": int(origin),
                        "horizon": int(h),
                        "t_observed": t[i],
                        "observed": y[i],
                        "predicted": float(p),
                        "error": float(p - y[i]),
                    }
                )
    columns = ["model", "origin", "horizon", "t_observed", "observed", "predicted", "error"]
    return pd.DataFrame(rows, columns=columns)


def error_summary(backtest: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """MAE, MAPE (%) and bias (mean of predicted - observed) per model and horizon, and overall."""
    rows = []
    for name in order:
        part = backtest[backtest["model"] == name]
        for horizon in [*sorted(set(part["horizon"])), "all"]:
            sub = part if horizon == "all" else part[part["horizon"] == horizon]
            if sub.empty:
                continue
            err = sub["error"].to_numpy()
            rows.append(
                {
                    "model": name,
                    "horizon": str(horizon),
                    "n": len(sub),
                    "mae": float(np.mean(np.abs(err))),
                    "mape": float(np.mean(np.abs(err) / sub["observed"].to_numpy()) * 100),
                    "bias": float(np.mean(err)),
                }
            )
    return pd.DataFrame(rows, columns=["model", "horizon", "n", "mae", "mape", "bias"])


def common_cases(backtest: pd.DataFrame, models: Sequence[str]) -> pd.DataFrame:
    """Backtest rows of ``models`` limited to the (origin, horizon) cases all of them have."""
    part = backtest[backtest["model"].isin(models)]
    counts = part.groupby(["origin", "horizon"])["model"].nunique()
    shared = counts[counts == len(models)].index
    keys = pd.MultiIndex.from_frame(part[["origin", "horizon"]])
    return part[keys.isin(shared)]


def choose_headline(backtest: pd.DataFrame, candidates: Sequence[str]) -> tuple[str | None, float]:
    """The candidate with the smallest MAE on the cases every candidate could be scored on.

    Ties go to the earlier candidate. Returns (model name, its MAE); (None, nan) when the
    candidates share no case.
    """
    present = [c for c in candidates if c in set(backtest["model"])]
    shared = common_cases(backtest, present)
    if shared.empty:
        return None, float("nan")
    mae = shared.assign(abs_error=shared["error"].abs()).groupby("model")["abs_error"].mean()
    best = min(present, key=lambda c: (mae[c], present.index(c)))
    return best, float(mae[best])
