"""Kernels of this project reload changed ``helpers`` modules before each cell.

``make env`` installs jupyter/ipython_kernel_config.py into .venv/etc/ipython, which IPython
kernels started from .venv read; it calls :func:`watch_helpers`. IPython's autoreload runs in
its explicit mode, fed after every cell with the ``helpers`` modules imported so far: an edit in
src/helpers takes effect in the next cell without a kernel restart, and no other module (pandas,
matplotlib) is ever reloaded.
"""

from __future__ import annotations

import os
import sys

PACKAGE = "helpers"
# Set by the runner for its workers' kernels (and by the tests): a batch run keeps the code it
# started with, and pays nothing per cell for watching it.
BATCH_RUN_VARIABLE = "BESCHUT_WRITE_ROOT"


def helpers_modules() -> list[str]:
    """Names of the imported modules of the ``helpers`` package (this module excepted)."""
    return sorted(
        name
        for name in sys.modules
        if (name == PACKAGE or name.startswith(f"{PACKAGE}.")) and name != __name__
    )


def watch_helpers(shell) -> None:
    """Load autoreload in ``shell`` (an IPython InteractiveShell) in explicit mode and keep its
    list of modules to reload equal to the imported ``helpers`` modules; nothing in a batch run
    (``BATCH_RUN_VARIABLE`` set)."""
    if os.environ.get(BATCH_RUN_VARIABLE):
        return
    shell.run_line_magic("load_ext", "autoreload")
    shell.run_line_magic("autoreload", "explicit")
    reloader = shell.magics_manager.registry["AutoreloadMagics"]._reloader

    def mark(*_args) -> None:
        for name in helpers_modules():
            reloader.modules.setdefault(name, True)

    mark()
    shell.events.register("post_run_cell", mark)
