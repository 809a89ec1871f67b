"""Edits in a workspace of several plan years and the small edit fixes of round 3: a
January date of the autumn term goes to its plan year; a note replaced is said; --date
reads what --as-of reads; fix takes the dates check accepts; a duplicate activity is
refused; every edit takes --year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guanxin_cli import yamlio


def school(ws: Path, name: str = "chaoyang-primary") -> Any:
    return yamlio.load(ws / "data" / "schools" / f"{name}.yaml").data


@pytest.fixture
def rolled(run, workspace: Path) -> Path:  # type: ignore[no-untyped-def]
    assert run(["roll", "2023"], cwd=workspace).code == 0
    return workspace


@pytest.mark.parametrize(
    "args",
    [
        ["done", "朝阳", "s2-red-regular@秋季学期", "--date", "2023-01-05"],
        ["done", "朝阳", "s2-red-regular", "--date", "2023-01-05"],
        ["set", "朝阳", "s2-red-regular@秋季学期", "--status", "done", "--date", "2023-01-05"],
    ],
)
def test_a_january_date_of_the_autumn_term_goes_to_its_plan_year(args, run, rolled: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(args, cwd=rolled)
    assert result.code == 0, result.err
    assert "记入 2022 年" in result.err and "--year 2023" in result.err
    years = school(rolled)["years"]
    entry = years[2022]["progress"]["s2-red-regular@秋季学期"]
    assert entry["status"] == "done" and str(entry["date"]) == "2023-01-05"
    assert "s2-red-regular@秋季学期" not in (years.get(2023) or {}).get("progress", {})


def test_the_year_given_or_the_new_plans_own_window_keeps_the_later_year(run, rolled: Path) -> None:  # type: ignore[no-untyped-def]
    given = run(
        ["done", "朝阳", "s2-red-regular@秋季学期", "--date", "2023-01-05", "--year", "2023"],
        cwd=rolled,
    )
    assert given.code == 0, given.err
    assert "记入 2022 年" not in given.err
    spring = run(["done", "朝阳", "s2-red-regular@春季学期", "--date", "2023-03-05"], cwd=rolled)
    assert spring.code == 0, spring.err
    years = school(rolled)["years"]
    assert "s2-red-regular@秋季学期" in years[2023]["progress"]
    assert "s2-red-regular@春季学期" in years[2023]["progress"]
    assert str(years[2022]["progress"]["s2-red-regular@秋季学期"]["status"]) == "in_progress"


# ------------------------------------------------------------- a note replaced is said


def test_a_note_replaced_is_said_on_stderr(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    done = run(
        ["done", "朝阳", "s2-family-systems", "--date", "2022-07-01", "--note", "名单已定"],
        cwd=workspace,
    )
    assert done.code == 0, done.err
    assert "人生导师名单尚未确定。" in done.err and "名单已定" in done.err
    fixed = run(
        ["fix", "河头", "committee-roster", "--date", "2022-07-10", "--note", "已调整"],
        cwd=workspace,
    )
    assert fixed.code == 0, fixed.err
    assert "学校党支部尚未研究" in fixed.err and "已调整" in fixed.err
    # the same note again, or a first note, says nothing
    again = run(
        ["done", "朝阳", "s2-family-systems", "--date", "2022-07-01", "--note", "名单已定"],
        cwd=workspace,
    )
    assert again.code == 0 and "备注" not in again.err


# ------------------------------------------------- --date reads what --as-of reads


def test_edits_read_dates_as_as_of_does_in_the_plans_year(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["done", "朝阳", "s2-red-festivals@七一", "--date", "7月1日"],
        ["set", "朝阳", "s2-team-cases", "--status", "in_progress", "--date", "3月31日"],
        ["fix", "河头", "committee-roster", "--date", "7月10日"],
        ["activity", "add", "朝阳", "--title", "清明祭扫", "--date", "4月3日"],
        [
            "record-audit",
            "朝阳",
            "--date",
            "11月15日",
            "--kind",
            "inspection",
            "--finding",
            "台账照片缺说明",
            "--fix-by",
            "12月底",
        ],
    ):
        result = run(args, cwd=workspace)
        assert result.code == 0, (args, result.err)
    records = school(workspace)["years"][2022]
    assert str(records["progress"]["s2-red-festivals@七一"]["date"]) == "2022-07-01"
    assert str(records["progress"]["s2-team-cases"]["started"]) == "2022-03-31"
    assert str(records["activities"][-1]["date"]) == "2022-04-03"
    audit = records["audits"][-1]
    assert str(audit["date"]) == "2022-11-15"
    assert str(audit["findings"][0]["fix_by"]) == "2022-12-31"
    hetou = school(workspace, "hetou-primary")["years"][2022]["audits"]
    fixed = [f for a in hetou for f in a.get("findings", []) if f["id"] == "committee-roster"]
    assert str(fixed[0]["fixed"]) == "2022-07-10"
    bad = run(["done", "朝阳", "s2-team-cases", "--date", "2月30日"], cwd=workspace)
    assert bad.code == 2 and "2022" in bad.err and "Traceback" not in bad.err


def test_a_date_phrase_is_read_in_the_year_given(run, rolled: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        ["done", "朝阳", "s2-red-festivals@七一", "--date", "7月1日", "--year", "2022"], cwd=rolled
    )
    assert result.code == 0, result.err
    entry = school(rolled)["years"][2022]["progress"]["s2-red-festivals@七一"]
    assert str(entry["date"]) == "2022-07-01"


# ------------------------------------------- fix takes the dates check accepts for fixed


def test_a_finding_is_fixed_in_the_next_spring_before_its_plan_exists(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["fix", "河头", "committee-roster", "--date", "2023-03-10"], cwd=workspace)
    assert result.code == 0, result.err
    assert run(["check"], cwd=workspace).code == 0
    hetou = school(workspace, "hetou-primary")["years"][2022]["audits"]
    fixed = [f for a in hetou for f in a.get("findings", []) if f["id"] == "committee-roster"]
    assert str(fixed[0]["fixed"]) == "2023-03-10"
    # check's limit: two years after the audit
    late = run(["fix", "河头", "committee-roster", "--date", "2025-03-10"], cwd=workspace)
    assert late.code == 2 and "2 年" in late.err and "Traceback" not in late.err


# ------------------------------------------------------- the same activity twice


def test_the_same_activity_on_the_same_day_is_refused(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["activity", "add", "朝阳", "--title", "清明祭扫烈士墓", "--date", "2022-04-03"]
    first = run(args, cwd=workspace)
    assert first.code == 0, first.err
    before = (workspace / "data" / "schools" / "chaoyang-primary.yaml").read_bytes()
    again = run(args, cwd=workspace)
    assert again.code == 2 and "不再重复记录" in again.err and "Traceback" not in again.err
    assert (workspace / "data" / "schools" / "chaoyang-primary.yaml").read_bytes() == before
    other_day = run([*args[:-1], "2022-04-04"], cwd=workspace)
    assert other_day.code == 0, other_day.err
    english = run([*args, "--lang", "en"], cwd=workspace)
    assert english.code == 2 and "not recorded twice" in english.err


def test_fix_and_activity_add_take_the_year(run, rolled: Path) -> None:  # type: ignore[no-untyped-def]
    act = run(
        ["activity", "add", "朝阳", "--title", "迎新", "--date", "9月1日", "--year", "2023"],
        cwd=rolled,
    )
    assert act.code == 0, act.err
    assert str(school(rolled)["years"][2023]["activities"][-1]["date"]) == "2023-09-01"
    fixed = run(
        ["fix", "河头", "committee-roster", "--date", "2023-03-10", "--year", "2022"], cwd=rolled
    )
    assert fixed.code == 0, fixed.err
    missing = run(["fix", "河头", "committee-roster", "--year", "2021"], cwd=rolled)
    assert missing.code == 2 and "2022、2023" in missing.err


def test_an_activity_for_the_autumn_terms_task_in_january_goes_to_its_year(
    run, rolled: Path
) -> None:  # type: ignore[no-untyped-def]
    args = ["activity", "add", "朝阳", "--title", "期末红色教育", "--date", "2023-01-05"]
    result = run([*args, "--task", "s2-red-regular"], cwd=rolled)
    assert result.code == 0, result.err
    assert "记入 2022 年" in result.err
    years = school(rolled)["years"]
    assert years[2022]["activities"][-1]["name"] == "期末红色教育"
