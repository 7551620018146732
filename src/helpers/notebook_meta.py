"""Make executed notebooks byte-stable before they are written to reports/.

papermill and nbclient record when and where a notebook ran: start and end times and durations
per cell and for the notebook, ``metadata.execution`` timestamps per cell, absolute input and
output paths, and a random id for the injected parameters cell. None of that says anything about
the analysis, and all of it changes on every run, so it is removed (or made repo-relative) here.
``execution_count`` is kept: nbval only compares cells that have one.
"""

from __future__ import annotations

import copy
import re

import nbformat

# Per-cell papermill keys that change on every run ("status" is kept: it says the cell ran).
CELL_PAPERMILL_DROP = ("start_time", "end_time", "duration", "exception")
# Notebook-level papermill keys that change on every run or name the machine.
NOTEBOOK_PAPERMILL_DROP = (
    "start_time",
    "end_time",
    "duration",
    "exception",
    "environment_variables",
)
# Notebook-level metadata that is about the editing session, not the analysis.
NOTEBOOK_METADATA_DROP = ("jupytext", "widgets", "toc-autonumbering")
INJECTED_TAG = "injected-parameters"
_CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")


def sanitize_notebook(
    nb: nbformat.NotebookNode, input_path: str | None = None, output_path: str | None = None
) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` without run-specific metadata.

    ``input_path`` and ``output_path`` (repo-relative, with '/') replace papermill's record of
    where the notebook was read from and written to; when not given, those keys are removed.
    """
    nb = copy.deepcopy(nb)
    meta = nb.metadata
    for key in NOTEBOOK_METADATA_DROP:
        meta.pop(key, None)
    pm = meta.get("papermill")
    if pm is not None:
        for key in NOTEBOOK_PAPERMILL_DROP:
            pm.pop(key, None)
        for key, value in (("input_path", input_path), ("output_path", output_path)):
            if value is None:
                pm.pop(key, None)
            else:
                pm[key] = value
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell_pm = cell.metadata.get("papermill")
        if cell_pm is not None:
            for key in CELL_PAPERMILL_DROP:
                cell_pm.pop(key, None)
            if not cell_pm:
                cell.metadata.pop("papermill")
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_TAG
        elif not _CELL_ID.match(str(cell.get("id", ""))) or cell.get("id") in seen:
            cell["id"] = f"cell-{index}"
        if cell["id"] in seen:  # an injected id colliding with a source cell id
            cell["id"] = f"cell-{index}"
        seen.add(cell["id"])
        for output in cell.get("outputs", []):
            output.pop("transient", None)
    return nb


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook the way nbformat writes it (sorted keys, final newline)."""
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


RUN_SPECIFIC_PATTERNS = (
    "start_time",
    "end_time",
    "duration",
    "iopub.execute_input",
    "shell.execute_reply",
)


def run_specific_keys(text: str) -> list[str]:
    """Return the run-specific metadata keys still present in serialised notebook ``text``."""
    return [key for key in RUN_SPECIFIC_PATTERNS if f'"{key}"' in text]


# Output text that differs between two runs of the same code: a reproducibility bug in the notebook.
UNSTABLE_OUTPUT = {
    "memory address (end plotting statements with ';')": re.compile(r" at 0x[0-9a-fA-F]{6,}"),
    "temporary kernel file path (a warning is shown: fix its cause)": re.compile(
        r"/tmp/ipykernel_\d+/"
    ),
    "time of day": re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}"),
}


def _output_texts(output: dict) -> list[str]:
    texts = []
    if "text" in output:
        texts.append(output["text"])
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            texts.append(value if isinstance(value, str) else "".join(value))
    if "traceback" in output:
        texts.extend(output["traceback"])
    return [t if isinstance(t, str) else "".join(t) for t in texts]


def unstable_outputs(nb: nbformat.NotebookNode, forbidden: tuple[str, ...] = ()) -> list[str]:
    """Describe cell outputs that will differ on the next run (addresses, temp paths, times).

    ``forbidden`` are further strings (e.g. absolute directories of this run) that must not occur.
    """
    problems = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            for text in _output_texts(output):
                found = [name for name, rx in UNSTABLE_OUTPUT.items() if rx.search(text)]
                found += [f"absolute path {s}" for s in forbidden if s and s in text]
                for name in found:
                    problems.append(f"cell {index} (In [{cell.get('execution_count')}]): {name}")
    return sorted(set(problems), key=problems.index)
