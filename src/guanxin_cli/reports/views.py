"""Result objects → plain data (dicts) that both the JSON output and the renderers read.

Each ``*_view`` returns JSON-ready data (dates stay ``datetime.date``; the JSON writer
formats them), so a human report and ``--json`` can never disagree.
"""

from __future__ import annotations

import datetime as dt
import heapq
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..collect import Digests
from ..dates import Occurrence, plan_end
from ..dates_en import day_names_en
from ..models import INTERMEDIATE_TYPES, Plan, School, Section
from ..schools import resolve_liaison, resolve_school
from ..workspace.loader import Loaded
from ..year.digest import PRESSING, Digest, Layout, most_urgent
from ..year.items import DONE_STATES, OPEN_STATES, STATE_ORDER, Item, finding_step
from ..year.rates import Rate, RiskKey, SchoolSummary, summarise_unit
from ..year.tracking import YearState
from .plan import find_section


def rate_view(r: Rate) -> dict[str, Any]:
    return {
        "done": r.done,
        "total": r.total,
        "ratio": None if r.ratio is None else round(r.ratio, 4),
        "due": r.due,
        "done_of_due": r.done_of_due,
    }


def item_view(i: Item, as_of: dt.date | None = None) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "kind": i.kind,
        "key": i.key,
        "task": i.task_id,
        "title": i.title,
        "title_en": i.title_en,
        "school": i.unit_id,
        "school_name": i.unit_name,
        "liaison": i.liaison,
        "carried_from": i.carried_from,
        "owner": i.owner,
        "owner_en": i.owner_en,
        "section": i.section_id,
        "occurrence": i.occurrence,
        "start": i.start,
        "due": i.due,
        "basis": i.basis,
        "state": i.state,
        "done_on": i.done_on,
        "days_late": i.days_late,
        "workdays_left": i.workdays_left,
        "due_on_holiday": i.due_on_holiday,
        "evidence_expected": list(i.evidence_expected),
        "evidence_recorded": list(i.evidence_recorded),
        "evidence_missing": list(i.evidence_missing),
        "reason": i.reason,
        "note": i.note,
        "step": finding_step(i.state, i.waiting) if i.kind == "finding" else None,
        "fixed_on": i.fixed_on,
    }


def school_summary_view(s: SchoolSummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "type": s.type,
        "liaison": s.liaison,
        "parent": s.parent,
        "rate": rate_view(s.rate),
        "overdue": s.overdue,
        "blocked": s.blocked,
        "due_soon": s.due_soon,
        "open_findings": s.open_findings,
        "overdue_findings": s.overdue_findings,
        "waiting_findings": s.waiting_findings,
        "last_activity": s.last_activity,
        "counts": {k: s.counts.get(k, 0) for k in STATE_ORDER},
    }


STALE_DAYS = 60  # a school file untouched this long while tasks are open is worth a call


def header_view(
    plan: Plan, as_of: dt.date, occurrences: Mapping[str, Sequence[Occurrence]]
) -> dict[str, Any]:
    """What every report starts with: the plan and how far into its year ``as_of`` is.
    The year has ended once its last deadline has passed: the autumn term's run to the
    end of January."""
    from ..issuer import office_params

    year_end = dt.date(plan.year, 12, 31)
    return {
        "plan": plan.id,
        "office": office_params(plan),  # what labels call the issuing office
        "days_en": day_names_en(plan.calendar),  # the plan's own days in English
        "title": plan.title,
        "title_en": plan.title_en,
        "year": plan.year,
        "as_of": as_of,
        "days_left": max(0, (year_end - as_of).days),
        "year_ended": as_of > plan_end(plan.year, occurrences),
        "evidence_en": evidence_names(plan),
    }


def evidence_names(plan: Plan) -> dict[str, str]:
    """The plan's evidence names in English (from each task's ``evidence_en``), for the
    English reports: items list the evidence asked for as the plan writes it."""
    names: dict[str, str] = {}
    for task in plan.tasks():
        for zh, en in zip(task.evidence, task.evidence_en or (), strict=False):
            names.setdefault(zh, en)
    return names


def pick_school(loaded: Loaded, query: str) -> School:
    return resolve_school(query, loaded.units())


def narrow(
    state: YearState, loaded: Loaded, school: str | None, section: str | None
) -> tuple[list[Item], School | None, Section | None]:
    """The items a report covers after ``--school`` / ``--section``, with what they named."""
    unit = pick_school(loaded, school) if school else None
    sec = find_section(loaded.plan, section) if section else None
    items = [
        i
        for i in state.items
        if (unit is None or i.unit_id == unit.id) and (sec is None or i.section_id == sec.id)
    ]
    return items, unit, sec


def chosen_units(
    digests: list[Digest], school: str | None, liaison: str | None
) -> tuple[list[Digest], Digest | None, str | None]:
    """The units a report covers after ``--school`` / ``--liaison``, with the school and
    the liaison (by their full name) they named."""
    named = resolve_liaison(liaison, digests) if liaison else None
    units = [d for d in digests if d.liaison == named] if named else digests
    unit = resolve_school(school, units) if school else None
    return ([unit] if unit is not None else units), unit, named


def status_view(
    ds: Digests,
    *,
    school: str | None = None,
    school_rows: int | None = None,
    file_changed: dict[str, dt.date | None] | None = None,
    stale_days: int = STALE_DAYS,
    liaison: str | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Where the year stands, added up from the units' digests (made for ``ds.section``).

    ``file_changed``: when git last saw each school's file change (None: no history);
    ``forms``: each school's last form made and read back (None: no forms made).
    """
    digests, unit, named = chosen_units(ds.digests, school, liaison)
    sec = ds.section
    layout = Layout(ds.plan)
    totals = layout.unpack(sum(d.counters for d in digests))  # (see Layout)
    sections = [
        {
            "id": s.id,
            "number": s.number,
            "title": s.title,
            "title_en": s.title_en,
            "rate": rate_view(layout.rate(totals, s.id)),
            "overdue": totals[layout.overdue[s.id]],
            "points": [
                {
                    "id": p.id,
                    "title": p.title,
                    "title_en": p.title_en,
                    "rate": rate_view(layout.rate(totals, p.id)),
                }
                for p in s.points
            ],
        }
        for s in ds.plan.sections
        if sec is None or s.id == sec.id
    ]
    changed = file_changed or {}
    rows = []
    for d in (d for d in digests if d.type not in INTERMEDIATE_TYPES):
        last = changed.get(d.id)
        stale = bool(last is not None and d.has_open and (ds.as_of - last).days > stale_days)
        rows.append((layout.risk_key(d), last, stale, d))
    if school_rows is None:
        rows.sort(key=_risk)
        shown = rows
    else:  # a screen's worth: no need to lay out 20,000 schools to show 15
        shown = heapq.nsmallest(school_rows, rows, key=_risk)
    summaries = []
    for _, last, stale, d in shown:
        view = school_summary_view(layout.summary(d))
        view["file_changed"] = last
        view["stale"] = stale
        view["form"] = (forms or {}).get(d.id)
        summaries.append(view)
    stale_schools = [
        {"id": d.id, "name": d.name, "file_changed": last}
        for _, last, stale, d in sorted((r for r in rows if r[2]), key=_risk)
    ]
    milestones = [milestone_view(m) for m in ds.milestones if sec is None or m.section_id == sec.id]
    counts: dict[str, int] = {k: totals[layout.state[k]] for k in STATE_ORDER}
    return {
        **header_view(ds.plan, ds.as_of, ds.occurrences),
        "school": unit.id if unit else None,
        "liaison": named,
        "section": sec.id if sec else None,
        "overall": rate_view(layout.rate(totals)),
        "counts": counts,  # by state: a blocked item past its deadline counts as overdue
        "blocked": totals[layout.at["blocked"]],  # marked blocked, any state
        "open_findings": totals[layout.at["open_findings"]],
        "waiting_findings": totals[layout.at["findings_waiting"]],
        "sections": sections,
        "milestones": milestones,
        "schools": summaries,  # riskiest first (the first ``school_rows`` when given)
        "units": [] if unit is not None else units_view(ds, layout),
        "schools_total": len(rows),
        "stale_schools": stale_schools,
        "urgent": [item_view(i, ds.as_of) for i in most_urgent(ds.slots(), digests)],
        "urgent_total": sum(counts[k] for k in PRESSING),
        "stale_days": stale_days,
        "history": file_changed is not None and any(v is not None for v in file_changed.values()),
        "forms": forms is not None,  # the workspace has made forms: each school's "form"
    }


def school_list_view(
    ds: Digests,
    *,
    liaison: str | None = None,
    forms: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Every school (not the district office) in id order: who looks after it, how much it
    has open as of the date, and (``forms``) its last form made and read back."""
    units, _, named = chosen_units(ds.schools, None, liaison)
    layout = Layout(ds.plan)
    rows = []
    for d in sorted(units, key=lambda d: d.id):
        summary = layout.summary(d)
        rows.append(
            {
                "id": d.id,
                "name": d.name,
                "type": d.type,
                "liaison": d.liaison,
                "open_items": sum(summary.counts.get(s, 0) for s in sorted(OPEN_STATES)),
                "overdue": summary.overdue,
                "open_findings": summary.open_findings,
                "file": Path(os.path.relpath(ds.files[d.id], ds.root)).as_posix(),
                "form": (forms or {}).get(d.id),
            }
        )
    return {
        **header_view(ds.plan, ds.as_of, ds.occurrences),
        "liaison": named,
        "schools": rows,
        "forms": forms is not None,
    }


Row = tuple[RiskKey, Any, bool, Any]  # risk, file changed, stale, digest


def units_view(ds: Digests, layout: Layout) -> list[dict[str, Any]]:
    """Each unit between the office and the schools (a 镇, 片区 or 县区), with its own
    work and its schools' added up (the schools of the units under it too)."""
    parents = {d.id: d.parent for d in ds.digests}
    under: dict[str, list[Digest]] = {d.id: [] for d in ds.between}
    for d in ds.schools:
        seen: set[str] = set()
        parent = d.parent
        while parent is not None and parent in under and parent not in seen:
            under[parent].append(d)
            seen.add(parent)
            parent = parents.get(parent)
    out = []
    for d in ds.between:
        schools = under[d.id]
        totals = layout.unpack(sum(s.counters for s in schools))
        own = layout.summary(d)
        out.append(
            {
                "id": d.id,
                "name": d.name,
                "type": d.type,
                "parent": d.parent,
                "own": rate_view(own.rate),
                "own_overdue": own.overdue,
                "schools": len(schools),
                "rate": rate_view(layout.rate(totals)),
                "overdue": totals[layout.state["overdue"]],
                "open_findings": totals[layout.at["open_findings"]],
            }
        )
    out.sort(key=_by_overdue)
    return out


def _by_overdue(unit: dict[str, Any]) -> tuple[int, str]:
    return -int(unit["overdue"]), str(unit["id"])


def _risk(row: Row) -> RiskKey:
    return row[0]


def milestone_view(m: Any) -> dict[str, Any]:
    return {
        "id": m.id,
        "title": m.title,
        "title_en": m.title_en,
        "section": m.section_id,
        "when": m.when,
        "due": m.due,
        "basis": m.basis,
        "min": m.target_min,
        "max": m.target_max,
        "state": m.state,
        "count_by_due": m.count_by_due,
        "count_now": m.count_now,
        "achieved": list(m.achieved),
        "late": list(m.late),
        "pending": list(m.pending),
        "days_left": m.days_left,
        "over_max": m.over_max,
    }


# --------------------------------------------------------------------------- audit


def audit_view(ds: Digests, unit: School, items: list[Item]) -> dict[str, Any]:
    """The checklist to carry on a visit to one school (``items``: all of the school's)."""
    tasks = [i for i in items if i.kind == "task"]
    findings = [i for i in items if i.kind == "finding"]
    tasks.sort(key=lambda i: (STATE_ORDER.index(i.state), i.due, i.key))
    summary = summarise_unit(unit, items, ds.as_of)
    history: list[dict[str, Any]] = []
    if unit.youzhihua:
        for step in unit.youzhihua.steps:
            if step.date <= ds.as_of:
                history.append(
                    {
                        "date": step.date,
                        "kind": f"youzhihua.{step.step}",
                        "result": step.result,
                        "score": step.score,
                        "note": step.note,
                    }
                )
    for audit in unit.audits:
        if audit.date <= ds.as_of:
            history.append(
                {
                    "date": audit.date,
                    "kind": f"audit.{audit.kind}",
                    "result": audit.result,
                    "score": audit.score,
                    "note": audit.note,
                    "by": audit.by,
                    "findings": len(audit.findings),
                }
            )
    history.sort(key=lambda h: (h["date"], h["kind"]))
    last_audit = max((a.date for a in unit.audits if a.date <= ds.as_of), default=None)
    return {
        **header_view(ds.plan, ds.as_of, ds.occurrences),
        "school": {
            "id": unit.id,
            "name": unit.name,
            "type": unit.type,
            "contact": asdict(unit.contact) if unit.contact else None,
            "liaison": unit.liaison,
            "volunteers": asdict(unit.volunteers),
            "parent_school": unit.facilities.parent_school.name
            if unit.facilities.parent_school
            else None,
            "tutoring_station": unit.facilities.tutoring_station.name
            if unit.facilities.tutoring_station
            else None,
            "youzhihua_cohort": unit.youzhihua.cohort if unit.youzhihua else None,
            "last_audit": last_audit,
            "note": unit.note,
        },
        "summary": school_summary_view(summary),
        "tasks": [item_view(i) for i in tasks],
        "findings": [item_view(i) for i in findings],
        "history": history,
        **_questions(tasks, findings),
    }


ASK_KEEP = 12  # the questions a visit's checklist lists; it says how many more there are


def _questions(tasks: list[Item], findings: list[Item]) -> dict[str, Any]:
    """The short list of things to ask about on the visit, most pressing first
    (``ask``), and how many more there are (``ask_more``)."""
    asks: list[dict[str, Any]] = []
    for i in findings:
        if i.is_open and i.waiting:  # fixed: the visit is the re-check
            asks.append(
                {
                    "kind": "recheck",
                    "key": i.key,
                    "title": i.title,
                    "due": i.due,
                    "state": i.state,
                    "fixed": i.fixed_on,
                    "evidence": list(i.evidence_recorded),
                }
            )
        elif i.is_open:
            asks.append(
                {"kind": "finding", "key": i.key, "title": i.title, "due": i.due, "state": i.state}
            )
    for i in tasks:
        if i.blocked and i.is_open:
            asks.append(
                {
                    "kind": "blocked",
                    "key": i.key,
                    "title": i.title,
                    "due": i.due,
                    "basis": i.basis,
                    "state": i.state,
                    "reason": i.reason,
                }
            )
        elif i.state == "overdue":
            asks.append(
                {
                    "kind": "overdue",
                    "key": i.key,
                    "title": i.title,
                    "due": i.due,
                    "basis": i.basis,
                    "state": i.state,
                }
            )
    for i in tasks:
        if i.state in DONE_STATES and i.evidence_missing:
            asks.append(
                {
                    "kind": "evidence",
                    "key": i.key,
                    "title": i.title,
                    "due": i.due,
                    "basis": i.basis,
                    "state": i.state,
                    "missing": list(i.evidence_missing),
                }
            )
    for i in tasks:
        if i.state == "due_soon":
            asks.append(
                {
                    "kind": "due_soon",
                    "key": i.key,
                    "title": i.title,
                    "due": i.due,
                    "basis": i.basis,
                    "state": i.state,
                }
            )
    return {"ask": asks[:ASK_KEEP], "ask_more": max(0, len(asks) - ASK_KEEP)}
