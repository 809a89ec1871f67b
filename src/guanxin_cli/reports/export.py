"""The whole computed state as one plain-data document, for ``guanxin export``.

Built on :func:`views.status_view`, so every number an export carries (sections, milestones,
per-school completion, overdue counts) is the number ``guanxin status`` prints.
The JSON form is described by ``schemas/export.schema.json`` (``EXPORT_SCHEMA_VERSION``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..collect import from_state
from ..dates_en import day_names_en, phrase_en
from ..messages import paren
from ..models import Plan
from ..workspace.loader import Loaded
from ..year.items import DONE_STATES, STATE_ORDER, Item
from ..year.rates import rate
from ..year.tracking import YearState
from .views import item_view, rate_view, status_view
from .year_report import year_report_view

EXPORT_SCHEMA_VERSION = 2
CARD = re.compile(r"^打造(.+?)名片$")


def category_of(plan: Plan, point_id: str | None, section_id: str | None) -> str:
    """The ledger's 类别: a 四张名片 card (红色资源…), 工作平台, or the point's own title."""
    for s in plan.sections:
        for p in s.points:
            if p.id == point_id:
                card = CARD.match(p.title)
                if card:
                    return card.group(1)
                if s.id == "s4" or "平台" in p.title:
                    return "工作平台"
                return p.title
    return section_id or ""


def _task_category(plan: Plan, task_id: str | None) -> str:
    """The 类别 of an activity written without one: its task's, if it names a task."""
    for s in plan.sections:
        for p in s.points:
            if any(t.id == task_id for t in p.tasks):
                return category_of(plan, p.id, s.id)
    return ""


def ledger(state: YearState, loaded: Loaded, school_id: str | None = None) -> list[dict[str, Any]]:
    """活动台账: each school's ``activities`` plus done progress entries that count people.

    A progress entry already written up as an activity (same task, same day) is listed once.
    """
    days = day_names_en(loaded.plan.calendar)
    rows: list[dict[str, Any]] = []
    logged: set[tuple[str, str, Any]] = set()
    for unit in loaded.units():
        if school_id and unit.id != school_id:
            continue
        for a in unit.activities:
            if a.date > state.as_of:
                continue
            if a.task:
                logged.add((unit.id, a.task, a.date))
            rows.append(
                {
                    "school": unit.id,
                    "school_name": unit.name,
                    "name": a.name,
                    "name_en": None,  # (written by the school, in Chinese)
                    "category": a.category or _task_category(loaded.plan, a.task) or "—",
                    "date": a.date,
                    "wulao": a.wulao,
                    "students": a.students,
                    "evidence": list(a.evidence),
                    "reported": a.reported,
                    "source": "activity",
                    "task": a.task,
                }
            )
    for i in state.items:
        if i.kind != "task" or i.state not in DONE_STATES or i.done_on is None:
            continue
        if school_id and i.unit_id != school_id:
            continue
        if i.wulao is None and i.students is None:
            continue
        if (i.unit_id, i.task_id, i.done_on) in logged:
            continue
        occurrence = i.occurrence
        name = i.title + (paren(occurrence, "zh") if occurrence else "")
        name_en = None
        if i.title_en:
            shown = paren(phrase_en(occurrence, days), "en") if occurrence else ""
            name_en = i.title_en + shown
        rows.append(
            {
                "school": i.unit_id,
                "school_name": i.unit_name,
                "name": name,
                "name_en": name_en,
                "category": category_of(loaded.plan, i.point_id, i.section_id),
                "date": i.done_on,
                "wulao": i.wulao or 0,
                "students": i.students or 0,
                "evidence": list(i.evidence_recorded),
                "reported": None,  # recorded as progress, not as a reported activity
                "source": "progress",
                "task": i.task_id,
            }
        )
    order = {u.id: n for n, u in enumerate(loaded.units())}
    rows.sort(key=lambda r: (order.get(r["school"], 0), r["date"], r["name"]))
    return rows


def export_view(state: YearState, loaded: Loaded, *, school: str | None = None) -> dict[str, Any]:
    """Everything: the status numbers, every item, per-task rates and the activity ledger."""
    base = status_view(from_state(state, loaded), school=school)
    base.pop("urgent", None)
    base.pop("urgent_total", None)
    base.pop("history", None)  # exports carry no git history: file_changed stays null
    base.pop("forms", None)  # (nor the forms' rounds: a school's form stays null)
    base.pop("stale_days", None)
    base.pop("stale_schools", None)
    base.pop("schools_total", None)
    unit_id = base["school"]
    items = [i for i in state.items if unit_id is None or i.unit_id == unit_id]
    by_task: dict[str | None, list[Item]] = defaultdict(list)
    for i in items:
        by_task[i.task_id].append(i)
    tasks = []
    for s in loaded.plan.sections:
        for p in s.points:
            for task in p.tasks:
                t_items = by_task.get(task.id, [])
                if not t_items:
                    continue
                tasks.append(
                    {
                        "id": task.id,
                        "section": s.id,
                        "point": p.id,
                        "title": task.title,
                        "title_en": task.title_en,
                        "owner": task.owner,
                        "scope": task.scope,
                        "when": [phrase for phrase, _ in task.phrases()],
                        "rate": rate_view(rate(t_items)),
                        "counts": {k: sum(1 for i in t_items if i.state == k) for k in STATE_ORDER},
                    }
                )
    activities = ledger(state, loaded, unit_id)
    return {
        **base,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "tasks": tasks,
        "items": [_item(i) for i in items],
        "activities": activities,
        "report": year_report_view(state, loaded, base, activities),
    }


def _item(i: Item) -> dict[str, Any]:
    view = item_view(i)
    del view["as_of"]  # the document's own as_of applies
    return view | {"wulao": i.wulao, "students": i.students}
