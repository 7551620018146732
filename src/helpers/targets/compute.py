"""The realisation of beschut werk against the national target path, and the pace needed.

The path itself (year-end numbers of places; years without a published target filled by a
stated rule, ASSUMPTIONS.md#p1) is built by helpers.taakstelling. The realisation compares the
realised year-end figure of ``working`` (persons, or places in the earliest source;
ASSUMPTIONS.md#p2) with the target in force; qualifiers carry through (helpers.qualifiers).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.params import notebook_parameters
from helpers.processed import metric_series
from helpers.qualifiers import difference_qualifier, ratio_qualifier


def validate_parameters(
    processed_dir: str, output_dir: str, language: str, target_interpolation: str
) -> dict[str, object]:
    """Check the parameters of 03_targets_gap; return the resolved paths and choices."""
    return notebook_parameters("03_targets_gap", locals())


def year_end_realised(series: pd.DataFrame) -> pd.DataFrame:
    """The realised ``working`` figure at 31 December of each year that has one."""
    rows = metric_series(series, "working")
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
