"""Small series.csv-shaped frames and fitted models for unit tests."""

from __future__ import annotations

import pandas as pd

from helpers.processed import SERIES_COLUMNS


def series_frame(rows) -> pd.DataFrame:
    """A series.csv-shaped frame from (metric, date, value, qualifier, unit, source_id) tuples;
    an empty date makes an undated row."""
    records = [
        {
            "metric": metric,
            "reference_date": pd.Timestamp(date) if date else pd.NaT,
            "period_precision": "day" if date else "none",
            "reference_period": date or "",
            "value": float(value),
            "qualifier": qualifier,
            "unit": unit,
            "value_as_published": str(value),
            "source_id": source_id,
            "source_kind": "official",
            "publisher": "test",
            "source_ids": source_id,
            "n_sources": 1,
            "conflict_ids": "",
        }
        for metric, date, value, qualifier, unit, source_id in rows
    ]
    return pd.DataFrame(records, columns=list(SERIES_COLUMNS))


def fit_exact(times, values):
    """Every forecast model fitted to observations that are all exact figures."""
    from helpers.trajectory.forecasts import fit_forecasts

    return fit_forecasts(pd.DataFrame({"t": times, "value": values, "qualifier": "exact"}))
