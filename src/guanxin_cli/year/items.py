"""Items: each task occurrence and audit finding a unit has to do by a date, and its state
as of a date (:func:`item_state`, :func:`finding_state`). What every unit shares of a task
occurrence is its :class:`Slot`, worked out once per report.

The as-of date is honoured everywhere: progress recorded with a later date does not
count yet, so ``--as-of 2022-03-31`` shows the year as it stood that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from .. import workdays
from ..dates import Occurrence
from ..models import Audit, Finding, Plan, Progress, School, Task
from ..years import carried_audits
from .scope import scope_applies

ItemState = Literal[
    "done",
    "done_late",
    "in_progress",
    "due_soon",
    "overdue",
    "not_yet_due",
    "blocked",
    "not_applicable",
]

# Deadlines repeat across schools: memoise the calendar look-ups.
is_workday = lru_cache(maxsize=8192)(workdays.is_workday)
workdays_between = lru_cache(maxsize=8192)(workdays.workdays_between)

DONE_STATES: frozenset[str] = frozenset({"done", "done_late"})
OPEN_STATES: frozenset[str] = frozenset(
    {"in_progress", "due_soon", "overdue", "not_yet_due", "blocked"}
)
DUE_SOON_DAYS = 7
STATE_ORDER: tuple[ItemState, ...] = (
    "overdue",
    "blocked",
    "due_soon",
    "in_progress",
    "not_yet_due",
    "done_late",
    "done",
    "not_applicable",
)


@dataclass(slots=True)  # not frozen: a report builds hundreds of thousands; treat as read-only
class Item:
    """One thing one unit has to do by a date: a task occurrence or an audit finding."""

    kind: Literal["task", "finding"]
    key: str  # progress key (task id or task@occurrence) or audit-id/finding-id
    task_id: str | None
    title: str
    title_en: str | None
    unit_id: str
    unit_name: str
    liaison: str | None
    owner: str | None
    section_id: str | None
    point_id: str | None
    occurrence: str | None
    start: dt.date
    due: dt.date
    state: ItemState
    done_on: dt.date | None
    days_late: int  # as of the report date, or at completion for done_late
    workdays_left: int  # working days from the as-of date to the deadline (0 when past)
    due_on_holiday: bool
    evidence_expected: tuple[str, ...] = ()
    evidence_recorded: tuple[str, ...] = ()
    evidence_missing: tuple[str, ...] = ()
    reason: str | None = None
    note: str | None = None
    wulao: int | None = None
    students: int | None = None
    owner_en: str | None = None
    blocked: bool = False  # marked blocked (its state is "overdue" once the deadline passes)
    waiting: bool = False  # a finding fixed and waiting for the office's re-check
    carried_from: int | None = None  # a finding still open from this plan year's before
    # a task's deadline: "document" (the text gives it) or "default" (the plan chose it);
    # None for a finding, whose date the audit set
    basis: str | None = None
    fixed_on: dt.date | None = None  # a finding: the day it was fixed (by the as-of date)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def past_due(self) -> bool:
        """Late and still open: the one definition every report counts as overdue."""
        return self.state == "overdue"


FindingStep = Literal["to_fix", "to_recheck", "closed"]


def finding_step(state: str, waiting: bool) -> FindingStep:
    """A finding's next step: 待整改 (the school fixes it), 待复查 (fixed: the district
    re-checks it), 已销号 (closed by the re-check)."""
    if state in DONE_STATES:
        return "closed"
    return "to_recheck" if waiting else "to_fix"


# What a line of the plain ``overdue`` report shows of an item: the same names in an Item
# and in its view (``reports.views.item_view``), so either can be cut down to a line.
BRIEF_FIELDS = (
    "state",
    "days_late",
    "workdays_left",
    "due",
    "kind",
    "title",
    "title_en",
    "occurrence",
    "carried_from",
    "basis",
)


# --------------------------------------------------------------------------- items


def _evidence_missing(expected: Iterable[str], recorded: Iterable[str]) -> tuple[str, ...]:
    """An expected item counts as present when a recorded entry names it (prefix or contains)."""
    rec = [r.strip() for r in recorded]
    return tuple(e for e in expected if not any(e in r or r in e for r in rec if r))


def visible(progress: Progress | None, start: dt.date, as_of: dt.date) -> bool:
    """Whether an entry already existed on ``as_of`` (so its status, evidence and notes count).

    A done entry exists from its date; an entry with ``started`` from that day; an undated
    "in progress", "blocked" or "not applicable" from the opening of the task's window.
    """
    if progress is None:
        return False
    if progress.status == "done" and progress.date is not None:
        began = progress.started is not None and progress.started <= as_of
        return progress.date <= as_of or began
    if progress.started is not None:
        return progress.started <= as_of
    return progress.status != "not_started" and as_of >= start


def marked_blocked(prog: Progress | None, start: dt.date, as_of: dt.date) -> bool:
    """The blocked rule, the one place it is written: an item is blocked when its entry, as
    it stood on ``as_of`` (:func:`visible`), says "blocked". Its state is "blocked" unless
    urgency wins (:func:`item_state`); ``Item.blocked`` keeps the fact either way, and the
    digests count it by the same rule."""
    return prog is not None and prog.status == "blocked" and visible(prog, start, as_of)


def item_state(
    progress: Progress | None, start: dt.date, due: dt.date, as_of: dt.date
) -> tuple[ItemState, dt.date | None]:
    """The state of one task occurrence, seen from ``as_of``.

    States are exclusive and urgency wins: an open item past its deadline is "overdue",
    one within a week of it "due soon", even when it is blocked (``Item.blocked`` keeps
    that fact and the reason), so every report counts the same items.
    """
    status = progress.status if progress else "not_started"
    if status == "not_applicable":
        return "not_applicable", None
    if progress and status == "done" and progress.date and progress.date <= as_of:
        return ("done" if progress.date <= due else "done_late"), progress.date
    if as_of > due:
        return "overdue", None
    if (due - as_of).days <= DUE_SOON_DAYS:
        return "due_soon", None
    if status in ("in_progress", "done"):
        # "done" recorded with a later date but started before as_of: under way then
        return ("in_progress" if visible(progress, start, as_of) else "not_yet_due"), None
    if marked_blocked(progress, start, as_of):
        return "blocked", None
    return "not_yet_due", None


def finding_state(finding: Finding, as_of: dt.date) -> tuple[ItemState, dt.date | None]:
    """整改: open until fixed; closed once re-checked (or explicitly closed)."""
    closed = finding.closed or finding.rechecked
    fixed = finding.fixed if finding.fixed and finding.fixed <= as_of else None
    if closed and closed <= as_of and fixed:
        return ("done" if fixed <= finding.fix_by else "done_late"), closed
    if as_of > finding.fix_by and not fixed:
        return "overdue", None
    if fixed:
        return "in_progress", None  # fixed (on time or late), waiting for the re-check: not overdue
    if (finding.fix_by - as_of).days <= DUE_SOON_DAYS:
        return "due_soon", None
    return "in_progress", None


def _days_late(state: ItemState, due: dt.date, done_on: dt.date | None, as_of: dt.date) -> int:
    if state == "done_late" and done_on:
        return (done_on - due).days
    if state == "overdue":
        return (as_of - due).days
    return 0


def progress_key(task_id: str, occurrence: Occurrence | None, single: bool) -> str:
    """The key a school file uses for one occurrence of a task."""
    return task_id if single or occurrence is None else f"{task_id}@{occurrence.key}"


@dataclass(frozen=True)
class Slot:
    """What every unit shares for one task occurrence: computed once per report."""

    task: Task
    section_id: str
    point_id: str
    owner: str
    owner_en: str | None
    key: str
    alt_key: str | None  # a single occurrence may also be written task@occurrence
    occurrence: str | None
    start: dt.date
    due: dt.date
    workdays_left: int
    due_on_holiday: bool
    evidence: tuple[str, ...]
    basis: str  # "document" or "default" (see Item.basis)


def plan_slots(
    plan: Plan, occurrences_of: dict[str, list[Occurrence]], as_of: dt.date
) -> list[Slot]:
    """Every task occurrence of the plan, with what all units share about it."""
    owners = {o.id: o for o in plan.owners}
    out = []
    for section in plan.sections:
        for point in section.points:
            for task in point.tasks:
                occurrences = occurrences_of.get(task.id, [])
                single = len(occurrences) == 1
                for occ in occurrences:
                    out.append(
                        Slot(
                            task=task,
                            section_id=section.id,
                            point_id=point.id,
                            owner=owners[task.owner].name if task.owner in owners else task.owner,
                            owner_en=owners[task.owner].name_en if task.owner in owners else None,
                            key=progress_key(task.id, occ, single),
                            alt_key=f"{task.id}@{occ.key}" if single else None,
                            occurrence=None if single else occ.key,
                            start=occ.start,
                            due=occ.due,
                            workdays_left=workdays_between(as_of, occ.due)
                            if as_of < occ.due
                            else 0,
                            due_on_holiday=not is_workday(occ.due),
                            evidence=tuple(task.evidence),
                            basis=occ.basis,
                        )
                    )
    return out


def slot_progress(slot: Slot, unit: School) -> Progress | None:
    """The unit's progress entry for a task occurrence, if it has one."""
    prog = unit.progress.get(slot.key)
    if prog is None and slot.alt_key is not None:
        prog = unit.progress.get(slot.alt_key)
    return prog


def task_item(slot: Slot, unit: School, as_of: dt.date) -> Item:
    own = task_own(slot, slot_progress(slot, unit), as_of)
    return slot_item(slot, unit.id, unit.name, unit.liaison, own)


class TaskOwn(NamedTuple):
    """What a task item holds that is the unit's own (the rest is its slot's, or the unit's
    name): what a digest keeps of a pressing task (see :class:`TaskRow`)."""

    state: ItemState
    done_on: dt.date | None
    days_late: int
    evidence_recorded: tuple[str, ...]
    evidence_missing: tuple[str, ...]
    reason: str | None
    note: str | None
    wulao: int | None
    students: int | None
    blocked: bool


def task_own(slot: Slot, prog: Progress | None, as_of: dt.date) -> TaskOwn:
    """A task item's own fields, from the unit's entry ``prog`` for the slot."""
    state, done_on = item_state(prog, slot.start, slot.due, as_of)
    seen = prog if visible(prog, slot.start, as_of) else None  # nothing recorded later
    recorded = tuple(seen.evidence) if seen else ()
    if state == "not_applicable":
        missing: tuple[str, ...] = ()
    elif recorded:
        missing = _evidence_missing(slot.evidence, recorded)
    else:
        missing = slot.evidence
    done = state in DONE_STATES
    return TaskOwn(
        state,
        done_on,
        _days_late(state, slot.due, done_on, as_of),
        recorded,
        missing,
        seen.reason if seen else None,
        seen.note if seen else None,
        prog.wulao if prog and done else None,
        prog.students if prog and done else None,
        marked_blocked(prog, slot.start, as_of),
    )


def slot_item(slot: Slot, unit_id: str, unit_name: str, liaison: str | None, own: TaskOwn) -> Item:
    """A task item from its slot and what is the unit's ``own``."""
    state, done_on, days_late, recorded, missing, reason, note, wulao, students, blocked = own
    task = slot.task
    # positional, in field order: a report builds hundreds of thousands of these
    return Item(
        "task",  # kind
        slot.key,
        task.id,
        task.title,
        task.title_en,
        unit_id,
        unit_name,
        liaison,
        slot.owner,
        slot.section_id,
        slot.point_id,
        slot.occurrence,
        slot.start,
        slot.due,
        state,
        done_on,
        days_late,
        slot.workdays_left,
        slot.due_on_holiday,
        slot.evidence,  # evidence_expected
        recorded,
        missing,
        reason,
        note,
        wulao,
        students,
        slot.owner_en,
        blocked,
        False,  # waiting (only findings wait)
        None,  # carried_from (only findings are carried)
        slot.basis,
    )


class TaskRow(NamedTuple):
    """A task among a digest's pressing items: its slot's number among the plan's slots
    (its title, dates and the evidence asked for come back from the slot) and what is the
    unit's own."""

    slot: int
    own: TaskOwn

    @property
    def state(self) -> ItemState:
        return self.own.state


# A pressing item as a digest keeps it: a task in brief, a finding whole.
Row = TaskRow | Item


def _finding_items(
    unit: School,
    audit: Audit,
    as_of: dt.date,
    section: str | None,
    carried_from: int | None = None,
) -> list[Item]:
    out: list[Item] = []
    if audit.date > as_of:
        return out
    for finding in audit.findings:
        state, done_on = finding_state(finding, as_of)
        fixed = finding.fixed if finding.fixed is not None and finding.fixed <= as_of else None
        out.append(
            Item(
                kind="finding",
                key=f"{audit.id}/{finding.id}",
                task_id=None,
                title=finding.text,
                title_en=None,
                unit_id=unit.id,
                unit_name=unit.name,
                liaison=unit.liaison,
                owner=unit.name,
                section_id=section,
                point_id=None,
                occurrence=None,
                start=audit.date,
                due=finding.fix_by,
                state=state,
                done_on=done_on,
                days_late=_days_late(state, finding.fix_by, finding.fixed, as_of),
                workdays_left=workdays_between(as_of, finding.fix_by)
                if as_of < finding.fix_by
                else 0,
                due_on_holiday=not is_workday(finding.fix_by),
                waiting=state == "in_progress" and fixed is not None,
                note=finding.note,
                carried_from=carried_from,
                evidence_recorded=tuple(finding.evidence) if fixed else (),
                fixed_on=fixed,
            )
        )
    return out


# ------------------------------------------------------------------- a unit's items


def unit_slots(
    unit: School, slots: list[Slot], groups: dict[str, frozenset[str]]
) -> Iterator[Slot]:
    """The task occurrences that apply to ``unit``, in plan order."""
    applies: dict[str, bool] = {}
    for slot in slots:
        task = slot.task
        ok = applies.get(task.id)
        if ok is None:
            ok = applies[task.id] = scope_applies(task.scope, unit, groups)
        if ok:
            yield slot


def unit_findings(unit: School, as_of: dt.date, section: str | None = None) -> list[Item]:
    """The unit's audit findings (of audits held by ``as_of``) as items, those still open
    from earlier plan years first; ``section``: the plan's section they count under
    (``findings_section``)."""
    items: list[Item] = []
    for year, audit in carried_audits(unit):
        items.extend(_finding_items(unit, audit, as_of, section, carried_from=year))
    for audit in unit.audits:
        items.extend(_finding_items(unit, audit, as_of, section))
    return items


def unit_items(
    unit: School,
    slots: list[Slot],
    groups: dict[str, frozenset[str]],
    as_of: dt.date,
    findings_section: str | None = None,
) -> list[Item]:
    """Every task occurrence that applies to ``unit``, and its audit findings, as of a date."""
    items = [task_item(slot, unit, as_of) for slot in unit_slots(unit, slots, groups)]
    return items + unit_findings(unit, as_of, findings_section)
