"""Several plan years in one workspace: progress belongs to its year; roll, migrate; the plan
chosen by the date; old single-year files still read; units between the office and schools."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from guanxin_cli import yamlio

from .conftest import REPO


def status(run: Any, ws: Path, *args: str) -> dict[str, Any]:
    result = run(["status", "--json", *args], cwd=ws)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)["data"]
    return data


def school_file(ws: Path, name: str = "hetou-primary") -> Path:
    return ws / "data" / "schools" / f"{name}.yaml"


FIRST_LAYOUT = Path(__file__).parent / "fixtures" / "first-layout"


@pytest.fixture
def old_workspace(tmp_path: Path) -> Path:
    """The samples as a 2022 workspace wrote them before plan years: schema_version 1,
    one year's records at the top of each file."""
    root = tmp_path / "old"
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "data").mkdir()
    shutil.copy(FIRST_LAYOUT / "office.yaml", root / "data" / "office.yaml")
    shutil.copytree(FIRST_LAYOUT / "schools", root / "data" / "schools")
    return root


# --------------------------------------------------------------------------- roll


def test_rolled_workspace_keeps_each_years_numbers_apart(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    before = status(run, workspace, "--as-of", "2022-06-30")
    rolled = run(["roll", "2023"], cwd=workspace)
    assert rolled.code == 0, rolled.err
    assert "plans/2023.yaml" in rolled.out and "请对照 2023 年的新文件核对" in rolled.out
    assert run(["check"], cwd=workspace).code == 0
    # 2022's records never count toward 2023
    y2023 = status(run, workspace, "--as-of", "2023-06-30")
    assert y2023["year"] == 2023 and y2023["plan"].endswith("2023")
    assert y2023["overall"]["done"] == 0
    assert all(m["count_now"] == 0 for m in y2023["milestones"] if m["id"] != "m-acceptance")
    # and 2022's numbers are exactly as before the roll, by date or by --year
    assert status(run, workspace, "--as-of", "2022-06-30") == before
    assert status(run, workspace, "--as-of", "2022-06-30", "--year", "2022") == before


def test_roll_moves_cohorts_and_years_and_writes_nothing_on_dry_run(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    dry = run(["roll", "2023", "--dry-run"], cwd=workspace)
    assert dry.code == 0 and "--dry-run" in dry.out
    assert not (workspace / "plans" / "2023.yaml").exists()
    assert run(["roll", "2023"], cwd=workspace).code == 0
    old = yamlio.load(workspace / "plans" / "2022.yaml").data
    new = yamlio.load(workspace / "plans" / "2023.yaml").data
    assert new["year"] == 2023 and new["id"] == old["id"].replace("2022", "2023")
    assert "2023" in new["title"] and "source_document" not in new
    cohorts = {g["id"]: g["rule"].get("youzhihua_cohort") for g in new["groups"]}
    assert cohorts["youzhi-acceptance"] == 2022 and cohorts["youzhi-applicants"] == 2023
    # same structure and ids (the school files' keys still fit), but for 二十大's task, whose
    # only date was 2022's (2022-10-16) and which is listed as taken out
    ids = [t["id"] for s in old["sections"] for p in s["points"] for t in p["tasks"]]
    kept = [t["id"] for s in new["sections"] for p in s["points"] for t in p["tasks"]]
    assert kept == [i for i in ids if i != "s0-congress"]
    assert "已移除任务 s0-congress" in dry.out
    # quotes are the old document's words, and are listed for review, not rewritten
    assert new["sections"][0]["points"][0]["source"] == old["sections"][0]["points"][0]["source"]
    # and the file says so at its head, under the editor's schema line
    head = (workspace / "plans" / "2023.yaml").read_text("utf-8").splitlines()[:3]
    assert head[0].startswith("# yaml-language-server:")
    assert head[1].startswith(
        "# 由 guanxin roll 从 plans/2022.yaml 生成：以下注释和每个 source 摘句仍是 2022 年"
    )
    again = run(["roll", "2023"], cwd=workspace)
    assert again.code == 2 and "已存在" in again.err


def test_roll_takes_out_what_belonged_to_the_old_year_only(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text("utf-8")
    text = text.replace(
        "            when: [清明前后, 金坛解放纪念日, 七一, 抗战胜利纪念日, 十一]",
        "            when: [清明前后, 金坛解放纪念日, 七一, 抗战胜利纪念日, 十一, 2022-10-16]",
    )
    text = text.replace(
        "            owner: district\n            scope: district\n            when: 10月底",
        "            owner: district\n            scope: district\n            when: 2022-10-20",
    )
    plan.write_text(text, encoding="utf-8")
    assert run(["check"], cwd=workspace).code == 0
    result = run(["roll", "2023"], cwd=workspace)
    assert result.code == 0, result.err
    assert "2022-10-16" in result.out and "s2-family-survey" in result.out
    new = yamlio.load(workspace / "plans" / "2023.yaml").data
    tasks = {t["id"]: t for s in new["sections"] for p in s["points"] for t in p["tasks"]}
    assert "s2-family-survey" not in tasks  # its only date was 2022's
    assert "2022-10-16" not in tasks["s2-red-festivals"]["when"]
    assert run(["check"], cwd=workspace).code == 0


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "（“建党101周年”在 2022 年，只属于 2022 年）"),
        ("en", "('建党101周年' falls in 2022: 2022 only)"),
    ],
)
def test_roll_says_why_an_anniversary_is_dropped_in_the_users_language(  # type: ignore[no-untyped-def]
    run, workspace: Path, lang: str, said: str
) -> None:
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text("utf-8")
    old = "            when: [清明前后, 金坛解放纪念日, 七一, 抗战胜利纪念日, 十一]"
    assert old in text
    plan.write_text(text.replace(old, old[:-1] + ", 建党101周年]"), "utf-8")
    assert run(["check"], cwd=workspace).code == 0
    result = run(["roll", "2023", "--lang", lang], cwd=workspace)
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if "建党101周年" in x)
    assert said in line, line
    assert "falls in" not in line or lang == "en"


def test_carried_findings_show_in_the_next_year_marked_with_their_year(
    run, workspace: Path
) -> None:  # type: ignore[no-untyped-def]
    assert run(["roll", "2023"], cwd=workspace).code == 0
    end_2022 = status(run, workspace, "--as-of", "2022-12-31")
    begin_2023 = status(run, workspace, "--as-of", "2023-01-02")
    assert end_2022["open_findings"] > 0
    assert begin_2023["open_findings"] == end_2022["open_findings"]
    overdue = run(["overdue", "--as-of", "2023-01-02", "--format", "json"], cwd=workspace)
    items = [i for g in json.loads(overdue.out)["data"]["groups"] for i in g["items"]]
    carried = [i for i in items if i["kind"] == "finding"]
    assert carried and all(i["carried_from"] == 2022 for i in carried)
    text = run(["overdue", "--as-of", "2023-01-02"], cwd=workspace).out
    assert "（2022年遗留）" in text


# ------------------------------------------------------------------ choosing the plan


def test_the_plan_is_chosen_by_the_date_and_said(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["roll", "2023"], cwd=workspace).code == 0
    result = run(["status", "--json", "--as-of", "2022-06-30"], cwd=workspace)
    assert json.loads(result.out)["data"]["year"] == 2022
    assert result.err.count("\n") == 1 and "使用 2022 年计划" in result.err
    later = run(["status", "--json", "--as-of", "2024-03-01"], cwd=workspace)
    assert json.loads(later.out)["data"]["year"] == 2023  # the newest earlier plan
    missing = run(["status", "--year", "2021"], cwd=workspace)
    assert (
        missing.code == 2
        and "2022、2023" in missing.err
        and "guanxin init --year 2021" in missing.err
    )


def test_a_past_years_report_is_of_its_last_day(
    run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_NOW", "2026-12-03T09:00:00+08:00")
    result = run(["audit", "--school", "朝阳", "--json"], cwd=workspace)
    assert result.code == 0, result.err
    assert json.loads(result.out)["data"]["as_of"] == "2022-12-31"
    assert "2022 年计划已结束，按年末 2022-12-31 报告" in result.err
    overdue = run(["overdue", "--format", "json"], cwd=workspace)
    assert (
        max(i["days_late"] for g in json.loads(overdue.out)["data"]["groups"] for i in g["items"])
        < 365
    )
    # a date given is used as it is
    given = run(["audit", "--school", "朝阳", "--json", "--as-of", "2022-06-30"], cwd=workspace)
    assert json.loads(given.out)["data"]["as_of"] == "2022-06-30" and "已结束" not in given.err


# --------------------------------------------------------------- layout and migrate


def test_a_first_layout_file_is_read_as_the_first_plan_year(  # type: ignore[no-untyped-def]
    run, workspace: Path, old_workspace: Path
) -> None:
    # the bundled samples keep their records by year; the old ones read the same
    layered = status(run, workspace, "--as-of", "2022-06-30")
    assert "schema_version: 1" in school_file(old_workspace).read_text("utf-8")
    assert run(["check"], cwd=old_workspace).code == 0
    assert status(run, old_workspace, "--as-of", "2022-06-30") == layered
    # and one file of each layout side by side
    shutil.copy(
        FIRST_LAYOUT / "schools" / "chaoyang-primary.yaml",
        school_file(workspace, "chaoyang-primary"),
    )
    assert status(run, workspace, "--as-of", "2022-06-30") == layered


def test_migrate_moves_records_under_their_year_and_nothing_else(run, old_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = old_workspace
    path = school_file(workspace)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))  # BOM, CRLF
    before = {p.name: yamlio.load(p).data for p in (workspace / "data" / "schools").glob("*.yaml")}
    numbers = status(run, workspace, "--as-of", "2022-09-30")
    dry = run(["migrate", "--dry-run"], cwd=workspace)
    assert dry.code == 0 and "+years:" in dry.out
    assert yamlio.load(path).data == before[path.name]
    result = run(["migrate"], cwd=workspace)
    assert result.code == 0, result.err
    raw = path.read_bytes()
    assert (
        raw.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in raw
        and b"\n" not in raw.replace(b"\r\n", b"")
    )
    for p in (workspace / "data" / "schools").glob("*.yaml"):
        data = yamlio.load(p).data
        old = before[p.name]
        assert data["schema_version"] == 2 and "progress" not in data
        moved = {k: old[k] for k in ("progress", "audits", "activities") if k in old}
        assert data["years"] == ({2022: moved} if moved else {}) or "years" not in data
        assert {k: v for k, v in data.items() if k not in ("years", "schema_version")} == {
            k: v for k, v in old.items() if k not in (*moved, "schema_version")
        }
    text = path.read_text("utf-8-sig")
    assert "# 关工委成员名单两年未调整" in text or "#" in text  # comments travel with the block
    assert status(run, workspace, "--as-of", "2022-09-30") == numbers
    assert run(["check"], cwd=workspace).code == 0
    assert "无需转换" in run(["migrate"], cwd=workspace).out


def test_migrate_writes_nothing_when_one_file_cannot_be_moved(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    odd = school_file(workspace, "odd")
    odd.write_text(
        "{schema_version: 1, id: odd, name: 奇怪学校, type: primary, progress: {}}\n", "utf-8"
    )
    others = {p: p.read_bytes() for p in (workspace / "data" / "schools").glob("*.yaml")}
    result = run(["migrate"], cwd=workspace)
    assert result.code == 1 and "odd.yaml" in result.out + result.err
    assert {p: p.read_bytes() for p in others} == others


def test_a_second_year_needs_the_per_year_layout(run, old_workspace: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = old_workspace
    assert run(["roll", "2023"], cwd=workspace).code == 0
    path = school_file(workspace)
    text = path.read_text("utf-8")
    refused = run(["done", "河头", "s2-team-cases", "--date", "2023-06-01"], cwd=workspace)
    assert refused.code == 2 and "guanxin migrate" in refused.err
    assert path.read_text("utf-8") == text
    assert run(["migrate"], cwd=workspace).code == 0
    done = run(["done", "河头", "s2-team-cases", "--date", "2023-06-01"], cwd=workspace)
    assert done.code == 0, done.err
    data = yamlio.load(path).data
    assert data["years"][2023]["progress"]["s2-team-cases"]["status"] == "done"
    assert "s2-team-cases" not in data["years"][2022]["progress"]
    assert run(["check"], cwd=workspace).code == 0
    # the 2023 entry counts for 2023 only
    assert status(run, workspace, "--as-of", "2023-06-30")["overall"]["done"] == 1
    y2022 = status(run, workspace, "--as-of", "2022-12-31", "--school", "河头")
    assert y2022["schools"][0]["counts"]["done"] >= 0


def test_records_far_from_their_years_plan_are_errors(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["migrate"], cwd=workspace).code == 0
    path = school_file(workspace, "chaoyang-primary")
    text = path.read_text("utf-8")
    path.write_text(text.replace("date: 2022-06-28", "date: 2023-06-28", 1), "utf-8")
    result = run(["check"], cwd=workspace)
    assert result.code == 1
    assert "2023-06-28 离 2022 年计划太远" in result.out
    assert "years.2022.progress" in result.out
    # records of a year with no plan are named as such
    path.write_text(text.replace("years:\n  2022:", "years:\n  2021:"), "utf-8")
    result = run(["check"], cwd=workspace)
    assert result.code == 1 and "2021 年的记录" in result.out and "现有：2022" in result.out


# ------------------------------------------------------------- units and coverage


CITY_PLAN = """\
id: city-2023
title: 2023年关心下一代工作要点
year: 2023
issuer: 南通市教育局关工委
owners:
  - {id: office, name: 南通市教育局关工委}
  - {id: counties, name: 各县（市、区）教育局关工委}
  - {id: schools, name: 各校关工委}
groups:
  - {id: counties, name: 各县（市、区）, rule: {types: [county]}}
sections:
  - id: s1
    number: 一
    title: 工作
    points:
      - id: s1-p
        title: 工作
        source: 原文
        tasks:
          - {id: s1-guide, title: 县区指导各校, source: 原文, owner: counties, scope: counties, when: 上半年}
          - {id: s1-talk, title: 各校宣讲, source: 原文, owner: schools, scope: schools, when: 每学期}
milestones:
  - {id: m-talks, title: 八成学校每学期宣讲, section: s1, source: 原文, when: 年底前, count: {task: s1-talk}, min: 80%}
  - {id: m-all, title: 全部学校每学期宣讲, section: s1, source: 原文, when: 年底前, count: {task: s1-talk}, min: all}
"""


def unit(
    folder: Path, ident: str, name: str, kind: str, parent: str | None, progress: str = ""
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = f"schema_version: 2\nid: {ident}\nname: {name}\ntype: {kind}\n"
    if parent:
        text += f"parent: {parent}\n"
    if progress:
        text += f"years:\n  2023:\n    progress:\n{progress}"
    (folder / f"{ident}.yaml").write_text(text, "utf-8")


@pytest.fixture
def city(tmp_path: Path) -> Path:
    root = tmp_path / "city"
    (root / "plans").mkdir(parents=True)
    (root / "plans" / "2023.yaml").write_text(CITY_PLAN, "utf-8")
    units, schools = root / "data" / "units", root / "data" / "schools"
    done = "      s1-guide: {status: done, date: 2023-05-01}\n"
    unit(units, "rudong", "如东县教育局关工委", "county", None, done)
    unit(units, "chongchuan", "崇川区教育局关工委", "county", None)
    unit(units, "juegang", "掘港街道教管办", "town", "rudong")
    both = (
        "      s1-talk@春季学期: {status: done, date: 2023-05-10}\n"
        "      s1-talk@秋季学期: {status: done, date: 2023-11-10}\n"
    )
    spring = "      s1-talk@春季学期: {status: done, date: 2023-05-10}\n"
    unit(schools, "rd-a", "如东甲校", "primary", "juegang", both)
    unit(schools, "rd-b", "如东乙校", "middle", "rudong", both)
    unit(schools, "cc-a", "崇川甲校", "primary", "chongchuan", both)
    unit(schools, "cc-b", "崇川乙校", "primary", "chongchuan", both)
    unit(schools, "cc-c", "崇川丙校", "primary", "chongchuan", spring)
    return root


def test_a_city_plan_rolls_its_schools_up_by_county_and_town(run, city: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["check"], cwd=city).code == 0
    data = status(run, city, "--as-of", "2023-12-31")
    # the units between are no schools
    assert sorted(s["id"] for s in data["schools"]) == ["cc-a", "cc-b", "cc-c", "rd-a", "rd-b"]
    units = {u["id"]: u for u in data["units"]}
    assert units["rudong"]["schools"] == 2  # rd-b, and rd-a under its town
    assert units["juegang"]["schools"] == 1 and units["chongchuan"]["schools"] == 3
    assert units["rudong"]["own"]["done"] == 1 and units["chongchuan"]["own"]["done"] == 0
    assert units["chongchuan"]["rate"] == {
        "done": 5,
        "total": 6,
        "ratio": round(5 / 6, 4),
        "due": 5,
        "done_of_due": 5,
    }  # (the autumn term is not due until January: only what was done of it is)
    by_parent = run(
        ["overdue", "--by", "parent", "--as-of", "2024-02-15", "--format", "json"], cwd=city
    )
    groups = {g["key"]: g for g in json.loads(by_parent.out)["data"]["groups"]}
    # 崇川丙校's autumn term, and the county's own guidance (due in June, not done)
    assert groups["chongchuan"]["overdue"] == 2
    assert {i["school"] for i in groups["chongchuan"]["items"]} == {"cc-c", "chongchuan"}
    assert groups["chongchuan"]["label"] == "崇川区教育局关工委"
    assert "rudong" not in groups  # 如东's schools gave both talks and it guided them


def test_coverage_milestones_count_a_share_once_per_term(run, city: Path) -> None:  # type: ignore[no-untyped-def]
    milestones = {m["id"]: m for m in status(run, city, "--as-of", "2023-12-31")["milestones"]}
    # 4 of 5 schools gave a talk in both terms (崇川丙校 only in spring): 80% of 5 is 4
    assert milestones["m-talks"]["min"] == 4 and milestones["m-talks"]["count_now"] == 4
    assert milestones["m-talks"]["state"] == "met"
    assert milestones["m-all"]["min"] == 5 and milestones["m-all"]["state"] == "at_risk"
    assert milestones["m-all"]["pending"] == ["cc-c"]


def test_unit_references_and_folders_are_checked(run, city: Path) -> None:  # type: ignore[no-untyped-def]
    schools = city / "data" / "schools"
    unit(schools, "cc-d", "崇川丁校", "primary", "chongchun")
    result = run(["check"], cwd=city)
    assert result.code == 1 and "chongchun" in result.out and "chongchuan" in result.out
    unit(schools, "cc-d", "崇川丁校", "primary", None)
    unit(schools, "town-x", "某镇", "town", None)
    result = run(["check"], cwd=city)
    assert result.code == 1 and "data/units/" in result.out
    (schools / "town-x.yaml").unlink()
    units = city / "data" / "units"
    unit(units, "juegang", "掘港街道教管办", "town", "rudong")
    unit(units, "rudong", "如东县教育局关工委", "county", "juegang")
    result = run(["check"], cwd=city)
    assert result.code == 1 and "绕回" in result.out


def test_owners_and_groups_have_ids_of_their_own(run, city: Path) -> None:  # type: ignore[no-untyped-def]
    # CITY_PLAN names `counties` as an owner and as a group: that is fine
    assert run(["check"], cwd=city).code == 0
    plan = city / "plans" / "2023.yaml"
    plan.write_text(
        CITY_PLAN.replace("owner: counties, scope: counties", "owner: county, scope: countys"),
        "utf-8",
    )
    result = run(["check"], cwd=city)
    assert result.code == 1
    assert "未知的 owner“county”，是不是：counties" in result.out
    assert "未知的 scope“countys”，是不是：counties" in result.out
    plan.write_text(
        CITY_PLAN.replace("owner: counties, scope: counties", "owner: zzz, scope: counties"),
        "utf-8",
    )
    result = run(["check"], cwd=city)
    assert "未知的 owner“zzz”。可用：counties、office、schools" in result.out


def test_the_workbook_adds_the_schools_up_by_unit(run, city: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    out = city / "city.xlsx"
    result = run(
        ["export", "--format", "xlsx", "--output", str(out), "--as-of", "2023-12-31"], cwd=city
    )
    assert result.code == 0, result.err
    sheet = openpyxl.load_workbook(out)["各单位"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    status_units = {u["name"]: u for u in status(run, city, "--as-of", "2023-12-31")["units"]}
    assert (
        set(rows)
        == set(status_units)
        == {"如东县教育局关工委", "崇川区教育局关工委", "掘港街道教管办"}
    )
    for name, unit in status_units.items():
        _, _parent, schools, ratio, overdue, findings, own = rows[name]
        assert (schools, overdue, findings) == (
            unit["schools"],
            unit["overdue"],
            unit["open_findings"],
        )
        assert ratio == unit["rate"]["ratio"] and own == unit["own"]["ratio"]
    assert rows["掘港街道教管办"][1] == "如东县教育局关工委"
    # a workspace without units between has no such sheet
    plain = city.parent / "plain.xlsx"
    assert run(["export", "--format", "xlsx", "--output", str(plain)], cwd=REPO).code == 0
    assert "各单位" not in openpyxl.load_workbook(plain).sheetnames


def test_a_year_before_every_plan_suggests_copy_or_init_not_roll(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    before = run(["status", "--year", "2021"], cwd=workspace)
    assert before.code == 2
    assert "guanxin roll 2021" not in before.err
    assert "无法用 guanxin roll 生成" in before.err and "guanxin init --year 2021" in before.err
    assert run(["roll", "2021"], cwd=workspace).code != 0  # (what it would have said to run)
    after = run(["status", "--year", "2023"], cwd=workspace)
    assert after.code == 2 and "可用 guanxin roll 2023 由上一年的计划生成" in after.err
    english = run(["overdue", "--year", "2021", "--lang", "en"], cwd=workspace)
    assert english.code == 2 and "so guanxin roll cannot make one" in english.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["roll", "20x3"], "参数 年份 的值“20x3”无效：应为不小于 2000 的整数。"),
        (["roll", "--dry-run", "20x3"], "参数 年份 的值“20x3”无效"),
        (["--lang", "en", "roll", "20x3"], "invalid value '20x3' for the argument YEAR"),
    ],
)
def test_a_bad_year_argument_is_said_as_an_argument_with_its_value(  # type: ignore[no-untyped-def]
    run, workspace: Path, args: list[str], said: str
) -> None:
    result = run(args, cwd=workspace)
    assert result.code == 2
    assert said in result.err, result.err
    assert "选项" not in result.err and "“”" not in result.err


def test_school_add_with_an_unknown_parent_is_a_usage_error(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["school", "add", "bad", "--name", "坏学校", "--type", "primary", "--parent", "rugoa"]
    result = run(args, cwd=workspace)
    assert result.code == 2, result.err
    assert "rugoa" in result.err
    assert not (workspace / "data" / "schools" / "bad.yaml").exists()
