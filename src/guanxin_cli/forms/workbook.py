"""A school's form as an xlsx workbook (openpyxl): 填表说明, 任务进度, 整改问题, 活动台账,
已记录活动, and a hidden sheet with what the form knows of itself.

Yellow cells are the school's to fill and the only ones unlocked; every sheet is
protected (without a password: the import does not rely on it). Cells carry Excel data
validation: a dropdown of status labels, dates within the plan year's time, whole
numbers from 0. Excel, WPS and LibreOffice keep all of it.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from ..exporters.xlsx import cell_len
from ..messages import Lang, paren, t
from ..render.words import occurrence_in, window_label
from . import layout
from .content import FindingRow, FormContent, TaskRow
from .layout import (
    COLUMNS,
    FORM_STATUSES,
    Column,
    column_header,
    joined,
    sheet_title,
    status_label,
)

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
FILL_COLOUR = "FFF2CC"  # the cells to fill: light yellow
LOCKED_COLOUR = "F2F2F2"  # what is recorded: light grey
HEADER_COLOUR = "D9E1F2"
STATE_COLOUR = {"overdue": "FFC7CE", "due_soon": "FFEB9C", "done": "C6EFCE"}
LIST_LIMIT = 255  # characters Excel allows in a dropdown's list written in place


def form_workbook(content: FormContent, signature: str, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    intro = wb.active
    assert intro is not None  # (a new workbook has one sheet)
    _instructions(intro, content, lang)
    _tasks(wb.create_sheet(sheet_title(layout.TASKS, lang)), content, lang)
    _findings(wb.create_sheet(sheet_title(layout.FINDINGS, lang)), content, lang)
    _activities(wb.create_sheet(sheet_title(layout.ACTIVITIES, lang)), content, lang)
    _recorded(wb.create_sheet(sheet_title(layout.RECORDED, lang)), content, lang)
    _meta(wb, content, signature)
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # no sheets added, moved, renamed
    _properties(wb, content, lang)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ the sheets


def _instructions(ws: Worksheet, c: FormContent, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = sheet_title(layout.INSTRUCTIONS, lang)
    school = c.school
    who = t("form.who_liaison", lang, name=school.liaison) if school.liaison else c.issuer
    params = {
        "school": school.name,
        "plan": c.plan_title_en if lang == "en" and c.plan_title_en else c.plan_title,
        "issuer": c.issuer,
        "made": c.meta.made[:16].replace("T", " "),
        "as_of": c.as_of.isoformat(),
        "until": c.until.isoformat(),
        "tasks": sheet_title(layout.TASKS, lang),
        "findings": sheet_title(layout.FINDINGS, lang),
        "activities": sheet_title(layout.ACTIVITIES, lang),
        "recorded": sheet_title(layout.RECORDED, lang),
        "task_count": len(c.tasks),
        "finding_count": len(c.findings),
        "first": c.window[0].isoformat(),
        "last": c.window[1].isoformat(),
        "example": c.as_of.isoformat(),
        "statuses": "、".join(status_label(s, lang) for s in FORM_STATUSES)
        if lang != "en"
        else ", ".join(status_label(s, lang) for s in FORM_STATUSES),
        "who": who,
    }
    ws.column_dimensions["A"].width = INTRO_WIDTH
    for row, (name, style) in enumerate(INTRO, start=1):
        text = t(f"form.intro.{name}", lang, **params)
        cell = ws.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = wrapped_lines(text, INTRO_WIDTH)
        if style:
            cell.font = Font(bold=True, size=14 if style == "title" else None)
        ws.row_dimensions[row].height = (22 if style == "title" else LINE_HEIGHT) * lines + 4
    ws.sheet_view.showGridLines = False
    _protect(ws)
    _print_setup(ws, landscape=False, title_rows=None)


INTRO_WIDTH = 90
# The instructions, line by line ("title" and "heading" lines in bold).
INTRO = (
    ("title", "title"),
    ("made", ""),
    ("colours", ""),
    ("tasks", "heading"),
    ("status", ""),
    ("date", ""),
    ("evidence", ""),
    ("counts", ""),
    ("note", ""),
    ("empty", ""),
    ("findings", "heading"),
    ("findings_how", ""),
    ("activities", "heading"),
    ("activities_how", ""),
    ("limits", "heading"),
    ("keep", ""),
    ("return", ""),
)


def _tasks(ws: Worksheet, c: FormContent, lang: Lang) -> None:
    role = layout.TASKS
    _sheet_head(ws, role, c, lang, count=len(c.tasks))
    for n, row in enumerate(c.tasks, start=1):
        r = layout.FIRST_ROW + n - 1
        values = _task_values(row, n, c, lang)
        _row(ws, role, r, values)
        colour = STATE_COLOUR.get("done" if row.state in ("done", "done_late") else row.state)
        if colour:
            _colour(ws.cell(row=r, column=_col(role, "due")), colour)
    last = layout.FIRST_ROW + max(len(c.tasks), 1) - 1
    if not c.tasks:
        _nothing(ws, role, t("form.no_tasks", lang, until=c.until.isoformat()))
    _validations(ws, role, c, lang, last)
    _finish(ws, role, freeze="D4")


def _task_values(row: TaskRow, n: int, c: FormContent, lang: Lang) -> dict[str, Any]:
    title = row.title_en if lang == "en" and row.title_en else row.title
    if row.occurrence:
        title += paren(occurrence_in(row.occurrence, lang, {"days_en": c.days_en}), lang)
    phrase = occurrence_in(row.phrase, lang, {"days_en": c.days_en}) if row.phrase else ""
    when = window_label(row.start, row.due, row.basis, c.year, lang)
    expected = [c.evidence_en.get(e, e) for e in row.expected] if lang == "en" else row.expected
    prog = row.progress
    return {
        "id": row.key,
        "n": n,
        "title": title,
        "due": row.due,
        "when": f"{phrase}{paren(when, lang)}" if phrase else when,
        "expected": joined(list(expected), lang),
        "current": _progress_text(prog, lang),
        "recorded": joined(list(prog.evidence), lang) if prog else "",
    }


def _progress_text(prog: Any, lang: Lang) -> str:
    if prog is None:
        return t("form.not_recorded", lang)
    label = t(f"state.{prog.status}", lang) if prog.status != "not_started" else ""
    label = label or t("form.not_started", lang)
    if prog.status == "done" and prog.date:
        return f"{label} {prog.date.isoformat()}"
    if prog.status == "in_progress" and prog.started:
        return t("form.started", lang, status=label, date=prog.started.isoformat())
    if prog.reason:
        return f"{label}{t('form.colon', lang)}{prog.reason}"
    return label


def _findings(ws: Worksheet, c: FormContent, lang: Lang) -> None:
    role = layout.FINDINGS
    _sheet_head(ws, role, c, lang, count=len(c.findings))
    for n, row in enumerate(c.findings, start=1):
        r = layout.FIRST_ROW + n - 1
        _row(ws, role, r, _finding_values(row, n, lang))
        colour = STATE_COLOUR.get(row.state)
        if colour:
            _colour(ws.cell(row=r, column=_col(role, "fix_by")), colour)
    last = layout.FIRST_ROW + max(len(c.findings), 1) - 1
    if not c.findings:
        _nothing(ws, role, t("form.no_findings", lang))
    _validations(ws, role, c, lang, last)
    _finish(ws, role, freeze="D4")


def _finding_values(row: FindingRow, n: int, lang: Lang) -> dict[str, Any]:
    f, audit = row.finding, row.audit
    kind = t(f"kind.audit.{audit.kind}", lang)
    if f.fixed is not None:
        current = t("form.fixed", lang, date=f.fixed.isoformat(), step=t("step.to_recheck", lang))
    else:
        current = t("step.to_fix", lang)
    origin = (
        t("finding.carried", lang, year=row.carried_from)
        if row.carried_from is not None
        else t("form.this_year", lang)
    )
    return {
        "id": row.key,
        "n": n,
        "text": f.text,
        "audit": f"{audit.date.isoformat()} {kind}",
        "fix_by": f.fix_by,
        "origin": origin,
        "current": current,
        "recorded": joined(list(f.evidence), lang),
    }


def _activities(ws: Worksheet, c: FormContent, lang: Lang) -> None:
    role = layout.ACTIVITIES
    _sheet_head(ws, role, c, lang, count=None)
    for n in range(1, layout.ACTIVITY_ROWS + 1):
        _row(ws, role, layout.FIRST_ROW + n - 1, {"id": layout.NEW_ROW, "n": n})
    last = layout.FIRST_ROW + layout.ACTIVITY_ROWS - 1
    _validations(ws, role, c, lang, last)
    _finish(ws, role, freeze="C4", insert_rows=True)


def _recorded(ws: Worksheet, c: FormContent, lang: Lang) -> None:
    role = layout.RECORDED
    _sheet_head(ws, role, c, lang, count=len(c.recorded), hidden_keys=False)
    yes, no = t("form.yes", lang), t("form.no", lang)
    for n, a in enumerate(sorted(c.recorded, key=lambda a: a.date), start=1):
        values = {
            "n": n,
            "name": a.name,
            "date": a.date,
            "kind": a.category or "",
            "wulao": a.wulao,
            "students": a.students,
            "evidence": joined(list(a.evidence), lang),
            "reported": yes if a.reported else no,
        }
        _row(ws, role, layout.FIRST_ROW + n - 1, values)
    if not c.recorded:
        _nothing(ws, role, t("form.no_recorded", lang))
    _finish(ws, role, freeze="A4")


def _meta(wb: Workbook, c: FormContent, signature: str) -> None:
    ws = wb.create_sheet(layout.META_SHEET)
    ws["A1"] = layout.META_MARK
    ws["B1"] = signature
    text = c.meta.text()
    for n, start in enumerate(range(0, len(text), layout.CHUNK), start=2):
        ws.cell(row=n, column=1, value=text[start : start + layout.CHUNK])
    ws.sheet_state = "veryHidden"
    _protect(ws)


def _properties(wb: Workbook, c: FormContent, lang: Lang) -> None:
    props = wb.properties
    props.title = t("form.file_title", lang, school=c.school.name, as_of=c.as_of.isoformat())
    props.creator = c.issuer
    props.subject = c.plan_title
    props.keywords = "guanxin"


# ------------------------------------------------------------------ cells


def _col(role: str, key: str) -> int:
    return next(n for n, col in enumerate(COLUMNS[role], start=1) if col.key == key)


def _letter(role: str, key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(_col(role, key))


def _sheet_head(
    ws: Worksheet,
    role: str,
    c: FormContent,
    lang: Lang,
    *,
    count: int | None,
    hidden_keys: bool = True,
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = COLUMNS[role]
    title = t(
        f"form.title.{role}",
        lang,
        school=c.school.name,
        as_of=c.as_of.isoformat(),
        until=c.until.isoformat(),
        count=count if count is not None else 0,
    )
    first_shown = 2 if hidden_keys else 1
    ws.cell(row=layout.TITLE_ROW, column=first_shown, value=title).font = Font(bold=True, size=13)
    if hidden_keys:
        ws.cell(row=layout.TITLE_ROW, column=1, value=layout.MARK + role)
    fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    for n, col in enumerate(columns, start=1):
        ws.cell(row=layout.KEYS_ROW, column=n, value=col.key)
        head = ws.cell(row=layout.HEADER_ROW, column=n, value=column_header(role, col.key, lang))
        head.font = Font(bold=True)
        head.fill = fill
        head.alignment = Alignment(wrap_text=True, vertical="center")
        if col.fill:
            tip = t(f"form.tip.{role}.{col.key}", lang, **_limits(c))
            head.comment = Comment(tip, c.issuer, width=260, height=110)
        ws.column_dimensions[get_column_letter(n)].width = col.width
    ws.row_dimensions[layout.KEYS_ROW].hidden = True
    ws.row_dimensions[layout.HEADER_ROW].height = 32
    if hidden_keys:
        ws.column_dimensions["A"].hidden = True


def _limits(c: FormContent) -> dict[str, str]:
    """A date cell's range, and the form's own day as the example of one (a date of the
    plan's year, whatever year that is)."""
    first, last = c.window
    return {"first": first.isoformat(), "last": last.isoformat(), "example": c.as_of.isoformat()}


def _row(ws: Worksheet, role: str, r: int, values: dict[str, Any]) -> None:
    wb = ws.parent
    assert wb is not None  # (a sheet made by create_sheet)
    lines = 1
    for n, col in enumerate(COLUMNS[role], start=1):
        value = values.get(col.key)
        if col.kind == "wrap" and isinstance(value, str):
            lines = max(lines, wrapped_lines(value, col.width))
        cell = ws.cell(row=r, column=n, value=value)
        cell.style = _style(wb, col)
    # (a height of its own: not every program fits rows to wrapped text when it opens a file)
    ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3


LINE_HEIGHT = 15  # points a line of 11-point CJK text takes


def _style(wb: Workbook, col: Column) -> str:
    """The named style of a column's cells, made once a workbook (a style set cell by
    cell is most of the time openpyxl takes to write a form)."""
    from openpyxl.styles import Alignment, Border, NamedStyle, PatternFill, Protection, Side

    name = f"guanxin-{col.kind}-{'fill' if col.fill else 'shown'}"
    if name in wb.named_styles:
        return name
    thin = Side(style="thin", color="BFBFBF")
    style = NamedStyle(name=name)
    style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    style.alignment = Alignment(wrap_text=col.kind == "wrap", vertical="top")
    if col.kind == "date":
        style.number_format = DATE_FORMAT
    elif col.fill and col.kind != "count":
        style.number_format = "@"  # what is typed stays text (1、2 is not a number)
    style.protection = Protection(locked=not col.fill)
    style.fill = PatternFill("solid", fgColor=FILL_COLOUR if col.fill else LOCKED_COLOUR)
    wb.add_named_style(style)
    return name


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a CJK
    character is two), wrapped."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, -(-cell_len(part) // per_line)) for part in text.split("\n"))


def _colour(cell: Any, colour: str) -> None:
    from openpyxl.styles import PatternFill

    cell.fill = PatternFill("solid", fgColor=colour)


def _nothing(ws: Worksheet, role: str, text: str) -> None:
    """A sheet with no rows says so where its first row would be (all of it locked)."""
    ws.cell(row=layout.FIRST_ROW, column=_col(role, "n") + 1, value=text)


def _validations(ws: Worksheet, role: str, c: FormContent, lang: Lang, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    first_row = layout.FIRST_ROW
    limits = _limits(c)
    for col in COLUMNS[role]:
        if not col.fill:
            continue
        letter = _letter(role, col.key)
        area = f"{letter}{first_row}:{letter}{last}"
        dv: DataValidation | None = None
        if col.kind == "status":
            labels = ",".join(status_label(s, lang) for s in FORM_STATUSES)
            dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        elif col.kind == "date":
            low, high = (str(excel_day(day)) for day in c.window)
            dv = DataValidation(
                type="date", operator="between", formula1=low, formula2=high, allow_blank=True
            )
        elif col.kind == "count":
            dv = DataValidation(
                type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True
            )
        elif col.key == "kind" and c.categories:
            dv = _categories(c.categories)
        if dv is None:
            continue
        dv.promptTitle = column_header(role, col.key, lang)[:32]
        dv.prompt = t(f"form.tip.{role}.{col.key}", lang, **limits)[:255]
        dv.showInputMessage = True
        if dv.type != "list" or col.kind == "status":
            dv.showErrorMessage = True
            dv.errorTitle = column_header(role, col.key, lang)[:32]
            dv.error = t(f"form.invalid.{col.kind}", lang, **limits)[:255]
        ws.add_data_validation(dv)
        dv.add(area)


def excel_day(day: dt.date) -> int:
    """A day as spreadsheets count them (1900 date system: 2022-01-01 is 44562)."""
    return (day - dt.date(1899, 12, 30)).days


def _categories(names: list[str]) -> Any:
    """A dropdown of the categories in use (any other text is still taken)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    shown: list[str] = []
    for name in names:
        if any(ch in name for ch in ',"'):
            continue
        if len(",".join([*shown, name])) + 2 > LIST_LIMIT:
            break
        shown.append(name)
    dv = DataValidation(type="list", formula1='"' + ",".join(shown) + '"', allow_blank=True)
    dv.showErrorMessage = False  # a new category is fine
    return dv


def _protect(ws: Worksheet) -> None:
    prot = ws.protection
    prot.sheet = True
    # (in openpyxl, True forbids) people may widen columns and rows to read and print
    prot.formatColumns = False
    prot.formatRows = False


def _finish(ws: Worksheet, role: str, *, freeze: str, insert_rows: bool = False) -> None:
    ws.freeze_panes = freeze
    _protect(ws)
    if insert_rows:
        ws.protection.insertRows = False
    _print_setup(ws, landscape=True, title_rows=f"{layout.HEADER_ROW}:{layout.HEADER_ROW}")


def _print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
    """A4, one page wide, the header row on every page, page numbers at the foot."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "&P / &N"
