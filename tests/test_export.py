"""``guanxin export``: each file read back by an independent reader agrees with ``status``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from icalendar import Calendar

from .conftest import REPO

DATES = ["2022-03-31", "2022-06-30", "2022-12-31"]
STATE_ZH = {
    "done": "已完成",
    "done_late": "逾期完成",
    "in_progress": "进行中",
    "due_soon": "即将到期",
    "overdue": "已逾期",
    "not_yet_due": "未到期",
    "blocked": "受阻",
    "not_applicable": "不适用",
}
SCHEMA = REPO / "schemas" / "export.schema.json"


def _status(run, workspace: Path, as_of: str, *extra: str) -> dict[str, Any]:
    result = run(["status", "--json", "--as-of", as_of, *extra], cwd=workspace)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)["data"]
    return data


def _export(run, workspace: Path, fmt: str, name: str, *extra: str) -> Path:
    out = workspace / "exports" / name
    out.parent.mkdir(exist_ok=True)
    result = run(["export", "--format", fmt, "--output", str(out), *extra], cwd=workspace)
    assert result.code == 0, result.err
    assert out.is_file()
    return out


# --------------------------------------------------------------------------- xlsx


@pytest.mark.parametrize("as_of", DATES)
def test_xlsx_matches_status(run, workspace: Path, as_of: str) -> None:
    status = _status(run, workspace, as_of)
    path = _export(run, workspace, "xlsx", "year.xlsx", "--as-of", as_of)
    wb = openpyxl.load_workbook(path)
    progress = [name for name in wb.sheetnames if name.startswith("各校进度·")]
    assert wb.sheetnames == ["总览", *progress, "逾期事项", "活动台账"]

    overview = wb["总览"]
    assert overview.freeze_panes == "A2"
    assert [c.value for c in overview[1]][:4] == ["编号", "部分", "已完成", "应做"]
    rows = list(overview.iter_rows(min_row=2, values_only=True))
    for s, row in zip(status["sections"], rows, strict=False):
        assert row[0] == s["number"]
        assert (row[2], row[3], row[7]) == (s["rate"]["done"], s["rate"]["total"], s["overdue"])
        assert row[4] == pytest.approx(s["rate"]["ratio"])
    ms_header = next(n for n, row in enumerate(rows) if row[0] == "工作节点")
    ms_rows = rows[ms_header + 1 : ms_header + 1 + len(status["milestones"])]
    for m, row in zip(status["milestones"], ms_rows, strict=True):
        assert row[0] == m["title"]
        assert isinstance(row[2], dt.datetime) and row[2].date().isoformat() == m["due"]
        assert row[3] == ("原文" if m["basis"] == "document" else "默认")
        assert (row[5], row[6]) == (m["count_by_due"], m["count_now"])
    due_cell = overview.cell(row=ms_header + 3, column=3)
    assert due_cell.is_date and due_cell.number_format == "yyyy-mm-dd"

    # schools' progress: one sheet per plan section (in parts where a section is too wide
    # for a page), each starting with the school, completion, overdue and liaison columns
    doc = json.loads(
        _export(run, workspace, "json", "y.json", "--as-of", as_of).read_text("utf-8")
    )["data"]
    numbers = {s["id"]: s["number"] for s in doc["sections"]}
    expected: dict[tuple[str, str], str] = {}
    section_of: dict[str, str] = {}
    task_of: dict[str, str] = {}
    for i in doc["items"]:
        if i["kind"] == "task":
            header = i["title"] + (f"（{i['occurrence']}）" if i["occurrence"] else "")
            expected[(i["school_name"], header)] = STATE_ZH[i["state"]]
            section_of[header], task_of[header] = numbers[i["section"]], i["task"]
    seen: list[str] = []
    for name in progress:
        matrix = wb[name]
        assert matrix.freeze_panes == "B2"
        header = [c.value for c in matrix[1]]
        assert header[:4] == ["学校", "完成率", "逾期", "包校"]
        # the sheet is named after its section: 各校进度·二, or 各校进度·二(1) for a part
        assert {section_of[h] for h in header[4:]} == {re.sub(r"\(\d+\)$", "", name)[5:]}
        seen += header[4:]
        rows = list(matrix.iter_rows(min_row=2, values_only=True))
        for s, row in zip(status["schools"], rows, strict=True):
            assert row[0] == s["name"]
            assert row[1] == pytest.approx(s["rate"]["ratio"]) and row[2] == s["overdue"]
            for task, state in zip(header[4:], row[4:], strict=True):
                assert state == expected.get((s["name"], task)), (name, s["name"], task)
    # every task occurrence once, in the plan's order
    assert sorted(seen) == sorted(section_of) and len(seen) == len(set(seen))
    order = [t["id"] for t in doc["tasks"]]
    ranks = [order.index(task_of[h]) for h in seen]
    assert ranks == sorted(ranks)

    late = wb["逾期事项"]
    assert late.max_row - 1 == status["counts"]["overdue"]
    for row in late.iter_rows(min_row=2):
        # the deadline, then where it comes from (a finding's, set by its audit, says neither)
        assert row[4].is_date and row[5].value in ("原文", "默认", None) and row[6].value > 0
    if as_of == "2022-12-31":  # by then some tasks are late against a date the plan chose
        assert "默认" in [row[5].value for row in late.iter_rows(min_row=2)]

    ledger = wb["活动台账"]
    header = [c.value for c in ledger[1]]
    assert header == [
        "学校",
        "活动名称",
        "类别",
        "日期",
        "五老人数",
        "学生人次",
        "证据",
        "上报状态",
    ]
    assert ledger.freeze_panes == "A2"
    assert all(ledger.cell(row=r, column=4).is_date for r in range(2, ledger.max_row + 1))
    assert ledger.column_dimensions["B"].width > 12  # sized for the Chinese names


def test_xlsx_ledger_matches_json_and_english_headers(run, workspace: Path) -> None:
    xlsx = _export(run, workspace, "xlsx", "en.xlsx", "--as-of", "2022-12-31", "--lang", "en")
    doc = json.loads(
        _export(run, workspace, "json", "y.json", "--as-of", "2022-12-31").read_text("utf-8")
    )["data"]
    wb = openpyxl.load_workbook(xlsx)
    progress = [name for name in wb.sheetnames if name.startswith("Schools ")]
    assert wb.sheetnames == ["Overview", *progress, "Overdue", "Activities"]
    # the same progress sheets in English, section by section: Schools 总 … Schools 五
    assert {re.sub(r" \(\d+\)$", "", name) for name in progress} == {
        f"Schools {s['number']}" for s in doc["sections"]
    }
    for name in progress:
        assert [c.value for c in wb[name][1]][:4] == ["School", "Completion", "Overdue", "Liaison"]
        states = {
            v for row in wb[name].iter_rows(min_row=2, min_col=5, values_only=True) for v in row
        }
        assert states - {None} <= {
            "done",
            "done late",
            "overdue",
            "due soon",
            "not yet due",
            "in progress",
            "blocked",
            "not applicable",
        }
    ledger = wb["Activities"]
    assert [c.value for c in ledger[1]][:4] == ["School", "Activity", "Category", "Date"]
    assert ledger.max_row - 1 == len(doc["activities"])
    wulao = sum(row[4] for row in ledger.iter_rows(min_row=2, values_only=True))
    students = sum(row[5] for row in ledger.iter_rows(min_row=2, values_only=True))
    assert wulao == doc["report"]["overview"]["wulao_participations"]
    assert students == doc["report"]["overview"]["student_participations"]
    # an activity written up from a progress entry is listed once
    names = [(r[0], r[1], r[3]) for r in ledger.iter_rows(min_row=2, values_only=True)]
    assert len(names) == len(set(names))
    categories = {r[2] for r in ledger.iter_rows(min_row=2, values_only=True)}
    assert {"红色资源", "工作平台", "育人队伍"} <= categories
    # lines made from progress entries in English, as the plan gives each task's title;
    # activities keep the name the school wrote
    english = {row[1] for row in ledger.iter_rows(min_row=2, values_only=True)}
    for a in doc["activities"]:
        assert (a["name_en"] is not None) == (a["source"] == "progress")
        assert (a["name_en"] or a["name"]) in english
    assert any(a["name_en"] for a in doc["activities"])
    # owners in English, as `overdue --lang en` names them (the plan has name_en)
    overdue = wb["Overdue"]
    owner_col = [c.value for c in overdue[1]].index("Owner")
    owners = {row[owner_col] for row in overdue.iter_rows(min_row=2, values_only=True)}
    assert "School committees" in owners and not any("关工委" in str(o) for o in owners)


# Readable on paper: cells are written in 11 pt, and no sheet may print smaller than three
# quarters of that (the workbook plans for it: sheetprint.MIN_PRINT_SCALE).
READABLE_PT = 11 * 0.75


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_prints_one_page_wide_with_headers_on_every_page(
    run, workspace: Path, tmp_path: Path, lang: str
) -> None:
    from pypdf import PdfReader

    from .openers import calibri_metrics_installed, soffice_pdf

    path = _export(run, workspace, "xlsx", "print.xlsx", "--as-of", "2022-12-31", "--lang", lang)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        wide = ws.max_column > 8
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.oddHeader.left.text == "&A"  # each page names its sheet
    # sections as 一…五 on every sheet, as 总览 shows them
    late = wb.worksheets[-2]
    col = [c.value for c in late[1]].index("部分" if lang == "zh" else "Section")
    assert {r[col] for r in late.iter_rows(min_row=2, values_only=True)} <= {*"总一二三四五", None}

    # LibreOffice prints it (with Calibri's metrics, as Excel has them): every page names
    # its sheet and carries that sheet's whole header row (so no column went to another page),
    # wide sheets on landscape pages, nothing printed smaller than READABLE_PT, and no text
    # drawn over other text (as a row too short for its wrapped lines would be)
    assert calibri_metrics_installed(), "run scripts/test-parts.sh (fonts-crosextra-carlito)"
    pdf = PdfReader(soffice_pdf(path, tmp_path))

    def squash(text: str) -> str:
        return "".join(text.split())

    names = sorted(wb.sheetnames, key=len, reverse=True)  # 各校进度·二(1) before 各校进度·二
    printed: dict[str, int] = {}
    runs: list[tuple[float, float, float, str]] = []  # x, y, size, text on one page

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            runs.append((tm[4], tm[5], size * abs(tm[0] * cm[0]), text.strip()))

    for page in pdf.pages:
        runs.clear()
        text = squash(page.extract_text(visitor_text=visit))
        sheet = next((name for name in names if squash(name) in text), None)
        assert sheet is not None, text[:200]
        ws = wb[sheet]
        for cell in ws[1]:
            assert squash(str(cell.value)) in text, (sheet, cell.value)
        printed[sheet] = printed.get(sheet, 0) + 1
        landscape = float(page.mediabox.width) > float(page.mediabox.height)
        assert landscape == (ws.max_column > 8), sheet
        smallest = min(size for *_, size, _ in runs)
        assert smallest >= READABLE_PT - 0.05, (sheet, smallest)
        by_x: dict[int, list[tuple[float, float, str]]] = {}
        for x, y, _, words in runs:
            near = (run for k in (-1, 0, 1) for run in by_x.get(round(x) + k, []))
            clash = next((w for x2, y2, w in near if abs(x2 - x) < 2 and abs(y2 - y) < 4), None)
            assert clash in (None, words), (sheet, clash, words)
            by_x.setdefault(round(x), []).append((x, y, words))
    assert set(printed) == set(wb.sheetnames)
    assert printed[late.title] >= 2  # long enough to need a second page, which repeats the header


@pytest.mark.parametrize("as_of", DATES)
def test_ics_and_xlsx_agree_on_every_milestone_count(run, workspace: Path, as_of: str) -> None:
    xlsx = openpyxl.load_workbook(_export(run, workspace, "xlsx", "m.xlsx", "--as-of", as_of))
    rows = list(xlsx["总览"].iter_rows(values_only=True))
    head = next(n for n, row in enumerate(rows) if row[0] == "工作节点")
    by_due, now = rows[head].index("按期达成"), rows[head].index("目前达成")
    counts = {row[0]: (row[by_due], row[now]) for row in rows[head + 1 :] if row[0]}
    events = _events(_export(run, workspace, "ics", "m.ics", "--as-of", as_of))
    milestones = [e for e in events if str(e["UID"]).startswith("milestone.")]
    assert len(milestones) == len(counts)
    for e in milestones:
        title = str(e["SUMMARY"]).removeprefix("◆ 节点：").removesuffix("（默认）")
        text = str(e["DESCRIPTION"])
        by_due = re.search(r"按期达成 (\d+)", text)
        now = re.search(rf"截至 {as_of} 达成 (\d+)", text)
        assert by_due and now, text
        assert (int(by_due.group(1)), int(now.group(1))) == counts[title], (title, text)


# ---------------------------------------------------------------------------- ics


def _events(path: Path) -> list[Any]:
    cal = Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_ics_events_uids_and_counts(run, workspace: Path) -> None:
    status = _status(run, workspace, "2022-06-30")
    path = _export(run, workspace, "ics", "year.ics", "--as-of", "2022-06-30")
    events = _events(path)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert all(u.endswith("@guanxin.jintan-2022") and u.isascii() for u in uids)
    # an occurrence's UID is its progress key, percent-encoded (as the README shows)
    assert "task.s2-red-festivals%40%E4%B8%83%E4%B8%80@guanxin.jintan-2022" in uids
    milestones = [e for e in events if str(e["UID"]).startswith("milestone.")]
    assert sorted(str(e["UID"]) for e in milestones) == sorted(
        f"milestone.{m['id']}@guanxin.jintan-2022" for m in status["milestones"]
    )
    for e in events:
        start = e.decoded("DTSTART")
        assert type(start) is dt.date  # all-day
        assert e.decoded("DTEND") == start + dt.timedelta(days=1)
        assert e.decoded("DTSTAMP") == dt.datetime(2022, 6, 30, tzinfo=dt.UTC)
    starts = [e.decoded("DTSTART") for e in events]
    assert starts == sorted(starts)
    acceptance = next(e for e in milestones if "m-acceptance" in str(e["UID"]))
    assert "2" in str(acceptance["DESCRIPTION"])  # 2 of 3 by the deadline


def test_ics_reexport_keeps_uids_and_is_reproducible(run, workspace: Path) -> None:
    first = _export(run, workspace, "ics", "a.ics", "--as-of", "2022-06-30")
    again = _export(run, workspace, "ics", "b.ics", "--as-of", "2022-06-30")
    assert first.read_bytes() == again.read_bytes()
    later = _export(run, workspace, "ics", "c.ics", "--as-of", "2022-12-31")
    assert [str(e["UID"]) for e in _events(first)] == [str(e["UID"]) for e in _events(later)]
    assert first.read_bytes() != later.read_bytes()  # the descriptions did change
    school = _export(run, workspace, "ics", "d.ics", "--as-of", "2022-06-30", "--school", "朝阳")
    assert all("chaoyang-primary@" in str(e["UID"]) for e in _events(school))


# --------------------------------------------------------------------------- json


@pytest.mark.parametrize("as_of", DATES)
def test_json_validates_and_matches_status(run, workspace: Path, as_of: str) -> None:
    status = _status(run, workspace, as_of)
    path = _export(run, workspace, "json", "year.json", "--as-of", as_of)
    doc = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)
    data = doc["data"]
    assert data["schema_version"] == 2 and doc["kind"] == "guanxin.export"
    for key in ("overall", "counts", "open_findings", "sections", "milestones", "schools"):
        assert data[key] == status[key], key
    assert sum(1 for i in data["items"] if i["state"] == "overdue") == status["counts"]["overdue"]
    assert data["report"]["shortfalls"]["overdue"] == status["counts"]["overdue"]


def test_json_for_one_school_matches_status(run, workspace: Path) -> None:
    status = _status(run, workspace, "2022-12-31", "--school", "朝阳")
    path = _export(run, workspace, "json", "cy.json", "--as-of", "2022-12-31", "--school", "朝阳")
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    assert data["school"] == "chaoyang-primary"
    assert data["schools"] == status["schools"] and data["overall"] == status["overall"]
    assert {i["school"] for i in data["items"]} == {"chaoyang-primary"}
    assert {a["school"] for a in data["activities"]} == {"chaoyang-primary"}


def test_schema_is_shipped_with_the_package() -> None:
    from guanxin_cli.workspace.folders import BUNDLED_ROOT

    assert (BUNDLED_ROOT / "schemas" / "export.schema.json").read_bytes() == SCHEMA.read_bytes()


# ----------------------------------------------------------------------- markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_report_structure_and_numbers(run, workspace: Path, lang: str) -> None:
    status = _status(run, workspace, "2022-12-31")
    path = _export(run, workspace, "markdown", "report.md", "--as-of", "2022-12-31", "--lang", lang)
    text = path.read_text(encoding="utf-8")
    if lang == "zh":
        heads = ["组织建设", "主题教育", "关爱帮扶", "存在不足", "明年打算"]
        positions = [text.index(f"## {n}、{h}") for n, h in zip("一二三四五", heads, strict=True)]
        assert positions == sorted(positions)
        assert f"逾期未完成 {status['counts']['overdue']} 项" in text
        assert f"未关闭整改 {status['open_findings']} 项" in text
        assert "讲师团进校宣讲" in text and "通过区关工委验收" in text
    else:
        assert "## 5. Plans for next year" in text
        assert f"{status['counts']['overdue']} items overdue" in text
    for s in status["sections"]:
        assert f"{s['rate']['done']}/{s['rate']['total']}" in text


def test_markdown_and_json_can_go_to_stdout(run, workspace: Path) -> None:
    result = run(["export", "-f", "markdown", "-o", "-", "--as-of", "2022-06-30"], cwd=workspace)
    assert result.code == 0 and result.out.startswith("# ")


# ------------------------------------------------------------------ failures


@pytest.mark.parametrize("fmt", ["xlsx", "ics", "json", "markdown", "docx", "html"])
def test_unwritable_output_fails_cleanly(run, workspace: Path, fmt: str) -> None:
    blocker = workspace / "plain-file"
    blocker.write_text("keep", encoding="utf-8")
    target = blocker / f"out.{fmt}"
    result = run(["export", "-f", fmt, "-o", str(target)], cwd=workspace)
    assert result.code == 73
    assert "无法写入" in result.err and str(target) in result.err
    assert "Traceback" not in result.err
    missing = workspace / "no-such-folder" / f"out.{fmt}"
    result = run(["export", "-f", fmt, "-o", str(missing)], cwd=workspace)
    assert result.code == 73 and not missing.parent.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "xlsx", "-o", ""],
        ["export", "-f", "ics", "-o", "data"],
        ["overdue", "--format", "csv", "--output", ""],
    ],
)
def test_an_output_that_is_a_folder_or_empty_is_a_usage_error(
    run,  # type: ignore[no-untyped-def]
    workspace: Path,
    args: list[str],
) -> None:
    before = sorted(p.name for p in workspace.iterdir())
    result = run(args, cwd=workspace)
    assert result.code == 2, result.err
    assert "输出应是一个文件名" in result.err
    assert sorted(p.name for p in workspace.iterdir()) == before


def test_failed_replace_leaves_the_old_file_and_no_temp(
    run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = workspace / "year.json"
    target.write_text("old", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    result = run(["export", "-f", "json", "-o", str(target)], cwd=workspace)
    assert result.code == 73 and "磁盘已满" in result.err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in workspace.iterdir() if p.name.startswith(".")) == []
