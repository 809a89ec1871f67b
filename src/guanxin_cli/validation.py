"""Validating files into records, without building Pydantic's validators on every run.

Pydantic builds a record's validator in two steps: its schema generator (Python, and most
of Pydantic's import) turns the annotated dataclasses in ``models.py`` into a *core schema*
(a dict), then pydantic-core (native code) compiles that into a validator in a millisecond
or two. The first step costs 0.1 s and gives the same dict every time, so it is done
once, when the records change: ``scripts/sync_bundled.py`` writes it into
``core_schemas.py``, and ``tests/test_validation.py`` fails while that file is out of date.

A run uses the written schema only if it was made from exactly these records and rules
(:data:`core_schemas.SOURCES`), with this Python and the installed Pydantic
(:data:`core_schemas.MADE_WITH`), and still imports; otherwise it builds the validator as
Pydantic always does (:func:`adapter`). Either way pydantic-core compiles the same schema,
so nothing a file means, and no message about it, depends on which way was taken. (One
difference: Pydantic plugins, observability hooks such as Logfire's, see only validators
Pydantic builds itself.)
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic_core import ValidationError as ValidationError  # (re-exported: caught from here)

if TYPE_CHECKING:
    from pydantic import TypeAdapter
    from pydantic_core import CoreSchema

_T = TypeVar("_T")
HERE = Path(__file__).parent
# What the written core schemas are made from (besides the Python and Pydantic versions):
# the records, the rules of their fields, and the code that writes them.
SOURCES = ("models.py", "fieldtypes.py", "rules.py")


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
def sources_key() -> str:
    """What a core schema written for these records must have been made from: the source
    of the records and their rules ("-" where it cannot be read)."""
    digest = hashlib.sha256()
    for name in SOURCES:
        try:
            digest.update((HERE / name).read_bytes())
        except OSError:  # (installed without its sources): no written schema can be current
            return "-"
    return digest.hexdigest()


@cache
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
    if schema is None or sources_key() != core_schemas.SOURCES:
        return None
    if made_with() != core_schemas.MADE_WITH:
        return None
    return SchemaValidator(schema)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(record: type[_T]) -> TypeAdapter[_T]:
    """The validator of one record type as Pydantic builds it from the annotations (0.1 s),
    built on first use (and only then)."""
    built = _ADAPTERS.get(record)
    if built is None:
        from pydantic import TypeAdapter

        built = _ADAPTERS[record] = TypeAdapter(record)
    return built


def _generated(record: type) -> Validator:
    return adapter(record).validator
