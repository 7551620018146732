"""The entries of the "trajectory" section of results.json (written by ``pipeline.key_numbers``).

The prose built from them is in :mod:`.text`, the shown tables in :mod:`.tables`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers.pace import OBSERVED_PACE_DEFINITION
from helpers.periods import decimal_year
from helpers.trajectory.goals import CHECK_YEARS
from helpers.vocabulary import TARGET_STRUCTURAL

PACE_YEARS = (2030, 2048)


def goal_deadlines(sources: pd.DataFrame) -> dict[int, int | None]:
    """Goal -> the year it is due (the structural goal's reference year); None: no deadline."""
    out: dict[int, int | None] = {}
    for row in sources.itertuples(index=False):
        dated = row.metric == TARGET_STRUCTURAL and row.reference_date
        out[int(row.goal)] = int(str(row.reference_date)[:4]) if dated else None
    return out


def goal_source_ids(sources: pd.DataFrame, goal: int) -> list[str]:
    """Register ids behind a goal (empty for a user goal)."""
    row = sources[sources["goal"] == goal]
    ids = str(row["source_ids"].iloc[0]) if len(row) else ""
    return [i for i in ids.split(";") if i]


def observation_record(row: pd.Series) -> dict[str, object]:
    """One observation as results.json writes it."""
    return {
        "date": row["reference_date"].strftime("%Y-%m-%d"),
        "value": float(row["value"]),
        "qualifier": str(row["qualifier"]),
        "source_id": str(row["source_id"]),
    }


def left_out(
    working: pd.DataFrame, fit_end: int, model=None, interval: float = 0.8
) -> list[dict[str, object]]:
    """Working observations dated after the fit window's last year (a pinned fit_end); with a
    fitted ``model``, each with the model's predictive band for a PUBLISHED figure on its date
    (the level plus its measurement error: ``model.predict``) and whether it falls inside."""
    later = working[working["reference_date"].dt.year > fit_end]
    later = later.sort_values("reference_date", kind="stable")
    records = [observation_record(row) for _, row in later.iterrows()]
    if model is not None and records:
        band = model.predict(decimal_year(later["reference_date"]), interval)
        for record, (lo, hi) in zip(records, band[["lower", "upper"]].to_numpy(), strict=True):
            if np.isfinite(lo) and np.isfinite(hi):
                record["published_band"] = {
                    "model": model.name,
                    "interval": interval,
                    "low": round(float(lo)),
                    "high": round(float(hi)),
                    "inside": bool(lo <= record["value"] <= hi),
                }
    return records


def required_pace(latest: pd.Series, goal: int, years: Sequence[int] = PACE_YEARS) -> dict:
    """People per year it would take from the latest observation to the goal by 31 December."""
    t = float(decimal_year([latest["reference_date"]])[0])
    return {
        str(year): round((goal - float(latest["value"])) / (year + 1.0 - t))
        for year in years
        if year + 1.0 > t
    }


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def goal_entry(
    goal_years: pd.DataFrame,
    goal: int,
    deadline: int | None,
    headline: str,
    latest: pd.Series,
    deadlines: Sequence[int] = (),
) -> dict[str, object]:
    """The results.json entry of one goal (``trajectory.goals.<goal>``).

    A goal with no deadline gets no pace "by" a year that is another goal's deadline
    (``deadlines``): 50,000 is never measured against 30,000's 2048 as if it were its own.
    """
    pace_years = [y for y in PACE_YEARS if deadline is not None or y not in deadlines]
    part = goal_years[goal_years["goal"] == goal].set_index("model")
    head = part.loc[headline]
    medians = part["median_year"]
    return {
        "deadline": deadline,
        "median_year": _int_or_none(head["median_year"]),
        "low_year": _int_or_none(head["low_year"]),
        "high_year": _int_or_none(head["high_year"]),
        "p_by": (
            {str(y): float(head[f"p_by_{y}"]) for y in CHECK_YEARS} if deadline is not None else {}
        ),
        "p_never": float(head["p_never"]),
        "required_pace": required_pace(latest, goal, pace_years),
        "spread": {
            "low_year": _int_or_none(medians.min()) if medians.notna().any() else None,
            "high_year": None if medians.isna().any() else _int_or_none(medians.max()),
            "models": list(part.index),
        },
    }


def pace_record(observations: pd.DataFrame, pace: float, first: int, last: int) -> dict:
    """The observed pace with its two observations and their sources."""
    a, b = observations.iloc[first], observations.iloc[last]
    return {
        "per_year": round(pace),
        "from_date": a["reference_date"].strftime("%Y-%m-%d"),
        "to_date": b["reference_date"].strftime("%Y-%m-%d"),
        "source_ids": [str(a["source_id"]), str(b["source_id"])],
        "definition": OBSERVED_PACE_DEFINITION,
    }


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """A table as JSON records with NaN as null."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")
