"""What Pydantic makes of the records: their JSON Schemas, and the core schemas written
into ``core_schemas.py`` (by ``scripts/sync_bundled.py``).

The records are ``models.py``; the rules of their field types are ``fieldtypes.py``;
validating is ``validation.py``.
"""

from __future__ import annotations

import dataclasses
import pprint
import re
import types
import typing
from typing import Any, Literal

from pydantic import TypeAdapter

from . import models
from .fieldtypes import NAMES, as_list, target, version_one
from .validation import adapter, made_with, sources_key


def json_schema(record: type[Any]) -> dict[str, Any]:
    return adapter(record).json_schema()


def field_types(record: type[Any]) -> dict[str, Any]:
    """A record's fields and their types, with the constraints (for "did you mean" hints)."""
    hints = typing.get_type_hints(record, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(record)}


# ------------------------------------------------------------- the written core schemas

RECORDS = (models.Plan, models.School)  # the files' top records, validated directly
_FUNCTIONS = {f: f.__name__ for f in (as_list, target, version_one)}
_HEADER = """\
\"\"\"Pydantic's core schemas of the plan and school records, as ``rules.py`` makes them.

Written by ``python scripts/sync_bundled.py`` (do not edit); used by ``validation.py``
while :data:`SOURCES` matches the records and their rules, and :data:`MADE_WITH` the
installed Python and Pydantic.
\"\"\"
# ruff: noqa: E501

from __future__ import annotations

from typing import Any

from . import models
from .fieldtypes import as_list, target, version_one

MADE_WITH = {made_with!r}
SOURCES = {sources!r}
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
    lines = [_HEADER.format(made_with=made_with(), sources=sources_key())]
    for name, schema in named.items():
        lines.append(f"{name}: Any = {pprint.pformat(schema, width=100, sort_dicts=False)}\n")
    lines.append(f"SCHEMAS: dict[str, Any] = {pprint.pformat(tops, sort_dicts=False)}\n")
    return "\n".join(lines)
