"""The parser on every printed form in the register and in the register's README."""

import csv
import unicodedata

import pytest
from support.paths import RAW_REGISTER

from helpers.periods import PeriodParseError, parse_period, parse_published
from helpers.values import ValueParseError, parse_value, words_to_number


@pytest.mark.parametrize(
    ("printed", "value", "qualifier", "form"),
    [
        # plain and grouped numbers
        ("44", 44, "exact", "count"),
        ("1.465", 1465, "exact", "count"),
        ("11.469", 11469, "exact", "count"),
        ("1.234.567", 1234567, "exact", "count"),
        ("2500", 2500, "exact", "count"),
        # qualifiers
        ("circa 1200", 1200, "approximate", "count"),
        ("circa 3.300", 3300, "approximate", "count"),
        ("ongeveer 40", 40, "approximate", "count"),
        ("zo’n 2.500", 2500, "approximate", "count"),
        ("zo'n 2.500", 2500, "approximate", "count"),
        ("ruim 2.500", 2500, "lower_bound", "count"),
        ("Ruim 1700", 1700, "lower_bound", "count"),
        ("meer dan 4.000", 4000, "lower_bound", "count"),
        ("bijna 500", 500, "upper_bound", "count"),
        ("ruim drieduizend", 3000, "lower_bound", "count"),
        # number words
        ("zesduizend", 6000, "exact", "count"),
        ("drieduizend", 3000, "exact", "count"),
        ("Tweeëntwintig", 22, "exact", "count"),
        ("eenentwintig", 21, "exact", "count"),
        ("tweeduizendvijfhonderd", 2500, "exact", "count"),
        ("honderd", 100, "exact", "count"),
        # multipliers and money
        ("30 duizend", 30000, "exact", "count"),
        ("11 miljoen euro", 11_000_000, "exact", "euro"),
        ("1,156 miljoen euro", 1_156_000, "exact", "euro"),
        ("100 miljoen euro", 100_000_000, "exact", "euro"),
        ("24.000 euro", 24000, "exact", "euro"),
        ("drieduizend euro", 3000, "exact", "euro"),
        ("ongeveer voor drieduizend euro", 3000, "approximate", "euro"),
        ("circa 18.000 euro", 18000, "approximate", "euro"),
        ("€ 2.157", 2157, "exact", "euro"),
        ("€3000,-", 3000, "exact", "euro"),
        ("€ 1.234,50", 1234.5, "exact", "euro"),
        # percentages and fractions
        ("63%", 63, "exact", "percent"),
        ("67 procent", 67, "exact", "percent"),
        ("11 procent", 11, "exact", "percent"),
        ("Eén op de drie", 1 / 3, "approximate", "fraction"),
        # context words that carry no number
        ("Som 2600", 2600, "exact", "count"),
        ("halverwege het jaar maar 115", 115, "exact", "count"),
    ],
)
def test_parses_printed_forms(printed, value, qualifier, form):
    parsed = parse_value(printed)
    assert parsed.value == pytest.approx(value)
    assert parsed.qualifier == qualifier
    assert parsed.form == form


@pytest.mark.parametrize(
    "printed",
    [
        "",
        "   ",
        "1.2.3",
        "1.5",
        "12.34",
        "n.v.t.",
        "onbekend",
        "ruim bijna 5",
        "5 6",
        "€ 5%",
        "1/3",
    ],
)
def test_refuses_what_it_cannot_read(printed):
    with pytest.raises(ValueParseError):
        parse_value(printed)


def test_every_register_value_parses():
    with RAW_REGISTER.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 92
    for row in rows:
        parsed = parse_value(row["value_as_published"])
        assert parsed.value >= 0, row["id"]


def test_number_words_compose():
    assert words_to_number("negenennegentig") == 99
    assert words_to_number("duizend") == 1000
    assert words_to_number("twee miljoen") == 2_000_000
    with pytest.raises(ValueParseError):
        words_to_number("tweeduizendblauw")


NON_ASCII_DECIMALS = [
    chr(code)
    for code in range(0x110000)
    if unicodedata.decimal(chr(code), None) is not None and not "0" <= chr(code) <= "9"
]


def test_every_non_ascii_decimal_digit_is_refused_and_named():
    """Each Unicode decimal digit outside 0-9 (৪, ８, ٤ …) is refused wherever it stands."""
    assert len(NON_ASCII_DECIMALS) > 600  # every script's digits, not a sample
    for digit in NON_ASCII_DECIMALS:
        name = unicodedata.name(digit)
        for printed in (f"{digit}.032", f"1.4{digit}5", f"ruim {digit}", f"{digit * 4}"):
            with pytest.raises(ValueParseError, match=f"U\\+{ord(digit):04X} {name}"):
                parse_value(printed)
        for text in (f"201{digit}", f"2019-1{digit}-31", f"2016-Q{digit}"):
            with pytest.raises(PeriodParseError, match=f"U\\+{ord(digit):04X}"):
                parse_period(text)
            with pytest.raises(PeriodParseError, match=f"U\\+{ord(digit):04X}"):
                parse_published(text)


@pytest.mark.parametrize("printed", ["1465²", "½", "Ⅻ", "①", "8\u2070"])
def test_other_numeric_characters_are_refused(printed):
    with pytest.raises(ValueParseError, match="digits 0-9"):
        parse_value(printed)


def test_ascii_digits_are_still_read():
    assert parse_value("8.033").value == 8033
    assert parse_period("2016-Q1").end.isoformat() == "2016-03-31"
