"""Figures of 05_finance, drawn in the project's visual grammar (helpers.plotting)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.finance.analysis import FinanceAnalysis, variant_label
from helpers.finance.labels import LABELS
from helpers.markup import in_words, qualified
from helpers.numbers import euros, millions, thousands
from helpers.plotting import (
    ASSUMED_LINESTYLE,
    CONCEPT_COLOURS,
    NEUTRAL_COLOURS,
    add_source_line,
    direct_label,
)
from helpers.presentation import money_axis, new_figure, qualified_points
from helpers.words import check_language


def _source(fig: Figure, a: FinanceAnalysis, language: str) -> None:
    """The source line: publishers of the amounts; the data date is the last realised count."""
    realised = a.totals[a.totals["basis"] == "realised"]
    add_source_line(fig, a.amounts["publisher"], realised["reference_date"].max(), language)


def balance_title(a: FinanceAnalysis, language: str) -> str:
    """The finding of the balance figure, from the numbers."""
    words = LABELS[check_language(language)]
    rows = a.per_place
    low, high = rows["balance"].min(), rows["balance"].max()
    if high < 0:
        return words["title_all_short"].format(
            least=euros(-high, language), most=euros(-low, language)
        )
    return words["title_mixed"].format(
        low=signed_euros(low, language), high=signed_euros(high, language)
    )


def signed_euros(value: float, language: str) -> str:
    """Euros with a true minus sign ("−€3,500"), for labels on a signed axis."""
    return euros(value, language).replace("-", "\u2212")


def figure_balance(a: FinanceAnalysis, language: str) -> Figure:
    """The balance per place per year (funding minus cost), one signed dot per source's sum
    around a zero line; sums that combine sources or years hang on a dashed stem."""
    words = LABELS[check_language(language)]
    rows = a.per_place.reset_index(drop=True)
    fig, (ax,) = new_figure(9.0, 4.6)
    ys = np.arange(len(rows))
    colour = CONCEPT_COLOURS["balance"]
    ax.axvline(0, color=CONCEPT_COLOURS["reference"], lw=1.2, zorder=1)
    for y, (_, row) in zip(ys, rows.iterrows(), strict=True):
        combined = row["mixed"] != ""
        ax.plot(
            [0, row["balance"]],
            [y, y],
            color=colour,
            lw=1.2,
            linestyle=ASSUMED_LINESTYLE if combined else "-",
            gid="balance",
        )
        direct_label(
            ax,
            in_words(signed_euros(row["balance"], language), row["balance_qualifier"], language),
            (row["balance"], y),
            (-9 if row["balance"] < 0 else 9, 0),
            NEUTRAL_COLOURS["text"],
            ha="right" if row["balance"] < 0 else "left",
            va="center",
        )
    qualified_points(ax, rows["balance"], ys, rows["balance_qualifier"], colour, size=8)
    labels = [
        variant_label(a, v, language) + ("" if m == "" else " *")
        for v, m in zip(rows["variant"], rows["mixed"], strict=True)
    ]
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()
    span = max(abs(rows["balance"].min()), abs(rows["balance"].max()))
    ax.set_xlim(min(-1.3 * span, 0), max(0.08 * span, 1.3 * rows["balance"].max()))
    money_axis(ax, language, "x")
    ax.set_xlabel(words["balance_axis"] + "\n" + words["combined_note"])
    ax.grid(axis="y", visible=False)
    fig.suptitle(balance_title(a, language), fontsize=12)
    _source(fig, a, language)
    return fig


def goal_totals(a: FinanceAnalysis, language: str) -> str:
    """A small Markdown table: each sum's yearly balance at the structural goal and at the
    coalition agreement's ambition (balance per place times the number of places)."""
    words = LABELS[check_language(language)]
    goals = a.totals[a.totals["basis"] != "realised"]
    bases = list(dict.fromkeys(goals["basis"]))
    header = [words["col_balance_name"]] + [
        words["at_places"].format(
            places=thousands(goals.loc[goals["basis"] == b, "places"].iloc[0], language)
        )
        for b in bases
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" + "---:|" * len(bases)]
    for variant in dict.fromkeys(goals["variant"]):
        cells = [variant_label(a, variant, language)]
        for b in bases:
            row = goals[(goals["basis"] == b) & (goals["variant"] == variant)].iloc[0]
            cells.append(qualified(millions(row["total"], language), row["total_qualifier"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
