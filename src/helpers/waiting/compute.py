"""The waiting list: people with a positive advice for beschut werk who are not working in it.

For every date with a positive-advice stock, the number working is taken at the same date or,
if the matching rule allows it, interpolated linearly in time between the nearest figures before
and after (ASSUMPTIONS.md#p4); interpolated figures are marked ``interpolated`` and count as
approximate. Waiting list = positive advice stock - working; placement rate = working / stock.
"""

from __future__ import annotations

import pandas as pd

from helpers.params import notebook_parameters
from helpers.processed import metric_series
from helpers.qualifiers import check_qualifier, difference_qualifier, ratio_qualifier
from helpers.scenario_schema import check_parameter
from helpers.vocabulary import (
    INDICATION_WITHOUT_JOB,
    PLACEMENT_RATE_3M,
    POSITIVE_ADVICE_STOCK,
    WORKING,
)

WAITING_COLUMNS = [
    "reference_date",
    "advice",
    "advice_qualifier",
    "advice_source_id",
    "advice_precision",
    "working",
    "working_qualifier",
    "working_match",
    "working_source_ids",
    "waiting",
    "waiting_qualifier",
    "placement_rate",
    "placement_rate_qualifier",
    "published_without_job",
    "published_without_job_source_id",
]


def validate_parameters(
    processed_dir: str,
    output_dir: str,
    language: str,
    matching_rule: str,
    max_interpolation_days: int,
) -> dict[str, object]:
    """Check the parameters of 04_waiting_list; return the resolved paths and choices."""
    return notebook_parameters("04_waiting_list", locals())


def working_at(
    working: pd.DataFrame, date: pd.Timestamp, rule: str, max_days: int
) -> dict[str, object]:
    """The number working at ``date`` under the matching rule (NaN and ``none`` if no match).

    ``working`` has columns reference_date, value, qualifier, source_id. ``same_date`` needs a
    figure with exactly that reference date. ``interpolate`` also accepts a linear interpolation
    between the nearest figures before and after the date if they are at most ``max_days`` apart;
    no extrapolation.
    """
    check_parameter("04_waiting_list", "matching_rule", rule)
    same = working[working["reference_date"] == date]
    if len(same) > 1:
        raise ValueError(f"working has more than one row at {date:%Y-%m-%d}")
    if len(same) == 1:
        row = same.iloc[0]
        return {
            "working": float(row["value"]),
            "working_qualifier": row["qualifier"],
            "working_match": "same_date",
            "working_source_ids": row["source_id"],
        }
    none = {
        "working": float("nan"),
        "working_qualifier": "",
        "working_match": "none",
        "working_source_ids": "",
    }
    if rule == "same_date":
        return none
    before = working[working["reference_date"] < date]
    after = working[working["reference_date"] > date]
    if before.empty or after.empty:
        return none
    lo = before.sort_values("reference_date", kind="stable").iloc[-1]
    hi = after.sort_values("reference_date", kind="stable").iloc[0]
    span = (hi["reference_date"] - lo["reference_date"]).days
    if span > max_days:
        return none
    weight = (date - lo["reference_date"]).days / span
    value = float(lo["value"]) + (float(hi["value"]) - float(lo["value"])) * weight
    # A straight line between two figures bounds nothing in between: always approximate.
    check_qualifier(lo["qualifier"])
    check_qualifier(hi["qualifier"])
    return {
        "working": value,
        "working_qualifier": "approximate",
        "working_match": "interpolated",
        "working_source_ids": f"{lo['source_id']};{hi['source_id']}",
    }


def waiting_list(series: pd.DataFrame, rule: str, max_days: int) -> pd.DataFrame:
    """One row per positive-advice date: stock, working, waiting list and placement rate."""
    advice = metric_series(series, POSITIVE_ADVICE_STOCK)
    working = metric_series(series, WORKING)
    published = (
        metric_series(series, INDICATION_WITHOUT_JOB)
        if INDICATION_WITHOUT_JOB in set(series["metric"])
        else series.iloc[0:0]
    )
    rows = []
    for _, row in advice.iterrows():
        date = row["reference_date"]
        match = working_at(working, date, rule, max_days)
        stock, aq = float(row["value"]), row["qualifier"]
        record: dict[str, object] = {
            "reference_date": date,
            "advice": stock,
            "advice_qualifier": aq,
            "advice_source_id": row["source_id"],
            "advice_precision": row["period_precision"],
            **match,
        }
        if match["working_match"] == "none":
            record.update(
                waiting=float("nan"),
                waiting_qualifier="",
                placement_rate=float("nan"),
                placement_rate_qualifier="",
            )
        else:
            wq = match["working_qualifier"]
            record.update(
                waiting=stock - match["working"],
                waiting_qualifier=difference_qualifier(aq, wq),
                placement_rate=match["working"] / stock,
                placement_rate_qualifier=ratio_qualifier(wq, aq),
            )
        same = published[published["reference_date"] == date]
        record["published_without_job"] = (
            float(same["value"].iloc[0]) if len(same) else float("nan")
        )
        record["published_without_job_source_id"] = same["source_id"].iloc[0] if len(same) else ""
        rows.append(record)
    return pd.DataFrame(rows, columns=WAITING_COLUMNS)


def published_placement_rates(series: pd.DataFrame) -> pd.DataFrame:
    """The published three-month placement rates (a different measure, shown alongside)."""
    if PLACEMENT_RATE_3M not in set(series["metric"]):
        return pd.DataFrame(columns=["reference_date", "value", "qualifier", "unit", "source_id"])
    rows = metric_series(series, PLACEMENT_RATE_3M)
    return rows[["reference_date", "value", "qualifier", "unit", "source_id"]].reset_index(
        drop=True
    )
