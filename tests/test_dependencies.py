"""One source of truth for dependencies: pyproject.toml; the lock and environment.yml follow it."""

from pathlib import Path

from helpers import deps

REPO = Path(__file__).resolve().parents[1]


def test_lock_and_environment_agree_with_pyproject():
    assert deps.drift(REPO) == []


def test_every_direct_dependency_is_pinned_exactly():
    pins = deps.pyproject_pins(REPO)
    for required in ("jupyterlab", "pandas", "matplotlib", "seaborn", "statsmodels", "papermill",
                     "nbval"):  # fmt: skip
        assert required in pins


def test_drift_is_detected(tmp_path):
    for name in ("pyproject.toml", "requirements.lock", "environment.yml"):
        (tmp_path / name).write_text((REPO / name).read_text(encoding="utf-8"), encoding="utf-8")
    env = tmp_path / "environment.yml"
    env.write_text(env.read_text().replace("pandas=3.1.1", "pandas=2.2.0"), encoding="utf-8")
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        lock.read_text().replace("seaborn==0.13.2", "seaborn==0.12.0"), encoding="utf-8"
    )
    problems = deps.drift(tmp_path)
    assert any("pandas" in p for p in problems)
    assert any("seaborn" in p for p in problems)


def test_installed_versions_match_the_lock():
    from importlib.metadata import PackageNotFoundError, version

    locked = deps.lock_pins(REPO)
    mismatched = {}
    for name, pinned in locked.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            mismatched[name] = (pinned, None)
            continue
        if installed != pinned:
            mismatched[name] = (pinned, installed)
    assert mismatched == {}, "the environment differs from requirements.lock: run `make env`"
