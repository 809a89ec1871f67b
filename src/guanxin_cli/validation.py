"""Validating files into records, without building Pydantic's validators on every run.

Pydantic builds a record's validator in two steps: its schema generator (Python, and most
of Pydantic's import) turns the annotated dataclasses in ``models.py`` into a *core schema*
(a dict), then pydantic-core (native code) compiles that into a validator in a millisecond
or two. The first step costs 0.1 s and gives the same dict every time, so it is done
once, when the records change: ``scripts/sync_bundled.py`` writes it into
``core_schemas.py``, and ``tests/test_validation.py`` fails while that file is out of date.

A run uses the written schema only if it was made from exactly these records and rules,
with this Python and the installed Pydantic (:data:`core_schemas.KEY`), and still imports;
otherwise it builds the validator as Pydantic always does (``rules.py``). Either way
pydantic-core compiles the same schema, so nothing a file means, and no message about it,
depends on which way was taken. (One difference: Pydantic plugins, observability hooks
such as Logfire's, see only validators Pydantic builds itself.)

The functions the schemas call (``schema_version`` must be the number 1, …) live here,
where the written schema can name them without importing Pydantic proper.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic_core import PydanticCustomError
from pydantic_core import ValidationError as ValidationError  # (re-exported for loading.py)

if TYPE_CHECKING:
    from pydantic_core import CoreConfig, CoreSchema

_T = TypeVar("_T")
HERE = Path(__file__).parent
# What the written core schemas are made from (besides the Pydantic versions).
SOURCES = ("models.py", "rules.py")


def _version(value: object) -> object:
    """``schema_version: 1``, the number: not ``"1"``, ``1.0`` or ``true``."""
    if value.__class__ is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def _target(value: object) -> object:
    """A milestone's ``min``: a whole number (not ``true`` or ``"3"``), a share written
    ``80%`` (of the units in scope), or ``all``."""
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


def _as_list(value: object) -> object:
    """``when: 3月底`` means ``when: [{phrase: 3月底}]``: files mostly write one phrase, as
    text; a phrase with a basis of its own is a mapping (and a mistake, such as a number,
    is reported as the phrase it stands for)."""
    items = value if isinstance(value, list) else [value]
    return [item if isinstance(item, dict) else {"phrase": item} for item in items]


class Validator(Protocol):
    def validate_python(self, data: Any, /) -> Any: ...


_VALIDATORS: dict[type, Validator] = {}


def validate(record: type[_T], data: object) -> _T:
    """``data`` (as read from YAML) as a ``record``; raises :class:`ValidationError`."""
    built = _VALIDATORS.get(record)
    if built is None:
        built = _VALIDATORS[record] = _written(record) or _generated(record)
    result: _T = built.validate_python(data)
    return result


@cache
def schema_key() -> str:
    """What a core schema written for these records must have been made from: the source
    of the records and their rules, and the Python and Pydantic versions that turn them
    into one (:func:`made_with`)."""
    digest = hashlib.sha256(f"{made_with()}\n".encode())
    for name in SOURCES:
        try:
            digest.update((HERE / name).read_bytes())
        except OSError:  # (installed without its sources): no written schema can be current
            return "-"
    return digest.hexdigest()


def made_with() -> str:
    """The Python and Pydantic versions ("Python 3.11, pydantic 2.14.4, pydantic-core
    2.50.5") that turn the records into core schemas, found without importing Pydantic
    proper (its version is the name of its dist-info folder, where importlib.metadata finds
    it; "pydantic ?" if there is none)."""
    from pydantic_core import __version__ as core_version

    from .cache import installed

    where = installed("pydantic", "pydantic")
    entry = where[2] if where is not None else None
    version = entry.removesuffix(".dist-info").partition("-")[2] if entry else "?"
    python = "{}.{}".format(*sys.version_info[:2])  # (typing's answers differ by version)
    return f"Python {python}, pydantic {version}, pydantic-core {core_version}"


def _written(record: type) -> Validator | None:
    """The validator compiled from the core schema written for ``record``, if it is current."""
    from pydantic_core import SchemaValidator

    try:
        from . import core_schemas
    except (ImportError, AttributeError):  # missing, or naming what is no longer there
        return None
    schema: CoreSchema | None = core_schemas.SCHEMAS.get(record.__name__)
    if schema is None or schema_key() != core_schemas.KEY:
        return None
    config: CoreConfig = core_schemas.CONFIG
    return SchemaValidator(schema, config)


def _generated(record: type) -> Validator:
    """The validator Pydantic builds for ``record`` from its annotations (0.1 s)."""
    from .rules import adapter

    return adapter(record).validator
