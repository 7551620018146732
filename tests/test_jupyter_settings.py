"""The Jupyter settings `make env` installs into .venv: kernels reload changed helpers modules,
JupyterLab's news feed is off, the server uses the project's contents manager."""

from __future__ import annotations

import json
import os
import sys
import time

import pytest
from IPython.core.interactiveshell import InteractiveShell
from support.paths import REPO

import helpers
from helpers import autoreload

VENV = REPO / ".venv"


@pytest.fixture
def shell():
    instance = InteractiveShell.instance()
    yield instance
    InteractiveShell.clear_instance()


def test_an_edited_helpers_module_is_reloaded_in_the_next_cell(shell, tmp_path, monkeypatch):
    monkeypatch.delenv(autoreload.BATCH_RUN_VARIABLE, raising=False)  # an interactive kernel
    probe = tmp_path / "autoreload_probe.py"
    probe.write_text("VALUE = 1\n")
    monkeypatch.setattr(helpers, "__path__", [*helpers.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "helpers.autoreload_probe", raising=False)
    autoreload.watch_helpers(shell)
    shell.run_cell("import helpers.autoreload_probe as probe; import json")
    shell.run_cell("first = probe.VALUE")
    probe.write_text("VALUE = 2\n")
    later = time.time() + 5  # a later modification time, whatever the file system's resolution
    os.utime(probe, (later, later))
    shell.run_cell("second = probe.VALUE")
    assert (shell.user_ns["first"], shell.user_ns["second"]) == (1, 2)
    reloader = shell.magics_manager.registry["AutoreloadMagics"]._reloader
    assert "helpers.autoreload_probe" in reloader.modules
    assert "json" not in reloader.modules  # only helpers is watched
    sys.modules.pop("helpers.autoreload_probe", None)


def test_a_batch_run_watches_nothing(shell, monkeypatch):
    """The runner's kernels (BESCHUT_WRITE_ROOT set) neither load autoreload nor check modules."""
    monkeypatch.setenv(autoreload.BATCH_RUN_VARIABLE, "/tmp/staging")
    autoreload.watch_helpers(shell)
    assert "AutoreloadMagics" not in shell.magics_manager.registry
    assert not shell.events.callbacks["post_run_cell"]


def test_make_env_installed_the_settings_into_the_venv():
    server = json.loads((VENV / "etc/jupyter/jupyter_server_config.json").read_text())
    assert server == json.loads((REPO / "jupyter/jupyter_server_config.json").read_text())
    assert server["ServerApp"]["contents_manager_class"] == (
        "helpers.jupyter_contents.ProjectContentsManager"
    )
    kernel = (VENV / "etc/ipython/ipython_kernel_config.py").read_text()
    assert "watch_helpers" in kernel
    lab = json.loads((VENV / "share/jupyter/lab/settings/overrides.json").read_text())
    notification = lab["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}


def as_stored(nb: dict) -> dict:
    """A notebook as its JSON file says, whatever the form (source as list or text)."""
    nb = json.loads(json.dumps(nb))
    nb["metadata"].get("jupytext", {}).pop("text_representation", None)  # the twin's format
    for cell in nb["cells"]:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
        cell["metadata"].pop("trusted", None)  # the server's trust flag, never stored
    return nb


@pytest.mark.parametrize("path", sorted((REPO / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_a_source_notebook_opens_as_it_is_stored(path):
    """What JupyterLab receives on opening a paired notebook (jupytext merges the .py twin's
    inputs with the .ipynb) equals the stored file: same cells, ids, sources and metadata, so
    nothing differs from disk right after opening."""
    import asyncio

    from helpers.jupyter_contents import ProjectContentsManager

    manager = ProjectContentsManager(root_dir=str(REPO))
    model = asyncio.run(manager.get(f"notebooks/{path.name}", content=True))
    assert as_stored(model["content"]) == as_stored(json.loads(path.read_text()))
