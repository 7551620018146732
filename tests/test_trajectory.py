"""Trajectory models (helpers.trajectory.models) and parameter validation."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import fit_exact

from helpers.errors import ParameterError
from helpers.trajectory import validate_parameters
from helpers.trajectory.data import decimal_year, quarter_ends, window
from helpers.trajectory.models import (
    NotEnoughData,
    fit_damped_ets,
    fit_exponential,
    fit_gompertz,
    fit_linear_since,
    fit_logistic,
    fit_random_walk,
    fit_segmented,
    year_end_series,
)

RNG_SEED = 12345


def irregular_times(rng: np.random.Generator, start: float, end: float, n: int) -> np.ndarray:
    return np.sort(rng.uniform(start, end, n))


# ------------------------------------------------------------------ time scale


def test_decimal_year_counts_the_end_of_the_day():
    t = decimal_year(pd.to_datetime(["2016-12-31", "2022-06-30", "2017-01-01"]))
    assert t[0] == 2017.0
    assert t[1] == pytest.approx(2022 + 181 / 365)
    assert t[2] == pytest.approx(2017 + 1 / 365)


def test_quarter_ends_span_whole_years():
    dates = quarter_ends(2015, 2016)
    assert [d.strftime("%m-%d") for d in dates[:4]] == ["03-31", "06-30", "09-30", "12-31"]
    assert len(dates) == 8


# ------------------------------------------------------------------ recovery of known parameters
# Tolerances: an estimate must lie within 4 standard errors of the truth (a fixed seed makes the
# test deterministic; 4 s.e. would fail by chance for fewer than 1 in 10,000 seeds), and where
# the noise is small also within a few percent.


def test_linear_since_2017_recovers_the_slope():
    rng = np.random.default_rng(RNG_SEED)
    t = irregular_times(rng, 2015.0, 2023.0, 40)
    y = 100 + 1500 * (t - 2017) + rng.normal(0, 80, len(t))
    model = fit_linear_since(t, y)
    se = model.result.bse[1]
    assert model.n_obs == int(np.sum(t > 2017))
    assert abs(model.params["slope"] - 1500) < 4 * se
    assert abs(model.params["slope"] - 1500) < 0.02 * 1500


def test_segmented_recovers_both_slopes():
    rng = np.random.default_rng(RNG_SEED)
    t = irregular_times(rng, 2015.0, 2023.0, 60)
    y = 300 + 200 * (t - 2017) + 1200 * np.maximum(0, t - 2017) + rng.normal(0, 60, len(t))
    model = fit_segmented(t, y)
    se = model.result.bse
    assert abs(model.params["slope_before"] - 200) < 4 * se[1]
    assert abs(model.params["slope_change"] - 1200) < 4 * se[2]
    assert model.params["slope"] == pytest.approx(
        model.params["slope_before"] + model.params["slope_change"]
    )


def test_segmented_needs_points_on_both_sides_of_the_break():
    with pytest.raises(NotEnoughData):
        fit_segmented([2018.0, 2019.0, 2020.0, 2021.0], [1, 2, 3, 4])


def test_random_walk_recovers_drift_and_sigma():
    rng = np.random.default_rng(RNG_SEED)
    dt = rng.choice([0.25, 0.5, 1.0, 2.5], size=400)
    t = 2016 + np.concatenate([[0.0], np.cumsum(dt)])
    steps = 1000 * dt + rng.normal(0, 300, len(dt)) * np.sqrt(dt)
    y = 50 + np.concatenate([[0.0], np.cumsum(steps)])
    model = fit_random_walk(t, y, start=2000.0)  # every observation
    se = 300 / np.sqrt(dt.sum())
    assert abs(model.params["drift"] - 1000) < 4 * se
    # the WLS estimate of the drift is the overall average change per year
    assert model.params["drift"] == pytest.approx((y[-1] - y[0]) / (t[-1] - t[0]))
    assert model.params["sigma"] == pytest.approx(300, rel=0.1)  # sd of s ~ 300/sqrt(2*399)


def test_exponential_recovers_the_growth_rate():
    rng = np.random.default_rng(RNG_SEED)
    t = irregular_times(rng, 2016.0, 2023.0, 30)
    y = np.exp(5 + 0.3 * (t - 2017) + rng.normal(0, 0.05, len(t)))
    model = fit_exponential(t, y)
    assert abs(model.params["growth_rate"] - 0.3) < 4 * model.result.bse[1]


@pytest.mark.parametrize("fit, capacity", [(fit_logistic, 30000), (fit_gompertz, 50000)])
def test_s_curves_recover_the_rate_with_fixed_capacity(fit, capacity):
    rng = np.random.default_rng(RNG_SEED)
    t = irregular_times(rng, 2016.0, 2023.0, 30)
    eta = -3 + 0.4 * (t - 2017) + rng.normal(0, 0.05, len(t))
    curves = {
        fit_logistic: lambda e: 1 / (1 + np.exp(-e)),
        fit_gompertz: lambda e: np.exp(-np.exp(-e)),
    }
    y = capacity * curves[fit](eta)
    model = fit(t, y, capacity)
    assert model.capacity == capacity
    assert abs(model.params["rate"] - 0.4) < 4 * model.result.bse[1]
    paths = model.simulate(np.array([2040.0, 2100.0]), 500, np.random.default_rng(1))
    assert np.all(paths < capacity)


def test_s_curves_refuse_values_at_or_above_capacity():
    with pytest.raises(NotEnoughData):
        fit_logistic([2016.0, 2017.0, 2018.0], [10, 100, 30000], 30000)


def test_year_end_series_leaves_missing_years_missing():
    t = np.array([2016.0, 2017.0, 2020.0, 2022.5, 2023.0])
    y = np.array([0.0, 100.0, 400.0, 650.0, 700.0])
    years, values, observed = year_end_series(t, y)
    assert list(years) == [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
    assert list(observed) == [True, True, False, False, True, False, False, True]
    assert np.isnan(values[2]) and np.isnan(values[5])  # never interpolated
    assert values[4] == 400.0 and values[7] == 700.0


def test_random_walk_uses_the_linear_trend_window():
    t = np.array([2016.0, 2016.5, 2017.0, 2017.75, 2018.0, 2019.0, 2020.0])
    y = np.array([44.0, 45, 270, 735, 1200, 2500, 4004])
    assert fit_random_walk(t, y).n_obs == fit_linear_since(t, y).n_obs == 4


def test_damped_ets_on_a_steady_line_forecasts_close_to_it():
    t = 2018.0 + np.arange(8.0)
    y = 500 + 1000 * np.arange(8.0) + np.array([0, 30, -20, 10, -30, 20, 0, -10])
    y[3] = np.nan  # a missing year end is skipped by the filter
    keep = ~np.isnan(y)
    model = fit_damped_ets(t[keep], y[keep])
    assert model.params["year_ends_missing"] == 1
    assert 0.8 <= model.params["phi"] <= 0.98
    paths = model.simulate(np.array([2026.0]), 4000, np.random.default_rng(2))
    # one step ahead of a line with slope 1000: damping costs at most 20% of one year's slope
    assert np.median(paths) == pytest.approx(y[-1] + 1000, abs=250)


def test_fitting_reports_models_that_cannot_be_fitted():
    t = np.array([2016.0, 2016.5, 2017.0, 2017.5, 2017.75, 2018.0])
    fitted, skipped = fit_exact(t, [10, 20, 40, 80, 100, 120])
    assert {"local_linear_trend", "damped_ets"} <= set(skipped)
    assert {"random_walk", "linear_2017", "segmented"} <= set(fitted)
    assert not any(name.startswith(("logistic", "gompertz", "exponential")) for name in fitted)


def test_simulation_is_reproducible_and_has_the_right_shape():
    t = np.array([2016.0, 2017.0, 2018.0, 2019.0, 2020.0, 2021.0, 2022.0])
    y = np.array([100.0, 900, 2100, 3000, 3900, 5100, 6000])
    fitted, _ = fit_exact(t, y)
    assert len(fitted) == 6  # five trend models and the stock-flow model
    grid = decimal_year(["2022-06-30", "2022-12-31", "2029-12-31"])
    for model in fitted.values():
        a = model.simulate(grid, 200, np.random.default_rng(7))
        b = model.simulate(grid, 200, np.random.default_rng(7))
        assert a.shape == (200, 3)
        np.testing.assert_array_equal(a, b)
        with pytest.raises(ValueError, match="simulate"):
            model.simulate(np.array([2019.0]), 10, np.random.default_rng(7))


def test_ets_estimates_at_their_bounds_are_counted_not_drawn():
    t = decimal_year(["2017-12-31", "2018-12-31", "2019-12-31", "2022-12-31"])
    model = fit_damped_ets(t, [1200.0, 2500, 4004, 8032])
    assert model.params["year_ends_missing"] == 2
    assert 0 <= model.params["at_bounds"] <= 3
    a = model.simulate(np.array([2030.0]), 500, np.random.default_rng(1))
    assert np.isfinite(a).all()


# ------------------------------------------------------------------ coverage of the simulation


@pytest.mark.parametrize("kind", ["linear", "random_walk"])
def test_simulated_80_percent_interval_covers_a_future_value_about_80_percent(kind):
    """Over 400 synthetic histories, the 80% interval of the level 3 years after the last
    observation (simulated with parameter uncertainty) covers the true level in 74-86% of
    cases (binomial s.d. is 2 percentage points; the band is 3 s.d.)."""
    rng = np.random.default_rng(RNG_SEED)
    t = 2017.0 + np.array([0.25, 0.75, 1.0, 1.25, 2.0, 2.6, 3.0, 5.5, 6.0])
    future = 9.0 + 2017.0
    hits = 0
    reps = 400
    for _ in range(reps):
        if kind == "linear":
            y = 200 + 1300 * (t - 2017) + rng.normal(0, 150, len(t))
            truth = 200 + 1300 * (future - 2017)  # paths are the level: the line itself
            model = fit_linear_since(t, y)
        else:
            dt = np.diff(np.concatenate([[2017.0], t]))
            y = 100 + np.cumsum(1300 * dt + rng.normal(0, 400, len(t)) * np.sqrt(dt))
            truth = y[-1] + 1300 * (future - t[-1]) + rng.normal(0, 400) * np.sqrt(future - t[-1])
            model = fit_random_walk(t, y)
        paths = model.simulate(np.array([future]), 400, rng)[:, 0]
        low, high = np.quantile(paths, [0.1, 0.9])
        hits += low <= truth <= high
    assert 0.74 <= hits / reps <= 0.86


# ------------------------------------------------------------------ parameter validation


def _series() -> pd.DataFrame:
    rows = [
        ("working", "2015-12-31", 44, "exact", "places", "official"),
        ("working", "2016-12-31", 270, "approximate", "persons", "official"),
        ("working", "2017-12-31", 1200, "approximate", "persons", "official"),
        ("working", "2018-12-31", 2500, "lower_bound", "persons", "official"),
        ("working", "2019-12-31", 4004, "exact", "persons", "secondary"),
        ("working", "2022-12-31", 8032, "exact", "persons", "secondary"),
        ("target_structural", "2048-12-31", 30000, "exact", "places", "secondary"),
        ("ambition_total", "", 50000, "exact", "persons", "secondary"),
    ]
    frame = pd.DataFrame(
        rows, columns=["metric", "reference_date", "value", "qualifier", "unit", "source_kind"]
    )
    frame["reference_date"] = pd.to_datetime(frame["reference_date"].replace("", None))
    frame["value"] = frame["value"].astype(float)
    frame["source_id"] = [f"S{i:03d}" for i in range(len(frame))]
    frame["source_ids"] = frame["source_id"]
    return frame


GOOD = {
    "fit_start": 2015,
    "fit_end": 2022,
    "goals": [30000, 50000],
    "horizon": 2060,
    "interval": 0.8,
    "n_paths": 10000,
    "seed": 20150101,
    "pace_drift_prior": 200.0,
    "nowcast_year": 2026,
    "language": "en",
    "processed_dir": "data/processed",
    "output_dir": "reports/scratch_test",
}


def test_good_parameters_pass_and_select_the_window():
    params = validate_parameters(GOOD, series=_series())
    assert len(params.observations) == 6
    assert params.goals == [30000, 50000]
    trimmed = validate_parameters({**GOOD, "fit_start": 2017}, series=_series())
    assert list(trimmed.observations["value"]) == [1200, 2500, 4004, 8032]


def test_fit_end_none_follows_the_data():
    params = validate_parameters({**GOOD, "fit_end": None}, series=_series())
    assert params.fit_end == 2022 and not params.end_pinned
    assert params.last_observation_year == 2022
    pinned = validate_parameters({**GOOD, "fit_end": 2019}, series=_series())
    assert pinned.end_pinned and pinned.observations["reference_date"].dt.year.max() == 2019


def test_goals_may_come_as_text_from_papermill():
    params = validate_parameters({**GOOD, "goals": "[30000, 50000]"}, series=_series())
    assert params.goals == [30000, 50000]


@pytest.mark.parametrize(
    "change, name",
    [
        ({"fit_start": 2020, "fit_end": 2021}, "fit_start"),  # one observation in the window
        ({"fit_end": 2014}, "fit_end"),  # before fit_start
        ({"fit_end": 2023}, "fit_end"),  # after the last observation year
        ({"fit_start": "2015"}, "fit_start"),
        ({"goals": [30000, 5000]}, "goals[1]"),  # not above the last observed value
        ({"goals": []}, "goals"),
        ({"goals": "thirty thousand"}, "goals"),
        ({"interval": 1.0}, "interval"),
        ({"interval": 0}, "interval"),
        ({"interval": "0.8"}, "interval"),
        ({"language": "de"}, "language"),
        ({"n_paths": 99}, "n_paths"),
        ({"n_paths": 10**9}, "n_paths"),
        ({"n_paths": 1000.5}, "n_paths"),
        ({"horizon": 2040}, "horizon"),  # before 2048
        ({"horizon": 3000}, "horizon"),
        ({"horizon": 2060.5}, "horizon"),
        ({"seed": "20150101"}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": True}, "seed"),
        ({"seed": -1}, "seed"),
        ({"nowcast_year": 2014}, "nowcast_year"),  # before fit_start
        ({"nowcast_year": 2061}, "nowcast_year"),  # after the horizon
        ({"nowcast_year": "2026"}, "nowcast_year"),
        ({"pace_drift_prior": 0}, "pace_drift_prior"),
        ({"pace_drift_prior": 5000}, "pace_drift_prior"),
        ({"pace_drift_prior": "200"}, "pace_drift_prior"),
        ({"output_dir": "/etc/beschut"}, "output_dir"),
        ({"output_dir": "../outside"}, "output_dir"),
        ({"processed_dir": "/etc"}, "processed_dir"),
    ],
)
def test_bad_parameters_name_the_parameter(change, name):
    with pytest.raises(ParameterError) as info:
        validate_parameters({**GOOD, **change}, series=_series())
    assert info.value.parameter == name
    assert f"'{name}'" in str(info.value)


def test_window_keeps_qualifiers_and_marks_exact():
    working = _series()[lambda f: f["metric"] == "working"]
    rows = window(working, 2016, 2019)
    assert list(rows["exact"]) == [False, False, False, True]
    assert rows["t"].iloc[0] == 2017.0


# ------------------------------------------------------------------ the notebook (slow)

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "02_trajectory.ipynb"
PAPERMILL = REPO / ".venv" / "bin" / "papermill"


def _run_notebook(write_root: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BESCHUT_WRITE_ROOT": str(write_root)}
    return subprocess.run(
        [str(PAPERMILL), str(NOTEBOOK), str(out), "--cwd", str(REPO), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_regenerated_trajectory_results_keep_their_shape(regenerated):
    """The baseline and the pinned pre_covid scenario, from the session's one regeneration."""
    assert regenerated.returncode == 0, regenerated.stderr[-2000:]
    reports = regenerated.root / "reports"
    section = json.loads((reports / "baseline" / "results.json").read_text())["trajectory"]
    assert section["headline_model"] == "mixture"
    assert section["path_model"] in {"local_linear_trend", "damped_ets"}
    assert set(section["goals"]) == {"30000", "50000"}
    assert section["goals"]["50000"]["p_by"] == {}  # no deadline, no "by 2048"
    assert section["fit"]["left_out"] == [] and not section["fit"]["end_pinned"]
    trajectory = pd.read_csv(reports / "baseline" / "tables" / "trajectory.csv")
    assert list(trajectory.columns) == ["model", "date", "median", "lower", "upper"]
    assert (reports / "baseline" / "figures" / "flagship.png").exists()
    pinned = json.loads((reports / "pre_covid" / "results.json").read_text())["trajectory"]
    assert pinned["fit"]["end_pinned"] and pinned["fit"]["end"] == 2019
    assert {o["date"][:4] for o in pinned["fit"]["left_out"]} >= {"2022"}
    executed = json.loads((reports / "pre_covid" / "02_trajectory.ipynb").read_text())
    assert "leaves out" in json.dumps([c.get("outputs", []) for c in executed["cells"]])


@pytest.mark.slow
def test_notebook_refuses_a_bad_parameter_by_name(tmp_path):
    done = _run_notebook(tmp_path, tmp_path / "bad.ipynb", "-p", "interval", "1.5")
    assert done.returncode != 0
    assert "parameter 'interval'" in done.stderr
    assert not any(p.is_file() for p in tmp_path.rglob("*.csv"))
