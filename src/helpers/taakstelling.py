"""The taakstelling path: the yearly national target for beschut werk in force at each year end.

Shared by the analyses that set figures against it (helpers.targets for 03, helpers.trajectory
for the funded path of 02); it imports no analysis. Taakstellingen are year-end numbers of places.
Years without a published taakstelling are filled by a stated rule (ASSUMPTIONS.md#p1) and marked
``assumed``.
"""

from __future__ import annotations

import math

import pandas as pd

from helpers.params import check_choice
from helpers.processed import metric_series, single_value
from helpers.qualifiers import propagate

INTERPOLATIONS = ("linear", "previous")

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
    yearly = _yearly(series, "target")
    yearly["kind"] = "yearly"
    structural = single_value(series, "target_structural")
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
    check_choice("target_interpolation", method, INTERPOLATIONS)
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
    original = _yearly(series, "target_original_path")
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
    provisional = _yearly(series, "target_provisional")[["year", "value", "source_id"]]
    path = path.merge(
        provisional.rename(columns={"value": "provisional", "source_id": "provisional_source_id"}),
        on="year",
        how="left",
    )
    for column in ("original_path_source_id", "provisional_source_id"):
        path[column] = path[column].fillna("").astype(str)
    return path[PATH_COLUMNS]
