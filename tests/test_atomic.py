"""atomic_write never leaves half a file; file_lock lets concurrent edits all land."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guanxin_cli import atomic
from guanxin_cli.atomic import atomic_write, file_lock, write_or_fail
from guanxin_cli.errors import OutputError

from .conftest import Result
from .editkit import make_workspace, school_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    atomic_write(path, "新内容\n".encode())
    assert path.read_bytes() == "新内容\n".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.yaml", b"x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    atomic_write(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"


@pytest.mark.parametrize("fail", ["fsync", "replace", "write", "interrupt"])
def test_a_failed_write_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    path = tmp_path / "school.yaml"
    original = "# 注释\nid: x\n".encode()
    path.write_bytes(original)

    def boom(*args: object, **kwargs: object) -> None:
        if fail == "interrupt":
            raise KeyboardInterrupt
        raise OSError(28, "No space left on device")

    target = {"fsync": "fsync", "replace": "replace", "interrupt": "replace"}.get(fail)
    if target:
        monkeypatch.setattr(atomic.os, target, boom)
    else:
        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: _FailingFile(fd))
    expected: type[BaseException] = KeyboardInterrupt if fail == "interrupt" else OSError
    with pytest.raises(expected):
        atomic_write(path, b"half-written new content")
    if fail != "interrupt":
        with pytest.raises(OutputError) as located:
            write_or_fail(path, b"half-written new content")
        assert located.value.exit_code == 73  # as for a report that cannot be written
        assert located.value.problems[0].msg == "err.output"
        assert located.value.problems[0].where.path == path
    monkeypatch.undo()
    assert path.read_bytes() == original
    assert leftovers(tmp_path) == []


class _FailingFile:
    """A file object whose write fails after the temp file exists (disk full)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        os.write(self.fd, data[:5])
        raise OSError(28, "No space left on device")


def test_a_failed_edit_reports_and_keeps_the_file(
    run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = school_path(ws).read_bytes()

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 73  # the file could not be written (as for an output file)
    assert "无法写入" in result.err and "磁盘已满" in result.err
    assert school_path(ws).read_bytes() == before
    assert leftovers(school_path(ws).parent) == []


def test_a_killed_edit_leaves_the_original(tmp_path: Path) -> None:
    """SIGKILL right after the temp file is written: the school file is untouched."""
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    before = path.read_bytes()
    script = (
        "import os, sys\n"
        "from guanxin_cli import atomic\n"
        "real = atomic.os.fsync\n"
        "def fsync(fd):\n"
        "    real(fd)  # the temp file is complete and on disk; now die before the rename\n"
        "    os.kill(os.getpid(), 9)\n"
        "atomic.os.fsync = fsync\n"
        "from guanxin_cli.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, "done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"],
        cwd=ws,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == -9
    assert path.read_bytes() == before
    # The temp file of the killed writer is hidden (.name.*.tmp), ignored by `check`...
    assert len(leftovers(path.parent)) == 1
    result = _run(["check"], ws)
    assert result.code == 0, result.err
    # ...and the next edit of the file works and sweeps it away.
    assert _run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], ws).code == 0
    assert "s2-team-cases: {status: done, date: 2022-06-28}" in path.read_text("utf-8")
    assert leftovers(path.parent) == []


def _run(args: list[str], cwd: Path) -> Result:
    from .conftest import run_process

    return run_process(args, cwd)


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    return subprocess.Popen(
        [sys.executable, "-m", "guanxin_cli", *args],
        cwd=cwd,
        env={**env, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _race(ws: Path, path: Path, edits: list[list[str]]) -> None:
    """Hold ``path``'s lock while every edit starts (each reads the files, then waits for
    the lock), then let them race for it: every one must land."""
    with file_lock(path):
        procs = [_start(args, ws) for args in edits]
        # every process is now either starting up or waiting for the lock we hold
        for proc in procs:
            with pytest.raises(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
    outcomes = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * len(procs), outcomes


def test_concurrent_edits_of_one_file_all_land(tmp_path: Path) -> None:
    """Hold the lock while several edits start, then let them race for it."""
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    edits = [
        ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"],
        ["done", "朝阳小学", "s1-study-implement", "--date", "2022-04-20"],
        ["set", "朝阳小学", "s2-culture-essay", "--status", "in_progress", "--date", "2022-09-01"],
        ["record-audit", "朝阳小学", "--date", "2022-06-10", "--kind", "inspection"],
    ]
    _race(ws, path, edits)
    text = path.read_text("utf-8")
    assert "s2-team-cases: {status: done, date: 2022-06-28}" in text
    assert "s1-study-implement: {status: done, date: 2022-04-20}" in text
    assert "s2-culture-essay: {status: in_progress, started: 2022-09-01}" in text
    assert "id: inspection-2022-06" in text
    assert _run(["check"], ws).code == 0


def test_concurrent_audits_of_one_school_each_get_their_own_id(tmp_path: Path) -> None:
    """All four load the school before any can write: the next free id must be worked out
    under the lock, or three of them would clash over inspection-2022-11."""
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    edits = [
        ["record-audit", "朝阳小学", "--date", f"2022-11-2{i}", "--kind", "inspection"]
        for i in range(1, 5)
    ]
    _race(ws, path, edits)
    ids = re.findall(r"id: (inspection-2022-11\S*)", path.read_text("utf-8"))
    assert sorted(ids) == [
        "inspection-2022-11",
        "inspection-2022-11-2",
        "inspection-2022-11-3",
        "inspection-2022-11-4",
    ]
    assert _run(["check"], ws).code == 0


def test_two_edits_started_at_once_both_land(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    a = _start(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], ws)
    b = _start(["done", "朝阳小学", "s1-study-implement", "--date", "2022-04-20"], ws)
    assert a.wait(timeout=120) == 0 and b.wait(timeout=120) == 0
    text = path.read_text("utf-8")
    assert "s2-team-cases: {status: done" in text and "s1-study-implement: {status: done" in text
