"""The PRC working calendar: official working days and public holidays.

Calendar facts come from ``chinese_calendar`` (the State Council's holiday arrangements,
make-up working days included, for the years it ships). Outside those years: Monday to
Friday, and no holiday names.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


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
