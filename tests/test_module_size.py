"""The README generator, the change summary and the text modules stay small enough to read:
no module over 700 lines, no function over 100 (issue 19)."""

from __future__ import annotations

import ast

import pytest
from conftest import REPO

MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 100
CHECKED = sorted(
    [
        *(REPO / "src" / "helpers" / "report_index").glob("*.py"),
        *(REPO / "src" / "helpers" / "changes").glob("*.py"),
        *(
            REPO / "src" / "helpers" / name
            for name in (
                "layout.py",
                "markup.py",
                "numbers.py",
                "outputs.py",
                "paths.py",
                "presentation.py",
                "results_schema.py",
            )
        ),
    ]
)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(REPO)))
def test_module_and_function_length(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{node.name} has {length} lines"
