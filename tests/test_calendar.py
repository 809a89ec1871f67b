"""The plan year's calendar: lunar festivals, school terms, anniversaries, a plan's own days.

Expected dates are written from facts found apart from the code: the lunar festivals from
DOMAIN.md's table (春节 2022-02-01, 2023-01-22, 2024-02-10 …), weekdays from a printed
calendar, and the default-term rule as the README states it (spring opens on the first
Monday at least 13 days after 春节; the autumn term closes on the last Friday at least 8
days before the next 春节, by January 31):

  spring opens  2022: 02-01 + 13 = 02-14, a Monday        2023: 01-22 + 13 = 02-04 (Sat) → Mon 02-06
  autumn closes 2021's: 2022-02-01 − 8 = 01-24 (Mon) → Fri 2022-01-21
                2022's: 2023-01-22 − 8 = 01-14 (Sat) → Fri 2023-01-13
                2023's: 2024-02-10 − 8 = 02-02, after 01-31 (Wed) → Fri 2024-01-26
  寒假         2022: 01-22 .. 02-13                          2023: 01-14 .. 02-05
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from guanxin_cli import almanac
from guanxin_cli.dates import UnknownPhrase, qingming, resolve
from guanxin_cli.models import Calendar, CalendarDay, Term

D = date
HERE = Path(__file__).parent


# --------------------------------------------------------------------------- lunar festivals

# DOMAIN.md, "Lunar festivals (check a library against these)"
LUNAR = {
    (1, 1): [D(2022, 2, 1), D(2023, 1, 22), D(2024, 2, 10)],  # 春节
    (1, 15): [D(2022, 2, 15), D(2023, 2, 5), D(2024, 2, 24)],  # 元宵
    (5, 5): [D(2022, 6, 3), D(2023, 6, 22), D(2024, 6, 10)],  # 端午
    (8, 15): [D(2022, 9, 10), D(2023, 9, 29), D(2024, 9, 17)],  # 中秋
    (9, 9): [D(2022, 10, 4), D(2023, 10, 23), D(2024, 10, 11)],  # 重阳
}


@pytest.mark.parametrize(("lunar", "days"), LUNAR.items())
def test_lunar_festivals_agree_with_the_table(lunar: tuple[int, int], days: list[date]) -> None:
    assert [almanac.lunar_day(year, *lunar) for year in (2022, 2023, 2024)] == days


def test_chongyang_and_qingming() -> None:
    assert resolve("重阳节前", 2023)[0].due == D(2023, 10, 23)
    assert resolve("重阳节前", 2022)[0].due == D(2022, 10, 4)
    assert resolve("敬老节前", 2024)[0].due == D(2024, 10, 11)
    assert qingming(2023) == D(2023, 4, 5)
    assert resolve("清明前", 2023)[0].due == D(2023, 4, 5)


def test_lunar_dates_outside_the_library_are_a_clear_error() -> None:
    with pytest.raises(UnknownPhrase, match="1900–2100"):
        resolve("中秋节", 2150)


# --------------------------------------------------------------------------- the phrase table

W = tuple[str, date, date]  # key, start, due
# (phrase, {year: occurrences}); see the module docstring for the terms' dates
TABLE: list[tuple[str, dict[int, list[W]]]] = [
    (
        "寒假",
        {
            2022: [("寒假", D(2022, 1, 22), D(2022, 2, 13))],
            2023: [("寒假", D(2023, 1, 14), D(2023, 2, 5))],
        },
    ),
    (
        "寒假期间",
        {
            2022: [("寒假期间", D(2022, 1, 22), D(2022, 2, 13))],
            2023: [("寒假期间", D(2023, 1, 14), D(2023, 2, 5))],
        },
    ),
    # 开学初 = 学期初: the first three weeks (21 days) of each term
    (
        "开学初",
        {
            2022: [
                ("春季学期初", D(2022, 2, 14), D(2022, 3, 6)),
                ("秋季学期初", D(2022, 9, 1), D(2022, 9, 21)),
            ],
            2023: [
                ("春季学期初", D(2023, 2, 6), D(2023, 2, 26)),
                ("秋季学期初", D(2023, 9, 1), D(2023, 9, 21)),
            ],
        },
    ),
    (
        "学期初",
        {
            2022: [
                ("春季学期初", D(2022, 2, 14), D(2022, 3, 6)),
                ("秋季学期初", D(2022, 9, 1), D(2022, 9, 21)),
            ],
            2023: [
                ("春季学期初", D(2023, 2, 6), D(2023, 2, 26)),
                ("秋季学期初", D(2023, 9, 1), D(2023, 9, 21)),
            ],
        },
    ),
    # 学期末: the last three weeks of each term
    (
        "学期末",
        {
            2022: [
                ("春季学期末", D(2022, 6, 10), D(2022, 6, 30)),
                ("秋季学期末", D(2022, 12, 24), D(2023, 1, 13)),
            ],
            2023: [
                ("春季学期末", D(2023, 6, 10), D(2023, 6, 30)),
                ("秋季学期末", D(2024, 1, 6), D(2024, 1, 26)),
            ],
        },
    ),
    # 开学前: the holiday before each term, due the day it opens
    (
        "开学前",
        {
            2022: [
                ("春季开学前", D(2022, 1, 22), D(2022, 2, 14)),
                ("秋季开学前", D(2022, 7, 1), D(2022, 9, 1)),
            ],
            2023: [
                ("春季开学前", D(2023, 1, 14), D(2023, 2, 6)),
                ("秋季开学前", D(2023, 7, 1), D(2023, 9, 1)),
            ],
        },
    ),
    # 学年: the plan's two terms, spring's first day to autumn's last (in January after)
    (
        "学年",
        {
            2022: [("学年", D(2022, 2, 14), D(2023, 1, 13))],
            2023: [("学年", D(2023, 2, 6), D(2024, 1, 26))],
        },
    ),
    (
        "本学年",
        {
            2022: [("本学年", D(2022, 2, 14), D(2023, 1, 13))],
            2023: [("本学年", D(2023, 2, 6), D(2024, 1, 26))],
        },
    ),
    (
        "每学期",
        {
            2022: [
                ("春季学期", D(2022, 2, 14), D(2022, 6, 30)),
                ("秋季学期", D(2022, 9, 1), D(2023, 1, 13)),
            ],
            2023: [
                ("春季学期", D(2023, 2, 6), D(2023, 6, 30)),
                ("秋季学期", D(2023, 9, 1), D(2024, 1, 26)),
            ],
        },
    ),
    # 秋季开学 / 春季开学: the opening day, a week either side
    (
        "秋季开学",
        {
            2022: [("秋季开学", D(2022, 8, 25), D(2022, 9, 8))],
            2023: [("秋季开学", D(2023, 8, 25), D(2023, 9, 8))],
        },
    ),
    (
        "春季开学",
        {
            2022: [("春季开学", D(2022, 2, 7), D(2022, 2, 21))],
            2023: [("春季开学", D(2023, 1, 30), D(2023, 2, 13))],
        },
    ),
    (
        "秋季学期",
        {
            2022: [("秋季学期", D(2022, 9, 1), D(2023, 1, 13))],
            2023: [("秋季学期", D(2023, 9, 1), D(2024, 1, 26))],
        },
    ),
    (
        "春季学期",
        {
            2022: [("春季学期", D(2022, 2, 14), D(2022, 6, 30))],
            2023: [("春季学期", D(2023, 2, 6), D(2023, 6, 30))],
        },
    ),
    # in a calendar-year plan 上学期 is the year's first term (spring), 下学期 its second
    (
        "上学期",
        {
            2022: [("上学期", D(2022, 2, 14), D(2022, 6, 30))],
            2023: [("上学期", D(2023, 2, 6), D(2023, 6, 30))],
        },
    ),
    (
        "下学期",
        {
            2022: [("下学期", D(2022, 9, 1), D(2023, 1, 13))],
            2023: [("下学期", D(2023, 9, 1), D(2024, 1, 26))],
        },
    ),
    # X初 / X末 on a term or holiday: its first / last three weeks
    (
        "春季学期末",
        {
            2022: [("春季学期末", D(2022, 6, 10), D(2022, 6, 30))],
            2023: [("春季学期末", D(2023, 6, 10), D(2023, 6, 30))],
        },
    ),
    (
        "秋季学期初",
        {
            2022: [("秋季学期初", D(2022, 9, 1), D(2022, 9, 21))],
            2023: [("秋季学期初", D(2023, 9, 1), D(2023, 9, 21))],
        },
    ),
    (
        "下学期末",
        {
            2022: [("下学期末", D(2022, 12, 24), D(2023, 1, 13))],
            2023: [("下学期末", D(2024, 1, 6), D(2024, 1, 26))],
        },
    ),
    (
        "3月份至6月份",
        {
            2022: [("3月至6月", D(2022, 3, 1), D(2022, 6, 30))],
            2023: [("3月至6月", D(2023, 3, 1), D(2023, 6, 30))],
        },
    ),
    (
        "暑假期间",
        {
            2022: [("暑假期间", D(2022, 7, 1), D(2022, 8, 31))],
            2023: [("暑假期间", D(2023, 7, 1), D(2023, 8, 31))],
        },
    ),
    # X月中旬前: by the part's last day (as 3月底前 is by the 31st)
    (
        "3月中旬前",
        {
            2022: [("3月中旬前", D(2022, 1, 1), D(2022, 3, 20))],
            2023: [("3月中旬前", D(2023, 1, 1), D(2023, 3, 20))],
        },
    ),
    (
        "5月上旬前",
        {
            2022: [("5月上旬前", D(2022, 1, 1), D(2022, 5, 10))],
            2023: [("5月上旬前", D(2023, 1, 1), D(2023, 5, 10))],
        },
    ),
    (
        "2月下旬前",
        {
            2022: [("2月下旬前", D(2022, 1, 1), D(2022, 2, 28))],
            2023: [("2月下旬前", D(2023, 1, 1), D(2023, 2, 28))],
        },
    ),
    (
        "3月至6月",
        {
            2022: [("3月至6月", D(2022, 3, 1), D(2022, 6, 30))],
            2023: [("3月至6月", D(2023, 3, 1), D(2023, 6, 30))],
        },
    ),
    (
        "3月到6月",
        {
            2022: [("3月至6月", D(2022, 3, 1), D(2022, 6, 30))],
            2023: [("3月至6月", D(2023, 3, 1), D(2023, 6, 30))],
        },
    ),
    (
        "3—6月",
        {
            2022: [("3月至6月", D(2022, 3, 1), D(2022, 6, 30))],
            2023: [("3月至6月", D(2023, 3, 1), D(2023, 6, 30))],
        },
    ),
    (
        "九月至十一月",
        {
            2022: [("9月至11月", D(2022, 9, 1), D(2022, 11, 30))],
            2023: [("9月至11月", D(2023, 9, 1), D(2023, 11, 30))],
        },
    ),
    (
        "第一季度末",
        {
            2022: [("第一季度末", D(2022, 1, 1), D(2022, 3, 31))],
            2023: [("第一季度末", D(2023, 1, 1), D(2023, 3, 31))],
        },
    ),
    (
        "第三季度末",
        {
            2022: [("第三季度末", D(2022, 1, 1), D(2022, 9, 30))],
            2023: [("第三季度末", D(2023, 1, 1), D(2023, 9, 30))],
        },
    ),
    (
        "年初",
        {
            2022: [("年初", D(2022, 1, 1), D(2022, 2, 28))],
            2023: [("年初", D(2023, 1, 1), D(2023, 2, 28))],
        },
    ),
    (
        "年中",
        {
            2022: [("年中", D(2022, 6, 1), D(2022, 7, 31))],
            2023: [("年中", D(2023, 6, 1), D(2023, 7, 31))],
        },
    ),
    # 元旦 is the New Year's Day that ends the plan year
    (
        "元旦前",
        {
            2022: [("元旦前", D(2022, 1, 1), D(2023, 1, 1))],
            2023: [("元旦前", D(2023, 1, 1), D(2024, 1, 1))],
        },
    ),
    # a named day alone, or X前后: a week either side
    (
        "春节前后",
        {
            2022: [("春节前后", D(2022, 1, 25), D(2022, 2, 8))],
            2023: [("春节前后", D(2023, 1, 15), D(2023, 1, 29))],
        },
    ),
    (
        "重阳节",
        {
            2022: [("重阳节", D(2022, 9, 27), D(2022, 10, 11))],
            2023: [("重阳节", D(2023, 10, 16), D(2023, 10, 30))],
        },
    ),
    (
        "中秋节",
        {
            2022: [("中秋节", D(2022, 9, 3), D(2022, 9, 17))],
            2023: [("中秋节", D(2023, 9, 22), D(2023, 10, 6))],
        },
    ),
    (
        "端午节",
        {
            2022: [("端午节", D(2022, 5, 27), D(2022, 6, 10))],
            2023: [("端午节", D(2023, 6, 15), D(2023, 6, 29))],
        },
    ),
    (
        "元宵节",
        {
            2022: [("元宵节", D(2022, 2, 8), D(2022, 2, 22))],
            2023: [("元宵节", D(2023, 1, 29), D(2023, 2, 12))],
        },
    ),
    (
        "五四",
        {
            2022: [("五四", D(2022, 4, 27), D(2022, 5, 11))],
            2023: [("五四", D(2023, 4, 27), D(2023, 5, 11))],
        },
    ),
    (
        "六一",
        {
            2022: [("六一", D(2022, 5, 25), D(2022, 6, 8))],
            2023: [("六一", D(2023, 5, 25), D(2023, 6, 8))],
        },
    ),
    (
        "教师节",
        {
            2022: [("教师节", D(2022, 9, 3), D(2022, 9, 17))],
            2023: [("教师节", D(2023, 9, 3), D(2023, 9, 17))],
        },
    ),
    (
        "建队日",
        {
            2022: [("建队日", D(2022, 10, 6), D(2022, 10, 20))],
            2023: [("建队日", D(2023, 10, 6), D(2023, 10, 20))],
        },
    ),
    (
        "国家宪法日",
        {
            2022: [("国家宪法日", D(2022, 11, 27), D(2022, 12, 11))],
            2023: [("国家宪法日", D(2023, 11, 27), D(2023, 12, 11))],
        },
    ),
    (
        "世界读书日",
        {
            2022: [("世界读书日", D(2022, 4, 16), D(2022, 4, 30))],
            2023: [("世界读书日", D(2023, 4, 16), D(2023, 4, 30))],
        },
    ),
    (
        "学雷锋纪念日",
        {
            2022: [("学雷锋纪念日", D(2022, 2, 26), D(2022, 3, 12))],
            2023: [("学雷锋纪念日", D(2023, 2, 26), D(2023, 3, 12))],
        },
    ),
    # X前: a deadline on the day; X后: two weeks from the day (from a period's end)
    (
        "教师节前",
        {
            2022: [("教师节前", D(2022, 1, 1), D(2022, 9, 10))],
            2023: [("教师节前", D(2023, 1, 1), D(2023, 9, 10))],
        },
    ),
    (
        "中秋节后",
        {
            2022: [("中秋节后", D(2022, 9, 10), D(2022, 9, 24))],
            2023: [("中秋节后", D(2023, 9, 29), D(2023, 10, 13))],
        },
    ),
    (
        "暑假后",
        {
            2022: [("暑假后", D(2022, 9, 1), D(2022, 9, 15))],
            2023: [("暑假后", D(2023, 9, 1), D(2023, 9, 15))],
        },
    ),
    (
        "寒假前",
        {
            2022: [("寒假前", D(2022, 1, 1), D(2022, 1, 22))],
            2023: [("寒假前", D(2023, 1, 1), D(2023, 1, 14))],
        },
    ),
    # X期间: a holiday's days off (国庆 10-01..07; 春节 除夕 to 初六), else a week either side
    (
        "国庆期间",
        {
            2022: [("国庆期间", D(2022, 10, 1), D(2022, 10, 7))],
            2023: [("国庆期间", D(2023, 10, 1), D(2023, 10, 7))],
        },
    ),
    (
        "春节期间",
        {
            2022: [("春节期间", D(2022, 1, 31), D(2022, 2, 6))],
            2023: [("春节期间", D(2023, 1, 21), D(2023, 1, 27))],
        },
    ),
    (
        "六一期间",
        {
            2022: [("六一期间", D(2022, 5, 25), D(2022, 6, 8))],
            2023: [("六一期间", D(2023, 5, 25), D(2023, 6, 8))],
        },
    ),
    (
        "每年",
        {
            2022: [("每年", D(2022, 1, 1), D(2022, 12, 31))],
            2023: [("每年", D(2023, 1, 1), D(2023, 12, 31))],
        },
    ),
    (
        "常年",
        {
            2022: [("常年", D(2022, 1, 1), D(2022, 12, 31))],
            2023: [("常年", D(2023, 1, 1), D(2023, 12, 31))],
        },
    ),
    (
        "长期",
        {
            2022: [("长期", D(2022, 1, 1), D(2022, 12, 31))],
            2023: [("长期", D(2023, 1, 1), D(2023, 12, 31))],
        },
    ),
    (
        "持续",
        {
            2022: [("持续", D(2022, 1, 1), D(2022, 12, 31))],
            2023: [("持续", D(2023, 1, 1), D(2023, 12, 31))],
        },
    ),
    # anniversaries: 1921-07-01 + 101 years; 1949-10-01 + 73 / 74; the day, a week either side
    ("建党101周年", {2022: [("建党101周年", D(2022, 6, 24), D(2022, 7, 8))]}),
    ("建党102周年", {2023: [("建党102周年", D(2023, 6, 24), D(2023, 7, 8))]}),
    ("新中国成立73周年", {2022: [("新中国成立73周年", D(2022, 9, 24), D(2022, 10, 8))]}),
    ("建国七十四周年前", {2023: [("建国七十四周年前", D(2023, 1, 1), D(2023, 10, 1))]}),
    ("建军95周年", {2022: [("建军95周年", D(2022, 7, 25), D(2022, 8, 8))]}),
    ("建团一百周年", {2022: [("建团一百周年", D(2022, 4, 27), D(2022, 5, 11))]}),
    ("建队74周年", {2023: [("建队74周年", D(2023, 10, 6), D(2023, 10, 20))]}),
]
CASES = [(phrase, year, want) for phrase, years in TABLE for year, want in years.items()]


@pytest.mark.parametrize(("phrase", "year", "want"), CASES, ids=[f"{p}-{y}" for p, y, _ in CASES])
def test_phrase_table(phrase: str, year: int, want: list[W]) -> None:
    got = resolve(phrase, year)
    assert [(o.key, o.start, o.due) for o in got] == want
    assert all(o.phrase == phrase for o in got)


def test_every_week_of_the_year() -> None:
    # ISO weeks: 2022's first Monday-to-Sunday week with a Thursday in it starts on 01-03
    weeks = resolve("每周", 2022)
    assert len(weeks) == 52
    assert (weeks[0].key, weeks[0].start, weeks[0].due) == ("第1周", D(2022, 1, 3), D(2022, 1, 9))
    assert (weeks[-1].key, weeks[-1].start, weeks[-1].due) == (
        "第52周",
        D(2022, 12, 26),
        D(2023, 1, 1),
    )
    weeks = resolve("每周", 2023)
    assert (weeks[0].start, weeks[-1].due, len(weeks)) == (D(2023, 1, 2), D(2023, 12, 31), 52)
    assert len(resolve("每周", 2020)) == 53  # 2020 began on a Wednesday and was a leap year
    assert all(o.recurring for o in weeks)


def test_anniversary_of_another_year_says_which() -> None:
    assert resolve("建党100周年", 2021)[0].due == D(2021, 7, 8)
    with pytest.raises(UnknownPhrase) as info:
        resolve("建党100周年", 2022)
    assert info.value.falls_in == 2021


def test_month_range_backwards_is_refused() -> None:
    with pytest.raises(UnknownPhrase, match="backwards"):
        resolve("6月至3月", 2022)


def test_opening_and_closing_weeks_only_of_a_period() -> None:
    with pytest.raises(UnknownPhrase, match="term or a holiday"):
        resolve("国庆末", 2022)


# --------------------------------------------------------------------------- a plan's calendar

NANTONG = Calendar(
    days=[
        CalendarDay(
            name="南通解放纪念日", name_en="Nantong Liberation Day", date="02-02", since=1949
        ),
        CalendarDay(name="市第十三次党代会", date="2021-09-27", aliases=["党代会"]),
    ],
    terms=[
        Term(name="春季学期", start=D(2022, 2, 14), end=D(2022, 7, 2)),
        Term(name="秋季学期", start=D(2022, 8, 31), end=D(2023, 1, 18)),
    ],
)


def test_a_plans_terms_replace_the_defaults_and_the_holidays_follow() -> None:
    spring, autumn = resolve("每学期", 2022, NANTONG)
    assert (spring.start, spring.due, autumn.start, autumn.due) == (
        D(2022, 2, 14),
        D(2022, 7, 2),
        D(2022, 8, 31),
        D(2023, 1, 18),
    )
    summer = resolve("暑假", 2022, NANTONG)[0]
    assert (summer.start, summer.due) == (D(2022, 7, 3), D(2022, 8, 30))
    assert resolve("学年", 2022, NANTONG)[0].due == D(2023, 1, 18)
    # a holiday given alone moves the terms next to it
    winter = Calendar(terms=[Term(name="寒假", start=D(2023, 1, 14), end=D(2023, 2, 12))])
    assert resolve("春季开学前", 2023, winter)[0].due == D(2023, 2, 13)


def test_a_plans_own_days_and_anniversaries() -> None:
    occ = resolve("南通解放73周年", 2022, NANTONG)[0]
    assert (occ.start, occ.due, occ.recurring) == (D(2022, 1, 26), D(2022, 2, 9), False)
    assert resolve("南通解放纪念日前", 2023, NANTONG)[0].due == D(2023, 2, 2)
    with pytest.raises(UnknownPhrase) as info:
        resolve("南通解放75周年", 2022, NANTONG)
    assert info.value.falls_in == 2024
    with pytest.raises(UnknownPhrase) as info:
        resolve("党代会", 2022, NANTONG)
    assert info.value.falls_in == 2021
    assert resolve("党代会期间", 2021, NANTONG)[0].due == D(2021, 10, 4)


def test_the_understood_forms_fit_the_year_and_the_place() -> None:
    with pytest.raises(UnknownPhrase) as info:
        resolve("下辈子", 2022, NANTONG)
    known = info.value.known
    assert {
        "南通解放纪念日",
        "南通解放73周年",
        "建党101周年",
        "重阳",
        "寒假",
        "开学初/学期初",
    } <= set(known)
    assert "市第十三次党代会" not in known  # a 2021 event
    assert not [k for k in known if "金坛" in k]
    with pytest.raises(UnknownPhrase) as info:
        resolve("下辈子", 2023)
    assert {"建党102周年", "新中国成立74周年"} <= set(info.value.known)


def test_timeline_days_come_from_the_plan() -> None:
    national = [
        "清明",
        "七一建党节",
        "八一建军节",
        "抗战胜利纪念日",
        "烈士纪念日",
        "国庆节",
        "国家公祭日",
    ]
    assert [zh for _d, zh, _en in almanac.commemorations(2022)] == national
    with_own = almanac.commemorations(2022, NANTONG)
    assert (D(2022, 2, 2), "南通解放纪念日", "Nantong Liberation Day") == with_own[0]
    assert "市第十三次党代会" not in [zh for _d, zh, _en in with_own]
    assert "市第十三次党代会" in [zh for _d, zh, _en in almanac.commemorations(2021, NANTONG)]


# --------------------------------------------------------------------------- in a workspace


def _plan(year: int, phrases: list[str], calendar: str = "") -> str:
    tasks = "\n".join(
        f'          - {{id: t{i}, title: 任务{i}, source: 原文, owner: office, scope: district, when: "{p}"}}'
        for i, p in enumerate(phrases)
    )
    return f"""\
schema_version: 1
id: nantong-{year}
title: 南通市教育局{year}年关心下一代工作要点
year: {year}
issuer: 南通市教育局关工委
{calendar}
owners:
  - {{id: office, name: 市教育局关工委}}
sections:
  - id: s1
    number: 一
    title: 工作
    points:
      - id: p1
        title: 要点
        source: 原文
        tasks:
{tasks}
"""


def _workspace(root: Path, year: int, phrases: list[str], calendar: str = "") -> Path:
    (root / "plans").mkdir(parents=True)
    (root / "plans" / f"{year}.yaml").write_text(_plan(year, phrases, calendar), encoding="utf-8")
    schools = root / "data" / "schools"
    schools.mkdir(parents=True)
    (schools / "shiyan-primary.yaml").write_text(
        "schema_version: 1\nid: shiyan-primary\nname: 测试实验小学\ntype: primary\n",
        encoding="utf-8",
    )
    return root


LISTED = [phrase for phrase, _years in TABLE] + ["每周", "国庆后", "清明前后", "暑假前后"]


@pytest.mark.parametrize("year", [2022, 2023])
def test_every_listed_phrase_passes_check_in_a_plan_of_its_own(
    run, tmp_path: Path, year: int
) -> None:
    phrases = [p for p in LISTED if "周年" not in p]
    phrases += ["建党101周年"] if year == 2022 else ["建党102周年", "新中国成立74周年"]
    ws = _workspace(tmp_path / "ws", year, phrases)
    result = run(["check"], cwd=ws)
    assert result.code == 0, result.out + result.err
    plan = json.loads(run(["plan", "--json"], cwd=ws).out)["data"]
    tasks = [t for s in plan["sections"] for p in s["points"] for t in p["tasks"]]
    assert len(tasks) == len(phrases) and all(t["occurrences"] for t in tasks)


def test_a_plan_without_a_calendar_knows_no_jintan_day(run, tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws", 2022, ["金坛解放纪念日"])
    result = run(["check"], cwd=ws)
    assert result.code == 1
    assert "无法识别的时间说法“金坛解放纪念日”" in result.out
    assert "重阳" in result.out and "建党101周年" in result.out  # what is understood
    assert "金坛解放纪念日前后" not in result.out


def test_an_anniversary_in_another_year_is_a_check_error(run, tmp_path: Path, monkeypatch) -> None:
    ws = _workspace(tmp_path / "ws", 2022, ["建党100周年"])
    result = run(["check"], cwd=ws)
    assert result.code == 1
    assert "“建党100周年”在 2021 年，不在本计划的 2022 年" in result.out
    assert "plans/2022.yaml:" in result.out
    monkeypatch.setenv("GUANXIN_LANG", "en")
    result = run(["check", "--lang", "en"], cwd=ws)
    assert "'建党100周年' falls in 2021, not in this plan's year 2022" in result.out


CALENDAR_MISTAKES = [
    ("calendar:\n  days:\n    - {name: 南通解放, date: 4月24日}\n", "date 应写成 04-24"),
    ("calendar:\n  days:\n    - {name: 南通解放, date: 02-29}\n", "02-29 不是每年都有"),
    (
        "calendar:\n  days:\n    - {name: 南通解放, date: 02-02, since: 2500}\n",
        "since 应是始于哪一年",
    ),
    ("calendar:\n  days:\n    - {name: 国庆, date: 10-01}\n", "“国庆”已是内置的节日"),
    (
        "calendar:\n  days:\n    - {name: 南通解放, date: 02-02}\n    - {name: 解放日, date: 02-03, aliases: [南通解放]}\n",
        "名称“南通解放”在 calendar.days 中出现了两次",
    ),
    (
        "calendar:\n  terms:\n    - {name: 春季学期, start: 2021-02-14, end: 2021-06-30}\n",
        "春季学期应在 2022 年开始（现在是 2021-02-14）",
    ),
    (
        "calendar:\n  terms:\n    - {name: 春季学期, start: 2022-02-14, end: 2022-09-10}\n",
        "春季学期（2022-02-14 至 2022-09-10）与其后的秋季学期（2022-09-01 起）重叠",
    ),
    (
        "calendar:\n  terms:\n    - {name: 暑假, start: 2022-07-01, end: 2022-06-01}\n",
        "end 早于 start",
    ),
    (
        "calendar:\n  terms:\n    - {name: 暑假, start: 2022-07-01, end: 2022-08-31}\n"
        "    - {name: 暑假, start: 2022-07-02, end: 2022-08-31}\n",
        "暑假写了两次",
    ),
    (
        "calendar:\n  terms:\n    - {name: 夏令营, start: 2022-07-01, end: 2022-08-31}\n",
        "可选：寒假, 春季学期, 暑假, 秋季学期",
    ),
    ("calendar:\n  dayz: []\n", "是不是“days”"),
]


@pytest.mark.parametrize(("calendar", "message"), CALENDAR_MISTAKES)
def test_calendar_mistakes_are_located_check_errors(
    run, tmp_path: Path, calendar: str, message: str
) -> None:
    ws = _workspace(tmp_path / "ws", 2022, ["每学期"], calendar)
    result = run(["check"], cwd=ws)
    assert result.code == 1, result.out
    assert message in result.out
    assert "plans/2022.yaml:" in result.out  # file:line:col


def test_a_calendar_in_the_plan_file_is_used(run, tmp_path: Path) -> None:
    calendar = (
        "calendar:\n  days:\n"
        "    - {name: 南通解放纪念日, name_en: Nantong Liberation Day, date: 02-02, since: 1949, aliases: [南通解放]}\n"
        "  terms:\n    - {name: 春季学期, start: 2022-02-14, end: 2022-07-02}\n"
    )
    ws = _workspace(tmp_path / "ws", 2022, ["南通解放73周年", "暑假", "南通解放前后"], calendar)
    assert run(["check"], cwd=ws).code == 0
    plan = json.loads(run(["plan", "--json"], cwd=ws).out)["data"]
    dates = {
        t["when"][0]: t["occurrences"][0]
        for s in plan["sections"]
        for p in s["points"]
        for t in p["tasks"]
    }
    assert (dates["暑假"]["start"], dates["暑假"]["due"]) == ("2022-07-03", "2022-08-31")
    assert dates["南通解放73周年"]["due"] == "2022-02-09"
    timeline = json.loads(run(["timeline", "--json"], cwd=ws).out)["data"]
    names = [c["name"] for c in timeline["commemorations"]]
    assert names[0] == "南通解放纪念日" and not [n for n in names if "金坛" in n]


# --------------------------------------------------------------------------- the bundled plan


def test_bundled_plan_numbers_unchanged_by_moving_its_days_into_data(run, workspace: Path) -> None:
    plan = (workspace / "plans" / "2022.yaml").read_text(encoding="utf-8")
    assert "calendar:" in plan and "金坛解放纪念日" in plan  # the days are data now
    before = json.loads(
        (HERE / "fixtures" / "status-2022-06-30-main.json").read_text(encoding="utf-8")
    )
    data = json.loads(run(["status", "--json", "--as-of", "2022-06-30"], cwd=workspace).out)["data"]
    assert data["overall"] == before["overall"]
    assert data["counts"] == before["counts"]
    assert {s["id"]: s["rate"] for s in data["sections"]} == before["sections"]
    assert {m["id"]: m["count_now"] for m in data["milestones"]} == before["milestones"]
    assert {s["id"]: s["counts"] for s in data["schools"]} == before["schools"]
    assert (data["urgent_total"], data["open_findings"]) == (
        before["urgent_total"],
        before["open_findings"],
    )


def test_bundled_timeline_keeps_jintan_days_and_another_plan_does_not(
    run, workspace: Path, tmp_path: Path
) -> None:
    view = json.loads(run(["timeline", "--json", "--as-of", "2022-06-30"], cwd=workspace).out)[
        "data"
    ]
    days = {c["name"]: c["date"] for c in view["commemorations"]}
    assert days["金坛解放纪念日"] == "2022-04-24" and days["党的二十大开幕"] == "2022-10-16"
    other = _workspace(tmp_path / "other", 2022, ["重阳节", "七一"])
    result = run(["timeline", "--json", "--as-of", "2022-06-30"], cwd=other)
    assert result.code == 0, result.out + result.err
    names = [c["name"] for c in json.loads(result.out)["data"]["commemorations"]]
    # the seven national days, and 重阳 that its task names
    assert len(names) == 8 and "重阳节" in names
    assert not [n for n in names if "金坛" in n or "二十大" in n]


def test_the_plan_says_when_a_term_runs_past_the_year(run, tmp_path: Path) -> None:
    ws = _workspace(tmp_path / "ws", 2022, ["每学期", "学期末"])
    out = run(["plan"], cwd=ws).out
    # each occurrence as its window, a date past 12-31 with its year
    assert "春季学期 02-14–06-30, 秋季学期 09-01–2023-01-13" in out
    assert "春季学期末 06-10–06-30, 秋季学期末 12-24–2023-01-13" in out


def test_the_written_plan_schema_names_no_district(run, tmp_path: Path) -> None:
    # init copies the schemas into any district's workspace
    out = run(["schema", "plan"], cwd=tmp_path).out
    assert '"CalendarDay"' in out and '"Term"' in out
    assert "金坛" not in out


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("2月30日前", "没有“2月30日”这一天：2022年2月只有 28 天。"),
        ("13月1日", "没有“13月1日”这一天：一年只有 12 个月。"),
        ("清名前后", "无法识别的时间说法“清名前后”，是不是：清明前后？"),
        ("金坛解方纪念日", "是不是：金坛解放纪念日？"),
    ],
)
def test_a_phrase_not_understood_is_said_as_what_it_is(
    run, tmp_path: Path, phrase: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    """A day the calendar lacks is no such day; a misspelt name gets the closest names."""
    calendar = "calendar:\n  days:\n    - {name: 金坛解放纪念日, date: 04-24, since: 1949}\n"
    ws = _workspace(tmp_path / "ws", 2022, [phrase], calendar)
    result = run(["check"], cwd=ws)
    assert result.code == 1 and said in result.out, result.out
