"""Figures of 03_targets_gap, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.markup import qualified
from helpers.numbers import percent, thousands
from helpers.plotting import (
    CONCEPT_COLOURS,
    NEUTRAL_COLOURS,
    REFERENCE_YEARS,
    add_source_line,
    direct_label,
)
from helpers.presentation import count_axis, qualified_points
from helpers.targets.analysis import TargetsAnalysis, at_realised_pace
from helpers.targets.labels import LABELS
from helpers.words import check_language

TARGET = CONCEPT_COLOURS["target"]
NEUTRAL_TEXT = NEUTRAL_COLOURS["text"]
REALISED = CONCEPT_COLOURS["realised"]


def _source(fig: Figure, a: TargetsAnalysis, language: str) -> None:
    """The source line: publishers of the realised figures and the last figure's date."""
    add_source_line(fig, a.working["publisher"], a.working["reference_date"].max(), language)


def pace_comparison(a: TargetsAnalysis) -> dict[str, object]:
    """The observed pace (the one definition of helpers.trajectory.goals.observed_pace, as in the
    answer, 02 and the verdict) and the pace needed from the last year end to reach the
    structural goal by each reference year (REFERENCE_YEARS)."""
    last = a.result.iloc[-1]
    observed = at_realised_pace(a)
    goal = float(a.structural["value"])
    needed = {
        year: (goal - float(last["working"])) / (year - int(last["year"]))
        for year in REFERENCE_YEARS
        if year > int(last["year"])
    }
    return {
        "from_year": observed["pace_from_year"],
        "to_year": observed["pace_to_year"],
        "achieved": float(observed["pace_places_per_year"]),
        "achieved_qualifier": observed["pace_qualifier"],
        "needed": needed,
        "goal": goal,
    }


def targets_title(a: TargetsAnalysis, language: str) -> str:
    """The finding of the taakstelling figure, from the numbers."""
    words = LABELS[check_language(language)]
    rows = a.result
    below = int((rows["working"] < rows["target"]).sum())
    first, last = rows.iloc[0], rows.iloc[-1]
    head = words["title_behind_all"] if below == len(rows) else words["title_behind_some"]
    trend = "title_closing" if last["ratio"] > first["ratio"] else "title_widening"
    return head.format(below=below, n=len(rows)) + words[trend].format(
        first=percent(first["ratio"], language),
        first_year=int(first["year"]),
        last=percent(last["ratio"], language),
        last_year=int(last["year"]),
    )


def figure_targets(a: TargetsAnalysis, language: str) -> Figure:
    """Taakstelling against realised at every compared year end (a dumbbell with the shortfall
    and share), beside the achieved pace against the pace needed for the goal by 2030 and 2048."""
    words = LABELS[check_language(language)]
    rows = a.result.reset_index(drop=True)
    fig = Figure(figsize=(10.0, 4.8), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[3, 2])
    ys = np.arange(len(rows))
    for y, (_, row) in zip(ys, rows.iterrows(), strict=True):
        left.plot(
            [row["working"], row["target"]], [y, y], color=CONCEPT_COLOURS["reference"], lw=2.5
        )
        assumed = row["target_status"] == "assumed"
        left.plot(
            row["target"],
            y,
            marker="s",
            markersize=8,
            linestyle="none",
            color=TARGET,
            markerfacecolor="white" if assumed else TARGET,
            gid="target",
        )
        shortfall = qualified(thousands(row["gap"], language), row["gap_qualifier"])
        share = qualified(percent(row["ratio"], language), row["ratio_qualifier"])
        direct_label(
            left,
            words["dumbbell_label"].format(gap=shortfall, share=share),
            (max(row["target"], row["working"]), y),
            (9, 0),
            NEUTRAL_TEXT,
            va="center",
        )
    qualified_points(left, rows["working"], ys, rows["working_qualifier"], REALISED, size=8)
    top = rows.iloc[-1]
    for value, key, colour, ha in (
        (top["working"], "realised", REALISED, "right"),
        (top["target"], "taakstelling", TARGET, "left"),
    ):
        direct_label(left, words[key], (value, ys[-1]), (0, 9), colour, ha=ha)
    left.set_yticks(ys, [words["year_end"].format(year=int(y)) for y in rows["year"]])
    left.set_ylim(-0.6, len(rows) - 0.2)
    left.invert_yaxis()
    left.set_xlim(0, 1.45 * rows[["target", "working"]].max().max())
    count_axis(left, language, "x")
    left.set_xlabel(words["people_places"])
    left.grid(axis="y", visible=False)
    left.set_title(words["panel_gap"], fontsize=10, loc="left")

    pace = pace_comparison(a)
    goal = thousands(pace["goal"], language)
    bars = [
        (
            words["pace_achieved"].format(start=pace["from_year"], end=pace["to_year"]),
            pace["achieved"],
            "realised",
        )
    ]
    bars += [
        (words["pace_needed"].format(goal=goal, year=year), value, f"pace_{year}")
        for year, value in pace["needed"].items()
    ]
    bars = [bar for bar in bars if bar[2] in CONCEPT_COLOURS]
    py = np.arange(len(bars))
    for y, (_, value, concept) in zip(py, bars, strict=True):
        right.barh(y, value, 0.6, color=CONCEPT_COLOURS[concept], gid=concept)
        direct_label(
            right, thousands(value, language), (value, y), (4, 0), NEUTRAL_TEXT, va="center"
        )
    right.set_yticks(py, [label for label, _, _ in bars])
    right.invert_yaxis()
    right.set_xlim(0, 1.25 * max(value for _, value, _ in bars))
    count_axis(right, language, "x")
    right.set_xlabel(words["per_year"])
    right.grid(axis="y", visible=False)
    right.set_title(words["panel_pace"], fontsize=10, loc="left")
    fig.suptitle(targets_title(a, language), fontsize=12)
    _source(fig, a, language)
    return fig
