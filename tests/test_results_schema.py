"""helpers.results_schema: one typed model per results.json section, used by the notebook that
writes it (outputs.update_results), the README generator and the change summary."""

from __future__ import annotations

import copy
import json

import pytest
from conftest import REPO

from helpers import layout, outputs, report_index, results_schema
from helpers.changes.compare import HEADLINE_KEYS

COMMITTED = sorted((REPO / "reports").glob(f"*/{layout.RESULTS_FILE}"))
SECTIONS = [
    (path, name)
    for path in COMMITTED
    for name in json.loads(path.read_text(encoding="utf-8"))
    if name in results_schema.SECTION_MODELS
]


def committed(section: str) -> dict:
    """The section as committed in the first reports folder that has it."""
    for path, name in SECTIONS:
        if name == section:
            return json.loads(path.read_text(encoding="utf-8"))[section]
    raise LookupError(section)


def test_every_section_has_a_model_and_is_committed():
    assert set(results_schema.SECTION_MODELS) == set(layout.SECTIONS)
    assert {name for _, name in SECTIONS} == set(layout.SECTIONS)


@pytest.mark.parametrize(
    ("path", "section"), SECTIONS, ids=[f"{p.parent.name}:{s}" for p, s in SECTIONS]
)
def test_every_committed_section_fits_its_model(path, section):
    data = json.loads(path.read_text(encoding="utf-8"))[section]
    assert results_schema.problems(section, data) == []


def _set(data: dict, key: str, value) -> None:
    *parents, last = key.split(".")
    for part in parents:
        data = data[part]
    if value is KeyError:
        del data[last]
    else:
        data[last] = value


# (section, dotted key, new value or KeyError to delete it): the error must name that key
WRONG = [
    (layout.TARGETS_GAP, "latest.gap", "1468"),  # a number as text
    (layout.TARGETS_GAP, "latest.gap_qualifier", "roughly"),  # not a qualifier
    (layout.TRAJECTORY, "goals.30000.median_year", 2039.5),  # a year that is not whole
    (layout.TRAJECTORY, "latest.value", KeyError),  # a missing key
    (layout.WAITING_LIST, "latest.date", "30 June 2022"),  # not an ISO date
    (layout.FINANCE, "headline.source_ids", "S005"),  # a list as one text
    (layout.FINANCE, "bonus.surprise", 1),  # a key the schema does not have
]


@pytest.mark.parametrize(("section", "key", "value"), WRONG, ids=[w[1] for w in WRONG])
def test_a_wrong_shape_is_refused_naming_file_section_and_key(tmp_path, section, key, value):
    data = copy.deepcopy(committed(section))
    _set(data, key, value)
    outputs.update_results(tmp_path, "other", {"kept": 1})
    before = (tmp_path / layout.RESULTS_FILE).read_bytes()
    with pytest.raises(results_schema.ResultsShapeError) as raised:
        outputs.update_results(tmp_path, section, data)
    message = str(raised.value)
    assert str(tmp_path / layout.RESULTS_FILE) in message
    assert f"section {section!r}" in message and f"key {key!r}" in message
    assert (tmp_path / layout.RESULTS_FILE).read_bytes() == before  # nothing written


def test_a_committed_section_is_written_unchanged(tmp_path):
    for section in layout.SECTIONS:
        outputs.update_results(tmp_path, section, committed(section))
    written = json.loads((tmp_path / layout.RESULTS_FILE).read_text(encoding="utf-8"))
    assert written == {section: committed(section) for section in layout.SECTIONS}


def test_the_change_summary_headline_keys_are_schema_keys():
    assert all(results_schema.has_key(key) for key in HEADLINE_KEYS)
    assert not results_schema.has_key("trajectory.goals.*.median_years")
    assert not results_schema.has_key("targets_gap.latest.gap.value")


def test_the_readme_leaves_out_a_number_of_the_wrong_shape(tmp_path):
    """The README generator reads a section through its model: a key of the wrong type is not
    printed; the sentence says it is not available, and the rest of the page is written."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "data" / "raw" / "source_register.csv").write_bytes(
        (REPO / "data" / "raw" / "source_register.csv").read_bytes()
    )
    runs = {
        "cleaning": {},
        "scenarios": {
            "baseline": {
                "description": "d",
                "parameters": {},
                "notebooks": dict.fromkeys(layout.SECTION_NOTEBOOK.values(), "baseline"),
            }
        },
    }
    outputs.write_json(runs, tmp_path / "reports" / layout.RUNS_FILE)
    data = {section: committed(section) for section in layout.SECTIONS}
    data[layout.WAITING_LIST]["latest"]["waiting"] = "1,900"
    outputs.write_json(data, tmp_path / "reports" / "baseline" / layout.RESULTS_FILE)
    text = report_index.build_readme(tmp_path, ["baseline"], "en")
    assert "Not available: the waiting list (no `waiting_list.latest`" in text
    assert "1,900" not in text
    assert "people worked in beschut werk" in text
