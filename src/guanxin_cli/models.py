"""The plan file and the school progress files as data classes — nothing else.

They are plain frozen dataclasses, so reading them back from the cache imports no
Pydantic: a repeat run of a report never pays for it. Pydantic validates files into them
(``validation.py``), by the field types in their annotations (``Id``, ``Text``, ``Count``
…, from ``fieldtypes.py``, each with its rule). Rules that tie fields of one record
together are ``__post_init__`` checks; Pydantic reports them located like any other problem.

Cross-file rules (a progress key naming a real task, a phrase the date table knows)
are checked in ``loading.py``, which has both files and the date rules at hand.
"""

from __future__ import annotations

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
    Score,
    Text,
    When,
    Year,
)

SchoolType = Literal[
    "office", "primary", "middle", "nine_year", "high", "kindergarten", "vocational", "other"
]
Facility = Literal["parent_school", "tutoring_station"]
ProgressStatus = Literal["not_started", "in_progress", "done", "blocked", "not_applicable"]
Step = Literal["apply", "self_assessment", "district_review", "city_approval"]
StepResult = Literal["passed", "failed", "pending", "conditional"]
AuditKind = Literal["acceptance", "inspection", "research", "recheck"]
TutoringSystem = Literal["校站结合制", "人生导师制", "站家联系制"]

SCOPE_DISTRICT = "district"
SCOPE_SCHOOLS = "schools"
SCOPE_ALL = "all"  # the district office and every school
BUILTIN_SCOPES = (SCOPE_DISTRICT, SCOPE_SCHOOLS, SCOPE_ALL)


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
class Task(Record):
    id: Id
    title: Text
    title_en: Text | None = None
    source: Text
    owner: Id
    scope: Id = SCOPE_SCHOOLS
    # One phrase or a list; the JSON Schema must say so too, since files mostly write one.
    when: When
    evidence: list[Text] = field(default_factory=_list)
    note: Text | None = None


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
    count: MilestoneCount
    min: NonNegative
    max: NonNegative | None = None

    def __post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            _reject("model.max_below_min", "max < min")


@dataclass(frozen=True, kw_only=True)
class Plan(Record):
    schema_version: SchemaVersion = 1
    id: Id
    title: Text
    title_en: Text | None = None
    year: Year
    issuer: Text
    source_document: Text | None = None
    preamble: Text | None = None
    owners: NonEmpty[Owner]
    groups: list[Group] = field(default_factory=_list)
    sections: NonEmpty[Section]
    milestones: list[Milestone] = field(default_factory=_list)

    def tasks(self) -> list[Task]:
        return [task for s in self.sections for p in s.points for task in p.tasks]


# ----------------------------------------------------------------------- schools


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    name: Text
    role: Text | None = None
    phone: Phone | None = None


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
    systems: list[TutoringSystem] = field(default_factory=_list)


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
    category: Text
    task: Id | None = None
    wulao: Count = 0
    students: Count = 0
    evidence: list[Text] = field(default_factory=_list)
    reported: bool = False


@dataclass(frozen=True, kw_only=True)
class School(Record):
    schema_version: SchemaVersion = 1
    id: Id
    name: Text
    type: SchoolType
    contact: Contact | None = None
    liaison: Text | None = None  # 包校: the committee member who looks after this school
    volunteers: Volunteers = field(default_factory=Volunteers)
    facilities: Facilities = field(default_factory=Facilities)
    youzhihua: Youzhihua | None = None
    progress: dict[ProgressKey, Progress] = field(default_factory=_dict)
    audits: list[Audit] = field(default_factory=_list)
    activities: list[Activity] = field(default_factory=_list)
    note: Text | None = None
