"""Milestones: what each unit adds to one (its mark), and the milestone from every mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..dates import Occurrence
from ..models import Milestone, Plan, School, Task
from .scope import scope_applies

MilestoneState = Literal["met", "met_late", "missed", "at_risk", "pending"]


AT_RISK_DAYS = 30


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
    occurrences: Sequence[Occurrence] = (),
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
    milestone_due: dict[str, Occurrence],
    unit: School,
    groups: dict[str, frozenset[str]],
    as_of: dt.date,
    tasks: dict[str, Task] | None = None,
    occurrences: Mapping[str, Sequence[Occurrence]] | None = None,
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


def year_milestones(
    plan: Plan,
    milestone_due: dict[str, Occurrence],
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
