"""Recording progress: the edits behind ``done``, ``set``, ``record-audit`` and ``school add``.

Each edit runs the same cycle in :func:`edit_file`: take the file's lock, read it, change the
round-trip document, validate the new text exactly as ``guanxin check`` would, then write it
atomically (or only show the diff for ``--dry-run``).  Nothing is written when the new text
has a problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, get_args

from . import yamledit
from .atomic import file_lock, remove_stale_temps, write_or_fail
from .dates import plan_end
from .errors import DataError, Location, Problem, UsageError, problem
from .loading import EditBase, check_edit, date_window, progress_key
from .models import AuditKind, Progress, ProgressStatus, School, SchoolType, StepResult

PROGRESS_ORDER = tuple(f.name for f in fields(Progress))
SCHOOL_ORDER = tuple(f.name for f in fields(School))
NEEDS_REASON = ("blocked", "not_applicable")
# the choices come from the models, so a new status or type cannot be forgotten here
STATUSES: tuple[str, ...] = get_args(ProgressStatus)
AUDIT_KINDS: tuple[str, ...] = get_args(AuditKind)
RESULTS: tuple[str, ...] = get_args(StepResult)
SCHOOL_TYPES: tuple[str, ...] = tuple(t for t in get_args(SchoolType) if t != "office")


@dataclass(frozen=True)
class EditOutcome:
    """What an edit did: the unified diff, and whether the file was (or would be) written."""

    path: Path
    school: str
    summary: str  # message key of the one-line confirmation
    params: dict[str, Any]
    diff: str
    written: bool
    created: bool = False
    notes: Sequence[Problem] = ()  # worth saying on stderr, e.g. a done date replaced

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def unified_diff(old: str, new: str, path: Path, *, created: bool = False) -> str:
    label = path.as_posix()
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile="/dev/null" if created else f"a/{label}",
        tofile=f"b/{label}",
    )
    return "".join(lines)


def edit_file(
    base: EditBase,
    path: Path,
    change: Callable[[Any], None],
    *,
    dry_run: bool,
    notes: list[Problem] | None = None,
    focus: Sequence[str] | None = None,
) -> tuple[str, bool]:
    """Lock, read, ``change(data)``, validate, write; return (diff, written). Lines the
    edit rewrites besides its own (the file's layout cannot be kept) go into ``notes``.
    ``focus``: the only top-level keys ``change`` reads or changes (``progress``), so that
    the rest of a large file need not go through the round trip (see ``yamledit``)."""
    with file_lock(path):
        doc, new_text = _changed(path, change, notes, focus)
        lost = yamledit.lost_comments(doc.original, new_text)
        if lost:
            line, comment = lost[0]
            where = Location(path, line)
            raise DataError(problem("edit.comment_lost", where, comment=comment, more=len(lost)))
        _refuse_if_invalid(base, path, new_text)
        diff = unified_diff(doc.original, new_text, _shown(base, path))
        if dry_run or new_text == doc.original:
            return diff, False
        remove_stale_temps(path)  # we hold the lock: any temp file is from a killed writer
        write_or_fail(path, doc.to_bytes())
        return diff, True


def _changed(
    path: Path,
    change: Callable[[Any], None],
    notes: list[Problem] | None,
    focus: Sequence[str] | None,
) -> tuple[yamledit.EditDoc, str]:
    """The file opened for editing, and its text after ``change``."""
    noted = len(notes) if notes is not None else 0
    doc = yamledit.load(path, focus)
    if doc.reformatted and notes is not None:
        first = doc.reformatted[0]
        notes.append(problem("edit.reformatted", Location(path, first), count=len(doc.reformatted)))
    try:
        change(doc.data)
        new_text = doc.text()
    except yamledit.SharedNode as shared:
        where = Location(path, doc.head_lines + shared.line, shared.col)
        raise DataError(problem("edit.shared", where, anchor=shared.anchor)) from None
    except yamledit.FoldLost:
        new_text = ""
    if doc.folds and not (new_text and doc.kept_intact(new_text)):
        # (never seen: what was set aside did not come back as it was) the whole round trip
        if notes is not None:
            del notes[noted:]
        return _changed(path, change, notes, None)
    return doc, new_text


def _refuse_if_invalid(base: EditBase, path: Path, text: str) -> None:
    problems = check_edit(base, path, text)
    if problems:
        raise DataError([*problems, problem("edit.not_written")])


def _shown(base: EditBase, path: Path) -> Path:
    try:
        return path.resolve().relative_to(base.workspace.root.resolve())
    except ValueError:
        return path


# -------------------------------------------------------------------- progress keys


def resolve_task_key(base: EditBase, school: School, task_arg: str, on: dt.date | None) -> str:
    """The progress key for ``task_arg`` (``id`` or ``id@occurrence``) in ``school``'s file.

    A recurring task given without ``@`` takes the one occurrence whose window holds ``on``;
    otherwise (or with no date to go by) the user is shown every occurrence to choose from.
    """
    plan = base.plan.plan
    tasks = {t.id: t for t in plan.tasks()}
    task_id, at, occ_key = task_arg.strip().partition("@")
    task = tasks.get(task_id)
    if task is None:
        close = difflib.get_close_matches(task_id, list(tasks), n=3, cutoff=0.5)
        key = "edit.unknown_task_hint" if close else "edit.unknown_task"
        raise UsageError(problem(key, value=task_id, hint=", ".join(close)))
    from .loading import not_in_scope, scope_applies

    if not scope_applies(task.scope, school, base.groups()):
        raise UsageError(not_in_scope(plan, task, school))
    occs = base.plan.occurrences.get(task_id, [])
    choices = "、".join(f"{task_id}@{o.key}（{o.start}–{o.due}）" for o in occs)
    if at:
        known = [o.key for o in occs]
        if occ_key not in known:
            raise UsageError(
                problem("edit.unknown_occurrence", task=task_id, value=occ_key, known=choices)
            )
        return task_id if len(occs) < 2 else f"{task_id}@{occ_key}"  # one-off: id alone
    if len(occs) < 2:
        return progress_key(task_id, occs[0] if occs else None, single=True)
    if on is None:
        raise UsageError(problem("edit.name_occurrence", task=task_id, known=choices))
    holding = [o for o in occs if o.start <= on <= o.due]
    if len(holding) == 1:
        return progress_key(task_id, holding[0], single=False)
    raise UsageError(
        problem("edit.pick_occurrence", task=task_id, date=on.isoformat(), known=choices)
    )


# ------------------------------------------------------------------------ dates


def check_plan_date(base: EditBase, option: str, day: dt.date) -> None:
    """A date typed for this plan must be near its year: 2030 or 2021-for-2022 is a typo."""
    year = base.plan.plan.year
    first, last = date_window(year)
    if not first <= day <= last:
        raise UsageError(
            problem(
                "edit.date_outside",
                option=option,
                date=day.isoformat(),
                year=year,
                first=first.isoformat(),
                last=last.isoformat(),
            )
        )


def _today_if_near(base: EditBase, today: dt.date) -> dt.date | None:
    """Today stands in for a left-out ``--date`` only while it is near the plan year
    (recording 2026 against the 2022 plan is never meant)."""
    first, last = date_window(base.plan.plan.year)
    return today if first <= today <= last else None


# ------------------------------------------------------------------- the edits


@dataclass(frozen=True)
class ProgressChange:
    status: str
    date: dt.date | None = None  # done: the day; in_progress: the start day
    evidence: Sequence[str] = ()
    note: str | None = None
    reason: str | None = None
    wulao: int | None = None
    students: int | None = None


def check_status(status: str, reason: str | None) -> None:
    if status not in STATUSES:
        raise UsageError(
            problem("err.bad_option", option="--status", value=status, detail="、".join(STATUSES))
        )
    if status in NEEDS_REASON and not (reason and reason.strip()):
        raise UsageError(problem("edit.needs_reason", status=status))


def record_progress(
    base: EditBase,
    query: str,
    task_arg: str,
    change: ProgressChange,
    *,
    today: dt.date,
    dry_run: bool,
) -> EditOutcome:
    """Set one progress entry of one school (``done`` and ``set``).

    ``done`` without a date means today.  The date given, or today, picks the occurrence
    of a recurring task given without ``@``.
    """
    check_status(change.status, change.reason)
    if change.date is not None:
        check_plan_date(base, "--date", change.date)
    school = base.find(query)
    path = base.path_of(school)
    on = change.date or _today_if_near(base, today)
    key = resolve_task_key(base, school, task_arg, on)
    if change.status == "done" and change.date is None:
        if on is None:
            year = base.plan.plan.year
            raise UsageError(problem("edit.date_needed", today=today.isoformat(), year=year))
        change = replace(change, date=on)
    notes: list[Problem] = []
    year = base.plan.plan.year
    # A date outside the plan's time is allowed, but often a typo. The plan's time runs to
    # its last deadline: the autumn term's records are dated in the next January.
    end = plan_end(year, base.plan.occurrences)
    if change.date is not None and not dt.date(year, 1, 1) <= change.date <= end:
        notes.append(problem("edit.date_other_year", date=change.date.isoformat(), year=year))

    def apply(data: Any) -> None:
        progress = data.get("progress")
        if not yamledit.is_map(progress):
            progress = yamledit.new_map()
            yamledit.put(data, "progress", progress, SCHOOL_ORDER)
        entry = progress.get(key)
        if not yamledit.is_map(entry):
            entry = yamledit.new_map(flow=_mostly_flow(progress))
            entry["status"] = change.status
            yamledit.put(progress, key, entry, _task_order(base, key))
        old = entry.get("date") if entry.get("status") == "done" else None
        if change.status == "done" and old is not None and str(old) != str(change.date):
            notes.append(problem("edit.date_replaced", key=key, old=str(old), new=str(change.date)))
        _apply_progress(entry, change)

    diff, written = edit_file(base, path, apply, dry_run=dry_run, notes=notes, focus=("progress",))
    return EditOutcome(
        path,
        school.name,
        "edit.progress_done" if change.status == "done" else "edit.progress_set",
        {
            "school": school.name,
            "key": key,
            "status": change.status,
            "date": change.date.isoformat() if change.date else "",
        },
        diff,
        written,
        notes=notes,
    )


def _apply_progress(entry: Any, change: ProgressChange) -> None:
    def put(key: str, value: Any) -> None:
        yamledit.put(entry, key, value, PROGRESS_ORDER)

    put("status", change.status)
    if change.status == "done":
        put("date", change.date)
    else:
        yamledit.delete(entry, "date")  # "date" is the day it was done
        if change.status == "in_progress" and (change.date or "started" not in entry):
            put("started", change.date)
    if change.status in NEEDS_REASON:
        put("reason", change.reason)
    else:
        yamledit.delete(entry, "reason")
    if change.evidence:
        existing = entry.get("evidence")
        if yamledit.is_seq(existing):
            for item in change.evidence:
                if item not in existing:
                    yamledit.append(existing, item)
        else:
            put("evidence", yamledit.new_seq(list(dict.fromkeys(change.evidence)), flow=True))
    if change.wulao is not None:
        put("wulao", change.wulao)
    if change.students is not None:
        put("students", change.students)
    if change.note:
        put("note", change.note)


def _mostly_flow(progress: Any) -> bool:
    """New entries follow the file's habit; an empty file gets the compact one-line form."""
    values = [v for v in progress.values() if yamledit.is_map(v)]
    if not values:
        return True
    return sum(yamledit.is_flow(v) for v in values) * 2 >= len(values)


def _task_order(base: EditBase, new_key: str) -> list[str]:
    """Plan order of tasks (and occurrences), so a new entry lands beside its neighbours."""
    order: list[str] = []
    for task in base.plan.plan.tasks():
        occs = base.plan.occurrences.get(task.id, [])
        order.extend(
            [task.id] if len(occs) < 2 else [task.id, *(f"{task.id}@{o.key}" for o in occs)]
        )
    if new_key not in order:
        order.append(new_key)
    return order


@dataclass(frozen=True)
class AuditChange:
    date: dt.date
    kind: str
    result: str | None
    by: str | None = None
    score: float | None = None
    findings: Sequence[tuple[str, dt.date]] = ()
    note: str | None = None
    audit_id: str | None = None


def record_audit(base: EditBase, query: str, change: AuditChange, *, dry_run: bool) -> EditOutcome:
    for option, value, allowed in (
        ("--kind", change.kind, AUDIT_KINDS),
        ("--result", change.result, RESULTS),
    ):
        if value is not None and value not in allowed:
            raise UsageError(
                problem("err.bad_option", option=option, value=value, detail="、".join(allowed))
            )
    check_plan_date(base, "--date", change.date)
    for _, fix_by in change.findings:
        check_plan_date(base, "--fix-by", fix_by)
        if fix_by < change.date:
            raise UsageError(
                problem(
                    "edit.fix_before_audit", fix_by=fix_by.isoformat(), date=change.date.isoformat()
                )
            )
    school = base.find(query)
    path = base.path_of(school)
    audit_id = change.audit_id or ""

    def apply(data: Any) -> None:
        # The ids taken are read here, under the file's lock: an edit that landed since
        # the school was loaded (a concurrent record-audit) has taken its id by now.
        nonlocal audit_id
        audits = data.get("audits")
        listed = audits if yamledit.is_seq(audits) else []
        taken = {str(a.get("id")) for a in listed if yamledit.is_map(a)}
        audit_id = change.audit_id or _free_id(f"{change.kind}-{change.date:%Y-%m}", taken)
        if audit_id in taken:
            raise UsageError(problem("edit.audit_exists", id=audit_id, school=school.name))
        audit = yamledit.new_map()
        audit["id"] = audit_id
        audit["date"] = change.date
        audit["kind"] = change.kind
        audit["by"] = change.by or base.plan.plan.issuer
        if change.result is not None:
            audit["result"] = change.result
        if change.score is not None:
            audit["score"] = int(change.score) if change.score.is_integer() else change.score
        if change.findings:
            audit["findings"] = yamledit.new_seq(
                [
                    yamledit.new_map({"id": f"f{i}", "text": text, "fix_by": fix_by})
                    for i, (text, fix_by) in enumerate(change.findings, start=1)
                ]
            )
        if change.note:
            audit["note"] = change.note
        if not yamledit.is_seq(audits):
            audits = yamledit.new_seq()
            yamledit.put(data, "audits", audits, SCHOOL_ORDER)
        yamledit.append(audits, audit)

    notes: list[Problem] = []
    diff, written = edit_file(base, path, apply, dry_run=dry_run, notes=notes, focus=("audits",))
    return EditOutcome(
        path,
        school.name,
        "edit.audit_recorded",
        {"school": school.name, "id": audit_id, "date": change.date.isoformat()},
        diff,
        written,
        notes=notes,
    )


def _free_id(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


# ------------------------------------------------------------------- a new school


def school_file_text(school_id: str, name: str, school_type: str, liaison: str | None) -> str:
    data: dict[str, Any] = {"schema_version": 1, "id": school_id, "name": name, "type": school_type}
    if liaison:
        data["liaison"] = liaison
    header = [
        "yaml-language-server: $schema=../../schemas/school.schema.json",
        f"{name} 关工委工作进度。用 guanxin done / set / record-audit 记录，"
        "或直接编辑；改后运行 guanxin check。",
        "Progress of this school's 关工委: record it with guanxin done / set / record-audit, "
        "or edit by hand, then run guanxin check.",
    ]
    return yamledit.dumps_new(data, header)


def add_school(
    base: EditBase,
    school_id: str,
    name: str,
    school_type: str,
    *,
    liaison: str | None = None,
    dry_run: bool,
) -> EditOutcome:
    if school_type not in SCHOOL_TYPES:
        detail = "、".join(SCHOOL_TYPES)
        if school_type == "office":
            raise UsageError(problem("edit.office_type"))
        raise UsageError(
            problem("err.bad_option", option="--type", value=school_type, detail=detail)
        )
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", school_id):
        raise UsageError(problem("edit.bad_id", value=school_id))
    if not name.strip() or any(c in name for c in "\r\n"):
        raise UsageError(problem("edit.bad_name", value=name))
    path = base.workspace.schools_dir / f"{school_id}.yaml"
    text = school_file_text(school_id, name.strip(), school_type, liaison)
    diff = unified_diff("", text, _shown(base, path), created=True)
    if path.exists():
        raise UsageError(problem("edit.school_exists", Location(path), id=school_id))
    _refuse_if_invalid(base, path, text)
    if not dry_run:
        base.workspace.schools_dir.mkdir(parents=True, exist_ok=True)
        with file_lock(path):
            if path.exists():  # created by someone else since we looked
                raise UsageError(problem("edit.school_exists", Location(path), id=school_id))
            write_or_fail(path, text.encode("utf-8"))
    return EditOutcome(
        path,
        name,
        "edit.school_added",
        {"school": name, "id": school_id},
        diff,
        not dry_run,
        created=True,
    )
