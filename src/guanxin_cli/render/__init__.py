"""Consoles, problem lists and JSON envelopes (the renderers beside it lay out reports).

Results go to stdout, diagnostics to stderr.  Rich already honours ``NO_COLOR``,
``FORCE_COLOR`` and plain output when stdout is not a terminal; we only add
stable JSON and a fixed width for non-terminals so pipes and files get clean text.
Rich is imported when a console is first asked for: a report that goes to a pipe or a
file as plain text (``overdue`` from cron) never needs it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..messages import Lang, t

if TYPE_CHECKING:
    from rich.console import Console

JSON_VERSION = 1
PLAIN_WIDTH = 80


def _console(stderr: bool) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr, highlight=False, soft_wrap=False)
    # A pipe or a file: laid out for the width below, without the spaces Rich pads table
    # cells with at the ends of lines.
    trimmed: Any = Trimmed(stream)  # (the text stream Rich needs of a file)
    return Console(file=trimmed, highlight=False, width=_columns(), soft_wrap=False)


class Trimmed:
    """A text stream that writes each line without the spaces at its end."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return int(self.stream.fileno())

    @property
    def encoding(self) -> str:
        return str(getattr(self.stream, "encoding", None) or "utf-8")


def _columns() -> int:
    """The width for pipes and files: ``COLUMNS`` if it is set (a junk value is ignored),
    else 80, or the width of the terminal the command runs in if that is wider
    (``guanxin status | less``)."""
    raw = os.environ.get("COLUMNS", "")
    if raw.isdigit() and 20 <= int(raw) <= 1000:
        return int(raw)
    for stream in (sys.stderr, sys.stdin):
        try:
            if stream is not None and stream.isatty():
                return max(PLAIN_WIDTH, os.get_terminal_size(stream.fileno()).columns)
        except (OSError, ValueError):
            continue
    return PLAIN_WIDTH


def output_width() -> int:
    """The width plain text is laid out for when stdout is a pipe or a file."""
    return _columns()


def out_console() -> Console:
    return _console(stderr=False)


def stdout_is_terminal() -> bool:
    """What ``out_console().is_terminal`` says, without importing Rich for a pipe or a file:
    Rich calls stdout a terminal only when it is one, or when ``TTY_COMPATIBLE`` or
    ``FORCE_COLOR`` says so (then Rich is asked)."""
    if "TTY_COMPATIBLE" not in os.environ and "FORCE_COLOR" not in os.environ:
        try:
            if not sys.stdout.isatty():
                return False
        except ValueError:  # closed: Rich says "not a terminal" too
            return False
    return out_console().is_terminal


def err_console() -> Console:
    return _console(stderr=True)


def shown_path(path: Path | None) -> str:
    if path is None:
        return ""
    cwd = Path.cwd()
    try:
        # The name the user knows (a symlink stays a symlink), relative where possible.
        return str(path.absolute().relative_to(cwd))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)


def problem_line(p: Problem, lang: Lang) -> str:
    where = p.where
    prefix = shown_path(where.path)
    if prefix and where.cell:  # a workbook's cell, as spreadsheets write it: FILE.xlsx!表!C7
        prefix += f"!{where.cell}"
    elif prefix and where.line is not None:
        prefix += f":{where.line}"
        if where.col is not None:
            prefix += f":{where.col}"
    message = t(p.msg, lang, **p.params)
    if (
        where.key_path
        and p.msg.startswith(("v.", "ref.", "model."))
        and where.key_path not in message
    ):
        message = f"[{where.key_path}] {message}"
    return f"{prefix}: {message}" if prefix else message


def print_problems(
    problems: Iterable[Problem],
    lang: Lang,
    console: Console | None = None,
    *,
    summary: bool = True,
) -> int:
    console = console or err_console()
    items = list(problems)
    for p in items:
        console.print(
            problem_line(p, lang),
            markup=False,
            highlight=False,
            style="red" if console.is_terminal else None,
            soft_wrap=True,  # one problem per line, for editors and grep
        )
    located = [p for p in items if p.where.path is not None]
    files = {p.where.path for p in located}
    if files and summary:  # (problems in files: not a line such as "the file was not changed")
        counted = t("err.summary", lang, count=len(located), files=len(files))
        console.print(counted, markup=False, soft_wrap=True)
    return len(items)


def _default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(kind: str, data: Any, **meta: Any) -> str:
    """A versioned, sorted envelope: ``{"kind", "version", ..., "data"}``."""
    envelope = {"kind": f"guanxin.{kind}", "version": JSON_VERSION, **meta, "data": data}
    # indented for a person at a terminal; compact for scripts, where the C encoder is ~10x faster
    indent = 2 if sys.stdout.isatty() else None
    return json.dumps(envelope, ensure_ascii=False, indent=indent, sort_keys=True, default=_default)


def print_json(kind: str, data: Any, **meta: Any) -> None:
    sys.stdout.write(to_json(kind, data, **meta) + "\n")


def note(text: str) -> None:
    """A one-line diagnostic on stderr."""
    err_console().print(text, markup=False, style="dim", soft_wrap=True)
