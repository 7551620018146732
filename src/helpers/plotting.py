"""One house style for every figure, and deterministic saving as PNG and SVG."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

from helpers.errors import ParameterError
from helpers.outputs import atomic_write_bytes

LANGUAGES = ("en", "nl")

# Colours used across notebooks so a reader can follow one thing from figure to figure.
COLOURS = {
    "realised": "#1b4f72",
    "target": "#c0392b",
    "goal": "#7d3c98",
    "advice": "#d68910",
    "model": "#117a65",
    "neutral": "#7f8c8d",
}
SOURCE_KIND_MARKERS = {"official": "o", "secondary": "s", "advocacy": "^"}
QUALIFIER_FILL = {  # filled marker: exact; hollow: approximate or bounded
    "exact": "full",
    "approximate": "none",
    "lower_bound": "none",
    "upper_bound": "none",
}

_STYLE = {
    "figure.figsize": (8.0, 4.8),
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "legend.fontsize": 8,
    "svg.hashsalt": "beschut-werk",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "axes.formatter.use_locale": False,
}


def check_language(language: str) -> str:
    """Return the language if it is supported, else raise a ParameterError."""
    if language not in LANGUAGES:
        raise ParameterError("language", f"must be one of {list(LANGUAGES)}, got {language!r}")
    return language


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


def thousands(value: float, language: str = "en") -> str:
    """Format a count with a thousands separator in the reader's convention (1,600 / 1.600)."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if language == "nl" else text


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
