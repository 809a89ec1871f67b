"""``guanxin form``: each school its own xlsx form (填报表) to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..options import AsOfOpt, JsonOpt, LangOpt, RootOpt, YearOpt

SOON_DAYS = 30  # a form is filled over the weeks after it is sent: what falls due by then


def form(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="写到哪个文件夹（每校一个文件，按校名命名），或一个 .xlsx 文件（只一所学校时）。"
            "A folder (one file a school, named by the school) or one .xlsx file.",
            metavar="DIR|FILE",
        ),
    ],
    schools: Annotated[
        list[str] | None,
        typer.Argument(
            help="学校：id、全名或名称中的一部分，可写多个。Schools by id or name.",
            metavar="SCHOOL",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="所有学校。Every school.")] = False,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help="列出已到期和这段时间内将到期的任务（默认 30d）。"
            "Tasks due so far and within this period (default 30d).",
            metavar="PERIOD",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    json_: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """为学校生成填报表（xlsx）：到期和将到期的任务、待整改的问题、活动台账，学校填好后用
    guanxin import 导入。

    Make each school its own xlsx form: its tasks due so far and soon, its open findings,
    and lines for new activities; read the filled forms back with guanxin import.

    例 Example:  guanxin form 朝阳 河滨 --output 填报表/ --as-of 2022-06-30
    """
    import datetime as dt

    from ..context import choose_year
    from ..errors import UsageError, problem
    from ..forms.making import chosen_schools, make_forms
    from ..messages import t
    from ..options import current_lang, now
    from ..render import note, print_json
    from ..render.forms import made_view, print_made
    from ..reports.overdue import parse_within
    from ..workspace.edits import load_for_edit
    from ..workspace.folders import find_workspace

    days = parse_within(within) if within is not None else SOON_DAYS
    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    choice = choose_year(ws, year=year, as_of=as_of)
    lang_ = current_lang()
    day = choice.as_of
    last = dt.date(choice.year, 12, 31)
    if day > last:  # (a form of a later day from this plan: as the reports, its last day)
        if not choice.ended:  # (else choose_year said so)
            note(t("plan.ended_form", lang_, year=choice.year, day=last, asked=day))
        day = last
    base = load_for_edit(ws, year=choice.year)
    chosen = chosen_schools(base, list(schools or ()), every=all_)
    made = make_forms(
        ws, base, chosen, output=output, as_of=day, within=days, lang=lang_, now=now()
    )
    if json_:
        print_json("forms", made_view(made, ws.root, day, base.year))
    else:
        print_made(made, lang_)
    return 0
