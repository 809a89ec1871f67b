"""``guanxin overdue``: what is late, and what falls due soon, grouped for whoever reads it."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Literal

from ..collect import Digests
from ..errors import UsageError, problem
from ..year.digest import Digest, urgency
from ..year.items import Item
from .views import chosen_units, header_view, item_view

GroupBy = Literal["school", "owner", "liaison", "task", "parent"]
DEFAULT = "default"  # a task's deadline the plan chose (its basis), not the document

_WITHIN = re.compile(
    r"^\s*(\d{1,3})\s*(d|day|days|天|日|w|wk|week|weeks|周|星期)?\s*$", re.IGNORECASE
)


def parse_within(text: str) -> int:
    """``7d``, ``2w``, ``10`` (days), ``3天``, ``2周`` → days."""
    m = _WITHIN.match(text)
    if not m:
        raise UsageError(
            problem("err.bad_option", option="--within", value=text, detail="7d, 2w, 10, 3天, 2周")
        )
    n = int(m.group(1))
    unit = (m.group(2) or "d").lower()
    return n * 7 if unit[0] in "w周星" else n


def is_overdue(i: Item) -> bool:
    return i.past_due


def overdue_view(
    ds: Digests,
    *,
    within: int | None = None,
    by: GroupBy = "school",
    school: str | None = None,
    liaison: str | None = None,
    document_only: bool = False,
) -> dict[str, Any]:
    """Overdue items, and (``within``) open ones falling due within that many days, from
    digests made for ``ds.section`` with a window of at least ``within`` days;
    ``document_only`` leaves out the tasks whose deadline is a default the plan chose."""
    units, unit, named = _units(ds, within, school, liaison)
    items = [i for d in units for i in ds.pressing(d)]
    if document_only:
        items = [i for i in items if i.basis != DEFAULT]
    late = [i for i in items if is_overdue(i)]
    soon: list[Item] = []
    if within is not None:
        # a digest's pressing items are the open ones due within its window that the
        # school itself must act on (not fixed findings waiting for the re-check)
        soon = [i for i in items if not is_overdue(i) and 0 <= (i.due - ds.as_of).days <= within]
    groups: dict[str, list[Item]] = defaultdict(list)
    labels: dict[str, str] = {}
    parents = _parents(ds)
    for i in late + soon:
        key, label = parents(i) if by == "parent" else _group_key(i, by)
        groups[key].append(i)
        labels[key] = label
    late_in = {k: sum(1 for i in members if i.state == "overdue") for k, members in groups.items()}
    ordered = sorted(groups, key=lambda k: (-late_in[k], -len(groups[k]), labels[k]))
    out_groups = []
    for key in ordered:
        members = sorted(groups[key], key=urgency)
        out_groups.append(
            {
                "key": key,
                "label": labels[key],
                "overdue": late_in[key],
                "due_soon": len(members) - late_in[key],
                "items": [item_view(i, ds.as_of) for i in members],
            }
        )
    return {
        **_head(ds, by, within, unit, named, document_only),
        "overdue": len(late),
        "due_soon": len(soon),
        "groups": out_groups,
    }


def _units(
    ds: Digests, within: int | None, school: str | None, liaison: str | None
) -> tuple[list[Digest], Digest | None, str | None]:
    """The units asked for (see :func:`.views.chosen_units`); the window checked against
    the digests'."""
    if within is not None and within > ds.horizon:
        raise ValueError(f"digests look {ds.horizon} days ahead, not {within}")
    return chosen_units(ds.digests, school, liaison)


def _head(
    ds: Digests,
    by: str,
    within: int | None,
    unit: Digest | None,
    liaison: str | None,
    document_only: bool,
) -> dict[str, Any]:
    """What an overdue report says before its numbers: the plan, the date and the scope."""
    return {
        **header_view(ds.plan, ds.as_of, ds.occurrences),
        "document_only": document_only,
        "by": by,
        "within_days": within,
        "school": unit.id if unit else None,
        "school_name": unit.name if unit else None,
        "liaison": liaison,
        "section": ds.section.id if ds.section else None,
    }


def overdue_brief(
    ds: Digests,
    *,
    within: int | None = None,
    school: str | None = None,
    liaison: str | None = None,
    document_only: bool = False,
) -> dict[str, Any]:
    """:func:`overdue_view` by school, with each group's items as ``rows`` of their
    ``BRIEF_FIELDS`` instead of full views: what the plain text report shows, for 200,000
    items without making an object per item. Same groups, counts and order."""
    units, unit, named = _units(ds, within, school, liaison)
    as_of = ds.as_of
    slots = ds.slots()
    groups: list[dict[str, Any]] = []
    late_total = soon_total = 0
    for d in units:
        rows = slots.brief(d)
        if document_only:
            rows = [row for row in rows if row[-1] != DEFAULT]  # (a row ends with its basis)
        late = 0
        for row in rows:  # most urgent first: the overdue ones lead
            if row[0] != "overdue":
                break
            late += 1
        if within is None:
            shown = rows[:late]
        else:
            shown = rows[:late] + [r for r in rows[late:] if 0 <= (r[3] - as_of).days <= within]
        if shown:
            groups.append(
                {
                    "key": d.id,
                    "label": d.name,
                    "overdue": late,
                    "due_soon": len(shown) - late,
                    "rows": shown,
                }
            )
            late_total += late
            soon_total += len(shown) - late
    groups.sort(key=lambda g: (-g["overdue"], -len(g["rows"]), g["label"]))
    return {
        **_head(ds, "school", within, unit, named, document_only),
        "overdue": late_total,
        "due_soon": soon_total,
        "groups": groups,
    }


def _parents(ds: Digests) -> Any:
    """An item's group by parent: the unit between its school and the office (a unit of
    that kind is its own group; the office's and unattached schools' items go under "—")."""
    names = {d.id: d.name for d in ds.digests}
    between = {d.id for d in ds.between}
    parent = {d.id: (d.id if d.id in between else d.parent) for d in ds.digests}

    def key(i: Item) -> tuple[str, str]:
        found = parent.get(i.unit_id)
        return (found, names.get(found, found)) if found else ("—", "—")

    return key


def _group_key(i: Item, by: GroupBy) -> tuple[str, str]:
    if by == "owner":
        return (i.owner or "—"), (i.owner or "—")
    if by == "liaison":
        return (i.liaison or "—"), (i.liaison or "—")
    if by == "task":
        if i.kind == "finding":
            return "finding", "整改 / findings"
        return (i.task_id or i.key), i.title
    return i.unit_id, i.unit_name
