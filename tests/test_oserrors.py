"""The system's reasons (an OSError's) said in the user's language, not as English inside
Chinese; an environment variable said to be one; a webhook's wrong port said as such."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from guanxin_cli.errors import Location
from guanxin_cli.oserrors import os_reason

from .editkit import make_workspace
from .robotkit import dead_port
from .test_outputs import NOBODY, needs_root, open_to_all, run_as, shared  # noqa: F401 (shared: a fixture)


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        (errno.ENOENT, "没有这个文件或文件夹", "no such file or folder"),
        (errno.EACCES, "没有权限", "permission denied"),
        (errno.EPERM, "没有权限", "permission denied"),
        (errno.ECONNREFUSED, "连接被拒绝", "connection refused"),
        (errno.ETIMEDOUT, "连接超时", "connection timed out"),
        (errno.ENOSPC, "磁盘已满", "no space left on the disk"),
        (errno.EROFS, "只读文件系统", "read-only file system"),
        (errno.EEXIST, "已经存在", "already exists"),
        (errno.EISDIR, "这是文件夹，不是文件", "it is a folder, not a file"),
        (errno.ENOTDIR, "路径中有一项不是文件夹", "a part of the path is not a folder"),
    ],
)
def test_an_oserrors_reason_in_either_language(code: int, zh: str, en: str) -> None:
    exc = OSError(code, os.strerror(code))
    assert os_reason(exc, "zh") == zh
    assert os_reason(exc, "en") == en


def test_an_unlisted_reason_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link"), "zh") == (
        "Invalid cross-device link"
    )


def test_a_connection_error_says_why_in_chinese() -> None:
    with pytest.raises(httpx.TransportError) as caught:
        httpx.post(f"http://127.0.0.1:{dead_port()}/", timeout=2)
    assert os_reason(caught.value, "zh") == "连接被拒绝"
    assert "Errno" not in os_reason(caught.value, "zh")


def test_a_dead_robot_is_said_in_chinese(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    url = f"http://127.0.0.1:{dead_port()}/cgi-bin/webhook/send?key=K"
    result = run(["notify", "--to", url, "--as-of", "2022-06-30", "--timeout", "1"], cwd=tmp_path)
    assert result.code == 75
    assert "连接被拒绝" in result.err and "Errno" not in result.err
    assert "Connection refused" not in result.err


def test_a_missing_secret_file_is_said_in_chinese(run: Any, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["notify", "--kind", "wecom", "--dry-run", "--secret-file", str(tmp_path / "none")]
    result = run(args, cwd=tmp_path)
    assert result.code == 2
    assert "没有这个文件或文件夹" in result.err and "No such file" not in result.err


@needs_root
def test_an_unreadable_school_file_is_said_in_chinese(shared: Path) -> None:  # noqa: F811 (the fixture)
    """As a user who may not read the file (root reads anything)."""
    ws = make_workspace(shared / "ws")
    open_to_all(ws)
    (ws / "data" / "schools" / "chaoyang-primary.yaml").chmod(0o000)
    result = run_as(NOBODY, ["check"], ws, {"GUANXIN_NO_CACHE": "1"})
    said = result.out + result.err
    assert result.code == 1 and "没有权限" in said, said
    assert "permission denied" not in said.lower() and "Errno" not in said


@pytest.mark.parametrize("value", ["garbage", "2022-06-30T10:00"])
def test_a_bad_clock_is_said_to_be_an_environment_variable(
    run: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_NOW", value)
    result = run(["status"], cwd=workspace)
    assert result.code == 2
    assert result.err.strip() == (
        f"环境变量 GUANXIN_NOW 的值“{value}”无效：应是带时区的时刻，例如 2022-06-30T23:50:00+08:00。"
    )
    assert "选项" not in result.err


@pytest.mark.parametrize(("port", "shown"), [("99999", "99999"), ("abc", "abc")])
def test_a_webhook_with_a_wrong_port_says_the_port(
    run: Any, tmp_path: Path, port: str, shown: str
) -> None:  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=SECRETKEY"
    result = run(["notify", "--to", url, "--as-of", "2022-06-30"], cwd=tmp_path)
    assert result.code == 2
    assert f"端口“{shown}”不对" in result.err and "https://" not in result.err
    assert "SECRETKEY" not in result.err


def test_a_file_we_may_not_read_is_said_in_chinese() -> None:
    """(as root the file is read anyway, so the reason is checked where it is worded)"""
    from guanxin_cli.messages import t
    from guanxin_cli.yamlio import _unreadable

    said = _unreadable(PermissionError(errno.EACCES, "Permission denied"), Location())
    assert t(said.msg, "zh", **said.params) == "无法读取文件（没有权限）。"
    other = _unreadable(OSError(errno.EIO, "Input/output error"), Location())
    assert "Input/output" not in t(other.msg, "zh", **other.params)
