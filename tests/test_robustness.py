"""Issue 18, item 3: one new figure cannot flip the headline (the mixture of credible models)."""

import numpy as np
import pandas as pd
import pytest

from helpers.trajectory import analysis, backtest, forecasts, mixture

# decimal years of month ends after 2017 and counts of the shape the register has (to end 2022)
TIMES = [2017.75, 2018.0, 2018.25, 2019.0, 2019.583, 2019.75, 2020.0, 2021.5, 2022.5, 2023.0]
VALUES = [735.0, 1200, 1465, 2500, 3300, 3682, 4004, 5913, 7421, 8032]
CLASSES = ["exact", "approximate", "exact", "lower_bound", "approximate"] + ["exact"] * 5
GOAL, DEADLINE, NEXT_YEAR_END = 30000, 2048, 2024.0
N_PATHS, SEED = 6000, 11


def fit_credible(times, values, classes) -> tuple[dict, dict]:
    """Every forecast model fitted, and the mixture weights of the credible ones."""
    obs = pd.DataFrame({"t": times, "value": values, "qualifier": classes})
    fitted, _ = forecasts.fit_forecasts(obs)
    cases = backtest.cases(
        obs["t"], obs["value"], obs["qualifier"], forecasts.forecast_specs(), 0.8
    )
    why = mixture.credibility(fitted, cases)
    return fitted, mixture.mixture_weights([m for m, reason in why.items() if reason is None])


def headline(times, values, classes) -> tuple[pd.Series, dict, dict]:
    """The mixture's goal row for 30,000, its weights and the simulations, as the pipeline
    computes them."""
    fitted, weights = fit_credible(times, values, classes)
    sims = analysis.simulate_all(fitted, 2060, N_PATHS, SEED)
    rows = mixture.mixture_goal_rows(sims, weights, [GOAL], {GOAL: DEADLINE}, 0.8)
    return rows.iloc[0], weights, sims


def mixture_median_at(sims, weights, t: float) -> float:
    """Median level of the mixture at time t (each model's paths interpolated, pooled by weight)."""
    counts = mixture.pooled_counts(sims, weights)
    levels = [
        np.array([np.interp(t, sims[m].grid, p) for p in sims[m].paths[: counts[m]]])
        for m in weights
    ]
    return float(np.median(np.concatenate(levels)))


@pytest.fixture(scope="module")
def before():
    return headline(TIMES, VALUES, CLASSES)


def test_an_observation_on_the_median_path_barely_moves_the_headline(before):
    row, weights, sims = before
    on_path = mixture_median_at(sims, weights, NEXT_YEAR_END)
    after, weights_after, _ = headline(
        [*TIMES, NEXT_YEAR_END], [*VALUES, round(on_path)], [*CLASSES, "exact"]
    )
    assert abs(after["median_year"] - row["median_year"]) <= 1
    assert abs(after[f"p_by_{DEADLINE}"] - row[f"p_by_{DEADLINE}"]) <= 0.05
    # no switch of model class: the same models stay credible, with the same stated weights
    assert weights_after == weights


def test_an_observation_showing_a_stall_lowers_the_chance(before):
    row, _, _ = before
    stalled, _, _ = headline([*TIMES, NEXT_YEAR_END], [*VALUES, VALUES[-1]], [*CLASSES, "exact"])
    assert stalled[f"p_by_{DEADLINE}"] < row[f"p_by_{DEADLINE}"] - 0.05


def test_the_mixture_numbers_are_the_same_for_every_seed():
    """Five seeds, the pipeline's 10,000 paths per model: the mixture's years and its chance by
    the deadline as the verdict prints them do not change; the range across credible models
    (one model's 10,000 paths, Monte Carlo error about half a point) moves by at most one step
    of 5 points (ASSUMPTIONS.md#f12)."""
    from helpers.numbers import probability
    from helpers.report_index import CHANCE_RANGE_STEP, coarse_chance

    fitted, weights = fit_credible(TIMES, VALUES, CLASSES)
    texts, lows = set(), []
    for seed in range(5):
        sims = analysis.simulate_all(fitted, 2060, 10000, seed)
        table = analysis.goal_year_table(sims, [GOAL], {GOAL: DEADLINE}, 0.8)
        mix = mixture.mixture_goal_rows(sims, weights, [GOAL], {GOAL: DEADLINE}, 0.8).iloc[0]
        texts.add(
            (
                mix["median_year"],
                mix["low_year"],
                mix["high_year"],
                probability(mix[f"p_by_{DEADLINE}"], 10000),
            )
        )
        lows.append(
            coarse_chance(mixture.chance_range(table, list(weights), GOAL, DEADLINE)["low"], -1)
        )
    assert len(texts) == 1, texts
    assert max(lows) - min(lows) <= CHANCE_RANGE_STEP + 1e-9
