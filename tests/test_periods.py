"""Reference periods and publication dates."""

from datetime import date

import pytest

from helpers.periods import PeriodParseError, parse_period, parse_published


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2018-12-31", date(2018, 12, 31), date(2018, 12, 31), "day"),
        ("2019-07", date(2019, 7, 1), date(2019, 7, 31), "month"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month"),
        ("2016-Q1", date(2016, 1, 1), date(2016, 3, 31), "quarter"),
        ("2022-Q2", date(2022, 4, 1), date(2022, 6, 30), "quarter"),
        ("2016-H1", date(2016, 1, 1), date(2016, 6, 30), "half_year"),
        ("2016-H2", date(2016, 7, 1), date(2016, 12, 31), "half_year"),
        ("2022", date(2022, 1, 1), date(2022, 12, 31), "year"),
        ("2017/2021", date(2017, 1, 1), date(2021, 12, 31), "span"),
        ("2017-01/2018-06", date(2017, 1, 1), date(2018, 6, 30), "span"),
        ("", None, None, "none"),
    ],
)
def test_periods(text, start, end, precision):
    period = parse_period(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "text",
    [
        "2016-13-01",
        "2019-02-30",
        "2016-13",
        "2016-Q5",
        "2016-H3",
        "Q3 2016",
        "16",
        "2021/2017",
        "1850",
        "2016-1",
    ],
)
def test_impossible_periods_are_refused(text):
    with pytest.raises(PeriodParseError):
        parse_period(text)


def test_published_dates():
    assert parse_published("2019-05-23").end == date(2019, 5, 23)
    assert parse_published("2017-06").end == date(2017, 6, 30)
    assert parse_published("2016").end == date(2016, 12, 31)
    for bad in ["", "2016-Q1", "2016/2017", "mei 2019"]:
        with pytest.raises(PeriodParseError):
            parse_published(bad)


def test_decimal_year_puts_a_year_end_at_the_next_whole_year():
    """The project's time scale (ASSUMPTIONS.md#t1): the end of a day, as a decimal year."""
    import numpy as np

    from helpers.periods import decimal_year
    from helpers.plotting import time_position

    dates = ["2016-12-31", "2020-12-31", "2022-01-01", "2020-07-01"]
    expected = [2017.0, 2021.0, 2022 + 1 / 365, 2020 + 183 / 366]  # 2020 is a leap year
    assert np.allclose(decimal_year(dates), expected, rtol=0, atol=1e-12)
    assert np.array_equal(time_position(dates), decimal_year(dates))
    assert time_position("2016-12-31").shape == (1,)
