"""Options shared by every command, and the small state they set (language).

Kept free of heavy imports: ``guanxin --help`` loads this module.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from .messages import Lang, resolve_lang

_state: dict[str, Lang] = {"lang": resolve_lang(None)}


def current_lang() -> Lang:
    return _state["lang"]


def _set_lang(value: str | None) -> str | None:
    if value is not None and value.lower() not in ("zh", "en", "zh-cn", "en-us", "cn"):
        raise typer.BadParameter("use zh or en / 请用 zh 或 en")
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
        help="以哪一天为“今天”（如 2022-03-31；默认上海时区的今天）。Report as of this date.",
        metavar="DATE",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON。Print JSON.")]
SchoolOpt = Annotated[
    str | None,
    typer.Option(
        "--school", help="只看某校（id、全名或名称中的一部分）。One school.", metavar="SCHOOL"
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
        raise UsageError(
            problem("err.bad_option", option=NOW_ENV, value=raw, detail="2022-06-30T23:50:00+00:00")
        ) from None
    if moment.tzinfo is None:
        raise UsageError(
            problem(
                "err.bad_option",
                option=NOW_ENV,
                value=raw,
                detail="needs a time zone, e.g. +08:00 or Z",
            )
        )
    return moment


def as_of_date(value: str | None) -> dt.date:
    """``--as-of`` or today in Asia/Shanghai."""
    from .dates import parse_date, today_shanghai
    from .errors import UsageError, problem

    if value is None:
        return today_shanghai(_clock_override())
    try:
        return parse_date(value)
    except ValueError:
        raise UsageError(problem("err.bad_date", value=value)) from None


DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="只显示改动（diff），不写入文件。Show the diff; write nothing."),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="日期，如 2022-04-06（默认今天，上海时区）。The date; default today.",
        metavar="DATE",
    ),
]


def date_option(value: str) -> dt.date:
    """A date the user typed (``2022-04-06``, ``2022/4/6``...), or a usage error naming it."""
    from .dates import parse_date
    from .errors import UsageError, problem

    try:
        return parse_date(value)
    except ValueError:
        raise UsageError(problem("err.bad_date", value=value)) from None
