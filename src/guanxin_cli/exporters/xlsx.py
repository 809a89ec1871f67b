"""The workbook sent upward: 总览, 各校进度 (one sheet per plan section), 逾期事项, 活动台账.

Headers are frozen, columns sized for CJK text, dates are real Excel dates and ratios
real percentages, so the sheets can be sorted, filtered and summed. Every sheet prints on
A4 one page wide at a readable scale with its header row on every page, and sheets wider
than eight columns print landscape (see :mod:`.sheetprint`). That is why schools' progress
is one sheet per plan section: the whole plan (70 task occurrences in 2022) is far too wide
for a page, a section's tasks fit one, and a section too wide for a page is cut into parts
between its points.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ..messages import Lang, in_lang, paren, t, title_in
from ..render.words import evidence_in, occurrence_in
from .sheetprint import cell_len, displayed, fit_columns, fitting_parts, need, print_setup

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["cell_len", "workbook_bytes"]  # docx.py sizes its tables with cell_len too

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
STATE_FILL = {
    "done": "C6EFCE",
    "done_late": "FFEB9C",
    "overdue": "FFC7CE",
    "blocked": "E4DFEC",
    "due_soon": "FFEB9C",
    "in_progress": "DDEBF7",
    "met": "C6EFCE",
    "met_late": "FFEB9C",
    "missed": "FFC7CE",
    "at_risk": "FFEB9C",
}


def _titled(i: dict[str, Any], lang: Lang, view: dict[str, Any]) -> str:
    """An item's title with its occurrence (春季学期 / spring term)."""
    occurrence = i["occurrence"]
    shown = paren(occurrence_in(occurrence, lang, view), lang) if occurrence else ""
    return title_in(i, lang) + shown


def _bold() -> Font:
    """The workbook's own font, bold. (A font without a name prints in the program's default,
    in LibreOffice a serif wider than the columns were sized for.)"""
    from openpyxl.styles import Font
    from openpyxl.styles.fonts import DEFAULT_FONT

    return Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, family=DEFAULT_FONT.family, bold=True)


def _header(ws: Worksheet, row: int, keys: list[str], lang: Lang) -> None:
    from openpyxl.styles import Alignment, PatternFill

    fill = PatternFill("solid", fgColor="D9E1F2")
    for col, key in enumerate(keys, start=1):
        cell = ws.cell(row=row, column=col, value=t(key, lang))
        cell.font = _bold()
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _fill(cell: Any, state: str) -> None:
    from openpyxl.styles import PatternFill

    colour = STATE_FILL.get(state)
    if colour:
        cell.fill = PatternFill("solid", fgColor=colour)


def _date(cell: Any) -> None:
    cell.number_format = DATE_FORMAT


def _overview(ws: Worksheet, view: dict[str, Any], lang: Lang) -> None:
    keys = [
        "xlsx.col.number",
        "xlsx.col.section",
        "xlsx.col.done",
        "xlsx.col.total",
        "xlsx.col.ratio",
        "xlsx.col.due",
        "xlsx.col.done_of_due",
        "xlsx.col.overdue",
    ]
    _header(ws, 1, keys, lang)
    row = 2
    for s in view["sections"]:
        r = s["rate"]
        values = [s["number"], title_in(s, lang), r["done"], r["total"], r["ratio"], r["due"]]
        values += [r["done_of_due"], s["overdue"]]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        ws.cell(row=row, column=5).number_format = PERCENT_FORMAT
        row += 1
    o = view["overall"]
    total_row = ["", "∑", o["done"], o["total"], o["ratio"], o["due"], o["done_of_due"]]
    total_row.append(sum(s["overdue"] for s in view["sections"]))
    for col, value in enumerate(total_row, start=1):
        ws.cell(row=row, column=col, value=value)
    ws.cell(row=row, column=5).number_format = PERCENT_FORMAT
    row += 2
    ms_keys = [
        "xlsx.col.milestone",
        "xlsx.col.when",
        "xlsx.col.deadline",
        "xlsx.col.basis",
        "xlsx.col.target",
        "xlsx.col.count_by_due",
        "xlsx.col.count_now",
        "xlsx.col.state",
    ]
    _header(ws, row, ms_keys, lang)
    row += 1
    for m in view["milestones"]:
        target = f"{m['min']}–{m['max']}" if m["max"] is not None else m["min"]
        values = [title_in(m, lang), m["when"], m["due"], t(f"basis.{m['basis']}", lang)]
        values += [target, m["count_by_due"], m["count_now"], t(f"ms.{m['state']}", lang)]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        _date(ws.cell(row=row, column=3))
        _fill(ws.cell(row=row, column=8), m["state"])
        row += 1
    ws.freeze_panes = "A2"


@dataclass(frozen=True)
class _Column:
    """One task occurrence: a column of the progress sheets."""

    key: str
    header: str
    section: str
    point: str
    task: str


@dataclass(frozen=True)
class _Part:
    """A progress sheet: a plan section's task columns, or a part of them."""

    title: str
    print_title: str
    columns: list[_Column]


# Splitting a section's columns between two sheets costs nothing between plan points, more
# between tasks, most between occurrences of one task.
_CUT_POINT, _CUT_TASK, _CUT_OCCURRENCE = 0, 1, 3
_SHEET_NAME_BAD = re.compile(r"[\\/?*\[\]:]")  # characters Excel forbids in a sheet's name


def _task_columns(view: dict[str, Any], lang: Lang) -> list[_Column]:
    """Every task occurrence, in the plan's order (a task's occurrences by date)."""
    order = {task["id"]: n for n, task in enumerate(view["tasks"])}
    points = {task["id"]: task["point"] for task in view["tasks"]}
    first: dict[str, dict[str, Any]] = {}
    for i in view["items"]:
        if i["kind"] == "task" and i["key"] not in first:
            first[i["key"]] = i
    ranked = sorted(
        first.values(), key=lambda i: (order.get(i["task"], len(order)), str(i["due"]), i["key"])
    )
    return [
        _Column(
            i["key"], _titled(i, lang, view), i["section"], points.get(i["task"], ""), i["task"]
        )
        for i in ranked
    ]


def _fixed(view: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """The columns every progress sheet starts with: school, completion, overdue, liaison."""
    schools = view["schools"]
    return [
        ("xlsx.col.school", [s["name"] for s in schools]),
        ("xlsx.col.ratio", [displayed(s["rate"]["ratio"], PERCENT_FORMAT) for s in schools]),
        ("xlsx.col.overdue", [s["overdue"] for s in schools]),
        ("xlsx.col.liaison", [s["liaison"] for s in schools]),
    ]


def _sheet_name(text: str) -> str:
    return _SHEET_NAME_BAD.sub("-", text)[:31]


def _progress_parts(view: dict[str, Any], lang: Lang) -> list[_Part]:
    """The progress sheets: one per plan section, a section too wide for one page at a
    readable scale cut into as few parts as fit, between its points where it can be."""
    columns = _task_columns(view, lang)
    if not columns:
        return [_Part(t("xlsx.sheet.schools", lang), "", [])]
    fixed = [need(t(key, lang), values).natural for key, values in _fixed(view)]
    labels = sorted({t(f"state.{i['state']}", lang) for i in view["items"] if i["kind"] == "task"})
    parts: list[_Part] = []
    for s in view["sections"]:
        mine = [c for c in columns if c.section == s["id"]]
        if not mine:
            continue
        cuts = [
            _CUT_POINT if b.point != a.point else _CUT_TASK if b.task != a.task else _CUT_OCCURRENCE
            for a, b in zip([mine[0], *mine], mine, strict=False)
        ]
        widths = [need(c.header, labels).floor for c in mine]
        starts = fitting_parts(widths, cuts, fixed=fixed)
        heading = f"{s['number']} {title_in(s, lang)}"
        for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(mine)], strict=True), 1):
            if len(starts) == 1:
                title = t("xlsx.sheet.schools_section", lang, number=s["number"])
                printed = heading
            else:
                title = t("xlsx.sheet.schools_part", lang, number=s["number"], part=n)
                printed = heading + paren(f"{n}/{len(starts)}", lang)
            parts.append(_Part(_sheet_name(title), printed, mine[start:end]))
    return parts


def _schools(ws: Worksheet, view: dict[str, Any], lang: Lang, columns: list[_Column]) -> None:
    """One row per school, one column per task occurrence, each cell the state."""
    fixed = ["xlsx.col.school", "xlsx.col.ratio", "xlsx.col.overdue", "xlsx.col.liaison"]
    _header(ws, 1, fixed, lang)
    from openpyxl.styles import Alignment, PatternFill

    for n, column in enumerate(columns, start=len(fixed) + 1):
        cell = ws.cell(row=1, column=n, value=column.header)
        cell.font = _bold()
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    states: dict[tuple[str, str], str] = {
        (i["school"], i["key"]): i["state"] for i in view["items"] if i["kind"] == "task"
    }
    for row, s in enumerate(view["schools"], start=2):
        ws.cell(row=row, column=1, value=s["name"])
        ws.cell(row=row, column=2, value=s["rate"]["ratio"]).number_format = PERCENT_FORMAT
        ws.cell(row=row, column=3, value=s["overdue"])
        ws.cell(row=row, column=4, value=s["liaison"])
        for n, column in enumerate(columns, start=len(fixed) + 1):
            state = states.get((s["id"], column.key))
            if state is None:
                continue
            cell = ws.cell(row=row, column=n, value=t(f"state.{state}", lang))
            _fill(cell, state)
    ws.freeze_panes = "B2"  # the header row and the school names stay in view


def _overdue(ws: Worksheet, view: dict[str, Any], lang: Lang) -> None:
    keys = [
        "xlsx.col.school",
        "xlsx.col.item",
        "xlsx.col.kind",
        "xlsx.col.section",
        "xlsx.col.deadline",
        "xlsx.col.basis",
        "xlsx.col.days_late",
        "xlsx.col.owner",
        "xlsx.col.liaison",
        "xlsx.col.missing",
    ]
    _header(ws, 1, keys, lang)
    overdue = [i for i in view["items"] if i["state"] == "overdue"]
    numbers = {s["id"]: s["number"] for s in view["sections"]}
    overdue.sort(key=lambda i: (-i["days_late"], i["school"], i["key"]))
    for row, i in enumerate(overdue, start=2):
        title = _titled(i, lang, view)
        section = numbers.get(i["section"], "")  # 一…五 as on 总览 (a finding has none)
        values = [i["school_name"], title, t(f"xlsx.kind.{i['kind']}", lang), section]
        basis = t(f"basis.{i['basis']}", lang) if i["basis"] else ""
        values += [i["due"], basis, i["days_late"], in_lang(i, "owner", lang), i["liaison"]]
        values.append(
            ("; " if lang == "en" else "、").join(evidence_in(i["evidence_missing"], view, lang))
        )
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        _date(ws.cell(row=row, column=5))
    ws.freeze_panes = "A2"


def _activities(ws: Worksheet, view: dict[str, Any], lang: Lang) -> None:
    keys = [
        "xlsx.col.school",
        "xlsx.col.activity",
        "xlsx.col.category",
        "xlsx.col.date",
        "xlsx.col.wulao",
        "xlsx.col.students",
        "xlsx.col.evidence",
        "xlsx.col.reported",
    ]
    _header(ws, 1, keys, lang)
    for row, a in enumerate(view["activities"], start=2):
        reported = {True: "yes", False: "no", None: "progress"}[a["reported"]]
        values = [a["school_name"], in_lang(a, "name", lang), a["category"], a["date"], a["wulao"]]
        values += [a["students"], "、".join(a["evidence"]), t(f"xlsx.reported.{reported}", lang)]
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        _date(ws.cell(row=row, column=4))
    ws.freeze_panes = "A2"
    if view["activities"]:
        ws.auto_filter.ref = ws.dimensions


def _units(ws: Worksheet, view: dict[str, Any], lang: Lang) -> None:
    """The units between the office and the schools (县区, 镇, 片区), each with its schools
    added up, as ``status`` shows them."""
    keys = [
        "xlsx.col.unit",
        "xlsx.col.parent",
        "xlsx.col.unit_schools",
        "xlsx.col.ratio",
        "xlsx.col.overdue",
        "xlsx.col.open_findings",
        "xlsx.col.own_rate",
    ]
    _header(ws, 1, keys, lang)
    names = {u["id"]: u["name"] for u in view["units"]}
    for row, u in enumerate(view["units"], start=2):
        values = [
            u["name"],
            names.get(u["parent"], u["parent"]) if u["parent"] else "",
            u["schools"],
            u["rate"]["ratio"],
            u["overdue"],
            u["open_findings"],
            u["own"]["ratio"],
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if col in (4, 7) and value is not None:
                cell.number_format = "0%"
    ws.freeze_panes = "A2"


def workbook_bytes(view: dict[str, Any], lang: Lang) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    Fill = Callable[["Worksheet", dict[str, Any], Lang], None]
    sheets: list[tuple[str, Fill, str]] = [(t("xlsx.sheet.overview", lang), _overview, "")]
    for part in _progress_parts(view, lang):
        sheets.append((part.title, partial(_schools, columns=part.columns), part.print_title))
    if view.get("units"):  # a city's 县区, a county's 镇: their schools added up
        sheets.append((t("xlsx.sheet.units", lang), _units, ""))
    sheets.append((t("xlsx.sheet.overdue", lang), _overdue, ""))
    sheets.append((t("xlsx.sheet.activities", lang), _activities, ""))
    first = wb.active
    assert first is not None  # a new Workbook always has one sheet
    for n, (title, fill, print_title) in enumerate(sheets):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = title
        fill(ws, view, lang)
        fit_columns(ws)
        print_setup(ws, title=print_title or None)
    wb.properties.title = t("xlsx.title", lang, title=title_in(view, lang), date=view["as_of"])
    wb.properties.creator = "guanxin"
    # fixed timestamps: the same data gives the same workbook
    stamp = dt.datetime.combine(view["as_of"], dt.time())
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
