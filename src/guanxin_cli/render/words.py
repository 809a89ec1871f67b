"""Wording shared by the Rich renderers and plain text: no Rich here, so that a report
written to a pipe or a file (the cron job) does not import it."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from ..dates_en import phrase_en
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


def evidence_in(items: list[str], view: dict[str, Any], lang: Lang) -> list[str]:
    """Evidence names in ``lang``: the plan's English for each (``view["evidence_en"]``)."""
    if lang != "en":
        return items
    names: dict[str, str] = view.get("evidence_en") or {}
    return [names.get(item, item) for item in items]


def occurrence_in(key: str, lang: Lang, view: dict[str, Any] | None = None) -> str:
    """An occurrence's key (春季学期, 七一 …) in ``lang`` (``view``: a report's, whose
    ``days_en`` names the plan's own days in English)."""
    if lang != "en":
        return key
    return phrase_en(key, (view or {}).get("days_en"))


def month_day(day: dt.date, year: int | None = None) -> str:
    """``03-31``; a day outside the plan's ``year`` keeps its own (``2023-01-31``: the
    autumn term's deadline, or an as-of date in another year, whose weekday would
    otherwise be read against the plan's)."""
    if year is not None and day.year != year:
        return day.isoformat()
    return f"{day.month:02d}-{day.day:02d}"


def window(start: dt.date, due: dt.date, year: int) -> str:
    """A deadline as ``03-31``, a window as ``06-24–07-08`` (one that opens with the
    plan's year is a deadline: 3月底, 上半年, 年底前)."""
    if start <= dt.date(year, 1, 1):
        return month_day(due, year)
    return f"{month_day(start, year)}–{month_day(due, year)}"


def full_window(start: dt.date, due: dt.date, year: int) -> str:
    """:func:`window` with the year: ``2022-03-31``, ``2022-10-09–10-23``."""
    if start <= dt.date(year, 1, 1):
        return due.isoformat()
    end = month_day(due, start.year)
    return f"{start.isoformat()}–{end}"


@functools.lru_cache(maxsize=4096)
def due_label(day: dt.date, basis: str | None, year: int | None, lang: Lang) -> str:
    """A deadline in a table column: ``06-30 默认`` / ``06-30 default`` for a date the plan
    chose, ``03-31`` for one the document gives (or an audit's), with the year when it is
    not the plan's (:func:`month_day`)."""
    text = month_day(day, year)
    return f"{text} {t('basis.default', lang)}" if basis == "default" else text


def window_label(
    start: dt.date, due: dt.date, basis: str | None, year: int | None, lang: Lang
) -> str:
    """:func:`due_label` for an occurrence shown whole: ``06-24–07-08``, ``03-31 默认``."""
    if year is None or start <= dt.date(year, 1, 1):
        return due_label(due, basis, year, lang)
    text = window(start, due, year)
    return f"{text} {t('basis.default', lang)}" if basis == "default" else text


def default_mark(basis: str | None, lang: Lang) -> str:
    """``（默认）`` / `` (default)`` after a date the plan chose, nothing after one the
    document gives (or an audit's)."""
    return paren(t("basis.default", lang), lang) if basis == "default" else ""


@functools.lru_cache(maxsize=4096)
def title_parts(
    kind: str,
    title: str,
    title_en: str | None,
    occurrence: str | None,
    lang: Lang,
    carried: int | None = None,
) -> tuple[tuple[str, str], ...]:
    """:func:`item_title_parts` from the fields it reads (``occurrence`` as it is shown in
    ``lang``, see :func:`occurrence_in`; ``carried``: the plan year a finding still open
    comes from)."""
    parts = [(title_en if lang == "en" and title_en else title, "")]
    if kind == "finding":
        parts.insert(0, (t("finding.prefix", lang) + colon(lang), "yellow"))
    if occurrence:
        parts.append((paren(occurrence, lang), "dim"))
    if carried is not None:
        parts.append((paren(t("finding.carried", lang, year=carried), lang), "yellow"))
    return tuple(parts)


def item_title_parts(
    i: dict[str, Any], lang: Lang, view: dict[str, Any] | None = None
) -> list[tuple[str, str]]:
    """An item view's title in styled parts: 整改 prefix, title, occurrence, the year a
    finding is carried from (``view``: the report's, naming the plan's own days in English)."""
    occurrence = occurrence_in(i["occurrence"], lang, view) if i["occurrence"] else None
    return list(
        title_parts(
            i["kind"], i["title"], i.get("title_en"), occurrence, lang, i.get("carried_from")
        )
    )


def form_round(form: dict[str, Any] | None, year: int, lang: Lang) -> str:
    """A school's last form (填报表) in a table cell: ``06-30→07-05`` (sent, read back),
    ``06-30→`` (not back yet), ``—`` (none made)."""
    if not form:
        return "—"

    def day(moment: str | None) -> str:
        if not moment:
            return ""
        try:
            return month_day(dt.date.fromisoformat(moment[:10]), year)
        except ValueError:
            return moment[:10]

    made, back = form.get("made"), form.get("imported")
    if made and back and form.get("imported_made") != made:
        back = None  # what came back was an older form: the last one is still out
    return f"{day(made)}→{day(back)}" if made else f"→{day(back)}"
