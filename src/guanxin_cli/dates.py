"""Dates for the 关工委 work plan: deadline phrases resolved into dated occurrences in a
plan's year, today's date, and dates as people type them.

Everything here is pure: ``today`` is always passed in by the caller; only
:func:`today_shanghai` looks at the clock.

The phrase table itself is data in :mod:`guanxin_cli.phrases`; where named days, festivals
and school terms fall in a year (with a plan's own calendar, and an astronomical formula for
清明 beyond the years ``chinese_calendar`` knows) is :mod:`guanxin_cli.almanac`; the PRC
working calendar is :mod:`guanxin_cli.workdays`; phrases in English :mod:`guanxin_cli.dates_en`.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import TYPE_CHECKING

from guanxin_cli import almanac
from guanxin_cli.almanac import Named, OtherYear, qingming, qingming_estimate
from guanxin_cli.phrases import (
    COMMEMORATION_WINDOW_DAYS,
    MONTH_PART_KEYS,
    MONTH_PARTS,
    NAMED_SUFFIXES,
    RULES,
    TERM_EDGE_DAYS,
    Rule,
    Window,
)

if TYPE_CHECKING:
    from guanxin_cli.models import Calendar

__all__ = [
    "QUARTER_KEYS",
    "NoSuchDay",
    "Occurrence",
    "UnknownPhrase",
    "cn_int",
    "commemorations",
    "compact_phrase",
    "group_month",
    "normalise_phrase",
    "now_shanghai",
    "parse_date",
    "plan_end",
    "qingming",
    "qingming_estimate",
    "resolve",
    "today_shanghai",
]


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class Occurrence:
    """One concrete window produced from a planner phrase.

    ``key`` is a stable label for data files ("3月底", "清明前后", "3月", "春季学期",
    "2022-03-31"); ``start``..``due`` is the window (for a plain deadline such as 3月底,
    ``start`` is Jan 1 of the year); ``phrase`` is the original text; ``basis`` whether
    the document gives the date or the plan chose it.
    """

    key: str
    start: date
    due: date
    phrase: str
    recurring: bool
    #: "document" when the plan's source text gives this date, else "default" (a date the
    #: plan's editors chose); the plan says which, :func:`resolve` knows nothing of it.
    basis: str = "default"


def plan_end(year: int, occurrences: Mapping[str, Iterable[Occurrence]]) -> date:
    """When a plan's time ends: the end of its year, or its last deadline if that is later
    (the autumn term's items fall due in the next January)."""
    last = max((o.due for occs in occurrences.values() for o in occs), default=None)
    year_end = date(year, 12, 31)
    return year_end if last is None or last < year_end else last


class NoSuchDay(ValueError):
    """A date written in full that the calendar does not have (2022-02-30, 2022-13-01)."""

    def __init__(self, year: int, month: int, day: int) -> None:
        super().__init__(f"not a valid date, no such day: {year:04d}-{month:02d}-{day:02d}")
        self.year, self.month, self.day = year, month, day


class UnknownPhrase(ValueError):
    """A deadline phrase that neither the phrase table nor :func:`parse_date` understands.

    ``falls_in`` is set when the phrase names a one-off day or an anniversary of another
    year than the plan's (建党100周年 in a 2022 plan: 2021).
    """

    def __init__(
        self, phrase: str, known: list[str], reason: str | None = None, falls_in: int | None = None
    ) -> None:
        self.phrase = phrase
        self.known = known
        self.reason = reason
        self.falls_in = falls_in
        detail = f"{reason}; " if reason else ""
        super().__init__(
            f"无法识别的时间表述 unrecognised deadline phrase {phrase!r}: {detail}"
            f"可用写法 understood forms: {'、'.join(known)}"
        )


# --------------------------------------------------------------------------- helpers

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WS = re.compile(r"\s+")


def cn_int(text: str) -> int:
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
    return date(year, month, monthrange(year, month)[1])


def _known_forms(year: int, calendar: Calendar | None) -> list[str]:
    """What a plan of ``year`` (and its own calendar) can write, for the error message."""
    forms: list[str] = []
    for rule in RULES:
        if rule.form and rule.form not in forms:
            forms.append(rule.form)
    forms += ["X前/X后/X前后/X期间", "X初/X末"]
    forms += almanac.names(year, calendar)
    forms.append("YYYY-MM-DD")
    return forms


def normalise_phrase(phrase: str) -> str:
    """NFKC (full-width digits/letters to ASCII, ideographic space to space) and trim."""
    return unicodedata.normalize("NFKC", phrase).strip()


def compact_phrase(phrase: str) -> str:
    """A phrase normalised and without white space, as the phrase table matches it."""
    return _WS.sub("", normalise_phrase(phrase))


# --------------------------------------------------------------------------- phrases


def resolve(phrase: str, year: int, calendar: Calendar | None = None) -> list[Occurrence]:
    """Turn one planner phrase into its occurrences in (or, for terms, around) ``year``.

    ``calendar`` is the plan's own (its local days, one-off events and school terms), or
    None for the national days and the default terms alone. Returns occurrences sorted by
    ``start``. Raises :class:`UnknownPhrase` (a ValueError).
    """
    if not 1 <= year <= 9998:
        raise ValueError(f"plan year out of range: {year}")
    text = normalise_phrase(phrase)
    compact = _WS.sub("", text)
    if not compact:
        raise UnknownPhrase(phrase, _known_forms(year, calendar), "empty phrase")
    try:
        occurrences = _match(compact, phrase, year, calendar)
    except OtherYear as exc:
        known = _known_forms(year, calendar)
        raise UnknownPhrase(phrase, known, str(exc), falls_in=exc.year) from exc
    except ValueError as exc:  # e.g. 13月底, 2月30日, a lunar date past 2100
        raise UnknownPhrase(phrase, _known_forms(year, calendar), str(exc)) from exc
    if occurrences is not None:
        return sorted(occurrences, key=lambda o: (o.start, o.due))
    try:
        when = parse_date(text)
    except ValueError as exc:
        raise UnknownPhrase(phrase, _known_forms(year, calendar)) from exc
    return [Occurrence(when.isoformat(), date(when.year, 1, 1), when, phrase, False)]


def _match(
    compact: str, phrase: str, year: int, calendar: Calendar | None
) -> list[Occurrence] | None:
    for rule in RULES:
        match = re.fullmatch(rule.pattern, compact)
        if match is not None:
            return _apply(rule, match, compact, phrase, year, calendar)
    return _named(compact, phrase, year, calendar)


def group_month(match: re.Match[str], group: str = "m") -> int:
    month = cn_int(match[group])
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return month


def _window_dates(window: Window, year: int) -> tuple[date, date]:
    start = date(year, *window.start)
    end_year, (month, day) = year + window.end_year_offset, window.end
    return start, date(end_year, month, min(day, monthrange(end_year, month)[1]))


def _apply(
    rule: Rule,
    match: re.Match[str],
    compact: str,
    phrase: str,
    year: int,
    calendar: Calendar | None,
) -> list[Occurrence]:
    jan1 = date(year, 1, 1)
    kind = rule.kind
    if kind == "month_end":
        month = group_month(match)
        return [Occurrence(f"{month}月底", jan1, _month_last(year, month), phrase, False)]
    if kind == "month_day":
        month = group_month(match)
        day = cn_int(match["d"])
        try:
            due = date(year, month, day)
        except ValueError as exc:
            raise ValueError(f"no such date in {year}: {month}月{day}日") from exc
        return [Occurrence(f"{month}月{day}日", jan1, due, phrase, False)]
    if kind in ("month_part", "month_part_by"):
        month = group_month(match)
        part = match["part"]
        first, last = MONTH_PARTS[part]
        end = _month_last(year, month)
        due = end.replace(day=min(last, end.day))
        key = f"{month}月{MONTH_PART_KEYS[part]}"
        if kind == "month_part_by":  # 3月中旬前: by the end of 中旬, as 3月底前 is by the 31st
            return [Occurrence(f"{key}前", jan1, due, phrase, False)]
        return [Occurrence(key, date(year, month, first), due, phrase, False)]
    if kind == "month":
        month = group_month(match)
        start = date(year, month, 1)
        return [Occurrence(f"{month}月", start, _month_last(year, month), phrase, False)]
    if kind == "month_range":
        first, last = group_month(match), group_month(match, "m2")
        if last < first:
            raise ValueError(f"{first}月 to {last}月: the months run backwards")
        start, due = date(year, first, 1), _month_last(year, last)
        return [Occurrence(f"{first}月至{last}月", start, due, phrase, False)]
    if kind in ("quarter", "quarter_end"):
        occ = _quarter(year, cn_int(match["q"]), phrase, rule.recurring)
        if kind == "quarter_end":  # 第一季度末: a deadline at the quarter's end
            return [Occurrence(f"{occ.key}末", jan1, occ.due, phrase, False)]
        return [occ]
    if kind == "quarterly":
        return [_quarter(year, q, phrase, True) for q in range(1, 5)]
    if kind == "monthly":
        return [
            Occurrence(f"{m}月", date(year, m, 1), _month_last(year, m), phrase, True)
            for m in range(1, 13)
        ]
    if kind == "weekly":
        return _weeks(year, phrase)
    if kind == "windows":
        result = []
        for window in rule.windows:
            start, due = _window_dates(window, year)
            key = window.key if window.key is not None else compact
            result.append(Occurrence(key, start, due, phrase, rule.recurring))
        return result
    return _school_phrase(kind, compact, phrase, year, calendar)


def _weeks(year: int, phrase: str) -> list[Occurrence]:
    """每周: the ISO weeks of ``year``, Monday to Sunday (week 1 holds its first Thursday)."""
    monday = date.fromisocalendar(year, 1, 1)
    count = date(year, 12, 28).isocalendar()[1]
    return [
        Occurrence(f"第{n}周", first, first + timedelta(6), phrase, True)
        for n, first in ((n, monday + timedelta(weeks=n - 1)) for n in range(1, count + 1))
    ]


def _school_phrase(
    kind: str, compact: str, phrase: str, year: int, calendar: Calendar | None
) -> list[Occurrence]:
    """Phrases about the school terms: 每学期, 开学初/学期初, 学期末, 开学前, 学年."""
    terms = almanac.school_terms(year, calendar.terms if calendar is not None else ())
    spring, autumn = terms["春季学期"], terms["秋季学期"]
    edge = timedelta(TERM_EDGE_DAYS - 1)
    if kind == "terms":
        return [
            Occurrence(name, terms[name].first, terms[name].last, phrase, True)
            for name in ("春季学期", "秋季学期")
        ]
    if kind == "term_open":
        return [
            Occurrence(f"{name}初", terms[name].first, terms[name].first + edge, phrase, True)
            for name in ("春季学期", "秋季学期")
        ]
    if kind == "term_close":
        return [
            Occurrence(f"{name}末", terms[name].last - edge, terms[name].last, phrase, True)
            for name in ("春季学期", "秋季学期")
        ]
    if kind == "term_before":  # the holiday before each term, due the day it opens
        return [
            Occurrence("春季开学前", terms["寒假"].first, spring.first, phrase, True),
            Occurrence("秋季开学前", terms["暑假"].first, autumn.first, phrase, True),
        ]
    if kind == "school_year":
        return [Occurrence(compact, spring.first, autumn.last, phrase, False)]
    raise AssertionError(f"phrase rule of unknown kind {kind!r}")  # pragma: no cover


QUARTER_KEYS = ("第一季度", "第二季度", "第三季度", "第四季度")


def _quarter(year: int, quarter: int, phrase: str, recurring: bool) -> Occurrence:
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    due = _month_last(year, first_month + 2)
    return Occurrence(QUARTER_KEYS[quarter - 1], start, due, phrase, recurring)


def _named(
    compact: str, phrase: str, year: int, calendar: Calendar | None
) -> list[Occurrence] | None:
    """A named day, term or holiday with 前/后/前后/期间 after it, or None."""
    thing, how = almanac.find(compact, year, calendar), "bare"
    for suffix, meaning in NAMED_SUFFIXES:
        if thing is not None:
            break
        if compact.endswith(suffix) and len(compact) > len(suffix):
            thing, how = almanac.find(compact[: -len(suffix)], year, calendar), meaning
    if thing is None:
        return None
    start, due = _named_window(thing, how, year)
    return [Occurrence(compact, start, due, phrase, thing.recurring)]


def _named_window(thing: Named, how: str, year: int) -> tuple[date, date]:
    """What each suffix means (README, "Date phrases"): a day alone or X前后 is a week
    either side; X前 a deadline on the day (a term's first day); X后 two weeks from the day
    (from a term's end); X期间 the term or holiday itself, or a holiday's days off; X初 /
    X末 the first / last three weeks of a term or holiday."""
    first, last = thing.span.first, thing.span.last
    week = timedelta(COMMEMORATION_WINDOW_DAYS)
    if how in ("opening", "closing"):
        if not thing.period:
            raise ValueError(f"{thing.name}: 初/末 go with a term or a holiday")
        edge = timedelta(TERM_EDGE_DAYS - 1)
        return (
            (first, min(first + edge, last))
            if how == "opening"
            else (max(first, last - edge), last)
        )
    if how == "by":
        opens = thing.lead_in or date(year, 1, 1)
        return min(opens, first), first
    if how == "after":
        begin = last + timedelta(1) if thing.period else last
        return begin, begin + 2 * week
    if thing.period and how in ("bare", "during"):
        return first, last
    if how == "during" and thing.holiday is not None:
        return thing.holiday.first, thing.holiday.last
    return first - week, last + week


def commemorations(
    year: int, calendar: Calendar | None = None, phrases: Iterable[str] = ()
) -> list[tuple[date, str, str]]:
    """(date, zh name, en name) of the commemorations a timeline shows in ``year``, sorted:
    the national ones, those the plan's ``phrases`` name, the plan's own days, and the
    plan's one-off events of that year."""
    return almanac.commemorations(year, calendar, phrases)


# --------------------------------------------------------------------------- today, and dates typed

_SHANGHAI_FALLBACK = timezone(timedelta(hours=8), "CST")


@cache
def _shanghai() -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:  # pragma: no cover - no tz database; China has no DST
        return _SHANGHAI_FALLBACK


def now_shanghai(now: datetime | None = None) -> datetime:
    """The moment ``now`` (default: the current instant) on Shanghai's clock, to the second."""
    tz = _shanghai()
    moment = datetime.now(tz) if now is None else now.astimezone(tz)
    return moment.replace(microsecond=0)


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
