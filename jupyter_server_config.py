"""Jupyter server settings for this repository; `make lab` passes this file with --config, and
`make env` installs the same settings into .venv (jupyter/jupyter_server_config.json), so plain
`.venv/bin/jupyter lab` (and Binder) behave the same.

Saving a notebook under notebooks/ (tracked, paired with its py:percent twin) stores it without
outputs, execution counts or session metadata (nbstripout, through a server-side pre-save hook):
the open notebook keeps its outputs in the browser, and the stored .ipynb stays as `make sync`
writes it. Generated outputs (reports/, data/processed) cannot be saved, created, renamed, moved
or deleted through the contents API (403 with the reason). See helpers.jupyter_contents and
helpers.notebook_meta.pre_save_hook.
"""

c = get_config()  # noqa: F821  (provided by Jupyter when it loads this file)
c.ServerApp.contents_manager_class = "helpers.jupyter_contents.ProjectContentsManager"
c.ContentsManager.pre_save_hook = "helpers.notebook_meta.pre_save_hook"
