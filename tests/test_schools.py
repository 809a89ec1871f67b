"""resolve_school: id, full name, or a unique part; helpful errors otherwise."""

from __future__ import annotations

import pytest

from guanxin_cli.errors import UsageError
from guanxin_cli.messages import t
from guanxin_cli.models import School
from guanxin_cli.schools import resolve_school

SCHOOLS = [
    School(id="hualuogeng-high", name="江苏省华罗庚中学", type="high"),
    School(id="hualuogeng-experimental", name="金坛区华罗庚实验学校", type="nine_year"),
    School(id="chaoyang-primary", name="金坛区朝阳小学", type="primary"),
    School(id="xicheng-primary", name="金坛区西城实验小学", type="primary"),
    School(id="xicheng-kindergarten", name="西城实验幼儿园", type="kindergarten"),
]


def message(exc: pytest.ExceptionInfo[UsageError]) -> str:
    p = exc.value.problems[0]
    return t(p.msg, "zh", **p.params)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chaoyang-primary", "chaoyang-primary"),
        ("  CHAOYANG-PRIMARY ", "chaoyang-primary"),
        ("金坛区朝阳小学", "chaoyang-primary"),
        ("朝阳", "chaoyang-primary"),
        ("华罗庚中学", "hualuogeng-high"),
        ("experimental", "hualuogeng-experimental"),
        ("西城实验小学", "xicheng-primary"),
        ("幼儿园", "xicheng-kindergarten"),
        ("ｃｈａｏｙａｎｇ", "chaoyang-primary"),  # full-width letters from a Chinese IME
    ],
)
def test_resolves(query: str, expected: str) -> None:
    assert resolve_school(query, SCHOOLS).id == expected


def test_exact_name_wins_over_partial_matches() -> None:
    schools = [*SCHOOLS, School(id="chaoyang", name="朝阳", type="primary")]
    assert resolve_school("朝阳", schools).id == "chaoyang"


def test_ambiguous_lists_candidates() -> None:
    with pytest.raises(UsageError) as exc:
        resolve_school("华罗庚", SCHOOLS)
    text = message(exc)
    assert "匹配到多所学校" in text
    assert "江苏省华罗庚中学（hualuogeng-high）" in text
    assert "金坛区华罗庚实验学校（hualuogeng-experimental）" in text
    assert exc.value.exit_code == 2


def test_unknown_suggests_closest() -> None:
    with pytest.raises(UsageError) as exc:
        resolve_school("金坛区朝阳中学", SCHOOLS)
    assert "是不是：金坛区朝阳小学（chaoyang-primary）" in message(exc)
    with pytest.raises(UsageError) as exc:
        resolve_school("chaoyang-primry", SCHOOLS)
    assert "chaoyang-primary" in message(exc)


def test_unknown_without_anything_close() -> None:
    with pytest.raises(UsageError) as exc:
        resolve_school("zzzz", SCHOOLS)
    assert "找不到学校“zzzz”" in message(exc)
    with pytest.raises(UsageError):
        resolve_school("   ", SCHOOLS)
    with pytest.raises(UsageError):
        resolve_school("朝阳", [])


@pytest.mark.parametrize(
    ("query", "hint"),
    [("朝杨", "金坛区朝阳小学（chaoyang-primary）"), ("合头", "河头小学（hetou-primary）")],
)
def test_short_chinese_typo_gets_a_hint(query: str, hint: str) -> None:
    schools = [*SCHOOLS, School(id="hetou-primary", name="河头小学", type="primary")]
    with pytest.raises(UsageError) as exc:
        resolve_school(query, schools)
    text = message(exc)
    assert text.startswith(f"找不到学校“{query}”。是不是：{hint}"), text  # the closest first
