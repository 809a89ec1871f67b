"""``guanxin init``: create a new workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..options import LangOpt


def init(
    directory: Annotated[
        Path,
        typer.Argument(help="新工作区的文件夹（默认当前文件夹）。Folder.", metavar="DIR"),
    ] = Path("."),
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="年份；非2022年生成空白模板计划。Year; not 2022 = template plan."
        ),
    ] = None,
    git: Annotated[
        bool, typer.Option("--git", help="同时运行 git init。Also run git init.")
    ] = False,
    lang: LangOpt = None,
) -> int:
    """新建工作区：计划、学校数据文件夹、schemas、README 和 pre-commit 配置。

    Create a workspace: the 2022 plan (or a template for --year), data folders, schemas,
    README, .gitignore and a pre-commit config that runs guanxin check.

    例 Example:  guanxin init jintan-2023 --year 2023 --git
    """
    from ..messages import t
    from ..options import current_lang
    from ..render import out_console, shown_path
    from ..scaffold import create_workspace

    lang = current_lang()
    result = create_workspace(directory, year=year, git=git)
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
