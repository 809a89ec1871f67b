"""Deadline phrases and the plan's days in English (``--lang en``): ``春季学期`` → ``spring
term``, ``3月底`` → ``end of March``, ``七一`` → ``CPC Founding Day``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from . import almanac
from .dates import QUARTER_KEYS, cn_int, compact_phrase, group_month
from .phrases import MONTH_PART_KEYS, NAMED_SUFFIXES, RULES

if TYPE_CHECKING:
    from .models import Calendar


_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


_PARTS_EN = {"上旬": "early ", "中旬": "mid-", "下旬": "late "}


_KEYS_EN = {
    "春季学期": "spring term",
    "秋季学期": "autumn term",
    "上半年": "first half of the year",
    "下半年": "second half of the year",
    "暑期": "summer holidays",
    "年底前": "by the end of the year",
    "每学期": "each term",
    "每月": "each month",
    "每季度": "each quarter",
    **{k: f"Q{n}" for n, k in enumerate(QUARTER_KEYS, start=1)},
}


def phrase_en(key: str, days: Mapping[str, str] | None = None) -> str:
    """An occurrence's key (or a phrase) in English: ``春季学期`` → ``spring term``,
    ``3月底`` → ``end of March``, ``七一`` → ``CPC Founding Day``; the key itself when
    it has no English form (an ISO date, a phrase of no known form)."""
    compact = compact_phrase(key)
    if compact in _KEYS_EN:
        return _KEYS_EN[compact]
    for rule in RULES:
        match = re.fullmatch(rule.pattern, compact)
        if match is None:
            continue
        try:
            if rule.kind in ("month_end", "month_day", "month_part", "month"):
                month = _MONTHS_EN[group_month(match) - 1]
                if rule.kind == "month_end":
                    return f"end of {month}"
                if rule.kind == "month_day":
                    return f"{month} {cn_int(match['d'])}"
                if rule.kind == "month_part":
                    return f"{_PARTS_EN[MONTH_PART_KEYS[match['part']]]}{month}"
                return month
        except (ValueError, StopIteration):
            return key
        break
    return _named_en(compact, days or {}) or key


def day_names_en(calendar: Calendar | None) -> dict[str, str]:
    """A plan's own days by each of their names, in English (for :func:`phrase_en`)."""
    out: dict[str, str] = {}
    for day in calendar.days if calendar is not None else ():
        if day.name_en:
            for name in (day.name, *day.aliases):
                out[name] = day.name_en
    return out


_SUFFIX_EN = {
    "around": "{}",
    "during": "during {}",
    "by": "before {}",
    "after": "after {}",
    "opening": "start of {}",
    "closing": "end of {}",
}


def _named_en(compact: str, days: Mapping[str, str]) -> str | None:
    """A day, term or holiday named in ``compact`` (with 前/后/期间 …), in English: a plan's
    own day from ``days`` (its names and aliases → English, :func:`day_names_en`), else a
    national one."""
    year = 2024  # (any year: only the names are wanted)
    for suffix, meaning in (("", "around"), *NAMED_SUFFIXES):
        name = compact[: len(compact) - len(suffix)] if suffix else compact
        if suffix and not (compact.endswith(suffix) and len(compact) > len(suffix)):
            continue
        if name in days:
            return _SUFFIX_EN[meaning].format(days[name])
        try:
            thing = almanac.find(name, year)
        except ValueError:
            return None
        if thing is not None and thing.name_en:
            return _SUFFIX_EN[meaning].format(thing.name_en)
    return None
