"""Reading what a fault-injected runner (support.fault_runner) did and left: the steps of its
trace, and a hash of every output set of a project."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

ADDRESS = re.compile(rb" at 0x[0-9a-f]+")
STAGING_ID = re.compile(r"\.staging/[^/]+/")


def digest(path: Path, mask_addresses: bool = False) -> str:
    data = path.read_bytes()
    if mask_addresses:  # a notebook output showing a memory address differs on every run
        data = ADDRESS.sub(b" at 0x?", data)
    return hashlib.sha256(data).hexdigest()


def output_sets(root: Path) -> list[str]:
    """Every output set of a project: data/processed, each reports folder, each reports file."""
    reports = root / "reports"
    found = ["data/processed"]
    if reports.is_dir():
        found += [
            f"reports/{p.name}" for p in sorted(reports.iterdir()) if not p.name.startswith(".")
        ]
    return found


def snapshot(root: Path, names: list[str], mask: bool = False) -> dict[str, dict | None]:
    """Hash every file of every output set (None: the set does not exist)."""
    state: dict[str, dict[str, str] | None] = {}
    for name in names:
        path = root / name
        if path.is_file():
            state[name] = {"": digest(path, mask)}
        elif path.is_dir():
            state[name] = {
                p.relative_to(path).as_posix(): digest(p, mask)
                for p in sorted(path.rglob("*"))
                if p.is_file()
            }
        else:
            state[name] = None
    return state


def steps(trace: Path) -> list[str]:
    """The distinct steps of a trace, in order, with the staging run id made a wildcard."""
    seen: list[str] = []
    for line in trace.read_text().splitlines():
        step = STAGING_ID.sub(".staging/*/", line)
        if step not in seen:
            seen.append(step)
    return seen


def complete(process, log: Path) -> None:
    process.join(120)
    assert process.exitcode == 0, log.read_text()[-3000:]


def wait_for_step(process, trace: Path, step: str, timeout: float = 60) -> bool:
    pattern = re.compile(re.escape(step).replace(r"\*", "[^/]+") + "$")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.is_alive():
        if any(pattern.match(line) for line in trace.read_text().splitlines()):
            time.sleep(0.1)  # the runner is asleep in the stall now
            return True
        time.sleep(0.02)
    return False
