"""The plan year's calendar: named days, lunar festivals, anniversaries and school terms.

Facts, not phrases: given a year and the plan's ``calendar`` (its own days and terms, or
None), this module says *when* a named thing falls; ``dates.resolve`` turns that into the
windows a phrase means. National days are data in :mod:`guanxin_cli.phrases`; local days
and one-off events belong to a plan (``calendar.days``), never to the code.

Lunar dates come from ``borax`` (1900–2100, imported only when a lunar date is asked for),
清明 from ``chinese_calendar``'s solar terms (a formula outside 1900–2100).
The default school terms (Jiangsu, *unverified*) follow 春节; a plan's ``calendar.terms``
replaces any of them, and the holidays then fill the gaps between the terms.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from .phrases import (
    ANNIVERSARIES,
    AUTUMN_TERM_BEFORE_FESTIVAL_DAYS,
    AUTUMN_TERM_START,
    COMMEMORATIONS,
    OPENINGS,
    SPRING_TERM_AFTER_FESTIVAL_DAYS,
    SPRING_TERM_END,
    TERMS,
    Commemoration,
)

if TYPE_CHECKING:
    from .models import Calendar, CalendarDay, Term

__all__ = [
    "LUNAR_YEARS",
    "Issue",
    "Named",
    "OtherYear",
    "Span",
    "builtin_names",
    "calendar_problems",
    "commemorations",
    "find",
    "lunar_day",
    "names",
    "qingming",
    "qingming_estimate",
    "school_terms",
]

#: The years the lunar-calendar library knows.
LUNAR_YEARS = range(1900, 2101)


@dataclass(frozen=True)
class Span:
    """Days ``first`` to ``last``, both included."""

    first: date
    last: date


@dataclass(frozen=True, kw_only=True)
class Named:
    """Something a phrase names, placed in the plan year."""

    name: str
    name_en: str
    span: Span  # the day itself (first == last), or the whole term or holiday
    period: bool = False  # a term or a holiday: "X期间" is the period itself
    recurring: bool = False  # comes back every year (not a one-off event, an anniversary, a term)
    holiday: Span | None = None  # the days off, for "X期间" (国庆: 10-01..10-07)
    lead_in: date | None = None  # where "X前" starts, if not on Jan 1 (开学前: the holiday)


class OtherYear(ValueError):
    """The phrase names a one-off day or an anniversary of another year than the plan's."""

    def __init__(self, name: str, year: int) -> None:
        super().__init__(f"{name} falls in {year}")
        self.name = name
        self.year = year


# --------------------------------------------------------------------------- lunar dates


@cache
def lunar_day(year: int, month: int, day: int) -> date:
    """The solar date of lunar ``month``/``day`` (not a leap month) of lunar ``year``."""
    if year not in LUNAR_YEARS:
        raise ValueError(f"农历只能推算 1900–2100 年 lunar dates are known for 1900–2100: {year}")
    from borax.calendars.lunardate import LunarDate

    solar = LunarDate(year, month, day).to_solar_date()
    return date(solar.year, solar.month, solar.day)


# --------------------------------------------------------------------------- 清明


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


# --------------------------------------------------------------------------- school terms


def _first_weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _spring_opens(year: int) -> date:
    """First Monday at least 13 days after 春节 (2022: 02-01 → 02-14)."""
    festival = lunar_day(year, 1, 1)
    return _first_weekday_on_or_after(festival + timedelta(SPRING_TERM_AFTER_FESTIVAL_DAYS), 0)


def _autumn_closes(year: int) -> date:
    """Last Friday at least 8 days before the next 春节 and by January 31 of ``year + 1``
    (2022: 春节 2023-01-22 → 2023-01-13). After 2100 (no lunar calendar): by January 31."""
    latest = date(year + 1, 1, 31)
    if year + 1 in LUNAR_YEARS:
        before = lunar_day(year + 1, 1, 1) - timedelta(AUTUMN_TERM_BEFORE_FESTIVAL_DAYS)
        latest = min(latest, before)
    return _last_weekday_on_or_before(latest, 4)


def school_terms(year: int, given: Sequence[Term] = ()) -> dict[str, Span]:
    """寒假, 春季学期, 暑假 and 秋季学期 of plan year ``year``, in order.

    A term in ``given`` (the plan's ``calendar.terms``) replaces the default; a term not
    given starts or ends where a given holiday next to it ends or starts, and a holiday not
    given fills the gap between its terms. Raises ValueError where 春节 is not known.
    """
    own = {t.name: Span(t.start, t.end) for t in given}
    winter, summer = own.get("寒假"), own.get("暑假")
    spring = own.get("春季学期") or Span(
        winter.last + timedelta(1) if winter else _spring_opens(year),
        summer.first - timedelta(1) if summer else date(year, *SPRING_TERM_END),
    )
    autumn = own.get("秋季学期") or Span(
        summer.last + timedelta(1) if summer else date(year, *AUTUMN_TERM_START),
        _autumn_closes(year),
    )
    if winter is None:  # (at least its last day, should the spring term open very early)
        last = spring.first - timedelta(1)
        winter = Span(min(_autumn_closes(year - 1) + timedelta(1), last), last)
    if summer is None:
        summer = Span(spring.last + timedelta(1), autumn.first - timedelta(1))
    return {"寒假": winter, "春季学期": spring, "暑假": summer, "秋季学期": autumn}


# --------------------------------------------------------------------------- named days

#: How a built-in name is placed in a plan year, given the plan's own terms.
Placer = Callable[[int, Sequence["Term"]], Named]


def _place(c: Commemoration, year: int) -> date:
    if c.anchor == "qingming":
        return qingming(year)
    kind, _, month_day = c.anchor.rpartition(":")
    month, day = (int(p) for p in month_day.split("-"))
    if kind == "lunar":
        return lunar_day(year + c.year_offset, month, day)
    return date(year + c.year_offset, month, day)


def _national(c: Commemoration) -> Placer:
    def place(year: int, given: Sequence[Term]) -> Named:
        day = _place(c, year)
        holiday = None
        if c.holiday is not None:
            first = day + timedelta(c.holiday[0])
            holiday = Span(first, first + timedelta(c.holiday[1] - 1))
        return Named(name=c.zh, name_en=c.en, span=Span(day, day), recurring=True, holiday=holiday)

    return place


def _term(name: str, en: str) -> Placer:
    def place(year: int, given: Sequence[Term]) -> Named:
        return Named(name=name, name_en=en, span=school_terms(year, given)[name], period=True)

    return place


def _opening(term: str, zh: str, en: str) -> Placer:
    def place(year: int, given: Sequence[Term]) -> Named:
        terms = school_terms(year, given)
        names = list(terms)
        holiday = terms[names[names.index(term) - 1]]
        day = terms[term].first
        return Named(
            name=zh, name_en=en, span=Span(day, day), recurring=True, lead_in=holiday.first
        )

    return place


@cache
def _builtin() -> dict[str, Placer]:
    """Every built-in name and alias → how to place it in a year."""
    table: dict[str, Placer] = {}
    for c in COMMEMORATIONS:
        for alias in c.aliases:
            table[alias] = _national(c)
    for t in TERMS:
        for alias in t.aliases:
            table[alias] = _term(t.name, t.en)
    for o in OPENINGS:
        for alias in o.aliases:
            table[alias] = _opening(o.term, o.zh, o.en)
    return table


def builtin_names() -> frozenset[str]:
    """Every name and alias the code knows (a plan's own day may not take one)."""
    founded = {alias for a in ANNIVERSARIES for alias in a.aliases}
    return frozenset(_builtin()) | founded


def _own_days(calendar: Calendar | None) -> Iterator[tuple[str, CalendarDay]]:
    for day in calendar.days if calendar is not None else ():
        for alias in (day.name, *day.aliases):
            yield alias, day


def _own_date(day: CalendarDay, year: int) -> date:
    parts = [int(p) for p in day.date.split("-")]
    return date(parts[0], parts[1], parts[2]) if len(parts) == 3 else date(year, *parts)


def find(name: str, year: int, calendar: Calendar | None = None) -> Named | None:
    """The thing ``name`` names in plan year ``year``, or None if nothing has that name.

    Raises :class:`OtherYear` for a one-off day of another year, and ValueError when the
    thing cannot be placed (a lunar date outside 1900–2100).
    """
    for alias, own in _own_days(calendar):
        if alias == name:
            when = _own_date(own, year)
            if when.year != year:
                raise OtherYear(own.name, when.year)
            yearly = len(own.date) == 5
            return Named(
                name=own.name,
                name_en=own.name_en or own.name,
                span=Span(when, when),
                recurring=yearly,
            )
    place = _builtin().get(name)
    if place is None:
        return anniversary(name, year, calendar)
    return place(year, calendar.terms if calendar is not None else ())


# "建党101周年", "新中国成立七十三周年", "金坛解放73周年"
_ANNIVERSARY = re.compile(r"(?P<base>.+?)(?P<n>\d{1,3}|[零〇一二两三四五六七八九十百]{1,7})周年")
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int:
    """Arabic digits or a Chinese numeral below 1000 (七十三, 一百零一, 一百); ValueError else."""
    if text.isdigit():
        return int(text)
    total, rest = 0, text
    for unit, size in (("百", 100), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            if len(head) > 1 or (head and head not in _CN) or (not head and size == 100):
                raise ValueError(f"not a number: {text!r}")
            total += (_CN[head] if head else 1) * size
            rest = rest.removeprefix("零").removeprefix("〇")
    if len(rest) > 1 or (rest and rest not in _CN) or not text:
        raise ValueError(f"not a number: {text!r}")
    return total + (_CN[rest] if rest else 0)


def anniversary(phrase: str, year: int, calendar: Calendar | None = None) -> Named | None:
    """Place "建党101周年" (or a plan day's "金坛解放73周年") in ``year``: None if the phrase
    is no anniversary, :class:`OtherYear` when it falls in another year. A plan day is named
    by its name, an alias, or its name without "纪念日"."""
    match = _ANNIVERSARY.fullmatch(phrase)
    if match is None:
        return None
    base = match["base"]
    try:
        count = cn_number(match["n"])
    except ValueError:
        return None
    founded: date | None = None
    for a in ANNIVERSARIES:
        if base in a.aliases:
            founded, en = date.fromisoformat(a.founded), a.en
    for own in calendar.days if calendar is not None else ():
        if own.since is not None and base in (*own.aliases, own.name, _short(own.name)):
            month, day = (int(p) for p in own.date.split("-")[-2:])
            founded, en = date(own.since, month, day), own.name_en or own.name
    if founded is None or count < 1:
        return None
    when = founded.replace(year=founded.year + count)
    if when.year != year:
        raise OtherYear(phrase, when.year)
    return Named(
        name=phrase, name_en=f"{_ordinal(count)} anniversary of {en}", span=Span(when, when)
    )


def _short(name: str) -> str:
    """金坛解放纪念日 → 金坛解放, as its anniversaries are named."""
    return name.removesuffix("纪念日") or name


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def names(year: int, calendar: Calendar | None = None) -> list[str]:
    """The names that fit plan year ``year`` and the plan's place, for the help list:
    the national days, terms and festivals, the plan's own days (one-off events of that
    year only), and each anniversary as it is counted in that year (建党101周年 in 2022)."""
    out = [c.aliases[0] for c in COMMEMORATIONS]
    out += [t.name for t in TERMS] + [o.zh for o in OPENINGS]
    for day in calendar.days if calendar is not None else ():
        if len(day.date) == 5 or int(day.date[:4]) == year:
            out.append(day.name)
    for a in ANNIVERSARIES:
        out.append(f"{a.aliases[0]}{year - int(a.founded[:4])}周年")
    for day in calendar.days if calendar is not None else ():
        if day.since is not None and year > day.since and len(day.date) == 5:
            out.append(f"{_short(day.name)}{year - day.since}周年")
    return out


def commemorations(
    year: int, calendar: Calendar | None = None, phrases: Iterable[str] = ()
) -> list[tuple[date, str, str]]:
    """(date, zh name, en name) of the days a timeline shows in ``year``, sorted by date:
    the national commemorations, those the plan's ``phrases`` name (重阳节前后: 重阳), the
    plan's own days, and its one-off events of ``year``."""
    named = " ".join(phrases)
    result = [
        (_place(c, year), c.zh, c.en)
        for c in COMMEMORATIONS
        if c.on_timeline or any(alias in named for alias in c.aliases)
    ]
    for day in calendar.days if calendar is not None else ():
        when = _own_date(day, year)
        if when.year == year:
            result.append((when, day.name, day.name_en or day.name))
    return sorted(result)


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Issue:
    """A mistake in a plan's ``calendar``: where (a key path inside it), which message."""

    where: tuple[str | int, ...]
    msg: str
    params: dict[str, object]


def calendar_problems(year: int, calendar: Calendar) -> list[Issue]:
    """The plan's own days take names that no built-in day and no other of its days has;
    its terms start in its year and run in order (寒假, 春季学期, 暑假, 秋季学期), none
    overlapping the next (the holidays it does not give included)."""
    issues: list[Issue] = []
    taken, seen = builtin_names(), set()
    for di, day in enumerate(calendar.days):
        for ni, name in enumerate((day.name, *day.aliases)):
            where: tuple[str | int, ...] = (
                ("days", di, "name") if ni == 0 else ("days", di, "aliases", ni - 1)
            )
            if name in taken:
                issues.append(Issue(where, "calendar.name_builtin", {"name": name}))
            elif name in seen:
                issues.append(Issue(where, "calendar.name_twice", {"name": name}))
            seen.add(name)
    for ti, term in enumerate(calendar.terms):
        if term.start.year != year:
            params = {"name": term.name, "start": term.start.isoformat(), "year": year}
            issues.append(Issue(("terms", ti, "start"), "calendar.term_year", params))
    if not calendar.terms or any(term.start.year != year for term in calendar.terms):
        return issues
    try:
        spans = list(school_terms(year, calendar.terms).items())
    except ValueError:  # 春节 unknown: the phrases that need the terms say so
        return issues
    given: dict[str, int] = {term.name: ti for ti, term in enumerate(calendar.terms)}
    # a holiday the plan does not give has no days when the terms round it overlap
    placed = [(n, span) for n, span in spans if n in given or span.first <= span.last]
    for (name, span), (after, following) in itertools.pairwise(placed):
        if span.last >= following.first:
            ti = given.get(name, given.get(after, 0))
            params = {
                "name": name,
                "first": span.first.isoformat(),
                "last": span.last.isoformat(),
                "after": after,
                "next_first": following.first.isoformat(),
            }
            issues.append(Issue(("terms", ti), "calendar.term_order", params))
    return issues
