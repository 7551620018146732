"""The shape of src/helpers: dependencies that point one way, and short functions and modules.

Shared modules (everything directly under src/helpers but the analysis packages and the entry
points that run analyses) import no analysis package; the analyses import the shared modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support.paths import HELPERS, TESTS

ANALYSES = ("trajectory", "targets", "waiting", "finance")
# Entry points that run analyses, not modules the analyses build on.
ANALYSIS_RUNNERS = {
    "explorer.py": "the interactive explorer draws the trajectory analysis",
    "bench.py": "the benchmark times the trajectory simulation",
}


def _shared_modules() -> list[Path]:
    return [
        path
        for path in sorted(HELPERS.rglob("*.py"))
        if path.relative_to(HELPERS).parts[0] not in ANALYSES
        and path.relative_to(HELPERS).as_posix() not in ANALYSIS_RUNNERS
    ]


def _imported_helpers(path: Path) -> set[str]:
    """Every helpers module or package ``path`` imports, at any depth of its code."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name.split(".")[0] == "helpers"}


def test_shared_modules_import_no_analysis():
    offenders = {
        path.relative_to(HELPERS).as_posix(): sorted(
            name
            for name in _imported_helpers(path)
            if name.split(".")[1:2] in [[a] for a in ANALYSES]
        )
        for path in _shared_modules()
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_analyses_import_no_other_analysis():
    """What two analyses share lives in a shared module (helpers.taakstelling, helpers.pace)."""
    offenders = {}
    for analysis in ANALYSES:
        for path in sorted((HELPERS / analysis).rglob("*.py")):
            others = sorted(
                name
                for name in _imported_helpers(path)
                if name.split(".")[1:2] in [[a] for a in ANALYSES if a != analysis]
            )
            if others:
                offenders[path.relative_to(HELPERS).as_posix()] = others
    assert offenders == {}


def test_the_shared_modules_are_found():
    """The walk sees the modules it is meant to check (a moved tree would make the test empty)."""
    found = {path.relative_to(HELPERS).as_posix() for path in _shared_modules()}
    assert {"plotting.py", "periods.py", "scenario_schema.py", "runner/execution.py"} <= found
    assert not any(name.startswith(ANALYSES) for name in found)


MAX_FUNCTION_LINES = 100
MAX_MODULE_LINES = 700


def _too_long(path: Path) -> list[str]:
    """A module over MAX_MODULE_LINES and every function over MAX_FUNCTION_LINES in it."""
    source = path.read_text(encoding="utf-8")
    found = []
    if len(source.splitlines()) > MAX_MODULE_LINES:
        found.append(f"module: {len(source.splitlines())} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines = node.end_lineno - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                found.append(f"{node.name} (line {node.lineno}): {lines} lines")
    return found


def test_no_long_functions_or_modules():
    """No function under src/helpers over 100 lines, no module over 700: one job each."""
    offenders = {
        relative: found
        for path in sorted(HELPERS.rglob("*.py"))
        if (found := _too_long(path)) and (relative := path.relative_to(HELPERS).as_posix())
    }
    assert offenders == {}


def test_test_modules_share_code_only_through_tests_support():
    """No test module imports another test module or conftest (conftest holds fixtures, which
    pytest injects by name), and no test computes the project's paths: tests/support has them."""
    offenders = {}
    for path in sorted(TESTS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        found = sorted(
            name for name in _imported_modules(tree) if name.startswith(("test_", "conftest"))
        )
        if any(isinstance(node, ast.Name) and node.id == "__file__" for node in ast.walk(tree)):
            found.append("computes paths from __file__ (use support.paths)")
        if found:
            offenders[path.name] = found
    assert offenders == {}


def _imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names
