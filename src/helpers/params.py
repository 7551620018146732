"""Checks for notebook and command-line parameters; each failure names the parameter."""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping, Sequence

from helpers.errors import ParameterError
from helpers.paths import input_path, output_path
from helpers.scenario_schema import check_notebook_parameters


def check_int(
    name: str, value: object, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as an int, refusing non-integers and values outside [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ParameterError(name, f"must be a whole number, got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ParameterError(name, f"must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ParameterError(name, f"must be at most {maximum}, got {value}")
    return value


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    options = list(choices)
    if value not in options:
        raise ParameterError(name, f"must be one of {options}, got {value!r}")
    return str(value)


def check_int_list(
    name: str, value: object, minimum: int | None = None, *, allow_empty: bool = False
) -> list[int]:
    """Return a list of whole numbers (a YAML list or a comma-separated string)."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.strip("[] ").split(",") if p.strip()]
        try:
            value = [int(p) for p in parts]
        except ValueError as error:
            raise ParameterError(name, f"must be a list of whole numbers, got {value!r}") from error
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ParameterError(name, f"must be a list of whole numbers, got {value!r}")
    items = [check_int(f"{name}[{i}]", v, minimum) for i, v in enumerate(value)]
    if not items and not allow_empty:
        raise ParameterError(name, "must not be empty")
    if len(set(items)) != len(items):
        raise ParameterError(name, f"must not repeat a value, got {items}")
    return items


def notebook_parameters(notebook: str, values: Mapping[str, object]) -> dict[str, object]:
    """A notebook's parameters checked against helpers.scenario_schema (types and ranges), with
    ``processed`` (the input folder) and ``out`` (the output location) resolved."""
    checked = check_notebook_parameters(notebook, values)
    return {
        **checked,
        "processed": input_path(checked["processed_dir"], "processed_dir"),
        "out": output_path(checked["output_dir"], "output_dir"),
    }
