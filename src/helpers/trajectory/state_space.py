"""The headline forecast: a local linear trend whose level and yearly pace both drift.

State-space form (statsmodels ``UnobservedComponents``, level and slope stochastic, no irregular
term) on a MONTHLY index from the month of the first observation to the month of the last; each
observation sits in the month of its reference date (all are month ends), months without one are
missing (the Kalman filter skips them; nothing is interpolated). The measurement error of each
observation is fixed by its qualifier (:data:`MEASUREMENT_SD`), not estimated.

With a handful of nearly collinear points the maximum-likelihood variance of the slope is zero,
which would claim that the pace never changes. Instead the two disturbance variances are
integrated over: a grid of (level sd, pace drift sd) with half-normal priors
(:data:`DEFAULT_PRIOR`), posterior weights proportional to prior times the (diffuse) Kalman
likelihood. Paths draw a grid point by its weight, then the state at the last observation from its
filtered mean and covariance at that grid point, then the future disturbances. Goal crossings are
computed on the simulated level (the true count), never on noisy observations.

Units: ``pace_drift_sd`` is the standard deviation of the change of the YEARLY pace over one year
(people per year, per year); ``level_sd`` the standard deviation of the level's own disturbance over
one year (people). Both are converted to the monthly model's variances by :func:`monthly_variances`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.tsa.statespace.structural import UnobservedComponents

from helpers.trajectory.data import decimal_year
from helpers.trajectory.models import BREAK_YEAR, FittedModel, NotEnoughData, as_arrays

MONTHS = 12
# Measurement error (standard deviation as a share of the value) by qualifier: exact counts differ
# between sources and dates by about 1%; "circa" figures and bounds are used at their printed value
# with 5% (ASSUMPTIONS.md#f1). A floor keeps tiny early counts from being treated as exact.
MEASUREMENT_SD = {"exact": 0.01, "approximate": 0.05, "lower_bound": 0.05, "upper_bound": 0.05}
MEASUREMENT_FLOOR = 10.0
MIN_OBSERVATIONS = 4  # a level, a slope and at least two residual degrees of freedom


@dataclass(frozen=True)
class Prior:
    """Half-normal priors on the two disturbance standard deviations (per year), and the grid."""

    pace_drift_scale: float = 200.0  # people per year, per year
    level_scale: float = 200.0  # people per year
    grid_points: tuple[int, int] = (13, 31)  # (level sd, pace drift sd)
    grid_width: float = 3.5  # grid runs from 0 to grid_width x each scale


DEFAULT_PRIOR = Prior()
SENSITIVITY_SCALES = (50.0, 100.0, 200.0, 400.0)


def monthly_variances(level_sd: np.ndarray, pace_drift_sd: np.ndarray) -> np.ndarray:
    """(sigma2.level, sigma2.trend) of the monthly model from the yearly standard deviations.

    The monthly slope is a random walk with variance q per month; the yearly pace is 12 x the
    slope, so its change over 12 months has standard deviation 12 sqrt(12 q).
    """
    level_sd = np.asarray(level_sd, dtype=float)
    pace_drift_sd = np.asarray(pace_drift_sd, dtype=float)
    return np.stack([level_sd**2 / MONTHS, (pace_drift_sd / MONTHS) ** 2 / MONTHS], axis=-1)


def step_covariance(k: int, q_level, q_slope) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Variance of the level shock, covariance, and variance of the slope shock accumulated over
    k months of the monthly model (slope += zeta; level += slope + xi):
    ``k q_l + q_s (k-1) k (2k-1) / 6``, ``q_s k (k-1) / 2``, ``k q_s``."""
    q_level = np.asarray(q_level, dtype=float)
    q_slope = np.asarray(q_slope, dtype=float)
    return (
        k * q_level + q_slope * (k - 1) * k * (2 * k - 1) / 6,
        q_slope * k * (k - 1) / 2,
        k * q_slope,
    )


def filter_end_states(
    endog: np.ndarray,
    obs_var: np.ndarray,
    variances: np.ndarray,
    exit_monthly: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Filtered (level, slope) mean and covariance at the last period for every row of
    ``variances`` (sigma2.level, sigma2.trend) at once: the Kalman filter of the monthly model,
    vectorised over the grid. ``exit_monthly`` (per row, or one share) is the share of the level
    that leaves each month (the stock-flow model); 0 is the local linear trend exactly. Starts
    from a vague prior (variance 1e12), which matches statsmodels' exact diffuse initialisation
    (tests check it)."""
    n = len(variances)
    keep = 1.0 - np.broadcast_to(np.asarray(exit_monthly, dtype=float), (n,))
    a = np.zeros((n, 2))
    p = np.zeros((n, 2, 2))
    p[:, 0, 0] = p[:, 1, 1] = 1e12
    q_level, q_slope = variances[:, 0], variances[:, 1]
    for i, (y, h) in enumerate(zip(endog, obs_var, strict=True)):
        if not np.isnan(y):  # update with the observation of the level
            f = p[:, 0, 0] + h
            gain = p[:, :, 0] / f[:, None]
            a = a + gain * (y - a[:, 0])[:, None]
            p = p - gain[:, :, None] * p[:, 0, :][:, None, :]
        if i == len(endog) - 1:
            break
        # predict one month ahead: a = T a; P = T P T' + Q, T = [[keep, 1], [0, 1]]
        a = np.stack([keep * a[:, 0] + a[:, 1], a[:, 1]], axis=1)
        p00 = keep**2 * p[:, 0, 0] + 2 * keep * p[:, 0, 1] + p[:, 1, 1] + q_level
        p01 = keep * p[:, 0, 1] + p[:, 1, 1]
        p11 = p[:, 1, 1] + q_slope
        p = np.stack([np.stack([p00, p01], -1), np.stack([p01, p11], -1)], -2)
    return a, p


def state_space_model(endog: np.ndarray, obs_var: np.ndarray) -> UnobservedComponents:
    """The monthly local linear trend: stochastic level and slope, the measurement variance of
    each month given (no irregular term is estimated), exact diffuse start (statsmodels'
    default would be a 1e6 variance)."""
    model = UnobservedComponents(
        endog,
        level=True,
        stochastic_level=True,
        trend=True,
        stochastic_trend=True,
        irregular=False,
    )
    model.ssm["obs_cov"] = np.asarray(obs_var, dtype=float).reshape(1, 1, -1)
    model.ssm.initialize_diffuse()
    return model


def measurement_sd(values, qualifiers) -> np.ndarray:
    """Standard deviation of each observation's measurement error (people)."""
    share = np.array([MEASUREMENT_SD.get(q, MEASUREMENT_SD["approximate"]) for q in qualifiers])
    return np.maximum(MEASUREMENT_FLOOR, share * np.asarray(values, dtype=float))


def month_index(times: np.ndarray) -> np.ndarray:
    """Months since January 2000 of decimal-year times (the day a time ends falls in that month)."""
    t = np.asarray(times, dtype=float) - 1e-7  # the end of 31 Dec 2016 (2017.0) is in Dec 2016
    years = np.floor(t).astype(int)
    starts = pd.to_datetime(pd.Series(years).astype(str) + "-01-01")
    days = np.where(starts.dt.is_leap_year, 366.0, 365.0)
    day_of_year = np.ceil((t - years) * days).astype(int)  # 1 = 1 January
    dates = starts + pd.to_timedelta(day_of_year - 1, unit="D")
    return ((dates.dt.year - 2000) * MONTHS + dates.dt.month - 1).to_numpy()


def month_end_time(index: np.ndarray) -> np.ndarray:
    """Decimal year at the end of each month index (months since January 2000)."""
    index = np.asarray(index, dtype=int)
    periods = pd.PeriodIndex.from_fields(
        year=2000 + index // MONTHS, month=index % MONTHS + 1, freq="M"
    )
    return decimal_year(periods.to_timestamp(how="end").normalize())


@dataclass
class LocalLinearTrend(FittedModel):
    """A local linear trend integrated over its disturbance variances (see the module text)."""

    months: np.ndarray = None  # type: ignore[assignment]  # month index of every observation
    obs_sd: np.ndarray = None  # type: ignore[assignment]
    prior: Prior = DEFAULT_PRIOR
    grid: np.ndarray = None  # type: ignore[assignment]  # (G, 2) yearly sds: level, pace drift
    weights: np.ndarray = None  # type: ignore[assignment]  # posterior weight of each grid point
    state_mean: np.ndarray = None  # type: ignore[assignment]  # (G, 2) level, monthly slope
    state_cov: np.ndarray = None  # type: ignore[assignment]  # (G, 2, 2)
    predict_seed: int = 0
    predict_paths: int = 4000

    @property
    def last_month(self) -> int:
        return int(self.months[-1])

    @property
    def t_last(self) -> float:
        """End of the month of the last observation (the simulation's start)."""
        return float(month_end_time(np.array([self.last_month]))[0])

    def posterior_summary(self) -> dict[str, float]:
        """Posterior mean of the two standard deviations and the posterior share near zero drift."""
        w = self.weights
        return {
            "level_sd_mean": float(w @ self.grid[:, 0]),
            "pace_drift_sd_mean": float(w @ self.grid[:, 1]),
            "pace_drift_sd_median": float(_weighted_quantile(self.grid[:, 1], w, 0.5)),
        }

    def draw_start(
        self, n_paths: int, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(grid row, (level, monthly slope) at the last observation's month, monthly variances)
        of each path: a grid point by its weight, then the state from its filtered distribution."""
        pick = rng.choice(len(self.weights), size=n_paths, p=self.weights)
        chol = np.linalg.cholesky(self.state_cov + 1e-9 * np.eye(2))[pick]
        start = self.state_mean[pick] + np.einsum(
            "pij,pj->pi", chol, rng.standard_normal((n_paths, 2))
        )
        return pick, start, monthly_variances(self.grid[pick, 0], self.grid[pick, 1])

    def simulate_levels(
        self, offsets, n_paths: int, rng: np.random.Generator
    ) -> tuple[np.ndarray, np.ndarray]:
        """(level at the last observation's month, levels ``offsets`` months later).

        ``offsets`` are increasing whole months (at least 1). Each step of k months uses the
        exact k-month transition of the monthly model (see :func:`step_covariance`), so paths
        can be simulated on a quarterly grid without losing anything.
        """
        offsets = np.asarray(offsets, dtype=int)
        steps = np.diff(np.concatenate([[0], offsets]))
        if np.any(steps < 1):
            raise ValueError("offsets must be increasing whole months of at least 1")
        _, start, q = self.draw_start(n_paths, rng)
        level = np.empty((len(steps), n_paths))  # step-major: each step is contiguous
        current_level, current_slope = start[:, 0].copy(), start[:, 1].copy()
        shocks = rng.standard_normal((2, len(steps), n_paths))
        for k in np.unique(steps):
            var_level, cov, var_slope = step_covariance(int(k), q[:, 0], q[:, 1])
            l11 = np.sqrt(var_level)
            l21 = np.divide(cov, l11, out=np.zeros_like(cov), where=l11 > 0)
            l22 = np.sqrt(np.maximum(var_slope - l21**2, 0.0))
            rows = steps == k
            z0, z1 = shocks[0][rows], shocks[1][rows]
            shocks[0][rows] = l11 * z0
            shocks[1][rows] = l21 * z0 + l22 * z1
        for i, k in enumerate(steps):
            current_level += k * current_slope + shocks[0][i]
            current_slope += shocks[1][i]
            level[i] = current_level
        return start[:, 0], level.T

    def simulate(self, times, n_paths: int, rng: np.random.Generator) -> np.ndarray:
        """Levels at month ends ``times`` (each must be a month end after the last observation)."""
        t = np.asarray(times, dtype=float)
        months = month_index(t) - self.last_month
        if np.any(months < 1):
            raise ValueError(f"{self.name}: simulate() needs month ends after {self.t_last:.3f}")
        unique, where = np.unique(months, return_inverse=True)
        _, levels = self.simulate_levels(unique, n_paths, rng)
        return levels[:, where]

    def future_offsets(self, horizon: int) -> np.ndarray:
        """Month offsets of every quarter end after the last observation up to 31 December of
        ``horizon``."""
        last = (horizon - 2000) * MONTHS + MONTHS - 1
        months = np.arange(self.last_month + 1, last + 1)
        return months[months % 3 == 2] - self.last_month

    def future_grid(self, horizon: int) -> np.ndarray:
        """Decimal times of :meth:`future_offsets`."""
        return month_end_time(self.last_month + self.future_offsets(horizon))

    def predict(self, times, interval: float) -> pd.DataFrame:
        """Median and interval of an OBSERVATION at each time after the fit (level plus the
        exact-figure measurement error), from simulated paths with a fixed internal seed.

        Times at or before the last observation get the filtered level at the posterior mean
        weights is not offered: only future times have values; others are empty.
        """
        t = np.asarray(times, dtype=float)
        out = np.full((3, len(t)), np.nan)
        future = month_index(t) > self.last_month
        if future.any():
            rng = np.random.default_rng(self.predict_seed)
            levels = self.simulate(t[future], self.predict_paths, rng)
            noise = rng.standard_normal(levels.shape) * measurement_sd(
                np.maximum(levels, 0.0), ["exact"] * levels.shape[1]
            )
            draws = levels + noise
            out[:, future] = np.quantile(
                draws, [0.5, 0.5 - interval / 2, 0.5 + interval / 2], axis=0
            )
        return pd.DataFrame(
            {"mean": out[0], "lower": out[1], "upper": out[2]}, index=pd.Index(t, name="t")
        )


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, q * cumulative[-1])])


def _half_normal_log_density(x: np.ndarray, scale: float) -> np.ndarray:
    return -0.5 * (x / scale) ** 2


def fit_local_linear_trend(
    times,
    values,
    qualifiers=None,
    prior: Prior = DEFAULT_PRIOR,
    since: float | None = BREAK_YEAR,
) -> LocalLinearTrend:
    """Fit the local linear trend to the observations after ``since`` (None: all of them).

    Observations that fall in the same month keep the later one.
    """
    t, y = as_arrays(times, values)
    quals = np.asarray(
        ["exact"] * len(t) if qualifiers is None else list(qualifiers), dtype=object
    )[np.argsort(np.asarray(times, dtype=float), kind="stable")]
    keep = np.ones(len(t), bool) if since is None else t > since + 1e-9
    t, y, quals = t[keep], y[keep], quals[keep]
    if len(t) < MIN_OBSERVATIONS:
        raise NotEnoughData(f"local_linear_trend: {len(t)} observations, needs {MIN_OBSERVATIONS}")
    months = month_index(t)
    last_in_month = np.append(months[1:] != months[:-1], True)
    t, y, quals, months = (
        t[last_in_month],
        y[last_in_month],
        quals[last_in_month],
        months[last_in_month],
    )
    if len(t) < MIN_OBSERVATIONS:
        raise NotEnoughData(
            f"local_linear_trend: {len(t)} observations (months), needs {MIN_OBSERVATIONS}"
        )
    obs_sd = measurement_sd(y, quals)
    endog = np.full(months[-1] - months[0] + 1, np.nan)
    endog[months - months[0]] = y
    obs_var = np.full(len(endog), 1.0)
    obs_var[months - months[0]] = obs_sd**2
    model = state_space_model(endog, obs_var)

    level_axis = np.linspace(0.0, prior.grid_width * prior.level_scale, prior.grid_points[0])
    drift_axis = np.linspace(0.0, prior.grid_width * prior.pace_drift_scale, prior.grid_points[1])
    grid = np.array([(a, b) for a in level_axis for b in drift_axis])
    variances = monthly_variances(grid[:, 0], grid[:, 1])
    loglik = np.array([model.loglike(v) for v in variances])
    log_post = (
        loglik
        + _half_normal_log_density(grid[:, 0], prior.level_scale)
        + _half_normal_log_density(grid[:, 1], prior.pace_drift_scale)
    )
    weights = np.exp(log_post - log_post.max())
    weights /= weights.sum()
    state_mean, state_cov = filter_end_states(endog, obs_var, variances)
    weights = np.where(weights > 1e-12, weights, 0.0)
    weights /= weights.sum()
    fitted = LocalLinearTrend(
        name="local_linear_trend",
        label="Local linear trend (drifting pace)",
        t_obs=t,
        y_obs=y,
        n_obs=len(t),
        df=len(t) - 2,
        months=months,
        obs_sd=obs_sd,
        prior=prior,
        grid=grid,
        weights=weights,
        state_mean=state_mean,
        state_cov=state_cov,
    )
    summary = fitted.posterior_summary()
    fitted.params = {
        "level_last": float(weights @ state_mean[:, 0]),
        "pace_last": float(weights @ state_mean[:, 1]) * MONTHS,
        **summary,
        "pace_drift_prior_scale": prior.pace_drift_scale,
        "level_prior_scale": prior.level_scale,
    }
    return fitted
