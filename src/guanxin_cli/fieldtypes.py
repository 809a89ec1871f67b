"""The field types of the records (``Id``, ``Text``, ``Day`` …) and the rules of each.

Each rule is the core schema Pydantic validates a value with, given whole (the hooks
Pydantic looks for on ``Annotated`` metadata, see :class:`Rule`), so this module, and the
records in ``models.py`` that use it, import no Pydantic: reading records back from the
cache never pays for it. Pydantic reads the rules when it builds a validator or a JSON
Schema (``validation.py``, ``rules.py``); ``core_schemas.py`` holds what it makes of them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

_T = TypeVar("_T")

# Control characters in a text field are always a mistake (and break xlsx export and terminals).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
PHONE_PATTERN = r"^[0-9+\- ]{3,20}$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"  # a date as files write it: 2022-03-31

CoreSchema = dict[str, Any]


class Rule:
    """``Annotated`` metadata: the core schema Pydantic validates the value with (whole, or
    made from the schema of the annotated type, to constrain a list), and, where it is not
    what Pydantic would make of that, what the JSON Schema says."""

    __slots__ = ("json_schema", "schema")

    def __init__(
        self,
        schema: CoreSchema | Callable[[CoreSchema], CoreSchema],
        json_schema: dict[str, Any] | None = None,
    ) -> None:
        self.schema = schema
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        if callable(self.schema):
            return self.schema(handler(source))
        return copy.deepcopy(self.schema)

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        if self.json_schema is None:
            return handler(core_schema)
        return copy.deepcopy(self.json_schema)


def as_list(value: object) -> object:
    """``when: 3月底`` means ``when: [3月底]``: files mostly write one phrase."""
    return [value] if isinstance(value, str) else value


def version_one(value: object) -> object:
    """``schema_version: 1``, the number: not ``"1"``, ``1.0`` or ``true``."""
    if value.__class__ is not int:
        from pydantic_core import PydanticCustomError  # (validating: already imported)

        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _before(function: Callable[[object], object], inner: CoreSchema) -> CoreSchema:
    """``function`` applied to the value before ``inner`` checks it."""
    return {
        "type": "function-before",
        "function": {"type": "no-info", "function": function},
        "schema": inner,
    }


def _at_least_one(inner: CoreSchema) -> CoreSchema:
    return {**inner, "min_length": 1}


Id = Annotated[str, Rule({"type": "str", "pattern": r"^[a-z0-9][a-z0-9-]{0,63}$"})]
Text = Annotated[
    str,
    Rule(
        {
            "type": "str",
            "min_length": 1,
            "max_length": 4000,
            "strip_whitespace": True,
            "pattern": TEXT_PATTERN,
        }
    ),
]
# strict: `wulao: true` or `wulao: "5"` is a mistake, as the JSON Schema says, not 1 or 5
Count = Annotated[int, Rule({"type": "int", "strict": True, "ge": 0, "le": 1_000_000})]
# strict too: `min: true` is no 1, `year: "2022"` no year (a score may be 90 or 90.5)
Score = Annotated[float, Rule({"type": "float", "strict": True, "ge": 0, "le": 100})]
Year = Annotated[int, Rule({"type": "int", "strict": True, "ge": 2000, "le": 2100})]
NonNegative = Annotated[int, Rule({"type": "int", "strict": True, "ge": 0})]
Phone = Annotated[str, Rule({"type": "str", "pattern": PHONE_PATTERN})]
ProgressKey = Annotated[str, Rule({"type": "str", "max_length": 200})]
NonEmpty = Annotated[list[_T], Rule(_at_least_one)]

# A date as a file writes it, checked by pydantic-core alone: 2022-03-31 and nothing else.
# Pydantic's own date would also take a number, or a number in quotes, as seconds since 1970
# (``date: "1646784000"``), and a time of day: each is a mistake in a hand-written file. (A
# ``datetime.date`` is taken as it is, for callers in Python; not a ``datetime``, whose time
# of day is as much a mistake as in text.) Every way of failing is the one error "not a
# valid date", as for 2022-02-30.
_WRITTEN_DAY = {"type": "str", "pattern": DAY_PATTERN, "strip_whitespace": False, "strict": True}
Day = Annotated[
    dt.date,
    Rule(
        {
            "type": "custom-error",
            "schema": {
                "type": "union",
                # text first: what a file gives (a date object fails it, then passes the
                # other; the first to fail builds an error, for nothing on the common path)
                "choices": [
                    {"type": "chain", "steps": [_WRITTEN_DAY, {"type": "date"}]},
                    {"type": "date", "strict": True},
                ],
                "mode": "left_to_right",
            },
            "custom_error_type": "date_type",  # (Pydantic's own error, with its own message)
        },
        {"type": "string", "format": "date"},
    ),
]
SchemaVersion = Annotated[Literal[1], Rule(lambda inner: _before(version_one, inner))]

_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 4000}
# (at least one item: a constraint of the list itself, in pydantic-core, checked after the
# text is made a list; the same error type as any list too short, so the same message)
When = Annotated[
    list[Text],
    Rule(
        lambda inner: _before(as_list, _at_least_one(inner)),
        {
            "title": "When",
            "anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA, "minItems": 1}],
        },
    ),
]

# The field types by name, as models.py and the written core schemas name them.
NAMES: dict[str, Any] = {
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
