"""The project's paths for tests, defined once."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
NOTEBOOKS = REPO / "notebooks"
RAW_REGISTER = REPO / "data" / "raw" / "source_register.csv"
PROCESSED = REPO / "data" / "processed"
REPORTS = REPO / "reports"
SCENARIOS_FILE = REPO / "scenarios.yaml"
HELPERS = REPO / "src" / "helpers"
TESTS = REPO / "tests"
