"""Dates far from the plan year are typos: edits refuse them, check locates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from .editkit import SCHOOL, make_workspace, school_path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.mark.parametrize(
    "args",
    [
        ["done", "朝阳小学", "s2-team-cases", "--date", "2030-10-01"],
        ["done", "朝阳小学", "s2-team-cases", "--date", "2020-12-31"],
        ["set", "朝阳小学", "s2-team-cases", "--status", "in_progress", "--date", "2032-01-01"],
        ["record-audit", "朝阳小学", "--date", "2030-10-01", "--kind", "inspection"],
        [
            "record-audit",
            "朝阳小学",
            "--date",
            "2022-10-01",
            "--kind",
            "inspection",
            "--finding",
            "x",
            "--fix-by",
            "2022-09-01",
        ],
    ],
)
def test_far_dates_and_fix_by_before_the_audit_are_refused(args: list[str], run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(args, cwd=ws)
    assert result.code == 2, result.out
    assert "2022" in result.err
    assert school_path(ws).read_text(encoding="utf-8") == SCHOOL


def test_no_date_far_from_plan_asks(run, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_NOW", "2026-05-01T09:00:00+08:00")
    result = run(["done", "朝阳小学", "s2-team-cases"], cwd=ws)
    assert result.code == 2
    assert "今天（2026-05-01）不在 2022 年计划" in result.err and "--date" in result.err
    assert run(["set", "朝阳小学", "s2-team-cases", "--status", "done"], cwd=ws).code == 2
    monkeypatch.setenv("GUANXIN_NOW", "2022-06-28T09:00:00+08:00")
    result = run(["done", "朝阳小学", "s2-team-cases"], cwd=ws)
    assert result.code == 0, result.err
    assert "s2-team-cases: {status: done, date: 2022-06-28}" in school_path(ws).read_text("utf-8")


def test_a_date_just_before_the_plan_year_is_kept_but_noted(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2021-12-20"], cwd=ws)
    assert result.code == 0, result.err
    assert "2021-12-20 不在 2022 年内" in result.err


def test_a_date_months_outside_the_plan_year_is_refused(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    # a month either side of the plan's time is allowed; 2023-04-01 is another year's work
    for day in ("2021-10-01", "2023-04-01"):
        result = run(["done", "朝阳小学", "s2-team-cases", "--date", day], cwd=ws)
        assert result.code == 2, result.err
        assert f"--date {day} 离 2022 年计划太远" in result.err
        assert school_path(ws).read_text(encoding="utf-8") == SCHOOL


def test_replacing_a_done_date_says_so(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["done", "朝阳小学", "s2-red-festivals@清明前后", "--date", "2022-04-20"]
    result = run(args, cwd=ws)
    assert result.code == 0, result.err
    assert "s2-red-festivals@清明前后 原记录的完成日期 2022-04-14 改为 2022-04-20" in result.err
    again = run(args, cwd=ws)
    assert again.code == 0 and "原记录" not in again.err


def test_check_locates_far_dates_and_early_fix_by(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    text = SCHOOL.replace("date: 2022-04-15", "date: 2032-04-15") + (
        "    findings:\n      - {id: f1, text: 台账缺页, fix_by: 2022-03-01}\n"
    )
    school_path(ws).write_text(text, encoding="utf-8")
    result = run(["check"], cwd=ws)
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(
        line.startswith("data/schools/chaoyang-primary.yaml:16:42:") and "2032-04-15" in line
        for line in lines
    ), result.out
    assert any(
        line.startswith("data/schools/chaoyang-primary.yaml:35:38:") and "早于检查日期" in line
        for line in lines
    ), result.out


@pytest.mark.parametrize(
    ("task", "day", "warned"),
    [
        ("s2-team-lectures", "2023-01-10", False),  # the autumn term runs to 2023-01-13
        ("s2-team-lectures@秋季学期", "2023-02-10", True),  # after the plan's last deadline
        ("s2-team-cases", "2021-12-20", True),  # before its year
    ],
)
def test_a_date_outside_the_plans_time_is_recorded_with_a_warning(
    run,  # type: ignore[no-untyped-def]
    ws: Path,
    task: str,
    day: str,
    warned: bool,
) -> None:
    result = run(["done", "朝阳小学", task, "--date", day], cwd=ws)
    assert result.code == 0, result.err
    assert (f"{day} 不在 2022 年内" in result.err) is warned, result.err
