"""The policy notebooks 03-05 narrate: mostly prose, plumbing hidden, calls into their package."""

import itertools
import re

import pytest
from support.paths import NOTEBOOKS

ANALYSES = ["03_targets_gap", "04_waiting_list", "05_finance"]
HIDDEN = "remove-input"  # the tag the HTML export hides the input of


def cells(name):
    """(header, non-blank body lines) per py:percent cell, the jupytext header left out."""
    text = (NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    parts = re.split(r"^(# %%.*)$", text, flags=re.MULTILINE)
    return [
        (header, [line for line in body.splitlines() if line.strip()])
        for header, body in zip(parts[1::2], parts[2::2], strict=True)
    ]


@pytest.mark.parametrize("name", ANALYSES)
def test_at_most_half_of_the_lines_are_code(name):
    code = sum(len(body) for header, body in cells(name) if "[markdown]" not in header)
    prose = sum(len(body) for header, body in cells(name) if "[markdown]" in header)
    assert code <= prose, f"{name}: {code} code lines against {prose} markdown lines"


@pytest.mark.parametrize("name", ANALYSES)
def test_plumbing_is_hidden_and_every_figure_is_introduced(name):
    parsed = cells(name)
    for header, body in parsed:
        text = "\n".join(body)
        if "validate_parameters" in text or "update_results" in text:
            assert HIDDEN in header, f"{name}: plumbing cell not tagged {HIDDEN}"
    for before, (_, body) in itertools.pairwise(parsed):
        if any("publish_figure(" in line for line in body):
            assert "[markdown]" in before[0], f"{name}: a figure without a sentence before it"
    first_code = next(header for header, _ in parsed if "[markdown]" not in header)
    assert "[markdown]" in parsed[0][0] and "parameters" in first_code
