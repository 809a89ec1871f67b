"""Per-unit digests: what ``status`` and ``overdue`` need from one school file, in brief.

A report over 20,000 schools cannot afford to rebuild 800,000 items on every run. Each
unit is reduced to a :class:`Digest`: every number it adds to the year (packed in one
integer, see :class:`Layout`), its overdue and soon-due items (packed small, see
:func:`_pack`) and its part in each milestone. :func:`make_digest` adds up a unit's items,
the reference; :func:`~.digest_fast.digest_unit` makes the same digest without making any
item, and tests hold the two equal. The reports add digests up.

A digest depends on nothing but its own file, the plan file, the as-of date, the
look-ahead window and the code, so :func:`~guanxin_cli.collect.collect` keeps them in a
cache keyed by exactly those (see ``cache.py``), and makes the missing ones in worker
processes when there are many.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
import sys
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import digest_plain
from ..models import Plan, School, Section
from ..plain import Malformed
from .items import (
    BRIEF_FIELDS,
    OPEN_STATES,
    STATE_ORDER,
    Item,
    Row,
    Slot,
    TaskOwn,
    TaskRow,
    slot_item,
)
from .milestones import Mark
from .rates import STATE_PARTS, Rate, RiskKey, SchoolSummary, last_activity, risk_key

URGENT_KEEP = 10  # the most urgent items a digest keeps for ``status``
PRESSING = ("overdue", "due_soon")  # the states ``status`` lists as most urgent


Urgency = tuple[bool, int, int, str, str]


def urgency(i: Item) -> Urgency:
    """Most urgent first: overdue before due soon, then the longest late, then the earliest."""
    return (i.state != "overdue", -i.days_late, i.due.toordinal(), i.unit_id, i.key)


_U32 = next(code for code in "IL" if array(code).itemsize == 4)


class Layout:
    """Where each number a unit adds to the year sits in its digest's ``counters``.

    A digest keeps every additive number (task completion overall, by section and by
    point; items by state; blocked; open findings; overdue by section) in one integer,
    32 bits a number: adding up 20,000 digests is then 20,000 additions of one integer,
    and reading one from the cache makes one object instead of a hundred. A number stays
    in its own 32 bits as long as it is below 2**32, which counts of items never reach.
    """

    def __init__(self, plan: Plan) -> None:
        names = ["rate.done", "rate.total", "rate.due", "rate.done_of_due"]
        names += [f"state.{s}" for s in STATE_ORDER] + ["blocked", "open_findings"]
        names += ["findings_overdue", "findings_waiting"]
        names += [f"overdue.{s.id}" for s in plan.sections]
        ids = [s.id for s in plan.sections] + [p.id for s in plan.sections for p in s.points]
        for ident in ids:
            names += [f"part.{ident}.{k}" for k in ("done", "total", "due", "done_of_due")]
        self.at = {name: n for n, name in enumerate(names)}
        self.size = len(names)
        # where an item adds itself: by state, by section and point (a Rate's first number)
        self.state: dict[str, int] = {s: self.at[f"state.{s}"] for s in STATE_ORDER}
        self.part = {ident: self.at[f"part.{ident}.done"] for ident in ids}
        self.overdue = {s.id: self.at[f"overdue.{s.id}"] for s in plan.sections}
        # every open state's number at once: some open item ⇔ counters & open != 0
        self.open = sum(0xFFFFFFFF << (32 * self.state[s]) for s in OPEN_STATES)

    def zeros(self) -> list[int]:
        return [0] * self.size

    def pack(self, values: list[int]) -> int:
        return int.from_bytes(array(_U32, values).tobytes(), sys.byteorder)

    def unpack(self, counters: int) -> list[int]:
        values = array(_U32)
        values.frombytes(counters.to_bytes(4 * self.size, sys.byteorder))
        return values.tolist()

    def get(self, counters: int, name: str) -> int:
        """One number, without unpacking them all."""
        return (counters >> (32 * self.at[name])) & 0xFFFFFFFF

    def rate(self, values: list[int], ident: str | None = None) -> Rate:
        """Task completion overall, or of a section or point."""
        at = self.at["rate.done"] if ident is None else self.part[ident]
        return Rate(*values[at : at + 4])

    def summary(self, d: Digest) -> SchoolSummary:
        values = self.unpack(d.counters)
        at = self.at
        counts = {s: values[n] for s, n in self.state.items() if values[n]}
        return SchoolSummary(
            id=d.id,
            name=d.name,
            type=d.type,
            liaison=d.liaison,
            parent=d.parent,
            rate=self.rate(values),
            counts=counts,
            overdue=counts.get("overdue", 0),
            blocked=values[at["blocked"]],
            due_soon=counts.get("due_soon", 0),
            open_findings=values[at["open_findings"]],
            last_activity=dt.date.fromordinal(d.last_activity) if d.last_activity else None,
            overdue_findings=values[at["findings_overdue"]],
            waiting_findings=values[at["findings_waiting"]],
        )

    def risk_key(self, d: Digest) -> RiskKey:
        """:attr:`SchoolSummary.risk_key` of the digest's unit."""
        c = d.counters
        late_findings = self.get(c, "findings_overdue")
        return risk_key(
            self.get(c, "state.overdue") - late_findings,
            late_findings,
            self.get(c, "blocked"),
            self.get(c, "state.due_soon"),
            d.last_activity,
            d.id,
        )


@dataclass(slots=True)
class Digest:
    id: str
    name: str
    type: str
    liaison: str | None
    parent: str | None  # the unit between it and the office, if any
    last_activity: int  # the day's ordinal; 0: nothing recorded yet
    has_open: bool
    counters: int  # every number the unit adds to the year, packed (see Layout)
    first: Urgency | None  # the key of its most urgent overdue or due-soon item
    packed: bytes  # its overdue items and open items due within the window (see _pack)
    brief: bytes | None  # the same items as a line of ``overdue`` needs them (see _brief)
    marks: dict[str, Mark]


# A pressing item travels most urgent first, a task as a TaskRow (its slot's number and its
# own fields: titles, owners, dates and the evidence asked for come back from the same plan
# slots, so the cache stays small and 200,000 items unpack quickly). A finding travels whole.
_OWN = operator.attrgetter(*TaskOwn._fields)


def _rows(items: list[Item], numbers: dict[str, int]) -> list[Row]:
    """The rows :func:`_pack` packs. ``numbers``: each slot's place in the plan's slots,
    by its progress key."""
    rows: list[Row] = []
    for i in items:
        n = numbers.get(i.key) if i.kind == "task" else None
        rows.append(i if n is None else TaskRow(n, TaskOwn(*_OWN(i))))
    return rows


def _pack(rows: list[Row]) -> bytes:
    return digest_plain.pack_rows(rows)


# A line of ``overdue`` needs only a task row's slot, state and days late (the rest of its
# BRIEF_FIELDS are the slot's): three 32-bit numbers a row, read back without unpacking
# the evidence, reasons and notes. A unit with a finding among them has none: its lines
# come from the packed rows.
_I32 = next(code for code in "il" if array(code).itemsize == 4)
_STATE_CODE = {s: n for n, s in enumerate(STATE_ORDER)}


def _brief(rows: list[Row]) -> bytes | None:
    numbers = array(_I32)
    for row in rows:
        if not isinstance(row, TaskRow):
            return None  # a finding
        own = row.own
        numbers.extend((row.slot, _STATE_CODE[own.state], own.days_late))
    return numbers.tobytes()


class Slots:
    """The plan's slots as of a date, for turning packed rows back into items or lines.

    Rows from the cache are checked as they are unpacked; where a digest's are not what a
    digest holds (a cache damaged or made to look right), ``remake`` gives the unit's
    digest made again from its file, and its rows are used instead."""

    def __init__(self, slots: list[Slot], remake: Callable[[Digest], Digest] | None = None) -> None:
        self.slots = slots
        self.remake = remake
        self.numbers = {s.key: n for n, s in enumerate(slots)}
        # a task line's BRIEF_FIELDS after its state and days late
        self.tails = [
            (
                s.workdays_left,
                s.due,
                "task",
                s.task.title,
                s.task.title_en,
                s.occurrence,
                None,  # carried_from: only findings are carried
                s.basis,
            )
            for s in slots
        ]

    def rows(self, d: Digest) -> list[Row]:
        """The digest's pressing items as :func:`_rows` gave them, checked."""
        try:
            return digest_plain.unpack_rows(d.packed, len(self.slots))
        except Malformed:
            if self.remake is None:
                raise
            return digest_plain.unpack_rows(self.remake(d).packed, len(self.slots))

    def items(self, d: Digest) -> list[Item]:
        """The digest's pressing items, most urgent first."""
        slots = self.slots
        liaison = d.liaison
        return [
            slot_item(slots[row.slot], d.id, d.name, liaison, row.own)
            if isinstance(row, TaskRow)
            else row
            for row in self.rows(d)
        ]

    def brief(self, d: Digest) -> list[tuple[Any, ...]]:
        """The same items' :data:`BRIEF_FIELDS` (what a line of ``overdue`` shows)."""
        tails = self.tails
        if d.brief is not None:
            try:
                numbers = digest_plain.brief_numbers(d.brief, len(tails))
            except Malformed:
                if self.remake is None:
                    raise
                return self.brief(self.remake(d))
            states = STATE_ORDER
            rows = zip(numbers[::3], numbers[1::3], numbers[2::3], strict=True)
            return [(states[s], late, *tails[n]) for n, s, late in rows]
        return [
            (row.own.state, row.own.days_late, *tails[row.slot])
            if isinstance(row, TaskRow)
            else _FINDING_BRIEF(row)
            for row in self.rows(d)
        ]


_FINDING_BRIEF = operator.attrgetter(*BRIEF_FIELDS)


def most_urgent(slots: Slots, digests: Iterable[Digest]) -> list[Item]:
    """The URGENT_KEEP most urgent overdue / due-soon items of all ``digests``.

    Only the units whose own most urgent item ranks among the first URGENT_KEEP can hold
    one: any item of another unit has that many before it. A unit's overdue and due-soon
    items lead its pressing ones (overdue first, then by deadline), so they are unpacked
    for those few units only.
    """
    top = heapq.nsmallest(URGENT_KEEP, (d for d in digests if d.first is not None), key=_first)
    candidates: list[Item] = []
    for d in top:
        for i in slots.items(d)[:URGENT_KEEP]:
            if i.state not in PRESSING:
                break
            candidates.append(i)
    return heapq.nsmallest(URGENT_KEEP, candidates, key=urgency)


def _first(d: Digest) -> Urgency:
    assert d.first is not None
    return d.first


class Tally:
    """One unit's numbers, added up an item at a time (see :func:`make_digest`)."""

    def __init__(
        self, places: Layout, numbers: dict[str, int], as_of: dt.date, horizon: int
    ) -> None:
        self.layout = places
        self.rate_at = places.at["rate.done"]
        self.blocked_at = places.at["blocked"]
        self.findings_at = places.at["open_findings"]
        self.late_findings_at = places.at["findings_overdue"]
        self.waiting_at = places.at["findings_waiting"]
        self.numbers = numbers
        self.as_of = as_of
        self.horizon = horizon
        self.values = places.zeros()
        self.has_open = False
        self.pressing: list[Item] = []

    def count(
        self,
        kind: str,
        state: str,
        section_id: str | None,
        point_id: str | None,
        blocked: bool,
        waiting: bool = False,
    ) -> None:
        """An item's share of the numbers (what :func:`summarise_unit` counts)."""
        layout, values = self.layout, self.values
        values[layout.state[state]] += 1
        if kind == "task" and section_id is not None and point_id is not None:  # (it has both)
            a, b, c, d = STATE_PARTS[state]
            for n in (self.rate_at, layout.part[section_id], layout.part[point_id]):
                values[n] += a
                values[n + 1] += b
                values[n + 2] += c
                values[n + 3] += d
        if state == "overdue" and section_id in layout.overdue:
            # (findings count under section 三 of the 2022 plan, which a plan may not have)
            values[layout.overdue[section_id]] += 1
        if state in OPEN_STATES:
            self.has_open = True
            values[self.blocked_at] += blocked
            if kind == "finding":
                values[self.findings_at] += 1
                values[self.late_findings_at] += state == "overdue"
                values[self.waiting_at] += waiting

    def presses(self, state: str, due: dt.date, waiting: bool) -> bool:
        """Whether an item goes among the pressing ones: overdue, or open and due within
        the window (every "due soon" item is too: the window is at least DUE_SOON_DAYS;
        fixed findings wait for the district's re-check, not for the school)."""
        if state == "overdue":
            return True
        return state in OPEN_STATES and not waiting and 0 <= (due - self.as_of).days <= self.horizon

    def add(self, i: Item) -> None:
        self.count(i.kind, i.state, i.section_id, i.point_id, i.blocked, i.waiting)
        if self.presses(i.state, i.due, i.waiting):
            self.pressing.append(i)

    def digest(self, unit: School, marks: dict[str, Mark]) -> Digest:
        pressing = sorted(self.pressing, key=urgency)
        first = urgency(pressing[0]) if pressing and pressing[0].state in PRESSING else None
        rows = _rows(pressing, self.numbers)
        counters = self.layout.pack(self.values)
        return packed_digest(unit, self.as_of, self.has_open, counters, first, rows, marks)


def packed_digest(
    unit: School,
    as_of: dt.date,
    has_open: bool,
    counters: int,
    first: Urgency | None,
    rows: list[Row],
    marks: dict[str, Mark],
) -> Digest:
    """``rows``: the unit's pressing items as :func:`_rows` gives them, most urgent first."""
    last = last_activity(unit, as_of)
    return Digest(
        id=unit.id,
        name=unit.name,
        type=unit.type,
        liaison=unit.liaison,
        parent=unit.parent,
        last_activity=last.toordinal() if last else 0,
        has_open=has_open,
        counters=counters,
        first=first,
        packed=_pack(rows),
        brief=_brief(rows),
        marks=marks,
    )


def make_digest(
    unit: School,
    items: list[Item],
    as_of: dt.date,
    horizon: int,
    marks: dict[str, Mark],
    places: Layout,
    numbers: dict[str, int],
) -> Digest:
    """A unit's digest from its items (``numbers``: its :class:`Slots`' numbers)."""
    tally = Tally(places, numbers, as_of, horizon)
    for i in items:
        tally.add(i)
    return tally.digest(unit, marks)


def in_section(items: list[Item], section: Section | None) -> list[Item]:
    return items if section is None else [i for i in items if i.section_id == section.id]
