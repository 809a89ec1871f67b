"""Where the year stands: pure functions from loaded models and a date to result objects.

No I/O, no printing.  Every report (status, audit, overdue, timeline, export) is built
from :func:`compute`, so they all agree on every number.

The as-of date is honoured everywhere: progress recorded with a later date does not
count yet, so ``--as-of 2022-03-31`` shows the year as it stood that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from ..dates import Occurrence
from ..models import Plan, School
from .items import Item, plan_slots, unit_items
from .milestones import MilestoneResult, unit_marks, year_milestones


class PlanYear(Protocol):
    """What :func:`compute` reads of a plan year as loaded (``workspace.loader.Loaded``):
    the plan, its dates, its groups and its units, however they were found."""

    @property
    def plan(self) -> Plan: ...

    @property
    def occurrences(self) -> dict[str, list[Occurrence]]: ...

    @property
    def milestone_due(self) -> dict[str, Occurrence]: ...

    @property
    def groups(self) -> dict[str, frozenset[str]]: ...

    def units(self) -> list[School]: ...


@dataclass
class YearState:
    as_of: dt.date
    year: int
    year_start: dt.date
    year_end: dt.date
    items: list[Item]
    milestones: list[MilestoneResult]


def compute(loaded: PlanYear, as_of: dt.date) -> YearState:
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
