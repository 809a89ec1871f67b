"""Rates and summaries: items added up, for a unit, a section or the year."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import School
from .items import Item


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
