"""Goal arithmetic (helpers.trajectory.goals and the goal-year steps in .analysis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.trajectory.analysis import (
    goal_sources,
    goal_year_table,
    goal_years_json,
    model_rng,
    simulate_goal_times,
    simulation_grid,
)
from helpers.trajectory.goals import (
    CAPACITY_SHARE,
    effective_goal,
    first_crossing,
    observed_pace,
    required_pace,
    summarise_crossings,
)
from helpers.trajectory.models import fit_all


def test_exact_crossing_on_a_deterministic_line():
    # y = 1000 + 2000 (t - 2023) reaches 30,000 at t = 2037.5 (30 June 2037)
    grid = 2023.0 + 0.25 * np.arange(1, 161)
    line = 1000 + 2000 * (grid - 2023.0)
    paths = np.vstack([line, line + 500])
    crossing = first_crossing(grid, paths, 30000, 2023.0, 1000.0)
    assert crossing[0] == pytest.approx(2037.5)
    assert crossing[1] == pytest.approx(2037.25)


def test_crossing_between_grid_points_is_interpolated():
    grid = np.array([2024.0, 2025.0])
    crossing = first_crossing(grid, np.array([[100.0, 300.0]]), 250, 2023.0, 0.0)
    assert crossing[0] == pytest.approx(2024.75)


def test_crossing_from_the_start_and_never():
    grid = np.array([2024.0, 2025.0])
    paths = np.array([[5.0, 6.0], [1.0, 2.0], [3.0, 1.0]])
    crossing = first_crossing(grid, paths, 3.0, 2023.0, 3.0)
    assert list(crossing) == [2023.0, 2023.0, 2023.0]  # the start value already reaches it
    crossing = first_crossing(grid, paths, 4.0, 2023.0, 0.0)
    assert crossing[0] == pytest.approx(2023.8)
    assert np.isnan(crossing[1])
    assert np.isnan(crossing[2])  # a path that falls back never crossed 4


def test_summary_probabilities_use_year_ends_and_never_counts_as_not_reached():
    # times are decimal years: 2031.0 is 31 Dec 2030, so it counts as reached by 2030
    crossings = np.array([2030.5, 2031.0, 2031.2, 2036.0, 2040.0, np.nan, np.nan, np.nan])
    out = summarise_crossings(crossings, 0.5, (2030, 2035, 2048))
    assert out["p_by_2030"] == 0.25
    assert out["p_by_2035"] == 0.5  # 2036.0 is 31 Dec 2035
    assert out["p_by_2048"] == 0.625
    assert out["p_never"] == 0.375
    assert out["median"] == 2036.0  # inverted CDF: the 4th of 8 sorted values
    assert out["lower"] == 2031.0
    assert out["upper"] is None  # falls among the paths that never reach the goal


def test_summary_rounds_to_a_tenth_of_a_year():
    out = summarise_crossings(np.array([2037.5234, 2037.5234, 2037.5234]), 0.8)
    assert out["median"] == 2037.5


def test_effective_goal_for_curves_with_a_capacity():
    assert effective_goal(30000, None) == 30000
    assert effective_goal(30000, 50000) == 30000
    assert effective_goal(30000, 30000) == pytest.approx(30000 * CAPACITY_SHARE)
    assert effective_goal(50000, 30000) == float("inf")


def test_required_pace_arithmetic():
    pace = required_pace(2023.0, 8032.0, [30000], [2030, 2048])
    assert list(pace["years_left"]) == [8.0, 26.0]
    assert pace["required_per_year"].iloc[0] == pytest.approx((30000 - 8032) / 8)
    assert pace["required_per_year"].iloc[1] == pytest.approx((30000 - 8032) / 26)


def test_observed_pace_since_2017():
    t = np.array([2016.0, 2016.5, 2017.0, 2018.0, 2023.0])
    y = np.array([44.0, 45, 270, 1200, 8032])
    assert observed_pace(t, y) == pytest.approx((8032 - 270) / 6)
    # no observation at or before 2017: from the first one
    assert observed_pace(t[3:], y[3:]) == pytest.approx((8032 - 1200) / 5)


def test_goal_times_on_noise_free_line_agree_with_arithmetic():
    t = np.array([2017.5, 2018.0, 2019.0, 2020.0, 2021.0, 2022.0, 2023.0])
    y = 1000 + 2000 * (t - 2023.0) + np.array([1e-3, -1e-3, 1e-3, -1e-3, 1e-3, -1e-3, 0])
    fitted, _ = fit_all(t, y, [30000])
    crossings, _ = simulate_goal_times(
        {"linear_2017": fitted["linear_2017"]}, [30000], 2060, 500, 1
    )
    assert np.median(crossings["linear_2017"][30000]) == pytest.approx(2037.5, abs=0.01)


def test_goal_year_table_and_json_shape():
    t = np.array([2016.0, 2017.0, 2018.0, 2019.0, 2020.0, 2023.0])
    y = np.array([44.0, 270, 1200, 2500, 4004, 8032])
    fitted, _ = fit_all(t, y, [30000, 50000])
    crossings, seconds = simulate_goal_times(fitted, [30000, 50000], 2060, 1000, 3)
    table = goal_year_table(crossings, fitted, 0.8)
    assert len(table) == 2 * len(fitted)
    row = table[(table["model"] == "logistic_30000") & (table["goal"] == 50000)].iloc[0]
    assert row["p_never"] == 1.0 and pd.isna(row["median"])
    doc = goal_years_json(table)
    entry = doc["segmented"]["goal_year"]["30000"]
    assert set(entry) == {
        "median",
        "lower",
        "upper",
        "p_by_2030",
        "p_by_2035",
        "p_by_2048",
        "p_never",
    }
    assert set(seconds) == set(fitted)


def test_model_streams_do_not_depend_on_other_models():
    a = model_rng(1, "segmented").standard_normal(3)
    b = model_rng(1, "segmented").standard_normal(3)
    c = model_rng(1, "random_walk").standard_normal(3)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_simulation_grid_is_quarterly_to_the_horizon():
    grid = simulation_grid(2023.0, 2025)
    assert len(grid) == 12 and grid[-1] == 2026.0


def test_goal_sources_label_unknown_goals():
    series = pd.DataFrame(
        {
            "metric": ["target_structural", "ambition_total"],
            "reference_date": pd.to_datetime(["2048-12-31", None]),
            "value": [30000.0, 50000.0],
            "source_id": ["S043", "S053"],
            "source_ids": ["S043;S044", "S053"],
        }
    )
    out = goal_sources(series, [30000, 50000, 40000])
    assert list(out["metric"]) == ["target_structural", "ambition_total", ""]
    assert list(out["meaning"])[2] == "user goal"
    assert out["source_ids"].iloc[0] == "S043;S044"
