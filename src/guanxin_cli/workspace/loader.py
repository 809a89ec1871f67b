"""A plan year loaded: the plan and every unit file, read, validated and checked together
(:func:`load_workspace`), or checked only (:func:`check_files`, :func:`check_units`, what
``guanxin check`` reports), with every problem located as file:line:col.

Loading never stops at the first bad file: it collects every problem in every file and
raises one :class:`DataError` holding them all, so ``guanxin check`` can list them in one run.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlio
from ..cache import ParseCache, StatKey, stat_key
from ..dates import Occurrence
from ..errors import DataError, Problem, UsageError
from ..models import INTERMEDIATE_TYPES, Plan, School
from ..year.scope import compute_groups, is_school
from ..years import for_year
from .checks import UnitCheck, YearRules, check_parents, check_together, check_unique
from .folders import Workspace, dir_inside, looks_like_plan, stays_inside
from .plans import LoadedPlan, plan_dates, read_plan
from .units import checked_unit, read_school


@dataclass
class Loaded:
    """A plan with its units, validated together; everything reports need. Each unit is
    seen as the plan's year sees it (:func:`~.years.for_year`)."""

    workspace: Workspace
    plan: Plan
    plan_path: Path
    schools: list[School]
    office: School | None
    school_paths: dict[str, Path]
    occurrences: dict[str, list[Occurrence]]
    milestone_due: dict[str, Occurrence]
    groups: dict[str, frozenset[str]] = field(default_factory=dict)
    between: list[School] = field(default_factory=list)  # 镇, 片区, 县区: no schools

    def units(self) -> list[School]:
        """The office (if it has a file), the units between it and the schools, the schools."""
        return ([self.office] if self.office else []) + self.between + self.schools


def load_workspace(ws: Workspace, *, year: int | None = None) -> Loaded:
    """Load and cross-check a plan (``year``'s, else the newest) and every unit file;
    raise one error listing all problems."""
    with paused_gc():
        return _load_workspace(ws, year)


def _load_workspace(ws: Workspace, year: int | None) -> Loaded:
    plan_path = ws.plan_path(year)
    problems: list[Problem] = []
    parse_cache = _open_cache(ws)
    plan = (
        read_plan(plan_path, problems, parse_cache)
        if stays_inside(plan_path, ws, problems)
        else None
    )
    files: list[tuple[Path, yamlio.Document, School]] = []
    paths = ws.unit_paths()
    dates = plan_dates(plan[0], plan[1], problems) if plan is not None else None
    # (a file with problems is checked against the plan as far as it can be, as it is read)
    check = UnitCheck(plan[0], dates[0], ws) if plan is not None and dates is not None else None
    for path in paths:
        loaded = (
            read_school(path, problems, parse_cache, check)
            if stays_inside(path, ws, problems)
            else None
        )
        if loaded is not None:
            files.append(loaded)
    if parse_cache is not None:
        parse_cache.save()
    if plan is None or dates is None:
        raise DataError(problems)
    occurrences, milestone_due = dates
    check_together(plan[0], occurrences, files, ws, problems)
    if problems:
        raise DataError(problems)
    first = ws.first_year()
    units = [(p, doc, for_year(s, plan[0].year, first)) for p, doc, s in files]
    office: School | None = next((s for _, _, s in units if s.type == "office"), None)
    schools: list[School] = [s for _, _, s in units if is_school(s)]
    between: list[School] = [s for _, _, s in units if s.type in INTERMEDIATE_TYPES]
    return Loaded(
        workspace=ws,
        plan=plan[0],
        plan_path=plan_path,
        schools=schools,
        office=office,
        school_paths={s.id: p for p, _, s in units},
        occurrences=occurrences,
        milestone_due=milestone_due,
        groups=compute_groups(plan[0], [*between, *schools]),
        between=between,
    )


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Loading makes many objects and no reference cycles; the cyclic GC would only rescan
    the growing heap again and again (a third of the time at 5,000 schools)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _open_cache(ws: Workspace) -> ParseCache | None:
    from .. import cache

    return cache.ParseCache(ws.root) if cache.enabled() else None


def check_files(paths: Iterable[Path], ws: Workspace | None) -> list[Problem]:
    """Validate the given files (plans or unit files) on their own, and each year of a
    unit file against that year's plan (a given one, else the workspace's)."""
    problems: list[Problem] = []
    paths = [p for p in paths if ws is None or stays_inside(p, ws, problems)]
    plan_files = [p for p in paths if looks_like_plan(p)]
    school_files = [p for p in paths if p not in plan_files]
    plans = [plan for plan in (read_plan(p, problems) for p in plan_files) if plan is not None]
    if not plans and school_files and ws is not None:
        try:
            plans = [plan for plan in (read_plan(ws.plan_path(), []),) if plan is not None]
        except UsageError:
            plan = None
    dated = [
        (plan, plan_dates(plan, doc, problems if plan_files else [])[0]) for plan, doc in plans
    ]
    check = None
    if dated:
        check = UnitCheck(dated[-1][0], dated[-1][1], ws)
        for plan, occurrences in dated:
            check.rules[plan.year] = YearRules(plan, occurrences)
    units = [u for u in (read_school(p, problems, None, check) for p in school_files) if u]
    if check is not None:
        for path, doc, school in units:
            check.unit(path, doc, school, problems)
        check_unique([(path, doc, s.id, s.name) for path, doc, s in units], problems)
        check_parents([(doc, s.id, s.type, s.parent) for _, doc, s in units], problems)
    return problems


# What ``check`` keeps of a unit found good: its id, name, type, parent and liaison.
UnitBrief = tuple[str, str, str, str | None, str | None]


def check_units(ws: Workspace, lp: LoadedPlan) -> tuple[list[Problem], list[tuple[str, UnitBrief]]]:
    """Every unit file of the workspace (the office's, the units between it and the schools,
    then the schools' in name order) checked on its own, against the plans of the years it
    records and against each other, as ``guanxin check`` reports them: every problem, and
    what it keeps of each unit found good. Shared with worker processes when there are
    many; a file found good before, unchanged since and checked against the same plans, is
    not read again (the check cache)."""
    from .. import cache, workers

    problems: list[Problem] = []
    # Paths as text until one is needed whole: at 20,000 files Path objects cost more than
    # the cache they look up.
    entries = ws.unit_files()  # (the office and the units between: a few, looked at closely)
    office = os.path.abspath(ws.office_path)
    if os.path.isfile(office):
        entries = [(office, os.path.islink(office)), *entries]
    paths = [p for p, _ in entries if stays_inside(Path(p), ws, problems)]
    inside = dir_inside(ws.schools_dir, ws.root)  # then only symlinks need a closer look
    paths += [
        p
        for p, link in ws.school_files()
        if (inside and not link) or stays_inside(Path(p), ws, problems)
    ]
    store = cache.ParseCache(ws.root, cache.CHECKS) if cache.enabled() else None
    kind = f"unit|{ws.plans_digest(lp.path)}"
    found: list[UnitBrief | None] = [None] * len(paths)
    # Look files up only in a cache that holds checks against these plans (else each job
    # takes its file's cache key, in the workers, in parallel).
    lookup = store is not None and store.holds(kind)
    keys = [stat_key(p) for p in paths] if lookup else [None] * len(paths)
    if store is not None and lookup:
        for n, name in enumerate(paths):
            cached: Any = store.get(name, kind, keys[n])
            if _is_brief(cached):
                found[n] = (cached[0], cached[1], cached[2], cached[3], cached[4])
    missing = [n for n, brief in enumerate(found) if brief is None]
    check = UnitCheck(lp.plan, lp.occurrences, ws)
    keyed = store is not None and not lookup

    def one(path: str) -> tuple[UnitBrief | None, list[Problem], StatKey | None]:
        key = stat_key(path) if keyed else None
        unit, trouble = checked_unit(check, Path(path))
        if unit is None:
            return None, trouble, key
        u = unit[0]
        return (u.id, u.name, u.type, u.parent, u.liaison), trouble, key

    todo = [paths[n] for n in missing]
    for n, (_, (brief, trouble, key)) in zip(missing, workers.each(todo, one, one), strict=True):
        problems.extend(trouble)
        if brief is not None:
            found[n] = brief
            if store is not None:
                store.put(paths[n], kind, keys[n] or key, brief)
    if store is not None:
        store.save()
    units = [(p, brief) for p, brief in zip(paths, found, strict=True) if brief is not None]
    if len({b[0] for _, b in units}) + len({b[1] for _, b in units}) < 2 * len(units):
        check_unique(
            ((Path(p), yamlio.Document(Path(p), None, text=None), b[0], b[1]) for p, b in units),
            problems,
        )
    if any(b[3] is not None for _, b in units):
        check_parents(
            ((yamlio.Document(Path(p), None, text=None), b[0], b[2], b[3]) for p, b in units),
            problems,
        )
    return problems, units


def _is_brief(value: object) -> bool:
    """Whether a cached value is what :func:`check_units` keeps of a unit (the cache may
    hold anything: it is never trusted further than its shape)."""
    if not isinstance(value, list | tuple) or len(value) != 5:
        return False
    ident, name, kind, parent, liaison = value
    return (
        all(isinstance(v, str) for v in (ident, name, kind))
        and (parent is None or isinstance(parent, str))
        and (liaison is None or isinstance(liaison, str))
    )
