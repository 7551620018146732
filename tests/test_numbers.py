"""Numbers as the reader writes them, and the text side of the project free of matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import numbers
from helpers.errors import ParameterError

# Modules whose job is text (the README generator, the change summary, the tables' markup):
# importing them must not load a plotting library or the notebook display.
TEXT_MODULES = ("helpers.report_index", "helpers.changes", "helpers.markup", "helpers.numbers")
FIGURE_LIBRARIES = ("matplotlib", "seaborn", "IPython")


def test_counts_amounts_and_shares_in_each_language():
    assert numbers.thousands(12345.4, "en") == "12,345"
    assert numbers.thousands(12345.4, "nl") == "12.345"
    assert numbers.decimal(1234.56, "nl", 1) == "1.234,6"
    assert numbers.percent(0.2834, "en", 1) == "28.3%"
    assert numbers.euros(-3500, "en") == "-€3,500"
    assert numbers.euros(-3500, "nl") == "-€ 3.500"
    assert numbers.millions(-28_112_000, "nl") == "-€ 28,1 mln"
    with pytest.raises(ParameterError, match="language"):
        numbers.thousands(1, "de")


def test_a_simulated_probability_is_never_0_or_100_percent():
    assert numbers.probability(0.0, 10_000, "en") == "<0.1%"
    assert numbers.probability(1.0, 10_000, "nl") == ">99,9%"
    assert numbers.probability(0.0, 200, "en") == "<0.5%"
    assert numbers.probability(0.554, 1000, "en") == "55%"


def test_tick_labels_read_like_the_text():
    from matplotlib.figure import Figure

    from helpers.presentation import count_axis, money_axis

    for language in ("en", "nl"):
        counts, money = Figure().subplots(1, 2)
        count_axis(counts, language)
        money_axis(money, language, in_millions=True)
        tick = counts.yaxis.get_major_formatter()
        assert tick(12345, 0) == numbers.thousands(12345, language)
        assert money.yaxis.get_major_formatter()(-2.5e7, 0) == numbers.millions(-2.5e7, language, 0)
    assert tick(12345, 0) == "12.345"


@pytest.mark.parametrize("module", TEXT_MODULES)
def test_text_modules_import_no_plotting_library(module):
    code = (
        f"import json, sys; import {module}; "
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert not loaded & set(FIGURE_LIBRARIES), (
        f"{module} loads {sorted(loaded & set(FIGURE_LIBRARIES))}"
    )
