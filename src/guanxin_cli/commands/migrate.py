"""``guanxin migrate``: school files to records by plan year (``years: {2022: …}``)."""

from __future__ import annotations

from pathlib import Path

from ..options import DryRunOpt, LangOpt, RootOpt


def migrate(
    dry_run: DryRunOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """把各校文件改为按年份记录（years: {2022: …}），以便记录下一年度的进度。

    Move each school file's records under its plan year (years: {2022: ...}), so a second
    plan year can be recorded beside the first. Comments and layout are kept; nothing is
    written unless every file can be moved.

    例 Example:  guanxin migrate --dry-run
    """
    from ..errors import Location, UsageError, problem
    from ..messages import t
    from ..migrate import plan_migration, write_migration
    from ..options import current_lang
    from ..render import out_console, shown_path
    from ..render.edit import print_diff
    from ..workspace.folders import find_workspace

    lang = current_lang()
    ws = find_workspace(root)
    if ws.bundled:
        raise UsageError(problem("edit.no_workspace"))
    first = ws.first_year()
    if first is None:
        raise UsageError(problem("plan.none", Location(ws.plans_dir)))
    moves = plan_migration(ws.unit_paths(), first)
    console = out_console()
    if not moves:
        console.print(t("migrate.nothing", lang), markup=False)
        return 0
    if dry_run:
        from ..editing.cycle import unified_diff

        for move in moves:
            print_diff(unified_diff(move.before, move.after, Path(shown_path(move.path))))
    else:
        write_migration(moves)
    key = "migrate.would" if dry_run else "migrate.done"
    console.print(t(key, lang, count=len(moves), year=first), markup=False)
    return 0
