"""Tests for guanxin_cli.dates (with workdays and dates_en) and the phrase table in guanxin_cli.phrases.

Expected 2022 dates are the ones listed in /work/shared/DOMAIN.md ("Dates that matter in 2022").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guanxin_cli.dates import (
    Occurrence,
    UnknownPhrase,
    commemorations,
    parse_date,
    qingming,
    qingming_estimate,
    resolve,
    today_shanghai,
)
from guanxin_cli.models import Calendar, CalendarDay
from guanxin_cli.phrases import COMMEMORATION_WINDOW_DAYS, COMMEMORATIONS
from guanxin_cli.workdays import calendar_known, holiday_name, is_workday, workdays_between

D = date

# Jintan's own days, as plans/2022.yaml gives them (local days are data, not code)
JINTAN = Calendar(
    days=[
        CalendarDay(name="金坛解放纪念日", date="04-24", aliases=["金坛解放"], since=1949),
        CalendarDay(name="党的二十大开幕", date="2022-10-16", aliases=["党的二十大", "二十大"]),
    ]
)


def one(phrase: str, year: int = 2022, calendar: Calendar | None = None) -> Occurrence:
    occurrences = resolve(phrase, year, calendar)
    assert len(occurrences) == 1, occurrences
    return occurrences[0]


# --------------------------------------------------------------------------- phrase table


@pytest.mark.parametrize(
    ("phrase", "key", "start", "due"),
    [
        ("3月底", "3月底", D(2022, 1, 1), D(2022, 3, 31)),
        ("三月底", "3月底", D(2022, 1, 1), D(2022, 3, 31)),
        ("3月底前", "3月底", D(2022, 1, 1), D(2022, 3, 31)),
        ("2月底", "2月底", D(2022, 1, 1), D(2022, 2, 28)),
        ("十二月底", "12月底", D(2022, 1, 1), D(2022, 12, 31)),
        ("十一月底", "11月底", D(2022, 1, 1), D(2022, 11, 30)),
        ("3月31日", "3月31日", D(2022, 1, 1), D(2022, 3, 31)),
        ("3月31号", "3月31日", D(2022, 1, 1), D(2022, 3, 31)),
        ("三月三十一日", "3月31日", D(2022, 1, 1), D(2022, 3, 31)),
        ("8月11日", "8月11日", D(2022, 1, 1), D(2022, 8, 11)),
        ("3月上旬", "3月上旬", D(2022, 3, 1), D(2022, 3, 10)),
        ("3月中旬", "3月中旬", D(2022, 3, 11), D(2022, 3, 20)),
        ("3月下旬", "3月下旬", D(2022, 3, 21), D(2022, 3, 31)),
        ("2月下旬", "2月下旬", D(2022, 2, 21), D(2022, 2, 28)),
        ("四月下旬", "4月下旬", D(2022, 4, 21), D(2022, 4, 30)),
        ("3月", "3月", D(2022, 3, 1), D(2022, 3, 31)),
        ("上半年", "上半年", D(2022, 1, 1), D(2022, 6, 30)),
        ("下半年", "下半年", D(2022, 7, 1), D(2022, 12, 31)),
        ("年底前", "年底前", D(2022, 1, 1), D(2022, 12, 31)),
        ("年底", "年底", D(2022, 1, 1), D(2022, 12, 31)),
        ("年内", "年内", D(2022, 1, 1), D(2022, 12, 31)),
        ("全年", "全年", D(2022, 1, 1), D(2022, 12, 31)),
        ("第一季度", "第一季度", D(2022, 1, 1), D(2022, 3, 31)),
        ("第二季度", "第二季度", D(2022, 4, 1), D(2022, 6, 30)),
        ("第三季度", "第三季度", D(2022, 7, 1), D(2022, 9, 30)),
        ("第四季度", "第四季度", D(2022, 10, 1), D(2022, 12, 31)),
        ("第1季度", "第一季度", D(2022, 1, 1), D(2022, 3, 31)),
        ("一季度", "第一季度", D(2022, 1, 1), D(2022, 3, 31)),
        ("暑期", "暑期", D(2022, 7, 1), D(2022, 8, 31)),
        ("暑假", "暑假", D(2022, 7, 1), D(2022, 8, 31)),
        ("暑假期间", "暑假期间", D(2022, 7, 1), D(2022, 8, 31)),
        ("2022-03-31", "2022-03-31", D(2022, 1, 1), D(2022, 3, 31)),
        ("2022年3月31日", "2022-03-31", D(2022, 1, 1), D(2022, 3, 31)),
    ],
)
def test_phrase_windows_2022(phrase: str, key: str, start: date, due: date) -> None:
    occ = one(phrase)
    assert (occ.key, occ.start, occ.due) == (key, start, due)
    assert occ.phrase == phrase
    assert occ.recurring is False


def test_february_in_a_leap_year() -> None:
    assert one("2月底", 2024).due == D(2024, 2, 29)
    assert one("2月下旬", 2024).due == D(2024, 2, 29)


def test_iso_date_keeps_its_own_year() -> None:
    occ = one("2023-01-15", 2022)
    assert (occ.key, occ.start, occ.due) == ("2023-01-15", D(2023, 1, 1), D(2023, 1, 15))


def test_whitespace_and_full_width_digits_are_normalised() -> None:
    occ = one("  ３月底\u3000")
    assert (occ.key, occ.due) == ("3月底", D(2022, 3, 31))
    assert occ.phrase == "  ３月底\u3000"
    assert one(" 3 月 下旬 ").due == D(2022, 3, 31)
    assert one("第４季度").due == D(2022, 12, 31)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("清明", D(2022, 4, 5)),
        ("清明节", D(2022, 4, 5)),
        ("清明前后", D(2022, 4, 5)),
        ("七一", D(2022, 7, 1)),
        ("七一前后", D(2022, 7, 1)),
        ("建党节", D(2022, 7, 1)),
        ("八一", D(2022, 8, 1)),
        ("建军节", D(2022, 8, 1)),
        ("抗战胜利纪念日", D(2022, 9, 3)),
        ("烈士纪念日", D(2022, 9, 30)),
        ("十一", D(2022, 10, 1)),
        ("国庆", D(2022, 10, 1)),
        ("国庆节", D(2022, 10, 1)),
        ("国庆前后", D(2022, 10, 1)),
        ("国家公祭日", D(2022, 12, 13)),
    ],
)
def test_commemorations_are_week_either_side_windows(phrase: str, day: date) -> None:
    occ = one(phrase, calendar=JINTAN if "金坛" in phrase else None)
    assert COMMEMORATION_WINDOW_DAYS == 7
    assert occ.key == phrase
    assert occ.start == day - timedelta(days=7)
    assert occ.due == day + timedelta(days=7)
    assert occ.recurring is True


def test_qingming_window_follows_the_solar_term() -> None:
    occ = one("清明前后", 2024)
    assert (occ.start, occ.due) == (D(2024, 3, 28), D(2024, 4, 11))


def test_before_a_commemoration_is_a_deadline_on_the_day() -> None:
    occ = one("国庆前")
    assert (occ.start, occ.due) == (D(2022, 1, 1), D(2022, 10, 1))


def test_a_plans_own_days_resolve_with_its_calendar_only() -> None:
    occ = one("金坛解放纪念日", calendar=JINTAN)
    assert (occ.start, occ.due, occ.recurring) == (D(2022, 4, 17), D(2022, 5, 1), True)
    assert one("金坛解放前后", 2023, JINTAN).due == D(2023, 5, 1)
    with pytest.raises(UnknownPhrase):
        resolve("金坛解放纪念日", 2022)


def test_one_off_event_is_not_recurring() -> None:
    occ = one("二十大", calendar=JINTAN)
    assert occ.due - timedelta(days=7) == D(2022, 10, 16)
    assert occ.recurring is False


def test_one_off_event_of_another_year_says_which() -> None:
    with pytest.raises(UnknownPhrase) as info:
        resolve("二十大", 2021, JINTAN)
    assert info.value.falls_in == 2022


def test_every_commemoration_alias_resolves() -> None:
    # where each falls in 2022 (DOMAIN.md: fixed days, 清明, the lunar festivals' table)
    lunar = {
        "lunar:01-01": D(2022, 2, 1),
        "lunar:01-15": D(2022, 2, 15),
        "lunar:05-05": D(2022, 6, 3),
        "lunar:08-15": D(2022, 9, 10),
        "lunar:09-09": D(2022, 10, 4),
    }
    for c in COMMEMORATIONS:
        if c.anchor == "qingming":
            day = D(2022, 4, 5)
        elif c.anchor in lunar:
            day = lunar[c.anchor]
        else:
            day = D(2022 + c.year_offset, int(c.anchor[-5:-3]), int(c.anchor[-2:]))
        for alias in c.aliases:
            for suffix in ("", "前后"):
                occ = one(alias + suffix)
                assert (occ.start, occ.due) == (day - timedelta(7), day + timedelta(7)), alias


def test_monthly_gives_twelve_month_windows() -> None:
    occurrences = resolve("每月", 2022)
    assert [o.key for o in occurrences] == [f"{m}月" for m in range(1, 13)]
    assert all(o.recurring for o in occurrences)
    assert occurrences[0].start == D(2022, 1, 1)
    assert occurrences[1].due == D(2022, 2, 28)
    assert occurrences[11].due == D(2022, 12, 31)
    assert all(o.start.day == 1 and o.start.month == o.due.month for o in occurrences)


def test_each_term_gives_spring_and_autumn_windows() -> None:
    # the default Jiangsu terms: spring opens on Monday 2022-02-14 (春节 02-01 + 13 days),
    # autumn ends on Friday 2023-01-13 (the last Friday at least 8 days before 春节 01-22)
    spring, autumn = resolve("每学期", 2022)
    assert (spring.key, spring.start, spring.due) == ("春季学期", D(2022, 2, 14), D(2022, 6, 30))
    assert (autumn.key, autumn.start, autumn.due) == ("秋季学期", D(2022, 9, 1), D(2023, 1, 13))
    assert spring.recurring and autumn.recurring


def test_each_quarter() -> None:
    occurrences = resolve("每季度", 2022)
    assert [o.due for o in occurrences] == [
        D(2022, 3, 31),
        D(2022, 6, 30),
        D(2022, 9, 30),
        D(2022, 12, 31),
    ]


def test_unknown_phrase() -> None:
    with pytest.raises(UnknownPhrase) as info:
        resolve("下辈子", 2022)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.phrase == "下辈子"
    assert err.known
    assert {
        "X月底",
        "X月上旬/中旬/下旬",
        "第N季度",
        "每学期",
        "清明",
        "X前/X后/X前后/X期间",
    } <= set(err.known)
    assert "下辈子" in str(err)


@pytest.mark.parametrize("phrase", ["13月底", "2月30日", "十三月", "第五季度", "", "   "])
def test_impossible_or_empty_phrases_raise(phrase: str) -> None:
    with pytest.raises(UnknownPhrase):
        resolve(phrase, 2022)


def test_feb_29_only_in_leap_years() -> None:
    assert one("2月29日", 2024).due == D(2024, 2, 29)
    with pytest.raises(UnknownPhrase):
        resolve("2月29日", 2022)


# --------------------------------------------------------------------------- commemorations


def test_commemorations_2022() -> None:
    assert "金坛解放纪念日" not in [zh for _day, zh, _en in commemorations(2022)]
    got = commemorations(2022, JINTAN)
    by_name = {zh: day for day, zh, _en in got}
    assert by_name == {
        "清明": D(2022, 4, 5),
        "金坛解放纪念日": D(2022, 4, 24),
        "七一建党节": D(2022, 7, 1),
        "八一建军节": D(2022, 8, 1),
        "抗战胜利纪念日": D(2022, 9, 3),
        "烈士纪念日": D(2022, 9, 30),
        "国庆节": D(2022, 10, 1),
        "党的二十大开幕": D(2022, 10, 16),
        "国家公祭日": D(2022, 12, 13),
    }
    assert [day for day, _zh, _en in got] == sorted(day for day, _zh, _en in got)
    assert all(en for _day, _zh, en in got)


def test_one_off_commemoration_only_in_its_year() -> None:
    names = [zh for _day, zh, _en in commemorations(2023, JINTAN)]
    assert "党的二十大开幕" not in names
    assert len(names) == 8
    assert (D(2023, 4, 5), "清明") in [(day, zh) for day, zh, _en in commemorations(2023, JINTAN)]


# --------------------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2022, D(2022, 4, 5)), (2023, D(2023, 4, 5)), (2024, D(2024, 4, 4))],
)
def test_qingming_known_years(year: int, expected: date) -> None:
    assert qingming(year) == expected
    assert qingming_estimate(year) == expected


def test_qingming_formula_by_hand() -> None:
    # [Y*0.2422 + 4.81] - [Y/4]: 2035 -> [13.287] - 8 = 5; 2040 -> [14.498] - 10 = 4
    assert qingming_estimate(2035) == D(2035, 4, 5)
    assert qingming_estimate(2040) == D(2040, 4, 4)
    assert qingming(2035) == D(2035, 4, 5)
    assert qingming(2040) == D(2040, 4, 4)


def test_qingming_outside_the_library_uses_the_formula() -> None:
    # chinese_calendar's solar terms stop at 2100; 2101: [101*0.2422 + 4.81] - 24 leap years = 5
    assert qingming(2101) == D(2101, 4, 5)
    assert qingming(2101) == qingming_estimate(2101)


def test_qingming_formula_matches_library_over_the_century() -> None:
    mismatches = [y for y in range(1901, 2100) if qingming(y) != qingming_estimate(y)]
    assert mismatches == []


def test_official_2022_arrangement() -> None:
    assert calendar_known(2022)
    assert is_workday(D(2022, 4, 2))  # Saturday make-up day before 清明
    assert not is_workday(D(2022, 4, 4))  # Monday off, 清明 holiday
    assert not is_workday(D(2022, 4, 5))
    assert not is_workday(D(2022, 10, 3))  # Monday, 国庆 holiday
    assert is_workday(D(2022, 10, 8))  # Saturday make-up day
    assert is_workday(D(2022, 10, 9))  # Sunday make-up day
    assert is_workday(D(2022, 3, 31))  # an ordinary Thursday
    assert not is_workday(D(2022, 3, 27))  # an ordinary Sunday


def test_holiday_names() -> None:
    assert holiday_name(D(2022, 10, 3)) == "国庆节"
    assert holiday_name(D(2022, 4, 4)) == "清明节"
    assert holiday_name(D(2022, 1, 1)) == "元旦"
    assert holiday_name(D(2022, 2, 1)) == "春节"
    assert holiday_name(D(2022, 10, 8)) is None  # make-up working day
    assert holiday_name(D(2022, 3, 31)) is None
    assert holiday_name(D(2022, 3, 27)) is None  # plain weekend
    assert holiday_name(D(2099, 10, 1)) is None


def test_unknown_years_fall_back_to_weekdays() -> None:
    assert not calendar_known(2099)
    assert not calendar_known(1990)
    assert is_workday(D(2099, 10, 1))  # a Thursday; no holiday data that far ahead
    assert not is_workday(D(2099, 10, 3))  # a Saturday
    assert D(2099, 10, 1).weekday() == 3


def test_workdays_over_national_day_2022() -> None:
    # (09-30, 10-10]: 10-01..07 off, 10-08 Sat and 10-09 Sun make-up days, 10-10 Mon -> 3
    assert workdays_between(D(2022, 9, 30), D(2022, 10, 10)) == 3
    assert workdays_between(D(2022, 9, 29), D(2022, 9, 30)) == 1
    assert workdays_between(D(2022, 10, 10), D(2022, 9, 30)) == 0
    assert workdays_between(D(2022, 10, 1), D(2022, 10, 1)) == 0


def test_workdays_in_an_unknown_year_are_weekdays() -> None:
    # 2099-01-01 is a Thursday; 2099 has 261 weekdays
    assert workdays_between(D(2098, 12, 31), D(2099, 12, 31)) == 261
    assert workdays_between(D(2099, 1, 1), D(2099, 1, 4)) == 1  # Fri 2, Sat 3, Sun 4


@given(
    st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    st.integers(min_value=0, max_value=800),
)
def test_workdays_between_matches_day_by_day_count(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(is_workday(start + timedelta(days=i)) for i in range(1, span + 1))
    assert workdays_between(start, end) == expected


# --------------------------------------------------------------------------- clock & parsing


def test_today_shanghai_from_utc() -> None:
    now = datetime(2022, 3, 30, 17, 30, tzinfo=UTC)
    assert today_shanghai(now) == D(2022, 3, 31)
    assert today_shanghai(datetime(2022, 3, 30, 15, 59, tzinfo=UTC)) == D(2022, 3, 30)
    new_york = datetime(2022, 3, 30, 13, 30, tzinfo=ZoneInfo("America/New_York"))
    assert today_shanghai(new_york) == D(2022, 3, 31)


def test_today_shanghai_without_argument_is_a_date() -> None:
    got = today_shanghai()
    assert type(got) is date
    assert abs((got - datetime.now(UTC).date()).days) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "2022-03-31",
        "2022/3/31",
        "2022/03/31",
        "20220331",
        "2022年3月31日",
        "2022年03月31号",
        "Mar 31 2022",
        "31 March 2022",
        " ２０２２-０３-３１ ",
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == D(2022, 3, 31)


@pytest.mark.parametrize(
    "text", ["2022-02-30", "garbage", "", "Mar 31", "2022-13-01", "20220230", "2022年2月30日"]
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"date"):
        parse_date(text)


# --------------------------------------------------------------------------- properties

SUPPORTED = [
    "3月底",
    "十二月底",
    "2月下旬",
    "3月上旬",
    "11月中旬",
    "1月15日",
    "6月",
    "上半年",
    "下半年",
    "年底前",
    "第一季度",
    "四季度",
    "暑期",
    "每月",
    "每季度",
    "每学期",
    "清明",
    "清明前后",
    "七一前后",
    "国庆前",
    "国家公祭日",
    "寒假",
    "开学初",
    "开学前",
    "学年",
    "秋季开学后",
    "学期末",
    "3月中旬前",
    "3月至6月",
    "第一季度末",
    "年初",
    "元旦前",
    "春节前后",
    "重阳节期间",
    "每周",
    "常年",
]


@given(st.integers(min_value=2000, max_value=2100), st.sampled_from(SUPPORTED))
def test_every_occurrence_starts_before_it_is_due(year: int, phrase: str) -> None:
    occurrences = resolve(phrase, year)
    assert occurrences
    for occ in occurrences:
        assert occ.start <= occ.due
        assert occ.phrase == phrase
        assert occ.key


def test_working_days_agree_with_chinese_calendar_on_every_day_it_knows() -> None:
    """``is_workday`` reads the library's tables itself (its own function is slow): the
    answer must be the library's, day by day, make-up working days and holidays included."""
    import chinese_calendar

    from guanxin_cli.workdays import calendar_known, is_workday

    day, checked = date(2004, 1, 1), 0
    while day <= date(2030, 12, 31):
        if calendar_known(day.year):
            assert is_workday(day) == chinese_calendar.is_workday(day), day
            checked += 1
        day += timedelta(days=1)
    assert checked > 365 * 18
