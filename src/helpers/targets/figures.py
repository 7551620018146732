"""Figures of 03_targets_gap, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.plotting import (
    ASSUMED_LINESTYLE,
    CONCEPT_COLOURS,
    check_language,
    percent,
    thousands,
    time_position,
)
from helpers.presentation import (
    assumed_patch,
    bar_style,
    count_axis,
    new_figure,
    qualified,
    qualified_points,
    qualifier_handles,
    solid_patch,
    year_axis,
)
from helpers.targets.analysis import TargetsAnalysis
from helpers.targets.labels import LABELS

TARGET = CONCEPT_COLOURS["target"]
REALISED = CONCEPT_COLOURS["realised"]


def _year_end(years) -> np.ndarray:
    """Where the year end of each year sits on a time axis (31 Dec 2022 at 2023.0)."""
    return time_position(pd.to_datetime([f"{int(y)}-12-31" for y in years]))


def figure_path(a: TargetsAnalysis, language: str) -> Figure:
    """Every realised figure against the yearly target, from 2015 to the year after the last figure.

    Year ends at whole years (time_position); published targets filled and joined by a solid
    line, assumed ones hollow on a dashed line; realised figures with their qualifier markers.
    """
    words = LABELS[check_language(language)]
    last_year = int(a.working["reference_date"].dt.year.max()) + 1
    path = a.path[a.path["year"] <= last_year]
    x = _year_end(path["year"])
    fig, (ax,) = new_figure(8.0, 4.8)
    status = path["target_status"].tolist()
    for i in range(len(path) - 1):
        both = status[i] == status[i + 1] == "published"
        ax.plot(
            x[i : i + 2],
            path["target"].iloc[i : i + 2],
            color=TARGET,
            lw=1.5,
            linestyle="-" if both else ASSUMED_LINESTYLE,
            zorder=2,
        )
    for state, face in (("published", TARGET), ("assumed", "white")):
        chosen = np.array(status) == state
        ax.plot(
            x[chosen],
            path["target"][chosen],
            "s",
            color=TARGET,
            markerfacecolor=face,
            markersize=6,
            linestyle="none",
            zorder=3,
        )
    original = path.dropna(subset=["original_path"])
    reset = original[original["original_path"] != original["target"]]
    if len(reset):
        ax.plot(
            _year_end(original["year"]),
            original["original_path"],
            color=TARGET,
            lw=1,
            alpha=0.6,
            marker="x",
            markersize=7,
        )
    working = a.working
    wx = time_position(working["reference_date"])
    ax.plot(wx, working["value"], color=REALISED, lw=1.2, zorder=2)
    qualified_points(ax, wx, working["value"], working["qualifier"], REALISED)
    latest = a.result.iloc[-1]
    lx = _year_end([latest["year"]])[0]
    ax.annotate(
        words["share_of_target"].format(
            share=qualified(percent(latest["ratio"], language, 0), latest["ratio_qualifier"])
        ),
        (lx, (latest["working"] + latest["target"]) / 2),
        xytext=(8, 0),
        textcoords="offset points",
        va="center",
        fontsize=9,
        color=REALISED,
    )
    handles = [
        Line2D([], [], color=TARGET, marker="s", label=words["target_published"]),
        Line2D(
            [],
            [],
            color=TARGET,
            marker="s",
            markerfacecolor="white",
            linestyle=ASSUMED_LINESTYLE,
            label=words["target_assumed"],
        ),
    ]
    if len(reset):
        handles.append(
            Line2D([], [], color=TARGET, alpha=0.6, marker="x", label=words["original_path"])
        )
    handles += qualifier_handles(working["qualifier"], REALISED, words, words["realised"])
    ax.legend(handles=handles, loc="upper left")
    year_axis(ax, int(path["year"].min()) + 1, last_year + 1)
    ax.set_xlabel(words["time_axis"])
    ax.set_ylim(0, 1.08 * max(path["target"].max(), working["value"].max()))
    count_axis(ax, language)
    ax.set_ylabel(words["people"])
    ax.set_title(words["title_path"])
    return fig


def figure_gap(a: TargetsAnalysis, language: str) -> Figure:
    """Target and realised number side by side at each year end, with the share reached.

    A target no publication states is hatched (assumed); a realised figure that is approximate or
    a bound carries its qualifier marker on top of its bar.
    """
    words = LABELS[check_language(language)]
    result = a.result
    fig, (ax,) = new_figure(8.0, 4.6)
    xs = np.arange(len(result))
    width = 0.38
    for x, (_, row) in zip(xs, result.iterrows(), strict=True):
        ax.bar(
            x - width / 2,
            row["target"],
            width,
            **bar_style(TARGET, row["target_status"] == "assumed"),
        )
        ax.bar(x + width / 2, row["working"], width, **bar_style(REALISED, False))
        ax.annotate(
            qualified(percent(row["ratio"], language, 0), row["ratio_qualifier"]),
            (x, max(row["target"], row["working"])),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    bounded = result["working_qualifier"] != "exact"
    qualified_points(
        ax,
        xs[bounded.to_numpy()] + width / 2,
        result.loc[bounded, "working"],
        result.loc[bounded, "working_qualifier"],
        REALISED,
        size=8,
        zorder=4,
    )
    handles = [solid_patch(TARGET, words["target_published"])]
    if (result["target_status"] == "assumed").any():
        handles.append(assumed_patch(TARGET, words["target_assumed"]))
    handles.append(solid_patch(REALISED, words["realised"]))
    handles += qualifier_handles(
        result.loc[bounded, "working_qualifier"], REALISED, words, words["realised"]
    )
    ax.legend(handles=handles, loc="upper left")
    ax.set_xticks(xs, [str(y) for y in result["year"]])
    ax.set_ylim(0, 1.15 * result[["target", "working"]].max().max())
    count_axis(ax, language)
    ax.set_ylabel(words["places"])
    ax.set_xlabel(words["year"])
    ax.grid(axis="x", visible=False)
    ax.set_title(words["title_gap"])
    return fig


def figure_pace(a: TargetsAnalysis, language: str) -> Figure:
    """From each realised year end: places a year needed (next target, the goal) and realised."""
    words = LABELS[check_language(language)]
    pace = a.pace
    goal = thousands(float(a.structural["value"]), language)
    goal_year = int(a.structural["reference_date"].year)
    needed_goal = words["needed_goal"].format(goal=goal, goal_year=goal_year)
    fig, (ax,) = new_figure(8.0, 4.6)
    xs = np.arange(len(pace))
    width = 0.27
    colour_goal = CONCEPT_COLOURS["conditional"]
    bars = (
        ("needed_next", -width, TARGET, "next_target_status"),
        ("needed_goal", 0.0, colour_goal, None),
        ("realised_pace", width, REALISED, None),
    )
    qualifiers = []
    for column, offset, colour, status in bars:
        shown = pace[pace[column].notna()]
        for x, (_, row) in zip(xs[pace[column].notna().to_numpy()], shown.iterrows(), strict=True):
            assumed = status is not None and row[status] == "assumed"
            ax.bar(x + offset, row[column], width, **bar_style(colour, assumed))
        inexact = shown[shown[f"{column}_qualifier"] != "exact"]
        qualified_points(
            ax,
            xs[pace[column].notna().to_numpy()][
                (shown[f"{column}_qualifier"] != "exact").to_numpy()
            ]
            + offset,
            inexact[column],
            inexact[f"{column}_qualifier"],
            colour,
            size=7,
            zorder=4,
        )
        qualifiers += inexact[f"{column}_qualifier"].tolist()
    handles = [solid_patch(TARGET, words["needed_next"])]
    if (pace["next_target_status"] == "assumed").any():
        handles.append(assumed_patch(TARGET, words["needed_next_assumed"]))
    handles += [
        solid_patch(colour_goal, needed_goal),
        solid_patch(REALISED, words["realised_pace"]),
    ]
    handles += qualifier_handles(qualifiers, CONCEPT_COLOURS["comparison"], words, words["value"])
    fig.legend(handles=handles, loc="outside lower center", ncols=1)
    ax.set_xticks(xs, [str(y) for y in pace["year"]])
    ax.set_xlabel(words["from_year_end"])
    top = pace[["needed_next", "needed_goal", "realised_pace"]].max().max()
    ax.set_ylim(min(0.0, 1.1 * pace[["needed_next", "realised_pace"]].min().min()), 1.1 * top)
    ax.axhline(0, color=CONCEPT_COLOURS["reference"], lw=0.8)
    count_axis(ax, language)
    ax.set_ylabel(words["per_year"])
    ax.grid(axis="x", visible=False)
    ax.set_title(words["title_pace"])
    return fig
