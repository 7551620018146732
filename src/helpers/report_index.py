"""Generate reports/README.md and reports/README.nl.md: the answer on the first screen.

Each page opens with a verdict written from the numbers (never by hand): where beschut werk
stands, the gap to the year's taakstelling, when 30,000 and 50,000 are reached at the pace
observed, the pace each goal would need, the waiting list and the money per place. Every number
links to where it comes from: a row of data/raw/source_register.csv (a GitHub line anchor) or the
report it is derived in. Then the flagship figure, then the key numbers, one column per distinct
result (scenarios whose outputs are shared, or that differ only in `language`, share a column).

Reads reports/runs.json (the runner's plan), each reports folder's results.json and the source
register; writes nothing else. Deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import helpers
from helpers import outputs, paths
from helpers.markup import markdown_cell, markdown_inline
from helpers.numbers import decimal, euros, percent, probability, thousands

RUNS_FILE = "runs.json"
RESULTS_FILE = "results.json"
CLEANING = "cleaning"
README = {"en": "README.md", "nl": "README.nl.md"}
FLAGSHIP = "figures/flagship.png"
# The notebook that writes each results.json section the verdict reads.
SECTION_NOTEBOOK = {
    "trajectory": "02_trajectory",
    "targets_gap": "03_targets_gap",
    "waiting_list": "04_waiting_list",
    "finance": "05_finance",
}
REGISTER_LINK = "../" + paths.RAW_REGISTER  # relative to reports/


class NotAvailable(LookupError):
    """A number the verdict needs is missing from results.json."""


# ---------------------------------------------------------------------------------------------
# words and number formats per language

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}  # fmt: skip
# Prose marks of a published figure's qualifier; tables use the symbols.
QUALIFIER_WORDS = {
    "en": {"approximate": "about ", "lower_bound": "more than ", "upper_bound": "at most "},
    "nl": {"approximate": "circa ", "lower_bound": "meer dan ", "upper_bound": "hooguit "},
}
QUALIFIER_MARKS = {"exact": "", "approximate": "~", "lower_bound": "≥", "upper_bound": "≤"}

TEXT = {
    "en": {
        "title": "# Beschut werk: is the Netherlands on track?",
        "other_language": "Nederlands: [README.nl.md](README.nl.md).",
        "generated": "Written by `make reports` (`python -m helpers.runner`) from the numbers in "
        "each scenario's `results.json` ([how](../ASSUMPTIONS.md#v11)); do not edit anything "
        "under `reports/` by hand.",
        "not_available": "Not available: {what} (no `{key}` in `{file}`).",
        "on_track": "On track for {goal} by its {deadline} deadline: the credible models "
        "together reach it in {year} (chance by {deadline}: {p}; {low} to {high} across the "
        "credible models)",
        "off_track": "Not on track for {goal} by its {deadline} deadline: the credible models "
        "together reach it in {year} (chance by {deadline}: {p}; {low} to {high} across the "
        "credible models)",
        "uncertain": "Not yet on track for {goal} by its {deadline} deadline, though the "
        "credible models together reach it in {year} (chance by {deadline}: {p}; {low} to "
        "{high} across the credible models)",
        "taakstelling_behind": "Behind the yearly taakstelling ({ratio} of it at the end of "
        "{year}){gaining}; ",
        "gaining": " but gaining: the pace observed, {pace} a year, is above the {need} a year "
        "that {goal} by {deadline} needs",
        "taakstelling_ahead": "Ahead of the yearly taakstelling ({ratio} of it at the end of "
        "{year}); ",
        "no_deadline_in": "{goal}, which has no deadline, follows in {year}",
        "not_by": "{goal} is not reached by the end of {horizon} in most simulated paths",
        "lead": "{goals}.",
        "stand": "On {date}, {value} people worked in beschut werk ({source}).",
        "gap_short": "At the end of {year}, {realised} worked against a taakstelling of {target}"
        "{assumed}: {gap} short, {ratio} of the taakstelling.",
        "gap_ahead": "At the end of {year}, {realised} worked against a taakstelling of {target}"
        "{assumed}: {gap} above it, {ratio} of the taakstelling.",
        "assumed": " (assumed: no taakstelling for {year} is published)",
        "gap_same_short": "That is {gap} short of the taakstelling of {target} for {year}"
        "{assumed}, {ratio} of it.",
        "gap_same_ahead": "That is {gap} more than the taakstelling of {target} for {year}"
        "{assumed}, {ratio} of it.",
        "pace": "The pace observed is {per_year} more people a year ({start} to {end}).",
        "forecast": "The headline model, {label}, puts {goals}; the credible models "
        "span {spreads}.",
        "goal_year": "{goal} in {median} ({interval} range {range})",
        "spread": "{range} for {goal}",
        "chances": "The chance of reaching {goal} is {items}.",
        "chance": "{p} by {year}{deadline}",
        "its_deadline": " (its deadline)",
        "left_out": "The forecast is fitted to {start}–{end}, an end year the scenario pins: it "
        "leaves out {count} newer {observations} ({items}).",
        "observation": ("observation", "observations"),
        "value_on": "{value} on {date}",
        "need": "Reaching {goal} by {year}{deadline} would take {pace} more people a year, "
        "{times} times the pace observed.",
        "need_more": "By {year}{deadline} it would take {pace} a year ({times} times).",
        "need_no_deadline": "{goal} has no deadline in any source; reaching it by {year} would "
        "take {pace} a year ({times} times the pace observed).",
        "no_deadline_only": "{goal} has no deadline in any source, so no pace is needed for it.",
        "waiting": "Wachtenden, people with a positief advies for beschut werk but no job, on "
        "{date}: {waiting}.",
        "money_cost": "A place costs gemeenten {amount} a year more than they receive for it "
        "({origin}); the published balances run from {low} to {high} per place per year{rows}.",
        "money_gain": "Gemeenten receive {amount} a year more for a place than it costs "
        "({origin}); the published balances run from {low} to {high} per place per year{rows}.",
        "after": "after {horizon}",
        "range_open": "{low} to after {horizon}",
        "and": "and",
        "flagship": "## The answer in one figure",
        "flagship_alt": "Beschut werk: realised, taakstelling, forecast and the goals",
        "no_flagship": "(no flagship figure yet: `{path}` is missing)",
        "key_numbers": "## Key numbers",
        "key_intro": "One column per distinct result: scenarios that share their outputs, or "
        "differ only in `language`, share a column. Every number is in the linked "
        "`results.json`.",
        "all_scenarios": "all scenarios",
        "number": "number",
        "none": "none",
    },
    "nl": {
        "title": "# Beschut werk: ligt Nederland op koers?",
        "other_language": "English: [README.md](README.md) (with every scenario, figure and "
        "report, and how to review a change).",
        "generated": "Geschreven door `make reports` (`python -m helpers.runner`) uit de getallen "
        "in `results.json` van elk scenario ([hoe](../ASSUMPTIONS.md#v11)); bewerk niets onder "
        "`reports/` met de hand.",
        "not_available": "Niet beschikbaar: {what} (geen `{key}` in `{file}`).",
        "on_track": "Op koers voor {goal} uiterlijk in {deadline}: volgens de geloofwaardige "
        "modellen samen wordt het bereikt in {year} (kans uiterlijk in {deadline}: {p}; {low} tot "
        "{high} afhankelijk van het model)",
        "off_track": "Niet op koers voor {goal} uiterlijk in {deadline}: volgens de "
        "geloofwaardige modellen samen wordt het bereikt in {year} (kans uiterlijk in "
        "{deadline}: {p}; {low} tot {high} afhankelijk van het model)",
        "uncertain": "Nog niet op koers voor {goal} uiterlijk in {deadline}, al wordt het "
        "volgens de geloofwaardige modellen samen bereikt in {year} (kans uiterlijk in "
        "{deadline}: {p}; {low} tot {high} afhankelijk van het model)",
        "taakstelling_behind": "Achter op de jaarlijkse taakstelling ({ratio} ervan eind {year})"
        "{gaining}; ",
        "gaining": ", maar met een inhaalslag: het waargenomen tempo van {pace} per jaar ligt "
        "boven de {need} per jaar die nodig zijn om {goal} uiterlijk in {deadline} te halen",
        "taakstelling_ahead": "Voor op de jaarlijkse taakstelling ({ratio} ervan eind {year}); ",
        "no_deadline_in": "{goal}, waarvoor geen deadline geldt, volgt in {year}",
        "not_by": "{goal} wordt in de meeste gesimuleerde paden niet bereikt vóór eind {horizon}",
        "lead": "{goals}.",
        "stand": "Op {date} werkten {value} mensen in beschut werk ({source}).",
        "gap_short": "Eind {year} werkten er {realised} tegenover een taakstelling van {target}"
        "{assumed}: {gap} te weinig, {ratio} van de taakstelling.",
        "gap_ahead": "Eind {year} werkten er {realised} tegenover een taakstelling van {target}"
        "{assumed}: {gap} meer, {ratio} van de taakstelling.",
        "assumed": " (aangenomen: er is geen taakstelling voor {year} gepubliceerd)",
        "gap_same_short": "Dat zijn er {gap} minder dan de taakstelling van {target} voor {year}"
        "{assumed}, {ratio} ervan.",
        "gap_same_ahead": "Dat zijn er {gap} meer dan de taakstelling van {target} voor {year}"
        "{assumed}, {ratio} ervan.",
        "pace": "Het waargenomen tempo is {per_year} mensen per jaar erbij ({start} tot {end}).",
        "forecast": "Volgens het hoofdmodel ({label}) wordt {goals} bereikt; de "
        "geloofwaardige modellen komen uit op {spreads}.",
        "goal_year": "{goal} in {median} ({interval}-interval {range})",
        "spread": "{range} voor {goal}",
        "chances": "De kans dat {goal} is bereikt, is {items}.",
        "chance": "{p} uiterlijk in {year}{deadline}",
        "its_deadline": " (de deadline)",
        "left_out": "De prognose is geschat op {start}–{end}, een eindjaar dat het scenario "
        "vastzet: {count} nieuwere {observations} blijven buiten beschouwing ({items}).",
        "observation": ("waarneming", "waarnemingen"),
        "value_on": "{value} op {date}",
        "need": "Om {goal} uiterlijk in {year}{deadline} te halen zijn er {pace} per jaar nodig, "
        "{times} keer het waargenomen tempo.",
        "need_more": "Uiterlijk in {year}{deadline} zijn er {pace} per jaar nodig ({times} keer).",
        "need_no_deadline": "Voor {goal} noemt geen enkele bron een deadline; om het uiterlijk in "
        "{year} te halen zijn er {pace} per jaar nodig ({times} keer het waargenomen tempo).",
        "no_deadline_only": "Voor {goal} noemt geen enkele bron een deadline, dus er is geen "
        "tempo voor nodig.",
        "waiting": "Wachtenden, mensen met een positief advies beschut werk maar zonder baan, op "
        "{date}: {waiting}.",
        "money_cost": "Een plek kost gemeenten {amount} per jaar meer dan ze ervoor ontvangen "
        "({origin}); de gepubliceerde saldi lopen van {low} tot {high} per plek per jaar{rows}.",
        "money_gain": "Gemeenten ontvangen voor een plek {amount} per jaar meer dan die kost "
        "({origin}); de gepubliceerde saldi lopen van {low} tot {high} per plek per jaar{rows}.",
        "after": "na {horizon}",
        "range_open": "{low} tot na {horizon}",
        "and": "en",
        "flagship": "## Het antwoord in één figuur",
        "flagship_alt": "Beschut werk: gerealiseerd, taakstelling, prognose en de doelen",
        "no_flagship": "(nog geen hoofdfiguur: `{path}` ontbreekt)",
        "key_numbers": "## Kerngetallen",
        "key_intro": "Eén kolom per verschillend resultaat: scenario's die hun uitkomsten delen, "
        "of alleen in `language` verschillen, delen een kolom. Elk getal staat in de gelinkte "
        "`results.json`.",
        "all_scenarios": "alle scenario's",
        "number": "getal",
        "none": "geen",
    },
}

# What each missing piece is called in a "not available" sentence.
WHAT = {
    "en": {
        "trajectory": "the trajectory forecast",
        "latest": "the latest figure",
        "targets_gap": "the gap to the taakstelling",
        "waiting_list": "the waiting list",
        "finance": "the money per place",
    },
    "nl": {
        "trajectory": "de prognose",
        "latest": "het laatste cijfer",
        "targets_gap": "het tekort op de taakstelling",
        "waiting_list": "de wachtenden",
        "finance": "het geld per plek",
    },
}


def date_text(iso: str, language: str) -> str:
    """'2022-12-31' as '31 December 2022' (en) or '31 december 2022' (nl)."""
    year, month, day = (int(part) for part in str(iso).split("-"))
    return f"{day} {MONTHS[language][month - 1]} {year}"


def count_text(value: float, language: str, qualifier: str | None = None) -> str:
    """A count in the reader's format, with its qualifier in words ('about 1,200')."""
    return QUALIFIER_WORDS[language].get(qualifier or "exact", "") + thousands(value, language)


def amount_text(value: float, qualifier: str | None, language: str) -> str:
    """An amount in euros with its qualifier in words ('about €9,900')."""
    return QUALIFIER_WORDS[language].get(qualifier or "exact", "") + euros(value, language)


def marked(value: float | None, qualifier: str | None, language: str, missing: str = "–") -> str:
    """A count for a table cell, with its qualifier's mark: ~1,200, ≥2,500, ≤930."""
    if value is None:
        return missing
    return QUALIFIER_MARKS.get(qualifier or "exact", "?") + thousands(value, language)


def goal_text(goal: str, language: str) -> str:
    """'30000' as '30,000' / '30.000'."""
    return thousands(int(goal), language)


def year_text(year: int | None, horizon: Any, language: str) -> str:
    """A calendar year, or 'after <horizon>' for a goal not reached within the horizon."""
    return str(year) if year is not None else TEXT[language]["after"].format(horizon=horizon)


def range_text(low: int | None, high: int | None, horizon: Any, language: str) -> str:
    """'2037–2042', '2037 to after 2060' or 'after 2060'."""
    if low is None:
        return year_text(None, horizon, language)
    if high is None:
        return TEXT[language]["range_open"].format(low=low, horizon=horizon)
    return f"{low}–{high}" if low != high else str(low)


def times_text(required: float, observed: float, language: str) -> str:
    """The ratio of a required pace to the pace observed, one decimal ('2.1' / '2,1')."""
    return decimal(required / observed, language, 1) if observed else "–"


def join_words(items: Sequence[str], language: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {TEXT[language]['and']} " + items[-1]


# ---------------------------------------------------------------------------------------------
# where every number comes from


@dataclass(frozen=True)
class Register:
    """The source register's rows by id: GitHub line number and publisher."""

    lines: Mapping[str, int]
    publishers: Mapping[str, str]

    @classmethod
    def read(cls, path: Path) -> Register:
        """Read ids, line numbers (1-based, header is line 1) and publishers; empty if absent."""
        lines: dict[str, int] = {}
        publishers: dict[str, str] = {}
        if not path.is_file():
            return cls(lines, publishers)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            _ = reader.fieldnames  # reads the header line
            start = reader.line_num + 1
            for row in reader:
                if row.get("id"):
                    lines[row["id"]] = start
                    publishers[row["id"]] = row.get("publisher") or ""
                start = reader.line_num + 1
        return cls(lines, publishers)

    def url(self, source_id: str) -> str:
        """The register row of ``source_id`` (the file itself when the id is unknown)."""
        line = self.lines.get(source_id)
        return f"{REGISTER_LINK}#L{line}" if line else REGISTER_LINK


def link(text: str, url: str) -> str:
    """A markdown link."""
    return f"[{text}]({url})"


def sourced(text: str, source_ids: Sequence[str], register: Register, report: str) -> str:
    """``text`` linked to its one register row; a number combined from several rows links to
    the ``report`` that combines them and names its rows."""
    ids = [i for i in dict.fromkeys(source_ids) if i]
    if len(ids) == 1:
        return link(text, register.url(ids[0]))
    rows = ", ".join(link(i, register.url(i)) for i in ids)
    return link(text, report) + (f" ({rows})" if rows else "")


# ---------------------------------------------------------------------------------------------
# the plan: which folder holds which outputs


@dataclass(frozen=True)
class Plan:
    """reports/runs.json, scenarios in reference order (the first is the reference)."""

    scenarios: Mapping[str, Mapping[str, Any]]
    cleaning: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, reports_dir: Path, order: Sequence[str] = ()) -> Plan:
        """Read runs.json; order its scenarios as ``order`` (scenarios.yaml), the rest after."""
        data = json.loads((reports_dir / RUNS_FILE).read_text(encoding="utf-8"))
        scenarios = data.get("scenarios") or {}
        names = [s for s in order if s in scenarios] + [s for s in scenarios if s not in order]
        return cls({name: scenarios[name] for name in names}, data.get("cleaning") or {})

    def language(self, scenario: str) -> str:
        """The scenario's language (the notebooks' default, English, when not set)."""
        return self.scenarios[scenario].get("parameters", {}).get("language", "en")

    def folder(self, scenario: str, notebook: str) -> str | None:
        """The reports folder holding ``notebook``'s outputs for ``scenario``."""
        return self.scenarios[scenario].get("notebooks", {}).get(notebook)

    def twins(self, a: str, b: str) -> bool:
        """Whether two scenarios' parameters differ in `language` at most."""

        def rest(name: str) -> dict[str, Any]:
            params = dict(self.scenarios[name].get("parameters", {}))
            params.pop("language", None)
            return params

        return rest(a) == rest(b)

    @property
    def reference(self) -> str:
        """The reference scenario: the first one."""
        return next(iter(self.scenarios))

    def verdict_scenario(self, language: str) -> str:
        """The reference scenario, or its language twin in ``language`` when there is one."""
        ref = self.reference
        if self.language(ref) == language:
            return ref
        for name in self.scenarios:
            if self.language(name) == language and self.twins(ref, name):
                return name
        return ref


class Results:
    """The results.json of each reports folder, read once."""

    def __init__(self, reports_dir: Path):
        self.reports_dir = reports_dir
        self._cache: dict[str, dict[str, Any]] = {}

    def __call__(self, folder: str | None) -> dict[str, Any]:
        if folder is None:
            return {}
        if folder not in self._cache:
            file = self.reports_dir / folder / RESULTS_FILE
            self._cache[folder] = (
                json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
            )
        return self._cache[folder]


@dataclass(frozen=True)
class Column:
    """One column of a key-number table: the folder whose numbers it shows, for these scenarios."""

    folder: str
    scenarios: tuple[str, ...]


def columns(plan: Plan, results: Results, section: str) -> list[Column]:
    """The distinct results of ``section``: scenarios sharing a folder share a column, and so do
    folders of scenarios that differ only in `language` when their numbers are the same."""
    notebook = SECTION_NOTEBOOK.get(section, "")
    groups: dict[str, list[str]] = {}
    for scenario in plan.scenarios:
        folder = plan.folder(scenario, notebook)
        if folder is not None and section in results(folder):
            groups.setdefault(folder, []).append(scenario)
    merged: list[Column] = []
    for folder, scenarios in groups.items():
        for i, column in enumerate(merged):
            twins = any(plan.twins(a, b) for a in column.scenarios for b in scenarios)
            if twins and results(column.folder)[section] == results(folder)[section]:
                merged[i] = Column(column.folder, column.scenarios + tuple(scenarios))
                break
        else:
            merged.append(Column(folder, tuple(scenarios)))
    return merged


# ---------------------------------------------------------------------------------------------
# the verdict


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
        return self.plan.folder(self.scenario, SECTION_NOTEBOOK[section])

    def file(self, section: str) -> str:
        return f"{self.folder(section) or self.scenario}/{RESULTS_FILE}"

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
        return f"{self.folder(section)}/{SECTION_NOTEBOOK[section]}.html"

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
        gap = ctx.get("targets_gap", "latest")
    except NotAvailable:
        return ""
    ratio = QUALIFIER_WORDS[ctx.language].get(gap.get("ratio_qualifier") or "exact", "")
    key = "taakstelling_behind" if gap["gap"] >= 0 else "taakstelling_ahead"
    return ctx.t[key].format(
        ratio=ctx.derived(ratio + percent(gap["ratio"], ctx.language, 1), "targets_gap"),
        year=gap["year"],
        gaining=gaining_clause(ctx),
    )


def gaining_clause(ctx: Context) -> str:
    """ " but gaining: ..." when the observed pace is above the pace the earliest deadline needs
    from the latest figure; "" otherwise or when a number is missing."""
    try:
        pace = ctx.get("trajectory", "observed_pace")["per_year"]
        goals = ctx.get("trajectory", "goals")
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
        pace=ctx.derived(thousands(pace, ctx.language), "trajectory"),
        need=ctx.derived(thousands(need, ctx.language), "trajectory"),
        goal=goal_text(goal, ctx.language),
        deadline=deadline,
    )


def lead_sentence(ctx: Context) -> str:
    """The answer in one sentence: the yearly taakstelling status beside the long-run chance.

    On track follows :func:`track_status` (the mixture's median year and the lowest chance by
    the deadline across the credible models); the mixture's chance and the range across the
    credible models are given beside it. A goal with no deadline gets its year.
    """
    trajectory = ctx.section("trajectory")
    goals = ctx.get("trajectory", "goals")
    horizon = trajectory.get("horizon", "?")
    n_paths = trajectory.get("n_paths") or 1000
    parts = []
    for goal in sorted(goals, key=int):
        entry, name = goals[goal], goal_text(goal, ctx.language)
        year, deadline = entry.get("median_year"), entry.get("deadline")
        if year is None:
            parts.append(ctx.t["not_by"].format(goal=name, horizon=horizon))
        elif deadline is None:
            year_link = ctx.derived(str(year), "trajectory")
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
                    year=ctx.derived(str(year), "trajectory"),
                    p=ctx.derived(chance, "trajectory"),
                    low=ctx.derived(chance_text(spread.get("low"), -1), "trajectory"),
                    high=ctx.derived(chance_text(spread.get("high"), 1), "trajectory"),
                )
            )
    lead = ctx.t["lead"].format(goals="; ".join(parts))
    status = taakstelling_status(ctx)
    if status:
        lead = status + lead[0].lower() + lead[1:]
    return "**" + lead + "**"


def latest_sentence(ctx: Context) -> str:
    """Where beschut werk stands: the latest figure, its date and source."""
    latest = ctx.get("trajectory", "latest", "latest")
    source_id = latest.get("source_id", "")
    publisher = markdown_inline(ctx.register.publishers.get(source_id, ""))
    row_link = link(markdown_inline(source_id), ctx.register.url(source_id))
    source = ", ".join(x for x in (publisher, row_link) if x)
    value = ctx.count(latest["value"], latest.get("qualifier"))
    return ctx.t["stand"].format(
        date=ctx.date(latest["date"]),
        value=ctx.sourced(value, [source_id], "trajectory"),
        source=source,
    )


def gap_sentence(ctx: Context) -> str:
    """The gap to the latest taakstelling; an assumed taakstelling says so."""
    gap = ctx.get("targets_gap", "latest")
    lang = ctx.language
    assumed = gap.get("target_status") == "assumed"
    target = thousands(gap["target"], lang)
    ratio = QUALIFIER_WORDS[lang].get(gap.get("ratio_qualifier") or "exact", "")
    try:  # the same figure as the latest: say it once
        same = ctx.get("trajectory", "latest").get("date") == gap.get("realised_date")
    except NotAvailable:
        same = False
    template = ("gap_same_" if same else "gap_") + ("short" if gap["gap"] >= 0 else "ahead")
    return ctx.t[template].format(
        year=gap["year"],
        realised=ctx.sourced(
            ctx.count(gap["realised"], gap.get("realised_qualifier")),
            [gap.get("realised_source_id", "")],
            "targets_gap",
        ),
        target=(
            ctx.derived(target, "targets_gap")
            if assumed
            else ctx.sourced(target, gap.get("target_source_ids") or [], "targets_gap")
        ),
        assumed=ctx.t["assumed"].format(year=gap["year"]) if assumed else "",
        gap=ctx.derived(ctx.count(abs(gap["gap"]), gap.get("gap_qualifier")), "targets_gap"),
        ratio=ctx.derived(ratio + percent(gap["ratio"], lang, 1), "targets_gap"),
    )


def forecast_sentences(ctx: Context) -> list[str]:
    """The pace observed, the headline forecast with its range and spread, the chances."""
    lang, t = ctx.language, ctx.t
    trajectory = ctx.section("trajectory")
    horizon = trajectory.get("horizon", "?")
    pace = ctx.get("trajectory", "observed_pace")
    goals = ctx.get("trajectory", "goals")
    sentences = [
        t["pace"].format(
            per_year=ctx.derived(thousands(pace["per_year"], lang), "trajectory"),
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
                    year_text(entry.get("median_year"), horizon, lang), "trajectory"
                ),
                interval=interval,
                range=ctx.derived(
                    range_text(entry.get("low_year"), entry.get("high_year"), horizon, lang),
                    "trajectory",
                ),
            )
        )
        spread = entry.get("spread") or {}
        spreads.append(
            t["spread"].format(
                goal=name,
                range=ctx.derived(
                    range_text(spread.get("low_year"), spread.get("high_year"), horizon, lang),
                    "trajectory",
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
                p=ctx.derived(probability(p_by[year], n_paths, lang), "trajectory"),
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
    fit = ctx.section("trajectory").get("fit") or {}
    left_out = fit.get("left_out") or []
    if not left_out:
        return []
    items = [
        ctx.t["value_on"].format(
            value=ctx.sourced(
                ctx.count(item["value"], item.get("qualifier")),
                [item.get("source_id", "")],
                "trajectory",
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
    observed = ctx.get("trajectory", "observed_pace")["per_year"]
    goals = ctx.get("trajectory", "goals")
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
                    pace=ctx.derived(thousands(required[year], lang), "trajectory"),
                    times=times_text(required[year], observed, lang),
                )
            )
    return sentences


def waiting_sentence(ctx: Context) -> str:
    """The waiting list: positive advices without a job."""
    waiting = ctx.get("waiting_list", "latest")
    return ctx.t["waiting"].format(
        date=ctx.date(waiting["date"]),
        waiting=ctx.sourced(
            ctx.count(waiting["waiting"], waiting.get("qualifier")),
            waiting.get("source_ids") or [],
            "waiting_list",
        ),
    )


def money_sentence(ctx: Context) -> str:
    """The money per place per year, and the range of the published amounts."""
    lang = ctx.language
    headline = ctx.get("finance", "headline")
    spread = ctx.section("finance").get("range") or {}
    balance = headline["balance_per_place_per_year"]
    ids = spread.get("source_ids") or []
    rows = ", ".join(link(i, ctx.register.url(i)) for i in dict.fromkeys(ids))
    label = (headline.get("label") or {}).get(lang, "")
    return ctx.t["money_cost" if balance < 0 else "money_gain"].format(
        amount=ctx.sourced(
            amount_text(abs(balance), headline.get("qualifier"), lang),
            headline.get("source_ids") or [],
            "finance",
        ),
        origin=", ".join(str(x) for x in (label, headline.get("year")) if x),
        low=ctx.derived(amount_text(spread["low"], spread.get("low_qualifier"), lang), "finance"),
        high=ctx.derived(
            amount_text(spread["high"], spread.get("high_qualifier"), lang), "finance"
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
        guarded(lead_sentence, "trajectory") + guarded(left_out_sentences, "trajectory"),
        guarded(latest_sentence, "trajectory") + guarded(gap_sentence, "targets_gap"),
        guarded(forecast_sentences, "trajectory"),
        guarded(need_sentences, "trajectory"),
        guarded(waiting_sentence, "waiting_list") + guarded(money_sentence, "finance"),
    ]
    said: set[str] = set()
    unique = []
    for paragraph in paragraphs:
        sentences = [s for s in dict.fromkeys(paragraph) if s not in said]  # once per gap
        said.update(sentences)
        if sentences:
            unique.append(" ".join(sentences))
    return unique


# ---------------------------------------------------------------------------------------------
# key-number tables

ROWS = {
    "en": {
        "fit": "fit window",
        "pinned": "pinned",
        "left_out": "newer observations left out",
        "latest": "latest figure",
        "observed_pace": "pace observed (per year)",
        "headline": "headline model",
        "median": "{goal}: year reached (median, {interval} range)",
        "spread": "{goal}: year reached, spread of the credible models",
        "p_by": "{goal}: chance of reaching it by {year}",
        "required": "{goal}: pace needed to reach it by {year} (per year)",
        "nowcast": "headline model, end of {year} (median, range)",
        "year": "latest year with a taakstelling",
        "target": "taakstelling",
        "assumed": "assumed",
        "realised": "people working",
        "gap": "gap to the taakstelling",
        "ratio": "people working as % of the taakstelling",
        "waiting": "wachtenden (positief advies, no job)",
        "balance": "balance per place per year ({label}, {year})",
        "range": "balance per place per year, published range",
    },
    "nl": {
        "fit": "schattingsperiode",
        "pinned": "vastgezet",
        "left_out": "nieuwere waarnemingen buiten beschouwing",
        "latest": "laatste cijfer",
        "observed_pace": "waargenomen tempo (per jaar)",
        "headline": "hoofdmodel",
        "median": "{goal}: jaar bereikt (mediaan, {interval}-interval)",
        "spread": "{goal}: jaar bereikt, spreiding van de geloofwaardige modellen",
        "p_by": "{goal}: kans om het uiterlijk in {year} te bereiken",
        "required": "{goal}: tempo nodig om het uiterlijk in {year} te bereiken (per jaar)",
        "nowcast": "hoofdmodel, eind {year} (mediaan, interval)",
        "year": "laatste jaar met een taakstelling",
        "target": "taakstelling",
        "assumed": "aangenomen",
        "realised": "mensen aan het werk",
        "gap": "tekort op de taakstelling",
        "ratio": "mensen aan het werk als % van de taakstelling",
        "waiting": "wachtenden (positief advies, geen baan)",
        "balance": "saldo per plek per jaar ({label}, {year})",
        "range": "saldo per plek per jaar, gepubliceerde bandbreedte",
    },
}
SECTION_TITLES = {
    "en": {
        "trajectory": "Trajectory: when the goals are reached",
        "targets_gap": "Taakstelling: the latest gap",
        "waiting_list": "Waiting list",
        "finance": "Money per place",
    },
    "nl": {
        "trajectory": "Traject: wanneer de doelen worden bereikt",
        "targets_gap": "Taakstelling: het laatste tekort",
        "waiting_list": "Wachtenden",
        "finance": "Geld per plek",
    },
}


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
    "trajectory": trajectory_rows,
    "targets_gap": targets_rows,
    "waiting_list": waiting_rows,
    "finance": finance_rows,
}


def _cell(text: str) -> str:
    """A generated cell (a number, a date, a label of this module): one line, ``|`` escaped.
    Text from the register or scenarios.yaml goes through :func:`markdown_cell` instead."""
    return str(text).replace("|", "\\|").replace("\n", " ")


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
            heads.append(link(name, f"{column.folder}/{RESULTS_FILE}"))
        lines += [
            f"### {SECTION_TITLES[language][section]}",
            "",
            f"| {TEXT[language]['number']} | " + " | ".join(heads) + " |",
            "|---|" + "---:|" * len(cols),
        ]
        for label in labels:
            row = [_cell(rows.get(label, "–")) for rows in cells]
            lines.append(f"| {_cell(label)} | " + " | ".join(row) + " |")
        lines.append("")
    return lines


# ---------------------------------------------------------------------------------------------
# the pages

VERSION_LINE = {
    "en": "Generated by beschut werk monitor {version} (see CHANGELOG.md and CITATION.cff).",
    "nl": "Gemaakt met beschut werk monitor {version} (zie CHANGELOG.md en CITATION.cff).",
}

REVIEW_GUIDE = """\
## How to review a change

Every file under `reports/` is generated and byte-stable: a regeneration with the same code and
data changes nothing, so every changed file is a real change. Read, in this order:

1. `make changes` (`python -m helpers.changes`; `--base REV --head REV` for two revisions): every
   key number that changed, old and new side by side per scenario, and every figure whose image
   changed. `make reports` prints the same summary against the last commit.
2. The diff of this page and of [README.nl.md](README.nl.md): the verdict and the key numbers.
3. The diff of each folder's `results.json` (every number, one per line) and `tables/*.csv`.
4. The changed figures, `<folder>/figures/*.png` (GitHub shows an image diff).

Executed notebooks, HTML reports and SVG figures are marked as generated in `.gitattributes`
(collapsed in a pull request, no text diff): read the HTML report for the narrative. Assumptions:
[ASSUMPTIONS.md](../ASSUMPTIONS.md#r1), [V9](../ASSUMPTIONS.md#v9), [V11](../ASSUMPTIONS.md#v11).
"""


def _reports_links(reports_dir: Path, plan: Plan, scenario: str) -> str:
    pages = []
    for notebook, folder in sorted(plan.scenarios[scenario].get("notebooks", {}).items()):
        html = reports_dir / folder / f"{notebook}.html"
        target = html if html.is_file() else html.with_suffix(".ipynb")
        pages.append(link(notebook, f"{folder}/{target.name}"))
    return " · ".join(pages) or "–"


def _parameters_text(params: Mapping[str, Any]) -> str:
    if not params:
        return "(defaults)"
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(params.items()))


def scenario_lines(reports_dir: Path, plan: Plan) -> list[str]:
    """The scenarios, their parameters and the reports each reads its numbers from."""
    lines = [
        "## Scenarios",
        "",
        "A notebook runs once per distinct set of the parameters it declares; a scenario's link "
        "points to the folder that holds its outputs.",
        "",
        "| scenario | description | parameters | reports |",
        "|---|---|---|---|",
    ]
    for scenario, entry in plan.scenarios.items():
        lines.append(
            f"| {scenario} | {markdown_cell(entry.get('description', ''))} | "
            f"{markdown_cell(_parameters_text(entry.get('parameters', {})))} | "
            f"{_reports_links(reports_dir, plan, scenario)} |"
        )
    for notebook, folder in sorted(plan.cleaning.items()):
        lines.append(
            f"| ({CLEANING}) | data cleaning | | {link(notebook, f'{folder}/{notebook}.html')} |"
        )
    return [*lines, ""]


def figure_lines(reports_dir: Path, plan: Plan) -> list[str]:
    """Every figure once, grouped by the folder that holds it."""
    users: dict[str, list[str]] = {}
    for scenario, entry in plan.scenarios.items():
        for folder in entry.get("notebooks", {}).values():
            if scenario not in users.setdefault(folder, []):
                users[folder].append(scenario)
    lines = ["## Figures", ""]
    for folder, scenarios in users.items():
        figures = sorted(p.name for p in (reports_dir / folder / "figures").glob("*.png"))
        if not figures:
            continue
        items = " · ".join(link(f.removesuffix(".png"), f"{folder}/figures/{f}") for f in figures)
        lines += [f"- `{folder}/` ({', '.join(scenarios)}): {items}"]
    return [*lines, ""]


def build_readme(root: Path, order: Sequence[str] = (), language: str = "en") -> str:
    """The text of reports/README.md (en) or reports/README.nl.md (nl) under project ``root``."""
    root = Path(root)
    reports_dir = root / paths.REPORTS_DIR
    t = TEXT[language]
    lines = [t["title"], ""]
    if not (reports_dir / RUNS_FILE).is_file():
        return "\n".join([*lines, f"(no `reports/{RUNS_FILE}` yet: run `make reports`)", ""])
    plan = Plan.read(reports_dir, order)
    results = Results(reports_dir)
    register = Register.read(root / paths.RAW_REGISTER)
    scenario = plan.verdict_scenario(language)
    ctx = Context(language, plan, scenario, results, register)
    for paragraph in verdict(ctx):
        lines += [paragraph, ""]
    lines += [t["other_language"], "", t["generated"], "", t["flagship"], ""]
    folder = plan.folder(scenario, SECTION_NOTEBOOK["trajectory"]) or scenario
    if (reports_dir / folder / FLAGSHIP).is_file():
        lines += [f"![{t['flagship_alt']}]({folder}/{FLAGSHIP})", ""]
    else:
        lines += [t["no_flagship"].format(path=f"reports/{folder}/{FLAGSHIP}"), ""]
    lines += [t["key_numbers"], "", t["key_intro"], "", *key_number_tables(plan, results, language)]
    if language == "en":
        lines += scenario_lines(reports_dir, plan) + figure_lines(reports_dir, plan)
        lines.append(REVIEW_GUIDE)
    footer = VERSION_LINE[language].format(version=helpers.__version__)
    return "\n".join(lines).rstrip("\n") + f"\n\n{footer}\n"


def write_readme(root: Path, config: Any) -> Path:
    """Regenerate reports/README.md and reports/README.nl.md under ``root``; scenarios in the
    order of ``config.scenarios`` (scenarios.yaml). Returns the path of README.md."""
    # config.scenarios: scenario names in scenarios.yaml order (a mapping, or items with .name)
    order = [getattr(item, "name", item) for item in getattr(config, "scenarios", None) or ()]
    reports_dir = Path(root) / paths.REPORTS_DIR
    for language, name in README.items():
        outputs.atomic_write_text(reports_dir / name, build_readme(root, order, language))
    return reports_dir / README["en"]
