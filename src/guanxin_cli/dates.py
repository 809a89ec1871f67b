"""Dates for the 关工委 work plan: deadline phrases, the PRC working calendar, commemorations.

Everything here is pure: ``today`` is always passed in by the caller; only
:func:`today_shanghai` looks at the clock.

Calendar facts come from ``chinese_calendar`` (official State Council holiday arrangements,
including make-up working days, for the years it ships; solar terms 1900–2100). Outside those
years we fall back to Monday–Friday working days and an astronomical formula for 清明.
The phrase table itself is data in :mod:`guanxin_cli.phrases`.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache

from guanxin_cli.phrases import (
    COMMEMORATIONS,
    MONTH_PART_KEYS,
    MONTH_PARTS,
    RULES,
    Rule,
    Window,
)

__all__ = [
    "NoSuchDay",
    "Occurrence",
    "UnknownPhrase",
    "calendar_known",
    "commemorations",
    "holiday_name",
    "is_workday",
    "normalise_phrase",
    "parse_date",
    "qingming",
    "qingming_estimate",
    "resolve",
    "today_shanghai",
    "workdays_between",
]


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class Occurrence:
    """One concrete window produced from a planner phrase.

    ``key`` is a stable label for data files ("3月底", "清明前后", "3月", "春季学期",
    "2022-03-31"); ``start``..``due`` is the window (for a plain deadline such as 3月底,
    ``start`` is Jan 1 of the year); ``phrase`` is the original text.
    """

    key: str
    start: date
    due: date
    phrase: str
    recurring: bool


def plan_end(year: int, occurrences: Mapping[str, Iterable[Occurrence]]) -> date:
    """When a plan's time ends: the end of its year, or its last deadline if that is later
    (the autumn term's items fall due at the end of the next January)."""
    last = max((o.due for occs in occurrences.values() for o in occs), default=None)
    year_end = date(year, 12, 31)
    return year_end if last is None or last < year_end else last


class NoSuchDay(ValueError):
    """A date written in full that the calendar does not have (2022-02-30, 2022-13-01)."""

    def __init__(self, year: int, month: int, day: int) -> None:
        super().__init__(f"not a valid date, no such day: {year:04d}-{month:02d}-{day:02d}")
        self.year, self.month, self.day = year, month, day


class UnknownPhrase(ValueError):
    """A deadline phrase that neither the phrase table nor :func:`parse_date` understands."""

    def __init__(self, phrase: str, known: list[str], reason: str | None = None) -> None:
        self.phrase = phrase
        self.known = known
        self.reason = reason
        detail = f"{reason}; " if reason else ""
        super().__init__(
            f"无法识别的时间表述 unrecognised deadline phrase {phrase!r}: {detail}"
            f"可用写法 understood forms: {'、'.join(known)}"
        )


# --------------------------------------------------------------------------- helpers

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WS = re.compile(r"\s+")


def _cn_int(text: str) -> int:
    """Arabic or simple Chinese numerals (一 .. 九十九) to int; ValueError otherwise."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        if len(text) == 1 and text in _CN_DIGITS:
            return _CN_DIGITS[text]
        raise ValueError(f"not a number: {text!r}")
    tens_s, _, ones_s = text.partition("十")
    if (
        "十" in ones_s
        or (tens_s and tens_s not in _CN_DIGITS)
        or (ones_s and ones_s not in _CN_DIGITS)
    ):
        raise ValueError(f"not a number: {text!r}")
    tens = _CN_DIGITS[tens_s] if tens_s else 1
    ones = _CN_DIGITS[ones_s] if ones_s else 0
    return tens * 10 + ones


def _month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _known_forms() -> list[str]:
    forms: list[str] = []
    for rule in RULES:
        if rule.form and rule.form not in forms:
            forms.append(rule.form)
    forms.append("YYYY-MM-DD")
    return forms


def normalise_phrase(phrase: str) -> str:
    """NFKC (full-width digits/letters to ASCII, ideographic space to space) and trim."""
    return unicodedata.normalize("NFKC", phrase).strip()


# --------------------------------------------------------------------------- phrases


def resolve(phrase: str, year: int) -> list[Occurrence]:
    """Turn one planner phrase into its occurrences in (or, for terms, around) ``year``.

    Returns occurrences sorted by ``start``. Raises :class:`UnknownPhrase` (a ValueError).
    Commemorations default to a window of ±7 days around the day (``COMMEMORATION_WINDOW_DAYS``),
    for both "清明" and "清明前后"; "清明前" is a deadline on the day itself.
    """
    if not 1 <= year <= 9998:
        raise ValueError(f"plan year out of range: {year}")
    text = normalise_phrase(phrase)
    compact = _WS.sub("", text)
    known = _known_forms()
    if not compact:
        raise UnknownPhrase(phrase, known, "empty phrase")
    for rule in RULES:
        match = re.fullmatch(rule.pattern, compact)
        if match is None:
            continue
        try:
            occurrences = _apply(rule, match, compact, phrase, year)
        except ValueError as exc:  # e.g. 13月底, 2月30日
            raise UnknownPhrase(phrase, known, str(exc)) from exc
        return sorted(occurrences, key=lambda o: (o.start, o.due))
    try:
        when = parse_date(text)
    except ValueError as exc:
        raise UnknownPhrase(phrase, known) from exc
    return [Occurrence(when.isoformat(), date(when.year, 1, 1), when, phrase, False)]


def _group_month(match: re.Match[str]) -> int:
    month = _cn_int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return month


def _window_dates(window: Window, year: int) -> tuple[date, date]:
    start = date(year, *window.start)
    due = date(year + window.end_year_offset, *window.end)
    return start, due


def _apply(
    rule: Rule, match: re.Match[str], compact: str, phrase: str, year: int
) -> list[Occurrence]:
    jan1 = date(year, 1, 1)
    kind = rule.kind
    if kind == "month_end":
        month = _group_month(match)
        return [Occurrence(f"{month}月底", jan1, _month_last(year, month), phrase, False)]
    if kind == "month_day":
        month = _group_month(match)
        day = _cn_int(match["d"])
        try:
            due = date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"no such date in {year}: {month}月{day}日") from exc
        return [Occurrence(f"{month}月{day}日", jan1, due, phrase, False)]
    if kind == "month_part":
        month = _group_month(match)
        part = match["part"]
        first, last = MONTH_PARTS[part]
        end = _month_last(year, month)
        due = end.replace(day=min(last, end.day))
        key = f"{month}月{MONTH_PART_KEYS[part]}"
        return [Occurrence(key, date(year, month, first), due, phrase, False)]
    if kind == "month":
        month = _group_month(match)
        start = date(year, month, 1)
        return [Occurrence(f"{month}月", start, _month_last(year, month), phrase, False)]
    if kind == "quarter":
        quarter = _cn_int(match["q"])
        return [_quarter(year, quarter, phrase, rule.recurring)]
    if kind == "quarterly":
        return [_quarter(year, q, phrase, True) for q in range(1, 5)]
    if kind == "monthly":
        return [
            Occurrence(f"{m}月", date(year, m, 1), _month_last(year, m), phrase, True)
            for m in range(1, 13)
        ]
    if kind == "windows":
        result = []
        for window in rule.windows:
            start, due = _window_dates(window, year)
            key = window.key if window.key is not None else compact
            result.append(Occurrence(key, start, due, phrase, rule.recurring))
        return result
    if kind == "commemoration":
        anchor = _anchor_date(rule.anchor, year)
        recurring = rule.recurring
        if match["suffix"] == "前":  # "国庆前": a deadline on the day itself
            return [Occurrence(compact, date(anchor.year, 1, 1), anchor, phrase, recurring)]
        start = anchor - timedelta(days=rule.before)
        due = anchor + timedelta(days=rule.after)
        return [Occurrence(compact, start, due, phrase, recurring)]
    raise AssertionError(f"phrase rule of unknown kind {kind!r}")  # pragma: no cover


_QUARTER_KEYS = ("第一季度", "第二季度", "第三季度", "第四季度")


def _quarter(year: int, quarter: int, phrase: str, recurring: bool) -> Occurrence:
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    due = _month_last(year, first_month + 2)
    return Occurrence(_QUARTER_KEYS[quarter - 1], start, due, phrase, recurring)


def _anchor_date(anchor: str, year: int) -> date:
    if anchor == "qingming":
        return qingming(year)
    parts = [int(p) for p in anchor.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    return date(year, parts[0], parts[1])


def commemorations(year: int) -> list[tuple[date, str, str]]:
    """(date, zh name, en name) of the commemorations in ``year``, sorted by date.

    One-off events (anchors with a year, e.g. 党的二十大开幕 2022-10-16) appear only in their year.
    """
    result: list[tuple[date, str, str]] = []
    for c in COMMEMORATIONS:
        if len(c.anchor) == 10 and int(c.anchor[:4]) != year:
            continue
        result.append((_anchor_date(c.anchor, year), c.zh, c.en))
    return sorted(result)


# --------------------------------------------------------------------------- clock & parsing

_SHANGHAI_FALLBACK = timezone(timedelta(hours=8), "CST")


@cache
def _shanghai() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - no tz database; China has no DST
        return _SHANGHAI_FALLBACK


def today_shanghai(now: datetime | None = None) -> date:
    """The calendar date in Asia/Shanghai, whatever the machine's time zone.

    ``now`` defaults to the current instant; a naive ``now`` is taken as machine-local time
    (Python's convention for ``datetime.astimezone``).
    """
    tz = _shanghai()
    if now is None:
        return datetime.now(tz).date()
    return now.astimezone(tz).date()


_ISO_LIKE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?")


def parse_date(text: str) -> date:
    """Parse a calendar date.

    Accepts "2022-03-31", "2022/3/31", "2022.3.31", "20220331", "2022年3月31日" and whatever
    ``dateutil`` understands as a complete date ("Mar 31 2022"). Raises ValueError otherwise,
    including for impossible dates such as "2022-02-30" and dates missing a year/month/day.
    """
    cleaned = normalise_phrase(text)
    compact = _WS.sub("", cleaned)
    for pattern in (_ISO_LIKE, _COMPACT, _CHINESE):
        m = pattern.fullmatch(compact)
        if m is not None:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError as exc:
                raise NoSuchDay(y, mo, d) from exc
    if not cleaned:
        raise ValueError("not a date: empty text")
    from dateutil import parser as du_parser

    try:
        first = du_parser.parse(cleaned, default=datetime(2000, 1, 1))
        second = du_parser.parse(cleaned, default=datetime(2004, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2022-03-31; {exc})") from exc
    if first.date() != second.date():
        raise ValueError(f"incomplete date: {text!r} (need year, month and day, e.g. 2022-03-31)")
    return first.date()


# --------------------------------------------------------------------------- calendar


def _qingming_leap_count(year: int, base: int) -> int:
    """Leap years in (base, year] (or minus those in (year, base] when year < base)."""

    def leaps_upto(y: int) -> int:
        return y // 4 - y // 100 + y // 400

    return leaps_upto(year) - leaps_upto(base)


def qingming_estimate(year: int) -> date:
    """清明 by the usual formula day = [Y*D + C] - L (D = 0.2422).

    Y is the year within the century (C = 4.81 from 2000, 5.59 for the 1900s) and L the leap
    years since the century's base year. Beyond 2099 the 21st-century constants are extended
    (L then counts leap years properly, so 2100 is not one); an approximation, good to a day.
    It agrees with ``chinese_calendar`` for 1900–2099; for 2100 the library says 04-04 and the
    formula 04-05 (the library is used there, see :func:`qingming`).
    """
    if year >= 2000:
        y, c, base = year - 2000, 4.81, 2000
    else:
        y, c, base = year - 1900, 5.59, 1900
    day = int(y * 0.2422 + c) - _qingming_leap_count(year, base)
    return date(year, 4, min(max(day, 1), 30))


def qingming(year: int) -> date:
    """The date of 清明: ``chinese_calendar``'s solar terms (1900–2100), else the formula."""
    import chinese_calendar

    try:
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    except NotImplementedError:
        return qingming_estimate(year)
    for when, name in terms:
        if name == "清明":
            return date(when.year, when.month, when.day)
    return qingming_estimate(year)  # pragma: no cover - the library always has it


@cache
def _known_years() -> frozenset[int]:
    from chinese_calendar import constants

    years: set[int] = set()
    for table in (constants.holidays, constants.workdays):
        years.update(int(d.year) for d in table)
    return frozenset(years)


def calendar_known(year: int) -> bool:
    """Whether ``chinese_calendar`` has the official holiday arrangement for ``year``."""
    return year in _known_years()


def is_workday(d: date) -> bool:
    """An official PRC working day (make-up working days included).

    Outside :func:`calendar_known` years: Monday to Friday.
    """
    if calendar_known(d.year):
        # chinese_calendar.is_workday's own rule, on its public tables: the function
        # itself rescans every holiday to check the year on each call (~40 µs a day)
        from chinese_calendar import holidays, workdays

        return d in workdays or (d.weekday() < 5 and d not in holidays)
    return d.weekday() < 5


def workdays_between(start: date, end: date) -> int:
    """Working days in the half-open range (start, end]; 0 if end <= start."""
    if end <= start:
        return 0
    count = 0
    day = start + timedelta(days=1)
    while True:
        year_end = min(date(day.year, 12, 31), end)
        if calendar_known(day.year):
            count += sum(
                is_workday(day + timedelta(days=i)) for i in range((year_end - day).days + 1)
            )
        else:  # a whole unknown year in one step: plain weekday arithmetic
            count += _weekdays_inclusive(day, year_end)
        if year_end >= end:
            return count
        day = year_end + timedelta(days=1)


def _weekdays_inclusive(first: date, last: date) -> int:
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    wd = first.weekday()
    for i in range(rest):
        if (wd + i) % 7 < 5:
            count += 1
    return count


_HOLIDAY_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def holiday_name(d: date) -> str | None:
    """Chinese name of the official public holiday on ``d`` ("国庆节"), else None.

    None for ordinary days, weekends and make-up working days (2022-10-08), and for any
    day outside :func:`calendar_known` years.
    """
    if not calendar_known(d.year):
        return None
    import chinese_calendar

    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(d)
    except NotImplementedError:  # pragma: no cover
        return None
    if not on_holiday or name is None:
        return None
    text = str(name)
    return _HOLIDAY_ZH.get(text, text)
