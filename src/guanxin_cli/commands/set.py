"""``guanxin set``: set the status of one task at one school."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DateOpt, DryRunOpt, LangOpt, RootOpt, YearOpt
from .done import SchoolArg, TaskArg


def set_status(
    school: SchoolArg,
    task: TaskArg,
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help="not_started | in_progress | done | blocked | not_applicable",
            metavar="STATUS",
        ),
    ],
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="原因（blocked、not_applicable 必填）。Why."),
    ] = None,
    date: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="备注。A note.")] = None,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """设置某校某项任务的状态；done 记完成日期，in_progress 记开始日期（started）。

    Set a task's status at a school: done records the date, in_progress the start date.

    例 Example:  guanxin set 河滨 s2-culture-forum@秋季学期 --status blocked --reason 疫情暂停活动
    """
    from ..context import open_for_edit
    from ..editing.progress import ProgressChange, check_status, record_progress
    from ..options import current_lang, date_option, today
    from ..render.edit import print_outcome

    check_status(status, reason)  # before any file is read
    # done without a date: today
    day = date_option(date, root, year=year) if date is not None else None
    change = ProgressChange(status=status, date=day, reason=reason, note=note)
    outcome = record_progress(
        open_for_edit(root, year=year, on=change.date, task=task),
        school,
        task,
        change,
        today=today(),
        dry_run=dry_run,
    )
    print_outcome(outcome, current_lang(), dry_run=dry_run)
    return 0
