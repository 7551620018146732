"""Parse reference periods and publication dates: ``2018-12-31``, ``2019-07``, ``2016-Q1``,
``2016-H1``, ``2022``, ``2017/2021``, ``2017-01/2018-06`` or empty; and place dates on the
project's time scale (:func:`decimal_year`).

A period becomes its first and last day and a precision. The last day is the reference date a
figure is dated at (a stock "in 2022" is dated 2022-12-31, with precision ``year`` so that the
vagueness stays visible).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from helpers.values import non_ascii_numeral

PRECISION_RANK = {  # most precise first; used by the reconciliation rule
    "day": 0,
    "month": 1,
    "quarter": 2,
    "half_year": 3,
    "year": 4,
    "span": 5,
    "none": 6,
}
YEAR_RANGE = (1990, 2100)

_PART = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>\d)|H(?P<half>\d)))?$",
    re.ASCII,  # \d is 0-9 only: digits of other scripts are refused, not read
)


class PeriodParseError(ValueError):
    """A period or date that cannot be read."""


@dataclass(frozen=True)
class Period:
    """A reference period: first day, last day and how precisely it was stated."""

    start: date | None
    end: date | None
    precision: str

    @property
    def dated(self) -> bool:
        """Whether the period has dates at all."""
        return self.end is not None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_part(text: str) -> Period:
    match = _PART.match(text)
    if not match:
        raise PeriodParseError(
            f"'{text}' is not a period: use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn "
            "or two of those joined by '/'"
        )
    year = int(match.group("year"))
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise PeriodParseError(f"'{text}': year {year} is outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")
    if match.group("quarter"):
        quarter = int(match.group("quarter"))
        if not 1 <= quarter <= 4:
            raise PeriodParseError(f"'{text}': quarter {quarter} does not exist")
        return Period(date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter")
    if match.group("half"):
        half = int(match.group("half"))
        if not 1 <= half <= 2:
            raise PeriodParseError(f"'{text}': half-year {half} does not exist")
        return Period(date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half_year")
    if match.group("month"):
        month = int(match.group("month"))
        if not 1 <= month <= 12:
            raise PeriodParseError(f"'{text}': month {month} does not exist")
        if match.group("day"):
            try:
                day = date(year, month, int(match.group("day")))
            except ValueError:
                raise PeriodParseError(f"'{text}' is not a date in the calendar") from None
            return Period(day, day, "day")
        return Period(date(year, month, 1), _month_end(year, month), "month")
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def _refuse_foreign_digits(text: str) -> None:
    foreign = non_ascii_numeral(text)
    if foreign:
        raise PeriodParseError(f"'{text}' contains {foreign}; write dates with the digits 0-9")


def parse_period(text: str | None) -> Period:
    """Parse a reference period; an empty one is undated (precision ``none``)."""
    text = (text or "").strip()
    if not text:
        return Period(None, None, "none")
    _refuse_foreign_digits(text)
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _parse_part(first.strip()), _parse_part(last.strip())
        if start.start > end.end:
            raise PeriodParseError(f"'{text}': the span ends before it starts")
        return Period(start.start, end.end, "span")
    return _parse_part(text)


def parse_published(text: str | None) -> Period:
    """Parse a publication date (a day, month or year; not empty, not a span)."""
    text = (text or "").strip()
    if not text:
        raise PeriodParseError("the publication date is empty")
    _refuse_foreign_digits(text)
    form = "use YYYY-MM-DD, YYYY-MM or YYYY"
    if "/" in text:
        raise PeriodParseError(f"'{text}' is not a publication date: {form}")
    try:
        period = _parse_part(text)
    except PeriodParseError as error:
        if "is not a period" in str(error):
            raise PeriodParseError(f"'{text}' is not a publication date: {form}") from None
        raise
    if period.precision in ("quarter", "half_year"):
        raise PeriodParseError(f"'{text}' is not a publication date: {form}")
    return period


def decimal_year(dates) -> np.ndarray:
    """Decimal year at the END of each day: 31 Dec 2016 is 2017.0, 30 Jun 2022 is about 2022.5.

    A stock counted on 31 December is the level at the start of the next year, so year ends are
    whole numbers and "reached by the end of 2030" means a time at or before 2031.0
    (ASSUMPTIONS.md#t1).
    """
    index = pd.DatetimeIndex(pd.to_datetime(dates))
    days = np.where(index.is_leap_year, 366.0, 365.0)
    return index.year.to_numpy(dtype=float) + index.day_of_year.to_numpy(dtype=float) / days
