"""Publication: staging, checks of the tree before any work, moving complete outputs into place.

Kernels write under a staging tree ``.staging/<run-id>/`` (``BESCHUT_WRITE_ROOT``). A set of
outputs (``data/processed``, ``reports/cleaning``, ``reports/<scenario>``) is moved into place
with :func:`helpers.outputs.replace_directory` only when every run that writes it succeeded. A run
killed at any moment leaves each set either the previous complete version or the new one; the next
run calls :func:`helpers.outputs.recover_directory` and removes stale staging. The project tree is
checked first: no symbolic link and no file where the runner writes (lock, logs/, .staging/,
outputs), and the output folders writable; otherwise nothing is written.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from helpers import equivalence, outputs, paths
from helpers.errors import ParameterError, UnsafeTree
from helpers.runner.config import CLEANING, Config
from helpers.runner.planning import RUNS_FILE, Group, runs_manifest

STAGING_DIR = paths.STAGING_DIR
LOGS_DIR = paths.LOGS_DIR


def publish_targets(config: Config) -> list[str]:
    """Every directory the runner publishes into (repo-relative)."""
    targets = [nb.parameters["output_dir"] for nb in config.once]
    targets.append(f"{paths.REPORTS_DIR}/{CLEANING}")
    targets += [f"{paths.REPORTS_DIR}/{s}" for s in config.scenarios]
    return targets


def check_tree(root: Path, groups: Sequence[Group]) -> None:
    """Refuse, before anything is written, a tree the runner cannot write safely.

    Refused: a symbolic link or a file in place of logs/, .staging/, an output folder or one of
    its parents; an output location that is not one (helpers.paths.output_location); an output
    folder's parent that is not writable (read-only reports/, no permission).
    """
    for name in (STAGING_DIR, *(f"{LOGS_DIR}/{group.name}" for group in groups)):
        outputs.real_directory(root, name, create=False)
        outputs.refuse_links_inside(root / name)
    parents = set()
    for group in groups:
        for target in group.targets:
            try:
                rel = paths.output_location(target, "output_dir")
                paths.refuse_symlinks(root, rel, "output_dir")
            except ParameterError as error:
                raise UnsafeTree(f"cannot publish {target}: {error}") from None
            parents.add(Path(*rel.parts[:-1]))
            outputs.refuse_links_inside(root / rel)
    parents.add(Path(paths.REPORTS_DIR))
    for parent in sorted(parents):
        outputs.real_directory(root, parent, create=False)
        existing = root / parent
        while not existing.exists():  # created later; its nearest existing parent must allow it
            existing = existing.parent
        outputs.check_writable(existing)
    outputs.check_writable(root)


def recover(root: Path, config: Config) -> list[str]:
    """Undo interrupted directory swaps (outputs.recover_directory); return the restored ones."""
    restored = []
    targets = set(publish_targets(config))
    for parent in {Path(t).parent for t in targets} | {Path(paths.REPORTS_DIR)}:
        for aside in sorted((root / parent).glob(".*.previous")):
            targets.add((parent / aside.name[1 : -len(".previous")]).as_posix())
    for target in sorted(targets):
        if outputs.recover_directory(root / target):
            restored.append(target)
    return restored


def clean_staging(root: Path) -> None:
    """Remove staging trees left by killed runs (we hold the lock, so none is in use)."""
    staging = root / STAGING_DIR
    if staging.is_dir() and not staging.is_symlink():
        shutil.rmtree(staging)


def prepare_staging(root: Path, staging: Path, group: Group, html: bool) -> None:
    """Start a group's staging folders: a copy of the current outputs for a subset run, else
    empty; without HTML rendering, the current HTML of its notebooks is kept."""
    for target in group.targets:
        current = root / target
        if not group.complete and current.is_dir():
            # A subset run starts from the current outputs so the other notebooks' files survive.
            shutil.copytree(current, staging / target, symlinks=True)
            continue
        (staging / target).mkdir(parents=True, exist_ok=True)
        if not html and target.startswith(f"{paths.REPORTS_DIR}/"):
            for run in group.runs:
                page = current / f"{run.notebook}.html"
                if page.is_file() and not page.is_symlink():
                    shutil.copy2(page, staging / target / page.name)


def keep_equivalent(staged: Path, current: Path, target: str) -> list[str]:
    """Put the current bytes back into every staged file that is the same output by
    helpers.equivalence (a last-digit difference between machines); return those names."""
    kept = []
    if not current.is_dir() or current.is_symlink():
        return kept
    for new_file in sorted(staged.rglob("*")):
        relative = new_file.relative_to(staged).as_posix()
        old_file = current / relative
        if not new_file.is_file() or new_file.is_symlink() or not old_file.is_file():
            continue
        if old_file.is_symlink():
            continue
        old, new = old_file.read_bytes(), new_file.read_bytes()
        if old != new and equivalence.same_output(f"{target}/{relative}", old, new):
            outputs.atomic_write_bytes(new_file, old)
            kept.append(relative)
    return kept


def fingerprints(root: Path, groups: Sequence[Group]) -> dict[str, frozenset]:
    """The current content of every group's output folders (outputs.fingerprint)."""
    return {
        group.name: frozenset((t, outputs.fingerprint(root / t)) for t in group.targets)
        for group in groups
    }


def changed_by_another_writer(root: Path, group: Group, before: Mapping[str, frozenset]) -> str:
    """'' when the group's output folders are as they were at the start of the run, else which
    one changed (another writer, such as a notebook run by hand, wrote into it)."""
    now = fingerprints(root, [group])[group.name]
    changed = sorted({target for target, _ in now ^ before[group.name]})
    return changed[0] if changed else ""


def publish(root: Path, staging: Path, group: Group) -> None:
    """Move a group's complete staging folders into place (replacing stale copies), keeping a
    current file wherever the new one is the same output up to the stated tolerance."""
    for target in group.targets:
        keep_equivalent(staging / target, root / target, target)
        outputs.replace_directory(staging / target, root / target)


def write_runs(root: Path, config: Config) -> Path:
    """Write reports/runs.json (sorted keys, 2-space indent) from the configuration."""
    path = root / paths.REPORTS_DIR / RUNS_FILE
    outputs.write_json(runs_manifest(config), path)
    return path


def write_index(root: Path, config: Config) -> None:
    """reports/runs.json, then reports/README.md (helpers.report_index)."""
    from helpers import report_index

    write_runs(root, config)
    report_index.write_readme(root, config)


def print_changes(root: Path) -> None:
    """Print the key numbers and figures that changed against git HEAD (helpers.changes).

    A failure of the summary never fails the run: the outputs are already published.
    """
    from helpers import changes

    try:
        text = changes.summary_text(root)
    except Exception as error:  # the summary is a convenience; the outputs are published
        print(f"runner: no change summary ({type(error).__name__}: {error})", file=sys.stderr)
        return
    print(text.rstrip("\n"))
