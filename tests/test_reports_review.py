"""Reviewers' findings on the reports: schools counted as schools, numbers whole in a pipe,
the carried-over mark, Chinese line breaks, English without Chinese left in, notify --quiet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .test_years import city  # noqa: F401  (the city workspace fixture)


def test_the_year_report_counts_only_schools_as_schools(run: Any, city: Path) -> None:  # noqa: F811
    md, js = city / "r.md", city / "r.json"
    result = run(
        ["export", "--format", "markdown", "--as-of", "2023-12-31", "-o", str(md)], cwd=city
    )
    assert result.code == 0, result.err
    # 2 counties, 1 town, 5 schools (and the office when the workspace has one)
    text = md.read_text("utf-8")
    assert "（其中学校 5 所）" in text, text
    result = run(["export", "--format", "json", "--as-of", "2023-12-31", "-o", str(js)], cwd=city)
    assert result.code == 0, result.err
    report = json.loads(js.read_text("utf-8"))
    overview = _find(report, "overview")
    assert overview["schools"] == 5
    assert overview["talks_held"] is None  # the city plan has no 讲师团 owner


def _find(tree: Any, key: str) -> Any:
    if isinstance(tree, dict):
        if key in tree:
            return tree[key]
        for v in tree.values():
            found = _find(v, key)
            if found is not None:
                return found
    if isinstance(tree, list):
        for v in tree:
            found = _find(v, key)
            if found is not None:
                return found
    return None


def test_a_carried_finding_is_marked_in_the_audit_and_whole_in_overdue(
    run: Any, workspace: Path
) -> None:
    assert run(["roll", "2023"], cwd=workspace).code == 0
    audit = ["audit", "--school", "岸头", "--as-of", "2023-01-02"]
    text = run(audit, cwd=workspace)
    assert text.code == 0, text.err
    findings = text.out.split("整改事项")[1].split("验收")[0]
    assert "（2022年遗留）" in findings, text.out
    # the finding's text wraps under its own column, never back at column 0
    lines = [line for line in findings.splitlines()[1:] if line.strip()]
    assert lines and all(line.startswith("  ") for line in lines), findings
    md = run([*audit, "--format", "markdown"], cwd=workspace)
    assert "未开课。（2022年遗留）（待整改" in md.out, md.out
    en = run([*audit, "--lang", "en"], cwd=workspace)
    assert "carried over from 2022" in en.out, en.out
    piped = run(["overdue", "--as-of", "2023-01-02"], cwd=workspace)
    marked = [line for line in piped.out.splitlines() if line.startswith("逾期") and "整改" in line]
    assert marked and all(line.endswith("（2022年遗留）") for line in marked), piped.out


def test_a_number_keeps_its_unit_on_a_line() -> None:
    from guanxin_cli.linebreak import wrap

    assert wrap("家长学校全年未开课。（2022年遗留）", 26) == [
        "家长学校全年未开课。",
        "（2022年遗留）",
    ]


def test_english_status_says_the_milestone_dates_in_english(run: Any, workspace: Path) -> None:
    out = run(["status", "--lang", "en", "--as-of", "2022-06-30"], cwd=workspace).out
    milestones = out.split("Milestones")[1].split("Schools")[0]
    assert "mid-March" in milestones and "3月中旬" not in milestones, milestones
    assert not any("\u4e00" <= c <= "\u9fff" for c in milestones), milestones
    assert "3月中旬 03-20 默认" in run(["status", "--as-of", "2022-06-30"], cwd=workspace).out


def test_english_lists_the_choices_with_commas(run: Any, workspace: Path) -> None:
    en = run(["--lang", "en", "overdue", "--by", "foo"], cwd=workspace)
    assert en.code == 2 and "school, owner, liaison" in en.err and "、" not in en.err, en.err
    zh = run(["overdue", "--by", "foo"], cwd=workspace)
    assert "school、owner、liaison" in zh.err, zh.err
    hint = run(["--lang", "en", "set", "河头", "s1-study", "--status", "bogus"], cwd=workspace)
    assert "not_started, in_progress" in hint.err, hint.err
    command = run(["--lang", "en", "progress"], cwd=workspace)
    assert "plan, check, status" in command.err, command.err


def test_notify_quiet_prints_nothing_on_success_and_follow_ups_share_the_header(
    run: Any, workspace: Path, monkeypatch: Any
) -> None:
    from .robotkit import Robot

    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    hetou = workspace / "data" / "schools" / "hetou-primary.yaml"
    hetou.write_text(  # a liaison not in the directory: "未能 @ 的 1 人"
        hetou.read_text("utf-8").replace("liaison: 王建国", "liaison: 王建囯"), "utf-8"
    )
    wecom = "/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
    with Robot() as robot:
        args = ["notify", "--to", robot.url(wecom), "--as-of", "2022-09-30"]
        loud = run([*args, "--max-messages", "3"], cwd=workspace)
        assert loud.code == 0 and "未能 @ 的" in loud.err, loud.err
        bodies = [r.body["markdown"]["content"] for r in robot.received if "markdown" in r.body]
        assert len(bodies) >= 2, bodies
        heads = [body.splitlines()[0] for body in bodies]
        # every message opens with the same report header, numbered
        assert all("逾期事项报告 · 全部单位 · 截至 2022-09-30" in h for h in heads), heads
        assert "（2/" in heads[1], heads
        quiet = run([*args, "--quiet"], cwd=workspace)
    assert quiet.code == 0, quiet.err
    assert quiet.out == "" and quiet.err == "", quiet.err
