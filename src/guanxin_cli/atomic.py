"""Crash-safe file writes and the per-file lock that lets concurrent edits all land.

``atomic_write`` never leaves a half-written file: the new bytes go to a temp file in the
same folder (same file system, so the rename is atomic), are fsync'd, take the old file's
mode, and replace the old file in one ``os.replace``.  If anything fails, the temp file is
removed and the old file is untouched.

``file_lock`` serialises read-modify-write cycles across processes: hold it around *reading*
the file, editing, and ``atomic_write``, so that two edits started at once both land.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import DataError, Location, OutputError, problem

LOCK_TIMEOUT = 30.0  # seconds; an edit takes milliseconds, so a longer wait means a stuck process
TEMP_SUFFIX = ".tmp"


def lock_path(path: Path) -> Path:
    """``data/schools/.x.yaml.lock`` — hidden, next to the file, ignored by git (``.*.lock``)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive cross-process lock for ``path`` (not re-entrant: do not nest)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        where = Location(path)
        raise DataError(problem("edit.lock_timeout", where, seconds=int(timeout))) from None
    except OSError as exc:
        raise DataError(
            problem("err.output", Location(path), path=str(path), reason=_reason(exc))
        ) from None
    try:
        yield
    finally:
        lock.release()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode; create it if missing.

    Raises ``OSError`` (disk full, no such folder, permission...) after removing the temp
    file, so the old file is intact and nothing is left behind; :func:`write_or_fail` turns
    that into a located :class:`OutputError`.  Does not lock: wrap a read-modify-write in
    :func:`file_lock`.  A symlink is written through, not replaced.
    """
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:  # also KeyboardInterrupt: never leave a temp file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def write_or_fail(path: Path, data: bytes) -> None:
    """:func:`atomic_write`, with an OS error reported as ``err.output`` for ``path`` (exit
    73, as for any file guanxin cannot write: the old file is intact)."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(
            problem("err.output", Location(path), path=str(path), reason=_reason(exc))
        ) from None


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files a killed writer left beside ``path``; call only under its lock."""
    removed = []
    for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); some platforms cannot open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
