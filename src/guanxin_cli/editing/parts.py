"""Where an edit finds its part of a school file: the plan year's records, a progress key,
a date in the plan's time."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from .. import yamledit
from ..dates import plan_end
from ..errors import UsageError, problem
from ..models import Activity, Audit, Finding, Progress, School, YearRecords
from ..workspace.checks import date_window
from ..workspace.edits import EditBase
from ..year.items import progress_key

PROGRESS_ORDER = tuple(f.name for f in fields(Progress))
SCHOOL_ORDER = tuple(f.name for f in fields(School))
YEAR_ORDER = tuple(f.name for f in fields(YearRecords))
FINDING_ORDER = tuple(f.name for f in fields(Finding))
ACTIVITY_ORDER = tuple(f.name for f in fields(Activity))


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
    key = next((k for k in years if year_of(k) == year), year)  # (2022, or "2022" quoted)
    records = years.get(key)
    if not yamledit.is_map(records):
        if not create:
            return None
        records = yamledit.new_map()
        order = sorted({*years, key}, key=lambda k: (year_of(k) or 0, str(k)))
        yamledit.put(years, key, records, order)
    return records, YEAR_ORDER


def year_of(key: Any) -> int | None:
    """The plan year a key of ``years`` names: 2022 as YAML reads it, or quoted ("2022"),
    as ``check`` reads it too; None for a key that names no year."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    text = str(key).strip()
    return int(text) if text.isdigit() else None


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
        raise unknown_task(task_id, list(tasks))
    from ..workspace.checks import not_in_scope
    from ..year.scope import scope_applies

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


def unknown_task(task_id: str, known: list[str]) -> UsageError:
    """A task id the plan does not have, with the closest ones it has."""
    close = difflib.get_close_matches(task_id, known, n=3, cutoff=0.5)
    key = "edit.unknown_task_hint" if close else "edit.unknown_task"
    return UsageError(problem(key, value=task_id, hint=", ".join(close)))


# ------------------------------------------------------------------------ dates


def plan_window(base: EditBase) -> tuple[dt.date, dt.date]:
    year = base.plan.plan.year
    return date_window(year, plan_end(year, base.plan.occurrences))


def check_plan_date(base: EditBase, option: str, day: dt.date) -> None:
    """A date typed for this plan must be in its time (give or take a month): 2030, or
    2023-04-01 for the 2022 plan, is a typo or belongs to another year's plan."""
    year = base.plan.plan.year
    first, last = plan_window(base)
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


def today_if_near(base: EditBase, today: dt.date) -> dt.date | None:
    """Today stands in for a left-out ``--date`` only while it is near the plan year
    (recording 2026 against the 2022 plan is never meant)."""
    first, last = plan_window(base)
    return today if first <= today <= last else None


# ---------------------------------------------------- where an edit finds its part
# Each part of a school file an edit changes is found here, and only here: in the file
# (the round-trip data) and in the model. A file laid out otherwise (a section for each
# plan year, say) changes these few functions, not the edits.


def focus_on(part: str, year: int | None = None) -> tuple[str, ...]:
    """The keys an edit of one part of a year's records reads or changes (for
    ``edit_file``'s ``focus``): the part itself in a first-layout file, ``years`` in the
    per-year layout (with ``year``, only that year's part: ``years.2022.progress``), and
    ``schema_version``, which tells the two apart."""
    return ("schema_version", "years" if year is None else f"years.{year}.{part}", part)


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
            return maps(data.get("audits"))
        return []
    years = data.get("years")
    if not yamledit.is_map(years):
        return []
    out: list[Any] = []
    held = sorted(
        ((y, k) for k in years if (y := year_of(k)) is not None and y <= base.year),
        key=lambda pair: pair[0],
    )
    for _, key in held:
        records = years.get(key)
        if yamledit.is_map(records):
            out += maps(records.get("audits"))
    return out


def school_audits(base: EditBase, school: School) -> list[Audit]:
    """The school's audits the edit's plan year sees: its own, and those of earlier years
    with findings still open (see :func:`guanxin_cli.years.for_year`)."""
    seen = base.view(school)
    return [*(audit for _, audit in seen.carried), *seen.audits]


def maps(seq: Any) -> list[Any]:
    """The mappings of a round-trip list (an entry of another shape is left alone)."""
    return [item for item in seq or () if yamledit.is_map(item)] if yamledit.is_seq(seq) else []


def mostly_flow(entries: list[Any]) -> bool:
    """Whether a new entry beside ``entries`` (round-trip mappings) takes the one-line
    ``{…}`` form: the file's habit, and the compact form where there is none yet."""
    if not entries:
        return True
    return sum(yamledit.is_flow(v) for v in entries) * 2 >= len(entries)


def day_of(value: Any) -> dt.date | None:
    """A date as the round-trip data holds it (a date, or text that reads as one)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def add_evidence(entry: Any, evidence: Sequence[str], order: Sequence[str]) -> None:
    """Add ``evidence`` to what the round-trip ``entry`` lists (none twice, in the given
    order; a new list in the compact one-line form)."""
    if not evidence:
        return
    existing = entry.get("evidence")
    if yamledit.is_seq(existing):
        for item in evidence:
            if item not in existing:
                yamledit.append(existing, item)
    else:
        yamledit.put(
            entry, "evidence", yamledit.new_seq(list(dict.fromkeys(evidence)), flow=True), order
        )
