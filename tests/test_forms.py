"""guanxin form / guanxin import: a school's own xlsx form out, its answers read back safely."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import REPO
from .formkit import ACTIVITY, DONE_ROW, QINGMING, columns, fill, git, git_workspace, ids, row_of

CHAOYANG = Path("data") / "schools" / "chaoyang-primary.yaml"
FINDING = "inspection-2022-06/f1"
MADE = "2022-06-30T16:00:00+08:00"
BACK = "2022-07-06T09:30:00+08:00"


@pytest.fixture
def ws(tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The samples in git, 朝阳 with an open finding from a June inspection (recorded as the
    office would), and its form made as of 2022-06-30 (committed: the round went out)."""
    root = git_workspace(tmp_path / "ws")
    monkeypatch.setenv("GUANXIN_NOW", MADE)
    audit = [
        "record-audit", "朝阳", "--date", "2022-06-15", "--kind", "inspection",
        "--result", "conditional", "--finding", "五老活动缺少签到记录", "--fix-by", "2022-07-15",
    ]  # fmt: skip
    assert run(audit, cwd=root).code == 0
    made = run(["form", "朝阳", "--output", "forms", "--as-of", "2022-06-30"], cwd=root)
    assert made.code == 0, made.err
    git(root, "add", "-A")
    git(root, "commit", "-qm", "6月填报表发出")
    monkeypatch.setenv("GUANXIN_NOW", BACK)
    return root


def form_of(root: Path) -> Path:
    (made,) = (root / "forms").glob("*.xlsx")
    return made


def school_status(run: Any, root: Path, as_of: str = "2022-07-06") -> dict[str, Any]:
    result = run(["status", "--json", "--as-of", as_of], cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)["data"]
    return next(s for s in data["schools"] if s["id"] == "chaoyang-primary")


def test_a_school_fills_its_form_and_it_is_read_back(ws: Path, run: Any) -> None:
    """The whole round: done, a finding fixed, one activity; check passes; one small diff."""
    before = school_status(run, ws)
    filled = ws / "朝阳小学-已填.xlsx"  # (the school renamed the file: that is fine)
    fill(
        form_of(ws),
        filled,
        tasks={QINGMING: DONE_ROW},
        findings={FINDING: {"fixed": dt.date(2022, 7, 5), "evidence": "五老签到表、活动照片"}},
        activities=[ACTIVITY],
    )
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 0, result.err
    assert (
        "金坛区朝阳小学（朝阳小学-已填.xlsx）：记录任务 1 项、整改 1 项、活动 1 条。" in result.out
    )

    assert run(["check"], cwd=ws).code == 0
    numstat = {
        line.split("\t")[2]: tuple(int(n) for n in line.split("\t")[:2])
        for line in git(ws, "diff", "--numstat").splitlines()
    }
    # the school's file, by a few lines; and the ledger's one line saying the form came back
    assert set(numstat) == {CHAOYANG.as_posix(), "data/forms.yaml"}
    added, deleted = numstat[CHAOYANG.as_posix()]
    assert added <= 10 and deleted <= 1
    assert numstat["data/forms.yaml"] == (1, 0)
    text = (ws / CHAOYANG).read_text(encoding="utf-8")
    assert "evidence: [活动方案, 活动照片, 活动总结]" in text
    assert "fixed: 2022-07-05" in text and "evidence: [五老签到表, 活动照片]" in text
    assert "- name: 七一老党员讲党史" in text and "students: 200" in text
    assert "# 清明期间学校线上教学，活动改在复学后补做" in text  # comments kept

    after = school_status(run, ws)
    assert (before["waiting_findings"], after["waiting_findings"]) == (0, 1)
    assert before["last_activity"] < "2022-07-01" and after["last_activity"] == "2022-07-05"
    assert before["form"] == {
        "made": MADE, "as_of": "2022-06-30", "imported": None, "imported_made": None,
    }  # fmt: skip
    assert after["form"] == {
        "made": MADE, "as_of": "2022-06-30", "imported": BACK, "imported_made": MADE,
    }  # fmt: skip

    # the same form again: nothing changes, not even the ledger
    snapshot = {p: (ws / p).read_bytes() for p in (CHAOYANG, Path("data/forms.yaml"))}
    again = run(["import", str(filled)], cwd=ws)
    assert again.code == 0, again.err
    assert "没有改动" in again.out
    assert "已在活动台账中，没有重复添加" in again.err
    assert {p: (ws / p).read_bytes() for p in snapshot} == snapshot


def test_a_bad_form_names_every_cell_and_changes_nothing(ws: Path, run: Any) -> None:
    bad = ws / "bad.xlsx"
    cells = fill(
        form_of(ws),
        bad,
        tasks={QINGMING: {"status": "完成了", "date": "2022-02-30", "evidence": "活动总结"}},
        activities=[{**ACTIVITY, "students": -5}],
    )
    before = (ws / CHAOYANG).read_bytes()
    ledger = (ws / "data/forms.yaml").read_bytes()
    result = run(["import", str(bad)], cwd=ws)
    assert result.code == 1
    lines = result.err.splitlines()
    said = {
        cells[
            f"tasks/{QINGMING}/status"
        ]: "“完成了”不是可选的状态：请从下拉列表中选 已完成、进行中",
        cells[f"tasks/{QINGMING}/date"]: "没有 2022-02-30 这一天",
        cells["activities/1/students"]: "学生人次不能是负数（-5）：请写 0 或正整数",
    }
    for cell, message in said.items():
        assert cell.split("!")[1][0] in "IJG"  # (status, date, students: as the form lays them out)
        assert any(line.startswith(f"bad.xlsx!{cell}: ") and message in line for line in lines), (
            cell,
            result.err,
        )
    assert "所有文件都没有改动" in result.err
    assert (ws / CHAOYANG).read_bytes() == before
    assert (ws / "data/forms.yaml").read_bytes() == ledger
    assert git(ws, "status", "--porcelain", "--untracked-files=no") == ""

    english = run(["import", str(bad), "--lang", "en"], cwd=ws)
    assert english.code == 1
    assert "'完成了' is not a status" in english.err and "there is no day 2022-02-30" in english.err


def test_one_run_names_the_cells_and_what_the_plan_and_audits_say(ws: Path, run: Any) -> None:
    """Wrong cells, a date outside the plan and a fix before its audit: all in one run."""
    with_ids = load_workbook(form_of(ws))
    other = next(i for i in ids(with_ids["任务进度"]) if i != QINGMING)
    bad = ws / "bad.xlsx"
    cells = fill(
        form_of(ws),
        bad,
        tasks={
            QINGMING: {"status": "完成了", "date": "2022-02-30", "evidence": "活动总结"},
            other: {**DONE_ROW, "date": "2030-01-01"},
        },
        findings={FINDING: {"fixed": "2022/6/1"}},  # (before the audit of 06-15)
        activities=[{**ACTIVITY, "students": -3}],
    )
    before = (ws / CHAOYANG).read_bytes()
    result = run(["import", str(bad)], cwd=ws)
    assert result.code == 1
    said = {
        f"tasks/{QINGMING}/status": "“完成了”不是可选的状态",
        f"tasks/{QINGMING}/date": "没有 2022-02-30 这一天",
        "activities/1/students": "学生人次不能是负数（-3）",
        f"tasks/{other}/date": "2030-01-01 不在 2022 年计划的时间内",
        f"findings/{FINDING}/fixed": "整改日期 2022-06-01 早于检查日期 2022-06-15",
    }
    lines = result.err.splitlines()
    for key, message in said.items():
        assert any(
            line.startswith(f"bad.xlsx!{cells[key]}: ") and message in line for line in lines
        ), (key, result.err)
    assert len([line for line in lines if line.startswith("bad.xlsx!")]) == len(said), result.err
    assert (ws / CHAOYANG).read_bytes() == before


def test_a_row_recorded_since_the_form_was_made_is_a_conflict(ws: Path, run: Any) -> None:
    # someone records the same task at the office after the form went out
    meanwhile = ["done", "朝阳", QINGMING, "--date", "2022-04-15", "-e", "补充照片"]
    assert run(meanwhile, cwd=ws).code == 0
    git(ws, "commit", "-qam", "办公室记录")
    filled = ws / "filled.xlsx"
    cells = fill(form_of(ws), filled, tasks={QINGMING: DONE_ROW}, activities=[ACTIVITY])
    before = (ws / CHAOYANG).read_bytes()
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 1
    line = next(x for x in result.err.splitlines() if x.startswith("filled.xlsx!"))
    assert line.startswith(f"filled.xlsx!{cells[f'tasks/{QINGMING}/status']}: ")
    # both values, and what to do
    assert "表格填的是“已完成 2022-04-14（佐证：活动总结）”" in line
    assert (
        "chaoyang-primary.yaml 里现在是“已完成 2022-04-15（佐证：活动方案、活动照片、补充照片）”"
        in line
    )
    assert "guanxin done" in line
    assert (ws / CHAOYANG).read_bytes() == before  # the activity is not added either

    # a row saying what the file now says is no conflict: it is already there
    same = ws / "same.xlsx"
    fill(form_of(ws), same, tasks={QINGMING: {"status": "已完成", "date": dt.date(2022, 4, 15)}})
    result = run(["import", str(same)], cwd=ws)
    assert result.code == 0, result.err
    assert (ws / CHAOYANG).read_bytes() == before


def test_a_finding_fixed_meanwhile_is_a_conflict_too(ws: Path, run: Any) -> None:
    assert run(["fix", "朝阳", "f1", "--date", "2022-07-04"], cwd=ws).code == 0
    filled = ws / "filled.xlsx"
    cells = fill(form_of(ws), filled, findings={FINDING: {"fixed": dt.date(2022, 7, 5)}})
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 1
    assert f"filled.xlsx!{cells[f'findings/{FINDING}/fixed']}: 整改问题 {FINDING}" in result.err
    assert "表格填的是“已整改 2022-07-05，待复查”" in result.err
    assert "现在是“已整改 2022-07-04，待复查”" in result.err


def test_forms_of_another_workspace_year_or_school_are_refused(
    ws: Path, run: Any, tmp_path: Path
) -> None:
    form = form_of(ws)
    # another workspace (a copy of the same samples) that has made forms of its own
    other = git_workspace(tmp_path / "other")
    assert run(["import", str(form)], cwd=other).code == 1  # no forms made there at all
    assert "还没有生成过填报表" in run(["import", str(form)], cwd=other).err
    assert run(["form", "河滨", "-o", "out", "--as-of", "2022-06-30"], cwd=other).code == 0
    result = run(["import", str(form)], cwd=other)
    assert result.code == 1
    assert (
        f"{form}: 这份填报表（金坛区朝阳小学，2022-06-30 生成）不是这个工作区生成的" in result.err
    )

    # another year: the form is 2022's
    assert run(["roll", "2023"], cwd=ws).code == 0
    result = run(["import", str(form), "--year", "2023"], cwd=ws)
    assert result.code == 1 and "这是 2022 年计划的填报表，不是 --year 2023 的" in result.err

    # its school is gone from the workspace
    moved = ws / "chaoyang.yaml.bak"
    shutil.move(ws / CHAOYANG, moved)
    result = run(["import", str(form)], cwd=ws)
    assert result.code == 1 and "工作区里没有这所学校（金坛区朝阳小学）" in result.err
    shutil.move(moved, ws / CHAOYANG)

    # its hidden data changed to pass for another school's: the signature says no
    def another_school(wb: Workbook) -> None:
        meta = wb["_guanxin"]
        meta["A2"] = str(meta["A2"].value).replace("chaoyang-primary", "hebin-primary")

    forged = ws / "forged.xlsx"
    fill(form, forged, tasks={QINGMING: DONE_ROW}, also=another_school)
    result = run(["import", str(forged)], cwd=ws)
    assert result.code == 1 and "填报表的隐藏信息与生成时不符" in result.err


def test_what_people_do_to_spreadsheets(ws: Path, run: Any) -> None:
    """Formulas, merged cells, an extra sheet, rows added by hand or copied, a renamed
    sheet: a message at the cell, never a traceback."""
    form = form_of(ws)

    def meddle(wb: Workbook) -> None:
        tasks = wb["任务进度"]
        cols = columns(tasks)
        tasks.protection.sheet = False  # (as a school may, to do any of this)
        tasks.title = "我校任务"  # renamed: still found by what it is
        seven = row_of(tasks, "s2-red-festivals@七一")
        tasks[f"{cols['wulao']}{seven}"] = "=1+2"  # a formula openpyxl saves without a value
        by_hand = tasks.max_row + 1
        tasks[f"{cols['status']}{by_hand}"] = "已完成"  # a row added by hand (no id)
        copied = by_hand + 1
        tasks[f"A{copied}"] = QINGMING  # a row copied: the same task twice
        tasks[f"{cols['status']}{copied}"] = "进行中"
        acts = wb["活动台账"]
        acts.merge_cells(f"{columns(acts)['name']}5:{columns(acts)['name']}6")
        acts[f"{columns(acts)['name']}5"] = "暑期托管"
        extra = wb.create_sheet("草稿")
        extra["A1"] = "随手记"

    filled = ws / "meddled.xlsx"
    fill(form, filled, tasks={QINGMING: DONE_ROW}, also=meddle)
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 1, result.err
    err = result.err
    assert "meddled.xlsx!我校任务!L" in err and "这里是公式（=1+2），文件中没有保存它的结果" in err
    assert "这一行是手工添加的，无法导入" in err
    assert f"这一行与第 {row_of(load_workbook(filled)['我校任务'], QINGMING)} 行是同一项" in err
    assert "meddled.xlsx!活动台账!C5:C6: C5:C6 是合并单元格" in err
    assert "meddled.xlsx!草稿: 这张工作表不是填报表原有的，没有读取。" in err
    assert "Traceback" not in err

    # the same meddling without the mistakes imports: renamed sheet, extra sheet and all
    def tidy(wb: Workbook) -> None:
        meddle(wb)
        tasks = wb["我校任务"]
        cols = columns(tasks)
        tasks[f"{cols['wulao']}{row_of(tasks, 's2-red-festivals@七一')}"] = None
        for r in (tasks.max_row - 1, tasks.max_row):  # the rows added and copied
            for key in ("id", "status"):
                tasks[f"{cols[key]}{r}"] = None
        acts = wb["活动台账"]
        acts.unmerge_cells("C5:C6")
        acts["C5"] = None

    fine = ws / "fine.xlsx"
    fill(form, fine, tasks={QINGMING: DONE_ROW}, also=tidy)
    result = run(["import", str(fine)], cwd=ws)
    assert result.code == 0, result.err
    assert "记录任务 1 项、整改 0 项、活动 0 条" in result.out
    assert "meddled.xlsx" not in result.err and "fine.xlsx!草稿: 这张工作表不是" in result.err


def test_a_line_without_a_date_or_a_blocked_task_without_a_reason(ws: Path, run: Any) -> None:
    filled = ws / "filled.xlsx"
    cells = fill(
        form_of(ws),
        filled,
        tasks={QINGMING: {"status": "受阻"}, "s2-red-festivals@七一": {"status": "已完成"}},
        activities=[{"name": "暑期托管"}, {"students": 30}],
    )
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 1
    wb = load_workbook(filled)
    tcols, acols = columns(wb["任务进度"]), columns(wb["活动台账"])
    row = cells[f"tasks/{QINGMING}/status"].split("!")[1][1:]
    expected = {
        f"任务进度!{tcols['note']}{row}": "选了“受阻”，请在这一行的“说明”里写明原因",
        f"活动台账!{acols['date']}4": "请写活动的日期",
        f"活动台账!{acols['name']}5": "这一行填了活动内容但没有活动名称",
    }
    for cell, message in expected.items():
        assert f"filled.xlsx!{cell}: {message}" in result.err, result.err
    # a task done keeps the date it was done (七一 was recorded done on 06-30): no problem
    assert "七一" not in result.err


def test_the_form_holds_what_the_school_needs(ws: Path) -> None:
    wb = load_workbook(form_of(ws))
    assert wb.sheetnames == [
        "填表说明",
        "任务进度",
        "整改问题",
        "活动台账",
        "已记录活动",
        "_guanxin",
    ]
    assert wb.security is not None and wb.security.lockStructure
    intro = "\n".join(str(c.value) for c in wb["填表说明"]["A"] if c.value)
    assert "黄色格子由学校填写" in intro and "填好后请把文件发回给包校联系人王建国" in intro
    assert "日期只能在 2021-12-01 至 2023-02-13 之间" in intro

    tasks = wb["任务进度"]
    shown = ids(tasks)
    # due so far and within 30 days of 2022-06-30: 清明 and 七一 (07-08), not 抗战胜利纪念日
    assert QINGMING in shown and "s2-red-festivals@七一" in shown
    assert "s2-red-festivals@抗战胜利纪念日" not in shown
    assert "s2-family-systems" not in shown  # due at the year's end
    assert tasks.column_dimensions["A"].hidden and tasks.row_dimensions[2].hidden
    assert tasks.protection.sheet
    cols = columns(tasks)
    r = row_of(tasks, QINGMING)
    header = {tasks[f"{cols[k]}3"].value: k for k in cols}
    assert {"任务", "截止日期", "时间要求", "应备佐证", "目前记录", "已有佐证", "状态 ▼"} <= set(
        header
    )
    assert tasks[f"{cols['when']}{r}"].value == "清明前后（03-29–04-12）"
    assert tasks[f"{cols['current']}{r}"].value == "已完成 2022-04-14"
    assert tasks[f"{cols['expected']}{r}"].value == "活动方案、活动照片、活动总结"
    assert tasks[f"{cols['due']}{r}"].value == dt.datetime(2022, 4, 12)
    for key in ("title", "due", "current"):
        assert tasks[f"{cols[key]}{r}"].protection.locked
    for key in ("status", "date", "evidence", "wulao", "students", "note"):
        assert not tasks[f"{cols[key]}{r}"].protection.locked
    rules = {str(dv.sqref).split(":")[0][0]: dv for dv in tasks.data_validations.dataValidation}
    assert rules[cols["status"]].type == "list"
    assert rules[cols["status"]].formula1 == '"已完成,进行中,受阻,不适用"'
    assert (rules[cols["date"]].type, rules[cols["date"]].operator) == ("date", "between")
    serial = (dt.date(2021, 12, 1) - dt.date(1899, 12, 30)).days
    assert rules[cols["date"]].formula1 == str(serial)
    assert (rules[cols["students"]].type, rules[cols["students"]].formula1) == ("whole", "0")

    findings = wb["整改问题"]
    assert ids(findings) == [FINDING]
    fcols = columns(findings)
    assert findings[f"{fcols['origin']}4"].value == "本年度"
    assert findings[f"{fcols['current']}4"].value == "待整改"
    assert findings[f"{fcols['fix_by']}4"].value == dt.datetime(2022, 7, 15)

    assert wb["已记录活动"]["B4"].value == "复学后“缅怀先烈”主题队会"
    assert wb["_guanxin"].sheet_state == "veryHidden" and wb["_guanxin"].protection.sheet

    wider = ws / "wider"
    from guanxin_cli.cli import main

    assert main(["form", "朝阳", "-o", str(wider), "--as-of", "2022-06-30", "--within", "90d"]) == 0
    (made,) = wider.glob("*.xlsx")
    assert "s2-red-festivals@抗战胜利纪念日" in ids(load_workbook(made)["任务进度"])


def test_english_forms_and_answers_in_either_language(ws: Path, run: Any) -> None:
    result = run(["form", "朝阳", "-o", "en", "--as-of", "2022-06-30", "--lang", "en"], cwd=ws)
    assert result.code == 0, result.err
    made = ws / "en" / "chaoyang-primary-2022-06-30-form.xlsx"
    wb = load_workbook(made)
    assert wb.sheetnames[:4] == ["Instructions", "Tasks", "Findings", "Activities"]
    tasks = wb["Tasks"]
    status = next(dv for dv in tasks.data_validations.dataValidation if dv.type == "list")
    assert status.formula1 == '"done,in progress,blocked,not applicable"'
    filled = ws / "filled-en.xlsx"
    english = {"tasks": "Tasks", "findings": "Findings", "activities": "Activities"}
    fill(made, filled, tasks={QINGMING: {**DONE_ROW, "status": "done"}}, titles=english)
    result = run(["import", str(filled), "--lang", "en"], cwd=ws)
    assert result.code == 0, result.err
    assert "recorded 1 tasks, 0 findings, 0 activities" in result.out


def test_dry_run_shows_the_diff_and_writes_nothing(ws: Path, run: Any) -> None:
    filled = ws / "filled.xlsx"
    fill(form_of(ws), filled, activities=[ACTIVITY])
    before = (ws / CHAOYANG).read_bytes()
    ledger = (ws / "data/forms.yaml").read_bytes()
    result = run(["import", str(filled), "--dry-run"], cwd=ws)
    assert result.code == 0, result.err
    assert "+++ b/data/schools/chaoyang-primary.yaml" in result.out
    added = [line for line in result.out.splitlines() if line.startswith("+ ")]
    assert any(line.strip("+ ") == "- name: 七一老党员讲党史" for line in added), result.out
    assert "将记录任务 0 项、整改 0 项、活动 1 条" in result.out
    assert (ws / CHAOYANG).read_bytes() == before
    assert (ws / "data/forms.yaml").read_bytes() == ledger


def test_all_or_nothing_across_forms(ws: Path, run: Any) -> None:
    """Two schools' forms, one with a mistake: neither school's file is written."""
    assert run(["form", "河滨", "-o", "forms", "--as-of", "2022-06-30"], cwd=ws).code == 0
    (hebin,) = (ws / "forms").glob("*河滨*.xlsx")
    good, bad = ws / "good.xlsx", ws / "bad.xlsx"
    fill(hebin, good, activities=[ACTIVITY])
    fill(form_of_school(ws, "朝阳"), bad, activities=[{**ACTIVITY, "wulao": "三人"}])
    files = {p: p.read_bytes() for p in (ws / "data" / "schools").glob("*.yaml")}
    result = run(["import", str(good), str(bad)], cwd=ws)
    assert result.code == 1
    assert "bad.xlsx!活动台账!F4: 五老人数应是整数，这里是“三人”" in result.err
    assert {p: p.read_bytes() for p in files} == files
    fill(form_of_school(ws, "朝阳"), bad, activities=[ACTIVITY])
    result = run(["import", str(good), str(bad)], cwd=ws)
    assert result.code == 0, result.err
    changed = git(ws, "diff", "--name-only").split()
    assert set(changed) == {
        "data/schools/chaoyang-primary.yaml",
        "data/schools/hebin-primary.yaml",
        "data/forms.yaml",
    }


def form_of_school(root: Path, name: str) -> Path:
    (made,) = (root / "forms").glob(f"*{name}*.xlsx")
    return made


def test_findings_carried_from_last_year(tmp_path: Path, run: Any) -> None:
    """A 2022 finding still open shows in 2023's form, marked; its fix lands where it is."""
    root = git_workspace(tmp_path / "ws")
    assert run(["roll", "2023"], cwd=root).code == 0
    made = run(["form", "河头", "-o", "f", "--as-of", "2023-03-01", "--year", "2023"], cwd=root)
    assert made.code == 0, made.err
    (form,) = (root / "f").glob("*.xlsx")
    wb = load_workbook(form)
    findings = wb["整改问题"]
    cols = columns(findings)
    r = row_of(findings, "inspection-2022-05/committee-roster")
    assert findings[f"{cols['origin']}{r}"].value == "2022年遗留"
    # a 2023 form's date cells give an example of 2023 (the form's own day), none of 2022
    prompts = [
        f"{dv.prompt} {dv.error}"
        for sheet in ("任务进度", "整改问题", "活动台账")
        for dv in wb[sheet].data_validations.dataValidation
        if dv.type == "date"
    ]
    assert len(prompts) == 3 and all("如 2023-03-01" in p for p in prompts), prompts
    assert not [p for p in prompts if "2022-06-30" in p]
    filled = root / "filled.xlsx"
    fill(
        form,
        filled,
        findings={"inspection-2022-05/committee-roster": {"fixed": dt.date(2023, 2, 20)}},
    )
    result = run(["import", str(filled)], cwd=root)
    assert result.code == 0, result.err
    text = (root / "data/schools/hetou-primary.yaml").read_text(encoding="utf-8")
    block = text.split("id: committee-roster")[1].split("- id:")[0]
    assert "fixed: 2023-02-20" in block
    assert run(["check"], cwd=root).code == 0

    # a school's forms of two plan years in one import: each year on its own
    assert run(["form", "河头", "-o", "f22", "--as-of", "2022-06-30"], cwd=root).code == 0
    (old,) = (root / "f22").glob("*.xlsx")
    both = run(["import", str(filled), str(old)], cwd=root)
    assert both.code == 1 and "不同年度的表格请分开导入" in both.err


def test_a_first_layout_file_needs_migrate_for_a_later_years_form(tmp_path: Path, run: Any) -> None:
    root = tmp_path / "old"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "tests" / "fixtures" / "first-layout", root / "data")
    assert run(["roll", "2023"], cwd=root).code == 0
    result = run(["form", "河头", "-o", "f", "--year", "2023", "--as-of", "2023-03-01"], cwd=root)
    assert result.code == 2 and "请先运行 guanxin migrate" in result.err
    assert not (root / "f").exists()
    # its own year's form is made as ever
    result = run(["form", "河头", "-o", "f", "--as-of", "2022-06-30"], cwd=root)
    assert result.code == 0, result.err


def test_status_and_school_list_show_the_last_form(ws: Path, run: Any) -> None:
    listing = run(["school", "list", "--as-of", "2022-07-06"], cwd=ws)
    row = next(x for x in listing.out.splitlines() if x.startswith("chaoyang-primary"))
    assert row.rstrip().endswith("06-30→")  # sent, not back
    assert "填报表" in listing.out
    filled = ws / "filled.xlsx"
    fill(form_of(ws), filled, activities=[ACTIVITY])
    assert run(["import", str(filled)], cwd=ws).code == 0
    listing = run(["school", "list", "--as-of", "2022-07-06", "--json"], cwd=ws)
    schools = {s["id"]: s for s in json.loads(listing.out)["data"]["schools"]}
    assert schools["chaoyang-primary"]["form"]["imported"] == BACK
    assert schools["hebin-primary"]["form"] is None
    screen = run(["status", "--as-of", "2022-07-06"], cwd=ws)
    row = next(x for x in screen.out.splitlines() if x.startswith("金坛区朝阳小学"))
    assert "06-30→07-06" in row
    text = run(["school", "list", "--as-of", "2022-07-06"], cwd=ws).out
    assert (
        next(x for x in text.splitlines() if x.startswith("chaoyang"))
        .rstrip()
        .endswith("06-30→07-06")
    )


def test_no_forms_no_column(workspace: Path, run: Any) -> None:
    listing = run(["school", "list", "--as-of", "2022-07-06"], cwd=workspace)
    assert listing.code == 0 and "填报表" not in listing.out
    data = json.loads(run(["status", "--json", "--as-of", "2022-07-06"], cwd=workspace).out)
    assert data["data"]["forms"] is False


def test_files_that_are_no_form(ws: Path, run: Any, tmp_path: Path) -> None:
    csv = tmp_path / "朝阳.csv"
    csv.write_text("序号,任务,状态\n1,清明,已完成\n", encoding="utf-8")
    text = tmp_path / "朝阳.xlsx"  # a CSV renamed
    text.write_text("序号,任务,状态\n", encoding="utf-8")
    old = tmp_path / "朝阳.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    plain = tmp_path / "plain.xlsx"
    Workbook().save(plain)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(form_of(ws).read_bytes()[:3000])
    result = run(["import", *(str(p) for p in (csv, text, old, plain, broken))], cwd=ws)
    assert result.code == 1
    err = result.err
    assert f"{csv}: 这是文本（CSV）文件" in err and f"{text}: 这是文本（CSV）文件" in err
    assert f"{old}: 这是旧版 Excel（.xls）文件" in err
    assert f"{plain}: 不是 guanxin 生成的填报表" in err
    assert f"{broken}: 无法作为 Excel 工作簿（.xlsx）读取" in err
    assert "Traceback" not in err
    missing = run(["import", "nope.xlsx"], cwd=ws)
    assert missing.code == 2 and "nope.xlsx: 文件不存在" in missing.err


def test_form_refuses_what_it_cannot_do(ws: Path, run: Any) -> None:
    assert run(["form", "-o", "x"], cwd=ws).code == 2
    both = run(["form", "朝阳", "河滨", "-o", "one.xlsx"], cwd=ws)
    assert both.code == 2 and "只能放一所学校的填报表" in both.err
    office = run(["form", "教育局", "-o", "x"], cwd=ws)
    assert office.code == 2 and "填报表是发给学校的" in office.err
    every = run(["form", "--all", "-o", "all", "--as-of", "2022-06-30", "--json"], cwd=ws)
    assert every.code == 0, every.err
    listed = json.loads(every.out)["data"]["forms"]
    assert len(listed) == 14 and len(list((ws / "all").glob("*.xlsx"))) == 14
    bundled = run(["form", "朝阳", "-o", "x", "--root", str(ws / "nowhere")], cwd=ws)
    assert bundled.code == 2
    terminal = run(["form", "朝阳", "-o", "-"], cwd=ws)
    assert terminal.code == 2 and "xlsx 是二进制文件" in terminal.err


def test_a_form_of_a_day_after_the_only_plan_is_of_its_last_day(ws: Path, run: Any) -> None:
    """As the reports: the 2022 plan's form for 2023-06-30 is its year-end form, said once."""
    made = run(["form", "朝阳", "-o", "late", "--as-of", "2023-06-30", "--json"], cwd=ws)
    assert made.code == 0, made.err
    assert json.loads(made.out)["data"]["as_of"] == "2022-12-31"
    (path,) = (ws / "late").glob("*.xlsx")
    assert "2022-12-31" in path.name and "2023" not in path.name
    assert made.err.count("2022 年计划已于 2022-12-31 结束（2023-06-30 在它之后）") == 1
    english = run(
        ["form", "朝阳", "-o", "late-en", "--as-of", "2023-06-30", "--lang", "en"], cwd=ws
    )
    assert english.code == 0 and "the 2022 plan's year ended on 2022-12-31" in english.err
    within = run(["form", "朝阳", "-o", "june", "--as-of", "2022-06-30"], cwd=ws)
    assert within.code == 0 and "结束" not in within.err


@pytest.mark.parametrize("path", sorted((REPO / "data").rglob("*.yaml")), ids=lambda p: p.stem)
def test_a_form_and_an_import_see_each_entry_alike(path: Path) -> None:
    """A row's state is hashed from the loader's reading when the form is made and from
    the edit's (round-trip) reading when it comes back: the two agree on every entry."""
    from guanxin_cli import yamledit, yamlio
    from guanxin_cli.forms.meta import state_hash

    loaded, edited = yamlio.load(path).data, yamledit.load(path).data

    def entries(data: Any) -> list[Any]:
        out = []
        for records in [data, *(data.get("years") or {}).values()]:
            out += list((records.get("progress") or {}).values())
            for audit in records.get("audits") or ():
                out += list(audit.get("findings") or ())
            out += list(records.get("activities") or ())
        return out

    pairs = list(zip(entries(loaded), entries(edited), strict=True))
    assert pairs
    for a, b in pairs:
        assert state_hash(a) == state_hash(b), (a, b)


def test_dates_outside_the_plan_year_are_refused_at_their_cell(ws: Path, run: Any) -> None:
    filled = ws / "filled.xlsx"
    cells = fill(
        form_of(ws),
        filled,
        tasks={QINGMING: {**DONE_ROW, "date": dt.date(2032, 4, 14)}},
        findings={FINDING: {"fixed": "2022/6/1"}},  # (before the audit of 06-15)
    )
    result = run(["import", str(filled)], cwd=ws)
    assert result.code == 1
    date_cell = cells[f"tasks/{QINGMING}/date"]
    assert (
        f"filled.xlsx!{date_cell}: 2032-04-14 不在 2022 年计划的时间内（2021-12-01 至 2023-02-13）"
        in result.err
    )
    fixed_cell = cells[f"findings/{FINDING}/fixed"]
    assert f"filled.xlsx!{fixed_cell}: 整改日期 2022-06-01 早于检查日期 2022-06-15" in result.err
