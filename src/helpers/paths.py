"""Every path the project uses, derived from one project root.

Relative paths in notebook parameters and on the command line are resolved against the project
root. Two environment variables let the runner and the tests redirect work without editing
notebooks:

- ``BESCHUT_PROJECT_ROOT``: the tree to read inputs from and to publish into (default: this
  repository).
- ``BESCHUT_WRITE_ROOT``: where outputs are written (default: the project root). The runner
  points it at a staging tree and moves complete outputs into place afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path

from helpers.errors import ParameterError

REPO_ROOT = Path(__file__).resolve().parents[2]

RAW_REGISTER = "data/raw/source_register.csv"
PROCESSED_DIR = "data/processed"
REPORTS_DIR = "reports"
NOTEBOOKS_DIR = "notebooks"
SCENARIOS_FILE = "scenarios.yaml"
ASSUMPTIONS_FILE = "ASSUMPTIONS.md"
KERNEL_NAME = "beschut-werk"


def project_root() -> Path:
    """The project tree that inputs are read from and outputs are published into."""
    return Path(os.environ.get("BESCHUT_PROJECT_ROOT") or REPO_ROOT).resolve()


def write_root() -> Path:
    """The tree that outputs are written into (a staging tree during a runner run)."""
    return Path(os.environ.get("BESCHUT_WRITE_ROOT") or project_root()).resolve()


def relative_to_project(value: str | os.PathLike, parameter: str) -> Path:
    """Return ``value`` as a path relative to the project root, refusing any path outside it."""
    if not isinstance(value, str | os.PathLike):
        raise ParameterError(parameter, f"must be a path given as text, got {value!r}")
    text = os.fspath(value)
    if not text.strip():
        raise ParameterError(parameter, "must be a path, got an empty string")
    path = Path(text)
    root = project_root()
    if path.is_absolute():
        resolved = path.resolve()
        for base in (root, write_root()):
            if resolved == base or base in resolved.parents:
                return resolved.relative_to(base)
        raise ParameterError(parameter, f"{text!r} is outside the project root {root}")
    if ".." in path.parts:
        raise ParameterError(parameter, f"{text!r} must not contain '..'")
    return path


def input_path(value: str | os.PathLike, parameter: str) -> Path:
    """Resolve a path that is read (under the project root)."""
    return project_root() / relative_to_project(value, parameter)


def output_path(value: str | os.PathLike, parameter: str) -> Path:
    """Resolve a path that is written (under the write root)."""
    return write_root() / relative_to_project(value, parameter)
