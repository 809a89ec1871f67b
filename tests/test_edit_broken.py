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


def test_file_with_a_syntax_error_named_by_its_chinese_name(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Too broken to parse, the file still says `name: 金坛区河滨小学` on a line of its own."""
    broken = HEBIN + "  s1-study-schools: {status: done, date: 2022-04-29}\n"
    school_path(ws, "hebin-primary").write_text(broken, encoding="utf-8")
    result = run(["done", "河滨", "s2-team-cases", "--date", "2022-07-06"], cwd=ws)
    assert result.code == 1, result.err
    assert "data/schools/hebin-primary.yaml:" in result.err
    assert "找不到学校" not in result.err and "河头" not in result.err


def test_unknown_school_lists_the_files_that_do_not_load(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Nothing in a broken file names the school: say it is not found, and which files
    could not be read (it may be in one of them)."""
    school_path(ws, "hebin-primary").write_bytes(b"\x00\x01 not yaml at all")
    result = run(["done", "河滨", "s2-team-cases", "--date", "2022-07-06"], cwd=ws)
    assert result.code == 1, result.err
    assert "找不到学校“河滨”" in result.err
    assert "data/schools/hebin-primary.yaml:" in result.err


def test_an_edit_never_writes_through_a_symlink_out_of_the_workspace(
    run,  # type: ignore[no-untyped-def]
    ws: Path,
    tmp_path: Path,
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    inside = school_path(ws)
    outside.write_bytes(inside.read_bytes())
    inside.unlink()
    inside.symlink_to(outside)
    before = outside.read_bytes()
    for name in ("chaoyang-primary", "朝阳小学"):
        result = run(["done", name, "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
        assert result.code == 1, result.err
        assert "chaoyang-primary.yaml" in result.err and "工作区之外" in result.err
        assert outside.read_bytes() == before
    assert run(["status"], cwd=ws).code == 1  # as reading refuses it
