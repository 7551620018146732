"""One source of truth for dependencies: pyproject.toml pins the direct dependencies exactly;
requirements.lock (written by `make lock`, pip-compile) and environment.yml follow it, and .venv
matches the lock."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
import yaml
from conftest import REPO

PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.+\-]+)\s*$")
# PyPI name -> conda-forge name, where they differ.
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
    pins = {}
    for line in (root / "requirements.lock").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            match = PIN.match(line)
            assert match, f"requirements.lock: {line!r} is not an exact pin"
            pins[normalise(match.group(1))] = match.group(2)
    return pins


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
    expected = {CONDA_NAMES.get(n, n): v for n, v in pins.items()}
    problems += [
        f"environment.yml has {name}={conda.get(name)}, pyproject.toml {pinned}"
        for name, pinned in sorted(expected.items())
        if conda.get(name) != pinned
    ]
    problems += [
        f"environment.yml lists {name}, which pyproject.toml does not"
        for name in sorted(set(conda) - set(expected) - {"python", "pip"})
    ]
    if conda.get("pip") != locked.get("pip"):
        problems.append("environment.yml pins a different pip than requirements.lock")
    if conda.get("python") != "3.11":
        problems.append("environment.yml must pin python 3.11 (the version the lock was built on)")
    if "-e ." not in pip:
        problems.append("environment.yml must install the project itself (pip: -e .)")
    return problems


def test_lock_and_environment_agree_with_pyproject():
    assert drift(REPO) == []


def test_drift_is_detected(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "environment.yml"):
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
