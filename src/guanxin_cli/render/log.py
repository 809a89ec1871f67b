"""``guanxin log`` as a table: one row per commit of the school's file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..messages import Lang, t
from . import note, out_console

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
    console = out_console()
    title = Text(t("log.header", lang, school=school, path=path))
    table = Table(title=title, title_justify="left")
    for key in ("log.date", "log.author", "log.subject", "log.changes"):
        table.add_column(t(key, lang), overflow="fold")
    for rev in revisions:
        if not rev.readable:
            changes = t("log.unreadable", lang)
        else:
            lines = [change_text(c, lang) for c in rev.changes]
            if rev.created:
                lines.insert(0, t("log.created", lang))
            changes = "\n".join(lines) or t("log.no_changes", lang)
        cells = (rev.date.isoformat(), rev.author, rev.subject, changes)
        table.add_row(*(Text(cell) for cell in cells))
    console.print(table)
