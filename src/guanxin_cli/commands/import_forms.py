"""``guanxin import``: filled forms (填报表) back into the school files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..options import DryRunOpt, LangOpt, RootOpt


def import_forms(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="学校填好的填报表（.xlsx），可写多个。Filled forms (.xlsx).",
            metavar="FILE",
            show_default=False,
        ),
    ],
    dry_run: DryRunOpt = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="只接受这一年计划的填报表（默认按每份表格自己的年份）。"
            "Only forms of this plan year (default: each form's own).",
            metavar="YEAR",
            min=2000,
            max=2100,
        ),
    ] = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """导入学校填好的填报表：先检查全部表格，没有问题才写入各校文件（每校一处改动，保留注释）。

    Read filled forms back into the school files: every form is checked first; only when
    none has a problem is any file written (one edit a school, comments kept).

    例 Example:  guanxin import 填报表/*.xlsx --dry-run
    """
    from ..errors import UsageError, problem
    from ..forms.importing import import_forms as run_import
    from ..forms.reading import Refused
    from ..options import current_lang, now
    from ..render.forms import print_imported, print_notes
    from ..workspace.folders import find_workspace

    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    lang_ = current_lang()
    try:
        result = run_import(ws, files, year=year, dry_run=dry_run, now=now(), lang=lang_)
    except Refused as refused:
        print_notes(refused.notes, lang_)  # (then the problems, as every command says them)
        raise
    print_imported(result, lang_, dry_run=dry_run)
    return 0
