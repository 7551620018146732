"""Licence, citation, changelog and version: what a reuser needs to reuse and cite a release."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import yaml

import helpers

ROOT = Path(__file__).resolve().parents[1]
# The Citation File Format 1.2.0 schema, copied from cffconvert 2.0.0 (cffconvert/schemas/1.2.0/
# schema.json); `cffconvert --validate` checks a file against exactly this schema. cffconvert
# itself cannot be installed beside frictionless (it needs jsonschema<4), so the tests run the
# same check with jsonschema.
CFF_SCHEMA = ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.json"


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def cff_errors(citation: dict) -> list[str]:
    """Every schema violation in a parsed CITATION.cff, as 'path: message'."""
    validator = jsonschema.Draft7Validator(json.loads(CFF_SCHEMA.read_text()))
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in validator.iter_errors(citation)
    ]


def load_cff() -> dict:
    # YAML dates become datetime.date; the schema wants the text as written
    return yaml.load((ROOT / "CITATION.cff").read_text(), Loader=yaml.BaseLoader)


def test_citation_cff_validates_against_the_cff_schema():
    assert cff_errors(load_cff()) == []


def test_the_cff_check_rejects_a_broken_citation():
    citation = load_cff()
    del citation["authors"]
    citation["date-released"] = "6 December 2026"
    errors = cff_errors(citation)
    assert any("authors" in e for e in errors)
    assert any(e.startswith("date-released") for e in errors)


def test_one_version_in_pyproject_citation_changelog_and_package():
    version = project_version()
    assert helpers.__version__ == version
    assert load_cff()["version"] == version
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    released = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, flags=re.M)
    assert released[0] == version, "the newest changelog entry is the version in pyproject.toml"


def test_licences_are_in_place_and_named_in_the_package_metadata():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    data_licence = (ROOT / "data" / "LICENSE").read_text()
    assert "CC BY 4.0" in data_licence and "creativecommons.org/licenses/by/4.0" in data_licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" == load_cff()["license"]
    assert set(project["license-files"]) == {"LICENSE", "data/LICENSE"}
