"""Every path the project uses, derived from one project root.

Relative paths in notebook parameters and on the command line are resolved against the project
root. Two environment variables let the runner and the tests redirect work without editing
notebooks:

- ``BESCHUT_PROJECT_ROOT``: the tree to read inputs from and to publish into (default: this
  repository).
- ``BESCHUT_WRITE_ROOT``: where outputs are written (default: the project root). The runner
  points it at a staging tree and moves complete outputs into place afterwards.

Outputs go only where outputs belong (:func:`output_path`, used by every entry point): the
processed tables, a scenario's reports folder, the cleaning report and the scratch folders the
README names. See ASSUMPTIONS.md#r12a.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from helpers.errors import ForeignTree, ParameterError
from helpers.layout import FIGURES_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]

RAW_REGISTER = "data/raw/source_register.csv"
PROCESSED_DIR = "data/processed"
REPORTS_DIR = "reports"
NOTEBOOKS_DIR = "notebooks"
SCENARIOS_FILE = "scenarios.yaml"
ASSUMPTIONS_FILE = "ASSUMPTIONS.md"
KERNEL_NAME = "beschut-werk"
CLEANING_REPORT = "cleaning"  # reports/cleaning: the executed notebooks of scope "once"
LOCK_FILE = ".runner.lock"
LOGS_DIR = "logs"
STAGING_DIR = ".staging"
# Files that mark the root of a project tree (tree_of).
TREE_MARKERS = ("pyproject.toml", SCENARIOS_FILE, "src/helpers/paths.py")

# reports/<name>: a scenario (same rule as scenario names) or a scratch folder (README: git
# ignores reports/scratch*/). Only a scratch folder may have subfolders.
REPORT_FOLDER = re.compile(r"[a-z0-9_]{1,64}")
SCRATCH_FOLDER = re.compile(r"scratch[A-Za-z0-9_.\-]{0,64}")
SAFE_PART = re.compile(r"[A-Za-z0-9_.\-]{1,128}")
# The area each input path parameter must lie in (a notebook parameter named *_dir or *_path
# that is not listed here must be inside the project; output parameters are output locations).
INPUT_AREAS = {"register_path": "data/raw", "processed_dir": PROCESSED_DIR}
OUTPUT_PARAMETERS = ("output_dir",)
OUTPUT_SUBFOLDERS = {"figures_dir": FIGURES_DIR}  # a folder of that name in an output location


def tree_of(start: Path) -> Path | None:
    """The project tree containing ``start`` (found by its markers), or None."""
    start = Path(start).absolute()
    for folder in (start, *start.parents):
        if all((folder / marker).is_file() for marker in TREE_MARKERS):
            return folder
    return None


def project_root() -> Path:
    """The project tree that inputs are read from and outputs are published into.

    ``BESCHUT_PROJECT_ROOT`` when set (the runner sets it for its kernels), else this package's
    tree. When the working directory lies in another project tree (a copied or moved clone
    whose .venv still imports the original's ``helpers``), that is refused with ForeignTree:
    the code would otherwise read and write the original tree.
    """
    given = os.environ.get("BESCHUT_PROJECT_ROOT")
    if given:
        return Path(given).resolve()
    try:
        here = tree_of(Path.cwd())
    except OSError:  # the working directory was removed
        here = None
    if here is not None and here.resolve() != REPO_ROOT:
        raise ForeignTree(
            f"this is the project tree {here.resolve()}, but the helpers package is imported from "
            f"{REPO_ROOT} (a copied or moved clone's .venv); run `make env` in {here.resolve()} "
            "to rebuild its .venv; nothing was written"
        )
    return REPO_ROOT


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
    if "\x00" in text or "\n" in text or "\r" in text:
        raise ParameterError(parameter, f"must not contain control characters, got {text!r}")
    path = Path(text)
    root = project_root()
    if path.is_absolute():
        bases = (root, write_root())
        resolved = path.resolve()
        if not any(resolved == base or base in resolved.parents for base in bases):
            raise ParameterError(parameter, f"{text!r} is outside the project root {root}")
        # As written (links not followed), so that output_path sees a link on the way.
        plain = Path(os.path.abspath(text))
        for candidate in (plain, resolved):
            for base in bases:
                if candidate == base or base in candidate.parents:
                    return candidate.relative_to(base)
    if ".." in path.parts:
        raise ParameterError(parameter, f"{text!r} must not contain '..'")
    return path


def input_path(value: str | os.PathLike, parameter: str) -> Path:
    """Resolve a path that is read (under the project root)."""
    return project_root() / relative_to_project(value, parameter)


def output_location(value: str | os.PathLike, parameter: str) -> PurePosixPath:
    """Check that a repo-relative path names an output location; return it.

    Output locations: ``data/processed``, ``reports/<name>`` (a scenario, ``cleaning`` or a
    scratch folder) and anything under ``reports/scratch*/``. Everything else (the root,
    data/raw, .git, src, notebooks, tests, ...) is refused. Checks the text only.
    """
    rel = PurePosixPath(Path(value).as_posix())
    parts = [p for p in rel.parts if p != "."]
    text = "/".join(parts) or "."
    allowed = (
        f"'{PROCESSED_DIR}', '{REPORTS_DIR}/<scenario>', '{REPORTS_DIR}/{CLEANING_REPORT}' or "
        f"a scratch folder '{REPORTS_DIR}/scratch*' (README.md, 'Exploring in JupyterLab')"
    )
    ok = parts == PROCESSED_DIR.split("/") or (
        len(parts) >= 2
        and parts[0] == REPORTS_DIR
        and (
            (len(parts) == 2 and REPORT_FOLDER.fullmatch(parts[1]) is not None)
            or (
                SCRATCH_FOLDER.fullmatch(parts[1]) is not None
                and all(SAFE_PART.fullmatch(p) and p != ".." for p in parts[2:])
            )
        )
    )
    if not ok:
        raise ParameterError(
            parameter, f"{text!r} is not an output location; outputs go only to {allowed}"
        )
    return PurePosixPath(*parts)


def refuse_symlinks(base: Path, rel: PurePosixPath | Path, parameter: str) -> Path:
    """``base / rel``, refusing it if any existing part below ``base`` is a symbolic link."""
    path = Path(base)
    for part in PurePosixPath(rel).parts:
        path = path / part
        if path.is_symlink():
            raise ParameterError(
                parameter,
                f"{path.relative_to(base).as_posix()!r} is a symbolic link; outputs are never "
                "written through a link (replace it with a real directory)",
            )
    return path


def output_path(value: str | os.PathLike, parameter: str) -> Path:
    """Resolve a path that is written (under the write root), refusing non-output locations.

    The one function every entry point (runner, cleaning command, each notebook) uses for an
    output parameter. Refuses, before anything is written: paths outside the project, paths that
    are not an output location (:func:`output_location`), paths through a symbolic link, and,
    when writing straight into the project (not a staging tree), a project whose write lock is
    held by another process (the runner or the cleaning command).
    """
    rel = output_location(relative_to_project(value, parameter), parameter)
    base = write_root()
    target = refuse_symlinks(base, rel, parameter)
    from helpers.outputs import links_inside

    inside = links_inside(target) if target.is_dir() else []
    if inside:
        raise ParameterError(
            parameter,
            f"{inside[0].relative_to(base).as_posix()!r} is a symbolic link inside the output "
            "folder; outputs are never written through a link (replace it with a real directory "
            "or file)",
        )
    if base == project_root():
        from helpers.outputs import check_unlocked

        check_unlocked(base)
    return target


def check_path_parameter(name: str, value: str | os.PathLike) -> PurePosixPath:
    """Check a path parameter before any work: inside the project and in its area.

    ``register_path`` must be under data/raw, ``processed_dir`` under data/processed,
    ``output_dir`` an output location (:func:`output_location`), ``figures_dir`` a ``figures``
    folder in one; any other ``*_dir``/``*_path`` inside the project. Returns the repo-relative
    path; raises ParameterError naming it.
    """
    rel = PurePosixPath(relative_to_project(value, name).as_posix())
    if name in OUTPUT_PARAMETERS:
        return output_location(rel, name)
    if name in OUTPUT_SUBFOLDERS:
        if rel.name != OUTPUT_SUBFOLDERS[name]:
            raise ParameterError(name, f"must be a folder named {OUTPUT_SUBFOLDERS[name]}")
        return output_location(rel.parent, name) / rel.name
    area = INPUT_AREAS.get(name)
    parts = [p for p in rel.parts if p != "."]
    if area is not None and parts[: len(area.split("/"))] != area.split("/"):
        raise ParameterError(name, f"{os.fspath(value)!r} is not under {area}/ (read from there)")
    return PurePosixPath(*parts) if parts else PurePosixPath(".")
