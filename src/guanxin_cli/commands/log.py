"""``guanxin log``: a school's recorded progress over time, from the git history."""

from __future__ import annotations

from ..options import JsonOpt, LangOpt, RootOpt, YearOpt
from .done import SchoolArg


def log(
    school: SchoolArg,
    json_: JsonOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """按提交列出某校进度的变化（日期、提交人、说明、哪些任务的状态变了）。需要 git。

    List a school's recorded progress over time from the git commits of its file.

    例 Example:  guanxin log 朝阳
    """
    from ..context import open_for_edit
    from ..errors import UsageError, problem
    from ..history import NoHistory, progress_history
    from ..options import current_lang
    from ..render import print_json, shown_path
    from ..render.log import render_log

    base = open_for_edit(root, year=year)
    unit = base.find(school)
    path = base.path_of(unit)
    try:
        revisions = progress_history(path)
    except NoHistory as exc:
        key = {"no_git": "log.no_git", "not_git": "log.not_git"}.get(exc.reason, "log.git_failed")
        raise UsageError(problem(key, path=shown_path(path), detail=exc.detail)) from None
    if json_:
        print_json(
            "log",
            {
                "school": {"id": unit.id, "name": unit.name},
                "path": shown_path(path),
                "revisions": [
                    {
                        "commit": r.commit,
                        "date": r.date,
                        "author": r.author,
                        "subject": r.subject,
                        "path": r.path,
                        "readable": r.readable,
                        "created": r.created,
                        "changes": [
                            {
                                "key": c.key,
                                "field": c.field,
                                "old": c.old,
                                "new": c.new,
                                "date": c.date,
                            }
                            for c in r.changes
                        ],
                    }
                    for r in revisions
                ],
            },
        )
        return 0
    render_log(unit.name, shown_path(path), revisions, current_lang())
    return 0
