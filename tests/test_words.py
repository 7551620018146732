"""The shared reader words: both languages say the same things, and every qualifier has a word."""

import ast

import pytest
from support.paths import HELPERS

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


def test_the_source_line_has_its_fields_in_every_language():
    assert set(words.SOURCE_LINE) == set(words.LANGUAGES)
    for text in words.SOURCE_LINE.values():
        assert "{publishers}" in text and "{date}" in text


def test_twelve_distinct_months_per_language():
    for language in words.LANGUAGES:
        assert len(set(words.MONTHS[language])) == 12


def test_an_unknown_language_names_the_parameter():
    assert words.check_language("nl") == "nl"
    with pytest.raises(ParameterError, match="language"):
        words.check_language("de")


def _word_definitions(path) -> list[str]:
    """Where a module spells qualifier words or month names itself: a dict literal mapping a
    qualifier to a text that is not a qualifier, or a text holding a month name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                is_text = isinstance(value, ast.Constant) and isinstance(value.value, str)
                if (
                    isinstance(key, ast.Constant)
                    and key.value in QUALIFIERS
                    and is_text
                    and value.value not in QUALIFIERS
                ):
                    found.append(f"line {node.lineno}: qualifier words")
                    break
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.lower()
            if any(words.MONTHS[language][1].lower() in text for language in words.LANGUAGES):
                found.append(f"line {node.lineno}: month names")
    return found


def test_qualifier_words_and_months_are_defined_only_in_words():
    """helpers.words is the one place of the qualifier words and month names (issue 19): no
    other module under src/helpers spells them."""
    source = HELPERS
    offenders = {
        str(path.relative_to(source)): found
        for path in sorted(source.rglob("*.py"))
        if path.name != "words.py" and (found := _word_definitions(path))
    }
    assert offenders == {}
