"""A file read into a document and its data into a model, every problem located: YAML's
own (``yamlio``), and each Pydantic error turned into ``file:line:col key.path`` with what
to write instead (a close spelling, the keys or choices allowed, the ids there are)."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import yamlio
from ..errors import DataError, Location, Problem, problem
from ..models import PHONE_PATTERN, TEXT_PATTERN

if TYPE_CHECKING:
    from ..validation import ValidationError


_TYPE_KEYS = {
    "missing": "v.missing",
    "unexpected_keyword_argument": "v.unknown_key",
    "invalid_key": "v.unknown_key",  # (a number or a date as a record's key)
    "literal_error": "v.choice",
    "enum": "v.choice",
    "date_parsing": "v.date",
    "date_from_datetime_parsing": "v.date",
    "date_from_datetime_inexact": "v.date",
    "date_type": "v.date",
    "int_parsing": "v.int",
    "int_type": "v.int",
    "int_from_float": "v.int",
    "float_parsing": "v.number",
    "float_type": "v.number",
    "bool_parsing": "v.bool",
    "bool_type": "v.bool",
    "string_type": "v.string",
    "string_pattern_mismatch": "v.pattern",
    "string_too_short": "v.empty",
    "string_too_long": "v.too_long",
    "too_short": "v.too_short",
    "list_type": "v.list",
    "dict_type": "v.mapping",
    "dataclass_type": "v.mapping",
    "dataclass_args_type": "v.mapping",
    "greater_than_equal": "v.ge",
    "less_than_equal": "v.le",
}


_UNKNOWN_KEY = ("unexpected_keyword_argument", "invalid_key")


# Words people write for a choice that spelling alone would not suggest (finished → done).
_MEANS = {
    "finished": "done",
    "finish": "done",
    "complete": "done",
    "completed": "done",
    "ok": "done",
    "完成": "done",
    "已完成": "done",
    "started": "in_progress",
    "ongoing": "in_progress",
    "doing": "in_progress",
    "进行中": "in_progress",
    "todo": "not_started",
    "未开始": "not_started",
    "stuck": "blocked",
    "受阻": "blocked",
    "n/a": "not_applicable",
    "na": "not_applicable",
    "不适用": "not_applicable",
    "pass": "passed",
    "通过": "passed",
    "fail": "failed",
    "未通过": "failed",
}


def suggest_choice(given: str, choices: list[str]) -> str | None:
    """The choice ``given`` most likely meant: a close spelling, or a word for it."""
    close = difflib.get_close_matches(given, choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    meant = _MEANS.get(given.strip().lower().replace(" ", "_").replace("-", "_"))
    meant = meant or _MEANS.get(given.strip().lower())
    return meant if meant in choices else None


def validation_problems(exc: ValidationError, doc: yamlio.Document, model: type) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        key = kind if kind.startswith("model.") else _TYPE_KEYS.get(kind, "v.other")
        params: dict[str, Any] = {"key": ".".join(str(k) for k in loc) or "(root)"}
        ctx = err.get("ctx") or {}
        if kind in _UNKNOWN_KEY:
            allowed = sorted(_fields_at(model, loc[:-1]))
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            key = "v.unknown_key_hint" if close else "v.unknown_key"
            params.update(name=loc[-1], hint=close[0] if close else "", allowed=", ".join(allowed))
            where = doc.locate_key(loc)
        else:
            where = doc.locate(loc)
            if kind in ("literal_error", "enum"):
                expected = str(ctx.get("expected", ""))
                choices = re.findall(r"'([^']*)'", expected) or [expected]  # (1: a number)
                params["allowed"] = ", ".join(choices)
                given = err.get("input")
                hint = suggest_choice(given, choices) if isinstance(given, str) else None
                if hint:
                    key, params["hint"] = "v.choice_hint", hint
            if kind in ("greater_than_equal", "less_than_equal"):
                params["limit"] = ctx.get("ge", ctx.get("le"))
            if kind == "string_pattern_mismatch":
                params["pattern"] = ctx.get("pattern", "")
                if params["pattern"] == TEXT_PATTERN:
                    key = "v.control_char"
                elif params["pattern"] == PHONE_PATTERN:
                    key = "v.phone"
            if kind.startswith("model."):
                params.update({k: v for k, v in ctx.items() if isinstance(v, str | int)})
            if key == "v.other":
                params["detail"] = err["msg"]
            value = err.get("input")
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                params["value"] = value
        out.append(Problem(key, params, where))
    return out


def _fields_at(model: type, loc: tuple[Any, ...]) -> set[str]:
    """Field names allowed at ``loc`` inside ``model`` (for "did you mean" hints)."""
    from ..rules import field_types

    current: Any = model
    for part in loc:
        if _is_mapping_type(current):
            current = _unwrap(current)  # the part is a free-form key; its value type follows
            continue
        current = _unwrap(current)
        if isinstance(part, int) or current is None:
            continue
        if _is_record(current):
            current = field_types(current).get(str(part))
    current = _unwrap(current)
    return set(field_types(current)) if _is_record(current) else set()


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_mapping_type(tp: Any) -> bool:
    while typing.get_origin(tp) is typing.Annotated or typing.get_origin(tp) in (
        typing.Union,
        types.UnionType,
    ):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        tp = args[0]
    return typing.get_origin(tp) is dict


def _unwrap(tp: Any) -> Any:
    for _ in range(8):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated or origin in (list, tuple):
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1]
        elif origin in (typing.Union, types.UnionType):
            records = [a for a in typing.get_args(tp) if _is_record(a)]
            tp = records[0] if records else None
        else:
            return tp
    return tp


KNOWN_SHOWN = 30  # ids listed after "unknown …": enough for a plan's owners or groups


def unknown_id(kind: str, value: str, known: Iterable[str], where: Location) -> Problem:
    """An id that names nothing: the close ones (did you mean), and the ones there are."""
    listed = sorted(known)
    close = difflib.get_close_matches(value, listed, n=3, cutoff=0.5)
    shown = "、".join(listed[:KNOWN_SHOWN]) + ("…" if len(listed) > KNOWN_SHOWN else "")
    return problem(
        "ref.unknown_hint" if close else "ref.unknown",
        where,
        kind=kind,
        value=value,
        hint=", ".join(close),
        known=shown or "—",
    )


# ------------------------------------------------------------ reading a file


M = TypeVar("M")


def validated(model: type[M], doc: yamlio.Document, problems: list[Problem]) -> M | None:
    """``doc``'s data as a ``model``, or None with what is wrong added to ``problems``."""
    from ..salvage import quiet_blanked
    from ..validation import ValidationError, validate

    try:
        return validate(model, doc.data)
    except ValidationError as exc:
        problems.extend(quiet_blanked(validation_problems(exc, doc, model), doc))
        return None


def read_document(
    path: Path, problems: list[Problem], closed: bool = False, salvage: bool = False
) -> yamlio.Document | None:
    """``path`` read; None with its problems in ``problems`` if it cannot be. With
    ``salvage``, a file YAML reads in part (a duplicate key, a syntax error in one entry)
    is returned as far as it reads, its problems in ``problems`` all the same."""
    try:
        doc = yamlio.load(path, closed=closed)
    except yamlio.Salvaged as exc:
        problems.extend(exc.problems)
        if not salvage:
            return None
        doc = exc.document
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    return _mapping(doc, problems)


def text_document(text: str, path: Path, problems: list[Problem]) -> yamlio.Document | None:
    """``text`` read as the file ``path`` holding it would be (an edit or a new plan, not
    yet written); None with its problems in ``problems`` if it cannot be."""
    try:
        doc = yamlio.loads(text, path)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    return _mapping(doc, problems)


def _mapping(doc: yamlio.Document, problems: list[Problem]) -> yamlio.Document | None:
    """``doc`` if it holds a mapping, as every guanxin file does; else None, said."""
    if not isinstance(doc.data, dict):
        problems.append(problem("yaml.not_mapping", doc.locate(()), kind=type(doc.data).__name__))
        return None
    return doc
