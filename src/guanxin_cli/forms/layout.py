"""The shape of a form (填报表), shared by the writer and the reader.

Each sheet a school fills carries, in its hidden column A, a marker in A1 saying what the
sheet is (so a renamed sheet is still found) and, in a hidden row, the key of every column
(so the reader finds each column by what it holds, not by its letter). The hidden id in
column A of each row maps the row back to its progress key or finding exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import CATALOG, LANGS, Lang, t

FORMAT = "guanxin-form/1"  # what the hidden data says it is; a new layout changes it
META_SHEET = "_guanxin"
META_MARK = "guanxin-form"  # A1 of the hidden sheet
CHUNK = 8000  # characters of the hidden data per cell (a cell holds at most 32,767)

TASKS = "tasks"
FINDINGS = "findings"
ACTIVITIES = "activities"
RECORDED = "recorded"  # the activities already in the ledger, to look at (never read back)
INSTRUCTIONS = "instructions"
ROLES = (TASKS, FINDINGS, ACTIVITIES)  # the sheets read back
MARK = "guanxin:"  # A1 of a sheet: guanxin:tasks

TITLE_ROW = 1
KEYS_ROW = 2  # hidden: each column's key
HEADER_ROW = 3
FIRST_ROW = 4  # the first row of data
ACTIVITY_ROWS = 40  # empty lines for new activities


@dataclass(frozen=True)
class Column:
    key: str
    width: float
    fill: bool = False  # a cell the school fills (unlocked); else locked
    kind: str = "text"  # text | date | count | status | wrap


# The columns of each sheet, in order from A; "id" is the hidden one.
COLUMNS: dict[str, tuple[Column, ...]] = {
    TASKS: (
        Column("id", 4),
        Column("n", 5),
        Column("title", 34, kind="wrap"),
        Column("due", 11, kind="date"),
        Column("when", 16, kind="wrap"),
        Column("expected", 22, kind="wrap"),
        Column("current", 18, kind="wrap"),
        Column("recorded", 20, kind="wrap"),
        Column("status", 10, fill=True, kind="status"),
        Column("date", 12, fill=True, kind="date"),
        Column("evidence", 24, fill=True, kind="wrap"),
        Column("wulao", 8, fill=True, kind="count"),
        Column("students", 8, fill=True, kind="count"),
        Column("note", 24, fill=True, kind="wrap"),
    ),
    FINDINGS: (
        Column("id", 4),
        Column("n", 5),
        Column("text", 34, kind="wrap"),
        Column("audit", 16, kind="wrap"),
        Column("fix_by", 11, kind="date"),
        Column("origin", 12, kind="wrap"),
        Column("current", 18, kind="wrap"),
        Column("recorded", 20, kind="wrap"),
        Column("fixed", 12, fill=True, kind="date"),
        Column("evidence", 26, fill=True, kind="wrap"),
        Column("note", 26, fill=True, kind="wrap"),
    ),
    ACTIVITIES: (
        Column("id", 4),
        Column("n", 5),
        Column("name", 30, fill=True, kind="wrap"),
        Column("date", 12, fill=True, kind="date"),
        Column("kind", 14, fill=True, kind="text"),
        Column("wulao", 8, fill=True, kind="count"),
        Column("students", 8, fill=True, kind="count"),
        Column("evidence", 28, fill=True, kind="wrap"),
    ),
    RECORDED: (
        Column("n", 5),
        Column("name", 30, kind="wrap"),
        Column("date", 12, kind="date"),
        Column("kind", 14),
        Column("wulao", 8),
        Column("students", 8),
        Column("evidence", 28, kind="wrap"),
        Column("reported", 8),
    ),
}

# What a school may choose as a task's status (not "not_started": there is nothing to say).
FORM_STATUSES = ("done", "in_progress", "blocked", "not_applicable")
NEW_ROW = "new"  # the id of a line for a new activity


def sheet_title(role: str, lang: Lang) -> str:
    return t(f"form.sheet.{role}", lang)


def column_header(role: str, key: str, lang: Lang) -> str:
    """A column's header: the sheet's own words for it, else the shared ones."""
    own = f"form.col.{role}.{key}"
    return t(own if own in CATALOG else f"form.col.{key}", lang)


def status_label(status: str, lang: Lang) -> str:
    return t(f"state.{status}", lang)


def status_of(text: str) -> str | None:
    """The status a cell names: a label in either language, or the status itself."""
    wanted = text.strip()
    for status in FORM_STATUSES:
        words = {status, *(status_label(status, lang) for lang in LANGS)}
        if wanted in words or wanted.casefold() in {w.casefold() for w in words}:
            return status
    return None


_SEPARATORS = re.compile(r"[、，,；;\n\r]+")


def split_items(text: str) -> list[str]:
    """Evidence written in one cell: items separated by 、，,；; or new lines."""
    return list(dict.fromkeys(p.strip() for p in _SEPARATORS.split(text) if p.strip()))


def joined(items: list[str] | tuple[str, ...], lang: Lang) -> str:
    return (", " if lang == "en" else "、").join(items)
