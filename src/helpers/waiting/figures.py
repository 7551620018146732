"""Figures of 04_waiting_list, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from helpers.plotting import (
    CONCEPT_COLOURS,
    add_source_line,
    check_language,
    percent,
    thousands,
    time_position,
)
from helpers.presentation import (
    count_axis,
    new_figure,
    qualified,
    qualified_points,
    qualifier_handles,
    year_axis,
)
from helpers.waiting.analysis import WaitingAnalysis, matched
from helpers.waiting.labels import LABELS

ADVICE = CONCEPT_COLOURS["advice"]
REALISED = CONCEPT_COLOURS["realised"]
NEAR = 0.6  # years: a neighbouring advice date closer than this puts the label on the left


def _source(fig: Figure, a: WaitingAnalysis, language: str) -> None:
    """The source line: publishers of the counts and the last advice date."""
    add_source_line(fig, a.working["publisher"], a.table["reference_date"].max(), language)


def figure_waiting(a: WaitingAnalysis, language: str) -> Figure:
    """Advice stock and people working over time; the gap between them is the waiting list."""
    words = LABELS[check_language(language)]
    fig, (ax,) = new_figure(8.0, 4.8)
    wx = time_position(a.working["reference_date"])
    ax.plot(wx, a.working["value"], color=REALISED, lw=1.2, zorder=2)
    qualified_points(ax, wx, a.working["value"], a.working["qualifier"], REALISED)
    advice = a.table
    ax_ = time_position(advice["reference_date"])
    qualified_points(ax, ax_, advice["advice"], advice["advice_qualifier"], ADVICE, zorder=4)
    rows = matched(a)
    mx = time_position(rows["reference_date"])
    ax.vlines(mx, rows["working"], rows["advice"], color=ADVICE, lw=4, alpha=0.35, zorder=1)
    inter = (rows["working_match"] == "interpolated").to_numpy()
    ax.plot(mx[inter], rows.loc[inter, "working"], "x", color=REALISED, markersize=8)
    for i, (x, (_, row)) in enumerate(zip(mx, rows.iterrows(), strict=True)):
        text = qualified(thousands(row["waiting"], language), row["waiting_qualifier"])
        style = {
            "fontsize": 9,
            "color": ADVICE,
            "fontweight": "bold",
            "textcoords": "offset points",
        }
        if i + 1 < len(mx) and mx[i + 1] - x < NEAR:  # a neighbour to the right: label left
            ax.annotate(
                text,
                (x, (row["working"] + row["advice"]) / 2),
                xytext=(-6, 0),
                ha="right",
                va="center",
                **style,
            )
        elif i > 0 and x - mx[i - 1] < NEAR:  # a neighbour to the left: label on top
            ax.annotate(text, (x, row["advice"]), xytext=(0, 8), ha="center", va="bottom", **style)
        else:
            ax.annotate(
                text,
                (x, (row["working"] + row["advice"]) / 2),
                xytext=(6, 0),
                ha="left",
                va="center",
                **style,
            )
    handles = qualifier_handles(advice["advice_qualifier"], ADVICE, words, words["advice"])
    handles.append(Line2D([], [], color=ADVICE, lw=4, alpha=0.35, label=words["waiting"]))
    if len(a.issued):
        issued_x = time_position(a.issued["reference_date"])
        ax.plot(issued_x, a.issued["value"], "D", color=ADVICE, markersize=7, linestyle="none")
        handles.append(
            Line2D([], [], color=ADVICE, marker="D", linestyle="none", label=words["issued"])
        )
    handles += qualifier_handles(a.working["qualifier"], REALISED, words, words["working"])
    if inter.any():
        handles.append(
            Line2D(
                [], [], color=REALISED, marker="x", linestyle="none", label=words["interpolated"]
            )
        )
    ax.legend(handles=handles, loc="upper left")
    first = int(np.floor(min(wx.min(), ax_.min())))
    year_axis(ax, first, int(np.ceil(max(wx.max(), ax_.max()))))
    top = max(advice["advice"].max(), a.issued["value"].max() if len(a.issued) else 0)
    ax.set_ylim(0, 1.12 * top)
    count_axis(ax, language)
    ax.set_ylabel(words["persons"])
    ax.set_xlabel(words["time_axis"])
    ax.set_title(words["title_waiting"])
    _source(fig, a, language)
    return fig


def figure_rate(a: WaitingAnalysis, language: str) -> Figure:
    """Working as a share of the advice stock, beside UWV's three-month rate (another measure)."""
    words = LABELS[check_language(language)]
    rows = matched(a)
    fig, (ax,) = new_figure(8.0, 4.2)
    x = time_position(rows["reference_date"])
    qualified_points(
        ax, x, 100 * rows["placement_rate"], rows["placement_rate_qualifier"], REALISED, size=8
    )
    other = CONCEPT_COLOURS["other_measure"]
    rx = time_position(a.rates_3m["reference_date"])
    qualified_points(ax, rx, a.rates_3m["value"], a.rates_3m["qualifier"], other, size=8)
    shown = (
        (x, 100 * rows["placement_rate"], rows["placement_rate_qualifier"], REALISED),
        (rx, a.rates_3m["value"], a.rates_3m["qualifier"], other),
    )
    for xs, values, qualifiers, colour in shown:
        for xi, v, q in zip(xs, values, qualifiers, strict=True):
            ax.annotate(
                qualified(percent(v / 100, language, 0), q),
                (xi, v),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=9,
                color=colour,
            )
    handles = qualifier_handles(rows["placement_rate_qualifier"], REALISED, words, words["rate"])
    handles += qualifier_handles(a.rates_3m["qualifier"], other, words, words["rate_3m"])
    ax.legend(handles=handles, loc="lower right")
    all_x = np.concatenate([x, rx])
    year_axis(ax, int(np.floor(all_x.min())), int(np.ceil(all_x.max())))
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v / 100, language, 0)))
    ax.set_ylabel(words["share"])
    ax.set_xlabel(words["time_axis"])
    ax.set_title(words["title_rate"])
    _source(fig, a, language)
    return fig
