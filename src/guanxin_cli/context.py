"""Opening a workspace for a command: discovery, the plan year and the day it reports as
of, and the one-line notes that say what was chosen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, Location, UsageError, problem
from .messages import t
from .models import OFFICE_SCOPES, SCOPE_ALL, Plan
from .options import current_lang
from .render import note
from .workspace.edits import EditBase, load_for_edit
from .workspace.folders import Workspace, find_workspace
from .workspace.loader import Loaded, load_workspace
from .workspace.plans import LoadedPlan, load_plan
from .years import PlanChoice, choose

if TYPE_CHECKING:
    from .collect import Digests


def open_workspace(root: Path | None) -> Workspace:
    ws = find_workspace(root)
    if ws.bundled:
        note(t("workspace.bundled", current_lang()))
    return ws


def choose_year(
    ws: Workspace,
    *,
    year: int | None,
    as_of: str | None,
    on: dt.date | None = None,
    dated: bool = True,
) -> PlanChoice:
    """The plan year a command works on and the day it reports as of: ``--year``, else the
    plan whose year holds ``--as-of`` (or ``on``, an edit's date, or today in Shanghai),
    else the newest earlier plan. Without ``--as-of`` a plan whose year is over reports as
    of its last day. Says on stderr what was chosen when there was a choice to make (and,
    for a report, ``dated``, the day it reports as of when that is not today)."""
    from .options import as_of_date, today

    years = ws.plan_years()
    if not years:
        raise UsageError(problem("plan.none", Location(ws.plans_dir)))
    if year is not None and year not in years:
        path = ws.plans_dir / f"{year}.yaml"
        known = "、".join(str(y) for y in years)
        from .workspace.folders import year_missing_key

        key = year_missing_key(years, year)
        raise UsageError(problem(key, Location(path), year=year, known=known))
    day = as_of_date(as_of, ws.root, year) if as_of is not None else on
    choice = choose(years, year=year, as_of=day, today=today())
    lang = current_lang()
    if choice.implicit and len(years) > 1:
        shown = "、".join(str(y) for y in years)
        note(t("plan.chosen", lang, year=choice.year, years=shown))
    if choice.ended and dated and on is None:
        note(t("plan.ended", lang, year=choice.year, day=choice.as_of.isoformat()))
    return choice


def open_loaded(
    root: Path | None, *, year: int | None = None, as_of: str | None = None
) -> tuple[Loaded, dt.date]:
    """Load for a report; a report on no schools at all is refused, not shown as all clear."""
    ws = open_workspace(root)
    choice = choose_year(ws, year=year, as_of=as_of)
    loaded = load_workspace(ws, year=choice.year)
    if not loaded.schools:
        # a cron job run in the wrong folder must not send "nothing overdue"
        raise DataError(problem("data.no_schools", Location(loaded.workspace.schools_dir)))
    warn_missing_office(loaded.plan, loaded.office is not None)
    return loaded, choice.as_of


def open_digests(
    root: Path | None,
    as_of: str | None,
    *,
    year: int | None = None,
    section: str | None = None,
    horizon: int = 0,
) -> Digests:
    """Every unit's digest for ``status`` and ``overdue`` (refused like :func:`open_loaded`)."""
    from .collect import collect
    from .reports.plan import find_section

    ws = open_workspace(root)
    choice = choose_year(ws, year=year, as_of=as_of)
    lp = load_plan(ws, year=choice.year)
    sec = find_section(lp.plan, section) if section else None
    ds = collect(ws, choice.as_of, horizon=horizon, section=sec, lp=lp)
    warn_missing_office(lp.plan, ds.has_office)
    return ds


def warn_missing_office(plan: Plan, has_office: bool) -> None:
    """Without data/office.yaml the office's own tasks silently drop out of every count."""
    from .issuer import office_params

    if not has_office:
        own = [task for task in plan.tasks() if task.scope in (*OFFICE_SCOPES, SCOPE_ALL)]
        if own:
            note(t("data.no_office", current_lang(), count=len(own), **office_params(plan)))


def open_plan(root: Path | None, *, year: int | None = None) -> LoadedPlan:
    ws = open_workspace(root)
    return load_plan(ws, year=choose_year(ws, year=year, as_of=None, dated=False).year)


def open_for_edit(
    root: Path | None,
    *,
    year: int | None = None,
    on: dt.date | None = None,
    task: str | None = None,
) -> EditBase:
    """The workspace an edit changes (never the bundled sample data inside the package),
    with the plan of ``year``, else of the year the edit's date ``on`` (or today) is in;
    but a date of ``task`` (``id[@occurrence]``) that falls in the window of the previous
    plan's occurrence, before the chosen plan's occurrence starts (January, for the
    autumn term), goes to the previous plan's year."""
    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    if year is None and on is not None and task is not None:
        earlier = _earlier_year_for(ws, on, task)
        if earlier is not None:
            prev, later, occ = earlier
            note(
                t(
                    "edit.year_by_occurrence",
                    current_lang(),
                    date=on.isoformat(),
                    year=prev,
                    later=later,
                    occurrence=occ,
                )
            )
            return load_for_edit(ws, year=prev)
    choice = choose_year(ws, year=year, as_of=None, on=on, dated=False)
    return load_for_edit(ws, year=choice.year)


def _earlier_year_for(ws: Workspace, on: dt.date, task_arg: str) -> tuple[int, int, str] | None:
    """(the previous plan year, the year chosen by the date, the occurrence) when an
    occurrence of ``task_arg`` in the previous plan holds ``on`` and none in the plan
    chosen by the date has started by then; else None."""
    from .errors import GuanxinError
    from .options import today

    years = ws.plan_years()
    if len(years) < 2:
        return None
    chosen = choose(years, year=None, as_of=on, today=today()).year
    earlier = [y for y in years if y < chosen]
    if not earlier:
        return None
    task_id, at, occ_key = task_arg.strip().partition("@")
    try:
        now_occs = load_plan(ws, year=chosen).occurrences.get(task_id, [])
        prev_occs = load_plan(ws, year=earlier[-1]).occurrences.get(task_id, [])
    except GuanxinError:  # a broken plan: the usual path says so
        return None
    if at:
        now_occs = [o for o in now_occs if o.key == occ_key]
        prev_occs = [o for o in prev_occs if o.key == occ_key]
    holding = [o for o in prev_occs if o.start <= on <= o.due]
    if len(holding) != 1 or any(o.start <= on for o in now_occs):
        return None
    occ = holding[0]
    return earlier[-1], chosen, f"{task_id}@{occ.key}（{occ.start}–{occ.due}）"


def form_rounds(root: Path, year: int) -> dict[str, dict[str, Any]] | None:
    """Each school's last form made and read back (``data/forms.yaml``) for ``status`` and
    ``school list``; a ledger that cannot be read is said on stderr, and left out."""
    from .forms.ledger import rounds
    from .render import problem_line
    from .workspace.folders import BUNDLED_ROOT

    if root == BUNDLED_ROOT:
        return None
    try:
        return rounds(root, year)
    except DataError as exc:
        for p in exc.problems:
            note(problem_line(p, current_lang()))
        return None
