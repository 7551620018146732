"""Placing the direct labels of the trajectory figures (helpers.trajectory.figures) from the
layout: end labels in the right margin moved apart, and labels at the first candidate place that
overlaps no text and crosses no concept line."""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.plotting import LABEL_SIZE, direct_label


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
