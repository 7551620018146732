"""pytest plugin: print the bad-input suite's counts at the end of the session, also when the
tests run in several xdist workers (whose own output pytest does not show).

Enabled by ``pytest_plugins = ["support.bad_input_report"]`` in tests/conftest.py. The
bad-input modules (through support.bad_input) then append each outcome to a file named by
``BESCHUT_BAD_INPUT_COUNTS`` (set here, inherited by the workers), and this plugin prints the
totals in the terminal summary. Without the plugin each module prints its own counts.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

COUNTS_ENV = "BESCHUT_BAD_INPUT_COUNTS"


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # an xdist worker: the controller set the file
        return
    folder = tempfile.mkdtemp(prefix="beschut-bad-input-")
    config._bad_input_folder = folder  # type: ignore[attr-defined]
    os.environ[COUNTS_ENV] = str(Path(folder) / "outcomes.jsonl")


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    path = os.environ.get(COUNTS_ENV)
    if hasattr(config, "workerinput") or not path or not Path(path).exists():
        return
    kinds = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        kinds[record["kind"]] = record["outcome"]
    outcomes = Counter(kinds.values())
    terminalreporter.write_line(
        f"bad input: {len(kinds)} kinds tried, {outcomes['refused']} refused, "
        f"{outcomes['accepted']} accepted"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_bad_input_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(COUNTS_ENV, None)
