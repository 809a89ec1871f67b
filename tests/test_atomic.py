"""``atomic_write``: all or nothing, in the same folder, keeping the file's mode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from guanxin_cli.atomic import atomic_write


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "报告.md"
    atomic_write(target, b"one")
    atomic_write(target, "二".encode())
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.md"]


def test_keeps_an_existing_mode_and_gives_new_files_the_umask_mode(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.write_bytes(b"x")
    old.chmod(0o640)
    atomic_write(old, b"y")
    assert old.stat().st_mode & 0o777 == 0o640
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new", b"z")
    finally:
        os.umask(umask)
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o644


def test_failure_cleans_up_and_leaves_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f"
    target.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_missing_folder_raises_without_creating_it(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write(tmp_path / "nope" / "f", b"x")
    assert not (tmp_path / "nope").exists()
