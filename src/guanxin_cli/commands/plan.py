"""``guanxin plan``: the whole plan as a checklist tree."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import JsonOpt, LangOpt, RootOpt, SectionOpt, YearOpt


def plan(
    section: SectionOpt = None,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail",
            help="同时列出每个任务的原文和说明。Also print each task's source quote and note.",
        ),
    ] = False,
    json_: JsonOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """显示全年工作要点：开篇段落，部分 → 工作 → 任务（负责、范围、时间、佐证）。

    标“默认”的时间不是原文给出的；--detail 列出每个任务的原文和说明。

    Show the plan as a checklist tree, after the document's opening paragraph; dates
    marked "default" are not in the document.

    例 Example:  guanxin plan --section 三 --detail
    """
    from ..context import open_plan
    from ..options import current_lang
    from ..render import out_console, print_json
    from ..render.plan import render_plan
    from ..reports.plan import plan_view

    view = plan_view(open_plan(root, year=year), section)
    if json_:
        print_json("plan", view)
    else:
        render_plan(view, out_console(), current_lang(), detail=detail, preamble=section is None)
    return 0
