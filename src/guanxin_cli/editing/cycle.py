"""The cycle every edit of a user's file runs: lock, read, change, validate as ``check``
would, write atomically (or only show the diff); nothing is written when the new text has
a problem."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamledit
from ..atomic import file_lock, remove_stale_temps, write_or_fail
from ..errors import DataError, GuanxinError, Location, Problem, problem
from ..workspace.edits import EditBase, check_edit


@dataclass(frozen=True)
class EditOutcome:
    """What an edit did: the unified diff, and whether the file was (or would be) written."""

    path: Path
    school: str
    summary: str  # message key of the one-line confirmation
    params: dict[str, Any]
    diff: str
    written: bool
    created: bool = False
    notes: Sequence[Problem] = ()  # worth saying on stderr, e.g. a done date replaced
    details: Sequence[tuple[str, dict[str, Any]]] = ()  # more of what it did (key, params)

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def unified_diff(old: str, new: str, path: Path, *, created: bool = False) -> str:
    label = path.as_posix()
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile="/dev/null" if created else f"a/{label}",
        tofile=f"b/{label}",
    )
    return "".join(lines)


def edit_file(
    base: EditBase,
    path: Path,
    change: Callable[[Any], None],
    *,
    dry_run: bool,
    notes: list[Problem] | None = None,
    focus: Sequence[str] | None = None,
) -> tuple[str, bool]:
    """Lock, read, ``change(data)``, validate, write; return (diff, written). Lines the
    edit rewrites besides its own (the file's layout cannot be kept) go into ``notes``.
    ``focus``: the only top-level keys ``change`` reads or changes (``progress``), so that
    the rest of a large file need not go through the round trip (see ``yamledit``)."""
    with file_lock(path):
        doc, new_text, diff = _prepared(base, path, change, notes, focus)
        if dry_run or new_text == doc.original:
            return diff, False
        remove_stale_temps(path)  # we hold the lock: any temp file is from a killed writer
        write_or_fail(path, doc.to_bytes(new_text))
        return diff, True


def _prepared(
    base: EditBase,
    path: Path,
    change: Callable[[Any], None],
    notes: list[Problem] | None,
    focus: Sequence[str] | None,
) -> tuple[yamledit.EditDoc, str, str]:
    """The file (its lock held) with ``change`` made and validated as ``check`` would:
    the document, its new text and the diff; a :class:`DataError` when it must not be
    written."""
    doc, new_text = _changed(path, change, notes, focus)
    lost = yamledit.lost_comments(doc.original, new_text)
    if lost:
        line, comment = lost[0]
        where = Location(path, line)
        raise DataError(problem("edit.comment_lost", where, comment=comment, more=len(lost)))
    refuse_if_invalid(base, path, new_text)
    return doc, new_text, unified_diff(doc.original, new_text, shown_path(base, path))


@dataclass
class FileEdit:
    """One edit of one file, for :func:`edit_files`: ``change`` as :func:`edit_file` takes
    it; the lines it rewrites besides its own go into ``notes``."""

    base: EditBase
    path: Path
    change: Callable[[Any], None]
    focus: Sequence[str] | None = None
    notes: list[Problem] = field(default_factory=list)


def edit_files(
    edits: Sequence[FileEdit], *, dry_run: bool, problems: Sequence[Problem] = ()
) -> list[tuple[str, bool]]:
    """Several files edited as one: every file's lock is taken (in path order, so two runs
    never wait on each other), each edit is made and validated, and only when none has a
    problem (nor any of ``problems``, found before) is any file written. Every problem of
    every edit is raised at once; (diff, written) for each edit otherwise."""
    paths = [e.path for e in edits]
    if len(set(paths)) < len(paths):
        raise ValueError("edit_files: one edit a file")  # (the caller joins a file's changes)
    found = list(problems)
    prepared: list[tuple[yamledit.EditDoc, str, str] | None] = []
    with contextlib.ExitStack() as locks:
        for path in sorted(paths):
            locks.enter_context(file_lock(path))
        for e in edits:
            try:
                prepared.append(_prepared(e.base, e.path, e.change, e.notes, e.focus))
            except GuanxinError as exc:
                found += [p for p in exc.problems if p.msg != "edit.not_written"]  # (said once)
                prepared.append(None)
        if found:
            raise DataError([*found, problem("edit.none_written")])
        out: list[tuple[str, bool]] = []
        for e, ready in zip(edits, prepared, strict=True):
            assert ready is not None  # (a problem would have been raised above)
            doc, new_text, diff = ready
            if dry_run or new_text == doc.original:
                out.append((diff, False))
                continue
            remove_stale_temps(e.path)
            write_or_fail(e.path, doc.to_bytes(new_text))
            out.append((diff, True))
        return out


def _changed(
    path: Path,
    change: Callable[[Any], None],
    notes: list[Problem] | None,
    focus: Sequence[str] | None,
) -> tuple[yamledit.EditDoc, str]:
    """The file opened for editing, and its text after ``change``: lines ruamel cannot
    write back as they were stay as they were wherever the edit leaves them alone."""
    noted = len(notes) if notes is not None else 0
    doc = yamledit.load(path, focus)
    baseline = doc.text() if doc.reformatted else ""
    try:
        change(doc.data)
        new_text = doc.text()
    except yamledit.SharedNode as shared:
        where = Location(path, doc.head_lines + shared.line, shared.col)
        raise DataError(problem("edit.shared", where, anchor=shared.anchor)) from None
    except yamledit.FoldLost:
        new_text = ""
    if doc.folds and not (new_text and doc.kept_intact(new_text)):
        # (never seen: what was set aside did not come back as it was) the whole round trip
        if notes is not None:
            del notes[noted:]
        return _changed(path, change, notes, None)
    if doc.reformatted:
        # only the entries the edit touches are rewritten
        merged = yamledit.merge(doc.original, baseline, new_text)
        rewritten = set(doc.reformatted)
        if merged.text == new_text or yamledit.reads_alike(merged.text, new_text, path):
            new_text = merged.text
            rewritten &= set(merged.rewritten)
        if rewritten and notes is not None:
            first = min(rewritten)
            notes.append(problem("edit.reformatted", Location(path, first), count=len(rewritten)))
    return doc, new_text


def refuse_if_invalid(base: EditBase, path: Path, text: str) -> None:
    problems = check_edit(base, path, text)
    if problems:
        raise DataError([*problems, problem("edit.not_written")])


def shown_path(base: EditBase, path: Path) -> Path:
    try:
        return path.resolve().relative_to(base.workspace.root.resolve())
    except ValueError:
        return path
