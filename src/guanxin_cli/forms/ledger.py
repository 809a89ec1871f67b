"""``data/forms.yaml``: which forms went out to which school, and which came back.

It lives in the workspace, beside the school files and in git with them, because it is
the workspace's own record: every copy of the workspace (the secretary's, the cron
server's) shows the same rounds of forms in ``status`` and ``school list``, and its
``workspace`` id and ``key`` are what a form must carry to be read back into this
workspace and no other. It is a file of its own, not a part of each school file, so a
school's import changes that school's file by the lines the school's answers need and
no more. guanxin writes it whole (atomically, under a lock); nobody needs to edit it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import yamlio
from ..atomic import file_lock, write_or_fail
from ..errors import DataError, problem
from ..workspace.folders import Workspace

LEDGER = Path("data") / "forms.yaml"
HEADER = (
    "guanxin 填报表登记：每校最近一次发出和收回的填报表（由 guanxin form / import 写入）。",
    "The last form sent to each school and read back (written by guanxin form / import).",
    "workspace 和 key 写进每一份填报表，确认表格出自本工作区：删去本文件，已发出的表格就无法导入。",
    "Every form carries workspace and key: without them, forms sent cannot be read back.",
)


def ledger_path(ws: Workspace) -> Path:
    return ws.root / LEDGER


@dataclass(frozen=True)
class SchoolForms:
    """The last form made for one school in one plan year, and the last one read back."""

    made: str | None = None  # when (ISO, Shanghai time)
    made_as_of: str | None = None
    made_form: str | None = None
    imported: str | None = None
    imported_form: str | None = None
    imported_made: str | None = None  # when the form read back was made

    def view(self) -> dict[str, Any]:
        return {
            "made": self.made,
            "as_of": self.made_as_of,
            "imported": self.imported,
            "imported_made": self.imported_made,
        }


@dataclass(frozen=True)
class Ledger:
    workspace: str | None
    key: str | None
    years: dict[int, dict[str, SchoolForms]]

    def of_year(self, year: int) -> dict[str, SchoolForms]:
        return self.years.get(year, {})


def read_ledger(ws: Workspace) -> Ledger:
    """The ledger as it is on disk (empty where there is none); a located
    :class:`DataError` for one that is not as guanxin writes it."""
    path = ledger_path(ws)
    if not path.exists():
        return Ledger(None, None, {})
    doc = yamlio.load(path)
    return _parsed(doc)


def rounds(root: Path, year: int) -> dict[str, dict[str, Any]] | None:
    """Each school's last form made and read back for the plan ``year``, for ``status``
    and ``school list`` (None: the workspace has made no forms)."""
    path = root / LEDGER
    if not path.is_file():
        return None
    ledger = _parsed(yamlio.load(path))
    return {school: f.view() for school, f in ledger.of_year(year).items()}


def _parsed(doc: yamlio.Document) -> Ledger:
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise DataError(problem("form.ledger_bad", doc.locate(())))
    bad: list[Any] = []
    workspace, key = data.get("workspace"), data.get("key")
    for name, value in (("workspace", workspace), ("key", key)):
        if value is not None and not (isinstance(value, str) and value):
            bad.append((name,))
    years: dict[int, dict[str, SchoolForms]] = {}
    raw_years = data.get("years") or {}
    if not isinstance(raw_years, dict):
        bad.append(("years",))
        raw_years = {}
    for year, schools in raw_years.items():
        if not isinstance(year, int) or not isinstance(schools, dict):
            bad.append(("years", year))
            continue
        years[year] = {}
        for school, entry in schools.items():
            parsed = _school(entry)
            if parsed is None or not isinstance(school, str):
                bad.append(("years", year, school))
                continue
            years[year][school] = parsed
    if bad:
        raise DataError([problem("form.ledger_bad", doc.locate(path)) for path in bad])
    return Ledger(workspace, key, years)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _school(entry: Any) -> SchoolForms | None:
    if not isinstance(entry, dict):
        return None
    made, imported = entry.get("made") or {}, entry.get("imported") or {}
    if not isinstance(made, dict) or not isinstance(imported, dict):
        return None
    return SchoolForms(
        made=_text(made.get("at")),
        made_as_of=_text(made.get("as_of")),
        made_form=_text(made.get("form")),
        imported=_text(imported.get("at")),
        imported_form=_text(imported.get("form")),
        imported_made=_text(imported.get("made")),
    )


def _dumped(ledger: Ledger) -> str:
    from .. import yamledit  # (only a run that writes it needs the round-trip YAML)

    years: dict[Any, Any] = {}
    for year in sorted(ledger.years):
        schools: dict[str, Any] = {}
        for school in sorted(ledger.years[year]):
            f = ledger.years[year][school]
            parts = {
                "made": {"at": f.made, "as_of": f.made_as_of, "form": f.made_form},
                "imported": {"at": f.imported, "form": f.imported_form, "made": f.imported_made},
            }
            schools[school] = {
                name: yamledit.new_map({k: v for k, v in part.items() if v}, flow=True)
                for name, part in parts.items()
                if part["at"]
            }
        years[year] = schools
    data: dict[str, Any] = {"workspace": ledger.workspace, "key": ledger.key, "years": years}
    return yamledit.dumps_new(data, HEADER)


def update_ledger(ws: Workspace, change: Callable[[Ledger], Ledger]) -> Ledger:
    """Read, change and write the ledger under its lock (a new one gets its workspace id
    and key); nothing is written when ``change`` leaves it as it was."""
    path = ledger_path(ws)
    with file_lock(path):
        before = read_ledger(ws)
        ledger = before
        if ledger.workspace is None or ledger.key is None:
            ledger = Ledger(
                ledger.workspace or secrets.token_hex(8),
                ledger.key or secrets.token_hex(32),
                ledger.years,
            )
        ledger = change(ledger)
        if ledger != before:
            write_or_fail(path, _dumped(ledger).encode("utf-8"))
        return ledger


def with_school(
    ledger: Ledger, year: int, school: str, change: Callable[[SchoolForms], SchoolForms]
) -> Ledger:
    """``ledger`` with one school's record of ``year`` changed."""
    years = {y: dict(s) for y, s in ledger.years.items()}
    schools = years.setdefault(year, {})
    schools[school] = change(schools.get(school, SchoolForms()))
    return Ledger(ledger.workspace, ledger.key, years)


def read_back(
    ledger: Ledger,
    year: int,
    school: str,
    form: str,
    made: str,
    changed: bool,
    now: dt.datetime,
) -> Ledger:
    """``ledger`` with the form ``form`` (made at ``made``) read back: the school's record
    moves on when its file ``changed``, or when this form is newer than the last one read
    back; a form read a second time, having changed nothing, leaves it as it was."""

    def moved(rec: SchoolForms) -> SchoolForms:
        if rec.imported_form == form and not changed:
            return rec
        newer = rec.imported_made is None or made >= rec.imported_made
        if not (changed or newer):
            return rec
        return dataclasses.replace(
            rec, imported=now.isoformat(), imported_form=form, imported_made=made
        )

    return with_school(ledger, year, school, moved)
