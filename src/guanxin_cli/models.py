"""The plan file and the school progress files as data classes — nothing else.

They are plain frozen dataclasses, so reading them back from the cache imports no
Pydantic: a repeat run of a report never pays for it. Pydantic validates files into them
(``validation.py``), by the field types in their annotations (``Id``, ``Text``, ``Count``
…, from ``fieldtypes.py``, each with its rule). Rules that tie fields of one record
together are ``__post_init__`` checks; Pydantic reports them located like any other problem.

Cross-file rules (a progress key naming a real task, a phrase the date table knows)
are checked in ``workspace/checks.py``, which has both files and the date rules at hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, NoReturn

from .fieldtypes import PHONE_PATTERN as PHONE_PATTERN
from .fieldtypes import TEXT_PATTERN as TEXT_PATTERN
from .fieldtypes import (
    Count,
    Day,
    Id,
    NonEmpty,
    NonNegative,
    Phone,
    ProgressKey,
    SchemaVersion,
    SchoolSchemaVersion,
    Score,
    Target,
    Text,
    When,
    Year,
    YearKey,
)

SchoolType = Literal[
    "office",
    "primary",
    "middle",
    "nine_year",
    "high",
    "kindergarten",
    "vocational",
    "special",
    "other",
    # units between the office and its schools (a city's 县区, a county's 镇/教管办, a 片区):
    # they file progress of their own, schools name them as `parent`, and they are no schools
    "county",
    "town",
    "area",
]
INTERMEDIATE_TYPES: tuple[str, ...] = ("county", "town", "area")
# The issuing office's level (区/县/市/省): every label naming the office derives from it.
Level = Literal["district", "county", "city", "province"]
Facility = Literal["parent_school", "tutoring_station"]
ProgressStatus = Literal["not_started", "in_progress", "done", "blocked", "not_applicable"]
Step = Literal["apply", "self_assessment", "district_review", "city_approval"]
StepResult = Literal["passed", "failed", "pending", "conditional"]
AuditKind = Literal["acceptance", "inspection", "research", "recheck"]
# Where a date comes from: the document sets it, or the plan's editors chose it.
Basis = Literal["document", "default"]
TermName = Literal["寒假", "春季学期", "暑假", "秋季学期"]

SCOPE_DISTRICT = "district"  # the issuing office itself (the name from Jintan's first plan)
SCOPE_OFFICE = "office"  # the same, in words that fit a city's or a county's plan too
SCOPE_SCHOOLS = "schools"
SCOPE_ALL = "all"  # the office and every school
OFFICE_SCOPES = (SCOPE_DISTRICT, SCOPE_OFFICE)
BUILTIN_SCOPES = (SCOPE_DISTRICT, SCOPE_OFFICE, SCOPE_SCHOOLS, SCOPE_ALL)


class Record:
    """Every record is a frozen dataclass with keyword-only fields (so a required field
    may follow one with a default)."""

    # what Pydantic validates a record with: unknown keys are mistakes, text is stripped
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "str_strip_whitespace": True,
    }


def _list() -> list[Any]:
    """An empty list, as a default. (Not ``list`` itself: Pydantic reads a default
    factory's signature, and for a built-in that means compiling Python's tokenizer,
    15 ms of every run that validates a file.)"""
    return []


def _dict() -> dict[Any, Any]:
    """An empty mapping, as a default (see :func:`_list`)."""
    return {}


def _reject(kind: str, message: str, context: dict[str, Any] | None = None) -> NoReturn:
    """A rule across fields failed: Pydantic reports it at the record's place in the file."""
    from pydantic_core import PydanticCustomError

    raise PydanticCustomError(kind, message, context)


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True, kw_only=True)
class Owner(Record):
    id: Id
    name: Text
    name_en: Text | None = None


@dataclass(frozen=True, kw_only=True)
class GroupRule(Record):
    """Which schools a group holds; every given condition must hold."""

    types: list[SchoolType] | None = None
    has: list[Facility] | None = None
    youzhihua_cohort: Year | None = None
    schools: list[Id] | None = None


@dataclass(frozen=True, kw_only=True)
class Group(Record):
    id: Id
    name: Text
    name_en: Text | None = None
    rule: GroupRule


@dataclass(frozen=True, kw_only=True)
class Phrase(Record):
    """One phrase of a task's ``when`` written out as a mapping, to give it a basis of
    its own (``when: [{phrase: 二十大, basis: document}, 年底前]``)."""

    phrase: Text
    basis: Basis | None = None  # missing: the task's basis


@dataclass(frozen=True, kw_only=True)
class Task(Record):
    id: Id
    title: Text
    title_en: Text | None = None
    source: Text
    owner: Id
    scope: Id = SCOPE_SCHOOLS
    # One phrase or a list; the JSON Schema must say so too, since files mostly write one.
    # A phrase written as text is read as a Phrase without a basis of its own.
    when: When[Phrase]
    # Where the dates come from: ``document`` only when the quoted text gives them; a
    # default (the usual rhythm of the year, chosen by the plan's editors) says why in note.
    basis: Basis = "default"
    evidence: list[Text] = field(default_factory=_list)
    evidence_en: list[Text] | None = None  # the same items in English, in the same order
    note: Text | None = None

    def phrases(self) -> list[tuple[str, Basis]]:
        """Each phrase of ``when`` with its basis (its own, or the task's)."""
        return [(p.phrase, p.basis or self.basis) for p in self.when]

    def __post_init__(self) -> None:
        if self.evidence_en is not None and len(self.evidence_en) != len(self.evidence):
            _reject(
                "model.evidence_en_length",
                "evidence_en needs one item for each of evidence's {count}",
                {"count": len(self.evidence)},
            )


@dataclass(frozen=True, kw_only=True)
class Point(Record):
    id: Id
    title: Text
    title_en: Text | None = None
    source: Text
    tasks: NonEmpty[Task]


@dataclass(frozen=True, kw_only=True)
class Section(Record):
    id: Id
    number: Text
    title: Text
    title_en: Text | None = None
    source: Text | None = None
    points: NonEmpty[Point]


@dataclass(frozen=True, kw_only=True)
class MilestoneCount(Record):
    """What a milestone counts in the school data: 优质化 steps, or units that did a task."""

    step: Step | None = None
    result: StepResult | None = None
    task: Id | None = None
    group: Id | None = None

    def __post_init__(self) -> None:
        if (self.step is None) == (self.task is None):
            _reject("model.count_one_measure", "count needs exactly one of step or task")


@dataclass(frozen=True, kw_only=True)
class Milestone(Record):
    id: Id
    title: Text
    title_en: Text | None = None
    section: Id
    source: Text
    when: Text
    basis: Basis = "default"  # as a task's: ``document`` only when the text gives the date
    count: MilestoneCount
    # a number of units (or of passed steps), or a share of the units in scope: 80%, all
    min: Target
    max: NonNegative | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.max is not None and isinstance(self.min, int) and self.max < self.min:
            _reject("model.max_below_min", "max < min")


@dataclass(frozen=True, kw_only=True)
class CalendarDay(Record):
    """A day of the plan's own: a local commemoration (``date: 04-24``, every year) or a
    one-off event (``date: 2022-10-16``, that year only). Phrases name it by ``name`` or an
    alias, with 前/后/前后/期间; with ``since`` (its first year) also by its anniversaries,
    "<name>N周年" (the name without 纪念日, or an alias)."""

    name: Text
    name_en: Text | None = None
    date: Text  # "MM-DD" or "YYYY-MM-DD"
    aliases: list[Text] = field(default_factory=_list)
    since: NonNegative | None = None  # the founding year, for "N周年"

    def __post_init__(self) -> None:
        parts = self.date.split("-")
        yearly = len(parts) == 2
        try:
            if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
                raise ValueError(self.date)
            # a leap year for MM-DD, so that "02-29" reads as a date (and is refused below)
            day = dt.date(2000 if yearly else int(parts[0]), int(parts[-2]), int(parts[-1]))
        except ValueError:
            _reject("model.calendar_date", "date is not MM-DD or YYYY-MM-DD", {"date": self.date})
        if yearly and (day.month, day.day) == (2, 29):
            _reject("model.calendar_feb29", "02-29 is not in every year")
        if self.since is not None and not 1 <= self.since <= (2100 if yearly else day.year):
            _reject("model.calendar_since", "since is not a year", {"since": self.since})


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    """One term or holiday of the plan year, from the bureau's 校历 (it replaces the
    default; the autumn term ends in January of the next year)."""

    name: TermName
    start: Day
    end: Day

    def __post_init__(self) -> None:
        if self.end < self.start:
            _reject("model.term_backwards", "end before start")


@dataclass(frozen=True, kw_only=True)
class Calendar(Record):
    """The plan's local days and one-off events, and its school terms where they differ
    from the defaults (see ``almanac.py``)."""

    days: list[CalendarDay] = field(default_factory=_list)
    terms: list[Term] = field(default_factory=_list)

    def __post_init__(self) -> None:
        names = [t.name for t in self.terms]
        for name in names:
            if names.count(name) > 1:
                _reject("model.term_twice", "{name} given twice", {"name": name})


@dataclass(frozen=True, kw_only=True)
class Chapter(Record):
    """One chapter of the year report (年度工作总结), gathering plan sections, points, tasks."""

    title: Text
    title_en: Text | None = None
    sections: list[Id] = field(default_factory=_list)
    points: list[Id] = field(default_factory=_list)
    tasks: list[Id] = field(default_factory=_list)

    def __post_init__(self) -> None:
        if not (self.sections or self.points or self.tasks):
            _reject("model.chapter_empty", "chapter needs sections, points or tasks")


@dataclass(frozen=True, kw_only=True)
class Report(Record):
    """How the year report is laid out. Without it each plan section is one chapter;
    存在不足 and 明年打算 always follow, computed from what is open."""

    chapters: NonEmpty[Chapter]


@dataclass(frozen=True, kw_only=True)
class Plan(Record):
    schema_version: SchemaVersion = 1
    id: Id
    title: Text
    title_en: Text | None = None
    year: Year
    issuer: Text
    level: Level | None = None  # None: read from the issuer's name (…区… → district)
    source_document: Text | None = None
    preamble: Text | None = None  # the document's opening paragraph, verbatim
    preamble_en: Text | None = None
    calendar: Calendar | None = None
    owners: NonEmpty[Owner]
    groups: list[Group] = field(default_factory=_list)
    sections: NonEmpty[Section]
    milestones: list[Milestone] = field(default_factory=_list)
    # the section whose work 抓整改 is: audit findings count under it (none: under no section)
    findings_section: Id | None = None
    report: Report | None = None

    def tasks(self) -> list[Task]:
        return [task for s in self.sections for p in s.points for task in p.tasks]


# ----------------------------------------------------------------------- schools


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    name: Text
    role: Text | None = None
    phone: Phone | None = None


@dataclass(frozen=True, kw_only=True)
class Liaison(Record):
    """One of the office's 包校 members, as schools name them (``liaison: 王建国``)."""

    name: Text
    phone: Phone | None = None  # a mobile, for @-mentions in the group chat (`notify`)


@dataclass(frozen=True, kw_only=True)
class Volunteers(Record):
    wulao: Count = 0  # 五老 volunteers
    lecturers: Count = 0  # members of the 讲师团


@dataclass(frozen=True, kw_only=True)
class ParentSchool(Record):
    name: Text
    kind: Literal["main", "branch"] = "branch"  # 家长学校总校 / 分校
    established: Day | None = None


@dataclass(frozen=True, kw_only=True)
class TutoringStation(Record):
    name: Text
    partner: Text | None = None
    systems: list[Text] = field(default_factory=_list)  # 校站结合制, 人生导师制 …


@dataclass(frozen=True, kw_only=True)
class Facilities(Record):
    parent_school: ParentSchool | None = None
    tutoring_station: TutoringStation | None = None


@dataclass(frozen=True, kw_only=True)
class YouzhiStep(Record):
    step: Step
    date: Day
    result: StepResult | None = None
    score: Score | None = None
    note: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Youzhihua(Record):
    """优质化创建: which year's cohort the school belongs to and each step it has taken."""

    cohort: Year
    steps: list[YouzhiStep] = field(default_factory=_list)


@dataclass(frozen=True, kw_only=True)
class Progress(Record):
    status: ProgressStatus
    date: Day | None = None  # the day it was done
    started: Day | None = None
    evidence: list[Text] = field(default_factory=_list)
    wulao: Count | None = None  # 五老 taking part
    students: Count | None = None  # student participations (人次)
    reason: Text | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.status == "done" and self.date is None:
            _reject("model.done_needs_date", "done needs date")
        if self.status in ("blocked", "not_applicable") and not self.reason:
            _reject("model.status_needs_reason", "{status} needs reason", {"status": self.status})
        if self.started and self.date and self.date < self.started:
            _reject("model.done_before_started", "date before started")


@dataclass(frozen=True, kw_only=True)
class Finding(Record):
    """An audit finding that needs 整改: fixed by a deadline, re-checked, then closed."""

    id: Id
    text: Text
    fix_by: Day
    fixed: Day | None = None
    evidence: list[Text] = field(default_factory=_list)  # what shows it was fixed
    rechecked: Day | None = None
    closed: Day | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.closed and not self.fixed:
            _reject("model.closed_not_fixed", "closed but not fixed")
        if self.rechecked and self.fixed and self.rechecked < self.fixed:
            _reject("model.recheck_before_fix", "rechecked before fixed")


@dataclass(frozen=True, kw_only=True)
class Audit(Record):
    id: Id
    date: Day
    kind: AuditKind
    by: Text
    result: StepResult | None = None
    score: Score | None = None
    findings: list[Finding] = field(default_factory=_list)
    note: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Activity(Record):
    """A ledger line (活动台账) for an activity not tied to one plan task."""

    name: Text
    date: Day
    category: Text | None = None  # a 四张名片 card (红色资源…), 工作平台, …
    task: Id | None = None
    wulao: Count = 0
    students: Count = 0
    evidence: list[Text] = field(default_factory=_list)
    reported: bool = False


@dataclass(frozen=True, kw_only=True)
class YearRecords(Record):
    """What a school recorded for one plan year: progress, audits and the activity ledger."""

    progress: dict[ProgressKey, Progress] = field(default_factory=_dict)
    audits: list[Audit] = field(default_factory=_list)
    activities: list[Activity] = field(default_factory=_list)


@dataclass(frozen=True, kw_only=True)
class School(Record):
    """A unit's file: its identity once, then what it recorded in each plan year.

    ``schema_version: 2`` keeps the records under ``years`` (``years: {2022: {progress: …}}``);
    a version-1 file holds one year's records at the top (``progress``, ``audits``,
    ``activities``), read as the records of the workspace's first plan year. The loader
    gives reports a school as one plan year sees it (:func:`for_year`): the top-level
    fields then hold that year's records.
    """

    schema_version: SchoolSchemaVersion = 1
    id: Id
    name: Text
    type: SchoolType
    parent: Id | None = None  # the unit between it and the office (a 镇, 片区 or 县区)
    contact: Contact | None = None
    liaison: Text | None = None  # 包校: the committee member who looks after this school
    volunteers: Volunteers = field(default_factory=Volunteers)
    facilities: Facilities = field(default_factory=Facilities)
    youzhihua: Youzhihua | None = None
    progress: dict[ProgressKey, Progress] = field(default_factory=_dict)
    audits: list[Audit] = field(default_factory=_list)
    activities: list[Activity] = field(default_factory=_list)
    years: dict[YearKey, YearRecords] = field(default_factory=_dict)
    note: Text | None = None
    # office.yaml only: the directory of liaisons (包校) with their phones. Absent: no directory.
    liaisons: list[Liaison] | None = None

    def __post_init__(self) -> None:
        if self.schema_version == 2 and (self.progress or self.audits or self.activities):
            _reject("model.records_at_top", "schema 2 keeps records under years")
        if self.schema_version == 1 and self.years:
            _reject("model.years_need_v2", "years needs schema_version 2")
