"""Output of ``form`` (the forms written) and ``import`` (what each school's forms did)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..messages import Lang, t
from . import err_console, out_console, problem_line, shown_path
from .edit import print_diff

if TYPE_CHECKING:
    from ..forms.importing import ImportResult
    from ..forms.making import MadeForm


def made_view(made: list[MadeForm], root: Path, as_of: dt.date, year: int) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "year": year,
        "forms": [
            {
                "school": m.school.id,
                "name": m.school.name,
                "path": os.path.relpath(m.path, root) if m.path.is_absolute() else str(m.path),
                "file": str(m.path.name),
                "tasks": m.tasks,
                "findings": m.findings,
            }
            for m in made
        ],
    }


def print_made(made: list[MadeForm], lang: Lang) -> None:
    console = out_console()
    for m in made:
        text = t(
            "form.made",
            lang,
            school=m.school.name,
            path=shown_path(m.path),
            tasks=m.tasks,
            findings=m.findings,
        )
        console.print(text, markup=False, soft_wrap=True)


def print_notes(notes: Sequence[Problem], lang: Lang) -> None:
    """What is worth saying about the forms read (a sheet not read, a formula's value)."""
    errors = err_console()
    for note in notes:
        errors.print(problem_line(note, lang), markup=False, soft_wrap=True)


def print_imported(result: ImportResult, lang: Lang, *, dry_run: bool) -> None:
    print_notes(result.notes, lang)
    console = out_console()
    for s in result.schools:
        print_notes(s.notes, lang)
        files = "、".join(f.path.name for f in s.forms)
        if dry_run:
            print_diff(s.diff)
        params = {
            "school": s.school.name,
            "files": files,
            "tasks": s.tasks,
            "findings": s.findings,
            "activities": s.activities,
            "same": s.same,
        }
        if not s.diff:
            console.print(t("form.import_same", lang, **params), markup=False, soft_wrap=True)
            continue
        key = "form.import_would" if dry_run else "form.imported"
        console.print(t(key, lang, **params), markup=False, soft_wrap=True)
        if s.written:
            written = t("edit.written", lang, path=shown_path(s.path))
            console.print(written, markup=False, soft_wrap=True, style="dim")
    if dry_run:
        console.print(t("edit.dry_run", lang), markup=False, soft_wrap=True)
