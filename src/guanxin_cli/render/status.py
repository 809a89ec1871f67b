"""``guanxin status``: one screen that answers "where are we"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from ..messages import Lang, t, title_in
from .prose import Prose
from .words import (
    STATE_STYLE,
    due_label,
    form_round,
    item_title_parts,
    occurrence_in,
    pct,
    weekday,
    when_of,
)

SCHOOL_ROWS = 15  # one screen: the riskiest schools; --json and overdue --by school have all


def state_text(state: str, lang: Lang, prefix: str = "state") -> Text:
    return Text(t(f"{prefix}.{state}", lang), style=STATE_STYLE.get(state, ""))


def header(view: dict[str, Any], console: Console, lang: Lang) -> None:
    as_of: dt.date = view["as_of"]
    title = title_in(view, lang)
    console.print(Text(title, style="bold"))
    line = Text(t("status.as_of", lang, date=as_of.isoformat(), weekday=weekday(as_of, lang)))
    if view["year_ended"]:
        line.append(" · " + t("status.year_ended", lang, year=view["year"]), style="bold yellow")
    elif as_of.year == view["year"]:
        line.append(" · " + t("status.days_left", lang, days=view["days_left"]), style="dim")
    console.print(line)


def _whole(table: Table, width: int, *columns: int, flexible: int = 0) -> None:
    """Never cut ``columns`` (numbers, dates, states) on a narrow terminal: a count cut to
    "18…" reads as 18. Column ``flexible`` (0: the title) gives way instead, down to a few
    characters."""
    used = 0
    for n in columns:
        column = table.columns[n]
        cells = [column.header, *column.cells]
        sizes = [
            c.cell_len if isinstance(c, Text) else cell_len(c) if isinstance(c, str) else c.width
            for c in cells
            if isinstance(c, Text | str | ProgressBar)
        ]
        column.min_width = max(s or 0 for s in sizes)
        if column.max_width is not None:  # (a short column with a cap: a name of 3 or 4)
            column.min_width = min(column.min_width, column.max_width)
        used += column.min_width
    _give_rest(table, flexible, width, used)


def _give_rest(table: Table, flexible: int, width: int, used: int) -> None:
    """Column ``flexible`` (a title) gets what ``width`` leaves after ``used`` cells of the
    other columns and the gaps between columns, never more than it already may have, never
    under 6 cells."""
    gaps = 2 * (len(table.columns) - 1)  # (no box, no edge padding: one space either side)
    column = table.columns[flexible]
    column.max_width = max(6, min(column.max_width or width, width - used - gaps))


def _due_cell(m: dict[str, Any], view: dict[str, Any], lang: Lang) -> str | Prose:
    """A milestone's deadline: the plan's phrase (in ``lang``) and the date."""
    due = due_label(m["due"], m["basis"], view["year"], lang)
    text = f"{occurrence_in(m['when'], lang, view)} {due}"
    return Prose(text) if lang == "en" else escape(text)


def _bar(ratio: float | None, width: int = 14) -> ProgressBar:
    return ProgressBar(total=100, completed=(ratio or 0) * 100, width=width)


def render_status(view: dict[str, Any], console: Console, lang: Lang) -> None:
    header(view, console, lang)
    if view.get("liaison"):
        console.print(Text(t("status.liaison", lang, name=view["liaison"]), style="bold"))
    overall = view["overall"]
    counts = view["counts"]
    console.print(
        t(
            "status.overall",
            lang,
            done=overall["done"],
            total=overall["total"],
            pct=pct(overall["ratio"]),
            due=overall["due"],
            done_of_due=overall["done_of_due"],
        ),
        markup=False,
    )
    console.print(
        t(
            "status.counts",
            lang,
            overdue=counts["overdue"],
            blocked=view["blocked"],
            due_soon=counts["due_soon"],
            findings=view["open_findings"],
        )
        + (
            t("status.waiting", lang, count=view["waiting_findings"])
            if view.get("waiting_findings")
            else ""
        ),
        markup=False,
    )

    sections = Table(
        title=t("status.sections", lang), title_justify="left", box=None, pad_edge=False
    )
    sections.add_column(t("col.section", lang), no_wrap=True, overflow="ellipsis", max_width=34)
    sections.add_column(t("col.progress", lang), no_wrap=True)
    sections.add_column(t("col.done", lang), justify="right", no_wrap=True)
    sections.add_column(t("col.overdue", lang), justify="right", no_wrap=True)
    for s in view["sections"]:
        r = s["rate"]
        sections.add_row(
            f"{s['number']} {escape(title_in(s, lang))}",
            _bar(r["ratio"]),
            f"{r['done']}/{r['total']} {pct(r['ratio']):>4}",
            Text(str(s["overdue"]), style="red" if s["overdue"] else "dim"),
        )
    _whole(sections, console.width, 1, 2, 3)
    console.print()
    console.print(sections)

    if view["milestones"]:
        ms = Table(
            title=t("status.milestones", lang), title_justify="left", box=None, pad_edge=False
        )
        ms.add_column(t("col.milestone", lang), no_wrap=True, overflow="ellipsis", max_width=30)
        ms.add_column(t("col.due", lang), no_wrap=lang != "en")
        ms.add_column(t("col.count", lang), justify="right", no_wrap=True)
        ms.add_column(t("col.state", lang), no_wrap=True)
        for m in view["milestones"]:
            target = f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"])
            count = m["count_now"] if m["days_left"] >= 0 else m["count_by_due"]
            state = state_text(m["state"], lang, "ms")
            if m["days_left"] > 0:
                state.append(" " + t("ms.days_left", lang, days=m["days_left"]), style="dim")
            elif m["days_left"] == 0:
                state.append(" " + t("ms.today", lang), style="bold")
            ms.add_row(
                f"◆ {escape(title_in(m, lang))}",
                _due_cell(m, view, lang),
                f"{count}/{target}",
                state,
            )
        # (in English "first half of the year" is long: it wraps rather than the title
        # being cut to nothing; the count and state stay whole)
        _whole(ms, console.width, *((2, 3) if lang == "en" else (1, 2, 3)))
        console.print()
        console.print(ms)

    schools = Table(title=t("status.schools", lang), title_justify="left", box=None, pad_edge=False)
    schools.add_column(t("col.school", lang), no_wrap=True, overflow="ellipsis", max_width=16)
    schools.add_column(t("col.done", lang), justify="right", no_wrap=True)
    schools.add_column(t("col.overdue", lang), justify="right", no_wrap=True)
    schools.add_column(t("col.blocked", lang), justify="right", no_wrap=True)
    schools.add_column(t("col.findings", lang), justify="right", no_wrap=True)
    schools.add_column(t("col.last", lang), no_wrap=True)
    if view.get("history"):  # the workspace is in git: when each file was last committed
        schools.add_column(t("col.file_changed", lang), no_wrap=True)
    if view.get("forms"):  # the workspace sends forms: the last one sent and read back
        schools.add_column(t("col.form", lang), no_wrap=True)
    schools.add_column(t("col.liaison", lang), no_wrap=True, overflow="ellipsis", max_width=8)
    for s in view["schools"][:SCHOOL_ROWS]:
        last = s["last_activity"].isoformat() if s["last_activity"] else "—"
        row: list[Any] = [
            escape(s["name"]),
            f"{pct(s['rate']['ratio'])}",
            Text(str(s["overdue"]), style="bold red" if s["overdue"] else "dim"),
            Text(str(s["blocked"]), style="magenta" if s["blocked"] else "dim"),
            Text(str(s["open_findings"]), style="yellow" if s["open_findings"] else "dim"),
            last,
        ]
        if view.get("history"):
            changed = Text(s["file_changed"].isoformat() if s["file_changed"] else "—")
            if s.get("stale"):
                changed.append(" ⚠", style="bold yellow")
            row.append(changed)
        if view.get("forms"):
            row.append(form_round(s.get("form"), view["year"], lang))
        row.append(escape(s["liaison"] or "—"))
        schools.add_row(*row)
    _whole(schools, console.width, *range(1, len(schools.columns)))
    console.print()
    console.print(schools)
    hidden = view["schools_total"] - SCHOOL_ROWS
    if hidden > 0:
        console.print(Text(t("status.schools_more", lang, count=hidden), style="dim"))
    console.print(Text(t("status.risk_legend", lang), style="dim"))
    if view.get("units"):
        _units(view["units"], console, lang)
    stale = view["stale_schools"]
    if stale:
        names = "、".join(f"{s['name']}（{s['file_changed'].isoformat()}）" for s in stale[:10])
        if len(stale) > 10:
            names += t("status.and_more", lang, count=len(stale))
        warning = t("status.stale", lang, days=view["stale_days"], names=names)
        console.print(Text("⚠ " + warning, style="yellow"), soft_wrap=True)

    console.print()
    console.print(Text(t("status.urgent", lang), style="bold"))
    if not view["urgent"]:
        console.print(Text(t("status.none_urgent", lang), style="green"))
    else:
        console.print(items_table(view["urgent"], lang, console.width, year=view["year"]))
    more = view["urgent_total"] - len(view["urgent"])
    if more > 0:
        console.print(Text(t("status.urgent_more", lang, count=more), style="dim"))


def when_label(i: dict[str, Any], lang: Lang) -> tuple[str, str]:
    """How late an item is or how long it has left, and the style to show it in."""
    return when_of(i["state"], i["days_late"], i["workdays_left"], i["due"] == i.get("as_of"), lang)


def when_text(i: dict[str, Any], lang: Lang) -> Text:
    label, style = when_label(i, lang)
    return Text(label, style=style)


def item_title(i: dict[str, Any], lang: Lang, view: dict[str, Any] | None = None) -> Text:
    text = Text()
    for part, style in item_title_parts(i, lang, view):
        text.append(part, style=style)
    return text


def items_table(
    items: list[dict[str, Any]],
    lang: Lang,
    width: int,
    *,
    school: bool = True,
    year: int | None = None,
) -> Table:
    """One line per item in ``width`` cells: how late, the deadline (marked 默认 where the
    plan chose it; with its year when not the plan's ``year``), the school, the title.
    On a narrow terminal the title gives way (with "…"); the school keeps up to 14 cells,
    so that two schools never shrink to the same "金坛区 …"."""
    table = Table(box=None, pad_edge=False, show_header=False)
    whens = [when_text(i, lang) for i in items]
    when_width = max([10, *(w.cell_len for w in whens)])
    table.add_column(no_wrap=True, min_width=when_width)
    dues = [due_label(i["due"], i.get("basis"), year, lang) for i in items]
    due_width = max([5, *(cell_len(d) for d in dues)])
    table.add_column(no_wrap=True, min_width=due_width)
    used = when_width + due_width
    if school:
        names = max((cell_len(i["school_name"]) for i in items), default=8)
        name_width = min(14, max(8, names))
        table.add_column(no_wrap=True, overflow="ellipsis", min_width=name_width, max_width=14)
        used += name_width
    table.add_column(no_wrap=True, overflow="ellipsis")
    _give_rest(table, len(table.columns) - 1, width, used)
    for i, when, due in zip(items, whens, dues, strict=True):
        row: list[Any] = [when, Text(due, style="dim")]
        if school:
            row.append(Text(i["school_name"], style="bold"))
        title = item_title(i, lang)
        title.no_wrap, title.overflow = True, "ellipsis"
        row.append(title)
        table.add_row(*row)
    return table


def _units(units: list[dict[str, Any]], console: Console, lang: Lang) -> None:
    """The units between the office and the schools, each with its schools added up."""
    table = Table(title=t("status.units", lang), title_justify="left", box=None, pad_edge=False)
    table.add_column(t("col.unit", lang), no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column(t("col.schools", lang), justify="right", no_wrap=True)
    table.add_column(t("col.done", lang), justify="right", no_wrap=True)
    table.add_column(t("col.overdue", lang), justify="right", no_wrap=True)
    table.add_column(t("col.findings", lang), justify="right", no_wrap=True)
    table.add_column(t("col.own", lang), justify="right", no_wrap=True)
    for u in units:
        table.add_row(
            escape(u["name"]),
            str(u["schools"]),
            pct(u["rate"]["ratio"]),
            Text(str(u["overdue"]), style="bold red" if u["overdue"] else "dim"),
            Text(str(u["open_findings"]), style="yellow" if u["open_findings"] else "dim"),
            pct(u["own"]["ratio"]),
        )
    _whole(table, console.width, *range(1, len(table.columns)))
    console.print()
    console.print(table)
