"""Every kind of bad input gets file:line:col, a message saying what to fix, and exit 1.

One-file cases (tabs, encodings, limits, bad values) live in the shared corpus,
tests/corpus/ (see tests/test_corpus.py); these are the ones needing more set-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import REPO

GOOD_SCHOOL = """\
# 示例：测试用学校
schema_version: 1
id: test-school
name: 测试小学
type: primary
liaison: 王建国
volunteers:
  wulao: 5
progress:
  s2-team-cases:
    status: done
    date: 2022-06-20
    evidence: [参评案例文本]
  s2-red-festivals@清明前后:
    status: in_progress
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "data" / "schools").mkdir(parents=True)
    return root


def write(ws: Path, text: str | bytes, name: str = "test-school.yaml") -> Path:
    path = ws / "data" / "schools" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check(run, ws: Path, lang: str = "zh"):  # type: ignore[no-untyped-def]
    return run(["check", "--lang", lang], cwd=ws)


def test_good_file_passes(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL)
    result = check(run, ws)
    assert result.code == 0, result.out
    assert "没有发现问题" in result.out


def test_bom_and_crlf_are_accepted(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, b"\xef\xbb\xbf" + GOOD_SCHOOL.replace("\n", "\r\n").encode())
    assert check(run, ws).code == 0


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("", "文件是空的"),
        ("# 只有注释\n", "文件是空的"),
        ("- a\n- b\n", "顶层必须是“键: 值”的映射"),
        ("just text\n", "顶层必须是“键: 值”的映射"),
    ],
)
def test_empty_or_not_a_mapping(run, ws: Path, text: str, expect: str) -> None:  # type: ignore[no-untyped-def]
    write(ws, text)
    result = check(run, ws)
    assert result.code == 1
    assert "test-school.yaml:1:1: " in result.out and expect in result.out


def test_unknown_nested_key_suggests(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("    evidence: [参评案例文本]", "    evidnce: [参评案例文本]"))
    result = check(run, ws, "en")
    assert "test-school.yaml:13:5: " in result.out
    assert "did you mean 'evidence'" in result.out


def test_bad_status_lists_the_choices(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("status: in_progress", "status: finished"))
    result = check(run, ws)
    assert "test-school.yaml:15:13: " in result.out
    assert "可选：not_started, in_progress, done, blocked, not_applicable" in result.out


def test_misspelt_choice_gets_a_suggestion(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("type: primary", "type: primry"))
    result = check(run, ws)
    assert "test-school.yaml:5:7: " in result.out
    assert "“type”的值“primry”不在可选范围内，是不是“primary”？" in result.out


def test_recurring_task_needs_its_occurrence(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("s2-red-festivals@清明前后:", "s2-red-festivals@端午:"))
    result = check(run, ws)
    assert "test-school.yaml:14:3: " in result.out and "没有“端午”这一期" in result.out


def test_done_needs_a_date_and_blocked_a_reason(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    text = GOOD_SCHOOL.replace("    date: 2022-06-20\n", "").replace(
        "status: in_progress", "status: blocked"
    )
    write(ws, text)
    result = check(run, ws)
    assert result.code == 1
    assert "test-school.yaml:11:5: " in result.out and "须写完成日期" in result.out
    assert "test-school.yaml:14:5: " in result.out and "须写原因" in result.out


def test_missing_required_key(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("type: primary\n", ""))
    result = check(run, ws)
    assert "缺少必填项“type”" in result.out


def test_id_must_match_file_name(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL, name="other.yaml")
    result = check(run, ws)
    assert "other.yaml:3:5: " in result.out and "应与文件名一致" in result.out


def test_every_problem_in_every_file_in_one_run(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("liaison:", "liason:").replace("wulao: 5", "wulao: -1"))
    write(ws, b"\xd6\xd0\xce\xc4: 1\n", name="gbk-school.yaml")
    result = check(run, ws)
    assert result.code == 1
    assert "gbk-school.yaml:1:1: " in result.out
    assert "liason" in result.out and "不能小于 0" in result.out
    assert "共发现 3 个问题，涉及 2 个文件" in result.out
    assert "liason" not in result.err  # the problems are the report: `check > problems.txt`


def test_plan_errors_are_located_too(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("when: 3月底\n", "when: 下辈子\n", 1), encoding="utf-8")
    result = check(run, ws)
    assert result.code == 1
    line = text[: text.index("when: 3月底\n")].count("\n") + 1
    assert f"plans/2022.yaml:{line}:19: " in result.out
    assert "无法识别的时间说法“下辈子”" in result.out and "X月底" in result.out


def test_plan_bad_reference(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("owner: lecturers", "owner: lecturer", 1), encoding="utf-8")
    result = check(run, ws, "en")
    assert "unknown owner 'lecturer' — did you mean: lecturers?" in result.out


def test_check_given_paths_only(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    good = write(ws, GOOD_SCHOOL)
    write(ws, "id: [\n", name="broken.yaml")
    assert run(["check", str(good)], cwd=ws).code == 0
    assert run(["check", str(ws / "data")], cwd=ws).code == 1
    missing = run(["check", "nowhere.yaml"], cwd=ws)
    assert missing.code == 2 and "nowhere.yaml: 文件不存在" in missing.err


def test_check_json(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    write(ws, GOOD_SCHOOL.replace("liaison:", "liason:"))
    result = run(["check", "--json"], cwd=ws)
    data = json.loads(result.out)
    assert result.code == 1
    [p] = data["data"]["problems"]
    assert (p["line"], p["column"], p["code"]) == (6, 1, "v.unknown_key_hint")


def test_usage_errors_exit_2(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["check", "--no-such-flag"], cwd=ws).code == 2
    assert run(["plan", "--lang", "fr"], cwd=ws).code == 2
    assert run(["check", "--root", str(ws / "data")], cwd=ws).code == 2


def test_control_character_in_text_is_located(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("liaison: 王建国", 'liaison: "王建\\x01国"'))
    result = check(run, ws)
    assert result.code == 1
    assert "test-school.yaml:6:10: " in result.out and "控制字符" in result.out


def test_a_broken_plan_and_a_broken_school_in_one_run(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("when: 3月底\n", "when: 下辈子\n", 1), encoding="utf-8")
    write(ws, GOOD_SCHOOL.replace("wulao: 5", "wulao: -1"))
    result = check(run, ws)
    assert result.code == 1
    assert "下辈子" in result.out and "不能小于 0" in result.out
    assert "涉及 2 个文件" in result.out


@pytest.mark.parametrize("value", ["true", '"5"', "5.0"])
def test_a_count_must_be_a_whole_number_written_as_one(run, ws: Path, value: str) -> None:  # type: ignore[no-untyped-def]
    """`wulao: true` is not one volunteer, nor `"5"` five: the JSON Schema refuses both, and
    so does check (line 8 is `  wulao: 5` in the good school)."""
    write(ws, GOOD_SCHOOL.replace("wulao: 5", f"wulao: {value}"))
    result = check(run, ws)
    assert result.code == 1
    assert "test-school.yaml:8:10: " in result.out and "应为整数" in result.out


def test_a_bad_phone_number_says_what_a_phone_number_is(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws,
        GOOD_SCHOOL.replace(
            "liaison: 王建国", "liaison: 王建国\ncontact: {name: 张老师, phone: 电话待补}"
        ),
    )
    result = check(run, ws)
    assert result.code == 1
    assert "test-school.yaml:7:29: " in result.out, result.out
    assert "电话只能用数字、空格、+ 和 -" in result.out and "小写英文字母" not in result.out


def test_a_wrong_schema_version_names_the_one_there_is(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("schema_version: 1", "schema_version: 3"))
    result = check(run, ws, "en")
    assert result.code == 1
    assert "test-school.yaml:2:17: 'schema_version' must be one of: 1 or 2" in result.out, (
        result.out
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("date: 2022-06-20", "date: 20220620", "不是有效日期"),  # the dashes forgotten
        ("date: 2022-06-20", "date: 1655683200", "不是有效日期"),  # seconds since 1970
        ("date: 2022-06-20", 'date: "1655683200"', "不是有效日期"),  # …in quotes
        ("date: 2022-06-20", "date: 2022-06-20T00:00:00", "不是有效日期"),  # a time of day
        ("date: 2022-06-20", 'date: " 2022-06-20"', "不是有效日期"),  # a space in quotes
        ("date: 2022-06-20", "date: ２０２２-06-20", "不是有效日期"),  # full-width digits
        ("date: 2022-06-20", "date: [2022-06-20]", "不是有效日期"),
        ("date: 2022-06-20", "date: !!timestamp 2022-06-20T00:00:00", "不是有效日期"),
        ("schema_version: 1", 'schema_version: "1"', "“schema_version”应为整数"),
        ("schema_version: 1", "schema_version: true", "“schema_version”应为整数"),
        ("wulao: 5", "wulao: 5\nyouzhihua: {cohort: '2021'}", "应为整数"),
        ("wulao: 5", "wulao: 5\nyouzhihua: {cohort: true}", "应为整数"),
    ],
)
def test_numbers_and_dates_are_written_as_what_they_are(  # type: ignore[no-untyped-def]
    run, ws: Path, old: str, new: str, message: str
) -> None:
    """Pydantic would read `date: 1655683200` (or `"1655683200"`) as a day in 2022, and
    `cohort: true` as 1, `'2021'` as 2021, `schema_version: "1"` as 1: each is a mistake
    in a hand-written file, as the JSON Schema says."""
    write(ws, GOOD_SCHOOL.replace(old, new))
    result = check(run, ws)
    assert result.code == 1, result.out
    assert message in result.out, result.out


@pytest.mark.parametrize("written", ['"2022-06-20"', "!!timestamp 2022-06-20", "!!str 2022-06-20"])
def test_a_date_in_quotes_or_tagged_is_a_date(run, ws: Path, written: str) -> None:  # type: ignore[no-untyped-def]
    write(ws, GOOD_SCHOOL.replace("date: 2022-06-20", f"date: {written}"))
    result = check(run, ws)
    assert result.code == 0, result.out


def test_a_plan_takes_whole_numbers_for_its_counts(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """`min: true` in a milestone is not 1, nor `year: "2022"` a year."""
    plan = ws / "plans" / "2022.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nyear: 2022\n", '\nyear: "2022"\n', 1), encoding="utf-8")
    result = check(run, ws)
    assert result.code == 1 and "“year”应为整数" in result.out, result.out


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a: {x: 1,, y: 2}\n", "yaml.missing_value"),
        ("a: [1, , 2]\n", "yaml.missing_value"),
        ("l:\n  - {x: 1}}\n", "yaml.extra_close"),
        ("a: [1, 2]]\nb: 2\n", "yaml.extra_close"),
        ("a: {x: 1, y:] 2}\n", "yaml.colon_in_value"),
        ("a: {x: 1}-\nb: 2\n", "yaml.list_indent"),
        ("a: > x\n", "yaml.block_scalar"),
        ("a:\n  b: 1\n  *  c: 2\n", "yaml.special_start"),
        ("a: &\n", "yaml.special_start"),
        ("a:\n  b: [x]\n  !s2@七一: {s: 1}\n", "yaml.special_start"),
        ("a: 1\n%b: 2\n", "yaml.special_start"),
        ("# x\n 示例数据：学校名称。Sample data: real.\nb: 1\n", "yaml.indent"),
    ],
)
def test_syntax_errors_are_said_in_our_words(text: str, key: str) -> None:
    """PyYAML's words for a syntax error ('while scanning an anchor…') never reach the user
    where guanxin has its own for that kind of mistake."""
    from guanxin_cli.errors import GuanxinError
    from guanxin_cli.pyyaml_reader import pyyaml_loads

    with pytest.raises(GuanxinError) as raised:
        pyyaml_loads(text, Path("x.yaml"))
    assert raised.value.problems[0].msg == key
