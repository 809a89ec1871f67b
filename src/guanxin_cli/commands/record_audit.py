"""``guanxin record-audit``: add an audit (验收、督查、调研、复查) to a school's file."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DryRunOpt, LangOpt, RootOpt, YearOpt
from .done import SchoolArg


def record_audit(
    school: SchoolArg,
    date: Annotated[str, typer.Option("--date", help="检查日期。Audit date.", metavar="DATE")],
    kind: Annotated[
        str,
        typer.Option("--kind", help="acceptance | inspection | research | recheck", metavar="KIND"),
    ],
    result: Annotated[
        str | None,
        typer.Option("--result", help="passed | failed | pending | conditional", metavar="RESULT"),
    ] = None,
    score: Annotated[
        float | None,
        typer.Option("--score", min=0, max=100, help="得分。Score.", metavar="SCORE"),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="检查单位（默认计划的发文单位）。Who audited.")
    ] = None,
    finding: Annotated[
        list[str] | None,
        typer.Option(
            "--finding",
            help="需整改的问题，可重复，每个配一个 --fix-by。A finding.",
            metavar="TEXT",
        ),
    ] = None,
    fix_by: Annotated[
        list[str] | None,
        typer.Option(
            "--fix-by",
            help="对应问题的整改期限（复查未通过时，多出的一个是重新整改的期限）。"
            "Fix-by date, one per --finding (for a failed re-check, one more: the new deadline).",
            metavar="DATE",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="备注。A note.")] = None,
    audit_id: Annotated[
        str | None, typer.Option("--id", help="记录 id（默认 kind-年-月）。Audit id.", metavar="ID")
    ] = None,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """记录一次检查（验收、督查、调研、复查），可附整改问题和期限。

    复查（--kind recheck）通过时，该校已整改的问题销号；未通过时重新整改，
    新期限用多出的一个 --fix-by 给出。同一天同类的检查不重复记录。

    Record an audit of a school, with findings to fix by a date. A passed re-check
    closes the school's fixed findings; a failed one reopens them, due by the extra
    --fix-by. The same audit (date and kind) is never recorded twice.

    例 Example:  guanxin record-audit 朝阳 --date 2022-11-15 --kind inspection --result conditional
    --finding 台账照片缺说明 --fix-by 2022-12-15
    """
    from ..context import open_for_edit
    from ..editing.audits import AuditChange
    from ..editing.audits import record_audit as record
    from ..errors import UsageError, problem
    from ..options import current_lang, date_option
    from ..render.edit import print_outcome

    findings, dates = finding or [], fix_by or []
    reopen_by = None
    if kind == "recheck" and result == "failed" and len(dates) == len(findings) + 1:
        reopen_by = date_option(dates.pop(), root, year=year)  # the reopened findings' new deadline
    if len(findings) != len(dates):
        raise UsageError(
            problem("edit.findings_mismatch", findings=len(findings), dates=len(dates))
        )
    change = AuditChange(
        date=date_option(date, root, year=year),
        kind=kind,
        result=result,
        by=by,
        score=score,
        findings=[
            (text, date_option(d, root, year=year)) for text, d in zip(findings, dates, strict=True)
        ],
        note=note,
        audit_id=audit_id,
        reopen_by=reopen_by,
        lang=current_lang(),
    )
    base = open_for_edit(root, year=year, on=change.date)
    outcome = record(base, school, change, dry_run=dry_run)
    print_outcome(outcome, current_lang(), dry_run=dry_run)
    return 0
