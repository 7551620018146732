# IPython kernels started from this project's .venv (installed by `make env` into
# .venv/etc/ipython/): changed modules of src/helpers are reloaded before each cell.
c = get_config()  # noqa: F821  (provided by IPython when it loads this file)
c.InteractiveShellApp.exec_lines = [
    "__import__('helpers.autoreload').autoreload.watch_helpers(get_ipython())"
]
