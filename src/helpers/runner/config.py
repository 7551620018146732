"""Configuration: read scenarios.yaml and the notebooks it names, and check everything.

Nothing starts before the scenario file, every scenario and notebook name and every parameter
has been checked: the YAML (:func:`helpers.scenario_schema.load_yaml`: no duplicate keys, no
aliases), the file's structure (:class:`helpers.scenario_schema.ScenarioFile`), the parameters
each notebook declares, and each parameter's type and range
(:data:`helpers.scenario_schema.NOTEBOOK_MODELS`). Every error names the file, the scenario or
notebook, the key and the line.
"""

from __future__ import annotations

import ast
import json
import logging
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import layout, paths
from helpers import scenario_schema as schema
from helpers.errors import ParameterError
from helpers.scenario_schema import (
    DESCRIPTION,
    ONCE,
    PER_SCENARIO,
    SET_BY_RUNNER,
    ConfigError,
    check_scenario_name,
)

CLEANING = paths.CLEANING_REPORT  # reports/cleaning holds the executed notebooks of scope "once"

__all__ = [
    "CLEANING",
    "ONCE",
    "PER_SCENARIO",
    "Config",
    "ConfigError",
    "NotebookEntry",
    "check_scenario_name",
    "declared_parameters",
    "load_config",
]


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook of the pipeline and the parameters it declares (name -> papermill info)."""

    name: str
    scope: str
    parameters: Mapping[str, Any]  # fixed parameters (scope "once" only)
    declared: Mapping[str, Mapping[str, Any]]

    @property
    def path(self) -> str:
        return f"{paths.NOTEBOOKS_DIR}/{self.name}.ipynb"

    def defaults(self) -> dict[str, Any]:
        """The notebook's own defaults that are Python literals (the others are left out)."""
        values = {}
        for name, info in self.declared.items():
            known, value = _literal(str(info.get("default", "")))
            if known:
                values[name] = value
        return values


@dataclass(frozen=True)
class Config:
    """The validated scenario file."""

    notebooks: tuple[NotebookEntry, ...]
    defaults: Mapping[str, Any]
    scenarios: Mapping[str, Mapping[str, Any]]  # scenario -> merged parameters (defaults first)
    overrides: Mapping[str, Mapping[str, Any]]  # scenario -> parameters as written
    descriptions: Mapping[str, str]  # scenario -> its description ("" if none)
    cell_timeout: int = 600  # seconds one cell may run

    def notebook(self, name: str) -> NotebookEntry:
        return next(nb for nb in self.notebooks if nb.name == name)

    @property
    def once(self) -> list[NotebookEntry]:
        return [nb for nb in self.notebooks if nb.scope == ONCE]

    @property
    def per_scenario(self) -> list[NotebookEntry]:
        return [nb for nb in self.notebooks if nb.scope == PER_SCENARIO]


def _literal(text: str) -> tuple[bool, Any]:
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def _type_problem(value: Any, default_text: str) -> str | None:
    """Why ``value`` cannot replace a default written as ``default_text`` (None if it can).

    Used only for notebooks without a model in helpers.scenario_schema.
    """
    known, default = _literal(default_text)
    if not known or default is None:
        return None
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, list | tuple):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    else:
        return None
    if ok:
        return None
    return f"must be of the same type as the notebook's default {default_text}, got {value!r}"


class _Where:
    """Builds 'scenarios.yaml, line N: <what>' prefixes from the YAML line index."""

    def __init__(self, source: str, lines: Mapping[tuple, int]):
        self.source, self.lines = source, lines

    def __call__(self, what: str, *path: Any) -> str:
        for n in range(len(path), 0, -1):
            if path[:n] in self.lines:
                return f"{self.source}, line {self.lines[path[:n]]}: {what}"
        return f"{self.source}: {what}"


def load_config(root: Path | None = None, text: str | None = None) -> Config:
    """Read and check the scenario file (and the notebooks it names) under ``root``."""
    root = Path(root) if root is not None else paths.project_root()
    source = paths.SCENARIOS_FILE
    if text is None:
        file = root / source
        if file.is_symlink() or not file.is_file():
            raise ConfigError(f"{source}: not found (or not a regular file) in {root}")
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{source}: cannot be read: {error}") from None
    data, lines = schema.load_yaml(text, source)
    where = _Where(source, lines)
    spec = schema.structure_problems(data, source, lines)

    entries: list[NotebookEntry] = []
    seen_per_scenario = False
    for i, item in enumerate(spec.notebooks):
        at = where(f"notebook {item.name}", "notebooks", i)
        if any(e.name == item.name for e in entries):
            raise ConfigError(f"{at} is listed twice")
        if item.scope == ONCE and seen_per_scenario:
            raise ConfigError(f"{at}: notebooks of scope 'once' must come first")
        seen_per_scenario |= item.scope == PER_SCENARIO
        nb_path = root / paths.NOTEBOOKS_DIR / f"{item.name}.ipynb"
        if not nb_path.is_file():
            raise ConfigError(f"{at}: {paths.NOTEBOOKS_DIR}/{item.name}.ipynb does not exist")
        try:
            declared = declared_parameters(nb_path)
        except Exception as error:  # a notebook papermill cannot read
            raise ConfigError(f"{at}: cannot read its parameters: {error}") from None
        if "output_dir" not in declared:
            raise ConfigError(
                f"{at} declares no output_dir parameter; its outputs cannot be staged"
            )
        missing = schema.undescribed(item.name, declared)
        if missing:
            model = schema.NOTEBOOK_MODELS[item.name].__name__
            raise ConfigError(
                f"{at}: parameter '{missing[0]}' is declared by the notebook but not described "
                f"in src/helpers/scenario_schema.py; add its type and range to {model}"
            )
        fixed = dict(item.parameters)
        if item.scope == PER_SCENARIO and fixed:
            raise ConfigError(f"{at}: a per-scenario notebook takes its parameters from scenarios")
        entry = NotebookEntry(item.name, item.scope, fixed, declared)
        if item.scope == ONCE:
            if "output_dir" not in fixed:
                raise ConfigError(f"{at}: a notebook of scope 'once' needs parameters.output_dir")
            try:
                rel = paths.output_location(
                    paths.relative_to_project(fixed["output_dir"], "output_dir"), "output_dir"
                )
                if rel.parts[0] == paths.REPORTS_DIR:
                    raise ParameterError(
                        "output_dir", "must not be inside reports/ (the scenarios' folders)"
                    )
            except ParameterError as error:
                raise ConfigError(
                    where(f"notebook {item.name}: {error}", "notebooks", i, "parameters")
                ) from None
            _check_parameters(
                fixed, [entry], where, ("notebooks", i, "parameters"), allow_output=True
            )
        entries.append(entry)
    if not any(e.scope == PER_SCENARIO for e in entries):
        raise ConfigError(f"{source}: no notebook of scope 'per scenario'")
    outs = [e.parameters["output_dir"] for e in entries if e.scope == ONCE]
    if len(set(outs)) != len(outs):
        raise ConfigError(f"{source}: two notebooks of scope 'once' share an output_dir")

    per_scenario = [e for e in entries if e.scope == PER_SCENARIO]
    _check_parameters(spec.defaults, per_scenario, where, ("defaults",))
    scenarios: dict[str, dict[str, Any]] = {}
    overrides: dict[str, dict[str, Any]] = {}
    descriptions: dict[str, str] = {}
    for name, given in spec.scenarios.items():
        check_scenario_name(name, where("scenarios", "scenarios", name))
        params = dict(given)
        description = params.pop(DESCRIPTION, "")
        if not isinstance(description, str) or "\n" in description.strip():
            raise ConfigError(
                where(f"scenario {name}: description must be one line of text", "scenarios", name)
            )
        bad = schema.control_character(description)
        if bad:
            raise ConfigError(
                where(
                    f"scenario {name}: field 'description' contains the control character {bad} "
                    "(line breaks, carriage returns, escape sequences are refused: one line of "
                    "plain text)",
                    "scenarios",
                    name,
                    DESCRIPTION,
                )
            )
        _check_parameters(params, per_scenario, where, ("scenarios", name), scenario=name)
        overrides[name] = params
        scenarios[name] = {**spec.defaults, **params}
        descriptions[name] = description.strip()
        _check_ranges(scenarios[name], per_scenario, where, name)
    _refuse_ignored(root, list(scenarios), where)
    return Config(
        tuple(entries),
        dict(spec.defaults),
        scenarios,
        overrides,
        descriptions,
        spec.cell_timeout,
    )


def ignored_report_folders(root: Path, names: Sequence[str]) -> list[str]:
    """The names whose reports/<name>/ folder git ignores (the tree's real ignore rules).

    Asks ``git check-ignore --no-index``, so every pattern of every .gitignore (and
    .git/info/exclude) counts; a tree that is not a git repository has no ignore rules.
    """
    if not names or not (root / ".git").exists():
        return []
    candidates = {f"{paths.REPORTS_DIR}/{n}/{layout.RESULTS_FILE}": n for n in names}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "check-ignore", "--no-index", "--stdin", "-z"],
            input="\0".join(candidates).encode() + b"\0",
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode not in (0, 1):  # 1: nothing ignored; 128: not a repository
        return []
    found = [p for p in done.stdout.decode("utf-8", "replace").split("\0") if p]
    return sorted({candidates[p] for p in found if p in candidates})


def _refuse_ignored(root: Path, names: Sequence[str], where: _Where) -> None:
    for name in ignored_report_folders(root, names):
        raise ConfigError(
            where(
                f"scenario {name}: reports/{name}/ is ignored by git (.gitignore), so its "
                "reports would never be committed; choose another scenario name",
                "scenarios",
                name,
            )
        )


def declared_parameters(nb_path: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares: papermill.inspect_notebook, completed from the code.

    papermill's line parser skips assignments it cannot parse (for example a comment containing
    '='); every top-level assignment of the cell tagged ``parameters`` is a parameter, so those
    are added from the syntax tree with their default as written.
    """
    import nbformat
    import papermill  # imported here: slow, and --help does not need it

    quiet = logging.getLogger("papermill.translators")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        declared = {k: dict(v) for k, v in papermill.inspect_notebook(str(nb_path)).items()}
    finally:
        quiet.setLevel(level)
    nb = nbformat.read(nb_path, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is not None:
        source = cell.source
        for node in ast.parse(source).body:
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            value = getattr(node, "value", None)
            for target in targets:
                if isinstance(target, ast.Name) and target.id not in declared:
                    default = ast.get_source_segment(source, value) if value is not None else "None"
                    declared[target.id] = {
                        "name": target.id,
                        "inferred_type_name": "None",
                        "default": default,
                        "help": "",
                    }
    return declared


def _check_parameters(
    params: Mapping[str, Any],
    notebooks: Sequence[NotebookEntry],
    where: _Where,
    path: tuple,
    *,
    allow_output: bool = False,
    scenario: str | None = None,
) -> None:
    """Each parameter: text name, declared by a notebook, of the right type and range."""
    label = f"scenario {scenario}: " if scenario else f"{path[0]}: " if path else ""
    for key, value in params.items():
        at = where(f"{label}parameter '{key}'", *path, key)
        if not isinstance(key, str):
            raise ConfigError(f"{at}: a parameter name must be text")
        if key == DESCRIPTION and scenario is None:
            raise ConfigError(f"{at}: a description belongs to a scenario")
        if key in SET_BY_RUNNER and not allow_output:
            raise ConfigError(f"{at} is set by the runner (reports/<scenario>)")
        if isinstance(value, str) and key.endswith(("_dir", "_path")) and key != "output_dir":
            try:
                paths.check_path_parameter(key, value)
            except ParameterError as error:
                raise ConfigError(f"{at}: {error}") from None
        declaring = [nb for nb in notebooks if key in nb.declared]
        if not declaring:
            names = ", ".join(nb.name for nb in notebooks)
            raise ConfigError(f"{at} is not declared by any notebook ({names})")
        for nb in declaring:
            if nb.name in schema.NOTEBOOK_MODELS:
                problems = schema.parameter_problems(nb.name, {key: value})
            else:
                problem = _type_problem(value, str(nb.declared[key].get("default", "")))
                problems = [(key, problem)] if problem else []
            if problems:
                name, message = problems[0]
                detail = message if name == key else f"{name} {message}"
                raise ConfigError(f"{at} (notebook {nb.name}): {detail}")


def _check_ranges(
    merged: Mapping[str, Any], notebooks: Sequence[NotebookEntry], where: _Where, scenario: str
) -> None:
    """Relations between parameters, with each notebook's defaults filling what is not set."""
    for nb in notebooks:
        values = {k: v for k, v in nb.defaults().items() if k not in SET_BY_RUNNER}
        values.update({k: v for k, v in merged.items() if k in nb.declared})
        for name, message in schema.parameter_problems(nb.name, values):
            key = name.split("[")[0]
            path = ("scenarios", scenario, key) if key in merged else ("scenarios", scenario)
            origin = "" if key in merged else " (the notebook's default)"
            raise ConfigError(
                where(f"scenario {scenario}: parameter '{name}'{origin} {message}", *path)
                + f" (notebook {nb.name})"
            )


def canonical(values: Mapping[str, Any]) -> str:
    """A parameter set as canonical text (sorted keys), to compare parameter sets."""
    return json.dumps(values, sort_keys=True, default=repr)
