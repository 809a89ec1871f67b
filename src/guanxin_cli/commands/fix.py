"""``guanxin fix``: record that a school fixed an audit finding (整改完成, 待复查)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DateOpt, DryRunOpt, LangOpt, RootOpt, YearOpt
from .done import SchoolArg


def fix(
    school: SchoolArg,
    finding: Annotated[
        str,
        typer.Argument(
            help="整改问题：问题 id、检查id/问题id，或问题描述中唯一的一部分。"
            "Finding id, audit-id/finding-id, or a unique part of its text.",
            metavar="FINDING",
        ),
    ],
    date: DateOpt = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            "-e",
            help="整改佐证，可重复。Evidence of the fix; repeatable.",
            metavar="EVIDENCE",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="备注。A note.", metavar="TEXT")
    ] = None,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """记录某校已完成一项整改（之后待复查；复查通过后销号）。

    Record that a school fixed an audit finding; it then waits for the re-check
    (record-audit with --kind recheck), which closes it.

    例 Example:  guanxin fix 河头 committee-roster --date 2022-07-10 -e 新成员名单
    """
    from ..context import open_for_edit
    from ..editing.audits import FixChange, fix_finding
    from ..options import as_of_date, current_lang, date_option
    from ..render.edit import print_outcome

    change = FixChange(
        date=date_option(date, root, year=year) if date is not None else None,
        evidence=evidence or (),
        note=note,
    )
    base = open_for_edit(root, year=year, on=change.date)
    outcome = fix_finding(base, school, finding, change, today=as_of_date(None), dry_run=dry_run)
    print_outcome(outcome, current_lang(), dry_run=dry_run)
    return 0
