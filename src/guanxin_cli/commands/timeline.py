"""``guanxin timeline``: the year month by month, in the terminal or saved as SVG/HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..options import AsOfOpt, JsonOpt, LangOpt, RootOpt, SchoolOpt, SectionOpt, YearOpt


class TimelineTheme(StrEnum):
    light = "light"
    dark = "dark"


def timeline(
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="起始日期或月份（2022-03-01、2022-03、3月）。Start date or month.",
            metavar="DATE|MONTH",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="结束日期或月份（默认年底）。End date or month.", metavar="DATE|MONTH"
        ),
    ] = None,
    school: SchoolOpt = None,
    section: SectionOpt = None,
    as_of: AsOfOpt = None,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg", help="同时保存为 SVG 图片。Also save the picture as SVG.", metavar="FILE"
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", help="同时保存为 HTML。Also save the picture as HTML.", metavar="FILE"
        ),
    ] = None,
    theme: Annotated[
        TimelineTheme,
        typer.Option(
            "--theme",
            help="SVG/HTML 配色：light（浅色，便于打印）或 dark（深色屏幕）。"
            "Colours of the SVG/HTML: light (prints well) or dark.",
        ),
    ] = TimelineTheme.light,
    json_: JsonOpt = False,
    year: YearOpt = None,
    root: RootOpt = None,
    lang: LangOpt = None,
) -> int:
    """全年时间线：按月显示工作节点、纪念日、各任务时间窗及完成度，并标出截至日。

    The year on a month axis: milestones, commemorations, task windows with completion.

    --svg/--html draw it as a picture for printing (light) or a screen (--theme dark).

    例 Example:  guanxin timeline --as-of 2022-06-30 --svg 时间线.svg
    """
    from ..context import open_loaded
    from ..exporters import save
    from ..messages import t
    from ..options import current_lang
    from ..render import note, out_console, print_json
    from ..render.timeline import render_timeline
    from ..render.timeline_svg import timeline_html, timeline_svg
    from ..reports.timeline import parse_bound, timeline_view
    from ..year.tracking import compute

    loaded, day = open_loaded(root, year=year, as_of=as_of)
    year = loaded.plan.year
    view = timeline_view(
        compute(loaded, day),
        loaded,
        start=parse_bound(from_, year, end=False) if from_ else None,
        end=parse_bound(to, year, end=True) if to else None,
        school=school,
        section=section,
    )
    lang_ = current_lang()
    # files first: a reader closing stdout early (| head) must not cost the saved picture
    if svg is not None:
        save(svg, timeline_svg(view, lang_, theme.value).encode("utf-8"))
        note(t("timeline.saved", lang_, path=str(svg)))
    if html is not None:
        save(html, timeline_html(view, lang_, theme.value).encode("utf-8"))
        note(t("timeline.saved", lang_, path=str(html)))
    if json_:
        print_json("timeline", view)
    else:
        render_timeline(view, out_console(), lang_)
    return 0
