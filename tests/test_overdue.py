"""``guanxin overdue``: exit codes for cron, the Shanghai date, formats and atomic output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from .conftest import REPO, run_process


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    return root


def test_today_is_the_shanghai_date_just_before_midnight_utc(ws: Path) -> None:
    # 23:50 UTC on 30 June is already 07:50 on 1 July in Shanghai.
    env = {"TZ": "UTC", "GUANXIN_NOW": "2022-06-30T23:50:00+00:00"}
    result = run_process(["overdue"], cwd=ws, env=env)
    assert "截至 2022-07-01（周五）" in result.out.splitlines()[0]
    before = run_process(
        ["overdue"], cwd=ws, env={"TZ": "UTC", "GUANXIN_NOW": "2022-06-30T15:59:00+00:00"}
    )
    assert "截至 2022-06-30（周四）" in before.out.splitlines()[0]


def test_real_clock_faked_before_midnight_utc(ws: Path) -> None:
    # libfaketime (Debian: faketime) comes with scripts/test-parts.sh
    assert shutil.which("faketime"), "faketime is not installed: run `sh scripts/test-parts.sh`"
    import subprocess
    import sys

    proc = subprocess.run(
        ["faketime", "2022-06-30 23:50:00", sys.executable, "-m", "guanxin_cli", "overdue"],
        cwd=ws,
        env={"TZ": "UTC", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "截至 2022-07-01" in proc.stdout.splitlines()[0]


def test_real_clock_uses_shanghai_whatever_the_machine_zone(tmp_path: Path) -> None:
    # a plan for this very year, so that "today" is today (a past year's plan reports as of
    # its last day)
    year = dt.datetime.now(ZoneInfo("Asia/Shanghai")).year
    ws = tmp_path / "now"
    (ws / "plans").mkdir(parents=True)
    (ws / "data" / "schools").mkdir(parents=True)
    (ws / "plans" / f"{year}.yaml").write_text(
        f"id: now\ntitle: 今年\nyear: {year}\nissuer: 某区教育局关工委\n"
        "owners: [{id: schools, name: 各校}]\n"
        "sections:\n- id: s1\n  number: 一\n  title: 一\n  points:\n  - id: p1\n    title: 一\n"
        "    source: 原文\n    tasks:\n    - {id: t1, title: 任务, source: 原文, owner: schools, when: 年底前}\n",
        encoding="utf-8",
    )
    (ws / "data" / "schools" / "a.yaml").write_text("id: a\nname: 甲校\ntype: primary\n")
    for tz in ("UTC", "America/Los_Angeles", "Pacific/Kiritimati"):
        expected = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
        result = run_process(["overdue", "--format", "json"], cwd=ws, env={"TZ": tz})
        assert json.loads(result.out)["data"]["as_of"] == expected, result.err


def test_exit_codes_and_quiet(ws: Path) -> None:
    late = run_process(["overdue", "--as-of", "2022-06-30"], cwd=ws)
    assert late.code == 1
    assert late.out.startswith("逾期事项报告 · 全部单位 · 截至 2022-06-30（周四）：逾期 5 项")
    early = run_process(["overdue", "--as-of", "2022-01-05"], cwd=ws)
    assert early.code == 0 and "没有逾期事项" in early.out
    quiet = run_process(["overdue", "--as-of", "2022-01-05", "--quiet"], cwd=ws)
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    # --quiet still reports when something is due soon, but exits 0 as nothing is late
    soon = run_process(["overdue", "--as-of", "2022-03-28", "--within", "7d", "--quiet"], cwd=ws)
    assert soon.code == 0 and "7 天内到期" in soon.out
    usage = run_process(["overdue", "--within", "soon"], cwd=ws)
    assert usage.code == 2 and "--within" in usage.err


def test_one_school_is_named_in_the_first_line_even_with_nothing_due(ws: Path) -> None:
    """A cron mail for one school says which school, whether or not something is late."""
    for args in (["--as-of", "2022-03-01"], ["--as-of", "2022-07-01", "--by", "task"]):
        for fmt in ("text", "markdown"):
            result = run_process(["overdue", "--school", "朝阳", "--format", fmt, *args], cwd=ws)
            assert result.code in (0, 1), result.err
            assert "金坛区朝阳小学" in result.out.splitlines()[0], result.out
    data = json.loads(run_process(["overdue", "--school", "朝阳", "--json"], cwd=ws).out)
    assert data["data"]["school_name"] == "金坛区朝阳小学"


@pytest.mark.parametrize("as_of", ["2022-06-30", "2022-09-30", "2022-12-31"])
def test_overdue_and_status_count_the_same_items(ws: Path, as_of: str) -> None:
    over = json.loads(run_process(["overdue", "--as-of", as_of, "--json"], cwd=ws).out)["data"]
    status = json.loads(run_process(["status", "--as-of", as_of, "--json"], cwd=ws).out)["data"]
    assert over["overdue"] == status["counts"]["overdue"]
    assert sum(s["overdue"] for s in status["sections"]) == status["counts"]["overdue"]
    per_school = {g["key"]: g["overdue"] for g in over["groups"]}
    assert per_school == {s["id"]: s["overdue"] for s in status["schools"] if s["overdue"]}
    soon = json.loads(
        run_process(["overdue", "--as-of", as_of, "--within", "7d", "--json"], cwd=ws).out
    )
    assert soon["data"]["due_soon"] == status["counts"]["due_soon"]


def test_a_finding_fixed_on_time_is_not_overdue(ws: Path) -> None:
    data = json.loads(run_process(["overdue", "--as-of", "2022-09-30", "--json"], cwd=ws).out)[
        "data"
    ]
    keys = {(i["school"], i["key"]) for g in data["groups"] for i in g["items"]}
    # fix_by 2022-06-30, fixed 2022-06-20, re-check still pending: the school is not late
    assert ("yinxuemei-primary", "acceptance-2022-03/museum-guides") not in keys


def test_counts_match_status(ws: Path) -> None:
    over = json.loads(run_process(["overdue", "--as-of", "2022-12-31", "--json"], cwd=ws).out)[
        "data"
    ]
    status = json.loads(run_process(["status", "--as-of", "2022-12-31", "--json"], cwd=ws).out)[
        "data"
    ]
    per_school = {g["key"]: g["overdue"] for g in over["groups"]}
    for school in status["schools"]:
        late_blocked = school["overdue"]  # blocked items past due are listed as overdue too
        assert per_school.get(school["id"], 0) >= late_blocked
    assert over["overdue"] == sum(per_school.values())
    items = [i for g in over["groups"] for i in g["items"]]
    assert all(i["days_late"] > 0 for i in items)
    hetou = [i for i in items if i["school"] == "hetou-primary" and i["kind"] == "finding"]
    assert {i["key"] for i in hetou} == {
        "inspection-2022-05/committee-roster",
        "inspection-2022-05/station-records",
    }


def test_group_by_liaison_owner_task(ws: Path) -> None:
    for by in ("liaison", "owner", "task"):
        data = json.loads(
            run_process(["overdue", "--as-of", "2022-12-31", "--by", by, "--json"], cwd=ws).out
        )
        groups = data["data"]["groups"]
        assert sum(g["overdue"] for g in groups) == data["data"]["overdue"]
    liaison = json.loads(
        run_process(["overdue", "--as-of", "2022-12-31", "--by", "liaison", "--json"], cwd=ws).out
    )["data"]
    assert "王建国" in {g["key"] for g in liaison["groups"]}


def test_working_days_and_holidays(ws: Path) -> None:
    data = json.loads(
        run_process(["overdue", "--as-of", "2022-09-26", "--within", "2w", "--json"], cwd=ws).out
    )["data"]
    items = {(i["school"], i["key"]): i for g in data["groups"] for i in g["items"]}
    # 十一 activities are due 2022-10-08 (a make-up working day, not a holiday); from Mon 09-26 the
    # working days are 09-27..30 and 10-08 = 5, since 10-01..07 is the National Day holiday.
    national_day = [i for (s, k), i in items.items() if k == "s2-red-festivals@十一"]
    assert national_day and all(i["workdays_left"] == 5 for i in national_day)
    assert all(not i["due_on_holiday"] for i in national_day)
    liberation = json.loads(
        run_process(["overdue", "--as-of", "2022-05-03", "--json"], cwd=ws).out
    )["data"]
    jintan = [
        i
        for g in liberation["groups"]
        for i in g["items"]
        if i["key"] == "s2-red-festivals@金坛解放纪念日"
    ]
    assert jintan and all(i["due_on_holiday"] for i in jintan)  # 05-01 was the Labour Day holiday


def test_csv_has_bom_and_opens_as_table(ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "逾期.csv"
    result = run_process(
        ["overdue", "--as-of", "2022-12-31", "--format", "csv", "-o", str(out)], cwd=ws
    )
    assert result.code == 1 and result.out == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["学校代码", "学校", "事项"]
    data = json.loads(run_process(["overdue", "--as-of", "2022-12-31", "--json"], cwd=ws).out)[
        "data"
    ]
    assert len(rows) - 1 == data["overdue"]


def test_markdown_and_english(ws: Path) -> None:
    md = run_process(
        ["overdue", "--as-of", "2022-12-31", "--format", "markdown", "--by", "task"], cwd=ws
    )
    assert md.out.startswith("# 逾期事项报告")
    assert "| 期限 | 状态 | 学校 | 事项 |" in md.out
    en = run_process(["overdue", "--as-of", "2022-12-31", "--lang", "en"], cwd=ws)
    assert en.out.startswith("Overdue report · all units · as of 2022-12-31 (Sat)")


def test_output_is_atomic_and_failures_leave_nothing(ws: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")
    missing_dir = tmp_path / "no-such-dir" / "r.md"
    bad = run_process(
        ["overdue", "--as-of", "2022-12-31", "--format", "markdown", "-o", str(missing_dir)], cwd=ws
    )
    assert bad.code == 73 and "无法写入" in bad.err and "Traceback" not in bad.err
    assert not missing_dir.parent.exists()
    ok = run_process(
        ["overdue", "--as-of", "2022-12-31", "--format", "markdown", "-o", str(target)], cwd=ws
    )
    assert ok.code == 1
    assert target.read_text(encoding="utf-8").startswith("# 逾期事项报告")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.md")] == []


def test_colour_only_on_request(ws: Path) -> None:
    plain = run_process(["overdue", "--as-of", "2022-12-31"], cwd=ws)
    assert "\x1b[" not in plain.out
    forced = run_process(
        ["overdue", "--as-of", "2022-12-31"], cwd=ws, env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert "\x1b[" in forced.out


def test_unknown_holiday_calendar_falls_back_to_weekdays_and_says_so(ws: Path) -> None:
    result = run_process(["overdue", "--as-of", "2099-01-05"], cwd=ws)
    assert "2099年的法定节假日安排未知，工作日按周一至周五计算" in result.err
    known = run_process(["overdue", "--as-of", "2022-12-31"], cwd=ws)
    assert "法定节假日安排未知" not in known.err


def test_english_owner_names(ws: Path) -> None:
    result = run_process(
        ["overdue", "--as-of", "2022-12-31", "--lang", "en", "--format", "csv"], cwd=ws
    )
    rows = list(csv.reader(io.StringIO(result.out.lstrip("\ufeff"))))
    owner, kind = rows[0].index("owner"), rows[0].index("kind")
    assert {r[owner] for r in rows[1:] if r[kind] == "task"} <= {
        "School committees",
        "District education bureau committee",
        "District committee and school committees",  # the work both share (scope all)
        "Lecturer corps",
        "Party organisations",
        'Wulao ("five elders") volunteers',
        "",
    }
    by_owner = run_process(
        ["overdue", "--as-of", "2022-12-31", "--lang", "en", "--by", "owner"], cwd=ws
    )
    assert "\nSchool committees  " in by_owner.out


@pytest.mark.parametrize("as_of", ["2022-03-31", "2022-06-30", "2022-11-15"])
def test_plain_text_by_school_is_the_same_from_brief_rows_as_from_item_views(
    as_of: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cron report is laid out from each digest's brief rows (no item objects): every
    line must be what the full item views give, in both languages, at any width, with
    --within, --section and --school."""
    from guanxin_cli.collect import collect
    from guanxin_cli.render.overdue import overdue_plain
    from guanxin_cli.reports.overdue import overdue_brief, overdue_view
    from guanxin_cli.reports.plan import find_section
    from guanxin_cli.workspace.folders import Workspace
    from guanxin_cli.workspace.plans import load_plan

    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    ws = Workspace(REPO)
    lp = load_plan(ws)
    day = dt.date.fromisoformat(as_of)
    compared = 0
    for section in (None, "s3"):
        sec = find_section(lp.plan, section) if section else None
        ds = collect(ws, day, horizon=30, section=sec, lp=lp)
        for within in (None, 7, 30):
            for school in (None, "朝阳", "河头"):
                brief = overdue_brief(ds, within=within, school=school)
                full = overdue_view(ds, within=within, by="school", school=school)
                for key in ("overdue", "due_soon", "school", "school_name", "section"):
                    assert brief[key] == full[key]
                for lang in ("zh", "en"):
                    for width in (40, 100):
                        text = overdue_plain(brief, lang, width)
                        assert text == overdue_plain(full, lang, width)
                        compared += text.count("\n")
    assert compared > 400  # (late and soon items on these days, not just headers)


@pytest.mark.parametrize(
    ("by", "zh", "en"),
    [
        ("liaison", "（无包校）", "(no liaison)"),
        ("parent", "（直属）", "(directly under the office)"),
    ],
)
def test_a_group_of_items_without_what_they_are_grouped_by_is_named(
    run, workspace: Path, by: str, zh: str, en: str
) -> None:  # type: ignore[no-untyped-def]
    """The office's own items (no liaison) and schools under no unit: a named group, not "—"."""
    args = ["overdue", "--by", by, "--as-of", "2022-12-31"]
    said = run(args, cwd=workspace).out
    assert any(line.startswith(f"{zh}  逾期") for line in said.splitlines()), said
    assert not any(line.startswith("—  ") for line in said.splitlines())
    english = run([*args, "--lang", "en"], cwd=workspace).out
    assert any(line.startswith(f"{en}  ") for line in english.splitlines()), english
    data = run([*args, "--json"], cwd=workspace).out
    assert '"key": "—"' in data  # (the JSON keeps the key it had)
