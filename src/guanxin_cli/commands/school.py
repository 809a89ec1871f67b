"""``guanxin school …``: manage school files (``school add``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..clihelp import Command, Group
from ..options import AsOfOpt, DryRunOpt, JsonOpt, LangOpt, LiaisonOpt, RootOpt, YearOpt

app = typer.Typer(
    name="school",
    help="学校文件：列出、新建。\n\nList and add school files.",
    no_args_is_help=True,
    add_completion=False,
    cls=Group,
)


@app.command("add", cls=Command)
def add(
    school_id: Annotated[
        str,
        typer.Argument(help="学校 id：小写字母、数字、连字符（如 hebin-primary）。", metavar="ID"),
    ],
    name: Annotated[str, typer.Option("--name", help="学校全名。Full name.")],
    school_type: Annotated[
        str,
        typer.Option(
            "--type",
            help=(
                "primary | middle | nine_year | high | kindergarten | vocational | special | "
                "other；县区、镇、片区等中间单位 county | town | area（写入 data/units/）"
            ),
            metavar="TYPE",
        ),
    ],
    liaison: Annotated[
        str | None, typer.Option("--liaison", help="包校联系人。Liaison member.")
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent",
            help="上级中间单位的 id（镇、片区、县区）。The unit between it and the office.",
            metavar="ID",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """新建学校进度文件 data/schools/<ID>.yaml（中间单位为 data/units/<ID>.yaml）。

    Create data/schools/<ID>.yaml for a new school (data/units/<ID>.yaml for a county, town
    or area between the office and its schools).

    例 Example:  guanxin school add hebin-primary --name 金坛区河滨小学 --type primary
    """
    from ..context import open_for_edit
    from ..editing.schools import add_school
    from ..options import current_lang
    from ..render.edit import print_outcome

    outcome = add_school(
        open_for_edit(root, year=year),
        school_id,
        name,
        school_type,
        liaison=liaison,
        parent=parent,
        dry_run=dry_run,
    )
    print_outcome(outcome, current_lang(), dry_run=dry_run)
    return 0


@app.command("list", cls=Command)
def list_schools(
    liaison: LiaisonOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    json_: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """列出各校：id、名称、类型、包校联系人、未完成事项、逾期、未关闭整改，以及最近一次填报表的发出和收回日期。

    List the schools: id, name, type, liaison, open items, overdue items, open findings,
    and when the last form was sent and read back.

    例 Example:  guanxin school list --liaison 王建国
    """
    from ..context import form_rounds, open_digests
    from ..options import current_lang
    from ..render import out_console, print_json
    from ..render.schools import render_school_list
    from ..reports.views import school_list_view

    ds = open_digests(root, as_of, year=year)
    view = school_list_view(ds, liaison=liaison, forms=form_rounds(ds.root, ds.plan.year))
    if json_:
        print_json("schools", view)
    else:
        render_school_list(view, out_console(), current_lang())
    return 0
