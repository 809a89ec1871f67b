"""``guanxin log`` as a table: one row per commit of the school's file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..messages import Lang, t
from . import note, out_console, stdout_is_terminal

if TYPE_CHECKING:
    from ..history import Change, Revision


def change_text(change: Change, lang: Lang) -> str:
    if change.key.startswith("audit:"):
        return t("log.audit", lang, id=change.key.removeprefix("audit:"))
    if change.field != "status":
        if change.old is None and change.new is not None:  # newly recorded
            return t(f"log.change.{change.field}.set", lang, key=change.key, new=change.new)
        none = t("log.none_value", lang)
        old, new = change.old or none, change.new or none
        return t(f"log.change.{change.field}", lang, key=change.key, old=old, new=new)
    new = change.new if change.new is not None else t("log.removed", lang)
    text = f"{change.key}: {change.old} → {new}" if change.old else f"{change.key}: {new}"
    return f"{text} ({change.date})" if change.date and change.new == "done" else text


def render_log(school: str, path: str, revisions: list[Revision], lang: Lang) -> None:
    if not revisions:
        note(t("log.none", lang, school=school))
        return
    if not stdout_is_terminal():
        sys.stdout.write(log_plain(school, path, revisions, lang))
        return
    console = out_console()
    title = Text(t("log.header", lang, school=school, path=path))
    table = Table(title=title, title_justify="left")
    for key in ("log.date", "log.author", "log.subject", "log.changes"):
        table.add_column(t(key, lang), overflow="fold")
    for rev in revisions:
        changes = "\n".join(_changes(rev, lang))
        cells = (rev.date.isoformat(), rev.author, rev.subject, changes)
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)


def _changes(rev: Revision, lang: Lang) -> list[str]:
    if not rev.readable:
        return [t("log.unreadable", lang)]
    lines = [change_text(c, lang) for c in rev.changes]
    if rev.created:
        lines.insert(0, t("log.created", lang))
    return lines or [t("log.no_changes", lang)]


def log_plain(school: str, path: str, revisions: list[Revision], lang: Lang) -> str:
    """The log for a pipe or a file: a line a commit, its changes indented below it,
    nothing cut, no frame."""
    out = [t("log.header", lang, school=school, path=path)]
    for rev in revisions:
        out.append("")
        out.append(f"{rev.date.isoformat()}  {rev.author}  {rev.subject}".rstrip())
        out.extend(f"  {line}" for line in _changes(rev, lang))
    return "\n".join(out) + "\n"
