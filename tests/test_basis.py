"""Where a date comes from: ``basis: document|default`` in the plan, and every report
marking the dates the plan chose (默认 / default) apart from the document's own."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from guanxin_cli.dates_en import phrase_en
from guanxin_cli.render.words import due_label, full_window, month_day, window
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.plans import load_plan

from .conftest import REPO

MIXED = """\
          - id: s9-mixed
            title: 一个时间部分出自原文的任务
            source: 以优异成绩迎接党的二十大胜利召开
            owner: district
            scope: district
            when: [{phrase: 二十大, basis: document}, 年底前]
"""


def _with_task(workspace: Path, task: str) -> Path:
    """The repo's plan with ``task`` added to its first point."""
    path = workspace / "plans" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "        tasks:\n"
    at = text.index(anchor) + len(anchor)
    path.write_text(text[:at] + task + text[at:], encoding="utf-8")
    return path


def test_a_task_mixes_a_document_phrase_with_default_ones(workspace: Path) -> None:
    _with_task(workspace, MIXED)
    lp = load_plan(Workspace(workspace))
    occurrences = {o.key: o.basis for o in lp.occurrences["s9-mixed"]}
    assert occurrences == {"二十大": "document", "年底前": "default"}
    plain = {o.key: o.basis for o in lp.occurrences["s1-study-district"]}
    assert plain == {"3月底": "default"}  # a plain phrase, no basis: a default


def test_a_whole_task_can_claim_the_document(workspace: Path) -> None:
    _with_task(
        workspace,
        MIXED.replace("when: [{phrase: 二十大, basis: document}, 年底前]", "when: 二十大")
        + "            basis: document\n",
    )
    lp = load_plan(Workspace(workspace))
    assert [o.basis for o in lp.occurrences["s9-mixed"]] == ["document"]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("{phrase: 二十大, basis: maybe}", "basis"),
        ("{phrase: 十三月底}", "十三月底"),
        ("{phrase: 二十大, when: 3月底}", "when"),
    ],
)
def test_a_bad_phrase_mapping_is_located(run, workspace: Path, when: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    _with_task(workspace, MIXED.replace("[{phrase: 二十大, basis: document}, 年底前]", when))
    result = run(["check"], cwd=workspace)
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if "plans/2022.yaml" in line)
    assert re.match(r"plans/2022\.yaml:\d+:\d+:", line) and expected in line
    assert "Traceback" not in result.out + result.err


def test_date_helpers_show_windows_and_years() -> None:
    assert month_day(dt.date(2022, 7, 8), 2022) == "07-08"
    assert month_day(dt.date(2023, 1, 31), 2022) == "2023-01-31"
    assert window(dt.date(2022, 6, 24), dt.date(2022, 7, 8), 2022) == "06-24–07-08"
    assert window(dt.date(2022, 1, 1), dt.date(2022, 3, 31), 2022) == "03-31"  # a deadline
    assert window(dt.date(2022, 9, 1), dt.date(2023, 1, 31), 2022) == "09-01–2023-01-31"
    assert full_window(dt.date(2022, 10, 9), dt.date(2022, 10, 23), 2022) == "2022-10-09–10-23"
    assert due_label(dt.date(2022, 6, 30), "default", 2022, "zh") == "06-30 默认"
    assert due_label(dt.date(2022, 6, 30), "default", 2022, "en") == "06-30 default"
    assert due_label(dt.date(2022, 3, 31), "document", 2022, "zh") == "03-31"
    assert due_label(dt.date(2022, 3, 31), None, 2022, "zh") == "03-31"  # a finding's


@pytest.mark.parametrize(
    ("key", "english"),
    [
        ("春季学期", "spring term"),
        ("秋季学期", "autumn term"),
        ("3月底", "end of March"),
        ("3月中旬", "mid-March"),
        ("七一", "CPC Founding Day"),
        ("清明前后", "Qingming (Tomb-sweeping Day)"),
        ("年底前", "by the end of the year"),
        ("每学期", "each term"),
        ("2022-03-01", "2022-03-01"),
    ],
)
def test_phrases_in_english(key: str, english: str) -> None:
    assert phrase_en(key) == english


# ------------------------------------------------------------------------ reports


def test_the_timeline_shows_the_year_of_an_as_of_outside_the_plan_year(run) -> None:  # type: ignore[no-untyped-def]
    """Without --as-of, "today" may be years after the plan: 2026-12-03 was a Thursday,
    2022-12-03 a Saturday; "12-03 周四" read against the 2022 plan was wrong."""
    later = run(["timeline", "--as-of", "2026-12-03", "--root", str(REPO)])
    assert "截至 2026-12-03 周四" in later.out
    within = run(["timeline", "--as-of", "2022-12-03", "--root", str(REPO)])
    assert "截至 12-03 周六" in within.out
    en = run(["timeline", "--as-of", "2022-12-03", "--lang", "en", "--root", str(REPO)])
    assert "as of 12-03 Sat" in en.out


def test_the_timeline_marks_default_dates(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["timeline", "--as-of", "2022-06-30", "--root", str(REPO)])
    lines = result.out.splitlines()
    acceptance = next(line for line in lines if "3月底做好三所优质化学校验收" in line)
    assert "默认" not in acceptance  # the document's 3月底
    lecturers = next(line for line in lines if "充实区讲师团队伍" in line)
    assert "默认" in lecturers
    assert any("◆ 03-31 三所优质化学校通过验收  " in line for line in lines)
    assert any("◆ 03-20 召开优质化工作推进会（默认）" in line for line in lines)
    data = json.loads(
        run(["timeline", "--as-of", "2022-06-30", "--json", "--root", str(REPO)]).out
    )["data"]
    tasks = {t["id"]: t for s in data["sections"] for t in s["tasks"]}
    assert tasks["s2-red-festivals"]["basis"] == "document"
    assert tasks["s2-team-lecturers"]["basis"] == "default"
    assert {m["id"]: m["basis"] for m in data["milestones"]}["m-acceptance"] == "document"


def test_audit_shows_windows_and_marks_defaults(run) -> None:  # type: ignore[no-untyped-def]
    args = ["audit", "--school", "朝阳", "--as-of", "2022-12-31", "--root", str(REPO)]
    out = run(args).out
    assert re.search(r"03-29–04-12\s+重要节日、纪念日主题教育活动（清明前后）", out)
    assert re.search(r"03-31\s+3月底做好三所优质化学校验收", out)  # the document's
    assert re.search(r"03-31 默认\s+保持上下级关工委联络", out)
    assert re.search(r"09-01–2023-01-13 默认\s+", out)  # the autumn term keeps its year
    md = run([*args, "--format", "markdown"]).out
    assert "| 2022-03-29–04-12 |" in md
    assert "| 2022-03-31（默认） |" in md
    data = json.loads(run([*args, "--json"]).out)["data"]
    assert {t["basis"] for t in data["tasks"]} == {"document", "default"}
    assert all(f["basis"] is None for f in data["findings"])  # an audit dates its findings


def test_status_marks_default_milestones(run) -> None:  # type: ignore[no-untyped-def]
    out = run(["status", "--as-of", "2022-06-30", "--root", str(REPO)]).out
    assert re.search(r"3月中旬 03-20 默认", out)
    assert re.search(r"3月底 03-31\s", out)


def _overdue(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    return str(run(["overdue", "--as-of", "2022-12-31", "--root", str(REPO), *args]).out)


def test_overdue_marks_defaults_and_can_leave_them_out(run) -> None:  # type: ignore[no-untyped-def]
    every = json.loads(_overdue(run, "--json"))["data"]
    items = [i for g in every["groups"] for i in g["items"]]
    defaults = [i for i in items if i["basis"] == "default"]
    assert defaults and len(defaults) < len(items)
    text = _overdue(run)
    assert re.search(r"逾期 \d+ 天\s+06-30 默认\s+领会“必须抓好后继有人", text)
    assert re.search(r"逾期 244 天\s+05-01\s+重要节日", text)  # the document's, unmarked
    csv_rows = list(csv.reader(io.StringIO(_overdue(run, "--format", "csv").lstrip("\ufeff"))))
    basis_col = csv_rows[0].index("期限依据")
    assert {r[basis_col] for r in csv_rows[1:]} == {"默认", "原文", ""}  # "": a finding
    assert "（默认）" in _overdue(run, "--format", "markdown")

    # --document-dates-only: the plain report (from the digests), the views, JSON, exit code
    only = json.loads(_overdue(run, "--json", "--document-dates-only"))["data"]
    kept = [i for g in only["groups"] for i in g["items"]]
    key = [(i["school"], i["key"]) for i in kept]
    assert sorted(key) == sorted((i["school"], i["key"]) for i in items if i["basis"] != "default")
    assert only["overdue"] == sum(1 for i in items if i["basis"] != "default")
    assert only["document_only"] is True
    plain = _overdue(run, "--document-dates-only")
    assert "只计原文给出的期限" in plain.splitlines()[0]
    assert f"逾期 {only['overdue']} 项" in plain.splitlines()[0]
    assert "默认" not in "\n".join(plain.splitlines()[1:])
    by_task = _overdue(run, "--document-dates-only", "--by", "task")
    assert "默认" not in "\n".join(by_task.splitlines()[1:])
    assert "重要节日、纪念日主题教育活动" in by_task


def test_overdue_document_dates_only_exits_0_when_only_defaults_are_late(run) -> None:  # type: ignore[no-untyped-def]
    """殷雪梅小学 is late at the year's end only against a date the plan chose: the exit
    code follows what is shown (cron stays quiet about defaults when asked to)."""
    args = ["overdue", "--as-of", "2022-12-31", "--school", "殷雪梅", "--root", str(REPO)]
    assert run(args).code == 1  # late against a default
    only = run([*args, "--document-dates-only", "--quiet"])
    assert (only.code, only.out) == (0, "")


def test_exports_mark_defaults(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = ["export", "--as-of", "2022-12-31", "--root", str(REPO)]
    ics = tmp_path / "year.ics"
    assert run([*base, "--format", "ics", "--output", str(ics)]).code == 0
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in events}
    assert not summaries["milestone.m-acceptance@guanxin.jintan-2022"].endswith("（默认）")
    assert summaries["milestone.m-meeting@guanxin.jintan-2022"].endswith("（默认）")
    assert summaries["task.s1-study-district@guanxin.jintan-2022"].endswith("（默认）")
    description = next(str(e["DESCRIPTION"]) for e in events if "m-acceptance" in str(e["UID"]))
    assert "日期出自原文" in description

    xlsx = tmp_path / "year.xlsx"
    assert run([*base, "--format", "xlsx", "--output", str(xlsx)]).code == 0
    overview = openpyxl.load_workbook(xlsx)["总览"]
    rows = list(overview.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "工作节点")
    assert rows[header][3] == "期限依据"
    basis = {row[0]: row[3] for row in rows[header + 1 :] if row[0]}
    assert basis["三所优质化学校通过验收"] == "原文"
    assert basis["召开优质化工作推进会"] == "默认"

    md = run([*base, "--format", "markdown", "--output", "-"]).out
    data = json.loads(run([*base, "--format", "json", "--output", "-"]).out)["data"]
    short = data["report"]["shortfalls"]
    late_default = sum(
        1 for i in data["items"] if i["state"] == "overdue" and i["basis"] == "default"
    )
    assert short["overdue_default"] == late_default > 0
    assert f"逾期事项中有 {late_default} 项的期限是原文未给出的默认时间" in md
