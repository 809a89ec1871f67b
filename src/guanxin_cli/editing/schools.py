"""``school add``: a new school (or unit) file."""

from __future__ import annotations

import re
from typing import Any, get_args

from .. import yamledit
from ..atomic import file_lock, write_or_fail
from ..errors import DataError, Location, UsageError, problem
from ..models import INTERMEDIATE_TYPES, SchoolType
from ..workspace.edits import EditBase
from .cycle import EditOutcome, refuse_if_invalid, shown_path, unified_diff

SCHOOL_TYPES: tuple[str, ...] = tuple(t for t in get_args(SchoolType) if t != "office")


# ------------------------------------------------------------------- a new school


def school_file_text(
    school_id: str, name: str, school_type: str, liaison: str | None, parent: str | None = None
) -> str:
    data: dict[str, Any] = {"schema_version": 2, "id": school_id, "name": name, "type": school_type}
    if parent:
        data["parent"] = parent
    if liaison:
        data["liaison"] = liaison
    header = [
        "yaml-language-server: $schema=../../schemas/school.schema.json",
        f"{name} 关工委工作进度。用 guanxin done / set / record-audit 记录，"
        "或直接编辑；改后运行 guanxin check。",
        "Progress of this school's 关工委: record it with guanxin done / set / record-audit, "
        "or edit by hand, then run guanxin check.",
    ]
    return yamledit.dumps_new(data, header)


def add_school(
    base: EditBase,
    school_id: str,
    name: str,
    school_type: str,
    *,
    liaison: str | None = None,
    parent: str | None = None,
    dry_run: bool,
) -> EditOutcome:
    if school_type not in SCHOOL_TYPES:
        from ..messages import Choices  # (here: the imports above are another branch's too)

        detail = Choices(SCHOOL_TYPES)
        if school_type == "office":
            from ..issuer import office_params

            raise UsageError(problem("edit.office_type", **office_params(base.plan.plan)))
        raise UsageError(
            problem("err.bad_option", option="--type", value=school_type, detail=detail)
        )
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", school_id):
        raise UsageError(problem("edit.bad_id", value=school_id))
    if not name.strip() or any(c in name for c in "\r\n"):
        raise UsageError(problem("edit.bad_name", value=name))
    folder = (
        base.workspace.units_dir
        if school_type in INTERMEDIATE_TYPES
        else base.workspace.schools_dir
    )
    path = folder / f"{school_id}.yaml"
    text = school_file_text(school_id, name.strip(), school_type, liaison, parent)
    diff = unified_diff("", text, shown_path(base, path), created=True)
    if path.exists():
        raise UsageError(problem("edit.school_exists", Location(path), id=school_id))
    try:
        refuse_if_invalid(base, path, text)
    except DataError as exc:  # (all of the new file is what the options said: a usage error)
        raise UsageError(exc.problems) from None
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        with file_lock(path):
            if path.exists():  # created by someone else since we looked
                raise UsageError(problem("edit.school_exists", Location(path), id=school_id))
            write_or_fail(path, text.encode("utf-8"))
    return EditOutcome(
        path,
        name,
        "edit.unit_added" if school_type in INTERMEDIATE_TYPES else "edit.school_added",
        {"school": name, "id": school_id},
        diff,
        not dry_run,
        created=True,
    )
