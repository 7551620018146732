"""Figures of 05_finance, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.finance.analysis import FinanceAnalysis, published_sums, variant_label
from helpers.finance.labels import LABELS
from helpers.plotting import CONCEPT_COLOURS, add_source_line, check_language, euros, thousands
from helpers.presentation import (
    assumed_patch,
    bar_style,
    fmt,
    money_axis,
    new_figure,
    qualified,
    short_date,
    solid_patch,
)

COST = CONCEPT_COLOURS["cost"]
FUNDING = CONCEPT_COLOURS["funding"]


def _source(fig: Figure, a: FinanceAnalysis, language: str) -> None:
    """The source line: publishers of the amounts; the data date is the last realised count."""
    realised = a.totals[a.totals["basis"] == "realised"]
    add_source_line(fig, a.amounts["publisher"], realised["reference_date"].max(), language)


def figure_per_place(a: FinanceAnalysis, language: str) -> Figure:
    """Cost against funding per place per year for every balance; combined ones hatched."""
    words = LABELS[check_language(language)]
    rows = a.per_place
    fig, (ax,) = new_figure(9.0, 5.2)
    ys = np.arange(len(rows))[::-1]
    height = 0.38
    for y, (_, row) in zip(ys, rows.iterrows(), strict=True):
        combined = row["mixed"] != ""
        ax.barh(y + height / 2, row["cost"], height, **bar_style(COST, combined))
        ax.barh(y - height / 2, row["income"], height, **bar_style(FUNDING, combined))
        value = qualified(euros(row["balance"], language), row["balance_qualifier"])
        ax.annotate(
            words["balance"].format(value=value),
            (max(row["cost"], row["income"]), y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(ys, [variant_label(a, v, language) for v in rows["variant"]])
    ax.set_xlim(0, 1.4 * rows[["cost", "income"]].max().max())
    money_axis(ax, language, "x")
    ax.set_xlabel(words["per_place_axis"])
    ax.grid(axis="y", visible=False)
    handles = [solid_patch(COST, words["cost"]), solid_patch(FUNDING, words["funding"])]
    if (rows["mixed"] != "").any():
        handles.append(assumed_patch(CONCEPT_COLOURS["comparison"], words["combined"]))
    ax.legend(handles=handles, loc="lower right")
    fig.suptitle(words["title_per_place"])
    _source(fig, a, language)
    return fig


def _balance_bars(ax, positions, values, assumed, qualifiers, language, horizontal=False):
    """Balance bars: cost colour below zero (a shortfall), funding colour above.

    Values are written beside every horizontal bar, and beside vertical bars that are at least a
    tenth of the largest one (smaller ones are in the table).
    """
    largest = max(abs(v) for v in values)
    draw = ax.barh if horizontal else ax.bar
    for p, value, hatch, qualifier in zip(positions, values, assumed, qualifiers, strict=True):
        draw(p, value, 0.6, **bar_style(COST if value < 0 else FUNDING, hatch))
        if abs(value) < (0.0 if horizontal else 0.1) * largest:
            continue
        text = qualified(fmt(value, "millions", language), qualifier)
        step = -4 if value < 0 else 4
        if horizontal:
            ax.annotate(
                text,
                (value, p),
                xytext=(step, 0),
                textcoords="offset points",
                ha="right" if value < 0 else "left",
                va="center",
                fontsize=8,
            )
        else:
            ax.annotate(
                text,
                (p, value),
                xytext=(0, step),
                textcoords="offset points",
                ha="center",
                va="top" if value < 0 else "bottom",
                fontsize=8,
            )
    low, high = min(0.0, min(values)), max(0.0, max(values))
    limits = (low * 1.3 - 0.02 * (high - low), high * 1.3 + 0.02 * (high - low))
    (ax.set_xlim if horizontal else ax.set_ylim)(*limits)
    (ax.axvline if horizontal else ax.axhline)(0, color=CONCEPT_COLOURS["reference"], lw=0.8)
    money_axis(ax, language, "x" if horizontal else "y", in_millions=True)
    ax.grid(axis="y" if horizontal else "x", visible=False)


def figure_totals(a: FinanceAnalysis, language: str) -> Figure:
    """Yearly balance for all places: realised years (own scale) and the goals (hypothetical).

    Realised years use the Emmen balance of their policy period; a bar is hatched where the
    amounts are not of that year or combine sources (assumed). At 30,000 and 50,000 places each
    source's own sum is shown, hatched: nobody has those places yet.
    """
    words = LABELS[check_language(language)]
    fig, (left, right) = new_figure(10.0, 4.8, ncols=2)
    policy = a.policy
    xs = np.arange(len(policy))
    _balance_bars(
        left,
        xs,
        policy["total"].tolist(),
        policy["assumed"].tolist(),
        policy["total_qualifier"].tolist(),
        language,
    )
    left.set_xticks(
        xs,
        [
            words["realised_at"].format(
                year=d.year if (d.month, d.day) == (12, 31) else short_date(d, language),
                places=qualified(thousands(p, language), q),
            )
            for d, p, q in zip(
                policy["reference_date"], policy["places"], policy["places_qualifier"], strict=True
            )
        ],
        fontsize=8,
    )
    left.set_title(words["panel_realised"], fontsize=10)
    left.set_ylabel(words["total_axis"])
    own = published_sums(a)["variant"].tolist()
    goals = a.totals[(a.totals["basis"] != "realised") & a.totals["variant"].isin(own)]
    goals = goals.sort_values(["places", "variant"], kind="stable")
    ys = np.arange(len(goals))[::-1]
    _balance_bars(
        right,
        ys,
        goals["total"].tolist(),
        [True] * len(goals),
        goals["total_qualifier"].tolist(),
        language,
        horizontal=True,
    )
    right.set_yticks(
        ys,
        [
            variant_label(a, v, language)
            + "\n"
            + words["places_at"].format(places=thousands(p, language))
            for v, p in zip(goals["variant"], goals["places"], strict=True)
        ],
        fontsize=8,
    )
    place_values = sorted(goals["places"].unique())
    right.set_title(
        words["panel_goals"].format(
            goal=thousands(place_values[0], language),
            ambition=thousands(place_values[-1], language),
        ),
        fontsize=10,
    )
    right.set_xlabel(words["total_axis"])
    handles = [
        solid_patch(COST, words["shortfall"]),
        assumed_patch(CONCEPT_COLOURS["comparison"], words["assumed_bar"]),
    ]
    if (a.totals["total"] > 0).any():
        handles.insert(1, solid_patch(FUNDING, words["surplus"]))
    right.legend(handles=handles, loc="lower right")
    fig.suptitle(words["title_totals"])
    _source(fig, a, language)
    return fig
