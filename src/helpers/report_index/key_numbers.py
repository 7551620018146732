"""The key-number tables: one per results section, one column per distinct result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from helpers import layout
from helpers.numbers import euros, percent, probability, thousands
from helpers.report_index.formats import cell, goal_text, link, marked, range_text, year_text
from helpers.report_index.plan import Plan, Results, columns
from helpers.report_index.text import ROWS, SECTION_TITLES, TEXT
from helpers.report_index.verdict import deadlines, pace_years
from helpers.words import QUALIFIER_MARKS


def trajectory_rows(data: Mapping[str, Any], language: str) -> dict[str, str]:
    """The trajectory's key numbers as row label -> formatted cell."""
    r, rows = ROWS[language], {}
    horizon = data.get("horizon", "?")
    fit = data.get("fit") or {}
    if fit:
        pinned = f" ({r['pinned']})" if fit.get("end_pinned") else ""
        rows[r["fit"]] = f"{fit.get('start')}–{fit.get('end')}{pinned}"
        rows[r["left_out"]] = (
            str(len(fit.get("left_out") or [])) if fit.get("left_out") else TEXT[language]["none"]
        )
    if latest := data.get("latest"):
        value = marked(latest.get("value"), latest.get("qualifier"), language)
        rows[r["latest"]] = f"{value} ({latest.get('date')})"
    if pace := data.get("observed_pace"):
        rows[r["observed_pace"]] = thousands(pace["per_year"], language)
    if label := (data.get("headline_label") or {}).get(language) or data.get("headline_model"):
        rows[r["headline"]] = label
    interval = percent(data.get("interval", 0.8), language)
    goals = data.get("goals") or {}
    n_paths = data.get("n_paths") or 1000
    for goal in sorted(goals, key=int):
        entry, name = goals[goal], goal_text(goal, language)
        rows[r["median"].format(goal=name, interval=interval)] = (
            f"{year_text(entry.get('median_year'), horizon, language)} "
            f"({range_text(entry.get('low_year'), entry.get('high_year'), horizon, language)})"
        )
        spread = entry.get("spread") or {}
        if spread:
            rows[r["spread"].format(goal=name)] = range_text(
                spread.get("low_year"), spread.get("high_year"), horizon, language
            )
        for year, p in sorted((entry.get("p_by") or {}).items()):
            rows[r["p_by"].format(goal=name, year=year)] = probability(p, n_paths, language)
        for year in pace_years(entry, deadlines(goals)):
            rows[r["required"].format(goal=name, year=year)] = thousands(
                entry["required_pace"][year], language
            )
    if nowcast := data.get("nowcast"):
        rows[r["nowcast"].format(year=str(nowcast.get("date", ""))[:4])] = (
            f"{thousands(nowcast['median'], language)} "
            f"({thousands(nowcast['low'], language)}–{thousands(nowcast['high'], language)})"
        )
    return rows


def targets_rows(data: Mapping[str, Any], language: str) -> dict[str, str]:
    """The latest gap to the taakstelling as row label -> formatted cell."""
    r, latest = ROWS[language], data.get("latest") or {}
    if not latest:
        return {}
    target = thousands(latest["target"], language)
    if latest.get("target_status") == "assumed":
        target += f" ({r['assumed']})"
    ratio_mark = QUALIFIER_MARKS.get(latest.get("ratio_qualifier") or "exact", "?")
    return {
        r["year"]: str(latest.get("year")),
        r["target"]: target,
        r["realised"]: marked(latest.get("realised"), latest.get("realised_qualifier"), language),
        r["gap"]: marked(latest.get("gap"), latest.get("gap_qualifier"), language),
        r["ratio"]: ratio_mark + percent(latest["ratio"], language, 1),
    }


def waiting_rows(data: Mapping[str, Any], language: str) -> dict[str, str]:
    """The latest waiting list as row label -> formatted cell."""
    latest = data.get("latest") or {}
    if not latest:
        return {}
    cell = marked(latest.get("waiting"), latest.get("qualifier"), language)
    return {ROWS[language]["waiting"]: f"{cell} ({latest.get('date')})"}


def finance_rows(data: Mapping[str, Any], language: str) -> dict[str, str]:
    """The money per place as row label -> formatted cell."""
    r, rows = ROWS[language], {}
    if headline := data.get("headline"):
        mark = QUALIFIER_MARKS.get(headline.get("qualifier") or "exact", "?")
        label = (headline.get("label") or {}).get(language, "")
        key = r["balance"].format(label=label, year=headline.get("year"))
        rows[key] = mark + euros(headline["balance_per_place_per_year"], language)
    if (spread := data.get("range")) and spread.get("low") is not None:
        low, high = (
            QUALIFIER_MARKS.get(spread.get(f"{end}_qualifier") or "exact", "?")
            + euros(spread[end], language)
            for end in ("low", "high")
        )
        rows[r["range"]] = f"{low} to {high}" if language == "en" else f"{low} tot {high}"
    return rows


SECTION_ROWS = {
    layout.TRAJECTORY: trajectory_rows,
    layout.TARGETS_GAP: targets_rows,
    layout.WAITING_LIST: waiting_rows,
    layout.FINANCE: finance_rows,
}


def key_number_tables(plan: Plan, results: Results, language: str) -> list[str]:
    """A table per section; one column per distinct result, headed by its scenarios and linked
    to the folder's results.json."""
    lines: list[str] = []
    for section, build in SECTION_ROWS.items():
        cols = columns(plan, results, section)
        if not cols:
            continue
        cells = []
        for column in cols:
            try:
                cells.append(build(results(column.folder)[section], language))
            except (KeyError, TypeError, ValueError):
                cells.append({})
        labels = list(dict.fromkeys(label for rows in cells for label in rows))
        if not labels:
            continue
        heads = []
        for column in cols:
            every = len(column.scenarios) > 1 and len(column.scenarios) == len(plan.scenarios)
            name = TEXT[language]["all_scenarios"] if every else " · ".join(column.scenarios)
            heads.append(link(name, f"{column.folder}/{layout.RESULTS_FILE}"))
        lines += [
            f"### {SECTION_TITLES[language][section]}",
            "",
            f"| {TEXT[language]['number']} | " + " | ".join(heads) + " |",
            "|---|" + "---:|" * len(cols),
        ]
        for label in labels:
            row = [cell(rows.get(label, "–")) for rows in cells]
            lines.append(f"| {cell(label)} | " + " | ".join(row) + " |")
        lines.append("")
    return lines
