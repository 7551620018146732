"""Deterministic, atomic output writing (helpers.outputs)."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from helpers import outputs


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (30000.0, "30000"),
        (1156000.0, "1156000"),
        (1 / 3, "0.33333333"),
        (2038.8000000000002, "2038.8"),
        (-500.0, "-500"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_numbers_are_formatted_to_eight_significant_digits(value, text):
    assert outputs.format_number(value) == text


def test_nan_is_empty_and_infinity_refused():
    assert outputs.format_number(float("nan")) == ""
    with pytest.raises(ValueError):
        outputs.format_number(math.inf)


def test_json_is_sorted_and_stable_across_numeric_types():
    a = {"b": np.float64(0.1 + 0.2), "a": [np.int64(3), 2.0, None, float("nan")]}
    b = {"a": [3, 2, None, None], "b": 0.3}
    assert outputs.json_text(a) == outputs.json_text(b)
    assert list(json.loads(outputs.json_text(a))) == ["a", "b"]


def test_json_number_rounds_to_meaning():
    assert outputs.json_number(1342.6) == 1343
    assert outputs.json_number(54.347, 1) == 54.3
    assert outputs.json_number(float("nan")) is None and outputs.json_number(None) is None


def test_tables_are_written_with_stable_numbers(tmp_path):
    frame = pd.DataFrame({"x": [1.0, 2.5, float("nan")], "flag": [True, False, True]})
    outputs.write_table(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text() == "x,flag\n1,true\n2.5,false\n,true\n"


def test_update_results_keeps_other_sections(tmp_path):
    outputs.update_results(tmp_path, "scratch", {"balance": -500})  # a section with no schema
    outputs.update_results(tmp_path, None, {"fit_start": 2015})
    outputs.update_results(tmp_path, "scratch", {"balance": -3500})
    assert json.loads((tmp_path / "results.json").read_text()) == {
        "scratch": {"balance": -3500},
        "fit_start": 2015,
    }


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    outputs.atomic_write_text(tmp_path / "a.txt", "one\n")
    outputs.atomic_write_text(tmp_path / "a.txt", "two\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "two\n"


def test_replace_directory_swaps_a_complete_set(tmp_path):
    target, staged = tmp_path / "processed", tmp_path / "staged"
    target.mkdir()
    (target / "old.csv").write_text("old")
    staged.mkdir()
    (staged / "new.csv").write_text("new")
    outputs.replace_directory(staged, target)
    assert [p.name for p in target.iterdir()] == ["new.csv"]
    assert not staged.exists() and not (tmp_path / ".processed.previous").exists()
