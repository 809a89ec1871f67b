"""The numbers a year-end summary quotes, grouped the way such summaries are written:
组织建设 / 主题教育 / 关爱帮扶 / 存在不足 / 明年打算.

Which plan sections feed which heading is a small table below; the counts themselves
come from the computed state and the activity ledger, so they agree with ``status``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..loading import Loaded
from ..tracking import DONE_STATES, Item, YearState, rate
from .views import rate_view

# Plan sections behind each heading of the summary (the 2022 plan's structure).
HEADINGS: dict[str, tuple[str, ...]] = {
    "organisation": ("s0", "s1", "s3", "s5"),  # s0: the opening paragraph's commitments
    "education": ("s2",),
    "care": ("s4",),
}
LECTURER_OWNER = "lecturers"  # a talk held = a 讲师团 task occurrence done
NEXT_YEAR_LIMIT = 8


def _done(items: list[Item]) -> list[Item]:
    return [i for i in items if i.state in DONE_STATES]


def year_report_view(
    state: YearState, loaded: Loaded, view: dict[str, Any], activities: list[dict[str, Any]]
) -> dict[str, Any]:
    """``view`` is the export view (status numbers); ``activities`` its ledger."""
    unit_id = view["school"]
    units = [u for u in loaded.units() if unit_id is None or u.id == unit_id]
    schools = [u for u in units if u.type != "office"]
    items = [i for i in state.items if unit_id is None or i.unit_id == unit_id]
    tasks = [i for i in items if i.kind == "task"]
    year = state.year

    def section_rate(ids: tuple[str, ...]) -> dict[str, Any]:
        return rate_view(rate(i for i in tasks if i.section_id in ids))

    def steps(step: str, result: str | None = None) -> list[str]:
        out = []
        for u in schools:
            if u.youzhihua is None:
                continue
            for s in u.youzhihua.steps:
                if (
                    s.step == step
                    and s.date.year == year
                    and s.date <= state.as_of
                    and (result is None or s.result == result)
                ):
                    out.append(u.id)
                    break
        return out

    lecturer_tasks = {t.id for t in loaded.plan.tasks() if t.owner == LECTURER_OWNER}
    care_done = _done([i for i in tasks if i.section_id in HEADINGS["care"]])
    party_done = _done([i for i in tasks if (i.point_id or "").startswith("s3-party")])
    organisation = {
        "rate": section_rate(HEADINGS["organisation"]),
        "units": len(units),
        "schools": len(schools),
        "wulao_registered": sum(u.volunteers.wulao for u in units),
        "lecturers_registered": sum(u.volunteers.lecturers for u in units),
        "parent_schools": sum(1 for u in schools if u.facilities.parent_school),
        "tutoring_stations": sum(1 for u in schools if u.facilities.tutoring_station),
        "acceptance_passed": len(steps("district_review", "passed")),
        "applications": len(steps("apply")),
        "party_tasks_done": len(party_done),
    }
    education = {
        "rate": section_rate(HEADINGS["education"]),
        "activities": len(activities),
        "wulao_participations": sum(a["wulao"] for a in activities),
        "student_participations": sum(a["students"] for a in activities),
        "talks_held": len(_done([i for i in tasks if i.task_id in lecturer_tasks])),
        "activities_reported": sum(1 for a in activities if a["reported"]),
    }
    care = {
        "rate": section_rate(HEADINGS["care"]),
        "items_done": len(care_done),
        "students_helped": sum(i.students or 0 for i in care_done),
        "wulao_involved": sum(i.wulao or 0 for i in care_done),
    }
    overdue = [i for i in items if i.state == "overdue"]
    by_school = Counter(i.unit_name for i in overdue)
    shortfalls = {
        "overdue": len(overdue),
        "overdue_default": sum(1 for i in overdue if i.basis == "default"),
        "blocked": sum(1 for i in items if i.blocked and i.is_open),
        "open_findings": view["open_findings"],
        "evidence_gaps": sum(1 for i in tasks if i.state in DONE_STATES and i.evidence_missing),
        "milestones_short": [
            {
                "id": m["id"],
                "title": m["title"],
                "title_en": m["title_en"],
                "state": m["state"],
                "basis": m["basis"],
            }
            for m in view["milestones"]
            if m["state"] in ("missed", "at_risk", "met_late")
        ],
        "schools_most_overdue": [
            {"name": name, "overdue": n}
            for name, n in sorted(by_school.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        ],
    }
    return {
        "as_of": state.as_of,
        "year": year,
        "organisation": organisation,
        "education": education,
        "care": care,
        "shortfalls": shortfalls,
        "next_year": _next_year(tasks, view),
    }


def _next_year(tasks: list[Item], view: dict[str, Any]) -> list[dict[str, Any]]:
    """What is unfinished becomes next year's plan: most overdue first, then most units open."""
    open_by_task: dict[str, list[Item]] = {}
    for i in tasks:
        if i.is_open and i.task_id:
            open_by_task.setdefault(i.task_id, []).append(i)
    ranked = sorted(
        open_by_task.values(),
        key=lambda group: (
            -sum(1 for i in group if i.state == "overdue"),
            -len({i.unit_id for i in group}),
            group[0].task_id or "",
        ),
    )
    plans: list[dict[str, Any]] = [
        {
            "kind": "milestone",
            "id": m["id"],
            "title": m["title"],
            "title_en": m["title_en"],
            "state": m["state"],
        }
        for m in view["milestones"]
        if m["state"] in ("missed", "at_risk")
    ]
    if view["open_findings"]:
        plans.append({"kind": "findings", "count": view["open_findings"]})
    for group in ranked[:NEXT_YEAR_LIMIT]:
        first = group[0]
        plans.append(
            {
                "kind": "task",
                "id": first.task_id,
                "title": first.title,
                "title_en": first.title_en,
                "units": len({i.unit_id for i in group}),
                "overdue": sum(1 for i in group if i.state == "overdue"),
            }
        )
    return plans
