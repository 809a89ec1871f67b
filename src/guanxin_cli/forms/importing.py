"""Filled forms back into the school files: each school's answers as ONE edit of its file,
made the way ``done``/``set``/``fix``/``activity add`` make them, and all or nothing.

Every form is read and checked first (its cells, that it is this workspace's and this plan
year's, that its rows still exist); then, with every school file's lock held, each
school's edit is made and validated as ``check`` would, and only when no form and no
edit has a problem is any file written. A row whose entry changed since the form was
made (someone recorded it meanwhile) is a conflict, shown with both values, unless what
the form says is already what the file has: so the same form read twice changes nothing
the second time.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamledit
from ..dates import plan_end
from ..editing.audits import FixChange, find_entry, put_fix
from ..editing.cycle import FileEdit, edit_files
from ..editing.ledger import ActivityChange, append_activity
from ..editing.parts import activities_list, audits_so_far, day_of, progress_map
from ..editing.progress import ProgressChange, put_progress
from ..errors import DataError, Location, Problem, problem
from ..messages import Lang, t
from ..models import School
from ..workspace.checks import date_window
from ..workspace.edits import EditBase, load_for_edit
from ..workspace.folders import Workspace
from ..year.items import plan_slots, unit_slots
from . import layout
from .ledger import Ledger, read_back, read_ledger, update_ledger
from .meta import plain, signed_by, state_hash
from .reading import Answer, ReadForm, Refused, read_form

# what an import edits of a school file (see editing.edit_file's focus)
FOCUS = ("schema_version", "years", "progress", "audits", "activities")


@dataclass
class SchoolImport:
    """What the forms of one school did to its file."""

    base: EditBase
    school: School
    path: Path
    forms: list[ReadForm]
    tasks: int = 0  # rows recorded
    findings: int = 0
    activities: int = 0
    same: int = 0  # rows that say what the file already has
    diff: str = ""
    written: bool = False
    notes: list[Problem] = field(default_factory=list)

    def reset(self) -> None:
        self.tasks = self.findings = self.activities = self.same = 0
        self.notes.clear()


@dataclass(frozen=True)
class ImportResult:
    schools: list[SchoolImport]
    notes: list[Problem]  # worth saying: a sheet not read, a formula's value taken


def import_forms(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    year: int | None,
    dry_run: bool,
    now: dt.datetime,
    lang: Lang,
) -> ImportResult:
    ledger = read_ledger(ws)
    problems: list[Problem] = []
    notes: list[Problem] = []
    forms: list[ReadForm] = []
    for path in paths:
        try:
            form = read_form(path, partial=True)
        except DataError as exc:
            problems += exc.problems
            notes += exc.notes if isinstance(exc, Refused) else []
            continue
        notes += form.notes
        problems += form.problems  # (and on: what the plan and the data say of the rest)
        refused = _refused(form, ledger, ws, year)
        if refused is None:
            forms.append(form)
        else:
            problems.append(refused)
    bases = {y: load_for_edit(ws, year=y) for y in sorted({f.meta.year for f in forms})}
    schools: dict[tuple[int, str], SchoolImport] = {}
    for form in forms:
        base = bases[form.meta.year]
        school = _school_of(form, base, problems)
        if school is None:
            continue
        problems += _plan_problems(form, base, school)
        for answer in [*form.tasks, *form.findings, *form.activities]:
            if answer.bad:  # (its wrong cells said: not read as if they were empty)
                answer.values.clear()
        other = next((y for y, sid in schools if sid == school.id and y != form.meta.year), None)
        if other is not None:  # (one edit a file: each year's answers in a run of their own)
            where = Location(form.path)
            problems.append(problem("form.two_years", where, school=school.name, year=other))
            continue
        key = (form.meta.year, school.id)
        if key not in schools:
            schools[key] = SchoolImport(base, school, base.path_of(school), [])
        schools[key].forms.append(form)
    imports = list(schools.values())
    edits = [FileEdit(s.base, s.path, _apply(s, lang), focus=FOCUS, notes=s.notes) for s in imports]
    try:
        outcomes = edit_files(edits, dry_run=dry_run, problems=problems)
    except DataError as exc:
        raise Refused(exc.problems, notes) from None
    for s, (diff, written) in zip(imports, outcomes, strict=True):
        s.diff, s.written = diff, written
    if not dry_run and imports:
        update_ledger(ws, lambda led: _recorded(led, imports, now))
    return ImportResult(imports, notes)


# ------------------------------------------------------------------ whose form it is


def _refused(form: ReadForm, ledger: Ledger, ws: Workspace, year: int | None) -> Problem | None:
    """Why ``form`` is not this workspace's to read back (None: it is)."""
    meta = form.meta
    where = Location(form.path)
    if ledger.workspace is None or ledger.key is None:
        return problem("form.no_ledger", where)
    if meta.workspace != ledger.workspace:
        return problem("form.other_workspace", where, school=meta.school_name, made=meta.made[:10])
    if not signed_by(meta, form.signature, ledger.key):
        return problem("form.tampered", where)
    if year is not None and meta.year != year:
        return problem("form.other_year", where, year=meta.year, wanted=year)
    if meta.year not in ws.plan_years():
        return problem("form.no_plan", where, year=meta.year)
    return None


def _school_of(form: ReadForm, base: EditBase, problems: list[Problem]) -> School | None:
    meta = form.meta
    where = Location(form.path)
    if base.plan.plan.id != meta.plan:
        problems.append(problem("form.other_plan", where, plan=meta.plan, now=base.plan.plan.id))
        return None
    school = next((s for s in base.schools() if s.id == meta.school), None)
    if school is not None:
        if school.type == "office":
            problems.append(problem("form.unknown_school", where, school=meta.school_name))
            return None
        return school
    broken = [p for p in base.broken if p.where.path and p.where.path.stem == meta.school]
    problems.extend(broken or [problem("form.unknown_school", where, school=meta.school_name)])
    return None


def _plan_problems(form: ReadForm, base: EditBase, school: School) -> list[Problem]:
    """What the plan says of the answers: rows still in the plan for this school, dates
    within the plan year's time."""
    plan = base.plan.plan
    first, last = date_window(plan.year, plan_end(plan.year, base.plan.occurrences))
    slots = plan_slots(plan, base.plan.occurrences, first)
    keys = {
        k
        for s in unit_slots(base.view(school), slots, base.groups())
        for k in (s.key, s.alt_key)
        if k
    }
    out: list[Problem] = []
    for answer in form.tasks:
        if answer.values and answer.row_id not in keys:
            where = answer.where(form.path, next(iter(answer.values)))
            out.append(problem("form.task_gone", where, id=answer.row_id))
            answer.values.clear()  # (said: the edit passes it by)
    for answer in [*form.tasks, *form.findings, *form.activities]:
        outside = [
            (key, value)
            for key, value in answer.values.items()
            if isinstance(value, dt.date) and not first <= value <= last
        ]
        for key, value in outside:
            out.append(
                problem(
                    "form.date_outside",
                    answer.where(form.path, key),
                    date=value.isoformat(),
                    year=plan.year,
                    first=first.isoformat(),
                    last=last.isoformat(),
                )
            )
        if outside:
            answer.values.clear()
    return out


# ------------------------------------------------------------------ the one edit


def _apply(s: SchoolImport, lang: Lang) -> Any:
    def apply(data: Any) -> None:
        s.reset()
        problems: list[Problem] = []
        for form in s.forms:
            for answer in form.tasks:
                _task(s, form, answer, data, problems, lang)
            for answer in form.findings:
                _finding(s, form, answer, data, problems, lang)
            _activities(s, form, data, problems)
        if problems:
            raise DataError(problems)

    return apply


def _task(
    s: SchoolImport,
    form: ReadForm,
    answer: Answer,
    data: Any,
    problems: list[Problem],
    lang: Lang,
) -> None:
    if not answer.values:
        return
    key = answer.row_id or ""
    progress = progress_map(s.base, data, s.school, create=False)
    entry = progress.get(key) if yamledit.is_map(progress) else None
    before = plain(entry)
    change = _progress_change(form, answer, before, problems)
    if change is None:
        return
    notes: list[Problem] = []
    put_progress(s.base, data, s.school, key, change, notes)
    after = plain(progress_map(s.base, data, s.school, create=False).get(key))
    if after == before:
        s.same += 1
        return
    if state_hash(before) != form.meta.tasks.get(key):
        where = answer.where(
            form.path, "status" if "status" in answer.values else next(iter(answer.values))
        )
        problems.append(
            problem(
                "form.conflict_task",
                where,
                key=key,
                form=_progress_text(plain_change(change), lang),
                now=_progress_text(before, lang),
                made=form.meta.made[:10],
                file=s.path.name,
            )
        )
        return
    s.notes.extend(notes)
    s.tasks += 1


def plain_change(change: ProgressChange) -> dict[str, Any]:
    """What the form says of a task, in the shape of a progress entry (to show it)."""
    out: dict[str, Any] = {"status": change.status}
    if change.date is not None:
        out["date" if change.status == "done" else "started"] = change.date.isoformat()
    if change.evidence:
        out["evidence"] = list(change.evidence)
    if change.reason:
        out["reason"] = change.reason
    return out


def _progress_change(
    form: ReadForm, answer: Answer, current: Any, problems: list[Problem]
) -> ProgressChange | None:
    """The change a task row asks for; None, with its problems said, when it cannot be made."""
    values = answer.values
    now = current if isinstance(current, dict) else {}
    status = values.get("status") or now.get("status")

    def where(key: str) -> Location:
        return answer.where(form.path, key)

    if status is None or status == "not_started":
        problems.append(problem("form.status_needed", where("status")))
        return None
    day: dt.date | None = values.get("date")
    note = values.get("note")
    reason = None
    if status == "done" and day is None:
        day = day_of(now.get("date")) if now.get("status") == "done" else None
        if day is None:
            problems.append(problem("form.done_needs_date", where("date")))
            return None
    if status in ("blocked", "not_applicable"):
        if "date" in values:
            problems.append(problem(f"form.no_date_for.{status}", where("date")))
            return None
        reason = note or (now.get("reason") if now.get("status") == status else None)
        if not reason:
            problems.append(problem(f"form.reason_needed.{status}", where("note")))
            return None
        note = None
    return ProgressChange(
        status=status,
        date=day if status in ("done", "in_progress") else None,
        evidence=tuple(values.get("evidence") or ()),
        note=note,
        reason=reason,
        wulao=values.get("wulao"),
        students=values.get("students"),
    )


def _finding(
    s: SchoolImport,
    form: ReadForm,
    answer: Answer,
    data: Any,
    problems: list[Problem],
    lang: Lang,
) -> None:
    if not answer.values:
        return
    key = answer.row_id or ""
    audit_id, _, finding_id = key.partition("/")
    audits = audits_so_far(s.base, data, s.school)
    entry = find_entry(audits, audit_id, finding_id)
    first = next(iter(answer.values))
    if entry is None:
        problems.append(problem("form.finding_gone", answer.where(form.path, first), id=key))
        return
    before = plain(entry)
    day: dt.date | None = answer.values.get("fixed") or day_of(entry.get("fixed"))
    if day is None:
        problems.append(problem("form.fixed_needs_date", answer.where(form.path, "fixed")))
        return
    audit = next(a for a in audits if str(a.get("id")) == audit_id)
    held = day_of(audit.get("date"))
    if held is not None and day < held:
        where = answer.where(form.path, "fixed")
        problems.append(
            problem("form.fixed_before_audit", where, date=day.isoformat(), audit=held.isoformat())
        )
        return
    change = FixChange(
        date=day,
        evidence=tuple(answer.values.get("evidence") or ()),
        note=answer.values.get("note"),
    )
    put_fix(entry, day, change)
    if plain(entry) == before:
        s.same += 1
        return
    if state_hash(before) != form.meta.findings.get(key):
        said = {"fixed": day.isoformat(), "evidence": list(change.evidence)}
        problems.append(
            problem(
                "form.conflict_finding",
                answer.where(form.path, "fixed" if "fixed" in answer.values else first),
                key=key,
                form=_finding_text(said, lang),
                now=_finding_text(before, lang),
                made=form.meta.made[:10],
                file=s.path.name,
            )
        )
        return
    s.findings += 1


def _activities(s: SchoolImport, form: ReadForm, data: Any, problems: list[Problem]) -> None:
    """New 活动台账 lines. A line is one activity by its name and date: a line the ledger
    has as many times as the form lists it is not added again (a form read twice, or an
    activity the office recorded already)."""
    changes: list[tuple[Answer, ActivityChange]] = []
    for answer in form.activities:
        v = answer.values
        if not v:
            continue
        missing = [k for k in ("name", "date") if k not in v]
        for key in missing:
            problems.append(problem(f"form.activity_needs_{key}", answer.where(form.path, key)))
        if missing:
            continue
        change = ActivityChange(
            title=v["name"],
            date=v["date"],
            kind=v.get("kind"),
            wulao=v.get("wulao"),
            students=v.get("students"),
            evidence=tuple(v.get("evidence") or ()),
        )
        changes.append((answer, change))
    if not changes:
        return
    ledger = activities_list(s.base, data, s.school, create=False)
    have = Counter(_activity_key(e) for e in (ledger or ()) if yamledit.is_map(e))
    listed: Counter[tuple[str, str]] = Counter()
    for answer, change in changes:
        ident = (change.title.strip(), change.date.isoformat())
        listed[ident] += 1
        if have[ident] >= listed[ident]:
            s.same += 1
            where = answer.where(form.path, "name")
            s.notes.append(problem("form.activity_there", where, name=ident[0], date=ident[1]))
            continue
        append_activity(activities_list(s.base, data, s.school, create=True), change)
        have[ident] += 1
        s.activities += 1


def _activity_key(entry: Any) -> tuple[str, str]:
    day = day_of(entry.get("date"))
    return (str(entry.get("name") or "").strip(), day.isoformat() if day else "")


# ------------------------------------------------------------------ showing values


def _progress_text(entry: Any, lang: Lang) -> str:
    if not isinstance(entry, dict):
        return t("form.not_recorded", lang)
    status = str(entry.get("status") or "")
    text = t(f"state.{status}", lang) if status != "not_started" else t("form.not_started", lang)
    day = entry.get("date") or entry.get("started")
    if day:
        text += f" {day}"
    if entry.get("reason"):
        text += t("form.colon", lang) + str(entry["reason"])
    if entry.get("evidence"):
        text += t(
            "form.with_evidence", lang, items=layout.joined(list(map(str, entry["evidence"])), lang)
        )
    return text


def _finding_text(entry: Any, lang: Lang) -> str:
    if not isinstance(entry, dict):
        return t("form.not_recorded", lang)
    closed = entry.get("rechecked") or entry.get("closed")
    if closed:
        text = t("form.closed_on", lang, date=str(closed))
    elif entry.get("fixed"):
        text = t("form.fixed", lang, date=str(entry["fixed"]), step=t("step.to_recheck", lang))
    else:
        text = t("step.to_fix", lang)
    if entry.get("evidence"):
        text += t(
            "form.with_evidence", lang, items=layout.joined(list(map(str, entry["evidence"])), lang)
        )
    return text


def _recorded(ledger: Ledger, imports: list[SchoolImport], now: dt.datetime) -> Ledger:
    for s in imports:
        for form in s.forms:
            meta = form.meta
            ledger = read_back(
                ledger, meta.year, meta.school, meta.form, meta.made, bool(s.diff), now
            )
    return ledger
