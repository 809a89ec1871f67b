"""The office's directory of liaisons (包校): who they are, and their phones.

School files name their liaison (``liaison: 王建国``); ``data/office.yaml`` may list the
office's liaisons with their phones (``liaisons: [{name: 王建国, phone: "13800000000"}]``),
which ``notify`` uses to @-mention them. Once that directory exists, ``check`` reports a
school whose liaison is not in it; without one, nothing is asked of the schools.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import yamlio
from .errors import Problem, problem
from .workspace.folders import Workspace
from .workspace.units import read_school


@dataclass(frozen=True)
class Directory:
    path: Path
    phones: dict[str, str | None]  # name → phone as written (None: none given)


def read_directory(ws: Workspace) -> Directory | None:
    """The directory in office.yaml, or None when there is no office file or no list in it.
    (A broken office file is ``check``'s to report: here it counts as no directory.)"""
    path = ws.office_path
    if not path.is_file():
        return None
    loaded = read_school(path, [])
    if loaded is None or loaded[2].liaisons is None:
        return None
    return Directory(path, {p.name: p.phone for p in loaded[2].liaisons})


def unknown_liaisons(
    directory: Directory | None, units: Iterable[tuple[str | Path, str | None]]
) -> list[Problem]:
    """A problem for each school file (path, its ``liaison``) naming someone not in the
    directory, with the closest names; none at all without a directory."""
    if directory is None:
        return []
    known = sorted(directory.phones)
    out: list[Problem] = []
    for path, name in units:
        if name is None or name in directory.phones:
            continue
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        where = yamlio.Document(Path(path), None, text=None).locate(("liaison",))
        out.append(
            problem(
                "ref.liaison_unknown_hint" if close else "ref.liaison_unknown",
                where,
                value=name,
                hint="、".join(close),
                directory=directory.path.name,
            )
        )
    return out


def liaisons_in(paths: Iterable[Path]) -> list[tuple[Path, str | None]]:
    """Each valid school file's liaison (for ``check FILE...``; other files are skipped:
    their own problems are reported on their own)."""
    out: list[tuple[Path, str | None]] = []
    for path in paths:
        loaded = read_school(path, [])
        if loaded is not None and loaded[2].type != "office":
            out.append((path, loaded[2].liaison))
    return out
