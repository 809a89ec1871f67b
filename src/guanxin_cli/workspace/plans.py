"""A plan file → its model and dates: every id unique and every reference known, each
deadline phrase resolved in the plan's year and calendar, every problem located."""

from __future__ import annotations

import dataclasses
import difflib
import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import almanac, yamlio
from ..cache import ParseCache, stat_key
from ..dates import Occurrence, UnknownPhrase, resolve
from ..errors import DataError, Location, Problem, problem
from ..models import BUILTIN_SCOPES, Calendar, Plan
from .folders import Workspace
from .located import read_document, text_document, unknown_id, validated


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
    from .. import cache

    path = ws.plan_path(year)
    problems: list[Problem] = []
    plan_cache = cache.ParseCache(ws.root, cache.PLAN) if cache.enabled() else None
    loaded = read_plan(path, problems, plan_cache)
    if plan_cache is not None:
        plan_cache.save()
    if loaded is None:
        raise DataError(problems)
    occurrences, milestone_due = plan_dates(loaded[0], loaded[1], problems)
    if problems:
        raise DataError(problems)
    return LoadedPlan(loaded[0], path, occurrences, milestone_due)


def check_plan_text(text: str, path: Path) -> list[Problem]:
    """What ``check`` would say of a plan file holding ``text`` (one not yet written)."""
    problems: list[Problem] = []
    doc = text_document(text, path, problems)
    if doc is None:
        return problems
    plan = validated(Plan, doc, problems)
    if plan is not None:
        problems.extend(_plan_references(plan, doc))
        plan_dates(plan, doc, problems)
    else:
        problems.extend(_salvaged_references(doc))
    return problems


def read_plan(
    path: Path, problems: list[Problem], parse_cache: ParseCache | None = None
) -> tuple[Plan, yamlio.Document] | None:
    """The plan in ``path`` and its document, or None with what is wrong added to
    ``problems`` (``parse_cache``: where a plan found good is kept while its file is
    unchanged)."""
    key = stat_key(path) if parse_cache is not None else None
    if parse_cache is not None:
        cached = parse_cache.get(path, "plan", key)
        if isinstance(cached, Plan):
            return cached, yamlio.Document(path, None, text=None)
    found_yaml: list[Problem] = []
    doc = read_document(path, found_yaml, salvage=True)
    # (an empty file is told what a plan, not a school file, needs)
    problems.extend(
        dataclasses.replace(p, msg="yaml.empty_plan") if p.msg == "yaml.empty" else p
        for p in found_yaml
    )
    if doc is None:
        return None
    plan = validated(Plan, doc, problems)
    if plan is None and not found_yaml:
        problems.extend(_salvaged_references(doc))
    if plan is None or found_yaml:
        return None
    found = list(_plan_references(plan, doc))
    problems.extend(found)
    if parse_cache is not None and not found:
        parse_cache.put(path, "plan", key, plan)
    return plan, doc


def _salvaged_references(doc: yamlio.Document) -> Iterator[Problem]:
    """The references of a plan that does not validate, checked on what of it does (see
    ``salvage.salvage_plan``), so that one run reports them too."""
    from ..salvage import salvage_plan

    plan = salvage_plan(doc)
    if plan is not None:
        yield from _plan_references(plan, doc)


def _plan_references(plan: Plan, doc: yamlio.Document) -> Iterator[Problem]:
    """Ids unique within their kind (owners, groups, and the plan's own items: sections,
    points, tasks and milestones, which progress keys name), and every reference known."""
    seen: dict[str, dict[str, tuple[Any, ...]]] = {"owner": {}, "group": {}, "item": {}}

    def unique(kind: str, ident: str, loc: tuple[Any, ...]) -> Iterator[Problem]:
        if ident in seen[kind]:
            first = doc.locate(seen[kind][ident])
            yield problem("ref.duplicate_id", doc.locate(loc), id=ident, first_line=first.line)
        else:
            seen[kind][ident] = loc

    owners = {o.id for o in plan.owners}
    groups = {g.id for g in plan.groups}
    tasks = {t.id for t in plan.tasks()}
    sections = {s.id for s in plan.sections}
    for i, owner in enumerate(plan.owners):
        yield from unique("owner", owner.id, ("owners", i, "id"))
    for i, group in enumerate(plan.groups):
        yield from unique("group", group.id, ("groups", i, "id"))
        if group.id in BUILTIN_SCOPES:
            yield problem("ref.group_reserved", doc.locate(("groups", i, "id")), id=group.id)
    for si, section in enumerate(plan.sections):
        yield from unique("item", section.id, ("sections", si, "id"))
        for pi, point in enumerate(section.points):
            yield from unique("item", point.id, ("sections", si, "points", pi, "id"))
            for ti, task in enumerate(point.tasks):
                base: tuple[Any, ...] = ("sections", si, "points", pi, "tasks", ti)
                yield from unique("item", task.id, (*base, "id"))
                if task.owner not in owners:
                    yield unknown_id("owner", task.owner, owners, doc.locate((*base, "owner")))
                if task.scope not in groups and task.scope not in BUILTIN_SCOPES:
                    yield unknown_id(
                        "scope",
                        task.scope,
                        groups | set(BUILTIN_SCOPES),
                        doc.locate((*base, "scope")),
                    )
    for mi, ms in enumerate(plan.milestones):
        base = ("milestones", mi)
        yield from unique("item", ms.id, (*base, "id"))
        if ms.section not in sections:
            yield unknown_id("section", ms.section, sections, doc.locate((*base, "section")))
        if ms.count.task is not None and ms.count.task not in tasks:
            yield unknown_id("task", ms.count.task, tasks, doc.locate((*base, "count", "task")))
        if ms.count.group is not None and ms.count.group not in groups:
            yield unknown_id("group", ms.count.group, groups, doc.locate((*base, "count", "group")))
    if plan.findings_section is not None and plan.findings_section not in sections:
        where = doc.locate(("findings_section",))
        yield unknown_id("section", plan.findings_section, sections, where)
    points = {p.id for s in plan.sections for p in s.points}
    known = {
        "sections": ("section", sections),
        "points": ("point", points),
        "tasks": ("task", tasks),
    }
    for ci, chapter in enumerate(plan.report.chapters if plan.report else []):
        for field_, (kind, ids) in known.items():
            for n, ident in enumerate(getattr(chapter, field_)):
                if ident not in ids:
                    where = doc.locate(("report", "chapters", ci, field_, n))
                    yield unknown_id(kind, ident, ids, where)


def plan_dates(
    plan: Plan, doc: yamlio.Document, problems: list[Problem]
) -> tuple[dict[str, list[Occurrence]], dict[str, Occurrence]]:
    calendar = plan.calendar
    if calendar is not None:
        _check_calendar(plan.year, calendar, doc, problems)
    occurrences: dict[str, list[Occurrence]] = {}
    for si, section in enumerate(plan.sections):
        for pi, point in enumerate(section.points):
            for ti, task in enumerate(point.tasks):
                found: list[Occurrence] = []
                for wi, (phrase, basis) in enumerate(task.phrases()):
                    loc = ("sections", si, "points", pi, "tasks", ti, "when", wi)
                    found.extend(
                        _with_basis(o, basis)
                        for o in _resolve(phrase, plan.year, calendar, doc, loc, problems)
                    )
                occurrences[task.id] = found
    milestone_due: dict[str, Occurrence] = {}
    for mi, ms in enumerate(plan.milestones):
        where = ("milestones", mi, "when")
        resolved = _resolve(ms.when, plan.year, calendar, doc, where, problems)
        if resolved:
            milestone_due[ms.id] = _with_basis(resolved[-1], ms.basis)
    return occurrences, milestone_due


def _with_basis(occurrence: Occurrence, basis: str) -> Occurrence:
    return occurrence if occurrence.basis == basis else dataclasses.replace(occurrence, basis=basis)


def _resolve(
    phrase: str,
    year: int,
    calendar: Calendar | None,
    doc: yamlio.Document,
    loc: tuple[Any, ...],
    problems: list[Problem],
) -> list[Occurrence]:
    try:
        return resolve(phrase, year, calendar)
    except UnknownPhrase as exc:
        if (*loc, "phrase") in doc.positions:
            loc = (*loc, "phrase")  # a phrase written as a mapping
        where = doc.locate(loc) if loc in doc.positions else doc.locate(loc[:-1])
        if exc.falls_in is not None:  # 建党100周年 in a 2022 plan
            params = {"value": phrase, "falls_in": exc.falls_in, "year": year}
            problems.append(problem("ref.phrase_year", where, **params))
        else:
            problems.append(_unknown_phrase(phrase, year, list(exc.known), where))
        return []


_SUFFIXES = ("前后", "期间", "前", "后", "初", "末")
_MONTH_DAY = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")


def _unknown_phrase(phrase: str, year: int, known: list[str], where: Location) -> Problem:
    """What to say of a phrase no rule reads: a day the calendar lacks (2月30日) as such,
    else the closest phrases there are, then the list."""
    m = _MONTH_DAY.search(phrase)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return problem("err.no_such_month", where, value=m.group(0), month=month)
        days = monthrange(year, month)[1]
        if not 1 <= day <= days:
            return problem(
                "err.no_such_day", where, value=m.group(0), year=year, month=month, days=days
            )
    close = difflib.get_close_matches(phrase, known, n=3, cutoff=0.6)
    suffix = next((s for s in _SUFFIXES if phrase.endswith(s) and len(phrase) > len(s)), "")
    if not close and suffix:  # 清名前后: 清明前后
        base = phrase.removesuffix(suffix)
        close = [c + suffix for c in difflib.get_close_matches(base, known, n=3, cutoff=0.5)]
    if close:
        return problem(
            "ref.phrase_hint", where, value=phrase, hint="、".join(close), known="、".join(known)
        )
    return problem("ref.phrase", where, value=phrase, known="、".join(known))


def _check_calendar(
    year: int, calendar: Calendar, doc: yamlio.Document, problems: list[Problem]
) -> None:
    for issue in almanac.calendar_problems(year, calendar):
        where = doc.locate(("calendar", *issue.where))
        problems.append(problem(issue.msg, where, **issue.params))
