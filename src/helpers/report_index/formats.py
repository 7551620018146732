"""Numbers, dates, years and links as the README writes them, per language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from helpers.numbers import decimal, euros, thousands
from helpers.report_index.text import TEXT
from helpers.words import MONTHS, QUALIFIER_MARKS, QUALIFIER_PROSE


def date_text(iso: str, language: str) -> str:
    """'2022-12-31' as '31 December 2022' (en) or '31 december 2022' (nl)."""
    year, month, day = (int(part) for part in str(iso).split("-"))
    return f"{day} {MONTHS[language][month - 1]} {year}"


def count_text(value: float, language: str, qualifier: str | None = None) -> str:
    """A count in the reader's format, with its qualifier in words ('about 1,200')."""
    return QUALIFIER_PROSE[language].get(qualifier or "exact", "") + thousands(value, language)


def amount_text(value: float, qualifier: str | None, language: str) -> str:
    """An amount in euros with its qualifier in words ('about €9,900')."""
    return QUALIFIER_PROSE[language].get(qualifier or "exact", "") + euros(value, language)


def marked(value: float | None, qualifier: str | None, language: str, missing: str = "–") -> str:
    """A count for a table cell, with its qualifier's mark: ~1,200, ≥2,500, ≤930."""
    if value is None:
        return missing
    return QUALIFIER_MARKS.get(qualifier or "exact", "?") + thousands(value, language)


def goal_text(goal: str, language: str) -> str:
    """'30000' as '30,000' / '30.000'."""
    return thousands(int(goal), language)


def year_text(year: int | None, horizon: Any, language: str) -> str:
    """A calendar year, or 'after <horizon>' for a goal not reached within the horizon."""
    return str(year) if year is not None else TEXT[language]["after"].format(horizon=horizon)


def range_text(low: int | None, high: int | None, horizon: Any, language: str) -> str:
    """'2037–2042', '2037 to after 2060' or 'after 2060'."""
    if low is None:
        return year_text(None, horizon, language)
    if high is None:
        return TEXT[language]["range_open"].format(low=low, horizon=horizon)
    return f"{low}–{high}" if low != high else str(low)


def times_text(required: float, observed: float, language: str) -> str:
    """The ratio of a required pace to the pace observed, one decimal ('2.1' / '2,1')."""
    return decimal(required / observed, language, 1) if observed else "–"


def join_words(items: Sequence[str], language: str) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {TEXT[language]['and']} " + items[-1]


def link(text: str, url: str) -> str:
    """A markdown link."""
    return f"[{text}]({url})"


def cell(text: str) -> str:
    """A generated cell (a number, a date, a label of this module): one line, ``|`` escaped.
    Text from the register or scenarios.yaml goes through :func:`markdown_cell` instead."""
    return str(text).replace("|", "\\|").replace("\n", " ")
