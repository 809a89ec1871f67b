"""``guanxin timeline``: the year drawn on a month axis, sized in terminal cells.

Every line is built as a :class:`rich.text.Text` cut and padded to an exact cell width
(``Text.truncate`` counts a CJK character as two cells), so the chart keeps its columns
in Chinese and English and never exceeds the console width.  ``--svg``/``--html`` draw the
same view as geometry instead (``timeline_svg.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..messages import Lang, t, title_in
from .words import STATE_STYLE, default_mark, month_day, pct, weekday

MAX_WIDTH = 120
MIN_WIDTH = 60
MIN_LABEL = 30  # cells kept for task titles; the month axis gets the rest
PCT_W = 6  # " 100%!" — completion and an overdue flag
DONE, LATE, OPEN, NONE = "█", "▓", "░", "─"
MILESTONE, COMMEMORATION, AS_OF = "◆", "★", "▼"


class Axis:
    """Maps dates to cell columns: each month gets ``cell`` columns, split by day."""

    def __init__(self, months: list[dt.date], width: int) -> None:
        self.months = months
        self.cell = max(3, min(8, width // max(1, len(months))))
        self.width = self.cell * len(months)
        self.first = months[0]

    def col(self, day: dt.date) -> int | None:
        k = (day.year - self.first.year) * 12 + day.month - self.first.month
        if k < 0 or k >= len(self.months):
            return None
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        length = (nxt - day.replace(day=1)).days
        return k * self.cell + min(self.cell - 1, (day.day - 1) * self.cell // length)

    def clamp(self, day: dt.date) -> int:
        c = self.col(day)
        if c is not None:
            return c
        return 0 if day < self.first else self.width - 1


def fit(text: Text | str, width: int, *, right: bool = False) -> Text:
    """Cut (with an ellipsis) or pad ``text`` to exactly ``width`` cells."""
    line = text.copy() if isinstance(text, Text) else Text(text)
    line.truncate(width, overflow="ellipsis")
    gap = width - cell_len(line.plain)
    if gap > 0:
        if right:
            line = Text(" " * gap) + line
        else:
            line.append(" " * gap)
    return line


class Canvas:
    """One row of the axis: a list of (char, style) cells."""

    def __init__(self, axis: Axis, as_of: int | None) -> None:
        self.cells: list[tuple[str, str]] = [(" ", "")] * axis.width
        for k in range(len(axis.months)):
            self.cells[k * axis.cell] = ("·", "dim")
        if as_of is not None:
            self.cells[as_of] = ("│", "bold magenta")

    def put(self, col: int, char: str, style: str) -> None:
        if 0 <= col < len(self.cells):
            self.cells[col] = (char, style)

    def text(self) -> Text:
        out = Text()
        for char, style in self.cells:
            out.append(char, style=style)
        return out


BAR = {  # a window's state → (glyph, style); its length is its dates, nothing else
    "done": (DONE, "green"),
    "overdue": (LATE, "bold red"),
    "open": (OPEN, "cyan"),
    "not_started": (OPEN, "dim"),
    "none": (NONE, "dim"),
}


def _bar(canvas: Canvas, axis: Axis, span: dict[str, Any]) -> None:
    """The task's window from its first to its last day, in one glyph for its state (the share
    done is the % column: a bar part-filled by share read as a date on the time axis)."""
    char, style = BAR[span["state"]]
    for c in range(axis.clamp(span["start"]), axis.clamp(span["due"]) + 1):
        canvas.put(c, char, style)


def month_name(month: dt.date, cell: int, lang: Lang) -> str:
    """``3`` when the column is narrow; ``3月`` / ``Mar`` when it has room (and a gap)."""
    if lang == "en" and cell >= 4:
        return month.strftime("%b")
    if lang != "en" and cell >= 5:
        return f"{month.month}月"
    return str(month.month)


def chart_width(console_width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, console_width))


def timeline_lines(view: dict[str, Any], width: int, lang: Lang) -> list[Text]:
    """The whole picture as lines of exactly ``width`` cells or fewer."""
    months = [dt.date(int(m["month"][:4]), int(m["month"][5:]), 1) for m in view["months"]]
    axis = Axis(months, width - PCT_W - 1 - max(MIN_LABEL, width * 2 // 5))
    label_w = width - PCT_W - 1 - axis.width
    as_of: dt.date = view["as_of"]
    as_of_col = axis.col(as_of) if view["from"] <= as_of <= view["to"] else None
    lines: list[Text] = []

    def row(label: Text | str, canvas: Text, right: Text | str = "") -> None:
        lines.append(fit(label, label_w) + Text(" ") + canvas + fit(right, PCT_W, right=True))

    title = Text(title_in(view, lang), style="bold")
    lines.append(fit(title, width))
    scope = [t("timeline.range", lang, start=view["from"].isoformat(), end=view["to"].isoformat())]
    if view["school_name"]:
        scope.append(view["school_name"])
    if view["section"]:
        scope.append(t("timeline.section", lang, section=view["section"]))
    overall = view["overall"]
    scope.append(
        t(
            "timeline.overall",
            lang,
            done=overall["done"],
            total=overall["total"],
            pct=pct(overall["ratio"]),
        )
    )
    lines.append(fit(Text(" · ".join(scope), style="dim"), width))
    lines.append(Text())

    # as-of marker, month numbers, milestones, commemorations
    marker = Canvas(axis, None)
    marker.cells = [(" ", "")] * axis.width
    if as_of_col is not None:
        marker.put(as_of_col, AS_OF, "bold magenta")
    year = view["year"]
    as_of_label = t(
        "timeline.as_of", lang, date=month_day(as_of, year), weekday=weekday(as_of, lang)
    )
    row(fit(Text(as_of_label, style="bold magenta"), label_w, right=True), marker.text())
    header = Text()
    for m in months:
        header.append_text(fit(Text(month_name(m, axis.cell, lang), style="bold"), axis.cell))
    row(Text(t("timeline.month", lang), style="bold"), header, Text(t("col.done", lang) + " "))

    ms_canvas = Canvas(axis, as_of_col)
    for m in view["milestones"]:
        c = axis.col(m["due"])
        if c is not None:
            ms_canvas.put(c, MILESTONE, STATE_STYLE.get(m["state"], "bold"))
    row(Text(f"{MILESTONE} " + t("timeline.milestones", lang), style="bold"), ms_canvas.text())
    cm_canvas = Canvas(axis, as_of_col)
    for c_ in view["commemorations"]:
        c = axis.col(c_["date"])
        if c is not None:
            cm_canvas.put(c, COMMEMORATION, "bold red")
    row(
        Text(f"{COMMEMORATION} " + t("timeline.commemorations", lang), style="bold"),
        cm_canvas.text(),
    )

    for s in view["sections"]:
        if not s["tasks"]:
            continue
        r = s["rate"]
        row(
            Text(f"{s['number']} {title_in(s, lang)}", style="bold"),
            Canvas(axis, as_of_col).text(),
            Text(pct(r["ratio"]) + " ", style="bold"),  # " ": the overdue-flag slot
        )
        for task in s["tasks"]:
            canvas = Canvas(axis, as_of_col)
            for span in task["spans"]:
                _bar(canvas, axis, span)
            right = Text(pct(task["rate"]["ratio"]))
            right.append("!" if task["overdue"] else " ", style="bold red")
            row(_task_label(task, label_w, lang), canvas.text(), right)

    lines.append(Text())
    legend = Text()
    for char, style, key in (
        (DONE, "green", "timeline.legend.done"),
        (LATE, "bold red", "timeline.legend.overdue"),
        (OPEN, "cyan", "timeline.legend.open"),
        (MILESTONE, "bold", "timeline.legend.milestone"),
        (COMMEMORATION, "bold red", "timeline.legend.commemoration"),
        (AS_OF, "bold magenta", "timeline.legend.as_of"),
    ):
        legend.append(char, style=style)
        legend.append(" " + t(key, lang) + "  ")
    lines.extend(_wrap(legend, width))
    lines.append(Text())
    lines.extend(_events(view, width, lang))
    return lines


def _task_label(task: dict[str, Any], width: int, lang: Lang) -> Text:
    """The task's title, cut to leave room for its dates' basis: "默认" when the plan chose
    them, "部分默认" when only some."""
    key = {"default": "basis.default", "mixed": "basis.mixed"}.get(task.get("basis", ""))
    if key is None:
        return Text("  " + title_in(task, lang))
    mark = " " + t(key, lang)
    label = fit(Text("  " + title_in(task, lang)), width - cell_len(mark))
    label.rstrip()
    label.append(mark, style="dim")
    return label


def _wrap(text: Text, width: int) -> list[Text]:
    return [fit(line, width) for line in text.wrap(Console(width=width), width)]


def _events(view: dict[str, Any], width: int, lang: Lang) -> list[Text]:
    """Month by month: the milestones and commemorations with their dates and state."""
    events: list[tuple[dt.date, int, Text]] = []
    for m in view["milestones"]:
        target = f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"])
        count = m["count_now"] if m["days_left"] >= 0 else m["count_by_due"]
        line = Text()
        line.append(f"{MILESTONE} ", style=STATE_STYLE.get(m["state"], ""))
        line.append(f"{month_day(m['due'], view['year'])} ")
        line.append(title_in(m, lang))
        line.append(default_mark(m["basis"], lang), style="dim")
        line.append(f"  {count}/{target} ")
        line.append(t(f"ms.{m['state']}", lang), style=STATE_STYLE.get(m["state"], ""))
        events.append((m["due"], 0, line))
    for c in view["commemorations"]:
        line = Text()
        line.append(f"{COMMEMORATION} ", style="bold red")
        line.append(f"{month_day(c['date'], view['year'])} ")
        line.append(c["name_en"] if lang == "en" else c["name"])
        events.append((c["date"], 1, line))
    events.sort(key=lambda e: (e[0], e[1], e[2].plain))
    out = [fit(Text(t("timeline.events", lang), style="bold"), width)]
    month_w = 8
    last_month: tuple[int, int] | None = None
    for day, _, line in events:
        key = (day.year, day.month)
        label = t("timeline.month_label", lang, month=day.month) if key != last_month else ""
        last_month = key
        out.append(fit(Text(label, style="bold"), month_w) + fit(line, width - month_w))
    if not events:
        out.append(Text(t("timeline.no_events", lang), style="dim"))
    return out


def render_timeline(view: dict[str, Any], console: Console, lang: Lang) -> None:
    for line in timeline_lines(view, chart_width(console.width), lang):
        console.print(line, no_wrap=True, overflow="crop", soft_wrap=False)
