"""Options shared by every command, and the small state they set (language).

Kept free of heavy imports: ``guanxin --help`` loads this module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from .messages import RUN_LANG, resolve_lang
from .messages import Lang as Lang  # (re-exported: the commands take it from here)
from .messages import current_lang as current_lang  # (re-exported, as Lang)

_state = RUN_LANG  # (the language of this run lives with the messages: see there)


LANG_VALUES = ("zh", "en", "zh-cn", "en-us", "cn")


def set_lang(value: str | None) -> None:
    """The language asked for, if it is one we speak (else the option says so)."""
    if value is None or value.lower() in LANG_VALUES:
        _state["lang"] = resolve_lang(value)


def _set_lang(value: str | None) -> str | None:
    if value is not None and value.lower() not in LANG_VALUES:
        raise typer.BadParameter("zh|en")
    if value is not None:
        _state["lang"] = resolve_lang(value)
    return value


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="输出语言 zh|en（默认中文，也可设 GUANXIN_LANG）。Output language.",
        callback=_set_lang,
        is_eager=True,
        metavar="zh|en",
    ),
]
RootOpt = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="工作区目录（含 plans/ 的文件夹；也可设 GUANXIN_ROOT）。Workspace folder.",
        # (no file_okay=False: a file given says guanxin's own "workspace not found")
        metavar="DIR",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="以哪一天为“今天”：日期（2022-03-31）、计划年内的说法（3月31日、3月底）"
        "或相对的说法（今天、昨天、上周五、本月底）；默认上海时区的今天。"
        "Report as of this day: a date, a phrase in the plan's year, or 上周五 and the like.",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON。Print JSON.")]
YearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="哪一年的计划（默认 --as-of 或今天所在年份的计划）。Plan year (default: by the date).",
        metavar="YEAR",
        min=2000,
        max=2100,
    ),
]
SchoolOpt = Annotated[
    str | None,
    typer.Option(
        "--school", help="只看某校（id、全名或名称中的一部分）。One school.", metavar="SCHOOL"
    ),
]
LiaisonOpt = Annotated[
    str | None,
    typer.Option(
        "--liaison",
        help="只看某位包校联系人负责的学校。Only the schools this liaison looks after.",
        metavar="NAME",
    ),
]
SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section", help="只看某一部分（一..五 或 s1..s5）。One section.", metavar="SECTION"
    ),
]


NOW_ENV = "GUANXIN_NOW"


def _clock_override() -> dt.datetime | None:
    """``GUANXIN_NOW=2022-06-30T23:50:00Z`` pins the clock (tests, re-running a past cron job)."""
    import os

    from .errors import UsageError, problem

    raw = os.environ.get(NOW_ENV)
    if not raw:
        return None
    try:
        moment = dt.datetime.fromisoformat(raw.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:  # (unreadable, or no time zone)
        raise UsageError(problem("err.bad_clock_env", option=NOW_ENV, value=raw))
    return moment


def today() -> dt.date:
    """Today in Asia/Shanghai (or as ``GUANXIN_NOW`` says)."""
    import os

    from .dates import today_shanghai
    from .errors import UsageError, problem

    moment = _clock_override()
    try:
        return today_shanghai(moment)
    except OverflowError:  # GUANXIN_NOW=9999-12-31T23:59:59-12:00 is past year 9999 here
        raw = os.environ.get(NOW_ENV, "")
        raise UsageError(problem("err.clock_range", option=NOW_ENV, value=raw)) from None


def now() -> dt.datetime:
    """This moment in Asia/Shanghai, to the second (or as ``GUANXIN_NOW`` says): when a
    form was made or read back."""
    from .dates import now_shanghai

    return now_shanghai(_clock_override())


def as_of_date(value: str | None, root: Path | None = None, year: int | None = None) -> dt.date:
    """``--as-of`` or today in Asia/Shanghai. Besides dates, the phrases ``--from`` and
    ``--to`` take (``3月31日``, ``3月底`` in the plan's year: ``year``, else the year of the
    plan a report of the workspace ``root`` takes today) and days counted from today
    (``今天``, ``上周五``, ``本月底``)."""
    if value is None:
        return today()
    return day_option("--as-of", value, root, year=year)


def day_option(
    option: str, value: str, root: Path | None, *, end: bool = True, year: int | None = None
) -> dt.date:
    """A day typed for ``option`` (see :mod:`.daywords`), or a usage error that says why not."""
    from .daywords import day_of

    try:
        return day_of(value, year=lambda: year or plan_year(root), today=today, end=end)
    except ValueError as exc:
        raise _bad_day(value, exc) from None


def plan_year(root: Path | None) -> int:
    """The year of the plan a report takes without ``--year``: the one whose year holds
    today, else the newest earlier (else the first)."""
    from .errors import UsageError, problem
    from .workspace.folders import find_workspace
    from .years import choose

    years = find_workspace(root).plan_years()
    if not years:
        raise UsageError(problem("plan.none"))
    return choose(years, year=None, as_of=None, today=today()).year


def _bad_day(value: str, exc: ValueError) -> Exception:
    from .daywords import day_error

    return day_error(value, exc)


DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="只显示改动（diff），不写入文件。Show the diff; write nothing."),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="日期，如 2022-04-06，或计划年内的 7月1日、3月底（默认今天，上海时区）。"
        "The date (or 7月1日 in the plan's year); default today.",
        metavar="DATE",
    ),
]


def date_option(value: str, root: Path | None = None, *, year: int | None = None) -> dt.date:
    """A date the user typed for an edit (``2022-04-06``, ``2022/4/6``...), or what
    ``--as-of`` reads (``7月1日``, ``3月底`` in the plan's year: ``year``, else that of the
    plan a report of the workspace ``root`` takes today; ``昨天``), or a usage error naming
    it (an impossible day, such as 2022-02-30, as such)."""
    return day_option("--date", value, root, year=year)
