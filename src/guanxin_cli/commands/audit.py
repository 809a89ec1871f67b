"""``guanxin audit --school X``: the checklist to carry on a school visit."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..options import AsOfOpt, LangOpt, LiaisonOpt, RootOpt, YearOpt


class AuditFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def audit(
    school: Annotated[
        str | None,
        typer.Option(
            "--school",
            help="学校：id、全名或名称中唯一的一部分（如 朝阳）。School id, name or part of it.",
            metavar="SCHOOL",
        ),
    ] = None,
    liaison: LiaisonOpt = None,
    format_: Annotated[
        AuditFormat,
        typer.Option("--format", help="text | markdown（可打印）| json"),
    ] = AuditFormat.text,
    json_: Annotated[
        bool, typer.Option("--json", help="同 --format json。Same as --format json.")
    ] = False,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """到校检查清单：学校概况、各项任务状态、应有与已有佐证、整改、要问的事。

    用 --liaison 一次打印某位包校联系人负责的每所学校的清单。

    The checklist for a school visit; with --liaison, one for each school that liaison
    looks after.

    例 Example:  guanxin audit --school 朝阳 --format markdown > 朝阳小学.md
    """
    import sys

    from ..context import open_digests
    from ..errors import UsageError, problem
    from ..options import current_lang
    from ..render import out_console, print_json
    from ..render.audit import audit_markdown, render_audit
    from ..reports.views import audit_view, chosen_units

    if school is None and liaison is None:
        raise UsageError(problem("audit.which"))
    ds = open_digests(root, as_of, year=year)
    units, _, named = chosen_units(ds.digests, school, liaison)
    views = [audit_view(ds, *ds.unit(d)) for d in units]
    lang_ = current_lang()
    if json_ or format_ is AuditFormat.json:
        if school is not None:
            print_json("audit", views[0])
        else:  # one checklist a school
            print_json("audits", {"liaison": named, "audits": views})
    elif format_ is AuditFormat.markdown:
        sys.stdout.write("\n".join(audit_markdown(view, lang_) for view in views))
    else:
        console = out_console()
        for n, view in enumerate(views):
            if n:
                console.print()
            render_audit(view, console, lang_)
    return 0
