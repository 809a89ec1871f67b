"""Outputs and edits that cannot be turned against the user (issue 24).

Devices, FIFOs and the shell's own streams are written through, never replaced; read-only
files are refused, for root too; a lock that cannot be made, an unreadable data folder, a
missing home folder and a clock past the calendar each get a clear message and the right
exit code; temp files of killed writers are swept and reported.

Cases that need another user run guanxin as a subprocess with that user's ids (these
tests run as root, as CI does): ``nobody`` (65534), and a uid with no passwd entry.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Result, run_process
from .editkit import make_workspace, school_path

AS_OF = ["--as-of", "2022-06-30"]
NOBODY = 65534
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="acts as another user or makes device nodes: needs root (CI runs as root)",
)


def unused_uid() -> int:
    """A user id with no passwd entry (as in containers and some cron setups)."""
    for uid in range(54321, 60000):
        try:
            pwd.getpwuid(uid)
        except KeyError:
            return uid
    raise AssertionError("no free uid")


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder other users can reach (pytest's own temp folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="guanxin-test-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:  # (put back what a test took away)
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def open_to_all(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)


def run_as(
    uid: int,
    args: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    *,
    home: bool = True,
) -> Result:
    """guanxin as a process of user ``uid`` (group the same, no other groups), by
    util-linux's ``setpriv``."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GUANXIN_") and k not in ("HOME", "XDG_CACHE_HOME")
    }
    if home:
        base["HOME"] = str(cwd)
    ids = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    proc = subprocess.run(
        [*ids, sys.executable, "-m", "guanxin_cli", *args],
        cwd=cwd,
        env={**base, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


# ------------------------------------------------------------ devices, FIFOs, streams


@needs_root
@pytest.mark.parametrize(
    "args",
    [
        ["overdue", *AS_OF, "--output"],
        ["export", "--format", "json", "--output"],
        ["timeline", *AS_OF, "--svg"],
    ],
    ids=["overdue", "export", "timeline"],
)
def test_a_character_device_as_output_stays_a_device(
    run, workspace: Path, tmp_path: Path, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    result = run([*args, str(null)], cwd=workspace)
    assert result.code in (0, 1), result.err
    st = os.stat(null)
    assert stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)


def test_a_fifo_as_output_is_written_through(run, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(["export", "--format", "json", "--output", str(fifo)], cwd=workspace)
    if not got and stat.S_ISFIFO(os.stat(fifo).st_mode):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # (a reader still waiting)
    reader.join(timeout=60)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and got[0].startswith(b'{"data"')


def test_a_socket_as_output_is_refused_and_stays_a_socket(
    run, workspace: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import socket

    path = tmp_path / "report.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        result = run(["export", "--format", "json", "--output", str(path)], cwd=workspace)
    assert result.code == 73, result.err
    assert stat.S_ISSOCK(os.stat(path).st_mode)


def test_dev_stdout_into_a_pipe_is_the_report(workspace: Path) -> None:
    result = run_process(["overdue", *AS_OF, "--output", "/dev/stdout"], workspace)
    assert result.code == 1, result.err  # something is overdue
    assert result.out.startswith("逾期事项报告")
    assert "无法写入" not in result.err


@pytest.mark.parametrize("path", ["/dev/stdout", "/proc/self/fd/1", "symlink"])
def test_dev_stdout_appended_to_a_file_keeps_its_lines(
    workspace: Path, tmp_path: Path, path: str
) -> None:
    log = tmp_path / "log.txt"
    log.write_text("上周的报告\n", encoding="utf-8")
    inode = log.stat().st_ino
    if path == "symlink":  # a link of the user's own to stdout is stdout too
        (tmp_path / "out").symlink_to("/dev/stdout")
        path = str(tmp_path / "out")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    with log.open("ab") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "guanxin_cli", "overdue", *AS_OF, "--output", path],
            cwd=workspace,
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 1, proc.stderr
    text = log.read_text("utf-8")
    assert text.startswith("上周的报告\n逾期事项报告")
    assert log.stat().st_ino == inode  # the same file, written to, not replaced


def test_dev_fd_n_is_written_through(workspace: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("first\n", encoding="utf-8")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "guanxin_cli",
                "export",
                "-f",
                "markdown",
                "-o",
                f"/dev/fd/{fd}",
            ],
            cwd=workspace,
            env=env,
            pass_fds=(fd,),
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(fd)
    assert proc.returncode == 0, proc.stderr
    text = log.read_text("utf-8")
    assert text.startswith("first\n# ") and len(text) > 100


# ---------------------------------------------------------------- read-only files


def test_a_read_only_school_file_is_not_replaced_by_done(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Root could replace it (the folder is writable), but its owner said not to."""
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    before = path.read_bytes()
    path.chmod(0o444)
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 73
    assert "只读" in result.err and "0444" in result.err
    # the file is named once, where the message is placed
    assert result.err.count("chaoyang-primary.yaml") == 1, result.err
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_export_target_is_refused(run, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "年度报告.md"
    target.write_text("保留的旧报告\n", encoding="utf-8")
    target.chmod(0o444)
    result = run(["export", "--format", "markdown", "--output", str(target)], cwd=workspace)
    assert result.code == 73
    assert "只读" in result.err and "年度报告.md" in result.err
    assert target.read_text("utf-8") == "保留的旧报告\n"


@needs_root
def test_a_file_this_user_may_not_write_is_not_replaced(shared: Path) -> None:
    """Another user's 0644 file in a folder everyone may write: the rename would replace
    it; guanxin refuses, as an editor would."""
    ws = make_workspace(shared / "ws")
    open_to_all(ws)
    path = school_path(ws)
    path.chmod(0o644)  # root's
    before = path.read_bytes()
    result = run_as(NOBODY, ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], ws)
    assert result.code == 73, result.err
    assert "只读" in result.err
    assert path.read_bytes() == before and path.stat().st_uid == 0


def test_root_editing_a_users_file_leaves_it_theirs(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    owner = path.stat().st_uid
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 0, result.err
    assert path.stat().st_uid == owner


# ---------------------------------------------------------------------- the lock


def test_a_lock_that_cannot_be_made_is_exit_73(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = make_workspace(tmp_path / "ws")
    path = school_path(ws)
    before = path.read_bytes()
    (path.parent / f".{path.name}.lock").mkdir()  # something in the lock file's way
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 73
    assert f".{path.name}.lock" in result.err and "锁文件" in result.err
    assert path.read_bytes() == before


@needs_root
def test_no_lock_in_a_read_only_folder_of_a_fresh_clone_is_exit_73(shared: Path) -> None:
    ws = make_workspace(shared / "ws")
    open_to_all(ws)
    schools = school_path(ws).parent
    schools.chmod(0o555)  # and no lock file yet, as in a fresh clone
    result = run_as(NOBODY, ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], ws)
    assert result.code == 73, result.err
    assert ".chaoyang-primary.yaml.lock" in result.err and "没有权限" in result.err


# -------------------------------------------------------------- unreadable folders


@needs_root
@pytest.mark.parametrize("folder", ["data/schools", "data"])
@pytest.mark.parametrize("command", [["status", *AS_OF], ["check"], ["overdue", *AS_OF]])
def test_an_unreadable_data_folder_is_a_located_problem(
    shared: Path, folder: str, command: list[str]
) -> None:
    ws = make_workspace(shared / "ws")
    open_to_all(ws)
    (ws / folder).chmod(0o000)
    result = run_as(NOBODY, command, ws, {"GUANXIN_NO_CACHE": "1"})
    assert result.code == 1, result.err
    assert f"{folder}: 无法读取文件夹" in result.err + result.out
    assert "内部错误" not in result.err


# ------------------------------------------------------------ no home, far clocks


@needs_root
@pytest.mark.parametrize(
    ("command", "codes"),
    [
        (["plan"], (0,)),
        (["status", *AS_OF], (0, 1)),
        (["check"], (0,)),
        (["overdue", *AS_OF], (1,)),
    ],
)
def test_no_home_and_no_passwd_entry_runs_without_a_cache(
    shared: Path, command: list[str], codes: tuple[int, ...]
) -> None:
    ws = make_workspace(shared / "ws")
    open_to_all(ws)
    result = run_as(unused_uid(), command, ws, home=False)
    assert result.code in codes, result.err
    assert "内部错误" not in result.err


@pytest.mark.parametrize(
    "now",
    [
        "9999-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
    ],
)
@pytest.mark.parametrize(
    "command", [["status"], ["done", "朝阳小学", "s2-team-cases"]], ids=["status", "done"]
)
def test_a_clock_past_the_calendar_is_a_usage_error(
    tmp_path: Path, now: str, command: list[str]
) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = school_path(ws).read_bytes()
    result = run_process(command, ws, {"GUANXIN_NOW": now})
    assert result.code == 2, result.err
    assert "GUANXIN_NOW" in result.err and now in result.err
    assert "内部错误" not in result.err
    assert school_path(ws).read_bytes() == before


# ----------------------------------------------------------- killed writers' temps


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temp_files_of_dead_writers_are_noted_by_check_and_swept_by_the_next_edit(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ws = make_workspace(tmp_path / "ws")
    schools = school_path(ws).parent
    dead = _dead_pid()
    other = schools / f".hebin-primary.yaml.{dead}.abc123.tmp"  # another file's
    other.write_text("half", encoding="utf-8")
    alive = schools / f".hebin-primary.yaml.{os.getpid()}.def456.tmp"  # a live writer's
    alive.write_text("being written", encoding="utf-8")
    result = run(["check"], cwd=ws)
    assert result.code == 0
    assert "data/schools/ 中有 1 个被中断的写入留下的临时文件" in result.err
    assert other.name in result.err
    assert other.exists() and alive.exists()  # check changes nothing
    assert run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws).code == 0
    assert not other.exists()  # an edit of the folder sweeps a dead writer's
    assert alive.exists()  # and leaves a live one's
    assert "临时文件" not in run(["check"], cwd=ws).err
