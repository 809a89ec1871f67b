"""A unit's digest without making its items (:func:`digest_unit`): what :func:`~.digest.
make_digest` makes of them, held equal to it by the tests. The numbers start from what a
unit of its kind with no entries adds (:class:`KindSlots`, worked out once for the
thousands of units of a kind), and only the slots the unit has an entry for, and its
findings, are looked at again, by the same definitions :mod:`.items` uses."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from typing import Any

from ..models import Progress, School, Section
from .digest import (
    _ITEM_FIELDS,
    _ROW,
    PRESSING,
    Digest,
    Layout,
    _in_section,
    _Tally,
    _unit_digest,
)
from .items import Slot, item_state, marked_blocked, task_own, unit_findings
from .milestones import Mark


class KindSlots:
    """What every unit of one kind (see :func:`~.year.scope.scope_kind`) shares in a digest:
    the task occurrences that apply to it (in the report's section, if it has one) and what
    each adds to the digest while the unit has no entry for it. A unit's digest then starts
    from their sum and only looks again at the slots the unit has an entry for.

    ``slots``: the kind's task occurrences (:func:`unit_slots`); ``numbers``: their places
    in the plan's :class:`Slots`.
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
        self.tally = _Tally(places, numbers, as_of, horizon)
        self.deltas: dict[tuple[Any, ...], int] = {}
        self.changes: dict[tuple[int, str, bool], int] = {}
        # progress key → slot (a single occurrence may be written either way)
        self.at: dict[str, int] = {}
        for n, slot in enumerate(self.slots):
            self.at[slot.key] = n
            if slot.alt_key is not None:
                self.at.setdefault(slot.alt_key, n)
        self.blank = [self.row(n, None) for n in range(len(self.slots))]
        self.blank_delta = [
            self.counts("task", row[2], slot.section_id, slot.point_id, row[-1])
            for slot, row in zip(self.slots, self.blank, strict=True)
        ]
        self.counters = sum(self.blank_delta)
        # the pressing rows of a unit with no entries, with their order among its items
        self.pressing = [(self.order(n, row), row) for n, row in enumerate(self.blank) if row[0]]

    def row(self, n: int, prog: Progress | None) -> tuple[Any, ...]:
        """(whether it presses, then the packed row: the slot's number and OWN_FIELDS)."""
        slot = self.slots[n]
        own = task_own(slot, prog, self.as_of)
        presses = self.tally.presses(own[0], slot.due, False)  # (only findings wait)
        return (presses, self.numbers[slot.key], *own)

    def order(self, n: int, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """Where slot ``n``'s ``row`` goes among the unit's pressing items."""
        slot = self.slots[n]
        return _order(row[2], row[4], slot.due, slot.key, n)

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
        """What an item adds to a digest's counters (see :meth:`_Tally.count`)."""
        key = (kind, state, section_id, point_id, blocked, waiting)
        packed = self.deltas.get(key)
        if packed is None:
            tally = _Tally(self.places, self.numbers, self.as_of, self.horizon)
            tally.count(kind, state, section_id, point_id, blocked, waiting)
            packed = self.deltas[key] = self.places.pack(tally.values)
        return packed


def digest_unit(unit: School, kind: KindSlots, marks: dict[str, Mark]) -> Digest:
    """What :func:`make_digest` makes of the unit's items, without making any item: the
    numbers start from its kind's blank slots, and only the slots the unit has an entry
    for, and its findings, are looked at."""
    counters = kind.counters
    pressing = kind.pressing
    progress = unit.progress
    if progress:
        at, slots, blank, changes = kind.at, kind.slots, kind.blank, kind.changes
        as_of, presses = kind.as_of, kind.tally.presses
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
            blocked = prog.status == "blocked" and marked_blocked(prog, slot.start, as_of)
            was = blank[n]
            if state != was[2] or blocked:  # (what the numbers depend on)
                change = changes.get((n, state, blocked))
                counters += kind.change(n, state, blocked) if change is None else change
            if was[0]:
                entered.add(n)
            if presses(state, slot.due, False):  # (only findings wait)
                row = kind.row(n, prog)
                added.append((kind.order(n, row), row))
        if entered:
            pressing = [p for p in pressing if p[0][-1] not in entered]
        pressing = [*pressing, *added]
    findings = _in_section(unit_findings(unit, kind.as_of, kind.findings_section), kind.section)
    if findings:
        pressing = [*pressing]
        presses = kind.tally.presses
        base = len(kind.slots)
        for j, i in enumerate(findings):
            counters += kind.counts(i.kind, i.state, i.section_id, i.point_id, i.blocked, i.waiting)
            if presses(i.state, i.due, i.waiting):
                order = _order(i.state, i.days_late, i.due, i.key, base + j)
                pressing.append((order, (True, *_ROW(i))))
    pressing = sorted(pressing, key=_ORDER)
    has_open = counters & kind.places.open != 0
    first = None
    if pressing:
        order, row = pressing[0]
        state = row[2] if row[1].__class__ is int else row[1 + _STATE]
        if state in PRESSING:  # (its urgency, the unit's id put back)
            first = (order[0], order[1], order[2], unit.id, order[3])
    rows = [row[1:] for _, row in pressing]
    return _unit_digest(unit, kind.as_of, has_open, counters, first, rows, marks)


def _order(state: str, days_late: int, due: dt.date, key: str, n: int) -> tuple[Any, ...]:
    """Where an item goes among its unit's pressing items: :func:`urgency` (but the unit's
    id, the same for all), then the order the unit's items come in (tasks in plan order,
    then findings)."""
    return (state != "overdue", -days_late, due.toordinal(), key, n)


_ORDER = operator.itemgetter(0)


_STATE = _ITEM_FIELDS.index("state")
