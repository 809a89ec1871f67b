"""Recording progress: done / set / record-audit / school add keep the file and refuse bad edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from .editkit import SCHOOL, commit, git, make_workspace, school_path


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def gws(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws", git=True)


def numstat(root: Path) -> list[tuple[int, int, str]]:
    rows = []
    for line in git(root, "diff", "--numstat").splitlines():
        added, removed, name = line.split("\t")
        rows.append((int(added), int(removed), name))
    return rows


def refused(run, ws: Path, args: list[str]):  # type: ignore[no-untyped-def]
    """Run an edit on a file ``check`` accepts: it must be refused (exit 1) and the school
    file left byte for byte as it was. The result, for what it says."""
    path = school_path(ws)
    assert run(["check"], cwd=ws).code == 0  # a valid file: YAML allows it
    before = path.read_bytes()
    result = run(args, cwd=ws)
    assert result.code == 1, result.err
    assert path.read_bytes() == before
    return result


COMMENTS = [
    "# yaml-language-server: $schema=../../schemas/school.schema.json",
    "# 示例数据：测试用学校，进度为虚构。Sample data for tests: invented progress.",
    "# 人生导师制明年再建",
    "# 清明期间线上教学，活动改在复学后补做",
]


def test_done_in_git_changes_only_the_status_line(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=gws)
    assert result.code == 0, result.err
    assert "已记录：金坛区朝阳小学 s2-team-cases 完成（2022-06-28）" in result.out
    assert numstat(gws) == [(1, 1, "data/schools/chaoyang-primary.yaml")]
    diff = git(gws, "diff", "-U0")
    assert "-  s2-team-cases: {status: not_started}" in diff
    assert "+  s2-team-cases: {status: done, date: 2022-06-28}" in diff
    text = school_path(gws).read_text(encoding="utf-8")
    for comment in COMMENTS:
        assert comment in text
    assert 'phone: "13900000102"' in text  # quoting kept
    assert run(["check"], cwd=gws).code == 0


def test_done_adds_a_new_entry_next_to_its_plan_neighbour(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        [
            "done",
            "chaoyang-primary",
            "s1-study-implement",
            "--date",
            "2022-04-20",
            "-e",
            "工作计划",
            "--note",
            "印发落实举措",
        ],
        cwd=gws,
    )
    assert result.code == 0, result.err
    assert numstat(gws) == [(1, 0, "data/schools/chaoyang-primary.yaml")]
    lines = school_path(gws).read_text(encoding="utf-8").splitlines()
    i = lines.index(
        "  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}"
    )
    # the plan lists s1-study-implement just before s1-study-schools (the document's order)
    assert lines[i - 1] == (
        "  s1-study-implement: {status: done, date: 2022-04-20, "
        "evidence: [工作计划], note: 印发落实举措}"
    )


def test_recurring_task_picks_the_occurrence_holding_the_date(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "朝阳小学", "s2-red-festivals", "--date", "2022-07-01"], cwd=gws)
    assert result.code == 0, result.err
    assert "s2-red-festivals@七一" in result.out
    assert numstat(gws) == [(1, 1, "data/schools/chaoyang-primary.yaml")]
    assert (
        "  s2-red-festivals@七一: {status: done, date: 2022-07-01, started: 2022-06-20}"
        in school_path(gws).read_text(encoding="utf-8")
    )


def test_recurring_task_outside_every_window_lists_the_choices(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = school_path(ws).read_bytes()
    result = run(["done", "朝阳小学", "s2-red-festivals", "--date", "2022-12-20"], cwd=ws)
    assert result.code == 2
    assert "请写明哪一期" in result.err and "s2-red-festivals@七一" in result.err
    assert school_path(ws).read_bytes() == before


def test_block_entry_keeps_its_layout(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        ["done", "朝阳小学", "s2-red-festivals@清明前后", "--date", "2022-04-14", "-e", "活动总结"],
        cwd=gws,
    )
    assert result.code == 0, result.err
    assert numstat(gws) == [(1, 1, "data/schools/chaoyang-primary.yaml")]
    assert "    evidence: [活动方案, 活动照片, 活动总结]\n" in school_path(gws).read_text("utf-8")


def test_dry_run_prints_the_diff_and_writes_nothing(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = school_path(ws).read_bytes()
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28", "--dry-run"], cwd=ws)
    assert result.code == 0, result.err
    assert "--- a/data/schools/chaoyang-primary.yaml" in result.out
    assert "+  s2-team-cases: {status: done, date: 2022-06-28}" in result.out
    assert "未写入任何文件" in result.out
    assert school_path(ws).read_bytes() == before


def test_set_statuses(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run(["set", "朝阳小学", "s2-team-cases", "--status", "blocked"], cwd=gws)
    assert missing.code == 2 and "--reason" in missing.err
    result = run(
        ["set", "朝阳小学", "s2-team-cases", "--status", "blocked", "--reason", "等待区里通知"],
        cwd=gws,
    )
    assert result.code == 0, result.err
    assert "s2-team-cases: {status: blocked, reason: 等待区里通知}" in school_path(gws).read_text(
        "utf-8"
    )
    result = run(
        ["set", "朝阳小学", "s2-team-cases", "--status", "in_progress", "--date", "2022-05-01"],
        cwd=gws,
    )
    assert result.code == 0, result.err
    text = school_path(gws).read_text("utf-8")
    assert "s2-team-cases: {status: in_progress, started: 2022-05-01}" in text
    assert numstat(gws) == [(1, 1, "data/schools/chaoyang-primary.yaml")]
    assert run(["check"], cwd=gws).code == 0


def test_record_audit_with_findings(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        [
            "record-audit",
            "朝阳小学",
            "--date",
            "2022-06-10",
            "--kind",
            "inspection",
            "--result",
            "conditional",
            "--score",
            "85.5",
            "--finding",
            "台账照片缺少说明",
            "--fix-by",
            "2022-06-30",
            "--finding",
            "五老名册未更新",
            "--fix-by",
            "2022-07-15",
        ],
        cwd=gws,
    )
    assert result.code == 0, result.err
    assert "inspection-2022-06" in result.out
    [(added, removed, _)] = numstat(gws)
    assert removed == 0 and added == 13
    text = school_path(gws).read_text("utf-8")
    assert text.endswith(
        "    score: 92\n"
        "  - id: inspection-2022-06\n"
        "    date: 2022-06-10\n"
        "    kind: inspection\n"
        "    by: 金坛区教育局关工委\n"
        "    result: conditional\n"
        "    score: 85.5\n"
        "    findings:\n"
        "      - id: f1\n"
        "        text: 台账照片缺少说明\n"
        "        fix_by: 2022-06-30\n"
        "      - id: f2\n"
        "        text: 五老名册未更新\n"
        "        fix_by: 2022-07-15\n"
    )
    assert run(["check"], cwd=gws).code == 0
    again = run(
        ["record-audit", "朝阳小学", "--date", "2022-06-11", "--kind", "inspection"], cwd=gws
    )
    assert again.code == 0 and "inspection-2022-06-2" in again.out


def test_record_audit_needs_a_fix_by_per_finding(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = school_path(ws).read_bytes()
    result = run(
        [
            "record-audit",
            "朝阳小学",
            "--date",
            "2022-06-10",
            "--kind",
            "inspection",
            "--finding",
            "台账不全",
        ],
        cwd=ws,
    )
    assert result.code == 2 and "--fix-by" in result.err
    bad_kind = run(["record-audit", "朝阳小学", "--date", "2022-06-10", "--kind", "visit"], cwd=ws)
    assert bad_kind.code == 2 and "acceptance" in bad_kind.err
    assert school_path(ws).read_bytes() == before


def test_school_add(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(
        [
            "school",
            "add",
            "yinxuemei-primary",
            "--name",
            "殷雪梅小学",
            "--type",
            "primary",
            "--liaison",
            "李明",
        ],
        cwd=gws,
    )
    assert result.code == 0, result.err
    path = school_path(gws, "yinxuemei-primary")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/school.schema.json\n")
    assert "id: yinxuemei-primary\nname: 殷雪梅小学\ntype: primary\nliaison: 李明\n" in text
    assert run(["check"], cwd=gws).code == 0
    assert run(["done", "殷雪梅", "s2-team-cases", "--date", "2022-06-01"], cwd=gws).code == 0
    # a new file keeps its records by plan year
    assert (
        "years:\n  2022:\n    progress:\n      s2-team-cases: {status: done, date: 2022-06-01}\n"
        in (path.read_text("utf-8"))
    )


@pytest.mark.parametrize(
    ("args", "code", "expect"),
    [
        (["yinxuemei-primary", "--name", "殷雪梅小学", "--type", "school"], 2, "primary"),
        (["Yin_Xuemei", "--name", "殷雪梅小学", "--type", "primary"], 2, "小写英文字母"),
        (["district", "--name", "区关工委", "--type", "office"], 2, "data/office.yaml"),
        (["hebin-primary", "--name", "河滨", "--type", "primary"], 2, "已存在"),
        (["hebin-2", "--name", "金坛区河滨小学", "--type", "primary"], 2, "名称“金坛区河滨小学”"),
        (["two-lines", "--name", "第一行\n第二行", "--type", "primary"], 2, "不能分行"),
        (["blank", "--name", "  ", "--type", "primary"], 2, "不能为空"),
    ],
)
def test_school_add_refuses(run, ws: Path, args: list[str], code: int, expect: str) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.name for p in (ws / "data" / "schools").iterdir())
    hebin = school_path(ws, "hebin-primary").read_bytes()
    result = run(["school", "add", *args], cwd=ws)
    assert result.code == code, result.err
    assert expect in result.err
    if code == 1:  # one problem in the file; "not written" is said, not counted
        assert "共发现 1 个问题，涉及 1 个文件" in result.err
    assert sorted(p.name for p in (ws / "data" / "schools").iterdir()) == before
    assert school_path(ws, "hebin-primary").read_bytes() == hebin


@pytest.mark.parametrize(
    ("args", "code", "expect"),
    [
        (["done", "朝阳小学", "s2-team-case"], 2, "没有任务“s2-team-case”，是不是：s2-team-cases"),
        (["done", "朝阳小学", "s2-red-festivals@端午"], 2, "没有“端午”这一期"),
        (["set", "朝阳小学", "s2-team-cases", "--status", "finished"], 2, "not_applicable"),
        (
            ["done", "朝阳小学", "s2-team-cases", "--date", "2022-02-30"],
            2,
            "没有“2022-02-30”这一天：2022年2月只有 28 天",
        ),
        (["done", "朝阳幼儿园", "s2-team-cases"], 2, "找不到学校“朝阳幼儿园”。是不是"),
        (["done", "朝阳", "s2-team-cases"], 2, "匹配到多所学校"),
        (["done", "朝阳小学", "s1-study-district"], 2, "不适用于金坛区朝阳小学"),
        # valid on the command line, invalid in the file: done before it was started
        (
            ["done", "朝阳小学", "s2-red-festivals@七一", "--date", "2022-06-01"],
            1,
            "文件未做任何改动",
        ),
        (
            [
                "record-audit",
                "朝阳小学",
                "--date",
                "2022-03-26",
                "--kind",
                "acceptance",
                "--id",
                "acceptance-2022-03",
            ],
            2,
            "已有 id",
        ),
        # the same audit (school, date, kind) again, as the README's example run twice
        (
            ["record-audit", "朝阳小学", "--date", "2022-03-25", "--kind", "acceptance"],
            2,
            "已记录过 2022-03-25 的这次检查（acceptance，id acceptance-2022-03），不再重复记录",
        ),
    ],
)
def test_invalid_edits_write_nothing(
    run, ws: Path, args: list[str], code: int, expect: str
) -> None:  # type: ignore[no-untyped-def]
    before = {p: p.read_bytes() for p in (ws / "data" / "schools").glob("*.yaml")}
    result = run(args, cwd=ws)
    assert result.code == code, (result.out, result.err)
    assert expect in result.err
    assert {p: p.read_bytes() for p in (ws / "data" / "schools").glob("*.yaml")} == before
    assert "Traceback" not in result.err


def test_invalid_edit_messages_in_english(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "chaoyang", "s2-team-cases", "--lang", "en"], cwd=ws)
    assert result.code == 2
    assert "'chaoyang' matches several schools" in result.err


def test_the_edited_file_problem_is_located(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "朝阳小学", "s2-red-festivals@七一", "--date", "2022-06-01"], cwd=ws)
    assert "chaoyang-primary.yaml:" in result.err and "完成日期早于开始日期" in result.err


def test_a_broken_file_elsewhere_does_not_block_edits(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    school_path(ws, "hebin-primary").write_text("id: [\n", encoding="utf-8")
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 0, result.err


def test_an_already_broken_target_is_refused(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = school_path(ws)
    broken = SCHOOL.replace("liaison: 王建国", "liason: 王建国")
    path.write_text(broken, encoding="utf-8")
    path.with_name("hebin-primary.yaml").unlink()
    result = run(["done", "金坛区朝阳中学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 0, result.err  # the other school is fine
    result = run(["done", "chaoyang-primary", "s2-team-cases"], cwd=ws)
    assert result.code == 1, result.err  # the broken one: its own problem, not "not found"
    assert "chaoyang-primary.yaml:8:1:" in result.err and "liaison" in result.err
    assert path.read_text("utf-8") == broken


def test_bom_and_crlf_are_kept(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = school_path(ws)
    path.write_bytes(b"\xef\xbb\xbf" + SCHOOL.replace("\n", "\r\n").encode())
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert result.code == 0, result.err
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == SCHOOL.count("\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_the_bundled_samples_are_never_edited(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["done", "朝阳", "s2-team-cases"], cwd=tmp_path)
    assert result.code == 2 and "guanxin init" in result.err


def test_repeating_an_edit_changes_nothing(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"]
    assert run(args, cwd=gws).code == 0
    commit(gws, "done")
    again = run(args, cwd=gws)
    assert again.code == 0 and "内容没有变化" in again.out
    assert numstat(gws) == []


@pytest.mark.parametrize("head", ["", "# 头注释\n---\n"])  # (the line counts the header)
@pytest.mark.parametrize("target", ["s1-study-schools", "s1-study-implement"])
def test_an_entry_shared_through_an_anchor_is_never_changed_in_two_places(
    run,  # type: ignore[no-untyped-def]
    gws: Path,
    target: str,
    head: str,
) -> None:
    """``&d`` / ``*d``: both keys are one node, so recording one would record the other."""
    path = school_path(gws)
    text = head + path.read_text(encoding="utf-8")
    old = "  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}\n"
    assert old in text
    shared = old.replace("s1-study-schools: {", "s1-study-schools: &d {") + (
        "  s1-study-implement: *d\n"
    )
    path.write_text(text.replace(old, shared), encoding="utf-8")
    commit(gws, "anchor")
    result = refused(run, gws, ["done", "朝阳小学", target, "--date", "2022-04-20", "-e", "新证据"])
    assert "锚点 &d" in result.err and "文件未做任何改动" in result.err
    line = text.splitlines().index(old.rstrip("\n")) + 1
    assert f"chaoyang-primary.yaml:{line}:" in result.err
    # an entry that shares nothing is still recorded, and the shared pair is kept as it was
    assert run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=gws).code == 0
    after = path.read_text(encoding="utf-8")
    assert "s1-study-schools: &d {status: done, date: 2022-04-15" in after
    assert "  s1-study-implement: *d\n" in after


def test_an_edit_keeps_document_markers_long_lines_and_the_files_own_line_ends(
    run,  # type: ignore[no-untyped-def]
    gws: Path,
) -> None:
    """Only the edited line changes: a comment and `---` before the document, `...` and a
    comment after it, a line of 5,000 characters, and one stray CRLF line stay as they were
    (the file keeps the line end most of its lines have)."""
    path = school_path(gws)
    text = path.read_text(encoding="utf-8")
    contact = next(line for line in text.splitlines() if line.startswith("contact:"))
    long_contact = "contact: {name: 史红梅" + "长" * 2500 + ", role: 联络员" + "长" * 2500 + "}"
    text = text.replace(contact, long_contact)
    lines = ["# 文件头注释", "---", *text.splitlines(), "...", "# 结尾注释"]
    stray = lines.index(long_contact) - 1
    raw = "\n".join(lines[:stray]) + "\n" + lines[stray] + "\r\n" + "\n".join(lines[stray + 1 :])
    path.write_bytes((raw + "\n").encode("utf-8"))
    commit(gws, "odd but valid")
    assert run(["check"], cwd=gws).code == 0
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=gws)
    assert result.code == 0, result.err
    after = path.read_bytes().decode("utf-8").split("\n")
    before = (raw + "\n").split("\n")
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert [before[n].rstrip("\r") for n in changed] == [
        lines[stray],  # the stray CRLF line, now LF like the rest
        "  s2-team-cases: {status: not_started}",
    ]
    assert after[:2] == ["# 文件头注释", "---"] and after[-3:] == ["...", "# 结尾注释", ""]
    assert long_contact in after


def test_an_edit_that_would_drop_a_comment_is_refused(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    """ruamel cannot keep a comment inside a flow mapping that spans lines: an edit of
    that entry is refused rather than lose it silently, nothing is written and the
    comment's line is named."""
    path = school_path(gws)
    text = path.read_text(encoding="utf-8")
    old = "  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}"
    new = "  s1-study-schools: {status: done,  # 按区里要求补报\n    date: 2022-04-15, evidence: [学习记录]}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    commit(gws, "comment inside a flow mapping")
    args = ["done", "朝阳小学", "s1-study-schools", "--date", "2022-04-16", "-e", "宣传材料"]
    result = refused(run, gws, args)
    line = text.splitlines().index(old) + 1
    assert f"chaoyang-primary.yaml:{line}:" in result.err
    assert "# 按区里要求补报" in result.err and "文件未做任何改动" in result.err


@pytest.mark.parametrize("task", ["s2-team-cases", "s1-study-implement", "s2-red-festivals@十一"])
def test_a_comment_on_another_entry_does_not_block_an_edit(run, gws: Path, task: str) -> None:  # type: ignore[no-untyped-def]
    """The comment inside a multi-line `{...}` of one entry stays where it is, byte for
    byte, when an edit changes or adds an unrelated entry (beside it, too)."""
    path = school_path(gws)
    text = path.read_text(encoding="utf-8")
    old = "  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}"
    new = "  s1-study-schools: {status: done,  # 按区里要求补报\n    date: 2022-04-15, evidence: [学习记录]}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    commit(gws, "comment inside a flow mapping")
    result = run(["done", "朝阳小学", task, "--date", "2022-10-01"], cwd=gws)
    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8")
    assert new in after
    assert "注意" not in result.err  # no other line rewritten
    assert numstat(gws)[0][1] <= 1  # only the edited entry's own line, if any, removed
    assert run(["check"], cwd=gws).code == 0


def test_a_tab_the_editor_cannot_keep_is_named_with_its_line(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    """YAML allows `liaison: 某某<TAB># 注释`; ruamel does not. Say where, in plain words."""
    path = school_path(gws)
    text = path.read_text(encoding="utf-8")
    liaison = next(line for line in text.splitlines() if line.startswith("liaison:"))
    path.write_text(text.replace(liaison, liaison + "\t# 包校委员"), encoding="utf-8")
    result = refused(run, gws, ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"])
    line = text.splitlines().index(liaison) + 1
    assert f"chaoyang-primary.yaml:{line}:{len(liaison) + 1}: 这里有一个制表符（Tab）" in result.err
    assert "while scanning" not in result.err


def test_an_edit_says_which_lines_it_must_rewrite_besides_its_own(run, gws: Path) -> None:  # type: ignore[no-untyped-def]
    """Extra spaces inside a flow mapping cannot be written back as they are: an edit
    elsewhere leaves that line alone; an edit of that entry still lands, and says on
    stderr that (and where) it rewrites the line's layout too."""
    path = school_path(gws)
    text = path.read_text(encoding="utf-8")
    old = "  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}"
    odd = old.replace("status: done,", "status:  done,")
    path.write_text(text.replace(old, odd), "utf-8")
    commit(gws, "extra spaces")
    result = run(["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28"], cwd=gws)
    assert result.code == 0, result.err
    assert "注意" not in result.err
    assert numstat(gws) == [(1, 1, "data/schools/chaoyang-primary.yaml")]
    assert odd in path.read_text(encoding="utf-8")  # kept as it was
    commit(gws, "done")
    args = ["done", "朝阳小学", "s1-study-schools", "--date", "2022-04-15", "-e", "总结"]
    again = run(args, cwd=gws)
    assert again.code == 0, again.err
    line = text.splitlines().index(old) + 1
    assert f"chaoyang-primary.yaml:{line}: 注意：此文件有 1 行" in again.err
    assert odd not in path.read_text(encoding="utf-8")


QUOTED_YEAR = """\
schema_version: 2
id: hebin-primary
name: 金坛区河滨小学
type: primary
years:
  "2022":
    progress:
      s1-study-schools: {status: done, date: 2022-04-15}
    audits:
      - id: inspection-2022-05
        date: 2022-05-18
        kind: inspection
        by: 区教育局关工委
        findings:
          - {id: roster, text: 关工委成员名单未更新, fix_by: 2022-06-30}
"""


@pytest.mark.parametrize("layout", ["yaml", "json"])
def test_a_year_written_as_text_is_edited_where_it_is(run, ws: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    """`"2022":` (or a JSON file, whose keys are all text) is the year `check` reads: edits
    record under it, and never add a second 2022 beside it."""
    import json

    import yaml

    path = ws / "data" / "schools" / "hebin-primary.yaml"
    text = QUOTED_YEAR
    if layout == "json":
        text = json.dumps(yaml.safe_load(QUOTED_YEAR), ensure_ascii=False, default=str)
    path.write_text(text, encoding="utf-8")
    assert run(["check"], cwd=ws).code == 0
    done = run(["done", "河滨", "s2-team-cases", "--date", "2022-06-28"], cwd=ws)
    assert done.code == 0, done.err
    fixed = run(["fix", "河滨", "roster", "--date", "2022-06-20"], cwd=ws)
    assert fixed.code == 0, fixed.err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(data["years"]) == ["2022"]
    records = data["years"]["2022"]
    assert records["progress"]["s2-team-cases"]["status"] == "done"
    assert str(records["audits"][0]["findings"][0]["fixed"]) == "2022-06-20"
    assert run(["check"], cwd=ws).code == 0
