"""Reading a filled form back: what each row says, cell by cell, or every problem of the
file at once, each at its cell (``FILE.xlsx!任务进度!J7``).

Only the cells a school fills are read, each found by its column's key in the sheet's
hidden row and each row by its hidden id; the rest of the sheet (what the form showed)
is never trusted. Reading checks what a cell holds (a status of the list, a date that
exists, a whole number from 0); what needs the plan and the school file (a date within
the plan year, a conflict) is checked by the import.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import NoSuchDay, parse_date
from ..errors import DataError, Location, Problem, UsageError, problem
from ..messages import LANGS
from . import layout
from .layout import COLUMNS, split_items, status_of
from .meta import FormMeta, meta_from_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_BYTES = 20 * 1024 * 1024  # a form is a few dozen kilobytes; this is something else
ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et, and an xlsx saved with a password
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


class Refused(DataError):
    """What stops a form (or an import): its problems, and what is worth saying besides."""

    def __init__(self, problems: list[Problem], notes: list[Problem]) -> None:
        super().__init__(problems)
        self.notes = notes


@dataclass
class Answer:
    """One filled row: its values by column key, and where each cell is (``J7``)."""

    row_id: str | None
    sheet: str  # the sheet's title in the file
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    bad: bool = False  # a cell of it said wrong (its other cells are still checked)

    def where(self, path: Path, key: str) -> Location:
        return Location(path, cell=f"{self.sheet}!{self.cells[key]}")


@dataclass
class ReadForm:
    path: Path
    meta: FormMeta
    signature: str
    tasks: list[Answer]
    findings: list[Answer]
    activities: list[Answer]
    notes: list[Problem]  # worth saying, not stopping for (a sheet added, a formula's value)
    problems: list[Problem] = field(default_factory=list)  # (only with read_form's partial)


def read_form(path: Path, *, partial: bool = False) -> ReadForm:
    """The filled form at ``path``; a :class:`DataError` with every problem found in it
    (with ``partial``, a form whose cells have problems comes back with them in
    ``problems``, its rows without the wrong cells, so that the rest can be checked too)."""
    wb = _open(path)
    meta, signature = _meta(wb, path)
    problems: list[Problem] = []
    notes: list[Problem] = []
    sheets = _sheets(wb, path, problems, notes)
    cached: list[Workbook] = []

    def value_of(ws: Worksheet, ref: str, raw: Any) -> Any:
        """A formula's value as the program that saved the file worked it out."""
        if not (isinstance(raw, str) and raw.startswith("=")):
            return raw
        if not cached:
            cached.append(_load(path, data_only=True))
        value = cached[0][ws.title][ref].value
        where = Location(path, cell=f"{ws.title}!{ref}")
        if value is None:
            problems.append(problem("form.formula_no_value", where, formula=raw))
            return _BAD
        notes.append(problem("form.formula_value", where, formula=raw, value=str(value)))
        return value

    answers: dict[str, list[Answer]] = {}
    for role in layout.ROLES:
        ws = sheets.get(role)
        answers[role] = [] if ws is None else _rows(ws, role, path, meta, value_of, problems)
    if problems and not partial:
        raise Refused(problems, notes)
    return ReadForm(
        path,
        meta,
        signature,
        answers[layout.TASKS],
        answers[layout.FINDINGS],
        answers[layout.ACTIVITIES],
        notes,
        problems,
    )


_BAD = object()  # a cell already said to be wrong


# ------------------------------------------------------------------ the file


def _open(path: Path) -> Workbook:
    if not path.exists():
        raise UsageError(problem("form.no_file", Location(path)))
    if path.is_dir():
        raise UsageError(problem("form.is_dir", Location(path)))
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        from ..oserrors import os_reason

        raise DataError(problem("file.unreadable", Location(path), reason=os_reason(exc))) from None
    where = Location(path)
    if head.startswith(OLE2):
        raise DataError(problem("form.xls", where))
    if not head.startswith(ZIP):
        suffix = path.suffix.lower()
        key = "form.csv" if suffix in (".csv", ".txt") or _texty(head) else "form.not_xlsx"
        raise DataError(problem(key, where))
    if size > MAX_BYTES:
        raise DataError(problem("form.too_large", where, size=size // (1024 * 1024)))
    return _load(path, data_only=False)


def _texty(head: bytes) -> bool:
    return bool(head) and all(b in b"\t\r\n" or 32 <= b < 127 or b >= 0x80 for b in head)


def _load(path: Path, *, data_only: bool) -> Workbook:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # (openpyxl warns of parts it does not read)
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl fails in many ways on a zip that is no workbook
        where = Location(path)
        raise DataError(problem("form.not_xlsx", where, detail=type(exc).__name__)) from None


def _meta(wb: Workbook, path: Path) -> tuple[FormMeta, str]:
    where = Location(path)
    sheet = next((ws for ws in wb.worksheets if ws["A1"].value == layout.META_MARK), None)
    if sheet is None:
        raise DataError(problem("form.no_meta", where))
    parts = []
    for (value,) in sheet.iter_rows(min_row=2, max_col=1, values_only=True):
        if not isinstance(value, str) or not value:
            break
        parts.append(value)
    meta = meta_from_text("".join(parts))
    signature = sheet["B1"].value
    if meta is None or not isinstance(signature, str):
        raise DataError(problem("form.meta_damaged", where))
    return meta, signature


def _sheets(
    wb: Workbook, path: Path, problems: list[Problem], notes: list[Problem]
) -> dict[str, Worksheet]:
    """Each sheet read back, by its marker (a renamed sheet is still found) or its title."""
    found: dict[str, Worksheet] = {}
    titles = {
        layout.sheet_title(role, lang): role
        for role in (*layout.ROLES, layout.INSTRUCTIONS, layout.RECORDED)
        for lang in LANGS
    }
    others = []
    for ws in wb.worksheets:
        mark = ws["A1"].value
        if mark == layout.META_MARK:
            continue
        role = (
            mark[len(layout.MARK) :]
            if isinstance(mark, str) and mark.startswith(layout.MARK)
            else None
        )
        if role in layout.ROLES and role not in found:
            found[role] = ws
        elif titles.get(ws.title) in (layout.INSTRUCTIONS, layout.RECORDED):
            continue
        else:
            others.append(ws)
    for ws in others:  # a sheet of the form whose marker was lost: by its title
        role = titles.get(ws.title)
        if role in layout.ROLES and role not in found:
            found[role] = ws
        elif _has_values(ws):
            notes.append(problem("form.extra_sheet", Location(path, cell=ws.title)))
    for role in layout.ROLES:
        if role not in found:
            names = "、".join(layout.sheet_title(role, lang) for lang in LANGS)
            problems.append(problem("form.sheet_missing", Location(path), sheet=names))
    return found


def _has_values(ws: Worksheet) -> bool:
    return any(v is not None for row in ws.iter_rows(values_only=True) for v in row)


# ------------------------------------------------------------------ the rows


def _rows(
    ws: Worksheet,
    role: str,
    path: Path,
    meta: FormMeta,
    value_of: Any,
    problems: list[Problem],
) -> list[Answer]:
    from openpyxl.utils import get_column_letter

    columns = _columns(ws)
    wanted = [c.key for c in COLUMNS[role] if c.fill or c.key == "id"]
    missing = [k for k in wanted if k not in columns]
    if missing:
        where = Location(path, cell=ws.title)
        problems.append(problem("form.columns_missing", where, columns=", ".join(missing)))
        return []
    keys_row = columns.pop("_row")
    fill = {c.key: c for c in COLUMNS[role] if c.fill}
    _merged(ws, path, keys_row, [columns[k] for k in fill], problems)
    known = meta.tasks if role == layout.TASKS else meta.findings
    seen: dict[str, str] = {}
    out = []
    for r in range(keys_row + 2, ws.max_row + 1):
        answer = Answer(None, ws.title, r)
        raw_id = ws.cell(row=r, column=columns["id"]).value
        answer.row_id = str(raw_id).strip() if raw_id not in (None, "") else None
        for key, col in fill.items():
            ref = f"{get_column_letter(columns[key])}{r}"
            answer.cells[key] = ref
            value = value_of(ws, ref, ws[ref].value)
            if value is _BAD:
                answer.values[key] = _BAD
                continue
            parsed = _cell(col.kind, key, value, Location(path, cell=f"{ws.title}!{ref}"), problems)
            if parsed is not None:
                answer.values[key] = parsed
        if not answer.values:
            continue
        first = answer.where(path, next(iter(answer.values)))
        if role == layout.ACTIVITIES:
            if answer.row_id not in (None, layout.NEW_ROW):
                problems.append(problem("form.row_unknown", first, id=answer.row_id))
                continue
        elif answer.row_id is None:
            problems.append(problem("form.row_by_hand", first, sheet=ws.title))
            continue
        elif answer.row_id not in known:
            problems.append(problem("form.row_unknown", first, id=answer.row_id))
            continue
        elif answer.row_id in seen:
            problems.append(
                problem("form.row_twice", first, id=answer.row_id, other=seen[answer.row_id])
            )
            continue
        if answer.row_id is not None:
            seen[answer.row_id] = str(r)
        answer.bad = any(v is _BAD for v in answer.values.values())
        answer.values = {k: v for k, v in answer.values.items() if v is not _BAD}
        out.append(answer)
    return out


def _columns(ws: Worksheet) -> dict[str, int]:
    """Each column's key (from the hidden row of keys) and where it is; ``_row``: that row."""
    for r in range(1, min(ws.max_row, 12) + 1):
        keys: dict[str, int] = {}
        for c in range(1, min(ws.max_column, 40) + 1):
            value = ws.cell(row=r, column=c).value
            if isinstance(value, str) and value.strip():
                keys.setdefault(value.strip(), c)
        if "id" in keys and ("status" in keys or "fixed" in keys or "name" in keys):
            return {**keys, "_row": r}
    return {}


def _merged(
    ws: Worksheet, path: Path, keys_row: int, fill_columns: list[int], problems: list[Problem]
) -> None:
    """Merged cells where a school writes: the merged rows would share one answer."""
    for area in ws.merged_cells.ranges:
        if area.max_row <= keys_row + 1:
            continue
        if any(area.min_col <= c <= area.max_col for c in fill_columns):
            where = Location(path, cell=f"{ws.title}!{area.coord}")
            problems.append(problem("form.merged", where, cells=area.coord))


# ------------------------------------------------------------------ one cell


def _cell(kind: str, key: str, value: Any, where: Location, problems: list[Problem]) -> Any:
    """What a filled cell says, as the import needs it (None: empty; ``_BAD``: said wrong)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
        problems.append(problem("form.cell_error", where, value=value.strip()))
        return _BAD
    if kind == "status":
        status = status_of(str(value))
        if status is None:
            problems.append(problem("form.bad_status", where, value=str(value).strip()))
            return _BAD
        return status
    if kind == "date":
        return _date(value, where, problems)
    if kind == "count":
        return _count(value, key, where, problems)
    text = _text(value)
    if key == "evidence":
        return split_items(text) or None
    if key == "name" and any(c in text for c in "\r\n"):
        return " ".join(text.split())
    return text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # (as spreadsheets show a true or false)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _date(value: Any, where: Location, problems: list[Problem]) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if isinstance(value, str | int):
        try:
            return parse_date(text)
        except NoSuchDay:
            problems.append(problem("form.no_such_day", where, value=text))
            return _BAD
        except ValueError:
            pass
    problems.append(problem("form.bad_date", where, value=text))
    return _BAD


def _count(value: Any, key: str, where: Location, problems: list[Problem]) -> Any:
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().replace("，", "").replace(",", "")
        for suffix in ("人次", "人", "名"):
            text = text.removesuffix(suffix).strip()
        try:
            number = int(text)
        except ValueError:
            number = None
    if number is None:
        problems.append(problem(f"form.bad_count.{key}", where, value=_text(value)))
        return _BAD
    if number < 0:
        problems.append(problem(f"form.negative.{key}", where, value=number))
        return _BAD
    return number
