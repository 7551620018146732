"""A frictionless data package (datapackage.json) for the register and the processed tables.

Generated from the project's own definitions: the register's columns (helpers.register), the
processed tables' columns (helpers.processed) and the vocabulary (helpers.vocabulary), so a reuser
can check the data with a standard tool:

    frictionless validate --trusted data/processed/datapackage.json

(``--trusted`` because the register resource lives beside data/processed, at
``../raw/source_register.csv``, and frictionless refuses paths with ``..`` unless told to.)
The cleaning step writes it with the processed tables (helpers.clean.write_processed), so
``make reports`` regenerates it and the determinism test catches its drift.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import helpers
from helpers import processed, register
from helpers.vocabulary import METRICS, SOURCE_KINDS, UNITS

FILE_NAME = "datapackage.json"
CONFLICT_KINDS = ("value", "date", "qualifier")  # helpers.reconcile's conflict kinds
ISO_DATE_OR_PART = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # published: YYYY, YYYY-MM or YYYY-MM-DD
REGISTER_COLUMNS = {  # data/raw/README.md, "Columns"
    "id": "row id: S and three or more digits; never reused",
    "metric": "what is counted (vocabulary in helpers.vocabulary)",
    "reference_period": "the moment or period the figure is about (YYYY-MM-DD, YYYY-MM, YYYY-Qn, "
    "YYYY-Hn, YYYY, two joined by '/' for a span, or empty)",
    "value_as_published": "the figure exactly as printed, Dutch style",
    "unit": "unit of the figure",
    "source_kind": "official, secondary or advocacy",
    "publisher": "who published it",
    "title": "publication title",
    "url": "publication address (empty where only the text was at hand)",
    "published": "publication date: YYYY-MM-DD, YYYY-MM or YYYY",
    "note": "what the figure means where the metric does not say it all",
}
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 (the compilation, coding and processing; "
        "the figures are facts from the sources cited row by row, see data/LICENSE)",
    }
]

# field-specific types and constraints; every other field is a string
_REGISTER_FIELDS: dict[str, dict[str, Any]] = {
    "id": {
        "constraints": {"required": True, "unique": True, "pattern": register.ID_PATTERN.pattern}
    },
    "metric": {"constraints": {"enum": sorted(METRICS)}},
    "unit": {"constraints": {"enum": sorted(UNITS)}},
    "source_kind": {"constraints": {"enum": list(SOURCE_KINDS)}},
}
_PROCESSED_FIELDS: dict[str, dict[str, Any]] = {
    "id": {"constraints": {"pattern": register.ID_PATTERN.pattern}},
    "source_id": {"constraints": {"pattern": register.ID_PATTERN.pattern}},
    "metric": {"constraints": {"enum": sorted(METRICS)}},
    "unit": {"constraints": {"enum": sorted(UNITS)}},
    "source_kind": {"constraints": {"enum": list(SOURCE_KINDS)}},
    "qualifier": {"constraints": {"enum": list(processed.QUALIFIERS)}},
    "period_precision": {"constraints": {"enum": list(processed.PRECISIONS)}},
    "decision": {"constraints": {"enum": list(processed.DECISIONS)}},
    "kind": {"constraints": {"enum": list(CONFLICT_KINDS)}},
    "reference_date": {"type": "date"},
    "period_start": {"type": "date"},
    "series_date": {"type": "date"},
    "published": {"constraints": {"pattern": ISO_DATE_OR_PART}},
    "value": {"type": "number"},
    "n_sources": {"type": "integer", "constraints": {"minimum": 1}},
    "consistent": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
}
# table -> (its columns, its primary key, what a row is)
_TABLES = {
    "observations": (
        processed.OBSERVATION_COLUMNS,
        ["id"],
        "every register row, parsed, with the cleaning decision",
    ),
    "series": (
        processed.SERIES_COLUMNS,
        ["metric", "reference_date"],
        "one row per metric and reference date (undated rows have an empty reference_date)",
    ),
    "conflicts": (
        processed.CONFLICT_COLUMNS,
        ["conflict_id"],
        "statements that disagree, and which one stands",
    ),
}


def _fields(columns: dict[str, str], extra: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    fields = []
    for name, description in columns.items():
        field = {"name": name, "type": "string", "description": description}
        field.update(json.loads(json.dumps(extra.get(name, {}))))  # a deep copy per field
        fields.append(field)
    return fields


def _line_terminator(path: Path) -> str:
    """The register's line ends as the file has them (CRLF, as transcribed), else LF."""
    with open(path, "rb") as stream:
        first = stream.readline()
    return "\r\n" if first.endswith(b"\r\n") else "\n"


def _value_description() -> str:
    units = ", ".join(f"{u} {lo:g}-{hi:g}" for u, (lo, hi, _) in UNITS.items())
    return (
        f"{processed.OBSERVATION_COLUMNS['value']}; in the unit of the row's unit column, "
        f"within its range ({units})"
    )


def build(register_file: str | Path, package_dir: str | Path) -> dict[str, Any]:
    """The descriptor of the package written into ``package_dir`` (the processed tables' folder),
    as a dict; the register's path is relative to it and its line ends are read from the file."""
    register_path = os.path.relpath(Path(register_file).resolve(), Path(package_dir).resolve())
    register_resource = {
        "name": "source_register",
        "path": Path(register_path).as_posix(),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": "every published figure, one row per figure per publication, as printed",
        "dialect": {**CSV_DIALECT, "lineTerminator": _line_terminator(Path(register_file))},
        "schema": {
            "fields": _fields(REGISTER_COLUMNS, _REGISTER_FIELDS),
            "missingValues": [""],
            "primaryKey": ["id"],
        },
    }
    for name in register.REQUIRED:
        constraints = register_resource["schema"]["fields"][register.COLUMNS.index(name)]
        constraints.setdefault("constraints", {})["required"] = True
    resources = [register_resource]
    for name, (columns, key, description) in _TABLES.items():
        fields = _fields(columns, _PROCESSED_FIELDS)
        for field in fields:
            if field["name"] == "value":
                field["description"] = _value_description()
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if key:
            schema["primaryKey"] = key
        if name != "observations" and "source_id" in columns:
            schema["foreignKeys"] = [
                {"fields": "source_id", "reference": {"resource": "observations", "fields": "id"}}
            ]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description,
                "dialect": {**CSV_DIALECT, "lineTerminator": "\n"},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "beschut-werk-monitor",
        "title": "Beschut werk monitor: the source register and the processed tables",
        "version": helpers.__version__,
        "licenses": LICENSES,
        "resources": resources,
    }


def render(register_file: str | Path, package_dir: str | Path) -> str:
    """datapackage.json as text: sorted keys, two-space indent, one final newline (stable)."""
    return (
        json.dumps(build(register_file, package_dir), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )
