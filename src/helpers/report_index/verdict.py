"""The verdict: the README's opening paragraphs, each sentence written from results.json."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from helpers import layout
from helpers.markup import markdown_inline
from helpers.numbers import percent, probability, thousands
from helpers.report_index.formats import (
    amount_text,
    count_text,
    date_text,
    goal_text,
    join_words,
    link,
    range_text,
    times_text,
    year_text,
)
from helpers.report_index.plan import Plan, Results
from helpers.report_index.sources import Register, sourced
from helpers.report_index.text import TEXT, WHAT
from helpers.words import QUALIFIER_PROSE


class NotAvailable(LookupError):
    """A number the verdict needs is missing from results.json."""


@dataclass
class Context:
    """What a verdict sentence needs: the language, the sections and where they come from."""

    language: str
    plan: Plan
    scenario: str
    results: Results
    register: Register

    @property
    def t(self) -> Mapping[str, Any]:
        return TEXT[self.language]

    def folder(self, section: str) -> str | None:
        return self.plan.folder(self.scenario, layout.SECTION_NOTEBOOK[section])

    def file(self, section: str) -> str:
        return f"{self.folder(section) or self.scenario}/{layout.RESULTS_FILE}"

    def section(self, name: str) -> Mapping[str, Any]:
        """A results.json section, or NotAvailable."""
        data = self.results(self.folder(name)).get(name)
        if not isinstance(data, Mapping):
            raise NotAvailable(name, name, self.file(name))
        return data

    def get(self, section: str, key: str, what: str | None = None) -> Any:
        """``section.key``, or NotAvailable naming what is missing."""
        value = self.section(section).get(key)
        if value is None:
            raise NotAvailable(what or section, f"{section}.{key}", self.file(section))
        return value

    def report(self, section: str) -> str:
        """The HTML report the section's numbers are derived in (relative to reports/)."""
        return f"{self.folder(section)}/{layout.SECTION_NOTEBOOK[section]}.html"

    def derived(self, text: str, section: str) -> str:
        """``text`` linked to the report that derives it."""
        return link(text, self.report(section))

    def sourced(self, text: str, source_ids: Sequence[str], section: str) -> str:
        """``text`` linked to its register row(s), see :func:`sourced`."""
        return sourced(text, source_ids, self.register, self.report(section))

    def count(self, value: float, qualifier: str | None = None) -> str:
        return count_text(value, self.language, qualifier)

    def date(self, iso: str) -> str:
        return date_text(iso, self.language)


ON_TRACK_CHANCE = 0.5  # the lowest credible model's chance by the deadline (ASSUMPTIONS.md#f9)


def track_status(median_year: int, deadline: int, low_chance: float | None) -> str:
    """ "on_track" when the mixture's median year is at or before the deadline AND every credible
    model gives at least ON_TRACK_CHANCE by then; "uncertain" when only the first holds;
    "off_track" otherwise (ASSUMPTIONS.md#f9)."""
    if median_year > deadline:
        return "off_track"
    if low_chance is not None and low_chance < ON_TRACK_CHANCE:
        return "uncertain"
    return "on_track"


CHANCE_RANGE_STEP = 0.05  # the range across models is shown outward to 5 points (F12)


def coarse_chance(p: float, outward: int) -> float:
    """A chance at the edge of the range across models, moved outward (down for the low end,
    -1; up for the high end, +1) to a multiple of CHANCE_RANGE_STEP, so that Monte Carlo noise of
    half a point does not change the verdict's text (ASSUMPTIONS.md#f12); chances beyond 99.9%
    or below 0.1% are kept for probability() to print as such."""
    if p > 0.999 or p < 0.001:
        return p
    steps = p / CHANCE_RANGE_STEP
    moved = math.floor(steps + 1e-9) if outward < 0 else math.ceil(steps - 1e-9)
    return float(min(max(moved * CHANCE_RANGE_STEP, 0.0), 1.0))


def taakstelling_status(ctx: Context) -> str:
    """The yearly taakstelling status that opens the verdict ("" when it is not available)."""
    try:
        gap = ctx.get(layout.TARGETS_GAP, "latest")
    except NotAvailable:
        return ""
    ratio = QUALIFIER_PROSE[ctx.language].get(gap.get("ratio_qualifier") or "exact", "")
    key = "taakstelling_behind" if gap["gap"] >= 0 else "taakstelling_ahead"
    return ctx.t[key].format(
        ratio=ctx.derived(ratio + percent(gap["ratio"], ctx.language, 1), layout.TARGETS_GAP),
        year=gap["year"],
        gaining=gaining_clause(ctx),
    )


def gaining_clause(ctx: Context) -> str:
    """ " but gaining: ..." when the observed pace is above the pace the earliest deadline needs
    from the latest figure; "" otherwise or when a number is missing."""
    try:
        pace = ctx.get(layout.TRAJECTORY, "observed_pace")["per_year"]
        goals = ctx.get(layout.TRAJECTORY, "goals")
    except NotAvailable:
        return ""
    dated = [(e["deadline"], g) for g, e in goals.items() if e.get("deadline") is not None]
    if not dated:
        return ""
    deadline, goal = min(dated)
    need = (goals[goal].get("required_pace") or {}).get(str(deadline))
    if need is None or pace <= need:
        return ""
    return ctx.t["gaining"].format(
        pace=ctx.derived(thousands(pace, ctx.language), layout.TRAJECTORY),
        need=ctx.derived(thousands(need, ctx.language), layout.TRAJECTORY),
        goal=goal_text(goal, ctx.language),
        deadline=deadline,
    )


def lead_sentence(ctx: Context) -> str:
    """The answer in one sentence: the yearly taakstelling status beside the long-run chance.

    On track follows :func:`track_status` (the mixture's median year and the lowest chance by
    the deadline across the credible models); the mixture's chance and the range across the
    credible models are given beside it. A goal with no deadline gets its year.
    """
    trajectory = ctx.section(layout.TRAJECTORY)
    goals = ctx.get(layout.TRAJECTORY, "goals")
    horizon = trajectory.get("horizon", "?")
    n_paths = trajectory.get("n_paths") or 1000
    parts = []
    for goal in sorted(goals, key=int):
        entry, name = goals[goal], goal_text(goal, ctx.language)
        year, deadline = entry.get("median_year"), entry.get("deadline")
        if year is None:
            parts.append(ctx.t["not_by"].format(goal=name, horizon=horizon))
        elif deadline is None:
            year_link = ctx.derived(str(year), layout.TRAJECTORY)
            parts.append(ctx.t["no_deadline_in"].format(goal=name, year=year_link))
        else:
            p = (entry.get("p_by") or {}).get(str(deadline))
            chance = "?" if p is None else probability(p, n_paths, ctx.language)
            spread = entry.get("chance_range") or {}

            def chance_text(value, outward):
                return (
                    "?"
                    if value is None
                    else probability(coarse_chance(value, outward), n_paths, ctx.language)
                )

            parts.append(
                ctx.t[track_status(year, deadline, spread.get("low"))].format(
                    goal=name,
                    deadline=deadline,
                    year=ctx.derived(str(year), layout.TRAJECTORY),
                    p=ctx.derived(chance, layout.TRAJECTORY),
                    low=ctx.derived(chance_text(spread.get("low"), -1), layout.TRAJECTORY),
                    high=ctx.derived(chance_text(spread.get("high"), 1), layout.TRAJECTORY),
                )
            )
    lead = ctx.t["lead"].format(goals="; ".join(parts))
    status = taakstelling_status(ctx)
    if status:
        lead = status + lead[0].lower() + lead[1:]
    return "**" + lead + "**"


def latest_sentence(ctx: Context) -> str:
    """Where beschut werk stands: the latest figure, its date and source."""
    latest = ctx.get(layout.TRAJECTORY, "latest", "latest")
    source_id = latest.get("source_id", "")
    publisher = markdown_inline(ctx.register.publishers.get(source_id, ""))
    row_link = link(markdown_inline(source_id), ctx.register.url(source_id))
    source = ", ".join(x for x in (publisher, row_link) if x)
    value = ctx.count(latest["value"], latest.get("qualifier"))
    return ctx.t["stand"].format(
        date=ctx.date(latest["date"]),
        value=ctx.sourced(value, [source_id], layout.TRAJECTORY),
        source=source,
    )


def gap_sentence(ctx: Context) -> str:
    """The gap to the latest taakstelling; an assumed taakstelling says so."""
    gap = ctx.get(layout.TARGETS_GAP, "latest")
    lang = ctx.language
    assumed = gap.get("target_status") == "assumed"
    target = thousands(gap["target"], lang)
    ratio = QUALIFIER_PROSE[lang].get(gap.get("ratio_qualifier") or "exact", "")
    try:  # the same figure as the latest: say it once
        same = ctx.get(layout.TRAJECTORY, "latest").get("date") == gap.get("realised_date")
    except NotAvailable:
        same = False
    template = ("gap_same_" if same else "gap_") + ("short" if gap["gap"] >= 0 else "ahead")
    return ctx.t[template].format(
        year=gap["year"],
        realised=ctx.sourced(
            ctx.count(gap["realised"], gap.get("realised_qualifier")),
            [gap.get("realised_source_id", "")],
            layout.TARGETS_GAP,
        ),
        target=(
            ctx.derived(target, layout.TARGETS_GAP)
            if assumed
            else ctx.sourced(target, gap.get("target_source_ids") or [], layout.TARGETS_GAP)
        ),
        assumed=ctx.t["assumed"].format(year=gap["year"]) if assumed else "",
        gap=ctx.derived(ctx.count(abs(gap["gap"]), gap.get("gap_qualifier")), layout.TARGETS_GAP),
        ratio=ctx.derived(ratio + percent(gap["ratio"], lang, 1), layout.TARGETS_GAP),
    )


def forecast_sentences(ctx: Context) -> list[str]:
    """The pace observed, the headline forecast with its range and spread, the chances."""
    lang, t = ctx.language, ctx.t
    trajectory = ctx.section(layout.TRAJECTORY)
    horizon = trajectory.get("horizon", "?")
    pace = ctx.get(layout.TRAJECTORY, "observed_pace")
    goals = ctx.get(layout.TRAJECTORY, "goals")
    sentences = [
        t["pace"].format(
            per_year=ctx.derived(thousands(pace["per_year"], lang), layout.TRAJECTORY),
            start=ctx.date(pace["from_date"]),
            end=ctx.date(pace["to_date"]),
        )
    ]
    interval = percent(trajectory.get("interval", 0.8), lang)
    years, spreads = [], []
    for goal in sorted(goals, key=int):
        entry, name = goals[goal], goal_text(goal, lang)
        years.append(
            t["goal_year"].format(
                goal=name,
                median=ctx.derived(
                    year_text(entry.get("median_year"), horizon, lang), layout.TRAJECTORY
                ),
                interval=interval,
                range=ctx.derived(
                    range_text(entry.get("low_year"), entry.get("high_year"), horizon, lang),
                    layout.TRAJECTORY,
                ),
            )
        )
        spread = entry.get("spread") or {}
        spreads.append(
            t["spread"].format(
                goal=name,
                range=ctx.derived(
                    range_text(spread.get("low_year"), spread.get("high_year"), horizon, lang),
                    layout.TRAJECTORY,
                ),
            )
        )
    label = (trajectory.get("headline_label") or {}).get(lang) or trajectory.get("headline_model")
    sentences.append(
        t["forecast"].format(
            label=label,
            goals=join_words(years, lang),
            spreads=join_words(spreads, lang),
        )
    )
    n_paths = trajectory.get("n_paths") or 1000
    for goal in sorted(goals, key=int):
        entry = goals[goal]
        p_by = entry.get("p_by") or {}
        items = [
            t["chance"].format(
                year=year,
                deadline=t["its_deadline"] if int(year) == entry.get("deadline") else "",
                p=ctx.derived(probability(p_by[year], n_paths, lang), layout.TRAJECTORY),
            )
            for year in sorted(p_by, key=int)
        ]
        if items:
            sentences.append(
                t["chances"].format(goal=goal_text(goal, lang), items=join_words(items, lang))
            )
    return sentences


def left_out_sentences(ctx: Context) -> list[str]:
    """Say so when a pinned fit end leaves newer observations out (issue 9.2)."""
    fit = ctx.section(layout.TRAJECTORY).get("fit") or {}
    left_out = fit.get("left_out") or []
    if not left_out:
        return []
    items = [
        ctx.t["value_on"].format(
            value=ctx.sourced(
                ctx.count(item["value"], item.get("qualifier")),
                [item.get("source_id", "")],
                layout.TRAJECTORY,
            ),
            date=ctx.date(item["date"]),
        )
        for item in left_out
    ]
    singular, plural = ctx.t["observation"]
    return [
        ctx.t["left_out"].format(
            start=fit.get("start"),
            end=fit.get("end"),
            count=len(left_out),
            observations=singular if len(left_out) == 1 else plural,
            items="; ".join(items),
        )
    ]


def deadlines(goals: Mapping[str, Any]) -> set[int]:
    """Every goal's deadline year."""
    return {entry["deadline"] for entry in goals.values() if entry.get("deadline") is not None}


def pace_years(entry: Mapping[str, Any], all_deadlines: set[int]) -> list[str]:
    """The years to quote a required pace for: up to the goal's deadline; for a goal with no
    deadline, none of the other goals' deadlines (50,000 is never "by 2048")."""
    years = sorted(entry.get("required_pace") or {}, key=int)
    deadline = entry.get("deadline")
    if deadline is None:
        return [y for y in years if int(y) not in all_deadlines]
    return [y for y in years if int(y) <= deadline]


def need_sentences(ctx: Context) -> list[str]:
    """The pace each goal would need against the pace observed."""
    lang, t = ctx.language, ctx.t
    observed = ctx.get(layout.TRAJECTORY, "observed_pace")["per_year"]
    goals = ctx.get(layout.TRAJECTORY, "goals")
    sentences = []
    for goal in sorted(goals, key=int):
        entry, name = goals[goal], goal_text(goal, lang)
        required = entry.get("required_pace") or {}
        deadline = entry.get("deadline")
        years = pace_years(entry, deadlines(goals))
        if deadline is None and not years:
            sentences.append(t["no_deadline_only"].format(goal=name))
        for i, year in enumerate(years):
            first = "need_no_deadline" if deadline is None else "need"
            sentences.append(
                t[first if i == 0 else "need_more"].format(
                    goal=name,
                    year=year,
                    deadline=t["its_deadline"] if int(year) == deadline else "",
                    pace=ctx.derived(thousands(required[year], lang), layout.TRAJECTORY),
                    times=times_text(required[year], observed, lang),
                )
            )
    return sentences


def waiting_sentence(ctx: Context) -> str:
    """The waiting list: positive advices without a job."""
    waiting = ctx.get(layout.WAITING_LIST, "latest")
    return ctx.t["waiting"].format(
        date=ctx.date(waiting["date"]),
        waiting=ctx.sourced(
            ctx.count(waiting["waiting"], waiting.get("qualifier")),
            waiting.get("source_ids") or [],
            layout.WAITING_LIST,
        ),
    )


def money_sentence(ctx: Context) -> str:
    """The money per place per year, and the range of the published amounts."""
    lang = ctx.language
    headline = ctx.get(layout.FINANCE, "headline")
    spread = ctx.section(layout.FINANCE).get("range") or {}
    balance = headline["balance_per_place_per_year"]
    ids = spread.get("source_ids") or []
    rows = ", ".join(link(i, ctx.register.url(i)) for i in dict.fromkeys(ids))
    label = (headline.get("label") or {}).get(lang, "")
    return ctx.t["money_cost" if balance < 0 else "money_gain"].format(
        amount=ctx.sourced(
            amount_text(abs(balance), headline.get("qualifier"), lang),
            headline.get("source_ids") or [],
            layout.FINANCE,
        ),
        origin=", ".join(str(x) for x in (label, headline.get("year")) if x),
        low=ctx.derived(
            amount_text(spread["low"], spread.get("low_qualifier"), lang), layout.FINANCE
        ),
        high=ctx.derived(
            amount_text(spread["high"], spread.get("high_qualifier"), lang), layout.FINANCE
        ),
        rows=f" ({rows})" if rows else "",
    )


def not_available(ctx: Context, missing: Exception, section: str) -> str:
    """A clear sentence for a number results.json does not have."""
    if isinstance(missing, NotAvailable):
        what, key, file = missing.args
    else:
        what, key, file = section, f"{section}: {missing}", ctx.file(section)
    return ctx.t["not_available"].format(
        what=WHAT[ctx.language].get(what, what), key=key, file=file
    )


def verdict(ctx: Context) -> list[str]:
    """The verdict paragraphs (markdown), each sentence written from results.json; a missing
    number gives one clear "not available" sentence instead."""

    def guarded(build: Callable[[Context], str | list[str]], section: str) -> list[str]:
        try:
            built = build(ctx)
        except NotAvailable as missing:
            return [not_available(ctx, missing, section)]
        except (KeyError, TypeError, ValueError) as missing:
            return [
                not_available(
                    ctx, NotAvailable(section, f"{section}: {missing}", ctx.file(section)), section
                )
            ]
        return [built] if isinstance(built, str) else built

    paragraphs = [
        guarded(lead_sentence, layout.TRAJECTORY) + guarded(left_out_sentences, layout.TRAJECTORY),
        guarded(latest_sentence, layout.TRAJECTORY) + guarded(gap_sentence, layout.TARGETS_GAP),
        guarded(forecast_sentences, layout.TRAJECTORY),
        guarded(need_sentences, layout.TRAJECTORY),
        guarded(waiting_sentence, layout.WAITING_LIST) + guarded(money_sentence, layout.FINANCE),
    ]
    said: set[str] = set()
    unique = []
    for paragraph in paragraphs:
        sentences = [s for s in dict.fromkeys(paragraph) if s not in said]  # once per gap
        said.update(sentences)
        if sentences:
            unique.append(" ".join(sentences))
    return unique
