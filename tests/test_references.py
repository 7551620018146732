"""Nothing references a repository file that does not exist (issue 19): the Markdown files, the
code under src/ and the notebooks' sources name only files and folders the repository has."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import REPO

# What is scanned: every tracked Markdown file outside reports/ (generated pages are checked by
# the tests of their generator), the code under src/ and the notebooks' jupytext sources.
SCANNED = ("*.md", "src/**/*.py", "notebooks/*.py")
GENERATED_PAGES = "reports/"

UPPER_MD = re.compile(r"\b[A-Z][A-Z_]+\.md\b")  # ASSUMPTIONS.md, CONTRIBUTING.md, ...
REPO_PATH = re.compile(
    r"(?<![\w./-])(?:data|reports|src|notebooks|tests|docs)/[A-Za-z0-9_./*<>{}\-]*[A-Za-z0-9_*>}/]"
)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")

# Allowed on purpose, each with its reason.
PLACEHOLDER = re.compile(r"[<>{}*]|NN_name|\bFILE\.md$")  # a pattern (reports/<scenario>,
# notebooks/*.py, an f-string's {folder}, CONTRIBUTING's NN_name and FILE.md), not a file name
NOT_YET_THERE = {
    "reports/scratch": "a scratch folder a reader makes (README; git ignores reports/scratch*/)",
    "reports/scratch_explorer": "the output folder helpers.explorer checks and never writes",
}


def repository() -> tuple[set[str], set[str], set[str]]:
    """Tracked files, their folders (and the folders above) and their base names."""
    done = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=True
    )
    files = {f for f in done.stdout.decode().split("\0") if f}
    folders = set()
    for name in files:
        folder = os.path.dirname(name)
        while folder:
            folders.add(folder)
            folder = os.path.dirname(folder)
    return files, folders, {os.path.basename(f) for f in files}


FILES, FOLDERS, NAMES = repository()


def exists(path: str) -> bool:
    """A tracked file or folder, or a notebook named without its extension (a jupytext pair)."""
    path = os.path.normpath(path.rstrip("/"))
    return (
        path in FILES
        or path in FOLDERS
        or any(path + ending in FILES for ending in (".py", ".ipynb"))
    )


def missing_references(name: str, text: str) -> list[str]:
    """The references in ``text`` (of the file ``name``) to repository files that do not exist."""
    found = []
    for match in UPPER_MD.finditer(text):
        if match.group() not in NAMES and not PLACEHOLDER.search(match.group()):
            found.append(match.group())
    for match in REPO_PATH.finditer(text):
        path = match.group().rstrip("/.")
        if PLACEHOLDER.search(path) or path in NOT_YET_THERE or exists(path):
            continue
        found.append(path)
    if name.endswith(".md"):
        for match in MARKDOWN_LINK.finditer(text):
            target = match.group(1).split("#", 1)[0]
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # an anchor on the same page, or a web address
            if not exists(os.path.join(os.path.dirname(name), target)):
                found.append(target)
    return list(dict.fromkeys(found))


# What is scanned: every tracked Markdown file outside reports/ (generated pages are checked by
# the tests of their generator), the code under src/ and the notebooks' jupytext sources.
SOURCES = sorted(
    name
    for name in FILES
    if (name.endswith(".md") and not name.startswith("reports/"))
    or (name.endswith(".py") and name.startswith(("src/", "notebooks/")))
)


@pytest.mark.parametrize("name", SOURCES)
def test_every_referenced_repository_file_exists(name):
    text = (REPO / name).read_text(encoding="utf-8")
    assert missing_references(name, text) == []


def test_the_scan_finds_what_it_should():
    """A reference to a file that does not exist is found; existing ones and placeholders not."""
    text = (
        "See CONTRACT.md, ASSUMPTIONS.md, src/helpers/targets.py, src/helpers/layout.py, "
        "notebooks/02_trajectory, reports/<scenario>/results.json, data/raw/gone.csv and "
        "[the guide](CONTRIBUTING.md#setup) [gone](docs/missing.md) [web](https://example.org)."
    )
    assert missing_references("NOTES.md", text) == [
        "CONTRACT.md",
        "src/helpers/targets.py",
        "data/raw/gone.csv",
        "docs/missing.md",
    ]
    assert len(SOURCES) > 50
