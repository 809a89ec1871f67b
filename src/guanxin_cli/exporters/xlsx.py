"""The workbook sent upward: 总览, 各校进度, 逾期事项, 活动台账.

Headers are frozen, columns sized for CJK text, dates are real Excel dates and ratios
real percentages, so the sheets can be sorted, filtered and summed. Every sheet prints on
A4 one page wide with its header row on every page; sheets wider than
``PORTRAIT_MAX_COLUMNS`` print landscape.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import TYPE_CHECKING, Any

from ..messages import Lang, in_lang, paren, t, title_in
from ..render.words import evidence_in, occurrence_in

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
PORTRAIT_MAX_COLUMNS = 8
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


def _header(ws: Worksheet, row: int, keys: list[str], lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor="D9E1F2")
    for col, key in enumerate(keys, start=1):
        cell = ws.cell(row=row, column=col, value=t(key, lang))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def cell_len(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fill(cell: Any, state: str) -> None:
    from openpyxl.styles import PatternFill

    colour = STATE_FILL.get(state)
    if colour:
        cell.fill = PatternFill("solid", fgColor=colour)


def _date(cell: Any) -> None:
    cell.number_format = DATE_FORMAT


def _widths(ws: Worksheet, *, min_width: int = 6, max_width: int = 48) -> None:
    """Column width from the widest value, counting a CJK character as two."""
    from openpyxl.utils import get_column_letter

    widest: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            text = "2022-12-31" if isinstance(value, dt.date) else str(value)
            widest[cell.column] = max(widest.get(cell.column, 0), cell_len(text))
    for col, width in widest.items():
        ws.column_dimensions[get_column_letter(col)].width = max(
            min_width, min(max_width, width + 2)
        )


def _print_setup(ws: Worksheet) -> None:
    """A4, one page wide (as many pages tall as it takes), header row repeated on each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = ws.max_column > PORTRAIT_MAX_COLUMNS
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: no limit on the number of pages down
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: room for one more column
    footer = ws.oddFooter
    if footer is not None:  # (always there in a new sheet)
        footer.center.text = "&P / &N"


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


def _schools(ws: Worksheet, view: dict[str, Any], lang: Lang) -> None:
    """One row per school, one column per task occurrence, each cell the state."""
    columns: list[tuple[str, str]] = []  # (key, header)
    seen: set[str] = set()
    for i in view["items"]:
        if i["kind"] == "task" and i["key"] not in seen:
            seen.add(i["key"])
            header = _titled(i, lang, view)
            columns.append((i["key"], header))
    fixed = ["xlsx.col.school", "xlsx.col.ratio", "xlsx.col.overdue", "xlsx.col.liaison"]
    _header(ws, 1, fixed, lang)
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for n, (_, header) in enumerate(columns, start=len(fixed) + 1):
        cell = ws.cell(row=1, column=n, value=header)
        cell.font = Font(bold=True)
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
        for n, (key, _) in enumerate(columns, start=len(fixed) + 1):
            state = states.get((s["id"], key))
            if state is None:
                continue
            cell = ws.cell(row=row, column=n, value=t(f"state.{state}", lang))
            _fill(cell, state)
    _widths(ws, max_width=24)
    for n in range(len(fixed) + 1, len(fixed) + 1 + len(columns)):
        ws.column_dimensions[get_column_letter(n)].width = 14
    ws.row_dimensions[1].height = 90
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
    _widths(ws)
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
    _widths(ws)
    ws.freeze_panes = "A2"
    if view["activities"]:
        ws.auto_filter.ref = ws.dimensions


def workbook_bytes(view: dict[str, Any], lang: Lang) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    sheets = [
        ("xlsx.sheet.overview", _overview),
        ("xlsx.sheet.schools", _schools),
        ("xlsx.sheet.overdue", _overdue),
        ("xlsx.sheet.activities", _activities),
    ]
    first = wb.active
    assert first is not None  # a new Workbook always has one sheet
    for n, (key, fill) in enumerate(sheets):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = t(key, lang)
        fill(ws, view, lang)
    _widths(first)
    for ws in wb.worksheets:
        _print_setup(ws)
    wb.properties.title = t("xlsx.title", lang, title=title_in(view, lang), date=view["as_of"])
    wb.properties.creator = "guanxin"
    # fixed timestamps: the same data gives the same workbook
    stamp = dt.datetime.combine(view["as_of"], dt.time())
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
