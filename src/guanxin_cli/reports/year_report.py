"""The numbers a year-end summary (年度工作总结) quotes, in the chapters the plan names.

A plan's ``report.chapters`` says which sections, points and tasks each chapter gathers
(the 2022 plan: 组织建设 / 主题教育 / 关爱帮扶); a plan without it gets one chapter per
section. 存在不足 and 明年打算 always follow, computed from what is overdue or open. The
counts come from the computed state and the activity ledger, so they agree with ``status``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..models import Chapter, Plan
from ..workspace.loader import Loaded
from ..year.items import DONE_STATES, Item
from ..year.rates import rate
from ..year.scope import is_school
from ..year.tracking import YearState
from .views import rate_view

LECTURER_MARK = "讲师团"  # a talk held = a task occurrence of the plan's 讲师团 owner done
NEXT_YEAR_LIMIT = 8
YOUZHI_STEPS = ("apply", "self_assessment", "district_review", "city_approval")


def _done(items: list[Item]) -> list[Item]:
    return [i for i in items if i.state in DONE_STATES]


def lecturer_owners(plan: Plan) -> set[str]:
    """Ids of the plan's 讲师团 owners, found by the name the plan gives them (the 2022
    plan's ``lecturers``: 讲师团), not by a fixed id: another plan may name its owners
    otherwise, or use ``lecturers`` for something else. Empty when the plan has none."""
    return {o.id for o in plan.owners if LECTURER_MARK in o.name}


def chapters_of(plan: Plan) -> list[Chapter]:
    """The plan's own chapters, or one per section when it names none."""
    if plan.report is not None:
        return list(plan.report.chapters)
    return [Chapter(title=s.title, title_en=s.title_en, sections=[s.id]) for s in plan.sections]


def chapter_tasks(plan: Plan, chapter: Chapter) -> set[str]:
    """Ids of the tasks a chapter gathers: its sections', its points' and its own."""
    out = set(chapter.tasks)
    for s in plan.sections:
        for p in s.points:
            if s.id in chapter.sections or p.id in chapter.points:
                out.update(t.id for t in p.tasks)
    return out


def year_report_view(
    state: YearState, loaded: Loaded, view: dict[str, Any], activities: list[dict[str, Any]]
) -> dict[str, Any]:
    """``view`` is the export view (status numbers); ``activities`` its ledger."""
    plan = loaded.plan
    unit_id = view["school"]
    units = [u for u in loaded.units() if unit_id is None or u.id == unit_id]
    schools = [u for u in units if is_school(u)]  # not the office, nor a county/town unit
    items = [i for i in state.items if unit_id is None or i.unit_id == unit_id]
    tasks = [i for i in items if i.kind == "task"]

    lecturers = lecturer_owners(plan)
    lecturer_tasks = {t.id for t in plan.tasks() if t.owner in lecturers}
    overview = {
        "rate": view["overall"],
        "units": len(units),
        "schools": len(schools),
        "wulao_registered": sum(u.volunteers.wulao for u in units),
        "lecturers_registered": sum(u.volunteers.lecturers for u in units),
        "parent_schools": sum(1 for u in schools if u.facilities.parent_school),
        "tutoring_stations": sum(1 for u in schools if u.facilities.tutoring_station),
        "activities": len(activities),
        "activities_reported": sum(1 for a in activities if a["reported"]),
        "wulao_participations": sum(a["wulao"] for a in activities),
        "student_participations": sum(a["students"] for a in activities),
        # null where the plan has no 讲师团 owner: "0 talks" would be a claim it never made
        "talks_held": len(_done([i for i in tasks if i.task_id in lecturer_tasks]))
        if lecturers
        else None,
    }
    chapters = [_chapter(plan, c, tasks, view) for c in chapters_of(plan)]
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
        "findings": [
            {
                "school": i.unit_id,
                "school_name": i.unit_name,
                "key": i.key,
                "text": i.title,
                "fix_by": i.due,
                "state": i.state,
                "days_late": i.days_late,
                "liaison": i.liaison,
            }
            for i in sorted(items, key=lambda i: (i.due, i.unit_id, i.key))
            if i.kind == "finding" and i.is_open
        ],
    }
    from ..issuer import office_params

    return {
        "as_of": state.as_of,
        "year": state.year,
        "office": office_params(loaded.plan),
        "overview": overview,
        "youzhihua": _youzhihua(schools, state),
        "chapters": chapters,
        "shortfalls": shortfalls,
        "next_year": _next_year(tasks, view),
    }


def _chapter(
    plan: Plan, chapter: Chapter, tasks: list[Item], view: dict[str, Any]
) -> dict[str, Any]:
    ids = chapter_tasks(plan, chapter)
    mine = [i for i in tasks if i.task_id in ids]
    done = _done(mine)
    points = []
    for s in plan.sections:
        for p in s.points:
            p_items = [i for i in mine if i.point_id == p.id]
            if not p_items:
                continue
            points.append(
                {
                    "id": p.id,
                    "section": s.id,
                    "number": s.number,
                    "title": p.title,
                    "title_en": p.title_en,
                    "rate": rate_view(rate(p_items)),
                    "overdue": sum(1 for i in p_items if i.state == "overdue"),
                }
            )
    counting = {
        m.id: m.count.step is not None
        for m in plan.milestones
        if m.section in chapter.sections or (m.count.task is not None and m.count.task in ids)
    }
    return {
        "title": chapter.title,
        "title_en": chapter.title_en,
        "rate": rate_view(rate(mine)),
        "items_done": len(done),
        "students": sum(i.students or 0 for i in done),
        "wulao": sum(i.wulao or 0 for i in done),
        "overdue": sum(1 for i in mine if i.state == "overdue"),
        "points": points,
        "milestones": [m["id"] for m in view["milestones"] if m["id"] in counting],
        # the chapter whose milestones count 优质化 steps carries the 优质化 table and figure
        "youzhihua": any(counting.values()),
    }


def _youzhihua(schools: list[Any], state: YearState) -> dict[str, Any]:
    """优质化创建: each school's steps taken this year by the as-of date, and the totals."""
    rows = []
    for u in schools:
        if u.youzhihua is None:
            continue
        steps: dict[str, Any] = dict.fromkeys(YOUZHI_STEPS)
        for s in u.youzhihua.steps:
            if s.date.year == state.year and s.date <= state.as_of:
                steps[s.step] = {"date": s.date, "result": s.result, "score": s.score}
        rows.append({"school": u.id, "name": u.name, "cohort": u.youzhihua.cohort, "steps": steps})
    rows.sort(key=lambda r: (r["cohort"], r["name"]))

    def taken(step: str, result: str | None = None) -> int:
        return sum(
            1
            for r in rows
            if r["steps"][step] is not None
            and (result is None or r["steps"][step]["result"] == result)
        )

    return {
        "applications": taken("apply"),
        "self_assessed": taken("self_assessment"),
        "acceptance_passed": taken("district_review", "passed"),
        "city_approved": taken("city_approval", "passed"),
        "schools": rows,
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
