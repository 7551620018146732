"""The shared reader words: both languages say the same things, and every qualifier has a word."""

import pytest

from helpers import words
from helpers.errors import ParameterError
from helpers.processed import QUALIFIERS


@pytest.mark.parametrize("table", [words.QUALIFIER_PROSE, words.QUALIFIER_LEGEND])
def test_every_language_names_every_qualifier(table):
    assert set(table) == set(words.LANGUAGES)
    for language in words.LANGUAGES:
        assert set(table[language]) == set(QUALIFIERS), language


def test_only_exact_goes_without_a_word_or_mark():
    for language in words.LANGUAGES:
        prose = words.QUALIFIER_PROSE[language]
        assert [q for q, word in prose.items() if not word] == ["exact"]
        assert len(set(prose.values())) == len(prose)  # one word per qualifier
    assert [q for q, mark in words.QUALIFIER_MARKS.items() if not mark] == ["exact"]


def test_twelve_distinct_months_per_language():
    for language in words.LANGUAGES:
        assert len(set(words.MONTHS[language])) == 12


def test_an_unknown_language_names_the_parameter():
    assert words.check_language("nl") == "nl"
    with pytest.raises(ParameterError, match="language"):
        words.check_language("de")
