"""Where the year stands: pure functions from loaded models and a date to result objects.

No I/O, no printing.  Every report (status, audit, overdue, timeline, export) is built
from :func:`compute`, so they all agree on every number.

The as-of date is honoured everywhere: progress recorded with a later date does not
count yet, so ``--as-of 2022-03-31`` shows the year as it stood that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from . import dates
from .loading import Loaded, progress_key
from .models import Audit, Finding, Milestone, Plan, Progress, School, Task
from .year.scope import scope_applies
from .years import carried_audits

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
MilestoneState = Literal["met", "met_late", "missed", "at_risk", "pending"]

# Deadlines repeat across schools: memoise the calendar look-ups.
is_workday = lru_cache(maxsize=8192)(dates.is_workday)
workdays_between = lru_cache(maxsize=8192)(dates.workdays_between)

DONE_STATES: frozenset[str] = frozenset({"done", "done_late"})
OPEN_STATES: frozenset[str] = frozenset(
    {"in_progress", "due_soon", "overdue", "not_yet_due", "blocked"}
)
DUE_SOON_DAYS = 7
AT_RISK_DAYS = 30
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


@dataclass(frozen=True)
class Rate:
    done: int
    total: int  # applicable items (not_applicable excluded)
    due: int  # applicable items whose deadline has passed
    done_of_due: int

    @property
    def ratio(self) -> float | None:
        """Share done; ``None`` when nothing applies (shown as "—", never as 100%)."""
        return self.done / self.total if self.total else None


@dataclass(frozen=True)
class MilestoneResult:
    id: str
    title: str
    title_en: str | None
    section_id: str
    when: str
    due: dt.date
    basis: str  # "document" or "default", as for an item
    target_min: int  # the units (or steps) needed; for a share, worked out from the candidates
    target_max: int | None
    state: MilestoneState
    count_by_due: int  # achieved on or before the deadline
    count_now: int  # achieved by the as-of date (may include late ones)
    achieved: tuple[str, ...]  # unit ids counted (as of the report date)
    late: tuple[str, ...]  # unit ids achieved after the deadline
    pending: tuple[str, ...]  # unit ids expected to contribute and not there yet
    days_left: int  # negative when the deadline has passed
    over_max: bool
    target_share: str | None = None  # "80%" or "all" when the plan asks for a share


@dataclass(frozen=True)
class SchoolSummary:
    id: str
    name: str
    type: str
    liaison: str | None
    parent: str | None
    rate: Rate
    counts: dict[str, int]
    overdue: int
    blocked: int
    due_soon: int
    open_findings: int
    last_activity: dt.date | None
    overdue_findings: int = 0  # open findings past their fix-by date (among ``overdue``)
    waiting_findings: int = 0  # fixed findings waiting for the re-check (among the open)

    @property
    def risk_key(self) -> RiskKey:
        """Riskiest first: overdue tasks, then open findings past their fix-by date,
        blocked items, items due soon, and the oldest last activity (none at all first)."""
        last = self.last_activity.toordinal() if self.last_activity else 0
        return risk_key(
            self.overdue - self.overdue_findings,
            self.overdue_findings,
            self.blocked,
            self.due_soon,
            last,
            self.id,
        )


RiskKey = tuple[int, int, int, int, int, str]


def risk_key(
    overdue_tasks: int, overdue_findings: int, blocked: int, due_soon: int, last: int, unit_id: str
) -> RiskKey:
    """The order of schools by risk (see :attr:`SchoolSummary.risk_key`)."""
    return (-overdue_tasks, -overdue_findings, -blocked, -due_soon, last, unit_id)


@dataclass
class YearState:
    as_of: dt.date
    year: int
    year_start: dt.date
    year_end: dt.date
    items: list[Item]
    milestones: list[MilestoneResult]


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
    started = visible(progress, start, as_of)
    if status == "blocked" and started:
        return "blocked", None
    if status in ("in_progress", "done") and started:
        # "done" recorded with a later date but started before as_of: under way then
        return "in_progress", None
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
    plan: Plan, occurrences_of: dict[str, list[dates.Occurrence]], as_of: dt.date
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


def marked_blocked(prog: Progress | None, start: dt.date, as_of: dt.date) -> bool:
    """Whether the entry said "blocked" on ``as_of`` (an item's ``blocked``)."""
    return prog is not None and prog.status == "blocked" and visible(prog, start, as_of)


def task_item(slot: Slot, unit: School, as_of: dt.date) -> Item:
    own = task_own(slot, slot_progress(slot, unit), as_of)
    return slot_item(slot, unit.id, unit.name, unit.liaison, own)


def task_own(slot: Slot, prog: Progress | None, as_of: dt.date) -> tuple[Any, ...]:
    """A task item's :data:`OWN_FIELDS`, from the unit's entry ``prog`` for the slot."""
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
    return (
        state,
        done_on,
        _days_late(state, slot.due, done_on, as_of),
        recorded,
        missing,
        seen.reason if seen else None,
        seen.note if seen else None,
        prog.wulao if prog and done else None,
        prog.students if prog and done else None,
        seen is not None and seen.status == "blocked",  # (what marked_blocked says)
    )


# What a task item holds that is the unit's own (the rest is its slot's, or the unit's name).
OWN_FIELDS = (
    "state",
    "done_on",
    "days_late",
    "evidence_recorded",
    "evidence_missing",
    "reason",
    "note",
    "wulao",
    "students",
    "blocked",
)


def slot_item(
    slot: Slot, unit_id: str, unit_name: str, liaison: str | None, own: tuple[Any, ...]
) -> Item:
    """A task item from its slot and its ``own`` :data:`OWN_FIELDS`."""
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


# ---------------------------------------------------------------------- milestones


def _step_dates(unit: School, step: str, result: str | None) -> list[dt.date]:
    if unit.youzhihua is None:
        return []
    return sorted(
        s.date
        for s in unit.youzhihua.steps
        if s.step == step and (result is None or s.result == result)
    )


Mark = tuple[bool, dt.date | None]  # (counted for the milestone, first achieved by as-of)


def milestone_mark(
    ms: Milestone,
    unit: School,
    groups: dict[str, frozenset[str]],
    tasks: dict[str, Task],
    year: int,
    as_of: dt.date,
    occurrences: Sequence[dates.Occurrence] = (),
    due: dt.date | None = None,
) -> Mark:
    """One unit's part in a milestone: whether it is expected to count, and since when it does.

    For a task done once per term (or month, or festival) — ``occurrences``, the counted
    task's — a unit counts once it has done each occurrence that opens by the milestone's
    ``due`` date: "每学期至少一次" is one entry a term, however many the unit records."""
    count = ms.count
    is_office = unit.type == "office"
    if count.group is not None:
        candidate = not is_office and unit.id in groups.get(count.group, frozenset())
    elif count.task is not None:
        candidate = scope_applies(tasks[count.task].scope, unit, groups)
    else:
        candidate = not is_office
    if not candidate:
        return False, None
    year_start = dt.date(year, 1, 1)
    if count.step is not None:
        # an application counts for this year's plan only if it was made this year
        dates = [
            d
            for d in _step_dates(unit, count.step, count.result)
            if d >= year_start or count.step != "apply"
        ]
    elif len(occurrences) > 1:
        wanted = [o for o in occurrences if due is None or o.start <= due] or occurrences[:1]
        finished: list[dt.date] = []
        for o in wanted:
            p = unit.progress.get(f"{count.task}@{o.key}")
            if p is None or p.status != "done" or p.date is None or p.date > as_of:
                return True, None
            finished.append(p.date)
        return True, max(finished)
    else:
        dates = [
            p.date
            for key, p in unit.progress.items()
            if key.partition("@")[0] == count.task and p.status == "done" and p.date
        ]
    return True, min((d for d in dates if d <= as_of), default=None)


def milestone_result(
    ms: Milestone,
    due: dt.date,
    as_of: dt.date,
    marks: Iterable[tuple[str, Mark]],
    basis: str = "default",
) -> MilestoneResult:
    """A milestone from every unit's mark (see :func:`milestone_mark`)."""
    first_done: dict[str, dt.date] = {}
    candidates: list[str] = []
    for unit_id, (candidate, first) in marks:
        if candidate:
            candidates.append(unit_id)
            if first is not None:
                first_done[unit_id] = first
    by_due = sorted(u for u, d in first_done.items() if d <= due)
    late = sorted(u for u, d in first_done.items() if d > due)
    achieved = sorted(first_done)
    pending = sorted(u for u in candidates if u not in first_done)
    days_left = (due - as_of).days
    n_due, n_now = len(by_due), len(achieved)
    need = target_count(ms.min, len(candidates))
    state: MilestoneState
    if as_of > due:
        if n_due >= need:
            state = "met"
        elif n_now >= need:
            state = "met_late"
        else:
            state = "missed"
    elif n_now >= need:
        state = "met"
    elif days_left <= AT_RISK_DAYS or len(pending) + n_now < need:
        state = "at_risk"
    else:
        state = "pending"
    return MilestoneResult(
        id=ms.id,
        title=ms.title,
        title_en=ms.title_en,
        section_id=ms.section,
        when=ms.when,
        due=due,
        basis=basis,
        target_min=need,
        target_max=ms.max,
        state=state,
        count_by_due=n_due,
        count_now=n_now,
        achieved=tuple(achieved),
        late=tuple(late),
        pending=tuple(pending),
        days_left=days_left,
        over_max=ms.max is not None and n_now > ms.max,
        target_share=ms.min if isinstance(ms.min, str) else None,
    )


def target_count(target: int | str, candidates: int) -> int:
    """How many a milestone needs: its number, or its share (``80%``, ``all``) of the
    ``candidates`` (rounded up: 80% of 14 schools is 12)."""
    if isinstance(target, int):
        return target
    if target == "all":
        return candidates
    return -(-int(target.rstrip("%")) * candidates // 100)


def unit_marks(
    plan: Plan,
    milestone_due: dict[str, dates.Occurrence],
    unit: School,
    groups: dict[str, frozenset[str]],
    as_of: dt.date,
    tasks: dict[str, Task] | None = None,
    occurrences: Mapping[str, Sequence[dates.Occurrence]] | None = None,
) -> dict[str, Mark]:
    """A unit's mark for every milestone of the plan that has a date (``tasks``: the
    plan's by id, when the caller has them already; ``occurrences``: the plan's task dates,
    for milestones that count a recurring task once per occurrence)."""
    if tasks is None:
        tasks = {t.id: t for t in plan.tasks()}
    occs = occurrences or {}
    return {
        ms.id: milestone_mark(
            ms,
            unit,
            groups,
            tasks,
            plan.year,
            as_of,
            occs.get(ms.count.task, ()) if ms.count.task else (),
            milestone_due[ms.id].due,
        )
        for ms in plan.milestones
        if ms.id in milestone_due
    }


# --------------------------------------------------------------------------- rates


NO_PARTS = (0, 0, 0, 0)
DONE_PARTS = (1, 1, 1, 1)
LATE_PARTS = (0, 1, 1, 0)
OPEN_PARTS = (0, 1, 0, 0)


# Not applicable counts nowhere; done counts as done and due; an open item counts as due
# once its deadline has passed, that is when it is overdue (an open item is never late in
# any other state).
STATE_PARTS: dict[str, tuple[int, int, int, int]] = {
    "not_applicable": NO_PARTS,
    "done": DONE_PARTS,
    "done_late": DONE_PARTS,
    "overdue": LATE_PARTS,
    "in_progress": OPEN_PARTS,
    "due_soon": OPEN_PARTS,
    "not_yet_due": OPEN_PARTS,
    "blocked": OPEN_PARTS,
}


def rate(items: Iterable[Item]) -> Rate:
    done = total = due = done_of_due = 0
    for i in items:
        a, b, c, d = STATE_PARTS[i.state]  # (done, total, due, done_of_due)
        done += a
        total += b
        due += c
        done_of_due += d
    return Rate(done=done, total=total, due=due, done_of_due=done_of_due)


def last_activity(unit: School, as_of: dt.date) -> dt.date | None:
    """The latest day by ``as_of`` on which the unit's file records something."""
    # (list comprehensions, not a generator: this runs for every school of a first run)
    progress = unit.progress.values()
    dates: list[dt.date | None] = [p.date for p in progress]
    dates += [p.started for p in progress]
    for a in unit.audits:
        dates.append(a.date)
        for f in a.findings:
            dates += (f.fixed, f.rechecked, f.closed)
    dates += [a.date for a in unit.activities]
    if unit.youzhihua:
        dates += [s.date for s in unit.youzhihua.steps]
    known = [d for d in dates if d is not None and d <= as_of]
    return max(known) if known else None


def summarise_unit(unit: School, items: list[Item], as_of: dt.date) -> SchoolSummary:
    counts = Counter(i.state for i in items)
    return SchoolSummary(
        id=unit.id,
        name=unit.name,
        type=unit.type,
        liaison=unit.liaison,
        parent=unit.parent,
        rate=rate(i for i in items if i.kind == "task"),
        counts={str(k): v for k, v in counts.items()},
        overdue=counts["overdue"],
        blocked=sum(1 for i in items if i.blocked and i.is_open),
        due_soon=counts["due_soon"],
        open_findings=sum(1 for i in items if i.kind == "finding" and i.is_open),
        last_activity=last_activity(unit, as_of),
        overdue_findings=sum(1 for i in items if i.kind == "finding" and i.state == "overdue"),
        waiting_findings=sum(1 for i in items if i.kind == "finding" and i.is_open and i.waiting),
    )


# ------------------------------------------------------------------------- compute


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


def year_milestones(
    plan: Plan,
    milestone_due: dict[str, dates.Occurrence],
    as_of: dt.date,
    marks: dict[str, dict[str, Mark]],
) -> list[MilestoneResult]:
    """Every dated milestone from the units' marks (unit id → milestone id → mark)."""
    return [
        milestone_result(
            ms,
            milestone_due[ms.id].due,
            as_of,
            ((uid, m[ms.id]) for uid, m in marks.items()),
            milestone_due[ms.id].basis,
        )
        for ms in plan.milestones
        if ms.id in milestone_due
    ]


def compute(loaded: Loaded, as_of: dt.date) -> YearState:
    """The whole year's state as of a date."""
    items: list[Item] = []
    plan = loaded.plan
    slots = plan_slots(plan, loaded.occurrences, as_of)
    for unit in loaded.units():
        items.extend(unit_items(unit, slots, loaded.groups, as_of, plan.findings_section))
    tasks = {t.id: t for t in plan.tasks()}
    marks = {
        u.id: unit_marks(
            plan, loaded.milestone_due, u, loaded.groups, as_of, tasks, loaded.occurrences
        )
        for u in loaded.units()
    }
    return YearState(
        as_of=as_of,
        year=plan.year,
        year_start=dt.date(plan.year, 1, 1),
        year_end=dt.date(plan.year, 12, 31),
        items=items,
        milestones=year_milestones(plan, loaded.milestone_due, as_of, marks),
    )
