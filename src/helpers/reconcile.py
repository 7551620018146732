"""Reconcile the register's statements into one figure per metric and reference date.

The rule (ASSUMPTIONS.md#a1 to #a4), applied per metric:

1. **Date attribution** (time series only). When different publications attach the same figure
   (same value and unit) to different reference dates, the date given by the best-ranked of those
   statements stands; the others are ``rejected_date`` and do not count at the date they give.
2. **Grouping.** Statements are grouped by reference date (undated statements form their own
   group). A policy constant (target_structural, ambition_total, ...) is one group whatever the
   date.
3. **Selection.** In each group the best-ranked statement is ``selected``. Ranking, first
   difference decides: source kind (official > secondary > advocacy); precision of the reference
   period (day > month > quarter > half-year > year > span > none); number of statements in the
   group that give the same figure; qualifier (exact > approximate > bound); lowest row id.
4. Statements in the group that give the selected figure are ``corroborating`` (listed in
   ``source_ids``); those that give another figure are ``superseded``.

Every disagreement is recorded as a conflict: ``value`` (different figures for one metric and
date), ``date`` (one figure, several dates) and ``qualifier`` (same figure, different qualifier).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from helpers.periods import PRECISION_RANK
from helpers.vocabulary import METRICS, SOURCE_KINDS

QUALIFIER_RANK = {"exact": 0, "approximate": 1, "lower_bound": 2, "upper_bound": 2}
APPROXIMATE_TOLERANCE = 0.10  # "circa X" is taken to mean within 10% of X (ASSUMPTIONS.md#a3)
UNDATED = "undated"


@dataclass
class Reconciled:
    """Decisions per statement, the series and the conflicts."""

    decisions: pd.DataFrame  # id, decision, reason, series_date
    series: pd.DataFrame
    conflicts: pd.DataFrame


def _date_key(row: pd.Series) -> str:
    return row["reference_date"].isoformat() if row["reference_date"] else UNDATED


def _publication(row: pd.Series) -> tuple[str, str]:
    return (row["publisher"], row["title"])


def _rank_key(row: pd.Series, support: int) -> tuple:
    return (
        SOURCE_KINDS.index(row["source_kind"]),
        PRECISION_RANK[row["period_precision"]],
        -support,
        QUALIFIER_RANK[row["qualifier"]],
        int(row["id"][1:]),
    )


def _why_first(best: pd.Series, best_support: int, other: pd.Series, other_support: int) -> str:
    """The ranking criterion on which ``best`` beats ``other``, in words."""
    if best["source_kind"] != other["source_kind"]:
        return f"{best['source_kind']} source over {other['source_kind']}"
    if best["period_precision"] != other["period_precision"]:
        return (
            f"period stated to the {best['period_precision'].replace('_', '-')} "
            f"over {other['period_precision'].replace('_', '-')}"
        )
    if best_support != other_support:
        return f"figure stated {best_support} times over {other_support}"
    if QUALIFIER_RANK[best["qualifier"]] != QUALIFIER_RANK[other["qualifier"]]:
        return f"{best['qualifier']} over {other['qualifier'].replace('_', ' ')}"
    return "equal rank; lowest row id"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def consistent(kept: float, other: float, qualifier: str) -> bool:
    """Whether the kept figure agrees with another statement read with its qualifier."""
    if qualifier == "lower_bound":
        return kept >= other
    if qualifier == "upper_bound":
        return kept <= other
    if qualifier == "approximate":
        return abs(kept - other) <= APPROXIMATE_TOLERANCE * abs(other)
    return _same(kept, other)


def _attribute_dates(rows: pd.DataFrame) -> tuple[dict[str, tuple[str, str]], list[dict]]:
    """Rule 1: reject dates that a better-ranked statement of the same figure contradicts."""
    rejected: dict[str, tuple[str, str]] = {}
    conflicts = []
    dated = rows[rows["reference_date"].notna()]
    for (_, _unit), figure in dated.groupby(["value", "unit"], sort=True):
        dates = sorted(set(figure.apply(_date_key, axis=1)))
        publications = {_publication(r) for _, r in figure.iterrows()}
        if len(dates) < 2 or len(publications) < 2:
            continue
        ranked = sorted(figure.iterrows(), key=lambda item: _rank_key(item[1], 1))
        best = ranked[0][1]
        best_date = _date_key(best)
        losers = sorted(
            (r for _, r in ranked if _date_key(r) != best_date), key=lambda r: int(r["id"][1:])
        )
        for loser in losers:
            rejected[loser["id"]] = (
                f"the same figure is dated {best_date} by {best['id']} "
                f"({_why_first(best, 1, loser, 1)}); not counted at {_date_key(loser)}",
                best["id"],
            )
        conflicts.append(
            {
                "kind": "date",
                "metric": best["metric"],
                "reference_dates": ";".join(dates),
                "source_ids": ";".join(sorted(figure["id"], key=lambda i: int(i[1:]))),
                "values": " | ".join(
                    f"{r['id']}: {r['value_as_published']} at {_date_key(r)}"
                    for _, r in sorted(figure.iterrows(), key=lambda x: int(x[1]["id"][1:]))
                ),
                "kept_id": best["id"],
                "consistent": "",
                "resolution": (
                    f"dated {best_date} as {best['id']} states it "
                    f"({best['source_kind']}, {best['period_precision'].replace('_', '-')}); "
                    f"{', '.join(r['id'] for r in losers)} not counted at their dates"
                ),
            }
        )
    return rejected, conflicts


def _select(group: pd.DataFrame) -> tuple[pd.Series, list[tuple[pd.Series, int]]]:
    """Rule 3: rank the statements of one group; return the best and all with their support."""
    support = {
        row["id"]: int(sum(_same(row["value"], v) for v in group["value"]))
        for _, row in group.iterrows()
    }
    ranked = sorted(
        ((row, support[row["id"]]) for _, row in group.iterrows()),
        key=lambda item: _rank_key(item[0], item[1]),
    )
    return ranked[0][0], ranked


def _decide_group(
    metric: str,
    best: pd.Series,
    ranked: list[tuple[pd.Series, int]],
    single: bool,
    decisions: dict[str, dict],
) -> list[str]:
    """Rules 3 and 4 for one group: record each decision; return the supporting ids, best first."""
    best_date = _date_key(best)
    best_support = ranked[0][1]
    supporting = [best["id"]]
    if len(ranked) == 1:
        reason = f"the only statement for {metric} at {best_date}"
    else:
        runner_up, runner_up_support = ranked[1]
        reason = f"ranked first of {len(ranked)}: " + _why_first(
            best, best_support, runner_up, runner_up_support
        )
    decisions[best["id"]] = {"decision": "selected", "reason": reason}
    for row, support in sorted(ranked[1:], key=lambda item: int(item[0]["id"][1:])):
        why = _why_first(best, best_support, row, support)
        if not _same(row["value"], best["value"]):
            decision = "superseded"
            reason = f"{best['id']} gives {best['value_as_published']} ({why})"
        elif single and _date_key(row) not in (best_date, UNDATED):
            decision = "rejected_date"
            reason = (
                f"same figure as {best['id']} but dated {_date_key(row)}; "
                f"{best['id']} dates it {best_date} ({why})"
            )
        else:
            decision = "corroborating"
            reason = f"gives the same figure as the selected {best['id']}"
            supporting.append(row["id"])
        decisions[row["id"]] = {"decision": decision, "reason": reason}
    return supporting


def reconcile(register: pd.DataFrame) -> Reconciled:
    """Apply the rule to a validated register (as returned by read_register)."""
    decisions: dict[str, dict] = {}
    conflicts: list[dict] = []
    series_rows = []

    for metric in sorted(register["metric"].unique()):
        rows = register[register["metric"] == metric]
        single = METRICS[metric].single_valued
        rejected = {}
        if not single:
            rejected, date_conflicts = _attribute_dates(rows)
            conflicts += date_conflicts
        for row_id, (reason, _) in rejected.items():
            decisions[row_id] = {"decision": "rejected_date", "reason": reason, "series_date": ""}

        if single:
            groups = [(None, rows)]
        else:
            keys = rows.apply(_date_key, axis=1)
            groups = [(k, rows[keys == k]) for k in sorted(set(keys))]

        for key, all_in_group in groups:
            active = all_in_group[~all_in_group["id"].isin(rejected)]
            if active.empty:
                continue
            best, ranked = _select(active)
            best_date = _date_key(best)
            supporting = _decide_group(metric, best, ranked, single, decisions)
            series_date = "" if best_date == UNDATED else best_date
            for row_id in active["id"]:
                decisions[row_id]["series_date"] = series_date if row_id in supporting else ""
            series_rows.append(
                {
                    "metric": metric,
                    "reference_date": series_date,
                    "period_precision": best["period_precision"],
                    "reference_period": best["reference_period"],
                    "value": best["value"],
                    "qualifier": best["qualifier"],
                    "unit": best["unit"],
                    "value_as_published": best["value_as_published"],
                    "source_id": best["id"],
                    "source_kind": best["source_kind"],
                    "publisher": best["publisher"],
                    "source_ids": ";".join(supporting),
                    "n_sources": len(supporting),
                    "_group": (metric, key),
                }
            )
            conflicts += _group_conflicts(metric, all_in_group, best, decisions, single)

    conflicts_frame = _number_conflicts(conflicts)
    series = pd.DataFrame(series_rows)
    series["conflict_ids"] = [
        _conflicts_for(conflicts_frame, row["metric"], row["reference_date"], row["source_ids"])
        for _, row in series.iterrows()
    ]
    series = series.drop(columns="_group")
    series["_undated"] = series["reference_date"] == ""
    series = (
        series.sort_values(["metric", "_undated", "reference_date"], kind="stable")
        .drop(columns="_undated")
        .reset_index(drop=True)
    )
    decision_frame = pd.DataFrame(
        [{"id": i, **d} for i, d in decisions.items()],
        columns=["id", "decision", "reason", "series_date"],
    )
    return Reconciled(decision_frame, series, conflicts_frame)


def _group_conflicts(
    metric: str, group: pd.DataFrame, best: pd.Series, decisions: dict, single: bool
) -> list[dict]:
    """Value and qualifier conflicts among all statements of one group (rejected ones too)."""
    out = []
    ordered = sorted(group.iterrows(), key=lambda x: int(x[1]["id"][1:]))
    dates = sorted({_date_key(r) for _, r in ordered})
    ids = ";".join(r["id"] for _, r in ordered)
    listing = " | ".join(
        f"{r['id']}: {r['value_as_published']}" + (f" at {_date_key(r)}" if single else "")
        for _, r in ordered
    )
    distinct_values = {round(float(r["value"]), 9) for _, r in ordered}
    if len(distinct_values) > 1:
        others = [r for _, r in ordered if not _same(r["value"], best["value"])]
        agree = all(consistent(best["value"], r["value"], r["qualifier"]) for r in others)
        where = "" if single else f" at {dates[0]}"
        out.append(
            {
                "kind": "value",
                "metric": metric,
                "reference_dates": ";".join(dates),
                "source_ids": ids,
                "values": listing,
                "kept_id": best["id"],
                "consistent": "true" if agree else "false",
                "resolution": f"kept {best['value_as_published']} ({best['id']}){where}; "
                + "; ".join(
                    f"{r['id']} {decisions[r['id']]['decision']}: {decisions[r['id']]['reason']}"
                    for r in others
                ),
            }
        )
    same_value = [r for _, r in ordered if _same(r["value"], best["value"])]
    value_dates = sorted({_date_key(r) for r in same_value} - {UNDATED})
    if single and len(value_dates) > 1:
        others = [r for r in same_value if _date_key(r) not in (_date_key(best), UNDATED)]
        out.append(
            {
                "kind": "date",
                "metric": metric,
                "reference_dates": ";".join(value_dates),
                "source_ids": ";".join(r["id"] for r in same_value),
                "values": " | ".join(
                    f"{r['id']}: {r['value_as_published']} at {_date_key(r)}" for r in same_value
                ),
                "kept_id": best["id"],
                "consistent": "",
                "resolution": f"dated {_date_key(best)} as {best['id']} states it; "
                + "; ".join(f"{r['id']}: {decisions[r['id']]['reason']}" for r in others),
            }
        )
    qualifiers = {r["qualifier"] for r in same_value}
    if len(qualifiers) > 1:
        out.append(
            {
                "kind": "qualifier",
                "metric": metric,
                "reference_dates": ";".join(sorted({_date_key(r) for r in same_value})),
                "source_ids": ";".join(r["id"] for r in same_value),
                "values": " | ".join(f"{r['id']}: {r['value_as_published']}" for r in same_value),
                "kept_id": best["id"],
                "consistent": "true",
                "resolution": f"kept the qualifier of {best['id']} ({best['qualifier']}); "
                "the figure is the same",
            }
        )
    return out


def _number_conflicts(conflicts: list[dict]) -> pd.DataFrame:
    columns = [
        "conflict_id", "kind", "metric", "reference_dates", "source_ids", "values",
        "kept_id", "consistent", "resolution",
    ]  # fmt: skip
    ordered = sorted(
        conflicts,
        key=lambda c: (
            c["metric"],
            c["reference_dates"],
            ["date", "value", "qualifier"].index(c["kind"]),
        ),
    )
    for number, conflict in enumerate(ordered, start=1):
        conflict["conflict_id"] = f"C{number:02d}"
    return pd.DataFrame(ordered, columns=columns)


def _conflicts_for(conflicts: pd.DataFrame, metric: str, date: str, source_ids: str) -> str:
    """The conflicts that touch a series row: its metric and date, or one of its statements."""
    key = date or UNDATED
    ids = set(source_ids.split(";"))
    found = []
    for _, conflict in conflicts[conflicts["metric"] == metric].iterrows():
        if key in conflict["reference_dates"].split(";") or ids & set(
            conflict["source_ids"].split(";")
        ):
            found.append(conflict["conflict_id"])
    return ";".join(found)


def decisions_by_id(reconciled: Reconciled) -> dict[str, dict]:
    """Decision, reason and series date per statement id."""
    return {row["id"]: row.to_dict() for _, row in reconciled.decisions.iterrows()}


def group_counts(reconciled: Reconciled) -> dict[str, int]:
    """How many statements got each decision."""
    counts: dict[str, int] = defaultdict(int)
    for decision in reconciled.decisions["decision"]:
        counts[decision] += 1
    return dict(sorted(counts.items()))
