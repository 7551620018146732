"""Is the environment in .venv whole? Run by ``make env`` with .venv's own python.

``.venv/bin/python src/helpers/venv_check.py`` exits 0 when every package pinned in
requirements.lock is installed at its pinned version, the project package imports, and the
project kernel is installed; otherwise it prints what is wrong and exits 1, and ``make env``
rebuilds .venv. A python that does not start at all fails before this file is read, with the
same effect. Standard library only.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.+\-]+)")
KERNEL = "beschut-werk"


def problems(root: Path = ROOT) -> list[str]:
    """What is missing or wrong in the running environment (empty when it is whole)."""
    found = []
    lock = root / "requirements.lock"
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if not match:
            continue
        name, pinned = match.groups()
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} is not installed (requirements.lock pins {pinned})")
            continue
        if installed != pinned:
            found.append(f"{name} {installed} is installed; requirements.lock pins {pinned}")
    try:
        import helpers  # noqa: F401
    except ImportError as error:
        found.append(f"the project package does not import ({error})")
    kernel = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    if not kernel.is_file():
        found.append(f"the {KERNEL} kernel is not installed in {sys.prefix}")
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"env: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
