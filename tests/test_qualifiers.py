"""Qualifiers through arithmetic: bounds follow monotonic dependence, else approximate."""

import pytest

from helpers.qualifiers import (
    difference_qualifier,
    product_qualifier,
    propagate,
    ratio_qualifier,
    sum_qualifier,
)


def test_exact_inputs_give_exact():
    assert propagate([("exact", 1), ("exact", -1)]) == "exact"
    assert propagate([]) == "exact"


def test_bounds_follow_direction():
    assert ratio_qualifier("lower_bound", "exact") == "lower_bound"
    assert ratio_qualifier("exact", "lower_bound") == "upper_bound"
    assert difference_qualifier("exact", "lower_bound") == "upper_bound"
    assert difference_qualifier("lower_bound", "exact") == "lower_bound"
    assert difference_qualifier("lower_bound", "upper_bound") == "lower_bound"
    assert sum_qualifier(["upper_bound", "exact"]) == "upper_bound"


def test_conflicting_bounds_and_approximations_are_approximate():
    assert difference_qualifier("lower_bound", "lower_bound") == "approximate"
    assert sum_qualifier(["approximate", "lower_bound"]) == "approximate"
    assert propagate([("lower_bound", 0)]) == "approximate"


def test_product_uses_signs():
    # a shortfall per place (negative) times a lower bound of places: total is an upper bound
    assert product_qualifier("exact", -500.0, "lower_bound", 2500.0) == "upper_bound"
    assert product_qualifier("exact", 500.0, "lower_bound", 2500.0) == "lower_bound"
    assert product_qualifier("lower_bound", 0.0, "exact", 10.0) == "lower_bound"
    assert product_qualifier("exact", 0.0, "lower_bound", 10.0) == "approximate"


def test_unknown_qualifier_and_direction_refused():
    with pytest.raises(ValueError, match="unknown qualifier"):
        propagate([("roughly", 1)])
    with pytest.raises(ValueError, match="direction"):
        propagate([("exact", 2)])
