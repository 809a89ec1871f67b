"""``guanxin check``: validate the plan and school files, listing every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..options import JsonOpt, LangOpt, RootOpt


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="要检查的文件或文件夹（默认整个工作区）。Files or folders to check.",
            show_default=False,
        ),
    ] = None,
    json_: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """检查计划和各校进度文件，列出所有问题（文件:行:列）。有问题时退出码为 1。

    Validate the plan and every school file; exit 1 when problems are found.

    例 Example:  guanxin check data/schools/chaoyang-primary.yaml
    """
    from ..context import open_workspace, warn_missing_office
    from ..errors import DataError, Location, UsageError, problem
    from ..loading import check_files, check_units, load_plan, load_workspace
    from ..messages import t
    from ..options import current_lang
    from ..render import note, out_console, print_json, print_problems, problem_line

    missing = [problem("file.missing", Location(p)) for p in paths or () if not p.exists()]
    if missing:  # a mistyped path is a usage error (exit 2), not a finding in the data
        raise UsageError(missing)
    ws = open_workspace(root)
    files: list[Path] = []
    problems = []
    if paths:
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
            else:
                files.append(path)
        if not files:
            problems.append(problem("check.no_files"))
        problems.extend(check_files(files, ws))
    else:
        files = [ws.plan_path(), *ws.school_paths()]
        if ws.office_path.is_file():
            files.append(ws.office_path)
        try:
            lp = load_plan(ws)
        except DataError:
            # a broken plan: its problems, and every school file's own, in one run
            try:
                load_workspace(ws)
            except DataError as exc:
                problems.extend(exc.problems)
        else:
            found, kinds = check_units(ws, lp)
            problems.extend(found)
            if not found:
                if all(kind == "office" for kind in kinds):
                    note(t("data.no_schools_yet", current_lang()))
                warn_missing_office(lp.plan, "office" in kinds)
    lang = current_lang()
    if json_:
        print_json(
            "check",
            {
                "files": [str(f) for f in files],
                "problems": [
                    {
                        "file": str(p.where.path) if p.where.path else None,
                        "line": p.where.line,
                        "column": p.where.col,
                        "key": p.where.key_path or None,
                        "code": p.msg,
                        "message": problem_line(p, lang),
                    }
                    for p in problems
                ],
            },
        )
    elif problems:
        # the problems are what check reports: stdout, so `guanxin check > problems.txt` works
        print_problems(problems, lang, out_console())
    else:
        out_console().print(t("check.ok", lang, files=len(files)), markup=False)
    return 1 if problems else 0
