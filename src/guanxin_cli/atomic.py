"""Crash-safe file writes and the per-file lock that lets concurrent edits all land.

``atomic_write`` never leaves a half-written file: the new bytes go to a temp file in the
same folder (same file system, so the rename is atomic), are fsync'd, take the old file's
mode, and replace the old file in one ``os.replace``.  If anything fails, the temp file is
removed and the old file is untouched.

Only a regular file (or a new name) is ever replaced. A path that names one of our own
open streams (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``, or a
symlink to one) is written through that stream, so ``>> log.txt`` keeps its lines; a
character device or FIFO is written in place (``/dev/null`` stays a device); a socket or
block device is refused. A read-only file (no write bit, or not writable by this user) is
refused as an editor would, also for root, who could otherwise replace it.

``file_lock`` serialises read-modify-write cycles across processes: hold it around *reading*
the file, editing, and ``atomic_write``, so that two edits started at once both land.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import DataError, Location, OutputError, Problem, problem

LOCK_TIMEOUT = 30.0  # seconds; an edit takes milliseconds, so a longer wait means a stuck process
TEMP_SUFFIX = ".tmp"
# A temp file whose writer's process is gone, or this old (a writer on another machine
# sharing the folder, whose process we cannot see), was left by a killed writer.
STALE_SECONDS = 3600.0


class ReadOnly(OSError):
    """The file exists and is read-only: no write bit at all (refused for root too, who
    could replace it anyway), or not writable by this user."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(errno.EACCES, "read-only", str(path))
        self.mode = mode


class NotAFile(OSError):
    """A socket or block device where a file was meant: neither replaced nor written."""


def lock_path(path: Path) -> Path:
    """``data/schools/.x.yaml.lock`` — hidden, next to the file, ignored by git (``.*.lock``)."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive cross-process lock for ``path`` (not re-entrant: do not nest).

    A lock file that cannot be made (a read-only folder, no inodes left) is an output
    that cannot be written: exit 73, saying which file and why."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        where = Location(path)
        raise DataError(problem("edit.lock_timeout", where, seconds=int(timeout))) from None
    except OSError as exc:
        where = Location(path)
        lock_file = str(lock_path(path))
        raise OutputError(problem("err.lock", where, lock=lock_file, reason=_reason(exc))) from None
    try:
        yield
    finally:
        lock.release()


# /dev/fd/N, /proc/self/fd/N (and /proc/<our pid>/fd/N, /proc/thread-self/fd/N)
_FD_PATH = re.compile(r"/(?:dev/fd|proc/(self|thread-self|\d+)(?:/task/\d+)?/fd)/(\d+)")
_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def stream_fd(path: Path | str) -> int | None:
    """The file descriptor of ours that ``path`` names, if it names one: ``-`` (stdout),
    ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``, or a symlink
    that leads to one. Such a path is a stream the shell opened for us (a pipe, or a
    file opened with ``>>``): it must be written through, never replaced."""
    text = os.fspath(path)
    if text == "-":
        return 1
    name = os.path.abspath(text)
    for _ in range(40):  # (the kernel's own limit on links followed)
        if name in _STREAMS:
            return _STREAMS[name]
        match = _FD_PATH.fullmatch(name)
        if match and match.group(1) in (None, "self", "thread-self", str(os.getpid())):
            return int(match.group(2))
        try:
            target = os.readlink(name)
        except OSError:
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(name), target))
    return None


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode; create it if missing.

    Raises ``OSError`` (disk full, no such folder, permission...) after removing the temp
    file, so the old file is intact and nothing is left behind; :func:`write_or_fail` turns
    that into a located :class:`OutputError`.  Does not lock: wrap a read-modify-write in
    :func:`file_lock`.  A symlink is written through, not replaced; a stream of ours is
    written to, a character device or FIFO written in place (see the module's notes);
    a read-only file raises :class:`ReadOnly`.
    """
    fd = stream_fd(path)
    if fd is not None:
        _write_stream(fd, data)
        return
    target = path.resolve() if path.is_symlink() else path
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            _write_in_place(target, data)
            return
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
        raise NotAFile(errno.EINVAL, "not a regular file, device or FIFO", str(target))
    if st is not None and _read_only(target, st):
        raise ReadOnly(target, stat.S_IMODE(st.st_mode))
    folder = target.parent if str(target.parent) else Path(".")
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    # the writer's process id in the name, so a later edit can tell a dead writer's
    # leftover from a file being written right now
    prefix = f".{target.name}.{os.getpid()}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if st is not None and hasattr(os, "fchown") and (st.st_uid, st.st_gid) != _ids():
                # root editing someone's file: the file stays theirs
                with contextlib.suppress(OSError):
                    os.fchown(fh.fileno(), st.st_uid, st.st_gid)
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:  # also KeyboardInterrupt: never leave a temp file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _ids() -> tuple[int, int]:
    return (os.geteuid(), os.getegid()) if hasattr(os, "geteuid") else (-1, -1)


def _read_only(path: Path, st: os.stat_result) -> bool:
    """No write bit at all (root could write it, but the owner said not to), or this
    user may not write it (the folder being writable would let the rename replace it)."""
    if st.st_mode & 0o222 == 0:
        return True
    effective = os.access in os.supports_effective_ids
    return not os.access(path, os.W_OK, effective_ids=effective)


def _write_stream(fd: int, data: bytes) -> None:
    """Write to one of our open streams, after what was already written to it."""
    stream = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if stream is not None:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return
    _write_all(fd, data)


def _write_in_place(target: Path, data: bytes) -> None:
    """A character device or FIFO: open it as the shell's ``>`` would (a FIFO waits for a
    reader) and write; it stays what it was."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(target, flags)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def output_problem(path: Path, exc: OSError, where: Location | None = None) -> Problem:
    """What to say when ``path`` cannot be written."""
    where = where or Location(path)
    if isinstance(exc, ReadOnly):
        # (where the message is placed at the file already, it need not name it again)
        key = "err.read_only_here" if where.path == path else "err.read_only"
        return problem(key, where, path=str(path), mode=f"{exc.mode:04o}")
    return problem("err.output", where, path=str(path), reason=_reason(exc))


def write_or_fail(path: Path, data: bytes) -> None:
    """:func:`atomic_write`, with an OS error reported as ``err.output`` for ``path`` (exit
    73, as for any file guanxin cannot write: the old file is intact)."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(output_problem(path, exc)) from None


def temp_owner(name: str) -> int | None:
    """The process id in a temp file's name (``.x.yaml.<pid>.<random>.tmp``), if it has one."""
    parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return int(parts[1])
    return None


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # (signal 0 there would be Ctrl-C): go by the age alone
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process: alive
    return True


def stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Temp files of writers that are gone in ``folder`` (``.name.*.tmp``): the writer's
    process no longer runs, or the file is older than :data:`STALE_SECONDS`."""
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX) and name.count(".") >= 3):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = temp_owner(name)
        if age > STALE_SECONDS or (pid is not None and pid != os.getpid() and not _alive(pid)):
            found.append(Path(entry.path))
    return sorted(found)


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete temp files killed writers left in ``path``'s folder: any beside ``path``
    itself (call only under its lock: no live writer of it can be at work) and those of
    other files whose writers are gone (:func:`stale_temps`)."""
    mine = {p for p in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}") if p.is_file()}
    removed = []
    for stale in sorted(mine | set(stale_temps(path.parent))):
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
    from .oserrors import os_reason

    return os_reason(exc)
