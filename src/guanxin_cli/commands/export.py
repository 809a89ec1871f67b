"""``guanxin export``: the year as a workbook, a calendar, JSON or a printable report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..options import AsOfOpt, LangOpt, RootOpt, SchoolOpt, YearOpt


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    ics = "ics"
    json = "json"
    markdown = "markdown"
    docx = "docx"
    html = "html"


BINARY = (ExportFormat.xlsx, ExportFormat.docx)  # never to a terminal


def export(
    format_: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="xlsx | ics | json | markdown | docx | html"),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="输出文件（- 表示标准输出，xlsx、docx 除外）。"
            "Output file (- for stdout, not xlsx/docx).",
            metavar="FILE",  # (a folder: the command's own message, in the user's language)
        ),
    ],
    school: SchoolOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """导出：Excel 工作簿（总览、各校进度、逾期、活动台账）、日历 ics、JSON、年度工作总结
    （Word docx 或 Markdown）、可打印的 HTML 工作看板（--school 为一校的页面）。

    Export the year: xlsx workbook, iCalendar, JSON (schemas/export.schema.json), the year
    report as Word (docx) or markdown, a self-contained printable HTML dashboard.
    Every file is written atomically.

    例 Example:  guanxin export --format xlsx --output 2022年关工委工作.xlsx --as-of 2022-12-31
    """
    from ..atomic import stream_fd
    from ..context import open_loaded
    from ..errors import UsageError, problem
    from ..exporters import save
    from ..messages import t
    from ..options import current_lang
    from ..render import note, to_json
    from ..reports.export import EXPORT_SCHEMA_VERSION, export_view
    from ..year.tracking import compute

    lang_ = current_lang()
    to_stdout = stream_fd(output) == 1  # `-`, /dev/stdout …
    if to_stdout and format_ in BINARY and sys.stdout.isatty():  # (a pipe or a file takes it)
        raise UsageError(problem("export.binary_stdout", format=format_.value))
    loaded, day = open_loaded(root, year=year, as_of=as_of)
    state = compute(loaded, day)
    view = export_view(state, loaded, school=school)
    data: bytes
    if format_ is ExportFormat.xlsx:
        from ..exporters.xlsx import workbook_bytes

        data = workbook_bytes(view, lang_)
    elif format_ is ExportFormat.ics:
        from ..exporters.ics import calendar_bytes

        sources = {m.id: m.source for m in loaded.plan.milestones}
        data = calendar_bytes(view, sources, lang_)
    elif format_ is ExportFormat.json:
        text = to_json("export", view, schema="export.schema.json")
        data = (text + "\n").encode("utf-8")
        assert view["schema_version"] == EXPORT_SCHEMA_VERSION
    elif format_ is ExportFormat.markdown:
        from ..render.year_report import year_report_markdown

        data = year_report_markdown(view, lang_).encode("utf-8")
    elif format_ is ExportFormat.docx:
        from ..exporters.docx import report_docx

        data = report_docx(view, lang_)
    else:
        from ..exporters.html import dashboard_html
        from ..reports.timeline import timeline_view

        timeline = timeline_view(state, loaded, school=school)
        data = dashboard_html(view, timeline, lang_).encode("utf-8")
    save(output, data)
    if not to_stdout:
        note(t("export.saved", lang_, format=format_.value, path=str(output)))
    return 0
