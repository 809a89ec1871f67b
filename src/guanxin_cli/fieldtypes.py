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
    """``when: 3月底`` means ``when: [{phrase: 3月底}]``: files mostly write one phrase, as
    text; a phrase with a basis of its own is a mapping (and a mistake, such as a number,
    is reported as the phrase it stands for)."""
    items = value if isinstance(value, list) else [value]
    return [item if isinstance(item, dict) else {"phrase": item} for item in items]


def version_one(value: object) -> object:
    """``schema_version: 1`` (or 2), the number: not ``"1"``, ``1.0`` or ``true``."""
    if value.__class__ is not int:
        from pydantic_core import PydanticCustomError  # (validating: already imported)

        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def target(value: object) -> object:
    """A milestone's ``min``: a whole number (not ``true`` or ``"3"``), a share written
    ``80%`` (of the units in scope), or ``all``."""
    from pydantic_core import PydanticCustomError  # (validating: already imported)

    if isinstance(value, int) and value.__class__ is not bool:
        if value < 0:
            raise PydanticCustomError("model.target", "min must be 0 or more")
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == "all":
            return text
        number = text.removesuffix("%")
        if text.endswith("%") and number.isdigit() and 1 <= int(number) <= 100:
            return f"{int(number)}%"
    raise PydanticCustomError("model.target", "min is a number, a share such as 80%, or all")


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
# a school file: 1, its records at the top; 2, by plan year under `years`
SchoolSchemaVersion = Annotated[Literal[1, 2], Rule(lambda inner: _before(version_one, inner))]
# a plan year as a key (`2022:` in a file; "2022" in JSON)
YearKey = Annotated[int, Rule({"type": "int", "ge": 2000, "le": 2100})]
# `min: 3`, `min: 80%` or `min: all` (a share of the units in scope)
Target = Annotated[
    int | str,
    Rule(
        lambda inner: _before(target, inner),
        {
            "title": "Target",
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^(all|([1-9]?[0-9]|100)%)$"},
            ],
        },
    ),
]

_TEXT_SCHEMA = {"type": "string", "minLength": 1, "maxLength": 4000}
_BASIS_SCHEMA = {"enum": ["document", "default"], "type": "string"}
_PHRASE_SCHEMA = {
    "type": "object",
    "properties": {"phrase": _TEXT_SCHEMA, "basis": _BASIS_SCHEMA},
    "required": ["phrase"],
    "additionalProperties": False,
}
_ONE_PHRASE = {"anyOf": [_TEXT_SCHEMA, _PHRASE_SCHEMA]}
# A task's `when`: one phrase or a list, each text or a {phrase, basis} mapping (When[Phrase]
# in models.py). (At least one item: a constraint of the list itself, in pydantic-core,
# checked after the text is made a list; the same error type as any list too short, so the
# same message.)
When = Annotated[
    list[_T],
    Rule(
        lambda inner: _before(as_list, _at_least_one(inner)),
        {
            "title": "When",
            "anyOf": [
                _TEXT_SCHEMA,
                _PHRASE_SCHEMA,
                {"type": "array", "items": _ONE_PHRASE, "minItems": 1},
            ],
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
