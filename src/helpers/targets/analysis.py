"""The steps 03_targets_gap calls: the whole analysis, its key numbers, its answer and tables."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import layout
from helpers.markup import Column, Table, in_words, long_date, table
from helpers.numbers import percent, thousands
from helpers.outputs import json_number, write_table
from helpers.pace import OBSERVED_PACE_DEFINITION, observed_pace
from helpers.periods import decimal_year
from helpers.processed import metric_series, single_value
from helpers.qualifiers import difference_qualifier
from helpers.taakstelling import target_path
from helpers.targets.compute import pace, realisation, year_end_realised, year_reached
from helpers.targets.labels import LABELS
from helpers.vocabulary import AMBITION_TOTAL, TARGET_STRUCTURAL, WORKING
from helpers.words import check_language


@dataclass(frozen=True)
class TargetsAnalysis:
    """Everything 03_targets_gap shows, computed once from series.csv."""

    interpolation: str
    path: pd.DataFrame  # target in force per year (target_path)
    realised: pd.DataFrame  # year-end working figures (year_end_realised)
    working: pd.DataFrame  # every working figure, mid-year ones included (figures only)
    result: pd.DataFrame  # ratio and gap per year with a target and a year-end figure
    pace: pd.DataFrame  # needed against realised pace per realised year end
    structural: pd.Series  # the target_structural row (30,000 in 2048)
    ambition: pd.Series  # the ambition_total row (50,000, no year)


def analyse(series: pd.DataFrame, interpolation: str) -> TargetsAnalysis:
    """Target path, realisation and pace from series.csv.

    Only figures at 31 December are compared with a year-end target; figures within a year are
    kept for the figures (drawn at their date) but never set against a target.
    """
    path = target_path(series, interpolation)
    realised = year_end_realised(series)
    return TargetsAnalysis(
        interpolation=interpolation,
        path=path,
        realised=realised,
        working=metric_series(series, WORKING),
        result=realisation(path, realised),
        pace=pace(path, realised),
        structural=single_value(series, TARGET_STRUCTURAL),
        ambition=single_value(series, AMBITION_TOTAL),
    )


def at_realised_pace(a: TargetsAnalysis) -> dict[str, object]:
    """The observed pace continued in a straight line from the latest realised year end
    (ASSUMPTIONS.md#p8): the one observed pace of helpers.trajectory.goals.observed_pace, the
    same number 02 and the verdict quote (ASSUMPTIONS.md#f5)."""
    observed = a.working.dropna(subset=["reference_date"]).sort_values(
        "reference_date", kind="stable"
    )
    speed, first, last = observed_pace(decimal_year(observed["reference_date"]), observed["value"])
    first_row, last_row = observed.iloc[first], observed.iloc[last]
    latest = a.realised.iloc[-1]
    start_year, start = int(latest["year"]), float(latest["working"])
    goal, ambition = float(a.structural["value"]), float(a.ambition["value"])
    return {
        "pace_from_year": int(first_row["reference_date"].year),
        "pace_to_year": int(last_row["reference_date"].year),
        "pace_from_date": first_row["reference_date"].date().isoformat(),
        "pace_to_date": last_row["reference_date"].date().isoformat(),
        "pace_definition": OBSERVED_PACE_DEFINITION,
        "pace_places_per_year": json_number(speed),
        "pace_qualifier": difference_qualifier(last_row["qualifier"], first_row["qualifier"]),
        "start_year": start_year,
        "start_working": json_number(start),
        "structural_goal": json_number(goal),
        "structural_goal_year": int(a.structural["reference_date"].year),
        "year_reaching_structural_goal": json_number(year_reached(start_year, start, speed, goal)),
        "ambition_total": json_number(ambition),
        "year_reaching_ambition_total": json_number(
            year_reached(start_year, start, speed, ambition)
        ),
    }


def latest(a: TargetsAnalysis) -> dict[str, object]:
    """The latest year with a realised year-end figure and a target (the shape of
    helpers.results_schema.TargetsLatest)."""
    row = a.result.iloc[-1]
    return {
        "year": int(row["year"]),
        "target": json_number(row["target"]),
        "target_status": row["target_status"],
        "target_source_ids": row["target_source_ids"].split(";"),
        "realised": json_number(row["working"]),
        "realised_qualifier": row["working_qualifier"],
        "realised_date": f"{int(row['year'])}-12-31",
        "realised_source_id": row["working_source_id"],
        "gap": json_number(row["gap"]),
        "gap_qualifier": row["gap_qualifier"],
        "ratio": json_number(row["ratio"], 3),
        "ratio_qualifier": row["ratio_qualifier"],
    }


def key_numbers(a: TargetsAnalysis) -> dict[str, object]:
    """The results.json section ``targets_gap`` (its shape: helpers.results_schema.TargetsGap)."""
    by_year = {
        str(r["year"]): {
            "target": json_number(r["target"]),
            "target_status": r["target_status"],
            "target_source_ids": r["target_source_ids"].split(";"),
            "working": json_number(r["working"]),
            "working_qualifier": r["working_qualifier"],
            "working_source_id": r["working_source_id"],
            "ratio_percent": json_number(100 * r["ratio"], 1),
            "ratio_qualifier": r["ratio_qualifier"],
            "gap_places": json_number(r["gap"]),
            "gap_qualifier": r["gap_qualifier"],
        }
        for _, r in a.result.iterrows()
    }
    reset = a.result[
        a.result["original_path"].notna() & (a.result["original_path"] != a.result["target"])
    ]
    against_original = {
        str(r["year"]): {
            "original_target": json_number(r["original_path"]),
            "ratio_percent": json_number(100 * r["ratio_original_path"], 1),
            "ratio_qualifier": r["original_path_qualifier"],
            "gap_places": json_number(r["gap_original_path"]),
            "gap_qualifier": r["original_gap_qualifier"],
        }
        for _, r in reset.iterrows()
    }
    pace_numbers = {
        str(r["year"]): {
            "needed_next_target": json_number(r["needed_next"]),
            "needed_next_qualifier": r["needed_next_qualifier"],
            "next_target_status": r["next_target_status"],
            "needed_per_year_for_goal": json_number(r["needed_goal"]),
            "needed_goal_qualifier": r["needed_goal_qualifier"],
            "realised_pace": json_number(r["realised_pace"]),
            "realised_pace_qualifier": r["realised_pace_qualifier"],
        }
        for _, r in a.pace.iterrows()
    }
    return {
        "latest": latest(a),
        "target_interpolation": a.interpolation,
        "assumed_target_years": int((a.path["target_status"] == "assumed").sum()),
        "by_year": by_year,
        "against_original_path": against_original,
        "pace": pace_numbers,
        "at_realised_pace": at_realised_pace(a),
    }


def _reached(year: float | None, words: dict[str, str]) -> str:
    if year is None or (isinstance(year, float) and math.isnan(year)):
        return words["never"]
    return words["reached_in"].format(year=int(year))


def answer(a: TargetsAnalysis, language: str) -> str:
    """The notebook's answer in words, written from the key numbers."""
    words = LABELS[check_language(language)]
    now = latest(a)
    speed = at_realised_pace(a)
    last_pace = a.pace[a.pace["year"] == now["year"]].iloc[0]
    assumed = now["target_status"] == "assumed"
    return words["answer"].format(
        year=now["year"],
        realised=in_words(
            thousands(now["realised"], language), now["realised_qualifier"], language
        ),
        target=thousands(now["target"], language),
        assumed_note=words["assumed_note"].format(year=now["year"]) if assumed else "",
        ratio=in_words(percent(now["ratio"], language, 1), now["ratio_qualifier"], language),
        gap=in_words(thousands(now["gap"], language), now["gap_qualifier"], language),
        below=int((a.result["gap"] > 0).sum()),
        n=len(a.result),
        pace_from=long_date(speed["pace_from_date"], language),
        pace_to=long_date(speed["pace_to_date"], language),
        pace=in_words(
            thousands(speed["pace_places_per_year"], language), speed["pace_qualifier"], language
        ),
        goal=thousands(speed["structural_goal"], language),
        goal_year=speed["structural_goal_year"],
        reach_goal=_reached(speed["year_reaching_structural_goal"], words),
        ambition=thousands(speed["ambition_total"], language),
        reach_ambition=_reached(speed["year_reaching_ambition_total"], words),
        needed_goal=in_words(
            thousands(last_pace["needed_goal"], language),
            last_pace["needed_goal_qualifier"],
            language,
        ),
    )


def path_table(a: TargetsAnalysis, language: str, last_year: int | None = None) -> Table:
    """The target in force per year (to ``last_year``), with the earlier paths."""
    last_year = last_year or int(a.result["year"].max()) + 2
    rows = a.path[a.path["year"] <= last_year]
    columns = [
        Column("year", "year", "year"),
        Column("target", "col_target", "count", "target_qualifier"),
        Column("target_status", "col_status", translate=True),
        Column("original_path", "col_original", "count"),
        Column("provisional", "col_provisional", "count"),
        Column("target_source_ids", "source"),
    ]
    return table(rows, columns, LABELS, language)


def realisation_table(a: TargetsAnalysis, language: str) -> Table:
    """Ratio and gap per year end, qualifiers marked, assumed targets named."""
    columns = [
        Column("year", "year", "year"),
        Column("target", "col_target", "count"),
        Column("target_status", "col_status", translate=True),
        Column("working", "col_working", "count", "working_qualifier"),
        Column("ratio", "col_ratio", "share", "ratio_qualifier"),
        Column("gap", "col_gap", "count", "gap_qualifier"),
        Column("working_source_id", "source"),
    ]
    return table(a.result, columns, LABELS, language)


def pace_table(a: TargetsAnalysis, language: str) -> Table:
    """Places per year needed against realised, from each year end."""
    columns = [
        Column("year", "year", "year"),
        Column("working", "col_working", "count", "working_qualifier"),
        Column("needed_next", "col_needed_next", "count", "needed_next_qualifier"),
        Column("next_target_status", "col_next_status", translate=True),
        Column("needed_goal", "col_needed_goal", "count", "needed_goal_qualifier"),
        Column("realised_pace", "col_realised_pace", "count", "realised_pace_qualifier"),
        Column("realised_span_years", "col_span", "year"),
    ]
    return table(a.pace, columns, LABELS, language)


def write_tables(a: TargetsAnalysis, out: Path) -> None:
    """The analysis tables as CSV under ``out/tables``."""
    write_table(a.path, Path(out) / layout.TABLES_DIR / "targets_path.csv")
    write_table(a.result, Path(out) / layout.TABLES_DIR / "targets_realisation.csv")
    write_table(a.pace, Path(out) / layout.TABLES_DIR / "targets_pace.csv")
