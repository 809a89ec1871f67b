"""``guanxin check``: validate the plan and school files, listing every problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..options import JsonOpt, LangOpt, RootOpt

if TYPE_CHECKING:
    from ..workspace.folders import Workspace


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

    只检查计划文件时，各校文件也按这份计划一并检查。

    Validate the plan and every school file; exit 1 when problems are found. Given a
    plan file, every school file is checked against it too.

    例 Example:  guanxin check data/schools/chaoyang-primary.yaml
    """
    from ..context import open_workspace, warn_missing_office
    from ..errors import DataError, Location, UsageError, in_file_order, problem
    from ..liaisons import liaisons_in, read_directory, unknown_liaisons
    from ..messages import t
    from ..options import current_lang, today
    from ..render import note, out_console, print_json, print_problems, problem_line
    from ..workspace.folders import looks_like_plan
    from ..workspace.loader import check_files, check_units, load_workspace
    from ..workspace.plans import load_plan
    from ..years import choose

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
        if any(looks_like_plan(f) for f in files):
            # a plan change is a change for every school: each is checked against it
            given = {f.resolve() for f in files}
            office = [ws.office_path] if ws.office_path.is_file() else []
            files.extend(p for p in [*office, *ws.school_paths()] if p.resolve() not in given)
        problems.extend(check_files(files, ws))
        # (a school's liaison must be in office.yaml's directory, once there is one)
        problems.extend(unknown_liaisons(read_directory(ws), liaisons_in(files)))
    else:
        years = ws.plan_years()
        if not years:
            raise UsageError(problem("plan.none", Location(ws.plans_dir)))
        files = [*(ws.plan_path(y) for y in years), *ws.unit_paths()]
        # every year's plan is checked; the school files against each year they record
        choice = choose(years, year=None, as_of=None, today=today())
        for other in years:
            if other != choice.year:
                try:
                    load_plan(ws, year=other)
                except DataError as exc:
                    problems.extend(exc.problems)
        try:
            lp = load_plan(ws, year=choice.year)
        except DataError:
            # a broken plan: its problems, and every school file's own, in one run
            try:
                load_workspace(ws, year=choice.year)
            except DataError as exc:
                problems.extend(exc.problems)
        else:
            # every unit file against the plans of the years it records (in worker
            # processes when there are many; unchanged good files from the check cache)
            found, units = check_units(ws, lp)
            problems.extend(found)
            if not found:
                kinds = [brief[2] for _, brief in units]
                if all(kind == "office" for kind in kinds):
                    note(t("data.no_schools_yet", current_lang()))
                warn_missing_office(lp.plan, "office" in kinds)
            named = ((path, brief[4]) for path, brief in units if brief[2] != "office")
            problems.extend(unknown_liaisons(read_directory(ws), named))
    lang = current_lang()
    if not ws.bundled:
        _note_stale_temps(ws)
    problems = in_file_order(problems, files)
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


def _note_stale_temps(ws: Workspace) -> None:
    """Temp files a killed write left beside the data (the files themselves are intact):
    said, not removed (``check`` changes nothing; the next edit there removes them)."""
    from ..atomic import stale_temps
    from ..messages import t
    from ..options import current_lang
    from ..render import note

    for folder in (ws.schools_dir, ws.office_path.parent, ws.plans_dir):
        stale = stale_temps(folder)
        if stale:
            shown = _shown(folder, ws.root)
            example = stale[0].name
            note(
                t(
                    "check.stale_temps",
                    current_lang(),
                    folder=shown,
                    count=len(stale),
                    example=example,
                )
            )


def _shown(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(folder)
