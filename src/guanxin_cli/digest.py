"""Per-unit digests: what ``status`` and ``overdue`` need from one school file, in brief.

A report over 20,000 schools cannot afford to rebuild 800,000 items on every run. Each
unit is reduced to a :class:`Digest`: every number it adds to the year (packed in one
integer, see :class:`Layout`), its overdue and soon-due items (packed small, see
:func:`_pack`) and its part in each milestone. :func:`digest_unit` makes no item: it starts
from what a unit of its kind with no entries would add (:class:`KindSlots`) and looks
again only at the slots the unit has entries for, by the same definitions :mod:`.year.items`
uses; tests hold it equal to adding up the items (:func:`make_digest`). The reports add
digests up.

A digest depends on nothing but its own file, the plan file, the as-of date, the
look-ahead window and the code, so :func:`collect` keeps them in a cache keyed by exactly
those (see ``cache.py``), and makes the missing ones in worker processes when there are many.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import heapq
import operator
import os
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import digest_plain, workers, yamlio
from .cache import StatKey, stat_key
from .dates import Occurrence
from .errors import DataError, Location, Problem, problem
from .models import Plan, Progress, School, Section
from .plain import Malformed
from .workspace.checks import UnitCheck, check_parents, check_unique
from .workspace.folders import Workspace, dir_inside, stays_inside
from .workspace.loader import Loaded, paused_gc
from .workspace.plans import LoadedPlan, load_plan
from .workspace.units import checked_unit, read_school
from .year.items import (
    BRIEF_FIELDS,
    DUE_SOON_DAYS,
    OPEN_STATES,
    OWN_FIELDS,
    STATE_ORDER,
    Item,
    Slot,
    item_state,
    marked_blocked,
    plan_slots,
    slot_item,
    task_own,
    unit_findings,
    unit_items,
    unit_slots,
)
from .year.milestones import Mark, MilestoneResult, unit_marks, year_milestones
from .year.rates import STATE_PARTS, Rate, RiskKey, SchoolSummary, last_activity, risk_key
from .year.scope import is_school_type, scope_kind, unit_groups
from .year.tracking import YearState
from .years import for_year

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


# A pressing item travels most urgent first, a task as its slot's number and its OWN_FIELDS:
# titles, owners, dates and the evidence asked for come back from the same plan slots, so
# the cache stays small and 200,000 items unpack quickly. A finding travels whole.
_ITEM_FIELDS = [f.name for f in dataclasses.fields(Item)]
_ROW = operator.attrgetter(*_ITEM_FIELDS)
_OWN = operator.attrgetter(*OWN_FIELDS)


def _rows(items: list[Item], numbers: dict[str, int]) -> list[tuple[Any, ...]]:
    """The rows :func:`_pack` packs. ``numbers``: each slot's place in the plan's slots,
    by its progress key."""
    rows: list[tuple[Any, ...]] = []
    for i in items:
        n = numbers.get(i.key) if i.kind == "task" else None
        rows.append(_ROW(i) if n is None else (n, *_OWN(i)))
    return rows


def _pack(rows: list[tuple[Any, ...]]) -> bytes:
    return digest_plain.pack_rows(rows)


# A line of ``overdue`` needs only a task row's slot, state and days late (the rest of its
# BRIEF_FIELDS are the slot's): three 32-bit numbers a row, read back without unpacking
# the evidence, reasons and notes. A unit with a finding among them has none: its lines
# come from the packed rows.
_I32 = next(code for code in "il" if array(code).itemsize == 4)
_STATE_CODE = {s: n for n, s in enumerate(STATE_ORDER)}


def _brief(rows: list[tuple[Any, ...]]) -> bytes | None:
    numbers = array(_I32)
    for row in rows:
        if row[0].__class__ is not int:
            return None  # a finding
        numbers.extend((row[0], _STATE_CODE[row[1]], row[3]))
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

    def rows(self, d: Digest) -> list[tuple[Any, ...]]:
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
            slot_item(slots[row[0]], d.id, d.name, liaison, row[1:])
            if row[0].__class__ is int
            else Item(*row)
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
            (row[1], row[3], *tails[row[0]]) if row[0].__class__ is int else _FINDING_BRIEF(row)
            for row in self.rows(d)
        ]


_FINDING_BRIEF = operator.itemgetter(*(_ITEM_FIELDS.index(name) for name in BRIEF_FIELDS))


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


class _Tally:
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
        return _unit_digest(unit, self.as_of, self.has_open, counters, first, rows, marks)


def _unit_digest(
    unit: School,
    as_of: dt.date,
    has_open: bool,
    counters: int,
    first: Urgency | None,
    rows: list[tuple[Any, ...]],
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
    tally = _Tally(places, numbers, as_of, horizon)
    for i in items:
        tally.add(i)
    return tally.digest(unit, marks)


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


@dataclass
class Digests:
    """Every unit's digest as of a date, with the plan they were made against."""

    plan: Plan
    as_of: dt.date
    horizon: int
    section: Section | None
    digests: list[Digest]  # the office first (if it has a file), then the schools
    known_milestones: list[MilestoneResult] | None  # None: work them out when asked
    files: dict[str, str]  # unit id → the path of its file
    root: Path  # the workspace
    occurrences: dict[str, list[Occurrence]]  # the plan's task dates
    milestone_due: dict[str, Occurrence]
    _slots: Slots | None = field(default=None, repr=False, compare=False)
    first_year: int | None = None  # the workspace's first plan year (see years.py)
    # a unit's digest made again from its file (the path), for one whose cached rows are
    # not what a digest holds
    remake: Callable[[str], Digest] | None = field(default=None, repr=False, compare=False)

    @property
    def milestones(self) -> list[MilestoneResult]:
        """Every dated milestone, from the units' marks."""
        if self.known_milestones is None:
            marks = {d.id: d.marks for d in self.digests}
            self.known_milestones = year_milestones(
                self.plan, self.milestone_due, self.as_of, marks
            )
        return self.known_milestones

    def slots(self) -> Slots:
        """The plan's slots as of the date (worked out once, and only when needed)."""
        if self._slots is None:
            remake = self.remake
            again = None if remake is None else (lambda d: remake(self.files[d.id]))
            self._slots = Slots(plan_slots(self.plan, self.occurrences, self.as_of), again)
        return self._slots

    def pressing(self, digest: Digest) -> list[Item]:
        """A unit's overdue items and open items due within the window, most urgent first."""
        return self.slots().items(digest)

    def unit(self, digest: Digest) -> tuple[School, list[Item]]:
        """A unit's model and every item, read again from its file (``audit`` wants all),
        or from a parse cache of its own while the file is unchanged (the workspace's holds
        every school: too much to read for one)."""
        from . import cache

        problems: list[Problem] = []
        path = Path(self.files[digest.id])
        store = (
            cache.ParseCache(self.root, cache.PARSE, f"unit|{path}") if cache.enabled() else None
        )
        loaded = read_school(path, problems, store)
        if store is not None:
            store.save()
        if loaded is None:
            raise DataError(problems)
        unit = for_year(loaded[2], self.plan.year, self.first_year)
        slots = self.slots().slots
        groups = unit_groups(self.plan, unit)
        return unit, unit_items(unit, slots, groups, self.as_of, self.plan.findings_section)

    @property
    def has_office(self) -> bool:
        return any(d.type == "office" for d in self.digests)

    @property
    def schools(self) -> list[Digest]:
        """The schools' digests (not the office's, nor those of the units between)."""
        return [d for d in self.digests if is_school_type(d.type)]

    @property
    def between(self) -> list[Digest]:
        """The digests of the units between the office and the schools (镇, 片区, 县区)."""
        return [d for d in self.digests if d.type != "office" and not is_school_type(d.type)]


def _in_section(items: list[Item], section: Section | None) -> list[Item]:
    return items if section is None else [i for i in items if i.section_id == section.id]


def from_state(
    state: YearState,
    loaded: Loaded,
    *,
    horizon: int = DUE_SOON_DAYS,
    section: Section | None = None,
) -> Digests:
    """Digests of an already computed year (for reports that need the items as well)."""
    horizon = max(horizon, DUE_SOON_DAYS)
    places = Layout(loaded.plan)
    at = Slots(plan_slots(loaded.plan, loaded.occurrences, state.as_of))
    tasks = {t.id: t for t in loaded.plan.tasks()}
    by_unit: dict[str, list[Item]] = {u.id: [] for u in loaded.units()}
    for item in state.items:
        by_unit[item.unit_id].append(item)
    digests = [
        make_digest(
            unit,
            _in_section(by_unit[unit.id], section),
            state.as_of,
            horizon,
            unit_marks(
                loaded.plan,
                loaded.milestone_due,
                unit,
                loaded.groups,
                state.as_of,
                tasks,
                loaded.occurrences,
            ),
            places,
            at.numbers,
        )
        for unit in loaded.units()
    ]
    return Digests(
        loaded.plan,
        state.as_of,
        horizon,
        section,
        digests,
        state.milestones,
        {unit_id: str(path) for unit_id, path in loaded.school_paths.items()},
        loaded.workspace.root,
        loaded.occurrences,
        loaded.milestone_due,
        at,
        loaded.workspace.first_year(),
    )


# ---------------------------------------------------------------- from the files


class _Maker:
    """Makes the digest of one unit file (in this process or in a worker)."""

    def __init__(
        self,
        ws: Workspace,
        lp: LoadedPlan,
        as_of: dt.date,
        horizon: int,
        section: Section | None,
        keyed: bool = False,
    ) -> None:
        """``keyed``: take each file's cache key (:func:`~.cache.stat_key`) before reading it."""
        self.keyed = keyed
        self.lp = lp
        self.as_of = as_of
        self.horizon = horizon
        self.section = section
        self.check = UnitCheck(lp.plan, lp.occurrences, ws)
        self.first_year = ws.first_year()
        self.frozen = Frozen(lp.plan, lp.milestone_due)
        self.at = Slots(plan_slots(lp.plan, lp.occurrences, as_of))
        self.layout = Layout(lp.plan)
        # Which tasks apply depends only on being the office and on the groups a unit is in:
        # thousands of schools share a handful of such kinds.
        self.kinds: dict[tuple[str, frozenset[str]], KindSlots] = {}

    def make(self, path: Path) -> tuple[Digest | None, list[Problem]]:
        checked, problems = checked_unit(self.check, path)
        if checked is None:
            return None, problems
        unit, groups = checked
        plan = self.lp.plan
        marks = unit_marks(
            plan,
            self.lp.milestone_due,
            unit,
            groups,
            self.as_of,
            self.check.tasks,
            self.lp.occurrences,
        )
        key = scope_kind(unit, groups)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.kinds[key] = KindSlots(
                unit_slots(unit, self.at.slots, groups),
                self.section,
                self.layout,
                self.at.numbers,
                self.as_of,
                self.horizon,
                plan.findings_section,
            )
        return digest_unit(unit, kind, marks), []

    def make_keyed(self, path: str) -> tuple[Digest | None, list[Problem], StatKey | None]:
        key = stat_key(path) if self.keyed else None
        return (*self.make(Path(path)), key)


# a digest, the problems found, the digest as plain values (if it was made so) and the
# file's cache key (if the maker is ``keyed``)
Made = tuple[Digest | None, list[Problem], tuple[Any, ...] | None, StatKey | None]


class Frozen:
    """Digests made against one plan, as plain values and back (see ``digest_plain.py``):
    for the cache, and from worker processes."""

    def __init__(self, plan: Plan, milestone_due: dict[str, Occurrence]) -> None:
        self.counter_bytes = 4 * Layout(plan).size
        self.mark_ids = tuple(ms.id for ms in plan.milestones if ms.id in milestone_due)

    def freeze(self, digest: Digest) -> tuple[Any, ...]:
        return digest_plain.freeze(tuple(getattr(digest, f) for f in digest_plain.FIELDS))

    def thaw(self, value: object) -> Digest:
        """The digest :meth:`freeze` made ``value`` of; :class:`Malformed` if it is none."""
        return Digest(*digest_plain.thaw(value, self.counter_bytes, self.mark_ids))

    def cached(self, value: object) -> Digest | None:
        """A digest from the cache, or None for anything that is not one."""
        if value is None:
            return None
        try:
            return self.thaw(value)
        except Malformed:  # a cache must never be the reason a run fails
            return None


def _make_all(maker: _Maker, paths: list[str], cached: bool) -> Iterator[Made]:
    """Digests for ``paths`` in order; shared with worker processes when there are many
    (paths go to them as text: making 20,000 Path objects in the main process costs more
    than the workers' own). ``cached``: each digest as plain values too, for the cache (the
    workers send theirs so, and the main process keeps them as they came)."""
    freeze, thaw = maker.frozen.freeze, maker.frozen.thaw

    def here(path: str) -> Made:
        digest, problems, key = maker.make_keyed(path)
        return digest, problems, freeze(digest) if cached and digest is not None else None, key

    def there(path: str) -> tuple[tuple[Any, ...] | None, list[Problem], StatKey | None]:
        digest, problems, key = maker.make_keyed(path)
        return (None if digest is None else freeze(digest)), problems, key

    for mine, made in workers.each(paths, here, there):
        if mine:
            yield made
        else:
            blob, problems, key = made
            yield (None if blob is None else thaw(blob)), problems, blob, key


def collect(
    ws: Workspace,
    as_of: dt.date,
    *,
    horizon: int = DUE_SOON_DAYS,
    section: Section | None = None,
    lp: LoadedPlan | None = None,
    require_schools: bool = True,
) -> Digests:
    """Every unit's digest, from the cache where its file is unchanged; raise a
    :class:`DataError` listing every problem in every file (what ``check`` reports), or,
    with ``require_schools``, saying there are no school files at all."""
    horizon = max(horizon, DUE_SOON_DAYS)  # so every "due soon" item is among the pressing
    with paused_gc():
        return _collect(ws, as_of, horizon, section, lp or load_plan(ws), require_schools)


def _collect(
    ws: Workspace,
    as_of: dt.date,
    horizon: int,
    section: Section | None,
    lp: LoadedPlan,
    require_schools: bool,
) -> Digests:
    from . import cache

    problems: list[Problem] = []
    # Paths as text until one is needed whole: at 20,000 files Path objects cost more than
    # the cache they look up.
    entries = ws.unit_files()  # (the office and the units between: a few, looked at closely)
    office = os.path.abspath(ws.office_path)
    if os.path.isfile(office):
        entries = [(office, os.path.islink(office)), *entries]
    inside = dir_inside(ws.schools_dir, ws.root)  # then only symlinks need a closer look
    paths = [p for p, _ in entries if stays_inside(Path(p), ws, problems)]
    paths += [
        p
        for p, link in ws.school_files()
        if (inside and not link) or stays_inside(Path(p), ws, problems)
    ]
    variant = f"{horizon}|{section.id if section else ''}"
    store = cache.ParseCache(ws.root, cache.DIGESTS, variant) if cache.enabled() else None
    kind = _kind(ws, lp, as_of, horizon, section)
    found: list[Digest | None] = [None] * len(paths)
    # Look files up only in a cache that holds digests of this kind: a first run, or the
    # first of a new day, has the makers take each file's key (in the workers, in parallel).
    lookup = store is not None and store.holds(kind)
    keys = [cache.stat_key(p) for p in paths] if lookup else [None] * len(paths)
    frozen = Frozen(lp.plan, lp.milestone_due)
    if store is not None and lookup:
        cached = frozen.cached
        for n, path in enumerate(paths):
            found[n] = cached(store.get(path, kind, keys[n]))
    missing = [n for n, d in enumerate(found) if d is None]
    made: Iterable[Made] = ()
    if missing:  # (a maker works out the plan's dates: not for a run the cache serves)
        todo = [paths[n] for n in missing]
        keyed = store is not None and not lookup
        made = _make_all(_Maker(ws, lp, as_of, horizon, section, keyed), todo, store is not None)
    for n, (digest, trouble, blob, key) in zip(missing, made, strict=True):
        problems.extend(trouble)
        if digest is not None:
            found[n] = digest
            if store is not None:
                store.put(paths[n], kind, keys[n] or key, blob or frozen.freeze(digest))
    if store is not None:
        store.save()
    units = [(p, d) for p, d in zip(paths, found, strict=True) if d is not None]
    if len({d.id for _, d in units}) + len({d.name for _, d in units}) < 2 * len(units):
        check_unique(
            ((Path(p), yamlio.Document(Path(p), None, text=None), d.id, d.name) for p, d in units),
            problems,
        )
    if any(d.parent is not None for _, d in units):
        check_parents(
            ((yamlio.Document(Path(p), None, text=None), d.id, d.type, d.parent) for p, d in units),
            problems,
        )
    if problems:
        raise DataError(problems)
    if require_schools and not any(is_school_type(d.type) for _, d in units):
        # a cron job run in the wrong folder must not send "nothing overdue"
        raise DataError(problem("data.no_schools", Location(ws.schools_dir)))
    return Digests(
        lp.plan,
        as_of,
        horizon,
        section,
        [d for _, d in units],
        None,  # (worked out when a report asks)
        {d.id: p for p, d in units},
        ws.root,
        lp.occurrences,
        lp.milestone_due,
        None,
        ws.first_year(),
        remake=lambda path: _remade(ws, lp, as_of, horizon, section, path),
    )


def _remade(
    ws: Workspace,
    lp: LoadedPlan,
    as_of: dt.date,
    horizon: int,
    section: Section | None,
    path: str,
) -> Digest:
    """A unit's digest made again from its file (its cached one was malformed)."""
    digest, problems = _Maker(ws, lp, as_of, horizon, section).make(Path(path))
    if digest is None:
        raise DataError(problems)
    return digest


def _kind(
    ws: Workspace, lp: LoadedPlan, as_of: dt.date, horizon: int, section: Section | None
) -> str:
    """What a cached digest was made against, besides its own file: the plan's bytes (and
    every other plan's, which a file's records of other years are checked against), the
    date, the window and the section."""
    digest = hashlib.sha256()
    for path in [lp.path, *(ws.plan_path(y) for y in ws.plan_years())]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
    plan = digest.hexdigest()
    return f"digest|{plan}|{as_of.isoformat()}|{horizon}|{section.id if section else ''}"
