"""The register's controlled vocabulary: metrics, units and source kinds, with their rules.

A metric not listed here is refused when the register is read: add it here, with its meaning,
before adding rows that use it (see data/raw/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

# The metrics analyses and the cleaning step name in code; each is a key of METRICS below.
WORKING = "working"
WORKING_ADDED = "working_added"
WORKING_GROWTH = "working_growth"
TARGET = "target"
TARGET_ORIGINAL_PATH = "target_original_path"
TARGET_PROVISIONAL = "target_provisional"
TARGET_STRUCTURAL = "target_structural"
AMBITION_TOTAL = "ambition_total"
POSITIVE_ADVICE_STOCK = "positive_advice_stock"
POSITIVE_ADVICE_FLOW = "positive_advice_flow"
POSITIVE_ADVICE_ISSUED = "positive_advice_issued"
INDICATION_WITHOUT_JOB = "indication_without_job"
PLACEMENT_RATE_3M = "placement_rate_3m"
CBS_PROVISIONS = "srg_beschut_werk_provisions"

SOURCE_KINDS = ("official", "secondary", "advocacy")  # also the ranking, best first

# unit -> (lowest allowed value, highest allowed value, whole numbers only)
UNITS: dict[str, tuple[float, float, bool]] = {
    "persons": (0, 1_000_000, True),
    "places": (0, 1_000_000, True),
    "applications": (0, 1_000_000, True),
    "advices": (0, 1_000_000, True),
    "provisions": (0, 1_000_000, True),
    "gemeenten": (0, 1_000, True),
    "percent": (0, 100, False),
    "share": (0, 1, False),
    "EUR": (0, 100_000_000_000, False),
    "EUR per year": (0, 1_000_000_000, False),  # per place, or a national yearly total (S102)
    "year": (1990, 2100, True),
    "years": (0, 100, True),
}


@dataclass(frozen=True)
class Metric:
    """What a metric counts and the rules its rows must follow."""

    name: str
    kind: str  # stock, cumulative, flow, target, constant, rate, money, derived
    units: tuple[str, ...]
    realised: bool  # a realised figure cannot refer to a period after its publication
    meaning: str
    may_be_negative: bool = False

    @property
    def single_valued(self) -> bool:
        """A policy constant: one value in all, whatever date a publication attaches to it."""
        return self.kind == "constant"


_COUNT = ("persons", "places")
_MONEY = ("EUR", "EUR per year")

METRICS: dict[str, Metric] = {
    m.name: m
    for m in [
        Metric(WORKING, "stock", _COUNT, True, "people (or places) in a beschut werk job"),
        Metric(WORKING_ADDED, "flow", _COUNT, True, "net additions to working in the period"),
        Metric(
            "working_change",
            "flow",
            _COUNT,
            True,
            "net change of working in the period",
            may_be_negative=True,
        ),
        Metric(TARGET, "target", _COUNT, False, "national number to be realised by year end"),
        Metric(TARGET_ORIGINAL_PATH, "target", _COUNT, False, "target before the 2017 reset"),
        Metric(TARGET_PROVISIONAL, "target", _COUNT, False, "provisional, later superseded"),
        Metric(TARGET_STRUCTURAL, "constant", _COUNT, False, "the structural end goal"),
        Metric("target_structural_year", "constant", ("year",), False, "year of the end goal"),
        Metric(AMBITION_TOTAL, "constant", _COUNT, False, "coalition agreement 2017 total"),
        Metric("ambition_extra", "constant", _COUNT, False, "coalition agreement 2017 extra"),
        Metric("catch_up_years", "constant", ("years",), False, "catch-up period of the reset"),
        Metric(POSITIVE_ADVICE_STOCK, "stock", _COUNT, True, "people holding a positive advice"),
        Metric(POSITIVE_ADVICE_FLOW, "flow", _COUNT, True, "positive advices in the period"),
        Metric(
            POSITIVE_ADVICE_ISSUED,
            "cumulative",
            ("advices",),
            True,
            "positive advices beschut werk issued since 2015 in total (cumulative; not all still "
            "valid, so more than positive_advice_stock)",
        ),
        Metric(
            INDICATION_WITHOUT_JOB,
            "stock",
            _COUNT,
            True,
            "people with a positive advice and no beschut werk job",
        ),
        Metric(
            "applications_by_citizens",
            "flow",
            ("applications",),
            True,
            "advice requests filed by citizens themselves",
        ),
        Metric(
            "positive_advice_citizens",
            "flow",
            ("advices",),
            True,
            "positive advices on citizens' own requests",
        ),
        Metric(
            WORKING_GROWTH,
            "rate",
            ("percent",),
            True,
            "relative growth of working over the reference span (a year), as a source states it; "
            "a cross-check of the series, never an observation of working",
            may_be_negative=True,
        ),
        Metric(
            CBS_PROVISIONS,
            "stock",
            ("provisions",),
            True,
            "CBS statistics of re-integration provisions (StatLine 85588NED): provisions of type "
            "beschut werk running in the month as gemeenten report them; another definition "
            "than working (UWV: persons with a positive advice in a beschut werk job)",
        ),
        Metric("negative_advice_share", "rate", ("share", "percent"), True, "share refused"),
        Metric(
            PLACEMENT_RATE_3M,
            "rate",
            ("percent", "share"),
            True,
            "share of positive advices in a job three months later",
        ),
        Metric("bonus_budget", "money", ("EUR",), False, "budget for the bonus per place"),
        Metric("bonus_paid", "money", ("EUR",), True, "bonus paid out"),
        Metric("bonus_paid_share", "rate", ("percent",), True, "share of the bonus budget paid"),
        Metric("bonus_per_place", "money", _MONEY, False, "bonus per realised place"),
        Metric("extra_budget", "money", ("EUR",), False, "extra budget made available"),
        Metric("extra_budget_requested", "money", ("EUR",), True, "extra budget requested"),
        Metric("cost_wage_per_place", "money", _MONEY, False, "wage cost of a place"),
        Metric("cost_support_per_place", "money", _MONEY, False, "support and adaptation cost"),
        Metric("cost_total_per_place", "derived", _MONEY, False, "total cost as a source sums it"),
        Metric("income_wage_subsidy_per_place", "money", _MONEY, False, "loonkostensubsidie"),
        Metric(
            "income_participation_budget_per_place",
            "money",
            _MONEY,
            False,
            "Participatiewet budget per place",
        ),
        Metric("income_bonus_per_place", "money", _MONEY, False, "bonus as income per place"),
        Metric("income_labour_value_per_place", "money", _MONEY, False, "value of the work done"),
        Metric(
            "income_total_per_place", "derived", _MONEY, False, "total income as a source sums it"
        ),
        Metric("extra_funding_per_place", "money", _MONEY, False, "structural addition per place"),
        Metric(
            "extra_funding_total",
            "money",
            _MONEY,
            False,
            "structural addition in total per year (the per-place addition times about 30,000)",
        ),
        Metric("budget_per_place_support", "money", _MONEY, False, "state budget for begeleiding"),
        Metric(
            "budget_per_place_participatiefonds",
            "money",
            _MONEY,
            False,
            "funding per place from the participatiefonds",
        ),
        Metric("net_cost_per_place", "money", _MONEY, False, "cost after the value of the work"),
        Metric(
            "target_realised_share",
            "derived",
            ("percent",),
            True,
            "realised as a share of the target, as a source computes it",
        ),
        Metric(
            "target_as_compared",
            "derived",
            _COUNT,
            True,
            "the number a source compares a count with as 'required' (which year's taakstelling, "
            "or which part of it, unstated): never part of the target path",
        ),
        Metric(
            "target_shortfall",
            "derived",
            _COUNT,
            True,
            "places short of the target, as a source computes it",
        ),
        Metric(
            "gemeenten_target_one_place",
            "target",
            ("gemeenten",),
            False,
            "gemeenten whose set number is one place",
        ),
        Metric(
            "gemeenten_meeting_target",
            "rate",
            ("percent",),
            True,
            "share of gemeenten meeting their set number",
        ),
        Metric("gemeenten_willing", "rate", ("percent",), True, "share intending to offer it"),
        Metric("gemeenten_with_policy", "rate", ("percent",), True, "share with a policy"),
        Metric("planned_places", "target", ("places",), False, "places gemeenten planned"),
    ]
}
