"""Finding a school from what a user types: its id, its full name, or a unique part of either.

``resolve_school`` is shared by every command with a SCHOOL argument or ``--school`` option.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from .errors import UsageError, problem

MAX_SHOWN = 8


class Looked(Protocol):
    """A unit with the committee member who looks after it (a school model, a digest)."""

    @property
    def liaison(self) -> str | None: ...


class Named(Protocol):
    """A school model, or anything else that carries its id and name (a digest)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def _norm(text: str) -> str:
    """Full-width letters and spaces folded, case ignored: ＣＨＡＯＹＡＮＧ == chaoyang."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


WHOLE_CUTOFF = 0.3  # the query against a whole id or name
PART_CUTOFF = 0.5  # against a same-length part of a name: 朝杨 ~ 朝阳 in 金坛区朝阳小学
# Words most names share; a query like 小王 should not be "close" to every 小学. (Place
# names that lead a school's name, 江苏省 or 南通市崇川区, go by PLACE below.)
GENERIC = (
    "初级中学",
    "高级中学",
    "中小学",
    "幼儿园",
    "小学",
    "中学",
    "学校",
    "实验",
)


# the places a name begins with: 江苏省, 常州市金坛区, 如东县 (two to four characters each)
PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}(?:省|自治区|市|区|县|旗))+")


def _closeness(wanted: str, school: Named) -> tuple[float, float]:
    """How close a query that matched nothing is to ``school`` ((0, 0): not worth
    suggesting), with the whole-name likeness to break ties.

    Short Chinese queries are compared with each same-length part of the name too, since
    against the whole name a one-character typo in two characters scores almost nothing.
    """
    name = _norm(school.name)
    whole = difflib.SequenceMatcher(None, wanted, name).ratio()
    by_id = difflib.SequenceMatcher(None, wanted, _norm(school.id)).ratio()
    best = max((r for r in (whole, by_id) if r >= WHOLE_CUTOFF), default=0.0)
    core = PLACE.sub(" ", name)
    for word in GENERIC:
        core = core.replace(word, " ")
    n = len(wanted)
    for part in core.split():
        for i in range(len(part) - n + 1):
            ratio = difflib.SequenceMatcher(None, wanted, part[i : i + n]).ratio()
            if ratio >= PART_CUTOFF:
                best = max(best, ratio)
    return (best, whole) if best else (0.0, 0.0)


def resolve_school(query: str, schools: Sequence[N]) -> N:
    """The one school ``query`` names, or a :class:`UsageError` that helps the user pick.

    Tried in order: exact id, exact name, then a part of the id or name that only one
    school contains (``朝阳`` → 金坛区朝阳小学).  Several matches list the candidates;
    no match lists the closest names.
    """
    wanted = _norm(query)
    if not wanted:
        raise UsageError(problem("school.unknown_none"))
    for school in schools:
        if _norm(school.id) == wanted:
            return school
    for school in schools:
        if _norm(school.name) == wanted:
            return school
    partial = [s for s in schools if wanted in _norm(s.id) or wanted in _norm(s.name)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        shown = "、".join(f"{s.name}（{s.id}）" for s in partial[:MAX_SHOWN])
        more = len(partial) - MAX_SHOWN
        raise UsageError(
            problem(
                "school.ambiguous",
                query=query.strip(),
                candidates=shown + (f" …(+{more})" if more > 0 else ""),
            )
        )
    scored = [(_closeness(wanted, s), i, s) for i, s in enumerate(schools)]
    close = sorted((x for x in scored if x[0][0] > 0), key=lambda x: (-x[0][0], -x[0][1], x[1]))
    hints = [f"{s.name}（{s.id}）" for _, _, s in close[:3]]
    if hints:
        raise UsageError(problem("school.unknown_hint", query=query.strip(), hint="、".join(hints)))
    raise UsageError(problem("school.unknown", query=query.strip()))


def broken_named(
    query: str, schools: Sequence[Named], broken: Mapping[Path, Sequence[str]]
) -> list[Path]:
    """The files that do not load which ``query`` names (``broken`` maps each to the id,
    name or file stem it still shows), unless ``query`` names a school that loads.

    So ``guanxin done hebin-primary ...`` reports what is wrong with hebin-primary.yaml
    instead of "no such school".  A part that fits both kinds lists them all to choose from.
    """
    wanted = _norm(query)
    if not wanted or any(wanted in (_norm(s.id), _norm(s.name)) for s in schools):
        return []
    exact = [p for p, labels in broken.items() if any(_norm(x) == wanted for x in labels)]
    if exact:
        return exact
    partial = [p for p, labels in broken.items() if any(wanted in _norm(x) for x in labels)]
    loaded = [s for s in schools if wanted in _norm(s.id) or wanted in _norm(s.name)]
    if partial and loaded:
        shown = [f"{s.name}（{s.id}）" for s in loaded]
        shown += [f"{broken[p][-1]}（{p.stem}）" for p in partial]
        more = len(shown) - MAX_SHOWN
        candidates = "、".join(shown[:MAX_SHOWN]) + (f" …(+{more})" if more > 0 else "")
        raise UsageError(problem("school.ambiguous", query=query.strip(), candidates=candidates))
    return partial


def resolve_liaison(query: str, units: Sequence[Looked]) -> str:
    """The liaison (包校) ``query`` names among the units': their name, or a part of it
    only one has; otherwise a :class:`UsageError` with the closest names, or all of them."""
    names = sorted({u.liaison for u in units if u.liaison})
    wanted = _norm(query)
    for name in names:
        if _norm(name) == wanted:
            return name
    partial = [n for n in names if wanted and wanted in _norm(n)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise UsageError(
            problem("liaison.ambiguous", query=query.strip(), candidates="、".join(partial))
        )
    close = difflib.get_close_matches(query.strip(), names, n=3, cutoff=0.5)
    if close:
        raise UsageError(
            problem("liaison.unknown_hint", query=query.strip(), hint="、".join(close))
        )
    raise UsageError(problem("liaison.unknown", query=query.strip(), known="、".join(names) or "—"))
