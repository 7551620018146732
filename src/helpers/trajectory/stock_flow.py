"""A stock-flow model: the number working grows by placements and shrinks by people leaving.

Monthly, ``stock(m+1) = stock(m) + placements(m) - exit_rate / 12 * stock(m) + level shock`` and
the placement pace drifts as a random walk (the local linear trend's slope). With the exit rate at
zero this IS the local linear trend of :mod:`.state_space` (same grid, prior and likelihood); with
a positive exit rate the same observed growth needs more placements, and a stock that grows leaks
more, so the long-run path bends down.

The exit rate is not identified by five to ten counts of the stock (a higher exit rate is matched
by a higher placement pace), so it gets a stated prior (:class:`ExitPrior`, uniform over 0.5-8% a
year by default, ASSUMPTIONS.md#f7) and is integrated over together with the two disturbance
variances: posterior weight = prior x exact diffuse Kalman likelihood (statsmodels) on the grid
(exit rate x level sd x pace drift sd). ``exit_rate=<float>`` fixes it instead (0.0 gives the
local linear trend).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.trajectory.models import BREAK_YEAR
from helpers.trajectory.state_space import (
    DEFAULT_PRIOR,
    MONTHS,
    LocalLinearTrend,
    Prior,
    _half_normal_log_density,
    filter_end_states,
    fit_local_linear_trend,
    monthly_variances,
    state_space_model,
)
from helpers.vocabulary import INDICATION_WITHOUT_JOB, POSITIVE_ADVICE_ISSUED, WORKING


@dataclass(frozen=True)
class ExitPrior:
    """Uniform prior on the yearly exit rate (share of the stock leaving per year) on a grid."""

    low: float = 0.005
    high: float = 0.08
    grid_points: int = 6

    def grid(self) -> np.ndarray:
        """Yearly exit rates of the grid (equal prior weight each)."""
        return np.linspace(self.low, self.high, self.grid_points)


DEFAULT_EXIT_PRIOR = ExitPrior()


def transition(exit_rate_monthly: float) -> np.ndarray:
    """The monthly transition of (stock, monthly placements): stock keeps 1 - exit share."""
    return np.array([[1.0 - exit_rate_monthly, 1.0], [0.0, 1.0]])


@dataclass
class StockFlow(LocalLinearTrend):
    """The stock-flow model integrated over exit rate and disturbance variances."""

    exit_rates: np.ndarray = None  # type: ignore[assignment]  # yearly exit rate of each grid row

    def posterior_summary(self) -> dict[str, float]:
        """As the local linear trend's, plus the posterior mean exit rate."""
        return {
            **super().posterior_summary(),
            "exit_rate_mean": float(self.weights @ self.exit_rates),
        }

    def simulate_levels(
        self, offsets, n_paths: int, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """(stock at the last observation's month, stock ``offsets`` months later), simulated
        month by month (the exit share makes the k-month transition depend on the path)."""
        offsets = np.asarray(offsets, dtype=int)
        if np.any(np.diff(np.concatenate([[0], offsets])) < 1):
            raise ValueError("offsets must be increasing whole months of at least 1")
        pick, start, q = self.draw_start(n_paths, rng)
        sd_level, sd_slope = np.sqrt(q[:, 0]), np.sqrt(q[:, 1])
        keep = 1.0 - self.exit_rates[pick] / MONTHS
        level, slope = start[:, 0].copy(), start[:, 1].copy()
        out = np.empty((len(offsets), n_paths))
        shocks = rng.standard_normal((int(offsets[-1]), 2, n_paths))
        j = 0
        for month in range(1, int(offsets[-1]) + 1):
            level = keep * level + slope + sd_level * shocks[month - 1, 0]
            slope = slope + sd_slope * shocks[month - 1, 1]
            if month == offsets[j]:
                out[j] = level
                j += 1
        return start[:, 0], out.T


def fit_stock_flow(
    times,
    values,
    qualifiers=None,
    exit_rate: float | None = None,
    prior: Prior = DEFAULT_PRIOR,
    exit_prior: ExitPrior = DEFAULT_EXIT_PRIOR,
    since: float | None = BREAK_YEAR,
) -> StockFlow:
    """Fit the stock-flow model to the observations after ``since``.

    ``exit_rate``: None integrates the yearly exit rate over ``exit_prior``; a number fixes it
    (0.0 reproduces :func:`fit_local_linear_trend`). ``prior``: the disturbance variances' prior,
    as for the local linear trend. Returns a fitted model with ``simulate``/``predict`` like the
    others; ``params`` has the posterior means (``exit_rate_mean`` among them).
    """
    if exit_rate is not None and not 0.0 <= exit_rate < 1.0:
        raise ValueError(f"exit_rate must be a yearly share in [0, 1), got {exit_rate!r}")
    llt = fit_local_linear_trend(times, values, qualifiers, prior, since)
    rates = np.array([exit_rate]) if exit_rate is not None else exit_prior.grid()
    model = _model_of(llt)
    variances = monthly_variances(llt.grid[:, 0], llt.grid[:, 1])
    log_post, means, covs = [], [], []
    endog = np.asarray(model.endog).ravel()
    obs_var = np.asarray(model.ssm["obs_cov"]).ravel()
    for rate in rates:
        model.ssm["transition"] = transition(rate / MONTHS)
        log_post.append([model.loglike(v) for v in variances])
        mean, cov = filter_end_states(endog, obs_var, variances, np.full(len(variances), rate / 12))
        means.append(mean)
        covs.append(cov)
    # the exit rates' prior is uniform on the grid; the variances' prior is the local linear trend's
    log_prior = _half_normal_log_density(
        llt.grid[:, 0], prior.level_scale
    ) + _half_normal_log_density(llt.grid[:, 1], prior.pace_drift_scale)
    log_post = np.asarray(log_post) + log_prior[None, :]
    weights = np.exp(log_post - log_post.max()).ravel()
    weights = np.where(weights / weights.sum() > 1e-12, weights, 0.0)
    weights /= weights.sum()
    fitted = StockFlow(
        name="stock_flow",
        label="Stock-flow (placements minus exits)",
        t_obs=llt.t_obs,
        y_obs=llt.y_obs,
        n_obs=llt.n_obs,
        df=llt.df,
        months=llt.months,
        obs_sd=llt.obs_sd,
        prior=prior,
        grid=np.tile(llt.grid, (len(rates), 1)),
        weights=weights,
        state_mean=np.concatenate(means),
        state_cov=np.concatenate(covs),
        exit_rates=np.repeat(rates, len(llt.grid)),
    )
    fitted.params = {
        "level_last": float(weights @ fitted.state_mean[:, 0]),
        "placements_last": float(weights @ fitted.state_mean[:, 1]) * MONTHS,
        **fitted.posterior_summary(),
        "exit_rate_low": float(rates.min()),
        "exit_rate_high": float(rates.max()),
        "pace_drift_prior_scale": prior.pace_drift_scale,
        "level_prior_scale": prior.level_scale,
    }
    return fitted


def _model_of(llt: LocalLinearTrend):
    """The monthly statsmodels model of a fitted local linear trend's observations."""
    endog = np.full(int(llt.months[-1] - llt.months[0] + 1), np.nan)
    endog[llt.months - llt.months[0]] = llt.y_obs
    obs_var = np.full(len(endog), 1.0)
    obs_var[llt.months - llt.months[0]] = llt.obs_sd**2
    return state_space_model(endog, obs_var)


def exit_rate_bound(series) -> dict[str, object] | None:
    """What the positive-advice figures say about the exit rate: an upper bound.

    Everyone working holds a positive advice, so of the advices issued since 2015 up to a date
    (``positive_advice_issued``) those neither working nor waiting at that date
    (``indication_without_job``, interpolated linearly between its two nearest figures) have left
    (work or the advice). Dividing by the average number working after 1 January 2017 (the mean
    of the working figures up to the date) and the years since the first of them bounds the share
    leaving work per year from above: some who left never worked, and an advice is not a person.
    None when a figure is missing.
    """
    import pandas as pd

    from helpers.periods import decimal_year

    def rows(metric):
        part = series[series["metric"] == metric].dropna(subset=["reference_date"])
        return part.sort_values("reference_date", kind="stable")

    issued, working, waiting = (
        rows(m) for m in (POSITIVE_ADVICE_ISSUED, WORKING, INDICATION_WITHOUT_JOB)
    )
    if issued.empty or working.empty or len(waiting) < 2:
        return None
    at = issued.iloc[-1]
    date = pd.Timestamp(at["reference_date"])
    same = working[working["reference_date"] == date]
    before, after = (
        waiting[waiting["reference_date"] <= date],
        waiting[waiting["reference_date"] > date],
    )
    if same.empty or before.empty or after.empty:
        return None
    t = decimal_year([date, before.iloc[-1]["reference_date"], after.iloc[0]["reference_date"]])
    w0, w1 = float(before.iloc[-1]["value"]), float(after.iloc[0]["value"])
    waiting_then = w0 + (w1 - w0) * (t[0] - t[1]) / (t[2] - t[1])
    left = float(at["value"]) - float(same.iloc[0]["value"]) - waiting_then
    since = working[
        (decimal_year(working["reference_date"]) > BREAK_YEAR) & (working["reference_date"] <= date)
    ]
    years = float(t[0] - decimal_year([since.iloc[0]["reference_date"]])[0])
    mean_working = float(since["value"].mean())
    return {
        "date": date.date().isoformat(),
        "issued": float(at["value"]),
        "working": float(same.iloc[0]["value"]),
        "waiting_interpolated": round(waiting_then),
        "left": round(left),
        "mean_working": round(mean_working),
        "years": round(years, 2),
        "exit_rate_upper_bound": round(left / (mean_working * years), 4) if years > 0 else None,
        "source_ids": [
            str(at["source_id"]),
            str(same.iloc[0]["source_id"]),
            str(before.iloc[-1]["source_id"]),
            str(after.iloc[0]["source_id"]),
        ],
    }
