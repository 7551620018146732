"""The steps 05_finance calls: the analysis, its key numbers, its answer and its tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import layout
from helpers.finance.compute import (
    balances,
    latest_per_year,
    policy_variant,
    read_amounts,
    read_years,
    totals,
    variants,
)
from helpers.finance.labels import LABELS
from helpers.markup import Column, Table, fmt, in_words, table
from helpers.numbers import euros, thousands
from helpers.outputs import json_number, write_table
from helpers.processed import metric_series, single_value
from helpers.vocabulary import AMBITION_TOTAL, TARGET_STRUCTURAL, WORKING
from helpers.words import check_language


@dataclass(frozen=True)
class FinanceAnalysis:
    """Everything 05_finance shows, computed once from data/processed."""

    amounts: pd.DataFrame  # every amount from its register row (read_amounts)
    years: dict[str, int]  # bonus_lapse_year, extra_funding_year (read_years)
    per_place: pd.DataFrame  # cost, income and balance per variant (balances)
    totals: pd.DataFrame  # balance x places for every variant and number of places
    policy: pd.DataFrame  # each realised year with the Emmen variant of its policy period


def places_frame(series: pd.DataFrame) -> pd.DataFrame:
    """The numbers of places: the last figure of each realised year, then 30,000 and 50,000."""
    latest = latest_per_year(metric_series(series, WORKING))
    structural = single_value(series, TARGET_STRUCTURAL)
    ambition = single_value(series, AMBITION_TOTAL)
    goals = pd.DataFrame(
        {
            "basis": ["structural_target", "ambition_total"],
            "reference_date": [structural["reference_date"], ambition["reference_date"]],
            "year": [float("nan"), float("nan")],
            "places": [structural["value"], ambition["value"]],
            "places_qualifier": [structural["qualifier"], ambition["qualifier"]],
            "places_source_id": [structural["source_id"], ambition["source_id"]],
        }
    )
    realised = pd.DataFrame(
        {
            "basis": "realised",
            "reference_date": latest["reference_date"],
            "year": latest["year"].astype(float),
            "places": latest["value"],
            "places_qualifier": latest["qualifier"],
            "places_source_id": latest["source_id"],
        }
    )
    return pd.concat([realised, goals], ignore_index=True)


def analyse(series: pd.DataFrame, observations: pd.DataFrame) -> FinanceAnalysis:
    """Balances per source and totals, every amount read by its register row."""
    amounts = read_amounts(observations)
    years = read_years(observations)
    values = dict(zip(amounts["name"], amounts["value"], strict=True))
    qualifiers = dict(zip(amounts["name"], amounts["qualifier"], strict=True))
    variant_list = variants(years["bonus_lapse_year"], years["extra_funding_year"])
    per_place = balances(values, qualifiers, variant_list)
    places = places_frame(series)
    all_totals = totals(per_place, places)
    policy = all_totals[all_totals["basis"] == "realised"].copy()
    policy["policy_variant"] = [
        policy_variant(int(d.year), variant_list) for d in policy["reference_date"]
    ]
    policy = policy[policy["variant"] == policy["policy_variant"]].drop(columns="policy_variant")
    mixed = dict(zip(per_place["variant"], per_place["mixed"] != "", strict=True))
    policy["assumed"] = [
        mixed[v] or not same for v, same in zip(policy["variant"], policy["same_year"], strict=True)
    ]
    return FinanceAnalysis(amounts, years, per_place, all_totals, policy.reset_index(drop=True))


def variant_label(a: FinanceAnalysis, variant: str, language: str) -> str:
    """A balance's name in words."""
    words = LABELS[check_language(language)]
    return words[f"variant_{variant}"].format(
        lapse=a.years["bonus_lapse_year"], addition=a.years["extra_funding_year"]
    )


def published_sums(a: FinanceAnalysis) -> pd.DataFrame:
    """The balances that are one source's own sum (no combination of sources or years)."""
    return a.per_place[a.per_place["mixed"] == ""]


def headline(a: FinanceAnalysis) -> dict[str, object]:
    """The most recent published balance per place per year (the shape of
    helpers.results_schema.FinanceHeadline).

    ``label`` names the source in words, without the year (``year`` holds it).
    """
    own = published_sums(a)
    row = own.loc[own["year"].astype(int).idxmax()]
    return {
        "year": int(row["year"]),
        "variant": row["variant"],
        "balance_per_place_per_year": json_number(row["balance"]),
        "qualifier": row["balance_qualifier"],
        "source_ids": row["source_ids"].split(";"),
        "label": {language: LABELS[language][f"source_{row['variant']}"] for language in LABELS},
    }


def value_range(a: FinanceAnalysis) -> dict[str, object]:
    """Lowest and highest balance across the sources' own sums (the shape of
    helpers.results_schema.FinanceRange)."""
    own = published_sums(a)
    low, high = own.loc[own["balance"].idxmin()], own.loc[own["balance"].idxmax()]
    ids = sorted({i for ids in own["source_ids"] for i in ids.split(";")})
    return {
        "low": json_number(low["balance"]),
        "low_qualifier": low["balance_qualifier"],
        "high": json_number(high["balance"]),
        "high_qualifier": high["balance_qualifier"],
        "source_ids": ids,
    }


def _places_key(row: pd.Series) -> str:
    if row["basis"] == "realised":
        return f"realised_{row['reference_date']:%Y-%m-%d}"
    return f"places_{row['places']:.0f}"


def key_numbers(a: FinanceAnalysis) -> dict[str, object]:
    """The results.json section ``finance`` (its shape: helpers.results_schema.Finance)."""
    amounts = a.amounts.set_index("name")
    return {
        "headline": headline(a),
        "range": value_range(a),
        "per_place": {
            row["variant"]: {
                "year": row["year"],
                "cost": json_number(row["cost"]),
                "cost_qualifier": row["cost_qualifier"],
                "income": json_number(row["income"]),
                "income_qualifier": row["income_qualifier"],
                "balance": json_number(row["balance"]),
                "balance_qualifier": row["balance_qualifier"],
                "source_ids": row["source_ids"].split(";"),
                "combines_years_or_sources": bool(row["mixed"]),
                "label": {lang: variant_label(a, row["variant"], lang) for lang in LABELS},
            }
            for _, row in a.per_place.iterrows()
        },
        "totals": {
            variant: {
                _places_key(row): {
                    "total": json_number(row["total"]),
                    "total_qualifier": row["total_qualifier"],
                }
                for _, row in a.totals[a.totals["variant"] == variant].iterrows()
            }
            for variant in a.per_place["variant"]
        },
        "totals_policy_period": {
            f"{row['reference_date']:%Y-%m-%d}": {
                "variant": row["variant"],
                "balance": json_number(row["balance"]),
                "total": json_number(row["total"]),
                "total_qualifier": row["total_qualifier"],
                "places_source_id": row["places_source_id"],
            }
            for _, row in a.policy.iterrows()
        },
        "bonus": {
            "bonus_per_place": json_number(amounts.loc["bonus_per_place", "value"]),
            "lapses_from": a.years["bonus_lapse_year"],
            "extra_funding_per_place": json_number(amounts.loc["extra_funding_per_place", "value"]),
            "extra_funding_from": a.years["extra_funding_year"],
            "source_ids": [
                amounts.loc["bonus_per_place", "source_id"],
                amounts.loc["extra_funding_per_place", "source_id"],
            ],
        },
    }


def answer(a: FinanceAnalysis, language: str) -> str:
    """The notebook's answer in words, written from the numbers."""
    words = LABELS[check_language(language)]
    top = headline(a)
    row = a.per_place.set_index("variant").loc[top["variant"]]
    span = value_range(a)
    last = a.policy.iloc[-1]
    goal = a.totals[
        (a.totals["basis"] == "structural_target") & (a.totals["variant"] == top["variant"])
    ].iloc[0]
    return words["answer"].format(
        headline=top["label"][language],
        balance=in_words(euros(row["balance"], language), row["balance_qualifier"], language),
        income=in_words(euros(row["income"], language), row["income_qualifier"], language),
        cost=in_words(euros(row["cost"], language), row["cost_qualifier"], language),
        low=in_words(euros(span["low"], language), span["low_qualifier"], language),
        high=in_words(euros(span["high"], language), span["high_qualifier"], language),
        places=in_words(thousands(last["places"], language), last["places_qualifier"], language),
        year=f"{last['reference_date']:%Y}",
        total=in_words(fmt(last["total"], "millions", language), last["total_qualifier"], language),
        goal=thousands(goal["places"], language),
        headline_year=top["year"],
        total_goal=in_words(
            fmt(goal["total"], "millions", language), goal["total_qualifier"], language
        ),
    )


def amounts_table(a: FinanceAnalysis, language: str) -> Table:
    """Every amount with its register row and its words as published."""
    words = LABELS[check_language(language)]
    rows = a.amounts.assign(label=[words[f"amount_{n}"] for n in a.amounts["name"]])
    columns = [
        Column("label", "col_amount"),
        Column("value", "col_value", "euros", "qualifier"),
        Column("value_as_published", "col_published"),
        Column("reference_period", "col_period"),
        Column("source_id", "source"),
    ]
    return table(rows, columns, LABELS, language)


def per_place_table(a: FinanceAnalysis, language: str) -> Table:
    """Cost, funding and balance per place per year for every balance."""
    rows = a.per_place.assign(
        label=[variant_label(a, v, language) for v in a.per_place["variant"]],
        combines=a.per_place["mixed"] != "",
    )
    columns = [
        Column("label", "col_balance_name"),
        Column("cost", "col_cost", "euros", "cost_qualifier"),
        Column("income", "col_funding", "euros", "income_qualifier"),
        Column("balance", "col_balance", "euros", "balance_qualifier"),
        Column("combines", "col_combines", translate=True),
        Column("source_ids", "source"),
    ]
    return table(rows, columns, LABELS, language)


def policy_table(a: FinanceAnalysis, language: str) -> Table:
    """Each realised year: places, the balance of its policy period, the year's total."""
    rows = a.policy.assign(
        label=[variant_label(a, v, language) for v in a.policy["variant"]],
    )
    columns = [
        Column("reference_date", "date", "date"),
        Column("places", "col_places", "count", "places_qualifier"),
        Column("label", "col_balance_name"),
        Column("balance", "col_balance", "euros", "balance_qualifier"),
        Column("total", "col_total", "millions", "total_qualifier"),
        Column("same_year", "col_same_year", translate=True),
    ]
    return table(rows, columns, LABELS, language)


def write_tables(a: FinanceAnalysis, out: Path) -> None:
    """The analysis tables as CSV under ``out/tables``."""
    tables = Path(out) / layout.TABLES_DIR
    write_table(a.amounts, tables / "finance_amounts.csv")
    write_table(a.per_place, tables / "finance_per_place.csv")
    write_table(a.totals, tables / "finance_totals.csv")
    write_table(a.policy, tables / "finance_totals_policy_period.csv")
