"""``guanxin overdue``: the report for cron — what is late and what falls due soon."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..options import AsOfOpt, LangOpt, LiaisonOpt, RootOpt, SchoolOpt, SectionOpt, YearOpt


class By(StrEnum):
    school = "school"
    owner = "owner"
    liaison = "liaison"
    task = "task"
    parent = "parent"


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


def overdue(
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help="同时列出这段时间内到期的事项，如 7d、2w。Also list items due within 7d, 2w...",
            metavar="PERIOD",
        ),
    ] = None,
    by: Annotated[
        By,
        typer.Option(
            "--by", help="分组：school | owner | liaison（包校）| task | parent（上级单位）"
        ),
    ] = By.school,
    format_: Annotated[
        Format, typer.Option("--format", help="text | markdown | json | csv")
    ] = Format.text,
    json_: Annotated[
        bool, typer.Option("--json", help="同 --format json。Same as --format json.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="写入文件（原子写入）。Write to a file, atomically.",
            metavar="FILE",  # (a folder: the command's own message, in the user's language)
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="没有逾期或到期事项时不输出任何内容（适合 cron）。Silent when nothing is due.",
        ),
    ] = False,
    document_dates_only: Annotated[
        bool,
        typer.Option(
            "--document-dates-only",
            help="只看原文给出期限的事项，不看按默认时间计的。"
            "Only deadlines the document sets, not the plan's defaults.",
        ),
    ] = False,
    school: SchoolOpt = None,
    liaison: LiaisonOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """逾期事项报告：按学校、负责人、包校或任务分组，含逾期天数和剩余工作日。

    Overdue (and soon-due) items. Exit code 0 when nothing is overdue, 1 when something is,
    so `guanxin overdue || mail ...` works in cron.

    例 Example:  guanxin overdue --within 7d --by liaison --format csv -o 逾期.csv
    """
    import sys

    from ..context import open_digests
    from ..errors import Exit
    from ..exporters import save
    from ..messages import t
    from ..options import current_lang
    from ..render import note, out_console, output_width, stdout_is_terminal, to_json
    from ..render.overdue import overdue_csv, overdue_markdown, overdue_plain, render_overdue
    from ..reports.overdue import overdue_brief, overdue_view, parse_within
    from ..workdays import calendar_known

    days = parse_within(within) if within is not None else None
    ds = open_digests(root, as_of, year=year, section=section, horizon=days or 0)
    day = ds.as_of
    fmt = Format.json if json_ else format_
    terminal = fmt is Format.text and output is None and stdout_is_terminal()
    if fmt is Format.text and not terminal and by is By.school:
        # plain text by school, the cron report: straight from the digests' brief rows
        view = overdue_brief(
            ds, within=days, school=school, liaison=liaison, document_only=document_dates_only
        )
    else:
        view = overdue_view(
            ds,
            within=days,
            by=by.value,
            school=school,
            liaison=liaison,
            document_only=document_dates_only,
        )
    code = int(Exit.FINDINGS) if view["overdue"] else int(Exit.OK)
    if quiet and not view["overdue"] and not view["due_soon"]:
        return code
    lang_ = current_lang()
    if not calendar_known(day.year):
        note(t("calendar.fallback", lang_, year=day.year))
    if terminal:
        render_overdue(view, out_console(), lang_)
        return code
    if fmt is Format.text:
        data = overdue_plain(view, lang_, output_width()).encode("utf-8")
    elif fmt is Format.json:
        data = (to_json("overdue", view) + "\n").encode("utf-8")
    elif fmt is Format.csv:
        data = overdue_csv(view, lang_)
    else:
        data = overdue_markdown(view, lang_).encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return code
    save(output, data)
    note(t("overdue.written", lang_, path=str(output)))
    return code
