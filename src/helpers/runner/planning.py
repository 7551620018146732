"""Planning: which notebook runs with which parameters, and where its outputs are published.

A notebook runs once per distinct set of the parameters it declares (after defaults): notebooks
that declare no fit window (03-05) run once per language, not once per scenario. The outputs of
a run go to ``reports/<the first scenario, in scenarios.yaml order, with that parameter set>``;
``reports/runs.json`` (:func:`runs_manifest`) maps every scenario and notebook to that folder.
A group is the set of runs published together into one folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from helpers import layout, paths
from helpers.runner.config import (
    CLEANING,
    ONCE,
    Config,
    ConfigError,
    NotebookEntry,
    canonical,
    check_scenario_name,
)

RUNS_FILE = layout.RUNS_FILE  # reports/runs.json


@dataclass(frozen=True)
class Run:
    """One notebook execution."""

    group: str  # 'cleaning' or the scenario folder: the runs published together
    notebook: str
    parameters: Mapping[str, Any]
    scenarios: tuple[str, ...] = ()  # the scenarios whose outputs this run produces

    @property
    def label(self) -> str:
        return f"{self.group}/{self.notebook}"

    @property
    def report_dir(self) -> str:
        return f"{paths.REPORTS_DIR}/{self.group}"


@dataclass
class Group:
    """Runs whose outputs are published together, and the directories they publish."""

    name: str
    runs: list[Run]
    targets: list[str]  # repo-relative directories moved into place when every run succeeded
    complete: bool  # every notebook published in this folder runs (staging starts empty)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


def notebook_parameters(entry: NotebookEntry, scenario: Mapping[str, Any], output_dir: str) -> dict:
    """The parameters a scenario passes to one notebook: those it declares, plus output_dir."""
    params = {k: v for k, v in scenario.items() if k in entry.declared}
    params["output_dir"] = output_dir
    return params


def homes(config: Config) -> dict[str, dict[str, str]]:
    """scenario -> notebook -> the scenario folder holding that notebook's outputs for it.

    The folder is the first scenario (in file order) passing the same declared parameters.
    """
    result: dict[str, dict[str, str]] = {name: {} for name in config.scenarios}
    for nb in config.per_scenario:
        first: dict[str, str] = {}
        for name, merged in config.scenarios.items():
            key = canonical({k: v for k, v in merged.items() if k in nb.declared})
            result[name][nb.name] = first.setdefault(key, name)
    return result


def runs_manifest(config: Config) -> dict[str, Any]:
    """The content of reports/runs.json: where every notebook's outputs are, per scenario."""
    where = homes(config)
    return {
        "cleaning": {nb.name: CLEANING for nb in config.once},
        "scenarios": {
            name: {
                "description": config.descriptions.get(name, ""),
                "parameters": dict(config.scenarios[name]),
                "notebooks": where[name],
            }
            for name in config.scenarios
        },
    }


def check_selection(config: Config, scenarios: list[str], notebooks: list[str]) -> None:
    """Refuse unknown or unsafe names on the command line."""
    for name in scenarios:
        check_scenario_name(name, "--scenario")
        if name not in config.scenarios:
            raise ConfigError(f"--scenario {name}: unknown; known: {list(config.scenarios)}")
    known = [nb.name for nb in config.notebooks]
    for name in notebooks:
        if name not in known:
            raise ConfigError(f"--notebook {name}: unknown; known: {known}")


def plan(
    config: Config, scenarios: Iterable[str] = (), notebooks: Iterable[str] = ()
) -> list[Group]:
    """The groups to run for a selection (empty selection: everything).

    A selected scenario brings every run its outputs come from, also runs published in the
    folder of an earlier scenario with the same parameters.
    """
    scenarios, notebooks = list(scenarios), list(notebooks)
    check_selection(config, scenarios, notebooks)
    chosen_nbs = [nb for nb in config.notebooks if not notebooks or nb.name in notebooks]
    chosen_scenarios = [s for s in config.scenarios if not scenarios or s in scenarios]
    groups: list[Group] = []
    once = [nb for nb in chosen_nbs if nb.scope == ONCE]
    if once:
        runs = [Run(CLEANING, nb.name, dict(nb.parameters)) for nb in once]
        targets = [nb.parameters["output_dir"] for nb in once] + [f"{paths.REPORTS_DIR}/{CLEANING}"]
        groups.append(Group(CLEANING, runs, targets, len(once) == len(config.once)))
    where = homes(config)
    by_folder: dict[str, dict[str, Run]] = {}
    for nb in config.per_scenario:
        if nb not in chosen_nbs:
            continue
        served: dict[str, list[str]] = {}
        for scenario in config.scenarios:
            served.setdefault(where[scenario][nb.name], []).append(scenario)
        for folder, users in served.items():
            if not any(s in chosen_scenarios for s in users):
                continue
            out = f"{paths.REPORTS_DIR}/{folder}"
            params = notebook_parameters(nb, config.scenarios[folder], out)
            by_folder.setdefault(folder, {})[nb.name] = Run(folder, nb.name, params, tuple(users))
    for folder in config.scenarios:  # groups in file order
        if folder not in by_folder:
            continue
        runs = list(by_folder[folder].values())
        published_here = [nb for nb in config.per_scenario if where[folder][nb.name] == folder]
        complete = len(runs) == len(published_here)
        groups.append(Group(folder, runs, [f"{paths.REPORTS_DIR}/{folder}"], complete))
    return groups


def describe(config: Config, scenarios: Iterable[str] = (), notebooks: Iterable[str] = ()) -> str:
    """The plan of a selection in words (for --list; empty selection: everything)."""
    scenarios, notebooks = list(scenarios), list(notebooks)
    groups = plan(config, scenarios, notebooks)
    chosen = [nb for nb in config.notebooks if not notebooks or nb.name in notebooks]
    lines = ["notebooks (in order):"]
    for nb in chosen:
        lines.append(f"  {nb.name:<18} {nb.scope:<13} parameters: {', '.join(nb.declared)}")
    for nb in config.once:
        if nb not in chosen:
            continue
        text = ", ".join(f"{k}={v!r}" for k, v in nb.parameters.items())
        lines.append(f"  {nb.name} runs once with {text}; its report goes to reports/{CLEANING}")
    lines.append(f"cell timeout: {config.cell_timeout} s")
    lines.append("scenarios:")
    where = homes(config)
    for name, params in config.scenarios.items():
        if scenarios and name not in scenarios:
            continue
        description = config.descriptions.get(name)
        lines.append(f"  {name}" + (f": {description}" if description else ""))
        for nb in config.per_scenario:
            if nb not in chosen:
                continue
            folder = where[name][nb.name]
            if folder != name:
                lines.append(f"    {nb.name:<16} same run as {folder} (reports/{folder})")
                continue
            passed = notebook_parameters(nb, params, f"{paths.REPORTS_DIR}/{name}")
            text = ", ".join(f"{k}={v!r}" for k, v in passed.items())
            lines.append(f"    {nb.name:<16} {text}")
    runs = sum(len(g.runs) for g in groups)
    lines.append(f"{runs} runs in all" if not (scenarios or notebooks) else f"{runs} runs:")
    if scenarios or notebooks:
        for group in groups:
            for run in group.runs:
                lines.append(f"  {run.notebook} -> {paths.REPORTS_DIR}/{group.name}")
    return "\n".join(lines)
