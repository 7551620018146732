"""Backtests that test intervals (helpers.trajectory.backtest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.trajectory.backtest import (
    cases,
    choose_headline,
    interval_score,
    lead_band,
    summary,
)
from helpers.trajectory.models import NotEnoughData, fit_linear_since, fit_random_walk

T = np.array([2016.0, 2016.5, 2017.0, 2017.75, 2018.0, 2019.0, 2019.6, 2020.0, 2022.5, 2023.0])
LINE = 100 + 1000 * (T - 2016)
SPECS = {
    "linear_2017": lambda t, y, q: fit_linear_since(t, y),
    "random_walk": lambda t, y, q: fit_random_walk(t, y),
}


def test_one_case_per_training_set_and_target_with_its_real_lead_time():
    out = cases(T, LINE + np.sin(T * 7) * 5, ["exact"] * len(T), SPECS, 0.8)
    for _, part in out.groupby("model"):
        keys = list(zip(part["train_end"], part["target"], strict=True))
        assert len(keys) == len(set(keys))  # never the same forecast scored twice
        np.testing.assert_allclose(part["lead_years"], part["target"] - part["train_end"])
        assert (part["target"] > part["train_end"]).all()
        # every later observation of every training set that could be fitted is a target
        for train_end, targets in part.groupby("train_end")["target"]:
            assert sorted(targets) == sorted(T[train_end < T])
    # the random walk needs three observations after 2017: first fitted on data up to 2019.0
    assert out[out["model"] == "random_walk"]["train_end"].min() == 2019.0


def test_an_exact_line_is_predicted_without_error():
    out = cases(T, LINE, ["exact"] * len(T), SPECS, 0.8)
    linear = out[out["model"] == "linear_2017"]
    np.testing.assert_allclose(linear["error"], 0, atol=1e-6)


def test_models_that_cannot_be_fitted_are_skipped():
    def never(t, y, q):
        raise NotEnoughData("never")

    out = cases(T, LINE, ["exact"] * len(T), {"never": never, **SPECS}, 0.8)
    assert "never" not in set(out["model"])


def test_interval_score_is_width_plus_penalties():
    # alpha = 0.2: a miss costs 2 / 0.2 = 10 times its distance
    assert interval_score(5, 0, 10, 0.8) == pytest.approx(10)
    assert interval_score(-1, 0, 10, 0.8) == pytest.approx(10 + 10 * 1)
    assert interval_score(13, 0, 10, 0.8) == pytest.approx(10 + 10 * 3)


def test_lead_bands_include_their_upper_end():
    assert [lead_band(x) for x in (0.25, 1.0, 1.01, 2.5, 3.0, 6.0)] == [
        "0-1",
        "0-1",
        "1-2",
        "2-3",
        "2-3",
        "3+",
    ]
    with pytest.raises(ValueError):
        lead_band(0.0)


def _case(model, train_end, target, observed, lower, upper):
    mid = (lower + upper) / 2
    return {
        "model": model,
        "train_end": train_end,
        "target": target,
        "lead_years": target - train_end,
        "lead_band": lead_band(target - train_end),
        "observed": observed,
        "predicted": mid,
        "lower": lower,
        "upper": upper,
        "error": mid - observed,
        "covered": lower <= observed <= upper,
        "interval_score": float(interval_score(observed, lower, upper, 0.8)),
    }


def test_summary_per_band_and_headline_by_interval_score():
    rows = [
        _case("narrow", 2020.0, 2020.5, 100, 90, 110),  # covered, width 20
        _case("narrow", 2020.0, 2023.0, 100, 150, 160),  # missed by 50: 10 + 500
        _case("wide", 2020.0, 2020.5, 100, 0, 200),  # covered, width 200
        _case("wide", 2020.0, 2023.0, 100, 0, 200),
        _case("wide", 2019.0, 2020.5, 100, 0, 200),  # not shared with "narrow"
    ]
    frame = pd.DataFrame(rows)
    table = summary(frame, ["narrow", "wide"])
    narrow = table[table["model"] == "narrow"].set_index("lead_band")
    assert list(narrow.index) == ["0-1", "2-3", "all"]
    assert narrow.loc["all", "cases"] == 2
    assert narrow.loc["all", "coverage"] == 0.5
    assert narrow.loc["2-3", "interval_score"] == pytest.approx(10 + 500)
    # on the shared cases: narrow (20 + 510) / 2 = 265, wide 200 -> the wide intervals win
    best, score = choose_headline(frame, ["narrow", "wide"])
    assert best == "wide" and score == pytest.approx(200)
    assert choose_headline(frame, ["narrow"])[1] == pytest.approx(265.0)


def test_headline_ties_go_to_the_first_candidate_and_no_shared_case_gives_none():
    rows = [_case("a", 2020.0, 2021.0, 5, 0, 10), _case("b", 2020.0, 2021.0, 5, 0, 10)]
    assert choose_headline(pd.DataFrame(rows), ["b", "a"])[0] == "b"
    rows = [_case("a", 2020.0, 2021.0, 5, 0, 10), _case("b", 2019.0, 2021.0, 5, 0, 10)]
    assert choose_headline(pd.DataFrame(rows), ["a", "b"])[0] is None


def test_weighted_interval_score_and_pit_bin_follow_their_definitions():
    from helpers.trajectory.backtest import pit_bin, weighted_interval_score

    bounds = {0.5: (90.0, 110.0), 0.8: (80.0, 120.0), 0.95: (70.0, 130.0)}
    # inside every interval: (|y - m| / 2 + sum alpha/2 * width) / 3.5
    expected = (0.5 * 5 + 0.25 * 20 + 0.1 * 40 + 0.025 * 60) / 3.5
    assert weighted_interval_score(105.0, 100.0, bounds) == pytest.approx(expected)
    # a miss is penalised in every interval it misses
    assert weighted_interval_score(140.0, 100.0, bounds) > weighted_interval_score(
        125.0, 100.0, bounds
    )
    assert [pit_bin(y, 100.0, bounds) for y in (60, 75, 85, 95, 105, 115, 125, 140)] == list(
        range(8)
    )


def test_the_summary_counts_distinct_training_sets_and_targets():
    frame = pd.DataFrame(
        [
            _case("m", 2019.0, 2020.5, 100, 90, 110),
            _case("m", 2019.0, 2021.0, 100, 90, 110),
            _case("m", 2020.5, 2021.0, 100, 90, 110),
        ]
    )
    row = summary(frame, ["m"]).set_index("lead_band").loc["all"]
    assert (row["cases"], row["training_sets"], row["targets"]) == (3, 2, 2)
