"""Edits naming a school whose own file is broken report that file's problems, not "not found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from .editkit import HEBIN, make_workspace, school_path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


def test_gbk_file_named_by_id_reports_the_encoding(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_bytes(HEBIN.encode("gb18030"))
    result = run(["done", "hebin-primary", "s4-platform-aid", "--date", "2022-12-01"], cwd=ws)
    assert result.code == 1, result.err
    assert "data/schools/hebin-primary.yaml:3:7:" in result.err
    assert "GB18030" in result.err
    assert "找不到学校" not in result.err


def test_gbk_file_named_by_its_chinese_name(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_bytes(HEBIN.encode("gb18030"))
    result = run(["set", "河滨", "s2-team-cases", "--status", "in_progress"], cwd=ws)
    assert result.code == 1, result.err
    assert "hebin-primary.yaml:3:7:" in result.err


def test_typo_key_reported_with_its_line(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_text(HEBIN + "liasion: 刘秀英\n", encoding="utf-8")
    result = run(
        ["record-audit", "河滨小学", "--date", "2022-10-01", "--kind", "inspection"], cwd=ws
    )
    assert result.code == 1, result.err
    assert "hebin-primary.yaml:5:1:" in result.err
    assert "liaison" in result.err  # the did-you-mean hint


def test_other_broken_file_does_not_stop_an_edit(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_bytes(HEBIN.encode("gb18030"))
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 0, result.err


def test_part_fitting_a_loaded_and_a_broken_school_is_ambiguous(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "chaoyang-middle").write_text(
        "schema_version: 1\nid: chaoyang-middle\nname: 金坛区朝阳中学\ntype: middel\n",
        encoding="utf-8",
    )
    result = run(["done", "朝阳", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 2, result.err
    assert "金坛区朝阳小学（chaoyang-primary）" in result.err
    assert "金坛区朝阳中学（chaoyang-middle）" in result.err
