"""Jupyter server settings for this repository; `make lab` passes this file with --config.

Saving a notebook under notebooks/ (tracked, paired with its py:percent twin) stores it without
outputs, execution counts or session metadata (nbstripout, through a server-side pre-save hook):
the open notebook keeps its outputs in the browser, and the stored .ipynb stays as `make sync`
writes it. Saving over a generated report under reports/ is refused. See
helpers.notebook_meta.pre_save_hook.
"""

c = get_config()  # noqa: F821  (provided by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = "helpers.notebook_meta.pre_save_hook"
