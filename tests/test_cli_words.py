"""The command line in guanxin's own words: help, placeholders, usage errors, version,
shell completion."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guanxin_cli.cli import COMMANDS, GROUPS
from guanxin_cli.clihelp import cells

from .conftest import run_process

ALL = [
    [name] if func is not None else [name, sub]
    for name, func in COMMANDS.items()
    for sub in ([None] if func is not None else [c.name for c in GROUPS[name].registered_commands])
]
ALL = [[part for part in args if part] for args in ALL]
MACHINERY = re.compile(r"<(?:list|int|float|str|path|dir|bool)\b|\[\[|\{[A-Z]+\}|Show this message")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", ALL, ids=lambda a: " ".join(a))
def test_help_has_human_placeholders(run, workspace: Path, args: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    result = run([*args, "-h", "--lang", lang], cwd=workspace)
    assert result.code == 0, result.err
    assert not MACHINERY.search(result.out), result.out
    assert "显示本帮助并退出。Show this help and exit." in result.out or lang == "en"
    assert ("用法：guanxin" if lang == "zh" else "Usage: guanxin") in result.out
    # 80 columns, Chinese counted double (examples stay whole, to be copied as they are)
    prose = [x for x in result.out.splitlines() if "guanxin " not in x]
    assert max(cells(line) for line in prose) <= 80
    assert all(line == line.rstrip() for line in result.out.splitlines())


def test_placeholders_follow_the_language(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    zh = run(["fix", "-h"], cwd=workspace).out
    assert "用法：guanxin fix [选项] 学校 问题" in zh and "--date 日期" in zh
    en = run(["--lang", "en", "fix", "-h"], cwd=workspace).out
    assert "Usage: guanxin fix [OPTIONS] SCHOOL FINDING" in en and "--date DATE" in en


def test_the_list_of_commands_follows_the_language(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    zh = run(["--help"], cwd=workspace).out
    assert "逾期事项报告" in zh and "学校文件：列出、新建。" in zh
    en = run(["--lang", "en", "--help"], cwd=workspace).out
    # each command's line is the first sentence of its English help
    assert re.search(r"^  overdue +Overdue \(and soon-due\) items\.$", en, re.M), en
    assert re.search(r"^  school +List and add school files\.$", en, re.M), en
    listed = en.partition("Commands:")[2]
    assert not re.search(r"[\u4e00-\u9fff]{4}", listed.replace("活动台账", "")), listed


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["overdue", "--by", "x"], "选项 --by 的值“x”无效：school、owner、liaison、task"),
        (["overdue", "--by", "shcool"], "是不是“school”？"),
        (["done", "朝阳小学", "s2-team-cases", "--wulao", "abc"], "应为不小于 0 的整数"),
        (["status", "--schol", "朝阳"], "没有选项 --schol，是不是 --school？"),
        (["statsu"], "没有命令“statsu”，是不是 status？"),
        (["status", "extra"], "多出了参数：extra"),
        (["audit", "--format"], "选项 --format 后面要写一个值"),
        (["done"], "缺少学校"),
        (["record-audit", "朝阳", "--date", "2022-05-01"], "缺少选项 --kind"),
    ],
)
def test_usage_errors_in_our_words(run, workspace: Path, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    result = run(args, cwd=workspace)
    assert result.code == 2
    assert said in result.err
    for machinery in ("Invalid value", "Error:", "Try '", "Value error", "Missing"):
        assert machinery not in result.err


def test_usage_errors_in_english(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["overdue", "--by", "x", "--lang", "en"], cwd=workspace)
    assert result.code == 2
    assert "invalid value 'x' for --by: school, owner" in result.err
    assert "See guanxin overdue -h" in result.err


def test_a_plain_usage_error_has_no_count_of_problems(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["check", "no-such-file.yaml"], cwd=workspace)
    assert result.code == 2 and "文件不存在" in result.err
    assert "共发现" not in result.err + result.out


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    from guanxin_cli import __version__

    result = run(["--version"])
    assert result.code == 0 and result.out == f"guanxin {__version__}\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script(run, shell: str) -> None:  # type: ignore[no-untyped-def]
    result = run(["completion", shell])
    assert result.code == 0, result.err
    assert "_GUANXIN_COMPLETE=complete_" + shell in result.out
    assert "guanxin" in result.out


def test_completion_answers_the_shell(tmp_path: Path) -> None:
    """What the bash script asks guanxin (in a process of its own), guanxin answers."""
    words = {"COMP_WORDS": "guanxin sta", "COMP_CWORD": "1", "_GUANXIN_COMPLETE": "complete_bash"}
    result = run_process([], cwd=tmp_path, env=words)
    assert result.code == 0 and result.out.split() == ["status"]
    words = {"COMP_WORDS": "guanxin overdue --by ", "COMP_CWORD": "3"}
    result = run_process([], cwd=tmp_path, env={**words, "_GUANXIN_COMPLETE": "complete_bash"})
    assert result.out.split() == ["school", "owner", "liaison", "task", "parent"]


def test_an_unknown_shell_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["completion", "sh"])
    assert result.code == 2 and "是不是“zsh”" in result.err
