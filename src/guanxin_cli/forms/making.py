"""Making forms: one xlsx a school, signed with the workspace's key, and the round noted
in ``data/forms.yaml``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..atomic import output_problem, stream_fd
from ..errors import Location, OutputError, UsageError, problem
from ..exporters import save
from ..messages import Lang, t
from ..models import School
from ..workspace.edits import EditBase
from ..workspace.folders import Workspace
from ..year.scope import is_school
from .content import form_content
from .ledger import Ledger, SchoolForms, update_ledger, with_school
from .workbook import form_workbook


@dataclass(frozen=True)
class MadeForm:
    school: School
    path: Path
    tasks: int
    findings: int
    activities: int  # already in the ledger, shown for reference


def chosen_schools(base: EditBase, queries: list[str], *, every: bool) -> list[School]:
    """The schools named (id, name or a unique part of it), or every school with ``every``."""
    if every and queries:
        raise UsageError(problem("form.all_and_names"))
    if every:
        found = [s for s in base.schools() if is_school(s)]
        if not found:
            raise UsageError(problem("form.no_schools"))
        return found
    if not queries:
        raise UsageError(problem("form.which_schools"))
    out: list[School] = []
    for query in queries:
        school = base.find(query)
        if school.type == "office":
            raise UsageError(problem("form.not_for_office", school=school.name))
        if school not in out:
            out.append(school)
    first = base.workspace.first_year()
    for school in out:
        # (its answers could not be written: records of a later year need the per-year layout)
        if school.schema_version < 2 and first is not None and base.year != first:
            raise UsageError(
                problem("edit.needs_migrate", school=school.name, year=base.year, first=first)
            )
    return out


def targets(output: Path, schools: list[School], as_of: dt.date, lang: Lang) -> list[Path]:
    """Where each school's form goes: ``--output`` itself when it names an .xlsx file (one
    school), else a file named by the school in the folder ``--output`` (made if missing)."""
    if stream_fd(output) is not None:  # `-o -`: a workbook is no text for a terminal
        raise UsageError(problem("export.binary_stdout", format="xlsx"))
    if output.suffix.lower() == ".xlsx":
        if len(schools) > 1:
            raise UsageError(problem("form.one_file", path=str(output), count=len(schools)))
        if output.is_dir():
            raise UsageError(problem("err.output_is_dir", path=str(output)))
        return [output]
    if output.exists() and not output.is_dir():
        raise UsageError(problem("form.output_not_dir", path=str(output)))
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(output_problem(output, exc, Location())) from None
    return [output / file_name(s, as_of, lang) for s in schools]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(school: School, as_of: dt.date, lang: Lang) -> str:
    """``金坛区朝阳小学-2022-06-30-填报表.xlsx`` (English: by the school's id)."""
    name = school.id if lang == "en" else _UNSAFE.sub("_", school.name).strip(" .") or school.id
    return f"{name}-{as_of.isoformat()}-{t('form.file_word', lang)}.xlsx"


def make_forms(
    ws: Workspace,
    base: EditBase,
    schools: list[School],
    *,
    output: Path,
    as_of: dt.date,
    within: int,
    lang: Lang,
    now: dt.datetime,
) -> list[MadeForm]:
    """Write each school's form; note each one written in the ledger (those written before
    a failure too)."""
    paths = targets(output, schools, as_of, lang)
    ledger = update_ledger(ws, lambda led: led)  # (a new ledger gets its id and key here)
    assert ledger.workspace is not None and ledger.key is not None
    made: list[MadeForm] = []
    noted: list[tuple[School, str]] = []
    try:
        for school, path in zip(schools, paths, strict=True):
            form_id = uuid.uuid4().hex
            content = form_content(
                base,
                school,
                as_of=as_of,
                within=within,
                workspace=ledger.workspace,
                form_id=form_id,
                made=now,
                lang=lang,
            )
            save(path, form_workbook(content, content.meta.signature(ledger.key), lang))
            made.append(
                MadeForm(
                    school, path, len(content.tasks), len(content.findings), len(content.recorded)
                )
            )
            noted.append((school, form_id))
    finally:
        if noted:
            update_ledger(ws, lambda led: _noted(led, base.year, noted, as_of, now))
    return made


def _noted(
    ledger: Ledger, year: int, noted: list[tuple[School, str]], as_of: dt.date, now: dt.datetime
) -> Ledger:
    for school, form_id in noted:

        def made(rec: SchoolForms, form_id: str = form_id) -> SchoolForms:
            return dataclasses.replace(
                rec, made=now.isoformat(), made_as_of=as_of.isoformat(), made_form=form_id
            )

        ledger = with_school(ledger, year, school.id, made)
    return ledger
