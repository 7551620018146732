"""Checks for notebook parameters; each failure names the parameter.

Types, ranges, choices and defaults are declared once, in the pydantic models of
:mod:`helpers.scenario_schema`; this module adds what needs the file system (paths resolved
through :mod:`helpers.paths`) and the reading of a list that papermill's ``-p`` passes as text.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence

from helpers.errors import ParameterError
from helpers.paths import input_path, output_path
from helpers.scenario_schema import check_notebook_parameters


def check_int_list(
    name: str, value: object, minimum: int | None = None, *, allow_empty: bool = False
) -> list[int]:
    """Return a list of whole numbers (a YAML list, or the text papermill's ``-p`` makes of one).

    Used by helpers.trajectory.validation for ``goals``; once the trajectory model reads such
    text itself, this goes too.
    """
    if isinstance(value, str):
        parts = [p.strip() for p in value.strip("[] ").split(",") if p.strip()]
        try:
            value = [int(p) for p in parts]
        except ValueError as error:
            raise ParameterError(name, f"must be a list of whole numbers, got {value!r}") from error
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise ParameterError(name, f"must be a list of whole numbers, got {value!r}")
    items = [_whole_number(f"{name}[{i}]", v, minimum) for i, v in enumerate(value)]
    if not items and not allow_empty:
        raise ParameterError(name, "must not be empty")
    if len(set(items)) != len(items):
        raise ParameterError(name, f"must not repeat a value, got {items}")
    return items


def _whole_number(name: str, value: object, minimum: int | None) -> int:
    """``value`` as an int (a float with no fraction passes), at least ``minimum``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(name, f"must be a whole number, got {value!r}")
    if minimum is not None and value < minimum:
        raise ParameterError(name, f"must be at least {minimum}, got {value}")
    return int(value)


def notebook_parameters(notebook: str, values: Mapping[str, object]) -> dict[str, object]:
    """A notebook's parameters checked against helpers.scenario_schema (types and ranges), with
    ``processed`` (the input folder) and ``out`` (the output location) resolved."""
    checked = check_notebook_parameters(notebook, values)
    return {
        **checked,
        "processed": input_path(checked["processed_dir"], "processed_dir"),
        "out": output_path(checked["output_dir"], "output_dir"),
    }
