"""What can still be checked of a school file that does not validate.

``check`` reports every problem of a file in one run. Pydantic already lists every problem
of the records; what the file says beyond them (a progress key naming no task, a date far
from the plan year, two audits with one id) is checked against the plan only on a model.
So the entries that do not validate are set aside here (an entry of ``progress`` becomes
a plain not-started one, so its key is still checked; a broken audit, finding or activity
is left out; a top-level field the file gets wrong takes a neutral value) until the rest
validates, and the plan's checks run on that. A year's records (``years: {2022: …}``) are
set aside the same way, the rest of that year kept.

A plan that does not validate has its references checked on what does (:func:`salvage_plan`):
only what no id or reference needs is set aside there.

And a file read in spite of a syntax error (:class:`~.yamlio.Salvaged`) has one entry
left out: what validation then says only because it is missing is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import Location, Problem
from .models import Plan, School
from .positions import KeyPath

ROUNDS = 12  # (each round sets aside what the last validation objected to)
# Fields whose value decides which tasks apply to a school: set aside, the plan's scope
# checks say nothing (they would be guesses).
_SCOPE_FIELDS = frozenset({"type", "facilities", "youzhihua"})
_LISTS = frozenset({"audits", "activities"})


@dataclass
class Salvaged:
    """A model of what validates in a school file, and how to locate problems in it."""

    school: School
    doc: yamlio.Document
    scope_known: bool  # False: the fields tasks apply by were set aside


def salvage_school(doc: yamlio.Document, errors: list[Any]) -> Salvaged | None:
    """A :class:`School` of ``doc``'s data without the parts Pydantic's ``errors`` (from
    validating it) name, or None if nothing sensible is left."""
    from .validation import ValidationError, validate

    if not isinstance(doc.data, dict):
        return None
    data = _copy(doc.data)
    mending = _Mending(data, Path(doc.path).stem)
    for _ in range(ROUNDS):
        for loc in sorted({tuple(e["loc"]) for e in errors}, key=_order, reverse=True):
            if not mending.mend(loc):
                return None
        try:
            school = validate(School, data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            continue
        return Salvaged(school, _Remapped(doc, mending.remap), mending.scope_known)
    return None


def _copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _order(loc: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Locations sorted so that, taken from the last, removing a list's item never moves
    one still to be removed (numbers by value, keys as text)."""
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in loc)


class _Mending:
    def __init__(self, data: dict[str, Any], stem: str) -> None:
        self.data = data
        self.stem = stem
        self.scope_known = True
        # a list's path (as now) → for each item left, its index in the file
        self.remap: dict[tuple[Any, ...], list[int]] = {}

    def mend(self, loc: tuple[Any, ...]) -> bool:
        """Set aside what ``loc`` points into; False if it cannot be."""
        data = self.data
        if not loc:
            return False
        top = loc[0]
        if top in _SCOPE_FIELDS:
            self.scope_known = False
        mended = self._records(data, (), loc)
        if mended is not None:
            return mended
        years = data.get("years")
        if top == "years" and len(loc) > 1 and isinstance(years, dict) and loc[1] in years:
            # a year's records (schema 2): set aside as at the top, the rest of the year kept
            section = years[loc[1]]
            if isinstance(section, dict) and len(loc) > 2:
                mended = self._records(section, ("years", loc[1]), loc[2:])
                if mended is not None:
                    return mended
                if isinstance(loc[2], str) and loc[2] in section:
                    del section[loc[2]]  # (an unknown key in the year)
                    return True
            del years[loc[1]]  # (a year that is no year, or not a mapping)
            return True
        if top == "youzhihua" and len(loc) > 2 and loc[1] == "steps":
            youzhihua = data.get("youzhihua")
            steps = youzhihua.get("steps") if isinstance(youzhihua, dict) else None
            if isinstance(steps, list) and isinstance(loc[2], int):
                return self._drop(("youzhihua", "steps"), loc[2])
        if top in ("id", "name"):
            data[top] = self.stem
            return True
        if top == "type":
            data[top] = "other"
            return True
        if isinstance(top, str) and top in data:
            del data[top]  # an optional part (or an unknown key): the default instead
            return True
        return top in ("schema_version", "progress", "audits", "activities")

    def _records(
        self, holder: dict[str, Any], at: tuple[Any, ...], loc: tuple[Any, ...]
    ) -> bool | None:
        """Set aside what ``loc`` points into in ``holder``'s progress, audits or
        activities (``holder``: the file's top, or the year ``at`` names); None if it
        points elsewhere."""
        top = loc[0]
        if top == "progress" and len(loc) > 1 and isinstance(holder.get("progress"), dict):
            entries = holder["progress"]
            if loc[1] in entries:
                entries[loc[1]] = {"status": "not_started"}  # its key is still checked
                return True
        if top in _LISTS and len(loc) > 1 and isinstance(holder.get(top), list):
            if not isinstance(loc[1], int) or not 0 <= loc[1] < len(holder[top]):
                return False
            record = holder[top][loc[1]]
            in_finding = len(loc) > 3 and loc[2] == "findings" and isinstance(loc[3], int)
            if in_finding and isinstance(record, dict) and isinstance(record.get("findings"), list):
                found = record["findings"]
                if 0 <= loc[3] < len(found) and _set_aside(found[loc[3]], loc[4:]):
                    return True
                return self._drop((*at, top, loc[1], "findings"), loc[3])
            if _set_aside(record, loc[2:]):
                return True
            return self._drop((*at, top), loc[1])
        return None

    def _drop(self, path: tuple[Any, ...], index: int) -> bool:
        node: Any = self.data
        for part in path:
            node = node[part]
        if not 0 <= index < len(node):
            return False
        kept = self.remap.setdefault(path, list(range(len(node))))
        del node[index]
        del kept[index]
        return True


# A record's field that may take a neutral value (the record is still checked, by its id
# and dates) or be left out; a field not named here (an id, a date) takes the record with it.
_NEUTRAL = {"kind": "inspection", "by": "-", "text": "-", "name": "-"}
_OPTIONAL = frozenset(
    {"result", "score", "note", "category", "task", "wulao", "students", "evidence"}
    | {"reported", "fixed", "rechecked", "closed"}
)


def _set_aside(record: Any, loc: tuple[Any, ...]) -> bool:
    """Give the field ``loc`` names a neutral value, or leave it out, if it may be."""
    if not isinstance(record, dict) or not loc or not isinstance(loc[0], str):
        return False
    field = loc[0]
    if field in _NEUTRAL:
        record[field] = _NEUTRAL[field]
        return True
    if field in _OPTIONAL or (len(loc) == 1 and field not in {"id", "date", "fix_by"}):
        record.pop(field, None)  # (an optional field, or an unknown key)
        return True
    return False


class _Remapped(yamlio.Document):
    """``doc``, located by the indices its lists had in the file (items set aside moved
    the later ones up)."""

    __slots__ = ("_doc", "_remap")

    def __init__(self, doc: yamlio.Document, remap: dict[tuple[Any, ...], list[int]]) -> None:
        super().__init__(doc.path, None, doc.text)
        self._doc = doc
        self._remap = remap

    def _in_file(self, key_path: tuple[Any, ...]) -> tuple[Any, ...]:
        out: list[Any] = []
        now: tuple[Any, ...] = ()
        for part in key_path:
            kept = self._remap.get(now)
            out.append(kept[part] if kept is not None and isinstance(part, int) else part)
            now = (*now, part)
        return tuple(out)

    def locate(self, key_path: KeyPath) -> Location:
        return self._doc.locate(self._in_file(tuple(key_path)))

    def locate_key(self, key_path: KeyPath) -> Location:
        return self._doc.locate_key(self._in_file(tuple(key_path)))


def _dotted(key_path: tuple[Any, ...]) -> str:
    return ".".join(str(k) for k in key_path)


def quiet_blanked(problems: list[Problem], doc: yamlio.Document) -> list[Problem]:
    """``problems`` from validating a file read without the entries its syntax errors are
    in, less what those entries' absence alone causes: a required key missing beside
    them, the holding key left empty, anything on their lines."""
    if not doc.blanked:
        return problems
    holders: set[str] = set()
    lines: set[int] = set()
    for blank in doc.blanked:
        lines.update(range(blank.first, blank.last + 1))
        if blank.parent is None:
            holders.add("")
            continue
        holders.update(
            _dotted(path)
            for path, pos in doc.key_positions.items()
            if pos.line == blank.parent and path
        )

    def quiet(p: Problem) -> bool:
        key = p.where.key_path
        parent = key.rpartition(".")[0]
        if p.where.line is not None and p.where.line in lines:
            return True
        if key in holders:
            return True  # the holding key, emptied
        return p.msg == "v.missing" and parent in holders

    return [p for p in problems if not quiet(p)]


# A plan's required field that may take a neutral value once set aside: nothing an id or a
# reference needs (``id``, ``owner``, ``section``, ``when``…), so the plan's checks of its
# references, run on what is left, say nothing the file does not.
_PLAN_NEUTRAL: dict[str, Any] = {
    "title": "-",
    "source": "-",
    "name": "-",
    "issuer": "-",
    "number": "-",
    "min": 1,
}


def salvage_plan(doc: yamlio.Document) -> Plan | None:
    """A :class:`Plan` of ``doc``'s data with what validation objects to set aside (an
    unknown key or an optional field left out, a required one in ``_PLAN_NEUTRAL`` given a
    neutral value), or None if anything else would have to be (a guess)."""
    from .validation import ValidationError, validate

    if not isinstance(doc.data, dict):
        return None
    data = _copy(doc.data)
    tried: set[tuple[Any, ...]] = set()
    for _ in range(ROUNDS):
        try:
            return validate(Plan, data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        for err in errors:
            if not _set_aside_in_plan(data, tuple(err["loc"]), err["type"], tried):
                return None
    return None


def _set_aside_in_plan(
    data: dict[str, Any], loc: tuple[Any, ...], kind: str, tried: set[tuple[Any, ...]]
) -> bool:
    if not loc or not isinstance(loc[-1], str):
        return False
    node: Any = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(node, dict):
        return False
    field = loc[-1]
    if loc not in tried and field in node:
        tried.add(loc)
        del node[field]  # an unknown key, or an optional field: its default
        return True
    if kind == "missing" and field in _PLAN_NEUTRAL:
        node[field] = _PLAN_NEUTRAL[field]
        return True
    return False
