"""Parse figures as Dutch publications print them: ``ruim 2.500``, ``zesduizend``, ``€ 2.157``.

:func:`parse_value` returns the number, a qualifier (exact, approximate, lower_bound,
upper_bound) and the form it was printed in (count, percent, euro, fraction), or raises
:class:`ValueParseError` saying what it could not read. In Dutch the dot groups thousands and the
comma is the decimal sign, so ``1.465`` is 1465 and ``1,156`` is 1.156; ``1.5`` and ``1.2.3`` are
refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

QUALIFIER_PHRASES: tuple[tuple[str, str], ...] = (  # longest first within each meaning
    ("naar schatting", "approximate"),
    ("ongeveer", "approximate"),
    ("rond de", "approximate"),
    ("circa", "approximate"),
    ("ca.", "approximate"),
    ("zo'n", "approximate"),
    ("ten minste", "lower_bound"),
    ("minstens", "lower_bound"),
    ("meer dan", "lower_bound"),
    ("ruim", "lower_bound"),
    ("minder dan", "upper_bound"),
    ("bijna", "upper_bound"),
)
# Words that carry no number: the period is in reference_period, "som" marks a stated total.
FILLER_PHRASES = ("halverwege het jaar", "slechts", "maar", "pas", "voor", "som", "totaal")
MULTIPLIERS = {"duizend": 1_000, "miljoen": 1_000_000, "miljard": 1_000_000_000}

_UNITS = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4,
    "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
}  # fmt: skip
_TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
}  # fmt: skip

# re.ASCII: \d is 0-9 only, so digits of other scripts (৪, ８) are refused, never read
_DIGITS_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$", re.ASCII)
_DIGITS_PLAIN = re.compile(r"^-?\d+(?:,\d+)?$", re.ASCII)
_FRACTION = re.compile(r"^(?P<num>\S+) op de (?P<den>\S+)$")


class ValueParseError(ValueError):
    """A published figure that cannot be read as a number."""


@dataclass(frozen=True)
class ParsedValue:
    """A published figure as a number with its qualifier and printed form."""

    value: float
    qualifier: str  # exact, approximate, lower_bound, upper_bound
    form: str  # count (a plain number), percent, euro, fraction


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text.strip().lower())


def _fold(word: str) -> str:
    """Drop diacritics: tweeëntwintig -> tweeentwintig, één -> een."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _below_100(word: str) -> int:
    if word in _UNITS:
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    if word in _TENS:
        return _TENS[word]
    for unit_word, unit in _UNITS.items():
        prefix = unit_word + "en"
        if unit and word.startswith(prefix) and word[len(prefix) :] in _TENS:
            return unit + _TENS[word[len(prefix) :]]
    raise ValueParseError(f"'{word}' is not a Dutch number word")


def _below_1000(word: str) -> int:
    if "honderd" in word:
        left, right = word.split("honderd", 1)
        hundreds = _below_100(left) if left else 1
        if not 1 <= hundreds <= 9:
            raise ValueParseError(f"'{word}' is not a Dutch number word")
        return hundreds * 100 + (_below_100(right) if right else 0)
    return _below_100(word)


def words_to_number(text: str) -> int:
    """Read a Dutch number written in words: drieduizend, tweeëntwintig, één."""
    word = _fold(text.replace(" ", "").replace("-", ""))
    if not word:
        raise ValueParseError("empty number word")
    total = 0
    for name, factor in (("miljard", 10**9), ("miljoen", 10**6), ("duizend", 10**3)):
        if name in word:
            left, word = word.split(name, 1)
            total += (_below_1000(left) if left else 1) * factor
    if word:
        total += _below_1000(word)
    return total


def non_ascii_numeral(text: str) -> str | None:
    """The first character of ``text`` that Unicode reads as a number but is not 0-9, named.

    Covers decimal digits of every script (Bengali ৪, fullwidth ８, Arabic-Indic ٤),
    superscripts, circled digits, vulgar fractions and other numeric characters.
    """
    if text.isascii():
        return None
    for char in text:
        if char not in "0123456789" and unicodedata.numeric(char, None) is not None:
            name = unicodedata.name(char, "a numeric character")
            return f"{char!r} (U+{ord(char):04X} {name})"
    return None


def _numeral(token: str) -> float:
    """A number in digits (Dutch separators) or in words."""
    if _DIGITS_GROUPED.match(token) or _DIGITS_PLAIN.match(token):
        return float(token.replace(".", "").replace(",", "."))
    if re.search(r"\d", token):
        raise ValueParseError(
            f"'{token}' is not a Dutch number: a dot groups thousands in threes "
            "(1.465) and a comma is the decimal sign (1,156)"
        )
    return float(words_to_number(token))


def _strip_phrases(text: str) -> tuple[str, str]:
    """Remove leading qualifier and filler phrases; return (rest, qualifier)."""
    qualifier = "exact"
    changed = True
    while changed:
        changed = False
        for phrase, meaning in QUALIFIER_PHRASES:
            if text.startswith(phrase + " ") or (phrase.endswith(".") and text.startswith(phrase)):
                if qualifier != "exact" and qualifier != meaning:
                    raise ValueParseError(f"contradictory qualifiers ({qualifier}, {meaning})")
                qualifier = meaning
                text = text[len(phrase) :].lstrip()
                changed = True
        for phrase in FILLER_PHRASES:
            if text.startswith(phrase + " "):
                text = text[len(phrase) :].lstrip()
                changed = True
    return text, qualifier


def parse_value(published: str) -> ParsedValue:
    """Parse a figure as printed, e.g. ``ruim 2.500`` -> 2500, lower_bound, count."""
    if published is None or not published.strip():
        raise ValueParseError("the value is empty")
    foreign = non_ascii_numeral(published)
    if foreign:
        raise ValueParseError(f"contains {foreign}; write numbers with the digits 0-9")
    original = published
    text, qualifier = _strip_phrases(_normalise(published))
    form = "count"

    fraction = _FRACTION.match(text)
    if fraction:
        numerator = _numeral(fraction.group("num"))
        denominator = _numeral(fraction.group("den"))
        if denominator == 0 or numerator > denominator:
            raise ValueParseError(f"'{original}' is not a fraction between 0 and 1")
        # "één op de drie" is a rounded share as spoken, not an exact ratio
        return ParsedValue(numerator / denominator, "approximate", "fraction")

    if text.startswith("€"):
        form, text = "euro", text[1:].strip()
    if text.endswith(",-"):
        form, text = "euro", text[:-2].strip()
    for suffix, suffix_form in ((" euro", "euro"), ("%", "percent"), (" procent", "percent")):
        if text.endswith(suffix):
            if form != "count" and form != suffix_form:
                raise ValueParseError(f"'{original}' mixes a currency and a percentage")
            form, text = suffix_form, text[: -len(suffix)].strip()
    if text.endswith(",-"):
        text = text[:-2].strip()

    tokens = text.split(" ")
    multiplier = 1
    if len(tokens) >= 2 and tokens[-1] in MULTIPLIERS:
        multiplier = MULTIPLIERS[tokens.pop()]
    if len(tokens) != 1 or not tokens[0]:
        if all(not re.search(r"\d", t) for t in tokens) and tokens != [""]:
            number = float(words_to_number("".join(tokens)))
        else:
            raise ValueParseError(f"cannot read '{original}' as one number")
    else:
        try:
            number = _numeral(tokens[0])
        except ValueParseError as error:
            raise ValueParseError(f"cannot read '{original}': {error}") from None
    return ParsedValue(number * multiplier, qualifier, form)
