"""Days as people type them: --as-of takes what --from/--to take, and days from today."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxin_cli.dates import NoSuchDay
from guanxin_cli.daywords import day_of

TODAY = dt.date(2022, 6, 15)  # a Wednesday


def read(text: str, end: bool = True) -> dt.date:
    return day_of(text, year=lambda: 2022, today=lambda: TODAY, end=end)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2022-03-31", "2022-03-31"),
        ("2022年3月31日", "2022-03-31"),
        ("3月31日", "2022-03-31"),
        ("3/31", "2022-03-31"),
        ("3月底", "2022-03-31"),
        ("3月", "2022-03-31"),
        ("3", "2022-03-31"),
        ("2023-01", "2023-01-31"),
        ("上半年", "2022-06-30"),
        ("第一季度", "2022-03-31"),
        ("年底前", "2022-12-31"),
        ("今天", "2022-06-15"),
        ("昨天", "2022-06-14"),
        ("前天", "2022-06-13"),
        ("上周五", "2022-06-10"),
        ("周五", "2022-06-17"),
        ("本周一", "2022-06-13"),
        ("下周日", "2022-06-26"),
        ("本月底", "2022-06-30"),
        ("月底", "2022-06-30"),
        ("上月底", "2022-05-31"),
        ("上个月初", "2022-05-01"),
        ("３月３１日", "2022-03-31"),  # full-width digits
    ],
)
def test_a_day_as_an_end(text: str, day: str) -> None:
    assert read(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("3月", "2022-03-01"),
        ("上半年", "2022-01-01"),
        ("3月底", "2022-03-31"),
        ("下半年", "2022-07-01"),
    ],
)
def test_a_day_as_a_start(text: str, day: str) -> None:
    assert read(text, end=False) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("text", ["2022-02-30", "2月30日", "2022-13-01", "2022年2月29日", "4/31"])
def test_a_day_the_calendar_lacks_is_no_such_day(text: str) -> None:
    with pytest.raises(NoSuchDay):
        read(text)


@pytest.mark.parametrize("text", ["abc", "每月", "", "13月"])
def test_what_is_no_day_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read(text)


def test_the_year_and_today_are_asked_only_when_needed() -> None:
    def never() -> int:
        raise AssertionError("not needed")

    assert day_of("2022-03-31", year=never, today=never) == dt.date(2022, 3, 31)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("as_of", "shown"),
    [("3月31日", "截至 2022-03-31"), ("3月底", "截至 2022-03-31"), ("上周五", "截至 2022-06-10")],
)
def test_status_as_of_a_phrase(run, workspace, monkeypatch, as_of: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_NOW", "2022-06-15T10:00:00+08:00")
    result = run(["status", "--as-of", as_of], cwd=workspace)
    assert result.code == 0, result.err
    assert shown in result.out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["status", "--as-of", "2022-02-30"], "没有“2022-02-30”这一天：2022年2月只有 28 天"),
        (["timeline", "--from", "2月30日"], "没有“2月30日”这一天"),
        (["done", "朝阳小学", "s2-team-cases", "--date", "2022-02-30"], "这一天"),
        (["status", "--as-of", "abc"], "无法识别的日期“abc”"),
    ],
)
def test_no_such_day_is_said_as_such(run, workspace, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    result = run(args, cwd=workspace)
    assert result.code == 2
    assert said in result.err
    assert "无法识别" not in result.err or "abc" in args


@pytest.mark.parametrize(
    ("now", "as_of"),
    [
        ("9999-12-31T10:00:00+00:00", "明天"),
        ("9999-12-31T10:00:00+00:00", "后天"),
        ("9999-12-31T10:00:00+00:00", "下周一"),
        ("9999-12-31T10:00:00+00:00", "下月底"),
        ("0001-01-01T00:00:00+00:00", "昨天"),
        ("0001-01-01T00:00:00+00:00", "上周五"),
        ("0001-01-01T00:00:00+00:00", "上月初"),
    ],
)
def test_a_day_counted_past_the_calendar_is_refused(
    run, workspace, monkeypatch, now: str, as_of: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUANXIN_NOW", now)
    result = run(["status", "--as-of", as_of], cwd=workspace)
    assert result.code == 2, result.err
    assert f"“{as_of}”离今天太远" in result.err
    assert "Traceback" not in result.err
