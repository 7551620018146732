"""Money per place: amounts read by register row, balances per source, totals, qualifiers, words."""

import re

import pandas as pd
import pytest
from support.frames import series_frame

from helpers import finance
from helpers.errors import ParameterError
from helpers.markup import CODE_NAME, check_labels

# Arbitrary amounts, distinct per row, so that a sum taking a wrong row fails.
VALUES = {name: 1000.0 * (i + 2) + 7 * i for i, name in enumerate(finance.AMOUNTS)}
APPROXIMATE = {"income_labour_value_per_place", "net_cost_per_place"}
PERIODS = {"extra_funding_per_place": "2024", "bonus_per_place": ""}


def observations(values=VALUES, notes=None):
    """An observations.csv-shaped frame holding every amount's register row."""
    rows = []
    for name, amount in finance.AMOUNTS.items():
        period = PERIODS.get(name, "2023" if "2023" in name else "2017")
        rows.append(
            {
                "id": amount.source_id,
                "metric": amount.metric,
                "value_as_published": f"{values[name]:g} euro",
                "value": values[name],
                "qualifier": "approximate" if name in APPROXIMATE else "exact",
                "reference_period": period,
                "publisher": "test",
                "note": (notes or {}).get(
                    name, "lapses from 2020" if name == "bonus_per_place" else ""
                ),
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def series():
    return series_frame(
        [
            ("working", "2019-12-31", 4000, "exact", "persons", "W1"),
            ("working", "2021-06-30", 6000, "exact", "persons", "W2"),
            ("working", "2022-12-31", 8000, "lower_bound", "persons", "W3"),
            ("target_structural", "2048-12-31", 30000, "exact", "places", "G1"),
            ("ambition_total", "", 50000, "exact", "persons", "A1"),
        ]
    )


@pytest.fixture
def analysis(series):
    return finance.analyse(series, observations())


def test_amounts_and_years_come_from_their_register_rows():
    amounts = finance.read_amounts(observations()).set_index("name")
    for name, amount in finance.AMOUNTS.items():
        assert amounts.loc[name, "value"] == VALUES[name]
        assert amounts.loc[name, "source_id"] == amount.source_id
    assert finance.read_years(observations()) == {
        "bonus_lapse_year": 2020,
        "extra_funding_year": 2024,
    }


def test_a_changed_register_row_changes_the_balance(series):
    changed = {**VALUES, "cost_wage_per_place": VALUES["cost_wage_per_place"] + 1000}
    before = finance.analyse(series, observations()).per_place.set_index("variant")
    after = finance.analyse(series, observations(changed)).per_place.set_index("variant")
    assert after.loc["emmen_2017", "balance"] == before.loc["emmen_2017", "balance"] - 1000
    assert after.loc["significant_2023", "balance"] == before.loc["significant_2023", "balance"]


def test_a_wrong_register_row_is_named():
    frame = observations()
    frame.loc[frame["id"] == "S075", "metric"] = "something_else"
    with pytest.raises(ValueError, match=r"S075.*metric"):
        finance.read_amounts(frame)
    with pytest.raises(ValueError, match=r"S072.*note"):
        finance.read_years(observations(notes={"bonus_per_place": "no year given"}))


def test_balances_per_source(analysis):
    table = analysis.per_place.set_index("variant")
    v = VALUES
    emmen_cost = v["cost_wage_per_place"] + v["cost_support_per_place"]
    emmen_income = (
        v["income_wage_subsidy_per_place"]
        + v["income_participation_budget_per_place"]
        + v["income_bonus_per_place"]
        + v["income_labour_value_per_place"]
    )
    assert table.loc["emmen_2017", "balance"] == emmen_income - emmen_cost
    assert table.loc["emmen_2017", "balance_qualifier"] == "approximate"
    assert table.loc["emmen_2017", "mixed"] == ""
    without = emmen_income - v["income_bonus_per_place"] - emmen_cost
    assert table.loc["emmen_2017_without_bonus", "balance"] == without
    assert table.loc["emmen_2017_without_bonus_with_addition", "balance"] == (
        without + v["extra_funding_per_place"]
    )
    assert table.loc["significant_2023", "balance"] == (
        v["budget_per_place_participatiefonds"] - v["net_cost_per_place"]
    )
    assert "different source" in table.loc["pointer_2023_against_significant_cost", "mixed"]


def test_headline_and_range_follow_the_contract(analysis):
    numbers = finance.key_numbers(analysis)
    headline, span = numbers["headline"], numbers["range"]
    assert set(headline) >= {
        "year",
        "balance_per_place_per_year",
        "qualifier",
        "source_ids",
        "label",
    }
    own = analysis.per_place[analysis.per_place["mixed"] == ""].set_index("variant")
    assert headline["year"] == 2023
    assert headline["balance_per_place_per_year"] == round(own.loc["significant_2023", "balance"])
    assert sorted(headline["source_ids"]) == ["S083", "S084"]
    assert headline["qualifier"] == "approximate"
    assert set(headline["label"]) == {"en", "nl"}
    assert (span["low"], span["high"]) == (round(own["balance"].min()), round(own["balance"].max()))
    assert {"S075", "S083", "S084"} <= set(span["source_ids"])
    for variant, entry in numbers["per_place"].items():  # words for every balance, both languages
        assert set(entry["label"]) == {"en", "nl"}
        assert not CODE_NAME.search(entry["label"]["en"] + entry["label"]["nl"]), variant


def test_policy_period_uses_the_last_figure_of_each_year(analysis):
    policy = analysis.policy.set_index("reference_date")
    assert list(policy.index.year) == [2019, 2021, 2022]
    assert policy.loc[pd.Timestamp("2019-12-31"), "variant"] == "emmen_2017"
    assert policy.loc[pd.Timestamp("2022-12-31"), "variant"] == "emmen_2017_without_bonus"
    assert policy["assumed"].all()  # amounts of 2017 applied to other years
    # a shortfall times a lower bound of places is an upper bound
    assert policy.loc[pd.Timestamp("2022-12-31"), "total_qualifier"] == "approximate"


def test_totals_qualifier_from_a_bound_of_places():
    exact = dict.fromkeys(finance.AMOUNTS, "exact")
    per_place = finance.balances(VALUES, exact, finance.variants(2020, 2024))
    places = pd.DataFrame(
        {
            "basis": ["realised"],
            "reference_date": pd.to_datetime(["2018-12-31"]),
            "year": [2018.0],
            "places": [2500.0],
            "places_qualifier": ["lower_bound"],
        }
    )
    totals = finance.totals(per_place, places).set_index("variant")
    balance = per_place.set_index("variant").loc["significant_2023", "balance"]
    assert balance < 0
    assert totals.loc["significant_2023", "total"] == balance * 2500
    assert totals.loc["significant_2023", "total_qualifier"] == "upper_bound"


def test_policy_variant_follows_bonus_and_addition():
    variants = finance.variants(2020, 2024)
    assert finance.policy_variant(2019, variants) == "emmen_2017"
    assert finance.policy_variant(2020, variants) == "emmen_2017_without_bonus"
    assert finance.policy_variant(2024, variants) == "emmen_2017_without_bonus_with_addition"


def test_validation_names_the_parameter():
    base = {"processed_dir": "data/processed", "output_dir": "reports/baseline", "language": "en"}
    assert finance.validate_parameters(**base)["language"] == "en"
    for name, bad in [("processed_dir", "/etc"), ("output_dir", "../x"), ("language", "de")]:
        with pytest.raises(ParameterError, match=f"'{name}'"):
            finance.validate_parameters(**{**base, name: bad})


def test_labels_complete_and_every_balance_has_words():
    check_labels(finance.LABELS)
    for language in ("en", "nl"):
        for variant in finance.variants(2020, 2024):
            assert f"variant_{variant.name}" in finance.LABELS[language]
        for variant in finance.variants(2020, 2024):
            if not variant.mixed:  # a source's own sum can be the headline: named in words
                assert f"source_{variant.name}" in finance.LABELS[language]
        for name in finance.AMOUNTS:
            assert f"amount_{name}" in finance.LABELS[language]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_figures_and_tables_in_words(analysis, language):
    for build in (finance.figure_balance,):
        fig = build(analysis, language)
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert not [t for t in texts if CODE_NAME.search(t)], texts
    for show in (finance.amounts_table, finance.per_place_table, finance.policy_table):
        text = repr(show(analysis, language))
        assert not re.search(r"\bnan\b", text, re.IGNORECASE), text
        assert not CODE_NAME.search(text), text
    assert "€" in finance.answer(analysis, language)
