"""Which units a task is for: the plan's scopes (the office's own work, every school's, a
group's) and the groups its rules pick. The loader checks progress against them and the
year's computations use them: one definition for both."""

from __future__ import annotations

from typing import Any

from ..models import (
    INTERMEDIATE_TYPES,
    OFFICE_SCOPES,
    SCOPE_ALL,
    SCOPE_SCHOOLS,
    GroupRule,
    Plan,
    School,
)


def is_school(unit: School) -> bool:
    """A school: neither the office nor a unit between it and the schools."""
    return is_school_type(unit.type)


def is_school_type(kind: str) -> bool:
    return kind != "office" and kind not in INTERMEDIATE_TYPES


def scope_applies(scope: str, unit: School, groups: dict[str, frozenset[str]]) -> bool:
    """Whether a task of ``scope`` is ``unit``'s to do. ``office``/``district`` is the
    office's own work, ``schools`` every school's, ``all`` both; a group's members are
    worked out from the plan's rule (:func:`compute_groups`)."""
    if unit.type == "office":
        return scope in OFFICE_SCOPES or scope == SCOPE_ALL
    if scope in (SCOPE_ALL, SCOPE_SCHOOLS):
        return unit.type not in INTERMEDIATE_TYPES
    return unit.id in groups.get(scope, frozenset())


def scope_kind(unit: School, groups: dict[str, frozenset[str]]) -> tuple[str, frozenset[str]]:
    """All that :func:`scope_applies` reads of a unit: whether it is the office, a unit
    between the office and the schools or a school, and which of the plan's groups it is
    in. Units of one kind have the same tasks."""
    kind = "office" if unit.type == "office" else "school" if is_school(unit) else "between"
    return kind, frozenset(g for g, ids in groups.items() if unit.id in ids)


def rule_miss(rule: GroupRule, unit: School) -> tuple[str, dict[str, Any]] | None:
    """The first condition of a group rule that ``unit`` fails (with what it asked), or None."""
    if rule.types is not None and unit.type not in rule.types:
        return "types", {"types": ", ".join(rule.types), "type": unit.type}
    missing = [f for f in rule.has or () if getattr(unit.facilities, f) is None]
    if missing:
        return "has", {"facility": missing[0]}
    cohort = unit.youzhihua.cohort if unit.youzhihua else None
    if rule.youzhihua_cohort is not None and cohort != rule.youzhihua_cohort:
        return "cohort", {"cohort": rule.youzhihua_cohort}
    if rule.schools is not None and unit.id not in rule.schools:
        return "listed", {}
    return None


def unit_groups(plan: Plan, unit: School) -> dict[str, frozenset[str]]:
    """The plan's groups as far as one unit is concerned (it is in them or not)."""
    return compute_groups(plan, [] if unit.type == "office" else [unit])


def compute_groups(plan: Plan, units: list[School]) -> dict[str, frozenset[str]]:
    """Each group's members among ``units`` (the office is in none). A rule that names no
    ``types`` takes schools only, not the units between the office and the schools."""
    return {
        group.id: frozenset(
            s.id
            for s in units
            if rule_miss(group.rule, s) is None
            and (group.rule.types is not None or s.type not in INTERMEDIATE_TYPES)
        )
        for group in plan.groups
    }
