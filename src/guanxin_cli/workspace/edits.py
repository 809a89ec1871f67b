"""What an edit needs before it writes: the plan and every unit file that loads on its own
(:func:`load_for_edit`), and what ``check`` would say of a file holding the edited text
(:func:`check_edit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import yamlio
from ..errors import DataError, Problem, UsageError
from ..models import School
from ..year.scope import compute_groups
from ..years import SchoolYear, for_year
from .checks import check_together
from .folders import Workspace, stays_inside
from .located import text_document, validated
from .plans import LoadedPlan, load_plan
from .units import read_school


@dataclass
class EditBase:
    """What an edit needs: the plan, and every unit file that loads on its own.

    A broken file elsewhere must not stop recording progress for another school, so
    files that fail to load are kept aside in ``broken`` instead of raising.
    """

    workspace: Workspace
    plan: LoadedPlan
    units: list[tuple[Path, yamlio.Document, School]]
    broken: list[Problem]

    def schools(self) -> list[School]:
        """The office first (if any), then the schools, as they are on disk."""
        return [s for _, _, s in self.units]

    def path_of(self, school: School) -> Path:
        return next(p for p, _, s in self.units if s is school)

    def find(self, query: str) -> School:
        """The unit ``query`` names (see :func:`resolve_school`); when it names a file that
        does not load, that file's own problems are raised instead of "no such school"."""
        from ..schools import broken_named, resolve_school

        paths = sorted({p.where.path for p in self.broken if p.where.path is not None})
        # a file refused for leading outside the workspace is never read, not even for a name
        shut = {p.where.path for p in self.broken if p.msg in _NOT_READ}
        labels = {p: [p.stem] if p in shut else _labels(p) for p in paths}
        named = broken_named(query, self.schools(), labels)
        if named:
            raise DataError([p for p in self.broken if p.where.path in named])
        try:
            return resolve_school(query, self.schools())
        except UsageError as exc:
            unknown = exc.problems[0].msg in ("school.unknown", "school.unknown_hint")
            if not (unknown and self.broken):
                raise
            # it may be one of the files that do not load: say which those are, and why
            raise DataError([*exc.problems, *self.broken]) from None

    def groups(self) -> dict[str, frozenset[str]]:
        return compute_groups(self.plan.plan, [s for s in self.schools() if s.type != "office"])

    @property
    def year(self) -> int:
        """The plan year the edit records in."""
        return self.plan.plan.year

    def view(self, school: School) -> SchoolYear:
        """``school`` as the edit's plan year sees it (its records of that year)."""
        return for_year(school, self.year, self.workspace.first_year())


_NOT_READ = frozenset({"file.outside", "file.unreadable"})
# `id: x` / `name: 某某小学` at the top level of a file too broken to parse (quotes and an
# end-of-line comment aside)
_TOP_LABEL = re.compile(r"^(id|name):[ \t]*(['\"]?)(.*?)\2[ \t]*(?:#.*)?$", re.MULTILINE)


def _labels(path: Path) -> list[str]:
    """What a broken file still shows of itself: its stem, then its id and name if readable
    (from the text itself when the YAML is too broken to parse)."""
    data = yamlio.peek(path)
    if isinstance(data, dict):
        found = [data.get(k) for k in ("id", "name")]
    else:
        try:
            text = yamlio.read_head(path).decode("utf-8", "replace")
        except OSError:
            text = ""
        found = [m.group(3) for m in _TOP_LABEL.finditer(text)]
    return [path.stem, *(v for v in found if isinstance(v, str) and v.strip())]


def load_for_edit(ws: Workspace, *, year: int | None = None) -> EditBase:
    plan = load_plan(ws, year=year)
    paths = ws.unit_paths()
    broken: list[Problem] = []
    # as for reading: a file whose symlink leads outside the workspace is neither read
    # nor written (an edit would otherwise write through it)
    paths = [p for p in paths if stays_inside(p, ws, broken)]
    units = [u for u in (read_school(p, broken) for p in paths) if u is not None]
    return EditBase(ws, plan, units, broken)


def check_edit(base: EditBase, path: Path, text: str) -> list[Problem]:
    """Problems ``check`` would report for ``path`` if it held ``text``: YAML, models, and
    the cross-checks against the plan and the other files as they are on disk."""
    problems: list[Problem] = []
    doc = text_document(text, path, problems)
    if doc is None:
        return problems
    school = validated(School, doc, problems)
    if school is None:
        return problems
    target = path.resolve()
    others = [u for u in base.units if u[0].resolve() != target]
    # The edited file goes last, so a clash with another file is reported on the edited one.
    check_together(
        base.plan.plan,
        base.plan.occurrences,
        [*others, (path, doc, school)],
        base.workspace,
        problems,
    )
    return [p for p in problems if p.where.path == path]
