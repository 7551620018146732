"""The headline forecast: the local linear trend integrated over its variances
(helpers.trajectory.state_space)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.periods import decimal_year
from helpers.trajectory.models import NotEnoughData
from helpers.trajectory.state_space import (
    MONTHS,
    Prior,
    filter_end_states,
    fit_local_linear_trend,
    month_end_time,
    month_index,
    monthly_variances,
    state_space_model,
    step_covariance,
)

SEED = 20261123
# month ends between 2017 and 2023, irregular like the register's
DATES = [
    "2017-09-30",
    "2017-12-31",
    "2018-03-31",
    "2018-12-31",
    "2019-07-31",
    "2019-09-30",
    "2019-12-31",
    "2021-06-30",
    "2022-06-30",
    "2022-12-31",
]
T = decimal_year(DATES)


def _posterior_sd(model) -> tuple[float, float]:
    """Posterior sd of (level, yearly pace) at the last observation (mixture over the grid)."""
    w = model.weights
    mean = w @ model.state_mean
    second = np.einsum("g,gi->i", w, model.state_mean**2 + np.diagonal(model.state_cov, 0, 1, 2))
    sd = np.sqrt(second - mean**2)
    return float(sd[0]), float(sd[1] * MONTHS)


def test_months_and_month_ends_round_trip():
    months = month_index(T)
    np.testing.assert_allclose(month_end_time(months), T)
    assert month_index(decimal_year(["2016-12-31"]))[0] == (2016 - 2000) * 12 + 11


def test_recovers_a_known_level_and_slope():
    rng = np.random.default_rng(SEED)
    truth = 700 + 1400 * (T - T[0])
    y = truth + rng.normal(0, 0.01 * truth)
    model = fit_local_linear_trend(T, y, ["exact"] * len(T))
    level_sd, pace_sd = _posterior_sd(model)
    # within 4 posterior standard deviations, and those are small (the test can fail)
    assert abs(model.params["level_last"] - truth[-1]) < 4 * level_sd
    assert abs(model.params["pace_last"] - 1400) < 4 * pace_sd
    assert level_sd < 0.03 * truth[-1] and pace_sd < 0.2 * 1400
    paths = model.simulate(decimal_year(["2025-12-31"]), 4000, np.random.default_rng(1))
    assert np.median(paths) == pytest.approx(truth[-1] + 1400 * 3, rel=0.05)


def test_a_step_in_the_pace_moves_the_posterior_away_from_zero_drift():
    pace = np.where(T < 2020.0, 1000, 2000)
    y = 700 + np.concatenate([[0.0], np.cumsum(pace[1:] * np.diff(T))])
    straight = 700 + 1500 * (T - T[0])
    bent = fit_local_linear_trend(T, y).params["pace_drift_sd_mean"]
    line = fit_local_linear_trend(T, straight).params["pace_drift_sd_mean"]
    assert bent > 1.5 * line


def test_the_vectorised_filter_matches_statsmodels():
    months = month_index(T)
    endog = np.full(months[-1] - months[0] + 1, np.nan)
    endog[months - months[0]] = 700 + 1400 * (T - T[0])
    obs_var = np.ones(len(endog))
    obs_var[months - months[0]] = 80.0**2
    variances = monthly_variances(np.array([0.0, 150.0, 400.0]), np.array([300.0, 0.0, 50.0]))
    mean, cov = filter_end_states(endog, obs_var, variances)
    model = state_space_model(endog, obs_var)
    for i, v in enumerate(variances):
        result = model.filter(v, return_ssm=True)
        np.testing.assert_allclose(mean[i], result.filtered_state[:, -1], rtol=1e-6, atol=1e-3)
        np.testing.assert_allclose(
            cov[i], result.filtered_state_cov[:, :, -1], rtol=1e-4, atol=1e-2
        )


@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_k_month_step_covariance_is_the_sum_over_the_months(k):
    q_level, q_slope = 40.0, 3.0
    transition = np.array([[1.0, 1.0], [0.0, 1.0]])
    accumulated = np.zeros((2, 2))
    for _ in range(k):
        accumulated = transition @ accumulated @ transition.T + np.diag([q_level, q_slope])
    var_level, cov, var_slope = step_covariance(k, q_level, q_slope)
    np.testing.assert_allclose(
        [var_level, cov, var_slope], [accumulated[0, 0], accumulated[0, 1], accumulated[1, 1]]
    )


def test_needs_four_observations_after_2017():
    with pytest.raises(NotEnoughData):
        fit_local_linear_trend(T[:3], [735.0, 1200, 1465])
    with pytest.raises(NotEnoughData):
        fit_local_linear_trend([2015.0, 2016.0, 2016.5, 2017.0], [1.0, 2, 3, 4])


def test_intervals_cover_about_80_percent_on_series_with_a_drifting_pace():
    """Series drawn from the model's own prior (level and pace-drift sds from their half-normal
    priors, a pace that then drifts month by month, 1% measurement error) are the case where a
    Bayesian interval must be calibrated. Over 150 series, the 80% interval of the level three
    years after the last observation covers the truth in 70-90% of them: the binomial standard
    deviation is 3.3 points, so the band is 3 standard deviations wide."""
    rng = np.random.default_rng(SEED)
    prior = Prior(pace_drift_scale=200.0, level_scale=200.0, grid_points=(7, 15))
    months = month_index(T)
    span = months[-1] - months[0] + 36
    target = month_end_time(np.array([months[-1] + 36]))
    hits, reps = 0, 150
    for _ in range(reps):
        level_sd, drift_sd = np.abs(rng.normal(0, [prior.level_scale, prior.pace_drift_scale]))
        q = monthly_variances(level_sd, drift_sd)
        slope = 1400 / MONTHS + np.cumsum(rng.normal(0, np.sqrt(q[1]), span))
        level = 700 + np.cumsum(slope + rng.normal(0, np.sqrt(q[0]), span))
        truth = level[months - months[0]]
        y = truth + rng.normal(0, 0.01 * np.abs(truth))
        model = fit_local_linear_trend(T, y, ["exact"] * len(T), prior)
        paths = model.simulate(target, 1000, rng)[:, 0]
        low, high = np.quantile(paths, [0.1, 0.9])
        hits += low <= level[-1] <= high
    assert 0.70 <= hits / reps <= 0.90
