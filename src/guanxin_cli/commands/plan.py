"""``guanxin plan``: the whole plan as a checklist tree."""

from __future__ import annotations

from ..options import JsonOpt, LangOpt, RootOpt, SectionOpt, YearOpt


def plan(
    section: SectionOpt = None,
    json_: JsonOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """显示全年工作要点：部分 → 工作 → 任务（负责、范围、时间、佐证）。

    Show the plan as a checklist tree.

    例 Example:  guanxin plan --section 三
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
        render_plan(view, out_console(), current_lang())
    return 0
