"""Rolling-origin backtests and the headline rule (helpers.trajectory.backtest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.trajectory.backtest import choose_headline, error_summary, rolling_origin
from helpers.trajectory.models import fit_linear_since, fit_random_walk, model_specs

T = np.array([2016.0, 2016.5, 2017.0, 2017.75, 2018.0, 2019.0, 2019.6, 2020.0, 2022.5, 2023.0])


def test_exact_line_is_predicted_without_error():
    y = 100 + 1000 * (T - 2016)
    specs = {"linear_2017": fit_linear_since, "random_walk": fit_random_walk}
    cases = rolling_origin(T, y, specs, range(2016, 2022))
    assert not cases.empty
    np.testing.assert_allclose(cases["error"], 0, atol=1e-6)


def test_targets_are_the_nearest_observation_within_half_a_year_used_once():
    y = 100 + 1000 * (T - 2016)
    cases = rolling_origin(T, y, {"random_walk": fit_random_walk}, [2018])
    # origin 2018: data up to 2019.0; h=1 -> 2020.0 (observed), h=2 -> 2021.0 (nothing within
    # half a year), h=3 -> 2022.0 -> nearest is 2022.5
    assert list(cases["horizon"]) == [1, 3]
    assert list(cases["t_observed"]) == [2020.0, 2022.5]
    # fit uses observations up to and including 31 Dec 2018 (t = 2019.0) only
    assert 2019.6 not in set(cases["t_observed"][cases["horizon"] == 1])


def test_models_that_cannot_be_fitted_at_an_origin_are_skipped():
    y = 100 + 1000 * (T - 2016)
    cases = rolling_origin(T, y, model_specs([30000]), [2016])
    assert "linear_2017" not in set(cases["model"])  # one observation after 2017.0 only
    assert "random_walk" in set(cases["model"])


def test_error_summary_and_headline_rule():
    cases = pd.DataFrame(
        {
            "model": ["a", "a", "b", "b", "b"],
            "origin": [2018, 2019, 2018, 2019, 2017],
            "horizon": [1, 1, 1, 1, 1],
            "t_observed": [2020.0, 2021.0, 2020.0, 2021.0, 2019.0],
            "observed": [100.0, 200, 100, 200, 50],
            "predicted": [110.0, 170, 95, 205, 500],
            "error": [10.0, -30, -5, 5, 450],
        }
    )
    summary = error_summary(cases, ["a", "b"])
    row = summary[(summary["model"] == "a") & (summary["horizon"] == "all")].iloc[0]
    assert row["mae"] == pytest.approx(20.0)
    assert row["bias"] == pytest.approx(-10.0)
    assert row["mape"] == pytest.approx((10 / 100 + 30 / 200) / 2 * 100)
    # b is worse overall (450 at an origin a was not scored on) but better on the shared cases
    best, mae = choose_headline(cases, ["a", "b"])
    assert best == "b" and mae == pytest.approx(5.0)
    assert choose_headline(cases, ["c"]) == (None, pytest.approx(float("nan"), nan_ok=True))


def test_headline_ties_go_to_the_first_candidate():
    cases = pd.DataFrame(
        {
            "model": ["a", "b"],
            "origin": [2018, 2018],
            "horizon": [1, 1],
            "t_observed": [2020.0, 2020.0],
            "observed": [100.0, 100.0],
            "predicted": [110.0, 90.0],
            "error": [10.0, -10.0],
        }
    )
    assert choose_headline(cases, ["b", "a"])[0] == "b"
