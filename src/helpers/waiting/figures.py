"""Figures of 04_waiting_list, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers.markup import in_words, qualified, short_date
from helpers.numbers import percent, thousands
from helpers.plotting import (
    CONCEPT_COLOURS,
    NEUTRAL_COLOURS,
    add_source_line,
    direct_label,
    time_position,
)
from helpers.presentation import count_axis, new_figure, qualified_points, year_axis
from helpers.waiting.analysis import WaitingAnalysis, matched
from helpers.waiting.labels import LABELS
from helpers.words import check_language

WAITING = CONCEPT_COLOURS["waiting_list"]
REALISED = CONCEPT_COLOURS["realised"]
NEAR = 0.6  # years: a neighbouring advice date closer than this puts the label on the left


def _source(fig: Figure, a: WaitingAnalysis, language: str) -> None:
    """The source line: publishers of the counts and the last advice date."""
    add_source_line(fig, a.working["publisher"], a.table["reference_date"].max(), language)


def waiting_title(a: WaitingAnalysis, language: str) -> str:
    """The finding of the waiting-list figure, from the numbers."""
    words = LABELS[check_language(language)]
    rows = matched(a)
    first, last = rows.iloc[0], rows.iloc[-1]
    key = "title_grew" if last["waiting"] > first["waiting"] else "title_fell"
    return words[key].format(
        first=in_words(thousands(first["waiting"], language), first["waiting_qualifier"], language),
        first_date=short_date(first["reference_date"], language),
        last=in_words(thousands(last["waiting"], language), last["waiting_qualifier"], language),
        last_date=short_date(last["reference_date"], language),
    )


def figure_waiting(a: WaitingAnalysis, language: str) -> Figure:
    """The waiting list (people holding a positive advice without a beschut werk job) as its own
    series over time, each point labelled with its count."""
    words = LABELS[check_language(language)]
    rows = matched(a)
    fig, (ax,) = new_figure(8.0, 4.4)
    x = time_position(rows["reference_date"])
    ax.plot(x, rows["waiting"], color=WAITING, lw=1.6, zorder=2, gid="waiting_list")
    qualified_points(ax, x, rows["waiting"], rows["waiting_qualifier"], WAITING, size=8)
    for i, (xi, (_, row)) in enumerate(zip(x, rows.iterrows(), strict=True)):
        crowded = i + 1 < len(x) and x[i + 1] - xi < NEAR
        direct_label(
            ax,
            qualified(thousands(row["waiting"], language), row["waiting_qualifier"]),
            (xi, row["waiting"]),
            (-8, 6) if crowded else (0, 9),
            NEUTRAL_COLOURS["text"],
            ha="right" if crowded else "center",
            va="bottom",
        )
    direct_label(
        ax,
        words["waiting"],
        (x[0], rows["waiting"].iloc[0]),
        (0, -16),
        WAITING,
        ha="left",
        va="top",
    )
    year_axis(ax, int(np.floor(x.min())), int(np.ceil(x.max())))
    ax.set_ylim(0, 1.2 * rows["waiting"].max())
    count_axis(ax, language)
    ax.set_ylabel(words["persons"])
    ax.set_xlabel(words["time_axis"])
    ax.set_title(waiting_title(a, language), fontsize=12)
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
            direct_label(
                ax,
                qualified(percent(v / 100, language, 0), q),
                (xi, v),
                (0, 8),
                colour,
                ha="center",
            )
    for xs, values, key, colour, end in (
        (x, 100 * rows["placement_rate"], "rate", REALISED, -1),
        (rx, a.rates_3m["value"], "rate_3m", other, 0),
    ):
        if len(values):
            direct_label(
                ax,
                words[key],
                (xs[end], float(values.iloc[end])),
                (0, -40 if end else -14),
                colour,
                ha="right" if end else "left",
                va="top",
            )
    all_x = np.concatenate([x, rx])
    year_axis(ax, int(np.floor(all_x.min())), int(np.ceil(all_x.max())))
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v / 100, language, 0)))
    ax.set_ylabel(words["share"])
    ax.set_xlabel(words["time_axis"])
    last = rows.iloc[-1]
    ax.set_title(
        words["title_rate"].format(
            share=in_words(
                percent(last["placement_rate"], language),
                last["placement_rate_qualifier"],
                language,
            ),
            date=short_date(last["reference_date"], language),
        ),
        fontsize=12,
    )
    _source(fig, a, language)
    return fig
