"""Errors that name what is wrong and where."""

from __future__ import annotations

from dataclasses import dataclass


class ParameterError(ValueError):
    """A notebook or command-line parameter is invalid."""

    def __init__(self, parameter: str, message: str, fix: str | None = None):
        self.parameter = parameter
        self.message = message
        self.fix = fix  # how to put it right, when it is not "give it another value"
        super().__init__(f"parameter '{parameter}' {message}")

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of the traceback: the parameter, the problem, the fix.

        A notebook's first cell stops on a bad parameter; its frames (pydantic, the schema) tell
        the reader nothing, so IPython, nbconvert and papermill show these lines only.
        """
        name = self.parameter.split("[")[0]
        fix = self.fix or (
            f"give {name} another value (papermill: -p {name} VALUE; the runner: "
            "scenarios.yaml); its type and range are declared in src/helpers/scenario_schema.py"
        )
        return [
            f"ParameterError: parameter '{self.parameter}' {self.message}",
            f"  parameter: {self.parameter}",
            f"  fix: {fix}",
        ]


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


class DataError(ValueError):
    """A figure in the data makes a computation impossible; names the register row behind it.

    Raised by notebooks and helpers when the cause is a row of data/raw/source_register.csv (for
    example a goal at or below the last observed value), so the runner's failure message points
    at the row to check rather than at the parameter that tripped over it.
    """

    def __init__(self, source_id: str, field: str, message: str):
        self.source_id = source_id
        self.field = field
        super().__init__(f"register row {source_id}, field {field}: {message}")


class ProjectBusy(RuntimeError):
    """Another process (the runner or the cleaning command) holds the project's write lock."""


class UnsafeTree(RuntimeError):
    """A part of the project tree that would be written is a symbolic link, the wrong kind of
    file, or not writable; nothing has been written."""


class ForeignTree(UnsafeTree):
    """The imported ``helpers`` belongs to another project tree than the one being run (a copied
    or moved clone whose .venv still points at the original); nothing has been written."""
