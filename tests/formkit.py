"""Filling a form as a school would, with openpyxl: cells found by the header a person
reads (through the hidden row of column keys, as the school's eye finds the column)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from .conftest import REPO

SHEETS = {"tasks": "任务进度", "findings": "整改问题", "activities": "活动台账"}


def columns(ws: Worksheet) -> dict[str, str]:
    """Each column's key (the sheet's hidden row 2) → its letter."""
    return {str(c.value): c.column_letter for c in ws[2] if c.value}


def row_of(ws: Worksheet, row_id: str) -> int:
    return next(r for r in range(4, ws.max_row + 1) if ws[f"A{r}"].value == row_id)


def ids(ws: Worksheet) -> list[str]:
    return [str(ws[f"A{r}"].value) for r in range(4, ws.max_row + 1) if ws[f"A{r}"].value]


def fill(
    src: Path,
    dst: Path,
    *,
    tasks: dict[str, dict[str, Any]] | None = None,
    findings: dict[str, dict[str, Any]] | None = None,
    activities: list[dict[str, Any]] | None = None,
    also: Callable[[Workbook], None] | None = None,
    titles: dict[str, str] = SHEETS,
) -> dict[str, str]:
    """Fill ``src`` into ``dst``: rows by their id, cells by column key (``titles``: the
    sheets' titles, by what they hold). The cells written, as ``sheet!A1`` by
    ``sheet/row-id/key`` (``activities/1/students``)."""
    wb = load_workbook(src)
    written: dict[str, str] = {}
    for role, answers in (("tasks", tasks or {}), ("findings", findings or {})):
        if not answers:
            continue
        ws = wb[titles[role]]
        cols = columns(ws)
        for row_id, values in answers.items():
            r = row_of(ws, row_id)
            for key, value in values.items():
                ws[f"{cols[key]}{r}"] = value
                written[f"{role}/{row_id}/{key}"] = f"{ws.title}!{cols[key]}{r}"
    ws = wb[titles["activities"]]
    cols = columns(ws)
    for n, values in enumerate(activities or (), start=1):
        for key, value in values.items():
            ws[f"{cols[key]}{3 + n}"] = value
            written[f"activities/{n}/{key}"] = f"{ws.title}!{cols[key]}{3 + n}"
    if also is not None:
        also(wb)
    wb.save(dst)
    return written


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "秘书",
        "GIT_AUTHOR_EMAIL": "sec@example.org",
        "GIT_COMMITTER_NAME": "秘书",
        "GIT_COMMITTER_EMAIL": "sec@example.org",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def git_workspace(root: Path) -> Path:
    """The bundled plan and sample schools in a git repository of their own."""
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "年初数据")
    return root


QINGMING = "s2-red-festivals@清明前后"
DONE_ROW = {"status": "已完成", "date": dt.date(2022, 4, 14), "evidence": "活动总结"}
ACTIVITY = {
    "name": "七一老党员讲党史",
    "date": dt.date(2022, 7, 1),
    "kind": "红色资源",
    "wulao": 3,
    "students": 200,
    "evidence": "活动照片、签到表",
}
