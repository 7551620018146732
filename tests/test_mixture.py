"""Model risk: the credibility rule and the mixture of the credible models."""

import numpy as np
import pandas as pd
import pytest

from helpers.trajectory import mixture
from helpers.trajectory.analysis import Simulation
from helpers.trajectory.models import FittedModel


def _model(name, n_obs=6, **params):
    return FittedModel(name, name, np.arange(n_obs, dtype=float), np.ones(n_obs), n_obs, 2, params)


def _sim(name, crossing, n=1000):
    """Paths that step from 0 to 1 at ``crossing`` (decimal years)."""
    grid = np.arange(2023.25, 2061.0, 0.25)
    paths = np.where(grid[None, :] >= np.asarray(crossing)[:, None], 1.0, 0.0)
    return Simulation(name, 2023.0, 0.0, grid, np.broadcast_to(paths, (n, len(grid))).copy())


def test_credibility_names_why_a_model_is_not_credible():
    fitted = {
        "few": _model("few", n_obs=3),
        "bound": _model("bound", at_bounds=2.0),
        "unscored": _model("unscored"),
        "good": _model("good", at_bounds=0.0),
    }
    cases = pd.DataFrame({"model": ["few", "bound", "good"]})
    why = mixture.credibility(fitted, cases)
    assert why["good"] is None
    assert "3 observations" in why["few"]
    assert "at a bound" in why["bound"]
    assert why["unscored"] == "no backtest case"


def test_weights_are_stated_and_normalised():
    assert mixture.mixture_weights(["a", "b"]) == {"a": 0.5, "b": 0.5}
    assert mixture.mixture_weights(["a", "b"], {"a": 3.0}) == {"a": 0.75, "b": 0.25}
    with pytest.raises(ValueError, match="credible"):
        mixture.mixture_weights([])


def test_mixture_chance_is_the_weighted_chance_of_its_models():
    early = _sim("early", np.full(1000, 2040.0))  # every path by 2048
    late = _sim("late", np.full(1000, 2055.0))  # none by 2048
    sims = {"early": early, "late": late}
    rows = mixture.mixture_goal_rows(sims, {"early": 0.7, "late": 0.3}, [1], {1: 2048}, 0.8)
    assert rows.loc[0, "p_by_2048"] == pytest.approx(0.7, abs=1e-3)  # whole paths per model
    table = pd.DataFrame(
        {"model": ["early", "late"], "goal": [1, 1], "p_by_2048": [1.0, 0.0]},
    )
    assert mixture.chance_range(table, ["early", "late"], 1, 2048)["low_model"] == "late"


def test_path_counts_sum_to_the_paths_drawn():
    counts = mixture._counts({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}, 1000)
    assert sum(counts.values()) == 1000 and max(counts.values()) - min(counts.values()) <= 1


def test_on_track_needs_the_mixture_median_and_every_credible_model_above_half():
    from helpers.report_index import track_status

    assert track_status(2039, 2048, 0.62) == "on_track"
    assert track_status(2039, 2048, 0.40) == "uncertain"  # one credible model says probably not
    assert track_status(2049, 2048, 0.90) == "off_track"
    assert track_status(2048, 2048, None) == "on_track"  # no range known: the median decides


def test_hub_quantiles_are_long_format_monotone_and_include_the_mixture():
    rng = np.random.default_rng(0)
    grid = np.arange(2023.25, 2031.0, 0.25)
    sims = {
        name: Simulation(
            name, 2023.0, 8000.0, grid, 8000 + np.cumsum(rng.normal(mu, 50, (500, len(grid))), 1)
        )
        for name, mu in (("a", 300.0), ("b", 400.0))
    }
    table = mixture.hub_quantiles(sims, {"a": 0.5, "b": 0.5}, "2022-12-31", [2024, 2030])
    assert list(table.columns) == [
        "model",
        "reference_date",
        "target_end_date",
        "horizon",
        "output_type",
        "output_type_id",
        "value",
    ]
    assert set(table["model"]) == {"a", "b", "mixture"}
    assert (table["output_type"] == "quantile").all()
    for _, part in table.groupby(["model", "target_end_date"]):
        assert list(part["output_type_id"]) == list(mixture.HUB_QUANTILES)
        assert part["value"].is_monotonic_increasing
    medians = table[table["output_type_id"] == 0.5].set_index(["target_end_date", "model"])["value"]
    for date in ("2024-12-31", "2030-12-31"):
        assert medians[date, "a"] < medians[date, "mixture"] < medians[date, "b"]
