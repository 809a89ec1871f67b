"""``guanxin init``: create a new workspace."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..options import LangOpt


class Level(StrEnum):
    """The issuing office's level: 省 / 市 / 县 / 区."""

    province = "province"
    city = "city"
    county = "county"
    district = "district"


def init(
    directory: Annotated[
        Path,
        typer.Argument(help="新工作区的文件夹（默认当前文件夹）。Folder.", metavar="DIR"),
    ] = Path("."),
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="计划年份（给出 --issuer 时默认今年）。Plan year (with --issuer: this year).",
            metavar="YEAR",
        ),
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option(
            "--issuer",
            help=(
                "发文单位，如 南通市教育局关工委；不写则使用自带的金坛区2022年计划。Issuing office."
            ),
            metavar="OFFICE",
        ),
    ] = None,
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            help="发文单位的级别（默认由名称判断）。The office's level (default: from its name).",
        ),
    ] = None,
    git: Annotated[
        bool, typer.Option("--git", help="同时运行 git init。Also run git init.")
    ] = False,
    lang: LangOpt = None,
) -> int:
    """新建工作区：计划、学校数据文件夹、schemas、README 和 pre-commit 配置。

    Create a workspace: a template plan for --issuer (without it, the bundled Jintan 2022
    plan), data folders, schemas, README, .gitignore and a pre-commit config.

    例 Example:  guanxin init nantong --year 2023 --issuer 南通市教育局关工委 --git
    """
    from ..messages import t
    from ..options import current_lang
    from ..render import out_console, shown_path
    from ..scaffold import create_workspace

    lang = current_lang()
    result = create_workspace(
        directory, year=year, git=git, issuer=issuer, level=level.value if level else None
    )
    console = out_console()
    console.print(t("init.created", lang, path=shown_path(result.root) or "."), markup=False)
    for rel in result.created:
        console.print(t("init.file", lang, file=rel), markup=False)
    for rel in result.kept:
        console.print(t("init.kept", lang, file=rel), markup=False)
    if result.git == "done":
        console.print(t("init.git_done", lang), markup=False)
    elif result.git == "missing":
        console.print(t("init.git_missing", lang), markup=False)
    elif result.git is not None:
        console.print(t("init.git_failed", lang, detail=result.git), markup=False)
    console.print(t("init.next", lang), markup=False)
    return 0
