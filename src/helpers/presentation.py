"""Showing a policy analysis in a notebook: tables, qualifier marks, axes and saved figures.

Shared by the packages of 03_targets_gap, 04_waiting_list and 05_finance so that every table is
rounded and shown the same way (no index column, no ``NaN``, numbers in the reader's convention)
and every figure follows the visual grammar of :mod:`helpers.plotting`.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import numpy as np
import pandas as pd
from IPython.display import Image
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers.plotting import (
    ASSUMED_HATCH,
    ASSUMED_LINESTYLE,
    LANGUAGES,
    QUALIFIER_MARKERS,
    check_language,
    decimal,
    euros,
    figure_message,
    percent,
    save_figure,
    thousands,
)

# A qualified figure written in text: the sign says where the true value lies.
QUALIFIER_PREFIX = {"exact": "", "approximate": "~", "lower_bound": "≥ ", "upper_bound": "≤ "}

# Text from the register or scenarios.yaml is shown as text, never as markup: one function per
# target format (HTML, Markdown inline, Markdown table cell), and links only to http(s).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")  # ( ) ! only act after ] or before [
_MARKDOWN_LINE_START = re.compile(r"^(?:[-+=](?=[\s=-]|$)|\d+[.)](?=\s|$))")
_HTML_IN_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
LINK_SCHEMES = ("http", "https")


def html_text(value: object) -> str:
    """``value`` as HTML text: ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(str(value), quote=True)


def markdown_inline(value: object) -> str:
    """``value`` as literal text inside a Markdown paragraph (GitHub and nbconvert alike).

    Line breaks become spaces; HTML is escaped as entities; every character that starts
    emphasis, code, a link, an image, a heading, a table cell or a strike-through is escaped
    with a backslash, and so is a leading list or heading marker.
    """
    text = " ".join(str(value).split())
    text = "".join(_HTML_IN_MARKDOWN.get(char, char) for char in text)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    match = _MARKDOWN_LINE_START.match(text)
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


def markdown_code(value: object) -> str:
    """``value`` as a Markdown code span, or as escaped text when it holds a backtick or a ``|``
    (a code span does not keep a table cell from splitting at a ``|``)."""
    text = " ".join(str(value).split())
    return f"`{text}`" if text and not {"`", "|"} & set(text) else markdown_inline(text)


def markdown_cell(value: object) -> str:
    """``value`` as literal text in a Markdown table cell: one line, ``|`` escaped."""
    return markdown_inline(value)  # the inline rules already keep it to one line and escape |


def safe_link_target(url: str) -> str | None:
    """``url`` percent-encoded for a Markdown or HTML link, or None unless it is http(s)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~-._")


def markdown_link(text: object, url: str) -> str:
    """A Markdown link to an http(s) ``url``; any other address is shown as text after it."""
    target = safe_link_target(url)
    if target is None:
        return markdown_inline(f"{text} ({url})" if url and url != text else text)
    return f"[{markdown_inline(text)}]({target})"


# A code name in reader-facing text: a word with an underscore (emmen_2017, working_match).
CODE_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")


def qualified(text: str, qualifier: str) -> str:
    """A formatted number with the mark of its qualifier ("≥ 2,500", "~1,200")."""
    if not qualifier or (isinstance(qualifier, float) and np.isnan(qualifier)):
        return text
    return QUALIFIER_PREFIX[qualifier] + text


QUALIFIER_WORDS = {
    "en": {
        "exact": "",
        "approximate": "about ",
        "lower_bound": "at least ",
        "upper_bound": "at most ",
    },
    "nl": {
        "exact": "",
        "approximate": "circa ",
        "lower_bound": "minstens ",
        "upper_bound": "hoogstens ",
    },
}


def in_words(text: str, qualifier: str, language: str) -> str:
    """A formatted number with its qualifier in words, for prose ("at least 2,500")."""
    return QUALIFIER_WORDS[check_language(language)][qualifier or "exact"] + text


def fmt(value: object, kind: str, language: str) -> str:
    """One cell as the reader sees it; a missing value is an empty cell.

    Kinds: ``count`` (whole places or persons), ``share`` (0-1, as a percentage to 0.1),
    ``percent`` (already 0-100, to 0.1), ``euros`` (whole euros), ``millions`` (euros shown in
    millions to 0.1), ``date`` (ISO), ``year`` and ``text``.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if kind == "count":
        return thousands(float(value), language)
    if kind == "share":
        return percent(float(value), language, 1)
    if kind == "percent":
        return decimal(float(value), language, 1) + "%"
    if kind == "euros":
        return euros(float(value), language)
    if kind == "millions":
        return millions(float(value), language)
    if kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind == "year":
        return str(int(value))
    if kind == "text":
        return str(value)
    raise ValueError(f"unknown cell kind {kind!r}")


def millions(value: float, language: str, digits: int = 1) -> str:
    """Euros in millions ("-€28.1m" / "-€ 28,1 mln")."""
    sign = "-" if value < 0 else ""
    amount = decimal(abs(value) / 1e6, language, digits)
    return f"{sign}€ {amount} mln" if language == "nl" else f"{sign}€{amount}m"


@dataclass(frozen=True)
class Column:
    """A column of a shown table: source column, header label key, kind, qualifier column."""

    name: str
    header: str
    kind: str = "text"
    qualifier: str | None = None
    translate: bool = False  # look the cell value up in the labels (e.g. published/assumed)


class Table:
    """A table ready to show: strings only, no index; HTML and plain text without ``NaN``."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html_text(c)}</th>" for c in self.frame.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        return (
            f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    labels: Mapping[str, Mapping[str, str]],
    language: str,
) -> Table:
    """Format ``frame`` for reading: headers and values in ``language``, qualifiers marked."""
    words = labels[check_language(language)]
    shown = {}
    for column in columns:
        cells = []
        for _, row in frame.iterrows():
            value = row[column.name]
            text = fmt(value, column.kind, language)
            if column.translate and text:
                text = words[f"value_{value}"]
            if column.qualifier and text:
                text = qualified(text, row[column.qualifier])
            cells.append(text)
        shown[words[column.header]] = cells
    return Table(pd.DataFrame(shown))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a label template."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_labels(labels: Mapping[str, Mapping[str, str]]) -> None:
    """Raise if a language misses a key, the fields of a template differ, or a code name shows."""
    if set(labels) != set(LANGUAGES):
        raise ValueError(f"labels for {sorted(labels)}, expected {list(LANGUAGES)}")
    en, nl = labels["en"], labels["nl"]
    if set(en) != set(nl):
        raise ValueError(
            f"keys only in en: {sorted(set(en) - set(nl))}; only in nl: {sorted(set(nl) - set(en))}"
        )
    for key in en:
        if placeholders(en[key]) != placeholders(nl[key]):
            raise ValueError(f"label {key!r}: fields differ between en and nl")
        for language in LANGUAGES:
            found = CODE_NAME.findall(re.sub(r"\{[^}]*\}", "", labels[language][key]))
            if found:
                raise ValueError(f"label {key!r} ({language}) shows code name(s) {found}")


def publish_figure(fig: Figure, out: Path, name: str) -> Image:
    """Save ``fig`` as ``out/figures/name.png`` and ``.svg``; return the saved PNG to show it.

    The notebook shows exactly the bytes it saved (figures are built outside pyplot, so nothing
    else displays them).
    """
    png, _ = save_figure(fig, Path(out) / "figures", name)
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


def bar_style(colour: str, assumed: bool) -> dict[str, object]:
    """Keyword arguments of a bar: solid when published, hatched and dashed when assumed."""
    if assumed:
        return {
            "facecolor": "white",
            "edgecolor": colour,
            "hatch": ASSUMED_HATCH,
            "linestyle": ASSUMED_LINESTYLE,
            "linewidth": 1.0,
        }
    return {"facecolor": colour, "edgecolor": colour, "linewidth": 1.0}


# Words every policy analysis uses; each analysis's LABELS adds these (with_common_labels).
COMMON_LABELS = {
    "en": {
        "qualifier_approximate": "approximate",
        "qualifier_lower_bound": "at least",
        "qualifier_upper_bound": "at most",
        "value_published": "published",
        "value_assumed": "assumed",
        "year": "Year",
        "date": "Date",
        "source": "Source",
    },
    "nl": {
        "qualifier_approximate": "circa",
        "qualifier_lower_bound": "minstens",
        "qualifier_upper_bound": "hoogstens",
        "value_published": "gepubliceerd",
        "value_assumed": "aangenomen",
        "year": "Jaar",
        "date": "Datum",
        "source": "Bron",
    },
}


def with_common_labels(
    labels: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, str]]:
    """An analysis's labels plus the shared words; the analysis may not redefine a shared key."""
    merged = {}
    for language in LANGUAGES:
        clash = set(labels[language]) & set(COMMON_LABELS[language])
        if clash:
            raise ValueError(f"labels redefine shared keys {sorted(clash)}")
        merged[language] = {**COMMON_LABELS[language], **labels[language]}
    check_labels(merged)
    return merged


MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}


def short_date(date: object, language: str) -> str:
    """A month and year in words, abbreviated ("Jun 2021" / "jun 2021")."""
    day = pd.Timestamp(date)
    return f"{MONTHS[check_language(language)][day.month - 1][:3]} {day.year}"


def long_date(date: object, language: str) -> str:
    """A date in words ("31 December 2022" / "31 december 2022")."""
    day = pd.Timestamp(date)
    return f"{day.day} {MONTHS[check_language(language)][day.month - 1]} {day.year}"
