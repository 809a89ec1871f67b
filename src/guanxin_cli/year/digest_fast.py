"""A unit's digest without making its items (:func:`digest_unit`): what
:func:`~.digest.make_digest` makes of them, held equal to it by the tests. The numbers start
from what a unit of its kind with no entries adds (:class:`KindSlots`, worked out once for
the thousands of units of a kind), and only the slots the unit has an entry for, and its
findings, are looked at again, by the same definitions :mod:`.items` uses."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from typing import Any, NamedTuple

from ..models import Progress, School, Section
from .digest import PRESSING, Digest, Layout, Tally, in_section, packed_digest
from .items import (
    Row,
    Slot,
    TaskOwn,
    TaskRow,
    item_state,
    marked_blocked,
    task_own,
    unit_findings,
)
from .milestones import Mark


class Order(NamedTuple):
    """Where an item goes among its unit's pressing items: its urgency
    (:func:`~.digest.urgency`, but the unit's id, the same for all), then the order the
    unit's items come in (tasks in plan order, then findings)."""

    not_overdue: bool
    days_early: int  # the days late, negative
    due: int  # the deadline's day number
    key: str
    n: int


class Pressing(NamedTuple):
    """One of a unit's pressing items on its way into the digest."""

    order: Order
    row: Row


def _order(state: str, days_late: int, due: dt.date, key: str, n: int) -> Order:
    return Order(state != "overdue", -days_late, due.toordinal(), key, n)


class KindSlots:
    """What every unit of one kind (see :func:`~.scope.scope_kind`) shares in a digest:
    the task occurrences that apply to it (in the report's section, if it has one) and what
    each adds to the digest while the unit has no entry for it. A unit's digest then starts
    from their sum and only looks again at the slots the unit has an entry for.

    ``slots``: the kind's task occurrences (:func:`~.items.unit_slots`); ``numbers``: their
    places in the plan's :class:`~.digest.Slots`.
    """

    def __init__(
        self,
        slots: Iterable[Slot],
        section: Section | None,
        places: Layout,
        numbers: dict[str, int],
        as_of: dt.date,
        horizon: int,
        findings_section: str | None = None,
    ) -> None:
        self.slots = [s for s in slots if section is None or s.section_id == section.id]
        self.section = section
        self.findings_section = findings_section
        self.places = places
        self.as_of = as_of
        self.horizon = horizon
        self.numbers = numbers
        self.tally = Tally(places, numbers, as_of, horizon)
        self.deltas: dict[tuple[Any, ...], int] = {}
        self.changes: dict[tuple[int, str, bool], int] = {}
        # progress key → slot (a single occurrence may be written either way)
        self.at: dict[str, int] = {}
        for n, slot in enumerate(self.slots):
            self.at[slot.key] = n
            if slot.alt_key is not None:
                self.at.setdefault(slot.alt_key, n)
        # each slot as it is while the unit has no entry for it
        self.blank = [self.own(n, None) for n in range(len(self.slots))]
        self.blank_delta = [
            self.counts("task", own.state, slot.section_id, slot.point_id, own.blocked)
            for slot, own in zip(self.slots, self.blank, strict=True)
        ]
        self.blank_presses = [self.presses(n, own) for n, own in enumerate(self.blank)]
        self.counters = sum(self.blank_delta)
        # the pressing items of a unit with no entries
        self.pressing = [
            self.pressing_task(n, own) for n, own in enumerate(self.blank) if self.blank_presses[n]
        ]

    def own(self, n: int, prog: Progress | None) -> TaskOwn:
        """Slot ``n``'s task item's own fields, with the unit's entry ``prog``."""
        return task_own(self.slots[n], prog, self.as_of)

    def presses(self, n: int, own: TaskOwn) -> bool:
        """Whether slot ``n``'s task item goes among the unit's pressing items."""
        return self.tally.presses(own.state, self.slots[n].due, False)  # (only findings wait)

    def pressing_task(self, n: int, own: TaskOwn) -> Pressing:
        """Slot ``n``'s task item as a pressing one: its order and its row."""
        slot = self.slots[n]
        order = _order(own.state, own.days_late, slot.due, slot.key, n)
        return Pressing(order, TaskRow(self.numbers[slot.key], own))

    def change(self, n: int, state: str, blocked: bool) -> int:
        """What an entry that puts slot ``n`` in ``state`` changes in a digest's counters
        (kept in :attr:`changes`)."""
        slot = self.slots[n]
        change = self.counts("task", state, slot.section_id, slot.point_id, blocked)
        change -= self.blank_delta[n]
        self.changes[(n, state, blocked)] = change
        return change

    def counts(
        self,
        kind: str,
        state: str,
        section_id: str | None,
        point_id: str | None,
        blocked: bool,
        waiting: bool = False,
    ) -> int:
        """What an item adds to a digest's counters (see :meth:`~.digest.Tally.count`)."""
        key = (kind, state, section_id, point_id, blocked, waiting)
        packed = self.deltas.get(key)
        if packed is None:
            tally = Tally(self.places, self.numbers, self.as_of, self.horizon)
            tally.count(kind, state, section_id, point_id, blocked, waiting)
            packed = self.deltas[key] = self.places.pack(tally.values)
        return packed


def digest_unit(unit: School, kind: KindSlots, marks: dict[str, Mark]) -> Digest:
    """What :func:`~.digest.make_digest` makes of the unit's items, without making any
    item: the numbers start from its kind's blank slots, and only the slots the unit has an
    entry for, and its findings, are looked at."""
    counters = kind.counters
    pressing = kind.pressing
    progress = unit.progress
    if progress:
        at, slots, blank, changes = kind.at, kind.slots, kind.blank, kind.changes
        as_of, presses, blank_presses = kind.as_of, kind.tally.presses, kind.blank_presses
        entered: set[int] = set()  # slots pressing while blank, that have an entry
        added = []
        for key, prog in progress.items():
            n = at.get(key)
            if n is None:
                continue  # another section's
            slot = slots[n]
            if key != slot.key and slot.key in progress:
                continue  # written both ways: the task's own key wins
            state = item_state(prog, slot.start, slot.due, as_of)[0]
            blocked = marked_blocked(prog, slot.start, as_of)
            if state != blank[n].state or blocked:  # (what the numbers depend on)
                change = changes.get((n, state, blocked))
                counters += kind.change(n, state, blocked) if change is None else change
            if blank_presses[n]:
                entered.add(n)
            if presses(state, slot.due, False):  # (only findings wait)
                added.append(kind.pressing_task(n, kind.own(n, prog)))
        if entered:
            pressing = [p for p in pressing if p.order.n not in entered]
        pressing = [*pressing, *added]
    findings = in_section(unit_findings(unit, kind.as_of, kind.findings_section), kind.section)
    if findings:
        pressing = [*pressing]
        presses = kind.tally.presses
        base = len(kind.slots)
        for j, i in enumerate(findings):
            counters += kind.counts(i.kind, i.state, i.section_id, i.point_id, i.blocked, i.waiting)
            if presses(i.state, i.due, i.waiting):
                pressing.append(Pressing(_order(i.state, i.days_late, i.due, i.key, base + j), i))
    pressing = sorted(pressing, key=_ORDER)
    has_open = counters & kind.places.open != 0
    first = None
    if pressing and pressing[0].row.state in PRESSING:
        top = pressing[0].order  # (its urgency, the unit's id put back)
        first = (top.not_overdue, top.days_early, top.due, unit.id, top.key)
    rows = [p.row for p in pressing]
    return packed_digest(unit, kind.as_of, has_open, counters, first, rows, marks)


_ORDER = operator.attrgetter("order")
