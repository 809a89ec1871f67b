"""``guanxin audit --school X``: the checklist to carry on a school visit."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..options import AsOfOpt, LangOpt, RootOpt


class AuditFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def audit(
    school: Annotated[
        str,
        typer.Option(
            "--school",
            help="学校：id、全名或名称中唯一的一部分（如 朝阳）。School id, name or part of it.",
            metavar="SCHOOL",
        ),
    ],
    format_: Annotated[
        AuditFormat,
        typer.Option("--format", help="text | markdown（可打印）| json"),
    ] = AuditFormat.text,
    json_: Annotated[
        bool, typer.Option("--json", help="同 --format json。Same as --format json.")
    ] = False,
    as_of: AsOfOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """到校检查清单：学校概况、各项任务状态、应有与已有佐证、整改、要问的事。

    The checklist for a school visit.

    例 Example:  guanxin audit --school 朝阳 --format markdown > 朝阳小学.md
    """
    import sys

    from ..context import open_digests
    from ..options import as_of_date, current_lang
    from ..render import out_console, print_json
    from ..render.audit import audit_markdown, render_audit
    from ..reports.views import audit_view
    from ..schools import resolve_school

    ds = open_digests(root, as_of_date(as_of, root))
    unit, items = ds.unit(resolve_school(school, ds.digests))
    view = audit_view(ds, unit, items)
    lang_ = current_lang()
    if json_ or format_ is AuditFormat.json:
        print_json("audit", view)
    elif format_ is AuditFormat.markdown:
        sys.stdout.write(audit_markdown(view, lang_))
    else:
        render_audit(view, out_console(), lang_)
    return 0
