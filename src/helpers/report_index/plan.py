"""The runner's plan (reports/runs.json) and the results.json of each reports folder: which
folder holds which outputs, and which folders share a column of the key-number tables."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import layout
from helpers.results_schema import valid_part


@dataclass(frozen=True)
class Plan:
    """reports/runs.json, scenarios in reference order (the first is the reference)."""

    scenarios: Mapping[str, Mapping[str, Any]]
    cleaning: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, reports_dir: Path, order: Sequence[str] = ()) -> Plan:
        """Read runs.json; order its scenarios as ``order`` (scenarios.yaml), the rest after."""
        data = json.loads((reports_dir / layout.RUNS_FILE).read_text(encoding="utf-8"))
        scenarios = data.get("scenarios") or {}
        names = [s for s in order if s in scenarios] + [s for s in scenarios if s not in order]
        return cls({name: scenarios[name] for name in names}, data.get("cleaning") or {})

    def language(self, scenario: str) -> str:
        """The scenario's language (the notebooks' default, English, when not set)."""
        return self.scenarios[scenario].get("parameters", {}).get("language", "en")

    def folder(self, scenario: str, notebook: str) -> str | None:
        """The reports folder holding ``notebook``'s outputs for ``scenario``."""
        return self.scenarios[scenario].get("notebooks", {}).get(notebook)

    def twins(self, a: str, b: str) -> bool:
        """Whether two scenarios' parameters differ in `language` at most."""

        def rest(name: str) -> dict[str, Any]:
            params = dict(self.scenarios[name].get("parameters", {}))
            params.pop("language", None)
            return params

        return rest(a) == rest(b)

    @property
    def reference(self) -> str:
        """The reference scenario: the first one."""
        return next(iter(self.scenarios))

    def verdict_scenario(self, language: str) -> str:
        """The reference scenario, or its language twin in ``language`` when there is one."""
        ref = self.reference
        if self.language(ref) == language:
            return ref
        for name in self.scenarios:
            if self.language(name) == language and self.twins(ref, name):
                return name
        return ref


class Results:
    """The results.json of each reports folder, read once; each section with a schema
    (:mod:`helpers.results_schema`) keeps only its top-level keys that fit it, so a sentence
    whose number has the wrong shape says "not available" instead of printing it."""

    def __init__(self, reports_dir: Path):
        self.reports_dir = reports_dir
        self._cache: dict[str, dict[str, Any]] = {}

    def __call__(self, folder: str | None) -> dict[str, Any]:
        if folder is None:
            return {}
        if folder not in self._cache:
            file = self.reports_dir / folder / layout.RESULTS_FILE
            data = json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}
            self._cache[folder] = {
                name: valid_part(name, section) if isinstance(section, Mapping) else section
                for name, section in data.items()
            }
        return self._cache[folder]


@dataclass(frozen=True)
class Column:
    """One column of a key-number table: the folder whose numbers it shows, for these scenarios."""

    folder: str
    scenarios: tuple[str, ...]


def columns(plan: Plan, results: Results, section: str) -> list[Column]:
    """The distinct results of ``section``: scenarios sharing a folder share a column, and so do
    folders of scenarios that differ only in `language` when their numbers are the same."""
    notebook = layout.SECTION_NOTEBOOK.get(section, "")
    groups: dict[str, list[str]] = {}
    for scenario in plan.scenarios:
        folder = plan.folder(scenario, notebook)
        if folder is not None and section in results(folder):
            groups.setdefault(folder, []).append(scenario)
    merged: list[Column] = []
    for folder, scenarios in groups.items():
        for i, column in enumerate(merged):
            twins = any(plan.twins(a, b) for a in column.scenarios for b in scenarios)
            if twins and results(column.folder)[section] == results(folder)[section]:
                merged[i] = Column(column.folder, column.scenarios + tuple(scenarios))
                break
        else:
            merged.append(Column(folder, tuple(scenarios)))
    return merged
