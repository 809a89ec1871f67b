"""Recording progress: the edits behind ``done``, ``set``, ``record-audit`` and ``school add``.

Each edit runs the same cycle in :func:`edit_file`: take the file's lock, read it, change the
round-trip document, validate the new text exactly as ``guanxin check`` would, then write it
atomically (or only show the diff for ``--dry-run``).  Nothing is written when the new text
has a problem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_args

from . import yamledit
from .atomic import file_lock, remove_stale_temps, write_or_fail
from .dates import plan_end
from .errors import DataError, GuanxinError, Location, Problem, UsageError, problem
from .messages import t
from .models import (
    INTERMEDIATE_TYPES,
    Activity,
    Audit,
    AuditKind,
    Finding,
    Progress,
    ProgressStatus,
    School,
    SchoolType,
    StepResult,
    YearRecords,
)
from .workspace.checks import date_window
from .workspace.edits import EditBase, check_edit
from .workspace.located import suggest_choice
from .year.items import progress_key

PROGRESS_ORDER = tuple(f.name for f in fields(Progress))
SCHOOL_ORDER = tuple(f.name for f in fields(School))
YEAR_ORDER = tuple(f.name for f in fields(YearRecords))
FINDING_ORDER = tuple(f.name for f in fields(Finding))
ACTIVITY_ORDER = tuple(f.name for f in fields(Activity))
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
    details: Sequence[tuple[str, dict[str, Any]]] = ()  # more of what it did (key, params)

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
        doc, new_text, diff = _prepared(base, path, change, notes, focus)
        if dry_run or new_text == doc.original:
            return diff, False
        remove_stale_temps(path)  # we hold the lock: any temp file is from a killed writer
        write_or_fail(path, doc.to_bytes(new_text))
        return diff, True


def _prepared(
    base: EditBase,
    path: Path,
    change: Callable[[Any], None],
    notes: list[Problem] | None,
    focus: Sequence[str] | None,
) -> tuple[yamledit.EditDoc, str, str]:
    """The file (its lock held) with ``change`` made and validated as ``check`` would:
    the document, its new text and the diff; a :class:`DataError` when it must not be
    written."""
    doc, new_text = _changed(path, change, notes, focus)
    lost = yamledit.lost_comments(doc.original, new_text)
    if lost:
        line, comment = lost[0]
        where = Location(path, line)
        raise DataError(problem("edit.comment_lost", where, comment=comment, more=len(lost)))
    _refuse_if_invalid(base, path, new_text)
    return doc, new_text, unified_diff(doc.original, new_text, _shown(base, path))


@dataclass
class FileEdit:
    """One edit of one file, for :func:`edit_files`: ``change`` as :func:`edit_file` takes
    it; the lines it rewrites besides its own go into ``notes``."""

    base: EditBase
    path: Path
    change: Callable[[Any], None]
    focus: Sequence[str] | None = None
    notes: list[Problem] = field(default_factory=list)


def edit_files(
    edits: Sequence[FileEdit], *, dry_run: bool, problems: Sequence[Problem] = ()
) -> list[tuple[str, bool]]:
    """Several files edited as one: every file's lock is taken (in path order, so two runs
    never wait on each other), each edit is made and validated, and only when none has a
    problem (nor any of ``problems``, found before) is any file written. Every problem of
    every edit is raised at once; (diff, written) for each edit otherwise."""
    paths = [e.path for e in edits]
    if len(set(paths)) < len(paths):
        raise ValueError("edit_files: one edit a file")  # (the caller joins a file's changes)
    found = list(problems)
    prepared: list[tuple[yamledit.EditDoc, str, str] | None] = []
    with contextlib.ExitStack() as locks:
        for path in sorted(paths):
            locks.enter_context(file_lock(path))
        for e in edits:
            try:
                prepared.append(_prepared(e.base, e.path, e.change, e.notes, e.focus))
            except GuanxinError as exc:
                found += [p for p in exc.problems if p.msg != "edit.not_written"]  # (said once)
                prepared.append(None)
        if found:
            raise DataError([*found, problem("edit.none_written")])
        out: list[tuple[str, bool]] = []
        for e, ready in zip(edits, prepared, strict=True):
            assert ready is not None  # (a problem would have been raised above)
            doc, new_text, diff = ready
            if dry_run or new_text == doc.original:
                out.append((diff, False))
                continue
            remove_stale_temps(e.path)
            write_or_fail(e.path, doc.to_bytes(new_text))
            out.append((diff, True))
        return out


def _changed(
    path: Path,
    change: Callable[[Any], None],
    notes: list[Problem] | None,
    focus: Sequence[str] | None,
) -> tuple[yamledit.EditDoc, str]:
    """The file opened for editing, and its text after ``change``: lines ruamel cannot
    write back as they were stay as they were wherever the edit leaves them alone."""
    noted = len(notes) if notes is not None else 0
    doc = yamledit.load(path, focus)
    baseline = doc.text() if doc.reformatted else ""
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
    if doc.reformatted:
        # only the entries the edit touches are rewritten
        merged = yamledit.merge(doc.original, baseline, new_text)
        rewritten = set(doc.reformatted)
        if merged.text == new_text or yamledit.reads_alike(merged.text, new_text, path):
            new_text = merged.text
            rewritten &= set(merged.rewritten)
        if rewritten and notes is not None:
            first = min(rewritten)
            notes.append(problem("edit.reformatted", Location(path, first), count=len(rewritten)))
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


# ------------------------------------------------------------- where a year's records live


def year_records(
    base: EditBase, data: Any, school: School, *, create: bool = True
) -> tuple[Any, Sequence[str]] | None:
    """The mapping that holds the edit's plan year's records in ``school``'s file (made if
    missing, with ``create``: ``years: {2023: {}}``; else None), and the order of the keys
    it holds. A first-layout file holds its records at the top, for the workspace's first
    plan year only: another year's records need ``guanxin migrate`` first."""
    year = base.year
    if data.get("schema_version") != 2 and "years" not in data:
        first = base.workspace.first_year()
        if first is None or year == first:
            return data, SCHOOL_ORDER
        raise UsageError(problem("edit.needs_migrate", school=school.name, year=year, first=first))
    years = data.get("years")
    if not yamledit.is_map(years):
        if not create:
            return None
        years = yamledit.new_map()
        yamledit.put(data, "years", years, SCHOOL_ORDER)
    records = years.get(year)
    if not yamledit.is_map(records):
        if not create:
            return None
        records = yamledit.new_map()
        yamledit.put(years, year, records, sorted({*years, year}))
    return records, YEAR_ORDER


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
    from .workspace.checks import not_in_scope
    from .year.scope import scope_applies

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


def _window(base: EditBase) -> tuple[dt.date, dt.date]:
    year = base.plan.plan.year
    return date_window(year, plan_end(year, base.plan.occurrences))


def check_plan_date(base: EditBase, option: str, day: dt.date) -> None:
    """A date typed for this plan must be in its time (give or take a month): 2030, or
    2023-04-01 for the 2022 plan, is a typo or belongs to another year's plan."""
    year = base.plan.plan.year
    first, last = _window(base)
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
    first, last = _window(base)
    return today if first <= today <= last else None


# ---------------------------------------------------- where an edit finds its part
# Each part of a school file an edit changes is found here, and only here: in the file
# (the round-trip data) and in the model. A file laid out otherwise (a section for each
# plan year, say) changes these few functions, not the edits.


def _focus(part: str) -> tuple[str, ...]:
    """The top-level keys an edit of one part of a year's records reads or changes (for
    ``edit_file``'s ``focus``): the part itself in a first-layout file, ``years`` in the
    per-year layout, and ``schema_version``, which tells the two apart."""
    return ("schema_version", "years", part)


def progress_map(base: EditBase, data: Any, school: School, *, create: bool) -> Any:
    """The ``progress`` mapping of the edit's plan year in ``school``'s file (made, where
    it has none, with ``create``; else None)."""
    return _part(base, data, school, "progress", yamledit.is_map, yamledit.new_map, create)


def audits_list(base: EditBase, data: Any, school: School, *, create: bool) -> Any:
    """The ``audits`` list of the edit's plan year (see :func:`progress_map`)."""
    return _part(base, data, school, "audits", yamledit.is_seq, yamledit.new_seq, create)


def activities_list(base: EditBase, data: Any, school: School, *, create: bool) -> Any:
    """The ``activities`` list of the edit's plan year, the 活动台账 (see
    :func:`progress_map`)."""
    return _part(base, data, school, "activities", yamledit.is_seq, yamledit.new_seq, create)


def _part(
    base: EditBase,
    data: Any,
    school: School,
    key: str,
    fits: Callable[[Any], bool],
    make: Callable[[], Any],
    create: bool,
) -> Any:
    found = year_records(base, data, school, create=create)
    if found is None:
        return None
    records, order = found
    node = records.get(key)
    if fits(node):
        return node
    if not create:
        return None
    node = make()
    yamledit.put(records, key, node, order)
    return node


def audits_so_far(base: EditBase, data: Any, school: School) -> list[Any]:
    """The round-trip audits of the edit's plan year and of the years before it (whose
    findings may still be open: they are carried into later years)."""
    first = base.workspace.first_year()
    if data.get("schema_version") != 2 and "years" not in data:
        if first is None or base.year >= first:
            return _maps(data.get("audits"))
        return []
    years = data.get("years")
    if not yamledit.is_map(years):
        return []
    out: list[Any] = []
    for year in sorted(y for y in years if isinstance(y, int) and y <= base.year):
        records = years.get(year)
        if yamledit.is_map(records):
            out += _maps(records.get("audits"))
    return out


def school_audits(base: EditBase, school: School) -> list[Audit]:
    """The school's audits the edit's plan year sees: its own, and those of earlier years
    with findings still open (see :func:`~.years.for_year`)."""
    seen = base.view(school)
    return [*(audit for _, audit in seen.carried), *seen.audits]


def _maps(seq: Any) -> list[Any]:
    """The mappings of a round-trip list (an entry of another shape is left alone)."""
    return [item for item in seq or () if yamledit.is_map(item)] if yamledit.is_seq(seq) else []


def _day(value: Any) -> dt.date | None:
    """A date as the round-trip data holds it (a date, or text that reads as one)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


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
        hint = suggest_choice(status, list(STATUSES))
        raise UsageError(
            problem(
                "err.bad_option_hint" if hint else "err.bad_option",
                option="--status",
                value=status,
                detail="、".join(STATUSES),
                hint=hint or "",
            )
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
        put_progress(base, data, school, key, change, notes)

    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, notes=notes, focus=_focus("progress")
    )
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


def put_progress(
    base: EditBase,
    data: Any,
    school: School,
    key: str,
    change: ProgressChange,
    notes: list[Problem],
) -> None:
    """Set the progress entry ``key`` of the edit's plan year in ``school``'s round-trip
    ``data`` as ``done``/``set`` do (a done date replaced is said in ``notes``)."""
    progress = progress_map(base, data, school, create=True)
    entry = progress.get(key)
    if not yamledit.is_map(entry):
        entry = yamledit.new_map(flow=_mostly_flow(progress))
        entry["status"] = change.status
        yamledit.put(progress, key, entry, _task_order(base, key))
    old = entry.get("date") if entry.get("status") == "done" else None
    if change.status == "done" and old is not None and str(old) != str(change.date):
        notes.append(problem("edit.date_replaced", key=key, old=str(old), new=str(change.date)))
    _apply_progress(entry, change)


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
    reopen_by: dt.date | None = None  # a failed re-check: the fixed findings' new deadline
    lang: str = "zh"  # the language of what the edit writes into a note


RECHECK = "recheck"


def record_audit(base: EditBase, query: str, change: AuditChange, *, dry_run: bool) -> EditOutcome:
    """Add an audit. A re-check that passed closes the school's fixed findings (it writes
    their ``rechecked``); one that failed reopens them, due again by ``reopen_by``. The
    same audit (date and kind) is never recorded twice."""
    for option, value, allowed in (
        ("--kind", change.kind, AUDIT_KINDS),
        ("--result", change.result, RESULTS),
    ):
        if value is not None and value not in allowed:
            raise UsageError(
                problem("err.bad_option", option=option, value=value, detail="、".join(allowed))
            )
    check_plan_date(base, "--date", change.date)
    deadlines = [fix_by for _, fix_by in change.findings]
    if change.reopen_by is not None:
        if (change.kind, change.result) != (RECHECK, "failed"):
            raise UsageError(problem("edit.reopen_not_failed"))
        deadlines.append(change.reopen_by)
    for fix_by in deadlines:
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
    details: list[tuple[str, dict[str, Any]]] = []

    def apply(data: Any) -> None:
        # The ids taken are read here, under the file's lock: an edit that landed since
        # the school was loaded (a concurrent record-audit) has taken its id by now.
        nonlocal audit_id
        listed = _maps(audits_list(base, data, school, create=False))
        for earlier in listed:
            if _day(earlier.get("date")) == change.date and str(earlier.get("kind")) == change.kind:
                raise UsageError(
                    problem(
                        "edit.audit_duplicate",
                        school=school.name,
                        id=str(earlier.get("id")),
                        date=change.date.isoformat(),
                        kind=change.kind,
                    )
                )
        taken = {str(a.get("id")) for a in listed}
        audit_id = change.audit_id or _free_id(f"{change.kind}-{change.date:%Y-%m}", taken)
        if audit_id in taken:
            raise UsageError(problem("edit.audit_exists", id=audit_id, school=school.name))
        if change.kind == RECHECK and change.result in ("passed", "failed"):
            # (findings carried from earlier years are re-checked too)
            details.append(_recheck(audits_so_far(base, data, school), change))
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
        yamledit.append(audits_list(base, data, school, create=True), audit)

    notes: list[Problem] = []
    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, notes=notes, focus=_focus("audits")
    )
    return EditOutcome(
        path,
        school.name,
        "edit.audit_recorded",
        {"school": school.name, "id": audit_id, "date": change.date.isoformat()},
        diff,
        written,
        notes=notes,
        details=details,
    )


def _recheck(audits: list[Any], change: AuditChange) -> tuple[str, dict[str, Any]]:
    """Close (passed) or reopen (failed) every finding fixed by the re-check's day and
    not yet re-checked; what was done, as a message."""
    waiting: list[tuple[str, Any]] = []
    for audit in audits:
        held = _day(audit.get("date"))
        if held is None or held > change.date:
            continue
        for finding in _maps(audit.get("findings")):
            fixed = _day(finding.get("fixed"))
            if fixed is None or fixed > change.date:
                continue
            if finding.get("rechecked") is not None or finding.get("closed") is not None:
                continue
            waiting.append((f"{audit.get('id')}/{finding.get('id')}", finding))
    keys = "、".join(key for key, _ in waiting)
    if not waiting:
        return "edit.recheck_none", {}
    if change.result == "passed":
        for _, finding in waiting:
            yamledit.put(finding, "rechecked", change.date, FINDING_ORDER)
        return "edit.recheck_closed", {"count": len(waiting), "keys": keys}
    if change.reopen_by is None:
        raise UsageError(problem("edit.reopen_needs_fix_by", count=len(waiting), keys=keys))
    lang: Any = change.lang
    for _, finding in waiting:
        said = t(
            "edit.reopen_note",
            lang,
            date=change.date.isoformat(),
            fixed=str(_day(finding.get("fixed"))),
            fix_by=str(_day(finding.get("fix_by"))),
        )
        before = finding.get("note")
        yamledit.delete(finding, "fixed")
        yamledit.put(finding, "fix_by", change.reopen_by, FINDING_ORDER)
        yamledit.put(finding, "note", f"{before}；{said}" if before else said, FINDING_ORDER)
    return "edit.recheck_reopened", {
        "count": len(waiting),
        "keys": keys,
        "fix_by": change.reopen_by.isoformat(),
    }


# ------------------------------------------------------------------ 整改: fixing a finding


@dataclass(frozen=True)
class FixChange:
    date: dt.date | None = None  # None: today
    evidence: Sequence[str] = ()
    note: str | None = None


def find_finding(base: EditBase, school: School, query: str) -> tuple[Audit, Finding]:
    """The finding ``query`` names: ``audit-id/finding-id``, a finding id, or a part of its
    text that only one finding has; otherwise a :class:`UsageError` listing the choices."""
    pairs = [(a, f) for a in school_audits(base, school) for f in a.findings]
    wanted = query.strip()
    if not pairs:
        raise UsageError(problem("fix.no_findings", school=school.name))
    audit_id, slash, finding_id = wanted.partition("/")
    if slash:
        hits = [(a, f) for a, f in pairs if a.id == audit_id and f.id == finding_id]
    else:
        hits = [(a, f) for a, f in pairs if f.id == wanted]
        if not hits and wanted:
            folded = wanted.casefold()
            hits = [(a, f) for a, f in pairs if folded in f.text.casefold()]
    if len(hits) == 1:
        return hits[0]
    shown = hits or pairs
    listing = "、".join(f"{a.id}/{f.id}（{f.text}）" for a, f in shown[:MAX_LISTED])
    if len(shown) > MAX_LISTED:
        listing += f" …(+{len(shown) - MAX_LISTED})"
    key = "fix.ambiguous" if hits else "fix.unknown"
    raise UsageError(problem(key, value=wanted, school=school.name, known=listing))


MAX_LISTED = 8


def fix_finding(
    base: EditBase,
    query: str,
    finding_arg: str,
    change: FixChange,
    *,
    today: dt.date,
    dry_run: bool,
) -> EditOutcome:
    """Record a finding as fixed (整改完成): it then waits for the district's re-check."""
    if change.date is not None:
        check_plan_date(base, "--date", change.date)
    school = base.find(query)
    path = base.path_of(school)
    audit, finding = find_finding(base, school, finding_arg)
    key = f"{audit.id}/{finding.id}"
    closed = finding.rechecked or finding.closed
    if closed is not None:
        raise UsageError(problem("fix.closed", key=key, date=closed.isoformat()))
    day = change.date or _today_if_near(base, today)
    if day is None:
        year = base.plan.plan.year
        raise UsageError(problem("edit.date_needed", today=today.isoformat(), year=year))
    if day < audit.date:
        raise UsageError(
            problem("fix.before_audit", key=key, date=day.isoformat(), audit=audit.date.isoformat())
        )
    notes: list[Problem] = []
    if finding.fixed is not None and finding.fixed != day:
        notes.append(
            problem(
                "fix.date_replaced", key=key, old=finding.fixed.isoformat(), new=day.isoformat()
            )
        )

    def apply(data: Any) -> None:
        entry = find_entry(audits_so_far(base, data, school), audit.id, finding.id)
        if entry is None:  # gone since the school was read (another edit, under the lock)
            raise UsageError(problem("fix.unknown", value=key, school=school.name, known=key))
        put_fix(entry, day, change)

    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, notes=notes, focus=_focus("audits")
    )
    return EditOutcome(
        path,
        school.name,
        "fix.recorded",
        {"school": school.name, "key": key, "title": finding.text, "date": day.isoformat()},
        diff,
        written,
        notes=notes,
    )


def find_entry(audits: Sequence[Any], audit_id: str, finding_id: str) -> Any:
    """The round-trip finding ``audit_id/finding_id`` among ``audits`` (None: not there)."""
    return next(
        (
            f
            for a in audits
            if str(a.get("id")) == audit_id
            for f in _maps(a.get("findings"))
            if str(f.get("id")) == finding_id
        ),
        None,
    )


def put_fix(entry: Any, day: dt.date, change: FixChange) -> None:
    """Record the round-trip finding ``entry`` fixed on ``day`` (evidence added to what it
    has, the note replaced), as ``guanxin fix`` does."""
    yamledit.put(entry, "fixed", day, FINDING_ORDER)
    if change.evidence:
        existing = entry.get("evidence")
        if yamledit.is_seq(existing):
            for item in change.evidence:
                if item not in existing:
                    yamledit.append(existing, item)
        else:
            evidence = yamledit.new_seq(list(dict.fromkeys(change.evidence)), flow=True)
            yamledit.put(entry, "evidence", evidence, FINDING_ORDER)
    if change.note:
        yamledit.put(entry, "note", change.note, FINDING_ORDER)


# ------------------------------------------------------------- 活动台账: an activity


@dataclass(frozen=True)
class ActivityChange:
    title: str
    date: dt.date
    kind: str | None = None  # the ledger's 类别
    task: str | None = None
    wulao: int | None = None
    students: int | None = None
    evidence: Sequence[str] = ()
    reported: bool = False


def add_activity(
    base: EditBase, query: str, change: ActivityChange, *, dry_run: bool
) -> EditOutcome:
    """Append a line to the school's 活动台账."""
    title = change.title.strip()
    if not title or any(c in title for c in "\r\n"):
        raise UsageError(problem("activity.bad_title", value=change.title))
    check_plan_date(base, "--date", change.date)
    if change.task is not None:
        tasks = [t.id for t in base.plan.plan.tasks()]
        if change.task not in tasks:
            close = difflib.get_close_matches(change.task, tasks, n=3, cutoff=0.5)
            key = "edit.unknown_task_hint" if close else "edit.unknown_task"
            raise UsageError(problem(key, value=change.task, hint=", ".join(close)))
    school = base.find(query)
    path = base.path_of(school)

    def apply(data: Any) -> None:
        append_activity(activities_list(base, data, school, create=True), change)

    diff, written = edit_file(base, path, apply, dry_run=dry_run, focus=_focus("activities"))
    return EditOutcome(
        path,
        school.name,
        "activity.recorded",
        {"school": school.name, "title": title, "date": change.date.isoformat()},
        diff,
        written,
    )


def activity_values(change: ActivityChange) -> dict[str, Any]:
    """The keys and values a ledger line for ``change`` holds, in the file's order."""
    values: dict[str, Any] = {
        "name": change.title.strip(),
        "date": change.date,
        "category": change.kind.strip() if change.kind and change.kind.strip() else None,
        "task": change.task,
        "wulao": change.wulao,
        "students": change.students,
        "evidence": list(dict.fromkeys(change.evidence)) if change.evidence else None,
        "reported": True if change.reported else None,
    }
    return {name: values[name] for name in ACTIVITY_ORDER if values.get(name) is not None}


def append_activity(ledger: Any, change: ActivityChange) -> None:
    """Append the line for ``change`` to the round-trip 活动台账 ``ledger``."""
    entry = yamledit.new_map(flow=_mostly_flow_list(ledger))
    for name, value in activity_values(change).items():
        entry[name] = yamledit.new_seq(value, flow=True) if isinstance(value, list) else value
    yamledit.append(ledger, entry)


def _mostly_flow_list(seq: Any) -> bool:
    """New ledger lines follow the file's habit; the first one gets the one-line form."""
    values = _maps(seq)
    if not values:
        return True
    return sum(yamledit.is_flow(v) for v in values) * 2 >= len(values)


def _free_id(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


# ------------------------------------------------------------------- a new school


def school_file_text(
    school_id: str, name: str, school_type: str, liaison: str | None, parent: str | None = None
) -> str:
    data: dict[str, Any] = {"schema_version": 2, "id": school_id, "name": name, "type": school_type}
    if parent:
        data["parent"] = parent
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
    parent: str | None = None,
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
    folder = (
        base.workspace.units_dir
        if school_type in INTERMEDIATE_TYPES
        else base.workspace.schools_dir
    )
    path = folder / f"{school_id}.yaml"
    text = school_file_text(school_id, name.strip(), school_type, liaison, parent)
    diff = unified_diff("", text, _shown(base, path), created=True)
    if path.exists():
        raise UsageError(problem("edit.school_exists", Location(path), id=school_id))
    _refuse_if_invalid(base, path, text)
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
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
