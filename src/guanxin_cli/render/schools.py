"""``guanxin school list``: the schools, one line each."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..messages import Lang, t
from .status import _whole
from .words import form_round


def render_school_list(view: dict[str, Any], console: Console, lang: Lang) -> None:
    table = Table(box=None, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column(t("col.school", lang), no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column(t("col.type", lang), no_wrap=True, overflow="ellipsis")
    table.add_column(t("col.liaison", lang), no_wrap=True, overflow="ellipsis", max_width=8)
    table.add_column(t("col.open", lang), justify="right", no_wrap=True)
    table.add_column(t("col.overdue", lang), justify="right", no_wrap=True)
    table.add_column(t("col.findings", lang), justify="right", no_wrap=True)
    if view.get("forms"):  # the workspace sends forms: the last one sent and read back
        table.add_column(t("col.form", lang), no_wrap=True)
    for s in view["schools"]:
        row: list[Any] = [
            s["id"],
            s["name"],
            t(f"type.{s['type']}", lang),
            s["liaison"] or "—",
            str(s["open_items"]),
            Text(str(s["overdue"]), style="bold red" if s["overdue"] else "dim"),
            Text(str(s["open_findings"]), style="yellow" if s["open_findings"] else "dim"),
        ]
        if view.get("forms"):
            row.append(form_round(s.get("form"), view["year"], lang))
        table.add_row(*row)
    # the name gives way; the id, the type, the liaison and the numbers stay whole
    _whole(table, console.width, 0, *range(2, len(table.columns)), flexible=1)
    console.print(table)
    console.print(
        Text(
            t(
                "school.list_total",
                lang,
                count=len(view["schools"]),
                date=view["as_of"].isoformat(),
            ),
            style="dim",
        )
    )
