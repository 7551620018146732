"""Low-level drawing of the trajectory figures: direct labels placed from the layout (end labels
in the right margin, labels at the first free candidate place), and the explorer's single-model
flagship (helpers.explorer) with its words (``LABELS``).

The figures of notebooks/02_trajectory are in :mod:`helpers.trajectory.figures`; model names in
:mod:`helpers.trajectory.labels`; qualifier words in :mod:`helpers.words`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MultipleLocator

from helpers.plotting import (
    ASSUMED_LINESTYLE,
    CONCEPT_COLOURS,
    CONDITIONAL_LINESTYLE,
    LABEL_SIZE,
    QUALIFIER_MARKERS,
    direct_label,
    thousands,
    time_position,
    translate,
)
from helpers.words import QUALIFIER_LEGEND

LABELS = {
    "en": {
        **QUALIFIER_LEGEND["en"],
        "flagship_title": "Forecast: 30,000 around {y30} ({pct}% range {r30}), 50,000 around {y50}",
        "people": "People working (places before mid-2016)",
        "target_published": "taakstelling (published)",
        "target_assumed": "taakstelling (assumed: no published figure)",
        "goal_30000": "30,000: Participatiewet, due 2048",
        "goal_50000": "50,000: coalition agreement 2017, no year set",
        "goal": "Goal",
        "headline_short": "forecast:\nmedian and\n{pct}% interval",
        "funded_short": "funded path:\ntaakstelling\nto 30,000\nin 2048",
        "pace": "what it would take:\n{goal} by {year}\n({pace} a year)",
        "not_reached": "beyond {h}",
        "latest": "latest: {value} ({date})",
        "left_out": "published later, not in this fit",
    },
    "nl": {
        **QUALIFIER_LEGEND["nl"],
        "flagship_title": "Prognose: 30.000 rond {y30} ({pct}%-bereik {r30}), 50.000 rond {y50}",
        "people": "Mensen aan het werk (plekken vóór medio 2016)",
        "target_published": "taakstelling (gepubliceerd)",
        "target_assumed": "taakstelling (aangenomen: geen gepubliceerd cijfer)",
        "goal_30000": "30.000: Participatiewet, uiterlijk 2048",
        "goal_50000": "50.000: regeerakkoord 2017, zonder jaartal",
        "goal": "Doel",
        "headline_short": "prognose:\nmediaan en\n{pct}%-interval",
        "funded_short": "gefinancierd pad:\ntaakstelling\nnaar 30.000\nin 2048",
        "pace": "wat nodig is:\n{goal} in {year}\n({pace} per jaar)",
        "not_reached": "na {h}",
        "latest": "laatste: {value} ({date})",
        "left_out": "later gepubliceerd, niet in deze fit",
    },
}


def label(key: str, language: str, **fields) -> str:
    """A translated label with its fields filled in."""
    return translate(LABELS, key, language).format(**fields)


def _axis_thousands(axis, language: str) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: thousands(v, language)))


def _year_axis(ax, left: float, right: float, step: int = 5) -> None:
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))


def plot_observations(ax, observations: pd.DataFrame, size: float = 6) -> list[Line2D]:
    """Realised figures at their dates, one marker per qualifier; returns legend handles."""
    handles = []
    for qualifier, style in QUALIFIER_MARKERS.items():
        rows = observations[observations["qualifier"] == qualifier]
        if rows.empty:
            continue
        (line,) = ax.plot(
            time_position(rows["reference_date"]),
            rows["value"],
            linestyle="none",
            marker=style["marker"],
            fillstyle=style["fillstyle"],
            markersize=size,
            color=CONCEPT_COLOURS["realised"],
            markerfacecolor=CONCEPT_COLOURS["realised"]
            if style["fillstyle"] == "full"
            else "white",
            zorder=6,
        )
        handles.append((qualifier, line))
    return handles


def plot_target_path(ax, path: pd.DataFrame, language: str, until: float | None = None) -> None:
    """The yearly taakstelling at year ends: solid between published years, dashed where a year
    is assumed; published years are marked."""
    t = path["year"].to_numpy(dtype=float) + 1.0
    v = path["target"].to_numpy(dtype=float)
    published = (path["target_status"] == "published").to_numpy()
    keep = np.ones(len(t), bool) if until is None else t <= until + 1e-9
    colour = CONCEPT_COLOURS["target"]
    for i in range(len(t) - 1):
        if not (keep[i] and keep[i + 1]):
            continue
        style = "-" if published[i] and published[i + 1] else ASSUMED_LINESTYLE
        ax.plot(t[i : i + 2], v[i : i + 2], color=colour, linestyle=style, linewidth=1.5)
    ax.plot(
        t[published & keep],
        v[published & keep],
        linestyle="none",
        marker="_",
        markersize=10,
        markeredgewidth=2,
        color=colour,
    )


def plot_headline(ax, projection: pd.DataFrame, right: float):
    """The headline forecast up to ``right``: median line over its interval band (no other
    forecast gets a band). Returns the times and the mask of those drawn."""
    t = time_position(projection["date"])
    keep = t <= right
    colour = CONCEPT_COLOURS["forecast"]
    ax.fill_between(
        t[keep],
        projection["lower"][keep],
        projection["upper"][keep],
        color=colour,
        alpha=0.25,
        linewidth=0,
        zorder=2,
    )
    ax.plot(t[keep], projection["median"][keep], color=colour, linewidth=2.2, zorder=4)
    return t, keep


def _target_handles(language: str) -> list[Line2D]:
    colour = CONCEPT_COLOURS["target"]
    return [
        Line2D(
            [],
            [],
            color=colour,
            marker="_",
            markeredgewidth=2,
            label=label("target_published", language),
        ),
        Line2D(
            [],
            [],
            color=colour,
            linestyle=ASSUMED_LINESTYLE,
            label=label("target_assumed", language),
        ),
    ]


def _qualifier_handles(handles, language: str) -> list[Line2D]:
    out = []
    for qualifier, line in handles:
        proxy = Line2D(
            [],
            [],
            linestyle="none",
            marker=line.get_marker(),
            fillstyle=line.get_fillstyle(),
            color=CONCEPT_COLOURS["realised"],
            markerfacecolor=line.get_markerfacecolor(),
            label=label(qualifier, language),
        )
        out.append(proxy)
    return out


def _goal_lines(ax, goals: Sequence[int], language: str, x: float) -> None:
    for goal in goals:
        ax.axhline(goal, color=CONCEPT_COLOURS["goal"], linewidth=0.8, zorder=1)
        key = f"goal_{goal}"
        text = (
            label(key, language)
            if key in LABELS[language]
            else f"{label('goal', language)} {thousands(goal, language)}"
        )
        ax.text(
            x, goal, " " + text, ha="left", va="bottom", fontsize=8, color=CONCEPT_COLOURS["goal"]
        )


def _reference_years(ax, years: Sequence[int], top: float) -> None:
    for year in years:
        ax.axvline(year + 1.0, color=CONCEPT_COLOURS["reference"], linewidth=1, zorder=0)
        ax.text(year + 1.0, top, f"{year} ", ha="right", va="top", fontsize=8, color="#555555")


def _direct_label(ax, text: str, point: tuple[float, float], offset, concept: str) -> None:
    """A small label in its concept's colour, below-right of ``point`` by ``offset`` points."""
    ax.annotate(
        text,
        point,
        xytext=offset,
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8,
        color=CONCEPT_COLOURS[concept],
        linespacing=1.1,
    )


def figure_flagship(
    observations: pd.DataFrame,
    path: pd.DataFrame,
    headline_projection: pd.DataFrame,
    conditional: pd.DataFrame,
    goals: Sequence[int],
    years: dict[int, dict],
    interval: float,
    language: str,
    right: float = 2056.0,
    left_out: pd.DataFrame | None = None,
) -> plt.Figure:
    """The answer at page width: realised figures (marker per qualifier), the taakstelling
    (published solid, assumed dashed), the headline median and interval band, the pace it would
    take (dotted, no band), the goals, and 2030 and 2048 marked; direct labels. ``years`` maps
    each goal to its results.json entry (median_year, low_year, high_year)."""
    fig, ax = plt.subplots(figsize=(9, 5))
    top = max(goals) * 1.12
    left = 2015.0
    _reference_years(ax, (2030, 2048), top * 0.995)
    plot_target_path(ax, path, language)
    t, keep = plot_headline(ax, headline_projection, right)
    pace = conditional[conditional["kind"] == "pace"]
    for _, line in pace.groupby("path", sort=False):
        if int(line["goal"].iloc[0]) != min(goals) or line["t"].iloc[-1] > 2035:
            continue
        ax.plot(
            line["t"],
            line["value"],
            color=CONCEPT_COLOURS["conditional"],
            linestyle=CONDITIONAL_LINESTYLE,
            linewidth=2,
            zorder=3,
        )
        per_year = (line["value"].iloc[-1] - line["value"].iloc[0]) / (
            line["t"].iloc[-1] - line["t"].iloc[0]
        )
        year = int(line["t"].iloc[-1]) - 1
        ax.annotate(
            label(
                "pace",
                language,
                goal=thousands(min(goals), language),
                year=year,
                pace=thousands(per_year, language),
            ),
            (line["t"].mean(), line["value"].mean()),
            xytext=(-20, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8,
            color=CONCEPT_COLOURS["conditional"],
        )
    handles = plot_observations(ax, observations, size=5)
    legend_extra = []
    if left_out is not None and len(left_out):
        (later,) = ax.plot(
            time_position(left_out["reference_date"]),
            left_out["value"],
            linestyle="none",
            marker="X",
            markersize=6,
            color=CONCEPT_COLOURS["realised"],
            alpha=0.6,
            zorder=6,
            label=label("left_out", language),
        )
        legend_extra.append(later)
    _goal_lines(ax, goals, language, left)
    # direct labels, each in a free area: the forecast inside its band right of 2048, the funded
    # path under its end, the latest figure below-right of its point
    pct = round(interval * 100)
    anchor = min(len(t[keep]) - 1, int(np.searchsorted(t[keep], 2049.6)))
    point = (float(t[keep][anchor]), float(headline_projection["median"][keep].iloc[anchor]))
    _direct_label(ax, label("headline_short", language, pct=pct), point, (4, -10), "forecast")
    funded_end = (path["year"].max() + 1.0, float(path["target"].iloc[-1]))
    _direct_label(ax, label("funded_short", language), funded_end, (6, -6), "target")
    last = observations.iloc[-1]
    date_format = "%d-%m-%Y" if language == "nl" else "%Y-%m-%d"
    text = label(
        "latest",
        language,
        value=thousands(last["value"], language),
        date=last["reference_date"].strftime(date_format),
    )
    point = (float(time_position([last["reference_date"]])[0]), float(last["value"]))
    _direct_label(ax, text, point, (10, -8), "realised")
    legend = _qualifier_handles(handles, language) + legend_extra + _target_handles(language)
    ax.legend(
        handles=legend, loc="upper left", bbox_to_anchor=(0.0, 0.86), fontsize=7, framealpha=0.9
    )
    first, last = years.get(min(goals), {}), years.get(max(goals), {})
    after = label("not_reached", language, h="").strip()
    r30 = f"{first.get('low_year') or '–'}–{first.get('high_year') or after}"
    ax.set_title(
        label(
            "flagship_title",
            language,
            y30=first.get("median_year") or "–",
            y50=last.get("median_year") or "–",
            pct=round(interval * 100),
            r30=r30,
        ),
        loc="left",
        fontsize=12,
    )
    ax.set_ylim(0, top)
    _year_axis(ax, left, right)
    _axis_thousands(ax.yaxis, language)
    ax.set_ylabel(label("people", language))
    fig.tight_layout()
    return fig


# Placing direct labels (the figures of helpers.trajectory.figures)


def end_labels(ax: Axes, labels: list[tuple[float, str, str]], right: float) -> None:
    """Labels in the right margin at the height where their lines end, moved apart just enough
    not to overlap (``labels``: end value, text, colour; call after the y limits are set)."""
    fig = ax.get_figure()
    bottom, top = ax.get_ylim()
    axes_points = 0.65 * fig.get_figheight() * 72  # a lower bound of the axes' height
    per_line = (top - bottom) * LABEL_SIZE * 1.3 / axes_points
    placed = []
    for value, text, colour in sorted(labels):
        half = per_line * (text.count("\n") + 1) / 2
        y = min(value, top - half)
        if placed:
            below, below_half = placed[-1][0], placed[-1][1]
            y = max(y, below + below_half + half)
        placed.append((y, half, text, colour))
    shift = max(0.0, max((y + half - top for y, half, _, _ in placed), default=0.0))
    for y, _, text, colour in placed:
        direct_label(
            ax,
            text,
            (right, y - shift),
            (6, 0),
            colour,
            ha="left",
            va="center",
            annotation_clip=False,
        )


def _line_points(ax: Axes) -> np.ndarray:
    """Display coordinates of points every few pixels along the concept lines (artists with a
    gid) of ``ax``, for labels to keep clear of."""
    points = []
    for line in ax.get_lines():
        if not line.get_gid() or len(line.get_xydata()) == 0:
            continue
        xy = line.get_transform().transform(line.get_xydata())
        for a, b in itertools.pairwise(xy):
            steps = max(2, int(np.hypot(*(b - a)) / 3))
            points.append(np.linspace(a, b, steps))
    return np.vstack(points) if points else np.empty((0, 2))


def _crosses(box, points: np.ndarray) -> bool:
    """Whether any of ``points`` (display coordinates) falls inside ``box``."""
    x, y = points[:, 0], points[:, 1]
    return bool(((x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)).any())


def place_label(fig: Figure, ax: Axes, text: str, colour: str, candidates) -> None:
    """Put a direct label at the first candidate place (xy, offset in points, ha, va) inside
    the axes that overlaps no text and crosses no concept line; failing that, the first that
    overlaps no text; failing that, the first candidate."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)  # lays the figure out, so every text is where it will be saved
    frame = ax.get_window_extent(renderer)
    taken = [
        t.get_window_extent(renderer)
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    lines = _line_points(ax)
    for avoid_lines in (True, False):
        for xy, offset, ha, va in candidates:
            label = direct_label(ax, text, xy, offset, colour, ha=ha, va=va)
            box = label.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
            inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
            crossed = avoid_lines and _crosses(box, lines)
            if inside and not crossed and not any(box.overlaps(other) for other in taken):
                return
            label.remove()
    xy, offset, ha, va = candidates[0]
    direct_label(ax, text, xy, offset, colour, ha=ha, va=va)
