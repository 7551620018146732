"""Binder: the files repo2docker reads, and binder/postBuild run for real in a throwaway venv.

repo2docker (no Docker here) would install binder/requirements.txt into the image's Python and
run binder/postBuild from the repository root. The test gives postBuild a fresh venv that sees
this environment's installed packages (a .pth file) instead of the lock's downloads, runs it, and
checks what it installed: the project package, the kernel, the Jupyter settings the server loads.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from support.paths import REPO

BINDER = REPO / "binder"


def test_binder_installs_the_lock_on_the_supported_python():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    lines = [
        line
        for line in (BINDER / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["-r ../requirements.lock"]
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_the_readme_badge_opens_the_flagship_notebook_in_jupyterlab():
    readme = (REPO / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)\s]+\)", readme)
    assert badge, "no Binder launch badge in README.md"
    target = re.search(r"urlpath=lab/tree/([^)&\s]+)", badge.group(0))
    assert target and target.group(1) == "notebooks/02_trajectory.ipynb"
    assert (REPO / target.group(1)).is_file()


@pytest.mark.slow
def test_postbuild_installs_package_kernel_and_settings(tmp_path):
    venv = tmp_path / "image"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # the packages of this environment (what binder/requirements.txt installs), not the project
    (Path(site) / "reuse_installed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    tree = tmp_path / "repo"
    shutil.copytree(
        REPO,
        tree,
        ignore=shutil.ignore_patterns(".venv", ".git", "reports", "*.egg-info", "__pycache__"),
    )
    done = subprocess.run(
        ["bash", str(tree / "binder" / "postBuild")],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(python), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    where = subprocess.run(
        [str(python), "-c", "import helpers, sys; print(helpers.__file__); print(sys.prefix)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert where == [str(tree / "src" / "helpers" / "__init__.py"), str(venv)]
    kernel = json.loads((venv / "share/jupyter/kernels/beschut-werk/kernel.json").read_text())
    assert kernel["argv"][0] == str(python)
    for installed, source in [
        ("etc/jupyter/jupyter_server_config.json", "jupyter/jupyter_server_config.json"),
        ("etc/ipython/ipython_kernel_config.py", "jupyter/ipython_kernel_config.py"),
        ("share/jupyter/lab/settings/overrides.json", "jupyter/overrides.json"),
    ]:
        assert (venv / installed).read_bytes() == (REPO / source).read_bytes()
    shown = subprocess.run(
        [str(python), "-m", "jupyter_server", "--show-config"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=120,
    ).stdout
    assert "helpers.jupyter_contents.ProjectContentsManager" in shown
