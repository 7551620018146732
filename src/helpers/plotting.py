"""One house style for every figure, and deterministic saving as PNG and SVG."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from helpers.outputs import atomic_write_bytes
from helpers.periods import decimal_year
from helpers.words import MONTHS, SOURCE_LINE, check_language

# The visual grammar: every figure of the project draws a concept in the same colour, a qualifier
# with the same marker and a date at the same place, so a reader can follow one thing from figure
# to figure. Colours are the Okabe-Ito palette (safe for colour-blind readers). A concept's colour
# is never used for anything else; red is not used at all.
CONCEPT_COLOURS = {
    "realised": "#0072B2",  # people working in beschut werk (UWV, Inspectie SZW): blue
    "other_measure": "#56B4E9",  # a different count of the same thing (CBS provisions): sky blue
    "target": "#E69F00",  # the yearly taakstelling (assumed years: same amber, hatched/dashed)
    "forecast": "#009E73",  # the headline forecast: median line and interval band
    "comparison": "#7F7F7F",  # comparison forecast models (never the headline): grey
    "conditional": "#CC79A7",  # conditional paths, "what it would take" (02; see pace_*)
    "pace_2030": "#CC79A7",  # the yearly pace needed to reach 30,000 by 2030: reddish purple
    "pace_2048": "#332288",  # the yearly pace needed to reach 30,000 by 2048: indigo
    "goal": "#000000",  # the 30,000 and 50,000 goals: thin black reference lines
    "advice": "#882255",  # positive UWV advices: wine (far from the amber of targets)
    "waiting_list": "#CC6677",  # advised but not (yet) working: rose
    "cost": "#999933",  # money paid out per place: olive
    "funding": "#44AA99",  # money received per place: teal
    "balance": "#661100",  # funding minus cost per place: brown, signed around a zero line
    "reference": "#BBBBBB",  # reference years (2030, 2048), zero lines and other scaffolding
}
# Reference years of the project: the pace needed for the structural goal by each (02, 03).
REFERENCE_YEARS = (2030, 2048)
# Colours that carry no concept: text, axes, grid and background. A figure may use these and
# the concept colours above, nothing else (tests/test_figures.py enforces it).
NEUTRAL_COLOURS = {
    "text": "#262626",
    "secondary_text": "#555555",
    "grid": "#CCCCCC",
    "background": "#FFFFFF",
    "black": "#000000",
}
# Line style per concept where lines of several concepts meet in one chart.
CONCEPT_LINESTYLES = {
    "realised": "-",
    "target": "-",
    "forecast": "-",
    "pace_2030": (0, (1, 1.5)),
    "pace_2048": (0, (5, 2)),
    "goal": "-",
    "reference": "-",
}
# Marker per qualifier of a published figure: filled circle exact, hollow circle approximate
# ("circa", "zo'n"), a hollow triangle pointing to where the true value lies for bounds
# ("ruim", "meer dan" = at least: up; "bijna" = at most: down).
QUALIFIER_MARKERS = {
    "exact": {"marker": "o", "fillstyle": "full"},
    "approximate": {"marker": "o", "fillstyle": "none"},
    "lower_bound": {"marker": "^", "fillstyle": "none"},
    "upper_bound": {"marker": "v", "fillstyle": "none"},
}
# "Assumed" (a value no publication states: an interpolated target, a hypothetical) is drawn with
# this hatch and a dashed edge, and nothing else in the project uses hatching.
ASSUMED_HATCH = "//"
ASSUMED_LINESTYLE = (0, (4, 2))

_STYLE = {
    "figure.figsize": (8.0, 4.8),
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "svg.hashsalt": "beschut-werk",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "axes.formatter.use_locale": False,
}


def use_house_style() -> None:
    """Apply the project's plotting style (call once at the start of a notebook)."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update(_STYLE)


def translate(labels: Mapping[str, Mapping[str, str]], key: str, language: str) -> str:
    """Look up a figure label in a ``{language: {key: text}}`` table."""
    check_language(language)
    try:
        return labels[language][key]
    except KeyError as error:
        raise KeyError(f"no {language!r} label for {key!r}") from error


def time_position(dates) -> np.ndarray:
    """Where a date sits on every time axis of the project: its decimal year at the day's end.

    A stock at 31 December 2022 is drawn at 2023.0 (the end of 2022), mid-2021 at about 2021.5.
    Time axes carry ticks at 1 January labelled with the year; bar charts by year label a year-end
    value with its own year ("2022"). Every figure places dates through this function.
    """
    return decimal_year(np.atleast_1d(dates))


def figure_bytes(fig: plt.Figure, fmt: str) -> bytes:
    """Render a figure to PNG or SVG bytes with no timestamps or version strings."""
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}[fmt]
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": _STYLE["svg.hashsalt"]}):
        fig.savefig(buffer, format=fmt, metadata=metadata, bbox_inches="tight")
    return buffer.getvalue()


def save_figure(fig: plt.Figure, directory: Path, name: str) -> list[Path]:
    """Save ``fig`` as ``directory/name.png`` and ``directory/name.svg``; return the paths."""
    directory = Path(directory)
    written = []
    for fmt in ("png", "svg"):
        path = directory / f"{name}.{fmt}"
        atomic_write_bytes(path, figure_bytes(fig, fmt))
        written.append(path)
    return written


def day_month_year(date, language: str) -> str:
    """A date in words in the reader's language ("31 December 2024" / "31 december 2024")."""
    import pandas as pd

    day = pd.Timestamp(date)
    month = MONTHS[check_language(language)][day.month - 1]
    return f"{day.day} {month} {day.year}"


def add_source_line(fig: plt.Figure, publishers, data_date, language: str) -> None:
    """Write the publishers of the figure's data and its data date along the figure's foot.

    The constrained layout keeps the axes (and outside legends) above the line.
    """
    names = sorted({str(p) for p in publishers if isinstance(p, str) and p.strip()})
    text = SOURCE_LINE[check_language(language)].format(
        publishers=", ".join(names), date=day_month_year(data_date, language)
    )
    import textwrap

    size = 8
    lines = textwrap.wrap(text, width=int(fig.get_figwidth() * 72 / (0.62 * size)))
    foot = (1.25 * len(lines) + 0.6) * size / (fig.get_figheight() * 72)
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, foot, 1, 1 - foot))
    fig.text(
        0.01,
        0.3 * size / (fig.get_figheight() * 72),
        "\n".join(lines),
        ha="left",
        va="bottom",
        fontsize=size,
        color=NEUTRAL_COLOURS["secondary_text"],
        gid="source_line",
    )


# The smallest text of a figure, in points: 13.75 px at the published 110 dpi (tests: 9 px).
LABEL_SIZE = 9


def direct_label(ax, text: str, xy, offset, colour: str, **kwargs):
    """A label beside what it names, in its concept's colour, ``offset`` points from ``xy``
    (the grammar's alternative to a legend); returns the annotation."""
    return ax.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        fontsize=LABEL_SIZE,
        color=colour,
        linespacing=1.15,
        **kwargs,
    )


def figure_message(fig: plt.Figure) -> str:
    """The figure's one message: its suptitle, else the titles of its axes (for alt text), on
    one line (a title wrapped to the figure's width reads as one sentence)."""
    parts = [fig._suptitle.get_text()] if fig._suptitle is not None else []
    if not parts:
        parts = [
            ax.get_title(loc) for ax in fig.axes for loc in ("center", "left") if ax.get_title(loc)
        ]
    return ". ".join(" ".join(p.split()) for p in parts if p.strip())
