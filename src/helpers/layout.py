"""The names of the files and results sections every module shares, once.

A reports folder (``reports/<scenario>/``) holds ``results.json`` (one section per analysis,
keys and types in :mod:`helpers.results_schema`), ``tables/*.csv``, ``figures/*.png|svg`` and the
executed notebooks; ``reports/`` holds the runner's plan ``runs.json`` and the two READMEs the
README generator writes. Directories of the project itself are in :mod:`helpers.paths`.
"""

from __future__ import annotations

from helpers.words import LANGUAGES

RESULTS_FILE = "results.json"  # reports/<folder>/results.json: the key numbers, by section
RUNS_FILE = "runs.json"  # reports/runs.json: where every notebook's outputs are, per scenario
TABLES_DIR = "tables"  # reports/<folder>/tables/*.csv
FIGURES_DIR = "figures"  # reports/<folder>/figures/*.png and *.svg
README_FILE = "README.md"  # reports/README.md (and data/processed/README.md)
# the README generator's pages: README.md in English, README.<language>.md in each other language
README_FILES = {lang: README_FILE if lang == "en" else f"README.{lang}.md" for lang in LANGUAGES}
FLAGSHIP = "flagship"  # the figure the README shows: figures/flagship.png

# The sections of results.json, and the notebook that writes each.
TRAJECTORY = "trajectory"
TARGETS_GAP = "targets_gap"
WAITING_LIST = "waiting_list"
FINANCE = "finance"
SECTION_NOTEBOOK = {
    TRAJECTORY: "02_trajectory",
    TARGETS_GAP: "03_targets_gap",
    WAITING_LIST: "04_waiting_list",
    FINANCE: "05_finance",
}
SECTIONS = tuple(SECTION_NOTEBOOK)
