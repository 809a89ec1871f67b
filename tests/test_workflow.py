"""The daily loop from the command line: 整改 fixed and re-checked, the activity ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .editkit import commit, git, git_init, school_path

HETOU = "hetou-primary"


@pytest.fixture
def samples(workspace: Path) -> Path:
    """The sample workspace in a git repository of its own."""
    git_init(workspace)
    commit(workspace, "samples")
    return workspace


def status_json(run, root: Path, *extra: str) -> dict:  # type: ignore[no-untyped-def]
    result = run(["status", "--json", "--as-of", "2022-12-31", *extra], cwd=root)
    assert result.code == 0, result.err
    return json.loads(result.out)["data"]  # type: ignore[no-any-return]


def finding_view(run, root: Path, key: str) -> dict:  # type: ignore[no-untyped-def]
    result = run(["audit", "--school", HETOU, "--json", "--as-of", "2022-12-31"], cwd=root)
    assert result.code == 0, result.err
    found = json.loads(result.out)["data"]["findings"]
    return next(f for f in found if f["key"] == key)  # type: ignore[no-any-return]


KEY = "inspection-2022-05/committee-roster"


def test_fix_then_a_passed_recheck_closes_the_finding(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    before = status_json(run, samples)["open_findings"]
    assert finding_view(run, samples, KEY)["step"] == "to_fix"

    fixed = run(["fix", HETOU, "committee-roster", "--date", "2022-07-10", "-e", "新名单"], samples)
    assert fixed.code == 0, fixed.err
    assert f"整改 {KEY}" in fixed.out and "待复查" in fixed.out
    view = finding_view(run, samples, KEY)
    assert view["step"] == "to_recheck" and view["fixed_on"] == "2022-07-10"
    assert view["evidence_recorded"] == ["新名单"]
    data = status_json(run, samples)
    assert data["open_findings"] == before and data["waiting_findings"] >= 1
    # the checklist asks for the re-check, and the screen says so
    audit = run(["audit", "--school", HETOU, "--as-of", "2022-12-31"], cwd=samples)
    assert "已于 2022-07-10 完成，请复查（佐证：新名单）" in audit.out
    assert "待复查（2022-07-10 已整改）" in audit.out
    assert "待复查" in run(["status", "--as-of", "2022-12-31"], cwd=samples).out

    args = ["record-audit", HETOU, "--date", "2022-12-20", "--kind", "recheck", "--result"]
    passed = run([*args, "passed"], cwd=samples)
    assert passed.code == 0, passed.err
    assert f"复查通过，1 项整改销号：{KEY}" in passed.out
    assert status_json(run, samples)["open_findings"] == before - 1
    assert finding_view(run, samples, KEY)["step"] == "closed"
    text = school_path(samples, HETOU).read_text(encoding="utf-8")
    assert "rechecked: 2022-12-20" in text and "&" not in text  # no anchor for the same date
    assert run(["check"], cwd=samples).code == 0

    # the same re-check again is refused, and writes nothing
    kept = school_path(samples, HETOU).read_bytes()
    again = run([*args, "passed"], cwd=samples)
    assert again.code == 2
    assert "已记录过 2022-12-20 的这次检查" in again.err
    assert school_path(samples, HETOU).read_bytes() == kept
    # a closed finding cannot be fixed again
    closed = run(["fix", HETOU, KEY, "--date", "2022-12-21"], cwd=samples)
    assert closed.code == 2 and "已于 2022-12-20 复查销号" in closed.err


def test_a_failed_recheck_reopens_with_a_new_deadline(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["fix", HETOU, "成员名单", "--date", "2022-07-10"], cwd=samples).code == 0
    args = [
        "record-audit",
        HETOU,
        "--date",
        "2022-08-01",
        "--kind",
        "recheck",
        "--result",
        "failed",
    ]
    needs = run(args, cwd=samples)
    assert needs.code == 2 and "--fix-by" in needs.err
    reopened = run([*args, "--fix-by", "2022-09-15"], cwd=samples)
    assert reopened.code == 0, reopened.err
    assert "1 项重新整改，期限 2022-09-15" in reopened.out
    view = finding_view(run, samples, KEY)
    assert view["step"] == "to_fix" and view["due"] == "2022-09-15" and view["fixed_on"] is None
    text = school_path(samples, HETOU).read_text(encoding="utf-8")
    assert "2022-08-01 复查未通过（原整改日期 2022-07-10，原期限 2022-06-30）" in text
    assert run(["check"], cwd=samples).code == 0


def test_an_extra_fix_by_is_only_for_a_failed_recheck(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["record-audit", HETOU, "--date", "2022-08-01", "--kind", "inspection"]
    result = run([*args, "--fix-by", "2022-09-15"], cwd=samples)
    assert result.code == 2 and "--fix-by" in result.err


@pytest.mark.parametrize(
    ("finding", "expect"),
    [
        ("inspection-2022-05/nothing", "没有整改问题“inspection-2022-05/nothing”"),
        ("辅导", None),  # one finding's text: it is found
        ("名单", "对应 河头小学 的多项整改"),  # both texts have 名单: the candidates are listed
    ],
)
def test_a_finding_is_named_by_id_key_or_unique_text(
    run, samples: Path, finding: str, expect: str | None
) -> None:  # type: ignore[no-untyped-def]
    result = run(["fix", HETOU, finding, "--date", "2022-10-01", "--dry-run"], cwd=samples)
    if expect is None:
        assert result.code == 0, result.err
        assert "+            fixed: 2022-10-01" in result.out  # (under years: 2022:)
    else:
        assert result.code == 2
        assert expect in result.err
        assert "inspection-2022-05/committee-roster" in result.err  # a candidate named


def test_fix_before_the_audit_is_refused(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["fix", HETOU, "committee-roster", "--date", "2022-05-01"], cwd=samples)
    assert result.code == 2 and "早于发现问题的检查（2022-05-18）" in result.err


def test_activity_add_with_a_title_and_a_date(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["activity", "add", "朝阳", "--title", "清明祭扫烈士墓", "--date", "2022-04-03"]
    result = run(args, cwd=samples)
    assert result.code == 0, result.err
    assert "已记录：金坛区朝阳小学 活动“清明祭扫烈士墓”（2022-04-03）" in result.out
    diff = git(samples, "diff", "-U0").split("\n")
    changed = [x for x in diff if x[:1] in ("+", "-") and x[:3] not in ("+++", "---")]
    # appended in the ledger's own (block) layout, nothing else touched
    assert changed == [
        "+      - name: 清明祭扫烈士墓",
        "+        date: 2022-04-03",
    ]  # (years: 2022:)
    assert run(["check"], cwd=samples).code == 0
    full = [
        "activity", "add", "chaoyang-primary", "--title", "七一讲党课", "--date", "2022-07-01",
        "--kind", "红色资源", "--task", "s2-red-festivals", "--wulao", "2", "--students", "300",
        "-e", "照片", "--reported",
    ]  # fmt: skip
    assert run(full, cwd=samples).code == 0
    text = school_path(samples).read_text(encoding="utf-8")
    assert (  # (under years: 2022: activities:)
        "      - name: 七一讲党课\n        date: 2022-07-01\n        category: 红色资源\n"
        "        task: s2-red-festivals\n        wulao: 2\n        students: 300\n"
        "        evidence: [照片]\n        reported: true\n" in text
    )
    export = run(["export", "--format", "json", "--output", "-", "--as-of", "2022-12-31"], samples)
    ledger = json.loads(export.out)["data"]["activities"]
    row = next(a for a in ledger if a["name"] == "清明祭扫烈士墓")
    assert row["category"] == "—"


@pytest.mark.parametrize(
    ("extra", "expect"),
    [
        (["--title", " ", "--date", "2022-04-03"], "不能为空"),
        (["--title", "x", "--date", "2030-04-03"], "离 2022 年计划太远"),
        (["--title", "x", "--date", "2022-04-03", "--task", "s2-red-festival"], "是不是"),
    ],
)
def test_activity_add_refuses_bad_input(run, samples: Path, extra: list[str], expect: str) -> None:  # type: ignore[no-untyped-def]
    before = school_path(samples).read_bytes()
    result = run(["activity", "add", "chaoyang-primary", *extra], cwd=samples)
    assert result.code == 2 and expect in result.err
    assert school_path(samples).read_bytes() == before
