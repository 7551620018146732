"""Numbers as the reader writes them, per language: counts, decimals, percentages, euros.

Imports no plotting library: the README generator, the change summary and the tables use these
as they are; :mod:`helpers.plotting` uses the same functions for tick labels.
"""

from __future__ import annotations

from helpers.words import EURO_FORMAT, MILLIONS_FORMAT, NUMBER_SEPARATORS, check_language


def localise(text: str, language: str) -> str:
    """Python's separators (1,234.5) as the reader's language writes them (1.234,5 in Dutch)."""
    thousands_sep, decimal_sep = NUMBER_SEPARATORS[check_language(language)]
    return text.replace(",", "\x00").replace(".", decimal_sep).replace("\x00", thousands_sep)


def thousands(value: float, language: str = "en") -> str:
    """Format a count with a thousands separator in the reader's convention (1,600 / 1.600)."""
    return localise(f"{value:,.0f}", language)


def decimal(value: float, language: str = "en", digits: int = 1) -> str:
    """Format a number with fixed decimals in the reader's convention (1,234.5 / 1.234,5)."""
    return localise(f"{value:,.{digits}f}", language)


def percent(share: float, language: str = "en", digits: int = 0) -> str:
    """Format a share (0.283) as a percentage ("28%" / "28%"; "28.3%" / "28,3%")."""
    return decimal(100 * share, language, digits) + "%"


def euros(value: float, language: str = "en") -> str:
    """Format an amount in whole euros with its sign ("-€3,500" / "-€ 3.500")."""
    sign = "-" if value < 0 else ""
    amount = thousands(abs(value), language)
    return EURO_FORMAT[language].format(sign=sign, amount=amount)


def millions(value: float, language: str, digits: int = 1) -> str:
    """Euros in millions ("-€28.1m" / "-€ 28,1 mln")."""
    sign = "-" if value < 0 else ""
    amount = decimal(abs(value) / 1e6, language, digits)
    return MILLIONS_FORMAT[language].format(sign=sign, amount=amount)


def probability(p: float, n_paths: int, language: str = "en") -> str:
    """Format a simulated probability; never 0% or 100% from a finite simulation.

    With ``n_paths`` simulated paths, a share below 1/n_paths (or 0.1% when that is larger)
    is written as "<0.1%", and the mirror image above as ">99.9%".
    """
    floor = max(1.0 / n_paths, 0.001)
    if p < floor:
        return "<" + percent(floor, language, 1)
    if p > 1 - floor:
        return ">" + percent(1 - floor, language, 1)
    digits = 0 if floor <= p <= 1 - floor and 0.01 <= p <= 0.99 else 1
    return percent(p, language, digits)
