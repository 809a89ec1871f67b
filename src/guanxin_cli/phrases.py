"""The Chinese deadline-phrase table, as data.

``dates.resolve`` walks :data:`RULES` in order and interprets the first rule whose pattern
*fully* matches the normalised phrase (whitespace removed, full-width digits made ASCII).
Each rule has a ``kind``; ``dates.py`` knows how to turn each kind into occurrences:

=================  ==========================================================================
kind               meaning (groups / fields used)
=================  ==========================================================================
``month_end``      deadline: last day of month ``m``; start Jan 1 of the plan year
``month_day``      deadline: day ``d`` of month ``m``; start Jan 1 of the plan year
``month_part``     window inside month ``m``: ``part`` looked up in :data:`MONTH_PARTS`
``month``          window: the whole month ``m``
``quarter``        window: quarter ``q`` (1..4), due at its end
``windows``        fixed windows from ``Rule.windows`` (month/day pairs in the plan year)
``monthly``        recurring: one window per calendar month, keys ``"1月"`` .. ``"12月"``
``quarterly``      recurring: one window per quarter, keys ``"第一季度"`` .. ``"第四季度"``
``commemoration``  window ``anchor - before .. anchor + after`` (``suffix`` ``前`` = deadline)
=================  ==========================================================================

Defaults marked *unverified* in DOMAIN.md (the ±7-day window around commemorations, the
spring/autumn term windows) live here so a maintainer can change them in one place.
Adding a commemoration is one line in :data:`COMMEMORATIONS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "COMMEMORATIONS",
    "COMMEMORATION_WINDOW_DAYS",
    "MONTH_PARTS",
    "RULES",
    "Commemoration",
    "Rule",
    "Window",
]


@dataclass(frozen=True)
class Window:
    """A window given as (month, day) pairs relative to the plan year."""

    start: tuple[int, int]
    end: tuple[int, int]
    end_year_offset: int = 0
    #: Stable key for this window; ``None`` means "use the phrase as written".
    key: str | None = None


@dataclass(frozen=True)
class Rule:
    kind: str
    #: A regular expression, matched whole (compiled on first use, through ``re``'s cache:
    #: most runs read the plan's dates from the cache and never match a phrase).
    pattern: str
    #: Short human-readable form listed in ``UnknownPhrase.known`` ("" = not listed).
    form: str
    windows: tuple[Window, ...] = ()
    recurring: bool = False
    #: For ``commemoration``: "MM-DD" (every year), "YYYY-MM-DD" (one-off) or "qingming".
    anchor: str = ""
    before: int = 0
    after: int = 0


@dataclass(frozen=True)
class Commemoration:
    #: "MM-DD" for a yearly date, "YYYY-MM-DD" for a one-off event, "qingming" for the solar term.
    anchor: str
    zh: str
    en: str
    #: Phrases that name it in a plan (first one is used in the help list).
    aliases: tuple[str, ...]


#: Default half-width of the window around a commemoration (*unverified*, DOMAIN.md:
#: "a window of about a week either side"). Applies to "清明前后" and to a bare "清明" alike.
COMMEMORATION_WINDOW_DAYS = 7

COMMEMORATIONS: tuple[Commemoration, ...] = (
    Commemoration("qingming", "清明", "Qingming (Tomb-sweeping Day)", ("清明", "清明节")),
    Commemoration(
        "04-24", "金坛解放纪念日", "Jintan Liberation Day", ("金坛解放纪念日", "金坛解放")
    ),
    Commemoration("07-01", "七一建党节", "CPC Founding Day", ("七一", "建党节", "七一建党节")),
    Commemoration("08-01", "八一建军节", "Army Day", ("八一", "建军节", "八一建军节")),
    Commemoration(
        "09-03",
        "抗战胜利纪念日",
        "Victory Day of the War of Resistance against Japanese Aggression",
        ("抗战胜利纪念日", "抗战胜利"),
    ),
    Commemoration("09-30", "烈士纪念日", "Martyrs' Day", ("烈士纪念日",)),
    Commemoration("10-01", "国庆节", "National Day", ("国庆", "国庆节", "十一")),
    Commemoration("12-13", "国家公祭日", "National Memorial Day", ("国家公祭日", "公祭日")),
    Commemoration(
        "2022-10-16",
        "党的二十大开幕",
        "Opening of the 20th CPC National Congress",
        ("党的二十大", "二十大", "党的二十大开幕", "二十大开幕"),
    ),
)

#: Parts of a month: name -> (first day, last day); the last day is capped at the month's end.
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "上旬": (1, 10),
    "初": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, 31),
}
#: Canonical name used in keys for each part.
MONTH_PART_KEYS: dict[str, str] = {"上旬": "上旬", "初": "上旬", "中旬": "中旬", "下旬": "下旬"}

_NUM = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_M = rf"(?P<m>{_NUM})月份?"
_BY = r"(?:前|之前|以前)?"


def _commemoration_rule(c: Commemoration) -> Rule:
    aliases = "|".join(re.escape(a) for a in sorted(c.aliases, key=len, reverse=True))
    return Rule(
        "commemoration",
        rf"(?:{aliases})(?P<suffix>前后|期间|前)?",
        f"{c.aliases[0]}前后",
        recurring=len(c.anchor) == 5 or c.anchor == "qingming",
        anchor=c.anchor,
        before=COMMEMORATION_WINDOW_DAYS,
        after=COMMEMORATION_WINDOW_DAYS,
    )


RULES: tuple[Rule, ...] = (
    Rule("month_end", rf"{_M}(?:底|末){_BY}", "X月底"),
    Rule("month_day", rf"(?P<m>{_NUM})月(?P<d>{_NUM})[日号]{_BY}", "X月X日"),
    Rule("month_part", rf"{_M}(?P<part>上旬|中旬|下旬|初)", "X月上旬/中旬/下旬"),
    Rule("month", rf"{_M}(?:内|期间)?", "X月"),
    Rule("windows", r"上半年(?:内|底前|前)?", "上半年", (Window((1, 1), (6, 30)),)),
    Rule("windows", r"下半年内?", "下半年", (Window((7, 1), (12, 31)),)),
    Rule(
        "windows",
        r"年底前?|年底之前|年末|年内|全年|本年度|年度内",
        "年底前",
        (Window((1, 1), (12, 31)),),
    ),
    Rule("quarter", r"第?(?P<q>[1-4一二三四])季度内?", "第N季度"),
    Rule("windows", r"暑期内?|暑假(?:期间)?", "暑期", (Window((7, 1), (8, 31)),)),
    Rule("monthly", r"每个?月", "每月", recurring=True),
    Rule("quarterly", r"每个?季度", "每季度", recurring=True),
    Rule(
        "windows",
        r"每个?学期",
        "每学期",
        (
            # Spring Feb–Jun, autumn Sep–Jan of the next year (*unverified*, DOMAIN.md).
            Window((2, 1), (6, 30), key="春季学期"),
            Window((9, 1), (1, 31), end_year_offset=1, key="秋季学期"),
        ),
        recurring=True,
    ),
    *(_commemoration_rule(c) for c in COMMEMORATIONS),
)
