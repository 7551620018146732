"""Model risk: which models are credible, and the headline as a mixture of them.

"Credible" is defined once, here (:func:`credibility`, ASSUMPTIONS.md#f8): a model is credible
when it was fitted on at least :data:`MIN_CREDIBLE_OBSERVATIONS` observations, none of its
estimated parameters sits at a bound of its parameter space, and the backtest scored it on at
least one case. The headline mixes the credible models with stated weights
(:data:`MIXTURE_WEIGHTS`, equal by default): each model's goal crossings enter in proportion to
its weight, so the mixture's years and chances carry the spread between models as well as within
them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.trajectory.analysis import Simulation, crossing_times
from helpers.trajectory.goals import CHECK_YEARS, summarise_crossings
from helpers.trajectory.models import FittedModel

MIN_CREDIBLE_OBSERVATIONS = 4  # a level, a pace and two residual degrees of freedom
MIXTURE = "mixture"
CREDIBLE_RULE = (
    f"fitted on at least {MIN_CREDIBLE_OBSERVATIONS} observations, no estimated parameter at a "
    "bound of its parameter space, and scored on at least one backtest case"
)
# Stated prior weights of the credible models (ASSUMPTIONS.md#f8); a credible model not named here
# gets weight 1. Equal: the backtest cannot tell the models apart (F3), and nothing else does.
MIXTURE_WEIGHTS: dict[str, float] = {}


def credibility_reasons(
    fitted: Mapping[str, FittedModel], cases: pd.DataFrame
) -> dict[str, tuple[str, dict[str, int]] | None]:
    """Per fitted model: None when credible, else why not as (reason, its numbers), the first
    that fails: ``few`` (observations), ``bounds`` (parameters at a bound) or ``unscored``."""
    scored = set(cases["model"]) if not cases.empty else set()
    out: dict[str, tuple[str, dict[str, int]] | None] = {}
    for name, model in fitted.items():
        if model.n_obs < MIN_CREDIBLE_OBSERVATIONS:
            out[name] = ("few", {"n": model.n_obs, "needed": MIN_CREDIBLE_OBSERVATIONS})
        elif model.params.get("at_bounds", 0) > 0:
            out[name] = ("bounds", {"n": int(model.params["at_bounds"])})
        elif name not in scored:
            out[name] = ("unscored", {})
        else:
            out[name] = None
    return out


REASONS = {
    "few": "{n} observations, needs {needed}",
    "bounds": "{n} parameter(s) at a bound",
    "unscored": "no backtest case",
}


def credibility(fitted: Mapping[str, FittedModel], cases: pd.DataFrame) -> dict[str, str | None]:
    """Per fitted model: None when credible, else the reason it is not, as results.json words it."""
    return {
        name: None if why is None else REASONS[why[0]].format(**why[1])
        for name, why in credibility_reasons(fitted, cases).items()
    }


def mixture_weights(
    credible: Sequence[str], stated: Mapping[str, float] = MIXTURE_WEIGHTS
) -> dict[str, float]:
    """Normalised weights of the credible models (stated weight, 1 for a model not named)."""
    raw = {name: float(stated.get(name, 1.0)) for name in credible}
    total = sum(raw.values())
    if not raw or total <= 0:
        raise ValueError("a mixture needs at least one credible model with a positive weight")
    return {name: w / total for name, w in raw.items()}


def mixture_crossings(
    sims: Mapping[str, Simulation], weights: Mapping[str, float], goal: float
) -> np.ndarray:
    """Goal crossing times of the mixture: every path of the most weighted model(s) and from each
    other model the first weight / largest weight x n of its paths (paths are independent draws,
    so a prefix is a random sample), n = the smallest number of paths any model has."""
    counts = pooled_counts(sims, weights)
    return np.concatenate(
        [crossing_times(sims[name], goal)[: counts[name]] for name in weights if counts[name]]
    )


def pooled_counts(sims: Mapping[str, Simulation], weights: Mapping[str, float]) -> dict[str, int]:
    """Paths each model gives the mixture: as many as possible in the ratio of the weights."""
    n = min(sims[name].paths.shape[0] for name in weights)
    top = max(weights.values())
    return _counts(weights, round(n * sum(weights.values()) / top))


def _counts(weights: Mapping[str, float], n: int) -> dict[str, int]:
    """Whole path counts per model that sum to n (largest remainders)."""
    exact = {name: w * n for name, w in weights.items()}
    counts = {name: int(np.floor(x)) for name, x in exact.items()}
    short = n - sum(counts.values())
    for name in sorted(exact, key=lambda k: counts[k] - exact[k])[:short]:
        counts[name] += 1
    return counts


def mixture_goal_rows(
    sims: Mapping[str, Simulation],
    weights: Mapping[str, float],
    goals: Sequence[int],
    deadlines: Mapping[int, int | None],
    interval: float,
) -> pd.DataFrame:
    """Rows of the goal-year table (as :func:`helpers.trajectory.analysis.goal_year_table`) for
    the mixture."""
    rows = []
    for goal in goals:
        check = CHECK_YEARS if deadlines.get(goal) else ()
        summary = summarise_crossings(mixture_crossings(sims, weights, goal), interval, check)
        rows.append({"model": MIXTURE, "goal": int(goal), **summary})
    return pd.DataFrame(rows)


def chance_range(goal_years: pd.DataFrame, credible: Sequence[str], goal: int, year: int) -> dict:
    """Lowest and highest chance of ``goal`` by 31 December ``year`` across the credible models."""
    column = f"p_by_{year}"
    part = goal_years[goal_years["model"].isin(credible) & (goal_years["goal"] == goal)]
    values = part.set_index("model")[column].dropna()
    if values.empty:
        return {"low": None, "high": None, "low_model": None, "high_model": None}
    return {
        "low": float(values.min()),
        "high": float(values.max()),
        "low_model": str(values.idxmin()),
        "high_model": str(values.idxmax()),
    }


# Quantile levels of the long format forecast hubs use (the 23 of the US COVID-19 Forecast Hub).
HUB_QUANTILES = (0.01, 0.025, *[round(0.05 * k, 2) for k in range(1, 20)], 0.975, 0.99)


def _levels_at(sim: Simulation, t: float, n: int | None = None) -> np.ndarray:
    """Simulated levels at time ``t`` (interpolated between grid times) of the first n paths."""
    paths = sim.paths if n is None else sim.paths[:n]
    column = np.searchsorted(sim.grid, t - 1e-9)
    if column < len(sim.grid) and abs(sim.grid[column] - t) < 1e-6:
        return paths[:, column]
    return np.array([np.interp(t, sim.grid, p) for p in paths])


def hub_quantiles(
    sims: Mapping[str, Simulation],
    weights: Mapping[str, float],
    reference_date: str,
    years: Sequence[int],
    quantiles: Sequence[float] = HUB_QUANTILES,
) -> pd.DataFrame:
    """The forecast of the number working (the level, the true count) at 31 December of each of
    ``years``, per model and for the mixture, in the long format of forecast hubs: model,
    reference_date (date of the last observation), target_end_date, horizon (years after the
    reference date, one decimal), output_type ("quantile"), output_type_id (the level), value."""
    counts = pooled_counts(sims, weights)
    rows = []
    reference = pd.Timestamp(reference_date)
    for year in years:
        t = year + 1.0  # the end of 31 December (decimal years, helpers.trajectory.data)
        end = pd.Timestamp(f"{year}-12-31")
        samples = {name: _levels_at(sim, t) for name, sim in sims.items() if sim.grid[0] <= t}
        if set(weights) <= set(samples):
            samples[MIXTURE] = np.concatenate(
                [samples[m][: counts[m]] for m in weights if counts[m]]
            )
        for name, x in samples.items():
            values = np.quantile(x, quantiles)
            for q, v in zip(quantiles, values, strict=True):
                rows.append(
                    {
                        "model": name,
                        "reference_date": reference.date().isoformat(),
                        "target_end_date": end.date().isoformat(),
                        "horizon": round((end - reference).days / 365.25, 1),
                        "output_type": "quantile",
                        "output_type_id": q,
                        "value": round(float(v)),
                    }
                )
    return pd.DataFrame(rows)


def chance_standard_error(p: float | None, n_paths: int) -> float | None:
    """Monte Carlo standard error of a chance estimated from n independent paths."""
    if p is None or n_paths <= 0:
        return None
    return float(np.sqrt(p * (1.0 - p) / n_paths))
