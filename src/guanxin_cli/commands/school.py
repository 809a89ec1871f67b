"""``guanxin school …``: manage school files (``school add``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import DryRunOpt, LangOpt, RootOpt, YearOpt

app = typer.Typer(
    name="school",
    help="管理学校文件。Manage school files.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("add")
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
    from ..editing import add_school
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
