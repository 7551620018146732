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

Outliers never win silently (ASSUMPTIONS.md#d12): a statement more than
``DISAGREEMENT_FACTOR`` away from the figure most statements of its group agree on, and a stock
whose series value is ``JUMP_FACTOR`` times away from its neighbours, are returned in
``Reconciled.outliers``; the cleaning step stops on them unless the row's note holds the token
``[accepted outlier: <why>]``.

Everything is linear (or n log n) in the number of statements: rows are plain dicts grouped
with dictionaries, and conflicts are looked up through an index.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from helpers.periods import PRECISION_RANK, parse_period
from helpers.register import progress
from helpers.vocabulary import METRICS, SOURCE_KINDS, WORKING, WORKING_GROWTH

QUALIFIER_RANK = {"exact": 0, "approximate": 1, "lower_bound": 2, "upper_bound": 2}
APPROXIMATE_TOLERANCE = 0.10  # "circa X" is taken to mean within 10% of X (ASSUMPTIONS.md#a3)
UNDATED = "undated"
DISAGREEMENT_FACTOR = 1.5  # statements for one metric and date further apart stop the cleaning
JUMP_FACTOR = 10.0  # a stock this many times away from its series neighbours stops the cleaning
PLAUSIBILITY_KINDS = ("stock", "cumulative")  # metrics whose series must move smoothly
ACCEPTED_OUTLIER = re.compile(r"\[accepted outlier:\s*([^\]]*?\S)\s*\]")
GROWTH_TOLERANCE = 0.10  # a stated growth agrees with the series within 10% (#d9)
Row = dict  # one register statement: the columns of read_register's frame


@dataclass
class Reconciled:
    """Decisions per statement, the series and the conflicts."""

    decisions: pd.DataFrame  # id, decision, reason, series_date
    series: pd.DataFrame
    conflicts: pd.DataFrame
    outliers: list[dict] = field(default_factory=list)  # id, column, message, accepted


def _date_key(row: Row) -> str:
    return row["reference_date"].isoformat() if row["reference_date"] else UNDATED


def _number(row: Row) -> int:
    return int(row["id"][1:])


def _publication(row: Row) -> tuple[str, str]:
    return (row["publisher"], row["title"])


def _rank_key(row: Row, support: int) -> tuple:
    return (
        SOURCE_KINDS.index(row["source_kind"]),
        PRECISION_RANK[row["period_precision"]],
        -support,
        QUALIFIER_RANK[row["qualifier"]],
        int(row["id"][1:]),
    )


def _why_first(best: Row, best_support: int, other: Row, other_support: int) -> str:
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


def _attribute_dates(rows: list[Row]) -> tuple[dict[str, tuple[str, str]], list[dict]]:
    """Rule 1: reject dates that a better-ranked statement of the same figure contradicts."""
    rejected: dict[str, tuple[str, str]] = {}
    conflicts = []
    figures: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if row["reference_date"] is not None:
            figures[(row["value"], row["unit"])].append(row)
    for key in sorted(figures):
        figure = figures[key]
        dates = sorted({_date_key(r) for r in figure})
        publications = {_publication(r) for r in figure}
        if len(dates) < 2 or len(publications) < 2:
            continue
        ranked = sorted(figure, key=lambda r: _rank_key(r, 1))
        best = ranked[0]
        best_date = _date_key(best)
        losers = sorted((r for r in ranked if _date_key(r) != best_date), key=_number)
        for loser in losers:
            rejected[loser["id"]] = (
                f"the same figure is dated {best_date} by {best['id']} "
                f"({_why_first(best, 1, loser, 1)}); not counted at {_date_key(loser)}",
                best["id"],
            )
        by_id = sorted(figure, key=_number)
        conflicts.append(
            {
                "kind": "date",
                "metric": best["metric"],
                "reference_dates": ";".join(dates),
                "source_ids": ";".join(r["id"] for r in by_id),
                "values": " | ".join(
                    f"{r['id']}: {r['value_as_published']} at {_date_key(r)}" for r in by_id
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


def _select(group: list[Row]) -> tuple[Row, list[tuple[Row, int]]]:
    """Rule 3: rank the statements of one group; return the best and all with their support."""
    counts = Counter(row["value"] for row in group)
    ranked = sorted(
        (
            (row, sum(n for value, n in counts.items() if _same(row["value"], value)))
            for row in group
        ),
        key=lambda item: _rank_key(item[0], item[1]),
    )
    return ranked[0][0], ranked


def _decide_group(
    metric: str,
    best: Row,
    ranked: list[tuple[Row, int]],
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
    for row, support in sorted(ranked[1:], key=lambda item: _number(item[0])):
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
    outliers: list[dict] = []
    by_metric: dict[str, list[Row]] = defaultdict(list)
    for row in register.to_dict("records"):
        by_metric[row["metric"]].append(row)

    bar = progress(len(register), "reconciling")
    for metric in sorted(by_metric):
        rows = by_metric[metric]
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
            by_date: dict[str, list[Row]] = defaultdict(list)
            for row in rows:
                by_date[_date_key(row)].append(row)
            groups = sorted(by_date.items())

        metric_series = []
        for _key, all_in_group in groups:
            bar.update(len(all_in_group))
            active = [row for row in all_in_group if row["id"] not in rejected]
            if not active:
                continue
            best, ranked = _select(active)
            best_date = _date_key(best)
            supporting = _decide_group(metric, best, ranked, single, decisions)
            series_date = "" if best_date == UNDATED else best_date
            for row in active:
                decisions[row["id"]]["series_date"] = series_date if row["id"] in supporting else ""
            outliers += _disagreements(metric, best_date, [row for row, _ in ranked])
            metric_series.append((best, supporting, series_date))
            conflicts += _group_conflicts(metric, all_in_group, best, decisions, single)
        if METRICS[metric].kind in PLAUSIBILITY_KINDS:
            outliers += _jumps(metric, [(best, d) for best, _, d in metric_series if d])
        series_rows += [
            _series_row(best, supporting, date) for best, supporting, date in metric_series
        ]

    bar.close()
    if WORKING_GROWTH in by_metric:
        _check_growth(by_metric[WORKING_GROWTH], by_metric.get(WORKING, []), decisions)
    for outlier in outliers:
        if outlier["accepted"]:
            decisions[outlier["id"]]["reason"] += (
                f"; accepted outlier ({outlier['accepted']}): {outlier['message']}"
            )
    conflicts_frame = _number_conflicts(conflicts)
    series = pd.DataFrame(series_rows)
    series["conflict_ids"] = _conflicts_for(conflicts_frame, series)
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
    return Reconciled(decision_frame, series, conflicts_frame, outliers)


def _series_row(best: Row, supporting: list[str], series_date: str) -> dict:
    """One row of series.csv: the selected statement and the ids supporting it."""
    return {
        "metric": best["metric"],
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
    }


def accepted_outlier(note: str) -> str:
    """The reason given by an ``[accepted outlier: <why>]`` token in a note ('' if none)."""
    match = ACCEPTED_OUTLIER.search(note or "")
    return match.group(1) if match else ""


def _ratio(a: float, b: float) -> float:
    """How many times the larger of two figures is the smaller (inf if only one is zero)."""
    low, high = sorted((abs(a), abs(b)))
    if high == 0:
        return 1.0
    return high / low if low else float("inf")


def _figure(key: tuple[float, str]) -> Row:
    return {"value": key[0], "qualifier": key[1]}


def _far(a: Row, b: Row, factor: float = DISAGREEMENT_FACTOR) -> bool:
    """Whether two statements disagree by more than ``factor`` (a bound they satisfy agrees)."""
    if _ratio(a["value"], b["value"]) <= factor:
        return False
    return not (
        consistent(a["value"], b["value"], b["qualifier"])
        and b["qualifier"] in ("lower_bound", "upper_bound")
    ) and not (
        consistent(b["value"], a["value"], a["qualifier"])
        and a["qualifier"] in ("lower_bound", "upper_bound")
    )


def _outlier(row: Row, message: str) -> dict:
    return {
        "id": row["id"],
        "column": "value_as_published",
        "message": message,
        "accepted": accepted_outlier(row["note"]),
    }


def _disagreements(metric: str, date_key: str, ranked: list[Row]) -> list[dict]:
    """Statements further than DISAGREEMENT_FACTOR from the figure most of the group agree on.

    The reference figure is the statement that the most statements agree with (ties: the best
    ranked), so a single wrong statement is named even when it ranks first.
    """
    if len(ranked) < 2 or len({row["value"] for row in ranked}) < 2:
        return []
    # statements differ only by value and qualifier here: count per distinct pair (linear time)
    figures = Counter((row["value"], row["qualifier"]) for row in ranked)
    agreeing = {
        a: sum(n for b, n in figures.items() if not _far(_figure(a), _figure(b))) for a in figures
    }
    most = max(agreeing.values())
    reference = next(r for r in ranked if agreeing[(r["value"], r["qualifier"])] == most)
    backing = [r["id"] for r in ranked if not _far(r, reference)]
    found = []
    for row in sorted(ranked, key=_number):
        if row is reference or not _far(row, reference):
            continue
        found.append(
            _outlier(
                row,
                f"{row['value_as_published']!r} ({metric} at {date_key}) is "
                f"{_ratio(row['value'], reference['value']):.1f} times the "
                f"{reference['value_as_published']} of {', '.join(backing)} for the same metric "
                f"and date (more than the factor {DISAGREEMENT_FACTOR:g} allowed)",
            )
        )
    return found


def _jumps(metric: str, points: list[tuple[Row, str]]) -> list[dict]:
    """Series values of a stock that are JUMP_FACTOR times away from their neighbours.

    A point far from both its neighbours is a spike and is named; any other jump names the later
    point (where the series jumps), except a first point far from a second point that agrees
    with the third (the first point is off).
    """
    points = sorted(points, key=lambda point: point[1])
    far = [
        _ratio(points[i][0]["value"], points[i + 1][0]["value"]) >= JUMP_FACTOR
        for i in range(len(points) - 1)
    ]
    spikes = {i for i in range(1, len(far)) if far[i - 1] and far[i]}
    flagged = set(spikes)
    for i, jump in enumerate(far):
        if not jump or i in spikes or i + 1 in spikes:
            continue
        first_is_off = i == 0 and i + 1 < len(far) and not far[i + 1]
        flagged.add(i if first_is_off else i + 1)
    found = []
    for i in sorted(flagged):
        row, date = points[i]
        neighbours = [points[j] for j in (i - 1, i + 1) if 0 <= j < len(points)]
        found.append(
            _outlier(
                row,
                f"{row['value_as_published']!r} ({metric} at {date}) jumps "
                + " and ".join(
                    f"{_ratio(row['value'], n['value']):.1f}-fold against {n['id']} "
                    f"({n['value_as_published']} at {d})"
                    for n, d in neighbours
                )
                + f" (a stock moving {JUMP_FACTOR:g}-fold between two figures is implausible)",
            )
        )
    return found


def _interpolate(points: list[tuple[str, float, str]], day: str) -> tuple | None:
    """Linear interpolation of (date, value, id) points at ``day``; None outside their range."""
    before = [p for p in points if p[0] <= day]
    after = [p for p in points if p[0] >= day]
    if not before or not after:
        return None
    (d0, v0, i0), (d1, v1, i1) = before[-1], after[0]
    if d0 == d1:
        return v0, f"{i0} at {d0}"
    t0, t1, t = (pd.Timestamp(x).toordinal() for x in (d0, d1, day))
    value = v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    return value, f"{i0} at {d0} and {i1} at {d1}"


def _check_growth(growths: list[Row], working: list[Row], decisions: dict[str, dict]) -> None:
    """A stated growth of working is a cross-check of the series, never an observation.

    The level at the start of the growth span implied by the series' figure at its end is
    compared with the series interpolated at the start; the outcome goes into the reason.
    """
    points = sorted(
        (decisions[r["id"]]["series_date"], r["value"], r["id"])
        for r in working
        if decisions.get(r["id"], {}).get("decision") == "selected"
        and decisions[r["id"]]["series_date"]
    )
    for growth in growths:
        decision = decisions[growth["id"]]
        if decision["decision"] != "selected":
            continue
        first = growth["reference_period"].split("/")[0]
        start = parse_period(first).end.isoformat() if "/" in growth["reference_period"] else ""
        end = growth["reference_date"].isoformat() if growth["reference_date"] else ""
        at_end = [p for p in points if p[0] == end]
        prefix = "a cross-check of the working series only, not an observation (ASSUMPTIONS.md#d9)"
        if not start or not at_end:
            decision["reason"] = f"{prefix}; no working figure at the end of the span to check"
            continue
        implied = at_end[0][1] / (1 + growth["value"] / 100)
        series = _interpolate([p for p in points if p[2] != at_end[0][2]], start)
        if series is None:
            decision["reason"] = (
                f"{prefix}; implies {implied:,.0f} at {start} from {at_end[0][2]}; "
                "the series has no figures around that date"
            )
            continue
        difference = implied / series[0] - 1
        verdict = "consistent" if abs(difference) <= GROWTH_TOLERANCE else "NOT consistent"
        decision["reason"] = (
            f"{prefix}; {at_end[0][1]:,.0f} ({at_end[0][2]}) / {1 + growth['value'] / 100:g} "
            f"implies {implied:,.0f} at {start}; the series interpolates {series[0]:,.0f} "
            f"between {series[1]}: {difference:+.1%}, {verdict} "
            f"(tolerance {GROWTH_TOLERANCE:.0%})"
        )


def _group_conflicts(
    metric: str, group: list[Row], best: Row, decisions: dict, single: bool
) -> list[dict]:
    """Value and qualifier conflicts among all statements of one group (rejected ones too)."""
    out = []
    ordered = sorted(group, key=_number)
    dates = sorted({_date_key(r) for r in ordered})
    ids = ";".join(r["id"] for r in ordered)
    listing = " | ".join(
        f"{r['id']}: {r['value_as_published']}" + (f" at {_date_key(r)}" if single else "")
        for r in ordered
    )
    distinct_values = {round(float(r["value"]), 9) for r in ordered}
    if len(distinct_values) > 1:
        others = [r for r in ordered if not _same(r["value"], best["value"])]
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
    same_value = [r for r in ordered if _same(r["value"], best["value"])]
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


def _conflicts_for(conflicts: pd.DataFrame, series: pd.DataFrame) -> list[str]:
    """Per series row, the conflicts touching it: its metric and date, or one of its statements."""
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for position, (metric, dates, ids) in enumerate(
        zip(conflicts["metric"], conflicts["reference_dates"], conflicts["source_ids"], strict=True)
    ):
        for key in (*dates.split(";"), *(f"id:{i}" for i in ids.split(";"))):
            index[(metric, key)].add(position)
    names = list(conflicts["conflict_id"])
    found = []
    for metric, date, ids in zip(
        series["metric"], series["reference_date"], series["source_ids"], strict=True
    ):
        keys = [date or UNDATED, *(f"id:{i}" for i in ids.split(";"))]
        positions = set().union(*(index.get((metric, key), set()) for key in keys))
        found.append(";".join(names[p] for p in sorted(positions)))
    return found
