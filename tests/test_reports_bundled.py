"""status and audit on the bundled 2022 data, with no set-up, for fixed dates."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from guanxin_cli.workspace.folders import BUNDLED_ROOT

from .conftest import run_process


def status_json(tmp_path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = run_process(["status", "--json", *args], cwd=tmp_path)
    assert result.code == 0, result.err
    return json.loads(result.out)["data"]  # type: ignore[no-any-return]


def test_status_runs_on_bundled_data_and_fits_80_columns(tmp_path: Path) -> None:
    result = run_process(["status", "--as-of", "2022-06-30"], cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.code == 0
    assert "自带" in result.err
    assert "截至 2022-06-30（周四）" in result.out
    assert max(cell_len(line) for line in result.out.splitlines()) <= 80
    data = status_json(tmp_path, "--as-of", "2022-06-30")
    counts = data["counts"]
    assert f"逾期 {counts['overdue']} · 受阻 {data['blocked']}" in result.out


@pytest.mark.parametrize("columns", [60, 80])
def test_a_narrow_terminal_cuts_titles_never_numbers(tmp_path: Path, columns: int) -> None:
    """ "18…" for 184 days reads as 18: counts, dates and states stay whole, titles give way."""
    result = run_process(
        ["status", "--as-of", "2022-06-30"], cwd=tmp_path, env={"COLUMNS": str(columns)}
    )
    assert result.code == 0, result.err
    assert max(cell_len(line) for line in result.out.splitlines()) <= columns
    data = status_json(tmp_path, "--as-of", "2022-06-30")
    for s in data["sections"]:
        r = s["rate"]
        assert f"{r['done']}/{r['total']}" in result.out
    assert "推进中 还有 184 天" in result.out  # the year-end report milestone
    assert "8/8–10" in result.out
    # the most urgent items keep their deadline and school; their titles end in "…"
    urgent = [line for line in result.out.splitlines() if line.startswith("今天到期")]
    assert urgent and all(re.search(r"06-30( 默认)?\s+岸头实验学校", line) for line in urgent)
    assert any("06-30 默认  岸头实验学校" in line for line in urgent)  # a date the plan chose
    assert any(line.rstrip().endswith("…") for line in urgent)


@pytest.mark.parametrize("columns", [60, 80])
def test_overdue_by_task_in_a_narrow_terminal_keeps_each_school_whole(
    tmp_path: Path, columns: int
) -> None:
    env = {"COLUMNS": str(columns), "FORCE_COLOR": "1"}  # Rich's terminal layout
    args = ["overdue", "--as-of", "2022-06-30", "--within", "7d", "--by", "task"]
    result = run_process(args, cwd=tmp_path, env=env)
    assert result.code == 1, result.err
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.out.splitlines()]
    rows = [line for line in lines if line.startswith("逾期 60 天")]
    assert max(cell_len(row) for row in rows) <= columns
    assert [row.split()[4] for row in rows] == [
        "岸头实验学校",
        "河头小学",
        "金坛区第二中学",
        "新城实验幼儿园",
    ]


def test_acceptance_milestone_story(tmp_path: Path) -> None:
    april = {m["id"]: m for m in status_json(tmp_path, "--as-of", "2022-04-01")["milestones"]}
    acceptance = april["m-acceptance"]
    # two of the three March schools passed by 3月底; 殷雪梅小学 only conditionally
    assert acceptance["state"] == "missed"
    assert acceptance["achieved"] == ["chaoyang-primary", "xicheng-primary"]
    assert acceptance["pending"] == ["yinxuemei-primary"]
    year_end = {m["id"]: m for m in status_json(tmp_path, "--as-of", "2022-12-31")["milestones"]}
    assert year_end["m-acceptance"]["state"] == "met_late"
    assert year_end["m-acceptance"]["late"] == ["yinxuemei-primary"]
    applications = year_end["m-applications"]
    assert (applications["state"], applications["count_by_due"], applications["count_now"]) == (
        "met",
        8,
        9,
    )
    assert applications["late"] == ["antou-experimental"]


def test_year_end_header(tmp_path: Path) -> None:
    result = run_process(["status", "--as-of", "2023-02-01"], cwd=tmp_path)
    assert "2022年度已结束：以下为全年最终状态。" in result.out
    en = run_process(["status", "--as-of", "2023-02-01", "--lang", "en"], cwd=tmp_path)
    assert "The 2022 plan year has ended" in en.out


def test_the_year_has_not_ended_while_the_autumn_term_is_open(tmp_path: Path) -> None:
    """The autumn term's items fall due when it ends, on 2023-01-13 (the default Jiangsu
    terms): in January the plan is still running (and the cron report must not call its
    due-soon list the year's final state)."""
    january = status_json(tmp_path, "--as-of", "2023-01-10")
    assert january["year_ended"] is False and january["counts"]["due_soon"] > 0
    for args in (["status"], ["overdue", "--within", "7d"], ["timeline"]):
        result = run_process([*args, "--as-of", "2023-01-10"], cwd=tmp_path)
        assert result.code in (0, 1), result.err
        assert "年度已结束" not in result.out, args
    assert status_json(tmp_path, "--as-of", "2023-01-14")["year_ended"] is True


def test_status_narrowed_to_school_and_section(tmp_path: Path) -> None:
    whole = status_json(tmp_path, "--as-of", "2022-12-31")
    one = status_json(tmp_path, "--as-of", "2022-12-31", "--school", "河头")
    assert [s["id"] for s in one["schools"]] == ["hetou-primary"]
    hetou = next(s for s in whole["schools"] if s["id"] == "hetou-primary")
    assert one["counts"]["overdue"] == hetou["overdue"]
    assert one["open_findings"] == hetou["open_findings"] == 2
    sec = status_json(tmp_path, "--as-of", "2022-12-31", "--section", "三")
    assert [s["id"] for s in sec["sections"]] == ["s3"]
    assert {m["section"] for m in sec["milestones"]} == {"s3"}


def test_audit_chaoyang_lists_missing_evidence(tmp_path: Path) -> None:
    result = run_process(["audit", "--school", "朝阳", "--as-of", "2022-06-30"], cwd=tmp_path)
    assert result.code == 0, result.err
    assert "到校检查清单：金坛区朝阳小学" in result.out
    assert "包校            王建国" in result.out
    data = json.loads(
        run_process(
            ["audit", "--school", "朝阳", "--as-of", "2022-06-30", "--json"], cwd=tmp_path
        ).out
    )["data"]
    qingming = next(t for t in data["tasks"] if t["key"] == "s2-red-festivals@清明前后")
    assert qingming["state"] == "done_late"
    assert qingming["evidence_missing"] == ["活动总结"]
    assert "“重要节日、纪念日主题教育活动（清明前后）”请补齐佐证：活动总结" in result.out
    history = [h["kind"] for h in data["history"]]
    assert "youzhihua.district_review" in history and "audit.acceptance" in history


def test_audit_markdown(tmp_path: Path) -> None:
    result = run_process(
        ["audit", "--school", "hetou-primary", "--as-of", "2022-12-31", "--format", "markdown"],
        cwd=tmp_path,
    )
    assert result.code == 0
    assert result.out.startswith("# 到校检查清单：河头小学")
    assert "| ✓ | 事项 | 期限 | 状态 | 佐证 |" in result.out
    assert "## 整改事项" in result.out and "☐" in result.out


def test_audit_school_matching(tmp_path: Path) -> None:
    ambiguous = run_process(["audit", "--school", "小学"], cwd=tmp_path)
    assert ambiguous.code == 2
    assert "金坛区朝阳小学（chaoyang-primary）" in ambiguous.err and "河头小学" in ambiguous.err
    unknown = run_process(["audit", "--school", "朝杨小学"], cwd=tmp_path)
    assert unknown.code == 2 and "是不是：金坛区朝阳小学" in unknown.err
    assert "Traceback" not in ambiguous.err + unknown.err


def test_blocked_count_agrees_between_header_and_schools(tmp_path: Path) -> None:
    data = status_json(tmp_path, "--as-of", "2022-06-30")
    assert data["blocked"] == sum(s["blocked"] for s in data["schools"])
    text = run_process(["status", "--as-of", "2022-06-30"], cwd=tmp_path)
    assert f"受阻 {data['blocked']} ·" in text.out


def test_the_bundled_samples_have_no_commit_dates(tmp_path: Path) -> None:
    """In a source checkout the sample files are in guanxin's own git history; ``status``
    must not show guanxin's commit dates as the schools' (an installed copy has none)."""
    git = shutil.which("git")
    dated = (
        git
        and subprocess.run(
            [git, "-C", str(BUNDLED_ROOT), "log", "-1", "--format=%ad", "--", "data"],
            capture_output=True,
            check=False,
        ).stdout.strip()
    )
    if not dated:
        pytest.skip("the package is not inside a git checkout here: nothing to mistake")
    data = status_json(tmp_path, "--as-of", "2022-12-31")
    assert data["history"] is False
    assert [s["file_changed"] for s in data["schools"]] == [None] * len(data["schools"])
    text = run_process(["status", "--as-of", "2022-12-31"], cwd=tmp_path)
    assert "学校（按风险排序）" in text.out
    assert "文件提交" not in text.out
