"""The explorer: control values in, the flagship figure and the goal-year table out, nothing
written; its widgets redraw through the same function."""

from __future__ import annotations

import pytest
from support.paths import REPO

from helpers import explorer
from helpers.errors import ParameterError


def snapshot() -> dict[str, int]:
    return {
        p.relative_to(REPO).as_posix(): p.stat().st_mtime_ns
        for top in ("reports", "data")
        for p in (REPO / top).rglob("*")
    }


def one_row(shown) -> dict:
    assert len(shown.goal_years) == 1
    return shown.goal_years.iloc[0].to_dict()


def test_explore_returns_the_flagship_and_the_goal_year_of_the_settings():
    before = snapshot()
    default = explorer.explore()
    later = explorer.explore(fit_start=2018, pace_drift_prior=50.0, goal=50000)
    assert snapshot() == before, "the explorer wrote a file"
    row = one_row(default)
    assert (row["model"], row["goal"]) == ("local_linear_trend", 30000)
    assert row["low_year"] <= row["median_year"] <= row["high_year"]
    assert one_row(later)["goal"] == 50000
    assert one_row(later)["median_year"] > row["median_year"]  # a higher goal is reached later
    titles = [t.get_text() for ax in default.figure.axes for t in ax.texts]
    assert any("30" in t for t in titles), "the goal is marked in the flagship"


def test_a_bad_setting_is_refused_with_its_name():
    with pytest.raises(ParameterError, match="fit_start"):
        explorer.explore(fit_start=1800)


@pytest.mark.skipif(explorer.stock_flow_fit() is not None, reason="the stock-flow model is here")
def test_without_the_stock_flow_model_the_exit_rate_is_refused_and_its_control_disabled():
    with pytest.raises(ValueError, match="stock-flow"):
        explorer.explore(exit_rate=0.05)
    assert explorer.explorer().controls["exit_rate"].disabled


@pytest.mark.skipif(explorer.stock_flow_fit() is None, reason="needs helpers.trajectory.stock_flow")
def test_an_exit_rate_slows_the_path_to_the_goal():
    shown = explorer.explore(exit_rate=0.03)
    assert shown.model == "stock_flow"
    none, leaving = one_row(explorer.explore(exit_rate=0.0)), one_row(shown)
    assert leaving["p_never"] > none["p_never"]  # people leaving: the goal is missed more often
    assert leaving["median_year"] > none["median_year"]


def test_the_widgets_redraw_through_explore():
    box = explorer.explorer()
    assert one_row(box.shown)["goal"] == 30000
    box.controls["goal"].value = 50000
    assert one_row(box.shown)["goal"] == 50000
    before = box.shown
    _start, end = box.controls["window"].value
    box.controls["window"].value = (2018, end)
    assert box.shown is not before and one_row(box.shown)["goal"] == 50000
    box.controls["goal"].value = 500_000  # above the control's bound: clipped, still drawn
    assert one_row(box.shown)["goal"] == box.controls["goal"].max
