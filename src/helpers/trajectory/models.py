"""Trajectory models behind one interface: ``fit(times, values)`` returns a :class:`FittedModel`.

Time is in decimal years (:func:`helpers.trajectory.data.decimal_year`: 31 Dec 2016 is 2017.0).
Every fitted model offers

- ``predict(times, interval)``: a frame with ``mean``, ``lower`` and ``upper`` (central
  prediction and a prediction interval for an observation at each time);
- ``simulate(times, n_paths, rng)``: an ``(n_paths, len(times))`` array of future paths that
  include parameter uncertainty (coefficients and noise variance drawn from their sampling
  distribution) and then the noise. ``times`` must lie after the last observation.

Parameter draws follow the standard non-informative normal-linear-model posterior: the noise
variance ``sigma2 = s2 * df / chi2(df)`` (scaled inverse chi-square) and then the coefficients
``beta ~ N(beta_hat, sigma2 (X'X)^-1)``, so that the coefficients are marginally multivariate t.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.tsa.statespace.exponential_smoothing import ExponentialSmoothing

BREAK_YEAR = 2017.0  # beschut werk became a legal duty for gemeenten on 1 January 2017
MIN_OBSERVATIONS = 3


class NotEnoughData(ValueError):
    """A model cannot be fitted on the observations given (too few, or degenerate)."""


def as_arrays(times, values) -> tuple[np.ndarray, np.ndarray]:
    """Times and values as float arrays sorted by time (stable); a ValueError if they differ in
    shape or are not one-dimensional. Every model's fit starts here."""
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    if t.shape != y.shape or t.ndim != 1:
        raise ValueError("times and values must be one-dimensional and of equal length")
    order = np.argsort(t, kind="stable")
    return t[order], y[order]


def _check_future(model: FittedModel, times: np.ndarray) -> None:
    if np.any(times < model.t_last - 1e-9):
        raise ValueError(f"{model.name}: simulate() needs times at or after {model.t_last:.3f}")


def draw_sigma2(s2: float, df: int, n_paths: int, rng: np.random.Generator) -> np.ndarray:
    """Noise variances from the scaled inverse chi-square distribution ``s2 * df / chi2(df)``."""
    return s2 * df / rng.chisquare(df, size=n_paths)


@dataclass
class FittedModel:
    """What every fitted model has in common."""

    name: str
    label: str
    t_obs: np.ndarray
    y_obs: np.ndarray
    n_obs: int
    df: int
    params: dict[str, float] = field(default_factory=dict)

    @property
    def t_last(self) -> float:
        """Time of the last observation used in the fit."""
        return float(self.t_obs[-1])

    @property
    def y_last(self) -> float:
        """The last observation used in the fit."""
        return float(self.y_obs[-1])

    def predict(self, times, interval: float) -> pd.DataFrame:  # pragma: no cover - abstract
        raise NotImplementedError

    def simulate(
        self, times, n_paths: int, rng: np.random.Generator
    ) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError


# --------------------------------------------------------------------------------------------
# Curves fitted by OLS on a (possibly transformed) scale: linear, segmented, exponential,
# logistic and Gompertz with a fixed capacity.
# --------------------------------------------------------------------------------------------


@dataclass
class OLSCurve(FittedModel):
    """``link(y) = X(t) beta + e``, e ~ N(0, sigma2) iid, fitted by statsmodels OLS."""

    design: Callable[[np.ndarray], np.ndarray] = None  # type: ignore[assignment]
    inverse: Callable[[np.ndarray], np.ndarray] = None  # type: ignore[assignment]
    result: object = None
    beta: np.ndarray = None  # type: ignore[assignment]
    xtx_inv: np.ndarray = None  # type: ignore[assignment]
    s2: float = float("nan")
    capacity: float | None = None  # fixed capacity of an S-curve

    def predict(self, times, interval: float) -> pd.DataFrame:
        """Central line and prediction interval (t-based, includes coefficient uncertainty).

        For transformed models the interval is exact after back-transformation and the
        ``mean`` column is the back-transformed central line (the median, not the mean).
        """
        t = np.asarray(times, dtype=float)
        frame = self.result.get_prediction(self.design(t)).summary_frame(alpha=1 - interval)
        return pd.DataFrame(
            {
                "mean": self.inverse(frame["mean"].to_numpy()),
                "lower": self.inverse(frame["obs_ci_lower"].to_numpy()),
                "upper": self.inverse(frame["obs_ci_upper"].to_numpy()),
            },
            index=pd.Index(t, name="t"),
        )

    def simulate(self, times, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        t = np.asarray(times, dtype=float)
        _check_future(self, t)
        sigma2 = draw_sigma2(self.s2, self.df, n_paths, rng)
        chol = np.linalg.cholesky(self.xtx_inv)
        z = rng.standard_normal((n_paths, len(self.beta)))
        betas = self.beta + (z @ chol.T) * np.sqrt(sigma2)[:, None]
        return self.inverse(betas @ self.design(t).T)


def _fit_ols(
    name: str,
    label: str,
    t: np.ndarray,
    y: np.ndarray,
    design: Callable[[np.ndarray], np.ndarray],
    link: Callable[[np.ndarray], np.ndarray],
    inverse: Callable[[np.ndarray], np.ndarray],
    param_names: tuple[str, ...],
) -> OLSCurve:
    x = design(t)
    if len(t) < max(MIN_OBSERVATIONS, x.shape[1] + 1):
        raise NotEnoughData(f"{name}: {len(t)} observations for {x.shape[1]} coefficients")
    if np.linalg.matrix_rank(x) < x.shape[1]:
        raise NotEnoughData(f"{name}: the design matrix is singular on these observations")
    result = sm.OLS(link(y), x).fit()
    return OLSCurve(
        name=name,
        label=label,
        t_obs=t,
        y_obs=y,
        n_obs=len(t),
        df=int(result.df_resid),
        params={
            **dict(zip(param_names, result.params, strict=True)),
            "sigma": np.sqrt(result.scale),
        },
        design=design,
        inverse=inverse,
        result=result,
        beta=np.asarray(result.params, dtype=float),
        xtx_inv=np.asarray(result.normalized_cov_params, dtype=float),
        s2=float(result.scale),
    )


def _identity(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float)


def _linear_design(origin: float) -> Callable[[np.ndarray], np.ndarray]:
    def design(t: np.ndarray) -> np.ndarray:
        t = np.asarray(t, dtype=float)
        return np.column_stack([np.ones_like(t), t - origin])

    return design


def fit_linear_since(times, values, start: float = BREAK_YEAR) -> OLSCurve:
    """Linear trend (OLS) on the observations after ``start`` (2017 onwards by default)."""
    t, y = as_arrays(times, values)
    keep = t > start + 1e-9
    return _fit_ols(
        "linear_2017",
        "Linear trend since 2017",
        t[keep],
        y[keep],
        _linear_design(start),
        _identity,
        _identity,
        ("level_2017", "slope"),
    )


def fit_segmented(times, values, break_at: float = BREAK_YEAR) -> OLSCurve:
    """Segmented linear trend: ``y = b0 + b1 (t - break) + b2 max(0, t - break)`` by OLS.

    The slope before the break is ``b1``, after it ``b1 + b2``. Needs at least two observations
    on each side of the break (an observation exactly at the break counts as before).
    """
    t, y = as_arrays(times, values)
    if np.sum(t <= break_at + 1e-9) < 2 or np.sum(t > break_at + 1e-9) < 2:
        raise NotEnoughData("segmented: needs two observations on each side of the break")

    def design(s: np.ndarray) -> np.ndarray:
        s = np.asarray(s, dtype=float)
        return np.column_stack([np.ones_like(s), s - break_at, np.maximum(0.0, s - break_at)])

    model = _fit_ols(
        "segmented",
        "Segmented trend (break 2017)",
        t,
        y,
        design,
        _identity,
        _identity,
        ("level_2017", "slope_before", "slope_change"),
    )
    model.params["slope"] = model.params["slope_before"] + model.params["slope_change"]
    return model


def fit_exponential(times, values, origin: float = BREAK_YEAR) -> OLSCurve:
    """Log-linear growth ``log y = a + b t`` by OLS (shown as the implausible extreme)."""
    t, y = as_arrays(times, values)
    if np.any(y <= 0):
        raise NotEnoughData("exponential: needs positive values")
    model = _fit_ols(
        "exponential",
        "Exponential growth (implausible extreme)",
        t,
        y,
        _linear_design(origin),
        np.log,
        lambda e: np.exp(np.minimum(e, 700.0)),
        ("log_level_2017", "growth_rate"),
    )
    return model


def fit_logistic(times, values, capacity: float, origin: float = BREAK_YEAR) -> OLSCurve:
    """Logistic curve with the capacity fixed: ``logit(y / K) = a + b t`` by OLS."""
    t, y = as_arrays(times, values)
    if np.any(y <= 0) or np.any(y >= capacity):
        raise NotEnoughData(f"logistic: needs 0 < values < capacity {capacity:g}")
    k = float(capacity)

    def link(v: np.ndarray) -> np.ndarray:
        share = np.asarray(v, dtype=float) / k
        return np.log(share / (1 - share))

    def inverse(eta: np.ndarray) -> np.ndarray:
        return k / (1 + np.exp(-np.clip(eta, -700.0, 700.0)))

    model = _fit_ols(
        f"logistic_{int(k)}",
        f"Logistic, capacity {int(k):,}",
        t,
        y,
        _linear_design(origin),
        link,
        inverse,
        ("logit_2017", "rate"),
    )
    model.capacity = k
    return model


def fit_gompertz(times, values, capacity: float, origin: float = BREAK_YEAR) -> OLSCurve:
    """Gompertz curve with the capacity fixed: ``-log(-log(y / K)) = a + b t`` by OLS."""
    t, y = as_arrays(times, values)
    if np.any(y <= 0) or np.any(y >= capacity):
        raise NotEnoughData(f"gompertz: needs 0 < values < capacity {capacity:g}")
    k = float(capacity)

    def link(v: np.ndarray) -> np.ndarray:
        return -np.log(-np.log(np.asarray(v, dtype=float) / k))

    def inverse(eta: np.ndarray) -> np.ndarray:
        return k * np.exp(-np.exp(-np.clip(eta, -700.0, 700.0)))

    model = _fit_ols(
        f"gompertz_{int(k)}",
        f"Gompertz, capacity {int(k):,}",
        t,
        y,
        _linear_design(origin),
        link,
        inverse,
        ("gompertz_2017", "rate"),
    )
    model.capacity = k
    return model


# --------------------------------------------------------------------------------------------
# Random walk with drift on an irregular time grid.
# --------------------------------------------------------------------------------------------


@dataclass
class RandomWalkDrift(FittedModel):
    """``y(t2) - y(t1) ~ N(mu (t2 - t1), sigma2 (t2 - t1))``, independent increments.

    Fitted by statsmodels WLS of the increments on their time spans (no constant) with weights
    ``1 / dt``: the estimate of ``mu`` is ``(y_last - y_first) / (t_last - t_first)``, its
    variance ``sigma2 / sum(dt)``, and ``sigma2`` is the weighted residual variance.
    """

    mu: float = float("nan")
    s2: float = float("nan")
    mu_var_unit: float = float("nan")  # Var(mu_hat) / sigma2 = 1 / sum(dt)

    def predict(self, times, interval: float) -> pd.DataFrame:
        """From the latest observation at or before each time (for times before the first
        observation there is no prediction). The variance adds the drift's uncertainty."""
        t = np.asarray(times, dtype=float)
        idx = np.searchsorted(self.t_obs, t + 1e-9, side="right") - 1
        valid = idx >= 0
        base_t = np.where(valid, self.t_obs[np.maximum(idx, 0)], np.nan)
        base_y = np.where(valid, self.y_obs[np.maximum(idx, 0)], np.nan)
        h = t - base_t
        mean = base_y + self.mu * h
        sd = np.sqrt(self.s2 * h + h**2 * self.s2 * self.mu_var_unit)
        q = stats.t.ppf(0.5 + interval / 2, self.df)
        return pd.DataFrame(
            {"mean": mean, "lower": mean - q * sd, "upper": mean + q * sd},
            index=pd.Index(t, name="t"),
        )

    def simulate(self, times, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        t = np.asarray(times, dtype=float)
        _check_future(self, t)
        sigma2 = draw_sigma2(self.s2, self.df, n_paths, rng)
        mu = self.mu + rng.standard_normal(n_paths) * np.sqrt(sigma2 * self.mu_var_unit)
        dt = np.diff(np.concatenate([[self.t_last], t]))
        steps = mu[:, None] * dt + rng.standard_normal((n_paths, len(t))) * np.sqrt(
            sigma2[:, None] * dt
        )
        return self.y_last + np.cumsum(steps, axis=1)


def fit_random_walk(times, values, start: float = BREAK_YEAR) -> RandomWalkDrift:
    """Random walk with drift (WLS on increments) on the observations after ``start``: the
    same window as the linear trend."""
    t, y = as_arrays(times, values)
    keep = t > start + 1e-9
    t, y = t[keep], y[keep]
    if len(t) < MIN_OBSERVATIONS:
        raise NotEnoughData(f"random_walk: {len(t)} observations, needs {MIN_OBSERVATIONS}")
    dt = np.diff(t)
    if np.any(dt <= 0):
        raise NotEnoughData("random_walk: two observations share a date")
    result = sm.WLS(np.diff(y), dt, weights=1.0 / dt).fit()
    return RandomWalkDrift(
        name="random_walk",
        label="Random walk with drift",
        t_obs=t,
        y_obs=y,
        n_obs=len(t),
        df=int(result.df_resid),
        params={"drift": float(result.params[0]), "sigma": float(np.sqrt(result.scale))},
        mu=float(result.params[0]),
        s2=float(result.scale),
        mu_var_unit=float(1.0 / dt.sum()),
    )


# --------------------------------------------------------------------------------------------
# Damped-trend exponential smoothing on the observed year-end values.
# --------------------------------------------------------------------------------------------

ETS_MIN_YEARS = 4  # observed year ends
ETS_BOUND_MARGIN = 0.01  # an estimate this close to a bound counts as "at the bound"


def year_end_series(times, values) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year ends (times k.0, i.e. 31 December of year k-1) from the first to the last observed one.

    A year end takes the observation dated that day; a year end without one is missing (NaN) and
    flagged as not observed; nothing is interpolated. Returns ``(times, values, observed)``.
    """
    t, y = as_arrays(times, values)
    at_year_end = np.abs(t - np.round(t)) < 0.5 / 366
    if not at_year_end.any():
        return np.array([]), np.array([]), np.array([], dtype=bool)
    ends = np.round(t[at_year_end])
    grid = np.arange(ends.min(), ends.max() + 1, dtype=float)
    values_out = np.full(len(grid), np.nan)
    for end, value in zip(ends, y[at_year_end], strict=True):
        values_out[int(end - grid[0])] = value  # a later observation of the same day wins
    return grid, values_out, ~np.isnan(values_out)


@dataclass
class DampedETS(FittedModel):
    """Additive damped-trend exponential smoothing in state-space form (statsmodels
    ``statespace.ExponentialSmoothing``) on year-end values with the missing year ends left missing.

    Paths start from the filtered (level, trend) at the last year end, drawn from its filtered
    covariance, and run the recursion forward with innovations ``N(0, sigma2)``; the returned
    paths are the LEVEL. The smoothing parameters are used at their estimates: they are not drawn
    from a covariance, because on these few points the estimates sit at their bounds, where a
    normal approximation does not hold (``params['at_bounds']`` counts them).
    """

    years: np.ndarray = None  # type: ignore[assignment]
    y_years: np.ndarray = None  # type: ignore[assignment]
    observed: np.ndarray = None  # type: ignore[assignment]
    theta: np.ndarray = None  # type: ignore[assignment]  # alpha, beta, phi
    s2: float = float("nan")
    state_mean: np.ndarray = None  # type: ignore[assignment]  # level, trend at the last year end
    state_cov: np.ndarray = None  # type: ignore[assignment]
    predict_seed: int = 0
    predict_paths: int = 4000

    @property
    def t_last(self) -> float:
        return float(self.years[-1])

    @property
    def y_last(self) -> float:
        return float(self.state_mean[0])

    def _yearly_levels(self, n_years: int, n_paths: int, rng: np.random.Generator):
        alpha, beta, phi = self.theta
        chol = np.linalg.cholesky(self.state_cov + 1e-9 * np.eye(2))
        start = self.state_mean + rng.standard_normal((n_paths, 2)) @ chol.T
        level, trend = start[:, 0], start[:, 1]
        noise = rng.standard_normal((n_paths, n_years)) * np.sqrt(self.s2)
        out = np.empty((n_paths, n_years + 1))
        out[:, 0] = level
        for k in range(n_years):
            level, trend = (
                level + phi * trend + alpha * noise[:, k],
                phi * trend + beta * noise[:, k],
            )
            out[:, k + 1] = level
        return out

    def simulate(self, times, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        """Level paths at ``times``, linear between the simulated year ends."""
        t = np.asarray(times, dtype=float)
        _check_future(self, t)
        n_years = max(1, int(np.ceil(t.max() - self.t_last - 1e-9)))
        yearly = self._yearly_levels(n_years, n_paths, rng)
        grid = self.t_last + np.arange(0, n_years + 1, dtype=float)
        return interpolate_paths(grid, yearly, t)

    def predict(self, times, interval: float) -> pd.DataFrame:
        """Median and interval of an observation after the last year end (level plus one
        innovation), from simulated paths with a fixed internal seed; empty before it."""
        t = np.asarray(times, dtype=float)
        out = np.full((3, len(t)), np.nan)
        future = t > self.t_last + 1e-9
        if future.any():
            rng = np.random.default_rng(self.predict_seed)
            draws = self.simulate(t[future], self.predict_paths, rng)
            draws += rng.standard_normal(draws.shape) * np.sqrt(self.s2)
            out[:, future] = np.quantile(draws, [0.5, 0.5 - interval / 2, 0.5 + interval / 2], 0)
        return pd.DataFrame(
            {"mean": out[0], "lower": out[1], "upper": out[2]}, index=pd.Index(t, name="t")
        )


def _significant(values: np.ndarray, digits: int) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits (zeros stay zero)."""
    magnitude = np.floor(np.log10(np.abs(np.where(values == 0, 1.0, values))))
    scale = 10.0 ** (digits - 1 - magnitude)
    return np.round(values * scale) / scale


def fit_damped_ets(times, values, start: float = BREAK_YEAR) -> DampedETS:
    """Damped-trend ETS on the year ends after ``start`` (the linear trend's window)."""
    t, y = as_arrays(times, values)
    keep = t > start + 1e-9
    years, y_years, observed = year_end_series(t[keep], y[keep])
    if observed.sum() < ETS_MIN_YEARS:
        raise NotEnoughData(f"damped_ets: {observed.sum()} year ends, needs {ETS_MIN_YEARS}")
    first, second = np.flatnonzero(observed)[:2]
    trend0 = (y_years[second] - y_years[first]) / (second - first)
    model = ExponentialSmoothing(
        y_years,
        trend=True,
        damped_trend=True,
        initialization_method="known",
        initial_level=y_years[first] - trend0 * (first + 1),
        initial_trend=trend0,
    )
    with warnings.catch_warnings():
        # On 4-8 yearly points the optimiser stops at a bound; the estimates are used as they are.
        warnings.simplefilter("ignore")
        fitted = model.fit(disp=False, maxiter=1000)
        # The optimiser's last digits differ between CPUs and BLAS builds; the estimates are
        # rounded to 4 significant digits and the model re-filtered with them, so forecasts do
        # not sit on a rounding knife-edge (ASSUMPTIONS.md#r13).
        result = model.smooth(_significant(np.asarray(fitted.params, dtype=float), 4))
    theta = np.asarray(result.params, dtype=float)[:3]
    bounds = np.array([(0.0, 1.0), (0.0, 1.0), (0.8, 0.98)])
    at_bounds = int(
        np.sum(
            (theta - bounds[:, 0] < ETS_BOUND_MARGIN) | (bounds[:, 1] - theta < ETS_BOUND_MARGIN)
        )
    )
    return DampedETS(
        name="damped_ets",
        label="Damped-trend ETS",
        t_obs=t[keep],
        y_obs=y[keep],
        n_obs=int(observed.sum()),
        df=int(observed.sum()) - 3,
        params={
            "alpha": theta[0],
            "beta": theta[1],
            "phi": theta[2],
            "sigma": float(np.sqrt(result.scale)),
            "at_bounds": float(at_bounds),
            "year_ends_missing": float(np.sum(~observed)),
        },
        years=years,
        y_years=y_years,
        observed=observed,
        theta=theta,
        s2=float(result.scale),
        state_mean=np.asarray(result.filtered_state[1:, -1], dtype=float),
        state_cov=np.asarray(result.filtered_state_cov[1:, 1:, -1], dtype=float),
    )


def interpolate_paths(grid: np.ndarray, paths: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Linear interpolation of every path (rows of ``paths`` on ``grid``) at ``times``."""
    grid = np.asarray(grid, dtype=float)
    times = np.asarray(times, dtype=float)
    right = np.clip(np.searchsorted(grid, times, side="left"), 1, len(grid) - 1)
    left = right - 1
    weight = (times - grid[left]) / (grid[right] - grid[left])
    weight = np.clip(weight, 0.0, 1.0)
    return paths[:, left] * (1 - weight) + paths[:, right] * weight
