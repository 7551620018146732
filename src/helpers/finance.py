"""Money per beschut werk place: cost against income, per source, and totals at a number of places.

Every amount is a notebook parameter whose default is the published figure (AMOUNTS names the
register row). Balances are computed per source as that source sums them; variants that combine
a source's amounts with a figure from another year or source say so (``mixed``) and are never
presented as one source's statement (ASSUMPTIONS.md#p5 to #p7). Balance = income - cost per place
per year (negative: a shortfall); total = balance x places (one person working = one place,
ASSUMPTIONS.md#p2).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.errors import ParameterError
from helpers.params import check_int, check_number
from helpers.paths import input_path, output_path
from helpers.plotting import check_language
from helpers.qualifiers import difference_qualifier, product_qualifier, sum_qualifier


@dataclass(frozen=True)
class Amount:
    """A money parameter: the metric it is published as, its register row and published value."""

    metric: str
    source_id: str
    published: float


# parameter name -> what its default is (the published value and its register row)
AMOUNTS: dict[str, Amount] = {
    "cost_wage_per_place": Amount("cost_wage_per_place", "S075", 24000),
    "cost_support_per_place": Amount("cost_support_per_place", "S076", 8000),
    "income_wage_subsidy_per_place": Amount("income_wage_subsidy_per_place", "S077", 17000),
    "income_participation_budget_per_place": Amount(
        "income_participation_budget_per_place", "S078", 8500
    ),
    "income_bonus_per_place": Amount("income_bonus_per_place", "S079", 3000),
    "income_labour_value_per_place": Amount("income_labour_value_per_place", "S080", 3000),
    "bonus_per_place": Amount("bonus_per_place", "S072", 3000),
    "extra_funding_per_place": Amount("extra_funding_per_place", "S081", 2157),
    "budget_per_place_participatiefonds": Amount(
        "budget_per_place_participatiefonds", "S083", 8100
    ),
    "net_cost_per_place": Amount("net_cost_per_place", "S084", 18000),
    "budget_per_place_support": Amount("budget_per_place_support", "S082", 8600),
}
# year parameters -> (register row, where the year is published, published value)
YEARS: dict[str, tuple[str, str, int]] = {
    "bonus_lapse_year": ("S072", "note", 2020),  # "lapses from 2020"
    "extra_funding_year": ("S081", "reference_period", 2024),
}


@dataclass(frozen=True)
class Variant:
    """One way of setting income against cost per place."""

    name: str
    label: str
    year: str  # year(s) of the amounts
    cost: tuple[str, ...]  # parameter names summed as cost
    income: tuple[str, ...]  # parameter names summed as income
    mixed: str  # empty if one source and one year; else what is combined
    applies_from: int | None = None  # first year of the policy period it describes
    applies_to: int | None = None  # last year


EMMEN_COST = ("cost_wage_per_place", "cost_support_per_place")
EMMEN_INCOME = (
    "income_wage_subsidy_per_place",
    "income_participation_budget_per_place",
    "income_labour_value_per_place",
)


def variants(bonus_lapse_year: int, extra_funding_year: int) -> list[Variant]:
    """The balances computed, source by source; the combined ones say what they combine."""
    return [
        Variant(
            "emmen_2017",
            "Trouw 2018, gemeente Emmen's sums (2017)",
            "2017",
            EMMEN_COST,
            (*EMMEN_INCOME[:2], "income_bonus_per_place", EMMEN_INCOME[2]),
            "",
            None,
            bonus_lapse_year - 1,
        ),
        Variant(
            "emmen_2017_without_bonus",
            f"Emmen's sums without the bonus (lapsed from {bonus_lapse_year})",
            f"2017 amounts, bonus lapse {bonus_lapse_year}",
            EMMEN_COST,
            EMMEN_INCOME,
            "Trouw's 2017 amounts (S075-S080) with the bonus lapse reported by Cedris (S072); "
            "amounts not adjusted for prices",
            bonus_lapse_year,
            extra_funding_year - 1,
        ),
        Variant(
            "emmen_2017_without_bonus_with_addition",
            f"Emmen's sums without the bonus, with the {extra_funding_year} addition",
            f"2017 amounts + {extra_funding_year} addition",
            EMMEN_COST,
            (*EMMEN_INCOME, "extra_funding_per_place"),
            f"Trouw's 2017 amounts with the {extra_funding_year} structural addition (S081); "
            "amounts not adjusted for prices",
            extra_funding_year,
            None,
        ),
        Variant(
            "significant_2023",
            "Significant APE via Trouw (2023)",
            "2023",
            ("net_cost_per_place",),
            ("budget_per_place_participatiefonds",),
            "",
        ),
        Variant(
            "significant_2023_with_addition",
            f"Significant APE (2023) with the {extra_funding_year} addition",
            f"2023 + {extra_funding_year} addition",
            ("net_cost_per_place",),
            ("budget_per_place_participatiefonds", "extra_funding_per_place"),
            f"2023 amounts (S083, S084) with the {extra_funding_year} structural addition (S081)",
        ),
        Variant(
            "pointer_2023_against_significant_cost",
            "KRO-NCRV Pointer's budget (2023) against Significant's net cost (2023)",
            "2023",
            ("net_cost_per_place",),
            ("budget_per_place_support",),
            "KRO-NCRV Pointer gives the budget only (S082); the cost is Significant APE's "
            "net cost (S084), same year, different source",
        ),
    ]


def validate_parameters(
    processed_dir: str,
    output_dir: str,
    language: str,
    amounts: dict[str, object],
    years: dict[str, object],
) -> dict[str, object]:
    """Check the parameters of 05_finance; every amount a non-negative number of euro."""
    processed = input_path(processed_dir, "processed_dir")
    out = output_path(output_dir, "output_dir")
    check_language(language)
    missing = sorted(set(AMOUNTS) - set(amounts))
    if missing:
        raise ParameterError(missing[0], "is missing")
    checked = {
        name: check_number(name, amounts[name], minimum=0, maximum=1_000_000) for name in AMOUNTS
    }
    missing = sorted(set(YEARS) - set(years))
    if missing:
        raise ParameterError(missing[0], "is missing")
    year_values = {name: check_int(name, years[name], 1990, 2100) for name in YEARS}
    if year_values["extra_funding_year"] <= year_values["bonus_lapse_year"]:
        raise ParameterError(
            "extra_funding_year",
            f"must be after bonus_lapse_year ({year_values['bonus_lapse_year']}), "
            f"got {year_values['extra_funding_year']}",
        )
    return {
        "processed": processed,
        "out": out,
        "language": language,
        "amounts": checked,
        "years": year_values,
    }


def register_amounts(series: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Each parameter's published default next to the figure in data/processed for its row.

    ``matches`` is False where the data changed since the default was written: the default must
    then be updated (the notebook stops).
    """
    rows = []
    for name, amount in AMOUNTS.items():
        candidates = series[series["metric"] == amount.metric]
        hit = candidates[
            candidates["source_ids"].str.split(";").map(lambda ids, a=amount: a.source_id in ids)
        ]
        if len(hit) != 1:
            raise ValueError(
                f"{amount.source_id} ({amount.metric}) is in {len(hit)} rows of series.csv"
            )
        row = hit.iloc[0]
        rows.append(
            {
                "parameter": name,
                "metric": amount.metric,
                "source_id": amount.source_id,
                "default": float(amount.published),
                "register_value": float(row["value"]),
                "register_qualifier": row["qualifier"],
                "register_as_published": row["value_as_published"],
                "reference_period": row["reference_period"],
                "matches": float(amount.published) == float(row["value"]),
            }
        )
    for name, (source_id, field, published) in YEARS.items():
        row = observations[observations["id"] == source_id]
        if len(row) != 1:
            raise ValueError(f"{source_id} is in {len(row)} rows of observations.csv")
        text = str(row[field].iloc[0])
        rows.append(
            {
                "parameter": name,
                "metric": f"{row['metric'].iloc[0]} ({field})",
                "source_id": source_id,
                "default": float(published),
                "register_value": float(published) if str(published) in text else float("nan"),
                "register_qualifier": "exact",
                "register_as_published": text,
                "reference_period": row["reference_period"].iloc[0],
                "matches": str(published) in text,
            }
        )
    return pd.DataFrame(rows)


def check_defaults(register: pd.DataFrame) -> None:
    """Stop if a parameter's published default no longer matches data/processed."""
    stale = register[~register["matches"]]
    if len(stale):
        first = stale.iloc[0]
        raise ParameterError(
            first["parameter"],
            f"default {first['default']:g} ({first['source_id']}) no longer matches the register "
            f"({first['register_as_published']!r}); update the default in the notebook and in "
            "helpers.finance",
        )


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
                "label": v.label,
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
