"""The year on a month axis: milestones, commemorations and task windows with completion.

Pure data (see ``views.py``): ``render/timeline.py`` draws it, ``--json`` prints it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from typing import Any

from .. import dates
from ..errors import UsageError, problem
from ..workspace.loader import Loaded
from ..year.items import DONE_STATES, Item
from ..year.rates import rate
from ..year.tracking import YearState
from .views import header_view, milestone_view, narrow, rate_view

_MONTH = re.compile(r"^\s*(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*月?\s*$")


def parse_bound(text: str, year: int, *, end: bool) -> dt.date:
    """``2022-03-15`` as is; a month (``3``, ``3月``, ``2022-03``) or a phrase (``上半年``)
    as its first or last day (see :mod:`..daywords`, which ``--as-of`` reads with too)."""
    from ..daywords import day_error, day_of
    from ..options import today

    try:
        day = day_of(text, year=lambda: year, today=today, end=end)
    except ValueError as exc:
        raise day_error(text, exc) from None
    if abs(day.year - year) > MAX_YEARS_AWAY:  # a typo such as 0202-03 or 9999-12
        raise UsageError(problem("err.bad_date", value=text))
    return day


MAX_YEARS_AWAY = 5


def month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    out: list[dt.date] = []
    cur = start.replace(day=1)
    while cur <= end:
        out.append(cur)
        cur = dt.date(cur.year + cur.month // 12, cur.month % 12 + 1, 1)
    return out


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def span_state(done: int, total: int, overdue: int, start: dt.date, as_of: dt.date) -> str:
    """What one window's mark shows (its position and length are its dates, nothing else):
    ``done`` all done; ``overdue`` something past its deadline; ``open`` under way;
    ``not_started`` the window opens after the as-of date; ``none`` nothing applies."""
    if total == 0:
        return "none"
    if done >= total:
        return "done"
    if overdue:
        return "overdue"
    return "not_started" if start > as_of else "open"


def _spans(items: list[Item], start: dt.date, end: dt.date, as_of: dt.date) -> list[dict[str, Any]]:
    """Occurrence windows of one task, merged where they share a month, clipped to the range."""
    by_window: dict[tuple[dt.date, dt.date], list[Item]] = defaultdict(list)
    for i in items:
        if i.due < start or i.start > end:
            continue
        by_window[(i.start, i.due)].append(i)
    merged: list[tuple[dt.date, dt.date, list[Item]]] = []
    for (w_start, w_due), group in sorted(by_window.items()):
        if merged and (w_start.year, w_start.month) <= (merged[-1][1].year, merged[-1][1].month):
            prev = merged[-1]
            merged[-1] = (prev[0], max(prev[1], w_due), prev[2] + group)
        else:
            merged.append((w_start, w_due, list(group)))
    spans = []
    for w_start, w_due, group in merged:
        r = rate(group)
        overdue = sum(1 for i in group if i.state == "overdue")
        spans.append(
            {
                "start": w_start,
                "due": w_due,
                "occurrences": sorted({i.occurrence for i in group if i.occurrence}),
                "basis": _basis(group),
                "done": r.done,
                "total": r.total,
                "overdue": overdue,
                "state": span_state(r.done, r.total, overdue, w_start, as_of),
            }
        )
    return spans


def _basis(items: list[Item]) -> str:
    """``document`` or ``default`` when every item's deadline has that basis, else ``mixed``."""
    kinds = {i.basis for i in items}
    return str(kinds.pop()) if len(kinds) == 1 else "mixed"


def timeline_view(
    state: YearState,
    loaded: Loaded,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    school: str | None = None,
    section: str | None = None,
) -> dict[str, Any]:
    start = start or state.year_start
    end = end or state.year_end
    if end < start:
        raise UsageError(
            problem("timeline.bad_range", start=start.isoformat(), end=end.isoformat())
        )
    narrowed, unit, sec = narrow(state, loaded, school, section)
    items = [i for i in narrowed if i.kind == "task"]
    by_task: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        if i.task_id:
            by_task[i.task_id].append(i)

    sections = []
    for s in loaded.plan.sections:
        if sec is not None and s.id != sec.id:
            continue
        tasks = []
        for p in s.points:
            for task in p.tasks:
                t_items = by_task.get(task.id, [])
                spans = _spans(t_items, start, end, state.as_of)
                if not spans:
                    continue
                tasks.append(
                    {
                        "id": task.id,
                        "point": p.id,
                        "title": task.title,
                        "title_en": task.title_en,
                        "when": [phrase for phrase, _ in task.phrases()],
                        "basis": _basis(t_items),
                        "rate": rate_view(rate(t_items)),
                        "overdue": sum(1 for i in t_items if i.state == "overdue"),
                        "spans": spans,
                    }
                )
        s_items = [i for i in items if i.section_id == s.id]
        sections.append(
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "title_en": s.title_en,
                "rate": rate_view(rate(s_items)),
                "tasks": tasks,
            }
        )

    milestones = [
        milestone_view(m)
        for m in state.milestones
        if start <= m.due <= end and (sec is None or m.section_id == sec.id)
    ]
    shown = {m["id"] for m in milestones}
    phrases = [p for task in loaded.plan.tasks() for p, _ in task.phrases()]
    days = [
        (d, zh, en)
        for year in range(start.year, end.year + 1)
        for d, zh, en in dates.commemorations(year, loaded.plan.calendar, phrases)
        if start <= d <= end
    ]
    commemorations = [{"date": d, "name": zh, "name_en": en} for d, zh, en in days]
    months = []
    for first in month_starts(start, end):
        last = _month_end(first)
        due_here = [i for i in items if first <= i.due <= last]
        months.append(
            {
                "month": first.strftime("%Y-%m"),
                "start": max(first, start),
                "end": min(last, end),
                "milestones": [
                    m.id for m in state.milestones if m.id in shown and first <= m.due <= last
                ],
                "commemorations": [zh for d, zh, _ in days if first <= d <= last],
                "due": len(due_here),
                "done": sum(1 for i in due_here if i.state in DONE_STATES),
                "overdue": sum(1 for i in due_here if i.state == "overdue"),
            }
        )
    return {
        **header_view(loaded.plan, state.as_of, loaded.occurrences),
        "from": start,
        "to": end,
        "school": unit.id if unit else None,
        "school_name": unit.name if unit else None,
        "section": sec.id if sec else None,
        "overall": rate_view(rate(items)),
        "months": months,
        "milestones": milestones,
        "commemorations": commemorations,
        "sections": sections,
    }
