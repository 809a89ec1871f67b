"""Workspace discovery and files → models, with every problem located as file:line:col.

Loading never stops at the first bad file: it collects every problem in every file and
raises one :class:`DataError` holding them all, so ``guanxin check`` can list them in one run.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import functools
import gc
import hashlib
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import yamlio
from .cache import ParseCache, StatKey, stat_key
from .dates import Occurrence, UnknownPhrase, resolve
from .errors import DataError, Location, Problem, UsageError, problem
from .models import (
    BUILTIN_SCOPES,
    PHONE_PATTERN,
    SCOPE_ALL,
    SCOPE_DISTRICT,
    SCOPE_SCHOOLS,
    TEXT_PATTERN,
    GroupRule,
    Plan,
    School,
    Task,
)

if TYPE_CHECKING:
    from .validation import ValidationError

PLANS_DIR = "plans"
SCHOOLS_DIR = Path("data") / "schools"
OFFICE_FILE = Path("data") / "office.yaml"
ENV_ROOT = "GUANXIN_ROOT"
BUNDLED_ROOT = Path(__file__).parent / "bundled"


@dataclass(frozen=True)
class Workspace:
    root: Path
    bundled: bool = False

    @property
    def plans_dir(self) -> Path:
        return self.root / PLANS_DIR

    @property
    def schools_dir(self) -> Path:
        return self.root / SCHOOLS_DIR

    @property
    def office_path(self) -> Path:
        return self.root / OFFICE_FILE

    def plan_path(self, year: int | None = None) -> Path:
        """``plans/<year>.yaml``, or the newest plan when no year is given."""
        if year is not None:
            path = self.plans_dir / f"{year}.yaml"
            if not path.is_file():
                raise UsageError(problem("plan.year_missing", Location(path), year=year))
            return path
        plans = sorted(
            (p for p in self.plans_dir.glob("*.yaml") if p.stem.isdigit()),
            key=lambda p: int(p.stem),
        )
        if not plans:
            raise UsageError(problem("plan.none", Location(self.plans_dir)))
        return plans[-1]

    def school_paths(self) -> list[Path]:
        return [Path(path) for path, _ in self.school_files()]

    def school_files(self) -> list[tuple[str, bool]]:
        """Each school file's absolute path, in name order, and whether it is a symlink
        (known from the listing itself, without a system call per file: there may be
        20,000)."""
        folder = os.path.abspath(self.schools_dir)
        try:
            with os.scandir(folder) as listing:
                found = [
                    (e.name, e.is_symlink())
                    for e in listing
                    if os.path.splitext(e.name)[1] in (".yaml", ".yml")
                ]
        except (FileNotFoundError, NotADirectoryError):
            return []
        found.sort()
        folder = os.path.join(folder, "")  # (with its separator: joined 20,000 times)
        return [(folder + name, link) for name, link in found]


def find_workspace(root: Path | None = None, cwd: Path | None = None) -> Workspace:
    """``--root``, then ``GUANXIN_ROOT``, then the nearest folder up holding ``plans/``,
    then the bundled 2022 plan and sample schools."""
    given = (
        root
        if root is not None
        else (Path(os.environ[ENV_ROOT]) if os.environ.get(ENV_ROOT) else None)
    )
    if given is not None:
        if not (given / PLANS_DIR).is_dir():
            raise UsageError(problem("workspace.not_found", Location(given)))
        return Workspace(given)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PLANS_DIR).is_dir() and any((folder / PLANS_DIR).glob("*.yaml")):
            return Workspace(folder)
    return Workspace(BUNDLED_ROOT, bundled=True)


# ---------------------------------------------------------------- loaded state


@dataclass
class Loaded:
    """A plan with its schools, validated together; everything reports need."""

    workspace: Workspace
    plan: Plan
    plan_path: Path
    schools: list[School]
    office: School | None
    school_paths: dict[str, Path]
    occurrences: dict[str, list[Occurrence]]
    milestone_due: dict[str, Occurrence]
    groups: dict[str, frozenset[str]] = field(default_factory=dict)

    def units(self) -> list[School]:
        """The office (if it has a file) followed by the schools."""
        return ([self.office] if self.office else []) + self.schools


def scope_applies(scope: str, unit: School, groups: dict[str, frozenset[str]]) -> bool:
    is_office = unit.type == "office"
    if scope == SCOPE_DISTRICT:
        return is_office
    if scope == SCOPE_ALL:
        return True
    if scope == SCOPE_SCHOOLS:
        return not is_office
    return not is_office and unit.id in groups.get(scope, frozenset())


def scope_kind(unit: School, groups: dict[str, frozenset[str]]) -> tuple[bool, frozenset[str]]:
    """All that :func:`scope_applies` reads of a unit: whether it is the office, and which
    of the plan's groups it is in. Units of one kind have the same tasks."""
    return unit.type == "office", frozenset(g for g, ids in groups.items() if unit.id in ids)


def load_workspace(ws: Workspace, *, year: int | None = None) -> Loaded:
    """Load and cross-check the plan and every school file; raise one error listing all problems."""
    with paused_gc():
        return _load_workspace(ws, year)


def _load_workspace(ws: Workspace, year: int | None) -> Loaded:
    plan_path = ws.plan_path(year)
    problems: list[Problem] = []
    parse_cache = _open_cache(ws)
    plan = (
        _load_plan(plan_path, problems, parse_cache)
        if stays_inside(plan_path, ws, problems)
        else None
    )
    units: list[tuple[Path, yamlio.Document, School]] = []
    paths = ws.school_paths()
    if ws.office_path.is_file():
        paths = [ws.office_path, *paths]
    for path in paths:
        loaded = (
            read_school(path, problems, parse_cache) if stays_inside(path, ws, problems) else None
        )
        if loaded is not None:
            units.append(loaded)
    if parse_cache is not None:
        parse_cache.save()
    if plan is None:
        raise DataError(problems)
    occurrences, milestone_due = _plan_dates(plan[0], plan[1], problems)
    _check_schools(plan[0], occurrences, units, ws, problems)
    if problems:
        raise DataError(problems)
    office = next((s for _, _, s in units if s.type == "office"), None)
    schools = [s for _, _, s in units if s.type != "office"]
    return Loaded(
        workspace=ws,
        plan=plan[0],
        plan_path=plan_path,
        schools=schools,
        office=office,
        school_paths={s.id: p for p, _, s in units},
        occurrences=occurrences,
        milestone_due=milestone_due,
        groups=compute_groups(plan[0], schools),
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
    from . import cache

    return cache.ParseCache(ws.root) if cache.enabled() else None


@dataclass
class LoadedPlan:
    plan: Plan
    path: Path
    occurrences: dict[str, list[Occurrence]]
    milestone_due: dict[str, Occurrence]


def load_plan(ws: Workspace, *, year: int | None = None) -> LoadedPlan:
    """Only the plan (``guanxin plan`` must work even while a school file is broken).

    Its own small cache (the parse cache holds every school too): a cached plan needs
    neither parsing nor Pydantic's validator for the plan, built on first use.
    """
    from . import cache

    path = ws.plan_path(year)
    problems: list[Problem] = []
    plan_cache = cache.ParseCache(ws.root, cache.PLAN) if cache.enabled() else None
    loaded = _load_plan(path, problems, plan_cache)
    if plan_cache is not None:
        plan_cache.save()
    if loaded is None:
        raise DataError(problems)
    occurrences, milestone_due = _plan_dates(loaded[0], loaded[1], problems)
    if problems:
        raise DataError(problems)
    return LoadedPlan(loaded[0], path, occurrences, milestone_due)


def check_files(paths: Iterable[Path], ws: Workspace | None) -> list[Problem]:
    """Validate the given files (plans or school files) on their own and against the plan."""
    problems: list[Problem] = []
    plan: tuple[Plan, yamlio.Document] | None = None
    paths = [p for p in paths if ws is None or stays_inside(p, ws, problems)]
    plan_files = [p for p in paths if _looks_like_plan(p)]
    school_files = [p for p in paths if p not in plan_files]
    for path in plan_files:
        plan = _load_plan(path, problems) or plan
    if plan is None and school_files and ws is not None:
        try:
            plan = _load_plan(ws.plan_path(), [])
        except UsageError:
            plan = None
    units = [u for u in (read_school(p, problems) for p in school_files) if u is not None]
    if plan is not None:
        occurrences, _ = _plan_dates(plan[0], plan[1], problems if plan_files else [])
        _check_schools(plan[0], occurrences, units, ws, problems)
    return problems


def checked_unit(
    check: UnitCheck, path: Path
) -> tuple[tuple[School, dict[str, frozenset[str]]] | None, list[Problem]]:
    """A unit file read, validated and checked against the plan: the unit with its groups
    (:func:`unit_groups`), or None with every problem found in it."""
    problems: list[Problem] = []
    loaded = read_school(path, problems)
    if loaded is None:
        return None, problems
    _, doc, unit = loaded
    groups = unit_groups(check.plan, unit)
    check.unit(path, doc, unit, problems, groups)
    return (None if problems else (unit, groups)), problems


# What ``check`` keeps of a unit found good: its id, name and type.
UnitBrief = tuple[str, str, str]


def check_units(ws: Workspace, lp: LoadedPlan) -> tuple[list[Problem], list[str]]:
    """Every unit file of the workspace (the office's, then the schools' in name order)
    checked on its own, against the plan and against each other, as ``guanxin check``
    reports them: every problem, and the type of each unit found good. Shared with worker
    processes when there are many; a file found good before, unchanged since and checked
    against the same plan, is not read again (the check cache)."""
    from . import cache, workers

    problems: list[Problem] = []
    # Paths as text until one is needed whole: at 20,000 files Path objects cost more than
    # the cache they look up.
    entries = ws.school_files()
    office = os.path.abspath(ws.office_path)
    if os.path.isfile(office):
        entries = [(office, os.path.islink(office)), *entries]
    inside = dir_inside(ws.schools_dir, ws.root)  # then only symlinks need a closer look
    paths = [
        p for p, link in entries if (inside and not link) or stays_inside(Path(p), ws, problems)
    ]
    store = cache.ParseCache(ws.root, cache.CHECKS) if cache.enabled() else None
    try:
        plan_bytes = lp.path.read_bytes()
    except OSError:
        plan_bytes = b""
    kind = f"unit|{hashlib.sha256(plan_bytes).hexdigest()}"
    found: list[UnitBrief | None] = [None] * len(paths)
    # Look files up only in a cache that holds checks against this plan (else each job
    # takes its file's cache key, in the workers, in parallel).
    lookup = store is not None and store.holds(kind)
    keys = [stat_key(p) for p in paths] if lookup else [None] * len(paths)
    if store is not None and lookup:
        for n, path in enumerate(paths):
            brief = store.get(path, kind, keys[n])
            if isinstance(brief, tuple) and len(brief) == 3:
                found[n] = brief
    missing = [n for n, brief in enumerate(found) if brief is None]
    check = UnitCheck(lp.plan, lp.occurrences, ws)
    keyed = store is not None and not lookup

    def one(path: str) -> tuple[UnitBrief | None, list[Problem], StatKey | None]:
        key = stat_key(path) if keyed else None
        unit, trouble = checked_unit(check, Path(path))
        return (None if unit is None else (unit[0].id, unit[0].name, unit[0].type)), trouble, key

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
    return problems, [b[2] for _, b in units]


def stays_inside(path: Path, ws: Workspace, problems: list[Problem]) -> bool:
    """A file found in the workspace must still be in it once symlinks are followed.

    Otherwise a school file such as ``data/schools/x.yaml -> /etc/shadow`` would be read
    (and quoted in error messages). Paths outside the workspace that the user names on
    the command line are the user's own choice and are not refused.
    """
    if not path.is_symlink() and dir_inside(path.parent, ws.root):
        return True  # the common case, without resolving every file (20,000 of them)
    try:
        path.absolute().relative_to(ws.root.absolute())
    except ValueError:
        return True
    try:
        target = path.resolve()
        target.relative_to(ws.root.resolve())
    except RuntimeError:  # a symlink loop (Python < 3.13)
        problems.append(problem("file.unreadable", Location(path), reason="symlink loop"))
        return False
    except ValueError:
        problems.append(problem("file.outside", Location(path), target=str(target)))
        return False
    return True


@functools.lru_cache(maxsize=64)
def dir_inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _resolved_dir(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return folder


def _looks_like_plan(path: Path) -> bool:
    return path.parent.name == PLANS_DIR


def _load_plan(
    path: Path, problems: list[Problem], parse_cache: ParseCache | None = None
) -> tuple[Plan, yamlio.Document] | None:
    key = stat_key(path) if parse_cache is not None else None
    if parse_cache is not None:
        cached = parse_cache.get(path, "plan", key)
        if isinstance(cached, Plan):
            return cached, yamlio.Document(path, None, text=None)
    doc = _read(path, problems)
    if doc is None:
        return None
    plan = _validated(Plan, doc, problems)
    if plan is None:
        return None
    found = list(_plan_references(plan, doc))
    problems.extend(found)
    if parse_cache is not None and not found:
        parse_cache.put(path, "plan", key, plan)
    return plan, doc


def read_school(
    path: Path, problems: list[Problem], parse_cache: ParseCache | None = None
) -> tuple[Path, yamlio.Document, School] | None:
    key = stat_key(path) if parse_cache is not None else None
    if parse_cache is not None:
        cached = parse_cache.get(path, "school", key)
        if isinstance(cached, School):
            # Positions are read from the file only if a cross-check has something to say.
            return path, yamlio.Document(path, None, text=None), cached
    doc = _read(path, problems, closed=True)
    if doc is None:
        return None
    from .validation import ValidationError, validate

    try:
        school: School | None = validate(School, doc.data)
    except ValidationError:
        school = None
    if school is None:
        # Read again with every check, so the file says what is wrong as it always has
        # (a key like `1.5:` is text there, and may be fine).
        assert doc.text is not None  # (just read)
        try:
            doc = yamlio.loads(doc.text, path)
        except DataError as exc:
            problems.extend(exc.problems)
            return None
        school = _validated(School, doc, problems)
        if school is None:
            return None
    if parse_cache is not None:
        parse_cache.put(path, "school", key, school)
    # Keep only what locating a cross-file problem needs: not the data, not the text
    # (both are read again on demand), so 20,000 files do not sit in memory twice.
    return path, yamlio.Document(path, None, text=None), school


M = TypeVar("M")


def _validated(model: type[M], doc: yamlio.Document, problems: list[Problem]) -> M | None:
    """``doc``'s data as a ``model``, or None with what is wrong added to ``problems``."""
    from .validation import ValidationError, validate

    try:
        return validate(model, doc.data)
    except ValidationError as exc:
        problems.extend(validation_problems(exc, doc, model))
        return None


def _read(path: Path, problems: list[Problem], closed: bool = False) -> yamlio.Document | None:
    try:
        doc = yamlio.load(path, closed=closed)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(doc.data, dict):
        problems.append(problem("yaml.not_mapping", doc.locate(()), kind=type(doc.data).__name__))
        return None
    return doc


# ------------------------------------------------------- pydantic → located problems

_TYPE_KEYS = {
    "missing": "v.missing",
    "unexpected_keyword_argument": "v.unknown_key",
    "invalid_key": "v.unknown_key",  # (a number or a date as a record's key)
    "literal_error": "v.choice",
    "enum": "v.choice",
    "date_parsing": "v.date",
    "date_from_datetime_parsing": "v.date",
    "date_from_datetime_inexact": "v.date",
    "date_type": "v.date",
    "int_parsing": "v.int",
    "int_type": "v.int",
    "int_from_float": "v.int",
    "float_parsing": "v.number",
    "float_type": "v.number",
    "bool_parsing": "v.bool",
    "bool_type": "v.bool",
    "string_type": "v.string",
    "string_pattern_mismatch": "v.pattern",
    "string_too_short": "v.empty",
    "string_too_long": "v.too_long",
    "too_short": "v.too_short",
    "list_type": "v.list",
    "dict_type": "v.mapping",
    "dataclass_type": "v.mapping",
    "dataclass_args_type": "v.mapping",
    "greater_than_equal": "v.ge",
    "less_than_equal": "v.le",
}


_UNKNOWN_KEY = ("unexpected_keyword_argument", "invalid_key")


def validation_problems(exc: ValidationError, doc: yamlio.Document, model: type) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        key = kind if kind.startswith("model.") else _TYPE_KEYS.get(kind, "v.other")
        params: dict[str, Any] = {"key": ".".join(str(k) for k in loc) or "(root)"}
        ctx = err.get("ctx") or {}
        if kind in _UNKNOWN_KEY:
            allowed = sorted(_fields_at(model, loc[:-1]))
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            key = "v.unknown_key_hint" if close else "v.unknown_key"
            params.update(name=loc[-1], hint=close[0] if close else "", allowed=", ".join(allowed))
            where = doc.locate_key(loc)
        else:
            where = doc.locate(loc)
            if kind in ("literal_error", "enum"):
                expected = str(ctx.get("expected", ""))
                choices = re.findall(r"'([^']*)'", expected) or [expected]  # (1: a number)
                params["allowed"] = ", ".join(choices)
                given = err.get("input")
                close = (
                    difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
                    if isinstance(given, str)
                    else []
                )
                if close:
                    key, params["hint"] = "v.choice_hint", close[0]
            if kind in ("greater_than_equal", "less_than_equal"):
                params["limit"] = ctx.get("ge", ctx.get("le"))
            if kind == "string_pattern_mismatch":
                params["pattern"] = ctx.get("pattern", "")
                if params["pattern"] == TEXT_PATTERN:
                    key = "v.control_char"
                elif params["pattern"] == PHONE_PATTERN:
                    key = "v.phone"
            if kind.startswith("model."):
                params.update({k: v for k, v in ctx.items() if isinstance(v, str | int)})
            if key == "v.other":
                params["detail"] = err["msg"]
            value = err.get("input")
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                params["value"] = value
        out.append(Problem(key, params, where))
    return out


def _fields_at(model: type, loc: tuple[Any, ...]) -> set[str]:
    """Field names allowed at ``loc`` inside ``model`` (for "did you mean" hints)."""
    from .rules import field_types

    current: Any = model
    for part in loc:
        if _is_mapping_type(current):
            current = _unwrap(current)  # the part is a free-form key; its value type follows
            continue
        current = _unwrap(current)
        if isinstance(part, int) or current is None:
            continue
        if _is_record(current):
            current = field_types(current).get(str(part))
    current = _unwrap(current)
    return set(field_types(current)) if _is_record(current) else set()


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_mapping_type(tp: Any) -> bool:
    while typing.get_origin(tp) is typing.Annotated or typing.get_origin(tp) in (
        typing.Union,
        types.UnionType,
    ):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0]
    return typing.get_origin(tp) is dict


def _unwrap(tp: Any) -> Any:
    for _ in range(8):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated or origin in (list, tuple):
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        elif origin in (typing.Union, types.UnionType):
            records = [a for a in typing.get_args(tp) if _is_record(a)]
            tp = records[0] if records else None
        else:
            return tp
    return tp


# ------------------------------------------------------------- cross references


def _plan_references(plan: Plan, doc: yamlio.Document) -> Iterator[Problem]:
    seen: dict[str, tuple[Any, ...]] = {}

    def unique(ident: str, loc: tuple[Any, ...]) -> Iterator[Problem]:
        if ident in seen:
            first = doc.locate(seen[ident])
            yield problem("ref.duplicate_id", doc.locate(loc), id=ident, first_line=first.line)
        else:
            seen[ident] = loc

    owners = {o.id for o in plan.owners}
    groups = {g.id for g in plan.groups}
    tasks = {t.id for t in plan.tasks()}
    sections = {s.id for s in plan.sections}
    for i, owner in enumerate(plan.owners):
        yield from unique(owner.id, ("owners", i, "id"))
    for i, group in enumerate(plan.groups):
        yield from unique(group.id, ("groups", i, "id"))
        if group.id in BUILTIN_SCOPES:
            yield problem("ref.group_reserved", doc.locate(("groups", i, "id")), id=group.id)
    for si, section in enumerate(plan.sections):
        yield from unique(section.id, ("sections", si, "id"))
        for pi, point in enumerate(section.points):
            yield from unique(point.id, ("sections", si, "points", pi, "id"))
            for ti, task in enumerate(point.tasks):
                base: tuple[Any, ...] = ("sections", si, "points", pi, "tasks", ti)
                yield from unique(task.id, (*base, "id"))
                if task.owner not in owners:
                    yield _unknown("owner", task.owner, owners, doc.locate((*base, "owner")))
                if task.scope not in groups and task.scope not in BUILTIN_SCOPES:
                    yield _unknown(
                        "scope",
                        task.scope,
                        groups | set(BUILTIN_SCOPES),
                        doc.locate((*base, "scope")),
                    )
    for mi, ms in enumerate(plan.milestones):
        base = ("milestones", mi)
        yield from unique(ms.id, (*base, "id"))
        if ms.section not in sections:
            yield _unknown("section", ms.section, sections, doc.locate((*base, "section")))
        if ms.count.task is not None and ms.count.task not in tasks:
            yield _unknown("task", ms.count.task, tasks, doc.locate((*base, "count", "task")))
        if ms.count.group is not None and ms.count.group not in groups:
            yield _unknown("group", ms.count.group, groups, doc.locate((*base, "count", "group")))


def _unknown(kind: str, value: str, known: Iterable[str], where: Location) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.5)
    return problem(
        "ref.unknown_hint" if close else "ref.unknown",
        where,
        kind=kind,
        value=value,
        hint=", ".join(close),
    )


def _plan_dates(
    plan: Plan, doc: yamlio.Document, problems: list[Problem]
) -> tuple[dict[str, list[Occurrence]], dict[str, Occurrence]]:
    occurrences: dict[str, list[Occurrence]] = {}
    for si, section in enumerate(plan.sections):
        for pi, point in enumerate(section.points):
            for ti, task in enumerate(point.tasks):
                found: list[Occurrence] = []
                for wi, phrase in enumerate(task.when):
                    loc = ("sections", si, "points", pi, "tasks", ti, "when", wi)
                    found.extend(_resolve(phrase, plan.year, doc, loc, problems))
                occurrences[task.id] = found
    milestone_due: dict[str, Occurrence] = {}
    for mi, ms in enumerate(plan.milestones):
        resolved = _resolve(ms.when, plan.year, doc, ("milestones", mi, "when"), problems)
        if resolved:
            milestone_due[ms.id] = resolved[-1]
    return occurrences, milestone_due


def _resolve(
    phrase: str, year: int, doc: yamlio.Document, loc: tuple[Any, ...], problems: list[Problem]
) -> list[Occurrence]:
    try:
        return resolve(phrase, year)
    except UnknownPhrase as exc:
        where = doc.locate(loc) if loc in doc.positions else doc.locate(loc[:-1])
        problems.append(problem("ref.phrase", where, value=phrase, known="、".join(exc.known)))
        return []


def progress_key(task_id: str, occurrence: Occurrence | None, single: bool) -> str:
    """The key a school file uses for one occurrence of a task."""
    return task_id if single or occurrence is None else f"{task_id}@{occurrence.key}"


def date_window(year: int) -> tuple[dt.date, dt.date]:
    """The dates a plan's records may carry: its year, and a year either side (work that
    started late in the year before, fixes and reports due early in the year after)."""
    return dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)


def _check_dates(plan: Plan, doc: yamlio.Document, school: School, problems: list[Problem]) -> None:
    """Dates far from the plan year (a typed 2032) and fix-by dates before their audit."""
    first, last = date_window(plan.year)

    def near(loc: tuple[Any, ...], day: dt.date | None) -> None:
        if day is not None and not first <= day <= last:
            params = {"date": day.isoformat(), "year": plan.year, "first": first, "last": last}
            problems.append(problem("ref.date_outside", doc.locate(loc), **params))

    for key, entry in school.progress.items():
        done, started = entry.date, entry.started
        # (compared here first: near() builds a key path, and most entries have no problem)
        if (done is not None and not first <= done <= last) or (
            started is not None and not first <= started <= last
        ):
            near(("progress", key, "date"), done)
            near(("progress", key, "started"), started)
    for ai, audit in enumerate(school.audits):
        near(("audits", ai, "date"), audit.date)
        for fi, finding in enumerate(audit.findings):
            if finding.fix_by < audit.date:
                where = doc.locate(("audits", ai, "findings", fi, "fix_by"))
                problems.append(
                    problem(
                        "ref.fix_before_audit",
                        where,
                        fix_by=finding.fix_by.isoformat(),
                        date=audit.date.isoformat(),
                    )
                )


def _check_schools(
    plan: Plan,
    occurrences: dict[str, list[Occurrence]],
    units: list[tuple[Path, yamlio.Document, School]],
    ws: Workspace | None,
    problems: list[Problem],
) -> None:
    check = UnitCheck(plan, occurrences, ws)
    for path, doc, school in units:
        check.unit(path, doc, school, problems)
    check_unique([(path, doc, school.id, school.name) for path, doc, school in units], problems)


def check_unique(
    units: Iterable[tuple[Path, yamlio.Document, str, str]], problems: list[Problem]
) -> None:
    """The checks across files: no two units share an id or a name."""
    ids: dict[str, Path] = {}
    names: dict[str, Path] = {}
    for path, doc, unit_id, name in units:
        if unit_id in ids:
            problems.append(
                problem(
                    "ref.duplicate_school", doc.locate(("id",)), id=unit_id, other=str(ids[unit_id])
                )
            )
        ids.setdefault(unit_id, path)
        if name in names:
            problems.append(
                problem(
                    "ref.duplicate_name", doc.locate(("name",)), name=name, other=str(names[name])
                )
            )
        names.setdefault(name, path)


class UnitCheck:
    """The checks of one unit file against the plan (and where the file lives)."""

    def __init__(
        self, plan: Plan, occurrences: dict[str, list[Occurrence]], ws: Workspace | None
    ) -> None:
        self.plan = plan
        self.occurrences = occurrences
        self.tasks = {t.id: t for t in plan.tasks()}
        self.occ_keys = {task_id: [o.key for o in occs] for task_id, occs in occurrences.items()}
        self.schools_dir = ws.schools_dir.resolve() if ws is not None else None
        self._in_schools_dir: dict[str, bool] = {}  # by a file's folder, as given
        # the progress keys that need no second look, by what decides which tasks apply
        self._fine: dict[tuple[bool, frozenset[str]], frozenset[str]] = {}

    def _fine_keys(self, school: School, groups: dict[str, frozenset[str]]) -> frozenset[str]:
        """Progress keys naming a task that applies to ``school`` and its occurrence (or
        a task with one occurrence): what the loop in :meth:`unit` lets pass at once."""
        kind = scope_kind(school, groups)
        fine = self._fine.get(kind)
        if fine is None:
            keys: set[str] = set()
            for task_id, task in self.tasks.items():
                if scope_applies(task.scope, school, groups):
                    occ_keys = self.occ_keys.get(task_id, [])
                    if len(self.occurrences.get(task_id, [])) <= 1:
                        keys.add(task_id)
                    keys.update(f"{task_id}@{k}" for k in occ_keys)
            fine = self._fine[kind] = frozenset(keys)
        return fine

    def _in_schools(self, path: Path) -> bool:
        """Whether ``path`` is in the workspace's school folder (symlinks resolved)."""
        if self.schools_dir is None:
            return False
        folder = os.path.dirname(path)
        inside = self._in_schools_dir.get(folder)
        if inside is None:
            inside = _resolved_dir(Path(folder)) == self.schools_dir
            self._in_schools_dir[folder] = inside
        return inside

    def unit(
        self,
        path: Path,
        doc: yamlio.Document,
        school: School,
        problems: list[Problem],
        groups: dict[str, frozenset[str]] | None = None,
    ) -> None:
        """``groups``: the school's :func:`unit_groups`, when the caller has them already."""
        plan, tasks, occ_keys = self.plan, self.tasks, self.occ_keys
        if groups is None:
            groups = unit_groups(plan, school)
        if self._in_schools(path):
            if path.stem != school.id:
                problems.append(
                    problem("ref.id_filename", doc.locate(("id",)), id=school.id, stem=path.stem)
                )
            if school.type == "office":
                problems.append(problem("ref.office_in_schools", doc.locate(("type",))))
        _check_dates(plan, doc, school, problems)
        fine = self._fine_keys(school, groups)
        for key in school.progress:
            if key in fine:
                continue  # the happy path: no positions, no hints
            task_id, _, occ_key = key.partition("@")
            task = tasks.get(task_id)
            occs = self.occurrences.get(task_id, []) if task is not None else []
            where = doc.locate_key(("progress", key))
            if task is None:
                problems.append(_unknown("task", task_id, tasks, where))
                continue
            keys = occ_keys.get(task_id, [])
            if occ_key and occ_key not in keys:
                problems.append(
                    problem(
                        "ref.occurrence", where, task=task_id, value=occ_key, known="、".join(keys)
                    )
                )
            elif not occ_key and len(occs) > 1:
                problems.append(
                    problem(
                        "ref.needs_occurrence",
                        where,
                        task=task_id,
                        known="、".join(f"{task_id}@{k}" for k in keys),
                    )
                )
            if not scope_applies(task.scope, school, groups):
                problems.append(not_in_scope(plan, task, school, where))
        for ai, activity in enumerate(school.activities):
            if activity.task is not None and activity.task not in tasks:
                problems.append(
                    _unknown("task", activity.task, tasks, doc.locate(("activities", ai, "task")))
                )
        audit_ids: dict[str, int] = {}
        for ai, audit in enumerate(school.audits):
            if audit.id in audit_ids:
                first = doc.locate(("audits", audit_ids[audit.id], "id"))
                problems.append(
                    problem(
                        "ref.duplicate_id",
                        doc.locate(("audits", ai, "id")),
                        id=audit.id,
                        first_line=first.line or "?",
                    )
                )
            audit_ids.setdefault(audit.id, ai)
            finding_ids: dict[str, int] = {}
            for fi, finding in enumerate(audit.findings):
                if finding.id in finding_ids:
                    first = doc.locate(("audits", ai, "findings", finding_ids[finding.id], "id"))
                    problems.append(
                        problem(
                            "ref.duplicate_id",
                            doc.locate(("audits", ai, "findings", fi, "id")),
                            id=finding.id,
                            first_line=first.line or "?",
                        )
                    )
                finding_ids.setdefault(finding.id, fi)


def not_in_scope(plan: Plan, task: Task, unit: School, where: Location | None = None) -> Problem:
    """Why ``task`` does not apply to ``unit``, naming the group and what would change that."""
    params: dict[str, Any] = {"task": task.id, "scope": task.scope, "school": unit.name}
    group = next((g for g in plan.groups if g.id == task.scope), None)
    if group is None:  # a built-in scope: the office's own work, or the schools'
        key = "ref.not_in_scope.district" if task.scope == SCOPE_DISTRICT else "ref.not_in_scope"
        return problem(key, where, **params)
    params.update(group=group.name, group_en=group.name_en or group.name, id=unit.id)
    miss = rule_miss(group.rule, unit) or ("listed", {})
    return problem(f"ref.not_in_scope.{miss[0]}", where, **params, **miss[1])


def rule_miss(rule: GroupRule, unit: School) -> tuple[str, dict[str, Any]] | None:
    """The first condition of a group rule that ``unit`` fails (with what it asked), or None."""
    if rule.types is not None and unit.type not in rule.types:
        return "types", {"types": ", ".join(rule.types), "type": unit.type}
    missing = [f for f in rule.has or () if getattr(unit.facilities, f) is None]
    if missing:
        return "has", {"facility": missing[0]}
    cohort = unit.youzhihua.cohort if unit.youzhihua else None
    if rule.youzhihua_cohort is not None and cohort != rule.youzhihua_cohort:
        return "cohort", {"cohort": rule.youzhihua_cohort}
    if rule.schools is not None and unit.id not in rule.schools:
        return "listed", {}
    return None


def unit_groups(plan: Plan, unit: School) -> dict[str, frozenset[str]]:
    """The plan's groups as far as one unit is concerned (it is in them or not)."""
    return compute_groups(plan, [] if unit.type == "office" else [unit])


def compute_groups(plan: Plan, schools: list[School]) -> dict[str, frozenset[str]]:
    return {
        group.id: frozenset(s.id for s in schools if rule_miss(group.rule, s) is None)
        for group in plan.groups
    }


# ------------------------------------------------------- validating an edit first


@dataclass
class EditBase:
    """What an edit needs: the plan, and every unit file that loads on its own.

    A broken file elsewhere must not stop recording progress for another school, so
    files that fail to load are kept aside in ``broken`` instead of raising.
    """

    workspace: Workspace
    plan: LoadedPlan
    units: list[tuple[Path, yamlio.Document, School]]
    broken: list[Problem]

    def schools(self) -> list[School]:
        """The office first (if any), then the schools, as they are on disk."""
        return [s for _, _, s in self.units]

    def path_of(self, school: School) -> Path:
        return next(p for p, _, s in self.units if s is school)

    def find(self, query: str) -> School:
        """The unit ``query`` names (see :func:`resolve_school`); when it names a file that
        does not load, that file's own problems are raised instead of "no such school"."""
        from .schools import broken_named, resolve_school

        paths = sorted({p.where.path for p in self.broken if p.where.path is not None})
        # a file refused for leading outside the workspace is never read, not even for a name
        shut = {p.where.path for p in self.broken if p.msg in _NOT_READ}
        labels = {p: [p.stem] if p in shut else _labels(p) for p in paths}
        named = broken_named(query, self.schools(), labels)
        if named:
            raise DataError([p for p in self.broken if p.where.path in named])
        try:
            return resolve_school(query, self.schools())
        except UsageError as exc:
            unknown = exc.problems[0].msg in ("school.unknown", "school.unknown_hint")
            if not (unknown and self.broken):
                raise
            # it may be one of the files that do not load: say which those are, and why
            raise DataError([*exc.problems, *self.broken]) from None

    def groups(self) -> dict[str, frozenset[str]]:
        return compute_groups(self.plan.plan, [s for s in self.schools() if s.type != "office"])


_NOT_READ = frozenset({"file.outside", "file.unreadable"})
# `id: x` / `name: 某某小学` at the top level of a file too broken to parse (quotes and an
# end-of-line comment aside)
_TOP_LABEL = re.compile(r"^(id|name):[ \t]*(['\"]?)(.*?)\2[ \t]*(?:#.*)?$", re.MULTILINE)


def _labels(path: Path) -> list[str]:
    """What a broken file still shows of itself: its stem, then its id and name if readable
    (from the text itself when the YAML is too broken to parse)."""
    data = yamlio.peek(path)
    if isinstance(data, dict):
        found = [data.get(k) for k in ("id", "name")]
    else:
        try:
            text = yamlio.read_head(path).decode("utf-8", "replace")
        except OSError:
            text = ""
        found = [m.group(3) for m in _TOP_LABEL.finditer(text)]
    return [path.stem, *(v for v in found if isinstance(v, str) and v.strip())]


def load_for_edit(ws: Workspace, *, year: int | None = None) -> EditBase:
    plan = load_plan(ws, year=year)
    paths = ws.school_paths()
    if ws.office_path.is_file():
        paths = [ws.office_path, *paths]
    broken: list[Problem] = []
    # as for reading: a file whose symlink leads outside the workspace is neither read
    # nor written (an edit would otherwise write through it)
    paths = [p for p in paths if stays_inside(p, ws, broken)]
    units = [u for u in (read_school(p, broken) for p in paths) if u is not None]
    return EditBase(ws, plan, units, broken)


def check_edit(base: EditBase, path: Path, text: str) -> list[Problem]:
    """Problems ``check`` would report for ``path`` if it held ``text``: YAML, models, and
    the cross-checks against the plan and the other files as they are on disk."""
    problems: list[Problem] = []
    try:
        doc = yamlio.loads(text, path)
    except DataError as exc:
        return exc.problems
    if not isinstance(doc.data, dict):
        return [problem("yaml.not_mapping", doc.locate(()), kind=type(doc.data).__name__)]
    school = _validated(School, doc, problems)
    if school is None:
        return problems
    target = path.resolve()
    others = [u for u in base.units if u[0].resolve() != target]
    # The edited file goes last, so a clash with another file is reported on the edited one.
    _check_schools(
        base.plan.plan,
        base.plan.occurrences,
        [*others, (path, doc, school)],
        base.workspace,
        problems,
    )
    return [p for p in problems if p.where.path == path]
