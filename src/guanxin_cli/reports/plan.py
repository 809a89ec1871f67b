"""The plan as data for ``guanxin plan``: sections → points → tasks, with computed dates."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..dates_en import day_names_en
from ..errors import UsageError, problem
from ..issuer import office_params
from ..models import Plan, Section
from ..workspace.plans import LoadedPlan

_NUMERALS = dict(zip([str(n) for n in range(1, 11)], "一二三四五六七八九十", strict=True))


def find_section(plan: Plan, wanted: str) -> Section:
    """``--section`` accepts 三, 3, s3 or a unique part of the title (3 is the section
    numbered 三, wherever it stands: a plan may open with an unnumbered 总体要求)."""
    value = wanted.strip()
    numeral = _NUMERALS.get(value)
    for section in plan.sections:
        if value in (section.id, section.number) or numeral == section.number:
            return section
    numbered = [s for s in plan.sections if s.number not in _NUMERALS.values()]
    if value.isdigit() and 0 < int(value) <= len(numbered):  # (numbers the plan does not use)
        return numbered[int(value) - 1]
    matches = [s for s in plan.sections if value and value in s.title]
    if len(matches) == 1:
        return matches[0]
    known = "、".join(f"{s.number}({s.id})" for s in plan.sections)
    raise UsageError(problem("plan.no_section", value=wanted, known=known))


def plan_view(lp: LoadedPlan, section: str | None = None) -> dict[str, Any]:
    plan = lp.plan
    sections = [find_section(plan, section)] if section else list(plan.sections)
    owners = {o.id: o for o in plan.owners}
    groups = {g.id: g for g in plan.groups}
    wanted = {s.id for s in sections}
    out_sections = []
    for s in sections:
        points = []
        for p in s.points:
            tasks = []
            for task in p.tasks:
                owner = owners[task.owner]
                group = groups.get(task.scope)
                tasks.append(
                    {
                        "id": task.id,
                        "title": task.title,
                        "title_en": task.title_en,
                        "source": task.source,
                        "owner": {"id": owner.id, "name": owner.name, "name_en": owner.name_en},
                        "scope": {
                            "id": task.scope,
                            "name": group.name if group else None,
                            "name_en": group.name_en if group else None,
                        },
                        "when": [phrase for phrase, _ in task.phrases()],
                        "basis": task.basis,
                        "occurrences": [
                            {
                                "key": o.key,
                                "start": o.start,
                                "due": o.due,
                                "phrase": o.phrase,
                                "recurring": o.recurring,
                                "basis": o.basis,
                            }
                            for o in lp.occurrences.get(task.id, [])
                        ],
                        "evidence": list(task.evidence),
                        "evidence_en": list(task.evidence_en or ()) or None,
                        "note": task.note,
                    }
                )
            points.append(
                {
                    "id": p.id,
                    "title": p.title,
                    "title_en": p.title_en,
                    "source": p.source,
                    "tasks": tasks,
                }
            )
        out_sections.append(
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "title_en": s.title_en,
                "source": s.source,
                "points": points,
            }
        )
    milestones = [
        {
            "id": m.id,
            "title": m.title,
            "title_en": m.title_en,
            "section": m.section,
            "source": m.source,
            "when": m.when,
            "due": due.due if due else None,
            "start": due.start if due else None,
            "basis": m.basis,
            "note": m.note,
            "min": m.min,
            "max": m.max,
            "count": {k: v for k, v in asdict(m.count).items() if v is not None},
        }
        for m in plan.milestones
        if m.section in wanted
        for due in [lp.milestone_due.get(m.id)]
    ]
    return {
        "id": plan.id,
        "title": plan.title,
        "title_en": plan.title_en,
        "year": plan.year,
        "issuer": plan.issuer,
        "office": office_params(plan),  # what labels call the issuing office
        "days_en": day_names_en(plan.calendar),  # the plan's own days in English
        "preamble": plan.preamble,
        "preamble_en": plan.preamble_en,
        "sections": out_sections,
        "milestones": milestones,
    }
