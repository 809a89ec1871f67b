"""guanxin init: a new workspace that passes check, for 2022 and for a template year."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from guanxin_cli import yamlio

from .conftest import run_process

EXPECTED = {
    "plans/2022.yaml",
    "plans/source/jintan-2022-work-points.txt",
    "schemas/plan.schema.json",
    "schemas/school.schema.json",
    "data/office.yaml",
    "data/schools/.gitkeep",
    "README.md",
    ".gitignore",
    ".pre-commit-config.yaml",
}


def files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def test_init_creates_a_workspace_that_checks(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["init", "ws"], cwd=tmp_path)
    assert result.code == 0, result.err
    ws = tmp_path / "ws"
    assert files(ws) == EXPECTED
    assert "已创建工作区" in result.out and "guanxin school add" in result.out
    check = run(["check"], cwd=ws)
    assert check.code == 0, check.err
    assert "自带" not in check.err  # the new workspace is used, not the bundled samples
    config = yamlio.load(ws / ".pre-commit-config.yaml").data
    [hook] = config["repos"][0]["hooks"]
    # the whole workspace is checked (no file names), whenever a plan or school file changes
    assert hook["entry"] == "guanxin check" and hook["pass_filenames"] is False
    changed = re.compile(hook["files"])
    assert changed.search("plans/2022.yaml") and changed.search("data/schools/x.yaml")
    assert not changed.search("README.md")
    assert ".*.lock" in (ws / ".gitignore").read_text("utf-8")


def test_init_year_template_for_another_office(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["init", "ws", "--year", "2023", "--issuer", "南通市教育局关工委"], cwd=tmp_path)
    assert result.code == 0, result.err
    ws = tmp_path / "ws"
    assert (ws / "plans" / "2023.yaml").is_file() and not (ws / "plans" / "2022.yaml").exists()
    # nothing of Jintan's anywhere in another office's workspace
    for path in ws.rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8")
            assert "金坛" not in text and "Jintan" not in text, path
    plan = yamlio.load(ws / "plans" / "2023.yaml").data
    assert plan["issuer"] == "南通市教育局关工委" and plan["level"] == "city"
    assert plan["title"] == "南通市教育局2023年关心下一代工作要点"  # as the document is titled
    office = yamlio.load(ws / "data" / "office.yaml").data
    assert office["name"] == "南通市教育局关工委" and office["type"] == "office"
    assert "市关工委" in (ws / "README.md").read_text("utf-8")
    check = run(["check"], cwd=ws)
    assert check.code == 0, check.err
    shown = run(["plan"], cwd=ws)
    assert shown.code == 0 and "2023" in shown.out and "2023-12-31" in shown.out
    assert "由市关工委本身完成的任务" in shown.out  # labels follow the issuer's level
    # a school can be added and recorded in the new workspace at once
    add = ["school", "add", "chongchuan-primary", "--name", "崇川小学", "--type", "primary"]
    assert run(add, cwd=ws).code == 0
    done = run(["done", "崇川小学", "s1-study", "--date", "2023-05-01"], cwd=ws)
    assert done.code == 0, done.err
    assert run(["check"], cwd=ws).code == 0


def test_init_level_can_be_given_and_a_year_needs_an_issuer(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        ["init", "ws", "--year", "2024", "--issuer", "溧阳市教育局关工委", "--level", "county"],
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    plan = yamlio.load(tmp_path / "ws" / "plans" / "2024.yaml").data
    assert plan["level"] == "county"  # 溧阳 is a county-level city
    assert [g["rule"] for g in plan["groups"]] == [{"types": ["town"]}]
    refused = run(["init", "other", "--year", "2023"], cwd=tmp_path)
    assert refused.code == 2 and "--issuer" in refused.err and "guanxin roll 2023" in refused.err
    assert not (tmp_path / "other").exists()


def test_init_here_keeps_existing_readme(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "README.md").write_text("# 我们的仓库\n", encoding="utf-8")
    result = run(["init"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "README.md").read_text("utf-8") == "# 我们的仓库\n"
    assert "README.md（已存在，保留原样）" in result.out


@pytest.mark.parametrize("existing", ["plans", "data"])
def test_init_refuses_an_existing_workspace(run, tmp_path: Path, existing: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / existing).mkdir()
    (tmp_path / existing / "keep.yaml").write_text("x: 1\n", encoding="utf-8")
    result = run(["init", str(tmp_path)], cwd=tmp_path)
    assert result.code == 2
    assert "已是 guanxin 工作区" in result.err and "未做任何改动" in result.err
    assert files(tmp_path) == {f"{existing}/keep.yaml"}


def test_init_bad_year_and_not_a_folder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for year in ("1999", "0"):  # (0 once fell back to the 2022 plan)
        args = ["init", "ws", "--year", year, "--issuer", "某区教育局关工委"]
        assert run(args, cwd=tmp_path).code == 2
        assert not (tmp_path / "ws").exists()
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert run(["init", "file"], cwd=tmp_path).code == 2
    assert not (tmp_path / "ws").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_init_git_as_a_process(tmp_path: Path) -> None:
    result = run_process(["init", "ws", "--git", "--lang", "en"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "ws" / ".git").is_dir() and "ran git init" in result.out
    check = run_process(["check"], cwd=tmp_path / "ws")
    assert check.code == 0, check.err


def test_init_git_without_git(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = run(["init", "ws", "--git"], cwd=tmp_path)
    assert result.code == 0 and "未找到 git" in result.out
    assert not (tmp_path / "ws" / ".git").exists()


def test_adding_to_another_offices_workspace_speaks_of_that_office(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert (
        run(["init", "ws", "--year", "2023", "--issuer", "南通市教育局关工委"], cwd=tmp_path).code
        == 0
    )
    ws = tmp_path / "ws"
    office = run(["school", "add", "x", "--name", "某单位", "--type", "office"], cwd=ws)
    assert office.code == 2 and "市关工委本身的进度写在 data/office.yaml" in office.err
    assert "区关工委" not in office.err
    unit = run(
        ["school", "add", "haimen", "--name", "海门区教育局关工委", "--type", "county"], cwd=ws
    )
    assert unit.code == 0, unit.err
    assert unit.out.startswith("已创建单位 海门区教育局关工委（haimen）")
