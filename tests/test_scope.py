"""A task outside a school's scope: edits and check name the group and say how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .editkit import HEBIN, make_workspace, school_path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


def test_set_names_the_group_and_the_missing_facility(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["set", "河滨", "s2-family-station", "--status", "blocked", "--reason", "装修"]
    result = run(args, cwd=ws)
    assert result.code == 2
    assert "“设有校外辅导站的学校”" in result.err
    assert "facilities 下补上 tutoring_station" in result.err


def test_english_group_name(run, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_LANG", "en")
    result = run(["done", "河滨", "s2-family-station", "--date", "2022-12-01"], cwd=ws)
    assert result.code == 2
    assert "'Schools running an off-campus tutoring station'" in result.err
    assert "add facilities.tutoring_station" in result.err


def test_check_locates_each_out_of_scope_entry_with_its_fix(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_text(
        HEBIN
        + "progress:\n"
        + "  s2-family-station: {status: not_started}\n"
        + "  s1-study-district: {status: not_started}\n"
        + "  s3-youzhi-acceptance: {status: not_started}\n",
        encoding="utf-8",
    )
    result = run(["check"], cwd=ws)
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(
        line.startswith("data/schools/hebin-primary.yaml:6:3:") and "设有校外辅导站的学校" in line
        for line in lines
    )
    assert any(":7:3:" in line and "data/office.yaml" in line for line in lines)
    assert any(
        ":8:3:" in line and "2022年3月底验收的优质化学校" in line and "cohort: 2021" in line
        for line in lines
    )
