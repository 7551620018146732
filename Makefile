# Beschut werk monitor. `make help` lists the targets.
# The environment is a virtualenv in .venv built from requirements.lock; every target that needs
# it depends on it, so `make reports` and `make test` each work on their own in a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KERNEL := beschut-werk
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help env reports report changes test test-fast test-exhaustive lint format sync lab bench lock clean-env

help: ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# The project's Jupyter settings, installed into .venv so that `.venv/bin/jupyter lab` (without
# `make lab`) uses them too: the contents manager that strips notebooks on save and refuses
# writes to generated outputs, autoreload of helpers in kernels, JupyterLab's news feed off.
JUPYTER_SETTINGS := $(VENV)/etc/jupyter/jupyter_server_config.json \
	$(VENV)/etc/ipython/ipython_kernel_config.py $(VENV)/share/jupyter/lab/settings/overrides.json

env: $(STAMP) $(JUPYTER_SETTINGS) ## Create .venv from requirements.lock and install the project kernel and Jupyter settings in it

# .venv is rebuilt when the lock changed, and also when it is broken: its python does not start,
# a locked package is missing or at another version, the project or its kernel is gone
# (src/helpers/venv_check.py, run with .venv's own python on every make).
VENV_BROKEN := $(shell [ -e $(STAMP) ] && ! $(PY) -I src/helpers/venv_check.py >/dev/null 2>&1 && echo yes)
ifeq ($(VENV_BROKEN),yes)
.PHONY: $(STAMP)
endif

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	@if [ "$(VENV_BROKEN)" = yes ]; then echo "env: $(VENV) is broken; rebuilding it:"; $(PY) -I src/helpers/venv_check.py 2>&1 | head -5 || true; fi
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==25.3
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# Python 3.11's venv seeds setuptools 65.5.0 (published advisories), which nothing needs at
	@# run time: the project builds with the setuptools pinned in pyproject's build-system.
	@if $(PY) -m pip show --quiet setuptools >/dev/null 2>&1 && ! grep -q '^setuptools==' requirements.lock; then $(PY) -m pip uninstall --quiet --yes setuptools; fi
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (beschut werk)" >/dev/null
	@touch $@

# The runner's exit code through make: a runner ended by a signal (129 SIGHUP, 130 SIGINT, 143
# SIGTERM) re-raises that signal on make itself, so the caller sees the same code; any other
# failure is shown by make as "Error <code>" (73, 75, 1, 2) and make exits 2, as GNU make does
# for every failing recipe. Use `.venv/bin/python -m helpers.runner` for the bare code. The
# recipe waits after sending the signal, so make handles it before it sees the recipe end (else
# make may report "Error 143" and exit 2 first).
RUNNER = $(PY) -m helpers.runner $(ARGS); code=$$?; case $$code in \
	129) kill -HUP $$PPID; sleep 5;; 130) kill -INT $$PPID; sleep 5;; \
	143) kill -TERM $$PPID; sleep 5;; esac; exit $$code

$(VENV)/etc/jupyter/jupyter_server_config.json: jupyter/jupyter_server_config.json $(STAMP)
	@mkdir -p $(@D) && cp $< $@
$(VENV)/etc/ipython/ipython_kernel_config.py: jupyter/ipython_kernel_config.py $(STAMP)
	@mkdir -p $(@D) && cp $< $@
$(VENV)/share/jupyter/lab/settings/overrides.json: jupyter/overrides.json $(STAMP)
	@mkdir -p $(@D) && cp $< $@

reports: env ## Regenerate data/processed and every report (all scenarios), in parallel
	@$(RUNNER)

report: env ## Regenerate a subset, e.g. make report ARGS="--scenario baseline --notebook 02_trajectory"
	@$(RUNNER)

changes: env ## Key numbers and figures that changed: working tree against HEAD, or ARGS="--base REV --head REV"
	$(PY) -m helpers.changes $(ARGS)

# Tests run in parallel (pytest-xdist). The session's one regeneration of the reports starts in
# the background when the tests are collected (tests/conftest.py); the tests that need it run last.
XDIST := -n auto

test: env ## Run the test suite (unit tests, regeneration: determinism and nbval, hardening)
	$(PY) -m pytest $(XDIST) $(ARGS)

test-fast: env ## Run the tests that need no notebook kernel
	$(PY) -m pytest $(XDIST) -m "not slow and not exhaustive" $(ARGS)

test-exhaustive: env ## The long tier (CI runs it after `make test`): real-pipeline kill sweep, nbval re-execution
	$(PY) -m pytest -m exhaustive $(ARGS)

lint: env ## Check code style with ruff, the notebook pairs with jupytext, the CI workflow with actionlint
	$(VENV)/bin/ruff check src tests notebooks
	$(VENV)/bin/ruff format --check src tests notebooks
	$(VENV)/bin/actionlint .github/workflows/*.yml

format: env ## Format code with ruff
	$(VENV)/bin/ruff format src tests notebooks
	$(VENV)/bin/ruff check --fix src tests notebooks

sync: env ## Bring notebooks/*.ipynb and their py:percent twins back in sync (newest wins)
	$(VENV)/bin/jupytext --sync notebooks/*.py

# JupyterLab listens on localhost unless ARGS say otherwise (README: "Exploring in JupyterLab").
lab: env ## Start JupyterLab on the project kernel; ARGS go to it, e.g. ARGS="--port=8890 --no-browser"
	$(VENV)/bin/jupyter lab --config=jupyter_server_config.py $(ARGS)

bench: env ## Time a full regeneration against a sequential papermill loop and the floor
	$(PY) -m helpers.bench $(ARGS)

# One lock for every supported Python (3.11, 3.12, 3.13): uv resolves once for all of them and
# writes environment markers where a package or version differs (aiohttp on 3.12 only, contourpy
# by version); pip installs it as any requirements file. uv keeps the pins the lock already has
# unless pyproject.toml needs another version (`ARGS=--upgrade` moves them all).
lock: env ## Regenerate requirements.lock (Python 3.11-3.13) from the pins in pyproject.toml with uv (needs the registry)
	$(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --quiet \
		--output-file requirements.lock $(ARGS)

clean-env: ## Remove .venv
	rm -rf $(VENV)
