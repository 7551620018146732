"""The frictionless data package: generated from the project's definitions, valid, and strict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package, system
from support.paths import RAW_REGISTER

from helpers import clean, datapackage, processed, register
from helpers.outputs import table_to_csv
from helpers.vocabulary import METRICS, UNITS


@pytest.fixture(scope="module")
def package_tree(tmp_path_factory) -> Path:
    """data/raw and data/processed as the cleaning step writes them, in a scratch tree."""
    root = tmp_path_factory.mktemp("tree")
    (root / "data" / "raw").mkdir(parents=True)
    out = root / "data" / "processed"
    out.mkdir()
    shutil.copyfile(RAW_REGISTER, root / "data" / "raw" / "source_register.csv")
    result = clean.clean_register(RAW_REGISTER)
    for name, frame in [
        ("observations.csv", result.observations),
        ("series.csv", result.series),
        ("conflicts.csv", result.conflicts),
    ]:
        (out / name).write_text(table_to_csv(frame), newline="")
    (out / datapackage.FILE_NAME).write_text(
        datapackage.render(root / "data" / "raw" / "source_register.csv", out), newline=""
    )
    return root


def validate(tree: Path):
    with system.use_context(trusted=True):
        return Package(str(tree / "data" / "processed" / datapackage.FILE_NAME)).validate()


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def errors(report) -> list[tuple[str, str, str]]:
    return [
        (task.name, e.type, getattr(e, "field_name", ""))
        for task in report.tasks
        for e in task.errors
    ]


def test_the_register_and_every_processed_table_validate(package_tree):
    report = validate(package_tree)
    assert report.valid, errors(report)
    assert [task.name for task in report.tasks] == [
        "source_register",
        "observations",
        "series",
        "conflicts",
    ]
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_the_descriptor_follows_the_code_definitions(package_tree):
    descriptor = json.loads((package_tree / "data/processed/datapackage.json").read_text())
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert resources["source_register"]["path"] == "../raw/source_register.csv"
    assert resources["source_register"]["dialect"]["lineTerminator"] == "\r\n"  # as transcribed
    expected = {
        "source_register": register.COLUMNS,
        "observations": tuple(processed.OBSERVATION_COLUMNS),
        "series": tuple(processed.SERIES_COLUMNS),
        "conflicts": tuple(processed.CONFLICT_COLUMNS),
    }
    for name, columns in expected.items():
        fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
        assert tuple(fields) == columns
        assert all(f["description"] for f in fields.values())
        if "metric" in fields:
            assert fields["metric"]["constraints"]["enum"] == sorted(METRICS)
        if "unit" in fields:
            assert fields["unit"]["constraints"]["enum"] == sorted(UNITS)
    assert resources["observations"]["schema"]["primaryKey"] == ["id"]
    assert resources["source_register"]["schema"]["primaryKey"] == ["id"]


def test_the_descriptor_is_byte_stable(package_tree):
    out = package_tree / "data" / "processed"
    text = datapackage.render(package_tree / "data/raw/source_register.csv", out)
    assert text == (out / datapackage.FILE_NAME).read_text()
    assert text == datapackage.render(package_tree / "data/raw/source_register.csv", out)


def replace_first(path: Path, old: str, new: str) -> None:
    text = path.read_bytes().decode()
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode())


@pytest.mark.parametrize(
    ("file", "old", "new", "resource", "kind", "field"),
    [
        (
            "data/processed/observations.csv",
            "S001,working,",
            "S001,jobs,",
            "observations",
            "constraint-error",
            "metric",
        ),
        (
            "data/raw/source_register.csv",
            "S001,working,",
            "S001,jobs,",
            "source_register",
            "constraint-error",
            "metric",
        ),
        (
            "data/processed/observations.csv",
            ",exact,places,",
            ",roughly,places,",
            "observations",
            "constraint-error",
            "qualifier",
        ),
        (
            "data/processed/series.csv",
            "ambition_extra,,none,,20000,",
            "ambition_extra,,none,,twenty,",
            "series",
            "type-error",
            "value",
        ),
        ("data/raw/source_register.csv", "S002,", "S001,", "source_register", "primary-key", ""),
    ],
)
def test_a_bad_value_fails_validation(
    package_tree, tmp_path, file, old, new, resource, kind, field
):
    tree = copy_tree(package_tree, tmp_path / "tree")
    replace_first(tree / file, old, new)
    report = validate(tree)
    assert not report.valid
    found = errors(report)
    assert any(r == resource and k == kind and f == field for r, k, f in found), found
