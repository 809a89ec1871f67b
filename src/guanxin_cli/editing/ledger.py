"""``activity add``: a line of a school's 活动台账."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import yamledit
from ..errors import UsageError, problem
from ..workspace.edits import EditBase
from .cycle import EditOutcome, edit_file
from .parts import (
    ACTIVITY_ORDER,
    activities_list,
    check_plan_date,
    day_of,
    focus_on,
    maps,
    mostly_flow,
    unknown_task,
)

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
            raise unknown_task(change.task, tasks)
    school = base.find(query)
    path = base.path_of(school)

    def apply(data: Any) -> None:
        ledger = activities_list(base, data, school, create=True)
        # read under the file's lock, like record-audit's duplicate audit
        for earlier in maps(ledger):
            if (
                str(earlier.get("name", "")).strip() == title
                and day_of(earlier.get("date")) == change.date
            ):
                raise UsageError(
                    problem(
                        "activity.duplicate",
                        school=school.name,
                        title=title,
                        date=change.date.isoformat(),
                    )
                )
        append_activity(ledger, change)

    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, focus=focus_on("activities", base.year)
    )
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
    entry = yamledit.new_map(flow=mostly_flow(maps(ledger)))
    for name, value in activity_values(change).items():
        entry[name] = yamledit.new_seq(value, flow=True) if isinstance(value, list) else value
    yamledit.append(ledger, entry)
