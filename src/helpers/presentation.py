"""Showing a policy analysis in a notebook: saved figures and their axes.

Shared by the packages of 03_targets_gap, 04_waiting_list and 05_finance so that every figure
follows the visual grammar of :mod:`helpers.plotting`. The text side (tables, qualifier marks,
escaped Markdown, label checks) is :mod:`helpers.markup`, which imports no plotting library.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from IPython.display import Image
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers import layout
from helpers.numbers import euros, millions, thousands
from helpers.plotting import (
    QUALIFIER_MARKERS,
    figure_message,
    save_figure,
)


def publish_figure(fig: Figure, out: Path, name: str) -> Image:
    """Save ``fig`` as ``out/figures/name.png`` and ``.svg``; return the saved PNG to show it.

    The notebook shows exactly the bytes it saved (figures are built outside pyplot, so nothing
    else displays them).
    """
    png, _ = save_figure(fig, Path(out) / layout.FIGURES_DIR, name)
    return Image(data=png.read_bytes(), format="png", metadata={"alt": figure_message(fig)})


def new_figure(width: float = 8.0, height: float = 4.8, ncols: int = 1) -> tuple[Figure, list]:
    """A figure outside pyplot's state (shown once, when the notebook displays it)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def count_axis(ax: Axes, language: str, axis: str = "y") -> None:
    """Counts on an axis with the reader's thousands separator."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: thousands(v, language)))


def money_axis(ax: Axes, language: str, axis: str = "y", in_millions: bool = False) -> None:
    """Euros on an axis (whole euros, or millions) in the reader's convention."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if in_millions:
        target.set_major_formatter(FuncFormatter(lambda v, _: millions(v, language, 0)))
    else:
        target.set_major_formatter(FuncFormatter(lambda v, _: euros(v, language)))
    target.set_major_locator(MaxNLocator(nbins=4))


def year_axis(ax: Axes, first: int, last: int) -> None:
    """A time axis from 1 January ``first`` to 1 January ``last``, ticks on whole years."""
    ax.set_xlim(first - 0.15, last + 0.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))


def qualified_points(
    ax: Axes,
    x: Iterable[float],
    y: Iterable[float],
    qualifiers: Iterable[str],
    colour: str,
    size: float = 7,
    zorder: float = 3,
) -> None:
    """Points drawn with the marker of their qualifier (filled exact, hollow approximate, ...)."""
    x, y, qualifiers = list(x), list(y), list(qualifiers)
    for qualifier, style in QUALIFIER_MARKERS.items():
        chosen = [i for i, q in enumerate(qualifiers) if q == qualifier]
        if chosen:
            ax.plot(
                [x[i] for i in chosen],
                [y[i] for i in chosen],
                linestyle="none",
                color=colour,
                markerfacecolor="white" if style["fillstyle"] == "none" else colour,
                marker=style["marker"],
                markersize=size,
                zorder=zorder,
            )
