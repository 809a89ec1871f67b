"""What the HTML dashboard shows beyond the export view: headline numbers, overdue items by
liaison and, for one school's page, its open items. Pure data from the export view, so the
page's numbers are the numbers of ``status`` and of every other export."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..year.items import STATE_ORDER

PRESSING = ("overdue", "blocked", "due_soon", "in_progress")  # what a school's page lists


def dashboard_view(view: dict[str, Any]) -> dict[str, Any]:
    items = view["items"]
    counts = view["counts"]
    overall = view["overall"]
    milestones = view["milestones"]
    overview = view["report"]["overview"]
    kpis = {
        "overall": overall,
        "overdue": counts["overdue"],
        "due_soon": counts["due_soon"],
        "open_findings": view["open_findings"],
        "milestones_met": sum(1 for m in milestones if m["state"] in ("met", "met_late")),
        "milestones": len(milestones),
        "activities": overview["activities"],
        "student_participations": overview["student_participations"],
    }
    by_liaison: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for i in items:
        if i["state"] == "overdue":
            by_liaison[i["liaison"]].append(i)
    liaisons: list[dict[str, Any]] = [
        {
            "liaison": name,
            "overdue": len(group),
            "schools": sorted({i["school_name"] for i in group}),
        }
        for name, group in by_liaison.items()
    ]
    liaisons.sort(key=lambda r: (-r["overdue"], r["liaison"] is None, r["liaison"] or ""))
    pressing = [i for i in items if i["state"] in PRESSING]
    pressing.sort(key=lambda i: (STATE_ORDER.index(i["state"]), i["due"], i["key"]))
    return {
        "kpis": kpis,
        "overdue_by_liaison": liaisons,
        "open_items": pressing,
        "findings": view["report"]["shortfalls"]["findings"],
    }
