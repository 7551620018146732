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
# # Targets and the gap: how far is beschut werk behind the national path?
#
# The national target path as published (1,600 places at the end of 2015 and 3,200 at the end of
# 2016 on the original path; the 2017 reset to 2,600; the later yearly targets; 30,000 in 2048),
# the realisation ratio and the gap in places for every year with both a target and a realised
# year-end figure, and the pace needed each year against the pace realised.
#
# Relies on: [P1 years without a published target](../ASSUMPTIONS.md#p1),
# [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P8 the realised pace continued](../ASSUMPTIONS.md#p8).
# Figures come from `data/processed/series.csv`; every row names its register row (`source_id`).

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # figure labels: "en" or "nl"
target_interpolation = "linear"  # years without a published target: "linear" or "previous" (P1)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers import targets
from helpers.outputs import json_number, update_results, write_table
from helpers.plotting import COLOURS, QUALIFIER_FILL, save_figure, thousands, use_house_style
from helpers.processed import load_series, metric_series, single_value

checked = targets.validate_parameters(processed_dir, output_dir, language, target_interpolation)
out = checked["out"]

# %% [markdown]
# ## The target path
#
# One target per year, the one in force after the 2017 reset. Years without a published target
# are filled by the rule in the parameter `target_interpolation` and marked `assumed`
# ([P1](../ASSUMPTIONS.md#p1)). `original_path` is the path before the reset (the published
# 2015 and 2016 targets and the original 4,800 for 2017); `provisional` a provisional figure that
# a later publication superseded.

# %%
series = load_series(processed_dir)
path = targets.target_path(series, target_interpolation)
write_table(path, out / "tables" / "targets_path.csv")


def whole(frame, columns):
    """Round counts to whole places for display (NaN stays empty)."""
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}")
    return shown


def percent(frame, columns):
    """Shares as percentages to 0.1 for display."""
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{100 * v:.1f}%")
    return shown


display(
    whole(path[path["year"] <= 2024], ["target", "original_path", "provisional"]).set_index("year")
)
print(
    f"{(path['target_status'] == 'assumed').sum()} of {len(path)} years assumed "
    f"({target_interpolation}); structural goal {path['target'].iloc[-1]:,.0f} places in "
    f"{path['year'].iloc[-1]} ({path['target_source_id'].iloc[-1]})"
)

# %% [markdown]
# ## Realisation ratio and gap
#
# For every year with a target and a realised figure at 31 December: ratio = realised / target,
# gap = target − realised (places short; negative would mean ahead). Qualifiers carry through
# ([P3](../ASSUMPTIONS.md#p3)): the end-2018 figure is "ruim 2.500" (a lower bound), so the 2018
# ratio is a lower bound and the gap an upper bound. The realised figures count persons except
# the 2015 one, which counts places; one person working is taken as one place
# ([P2](../ASSUMPTIONS.md#p2)).

# %%
realised = targets.year_end_realised(series)
result = targets.realisation(path, realised)
write_table(result, out / "tables" / "targets_realisation.csv")
shown = result[
    [
        "year",
        "target",
        "target_status",
        "working",
        "working_qualifier",
        "working_unit",
        "working_source_id",
        "ratio",
        "ratio_qualifier",
        "gap",
        "gap_qualifier",
        "original_path",
        "ratio_original_path",
        "gap_original_path",
    ]
]
shown = percent(
    whole(shown, ["target", "working", "gap", "original_path", "gap_original_path"]),
    ["ratio", "ratio_original_path"],
)
display(shown.set_index("year"))

# %% [markdown]
# ## Pace: needed against realised
#
# From each realised year end: `needed_next` = places to add in one year to meet the next year's
# target (an `assumed` target where none was published), `needed_goal` = places per year to
# reach the structural goal in its year, `realised_pace` = places actually added per year until
# the next realised year end (averaged where year ends are missing in between).

# %%
pace = targets.pace(path, realised)
write_table(pace, out / "tables" / "targets_pace.csv")
display(
    whole(pace, ["working", "next_target", "needed_next", "needed_goal", "realised_pace"])
    .drop(columns=["next_target_year"])
    .set_index("year")
)

# %% [markdown]
# ## At the realised pace
#
# Continuing the most recent realised pace in a straight line (not a forecast; the trajectory
# notebook models the path, [P8](../ASSUMPTIONS.md#p8)): the year end in which the structural
# goal and the coalition agreement's 50,000 would be reached. The 50,000 has no year in any
# source, so no pace is needed for it.

# %%
last = pace.dropna(subset=["realised_pace"]).iloc[-1]
latest = realised.iloc[-1]
structural = single_value(series, "target_structural")
ambition = single_value(series, "ambition_total")
speed = float(last["realised_pace"])
at_pace = {
    "pace_from_year": int(last["year"]),
    "pace_to_year": int(last["year"] + last["realised_span_years"]),
    "pace_places_per_year": round(speed),
    "pace_qualifier": last["realised_pace_qualifier"],
    "start_year": int(latest["year"]),
    "start_working": round(float(latest["working"])),
    "structural_goal": round(float(structural["value"])),
    "structural_goal_year": int(structural["reference_date"].year),
    "year_reaching_structural_goal": targets.year_reached(
        int(latest["year"]), float(latest["working"]), speed, float(structural["value"])
    ),
    "ambition_total": round(float(ambition["value"])),
    "year_reaching_ambition_total": targets.year_reached(
        int(latest["year"]), float(latest["working"]), speed, float(ambition["value"])
    ),
}
for key, value in at_pace.items():
    print(f"{key}: {value}")

# %% [markdown]
# ## Figures

# %%
LABELS = {
    "en": {
        "title_path": "Beschut werk: target path and realised numbers",
        "recent": "2015–2024",
        "whole": "to the structural goal",
        "target": "target (published)",
        "assumed": "target (assumed, P1)",
        "original": "original path (before the 2017 reset)",
        "provisional": "provisional target",
        "realised": "working (hollow: approximate or bound)",
        "goal": "structural goal",
        "ambition": "coalition agreement 50,000 (no year given)",
        "places": "places / persons",
        "year": "year",
        "title_gap": "Realised against the target at year end",
        "ratio": "realised as % of target",
        "gap": "places short of target",
        "title_pace": "Places per year: needed against realised",
        "needed_next": "needed for next year's target (hatched: assumed target)",
        "needed_goal": "needed per year for the structural goal",
        "realised_pace": "realised (to next year-end figure)",
        "per_year": "places per year",
        "from": "from year end",
    },
    "nl": {
        "title_path": "Beschut werk: streefpad en gerealiseerde aantallen",
        "recent": "2015–2024",
        "whole": "tot het structurele doel",
        "target": "streefaantal (gepubliceerd)",
        "assumed": "streefaantal (aangenomen, P1)",
        "original": "oorspronkelijk pad (vóór de bijstelling van 2017)",
        "provisional": "voorlopig streefaantal",
        "realised": "aan het werk (open: circa of grens)",
        "goal": "structureel doel",
        "ambition": "regeerakkoord 50.000 (geen jaartal)",
        "places": "plekken / personen",
        "year": "jaar",
        "title_gap": "Gerealiseerd tegenover het streefaantal aan het eind van het jaar",
        "ratio": "gerealiseerd als % van streefaantal",
        "gap": "plekken tekort op streefaantal",
        "title_pace": "Plekken per jaar: nodig tegenover gerealiseerd",
        "needed_next": "nodig voor streefaantal volgend jaar (gearceerd: aangenomen)",
        "needed_goal": "nodig per jaar voor het structurele doel",
        "realised_pace": "gerealiseerd (tot het volgende jaareindcijfer)",
        "per_year": "plekken per jaar",
        "from": "vanaf jaareinde",
    },
}
L = LABELS[language]
use_house_style()
figures = out / "figures"
working_all = metric_series(series, "working")


def year_end_axis(dates):
    """Dates on the axis of the yearly targets: x = Y is 31 December of year Y."""
    length = dates.dt.is_leap_year.map({True: 366.0, False: 365.0})
    return dates.dt.year - 1 + dates.dt.day_of_year / length


def draw_path(ax, last_year):
    """Targets (published, assumed), earlier paths and realised figures up to ``last_year``."""
    shown = path[path["year"] <= last_year]
    ax.plot(shown["year"], shown["target"], color=COLOURS["target"], lw=1.2, ls="--")
    pub = shown[shown["target_status"] == "published"]
    ass = shown[shown["target_status"] == "assumed"]
    ax.plot(pub["year"], pub["target"], "o", color=COLOURS["target"], label=L["target"])
    ax.plot(
        ass["year"], ass["target"], "o", mfc="white", color=COLOURS["target"], label=L["assumed"]
    )
    orig = shown.dropna(subset=["original_path"])
    ax.plot(
        orig["year"], orig["original_path"], ":x", color=COLOURS["neutral"], label=L["original"]
    )
    prov = shown.dropna(subset=["provisional"])
    ax.plot(
        prov["year"],
        prov["provisional"],
        "+",
        ms=10,
        color=COLOURS["neutral"],
        label=L["provisional"],
    )
    rows = working_all[working_all["reference_date"].dt.year <= last_year]
    x = year_end_axis(rows["reference_date"])
    ax.plot(x, rows["value"], "-", color=COLOURS["realised"], lw=1)
    for qualifier in sorted(set(rows["qualifier"])):
        mask = rows["qualifier"] == qualifier
        ax.plot(
            x[mask],
            rows.loc[mask, "value"],
            "o",
            color=COLOURS["realised"],
            fillstyle=QUALIFIER_FILL[qualifier],
            label=L["realised"] if qualifier == "exact" else None,
        )
    ax.set_xlabel(L["year"])
    ax.set_ylabel(L["places"])
    ax.yaxis.set_major_formatter(lambda v, _: thousands(v, language))


fig, axes = plt.subplots(1, 2, figsize=(12, 4.8))
draw_path(axes[0], 2024)
axes[0].set_title(L["recent"])
axes[0].legend(loc="upper left")
draw_path(axes[1], int(path["year"].max()))
axes[1].axhline(ambition["value"], color=COLOURS["goal"], ls=":", label=L["ambition"])
axes[1].plot(
    [structural["reference_date"].year],
    [structural["value"]],
    "*",
    ms=14,
    color=COLOURS["goal"],
    label=L["goal"],
)
axes[1].set_title(L["whole"])
axes[1].set_ylim(0, 1.15 * ambition["value"])
axes[1].legend(loc="center left", bbox_to_anchor=(0.0, 0.62))
fig.suptitle(L["title_path"])
save_figure(fig, figures, "targets_path")
plt.show()

# %% [markdown]
# The time axis is in year ends: x = 2018 is 31 December 2018, where the 2018 target and the
# end-2018 figure sit; figures within a year lie before it. Hollow markers are approximate or
# bounds; the dashed red line joins the targets in force, assumed years included.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
years = result["year"].astype(str)
hatch = ["" if q == "exact" else "//" for q in result["ratio_qualifier"]]
axes[0].bar(years, 100 * result["ratio"], color=COLOURS["realised"], hatch=hatch)
axes[0].set_ylabel(L["ratio"])
axes[0].set_ylim(0, 100)
for x, (r, q) in enumerate(zip(result["ratio"], result["ratio_qualifier"], strict=True)):
    sign = {"lower_bound": "≥ ", "upper_bound": "≤ ", "approximate": "~"}.get(q, "")
    axes[0].annotate(f"{sign}{100 * r:.1f}%", (x, 100 * r), ha="center", va="bottom", fontsize=8)
axes[1].bar(
    years,
    result["gap"],
    color=COLOURS["target"],
    hatch=["" if q == "exact" else "//" for q in result["gap_qualifier"]],
)
axes[1].set_ylabel(L["gap"])
axes[1].yaxis.set_major_formatter(lambda v, _: thousands(v, language))
for x, (g, q) in enumerate(zip(result["gap"], result["gap_qualifier"], strict=True)):
    sign = {"lower_bound": "≥ ", "upper_bound": "≤ ", "approximate": "~"}.get(q, "")
    axes[1].annotate(sign + thousands(g, language), (x, g), ha="center", va="bottom", fontsize=8)
for ax in axes:
    ax.set_xlabel(L["year"])
fig.suptitle(L["title_gap"])
save_figure(fig, figures, "targets_gap")
plt.show()

# %%
fig, ax = plt.subplots(figsize=(9, 4.5))
width = 0.27
xs = range(len(pace))
ax.bar(
    [x - width for x in xs],
    pace["needed_next"],
    width,
    color=COLOURS["target"],
    hatch=["//" if s == "assumed" else "" for s in pace["next_target_status"]],
    label=L["needed_next"],
)
ax.bar(list(xs), pace["needed_goal"], width, color=COLOURS["goal"], label=L["needed_goal"])
ax.bar(
    [x + width for x in xs],
    pace["realised_pace"],
    width,
    color=COLOURS["realised"],
    label=L["realised_pace"],
)
ax.set_xticks(list(xs), [str(y) for y in pace["year"]])
ax.set_xlabel(L["from"])
ax.set_ylabel(L["per_year"])
ax.yaxis.set_major_formatter(lambda v, _: thousands(v, language))
ax.set_ylim(0, 1.3 * pace[["needed_next", "needed_goal", "realised_pace"]].max().max())
ax.legend(loc="upper left", ncols=2)
ax.set_title(L["title_pace"])
save_figure(fig, figures, "targets_pace")
plt.show()

# %% [markdown]
# ## Key numbers
#
# Written to `results.json`, section `targets_gap`: per year the target (and whether it is
# assumed), the realised figure, the ratio (percent, 0.1) and the gap (places), each with its
# qualifier; the same against the original path where the reset changed the target; the pace;
# the realised pace continued. Source ids and units are in the tables.


# %%
by_year = {
    str(r["year"]): {
        "target": json_number(r["target"]),
        "target_status": r["target_status"],
        "working": json_number(r["working"]),
        "working_qualifier": r["working_qualifier"],
        "ratio_percent": json_number(100 * r["ratio"], 1),
        "ratio_qualifier": r["ratio_qualifier"],
        "gap_places": json_number(r["gap"]),
        "gap_qualifier": r["gap_qualifier"],
    }
    for _, r in result.iterrows()
}
reset = result[result["original_path"].notna() & (result["original_path"] != result["target"])]
original_path = {
    str(r["year"]): {
        "original_target": json_number(r["original_path"]),
        "ratio_percent": json_number(100 * r["ratio_original_path"], 1),
        "ratio_qualifier": r["original_path_qualifier"],
        "gap_places": json_number(r["gap_original_path"]),
        "gap_qualifier": r["original_gap_qualifier"],
    }
    for _, r in reset.iterrows()
}
pace_numbers = {
    str(r["year"]): {
        "needed_next_target": json_number(r["needed_next"]),
        "needed_next_qualifier": r["needed_next_qualifier"],
        "next_target_status": r["next_target_status"],
        "needed_per_year_for_goal": json_number(r["needed_goal"]),
        "needed_goal_qualifier": r["needed_goal_qualifier"],
        "realised_pace": json_number(r["realised_pace"]),
        "realised_pace_qualifier": r["realised_pace_qualifier"],
    }
    for _, r in pace.iterrows()
}
key_numbers = {
    "target_interpolation": target_interpolation,
    "assumed_target_years": int((path["target_status"] == "assumed").sum()),
    "by_year": by_year,
    "against_original_path": original_path,
    "pace": pace_numbers,
    "at_realised_pace": {
        k: json_number(v) if isinstance(v, float) else v for k, v in at_pace.items()
    },
}
update_results(out, "targets_gap", key_numbers)
display(pd.DataFrame(by_year).T)
