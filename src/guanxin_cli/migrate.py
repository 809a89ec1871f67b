"""``guanxin migrate``: school files from the one-year layout to records by plan year.

A first-layout file (``schema_version: 1``) holds one year's ``progress``, ``audits`` and
``activities`` at the top. The per-year layout (``schema_version: 2``) keeps them under
``years: {2022: …}``, so that a second plan year can be recorded beside the first.

The change is made on the text, not by re-writing the document: each of the three blocks
moves, with its comments and blank lines, four spaces deeper under ``years: {year}:``, and
``schema_version`` becomes 2. Nothing else in the file changes, so ``git diff`` shows the
move and nothing more. The result must read as exactly the same data, moved: otherwise the
file is left as it is and the reason given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlio
from .errors import DataError, Location, problem

RECORD_KEYS = ("progress", "audits", "activities")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")
_VERSION = re.compile(r"^schema_version[ \t]*:[ \t]*1(?P<rest>[ \t]*(?:#.*)?)$")
_INDENT = "    "


def needs_migrating(data: object) -> bool:
    """Whether a unit file's data is in the first layout (its records at the top)."""
    if not isinstance(data, dict):
        return False
    return data.get("schema_version", 1) == 1 and "years" not in data


def layered_text(text: str, year: int, path: Path) -> str:
    """``text`` (a first-layout file, ``\\n`` line ends, no BOM) in the per-year layout,
    its records filed under ``year``; raises :class:`DataError` when that cannot be done
    by moving lines (a file written as one flow mapping, say)."""
    lines = text.split("\n")
    keys = [(n, m["key"]) for n, line in enumerate(lines) if (m := _TOP_KEY.match(line))]
    if not keys or any(line.startswith(("{", "[", "---", "...")) for line in lines[keys[0][0] :]):
        raise DataError(problem("migrate.by_hand", Location(path)))
    # each top-level key's block: from the comments right above it to the next block
    firsts = [_attached(lines, n) for n, _ in keys]
    blocks = [
        (key, first, n, firsts[i + 1] if i + 1 < len(keys) else len(lines))
        for i, ((n, key), first) in enumerate(zip(keys, firsts, strict=True))
    ]
    moved = [b for b in blocks if b[0] in RECORD_KEYS]
    out: list[str] = lines[: blocks[0][1]]
    if not any(b[0] == "schema_version" for b in blocks):
        out.append("schema_version: 2")
    placed = False
    for key, first, n, end in blocks:
        if key == "schema_version":
            match = _VERSION.match(lines[n])
            if match is None:
                raise DataError(problem("migrate.by_hand", Location(path, n + 1)))
            out += [*lines[first:n], "schema_version: 2" + match["rest"], *lines[n + 1 : end]]
        elif key not in RECORD_KEYS:
            out += lines[first:end]
        elif not placed:  # the years block goes where the first record block was
            out += ["years:", f"  {year}:"]
            for _, m_first, _, m_end in moved:
                out += [_INDENT + line if line.strip() else "" for line in lines[m_first:m_end]]
            placed = True
    return "\n".join(out)


def _attached(lines: list[str], n: int) -> int:
    """The first of the comment lines right above line ``n`` (no blank line between)."""
    while n > 0 and lines[n - 1].startswith("#"):
        n -= 1
    return n


def moved_data(data: dict[str, Any], year: int) -> dict[str, Any]:
    """What a first-layout file's data must read as once migrated."""
    out = {k: v for k, v in data.items() if k not in RECORD_KEYS}
    out["schema_version"] = 2
    records = {k: data[k] for k in RECORD_KEYS if k in data}
    if records:
        out["years"] = {year: records}
    return out


def migrate_text(text: str, year: int, path: Path) -> str:
    """The migrated text, checked to read as the same data moved under ``years``."""
    before = yamlio.loads(text, path)
    if not isinstance(before.data, dict):
        raise DataError(problem("migrate.by_hand", Location(path)))
    new = layered_text(text, year, path)
    try:
        after = yamlio.loads(new, path)
    except DataError:
        raise DataError(problem("migrate.by_hand", Location(path))) from None
    if after.data != moved_data(before.data, year):
        raise DataError(problem("migrate.by_hand", Location(path)))
    return new


@dataclass(frozen=True)
class Moved:
    """One file to migrate: its path and its text before and after (``\\n`` line ends)."""

    path: Path
    before: str
    after: str
    year: int


def plan_migration(paths: list[Path], year: int) -> list[Moved]:
    """Every first-layout file among ``paths``, migrated; raises one :class:`DataError`
    naming every file that cannot be (then nothing is to be written)."""
    from . import yamledit

    moves: list[Moved] = []
    problems = []
    for path in paths:
        try:
            doc = yamledit.load(path)
            if not needs_migrating(yamlio.loads(doc.original, path).data):
                continue
            after = migrate_text(doc.original, year, path)
            moves.append(Moved(path, doc.original, after, year))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return moves


def write_migration(moves: list[Moved]) -> None:
    """Write each file atomically under its lock, as planned (a file edited meanwhile is
    migrated again from what it holds now)."""
    from . import yamledit
    from .atomic import file_lock, write_or_fail

    for move in moves:
        with file_lock(move.path):
            doc = yamledit.load(move.path)
            after = move.after
            if doc.original != move.before:
                after = migrate_text(doc.original, move.year, move.path)
            if doc.crlf:
                after = after.replace("\n", "\r\n")
            write_or_fail(move.path, (yamledit.BOM if doc.bom else b"") + after.encode("utf-8"))
