"""Pydantic's side of the models: the constrained types, and validating files into records.

``models.py`` names the types below in its (string) annotations without importing this
module, so that reading records back from the cache never imports Pydantic. This module
puts the names where Pydantic looks for them (the models' module) before it builds the
first validator, which happens only when a file is actually read and checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter, WithJsonSchema
from pydantic import ValidationError as ValidationError  # (re-exported for loading.py)
from pydantic_core import PydanticCustomError

from . import models
from .models import PHONE_PATTERN, TEXT_PATTERN

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


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: object) -> object:
    """A date is written 2022-03-31, as the JSON Schema says. Pydantic would also take a
    number, or a number in quotes, as seconds since 1970 (``date: "1646784000"``), and a
    time of day: each is a mistake in a hand-written file."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _DAY.fullmatch(value)):
        return value  # (2022-02-30 still goes on to Pydantic, which says it is no day)
    raise PydanticCustomError("date_type", "Input should be a valid date")


Day = Annotated[dt.date, BeforeValidator(_day)]


def _version(value: object) -> object:
    """``schema_version: 1``, the number: not ``"1"``, ``1.0`` or ``true``."""
    if value.__class__ is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_version)]


def _as_list(value: object) -> object:
    """``when: 3月底`` means ``when: [3月底]``: files mostly write one phrase."""
    return [value] if isinstance(value, str) else value


_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 4000}
_WHEN_SCHEMA = {
    "title": "When",
    "anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA, "minItems": 1}],
}
When = Annotated[
    list[Text], BeforeValidator(_as_list), Field(min_length=1), WithJsonSchema(_WHEN_SCHEMA)
]

NAMES = {
    "Id": Id,
    "Text": Text,
    "Count": Count,
    "Day": Day,
    "SchemaVersion": SchemaVersion,
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


def validate(record: type[_T], data: object) -> _T:
    """``data`` (as read from YAML) as a ``record``; raises :class:`ValidationError`."""
    return adapter(record).validate_python(data)


def json_schema(record: type[Any]) -> dict[str, Any]:
    return adapter(record).json_schema()


def field_types(record: type[Any]) -> dict[str, Any]:
    """A record's fields and their types, with the constraints (for "did you mean" hints)."""
    hints = typing.get_type_hints(record, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(record)}
