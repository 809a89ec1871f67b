"""Per-unit digests: what ``status`` and ``overdue`` need from one school file, in brief.

A report over 20,000 schools cannot afford to rebuild 800,000 items on every run. Each
unit's items are reduced, right after they are computed, to a :class:`Digest`: its
summary, its task completion by section and point, its overdue and soon-due items and its
part in each milestone. The reports add digests up, so the numbers are the same ones
:mod:`tracking` computes, whichever way the digest was made.

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
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .dates import Occurrence
from .errors import DataError, Location, Problem, problem
from .loading import (
    Loaded,
    LoadedPlan,
    UnitCheck,
    Workspace,
    check_unique,
    dir_inside,
    load_plan,
    paused_gc,
    read_school,
    stays_inside,
    unit_groups,
)
from .models import Plan, School, Section
from .tracking import (
    DUE_SOON_DAYS,
    OPEN_STATES,
    STATE_PARTS,
    Item,
    Mark,
    MilestoneResult,
    Rate,
    SchoolSummary,
    Slot,
    YearState,
    item_state,
    last_activity,
    marked_blocked,
    plan_slots,
    slot_progress,
    task_item,
    unit_findings,
    unit_items,
    unit_marks,
    unit_slots,
    year_milestones,
)

URGENT_KEEP = 10  # the most urgent items a digest keeps for ``status``
PRESSING = ("overdue", "due_soon")  # the states ``status`` lists as most urgent
PARALLEL_MIN = 400  # digests to make before worker processes pay for themselves
ENV_JOBS = "GUANXIN_JOBS"


Urgency = tuple[bool, int, int, str, str]


def urgency(i: Item) -> Urgency:
    """Most urgent first: overdue before due soon, then the longest late, then the earliest."""
    return (i.state != "overdue", -i.days_late, i.due.toordinal(), i.unit_id, i.key)


def add_rates(rates: Iterable[Rate]) -> Rate:
    done = total = due = done_of_due = 0
    for r in rates:
        done += r.done
        total += r.total
        due += r.due
        done_of_due += r.done_of_due
    return Rate(done, total, due, done_of_due)


def layout(plan: Plan) -> dict[str, int]:
    """Where each section's and each point's completion sits in a digest's ``parts``."""
    ids = [s.id for s in plan.sections] + [p.id for s in plan.sections for p in s.points]
    return {ident: n for n, ident in enumerate(ids)}


def add_parts(digests: Iterable[Digest], size: int) -> list[int]:
    """Every digest's ``parts`` added up (one flat list: unpickled and summed quickly)."""
    totals = [0] * (4 * size)
    for d in digests:
        totals = list(map(operator.add, totals, d.parts))
    return totals


def rate_at(totals: list[int], slot: int) -> Rate:
    return Rate(*totals[4 * slot : 4 * slot + 4])


@dataclass(slots=True)
class Digest:
    id: str
    name: str
    type: str
    summary: SchoolSummary
    has_open: bool
    parts: tuple[int, ...]  # task completion (a Rate's four numbers) by section and point
    overdue_by_section: dict[str | None, int]  # findings count like tasks (抓整改: 三)
    urgency: list[Urgency]  # of the unit's URGENT_KEEP most urgent overdue / due-soon items
    urgent_at: list[int]  # where those items are among the pressing ones
    packed: bytes  # pickled overdue items and open items due within the window
    marks: dict[str, Mark]

    def __reduce__(self) -> tuple[Callable[..., Digest], tuple[object, ...]]:
        # by its fields, straight into __init__: a slotted dataclass's own pickling sets
        # them one by one in Python, and a repeat run at 20,000 schools unpickles them all
        return (Digest, tuple(getattr(self, f) for f in self.__slots__))

    def pressing(self) -> list[Item]:
        return _unpack(self.packed)

    def urgent(self) -> list[Item]:
        """The unit's most urgent items, in the order of ``urgency``."""
        pressing = self.pressing()
        return [pressing[n] for n in self.urgent_at]


# Items travel as plain tuples of their fields: unpickling a slotted dataclass field by
# field costs ten times as much, and ``overdue`` at 5,000 schools unpacks 50,000 of them.
_ROW = operator.attrgetter(*(f.name for f in dataclasses.fields(Item)))


def _pack(items: list[Item]) -> bytes:
    return pickle.dumps([_ROW(i) for i in items], protocol=pickle.HIGHEST_PROTOCOL)


def _unpack(blob: bytes) -> list[Item]:
    return [Item(*row) for row in pickle.loads(blob)]


def most_urgent(digests: Iterable[Digest]) -> list[Item]:
    """The URGENT_KEEP most urgent overdue / due-soon items of all ``digests``."""
    top = heapq.nsmallest(
        URGENT_KEEP, ((key, n, d) for d in digests for n, key in enumerate(d.urgency)), key=_first
    )
    unpacked: dict[int, list[Item]] = {}
    out = []
    for _, n, d in top:
        items = unpacked.get(id(d))
        if items is None:
            items = unpacked[id(d)] = d.urgent()
        out.append(items[n])
    return out


def _first(entry: tuple[Urgency, int, Digest]) -> Urgency:
    return entry[0]


class _Tally:
    """One unit's numbers, added up an item at a time (see :func:`make_digest`)."""

    def __init__(self, slots: dict[str, int], as_of: dt.date, horizon: int) -> None:
        self.slots = slots
        self.as_of = as_of
        self.horizon = horizon
        self.parts = [0] * (4 * len(slots))
        self.rate = [0, 0, 0, 0]  # of tasks: a Rate's four numbers
        self.counts: dict[str, int] = {}
        self.overdue_by_section: dict[str | None, int] = {}
        self.blocked = 0
        self.open_findings = 0
        self.has_open = False
        self.pressing: list[Item] = []
        self.urgent: list[int] = []  # positions in pressing

    def count(
        self,
        kind: str,
        state: str,
        section_id: str | None,
        point_id: str | None,
        blocked: bool,
    ) -> None:
        """An item's share of the numbers (what :func:`summarise_unit` counts)."""
        self.counts[state] = self.counts.get(state, 0) + 1
        if kind == "task" and section_id is not None and point_id is not None:  # (it has both)
            a, b, c, d = STATE_PARTS[state]
            for parts, at in (
                (self.rate, 0),
                (self.parts, 4 * self.slots[section_id]),
                (self.parts, 4 * self.slots[point_id]),
            ):
                parts[at] += a
                parts[at + 1] += b
                parts[at + 2] += c
                parts[at + 3] += d
        if state == "overdue":
            self.overdue_by_section[section_id] = self.overdue_by_section.get(section_id, 0) + 1
        if state in OPEN_STATES:
            self.has_open = True
            self.blocked += blocked
            self.open_findings += kind == "finding"

    def presses(self, state: str, due: dt.date, waiting: bool) -> bool:
        """Whether an item goes among the pressing ones: overdue, or open and due within
        the window (every "due soon" item is too: the window is at least DUE_SOON_DAYS;
        fixed findings wait for the district's re-check, not for the school)."""
        if state == "overdue":
            return True
        return state in OPEN_STATES and not waiting and 0 <= (due - self.as_of).days <= self.horizon

    def press(self, i: Item) -> None:
        if i.state in PRESSING:
            self.urgent.append(len(self.pressing))
        self.pressing.append(i)

    def add(self, i: Item) -> None:
        self.count(i.kind, i.state, i.section_id, i.point_id, i.blocked)
        if self.presses(i.state, i.due, i.waiting):
            self.press(i)

    def digest(self, unit: School, marks: dict[str, Mark], last: dt.date | None) -> Digest:
        pressing = self.pressing
        urgent = heapq.nsmallest(URGENT_KEEP, self.urgent, key=lambda n: urgency(pressing[n]))
        counts = self.counts
        return Digest(
            id=unit.id,
            name=unit.name,
            type=unit.type,
            summary=SchoolSummary(
                id=unit.id,
                name=unit.name,
                type=unit.type,
                liaison=unit.liaison,
                rate=Rate(*self.rate),
                counts=counts,
                overdue=counts.get("overdue", 0),
                blocked=self.blocked,
                due_soon=counts.get("due_soon", 0),
                open_findings=self.open_findings,
                last_activity=last,
            ),
            has_open=self.has_open,
            parts=tuple(self.parts),
            overdue_by_section=self.overdue_by_section,
            urgency=[urgency(pressing[n]) for n in urgent],
            urgent_at=urgent,
            packed=_pack(pressing),
            marks=marks,
        )


def make_digest(
    unit: School,
    items: list[Item],
    as_of: dt.date,
    horizon: int,
    marks: dict[str, Mark],
    slots: dict[str, int],
) -> Digest:
    """A unit's digest from its items (``slots``: the plan's :func:`layout`)."""
    tally = _Tally(slots, as_of, horizon)
    for i in items:
        tally.add(i)
    return tally.digest(unit, marks, last_activity(unit, as_of))


def digest_unit(
    unit: School,
    slots: Iterable[Slot],
    as_of: dt.date,
    horizon: int,
    section: Section | None,
    marks: dict[str, Mark],
    places: dict[str, int],
) -> Digest:
    """What :func:`make_digest` makes of the unit's items, without making the items that
    only count (three in four): only the pressing ones are kept whole.

    ``slots``: the task occurrences that apply to the unit (:func:`unit_slots`);
    ``places``: the plan's :func:`layout`.
    """
    tally = _Tally(places, as_of, horizon)
    for slot in slots:
        if section is not None and slot.section_id != section.id:
            continue
        prog = slot_progress(slot, unit)
        state = item_state(prog, slot.start, slot.due, as_of)[0]
        blocked = marked_blocked(prog, slot.start, as_of)
        tally.count("task", state, slot.section_id, slot.point_id, blocked)
        if tally.presses(state, slot.due, False):  # (only findings wait)
            tally.press(task_item(slot, unit, as_of))
    for i in _in_section(unit_findings(unit, as_of), section):
        tally.add(i)
    return tally.digest(unit, marks, last_activity(unit, as_of))


@dataclass
class Digests:
    """Every unit's digest as of a date, with the plan they were made against."""

    plan: Plan
    as_of: dt.date
    horizon: int
    section: Section | None
    digests: list[Digest]  # the office first (if it has a file), then the schools
    milestones: list[MilestoneResult]
    paths: dict[str, Path]  # unit id → its file
    root: Path  # the workspace
    occurrences: dict[str, list[Occurrence]]  # the plan's task dates

    def unit(self, digest: Digest) -> tuple[School, list[Item]]:
        """A unit's model and every item, read again from its file (``audit`` wants all)."""
        problems: list[Problem] = []
        loaded = read_school(self.paths[digest.id], problems)
        if loaded is None:
            raise DataError(problems)
        unit = loaded[2]
        slots = plan_slots(self.plan, self.occurrences, self.as_of)
        return unit, unit_items(unit, slots, unit_groups(self.plan, unit), self.as_of)

    @property
    def has_office(self) -> bool:
        return any(d.type == "office" for d in self.digests)

    @property
    def schools(self) -> list[Digest]:
        return [d for d in self.digests if d.type != "office"]


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
    slots = layout(loaded.plan)
    by_unit: dict[str, list[Item]] = {u.id: [] for u in loaded.units()}
    for item in state.items:
        by_unit[item.unit_id].append(item)
    digests = [
        make_digest(
            unit,
            _in_section(by_unit[unit.id], section),
            state.as_of,
            horizon,
            unit_marks(loaded.plan, loaded.milestone_due, unit, loaded.groups, state.as_of),
            slots,
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
        dict(loaded.school_paths),
        loaded.workspace.root,
        loaded.occurrences,
    )


# ---------------------------------------------------------------- from the files


class _Maker:
    """Makes the digest of one unit file (in this process or in a worker)."""

    def __init__(
        self, ws: Workspace, lp: LoadedPlan, as_of: dt.date, horizon: int, section: Section | None
    ) -> None:
        self.lp = lp
        self.as_of = as_of
        self.horizon = horizon
        self.section = section
        self.check = UnitCheck(lp.plan, lp.occurrences, ws)
        self.slots = plan_slots(lp.plan, lp.occurrences, as_of)
        self.layout = layout(lp.plan)
        # Which tasks apply depends only on being the office and on the groups a unit is in:
        # thousands of schools share a handful of such lists.
        self.applicable: dict[tuple[bool, frozenset[str]], list[Slot]] = {}

    def make(self, path: Path) -> tuple[Digest | None, list[Problem]]:
        problems: list[Problem] = []
        loaded = read_school(path, problems)
        if loaded is None:
            return None, problems
        _, doc, unit = loaded
        groups = unit_groups(self.lp.plan, unit)
        self.check.unit(path, doc, unit, problems, groups)
        if problems:
            return None, problems
        marks = unit_marks(self.lp.plan, self.lp.milestone_due, unit, groups, self.as_of)
        kind = (unit.type == "office", frozenset(g for g, ids in groups.items() if unit.id in ids))
        slots = self.applicable.get(kind)
        if slots is None:
            slots = self.applicable[kind] = list(unit_slots(unit, self.slots, groups))
        digest = digest_unit(
            unit, slots, self.as_of, self.horizon, self.section, marks, self.layout
        )
        return digest, []


_WORKER: _Maker | None = None  # set before the workers fork; they inherit it


Made = tuple[Digest | None, list[Problem], bytes | None]  # and the digest pickled, if it was


def _make_chunk(paths: list[Path]) -> list[tuple[bytes | None, list[Problem]]]:
    """In a worker: digests sent back pickled, so the main process keeps them for the cache
    as they came instead of pickling them all over again."""
    assert _WORKER is not None
    with paused_gc():
        out = []
        for path in paths:
            digest, problems = _WORKER.make(path)
            out.append((None if digest is None else _freeze(digest), problems))
        return out


def _freeze(digest: Digest) -> bytes:
    return pickle.dumps(digest, protocol=pickle.HIGHEST_PROTOCOL)


def _thaw(blob: object) -> Digest | None:
    """A cached digest, or None for anything that is not one."""
    if not isinstance(blob, bytes):
        return None
    try:
        digest = pickle.loads(blob)
    except Exception:  # a cache must never be the reason a run fails
        return None
    return digest if isinstance(digest, Digest) else None


def jobs() -> int:
    """Worker processes to use: ``GUANXIN_JOBS`` (1: none), else one per CPU, at most 8."""
    given = os.environ.get(ENV_JOBS, "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, 8)


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group: the main process reports it, workers just stop."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _make_all(maker: _Maker, paths: list[Path]) -> Iterator[Made]:
    """Digests for ``paths`` in order; in worker processes when there are many."""
    workers = jobs()
    # fork only where it is the platform's own way (macOS frameworks may not survive it)
    if len(paths) < PARALLEL_MIN or workers < 2 or not sys.platform.startswith("linux"):
        for path in paths:
            yield (*maker.make(path), None)
        return
    import multiprocessing

    global _WORKER
    _WORKER = maker
    size = max(20, min(100, len(paths) // (workers * 4)))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    try:
        with multiprocessing.get_context("fork").Pool(workers, _quiet_worker) as pool:
            for part in pool.imap(_make_chunk, chunks):
                for blob, problems in part:
                    yield (None if blob is None else pickle.loads(blob)), problems, blob
    finally:
        _WORKER = None


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
    entries = ws.school_entries()
    if ws.office_path.is_file():
        entries = [(ws.office_path, ws.office_path.is_symlink()), *entries]
    inside = dir_inside(ws.schools_dir, ws.root)  # then only symlinks need a closer look
    paths = [p for p, link in entries if (inside and not link) or stays_inside(p, ws, problems)]
    variant = f"{horizon}|{section.id if section else ''}"
    store = cache.ParseCache(ws.root, cache.DIGESTS, variant) if cache.enabled() else None
    kind = _kind(lp, as_of, horizon, section)
    found: list[Digest | None] = [None] * len(paths)
    keys = [cache.stat_key(p) for p in paths] if store is not None else []
    if store is not None:
        for n, path in enumerate(paths):
            found[n] = _thaw(store.get(path, kind, keys[n]))
    missing = [n for n, d in enumerate(found) if d is None]
    made: Iterable[Made] = ()
    if missing:  # (a maker works out the plan's dates: not for a run the cache serves)
        made = _make_all(_Maker(ws, lp, as_of, horizon, section), [paths[n] for n in missing])
    for n, (digest, trouble, blob) in zip(missing, made, strict=True):
        problems.extend(trouble)
        if digest is not None:
            found[n] = digest
            if store is not None:
                store.put(paths[n], kind, keys[n], blob or _freeze(digest))
    if store is not None:
        store.save()
    units = [(p, d) for p, d in zip(paths, found, strict=True) if d is not None]
    check_unique(
        ((p, yamlio.Document(p, None, text=None), d.id, d.name) for p, d in units), problems
    )
    if problems:
        raise DataError(problems)
    if require_schools and not any(d.type != "office" for _, d in units):
        # a cron job run in the wrong folder must not send "nothing overdue"
        raise DataError(problem("data.no_schools", Location(ws.schools_dir)))
    digests = [d for _, d in units]
    marks = {d.id: d.marks for d in digests}
    return Digests(
        lp.plan,
        as_of,
        horizon,
        section,
        digests,
        year_milestones(lp.plan, lp.milestone_due, as_of, marks),
        {d.id: p for p, d in units},
        ws.root,
        lp.occurrences,
    )


def _kind(lp: LoadedPlan, as_of: dt.date, horizon: int, section: Section | None) -> str:
    """What a cached digest was made against, besides its own file: the plan's bytes, the
    date, the window and the section."""
    try:
        body = lp.path.read_bytes()
    except OSError:
        body = b""
    plan = hashlib.sha256(body).hexdigest()
    return f"digest|{plan}|{as_of.isoformat()}|{horizon}|{section.id if section else ''}"
