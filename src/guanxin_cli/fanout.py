"""Share a list of jobs between this process and forked copies of it (Linux only).

``multiprocessing.Pool`` leaves the main process idle while its workers work, and busy in
three threads of its own feeding them: on two cores, a tenth of a first run at 5,000
schools. Here the main process takes jobs like any worker, so one process fewer needs
feeding, and what it makes itself is never pickled and sent back.

Job numbers wait in a pipe: every process reads the next number when it is free (reads of
4 bytes from one pipe do not interleave). A child writes each result, pickled, as a frame
to a file in memory of its own (``memfd``), which the main process reads once the child
has ended: nothing waits on a full pipe, and no thread of the main process competes with
its own work for the interpreter.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any

_NUMBER = 4  # bytes of a job's number in the pipe
_HEAD = 8  # bytes of a frame's length
MAX_JOBS = 8192  # numbers that fit in a pipe's buffer (64 KiB) at once
_FAILED = -1  # a frame that carries a child's exception instead of a result


def share(
    count: int,
    processes: int,
    here: Callable[[int], Any],
    there: Callable[[int], Any],
) -> list[tuple[bool, Any]]:
    """Do jobs ``0 … count-1`` in this process and ``processes - 1`` forked children.

    ``here(n)`` does job ``n`` in this process; ``there(n)`` does it in a child, and must
    return something that pickles. Returns, for each job in order, ``(True, here's result)``
    or ``(False, there's result)``. An exception in a child raises :class:`WorkerFailed`
    here; a child that ends without having sent all it took on, :class:`ChildLost`.
    Ctrl-C (or any error here) stops the children too. Where no child can be made (a limit
    on processes or files), this process does the jobs alone.
    """
    if not 0 <= count <= MAX_JOBS:
        raise ValueError(f"at most {MAX_JOBS} jobs, not {count}")
    todo_r, todo_w = os.pipe()
    try:
        _write_all(todo_w, b"".join(n.to_bytes(_NUMBER, "little") for n in range(count)))
    finally:
        os.close(todo_w)  # (before forking: once the numbers are taken, every read ends)
    children: list[int] = []
    outputs: list[int] = []
    try:
        # Ctrl-C waits while a child is being made, so that none goes unrecorded.
        masked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(processes - 1):
                try:
                    out = _scratch()
                except OSError:  # (out of file descriptors): the processes there are do it all
                    break
                outputs.append(out)
                try:
                    pid = os.fork()
                except OSError:  # (a limit on processes, or on memory): as above
                    break
                if pid == 0:  # pragma: no cover  (the child; coverage does not follow it)
                    _child(todo_r, out, there)
                children.append(pid)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        done = {n: (True, here(n)) for n in iter(lambda: _take(todo_r), None)}
        statuses = [_reap(pid) for pid in children]
        children = []
        for out in outputs:
            for n, result in _frames(out):
                if n == _FAILED:
                    what, remote = result
                    raise WorkerFailed(what, remote) from RemoteTraceback(remote)
                done[n] = (False, result)
        if len(done) < count:
            raise ChildLost(statuses)
        return [done[n] for n in range(count)]
    finally:
        for pid in children:  # an error here, or Ctrl-C: the children stop with it
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _reap(pid)
        for fd in (todo_r, *outputs):
            os.close(fd)


class WorkerFailed(RuntimeError):
    """An exception in a worker process: what it was, and its traceback there."""

    def __init__(self, what: str, remote_traceback: str) -> None:
        super().__init__(f"in a worker process: {what}")
        self.remote_traceback = remote_traceback


class RemoteTraceback(Exception):
    """A worker's traceback, as the cause of :class:`WorkerFailed` (shown with it)."""

    def __str__(self) -> str:
        return f'\n"""\n{self.args[0]}"""'


class ChildLost(RuntimeError):
    """A worker process ended before it had sent all it took on."""

    def __init__(self, statuses: list[int]) -> None:
        super().__init__(f"a worker process ended early (exit statuses {statuses})")


def _child(todo: int, out: int, there: Callable[[int], Any]) -> None:  # pragma: no cover
    """A child's life: take jobs until none are left, write each result, exit."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to report
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (blocked while forking)
        while (n := _take(todo)) is not None:
            _send(out, (n, there(n)))
    except BaseException as exc:
        code = 1
        with contextlib.suppress(BaseException):  # (if it cannot be said, ChildLost says it)
            what = "".join(traceback.format_exception_only(exc)).strip()
            _send(out, (_FAILED, (what, traceback.format_exc())))
    finally:
        os._exit(code)  # nothing of the parent's (atexit handlers, buffers) runs twice


def _scratch() -> int:
    """A file that lives as long as its descriptor: in memory, or else an unnamed temporary
    file (where Python was built without ``memfd_create``)."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("guanxin-worker", os.MFD_CLOEXEC)
    import tempfile

    with tempfile.TemporaryFile() as unnamed:
        return os.dup(unnamed.fileno())


def _take(todo: int) -> int | None:
    raw = os.read(todo, _NUMBER)
    return int.from_bytes(raw, "little") if raw else None


def _send(fd: int, what: tuple[int, Any]) -> None:
    frame = pickle.dumps(what, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, len(frame).to_bytes(_HEAD, "little") + frame)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _frames(fd: int) -> list[tuple[int, Any]]:
    """The whole frames a child wrote to ``fd`` (one cut short by its end is dropped)."""
    size = os.fstat(fd).st_size
    data = bytearray()
    while len(data) < size and (part := os.pread(fd, size - len(data), len(data))):
        data += part
    view = memoryview(data)
    frames = []
    at = 0
    while at + _HEAD <= len(view):
        end = at + _HEAD + int.from_bytes(view[at : at + _HEAD], "little")
        if end > len(view):
            break
        frames.append(pickle.loads(view[at + _HEAD : end]))
        at = end
    return frames


def _reap(pid: int) -> int:
    """Wait for a child; its exit code (negative: the signal that ended it)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status)
