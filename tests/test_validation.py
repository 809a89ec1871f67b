"""Validators are compiled from the core schemas written in ``core_schemas.py``: they must
be exactly the validators Pydantic builds from the records, and never used when stale.

The written schemas are keyed by the records' sources and by the Python and Pydantic
versions that made them: under another Pydantic they are not used (a first run builds the
validators with Pydantic, 0.1 s more), and these tests check that instead.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guanxin_cli
from guanxin_cli import core_schemas, models, rules, validation, yamlio
from guanxin_cli.models import Plan, School
from guanxin_cli.validation import (
    ValidationError,
    Validator,
    adapter,
    made_with,
    sources_key,
)

from .conftest import REPO
from .test_fuzz_loader import FUZZ, SCHOOL_TEXT, plain, progress_like, school_like

# Written with the installed Pydantic: its validators are compiled from the written schemas.
CURRENT = made_with() == core_schemas.MADE_WITH


def test_written_core_schemas_are_made_from_these_records() -> None:
    """Whatever Pydantic is installed: the written schemas are those of the records and
    rules as they are (else: python scripts/sync_bundled.py)."""
    assert sources_key() == core_schemas.SOURCES, "run: python scripts/sync_bundled.py"


def test_written_core_schemas_are_current_or_not_used() -> None:
    """Under the Pydantic they were written with, the committed file is exactly what the
    records, their rules and that Pydantic make; under another, it is not used."""
    if CURRENT:
        written = (REPO / "src" / "guanxin_cli" / "core_schemas.py").read_text(encoding="utf-8")
        assert written == rules.core_schemas_text(), "run: python scripts/sync_bundled.py"
        assert validation._written(School) is not None
    else:
        assert validation._written(School) is None
        assert validation._written(Plan) is None


def outcome(validator: Validator, data: object) -> tuple[str, str]:
    """What validating ``data`` gives: the record, or every error (where, what, which input)."""
    try:
        return "ok", repr(validator.validate_python(data))
    except ValidationError as exc:
        return "error", repr(exc.errors(include_url=False))


def both(record: type) -> tuple[Validator, Validator]:
    """The validator compiled from the written schema, and the one Pydantic builds, which
    it must equal. (Under another Pydantic the written schema is not used, but it is
    compared all the same: where it no longer agrees, run python scripts/sync_bundled.py.)"""
    from pydantic_core import SchemaValidator

    written = validation._written(record) if CURRENT else None
    if written is None:
        written = SchemaValidator(core_schemas.SCHEMAS[record.__name__])
    return written, adapter(record).validator


def bundled_documents() -> list[tuple[type, Any]]:
    files = [(Plan, p) for p in sorted((REPO / "plans").glob("*.yaml"))]
    files += [(School, p) for p in sorted((REPO / "data").rglob("*.yaml"))]
    files += [(School, p) for p in sorted((REPO / "tests" / "corpus").glob("*.yaml"))]
    documents = []
    for record, path in files:
        try:
            documents.append((record, yamlio.load(path).data))
        except Exception:  # (a corpus file YAML itself refuses: nothing to validate)
            continue
    return documents


def test_written_and_generated_validators_agree_on_real_files() -> None:
    documents = bundled_documents()
    assert len(documents) > 20
    for record, data in documents:
        written, generated = both(record)
        assert outcome(written, data) == outcome(generated, data)


SCHOOL = yamlio.loads(SCHOOL_TEXT, Path("s.yaml")).data


def _replace(data: Any, path: list[int], value: Any) -> Any:
    """``data`` with the node that ``path`` picks (by position, at each level) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    if isinstance(data, dict):
        keys = list(data)
        key = keys[path[0] % len(keys)]
        return {**data, key: _replace(data[key], path[1:], value)}
    i = path[0] % len(data)
    return [*data[:i], _replace(data[i], path[1:], value), *data[i + 1 :]]


@settings(FUZZ)
@given(
    st.one_of(
        plain,
        school_like,
        progress_like,
        st.builds(_replace, st.just(SCHOOL), st.lists(st.integers(0, 20), max_size=5), plain),
    )
)
def test_written_and_generated_validators_agree_on_random_documents(data: Any) -> None:
    written, generated = both(School)
    assert outcome(written, data) == outcome(generated, data)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No validator built yet, and the schema key worked out again (before and after)."""
    monkeypatch.setattr(validation, "_VALIDATORS", {})
    validation.sources_key.cache_clear()
    yield
    validation.sources_key.cache_clear()


@pytest.mark.usefixtures("fresh")
def test_edited_records_never_use_the_old_schema(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Records or rules edited without writing the schemas again: the validator is built
    from the records (slowly), never compiled from the old schema."""
    copy = tmp_path / "src"
    shutil.copytree(validation.HERE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(validation, "HERE", copy)
    assert (validation._written(School) is not None) == CURRENT
    for name in validation.SOURCES:
        validation.sources_key.cache_clear()
        source = copy / name
        source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert validation._written(School) is None, name
    validation.sources_key.cache_clear()
    (copy / "models.py").unlink()  # (installed without its sources)
    assert validation._written(School) is None


@pytest.mark.usefixtures("fresh")
def test_written_schemas_naming_what_is_gone_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record or function renamed without writing the schemas again: the written module
    no longer imports, and validating goes on with the validator Pydantic builds."""
    monkeypatch.delitem(sys.modules, "guanxin_cli.core_schemas")  # (imported afresh)
    monkeypatch.delattr(guanxin_cli, "core_schemas")
    monkeypatch.delattr(models, "_list")  # (core_schemas names it as a default)
    assert validation._written(School) is None
    with pytest.raises(ValidationError):
        validation.validate(School, {"id": "x"})
    assert validation._VALIDATORS[School] is adapter(School).validator


@pytest.mark.usefixtures("fresh")
def test_another_pydantic_never_uses_the_written_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validation, "made_with", lambda: "pydantic 2.99.0, pydantic-core 2.99.0")
    assert validation._written(School) is None
    # validating works all the same, with the validator Pydantic builds
    with pytest.raises(ValidationError):
        validation.validate(School, {"id": "x"})
    assert validation._VALIDATORS[School] is adapter(School).validator


def test_made_with_names_the_installed_versions() -> None:
    import pydantic
    import pydantic_core

    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert made_with() == (
        f"Python {python}, pydantic {pydantic.VERSION}, pydantic-core {pydantic_core.__version__}"
    )
