"""Opening a workspace for a command: discovery plus the one-line "bundled data" note."""

from __future__ import annotations

from pathlib import Path

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
from .options import current_lang
from .render import note


def open_workspace(root: Path | None) -> Workspace:
    ws = find_workspace(root)
    if ws.bundled:
        note(t("workspace.bundled", current_lang()))
    return ws


def open_loaded(root: Path | None) -> Loaded:
    return load_workspace(open_workspace(root))


def open_plan(root: Path | None) -> LoadedPlan:
    return load_plan(open_workspace(root))


def open_for_edit(root: Path | None) -> EditBase:
    """The workspace an edit changes; never the bundled sample data inside the package."""
    from .errors import UsageError, problem

    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    return load_for_edit(ws)
