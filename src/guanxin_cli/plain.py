"""Records as plain values and back, for the caches: data that can hold no code.

A cache file is read by a later run, perhaps of another user's making (a shared cache
folder), so it holds only what msgpack can say (text, numbers, true/false/nil, bytes,
lists and maps: no objects, nothing that names code to run), and what comes back from it
is checked against the records' declared types on the way in. :func:`dump` turns a record
of ``models.py`` into such a value; :func:`load` builds the record again, or raises
:class:`Malformed` for anything that is not what :func:`dump` makes of a record (a damaged
or planted cache whose checksum was made to match): the caller then reads the file.

The types come from the records' own annotations, the constrained names of ``rules.py``
(``Text``, ``Day`` …) standing for the plain type under them (:data:`RULE_TYPES`; a test
holds it equal to ``rules.NAMES``). A record whose annotations name something else cannot
be cached (:class:`Unsupported`): it is read from its file every time, never guessed at.

A record is the list of its fields' values, in the order of its fields (a change of the
records changes the caches' fingerprint, see ``cache.py``); a date is its day number
(``date.toordinal()``); a mapping with keys other than text is a list of pairs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

from . import models

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (dump, load)


class Malformed(ValueError):
    """A cached value that is not what :func:`dump` makes of a record."""


class Unsupported(TypeError):
    """A record whose fields have a type this module cannot check (see :data:`RULE_TYPES`)."""


class _NonEmpty:
    """``NonEmpty[X]``: a list of X (its length is Pydantic's rule, checked when read)."""

    def __class_getitem__(cls, item: Any) -> Any:
        return list[item]


# The plain type under each constrained name of rules.py (tests/test_plain.py holds this
# equal to rules.NAMES: a new name there must be added here).
RULE_TYPES: dict[str, Any] = {
    "Id": str,
    "Text": str,
    "Phone": str,
    "ProgressKey": str,
    "Count": int,
    "Year": int,
    "NonNegative": int,
    "SchemaVersion": Literal[1],
    "SchoolSchemaVersion": Literal[1, 2],
    "YearKey": int,
    "Target": int | str,  # a milestone's min: 3, "80%" or "all"
    "Score": float,
    "Day": dt.date,
    "When": _NonEmpty,  # When[Phrase]: a list of them (at least one: checked when read)
    "NonEmpty": _NonEmpty,
}

_MIN_DAY, _MAX_DAY = dt.date.min.toordinal(), dt.date.max.toordinal()
_CODECS: dict[type, Codec] = {}
_FIELDS: dict[tuple[type, tuple[str, ...]], Codec] = {}
_BUILDING: set[type] = set()
_TEXT = frozenset({str})


def dump(record: Any) -> Any:
    """``record`` (a record of models.py) as plain values."""
    return codec(type(record))[0](record)


def load(cls: type[Any], value: Any) -> Any:
    """The ``cls`` record :func:`dump` made ``value`` of; :class:`Malformed` if it is none."""
    try:
        return codec(cls)[1](value)
    except Malformed:
        raise
    except Exception as exc:  # a rule of the record itself (__post_init__), a missing field …
        raise Malformed(str(exc)) from None


def codec(cls: type[Any]) -> Codec:
    """The (dump, load) pair of a record type, made on first use."""
    made = _CODECS.get(cls)
    if made is None:
        _BUILDING.add(cls)
        try:
            made = _CODECS[cls] = _record(cls)
        finally:
            _BUILDING.discard(cls)
    return made


def _fail(what: str) -> Malformed:
    return Malformed(what)


def _same(value: Any) -> Any:
    return value


def _exact(kind: type) -> Codec:
    """str, int, bool: kept as they are, and of exactly that type (a bool is no int)."""

    def load(value: Any) -> Any:
        if value.__class__ is not kind:
            raise _fail(f"{kind.__name__} expected")
        return value

    return _same, load


def _either(kinds: tuple[type, ...]) -> Codec:
    """A value of one of a few plain types (``int | str``), exactly one of them."""
    names = " or ".join(k.__name__ for k in kinds)

    def load(value: Any) -> Any:
        if value.__class__ not in kinds:
            raise _fail(f"{names} expected")
        return value

    return _same, load


def _float() -> Codec:
    """A score: 90 or 90.5, kept as given."""

    def load(value: Any) -> Any:
        if value.__class__ is not int and value.__class__ is not float:
            raise _fail("number expected")
        return value

    return _same, load


def _day() -> Codec:
    def dump(value: dt.date) -> int:
        return value.toordinal()

    def load(value: Any) -> dt.date:
        if value.__class__ is not int or not _MIN_DAY <= value <= _MAX_DAY:
            raise _fail("day number expected")
        return dt.date.fromordinal(value)

    return dump, load


def _literal(choices: tuple[Any, ...]) -> Codec:
    allowed = {(c.__class__, c) for c in choices}

    def load(value: Any) -> Any:
        if (value.__class__, value) not in allowed:
            raise _fail(f"one of {choices} expected")
        return value

    return _same, load


def _optional(inner: Codec) -> Codec:
    dump_inner, load_inner = inner

    def dump(value: Any) -> Any:
        return None if value is None else dump_inner(value)

    def load(value: Any) -> Any:
        return None if value is None else load_inner(value)

    return dump, load


def _list(inner: Codec, simple: frozenset[type] | None) -> Codec:
    dump_inner, load_inner = inner

    def dump(value: list[Any]) -> list[Any]:
        return [dump_inner(v) for v in value]

    def load(value: Any) -> list[Any]:
        if value.__class__ is not list and value.__class__ is not tuple:
            raise _fail("list expected")
        return [load_inner(v) for v in value]

    if simple is None:
        return dump, load

    def load_simple(value: Any) -> list[Any]:
        # (the classes of every item, gathered without a call per item)
        if (value.__class__ is not list and value.__class__ is not tuple) or not simple.issuperset(
            map(type, value)
        ):
            raise _fail("list expected")
        return list(value)

    return list, load_simple


def _dict(keys: Codec, values: Codec, text_keys: bool) -> Codec:
    dump_key, load_key = keys
    dump_value, load_value = values

    if text_keys:  # a map, as msgpack keeps it

        def dump(value: dict[Any, Any]) -> Any:
            return {k: dump_value(v) for k, v in value.items()}

        def load(value: Any) -> dict[Any, Any]:
            if value.__class__ is not dict or not _TEXT.issuperset(map(type, value)):
                raise _fail("map with text keys expected")
            return {k: load_value(v) for k, v in value.items()}

        return dump, load

    def dump_pairs(value: dict[Any, Any]) -> Any:
        return [[dump_key(k), dump_value(v)] for k, v in value.items()]

    def load_pairs(value: Any) -> dict[Any, Any]:
        if value.__class__ is not list and value.__class__ is not tuple:
            raise _fail("list of pairs expected")
        out = {}
        for pair in value:
            if (pair.__class__ is not list and pair.__class__ is not tuple) or len(pair) != 2:
                raise _fail("pair expected")
            out[load_key(pair[0])] = load_value(pair[1])
        return out

    return dump_pairs, load_pairs


def _record(cls: type[Any]) -> Codec:
    names = tuple(f.name for f in dataclasses.fields(cls))
    dumps, loads = _fields(cls, names)
    post_init = getattr(cls, "__post_init__", None)
    new = object.__new__
    slotted = "__slots__" in vars(cls)

    def dump(record: Any) -> Any:
        return dumps([getattr(record, name) for name in names])

    def load(value: Any) -> Any:
        loaded = loads(value)
        record = new(cls)
        # as unpickling does: the fields straight into the frozen record, then its own
        # rules across fields (done needs a date …)
        if slotted:
            for name, field_value in zip(names, loaded, strict=True):
                object.__setattr__(record, name, field_value)
        else:
            record.__dict__.update(zip(names, loaded, strict=True))
        if post_init is not None:
            post_init(record)
        return record

    return dump, load


def fields(cls: type[Any], names: tuple[str, ...]) -> Codec:
    """The (dump, load) pair of some fields of a dataclass, as a list of their values in
    the order of ``names`` (``load`` gives the list back, checked)."""
    key = (cls, names)
    made = _FIELDS.get(key)
    if made is None:
        made = _FIELDS[key] = _fields(cls, names)
    return made


def _fields(cls: type[Any], names: tuple[str, ...]) -> Codec:
    module = sys.modules.get(cls.__module__)
    scope = {**vars(models), **(vars(module) if module else {}), **RULE_TYPES}
    try:
        hints = typing.get_type_hints(cls, globalns=scope)
    except Exception as exc:  # a name this module does not know
        raise Unsupported(f"{cls.__name__}: {exc}") from exc
    codecs = [_of(hints[name], f"{cls.__name__}.{name}") for name in names]
    dumps = tuple(dump for dump, _ in codecs)
    # A field of text, a whole number or true/false (or nil) is checked by its class
    # alone, without a call: most fields of most records are.
    checks = tuple(
        (_SIMPLE.get(hints[name]), load) for name, (_, load) in zip(names, codecs, strict=True)
    )
    count = len(names)
    where = cls.__name__

    def dump(values: list[Any]) -> list[Any]:
        return [dump_field(value) for value, dump_field in zip(values, dumps, strict=True)]

    def load(value: Any) -> list[Any]:
        if (value.__class__ is not list and value.__class__ is not tuple) or len(value) != count:
            raise _fail(f"{where}: {count} fields expected")
        loaded = []
        for raw, (classes, load_field) in zip(value, checks, strict=True):
            if classes is None:
                loaded.append(load_field(raw))
            elif raw.__class__ in classes:
                loaded.append(raw)
            else:
                raise _fail(f"{where}: {raw.__class__.__name__} not expected")
        return loaded

    return dump, load


_NONE = type(None)
_SIMPLE: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    int: frozenset({int}),
    bool: frozenset({bool}),
    str | None: frozenset({str, _NONE}),
    int | None: frozenset({int, _NONE}),
    bool | None: frozenset({bool, _NONE}),
}


def _of(hint: Any, where: str) -> Codec:
    """The codec of one field's type."""
    if hint in (str, int, bool):
        return _exact(hint)
    if hint is float:
        return _float()
    if hint is dt.date:
        return _day()
    if hint is type(None):
        return _literal((None,))
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return _literal(args)
    if origin is typing.Union or origin is types.UnionType:
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return _optional(_of(others[0], where))
        if len(others) == len(args) and all(a in (str, int) for a in args):
            return _either(tuple(args))
        raise Unsupported(f"{where}: {hint} (only X | None, or plain text and numbers)")
    if origin is list:
        return _list(_of(args[0], where), _SIMPLE.get(args[0]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        dump_items, load_items = _list(_of(args[0], where), _SIMPLE.get(args[0]))
        return dump_items, lambda value: tuple(load_items(value))
    if origin is dict:
        return _dict(_of(args[0], where), _of(args[1], where), args[0] is str)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if hint not in _BUILDING:
            return codec(hint)
        # a record inside itself: looked up when used
        return (lambda value: codec(hint)[0](value)), (lambda value: codec(hint)[1](value))
    raise Unsupported(f"{where}: {hint}")
