"""The national target path for beschut werk, the realisation against it and the pace needed.

Targets are year-end numbers of places. Years without a published target are filled by a stated
rule (ASSUMPTIONS.md#p1) and marked ``assumed``. The realisation compares the realised year-end
figure of ``working`` (persons, or places in the earliest source; ASSUMPTIONS.md#p2) with the
target in force; qualifiers carry through (helpers.qualifiers).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.params import notebook_parameters
from helpers.processed import metric_series, single_value
from helpers.qualifiers import difference_qualifier, propagate, ratio_qualifier
from helpers.scenario_schema import check_parameter
from helpers.vocabulary import (
    TARGET,
    TARGET_ORIGINAL_PATH,
    TARGET_PROVISIONAL,
    TARGET_STRUCTURAL,
    WORKING,
)

PATH_COLUMNS = [
    "year",
    "target",
    "target_status",
    "target_qualifier",
    "target_source_id",
    "target_source_ids",
    "original_path",
    "original_path_source_id",
    "provisional",
    "provisional_source_id",
]


def validate_parameters(
    processed_dir: str, output_dir: str, language: str, target_interpolation: str
) -> dict[str, object]:
    """Check the parameters of 03_targets_gap; return the resolved paths and choices."""
    return notebook_parameters("03_targets_gap", locals())


def round_half_up(value: float) -> int:
    """Round to whole places, halves away from zero (not to even)."""
    return math.floor(abs(value) + 0.5) * (1 if value >= 0 else -1)


def _yearly(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Rows of a year-end metric with a ``year`` column; one row per year."""
    rows = metric_series(series, metric).copy()
    rows["year"] = rows["reference_date"].dt.year.astype(int)
    if rows["year"].duplicated().any():
        raise ValueError(f"metric {metric!r} has more than one row in a year")
    return rows


def published_targets(series: pd.DataFrame) -> pd.DataFrame:
    """Every published yearly target and the structural goal, one row per year."""
    yearly = _yearly(series, TARGET)
    yearly["kind"] = "yearly"
    structural = single_value(series, TARGET_STRUCTURAL)
    if pd.isna(structural["reference_date"]):
        raise ValueError("target_structural has no year in series.csv")
    goal = pd.DataFrame(
        {
            "year": [int(structural["reference_date"].year)],
            "value": [structural["value"]],
            "qualifier": [structural["qualifier"]],
            "unit": [structural["unit"]],
            "source_id": [structural["source_id"]],
            "kind": ["structural"],
        }
    )
    columns = ["year", "value", "qualifier", "unit", "source_id", "kind"]
    frame = pd.concat([yearly[columns], goal], ignore_index=True)
    if frame["year"].duplicated().any():
        raise ValueError("a yearly target falls in the year of the structural goal")
    return frame.sort_values("year", kind="stable").reset_index(drop=True)


def fill_years(known: pd.DataFrame, method: str) -> pd.DataFrame:
    """Every year from the first to the last known one; gaps filled by ``method``.

    ``known`` has columns year, value, qualifier. ``linear`` interpolates between the published
    neighbours and rounds to whole places; ``previous`` keeps the last published target until the
    next one. Filled years get status ``assumed`` and the combined qualifier of their neighbours
    (the assumption itself is carried by the status, not the qualifier); ``basis_years`` names
    the published years a value rests on.
    """
    check_parameter("03_targets_gap", "target_interpolation", method)
    known = known.sort_values("year", kind="stable").reset_index(drop=True)
    rows = []
    for i, row in known.iterrows():
        rows.append(
            {
                "year": int(row["year"]),
                "value": float(row["value"]),
                "status": "published",
                "qualifier": row["qualifier"],
                "basis_years": (int(row["year"]),),
            }
        )
        if i + 1 == len(known):
            break
        nxt = known.iloc[i + 1]
        y0, y1 = int(row["year"]), int(nxt["year"])
        v0, v1 = float(row["value"]), float(nxt["value"])
        qualifier = propagate([(row["qualifier"], 1), (nxt["qualifier"], 1)])
        if method == "previous":
            qualifier = row["qualifier"]
        for year in range(y0 + 1, y1):
            if method == "linear":
                value = float(round_half_up(v0 + (v1 - v0) * (year - y0) / (y1 - y0)))
            else:
                value = v0
            basis = (y0, y1) if method == "linear" else (y0,)
            rows.append(
                {
                    "year": year,
                    "value": value,
                    "status": "assumed",
                    "qualifier": qualifier,
                    "basis_years": basis,
                }
            )
    return pd.DataFrame(rows)


def target_path(series: pd.DataFrame, method: str = "linear") -> pd.DataFrame:
    """The target in force for every year up to the structural goal, with the earlier paths.

    ``original_path`` holds the path before the 2017 reset (the published yearly targets before
    the reset year and ``target_original_path``); ``provisional`` the superseded provisional
    target, where one was published.
    """
    published = published_targets(series)
    filled = fill_years(published, method)
    path = pd.DataFrame(
        {
            "year": filled["year"].astype(int),
            "target": filled["value"],
            "target_status": filled["status"],
            "target_qualifier": filled["qualifier"],
        }
    )
    ids = dict(zip(published["year"], published["source_id"], strict=True))
    path["target_source_id"] = [
        ids.get(y, "") if s == "published" else ""
        for y, s in zip(path["year"], path["target_status"], strict=True)
    ]
    path["target_source_ids"] = [";".join(ids[y] for y in basis) for basis in filled["basis_years"]]
    original = _yearly(series, TARGET_ORIGINAL_PATH)
    reset_year = int(original["year"].min())
    before = published[(published["kind"] == "yearly") & (published["year"] < reset_year)]
    orig = pd.concat(
        [before[["year", "value", "source_id"]], original[["year", "value", "source_id"]]],
        ignore_index=True,
    )
    path = path.merge(
        orig.rename(columns={"value": "original_path", "source_id": "original_path_source_id"}),
        on="year",
        how="left",
    )
    provisional = _yearly(series, TARGET_PROVISIONAL)[["year", "value", "source_id"]]
    path = path.merge(
        provisional.rename(columns={"value": "provisional", "source_id": "provisional_source_id"}),
        on="year",
        how="left",
    )
    for column in ("original_path_source_id", "provisional_source_id"):
        path[column] = path[column].fillna("").astype(str)
    return path[PATH_COLUMNS]


def year_end_realised(series: pd.DataFrame) -> pd.DataFrame:
    """The realised ``working`` figure at 31 December of each year that has one."""
    rows = metric_series(series, WORKING)
    dates = rows["reference_date"]
    rows = rows[(dates.dt.month == 12) & (dates.dt.day == 31)].copy()
    rows["year"] = rows["reference_date"].dt.year.astype(int)
    out = rows.rename(
        columns={
            "value": "working",
            "qualifier": "working_qualifier",
            "unit": "working_unit",
            "source_id": "working_source_id",
            "period_precision": "working_precision",
        }
    )
    columns = [
        "year",
        "working",
        "working_qualifier",
        "working_unit",
        "working_source_id",
        "working_precision",
    ]
    return out[columns].reset_index(drop=True)


def realisation(path: pd.DataFrame, realised: pd.DataFrame) -> pd.DataFrame:
    """Ratio (realised / target) and gap (target - realised, places short) per year.

    Only years with both a target and a realised year-end figure. The same is computed against
    the original (pre-reset) path where that path has a target for the year.
    """
    frame = realised.merge(path, on="year", how="inner")
    frame["ratio"] = frame["working"] / frame["target"]
    frame["gap"] = frame["target"] - frame["working"]
    frame["ratio_qualifier"] = [
        ratio_qualifier(w, t)
        for w, t in zip(frame["working_qualifier"], frame["target_qualifier"], strict=True)
    ]
    frame["gap_qualifier"] = [
        difference_qualifier(t, w)
        for w, t in zip(frame["working_qualifier"], frame["target_qualifier"], strict=True)
    ]
    frame["ratio_original_path"] = frame["working"] / frame["original_path"]
    frame["gap_original_path"] = frame["original_path"] - frame["working"]
    has_original = frame["original_path"].notna()
    frame["original_path_qualifier"] = np.where(
        has_original,
        [ratio_qualifier(w, "exact") for w in frame["working_qualifier"]],
        "",
    )
    frame["original_gap_qualifier"] = np.where(
        has_original,
        [difference_qualifier("exact", w) for w in frame["working_qualifier"]],
        "",
    )
    columns = [
        "year",
        "target",
        "target_status",
        "target_source_id",
        "target_source_ids",
        "working",
        "working_qualifier",
        "working_unit",
        "working_source_id",
        "working_precision",
        "ratio",
        "ratio_qualifier",
        "gap",
        "gap_qualifier",
        "original_path",
        "ratio_original_path",
        "gap_original_path",
        "original_path_qualifier",
        "original_gap_qualifier",
    ]
    return frame[columns].sort_values("year", kind="stable").reset_index(drop=True)


def pace(path: pd.DataFrame, realised: pd.DataFrame) -> pd.DataFrame:
    """Per realised year end: the pace needed for the next year's target and for the goal.

    ``needed_next`` = target(year + 1) - realised(year) (places in one year); ``needed_goal`` =
    (goal - realised) / (goal year - year), the goal being the last year of the path;
    ``realised_pace`` = (next realised year end - this one) / years between them, averaged over
    the span where year ends are missing (``realised_span_years`` > 1).
    """
    targets = path.set_index("year")
    goal_year = int(path["year"].max())
    goal = float(targets.loc[goal_year, "target"])
    goal_qualifier = targets.loc[goal_year, "target_qualifier"]
    realised = realised.sort_values("year", kind="stable").reset_index(drop=True)
    rows = []
    for i, row in realised.iterrows():
        year, working, wq = int(row["year"]), float(row["working"]), row["working_qualifier"]
        record: dict[str, object] = {"year": year, "working": working, "working_qualifier": wq}
        if year + 1 in targets.index:
            nxt = targets.loc[year + 1]
            record.update(
                next_target_year=year + 1,
                next_target=float(nxt["target"]),
                next_target_status=nxt["target_status"],
                needed_next=float(nxt["target"]) - working,
                needed_next_qualifier=difference_qualifier(nxt["target_qualifier"], wq),
            )
        else:
            record.update(
                next_target_year=np.nan,
                next_target=np.nan,
                next_target_status="",
                needed_next=np.nan,
                needed_next_qualifier="",
            )
        if year < goal_year:
            record.update(
                needed_goal=(goal - working) / (goal_year - year),
                needed_goal_qualifier=difference_qualifier(goal_qualifier, wq),
            )
        else:
            record.update(needed_goal=np.nan, needed_goal_qualifier="")
        if i + 1 < len(realised):
            later = realised.iloc[i + 1]
            span = int(later["year"]) - year
            record.update(
                realised_pace=(float(later["working"]) - working) / span,
                realised_span_years=span,
                realised_pace_qualifier=difference_qualifier(later["working_qualifier"], wq),
            )
        else:
            record.update(
                realised_pace=np.nan, realised_span_years=np.nan, realised_pace_qualifier=""
            )
        rows.append(record)
    return pd.DataFrame(rows)


def year_reached(start_year: int, start_value: float, yearly_pace: float, goal: float) -> float:
    """First year end at which a linear continuation of ``yearly_pace`` reaches ``goal``.

    NaN if the pace is not positive and the goal is not yet reached.
    """
    if start_value >= goal:
        return float(start_year)
    if not yearly_pace > 0:
        return float("nan")
    return float(start_year + math.ceil((goal - start_value) / yearly_pace))
