"""``guanxin roll``: next year's plan from the newest earlier one, with a review list."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DryRunOpt, LangOpt, RootOpt


def roll(
    year: Annotated[
        int,
        typer.Argument(help="新的年份，如 2023。The new plan's year.", metavar="YEAR", min=2000),
    ],
    source: Annotated[
        int | None,
        typer.Option(
            "--from",
            help="以哪一年的计划为底（默认最近的上一年）。Plan to start from.",
            metavar="YEAR",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """由上一年的计划生成新一年的计划（plans/YEAR.yaml），并列出需对照新文件核对的内容。

    Make next year's plan from the newest earlier one: same structure and ids, the year
    updated, cohorts moved on, dates worked out for the new year, one-off items of the old
    year taken out; then a list of what to re-read against the new document.

    例 Example:  guanxin roll 2023 --dry-run
    """
    from ..errors import UsageError, problem
    from ..options import current_lang
    from ..render import out_console
    from ..render.roll import render_roll
    from ..roll import roll_plan, school_notes, write_rolled
    from ..workspace.folders import find_workspace

    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    rolled = roll_plan(ws, year, source_year=source)
    if not dry_run:
        write_rolled(rolled)
    render_roll(rolled, school_notes(ws, rolled), out_console(), current_lang(), dry_run=dry_run)
    return 0
