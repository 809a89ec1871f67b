"""``guanxin activity …``: the 活动台账 (``activity add``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..clihelp import Command, Group
from ..options import DryRunOpt, LangOpt, RootOpt, YearOpt
from .done import SchoolArg

app = typer.Typer(
    name="activity",
    help="活动台账：记录一次活动。\n\nThe activity ledger (活动台账): record an activity.",
    no_args_is_help=True,
    add_completion=False,
    cls=Group,
)


@app.command("add", cls=Command)
def add(
    school: SchoolArg,
    title: Annotated[
        str, typer.Option("--title", help="活动名称。The activity's title.", metavar="TITLE")
    ],
    date: Annotated[
        str,
        typer.Option(
            "--date",
            help="活动日期（也可写计划年内的 4月3日）。The day it took place.",
            metavar="DATE",
        ),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="类别，如 红色资源、工作平台。The ledger's category.",
            metavar="KIND",
        ),
    ] = None,
    task: Annotated[
        str | None,
        typer.Option("--task", help="对应的计划任务 id。The plan task it serves.", metavar="TASK"),
    ] = None,
    wulao: Annotated[
        int | None,
        typer.Option("--wulao", min=0, help="参与的五老人数。Wulao taking part.", metavar="N"),
    ] = None,
    students: Annotated[
        int | None,
        typer.Option("--students", min=0, help="学生人次。Student participations.", metavar="N"),
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence", "-e", help="佐证材料，可重复。Evidence; repeatable.", metavar="EVIDENCE"
        ),
    ] = None,
    reported: Annotated[
        bool, typer.Option("--reported", help="已上报。Already reported upward.")
    ] = False,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """在某校的活动台账（activities）末尾记一条活动；名称和日期即可。

    Add a line to a school's activity ledger; a title and a date suffice.

    例 Example:  guanxin activity add 朝阳 --title 清明祭扫烈士墓 --date 2022-04-03 --students 120
    """
    from ..context import open_for_edit
    from ..editing.ledger import ActivityChange, add_activity
    from ..options import current_lang, date_option
    from ..render.edit import print_outcome

    change = ActivityChange(
        title=title,
        date=date_option(date, root, year=year),
        kind=kind,
        task=task,
        wulao=wulao,
        students=students,
        evidence=evidence or (),
        reported=reported,
    )
    base = open_for_edit(root, year=year, on=change.date, task=task)
    outcome = add_activity(base, school, change, dry_run=dry_run)
    print_outcome(outcome, current_lang(), dry_run=dry_run)
    return 0
