"""Plan years: which plan a run uses, and a school's file as one plan year sees it.

A workspace holds a plan a year (``plans/2022.yaml``, ``plans/2023.yaml`` …) and one file a
school, whose records belong to a plan year (``years: {2022: {progress: …}}``). Records of
2022 never count toward 2023: every report, check and edit works on one plan year, and
sees each school through :func:`for_year`. Only open 整改 findings cross a year's end:
a finding not closed when its year ends is carried into the next years' reports, marked
with the year it came from, until it is closed.

A file in the first layout (``schema_version: 1``: one year's records at the top) belongs
to the workspace's first plan year: the only year such files were ever written for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .models import Audit, School, YearRecords


@dataclass(frozen=True, kw_only=True)
class SchoolYear(School):
    """A school as one plan year sees it: its identity, and that year's records in the
    fields a first-layout file uses (``progress``, ``audits``, ``activities``), so that
    every report reads any school the same way. Not a file record: the loader makes it.

    ``prefix``: where the year's records sit in the file (``("years", 2022)``, or ``()``
    at the top of a first-layout file); ``carried``: audits of earlier years with the
    findings still open when this year began, each with the year it came from.
    """

    year: int
    prefix: tuple[Any, ...] = ()
    carried: tuple[tuple[int, Audit], ...] = ()


def records(school: School, year: int, first_year: int | None) -> YearRecords | None:
    """What ``school`` recorded for ``year`` (None: nothing), in either layout."""
    if school.schema_version >= 2:
        return school.years.get(year)
    if first_year is None or year == first_year:
        return YearRecords(
            progress=school.progress, audits=school.audits, activities=school.activities
        )
    return None


def record_years(school: School, first_year: int | None) -> dict[int, tuple[Any, ...]]:
    """Each year ``school`` has records for, and where they sit in its file."""
    if school.schema_version >= 2:
        return {year: ("years", year) for year in school.years}
    if first_year is None or not (school.progress or school.audits or school.activities):
        return {}
    return {first_year: ()}


def for_year(school: School, year: int, first_year: int | None) -> SchoolYear:
    """``school`` as the plan of ``year`` sees it (``first_year``: the workspace's first
    plan year, the year of a first-layout file's records)."""
    own = records(school, year, first_year)
    carried: list[tuple[int, Audit]] = []
    starts = dt.date(year, 1, 1)
    for earlier in sorted(record_years(school, first_year)):
        if earlier >= year:
            continue
        past = records(school, earlier, first_year)
        for audit in past.audits if past is not None else ():
            still_open = [f for f in audit.findings if not _closed_before(f, starts)]
            if still_open:
                carried.append((earlier, dataclasses.replace(audit, findings=still_open)))
    fields = {f.name: getattr(school, f.name) for f in dataclasses.fields(School)}
    fields.update(
        schema_version=1,
        progress=own.progress if own is not None else {},
        audits=own.audits if own is not None else [],
        activities=own.activities if own is not None else [],
        years={},
    )
    prefix: tuple[Any, ...] = ("years", year) if school.schema_version >= 2 else ()
    return SchoolYear(**fields, year=year, prefix=prefix, carried=tuple(carried))


def _closed_before(finding: Any, day: dt.date) -> bool:
    closed = finding.closed or finding.rechecked
    return closed is not None and closed < day


def carried_audits(unit: School) -> tuple[tuple[int, Audit], ...]:
    """The open findings ``unit`` brings from earlier years (none for a plain record)."""
    return unit.carried if isinstance(unit, SchoolYear) else ()


def at(unit: School, *path: Any) -> tuple[Any, ...]:
    """The key path of a year record in ``unit``'s file (``progress``, ``k`` → ``years``,
    ``2022``, ``progress``, ``k`` in the per-year layout)."""
    prefix = unit.prefix if isinstance(unit, SchoolYear) else ()
    return (*prefix, *path)


# ------------------------------------------------------------------ which plan year


@dataclass(frozen=True)
class PlanChoice:
    """The plan year a run works on, and the day it reports as of.

    ``implicit``: the year was chosen by the date, not given; ``ended``: no date was
    given and the plan's year is over, so the report is of its last day.
    """

    year: int
    as_of: dt.date
    years: tuple[int, ...]
    implicit: bool
    ended: bool


def choose(
    years: Sequence[int], *, year: int | None, as_of: dt.date | None, today: dt.date
) -> PlanChoice:
    """The plan for ``year``; without one, the plan whose year holds the date (``as_of``,
    else ``today``), else the newest earlier one, else the first. Without ``as_of``, a
    plan whose year has ended is reported as of its last day. ``year`` must be one of
    ``years`` (the caller says so otherwise)."""
    known = tuple(sorted(years))
    day = as_of or today
    if year is None:
        earlier = [y for y in known if y <= day.year]
        chosen = earlier[-1] if earlier else known[0]
    else:
        chosen = year
    ended = as_of is None and today > dt.date(chosen, 12, 31)
    when = dt.date(chosen, 12, 31) if ended else day
    return PlanChoice(chosen, when, known, implicit=year is None, ended=ended)


def plan_years(names: Sequence[str]) -> list[int]:
    """The years of the plan files named ``names`` (``2022.yaml`` → 2022), in order."""
    found = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if dot and ext in ("yaml", "yml") and len(stem) == 4 and stem.isdigit():
            found.append(int(stem))
    return sorted(set(found))
