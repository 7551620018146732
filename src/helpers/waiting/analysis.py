"""The steps 04_waiting_list calls: the analysis, its key numbers, its answer and its tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import layout
from helpers.markup import Column, Table, in_words, long_date, table
from helpers.numbers import percent, thousands
from helpers.outputs import json_number, write_table
from helpers.processed import metric_series
from helpers.vocabulary import POSITIVE_ADVICE_ISSUED, WORKING
from helpers.waiting.compute import published_placement_rates, waiting_list
from helpers.waiting.labels import LABELS
from helpers.words import check_language


@dataclass(frozen=True)
class WaitingAnalysis:
    """Everything 04_waiting_list shows, computed once from series.csv."""

    rule: str
    max_days: int
    table: pd.DataFrame  # one row per positive-advice date (waiting_list)
    rates_3m: pd.DataFrame  # UWV's published three-month placement rates
    working: pd.DataFrame  # working figures from a year before the first advice date
    issued: pd.DataFrame  # cumulative positive advices issued (may be empty)


def issued_advices(series: pd.DataFrame) -> pd.DataFrame:
    """Cumulative positive advices issued since 2015, if series.csv has them (another measure)."""
    columns = ["reference_date", "value", "qualifier", "unit", "source_id"]
    # cumulative advices issued: never a stock, never subtracted
    if POSITIVE_ADVICE_ISSUED not in set(series["metric"]):
        return pd.DataFrame(columns=columns)
    return metric_series(series, POSITIVE_ADVICE_ISSUED)[columns]


def analyse(series: pd.DataFrame, rule: str, max_days: int) -> WaitingAnalysis:
    """Waiting list, placement rates and the figures around them, from series.csv."""
    frame = waiting_list(series, rule, max_days)
    working = metric_series(series, WORKING)
    start = frame["reference_date"].min() - pd.Timedelta(days=400)
    return WaitingAnalysis(
        rule=rule,
        max_days=max_days,
        table=frame,
        rates_3m=published_placement_rates(series),
        working=working[working["reference_date"] >= start].reset_index(drop=True),
        issued=issued_advices(series),
    )


def matched(a: WaitingAnalysis) -> pd.DataFrame:
    """The advice dates that have a working figure (a waiting list)."""
    return a.table.dropna(subset=["waiting"]).reset_index(drop=True)


def latest(a: WaitingAnalysis) -> dict[str, object]:
    """The latest waiting list (helpers.results_schema.WaitingLatest)."""
    row = matched(a).iloc[-1]
    return {
        "date": f"{row['reference_date']:%Y-%m-%d}",
        "waiting": json_number(row["waiting"]),
        "qualifier": row["waiting_qualifier"],
        "source_ids": [row["advice_source_id"], *row["working_source_ids"].split(";")],
    }


def key_numbers(a: WaitingAnalysis) -> dict[str, object]:
    """The results.json section ``waiting_list`` (its shape: helpers.results_schema.WaitingList)."""
    by_date = {
        f"{row['reference_date']:%Y-%m-%d}": {
            "positive_advice_stock": json_number(row["advice"]),
            "positive_advice_qualifier": row["advice_qualifier"],
            "positive_advice_source_id": row["advice_source_id"],
            "working": json_number(row["working"]),
            "working_qualifier": row["working_qualifier"],
            "working_match": row["working_match"],
            "working_source_ids": [i for i in row["working_source_ids"].split(";") if i],
            "waiting": json_number(row["waiting"]),
            "waiting_qualifier": row["waiting_qualifier"],
            "placement_rate_percent": json_number(100 * row["placement_rate"], 1),
            "placement_rate_qualifier": row["placement_rate_qualifier"],
            "published_without_job": json_number(row["published_without_job"]),
        }
        for _, row in a.table.iterrows()
    }
    return {
        "latest": latest(a),
        "matching_rule": a.rule,
        "max_interpolation_days": a.max_days,
        "by_date": by_date,
        "published_placement_rate_3m_percent": {
            f"{row['reference_date']:%Y-%m-%d}": json_number(row["value"], 1)
            for _, row in a.rates_3m.iterrows()
        },
        "positive_advice_issued": {
            f"{row['reference_date']:%Y-%m-%d}": {
                "value": json_number(row["value"]),
                "qualifier": row["qualifier"],
                "source_id": row["source_id"],
            }
            for _, row in a.issued.iterrows()
        },
    }


def answer(a: WaitingAnalysis, language: str) -> str:
    """The notebook's answer in words, written from the numbers."""
    words = LABELS[check_language(language)]
    rows = matched(a)
    last, first = rows.iloc[-1], rows.iloc[0]
    text = words["answer"].format(
        date=long_date(last["reference_date"], language),
        advice=in_words(thousands(last["advice"], language), last["advice_qualifier"], language),
        working=in_words(thousands(last["working"], language), last["working_qualifier"], language),
        waiting=in_words(thousands(last["waiting"], language), last["waiting_qualifier"], language),
        rate=in_words(
            percent(last["placement_rate"], language, 0), last["placement_rate_qualifier"], language
        ),
        first_date=long_date(first["reference_date"], language),
        first_waiting=in_words(
            thousands(first["waiting"], language), first["waiting_qualifier"], language
        ),
    )
    if len(a.issued):
        issued = a.issued.iloc[-1]
        text += words["answer_issued"].format(
            issued=in_words(thousands(issued["value"], language), issued["qualifier"], language),
            issued_date=long_date(issued["reference_date"], language),
        )
    return text


def waiting_table(a: WaitingAnalysis, language: str) -> Table:
    """Per advice date: advice stock, working, waiting list, placement rate, as published."""
    columns = [
        Column("reference_date", "date", "date"),
        Column("advice", "col_advice", "count", "advice_qualifier"),
        Column("working", "col_working", "count", "working_qualifier"),
        Column("working_match", "col_match", translate=True),
        Column("waiting", "col_waiting", "count", "waiting_qualifier"),
        Column("placement_rate", "col_rate", "share", "placement_rate_qualifier"),
        Column("published_without_job", "col_published", "count"),
    ]
    return table(a.table, columns, LABELS, language)


def other_measures_table(a: WaitingAnalysis, language: str) -> Table:
    """UWV's three-month placement rates and the cumulative advices issued, each its own column."""
    rates = a.rates_3m.assign(rate=a.rates_3m["value"], issued=float("nan"))
    issued = a.issued.assign(rate=float("nan"), issued=a.issued["value"])
    rows = pd.concat([rates, issued], ignore_index=True).sort_values("reference_date")
    columns = [
        Column("reference_date", "date", "date"),
        Column("rate", "col_rate_3m", "percent", "qualifier"),
        Column("issued", "col_issued", "count", "qualifier"),
        Column("source_id", "source"),
    ]
    return table(rows, columns, LABELS, language)


def write_tables(a: WaitingAnalysis, out: Path) -> None:
    """The analysis tables as CSV under ``out/tables``."""
    write_table(a.table, Path(out) / layout.TABLES_DIR / "waiting_list.csv")
    write_table(a.rates_3m, Path(out) / layout.TABLES_DIR / "waiting_placement_rate_published.csv")
    write_table(a.issued, Path(out) / layout.TABLES_DIR / "waiting_advices_issued.csv")
