"""The checks of unit files against the plans of the years they record and against each
other: every progress key names a task (and occurrence) that applies to the unit, dates
near their plan year, ids unique, parents known and no loop, files in the right folder.
What ``check`` reports, what the reports refuse broken files for, and what an edit must
pass before it is written."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamlio
from ..dates import Occurrence
from ..errors import GuanxinError, Location, Problem, problem
from ..models import INTERMEDIATE_TYPES, OFFICE_SCOPES, Plan, School, Task, YearRecords
from ..year.scope import rule_miss, scope_applies, scope_kind, unit_groups
from ..years import SchoolYear, record_years
from .folders import Workspace
from .located import unknown_id
from .plans import load_plan

GRACE = dt.timedelta(days=31)  # records a little before or after a plan's time
FIX_YEARS = 2  # how long after its audit a finding may still be fixed or re-checked


def fix_limit(audit_day: dt.date) -> dt.date:
    """The last day a finding of an audit held on ``audit_day`` may be fixed or re-checked
    (``FIX_YEARS`` later; an audit of Feb 29 runs to Feb 28)."""
    year = audit_day.year + FIX_YEARS
    try:
        return audit_day.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def date_window(year: int, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The dates a plan year's records may carry: the plan's time (its year, to its last
    deadline ``end``, which may be in the next January) and a month either side. Anything
    further is a typed year (2032) or a record filed under the wrong year."""
    last = max(end or dt.date(year, 12, 31), dt.date(year, 12, 31))
    return dt.date(year, 1, 1) - GRACE, last + GRACE


@dataclass
class YearRules:
    """What checking one plan year's records needs of its plan, worked out once."""

    plan: Plan
    occurrences: dict[str, list[Occurrence]]

    def __post_init__(self) -> None:
        from ..dates import plan_end

        self.tasks = {t.id: t for t in self.plan.tasks()}
        self.occ_keys = {t: [o.key for o in occs] for t, occs in self.occurrences.items()}
        self.window = date_window(self.plan.year, plan_end(self.plan.year, self.occurrences))
        # the progress keys that need no second look, by what decides which tasks apply
        self.fine: dict[tuple[str, frozenset[str]], frozenset[str]] = {}

    def fine_keys(self, unit: School, groups: dict[str, frozenset[str]]) -> frozenset[str]:
        """Progress keys naming a task that applies to ``unit`` and its occurrence (or
        a task with one occurrence): what :meth:`check` lets pass at once."""
        kind = scope_kind(unit, groups)
        fine = self.fine.get(kind)
        if fine is None:
            keys: set[str] = set()
            for task_id, task in self.tasks.items():
                if scope_applies(task.scope, unit, groups):
                    occ_keys = self.occ_keys.get(task_id, [])
                    if len(self.occurrences.get(task_id, [])) <= 1:
                        keys.add(task_id)
                    keys.update(f"{task_id}@{k}" for k in occ_keys)
            fine = self.fine[kind] = frozenset(keys)
        return fine

    def check(
        self,
        doc: yamlio.Document,
        unit: School,
        own: YearRecords,
        prefix: tuple[Any, ...],
        groups: dict[str, frozenset[str]],
        problems: list[Problem],
        scope: bool = True,
    ) -> None:
        """One year's records (``own``, at ``prefix`` in the file) against this plan
        (``scope`` False: whether a task applies to the unit is not known, nor checked)."""
        plan, tasks, occ_keys = self.plan, self.tasks, self.occ_keys
        _check_dates(self, doc, own, prefix, problems)
        fine = self.fine_keys(unit, groups) if scope else frozenset()
        for key in own.progress:
            if key in fine:
                continue  # the happy path: no positions, no hints
            task_id, _, occ_key = key.partition("@")
            task = tasks.get(task_id)
            occs = self.occurrences.get(task_id, []) if task is not None else []
            where = doc.locate_key((*prefix, "progress", key))
            if task is None:
                problems.append(unknown_id("task", task_id, tasks, where))
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
            if scope and not scope_applies(task.scope, unit, groups):
                problems.append(not_in_scope(plan, task, unit, where))
        for ai, activity in enumerate(own.activities):
            if activity.task is not None and activity.task not in tasks:
                where = doc.locate((*prefix, "activities", ai, "task"))
                problems.append(unknown_id("task", activity.task, tasks, where))
        audit_ids: dict[str, int] = {}
        for ai, audit in enumerate(own.audits):
            at = (*prefix, "audits", ai)
            if audit.id in audit_ids:
                first = doc.locate((*prefix, "audits", audit_ids[audit.id], "id"))
                problems.append(
                    problem(
                        "ref.duplicate_id",
                        doc.locate((*at, "id")),
                        id=audit.id,
                        first_line=first.line or "?",
                    )
                )
            audit_ids.setdefault(audit.id, ai)
            finding_ids: dict[str, int] = {}
            for fi, finding in enumerate(audit.findings):
                if finding.id in finding_ids:
                    first = doc.locate((*at, "findings", finding_ids[finding.id], "id"))
                    problems.append(
                        problem(
                            "ref.duplicate_id",
                            doc.locate((*at, "findings", fi, "id")),
                            id=finding.id,
                            first_line=first.line or "?",
                        )
                    )
                finding_ids.setdefault(finding.id, fi)


def _check_dates(
    rules: YearRules,
    doc: yamlio.Document,
    own: YearRecords,
    prefix: tuple[Any, ...],
    problems: list[Problem],
) -> None:
    """Dates far from the plan year (a typed 2032, a record under the wrong year), and a
    finding's dates against its audit's."""
    first, last = rules.window
    year = rules.plan.year

    def near(loc: tuple[Any, ...], day: dt.date | None) -> None:
        if day is not None and not first <= day <= last:
            params = {"date": day.isoformat(), "year": year, "first": first, "last": last}
            problems.append(problem("ref.date_outside", doc.locate((*prefix, *loc)), **params))

    for key, entry in own.progress.items():
        done, started = entry.date, entry.started
        # (compared here first: near() builds a key path, and most entries have no problem)
        if (done is not None and not first <= done <= last) or (
            started is not None and not first <= started <= last
        ):
            near(("progress", key, "date"), done)
            near(("progress", key, "started"), started)
    for ai, activity in enumerate(own.activities):
        near(("activities", ai, "date"), activity.date)
    for ai, audit in enumerate(own.audits):
        near(("audits", ai, "date"), audit.date)
        limit = fix_limit(audit.date)
        for fi, finding in enumerate(audit.findings):
            at = (*prefix, "audits", ai, "findings", fi)
            if finding.fix_by < audit.date:
                problems.append(
                    problem(
                        "ref.fix_before_audit",
                        doc.locate((*at, "fix_by")),
                        fix_by=finding.fix_by.isoformat(),
                        date=audit.date.isoformat(),
                    )
                )
            for name in ("fix_by", "fixed", "rechecked", "closed"):
                day = getattr(finding, name)
                if day is not None and (day > limit or (name != "fix_by" and day < audit.date)):
                    problems.append(
                        problem(
                            "ref.finding_date",
                            doc.locate((*at, name)),
                            key=name,
                            date=day.isoformat(),
                            audit=audit.date.isoformat(),
                            years=FIX_YEARS,
                        )
                    )


def check_together(
    plan: Plan,
    occurrences: dict[str, list[Occurrence]],
    units: list[tuple[Path, yamlio.Document, School]],
    ws: Workspace | None,
    problems: list[Problem],
) -> None:
    """Every unit's file against the plan (see :class:`UnitCheck`), then the units
    against each other (ids, names, parents)."""
    check = UnitCheck(plan, occurrences, ws)
    for path, doc, school in units:
        check.unit(path, doc, school, problems)
    check_unique([(path, doc, school.id, school.name) for path, doc, school in units], problems)
    check_parents([(doc, s.id, s.type, s.parent) for _, doc, s in units], problems)


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


def check_parents(
    units: Iterable[tuple[yamlio.Document, str, str, str | None]], problems: list[Problem]
) -> None:
    """A unit's ``parent`` names a unit between the office and the schools (data/units/),
    and no unit is its own ancestor."""
    listed = list(units)
    between = {uid: parent for _, uid, kind, parent in listed if kind in INTERMEDIATE_TYPES}
    for doc, uid, _, parent in listed:
        if parent is None:
            continue
        if parent not in between:
            problems.append(unknown_id("parent", parent, between, doc.locate(("parent",))))
            continue
        seen = {uid}
        while parent is not None and parent not in seen:
            seen.add(parent)
            parent = between.get(parent)
        if parent is not None:
            problems.append(problem("ref.parent_loop", doc.locate(("parent",)), id=uid))


def _resolved_dir(folder: Path) -> Path:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        return folder


class UnitCheck:
    """The checks of one unit file against the plans of the years it has records for (and
    where the file lives). ``plan``: the plan the run reports on; the plans of other years
    are read when a file has records for them."""

    def __init__(
        self, plan: Plan, occurrences: dict[str, list[Occurrence]], ws: Workspace | None
    ) -> None:
        self.plan = plan
        self.ws = ws
        self.rules: dict[int, YearRules | None] = {plan.year: YearRules(plan, occurrences)}
        self.first_year = ws.first_year() if ws is not None else None
        if self.first_year is None:
            self.first_year = plan.year
        self.dirs = (
            {"schools": ws.schools_dir.resolve(), "units": ws.units_dir.resolve()}
            if ws is not None
            else {}
        )
        self._folders: dict[str, str | None] = {}  # by a file's folder, as given

    @property
    def tasks(self) -> dict[str, Task]:
        """The report's plan's tasks, by id."""
        rules = self.rules[self.plan.year]
        assert rules is not None
        return rules.tasks

    def year_rules(self, year: int) -> YearRules | None:
        """What checking ``year``'s records needs (None: the workspace has no plan for it)."""
        if year not in self.rules:
            self.rules[year] = None
            ws = self.ws
            if ws is not None and year in ws.plan_years():
                with contextlib.suppress(GuanxinError):  # (its own problems: check reads it)
                    lp = load_plan(ws, year=year)
                    self.rules[year] = YearRules(lp.plan, lp.occurrences)
        return self.rules[year]

    def _folder(self, path: Path) -> str | None:
        """Which of the workspace's unit folders ``path`` is in ("schools", "units")."""
        folder = os.path.dirname(path)
        if folder not in self._folders:
            here = _resolved_dir(Path(folder))
            self._folders[folder] = next((k for k, d in self.dirs.items() if d == here), None)
        return self._folders[folder]

    def unit(
        self,
        path: Path,
        doc: yamlio.Document,
        school: School,
        problems: list[Problem],
        groups: dict[str, frozenset[str]] | None = None,
        *,
        scope: bool = True,
    ) -> None:
        """Check a unit's file: ``school`` as read from it, or as the plan's year sees it
        (:func:`~.years.for_year`; its file's other years are then not looked at).
        ``groups``: the unit's :func:`unit_groups` in the report's plan, when the caller has
        them already. ``scope`` False: what decides which tasks apply to the unit is not
        known (a file with problems there), so whether a task applies is not checked."""
        folder = self._folder(path)
        if folder is not None:
            if path.stem != school.id:
                problems.append(
                    problem("ref.id_filename", doc.locate(("id",)), id=school.id, stem=path.stem)
                )
            if school.type == "office":
                problems.append(
                    problem("ref.office_in_schools", doc.locate(("type",)), **_office(self.plan))
                )
            elif (folder == "units") != (school.type in INTERMEDIATE_TYPES):
                problems.append(
                    problem(f"ref.unit_folder.{folder}", doc.locate(("type",)), type=school.type)
                )
        if school.liaisons is not None:
            _check_directory(doc, school, problems)
        if isinstance(school, SchoolYear):
            years = {school.year: school.prefix}
        else:
            years = record_years(school, self.first_year)
        for year, prefix in years.items():
            rules = self.year_rules(year)
            if rules is None:
                known = "、".join(str(y) for y in self.ws.plan_years()) if self.ws else ""
                where = doc.locate_key(prefix) if prefix else doc.locate(("progress",))
                problems.append(problem("ref.year_no_plan", where, year=year, known=known))
                continue
            own = YearRecords(
                progress=school.progress, audits=school.audits, activities=school.activities
            )
            if not isinstance(school, SchoolYear) and prefix:
                own = school.years[year]
            if groups is None or year != self.plan.year:
                year_groups = unit_groups(rules.plan, school)
            else:
                year_groups = groups
            rules.check(doc, school, own, prefix, year_groups, problems, scope)


def _office(plan: Plan) -> dict[str, Any]:
    from ..issuer import office_params

    return office_params(plan)


def _check_directory(doc: yamlio.Document, unit: School, problems: list[Problem]) -> None:
    """The liaisons' directory (``liaisons:``) belongs in office.yaml, one entry a name."""
    if unit.type != "office":
        problems.append(problem("ref.liaisons_office_only", doc.locate_key(("liaisons",))))
    first: dict[str, int] = {}
    for n, person in enumerate(unit.liaisons or ()):
        if person.name in first:
            line = doc.locate(("liaisons", first[person.name], "name")).line
            problems.append(
                problem(
                    "ref.liaison_twice",
                    doc.locate(("liaisons", n, "name")),
                    name=person.name,
                    first_line=line or "?",
                )
            )
        first.setdefault(person.name, n)


def not_in_scope(plan: Plan, task: Task, unit: School, where: Location | None = None) -> Problem:
    """Why ``task`` does not apply to ``unit``, naming the group and what would change that."""
    params: dict[str, Any] = {"task": task.id, "scope": task.scope, "school": unit.name}
    group = next((g for g in plan.groups if g.id == task.scope), None)
    if group is None:  # a built-in scope: the office's own work, or the schools'
        own = task.scope in OFFICE_SCOPES
        key = "ref.not_in_scope.district" if own else "ref.not_in_scope"
        return problem(key, where, **params, **_office(plan))
    params.update(group=group.name, group_en=group.name_en or group.name, id=unit.id)
    miss = rule_miss(group.rule, unit) or ("listed", {})
    return problem(f"ref.not_in_scope.{miss[0]}", where, **params, **miss[1])
