"""The tidy tables in data/processed: their columns, and loaders that analyses use.

Written by the cleaning step (helpers.clean); read by every analysis notebook. Dates are ISO
``YYYY-MM-DD`` strings on disk and ``datetime64`` after loading; an undated figure has an empty
reference_date.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.errors import InputError, Problem
from helpers.paths import PROCESSED_DIR, input_path

QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound")
PRECISIONS = ("day", "month", "quarter", "half_year", "year", "span", "none")
DECISIONS = ("selected", "corroborating", "superseded", "rejected_date")

OBSERVATION_COLUMNS = {
    "id": "row id in data/raw/source_register.csv",
    "metric": "what is counted (vocabulary in helpers.vocabulary)",
    "reference_period": "the period as published in the register",
    "reference_date": "last day of the reference period (empty: no period given)",
    "period_start": "first day of the reference period (empty: no period given)",
    "period_precision": "day, month, quarter, half_year, year, span or none",
    "value_as_published": "the figure exactly as printed",
    "value": "the figure as a number (percent as 0-100, share as 0-1, EUR in euro)",
    "qualifier": "exact, approximate, lower_bound (ruim, meer dan) or upper_bound (bijna)",
    "unit": "unit of the value",
    "source_kind": "official, secondary or advocacy",
    "publisher": "who published it",
    "published": "publication date, as precise as known",
    "decision": "selected, corroborating, superseded or rejected_date (see ASSUMPTIONS.md#a1)",
    "reason": "why the cleaning step decided so",
    "series_date": "the reference_date of the series row this statement counts for (if any)",
    "title": "publication title",
    "url": "publication address (empty where only the text was at hand)",
    "note": "the register's note",
}
SERIES_COLUMNS = {
    "metric": "what is counted",
    "reference_date": "last day of the reference period (empty: undated)",
    "period_precision": "precision of the selected statement's period",
    "reference_period": "the selected statement's period as published",
    "value": "the selected statement's value",
    "qualifier": "the selected statement's qualifier",
    "unit": "unit of the value",
    "value_as_published": "the selected statement's figure as printed",
    "source_id": "the selected statement",
    "source_kind": "its source kind",
    "publisher": "its publisher",
    "source_ids": "every statement supporting this row, selected first, separated by ';'",
    "n_sources": "number of supporting statements",
    "conflict_ids": "conflicts involving this row, separated by ';' (see conflicts.csv)",
}
CONFLICT_COLUMNS = {
    "conflict_id": "C01, C02, ...",
    "kind": "value (different figures, same metric and date), date (one figure, several "
    "dates) or qualifier (same figure, different qualifiers)",
    "metric": "what is counted",
    "reference_dates": "the dates involved, separated by ';'",
    "source_ids": "the statements involved, separated by ';'",
    "values": "their figures as published, separated by ' | '",
    "kept_id": "the statement that stands",
    "consistent": "true if the kept figure satisfies the others' bounds and approximations",
    "resolution": "what was kept and why",
}


def _read(name: str, columns: dict[str, str], processed_dir: str | Path) -> pd.DataFrame:
    """Read one processed table and check its columns."""
    path = input_path(Path(processed_dir) / name, "processed_dir")
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run the cleaning step (make reports)")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError([Problem(str(path), "header", ", ".join(missing), "missing column(s)")])
    return frame


def _typed(frame: pd.DataFrame, dates: tuple[str, ...], numbers: tuple[str, ...]) -> pd.DataFrame:
    frame = frame.copy()
    for column in dates:
        frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d")
    for column in numbers:
        frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(float)
    return frame


def load_series(processed_dir: str | Path = PROCESSED_DIR) -> pd.DataFrame:
    """series.csv: one row per metric and reference date, with dates and values typed."""
    frame = _read("series.csv", SERIES_COLUMNS, processed_dir)
    frame = _typed(frame, ("reference_date",), ("value",))
    frame["n_sources"] = frame["n_sources"].astype(int)
    return frame


def load_observations(processed_dir: str | Path = PROCESSED_DIR) -> pd.DataFrame:
    """observations.csv: every register row, parsed, with the cleaning decision."""
    frame = _read("observations.csv", OBSERVATION_COLUMNS, processed_dir)
    return _typed(frame, ("reference_date", "period_start", "series_date"), ("value",))


def metric_series(series: pd.DataFrame, metric: str, *, dated_only: bool = True) -> pd.DataFrame:
    """The rows of one metric, sorted by date (undated rows dropped unless asked for)."""
    if metric not in set(series["metric"]):
        raise KeyError(f"metric {metric!r} has no rows in series.csv")
    rows = series[series["metric"] == metric]
    if dated_only:
        rows = rows[rows["reference_date"].notna()]
    return rows.sort_values("reference_date", kind="stable").reset_index(drop=True)


def single_value(series: pd.DataFrame, metric: str) -> pd.Series:
    """The one row of a single-valued metric (a policy constant such as target_structural)."""
    rows = series[series["metric"] == metric]
    if len(rows) != 1:
        raise ValueError(f"metric {metric!r} has {len(rows)} rows in series.csv, expected 1")
    return rows.iloc[0]
