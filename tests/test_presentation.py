"""Shared presentation of the policy analyses: cells, qualifier marks, label checks, tables."""

import math

import pandas as pd
import pytest

from helpers.presentation import Column, check_labels, fmt, long_date, qualified, table


def test_cells_in_each_language():
    assert fmt(1234.4, "count", "en") == "1,234"
    assert fmt(8032, "count", "nl") == "8.032"
    assert fmt(0.8451, "share", "nl") == "84,5%"
    assert fmt(-28_112_000, "millions", "en") == "-€28.1m"
    assert fmt(-28_112_000, "millions", "nl") == "-€ 28,1 mln"
    assert fmt(math.nan, "count", "en") == ""
    assert fmt(pd.NaT, "date", "en") == ""
    with pytest.raises(ValueError, match="kind"):
        fmt(1, "colour", "en")


def test_qualifier_marks():
    assert qualified("2,500", "lower_bound") == "≥ 2,500"
    assert qualified("2,100", "upper_bound") == "≤ 2,100"
    assert qualified("1,200", "approximate") == "~1,200"
    assert qualified("44", "exact") == "44"


def test_long_dates():
    assert long_date("2022-12-31", "en") == "31 December 2022"
    assert long_date("2021-06-30", "nl") == "30 juni 2021"


def test_check_labels_finds_missing_keys_fields_and_code_names():
    good = {"en": {"a": "{n} places"}, "nl": {"a": "{n} plekken"}}
    check_labels(good)
    with pytest.raises(ValueError, match="only in en"):
        check_labels({"en": {"a": "x", "b": "y"}, "nl": {"a": "x"}})
    with pytest.raises(ValueError, match="fields differ"):
        check_labels({"en": {"a": "{n} places"}, "nl": {"a": "{m} plekken"}})
    with pytest.raises(ValueError, match="code name"):
        check_labels({"en": {"a": "emmen_2017_without_bonus"}, "nl": {"a": "Emmen"}})


def test_table_has_no_index_and_no_nan():
    frame = pd.DataFrame({"n": [1600.0, math.nan], "q": ["exact", "lower_bound"], "s": ["x", "y"]})
    labels = {
        "en": {"col_n": "Places", "col_s": "Source"},
        "nl": {"col_n": "Plekken", "col_s": "Bron"},
    }
    shown = table(frame, [Column("n", "col_n", "count", "q"), Column("s", "col_s")], labels, "nl")
    assert list(shown.frame.columns) == ["Plekken", "Bron"]
    assert shown.frame["Plekken"].tolist() == ["1.600", ""]
    html = shown._repr_html_()
    assert "NaN" not in html and "<th></th>" not in html
    assert repr(shown).splitlines()[0].split() == ["Plekken", "Bron"]


def test_qualifiers_in_words_for_prose():
    from helpers.presentation import in_words

    assert in_words("2,500", "lower_bound", "en") == "at least 2,500"
    assert in_words("1.200", "upper_bound", "nl") == "hoogstens 1.200"
    assert in_words("€ 18.000", "approximate", "nl") == "circa € 18.000"
    assert in_words("44", "exact", "en") == "44"
