"""Goal arithmetic (helpers.trajectory.goals and the goal-year steps in .analysis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.frames import fit_exact

from helpers.numbers import probability
from helpers.pace import observed_pace
from helpers.processed import load_series
from helpers.trajectory import validate_parameters
from helpers.trajectory.analysis import (
    goal_sources,
    goal_year_table,
    model_rng,
    simulate_all,
    simulate_goal_times,
    simulation_grid,
)
from helpers.trajectory.forecasts import (
    conditional_paths,
    exponential_refuted,
    pipeline_check,
    yearly_growth,
)
from helpers.trajectory.goals import (
    CAPACITY_SHARE,
    calendar_year,
    effective_goal,
    first_crossing,
    required_pace,
    summarise_crossings,
)
from helpers.trajectory.text import answer, pipeline_pair, pipeline_text


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
    # calendar years: 2036.0 is the end of 31 December 2035
    assert (out["median_year"], out["low_year"], out["high_year"]) == (2035, 2030, None)


def test_calendar_years_of_decimal_times():
    assert [calendar_year(t) for t in (2030.0001, 2030.9, 2031.0, 2031.01)] == [
        2030,
        2030,
        2030,
        2031,
    ]


def test_a_goal_without_deadline_gets_no_probabilities():
    out = summarise_crossings(np.array([2040.0, 2050.0]), 0.8, ())
    assert not any(key.startswith("p_by") for key in out)


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


def test_observed_pace_from_the_first_observation_after_2017():
    t = np.array([2016.0, 2016.5, 2017.0, 2017.75, 2018.0, 2023.0])
    y = np.array([44.0, 45, 270, 735, 1200, 8032])
    pace, first, last = observed_pace(t, y)
    assert pace == pytest.approx((8032 - 735) / (2023.0 - 2017.75))
    assert (first, last) == (3, 5)
    with pytest.raises(ValueError):
        observed_pace(t[:4], y[:4])


def test_goal_times_on_noise_free_line_agree_with_arithmetic():
    t = np.array([2017.5, 2018.0, 2019.0, 2020.0, 2021.0, 2022.0, 2023.0])
    y = 1000 + 2000 * (t - 2023.0) + np.array([1e-3, -1e-3, 1e-3, -1e-3, 1e-3, -1e-3, 0])
    fitted, _ = fit_exact(t, y)
    crossings, _ = simulate_goal_times(
        {"linear_2017": fitted["linear_2017"]}, [30000], 2060, 500, 1
    )
    assert np.median(crossings["linear_2017"][30000]) == pytest.approx(2037.5, abs=0.01)


def test_goal_year_table_gives_probabilities_only_for_goals_with_a_deadline():
    t = np.array([2017.75, 2018.0, 2018.25, 2019.0, 2019.58, 2020.0, 2022.5, 2023.0])
    y = np.array([735.0, 1200, 1465, 2500, 3300, 4004, 7421, 8032])
    fitted, _ = fit_exact(t, y)
    sims = simulate_all(fitted, 2060, 500, 3)
    table = goal_year_table(sims, [30000, 50000], {30000: 2048, 50000: None}, 0.8)
    assert len(table) == 2 * len(fitted)
    assert table[table["goal"] == 30000]["p_by_2048"].notna().all()
    assert table[table["goal"] == 50000]["p_by_2048"].isna().all()
    # every crossing is computed on the level: the local linear trend starts from its own
    # simulated level, not from the last (noisy) observation
    assert np.ndim(sims["local_linear_trend"].start_level) == 1


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


def test_conditional_paths_are_lines_without_probability():
    series = load_series()
    params = validate_parameters(
        {"n_paths": 1000, "seed": 1, "output_dir": "reports/scratch_test"}, series=series
    )
    paths = conditional_paths(params.observations, series, params.goals, (2030, 2048), 2060)
    assert list(paths.columns) == ["path", "kind", "goal", "t", "value", "status"]
    assert set(paths["kind"]) == {"pace", "logistic", "gompertz", "funded"}
    assert set(paths["status"]) <= {"conditional", "published", "assumed"}
    funded = paths[paths["kind"] == "funded"]
    assert funded["value"].iloc[-1] == 30000 and funded["t"].iloc[-1] == 2049.0
    pace = paths[paths["path"] == "pace_30000_by_2030"]
    assert list(pace["t"]) == [params.observations["t"].iloc[-1], 2031.0]


def test_exponential_is_refuted_when_growth_keeps_falling():
    frame = pd.DataFrame(
        {
            "reference_date": pd.to_datetime(
                ["2017-12-31", "2018-12-31", "2019-12-31", "2022-12-31"]
            ),
            "value": [1200.0, 2500, 4004, 8032],
        }
    )
    frame["t"] = frame["reference_date"].dt.year + 1.0
    growth = yearly_growth(frame)
    assert len(growth) == 3
    assert exponential_refuted(growth)
    steady = frame.assign(value=1000 * 1.5 ** (frame["t"] - 2018))
    assert not exponential_refuted(yearly_growth(steady))


@pytest.mark.parametrize("p", [0.0, 1e-6, 0.0004, 0.5, 0.9996, 1 - 1e-6, 1.0])
def test_printed_probabilities_are_never_0_or_1(p):
    for language in ("en", "nl"):
        text = probability(p, 10000, language)
        assert text not in {"0%", "100%", "0,0%", "100,0%", "0.0%", "100.0%"}


def test_the_answer_never_prints_a_probability_of_0_or_1_and_no_deadline_for_50000():
    goal = {
        "deadline": 2048,
        "median_year": 2039,
        "low_year": 2036,
        "high_year": 2045,
        "p_by": {"2030": 0.0, "2035": 0.06, "2048": 1.0},
        "p_never": 0.0,
        "required_pace": {"2030": 2746, "2048": 845},
        "spread": {"low_year": 2038, "high_year": 2044, "models": []},
    }
    results = {
        "latest": {"date": "2022-12-31", "value": 8032.0, "qualifier": "exact", "source_id": "S"},
        "observed_pace": {"per_year": 1389, "from_date": "2017-09-30", "to_date": "2022-12-31"},
        "headline_model": "local_linear_trend",
        "horizon": 2060,
        "n_paths": 10000,
        "interval": 0.8,
        "nowcast": {"date": "2026-12-31", "median": 13505, "low": 12567, "high": 14172},
        "fit": {"end": 2022, "left_out": []},
        "goals": {"30000": goal, "50000": {**goal, "deadline": None, "p_by": {}}},
    }
    text = answer(results, "en")
    assert "<0.1%" in text and ">99.9%" in text
    assert " 0%" not in text and "100%" not in text
    line_50000 = next(line for line in text.splitlines() if "**50,000**" in line)
    assert "chance" not in line_50000 and "no year is set" in line_50000
    dutch = answer(results, "nl")
    assert "<0,1%" in dutch and ">99,9%" in dutch and "8.032" in dutch
    line_50000 = next(line for line in dutch.splitlines() if "**50.000**" in line)
    assert "kans" not in line_50000 and "geen jaartal" in line_50000


def test_pipeline_compares_the_latest_year_both_counts_are_published_for():
    rows = [
        ("working", "2018-12-31", 2500.0),
        ("working", "2021-06-30", 5913.0),
        ("working", "2022-06-30", 7421.0),
        ("working", "2022-12-31", 8032.0),
        ("positive_advice_stock", "2018-12-31", 3700.0),
        ("positive_advice_issued", "2021-06-30", 9966.0),
        ("positive_advice_stock", "2022-06-30", 11469.0),
        ("positive_advice_stock", "2022-12-31", 11976.0),
    ]
    series = pd.DataFrame(rows, columns=["metric", "reference_date", "value"])
    series["reference_date"] = pd.to_datetime(series["reference_date"])
    series["qualifier"] = "exact"
    series["source_id"] = [f"S{i}" for i in range(len(series))]
    table = pipeline_check(series)
    assert list(table["date"]) == ["2018-12-31", "2021-06-30", "2022-06-30", "2022-12-31"]
    assert pipeline_pair(table) == (1, 2)  # the year to mid-2022
    text = pipeline_text(table, "en")
    assert "1,509 a year" in text and "1,504 a year" in text
    assert "indicative only" in text  # advices issued against advice holders
    dutch = pipeline_text(table, "nl")
    assert "1.509 per jaar" in dutch and "alleen een indicatie" in dutch


def test_a_goal_without_deadline_gets_no_pace_by_another_goals_deadline():
    import pandas as pd

    from helpers.trajectory.report import goal_entry

    row = {"median_year": 2053.0, "low_year": 2046.0, "high_year": None, "p_never": 0.2}
    row |= {f"p_by_{y}": 0.0 for y in (2030, 2035, 2048)}
    years = pd.DataFrame(
        [{"model": "llt", "goal": 50000, **row}, {"model": "llt", "goal": 30000, **row}]
    )
    latest = pd.Series({"reference_date": pd.Timestamp("2022-12-31"), "value": 8032.0})
    no_deadline = goal_entry(years, 50000, None, "llt", latest, deadlines=[2048])
    assert list(no_deadline["required_pace"]) == ["2030"] and no_deadline["p_by"] == {}
    with_deadline = goal_entry(years, 30000, 2048, "llt", latest, deadlines=[2048])
    assert list(with_deadline["required_pace"]) == ["2030", "2048"]
    assert with_deadline["required_pace"]["2048"] == round((30000 - 8032) / 26)
