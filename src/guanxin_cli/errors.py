"""The one error family of guanxin and the named exit codes.

Every problem a user can cause (bad YAML, an unknown school, a usage mistake) is a
:class:`GuanxinError`.  The CLI layer is the only place that turns them into messages
and exit codes (see ``cli.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # problems in files, overdue items
    USAGE = 2
    UNAVAILABLE = 69  # a remote service (a chat robot) refused (EX_UNAVAILABLE)
    INTERNAL = 70  # a bug in guanxin (EX_SOFTWARE); never a traceback
    CANT_CREATE = 73  # an output file could not be written (EX_CANTCREAT)
    TEMPFAIL = 75  # a remote service could not be reached in time; try later (EX_TEMPFAIL)
    INTERRUPTED = 130


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and where known a 1-based line/column and a key path,
    or (in a workbook) a sheet's cell, ``任务进度!J7``."""

    path: Path | None = None
    line: int | None = None
    col: int | None = None
    key_path: str = ""
    cell: str = ""


@dataclass(frozen=True)
class Problem:
    """One located, translatable problem: ``msg`` is a key in the message catalog."""

    msg: str
    params: dict[str, Any] = field(default_factory=dict)
    where: Location = field(default_factory=Location)


class GuanxinError(Exception):
    """Base of every error guanxin reports to a user instead of a traceback."""

    exit_code: Exit = Exit.FINDINGS

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.problems[0].msg if self.problems else "")


class DataError(GuanxinError):
    """One or more files could not be read or did not validate."""


class UsageError(GuanxinError):
    """The command line asked for something impossible (unknown school, bad date...)."""

    exit_code = Exit.USAGE


def in_file_order(problems: list[Problem], files: list[Path] | None = None) -> list[Problem]:
    """``problems`` file by file (in the order of ``files``, then of first mention), each
    file's by line and column; problems without a file first, as they came."""
    rank: dict[Path, int] = {}
    for path in [*(files or ()), *(p.where.path for p in problems if p.where.path)]:
        if path is not None:
            rank.setdefault(path, len(rank))

    def key(p: Problem) -> tuple[int, int, int]:
        where = p.where
        if where.path is None:
            return (-1, 0, 0)
        return (rank[where.path], where.line or 0, where.col or 0)

    return sorted(problems, key=key)


def problem(msg: str, where: Location | None = None, **params: Any) -> Problem:
    return Problem(msg=msg, params=params, where=where or Location())


class OutputError(GuanxinError):
    """A report could not be written (missing folder, no permission, disk full...)."""

    exit_code = Exit.CANT_CREATE


class RefusedError(GuanxinError):
    """A remote service (a chat robot) answered, and refused what was sent."""

    exit_code = Exit.UNAVAILABLE


class UnreachableError(GuanxinError):
    """A remote service could not be reached, or kept asking to wait, until time ran out."""

    exit_code = Exit.TEMPFAIL
