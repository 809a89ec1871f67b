"""A unit file (the office's, a unit's between it and the schools, a school's) → its model:
read, validated and, with the plan's :class:`~.checks.UnitCheck`, checked against it as far
as it can be even when it has problems, so that one run reports everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import yamlio
from ..cache import ParseCache, stat_key
from ..errors import DataError, Problem
from ..models import School
from ..year.scope import unit_groups
from ..years import for_year
from .checks import UnitCheck
from .located import read_document, validation_problems


def read_school(
    path: Path,
    problems: list[Problem],
    parse_cache: ParseCache | None = None,
    check: UnitCheck | None = None,
) -> tuple[Path, yamlio.Document, School] | None:
    """A school file's model, or None with what is wrong added to ``problems``. With
    ``check`` (the plan's), a file with problems is checked as far as it can be, against
    the plan too, so that one run reports everything (see ``salvage.py``)."""
    key = stat_key(path) if parse_cache is not None else None
    if parse_cache is not None:
        cached = parse_cache.get(path, "school", key)
        if isinstance(cached, School):
            # Positions are read from the file only if a cross-check has something to say.
            return path, yamlio.Document(path, None, text=None), cached
    found: list[Problem] = []  # what YAML said of a file it still read (with check)
    doc = read_document(path, found, closed=True, salvage=check is not None)
    if doc is None:
        problems.extend(found)
        return None
    from ..validation import ValidationError, validate

    school: School | None = None
    if not found:
        try:
            school = validate(School, doc.data)
        except ValidationError:
            school = None
    if school is None and not found:
        # Read again with every check, so the file says what is wrong as it always has
        # (a key like `1.5:` is text there, and may be fine).
        assert doc.text is not None  # (just read)
        try:
            doc = yamlio.loads(doc.text, path)
        except yamlio.Salvaged as exc:
            found.extend(exc.problems)
            if check is None:
                problems.extend(found)
                return None
            doc = exc.document
        except DataError as exc:
            problems.extend(exc.problems)
            return None
    if school is None or found:
        _check_broken(path, doc, school, found, check)
        problems.extend(found)
        return None
    if parse_cache is not None:
        parse_cache.put(path, "school", key, school)
    # Keep only what locating a cross-file problem needs: not the data, not the text
    # (both are read again on demand), so 20,000 files do not sit in memory twice.
    return path, yamlio.Document(path, None, text=None), school


def _check_broken(
    path: Path,
    doc: yamlio.Document,
    school: School | None,
    found: list[Problem],
    check: UnitCheck | None,
) -> None:
    """Add to ``found`` what a school file with problems has besides (``school``: its
    model, if it validates in spite of them): every problem validation finds, and then,
    with ``check``, what the plan's checks find in the rest (the file stays refused)."""
    from ..salvage import quiet_blanked, salvage_school
    from ..validation import ValidationError, validate

    errors: list[Any] = []
    if school is None:
        try:
            school = validate(School, doc.data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            found.extend(quiet_blanked(validation_problems(exc, doc, School), doc))
    if check is None:
        return
    if not errors:
        assert school is not None
        check.unit(path, doc, school, found)
        return
    salvaged = salvage_school(doc, errors)
    if salvaged is not None:
        check.unit(path, salvaged.doc, salvaged.school, found, scope=salvaged.scope_known)


def checked_unit(
    check: UnitCheck, path: Path
) -> tuple[tuple[School, dict[str, frozenset[str]]] | None, list[Problem]]:
    """A unit file read, validated and checked against the plans of the years it records
    (a file with problems as far as it can be: see ``salvage.py``): the unit as the
    check's plan year sees it, with its groups (:func:`unit_groups`), or None with every
    problem found in it."""
    problems: list[Problem] = []
    loaded = read_school(path, problems, check=check)
    if loaded is None:
        return None, problems
    _, doc, record = loaded
    unit = for_year(record, check.plan.year, check.first_year)
    groups = unit_groups(check.plan, unit)
    check.unit(path, doc, record, problems, groups)
    return (None if problems else (unit, groups)), problems
