"""Money per beschut werk place: cost against income, per source, and totals at a number of places.

Every amount is read from data/processed by the register row (source id) that publishes it; no
amount is typed anywhere else. Balances are computed per source as that source sums them;
variants that combine a source's amounts with a figure from another year or source say so
(``mixed``) and are never presented as one source's statement (ASSUMPTIONS.md#p5 to #p7).
Balance = income - cost per place per year (negative: a shortfall); total = balance x places
(one person working = one place, ASSUMPTIONS.md#p2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.params import notebook_parameters
from helpers.qualifiers import difference_qualifier, product_qualifier, sum_qualifier


@dataclass(frozen=True)
class Amount:
    """A money amount: the metric it is published as and the register row that publishes it."""

    metric: str
    source_id: str


# amount name -> the register row it is read from (data/processed/observations.csv, column id)
AMOUNTS: dict[str, Amount] = {
    name: Amount(name, source_id)
    for name, source_id in {
        "cost_wage_per_place": "S075",
        "cost_support_per_place": "S076",
        "income_wage_subsidy_per_place": "S077",
        "income_participation_budget_per_place": "S078",
        "income_bonus_per_place": "S079",
        "income_labour_value_per_place": "S080",
        "bonus_per_place": "S072",
        "extra_funding_per_place": "S081",
        "budget_per_place_participatiefonds": "S083",
        "net_cost_per_place": "S084",
        "budget_per_place_support": "S082",
    }.items()
}
# year name -> (register row, the field of that row that states the year)
YEARS: dict[str, tuple[str, str]] = {
    "bonus_lapse_year": ("S072", "note"),  # "bonus per realised place, lapses from 2020"
    "extra_funding_year": ("S081", "reference_period"),  # first year of the addition
}
AMOUNT_COLUMNS = [
    "name",
    "metric",
    "source_id",
    "value_as_published",
    "value",
    "qualifier",
    "reference_period",
    "publisher",
]


@dataclass(frozen=True)
class Variant:
    """One way of setting income against cost per place (its words are in finance.LABELS)."""

    name: str
    year: str  # year(s) of the amounts
    cost: tuple[str, ...]  # amount names summed as cost
    income: tuple[str, ...]  # amount names summed as income
    mixed: str  # empty if one source and one year; else what is combined
    applies_from: int | None = None  # first year of the policy period it describes
    applies_to: int | None = None  # last year


EMMEN_COST = ("cost_wage_per_place", "cost_support_per_place")
EMMEN_INCOME = (
    "income_wage_subsidy_per_place",
    "income_participation_budget_per_place",
    "income_labour_value_per_place",
)


def validate_parameters(processed_dir: str, output_dir: str, language: str) -> dict[str, object]:
    """Check the parameters of 05_finance; return the resolved paths."""
    return notebook_parameters("05_finance", locals())


def _row(observations: pd.DataFrame, source_id: str) -> pd.Series:
    rows = observations[observations["id"] == source_id]
    if len(rows) != 1:
        raise ValueError(f"observations.csv: register row {source_id} found {len(rows)} times")
    return rows.iloc[0]


def read_amounts(observations: pd.DataFrame) -> pd.DataFrame:
    """Every amount from its register row, as published and as a number, with its qualifier."""
    records = []
    for name, amount in AMOUNTS.items():
        row = _row(observations, amount.source_id)
        if row["metric"] != amount.metric:
            raise ValueError(
                f"observations.csv row {amount.source_id}: field metric is {row['metric']!r}, "
                f"expected {amount.metric!r}"
            )
        records.append(
            {
                "name": name,
                "metric": amount.metric,
                "source_id": amount.source_id,
                "value_as_published": row["value_as_published"],
                "value": float(row["value"]),
                "qualifier": row["qualifier"],
                "reference_period": row["reference_period"],
                "publisher": row["publisher"],
            }
        )
    return pd.DataFrame(records, columns=AMOUNT_COLUMNS)


def read_years(observations: pd.DataFrame) -> dict[str, int]:
    """The policy years (bonus lapse, first year of the addition) from their register rows."""
    years = {}
    for name, (source_id, field) in YEARS.items():
        text = str(_row(observations, source_id)[field])
        found = re.findall(r"\b(?:19|20)\d\d\b", text)
        if len(found) != 1:
            raise ValueError(
                f"observations.csv row {source_id}: field {field} ({text!r}) must state exactly "
                f"one year for {name}"
            )
        years[name] = int(found[0])
    if years["extra_funding_year"] <= years["bonus_lapse_year"]:
        raise ValueError(
            f"extra_funding_year ({years['extra_funding_year']}) must be after "
            f"bonus_lapse_year ({years['bonus_lapse_year']})"
        )
    return years


def variants(bonus_lapse_year: int, extra_funding_year: int) -> list[Variant]:
    """The balances computed, source by source; the combined ones say what they combine."""
    return [
        Variant(
            "emmen_2017",
            "2017",
            EMMEN_COST,
            (*EMMEN_INCOME[:2], "income_bonus_per_place", EMMEN_INCOME[2]),
            "",
            None,
            bonus_lapse_year - 1,
        ),
        Variant(
            "emmen_2017_without_bonus",
            f"2017 amounts, bonus lapse {bonus_lapse_year}",
            EMMEN_COST,
            EMMEN_INCOME,
            f"Trouw's 2017 amounts ({_ids(EMMEN_COST + EMMEN_INCOME)}) with the bonus lapse "
            f"reported by Cedris ({AMOUNTS['bonus_per_place'].source_id}); amounts not adjusted "
            "for prices",
            bonus_lapse_year,
            extra_funding_year - 1,
        ),
        Variant(
            "emmen_2017_without_bonus_with_addition",
            f"2017 amounts + {extra_funding_year} addition",
            EMMEN_COST,
            (*EMMEN_INCOME, "extra_funding_per_place"),
            f"Trouw's 2017 amounts with the {extra_funding_year} structural addition "
            f"({_ids(['extra_funding_per_place'])}); amounts not adjusted for prices",
            extra_funding_year,
            None,
        ),
        Variant(
            "significant_2023",
            "2023",
            ("net_cost_per_place",),
            ("budget_per_place_participatiefonds",),
            "",
        ),
        Variant(
            "significant_2023_with_addition",
            f"2023 + {extra_funding_year} addition",
            ("net_cost_per_place",),
            ("budget_per_place_participatiefonds", "extra_funding_per_place"),
            f"2023 amounts ({_ids(['budget_per_place_participatiefonds', 'net_cost_per_place'])})"
            f" with the {extra_funding_year} structural addition "
            f"({_ids(['extra_funding_per_place'])})",
        ),
        Variant(
            "pointer_2023_against_significant_cost",
            "2023",
            ("net_cost_per_place",),
            ("budget_per_place_support",),
            f"KRO-NCRV Pointer gives the budget only ({_ids(['budget_per_place_support'])}); the "
            f"cost is Significant APE's net cost ({_ids(['net_cost_per_place'])}), same year, "
            "different source",
        ),
    ]


def _ids(names) -> str:
    """The register rows of some amounts, as a range or list ("S075-S080", "S081")."""
    ids = sorted(AMOUNTS[n].source_id for n in names)
    return ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1]}" if len(ids) > 2 else ", ".join(ids)


def balances(
    values: dict[str, float], qualifiers: dict[str, str], variant_list: list[Variant]
) -> pd.DataFrame:
    """Cost, income and balance (income - cost) per place per year for each variant."""
    rows = []
    for v in variant_list:
        cost = sum(values[n] for n in v.cost)
        income = sum(values[n] for n in v.income)
        cq = sum_qualifier(qualifiers[n] for n in v.cost)
        iq = sum_qualifier(qualifiers[n] for n in v.income)
        rows.append(
            {
                "variant": v.name,
                "year": v.year,
                "cost": cost,
                "cost_qualifier": cq,
                "cost_parameters": " + ".join(v.cost),
                "income": income,
                "income_qualifier": iq,
                "income_parameters": " + ".join(v.income),
                "balance": income - cost,
                "balance_qualifier": difference_qualifier(iq, cq),
                "source_ids": ";".join(AMOUNTS[n].source_id for n in (*v.cost, *v.income)),
                "mixed": v.mixed,
            }
        )
    return pd.DataFrame(rows)


def totals(per_place: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Balance x places for every variant and every number of places.

    ``places`` has columns basis, reference_date (may be NaT), year (may be NaN), places,
    places_qualifier. ``same_year`` is True only where the variant's amounts are of the year of
    the places figure.
    """
    rows = []
    for _, p in places.iterrows():
        for _, b in per_place.iterrows():
            total = b["balance"] * p["places"]
            year = p["year"]
            rows.append(
                {
                    "basis": p["basis"],
                    "reference_date": p["reference_date"],
                    "places": p["places"],
                    "places_qualifier": p["places_qualifier"],
                    "places_source_id": p.get("places_source_id", ""),
                    "variant": b["variant"],
                    "balance": b["balance"],
                    "balance_qualifier": b["balance_qualifier"],
                    "total": total,
                    "total_qualifier": product_qualifier(
                        b["balance_qualifier"], b["balance"], p["places_qualifier"], p["places"]
                    ),
                    "same_year": bool(pd.notna(year) and b["year"] == str(int(year))),
                }
            )
    return pd.DataFrame(rows)


def policy_variant(year: int, variant_list: list[Variant], family: str = "emmen_2017") -> str:
    """The variant of a family whose policy period (bonus / no bonus / addition) covers ``year``."""
    for v in variant_list:
        if not v.name.startswith(family):
            continue
        low = v.applies_from if v.applies_from is not None else -10_000
        high = v.applies_to if v.applies_to is not None else 10_000
        if low <= year <= high:
            return v.name
    raise ValueError(f"no {family} variant covers {year}")


def latest_per_year(working: pd.DataFrame) -> pd.DataFrame:
    """The last ``working`` figure of each year (ASSUMPTIONS.md#p7)."""
    rows = working.sort_values("reference_date", kind="stable").copy()
    rows["year"] = rows["reference_date"].dt.year.astype(int)
    return rows.groupby("year", sort=True).tail(1).reset_index(drop=True)
