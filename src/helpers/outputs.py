"""Deterministic, atomic writing of every generated file.

Files are written to a temporary file in the destination directory and moved into place with
``os.replace``, so a reader (or a run killed half-way) sees either the old or the new complete
file. Numbers are formatted to 8 significant digits so that last-bit floating-point noise never
shows up as a diff. A directory of related files is replaced as a whole with
:func:`replace_directory`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers import layout
from helpers.errors import ProjectBusy, UnsafeTree

SIGNIFICANT_DIGITS = 8


def format_number(value: float) -> str:
    """Format a float deterministically: integers without a decimal point, others to 8 digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isinf(value):
        raise ValueError(f"cannot write an infinite number ({value})")
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return np.format_float_positional(
        float(value), precision=SIGNIFICANT_DIGITS, unique=True, fractional=False, trim="-"
    )


def json_number(value: float | None, digits: int = 0) -> float | int | None:
    """A number for results.json, rounded to what it means (None for a missing value)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits) if digits else round(float(value))


def guard_write(path: Path) -> None:
    """Refuse a write into the project that follows a link or races the project's write lock.

    For a path under the write root or the project root (helpers.paths): no part below that
    root may be a symbolic link (UnsafeTree names it). When the write goes straight into the
    project (not into the runner's staging tree), the project's write lock must not be held by
    another process (ProjectBusy): a notebook run by hand cannot change outputs while the runner
    or the cleaning command is writing them, at any moment of its run, not only at its start.
    Paths outside the project (temporary files of tests and tools) are not checked.
    """
    from helpers import paths

    target = Path(os.path.abspath(path))
    project, writes = paths.project_root(), paths.write_root()
    for base in (writes, project):
        if target != base and base not in target.parents:
            continue
        below = base
        for part in target.relative_to(base).parts:
            below = below / part
            if below.is_symlink():
                raise UnsafeTree(
                    f"{below} is a symbolic link; outputs are never written through a link "
                    "(replace it with a real directory or file); nothing was written"
                )
        if base == project and (writes == project or writes not in target.parents):
            check_unlocked(project)
        return


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory.

    Refuses a link on the way and a project locked by another writer (:func:`guard_write`).
    """
    path = Path(path)
    guard_write(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def table_to_csv(frame: pd.DataFrame) -> str:
    """Render a table as CSV text with deterministic number formatting."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series):
            out[column] = [format_number(v) for v in series]
        elif pd.api.types.is_bool_dtype(series):
            out[column] = series.map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n")


def write_table(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV, atomically and deterministically."""
    atomic_write_text(Path(path), table_to_csv(frame))


def _plain(value: Any) -> Any:
    """Convert numpy/pandas scalars and containers to JSON-ready values with stable floats."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return None
        if number.is_integer() and abs(number) < 1e15:
            return int(number)
        return float(format_number(number))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def json_text(data: Any) -> str:
    """Render data as JSON with sorted keys, 2-space indent and stable number formatting."""
    return json.dumps(_plain(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_json(data: Any, path: Path) -> None:
    """Write JSON atomically and deterministically."""
    atomic_write_text(Path(path), json_text(data))


@contextlib.contextmanager
def locked_directory(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on a directory (for read-modify-write of a shared file in it)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def update_results(output_dir: Path, section: str | None, data: Mapping[str, Any]) -> Path:
    """Set ``section`` of ``output_dir/results.json`` to ``data``, keeping the other sections.

    With ``section=None`` the keys of ``data`` are merged into the top level. A section with a
    schema (:mod:`helpers.results_schema`) must have its shape, else ResultsShapeError names the
    file, the section and the key, and nothing is written. Notebooks of one scenario run in
    parallel and share results.json: the update holds a lock on the directory and replaces the
    file atomically.
    """
    from helpers.results_schema import check_section

    output_dir = Path(output_dir)
    path = output_dir / layout.RESULTS_FILE
    if section is not None:
        data = _plain(data)
        check_section(section, data, str(path))
    guard_write(path)  # before reading it: never through a link, never while locked
    with locked_directory(output_dir):
        current: dict[str, Any] = {}
        if path.exists():
            current = json.loads(path.read_text(encoding="utf-8"))
        if section is None:
            current.update(data)
        else:
            current[section] = data
        write_json(current, path)
    return path


def replace_directory(staged: Path, target: Path) -> None:
    """Move the complete directory ``staged`` to ``target``, replacing what was there.

    The old directory is first renamed aside; if the process dies between the two renames,
    :func:`recover_directory` (called at the start of every run) puts it back.
    """
    staged, target = Path(staged), Path(target)
    aside = target.with_name(f".{target.name}.previous")
    if aside.exists():
        shutil.rmtree(aside)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.rename(target, aside)
    os.rename(staged, target)
    if aside.exists():
        shutil.rmtree(aside)


def recover_directory(target: Path) -> bool:
    """Restore ``target`` from its renamed-aside copy if a replacement was interrupted."""
    target = Path(target)
    aside = target.with_name(f".{target.name}.previous")
    if aside.exists() and not target.exists():
        os.rename(aside, target)
        return True
    if aside.exists():
        shutil.rmtree(aside)
    return False


# ----------------------------------------------------------------------------------------------
# One lock for every writer, and directories that are never followed through symbolic links

LOCK_FILE = ".runner.lock"
_HELD: dict[Path, int] = {}  # project root -> fd of the lock this process holds


def _lock_problem(path: Path, error: OSError) -> UnsafeTree:
    if error.errno == errno.ELOOP:
        why = "is a symbolic link; the lock is never followed through a link (remove it)"
    elif error.errno == errno.EISDIR or path.is_dir():
        why = "is a directory, not the lock file (remove it)"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = f"cannot be opened for writing ({error.strerror}); is the project read-only?"
    else:
        why = f"cannot be opened ({error.strerror})"
    return UnsafeTree(f"{path} {why}; nothing was written")


def _holder(fd: int) -> str:
    text = ""
    for _ in range(20):  # the holder writes "<pid> <what>" right after locking
        text = os.pread(fd, 200, 0).decode("ascii", "replace").strip()
        if text:
            break
        time.sleep(0.05)
    pid, _, what = text.partition(" ")
    return f"another {what or 'runner'} (pid {pid or 'unknown'})"


class ProjectLock:
    """The project's write lock: an exclusive fcntl lock on ``.runner.lock`` at the root.

    Every writer takes it (the runner, the cleaning command) or checks it (notebooks run by
    hand, through :func:`helpers.paths.output_path`). The file is opened with O_NOFOLLOW, so a
    symbolic link in its place is refused, never followed. The kernel releases the lock when
    its holder dies, even by SIGKILL.
    """

    def __init__(self, root: Path, holder: str = "runner"):
        self.root = Path(root)
        self.path = self.root / LOCK_FILE
        self.holder = holder
        self.fd: int | None = None

    def acquire(self) -> ProjectLock:
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as error:
            raise _lock_problem(self.path, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _holder(fd)
            os.close(fd)
            raise ProjectBusy(
                f"{who} is regenerating the outputs of {self.root}: it holds {self.path}. "
                "Wait until it has finished, then run again (the lock is released automatically "
                "when that process ends, even if it is killed)."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {self.holder}\n".encode("ascii"), 0)
        self.fd = fd
        _HELD[self.root.resolve()] = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            _HELD.pop(self.root.resolve(), None)
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> ProjectLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def check_unlocked(root: Path) -> None:
    """Refuse to write into ``root`` while another process holds its write lock."""
    root = Path(root).resolve()
    if root in _HELD:
        return
    path = root / LOCK_FILE
    if not os.path.lexists(path):
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as error:
        raise _lock_problem(path, error) from None
    try:
        if os.path.isdir(path):
            raise _lock_problem(path, IsADirectoryError(errno.EISDIR, "Is a directory"))
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ProjectBusy(
                f"{_holder(fd)} is regenerating the outputs of {root} (it holds {path}); "
                "nothing was written. Run this again when it has finished."
            ) from None
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def real_directory(root: Path, rel: str | Path, *, create: bool = True) -> Path:
    """``root / rel`` as a real directory: refuses any part that is a symbolic link or a file."""
    path = Path(root)
    for part in Path(rel).parts:
        path = path / part
        if path.is_symlink():
            raise UnsafeTree(
                f"{path} is a symbolic link; the runner never writes through a link "
                "(remove it; it is recreated as a directory)"
            )
        if path.exists() and not path.is_dir():
            raise UnsafeTree(f"{path} is not a directory (remove it)")
        if create and not path.exists():
            path.mkdir(exist_ok=True)  # parallel runs may create the same folder at once
            if path.is_symlink() or not path.is_dir():
                raise UnsafeTree(f"{path} changed while it was created (remove it)")
    return path


def links_inside(folder: Path) -> list[Path]:
    """Every symbolic link inside ``folder`` (which is not followed into), sorted."""
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            if os.path.islink(os.path.join(current, name)):
                found.append(Path(current, name))
    return sorted(found)


def refuse_links_inside(folder: Path) -> None:
    """Refuse an output folder that contains a symbolic link anywhere below it."""
    folder = Path(folder)
    if folder.is_dir() and not folder.is_symlink():
        links = links_inside(folder)
        if links:
            raise UnsafeTree(
                f"{links[0]} is a symbolic link inside the output folder {folder}; outputs are "
                "never written through a link (replace it with a real directory or file); "
                "nothing was written"
            )


def fingerprint(folder: Path) -> frozenset[tuple]:
    """What a folder holds, to notice another writer: (path, kind, size, mtime, inode) of each
    entry below it, links not followed; empty for a missing folder."""
    folder = Path(folder)
    if not folder.exists():
        return frozenset()
    entries = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files, ""]:
            path = os.path.join(current, name) if name else current
            info = os.lstat(path)
            rel = os.path.relpath(path, folder)
            entries.append((rel, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino))
    return frozenset(entries)


def open_no_follow(path: Path) -> Any:
    """Open ``path`` for writing text (truncating), refusing a symbolic link in its place."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeTree(f"{path} is a symbolic link; it is never followed") from None
        raise
    return os.fdopen(fd, "w", encoding="utf-8", buffering=1)


def check_writable(directory: Path) -> None:
    """Refuse early when files cannot be created in ``directory`` (read-only, no permission)."""
    directory = Path(directory)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".write-check.", dir=directory)
    except OSError as error:
        raise UnsafeTree(
            f"{directory} is not writable ({error.strerror}); nothing was run or written"
        ) from None
    os.close(fd)
    os.unlink(tmp)
