"""One liaison's schools (--liaison), the list of schools, and the order by risk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

WANG = {"chaoyang-primary", "hetou-primary", "xicheng-primary"}  # 王建国's, in the samples


def test_school_list_lists_every_school(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["school", "list", "--json", "--as-of", "2022-06-30"], cwd=workspace)
    assert result.code == 0, result.err
    rows = json.loads(result.out)["data"]["schools"]
    files = sorted(p.stem for p in (workspace / "data" / "schools").glob("*.yaml"))
    assert [r["id"] for r in rows] == files  # every school, in id order; not the office
    hetou = next(r for r in rows if r["id"] == "hetou-primary")
    assert hetou["name"] == "河头小学" and hetou["liaison"] == "王建国"
    assert hetou["type"] == "primary" and hetou["overdue"] == 1 and hetou["open_findings"] == 2
    assert hetou["open_items"] > hetou["overdue"]
    text = run(["school", "list", "--as-of", "2022-06-30"], cwd=workspace).out
    assert "hetou-primary" in text and "河头小学" in text and "共 14 所学校" in text


def test_school_list_of_one_liaison(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["school", "list", "--liaison", "王建国", "--json"], cwd=workspace)
    assert {r["id"] for r in json.loads(result.out)["data"]["schools"]} == WANG


def test_status_of_one_liaison(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["status", "--as-of", "2022-06-30", "--json"]
    everyone = json.loads(run(args, cwd=workspace).out)["data"]
    wang = json.loads(run([*args, "--liaison", "王建国"], cwd=workspace).out)["data"]
    assert {s["id"] for s in wang["schools"]} == WANG and wang["liaison"] == "王建国"
    assert wang["overall"]["total"] < everyone["overall"]["total"]
    text = run(["status", "--as-of", "2022-06-30", "--liaison", "王建国"], cwd=workspace).out
    assert "包校：王建国" in text
    assert "排序：逾期任务多者在前，其次逾期未整改、受阻、即将到期，再次最近动态最早。" in text


def test_overdue_of_one_liaison(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["overdue", "--as-of", "2022-12-31", "--liaison", "王建国"], cwd=workspace)
    assert result.code == 1
    assert "王建国 包校的学校" in result.out.splitlines()[0]
    data = run(["overdue", "--as-of", "2022-12-31", "--liaison", "王建国", "--json"], cwd=workspace)
    groups = json.loads(data.out)["data"]["groups"]
    assert groups and {g["key"] for g in groups} <= WANG


def test_audit_of_one_liaison(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["audit", "--liaison", "王建国", "--as-of", "2022-06-30"], cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.count("到校检查清单：") == len(WANG)
    data = json.loads(
        run(["audit", "--liaison", "王建国", "--json", "--as-of", "2022-06-30"], workspace).out
    )
    assert {a["school"]["id"] for a in data["data"]["audits"]} == WANG


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("王建军", "没有名叫“王建军”的包校联系人，是不是：王建国？"),
        ("张三", "各校的包校联系人：刘秀英、周德明、王建国、蒋茂林、陈志华"),
    ],
)
def test_an_unknown_liaison(run, workspace: Path, name: str, said: str) -> None:  # type: ignore[no-untyped-def]
    for command in (["status"], ["overdue"], ["audit"], ["school", "list"]):
        result = run([*command, "--liaison", name], cwd=workspace)
        assert result.code == 2 and said in result.err


def test_audit_needs_a_school_or_a_liaison(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["audit"], cwd=workspace)
    assert result.code == 2 and "--school" in result.err and "--liaison" in result.err


def test_the_checklist_says_how_many_questions_it_leaves_out(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["audit", "--school", "河头", "--as-of", "2022-12-31", "--json"], cwd=workspace)
    data = json.loads(result.out)["data"]
    assert len(data["ask"]) == 12 and data["ask_more"] > 0
    text = run(["audit", "--school", "河头", "--as-of", "2022-12-31"], cwd=workspace).out
    assert f"……另有 {data['ask_more']} 项" in text
    md = run(
        ["audit", "--school", "河头", "--as-of", "2022-12-31", "--format", "markdown"], workspace
    )
    assert f"……另有 {data['ask_more']} 项" in md.out
