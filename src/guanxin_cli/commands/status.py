"""``guanxin status``: where the year stands, on one screen."""

from __future__ import annotations

from typing import Annotated

import typer

from ..options import AsOfOpt, JsonOpt, LangOpt, LiaisonOpt, RootOpt, SchoolOpt, SectionOpt, YearOpt


def status(
    school: SchoolOpt = None,
    liaison: LiaisonOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    year: YearOpt = None,
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days",
            min=1,
            help="学校文件在 git 中超过此天数未更新且有未完成事项时标记。Stale threshold (days).",
        ),
    ] = 60,
    json_: JsonOpt = False,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """全年进度一览：各部分进度、工作节点、学校风险排序、最紧急事项。

    Where the year stands: sections, milestones, schools by risk, most urgent items.

    例 Example:  guanxin status --as-of 2022-06-30
    """
    from ..context import form_rounds, open_digests
    from ..history import has_own_history, last_changed
    from ..options import current_lang
    from ..render import out_console, print_json
    from ..render.status import SCHOOL_ROWS, render_status
    from ..reports.views import status_view
    from ..workspace.folders import BUNDLED_ROOT

    ds = open_digests(root, as_of, year=year, section=section)
    # The samples (inside the package, or in guanxin's own repository) have no history of
    # their own: git would date them by guanxin's commits.
    own = ds.root != BUNDLED_ROOT and has_own_history(ds.root)
    changed = last_changed(ds.root, list(ds.files.values())) if own else {}
    view = status_view(
        ds,
        school=school,
        school_rows=None if json_ else SCHOOL_ROWS,
        file_changed={sid: changed.get(path) for sid, path in ds.files.items()},
        stale_days=stale_days,
        liaison=liaison,
        forms=form_rounds(ds.root, ds.plan.year),
    )
    if json_:
        print_json("status", view)
    else:
        render_status(view, out_console(), current_lang())
    return 0
