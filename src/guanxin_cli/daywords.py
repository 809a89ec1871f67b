"""A day as a person types it on the command line (``--as-of``, ``--from``, ``--to``).

One reading for all of them: a date in full (``2022-03-31``, ``2022年3月31日``); a month
(``3``, ``3月``, ``2022-03``) as its first or last day; the plan's own deadline phrases in
the plan's year (``3月31日``, ``3月底``, ``上半年``, ``清明前后``), as a day or as the start
or end of their window; and days counted from today (``今天``, ``昨天``, ``上周五``,
``本月底``). A date the calendar does not have (``2022-02-30``, ``2月30日``) is
:class:`~.dates.NoSuchDay`, not "cannot read".

Pure, like ``dates.py``: the plan's year and today are passed in (as functions, asked only
when a phrase needs them).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from .dates import NoSuchDay, normalise_phrase, parse_date, resolve
from .errors import UsageError, problem

_MONTH = re.compile(r"^\s*(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*月?\s*$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*[日号]?$")
_DAYS_AWAY = {
    "今天": 0,
    "今日": 0,
    "today": 0,
    "昨天": -1,
    "昨日": -1,
    "yesterday": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
    "tomorrow": 1,
    "后天": 2,
}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 6}
_WEEK = re.compile(r"^(上上|上|本|这|下)?(?:周|星期|礼拜)([一二三四五六日天末])$")
_MONTH_EDGE = re.compile(r"^(上上|上|本|这|下)?个?月(底|末|初)$")
_STEP = {"上上": -2, "上": -1, "本": 0, "这": 0, None: 0, "下": 1}
# A deadline on a day (3月底, 3月31日, 清明前): the day, for a start as for an end.
_ON_A_DAY = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|\d{1,2}[日号]).*|.*前$")


def day_of(
    text: str, *, year: Callable[[], int], today: Callable[[], date], end: bool = True
) -> date:
    """The day ``text`` names (the last day of a month or window with ``end``, else the
    first). Raises :class:`~.dates.NoSuchDay` for a date the calendar lacks, ValueError
    for anything else it cannot read."""
    cleaned = normalise_phrase(text)
    compact = re.sub(r"\s+", "", cleaned).lower()
    relative = _relative(compact, today)
    if relative is not None:
        return relative
    month = _MONTH.match(cleaned)
    if month:
        y = int(month.group(1)) if month.group(1) else year()
        m = int(month.group(2))
        if not 1 <= m <= 12 or not 1 <= y <= 9998:
            raise ValueError(f"no month {m} in {y}")
        return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    try:
        return parse_date(cleaned)
    except NoSuchDay:
        raise
    except ValueError:
        pass
    return _phrase(compact, year(), end)


def _phrase(compact: str, year: int, end: bool) -> date:
    month_day = _MONTH_DAY.match(compact)
    if month_day:
        m, d = int(month_day.group(1)), int(month_day.group(2))
        try:
            return date(year, m, d)
        except ValueError:
            raise NoSuchDay(year, m, d) from None
    occurrences = resolve(compact, year)  # (UnknownPhrase, a ValueError, if it is none)
    if len(occurrences) != 1:
        raise ValueError(f"{compact!r} is {len(occurrences)} windows, not one day")
    occ = occurrences[0]
    return occ.due if end or _ON_A_DAY.match(compact) else occ.start


class PastCalendar(ValueError):
    """A day counted from today (明天 on 9999-12-31) that falls outside years 1 to 9999."""


def _relative(compact: str, today: Callable[[], date]) -> date | None:
    try:
        return _counted(compact, today)
    except (OverflowError, ValueError):  # date(10000, 1, 31), 9999-12-31 + 1 day
        raise PastCalendar(compact) from None


def _counted(compact: str, today: Callable[[], date]) -> date | None:
    if compact in _DAYS_AWAY:
        return today() + timedelta(days=_DAYS_AWAY[compact])
    week = _WEEK.match(compact)
    if week:
        now = today()
        monday = now - timedelta(days=now.weekday())
        return monday + timedelta(weeks=_STEP[week.group(1)], days=_WEEKDAYS[week.group(2)])
    edge = _MONTH_EDGE.match(compact)
    if edge:
        now = today()
        index = now.year * 12 + now.month - 1 + _STEP[edge.group(1)]
        y, m = divmod(index, 12)
        m += 1
        return date(y, m, 1 if edge.group(2) == "初" else calendar.monthrange(y, m)[1])
    return None


def day_error(value: str, exc: ValueError) -> UsageError:
    """What to tell a user whose ``value`` :func:`day_of` could not read."""
    if isinstance(exc, NoSuchDay):
        if not 1 <= exc.month <= 12:
            return UsageError(problem("err.no_such_month", value=value, month=exc.month))
        days = calendar.monthrange(exc.year, exc.month)[1]
        return UsageError(
            problem("err.no_such_day", value=value, year=exc.year, month=exc.month, days=days)
        )
    if isinstance(exc, PastCalendar):
        return UsageError(problem("err.day_past_calendar", value=value))
    return UsageError(problem("err.bad_date", value=value))
