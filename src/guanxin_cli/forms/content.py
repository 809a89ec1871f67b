"""What goes into one school's form: its tasks due so far and soon, its open 整改
findings, its activity ledger, and the state of each row the form is made from.

Pure: each row's state is hashed from the school file's data as the loader read it; the
import hashes the same entry as its edit reads it (see ``meta.plain``, on which the two
readers agree).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import yamlio
from ..dates import Occurrence, plan_end
from ..models import Activity, Audit, Finding, Progress, School
from ..workspace.checks import date_window
from ..workspace.edits import EditBase
from ..year.items import ItemState, finding_state, plan_slots, slot_progress, task_item, unit_slots
from ..years import SchoolYear
from .meta import FormMeta, state_hash


@dataclass(frozen=True)
class TaskRow:
    key: str  # the progress key the school file uses (or will use) for it
    task_id: str
    title: str
    title_en: str | None
    occurrence: str | None
    start: dt.date
    due: dt.date
    phrase: str
    basis: str
    expected: tuple[str, ...]
    progress: Progress | None  # what the file records (whatever its date)
    state: ItemState  # as of the form's day
    state_hash: str


@dataclass(frozen=True)
class FindingRow:
    key: str  # audit-id/finding-id
    audit: Audit
    finding: Finding
    carried_from: int | None
    state: ItemState
    state_hash: str


@dataclass(frozen=True)
class FormContent:
    meta: FormMeta
    school: School
    plan_title: str
    plan_title_en: str | None
    issuer: str
    year: int
    as_of: dt.date
    until: dt.date  # tasks due by this day are in the form
    window: tuple[dt.date, dt.date]  # the dates the plan year's records may carry
    tasks: list[TaskRow]
    findings: list[FindingRow]
    recorded: list[Activity]  # the ledger so far, to look at
    categories: list[str]  # the ledger's categories in the workspace, most used first
    days_en: dict[str, str]
    evidence_en: dict[str, str]


def form_content(
    base: EditBase,
    school: School,
    *,
    as_of: dt.date,
    within: int,
    workspace: str,
    form_id: str,
    made: dt.datetime,
    lang: str,
) -> FormContent:
    from ..reports.views import header_view

    plan = base.plan.plan
    view = base.view(school)
    data = yamlio.load(base.path_of(school)).data  # (what was loaded may be a cache's models)
    until = as_of + dt.timedelta(days=within)
    tasks = _task_rows(base, view, _at(data, (*view.prefix, "progress")), as_of, until)
    findings = _finding_rows(view, data, as_of)
    meta = FormMeta(
        form=form_id,
        workspace=workspace,
        plan=plan.id,
        year=plan.year,
        school=school.id,
        school_name=school.name,
        as_of=as_of.isoformat(),
        made=made.isoformat(),
        lang=lang,
        tasks={row.key: row.state_hash for row in tasks},
        findings={row.key: row.state_hash for row in findings},
    )
    header = header_view(plan, as_of, base.plan.occurrences)
    return FormContent(
        meta=meta,
        school=school,
        plan_title=plan.title,
        plan_title_en=plan.title_en,
        issuer=plan.issuer,
        year=plan.year,
        as_of=as_of,
        until=until,
        window=date_window(plan.year, plan_end(plan.year, base.plan.occurrences)),
        tasks=tasks,
        findings=findings,
        recorded=list(view.activities),
        categories=_categories(base),
        days_en=header["days_en"],
        evidence_en=header["evidence_en"],
    )


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in a file's data (None where there is none)."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _task_rows(
    base: EditBase, view: SchoolYear, progress: Any, as_of: dt.date, until: dt.date
) -> list[TaskRow]:
    slots = plan_slots(base.plan.plan, base.plan.occurrences, as_of)
    rows: list[tuple[dt.date, int, TaskRow]] = []
    for n, slot in enumerate(unit_slots(view, slots, base.groups())):
        if slot.due > until:
            continue
        occ = _occurrence(base.plan.occurrences.get(slot.task.id, []), slot.occurrence)
        # the key the file has it under (a one-off task may be written task@occurrence)
        has = progress if isinstance(progress, dict) else {}
        key = (
            slot.alt_key
            if slot.alt_key and slot.alt_key in has and slot.key not in has
            else slot.key
        )
        item = task_item(slot, view, as_of)
        row = TaskRow(
            key=key,
            task_id=slot.task.id,
            title=slot.task.title,
            title_en=slot.task.title_en,
            occurrence=slot.occurrence,
            start=slot.start,
            due=slot.due,
            phrase=occ.phrase if occ else (slot.occurrence or ""),
            basis=slot.basis,
            expected=slot.evidence,
            progress=slot_progress(slot, view),
            state=item.state,
            state_hash=state_hash(has.get(key)),
        )
        rows.append((slot.due, n, row))
    return [row for *_, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def _occurrence(occs: Sequence[Occurrence], key: str | None) -> Occurrence | None:
    if key is None:
        return occs[0] if occs else None
    return next((o for o in occs if o.key == key), None)


def _finding_rows(view: SchoolYear, data: Any, as_of: dt.date) -> list[FindingRow]:
    """The findings still to fix or to re-check (those of earlier years first)."""
    held = [(year, audit) for year, audit in view.carried] + [(None, a) for a in view.audits]
    rows = []
    for year, audit in held:
        if audit.date > as_of:
            continue
        # (an earlier year's records are where this year's are, under their own year)
        prefix = view.prefix if year is None else (*view.prefix[:-1], year)
        audits = _at(data, (*prefix, "audits"))
        for finding in audit.findings:
            if finding.closed is not None or finding.rechecked is not None:
                continue
            state, _ = finding_state(finding, as_of)
            entry = _finding_entry(audits, audit.id, finding.id)
            rows.append(
                FindingRow(
                    key=f"{audit.id}/{finding.id}",
                    audit=audit,
                    finding=finding,
                    carried_from=year,
                    state=state,
                    state_hash=state_hash(entry),
                )
            )
    return rows


def _finding_entry(audits: Any, audit_id: str, finding_id: str) -> Any:
    for audit in audits if isinstance(audits, list) else ():
        if isinstance(audit, dict) and str(audit.get("id")) == audit_id:
            for finding in audit.get("findings") or ():
                if isinstance(finding, dict) and str(finding.get("id")) == finding_id:
                    return finding
    return None


def _categories(base: EditBase) -> list[str]:
    """The 活动台账 categories the workspace's files use, most used first."""
    seen: Counter[str] = Counter()
    for unit in base.schools():
        ledgers = [unit.activities, *(r.activities for r in unit.years.values())]
        seen.update(a.category for ledger in ledgers for a in ledger if a.category)
    return [name for name, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))]
