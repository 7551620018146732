"""The stock-flow model: exits at zero give the local linear trend; exits bend the path down."""

import numpy as np
import pytest

from helpers.trajectory import analysis
from helpers.trajectory.state_space import fit_local_linear_trend
from helpers.trajectory.stock_flow import ExitPrior, fit_stock_flow

# decimal years of month ends after 2017 and counts of the shape the register has
TIMES = np.array([2017.75, 2018.0, 2018.25, 2019.0, 2019.75, 2020.0, 2021.5, 2022.5, 2023.0])
VALUES = np.array([735.0, 1200.0, 1465.0, 2500.0, 3682.0, 4004.0, 5913.0, 7421.0, 8032.0])
QUALIFIERS = ["exact", "approximate", "exact", "lower_bound"] + ["exact"] * 5
GOALS, DEADLINES = [30000], {30000: 2048}


def _goal_row(model, seed: int = 3, n_paths: int = 6000) -> dict:
    sim = analysis.simulate_levels(model, 2060, n_paths, np.random.default_rng(seed))
    return analysis.goal_year_table({model.name: sim}, GOALS, DEADLINES, 0.8).iloc[0].to_dict()


def test_zero_exit_rate_is_the_local_linear_trend():
    llt = fit_local_linear_trend(TIMES, VALUES, QUALIFIERS)
    zero = fit_stock_flow(TIMES, VALUES, QUALIFIERS, exit_rate=0.0)
    np.testing.assert_allclose(zero.weights, llt.weights, atol=1e-12)
    np.testing.assert_allclose(zero.state_mean, llt.state_mean, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(zero.state_cov, llt.state_cov, rtol=1e-9, atol=1e-3)
    a, b = _goal_row(llt), _goal_row(zero)
    # different random streams (month-by-month against exact quarterly steps): Monte Carlo
    # tolerance of a few tenths of a year and about two points of probability
    for key in ("median", "lower", "upper"):
        assert abs(a[key] - b[key]) < 0.3, key
    assert abs(a["p_by_2048"] - b["p_by_2048"]) < 0.02


def test_exits_lower_the_chance_and_delay_the_goal():
    rows = [_goal_row(fit_stock_flow(TIMES, VALUES, QUALIFIERS, exit_rate=r)) for r in (0, 0.03)]
    assert rows[1]["p_by_2048"] < rows[0]["p_by_2048"] - 0.05
    assert rows[1]["median"] > rows[0]["median"] + 1


def test_integrated_exit_rate_stays_inside_its_prior_and_weights_are_a_distribution():
    prior = ExitPrior(low=0.01, high=0.05, grid_points=3)
    model = fit_stock_flow(TIMES, VALUES, QUALIFIERS, exit_prior=prior)
    assert model.weights.sum() == pytest.approx(1.0)
    assert set(np.unique(model.exit_rates)) == {0.01, 0.03, 0.05}
    assert 0.01 <= model.params["exit_rate_mean"] <= 0.05
    # higher exits need more placements to match the same observed growth
    assert (
        model.params["placements_last"]
        > fit_stock_flow(TIMES, VALUES, QUALIFIERS, exit_rate=0.0).params["placements_last"]
    )


@pytest.mark.parametrize("rate", [-0.01, 1.0, 2.5])
def test_an_exit_rate_outside_zero_to_one_is_refused(rate):
    with pytest.raises(ValueError, match="exit_rate"):
        fit_stock_flow(TIMES, VALUES, QUALIFIERS, exit_rate=rate)


def test_the_advice_figures_bound_the_exit_rate_from_above():
    import pandas as pd

    from helpers.trajectory.stock_flow import exit_rate_bound

    rows = [
        ("working", "2017-12-31", 1000.0, "W1"),
        ("working", "2021-12-31", 5000.0, "W2"),
        ("indication_without_job", "2019-12-31", 1000.0, "A1"),
        ("indication_without_job", "2023-12-31", 3000.0, "A2"),
        ("positive_advice_issued", "2021-12-31", 8000.0, "P1"),
    ]
    series = pd.DataFrame(rows, columns=["metric", "reference_date", "value", "source_id"])
    series["reference_date"] = pd.to_datetime(series["reference_date"])
    bound = exit_rate_bound(series)
    # waiting at end 2021 is 2,000 (halfway); 8,000 - 5,000 - 2,000 = 1,000 left over four years
    # with 3,000 working on average: at most 1/12 a year
    assert bound["left"] == 1000 and bound["mean_working"] == 3000 and bound["years"] == 4.0
    assert bound["exit_rate_upper_bound"] == pytest.approx(1000 / 12000, abs=1e-4)
    assert exit_rate_bound(series[series["metric"] != "positive_advice_issued"]) is None
