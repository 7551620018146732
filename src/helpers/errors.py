"""Errors that name what is wrong and where."""

from __future__ import annotations

from dataclasses import dataclass


class ParameterError(ValueError):
    """A notebook or command-line parameter is invalid."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"parameter '{parameter}' {message}")


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where it is and what is wrong."""

    file: str
    row: str  # the row id where there is one, else "line N"
    column: str  # the column name, or "-" for a whole-file or whole-row problem
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.line is not None and self.row != f"line {self.line}":
            where += f" (line {self.line})"
        return f"{self.file}: {where}, column {self.column}: {self.message}"


class InputError(ValueError):
    """One or more problems found in an input file; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the input; nothing was written:\n  " + "\n  ".join(lines)
        )
