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
``month_part_by``  deadline: the last day of that part of month ``m`` (3月中旬前: 03-20)
``month``          window: the whole month ``m``
``month_range``    window: month ``m`` to month ``m2`` (3月至6月)
``quarter``        window: quarter ``q`` (1..4), due at its end
``quarter_end``    deadline: the last day of quarter ``q`` (第一季度末)
``windows``        fixed windows from ``Rule.windows`` (month/day pairs in the plan year;
                   a day past the month's end means its last day)
``monthly``        recurring: one window per calendar month, keys ``"1月"`` .. ``"12月"``
``quarterly``      recurring: one window per quarter, keys ``"第一季度"`` .. ``"第四季度"``
``weekly``         recurring: one window per ISO week of the year, keys ``"第1周"`` ..
``terms``          recurring: the spring and autumn terms, keys ``"春季学期"``/``"秋季学期"``
``term_open``      recurring: the first :data:`TERM_EDGE_DAYS` days of each term
``term_close``     recurring: the last :data:`TERM_EDGE_DAYS` days of each term
``term_before``    recurring: the holiday before each term, due the day the term opens
``school_year``    window: the spring term's first day to the autumn term's last
=================  ==========================================================================

Named days (commemorations, festivals, terms and holidays, the plan's own days) are not
rules: ``dates.resolve`` looks a phrase up by name, with 前/后/前后/期间 after it, once no
rule has matched. The national ones are :data:`COMMEMORATIONS`, :data:`TERMS`,
:data:`OPENINGS` and :data:`ANNIVERSARIES` below; ``almanac.py`` places them in a year.

Defaults marked *unverified* in DOMAIN.md (the ±7-day window around commemorations, the
school terms) live here so a maintainer can change them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ANNIVERSARIES",
    "AUTUMN_TERM_BEFORE_FESTIVAL_DAYS",
    "AUTUMN_TERM_START",
    "COMMEMORATIONS",
    "COMMEMORATION_WINDOW_DAYS",
    "MONTH_PARTS",
    "MONTH_PART_KEYS",
    "NAMED_SUFFIXES",
    "OPENINGS",
    "RULES",
    "SPRING_TERM_AFTER_FESTIVAL_DAYS",
    "SPRING_TERM_END",
    "TERMS",
    "TERM_EDGE_DAYS",
    "Anniversary",
    "Commemoration",
    "Opening",
    "Rule",
    "TermSpec",
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


@dataclass(frozen=True)
class Commemoration:
    """A day every plan knows: a fixed date, 清明 (a solar term) or a lunar festival."""

    #: "MM-DD" (every year), "qingming" (the solar term) or "lunar:MM-DD" (农历).
    anchor: str
    zh: str
    en: str
    #: Phrases that name it in a plan (the first one is used in the help list).
    aliases: tuple[str, ...]
    #: Shown on the timeline (the days a 关工委 plans its red-education work around).
    on_timeline: bool = False
    #: 1 for 元旦: a plan names the New Year's Day that ends its year (元旦前 = by then).
    year_offset: int = 0
    #: The days off, as (first day relative to the anchor, number of days): "X期间".
    holiday: tuple[int, int] | None = None


@dataclass(frozen=True)
class TermSpec:
    """A school term or holiday: a period, named by the plan year's school calendar."""

    name: str  # 寒假 | 春季学期 | 暑假 | 秋季学期 (the names ``calendar.terms`` uses)
    en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Opening:
    """The first day of a term (春季开学, 秋季开学): a day, for X前 / X后 / X前后."""

    term: str
    zh: str
    en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Anniversary:
    """A founding date that phrases count years from: 建党101周年 is 2022-07-01."""

    founded: str  # YYYY-MM-DD
    en: str
    aliases: tuple[str, ...]


#: Default half-width of the window around a commemoration (*unverified*, DOMAIN.md:
#: "a window of about a week either side"). Applies to "清明前后" and to a bare "清明" alike;
#: "X后" is a window of twice this from the day (as long as "X前后").
COMMEMORATION_WINDOW_DAYS = 7

COMMEMORATIONS: tuple[Commemoration, ...] = (
    Commemoration("01-01", "元旦", "New Year's Day", ("元旦", "元旦节"), year_offset=1),
    Commemoration("03-05", "学雷锋纪念日", "Learn from Lei Feng Day", ("学雷锋纪念日", "学雷锋日")),
    Commemoration(
        "qingming", "清明", "Qingming (Tomb-sweeping Day)", ("清明", "清明节"), on_timeline=True
    ),
    Commemoration("04-23", "世界读书日", "World Book Day", ("世界读书日", "读书日")),
    Commemoration("05-04", "五四青年节", "Youth Day", ("五四", "五四青年节", "青年节")),
    Commemoration("06-01", "六一儿童节", "Children's Day", ("六一", "六一儿童节", "儿童节")),
    Commemoration(
        "07-01",
        "七一建党节",
        "CPC Founding Day",
        ("七一", "建党节", "七一建党节"),
        on_timeline=True,
    ),
    Commemoration(
        "08-01", "八一建军节", "Army Day", ("八一", "建军节", "八一建军节"), on_timeline=True
    ),
    Commemoration(
        "09-03",
        "抗战胜利纪念日",
        "Victory Day of the War of Resistance against Japanese Aggression",
        ("抗战胜利纪念日", "抗战胜利"),
        on_timeline=True,
    ),
    Commemoration("09-10", "教师节", "Teachers' Day", ("教师节",)),
    Commemoration("09-30", "烈士纪念日", "Martyrs' Day", ("烈士纪念日",), on_timeline=True),
    Commemoration(
        "10-01",
        "国庆节",
        "National Day",
        ("国庆", "国庆节", "十一"),
        on_timeline=True,
        holiday=(0, 7),
    ),
    Commemoration(
        "10-13", "少先队建队日", "Young Pioneers' Day", ("建队日", "少先队建队日", "建队节")
    ),
    Commemoration("12-04", "国家宪法日", "National Constitution Day", ("国家宪法日", "宪法日")),
    Commemoration(
        "12-13", "国家公祭日", "National Memorial Day", ("国家公祭日", "公祭日"), on_timeline=True
    ),
    # lunar festivals, placed by the lunar-calendar library (almanac.lunar_day)
    Commemoration("lunar:01-01", "春节", "Spring Festival", ("春节",), holiday=(-1, 7)),
    Commemoration("lunar:01-15", "元宵节", "Lantern Festival", ("元宵", "元宵节")),
    Commemoration("lunar:05-05", "端午节", "Dragon Boat Festival", ("端午", "端午节")),
    Commemoration("lunar:08-15", "中秋节", "Mid-Autumn Festival", ("中秋", "中秋节")),
    Commemoration(
        "lunar:09-09",
        "重阳节",
        "Double Ninth Festival (Seniors' Day)",
        ("重阳", "重阳节", "敬老节", "九九重阳节"),
    ),
)

#: The plan year's terms and holidays, in order (寒假 is the one in January–February of the
#: plan year; the autumn term ends in January of the next). In a calendar-year plan 上学期 is
#: the year's first term (spring) and 下学期 its second (autumn).
TERMS: tuple[TermSpec, ...] = (
    TermSpec("寒假", "winter holidays", ("寒假",)),
    TermSpec("春季学期", "spring term", ("春季学期", "春学期", "上学期")),
    TermSpec("暑假", "summer holidays", ("暑假", "暑期")),
    TermSpec("秋季学期", "autumn term", ("秋季学期", "秋学期", "下学期")),
)
OPENINGS: tuple[Opening, ...] = (
    Opening("春季学期", "春季开学", "spring term opens", ("春季开学", "春季开学日")),
    Opening("秋季学期", "秋季开学", "autumn term opens", ("秋季开学", "秋季开学日")),
)

#: Default school terms (Jiangsu, *unverified*; a plan gives its 校历 in ``calendar.terms``):
#: the spring term opens on the first Monday at least this many days after 春节 ...
SPRING_TERM_AFTER_FESTIVAL_DAYS = 13
#: ... and ends on this day; the summer holidays run to the autumn term's first day ...
SPRING_TERM_END = (6, 30)
AUTUMN_TERM_START = (9, 1)
#: ... and the autumn term ends on the last Friday at least this many days before the next
#: 春节, and no later than January 31.
AUTUMN_TERM_BEFORE_FESTIVAL_DAYS = 8
#: 开学初 / 学期初 and 学期末: the first or last three weeks of a term (DOMAIN.md: "the first
#: two or three weeks").
TERM_EDGE_DAYS = 21

ANNIVERSARIES: tuple[Anniversary, ...] = (
    Anniversary("1921-07-01", "the founding of the CPC", ("建党", "中国共产党成立")),
    Anniversary(
        "1949-10-01",
        "the founding of the People's Republic of China",
        ("新中国成立", "建国", "中华人民共和国成立"),
    ),
    Anniversary("1927-08-01", "the founding of the PLA", ("建军", "人民解放军建军")),
    Anniversary("1922-05-04", "the founding of the Communist Youth League", ("建团",)),
    Anniversary("1949-10-13", "the founding of the Young Pioneers", ("建队", "少先队建队")),
)

#: What follows a named day, term or holiday, and what it means (longest first; README,
#: "Date phrases"): "by" a deadline on the day, "after" two weeks from it, "around" a week
#: either side, "during" the term or holiday itself (a holiday's days off); "opening" and
#: "closing" the first and last :data:`TERM_EDGE_DAYS` days of a term or holiday.
NAMED_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("前后", "around"),
    ("期间", "during"),
    ("之前", "by"),
    ("以前", "by"),
    ("之后", "after"),
    ("以后", "after"),
    ("前", "by"),
    ("后", "after"),
    ("内", "during"),
    ("初", "opening"),
    ("末", "closing"),
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
_TO = r"(?:至|到|—|–|-|~|～|－)"

RULES: tuple[Rule, ...] = (
    Rule("month_end", rf"{_M}(?:底|末){_BY}", "X月底"),
    Rule("month_day", rf"(?P<m>{_NUM})月(?P<d>{_NUM})[日号]{_BY}", "X月X日"),
    Rule("month_part", rf"{_M}(?P<part>上旬|中旬|下旬|初)", "X月上旬/中旬/下旬"),
    Rule("month_part_by", rf"{_M}(?P<part>上旬|中旬|下旬)(?:前|之前|以前)", "X月中旬前"),
    Rule("month", rf"{_M}(?:内|期间)?", "X月"),
    Rule(
        "month_range", rf"(?P<m>{_NUM})(?:月份?)?{_TO}(?P<m2>{_NUM})月份?(?:内|期间)?", "X月至Y月"
    ),
    Rule("windows", r"上半年(?:内|底前|前)?", "上半年", (Window((1, 1), (6, 30)),)),
    Rule("windows", r"下半年内?", "下半年", (Window((7, 1), (12, 31)),)),
    Rule(
        "windows",
        r"年底前?|年底之前|年末|年内|全年|本年度|年度内",
        "年底前",
        (Window((1, 1), (12, 31)),),
    ),
    # 年初: January–February; 年中: June–July (*a design default*)
    Rule("windows", r"年初", "年初", (Window((1, 1), (2, 31)),)),
    Rule("windows", r"年中", "年中", (Window((6, 1), (7, 31)),)),
    Rule("windows", r"每年|每年度", "每年", (Window((1, 1), (12, 31)),), recurring=True),
    Rule("windows", r"常年|长期|持续|长期坚持|常态化", "常年/长期", (Window((1, 1), (12, 31)),)),
    Rule("quarter", r"第?(?P<q>[1-4一二三四])季度内?", "第N季度"),
    Rule("quarter_end", rf"第?(?P<q>[1-4一二三四])季度(?:末|底){_BY}", "第N季度末"),
    Rule("monthly", r"每个?月", "每月", recurring=True),
    Rule("quarterly", r"每个?季度", "每季度", recurring=True),
    Rule("weekly", r"每个?周|每个?星期", "每周", recurring=True),
    Rule("terms", r"每个?学期", "每学期", recurring=True),
    Rule("term_open", r"(?:开学|学期)初", "开学初/学期初", recurring=True),
    Rule("term_close", r"学期末|期末", "学期末", recurring=True),
    Rule("term_before", r"开学(?:前|之前|以前)", "开学前", recurring=True),
    Rule("school_year", r"本?学年(?:度|内)?", "学年"),
)
