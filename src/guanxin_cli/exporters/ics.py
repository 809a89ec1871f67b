"""Milestones and task deadlines as an iCalendar file.

UIDs are derived from the plan id and the milestone/task/occurrence key, never from the
content or the time, so importing a newer export updates the same events instead of
adding copies.  DTSTAMP is the as-of date, so the same data gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from ..messages import Lang, paren, t, title_in
from ..render.words import default_mark, occurrence_in


def uid(kind: str, key: str, plan_id: str, school: str | None = None) -> str:
    """``task.s2-red-festivals%40%E4%B8%83%E4%B8%80@guanxin.jintan-2022`` (the progress key
    ``s2-red-festivals@七一``, percent-encoded) — ASCII and stable."""
    parts = [kind, quote(key, safe="-_")]
    if school:
        parts.append(school)
    return f"{'.'.join(parts)}@guanxin.{plan_id}"


def calendar_bytes(view: dict[str, Any], plan_sources: dict[str, str], lang: Lang) -> bytes:
    """``plan_sources`` maps a milestone id to its source sentence (for the description)."""
    from icalendar import Calendar, Event

    plan_id: str = view["plan"]
    as_of: dt.date = view["as_of"]
    school: str | None = view["school"]
    stamp = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", f"-//guanxin//{plan_id}//{'EN' if lang == 'en' else 'ZH'}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("ics.calname", lang, title=title_in(view, lang)))

    events: list[tuple[dt.date, str, Any]] = []
    for m in view["milestones"]:
        target = f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"])
        ev = Event()
        ev_uid = uid("milestone", m["id"], plan_id, school)
        ev.add("uid", ev_uid)
        summary = t("ics.milestone", lang, title=title_in(m, lang))
        ev.add("summary", summary + default_mark(m["basis"], lang))
        ev.add(
            "description",
            t(
                "ics.ms_desc",
                lang,
                target=target,
                as_of=as_of.isoformat(),
                # both counts, as the workbook's 按期达成 / 目前达成 columns give them: one
                # number under "as of" read as the late count once the deadline had passed
                by_due=m["count_by_due"],
                now=m["count_now"],
                state=t(f"ms.{m['state']}", lang),
                source=plan_sources.get(m["id"], m["when"]),
            )
            + " "
            + t(f"ics.basis.{m['basis']}", lang),
        )
        ev.add("categories", ["guanxin", "milestone"])
        events.append((m["due"], ev_uid, _all_day(ev, m["due"], stamp)))

    occurrences: dict[str, list[dict[str, Any]]] = {}
    for i in view["items"]:
        if i["kind"] == "task":
            occurrences.setdefault(i["key"], []).append(i)
    tasks = {task["id"]: task for task in view["tasks"]}
    numbers = {s["id"]: s["number"] for s in view["sections"]}  # 一…五, as the workbook shows
    for key, group in occurrences.items():
        first = group[0]
        task = tasks.get(first["task"], {})
        applicable = [i for i in group if i["state"] != "not_applicable"]
        done = sum(1 for i in applicable if i["state"] in ("done", "done_late"))
        title = title_in(first, lang) + (
            paren(occurrence_in(first["occurrence"], lang, view), lang)
            if first["occurrence"]
            else ""
        )
        ev = Event()
        ev_uid = uid("task", key, plan_id, school)
        ev.add("uid", ev_uid)
        ev.add("summary", t("ics.deadline", lang, title=title) + default_mark(first["basis"], lang))
        ev.add(
            "description",
            t(
                "ics.task_desc",
                lang,
                done=done,
                total=len(applicable),
                overdue=sum(1 for i in group if i["state"] == "overdue"),
                as_of=as_of.isoformat(),
                when="、".join(task.get("when", [])),
            )
            + " "
            + t(f"ics.basis.{first['basis']}", lang),
        )
        ev.add("categories", ["guanxin", "deadline", numbers.get(first["section"], "")])
        events.append((first["due"], ev_uid, _all_day(ev, first["due"], stamp)))

    for _, _, ev in sorted(events, key=lambda e: (e[0], e[1])):
        cal.add_component(ev)
    return bytes(cal.to_ical())


def _all_day(ev: Any, day: dt.date, stamp: dt.datetime) -> Any:
    ev.add("dtstart", day)  # a date, not a datetime: an all-day event (VALUE=DATE)
    ev.add("dtend", day + dt.timedelta(days=1))
    ev.add("dtstamp", stamp)
    ev.add("transp", "TRANSPARENT")
    return ev
