"""``check`` says everything in one run: every problem of every file, in file and line order."""

from __future__ import annotations

import json
from pathlib import Path

BROKEN = """\
schema_version: 1
id: broken-school
name: 测试小学
type: primary
liaision: 王建国
name: 又一个名字
progress:
  s2-team-cases: {status: finished, date: 2022-04-01}
  s1-study-schools: {status: done, date: 2022-02-30}
  s2-no-such-task: {status: done, date: 2022-04-01}
  s2-red-festivals@七一: {status: done, date: 2022-07-01
  s2-culture-essay: {status: done, date: 2030-07-01}
audits:
  - id: a1
    date: 2022-05-01
    kind: inspection
    by: 区关工委
    findings:
      - {id: f1, text: 台账不全, fix_by: 2022-04-01}
  - id: a1
    date: 2022-06-01
    kind: visit
    by: 区关工委
activities:
  - {name: 清明祭扫, date: 2022-04-03, task: s2-red-festival}
"""


def test_every_problem_of_a_broken_file_in_one_run(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    (workspace / "data" / "schools" / "broken-school.yaml").write_text(BROKEN, encoding="utf-8")
    result = run(["check", "--json"], cwd=workspace)
    assert result.code == 1
    found = [
        (p["line"], p["code"], p.get("key"))
        for p in json.loads(result.out)["data"]["problems"]
        if p["file"].endswith("broken-school.yaml")
    ]
    assert found == [
        (5, "v.unknown_key_hint", "liaision"),  # a misspelt key
        (6, "yaml.duplicate_key", None),  # a duplicate key does not hide the rest
        (8, "v.choice_hint", "progress.s2-team-cases.status"),  # finished → did you mean done
        (9, "v.date", "progress.s1-study-schools.date"),  # 2022-02-30
        (10, "ref.unknown_hint", "progress.s2-no-such-task"),  # checked against the plan
        (11, "yaml.flow_mapping", None),  # a syntax error: the rest is still checked
        (12, "ref.date_outside", "progress.s2-culture-essay.date"),
        (19, "ref.fix_before_audit", "audits.0.findings.0.fix_by"),
        (20, "ref.duplicate_id", "audits.1.id"),
        (22, "v.choice", "audits.1.kind"),
        (25, "ref.unknown_hint", "activities.0.task"),
    ]
    text = run(["check"], cwd=workspace)
    assert "是不是“done”" in text.out
    lines = [line for line in text.out.splitlines() if "broken-school.yaml" in line]
    assert len(lines) == len(found)  # the same, as text


def test_check_of_the_plan_checks_every_school_against_it(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    assert run(["check", "plans/2022.yaml"], cwd=workspace).code == 0
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("- id: s2-team-cases\n", "- id: s2-team-case\n"),
        encoding="utf-8",
    )
    result = run(["check", "plans/2022.yaml"], cwd=workspace)
    assert result.code == 1
    assert "chaoyang-primary.yaml" in result.out and "s2-team-cases" in result.out
    assert "是不是：s2-team-case" in result.out


def test_set_status_with_a_word_for_a_choice(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["set", "朝阳小学", "s2-team-cases", "--status", "finished"], cwd=workspace)
    assert result.code == 2 and "是不是“done”" in result.err


def test_an_empty_plan_gets_a_plans_hint(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    (workspace / "plans" / "2022.yaml").write_text("", encoding="utf-8")
    for args in (["check"], ["check", "plans/2022.yaml"], ["status"]):
        result = run(args, cwd=workspace)
        said = result.out + result.err
        assert result.code == 1 and "计划文件是空的" in said
        assert "data/schools/" not in said  # not the school file's hint


def test_a_workspace_without_an_office_file_is_told_how_to_add_one(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    (workspace / "data" / "office.yaml").unlink()
    result = run(["status", "--as-of", "2022-06-30"], cwd=workspace)
    assert result.code == 0
    assert "请新建 data/office.yaml（写法同学校文件，type: office）" in result.err


YEARS_SCHOOL = """\
schema_version: 2
id: years-school
name: 测试小学
type: primary
years:
  2022:
    progress:
      s1-study-schools: {status: done, date: 2022-02-30}
      s1-study-implment: {status: finished, date: 2022-04-01}
      s2-team-cases: {status: done, date: 2022-04-01}
    audits:
      - {id: a1, date: 2022-05-01, kind: inspection, by: 区关工委, result: great}
      - {id: a1, date: 2022-06-01, kind: inspection, by: 区关工委}
    activities:
      - {name: 清明祭扫, date: 2022-04-31, task: s2-red-festivals}
      - {name: 清明祭扫, date: 2022-04-03, task: s2-red-festival}
"""


def test_a_bad_value_under_years_hides_nothing(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """A bad value in a year's records (schema 2) does not hide the plan's checks of the
    rest of that year: an unknown task id is reported in the same run."""
    (workspace / "data" / "schools" / "years-school.yaml").write_text(
        YEARS_SCHOOL, encoding="utf-8"
    )
    result = run(["check", "--json"], cwd=workspace)
    assert result.code == 1
    found = [
        (p["line"], p["code"], p.get("key"))
        for p in json.loads(result.out)["data"]["problems"]
        if p["file"].endswith("years-school.yaml")
    ]
    assert found == [
        (8, "v.date", "years.2022.progress.s1-study-schools.date"),  # 2022-02-30
        (9, "ref.unknown_hint", "years.2022.progress.s1-study-implment"),  # still checked
        (9, "v.choice_hint", "years.2022.progress.s1-study-implment.status"),  # (its column)
        (12, "v.choice", "years.2022.audits.0.result"),
        (13, "ref.duplicate_id", "years.2022.audits.1.id"),
        (15, "v.date", "years.2022.activities.0.date"),
        (16, "ref.unknown_hint", "years.2022.activities.1.task"),  # its line, not the one before
    ]


def test_a_bad_value_in_the_plan_hides_no_bad_reference(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "    count: {task: s3-youzhi-meeting}\n    min: 1\n"
    assert old in text
    plan.write_text(text.replace(old, "    count: {task: p48x}\n    min: 120%\n"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    for args in (["check", "--json"], ["check", "--json", "plans/2022.yaml"]):
        result = run(args, cwd=workspace)
        assert result.code == 1
        found = [
            (p["line"], p["code"], p.get("key")) for p in json.loads(result.out)["data"]["problems"]
        ]
        assert found == [
            (line, "ref.unknown", "milestones.0.count.task"),  # p48x: no task
            (line + 1, "model.target", "milestones.0.min"),  # 120%
        ]
