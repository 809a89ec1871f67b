"""Wording shared by the Rich renderers and plain text: no Rich here, so that a report
written to a pipe or a file (the cron job) does not import it."""

from __future__ import annotations

import datetime as dt
import functools

from ..messages import Lang, colon, paren, t

STATE_STYLE = {
    "done": "green",
    "done_late": "yellow",
    "in_progress": "cyan",
    "due_soon": "bold yellow",
    "overdue": "bold red",
    "not_yet_due": "dim",
    "blocked": "magenta",
    "not_applicable": "dim",
    "met": "green",
    "met_late": "yellow",
    "missed": "bold red",
    "at_risk": "bold yellow",
    "pending": "cyan",
}


def pct(ratio: float | None) -> str:
    """``None`` (nothing applies) is a dash: 0/0 must not read as 100% done."""
    return "—" if ratio is None else f"{ratio * 100:.0f}%"


def weekday(d: dt.date, lang: Lang) -> str:
    return t(f"weekday.{d.weekday()}", lang)


@functools.lru_cache(maxsize=4096)  # a report of 200,000 rows has a few hundred of these
def when_of(
    state: str, days_late: int, workdays_left: int, due_today: bool, lang: Lang
) -> tuple[str, str]:
    """:func:`when_label` from the fields it reads."""
    if state in ("done", "done_late", "not_applicable"):
        return t(f"state.{state}", lang), STATE_STYLE.get(state, "")
    if days_late > 0:
        return t("days.late", lang, days=days_late), "bold red"
    if due_today:
        return t("ms.today", lang), "bold yellow"
    return t("days.left", lang, days=workdays_left), "yellow"


def month_day(day: dt.date) -> str:
    return f"{day.month:02d}-{day.day:02d}"


@functools.lru_cache(maxsize=4096)
def title_parts(
    kind: str,
    title: str,
    title_en: str | None,
    occurrence: str | None,
    lang: Lang,
    carried: int | None = None,
) -> tuple[tuple[str, str], ...]:
    """:func:`item_title_parts` from the fields it reads (``carried``: the plan year a
    finding still open comes from)."""
    parts = [(title_en if lang == "en" and title_en else title, "")]
    if kind == "finding":
        parts.insert(0, (t("finding.prefix", lang) + colon(lang), "yellow"))
    if occurrence:
        parts.append((paren(occurrence, lang), "dim"))
    if carried is not None:
        parts.append((paren(t("finding.carried", lang, year=carried), lang), "yellow"))
    return tuple(parts)
