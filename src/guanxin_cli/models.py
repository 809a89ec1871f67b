"""Pydantic models of the plan file and the school progress files — nothing else.

Cross-file rules (a progress key naming a real task, a phrase the date table knows)
are checked in ``loading.py``, which has both files and the date rules at hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
# Control characters in a text field are always a mistake (and break xlsx export and terminals).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000, pattern=TEXT_PATTERN),
]
# strict: `wulao: true` or `wulao: "5"` is a mistake, as the JSON Schema says, not 1 or 5
Count = Annotated[int, Field(ge=0, le=1_000_000, strict=True)]
Score = Annotated[float, Field(ge=0, le=100)]

SchoolType = Literal[
    "office", "primary", "middle", "nine_year", "high", "kindergarten", "vocational", "other"
]
Facility = Literal["parent_school", "tutoring_station"]
ProgressStatus = Literal["not_started", "in_progress", "done", "blocked", "not_applicable"]
Step = Literal["apply", "self_assessment", "district_review", "city_approval"]
StepResult = Literal["passed", "failed", "pending", "conditional"]
AuditKind = Literal["acceptance", "inspection", "research", "recheck"]

SCOPE_DISTRICT = "district"
SCOPE_SCHOOLS = "schools"
SCOPE_ALL = "all"  # the district office and every school
BUILTIN_SCOPES = (SCOPE_DISTRICT, SCOPE_SCHOOLS, SCOPE_ALL)


class Model(BaseModel):
    # defer_build: validators are built on first validation, so a run served from the parse
    # cache never pays for building them.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


# --------------------------------------------------------------------------- plan


class Owner(Model):
    id: Id
    name: Text
    name_en: Text | None = None


class GroupRule(Model):
    """Which schools a group holds; every given condition must hold."""

    types: list[SchoolType] | None = None
    has: list[Facility] | None = None
    youzhihua_cohort: int | None = Field(default=None, ge=2000, le=2100)
    schools: list[Id] | None = None


class Group(Model):
    id: Id
    name: Text
    name_en: Text | None = None
    rule: GroupRule


_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 4000}
_WHEN_SCHEMA = {
    "title": "When",
    "anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA, "minItems": 1}],
}


class Task(Model):
    id: Id
    title: Text
    title_en: Text | None = None
    source: Text
    owner: Id
    scope: Id = SCOPE_SCHOOLS
    # One phrase or a list; the JSON Schema must say so too, since files mostly write one.
    when: Annotated[list[Text], WithJsonSchema(_WHEN_SCHEMA)] = Field(min_length=1)
    evidence: list[Text] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _when_as_list(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("when"), str):
            return {**data, "when": [data["when"]]}
        return data


class Point(Model):
    id: Id
    title: Text
    title_en: Text | None = None
    source: Text
    tasks: list[Task] = Field(min_length=1)


class Section(Model):
    id: Id
    number: Text
    title: Text
    title_en: Text | None = None
    source: Text | None = None
    points: list[Point] = Field(min_length=1)


class MilestoneCount(Model):
    """What a milestone counts in the school data: 优质化 steps, or units that did a task."""

    step: Step | None = None
    result: StepResult | None = None
    task: Id | None = None
    group: Id | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> MilestoneCount:
        if (self.step is None) == (self.task is None):
            raise PydanticCustomError(
                "model.count_one_measure", "count needs exactly one of step or task"
            )
        return self


class Milestone(Model):
    id: Id
    title: Text
    title_en: Text | None = None
    section: Id
    source: Text
    when: Text
    count: MilestoneCount
    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _range(self) -> Milestone:
        if self.max is not None and self.max < self.min:
            raise PydanticCustomError("model.max_below_min", "max < min")
        return self


class Plan(Model):
    schema_version: Literal[1] = 1
    id: Id
    title: Text
    title_en: Text | None = None
    year: int = Field(ge=2000, le=2100)
    issuer: Text
    source_document: Text | None = None
    preamble: Text | None = None
    owners: list[Owner] = Field(min_length=1)
    groups: list[Group] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)
    milestones: list[Milestone] = Field(default_factory=list)

    def tasks(self) -> list[Task]:
        return [task for s in self.sections for p in s.points for task in p.tasks]


# ----------------------------------------------------------------------- schools


class Contact(Model):
    name: Text
    role: Text | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9+\- ]{3,20}$")] | None = None


class Volunteers(Model):
    wulao: Count = 0  # 五老 volunteers
    lecturers: Count = 0  # members of the 讲师团


class ParentSchool(Model):
    name: Text
    kind: Literal["main", "branch"] = "branch"  # 家长学校总校 / 分校
    established: dt.date | None = None


class TutoringStation(Model):
    name: Text
    partner: Text | None = None
    systems: list[Literal["校站结合制", "人生导师制", "站家联系制"]] = Field(default_factory=list)


class Facilities(Model):
    parent_school: ParentSchool | None = None
    tutoring_station: TutoringStation | None = None


class YouzhiStep(Model):
    step: Step
    date: dt.date
    result: StepResult | None = None
    score: Score | None = None
    note: Text | None = None


class Youzhihua(Model):
    """优质化创建: which year's cohort the school belongs to and each step it has taken."""

    cohort: int = Field(ge=2000, le=2100)
    steps: list[YouzhiStep] = Field(default_factory=list)


class Progress(Model):
    status: ProgressStatus
    date: dt.date | None = None  # the day it was done
    started: dt.date | None = None
    evidence: list[Text] = Field(default_factory=list)
    wulao: Count | None = None  # 五老 taking part
    students: Count | None = None  # student participations (人次)
    reason: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Progress:
        if self.status == "done" and self.date is None:
            raise PydanticCustomError("model.done_needs_date", "done needs date")
        if self.status in ("blocked", "not_applicable") and not self.reason:
            raise PydanticCustomError(
                "model.status_needs_reason", "{status} needs reason", {"status": self.status}
            )
        if self.started and self.date and self.date < self.started:
            raise PydanticCustomError("model.done_before_started", "date before started")
        return self


class Finding(Model):
    """An audit finding that needs 整改: fixed by a deadline, re-checked, then closed."""

    id: Id
    text: Text
    fix_by: dt.date
    fixed: dt.date | None = None
    rechecked: dt.date | None = None
    closed: dt.date | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _order(self) -> Finding:
        if self.closed and not self.fixed:
            raise PydanticCustomError("model.closed_not_fixed", "closed but not fixed")
        if self.rechecked and self.fixed and self.rechecked < self.fixed:
            raise PydanticCustomError("model.recheck_before_fix", "rechecked before fixed")
        return self


class Audit(Model):
    id: Id
    date: dt.date
    kind: AuditKind
    by: Text
    result: StepResult | None = None
    score: Score | None = None
    findings: list[Finding] = Field(default_factory=list)
    note: Text | None = None


class Activity(Model):
    """A ledger line (活动台账) for an activity not tied to one plan task."""

    name: Text
    date: dt.date
    category: Text
    task: Id | None = None
    wulao: Count = 0
    students: Count = 0
    evidence: list[Text] = Field(default_factory=list)
    reported: bool = False


class School(Model):
    schema_version: Literal[1] = 1
    id: Id
    name: Text
    type: SchoolType
    contact: Contact | None = None
    liaison: Text | None = None  # 包校: the committee member who looks after this school
    volunteers: Volunteers = Field(default_factory=Volunteers)
    facilities: Facilities = Field(default_factory=Facilities)
    youzhihua: Youzhihua | None = None
    progress: dict[Annotated[str, StringConstraints(max_length=200)], Progress] = Field(
        default_factory=dict
    )
    audits: list[Audit] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    note: Text | None = None
