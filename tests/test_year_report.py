"""The year report's chapters come from the plan (``report.chapters``), not from ids in code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import REPO

PLAN = REPO / "plans" / "2022.yaml"


def _plan_without_report() -> str:
    text = PLAN.read_text(encoding="utf-8")
    return text[: text.index("\nreport:")] + "\n"


def _report(run, workspace: Path, *extra: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    out = workspace / "y.json"
    result = run(
        ["export", "-f", "json", "-o", str(out), "--as-of", "2022-12-31", *extra], cwd=workspace
    )
    assert result.code == 0, result.err
    report: dict = json.loads(out.read_text(encoding="utf-8"))["data"]["report"]  # type: ignore[type-arg]
    return report


def test_the_bundled_plan_names_its_chapters(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    report = _report(run, workspace)
    assert [c["title"] for c in report["chapters"]] == ["组织建设", "主题教育", "关爱帮扶"]
    assert [c["title_en"] for c in report["chapters"]] == [
        "Organisation",
        "Thematic education",
        "Care and support",
    ]
    assert all(c["rate"]["total"] > 0 for c in report["chapters"])
    # every task of the plan is in exactly one chapter, so the chapters add up to the year
    assert (
        sum(c["rate"]["total"] for c in report["chapters"]) == report["overview"]["rate"]["total"]
    )
    youzhi = [c["title"] for c in report["chapters"] if c["youzhihua"]]
    assert youzhi == ["组织建设"]  # where the milestones counting 优质化 steps are


def test_a_plan_without_chapters_gets_one_per_section(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    (workspace / "plans" / "2022.yaml").write_text(_plan_without_report(), encoding="utf-8")
    report = _report(run, workspace)
    status = json.loads(run(["status", "--json", "--as-of", "2022-12-31"], cwd=workspace).out)[
        "data"
    ]
    assert [c["title"] for c in report["chapters"]] == [s["title"] for s in status["sections"]]
    assert [c["rate"] for c in report["chapters"]] == [s["rate"] for s in status["sections"]]
    out = workspace / "r.md"
    run(["export", "-f", "markdown", "-o", str(out), "--as-of", "2022-12-31"], cwd=workspace)
    heads = re.findall(r"^## (.+)$", out.read_text(encoding="utf-8"), flags=re.M)
    titles = [s["title"] for s in status["sections"]] + ["存在不足", "明年打算"]
    assert heads[: len(titles)] == [
        f"{n}、{title}" for n, title in zip("一二三四五六七八九十", titles, strict=False)
    ]


def test_chapters_of_another_plan_are_not_empty(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """A plan with other ids (no s1…s5) still fills its chapters: nothing is keyed by id."""
    text = PLAN.read_text(encoding="utf-8")
    renamed = re.sub(r"(id|section): s([1-5])$", r"\1: part\2", text, flags=re.M)
    renamed = renamed[: renamed.index("\nreport:")] + (
        "\nreport:\n  chapters:\n"
        "    - {title: 队伍与阵地, sections: [part1, part5], points: [s3-party]}\n"
        "    - {title: 育人活动, sections: [part2], tasks: [s4-care-health]}\n"
    )
    (workspace / "plans" / "2022.yaml").write_text(renamed, encoding="utf-8")
    assert run(["check"], cwd=workspace).code == 0
    report = _report(run, workspace)
    first, second = report["chapters"]
    assert first["title"] == "队伍与阵地" and first["rate"]["total"] > 0
    assert {p["id"] for p in first["points"]} >= {"s1-study", "s3-party", "s5-self"}
    assert {p["id"] for p in second["points"]} == {
        "s2-team",
        "s2-red",
        "s2-culture",
        "s2-family",
        "s4-care",
    }


def test_a_chapter_naming_an_unknown_section_is_located(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8").replace("sections: [s4]", "sections: [s44]")
    plan.write_text(text, encoding="utf-8")
    result = run(["check"], cwd=workspace)
    assert result.code == 1
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "[s44]" in row)
    assert f"2022.yaml:{line}:" in result.out and "s44" in result.out and "s4" in result.out


def test_an_empty_chapter_is_an_error(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    plan = workspace / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8").replace("      sections: [s4]\n", "")
    plan.write_text(text, encoding="utf-8")
    result = run(["check"], cwd=workspace)
    assert result.code == 1 and "sections、points 或 tasks" in result.out
