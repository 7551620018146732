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
# # The waiting list: people with a positive advice and no beschut werk job
#
# UWV gives a positive advice ("indicatie") for beschut werk; the gemeente then has to offer a
# place. This notebook sets the people holding a positive advice against the people working in
# beschut werk, date by date: the gap between them is the waiting list, and working / positive
# advice stock is the placement rate.
#
# Relies on: [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P4 matching dates](../ASSUMPTIONS.md#p4).
# Figures come from `data/processed/series.csv`; every row names its register row.

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # figure labels: "en" or "nl"
matching_rule = "interpolate"  # working at an advice date: "same_date" or "interpolate" (P4)
max_interpolation_days = 366  # interpolate only between figures at most this many days apart (P4)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers import waiting
from helpers.outputs import json_number, update_results, write_table
from helpers.plotting import COLOURS, QUALIFIER_FILL, save_figure, thousands, use_house_style
from helpers.processed import load_series, metric_series

checked = waiting.validate_parameters(
    processed_dir, output_dir, language, matching_rule, max_interpolation_days
)
out = checked["out"]

# %% [markdown]
# ## Matching working to the advice dates
#
# For each date with a positive-advice stock, the number working is taken at the same reference
# date. With `matching_rule = "interpolate"` a date without a same-date figure gets a straight
# line between the nearest figures before and after it, if they are at most
# `max_interpolation_days` apart; such rows are marked `interpolated` and are approximate
# whatever the qualifiers of the two figures ([P4](../ASSUMPTIONS.md#p4)). Nothing is
# extrapolated. Both stocks count persons.

# %%
series = load_series(processed_dir)
table = waiting.waiting_list(series, matching_rule, max_interpolation_days)
write_table(table, out / "tables" / "waiting_list.csv")


def shown_table(frame):
    """Counts as whole persons and rates to 0.1% for display."""
    shown = frame.copy()
    shown["reference_date"] = shown["reference_date"].dt.strftime("%Y-%m-%d")
    for column in ("advice", "working", "waiting", "published_without_job"):
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    shown["placement_rate"] = shown["placement_rate"].map(
        lambda v: "" if pd.isna(v) else f"{100 * v:.1f}%"
    )
    return shown.set_index("reference_date")


display(shown_table(table))

# %% [markdown]
# Where a source published the number with an advice but no job for the same date, the two are
# set side by side below. A waiting list computed from a lower bound of the people working is an
# upper bound. An advice stock and a working figure that one publication gives without a
# reference date are both dated at the end of their year by the cleaning step (precision
# `year`), so they match each other.

# %%
for _, row in table.dropna(subset=["published_without_job"]).iterrows():
    print(
        f"{row['reference_date']:%Y-%m-%d}: advice {row['advice']:,.0f} "
        f"({row['advice_source_id']}) - working {row['working']:,.0f} "
        f"({row['working_source_ids']}, {row['working_qualifier']}) = {row['waiting']:,.0f} "
        f"({row['waiting_qualifier']}); published {row['published_without_job']:,.0f} "
        f"({row['published_without_job_source_id']})"
    )

# %% [markdown]
# ## The published three-month placement rate
#
# UWV also publishes a different measure: of everyone with a positive advice up to a date, the
# share in a job three months later. It is shown alongside, not compared with the stock ratio.

# %%
published_rates = waiting.published_placement_rates(series)
write_table(published_rates, out / "tables" / "waiting_placement_rate_published.csv")
shown = published_rates.assign(
    reference_date=published_rates["reference_date"].dt.strftime("%Y-%m-%d")
)
display(shown.set_index("reference_date"))

# %% [markdown]
# ## Figures

# %%
LABELS = {
    "en": {
        "title": "Positive advice for beschut werk against people working in it",
        "advice": "people with a positive advice",
        "working": "people working in beschut werk (hollow: approximate or bound)",
        "waiting": "waiting list (advice − working)",
        "interpolated": "working interpolated (P4)",
        "persons": "persons",
        "date": "reference date",
        "title_rate": "Placement: working as a share of the positive-advice stock",
        "rate": "working / positive advice stock (hollow: approximate or bound)",
        "rate_3m": "published: in a job 3 months after the advice (other measure)",
        "percent": "%",
    },
    "nl": {
        "title": "Positief advies beschut werk tegenover mensen die er werken",
        "advice": "mensen met een positief advies",
        "working": "mensen aan het werk in beschut werk (open: circa of grens)",
        "waiting": "wachtlijst (advies − aan het werk)",
        "interpolated": "aan het werk geïnterpoleerd (P4)",
        "persons": "personen",
        "date": "peildatum",
        "title_rate": "Plaatsing: aan het werk als aandeel van de mensen met een positief advies",
        "rate": "aan het werk / positief advies (open: circa of grens)",
        "rate_3m": "gepubliceerd: na 3 maanden aan het werk (andere maatstaf)",
        "percent": "%",
    },
}
L = LABELS[language]
use_house_style()
figures = out / "figures"
working_all = metric_series(series, "working")
start = table["reference_date"].min() - pd.Timedelta(days=400)
working_shown = working_all[working_all["reference_date"] >= start]

fig, ax = plt.subplots(figsize=(9, 5))
ax.plot(
    working_shown["reference_date"], working_shown["value"], ":", color=COLOURS["realised"], lw=1
)
for qualifier in sorted(set(working_shown["qualifier"])):
    rows = working_shown[working_shown["qualifier"] == qualifier]
    ax.plot(
        rows["reference_date"],
        rows["value"],
        "o",
        color=COLOURS["realised"],
        fillstyle=QUALIFIER_FILL[qualifier],
        label=L["working"] if qualifier == "exact" else None,
    )
for qualifier in sorted(set(table["advice_qualifier"])):
    rows = table[table["advice_qualifier"] == qualifier]
    ax.plot(
        rows["reference_date"],
        rows["advice"],
        "s",
        color=COLOURS["advice"],
        fillstyle=QUALIFIER_FILL[qualifier],
        label=L["advice"] if qualifier == "exact" else None,
    )
matched = table.dropna(subset=["waiting"])
ax.vlines(
    matched["reference_date"],
    matched["working"],
    matched["advice"],
    color=COLOURS["target"],
    lw=3,
    alpha=0.6,
    label=L["waiting"],
)
inter = matched[matched["working_match"] == "interpolated"]
ax.plot(
    inter["reference_date"],
    inter["working"],
    "x",
    color=COLOURS["realised"],
    ms=9,
    label=L["interpolated"],
)
for _, row in matched.iterrows():
    sign = {"lower_bound": "≥ ", "upper_bound": "≤ ", "approximate": "~"}.get(
        row["waiting_qualifier"], ""
    )
    ax.annotate(
        sign + thousands(row["waiting"], language),
        (row["reference_date"], (row["working"] + row["advice"]) / 2),
        xytext=(6, 0),
        textcoords="offset points",
        fontsize=8,
        color=COLOURS["target"],
    )
ax.set_xlabel(L["date"])
ax.set_ylabel(L["persons"])
ax.yaxis.set_major_formatter(lambda v, _: thousands(v, language))
ax.legend(loc="upper left")
ax.set_title(L["title"])
save_figure(fig, figures, "waiting_list")
plt.show()

# %%
fig, ax = plt.subplots(figsize=(9, 4.2))
for qualifier in sorted(set(matched["placement_rate_qualifier"])):
    rows = matched[matched["placement_rate_qualifier"] == qualifier]
    ax.plot(
        rows["reference_date"],
        100 * rows["placement_rate"],
        "o",
        color=COLOURS["realised"],
        fillstyle=QUALIFIER_FILL[qualifier],
        label=L["rate"] if qualifier == "exact" else None,
    )
ax.plot(
    published_rates["reference_date"],
    published_rates["value"],
    "^",
    color=COLOURS["neutral"],
    label=L["rate_3m"],
)
ax.set_ylim(0, 100)
ax.set_xlabel(L["date"])
ax.set_ylabel(L["percent"])
ax.legend(loc="lower right")
ax.set_title(L["title_rate"])
save_figure(fig, figures, "waiting_placement_rate")
plt.show()

# %% [markdown]
# ## Key numbers
#
# Written to `results.json`, section `waiting_list`: per advice date the stock, the number
# working (and how it was matched), the waiting list and the placement rate, with qualifiers;
# source ids are in the table.


# %%
by_date = {
    row["reference_date"].strftime("%Y-%m-%d"): {
        "positive_advice_stock": json_number(row["advice"]),
        "positive_advice_qualifier": row["advice_qualifier"],
        "working": json_number(row["working"]),
        "working_qualifier": row["working_qualifier"],
        "working_match": row["working_match"],
        "waiting": json_number(row["waiting"]),
        "waiting_qualifier": row["waiting_qualifier"],
        "placement_rate_percent": json_number(100 * row["placement_rate"], 1),
        "placement_rate_qualifier": row["placement_rate_qualifier"],
        "published_without_job": json_number(row["published_without_job"]),
    }
    for _, row in table.iterrows()
}
key_numbers = {
    "matching_rule": matching_rule,
    "max_interpolation_days": max_interpolation_days,
    "by_date": by_date,
    "published_placement_rate_3m_percent": {
        row["reference_date"].strftime("%Y-%m-%d"): json_number(row["value"], 1)
        for _, row in published_rates.iterrows()
    },
}
update_results(out, "waiting_list", key_numbers)
display(pd.DataFrame(by_date).T)
