"""Finding a school from what a person types: an id, the full name, or a unique part of it."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from .errors import UsageError, problem
from .models import School


def resolve_school(query: str, schools: Sequence[School]) -> School:
    """朝阳 finds 金坛区朝阳小学; an ambiguous or unknown query is a usage error listing names."""
    q = query.strip()
    for s in schools:
        if q in (s.id, s.name):
            return s
    hits = [s for s in schools if q and (q in s.name or q.lower() in s.id)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        names = "、".join(f"{s.name}（{s.id}）" for s in hits)
        raise UsageError(problem("school.ambiguous", query=q, candidates=names))
    labels = {s.name: s for s in schools} | {s.id: s for s in schools}
    close = difflib.get_close_matches(q, list(labels), n=3, cutoff=0.3)
    names = "、".join(dict.fromkeys(f"{labels[c].name}（{labels[c].id}）" for c in close))
    raise UsageError(
        problem("school.unknown_hint" if names else "school.unknown", query=q, hint=names)
    )
