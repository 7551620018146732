"""From series.csv rows to the decimal-year observations the trajectory models fit."""

from __future__ import annotations

import pandas as pd

from helpers.periods import decimal_year


def quarter_ends(first_year: int, last_year: int) -> pd.DatetimeIndex:
    """Every quarter end from 31 March ``first_year`` to 31 December ``last_year``."""
    return pd.date_range(f"{first_year}-03-31", f"{last_year}-12-31", freq="QE-DEC")


def window(working: pd.DataFrame, fit_start: int, fit_end: int) -> pd.DataFrame:
    """The working observations whose reference date falls in the years fit_start..fit_end.

    Adds ``t`` (decimal year), ``exact`` (qualifier is exact) and ``error_class``: the class of
    measurement error a model gives the figure, its qualifier except that a figure from an
    advocacy source counts as approximate (ASSUMPTIONS.md#f6). Approximate and bounded values are
    kept and used at their printed value (ASSUMPTIONS.md#t2); figures mark them.
    """
    rows = working[working["reference_date"].notna()].copy()
    years = rows["reference_date"].dt.year
    rows = rows[(years >= fit_start) & (years <= fit_end)]
    rows = rows.sort_values("reference_date", kind="stable").reset_index(drop=True)
    rows["t"] = decimal_year(rows["reference_date"])
    rows["exact"] = rows["qualifier"] == "exact"
    rows["error_class"] = rows["qualifier"].where(
        rows.get("source_kind", pd.Series("", index=rows.index)) != "advocacy", "approximate"
    )
    return rows
