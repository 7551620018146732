"""Waiting list: date matching rules, interpolation marking, qualifiers, placement rate."""

import math

import pandas as pd
import pytest
from support.frames import series_frame

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


def test_advices_issued_are_their_own_measure(series):
    """The cumulative count of advices issued is shown, never subtracted as a stock."""
    with_issued = pd.concat(
        [series, make_series([("positive_advice_issued", "2021-06-30", 9966, "exact", "I2")])],
        ignore_index=True,
    )
    before = waiting.analyse(series, "interpolate", 366)
    after = waiting.analyse(with_issued, "interpolate", 366)
    pd.testing.assert_frame_equal(before.table, after.table)
    assert before.issued.empty
    numbers = waiting.key_numbers(after)
    assert numbers["positive_advice_issued"] == {
        "2021-06-30": {"value": 9966, "qualifier": "exact", "source_id": "I2"}
    }
    assert "9,966" in waiting.answer(after, "en")
    assert "9.966" in waiting.answer(after, "nl")


def test_latest_follows_the_contract(series):
    latest = waiting.key_numbers(waiting.analyse(series, "same_date", 366))["latest"]
    assert latest == {
        "date": "2022-12-31",
        "waiting": 4000,
        "qualifier": "exact",
        "source_ids": ["A4", "W3"],
    }


def test_labels_complete_in_both_languages():
    from helpers.markup import check_labels

    check_labels(waiting.LABELS)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_figures_and_tables_build_in_both_languages(series, language):
    from helpers.markup import CODE_NAME

    series = pd.concat(
        [
            series,
            make_series(
                [
                    ("positive_advice_issued", "2021-06-30", 9966, "exact", "I2"),
                    ("placement_rate_3m", "2019-09-30", 67, "exact", "R1"),
                ]
            ),
        ],
        ignore_index=True,
    )
    analysis = waiting.analyse(series, "interpolate", 366)
    for build in (waiting.figure_waiting, waiting.figure_rate):
        fig = build(analysis, language)
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert not [t for t in texts if CODE_NAME.search(t)], texts
    for show in (waiting.waiting_table, waiting.other_measures_table):
        text = repr(show(analysis, language))
        assert "NaN" not in text and " nan" not in text
