"""``done`` and ``set``: one progress entry of one school."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, get_args

from .. import yamledit
from ..dates import plan_end
from ..errors import Problem, UsageError, problem
from ..messages import Choices
from ..models import ProgressStatus, School
from ..workspace.edits import EditBase
from ..workspace.located import suggest_choice
from .cycle import EditOutcome, edit_file
from .parts import (
    PROGRESS_ORDER,
    add_evidence,
    check_plan_date,
    focus_on,
    mostly_flow,
    progress_map,
    resolve_task_key,
    today_if_near,
)

NEEDS_REASON = ("blocked", "not_applicable")
# the choices come from the models, so a new status or type cannot be forgotten here
STATUSES: tuple[str, ...] = get_args(ProgressStatus)


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
                detail=Choices(STATUSES),
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
    on = change.date or today_if_near(base, today)
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
        base, path, apply, dry_run=dry_run, notes=notes, focus=focus_on("progress", base.year)
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
        entry = yamledit.new_map(
            flow=mostly_flow([v for v in progress.values() if yamledit.is_map(v)])
        )
        entry["status"] = change.status
        yamledit.put(progress, key, entry, _task_order(base, key))
    old = entry.get("date") if entry.get("status") == "done" else None
    if change.status == "done" and old is not None and str(old) != str(change.date):
        notes.append(problem("edit.date_replaced", key=key, old=str(old), new=str(change.date)))
    old_note = entry.get("note")
    if change.note and old_note is not None and str(old_note) != change.note:
        notes.append(problem("edit.note_replaced", key=key, old=str(old_note), new=change.note))
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
    add_evidence(entry, change.evidence, PROGRESS_ORDER)
    if change.wulao is not None:
        put("wulao", change.wulao)
    if change.students is not None:
        put("students", change.students)
    if change.note:
        put("note", change.note)


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
