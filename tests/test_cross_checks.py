"""Every derived statement in the register, recomputed from its component rows in data/processed.

The stated figure is read from series.csv by its metric (target_realised_share, target_shortfall,
indication_without_job, cost_total_per_place, income_total_per_place); the recomputation uses the
component metrics only (working, target, positive_advice_stock, the money components) through the
same helpers the notebooks use. Sums and differences of printed figures must agree exactly (the
sources did exact arithmetic on the figures they printed); shares must agree to the precision the
source printed. A change to any of the figures in data/raw (after `make reports`) fails a test.
"""

import pandas as pd
import pytest

from helpers import finance, targets, waiting
from helpers.paths import input_path
from helpers.processed import load_series, metric_series


@pytest.fixture(scope="module")
def series():
    path = input_path("data/processed/series.csv", "processed_dir")
    if not path.exists():
        pytest.fail(f"{path} is missing: run the cleaning step (make reports) first")
    return load_series()


def stated(series, metric, date):
    """The derived row a source published (value and as printed) at a reference date."""
    rows = metric_series(series, metric)
    row = rows[rows["reference_date"] == pd.Timestamp(date)]
    assert len(row) == 1, f"{metric} at {date}: {len(row)} rows"
    return row.iloc[0]


def printed_decimals(value):
    """Decimals the source printed (a whole number printed: 0)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


@pytest.fixture(scope="module")
def realisation_2018(series):
    path = targets.target_path(series, "linear")
    table = targets.realisation(path, targets.year_end_realised(series)).set_index("year")
    return table.loc[2018]


def test_share_of_the_2018_target(series, realisation_2018):
    statement = stated(series, "target_realised_share", "2018-12-31")
    assert statement["unit"] == "percent"
    decimals = printed_decimals(statement["value"])
    recomputed = 100 * realisation_2018["ratio"]
    assert round(recomputed, decimals) == statement["value"], (
        f"working / target 2018 = {recomputed:.2f}%, the source printed "
        f"{statement['value_as_published']} ({statement['source_id']})"
    )
    assert realisation_2018["target_status"] == "published"


def test_places_short_of_the_2018_target(series, realisation_2018):
    statement = stated(series, "target_shortfall", "2018-12-31")
    assert realisation_2018["gap"] == statement["value"], (
        f"target - working 2018 = {realisation_2018['gap']:g}, the source printed "
        f"{statement['value_as_published']} ({statement['source_id']})"
    )


@pytest.mark.parametrize("date", ["2018-12-31", "2022-12-31"])
def test_people_waiting(series, date):
    statement = stated(series, "indication_without_job", date)
    table = waiting.waiting_list(series, "same_date", 1).set_index("reference_date")
    row = table.loc[pd.Timestamp(date)]
    assert row["working_match"] == "same_date"
    assert row["waiting"] == statement["value"], (
        f"positive advice stock - working at {date} = {row['waiting']:g}, the source printed "
        f"{statement['value_as_published']} ({statement['source_id']})"
    )


@pytest.fixture(scope="module")
def observations():
    from helpers.processed import load_observations

    return load_observations()


def test_every_amount_is_its_series_row(series, observations):
    """Each amount read by register row equals the series.csv row that row supports."""
    amounts = finance.read_amounts(observations)
    for _, amount in amounts.iterrows():
        rows = series[series["metric"] == amount["metric"]]
        rows = rows[
            rows["source_ids"].str.split(";").map(lambda ids, a=amount: a["source_id"] in ids)
        ]
        assert len(rows) == 1, amount["name"]
        assert rows["value"].iloc[0] == amount["value"], amount["name"]
        assert rows["qualifier"].iloc[0] == amount["qualifier"], amount["name"]


def test_emmen_cost_and_income_sums(series, observations):
    per_place = finance.analyse(series, observations).per_place
    emmen = per_place.set_index("variant").loc["emmen_2017"]
    cost = stated(series, "cost_total_per_place", "2017-12-31")
    income = stated(series, "income_total_per_place", "2017-12-31")
    assert emmen["cost"] == cost["value"], f"cost {emmen['cost']:g} vs printed {cost['value']:g}"
    assert emmen["income"] == income["value"], (
        f"income {emmen['income']:g} vs printed {income['value']:g}"
    )
    assert emmen["balance"] == income["value"] - cost["value"]


def test_lapsing_bonus_is_the_bonus_in_the_emmen_sums(observations):
    values = finance.read_amounts(observations).set_index("name")["value"]
    assert values["income_bonus_per_place"] == values["bonus_per_place"]
