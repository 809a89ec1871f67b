"""Pydantic's side of the models: the constrained types, and what Pydantic makes of them.

``models.py`` names the types below in its (string) annotations without importing this
module, so that reading records back from the cache never imports Pydantic. This module
puts the names where Pydantic looks for them (the models' module) before it builds
anything from them: a validator (when the written core schemas are not current, see
``validation.py``), the JSON Schema, the core schemas themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pprint
import re
import types
import typing
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter, WithJsonSchema
from pydantic_core import CoreSchema, core_schema

from . import models
from .models import DAY_PATTERN, PHONE_PATTERN, TEXT_PATTERN
from .validation import _as_list, _target, _version

_T = TypeVar("_T")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000, pattern=TEXT_PATTERN),
]
# strict: `wulao: true` or `wulao: "5"` is a mistake, as the JSON Schema says, not 1 or 5
Count = Annotated[int, Field(ge=0, le=1_000_000, strict=True)]
# strict too: `min: true` is no 1, `year: "2022"` no year (a score may be 90 or 90.5)
Score = Annotated[float, Field(ge=0, le=100, strict=True)]
Year = Annotated[int, Field(ge=2000, le=2100, strict=True)]
NonNegative = Annotated[int, Field(ge=0, strict=True)]
Phone = Annotated[str, StringConstraints(pattern=PHONE_PATTERN)]
ProgressKey = Annotated[str, StringConstraints(max_length=200)]
NonEmpty = Annotated[list[_T], Field(min_length=1)]


class _Written:
    """A date as a file writes it, checked by pydantic-core alone: 2022-03-31 and nothing
    else. Pydantic's own date would also take a number, or a number in quotes, as seconds
    since 1970 (``date: "1646784000"``), and a time of day: each is a mistake in a
    hand-written file. (A ``datetime.date`` is taken as it is, for callers in Python; not
    a ``datetime``, whose time of day is as much a mistake as in text.) Every way of
    failing is the one error "not a valid date", as for 2022-02-30."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> CoreSchema:
        written = core_schema.str_schema(pattern=DAY_PATTERN, strict=True, strip_whitespace=False)
        return core_schema.custom_error_schema(
            core_schema.union_schema(
                # text first: what a file gives (a date object fails it, then passes the
                # other; the first to fail builds an error, for nothing on the common path)
                [
                    core_schema.chain_schema([written, core_schema.date_schema()]),
                    core_schema.date_schema(strict=True),
                ],
                mode="left_to_right",
            ),
            custom_error_type="date_type",  # (Pydantic's own error, with its own message)
        )


Day = Annotated[dt.date, _Written, WithJsonSchema({"type": "string", "format": "date"})]
SchemaVersion = Annotated[Literal[1], BeforeValidator(_version)]
SchoolSchemaVersion = Annotated[Literal[1, 2], BeforeValidator(_version)]
# a plan year as a key (`2022:` in a file; "2022" in JSON)
YearKey = Annotated[int, Field(ge=2000, le=2100)]
_TARGET_SCHEMA = {
    "title": "Target",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": r"^(all|([1-9]?[0-9]|100)%)$"},
    ],
}
# `min: 3`, `min: 80%` or `min: all` (a share of the units in scope)
Target = Annotated[int | str, BeforeValidator(_target), WithJsonSchema(_TARGET_SCHEMA)]


_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 4000}
_BASIS_SCHEMA = {"enum": ["document", "default"], "type": "string"}
_PHRASE_SCHEMA = {
    "type": "object",
    "properties": {"phrase": _TEXT_SCHEMA, "basis": _BASIS_SCHEMA},
    "required": ["phrase"],
    "additionalProperties": False,
}
_ONE_PHRASE = {"anyOf": [_TEXT_SCHEMA, _PHRASE_SCHEMA]}
_WHEN_SCHEMA = {
    "title": "When",
    "anyOf": [_TEXT_SCHEMA, _PHRASE_SCHEMA, {"type": "array", "items": _ONE_PHRASE, "minItems": 1}],
}
# (min_length before the BeforeValidator: a constraint of the list itself, in pydantic-core,
# not a Python check Pydantic adds after it; the same error type, so the same message)
When = Annotated[
    list[models.Phrase],
    Field(min_length=1),
    BeforeValidator(_as_list),
    WithJsonSchema(_WHEN_SCHEMA),
]

NAMES: dict[str, Any] = {
    "Id": Id,
    "Text": Text,
    "Count": Count,
    "Day": Day,
    "SchemaVersion": SchemaVersion,
    "SchoolSchemaVersion": SchoolSchemaVersion,
    "YearKey": YearKey,
    "Target": Target,
    "Score": Score,
    "Year": Year,
    "NonNegative": NonNegative,
    "Phone": Phone,
    "ProgressKey": ProgressKey,
    "NonEmpty": NonEmpty,
    "When": When,
}
vars(models).update(NAMES)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(record: type[_T]) -> TypeAdapter[_T]:
    """The validator of one record type, built on first use (and only then)."""
    built = _ADAPTERS.get(record)
    if built is None:
        built = _ADAPTERS[record] = TypeAdapter(record)
    return built


def json_schema(record: type[Any]) -> dict[str, Any]:
    return adapter(record).json_schema()


def field_types(record: type[Any]) -> dict[str, Any]:
    """A record's fields and their types, with the constraints (for "did you mean" hints)."""
    hints = typing.get_type_hints(record, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(record)}


# ------------------------------------------------------------- the written core schemas

RECORDS = (models.Plan, models.School)  # the files' top records, validated directly
_FUNCTIONS = {f: f.__name__ for f in (_as_list, _target, _version)}
_HEADER = """\
\"\"\"Pydantic's core schemas of the plan and school records, as ``rules.py`` makes them.

Written by ``python scripts/sync_bundled.py`` (do not edit); used by ``validation.py``
while :data:`KEY` matches the records, their rules and the installed Pydantic.
\"\"\"
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from . import models
from .validation import _as_list, _target, _version

MADE_WITH = {made_with!r}
KEY = {key!r}
CONFIG: Any = {config!r}
"""


class _Name:
    """A name in the written module (a record, a function), printed as itself."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Name) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def core_schemas_text() -> str:
    """``core_schemas.py`` as it must be for the records, their rules and this Pydantic:
    one constant per record's schema and per constrained type's (named where they recur,
    not repeated), without the JSON Schema hints (``metadata``, which validating never
    reads)."""
    from pydantic._internal._config import ConfigWrapper  # what TypeAdapter compiles with

    from .validation import made_with, schema_key

    named: dict[str, object] = {}

    shared: dict[str, str] = {}  # a constrained type's schema, as written → its name

    def constant(name: str, schema: dict[str, Any]) -> _Name:
        """The module constant for ``schema``, named after ``name`` (GroupRule: _GROUP_RULE)."""
        upper = "_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()
        assert named.setdefault(upper, schema) == schema, f"two schemas of {upper}"
        return _Name(upper)

    def written(value: object) -> object:
        if isinstance(value, dict):
            out: dict[str, Any] = {k: written(v) for k, v in value.items() if k != "metadata"}
            if out.get("type") == "definition-ref":  # (a record inside itself, should one be)
                out["schema_ref"] = out["schema_ref"].partition(":")[0]
            if out.get("type") == "dataclass":
                if "ref" in out:  # (Pydantic's ref ends in the class's id(): differs per run)
                    out["ref"] = out["ref"].partition(":")[0]
                return constant(value["cls"].__name__, out)
            if repr(out) in shared:
                return constant(shared[repr(out)], out)
            return out
        if isinstance(value, list | tuple):
            return type(value)(written(v) for v in value)
        if value is None or isinstance(value, str | int | float):
            return value
        if isinstance(value, type) and value.__module__ == models.__name__:
            return _Name(f"models.{value.__qualname__}")
        if isinstance(value, types.FunctionType) and value.__module__ == models.__name__:
            return _Name(f"models.{value.__qualname__}")
        if value in _FUNCTIONS:
            return _Name(_FUNCTIONS[value])
        raise TypeError(f"cannot write {value!r} into a core schema module")

    # The constrained types (Text, Id, Day …) and the choices (SchoolType …) are named
    # where they recur, as in this module and models.py.
    choices = {n: v for n, v in vars(models).items() if typing.get_origin(v) is Literal}
    for name, kind in {**choices, **NAMES}.items():
        if name != "NonEmpty":  # (generic: no schema of its own)
            shared[repr(written(TypeAdapter(kind).core_schema))] = name
    named.clear()  # (a constant is written where a record uses it, after what it uses)
    tops = {record.__name__: written(adapter(record).core_schema) for record in RECORDS}
    lines = [
        _HEADER.format(
            made_with=made_with(),
            key=schema_key(),
            config=ConfigWrapper(None).core_config(None),
        )
    ]
    for name, schema in named.items():
        lines.append(f"{name}: Any = {pprint.pformat(schema, width=100, sort_dicts=False)}\n")
    lines.append(f"SCHEMAS: dict[str, Any] = {pprint.pformat(tops, sort_dicts=False)}\n")
    return "\n".join(lines)
