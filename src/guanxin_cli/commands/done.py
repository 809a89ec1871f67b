"""``guanxin done``: record that a school finished a task."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DateOpt, DryRunOpt, LangOpt, RootOpt, YearOpt

SchoolArg = Annotated[
    str, typer.Argument(help="学校：id、全名或名称中的一部分。School id or name.", metavar="SCHOOL")
]
TaskArg = Annotated[
    str,
    typer.Argument(
        help="任务 id；周期性任务可写 id@哪一期（如 s2-red-festivals@七一）。Task id[@occurrence].",
        metavar="TASK",
    ),
]


def done(
    school: SchoolArg,
    task: TaskArg,
    date: DateOpt = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", "-e", help="佐证材料，可重复。Evidence; repeatable."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="备注。A note.")] = None,
    wulao: Annotated[
        int | None, typer.Option("--wulao", min=0, help="参与的五老人数。Wulao taking part.")
    ] = None,
    students: Annotated[
        int | None, typer.Option("--students", min=0, help="学生人次。Student participations.")
    ] = None,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """记录某校完成了某项任务（写入 data/schools/<id>.yaml，保留注释和格式）。

    Record that a school finished a task; the file keeps its comments and layout.

    例 Example:  guanxin done 朝阳 s2-red-festivals@七一 --date 2022-06-30 -e 活动照片
    """
    from ..context import open_for_edit
    from ..editing.progress import ProgressChange, record_progress
    from ..options import current_lang, date_option, today
    from ..render.edit import print_outcome

    change = ProgressChange(
        status="done",
        date=date_option(date, root, year=year) if date is not None else None,  # None: today
        evidence=evidence or (),
        note=note,
        wulao=wulao,
        students=students,
    )
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
