"""Is the environment in .venv whole? Run by ``make env`` with .venv's own python.

``.venv/bin/python src/helpers/venv_check.py`` exits 0 when every package that
requirements.lock pins for this interpreter (its environment markers evaluated) is installed at
its pinned version, no other package is installed (pip and the project itself aside), the
project package imports from this tree, and the project kernel is installed; otherwise it
prints what is wrong and exits 1, and ``make env`` rebuilds .venv. A python that does not start
at all fails before this file is read, with the same effect. Standard library only (with pip's
own copy of ``packaging`` as the fallback for markers).
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.+\-]+)\s*(?:;\s*(.+))?$")
KERNEL = "beschut-werk"
PROJECT = "beschut-werk-monitor"
NOT_LOCKED = {"pip", PROJECT}  # pip is pinned by `make env`; the project is installed editable


def normalise(name: str) -> str:
    """A distribution name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _marker_holds(marker: str | None) -> bool:
    """Whether an environment marker of the lock holds for the running interpreter."""
    if not marker:
        return True
    try:
        from packaging.markers import Marker
    except ImportError:  # a broken environment still has pip's own copy
        from pip._vendor.packaging.markers import Marker
    return Marker(marker).evaluate()


def locked_pins(lock: Path) -> dict[str, str]:
    """Normalised name -> version of every package the lock pins for this interpreter."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.split(" #", 1)[0])
        if match and _marker_holds(match.group(3)):
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def problems(root: Path = ROOT) -> list[str]:
    """What is missing or wrong in the running environment (empty when it is whole)."""
    found = []
    pins = locked_pins(root / "requirements.lock")
    for name, pinned in pins.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} is not installed (requirements.lock pins {pinned})")
            continue
        if installed != pinned:
            found.append(f"{name} {installed} is installed; requirements.lock pins {pinned}")
    installed = {normalise(d.metadata["Name"]) for d in importlib.metadata.distributions()}
    for extra in sorted(installed - set(pins) - NOT_LOCKED):
        found.append(f"{extra} is installed but requirements.lock does not pin it")
    try:
        import helpers
    except ImportError as error:
        found.append(f"the project package does not import ({error})")
    else:
        source = Path(helpers.__file__).resolve().parent
        if source != root.resolve() / "src" / "helpers":
            found.append(f"the project package is imported from {source}, not from this tree")
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
