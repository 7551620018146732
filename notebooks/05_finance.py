# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python (beschut werk)
#     language: python
#     name: beschut-werk
# ---

# %% [markdown]
# # Money: does a beschut werk place pay for itself?
#
# Cost per place against income per place, from each source separately: the gemeente Emmen sums
# reported by Trouw (2017) and the 2023 figures (Significant APE via Trouw; KRO-NCRV Pointer);
# the €3,000 bonus that lapsed in 2020 and the structural addition of €2,157 (2024). The balance
# (income − cost per place per year) is then multiplied by the realised numbers of each year
# and by 30,000 and 50,000 places.
#
# Relies on: [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P5 balances per source](../ASSUMPTIONS.md#p5),
# [P6 amounts not adjusted for prices or years](../ASSUMPTIONS.md#p6),
# [P7 the realised number of a year](../ASSUMPTIONS.md#p7).

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # figure labels: "en" or "nl"
# Amounts in euro per place per year; each default is the published figure (register row).
cost_wage_per_place = 24000  # S075 Trouw 2018: wage cost, gemeente Emmen (2017)
cost_support_per_place = 8000  # S076 Trouw 2018: begeleiding and adaptation, Emmen (2017)
income_wage_subsidy_per_place = 17000  # S077 Trouw 2018: loonkostensubsidie (2017)
income_participation_budget_per_place = 8500  # S078 Trouw 2018: Participatiewet budget (2017)
income_bonus_per_place = 3000  # S079 Trouw 2018: bonus beschut werk (2017)
income_labour_value_per_place = 3000  # S080 Trouw 2018: value of the work, "ongeveer" (2017)
bonus_per_place = 3000  # S072 Cedris 2019: bonus per realised place, lapses from 2020
extra_funding_per_place = 2157  # S081 RadarAdvies/Binnenlands Bestuur: structural addition (2024)
budget_per_place_participatiefonds = 8100  # S083 Trouw 2023 (Significant APE): funding (2023)
net_cost_per_place = 18000  # S084 Trouw 2023 (Significant APE): net cost, "circa" (2023)
budget_per_place_support = 8600  # S082 KRO-NCRV Pointer 2023: state budget for begeleiding
bonus_lapse_year = 2020  # S072 note: the bonus lapses from this year
extra_funding_year = 2024  # S081 reference period: first year of the structural addition

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers import finance
from helpers.outputs import json_number, update_results, write_table
from helpers.plotting import COLOURS, save_figure, thousands, use_house_style
from helpers.processed import load_observations, load_series, metric_series, single_value

amounts = {name: globals()[name] for name in finance.AMOUNTS}
years = {name: globals()[name] for name in finance.YEARS}
checked = finance.validate_parameters(processed_dir, output_dir, language, amounts, years)
out = checked["out"]
values = checked["amounts"]

# %% [markdown]
# ## The amounts and the register
#
# Each amount's published default is checked against its row in `data/processed`: if a figure
# in the register changed, the notebook stops and names the parameter whose default must follow.
# A run may override any amount (a scenario); the table says which values are overrides. An
# override counts as exact; a published value keeps its qualifier ("ongeveer", "circa":
# approximate).

# %%
series = load_series(processed_dir)
register = finance.register_amounts(series, load_observations(processed_dir))
finance.check_defaults(register)
run_values = {**values, **checked["years"]}
register["value_in_run"] = register["parameter"].map(run_values).astype(float)
register["override"] = register["value_in_run"] != register["register_value"]
write_table(register, out / "tables" / "finance_parameters.csv")
display(
    register[
        [
            "parameter",
            "source_id",
            "register_as_published",
            "register_value",
            "register_qualifier",
            "value_in_run",
            "override",
        ]
    ].set_index("parameter")
)
qualifiers = {
    row["parameter"]: "exact" if row["override"] else row["register_qualifier"]
    for _, row in register.iterrows()
    if row["parameter"] in finance.AMOUNTS
}

# %% [markdown]
# ## Balance per place, source by source
#
# - `emmen_2017`: Trouw's report of gemeente Emmen's sums for 2017, as Trouw adds them up
#   (wage and support cost; loonkostensubsidie, Participatiewet budget, bonus and the value of
#   the work as income).
# - `emmen_2017_without_bonus`: the same without the bonus, which lapsed from `bonus_lapse_year`
#   (Cedris); `…_with_addition`: plus the structural addition from `extra_funding_year`. These
#   combine years and sources ([P5](../ASSUMPTIONS.md#p5), [P6](../ASSUMPTIONS.md#p6)).
# - `significant_2023`: Significant APE's figures via Trouw (2023): funding from the
#   participatiefonds against the net cost after the value of the work; with the 2024 addition
#   as a combined variant.
# - KRO-NCRV Pointer gives only the budget per place for 2023, no cost: it is set against
#   Significant's net cost of the same year, marked as a combination of sources.
#
# Balance = income − cost, per place per year; negative is a shortfall for the gemeente.

# %%
variant_list = finance.variants(bonus_lapse_year, extra_funding_year)
per_place = finance.balances(values, qualifiers, variant_list)
write_table(per_place, out / "tables" / "finance_per_place.csv")
shown = per_place.copy()
for column in ("cost", "income", "balance"):
    shown[column] = shown[column].map(lambda v: f"{v:,.0f}")
display(
    shown[
        [
            "variant",
            "year",
            "cost",
            "cost_qualifier",
            "income",
            "income_qualifier",
            "balance",
            "balance_qualifier",
            "source_ids",
            "mixed",
        ]
    ].set_index("variant")
)
lapse = values["income_bonus_per_place"] - values["bonus_per_place"]
print(
    f"bonus in the Emmen sums (S079) {values['income_bonus_per_place']:,.0f}; bonus that lapses "
    f"from {bonus_lapse_year} (S072) {values['bonus_per_place']:,.0f}; difference {lapse:,.0f}"
)

# %% [markdown]
# ## Totals: balance × places
#
# For each year with a realised figure, the last figure of that year ([P7](../ASSUMPTIONS.md#p7));
# then the structural goal of 30,000 and the coalition agreement's 50,000. One person working is
# one place ([P2](../ASSUMPTIONS.md#p2)). `same_year` is true only where the amounts are of the
# year of the places. A total from a bounded number of places is a bound
# ([P3](../ASSUMPTIONS.md#p3)).

# %%
latest = finance.latest_per_year(metric_series(series, "working"))
structural = single_value(series, "target_structural")
ambition = single_value(series, "ambition_total")
places = pd.concat(
    [
        pd.DataFrame(
            {
                "basis": "realised",
                "reference_date": latest["reference_date"],
                "year": latest["year"].astype(float),
                "places": latest["value"],
                "places_qualifier": latest["qualifier"],
            }
        ),
        pd.DataFrame(
            {
                "basis": ["structural_target", "ambition_total"],
                "reference_date": [structural["reference_date"], ambition["reference_date"]],
                "year": [float("nan"), float("nan")],
                "places": [structural["value"], ambition["value"]],
                "places_qualifier": [structural["qualifier"], ambition["qualifier"]],
            }
        ),
    ],
    ignore_index=True,
)
totals = finance.totals(per_place, places)
write_table(totals, out / "tables" / "finance_totals.csv")


def basis_key(row):
    """A readable key for one number of places."""
    if row["basis"] == "realised":
        return f"realised {row['reference_date']:%Y-%m-%d}"
    return f"{row['basis']} {row['places']:,.0f}"


totals["places_basis"] = [basis_key(r) for _, r in totals.iterrows()]
totals["places_key"] = [
    f"realised_{r['reference_date']:%Y-%m-%d}"
    if r["basis"] == "realised"
    else f"places_{r['places']:.0f}"
    for _, r in totals.iterrows()
]
wide = totals.pivot(index="places_basis", columns="variant", values="total")
wide = wide.loc[list(dict.fromkeys(totals["places_basis"])), list(per_place["variant"])]
display(wide.map(lambda v: f"{v / 1e6:,.1f}m"))

# %% [markdown]
# The same totals with, for each realised year, the Emmen variant of that year's policy period
# (bonus until `bonus_lapse_year`, then without; the addition from `extra_funding_year`). The
# amounts stay those of 2017 ([P6](../ASSUMPTIONS.md#p6)).

# %%
policy = totals[totals["basis"] == "realised"].copy()
policy["policy_variant"] = [
    finance.policy_variant(int(d.year), variant_list) for d in policy["reference_date"]
]
policy = policy[policy["variant"] == policy["policy_variant"]]
policy = policy.drop(columns=["policy_variant", "places_basis", "places_key"])
policy = policy.reset_index(drop=True)
write_table(policy, out / "tables" / "finance_totals_policy_period.csv")
shown = policy[
    [
        "reference_date",
        "places",
        "places_qualifier",
        "variant",
        "balance",
        "total",
        "total_qualifier",
        "same_year",
    ]
].copy()
shown["reference_date"] = shown["reference_date"].dt.strftime("%Y-%m-%d")
for column in ("places", "balance", "total"):
    shown[column] = shown[column].map(lambda v: f"{v:,.0f}")
display(shown.set_index("reference_date"))

# %% [markdown]
# ## Figures

# %%
LABELS = {
    "en": {
        "title": "Cost and income per beschut werk place per year, by source",
        "cost": "cost",
        "income": "income",
        "balance": "balance",
        "eur": "euro per place per year",
        "mixed": "* combines years or sources",
        "title_totals": "Yearly balance for all places (income − cost)",
        "total": "million euro per year",
        "places": "number of places",
    },
    "nl": {
        "title": "Kosten en inkomsten per beschutte werkplek per jaar, per bron",
        "cost": "kosten",
        "income": "inkomsten",
        "balance": "saldo",
        "eur": "euro per plek per jaar",
        "mixed": "* combineert jaren of bronnen",
        "title_totals": "Jaarlijks saldo voor alle plekken (inkomsten − kosten)",
        "total": "miljoen euro per jaar",
        "places": "aantal plekken",
    },
}
L = LABELS[language]
use_house_style()
figures = out / "figures"
names = [
    v + (" *" if m else "") for v, m in zip(per_place["variant"], per_place["mixed"], strict=True)
]
fig, ax = plt.subplots(figsize=(10, 5))
ys = list(range(len(per_place)))[::-1]
ax.barh([y + 0.2 for y in ys], per_place["cost"], 0.4, color=COLOURS["target"], label=L["cost"])
ax.barh(
    [y - 0.2 for y in ys], per_place["income"], 0.4, color=COLOURS["realised"], label=L["income"]
)
for y, (_, row) in zip(ys, per_place.iterrows(), strict=True):
    sign = "≈ " if row["balance_qualifier"] == "approximate" else ""
    ax.annotate(
        f"{L['balance']} {sign}{thousands(row['balance'], language).replace('-', '−')}",
        (max(row["cost"], row["income"]), y),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
    )
ax.set_yticks(ys, names)
ax.set_xlim(0, 1.35 * per_place[["cost", "income"]].max().max())
ax.set_xlabel(L["eur"])
ax.xaxis.set_major_formatter(lambda v, _: thousands(v, language))
ax.legend(loc="lower right", title=L["mixed"], title_fontsize=8)
ax.set_title(L["title"])
save_figure(fig, figures, "finance_per_place")
plt.show()

# %%
fig, ax = plt.subplots(figsize=(10, 5))
order = list(dict.fromkeys(totals["places_basis"]))
xs = range(len(order))
width = 0.8 / len(per_place)
palette = [COLOURS[k] for k in ("realised", "model", "neutral", "target", "advice", "goal")]
for i, (variant, colour) in enumerate(zip(per_place["variant"], palette, strict=False)):
    rows = totals[totals["variant"] == variant].set_index("places_basis").loc[order]
    ax.bar(
        [x - 0.4 + (i + 0.5) * width for x in xs],
        rows["total"] / 1e6,
        width,
        color=colour,
        label=names[i],
    )
ax.set_xticks(list(xs), [o.replace(" ", "\n", 1) for o in order], fontsize=8)
ax.set_ylabel(L["total"])
ax.set_xlabel(L["places"])
ax.legend(loc="lower left", fontsize=7, title=L["mixed"], title_fontsize=7)
ax.set_title(L["title_totals"])
save_figure(fig, figures, "finance_totals")
plt.show()

# %% [markdown]
# ## Key numbers
#
# Written to `results.json`, section `finance`: the balance per place per variant (and whether
# it combines years or sources), the totals at every number of places, the totals in each
# year's policy period, and which parameters were overridden. Sources, places and `same_year`
# are in the tables.


# %%
key_numbers = {
    "per_place": {
        row["variant"]: {
            "year": row["year"],
            "cost": json_number(row["cost"]),
            "cost_qualifier": row["cost_qualifier"],
            "income": json_number(row["income"]),
            "income_qualifier": row["income_qualifier"],
            "balance": json_number(row["balance"]),
            "balance_qualifier": row["balance_qualifier"],
            "combines_years_or_sources": bool(row["mixed"]),
        }
        for _, row in per_place.iterrows()
    },
    "totals": {
        variant: {
            row["places_key"]: {
                "total": json_number(row["total"]),
                "total_qualifier": row["total_qualifier"],
            }
            for _, row in totals[totals["variant"] == variant].iterrows()
        }
        for variant in per_place["variant"]
    },
    "totals_policy_period": {
        f"{row['reference_date']:%Y-%m-%d}": {
            "variant": row["variant"],
            "balance": json_number(row["balance"]),
            "total": json_number(row["total"]),
            "total_qualifier": row["total_qualifier"],
        }
        for _, row in policy.iterrows()
    },
    "bonus": {
        "bonus_per_place": json_number(values["bonus_per_place"]),
        "lapses_from": bonus_lapse_year,
        "extra_funding_per_place": json_number(values["extra_funding_per_place"]),
        "extra_funding_from": extra_funding_year,
    },
    "overrides": sorted(register.loc[register["override"], "parameter"]),
}
update_results(out, "finance", key_numbers)
display(pd.DataFrame(key_numbers["per_place"]).T[["year", "balance", "balance_qualifier"]])
