"""The reader words every analysis shares, once per language.

Each analysis keeps its own sentences in its ``labels`` module; the words below are the ones
several analyses, the README generator and the figures use alike, so they are defined here only:
how a published figure's qualifier reads in prose, in a legend and as a mark in a table, and the
month names. ``tests/test_words.py`` checks that both languages define the same keys.
"""

from __future__ import annotations

from helpers.errors import ParameterError

LANGUAGES = ("en", "nl")  # English first: every other language is checked against it

# A number in prose carries its qualifier as a word before it ("about 1,200", "meer dan 2.500").
QUALIFIER_PROSE = {
    "en": {
        "exact": "",
        "approximate": "about ",
        "lower_bound": "more than ",
        "upper_bound": "at most ",
    },
    "nl": {
        "exact": "",
        "approximate": "circa ",
        "lower_bound": "meer dan ",
        "upper_bound": "hooguit ",
    },
}

# A legend or table key names the qualifier with the register's own words in brackets.
QUALIFIER_LEGEND = {
    "en": {
        "exact": "exact",
        "approximate": "approximate (circa, ongeveer)",
        "lower_bound": "more than (ruim, meer dan)",
        "upper_bound": "at most (bijna)",
    },
    "nl": {
        "exact": "exact",
        "approximate": "circa (ongeveer)",
        "lower_bound": "meer dan (ruim)",
        "upper_bound": "hooguit (bijna)",
    },
}

# A number in a table cell carries its qualifier as a mark ("~1,200", "≥ 2,500").
QUALIFIER_MARKS = {"exact": "", "approximate": "~", "lower_bound": "≥ ", "upper_bound": "≤ "}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}  # fmt: skip

# The foot of every figure: who published its data and up to which date.
SOURCE_LINE = {
    "en": "Source: {publishers}. Data to {date}.",
    "nl": "Bron: {publishers}. Cijfers tot en met {date}.",
}

# How numbers are written: the thousands and decimal separators, and where the euro sign goes.
NUMBER_SEPARATORS = {"en": (",", "."), "nl": (".", ",")}  # (thousands, decimal)
EURO_FORMAT = {"en": "{sign}€{amount}", "nl": "{sign}€ {amount}"}
MILLIONS_FORMAT = {"en": "{sign}€{amount}m", "nl": "{sign}€ {amount} mln"}

# Words every analysis's tables use; each analysis's LABELS adds these
# (helpers.markup.with_common_labels).
COMMON_LABELS = {
    "en": {
        "value_published": "published",
        "value_assumed": "assumed",
        "year": "Year",
        "date": "Date",
        "source": "Source",
    },
    "nl": {
        "value_published": "gepubliceerd",
        "value_assumed": "aangenomen",
        "year": "Jaar",
        "date": "Datum",
        "source": "Bron",
    },
}

# The HTML export's own words: the table of the run's parameters and the fallback alt text.
HTML_EXPORT = {
    "en": {
        "parameters_heading": "Parameters of this run",
        "parameter": "Parameter",
        "value": "Value",
        "figure": "Figure",
    },
    "nl": {
        "parameters_heading": "Parameters van deze run",
        "parameter": "Parameter",
        "value": "Waarde",
        "figure": "Figuur",
    },
}


def check_language(language: str) -> str:
    """Return the language if the project writes it ("en" or "nl"), else raise a ParameterError."""
    if language not in LANGUAGES:
        raise ParameterError("language", f"must be one of {list(LANGUAGES)}, got {language!r}")
    return language
