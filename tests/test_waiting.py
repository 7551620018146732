"""Waiting list: date matching rules, interpolation marking, qualifiers, placement rate."""

import math

import pandas as pd
import pytest
from conftest import series_frame

from helpers import waiting
from helpers.errors import ParameterError


def make_series(rows):
    """A series.csv-shaped frame of persons from (metric, date, value, qualifier, source_id)."""
    return series_frame([(m, d, v, q, "persons", i) for m, d, v, q, i in rows])


@pytest.fixture
def series():
    return make_series(
        [
            ("working", "2018-12-31", 2500, "lower_bound", "W1"),
            ("working", "2019-07-31", 3300, "approximate", "W2"),
            ("working", "2022-12-31", 8000, "exact", "W3"),
            ("positive_advice_stock", "2018-12-31", 3700, "exact", "A1"),
            ("positive_advice_stock", "2019-05-31", 4000, "lower_bound", "A2"),
            ("positive_advice_stock", "2021-06-30", 9000, "exact", "A3"),
            ("positive_advice_stock", "2022-12-31", 12000, "exact", "A4"),
            ("positive_advice_stock", "2023-06-30", 12500, "exact", "A5"),
            ("indication_without_job", "2018-12-31", 1200, "exact", "I1"),
        ]
    )


def test_same_date_match_and_qualifiers(series):
    table = waiting.waiting_list(series, "same_date", 366).set_index("reference_date")
    first = table.loc[pd.Timestamp("2018-12-31")]
    assert first["working_match"] == "same_date"
    assert first["waiting"] == 1200
    assert first["waiting_qualifier"] == "upper_bound"  # stock minus a lower bound
    assert first["placement_rate"] == pytest.approx(2500 / 3700)
    assert first["placement_rate_qualifier"] == "lower_bound"
    assert first["published_without_job"] == 1200
    assert first["published_without_job_source_id"] == "I1"
    last = table.loc[pd.Timestamp("2022-12-31")]
    assert (last["waiting"], last["waiting_qualifier"]) == (4000, "exact")
    # same_date never interpolates
    assert table.loc[pd.Timestamp("2019-05-31"), "working_match"] == "none"
    assert math.isnan(table.loc[pd.Timestamp("2019-05-31"), "waiting"])


def test_interpolation_is_linear_in_days_and_marked(series):
    table = waiting.waiting_list(series, "interpolate", 366).set_index("reference_date")
    row = table.loc[pd.Timestamp("2019-05-31")]
    expected = 2500 + 800 * 151 / 212  # 151 of the 212 days from 2018-12-31 to 2019-07-31
    assert row["working"] == pytest.approx(expected)
    assert row["working_match"] == "interpolated"
    assert row["working_qualifier"] == "approximate"
    assert row["working_source_ids"] == "W1;W2"
    assert row["waiting"] == pytest.approx(4000 - expected)
    assert row["waiting_qualifier"] == "approximate"


def test_interpolation_limited_and_never_extrapolated(series):
    table = waiting.waiting_list(series, "interpolate", 366).set_index("reference_date")
    # 2019-07-31 .. 2022-12-31 is more than 366 days apart
    assert table.loc[pd.Timestamp("2021-06-30"), "working_match"] == "none"
    assert table.loc[pd.Timestamp("2023-06-30"), "working_match"] == "none"  # after the last
    wide = waiting.waiting_list(series, "interpolate", 2000).set_index("reference_date")
    assert wide.loc[pd.Timestamp("2021-06-30"), "working_match"] == "interpolated"
    assert wide.loc[pd.Timestamp("2023-06-30"), "working_match"] == "none"


def test_validate_parameters_names_the_parameter():
    base = {
        "processed_dir": "data/processed",
        "output_dir": "reports/baseline",
        "language": "nl",
        "matching_rule": "same_date",
        "max_interpolation_days": 366,
    }
    assert waiting.validate_parameters(**base)["max_interpolation_days"] == 366
    for name, bad in [
        ("matching_rule", "nearest"),
        ("max_interpolation_days", 0),
        ("max_interpolation_days", 1.5),
        ("language", "fr"),
        ("output_dir", "/tmp/outside"),
    ]:
        with pytest.raises(ParameterError, match=f"'{name}'"):
            waiting.validate_parameters(**{**base, name: bad})
