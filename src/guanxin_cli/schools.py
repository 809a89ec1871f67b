"""Finding a school from what a user types: its id, its full name, or a unique part of either.

``resolve_school`` is shared by every command with a SCHOOL argument or ``--school`` option.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import UsageError, problem
from .models import School

MAX_SHOWN = 8


def _norm(text: str) -> str:
    """Full-width letters and spaces folded, case ignored: ＣＨＡＯＹＡＮＧ == chaoyang."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def resolve_school(query: str, schools: Sequence[School]) -> School:
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
    by_key = {_norm(s.name): s for s in schools} | {_norm(s.id): s for s in schools}
    close = difflib.get_close_matches(wanted, list(by_key), n=3, cutoff=0.3)
    hints: list[str] = []
    for key in close:
        label = f"{by_key[key].name}（{by_key[key].id}）"
        if label not in hints:
            hints.append(label)
    if hints:
        raise UsageError(problem("school.unknown_hint", query=query.strip(), hint="、".join(hints)))
    raise UsageError(problem("school.unknown", query=query.strip()))


def broken_named(
    query: str, schools: Sequence[School], broken: Mapping[Path, Sequence[str]]
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
