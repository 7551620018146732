"""The schema of scenarios.yaml and of every notebook parameter, checked before any work.

Two layers, both refusing with the file, the scenario, the key and the line:

- :func:`load_yaml` reads YAML with a loader that refuses duplicate keys, anchors, aliases and
  merge keys (so a repeated ``scenarios:`` cannot silently replace the real ones, and an alias
  bomb is refused at its first alias instead of expanding), and files over 1 MB.
- :class:`ScenarioFile` types the file's structure, and one pydantic model per notebook
  (:data:`NOTEBOOK_MODELS`) declares the type and range of each parameter, once. The runner
  checks every scenario's parameters with them before the cleaning step runs; each notebook
  checks its own values again with :func:`check_notebook_parameters`.

To add a notebook parameter: add a field to the notebook's model below (type, range, one-line
comment); a parameter a notebook declares but its model does not describe stops the runner.
Checks that need the data (fit_end not after the last observation, a goal above the last observed
value) stay in the notebooks' own validation. See ASSUMPTIONS.md#r12c.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from helpers.errors import ParameterError

MAX_FILE_BYTES = 1_000_000
SCENARIO_NAME = re.compile(r"[a-z0-9_]{1,64}")  # fullmatch: no '/', '..', newline or capital
NOTEBOOK_NAME = re.compile(r"[0-9]{2}_[a-z0-9_]{1,60}")
ONCE, PER_SCENARIO = "once", "per scenario"
DESCRIPTION = "description"  # a scenario's one-line description; not a notebook parameter
SET_BY_RUNNER = ("output_dir",)
# reports/<name> that are not scenarios: the cleaning report, the index files, and names the
# project uses for other folders or files (a scenario of that name would be confused with them).
RESERVED_SCENARIOS = {
    "cleaning": "the cleaning report",
    **dict.fromkeys(("runs", "runs_json", "readme", "readme_md", "index"), "the reports' index"),
    **dict.fromkeys(("logs", "staging"), "the runner's own folders"),
    **dict.fromkeys(("figures", "tables"), "a report's subfolders"),
    **dict.fromkeys(
        ("data", "processed", "raw", "notebooks", "reports", "src", "tests"), "project folders"
    ),
}
# Characters refused in one-line text such as a scenario description: every control character
# (C0, DEL, C1: CR, ESC, backspace, ...) and the Unicode line and paragraph separators.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]")


class ConfigError(ValueError):
    """The scenario file or the command line is invalid; the message names file, key and line."""


class _Refused(yaml.MarkedYAMLError):
    """A YAML construct the scenario file does not allow."""


# ----------------------------------------------------------------------------------------------
# YAML without duplicates, anchors or aliases


class StrictLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader, refusing duplicate keys, anchors, aliases and merge keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                problem=f"an alias (*{event.anchor}) is not allowed: write the value out",
                problem_mark=event.start_mark,
            )
        if getattr(event, "anchor", None) is not None:
            raise _Refused(
                problem=f"an anchor (&{event.anchor}) is not allowed: write each value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    problem="a merge key (<<) is not allowed", problem_mark=key_node.start_mark
                )
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise _Refused(
                    problem=f"a key must be plain text, got {key!r}",
                    problem_mark=key_node.start_mark,
                ) from None
            if first is not None:
                raise _Refused(
                    problem=f"duplicate key {key!r} (first given on line {first}); a repeated key "
                    "would silently replace the first",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _node_lines(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, int]]:
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            yield (*path, key), key_node.start_mark.line + 1
            yield from _node_lines(value_node, (*path, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _node_lines(item, (*path, i))


def load_yaml(text: str, source: str) -> tuple[Any, dict[tuple, int]]:
    """Parse ``text``; return the data and the line of every key path (for error messages)."""
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_FILE_BYTES:
        raise ConfigError(
            f"{source}: {size:,} bytes; a scenario file is at most {MAX_FILE_BYTES:,}"
        )
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = error.problem or str(error)
        raise ConfigError(f"{source}{line}: {problem}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML: {error}") from None
    finally:
        loader.dispose()
    lines = dict(_node_lines(node)) if node is not None else {}
    return data, lines


# ----------------------------------------------------------------------------------------------
# The file's structure


def _empty_is_mapping(value: Any) -> Any:
    return {} if value is None else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class NotebookSpec(_Strict):
    """One entry of ``notebooks:``."""

    name: str
    scope: Literal["once", "per scenario"]
    parameters: dict[str, Any] = {}

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NOTEBOOK_NAME.fullmatch(value):
            raise ValueError(f"must match {NOTEBOOK_NAME.pattern} (e.g. 02_trajectory)")
        return value

    _parameters = field_validator("parameters", mode="before")(_empty_is_mapping)


class ScenarioFile(_Strict):
    """scenarios.yaml: the notebooks in order, the default parameters and the scenarios."""

    notebooks: Annotated[list[NotebookSpec], Field(min_length=1)]
    defaults: dict[str, Any] = {}
    scenarios: Annotated[dict[str, dict[str, Any]], Field(min_length=1)]
    cell_timeout: Annotated[int, Field(ge=1, le=86_400)] = 600  # seconds a cell may run

    _defaults = field_validator("defaults", mode="before")(_empty_is_mapping)

    @field_validator("scenarios", mode="before")
    @classmethod
    def _scenarios(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _empty_is_mapping(v) for k, v in value.items()}
        return value


def check_scenario_name(name: Any, where: str = "scenario") -> str:
    """Refuse scenario names that are not plain lower-case identifiers (no '/', '..', newline)."""
    if not isinstance(name, str) or not SCENARIO_NAME.fullmatch(name):
        raise ConfigError(
            f"{where}: scenario name {name!r} must be 1 to 64 lower-case letters, digits or _"
        )
    reason = RESERVED_SCENARIOS.get(name)
    if reason is None and name.startswith("scratch"):
        reason = "scratch folders (git ignores reports/scratch*/)"
    if reason is not None:
        raise ConfigError(f"{where}: scenario name {name!r} is reserved for {reason}")
    return name


def control_character(text: str) -> str | None:
    """The first control character or line/paragraph separator in ``text``, as ``U+XXXX``."""
    match = CONTROL_CHARACTERS.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def describe_error(error: Mapping[str, Any]) -> str:
    """One pydantic error as words: the message and the value given."""
    message = str(error["msg"])
    if error.get("type") not in ("missing", "extra_forbidden") and "input" in error:
        given = error["input"]
        shown = repr(given) if len(repr(given)) <= 80 else repr(given)[:77] + "..."
        message += f", got {shown}"
    return message.replace("Input should be", "should be")


def structure_problems(data: Any, source: str, lines: Mapping[tuple, int]) -> ScenarioFile:
    """Validate the file's structure; a ConfigError lists every problem with its line."""
    if not isinstance(data, dict):
        raise ConfigError(
            f"{source}: must be a mapping with keys {list(ScenarioFile.model_fields)}"
        )
    try:
        return ScenarioFile.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = tuple(item["loc"])
            line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), None)
            where = ".".join(str(p) for p in loc) or "(top level)"
            at = f", line {line}" if line else ""
            problems.append(f"{source}{at}: {where}: {describe_error(item)}")
        raise ConfigError("\n".join(problems)) from None


# ----------------------------------------------------------------------------------------------
# Notebook parameters: type and range, declared once


class _Unset:
    """A parameter not given (the notebook's default applies)."""

    def __repr__(self) -> str:
        return "<not given>"


UNSET: Any = _Unset()
Year = Annotated[int, Field(ge=1990, le=2100)]
Language = Literal["en", "nl"]
PathText = Annotated[str, Field(min_length=1, max_length=500)]  # checked by helpers.paths


class NotebookParameters(BaseModel):
    """Base of the per-notebook models: every field optional (UNSET = the notebook's default)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def relations(self) -> list[tuple[str, str]]:
        """Problems between two parameters, as (parameter, message); none by default."""
        return []

    def given(self, name: str) -> bool:
        return getattr(self, name) is not UNSET


class CleanParameters(NotebookParameters):
    """notebooks/01_clean."""

    register_path: PathText = UNSET  # the raw register (read only)
    output_dir: PathText = UNSET  # where the processed tables go (data/processed)
    figures_dir: PathText = UNSET  # where the cleaning figures go (reports/cleaning/figures)


class TrajectoryParameters(NotebookParameters):
    """notebooks/02_trajectory: the one declaration of its parameters' names, types, ranges and
    defaults (the notebook's parameters cell repeats the defaults; a test keeps them equal).

    When two parameters contradict each other, the error names the one changed from its default
    (the one the user set); if both or neither were changed, the one that depends on the other
    (nowcast_year on fit_start and horizon, fit_end on fit_start, horizon on fit_end).
    """

    fit_start: Year = 2015  # first year of observations used in the fits
    fit_end: Year | None = None  # last year used; None: the last year with an observation
    goals: Annotated[list[Annotated[int, Field(ge=1, le=1_000_000)]], Field(min_length=1)] = [
        30000,
        50000,
    ]  # goal levels (people), each above the last observation
    horizon: Annotated[int, Field(ge=2048, le=2200)] = 2060  # last simulated year
    interval: Annotated[float, Field(gt=0, lt=1)] = 0.8  # central probability of intervals
    n_paths: Annotated[int, Field(ge=100, le=100_000)] = 10000  # simulated paths per model
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 20150101  # random number generator seed
    # prior scale of how much the yearly pace may drift, people per year per year (F1)
    pace_drift_prior: Annotated[float, Field(ge=10, le=2000)] = 200.0
    nowcast_year: Year = 2026  # the year-end the nowcast estimates
    language: Language = "en"  # language of the report: text, tables and figures
    processed_dir: PathText = "data/processed"  # where series.csv is read
    output_dir: PathText = "reports/baseline"  # where tables/, figures/, results.json go

    def changed(self, name: str) -> bool:
        """Whether parameter ``name`` differs from its default."""
        return getattr(self, name) != type(self).model_fields[name].default

    def culprit(self, first: str, second: str) -> str:
        """Of two contradicting parameters, the one to name: the one changed from its default."""
        return second if self.changed(second) and not self.changed(first) else first

    def _order(self, earlier: str, later: str, dependent: str) -> tuple[str, str] | None:
        """A problem unless ``earlier`` is not after ``later`` (before it, when ``later`` is
        horizon: the simulation starts after the fit); ``dependent`` is named if both or neither
        were changed."""
        low, high = getattr(self, earlier), getattr(self, later)
        strict = later == "horizon" and earlier == "fit_end"
        if (low < high) if strict else (low <= high):
            return None
        other = later if dependent == earlier else earlier
        if self.culprit(dependent, other) == earlier:
            word = "must be before" if strict else "must not be after"
            return earlier, f"({low}) {word} {later} ({high})"
        word = "must be after" if strict else "must not be before"
        return later, f"({high}) {word} {earlier} ({low})"

    def relations(self) -> list[tuple[str, str]]:
        pairs = [("fit_start", "nowcast_year"), ("nowcast_year", "horizon")]
        if self.fit_end is not None:
            pairs = [("fit_start", "fit_end"), ("fit_end", "horizon"), *pairs]
        problems = [
            self._order(a, b, "nowcast_year" if "nowcast_year" in (a, b) else b) for a, b in pairs
        ]
        if len(set(self.goals)) != len(self.goals):
            problems.append(("goals", f"must not repeat a value, got {self.goals}"))
        return [p for p in problems if p is not None]


class TargetsGapParameters(NotebookParameters):
    """notebooks/03_targets_gap."""

    processed_dir: PathText = UNSET
    output_dir: PathText = UNSET
    language: Language = UNSET
    target_interpolation: Literal["linear", "previous"] = UNSET  # years without a target (P1)


class WaitingListParameters(NotebookParameters):
    """notebooks/04_waiting_list."""

    processed_dir: PathText = UNSET
    output_dir: PathText = UNSET
    language: Language = UNSET
    matching_rule: Literal["same_date", "interpolate"] = UNSET  # working at an advice date (P4)
    max_interpolation_days: Annotated[int, Field(ge=1, le=3660)] = UNSET  # (P4)


class FinanceParameters(NotebookParameters):
    """notebooks/05_finance (every amount is read from its register row, not a parameter)."""

    processed_dir: PathText = UNSET
    output_dir: PathText = UNSET
    language: Language = UNSET


NOTEBOOK_MODELS: dict[str, type[NotebookParameters]] = {
    "01_clean": CleanParameters,
    "02_trajectory": TrajectoryParameters,
    "03_targets_gap": TargetsGapParameters,
    "04_waiting_list": WaitingListParameters,
    "05_finance": FinanceParameters,
}


def parameter_problems(notebook: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every problem with ``values`` (a subset of the notebook's parameters) as (name, message).

    A notebook without a model has no problems here (the runner then compares types with the
    notebook's defaults).
    """
    model = NOTEBOOK_MODELS.get(notebook)
    if model is None:
        return []
    try:
        checked = model.model_validate(dict(values))
    except ValidationError as error:
        problems = []
        for item in error.errors():
            loc = [str(p) for p in item["loc"]]
            name = loc[0] if loc else "?"
            suffix = "".join(f"[{p}]" for p in loc[1:])
            if item["type"] == "extra_forbidden":
                message = (
                    f"is not described in src/helpers/scenario_schema.py "
                    f"({model.__name__}); add its type and range there"
                )
            else:
                message = describe_error(item)
            problems.append((name + suffix, message))
        return problems
    return checked.relations()


def undescribed(notebook: str, declared: Mapping[str, Any]) -> list[str]:
    """Parameters a notebook declares that its model does not describe (empty: no model)."""
    model = NOTEBOOK_MODELS.get(notebook)
    return [] if model is None else sorted(set(declared) - set(model.model_fields))


def check_notebook_parameters(notebook: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a notebook's parameter values against its model; return them as a dict.

    For the notebooks' first cell: ``check_notebook_parameters("02_trajectory", globals())``
    takes every parameter the model describes from ``values`` (other names are ignored) and
    raises :class:`helpers.errors.ParameterError` naming the first bad or missing one.
    """
    model = NOTEBOOK_MODELS.get(notebook)
    if model is None:
        raise ParameterError("notebook", f"{notebook!r} has no parameter model")
    missing = [name for name in model.model_fields if name not in values]
    if missing:
        raise ParameterError(missing[0], f"is missing (notebook {notebook})")
    chosen = {name: values[name] for name in model.model_fields}
    problems = parameter_problems(notebook, chosen)
    if problems:
        name, message = problems[0]
        raise ParameterError(name, message)
    return chosen


# Names IPython itself puts in a notebook's namespace.
_IPYTHON_NAMES = frozenset({"In", "Out", "exit", "quit", "get_ipython", "open"})
_PARAMETER_TYPES = (bool, int, float, str, list, tuple, dict, type(None))


def refuse_unknown_parameters(notebook: str, namespace: Mapping[str, Any]) -> None:
    """Raise :class:`ParameterError` naming a plain value in ``namespace`` (a notebook's
    ``globals()`` right after its parameters) that the notebook's model does not declare: papermill
    only warns "Passed unknown parameter" and runs on the defaults, so a misspelt ``-p`` stops
    here instead."""
    model = NOTEBOOK_MODELS.get(notebook)
    if model is None:
        raise ParameterError("notebook", f"{notebook!r} has no parameter model")
    unknown = sorted(
        name
        for name, value in namespace.items()
        if not name.startswith("_")
        and name not in _IPYTHON_NAMES
        and name not in model.model_fields
        and isinstance(value, _PARAMETER_TYPES)
    )
    if unknown:
        known = ", ".join(model.model_fields)
        raise ParameterError(
            unknown[0], f"is not a parameter of {notebook} (its parameters: {known})"
        )
