"""Opening a workspace for a command: discovery plus the one-line "bundled data" note."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Location, problem
from .loading import (
    EditBase,
    Loaded,
    LoadedPlan,
    Workspace,
    find_workspace,
    load_for_edit,
    load_plan,
    load_workspace,
)
from .messages import t
from .models import SCOPE_ALL, SCOPE_DISTRICT, Plan
from .options import current_lang
from .render import note

if TYPE_CHECKING:
    from .digest import Digests


def open_workspace(root: Path | None) -> Workspace:
    ws = find_workspace(root)
    if ws.bundled:
        note(t("workspace.bundled", current_lang()))
    return ws


def open_loaded(root: Path | None) -> Loaded:
    """Load for a report; a report on no schools at all is refused, not shown as all clear."""
    loaded = load_workspace(open_workspace(root))
    if not loaded.schools:
        # a cron job run in the wrong folder must not send "nothing overdue"
        raise DataError(problem("data.no_schools", Location(loaded.workspace.schools_dir)))
    warn_missing_office(loaded.plan, loaded.office is not None)
    return loaded


def open_digests(
    root: Path | None, as_of: dt.date, *, section: str | None = None, horizon: int = 0
) -> Digests:
    """Every unit's digest for ``status`` and ``overdue`` (refused like :func:`open_loaded`)."""
    from .digest import collect
    from .reports.plan import find_section

    ws = open_workspace(root)
    lp = load_plan(ws)
    sec = find_section(lp.plan, section) if section else None
    ds = collect(ws, as_of, horizon=horizon, section=sec, lp=lp)
    warn_missing_office(lp.plan, ds.has_office)
    return ds


def warn_missing_office(plan: Plan, has_office: bool) -> None:
    """Without data/office.yaml the district's own tasks silently drop out of every count."""
    if not has_office:
        own = [task for task in plan.tasks() if task.scope in (SCOPE_DISTRICT, SCOPE_ALL)]
        if own:
            note(t("data.no_office", current_lang(), count=len(own)))


def open_plan(root: Path | None) -> LoadedPlan:
    return load_plan(open_workspace(root))


def open_for_edit(root: Path | None) -> EditBase:
    """The workspace an edit changes; never the bundled sample data inside the package."""
    from .errors import UsageError, problem

    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    return load_for_edit(ws)
