"""status flags school files that git has not seen change for a long time while tasks are open."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import REPO, run_process

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def git(root: Path, *args: str, date: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{date}T10:00:00+08:00",
        "GIT_COMMITTER_DATE": f"{date}T10:00:00+08:00",
        "GIT_AUTHOR_NAME": "秘书",
        "GIT_AUTHOR_EMAIL": "sec@example.org",
        "GIT_COMMITTER_NAME": "秘书",
        "GIT_COMMITTER_EMAIL": "sec@example.org",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_stale_files_are_flagged(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q", date="2022-03-01")
    git(root, "add", "-A", date="2022-03-01")
    git(root, "commit", "-qm", "年初数据", date="2022-03-01")
    chaoyang = root / "data" / "schools" / "chaoyang-primary.yaml"
    chaoyang.write_text(chaoyang.read_text(encoding="utf-8") + "# 6月更新\n", encoding="utf-8")
    git(root, "commit", "-qam", "朝阳小学6月进度", date="2022-06-20")

    result = run_process(["status", "--as-of", "2022-06-30", "--json"], cwd=root)
    schools = {s["id"]: s for s in json.loads(result.out)["data"]["schools"]}
    assert schools["chaoyang-primary"]["file_changed"] == "2022-06-20"
    assert schools["chaoyang-primary"]["stale"] is False
    assert schools["hetou-primary"]["file_changed"] == "2022-03-01"
    assert schools["hetou-primary"]["stale"] is True  # 121 days, with open tasks

    text = run_process(["status", "--as-of", "2022-06-30"], cwd=root, env={"COLUMNS": "200"})
    assert "久未更新（文件超过 60 天没有提交，且有未完成事项）" in text.out
    assert (
        "河头小学（2022-03-01）" in text.out
        and "金坛区朝阳小学（" not in text.out.split("久未更新")[1]
    )
    assert "文件提交" in text.out
    row = next(line for line in text.out.splitlines() if line.startswith("金坛区朝阳小学"))
    assert "2022-06-20" in row and "⚠" not in row
    narrow = run_process(["status", "--as-of", "2022-06-30"], cwd=root, env={"COLUMNS": "80"})
    table = narrow.out.split("学校（按风险排序）")[1].split("⚠ 久未更新")[0]
    from rich.cells import cell_len

    assert max(cell_len(line) for line in table.splitlines()) <= 80

    relaxed = run_process(
        ["status", "--as-of", "2022-06-30", "--json", "--stale-days", "200"], cwd=root
    )
    assert not any(s["stale"] for s in json.loads(relaxed.out)["data"]["schools"])


def test_no_git_no_stale_flags(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    result = run_process(["status", "--as-of", "2022-06-30", "--json"], cwd=root)
    data = json.loads(result.out)["data"]
    assert data["history"] is False
    assert all(s["file_changed"] is None and s["stale"] is False for s in data["schools"])


def test_guanxins_own_repository_shows_no_commit_dates(run) -> None:  # type: ignore[no-untyped-def]
    """The plan and samples in guanxin's own repository (a source checkout, which is in
    git) are not a workspace's own files: their commit dates are guanxin's."""
    result = run(["status", "--root", str(REPO), "--as-of", "2022-06-30", "--json"])
    data = json.loads(result.out)["data"]
    assert data["history"] is False
    assert all(s["file_changed"] is None for s in data["schools"])
    assert "文件提交" not in run(["status", "--root", str(REPO), "--as-of", "2022-06-30"]).out
