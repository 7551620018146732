"""Notebook metadata and outputs: what is stored, and what is stripped.

Executed notebooks (reports/): papermill and nbclient record when and where a notebook ran: start
and end times and durations per cell and for the notebook, ``metadata.execution`` timestamps per
cell, absolute input and output paths, and a random id for the injected parameters cell. None of
that says anything about the analysis, and all of it changes on every run, so
:func:`sanitize_notebook` removes it (nbstripout's key stripping, keeping outputs and execution
counts: nbval only compares cells that have one) and makes the rest stable (repo-relative paths,
fixed ids), which nbstripout cannot do.

Source notebooks (notebooks/*.ipynb, tracked, paired with a py:percent twin) are stored without
outputs: :func:`pre_save_hook` strips them with nbstripout whenever a Jupyter server saves one
(jupyter_server_config.py at the repository root installs it for `make lab`).
"""

from __future__ import annotations

import copy
import re

import nbformat
import nbstripout

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
RUN_SPECIFIC_KEYS = (
    [f"metadata.{key}" for key in NOTEBOOK_METADATA_DROP]
    + [f"metadata.papermill.{key}" for key in NOTEBOOK_PAPERMILL_DROP]
    + ["cell.metadata.execution", "metadata.language_info.version"]
    + [f"cell.metadata.papermill.{key}" for key in CELL_PAPERMILL_DROP]
)
# What a save from JupyterLab strips besides outputs and counts: nbstripout's default extra keys,
# and the kernel's language_info (the stored notebooks carry only kernelspec and jupytext).
EDITING_SESSION_KEYS = (
    "metadata.signature",
    "metadata.widgets",
    "metadata.language_info",
    "cell.metadata.collapsed",
    "cell.metadata.ExecuteTime",
    "cell.metadata.execution",
    "cell.metadata.heading_collapsed",
    "cell.metadata.hidden",
    "cell.metadata.scrolled",
)
SOURCE_NOTEBOOKS = "notebooks"
INJECTED_TAG = "injected-parameters"
_CELL_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")


def sanitize_notebook(
    nb: nbformat.NotebookNode, input_path: str | None = None, output_path: str | None = None
) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` without run-specific metadata.

    ``input_path`` and ``output_path`` (repo-relative, with '/') replace papermill's record of
    where the notebook was read from and written to; when not given, those keys are removed.
    """
    nb = nbstripout.strip_output(
        copy.deepcopy(nb),
        keep_output=True,
        keep_count=True,
        keep_id=True,
        extra_keys=RUN_SPECIFIC_KEYS,
    )
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for key, value in (("input_path", input_path), ("output_path", output_path)):
            if value is None:
                pm.pop(key, None)
            else:
                pm[key] = value
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("papermill") == {}:
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


def strip_for_storage(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A source notebook as it is stored: no outputs, no execution counts, no session metadata
    (cell ids are kept, so the stored file changes only where the notebook did)."""
    return nbstripout.strip_output(
        nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=EDITING_SESSION_KEYS
    )


def pre_save_hook(model: dict, path: str, contents_manager=None, **kwargs) -> None:
    """Jupyter server pre-save hook: a notebook saved under notebooks/ is stored stripped (the
    open notebook keeps its outputs in the browser); any save into a generated folder (reports/,
    data/processed) is refused with 403, wherever the path's ``..``, slashes or links lead (see
    helpers.jupyter_contents, which also guards rename, delete and checkpoints)."""
    from tornado.web import HTTPError

    from helpers import jupyter_contents, paths

    root = getattr(contents_manager, "root_dir", None) or paths.project_root()
    refused = jupyter_contents.refusal(root, path, "saved")
    if refused is not None:
        raise refused
    if model.get("type") != "notebook":
        return
    relative, _ = jupyter_contents.real_location(root, path)
    if relative is not None and relative.parts[:1] == (SOURCE_NOTEBOOKS,):
        try:
            model["content"] = strip_for_storage(nbformat.from_dict(model["content"]))
        except Exception as error:  # never store outputs because stripping failed
            raise HTTPError(
                400, f"{path}: not a notebook, outputs not stripped: {error}"
            ) from error


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """Serialise a notebook the way nbformat writes it (sorted keys, final newline)."""
    text = nbformat.writes(nb, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


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
