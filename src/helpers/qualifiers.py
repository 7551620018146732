"""How a figure's qualifier (exact, approximate, lower or upper bound) carries through arithmetic.

A result computed from figures is exact only if every input is exact. A bound on an input gives a
bound on the result when the result moves monotonically with that input: a ratio computed from a
lower bound of its numerator is a lower bound, a difference that subtracts a lower bound is an
upper bound. An approximate input, two bounds pointing different ways, or a non-monotonic
dependence leave only "approximate".
"""

from __future__ import annotations

from collections.abc import Iterable

from helpers.processed import QUALIFIERS

_FLIP = {"lower_bound": "upper_bound", "upper_bound": "lower_bound"}


def check_qualifier(qualifier: str) -> str:
    """Return the qualifier if it is one of the known ones."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}; known: {list(QUALIFIERS)}")
    return qualifier


def propagate(terms: Iterable[tuple[str, int]]) -> str:
    """The qualifier of a result from ``(qualifier, direction)`` pairs, one per input.

    ``direction`` is +1 if the result increases with the input, -1 if it decreases, 0 if neither
    (or the sign is unknown).
    """
    bounds = set()
    for qualifier, direction in terms:
        check_qualifier(qualifier)
        if direction not in (-1, 0, 1):
            raise ValueError(f"direction must be -1, 0 or 1, got {direction!r}")
        if qualifier == "exact":
            continue
        if qualifier == "approximate" or direction == 0:
            return "approximate"
        bounds.add(qualifier if direction > 0 else _FLIP[qualifier])
    if not bounds:
        return "exact"
    if len(bounds) == 1:
        return bounds.pop()
    return "approximate"


def sign(value: float) -> int:
    """+1, -1 or 0: the direction in which a product moves with its other factor."""
    return (value > 0) - (value < 0)


def ratio_qualifier(numerator: str, denominator: str) -> str:
    """Qualifier of numerator / denominator (both positive)."""
    return propagate([(numerator, 1), (denominator, -1)])


def difference_qualifier(minuend: str, subtrahend: str) -> str:
    """Qualifier of minuend - subtrahend."""
    return propagate([(minuend, 1), (subtrahend, -1)])


def sum_qualifier(qualifiers: Iterable[str]) -> str:
    """Qualifier of a sum of terms."""
    return propagate((q, 1) for q in qualifiers)


def product_qualifier(a: str, a_value: float, b: str, b_value: float) -> str:
    """Qualifier of a * b, given both factors' values (their signs set the directions)."""
    return propagate([(a, sign(b_value)), (b, sign(a_value))])
