"""Every unit's digest as of a date (:func:`collect`): read from the digest cache where a
unit's file is unchanged, made from the file otherwise (in worker processes when there are
many), the files checked as ``check`` would, and the units against each other.

A digest depends on nothing but its own file, the plan file, the as-of date, the
look-ahead window and the code, so the cache is keyed by exactly those (see ``cache.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import digest_plain, workers, yamlio
from .cache import StatKey, stat_key
from .dates import Occurrence
from .errors import DataError, Location, Problem, problem
from .models import Plan, School, Section
from .plain import Malformed
from .workspace.checks import UnitCheck, check_parents, check_unique
from .workspace.folders import Workspace, dir_inside, stays_inside
from .workspace.loader import Loaded, paused_gc
from .workspace.plans import LoadedPlan, load_plan
from .workspace.units import checked_unit, read_school
from .year.digest import Digest, Layout, Slots, in_section, make_digest
from .year.digest_fast import KindSlots, digest_unit
from .year.items import DUE_SOON_DAYS, Item, plan_slots, unit_items, unit_slots
from .year.milestones import MilestoneResult, unit_marks, year_milestones
from .year.scope import is_school_type, scope_kind, unit_groups
from .year.tracking import YearState
from .years import for_year


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
            in_section(by_unit[unit.id], section),
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
    plan = ws.plans_digest(lp.path)
    return f"digest|{plan}|{as_of.isoformat()}|{horizon}|{section.id if section else ''}"
