"""Money per place: parameter checks, balances per source, totals, qualifiers."""

import ast
from pathlib import Path

import pandas as pd
import pytest

from helpers import finance
from helpers.errors import ParameterError

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05_finance.py"
DEFAULTS = {name: amount.published for name, amount in finance.AMOUNTS.items()}
YEARS = {name: published for name, (_, _, published) in finance.YEARS.items()}
QUALIFIERS = {name: "exact" for name in finance.AMOUNTS} | {
    "income_labour_value_per_place": "approximate",
    "net_cost_per_place": "approximate",
}


def per_place(values=None):
    values = {**DEFAULTS, **(values or {})}
    table = finance.balances(values, QUALIFIERS, finance.variants(2020, 2024))
    return table.set_index("variant")


def test_emmen_sums_as_published():
    table = per_place()
    emmen = table.loc["emmen_2017"]
    assert (emmen["cost"], emmen["income"], emmen["balance"]) == (32000, 31500, -500)
    assert emmen["balance_qualifier"] == "approximate"  # the value of the work is "ongeveer"
    assert emmen["mixed"] == ""
    assert table.loc["emmen_2017_without_bonus", "balance"] == -3500
    assert table.loc["emmen_2017_without_bonus_with_addition", "balance"] == -3500 + 2157
    assert table.loc["emmen_2017_without_bonus", "mixed"] != ""


def test_2023_balances_kept_per_source():
    table = per_place()
    assert table.loc["significant_2023", "balance"] == 8100 - 18000
    assert table.loc["significant_2023", "mixed"] == ""
    assert table.loc["significant_2023_with_addition", "balance"] == 8100 + 2157 - 18000
    pointer = table.loc["pointer_2023_against_significant_cost"]
    assert pointer["balance"] == 8600 - 18000
    assert "different source" in pointer["mixed"]


def test_balance_responds_to_parameters():
    table = per_place({"cost_wage_per_place": 20000})
    assert table.loc["emmen_2017", "balance"] == 3500


def test_totals_qualifiers_and_same_year():
    table = per_place().reset_index()
    places = pd.DataFrame(
        {
            "basis": ["realised", "realised", "structural_target"],
            "reference_date": pd.to_datetime(["2017-12-31", "2018-12-31", "2048-12-31"]),
            "year": [2017, 2018, float("nan")],
            "places": [1200.0, 2500.0, 30000.0],
            "places_qualifier": ["approximate", "lower_bound", "exact"],
        }
    )
    totals = finance.totals(table, places)
    assert len(totals) == 3 * len(table)
    sig = totals[totals["variant"] == "significant_2023_with_addition"].set_index("basis")
    emmen = totals[totals["variant"] == "emmen_2017"]
    assert emmen["total"].tolist() == [-500 * 1200, -500 * 2500, -500 * 30000]
    assert emmen["same_year"].tolist() == [True, False, False]
    exact = finance.balances(
        DEFAULTS, dict.fromkeys(finance.AMOUNTS, "exact"), finance.variants(2020, 2024)
    )
    lower = finance.totals(exact, places.iloc[[1]]).set_index("variant")
    # a shortfall per place times a lower bound of places: the total is an upper bound
    assert lower.loc["emmen_2017", "total_qualifier"] == "upper_bound"
    assert sig.loc["structural_target", "total"] == (8100 + 2157 - 18000) * 30000


def test_policy_variant_follows_bonus_and_addition():
    variants = finance.variants(2020, 2024)
    assert finance.policy_variant(2019, variants) == "emmen_2017"
    assert finance.policy_variant(2020, variants) == "emmen_2017_without_bonus"
    assert finance.policy_variant(2023, variants) == "emmen_2017_without_bonus"
    assert finance.policy_variant(2024, variants) == "emmen_2017_without_bonus_with_addition"


def test_latest_per_year():
    working = pd.DataFrame(
        {
            "reference_date": pd.to_datetime(["2019-07-31", "2019-12-31", "2022-06-30"]),
            "value": [3300.0, 4004.0, 7421.0],
        }
    )
    latest = finance.latest_per_year(working)
    assert latest["value"].tolist() == [4004, 7421]
    assert latest["year"].tolist() == [2019, 2022]


def test_validation_names_the_parameter():
    base = {
        "processed_dir": "data/processed",
        "output_dir": "reports/baseline",
        "language": "en",
        "amounts": dict(DEFAULTS),
        "years": dict(YEARS),
    }
    assert finance.validate_parameters(**base)["amounts"]["net_cost_per_place"] == 18000
    with pytest.raises(ParameterError, match="'net_cost_per_place'"):
        finance.validate_parameters(**{**base, "amounts": {**DEFAULTS, "net_cost_per_place": -1}})
    with pytest.raises(ParameterError, match="'cost_wage_per_place'"):
        finance.validate_parameters(
            **{**base, "amounts": {**DEFAULTS, "cost_wage_per_place": "24000"}}
        )
    with pytest.raises(ParameterError, match="'bonus_lapse_year'"):
        finance.validate_parameters(**{**base, "years": {**YEARS, "bonus_lapse_year": 20.5}})
    with pytest.raises(ParameterError, match="'extra_funding_year'"):
        finance.validate_parameters(**{**base, "years": {**YEARS, "extra_funding_year": 2019}})
    amounts = dict(DEFAULTS)
    del amounts["bonus_per_place"]
    with pytest.raises(ParameterError, match="'bonus_per_place'"):
        finance.validate_parameters(**{**base, "amounts": amounts})


def test_check_defaults_names_a_stale_parameter():
    register = pd.DataFrame(
        [
            {
                "parameter": "cost_wage_per_place",
                "default": 24000.0,
                "source_id": "S075",
                "register_as_published": "25.000 euro",
                "matches": False,
            },
        ]
    )
    with pytest.raises(ParameterError, match=r"'cost_wage_per_place'.*S075"):
        finance.check_defaults(register)
    finance.check_defaults(register.assign(matches=True))


def test_notebook_defaults_are_the_published_values():
    """The parameters cell of 05_finance.py sets every amount and year to its published value."""
    text = NOTEBOOK.read_text(encoding="utf-8")
    cell = text.split('# %% tags=["parameters"]', 1)[1].split("# %%", 1)[0]
    assigned = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cell).body
        if isinstance(node, ast.Assign)
    }
    for name, value in {**DEFAULTS, **YEARS}.items():
        assert assigned[name] == value, name
