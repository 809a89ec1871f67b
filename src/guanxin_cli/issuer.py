"""Who issued a plan, and the words every label uses for that office.

A plan's ``level`` (区/县/市/省) says what the office is called in messages and reports:
"区关工委" for Jintan's plan, "市关工委" for a city's. Plans may leave it out: it is then
read from the issuer's name (金坛区教育局关工委 → district).
"""

from __future__ import annotations

import re
from typing import Any

from .models import Level, Plan

# (the office, short; in English) by level
_LABELS: dict[str, tuple[str, str]] = {
    "district": ("区关工委", "district committee"),
    "county": ("县关工委", "county committee"),
    "city": ("市关工委", "city committee"),
    "province": ("省关工委", "provincial committee"),
}
# the last place word before 教育 / 关工委 in an issuer's name decides its level
_PLACE = re.compile(r"(省|自治区|市|县|区|旗)(?=[^省市县区旗]*(?:教育|关工委|关心下一代))")
_BY_WORD: dict[str, Level] = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "县": "county",
    "旗": "county",
    "区": "district",
}


def level_of(plan: Plan) -> Level:
    """The plan's own ``level``, else the one its issuer's name gives, else district."""
    if plan.level is not None:
        return plan.level
    return level_from_name(plan.issuer)


def level_from_name(issuer: str) -> Level:
    found = _PLACE.findall(issuer)
    return _BY_WORD[found[-1]] if found else "district"


def office_params(plan: Plan | None) -> dict[str, Any]:
    """``office`` / ``office_en`` (区关工委 / district committee) and ``issuer`` for messages."""
    level = level_of(plan) if plan is not None else "district"
    office, office_en = _LABELS[level]
    issuer = plan.issuer if plan is not None else office
    return {"office": office, "office_en": office_en, "issuer": issuer}


def level_labels(level: str) -> tuple[str, str]:
    return _LABELS[level]
