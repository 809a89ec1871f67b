"""``guanxin timeline --svg/--html``: the year drawn as SVG geometry, for print and screens.

Each month is a column of the same width; a task's window is a rectangle from the start of
its first day to the end of its last, so bars, month lines and the as-of line meet at the
same x in any browser or viewer (no monospace text to line up). One meaning per mark: the
x axis is time; a bar's colour is the state of that window; how much is done is a separate
column on the right. Light by default (prints on white); ``theme="dark"`` for screens.
Fonts are the system's CJK faces: nothing is fetched.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from html import escape
from typing import Any, Literal

from ..messages import Lang, t, title_in
from .fonts import CSS_SANS
from .words import pct, weekday

Theme = Literal["light", "dark"]
SVG_NS = "http://www.w3.org/2000/svg"

WIDTH = 1240
PAD = 24
LABEL_W = 360
RIGHT_W = 170
GAP = 12
ROW_H = 22
BAR_H = 12
TEXT = 13  # px

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "text": "#1f2328",
        "muted": "#57606a",
        "grid": "#d0d7de",
        "zebra": "#f6f8fa",
        "band": "#eaeef2",
        "track": "#e6e9ed",
        "done": "#2da44e",
        "overdue": "#cf222e",
        "open": "#0969da",
        "not_started": "#b6c2cf",
        "none": "#d0d7de",
        "as_of": "#8250df",
        "met": "#2da44e",
        "met_late": "#bf8700",
        "missed": "#cf222e",
        "at_risk": "#bf8700",
        "pending": "#0969da",
        "commemoration": "#cf222e",
    },
    # today's terminal colours (Rich's default theme) on its dark background
    "dark": {
        "bg": "#292929",
        "text": "#c5c8c6",
        "muted": "#8a8d8b",
        "grid": "#444444",
        "zebra": "#2f2f2f",
        "band": "#353535",
        "track": "#444444",
        "done": "#98a84b",
        "overdue": "#ff6c6b",
        "open": "#68a0b3",
        "not_started": "#5c6370",
        "none": "#444444",
        "as_of": "#af8fe9",
        "met": "#98a84b",
        "met_late": "#d0b344",
        "missed": "#ff6c6b",
        "at_risk": "#d0b344",
        "pending": "#68a0b3",
        "commemoration": "#ff6c6b",
    },
}
BAR_STATES = ("done", "overdue", "open", "not_started")


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn: a CJK character is 1em, others about 0.6em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def fit_text(text: str, width: float, size: float = TEXT) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` pixels."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


class Axis:
    """Dates to x: every month one column of the same width, its days evenly across it."""

    def __init__(self, months: list[dt.date], x0: float, width: float) -> None:
        self.months = months
        self.x0 = x0
        self.col = width / max(1, len(months))
        self.x1 = x0 + self.col * len(months)

    def x(self, day: dt.date) -> float:
        """Where ``day`` begins (clamped to the chart)."""
        first = self.months[0]
        k = (day.year - first.year) * 12 + day.month - first.month
        if k < 0:
            return self.x0
        if k >= len(self.months):
            return self.x1
        days = calendar.monthrange(day.year, day.month)[1]
        return self.x0 + self.col * (k + (day.day - 1) / days)

    def end(self, day: dt.date) -> float:
        """Where ``day`` ends."""
        return self.x(day + dt.timedelta(days=1)) if day < self._last() else self.x1

    def _last(self) -> dt.date:
        m = self.months[-1]
        return m.replace(day=calendar.monthrange(m.year, m.month)[1])


def _num(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(
    x: float,
    y: float,
    text: str,
    fill: str,
    *,
    size: int = TEXT,
    anchor: str = "start",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}">{escape(text)}</text>'
    )


def _diamond(x: float, y: float, r: float, fill: str, extra: str = "") -> str:
    corners = ((x, y - r), (x + r, y), (x, y + r), (x - r, y))
    pts = " ".join(f"{_num(a)},{_num(b)}" for a, b in corners)
    return f'<polygon points="{pts}" fill="{fill}"{extra}/>'


def _star(x: float, y: float, r: float, fill: str, extra: str = "") -> str:
    import math

    pts = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        pts.append(f"{_num(x + radius * math.cos(angle))},{_num(y - radius * math.sin(angle))}")
    return f'<polygon points="{" ".join(pts)}" fill="{fill}"{extra}/>'


def timeline_svg(
    view: dict[str, Any],
    lang: Lang,
    theme: Theme = "light",
    *,
    standalone: bool = True,
    head: bool = True,
    tail: bool = True,
) -> str:
    """The picture as an SVG document (``standalone``) or as an element to put in HTML.

    A long year can be drawn in pieces that each fit a printed page (the view's sections
    shared out between them): ``head`` draws the title and the milestone and commemoration
    rows above the sections, ``tail`` the legend and the list of dates below them."""
    c = PALETTES[theme]
    months = [dt.date(int(m["month"][:4]), int(m["month"][5:]), 1) for m in view["months"]]
    chart_x0 = PAD + LABEL_W + GAP
    axis = Axis(months, chart_x0, WIDTH - chart_x0 - GAP - RIGHT_W - PAD)
    right_x = axis.x1 + GAP
    as_of: dt.date = view["as_of"]
    body: list[str] = []

    if head:
        body.extend(_title(view, lang, c))
    head_y = PAD + (76 if head else 36)  # month labels
    y = head_y + 14
    rows: list[str] = []

    def label(text: str, row_y: float, *, indent: float = 0, bold: bool = False) -> None:
        fitted = fit_text(text, LABEL_W - indent)
        weight = "bold" if bold else "normal"
        rows.append(_text(PAD + indent, row_y + 15, fitted, c["text"], weight=weight))

    if head:
        label("◆ " + t("timeline.milestones", lang), y, bold=True)
        rows.extend(_milestone_marks(view, axis, y, c, lang))
        y += ROW_H
        label("★ " + t("timeline.commemorations", lang), y, bold=True)
        rows.extend(_commemoration_marks(view, axis, y, c, lang))
        y += ROW_H + 4

    for s in view["sections"]:
        if not s["tasks"]:
            continue
        rows.append(
            f'<rect x="{PAD}" y="{_num(y + 1)}" width="{WIDTH - 2 * PAD}" height="{ROW_H - 2}" '
            f'fill="{c["band"]}" fill-opacity="0.7"/>'
        )
        label(f"{s['number']} {title_in(s, lang)}", y, bold=True)
        rows.append(_done_cells(s["rate"], None, right_x, y, c, bold=True))
        y += ROW_H
        for task in s["tasks"]:
            label(title_in(task, lang), y, indent=14)
            for span in task["spans"]:
                rows.append(_bar(task, span, axis, y, c, lang))
            rows.append(_done_cells(task["rate"], task["overdue"], right_x, y, c))
            y += ROW_H
    chart_bottom = y + 4

    # month columns and lines behind the rows, the as-of line in front
    grid: list[str] = []
    for k, m in enumerate(months):
        x = axis.x0 + k * axis.col
        fill = c["zebra"] if k % 2 else c["bg"]
        grid.append(
            f'<rect x="{_num(x)}" y="{head_y - 14}" width="{_num(axis.col)}" '
            f'height="{_num(chart_bottom - head_y + 14)}" fill="{fill}" '
            f'data-measure="month" data-key="{m.strftime("%Y-%m")}"/>'
        )
        name = t("timeline.month_label", lang, month=m.month)
        if m.month == 1 or k == 0:
            name = f"{m.year}·{name}" if len(months) <= 12 and axis.col > 70 else name
        grid.append(_text(x + axis.col / 2, head_y + 2, name, c["muted"], anchor="middle"))
    for k in range(len(months) + 1):
        x = axis.x0 + k * axis.col
        grid.append(
            f'<line x1="{_num(x)}" y1="{head_y - 14}" x2="{_num(x)}" y2="{_num(chart_bottom)}" '
            f'stroke="{c["grid"]}" stroke-width="1"/>'
        )
    grid.append(_text(right_x, head_y + 2, t("timeline.col.done", lang), c["muted"]))
    grid.append(_text(WIDTH - PAD, head_y + 2, t("col.overdue", lang), c["muted"], anchor="end"))
    front: list[str] = []
    if view["from"] <= as_of <= view["to"]:
        x = (axis.x(as_of) + axis.end(as_of)) / 2
        front.append(
            f'<rect x="{_num(x - 1)}" y="{head_y - 30}" width="2" '
            f'height="{_num(chart_bottom - head_y + 30)}" fill="{c["as_of"]}" '
            f'data-measure="asof" data-key="{as_of.isoformat()}"/>'
        )
        day, wd = as_of.strftime("%m-%d"), weekday(as_of, lang)
        words = t("timeline.as_of", lang, date=day, weekday=wd)
        half = text_width(words, 12) / 2 + 4
        lx = min(max(x, axis.x0 + half), axis.x1 - half)
        front.append(
            _text(lx, head_y - 34, words, c["as_of"], size=12, anchor="middle", weight="bold")
        )

    legend: list[str] = []
    events: list[str] = []
    height = chart_bottom + PAD / 2
    if tail:
        legend_y = chart_bottom + 26
        legend = _legend(legend_y, c, lang)
        events, bottom = _events(view, legend_y + 30, c, lang)
        height = bottom + PAD

    title = f"{title_in(view, lang)} · {as_of.isoformat()}"
    ns = f' xmlns="{SVG_NS}"' if standalone else ""
    opening = (
        f'<svg{ns} viewBox="0 0 {WIDTH} {_num(height)}" width="{WIDTH}" height="{_num(height)}" '
        f'role="img" aria-label="{escape(title)}" font-family="{escape(CSS_SANS)}" '
        f'data-theme="{theme}">'
    )
    parts = [
        opening,
        f"<title>{escape(title)}</title>",
        f'<rect width="100%" height="100%" fill="{c["bg"]}"/>',
        *body,
        *grid,
        *rows,
        *front,
        *legend,
        *events,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _title(view: dict[str, Any], lang: Lang, c: dict[str, str]) -> list[str]:
    """The plan's title and what the picture covers."""
    scope = [t("timeline.range", lang, start=view["from"].isoformat(), end=view["to"].isoformat())]
    if view["school_name"]:
        scope.append(view["school_name"])
    if view["section"]:
        scope.append(t("timeline.section", lang, section=view["section"]))
    o = view["overall"]
    scope.append(t("timeline.overall", lang, done=o["done"], total=o["total"], pct=pct(o["ratio"])))
    return [
        _text(PAD, PAD + 18, title_in(view, lang), c["text"], size=20, weight="bold"),
        _text(PAD, PAD + 42, " · ".join(scope), c["muted"]),
    ]


def _milestone_marks(
    view: dict[str, Any], axis: Axis, y: float, c: dict[str, str], lang: Lang
) -> list[str]:
    out = []
    for m in view["milestones"]:
        cx = (axis.x(m["due"]) + axis.end(m["due"])) / 2
        state = t("ms." + m["state"], lang)
        tip = f"{title_in(m, lang)} · {m['due'].isoformat()} · {state}"
        extra = f' data-measure="milestone" data-key="{escape(m["id"])}"'
        mark = _diamond(cx, y + ROW_H / 2, 7, c[m["state"]], extra)
        out.append(f"<g>{mark}<title>{escape(tip)}</title></g>")
    return out


def _commemoration_marks(
    view: dict[str, Any], axis: Axis, y: float, c: dict[str, str], lang: Lang
) -> list[str]:
    out = []
    for cm in view["commemorations"]:
        cx = (axis.x(cm["date"]) + axis.end(cm["date"])) / 2
        name = cm["name_en"] if lang == "en" else cm["name"]
        tip = f"{name} · {cm['date'].isoformat()}"
        mark = _star(cx, y + ROW_H / 2, 7, c["commemoration"])
        out.append(f"<g>{mark}<title>{escape(tip)}</title></g>")
    return out


def _bar(
    task: dict[str, Any], span: dict[str, Any], axis: Axis, y: float, c: dict[str, str], lang: Lang
) -> str:
    x0, x1 = axis.x(span["start"]), axis.end(span["due"])
    state = span["state"]
    which = "、".join(span["occurrences"])
    tip = f"{title_in(task, lang)}{('（' + which + '）') if which else ''} · "
    tip += f"{span['start'].isoformat()} – {span['due'].isoformat()} · "
    tip += t("timeline.tip", lang, done=span["done"], total=span["total"], overdue=span["overdue"])
    by = y + (ROW_H - BAR_H) / 2
    return (
        f'<rect x="{_num(x0)}" y="{_num(by)}" width="{_num(max(1.0, x1 - x0))}" '
        f'height="{BAR_H}" rx="2" fill="{c[state]}" data-measure="bar" '
        f'data-key="{escape(task["id"])}" data-start="{span["start"].isoformat()}" '
        f'data-due="{span["due"].isoformat()}" data-state="{state}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _done_cells(
    rate: dict[str, Any],
    overdue: int | None,
    x: float,
    y: float,
    c: dict[str, str],
    *,
    bold: bool = False,
) -> str:
    """The completion column: a short bar of the share done, the % and done/total."""
    track = 48
    ratio = rate["ratio"] or 0.0
    by = y + (ROW_H - 8) / 2
    out = [
        _pill(x, by, track, c["track"]),
        _pill(x, by, track * ratio, c["done"], ' data-measure="share"'),
        _text(
            x + track + 40,
            y + 15,
            pct(rate["ratio"]),
            c["text"],
            anchor="end",
            weight="bold" if bold else "normal",
        ),
        _text(x + track + 46, y + 15, f"{rate['done']}/{rate['total']}", c["muted"], size=11),
    ]
    if overdue:
        out.append(
            _text(WIDTH - PAD, y + 15, str(overdue), c["overdue"], anchor="end", weight="bold")
        )
    return "".join(out)


def _legend(y: float, c: dict[str, str], lang: Lang) -> list[str]:
    out = []
    x = float(PAD)
    for state in BAR_STATES:
        out.append(
            f'<rect x="{_num(x)}" y="{_num(y - 10)}" width="22" height="{BAR_H}" rx="2" '
            f'fill="{c[state]}"/>'
        )
        words = t(f"timeline.legend.{state}", lang)
        out.append(_text(x + 28, y, words, c["text"], size=12))
        x += 28 + text_width(words, 12) + 22
    out.append(_diamond(x + 7, y - 4, 7, c["met"]))
    words = t("timeline.legend.milestone", lang)
    out.append(_text(x + 20, y, words, c["text"], size=12))
    x += 20 + text_width(words, 12) + 22
    out.append(_star(x + 7, y - 4, 7, c["commemoration"]))
    words = t("timeline.legend.commemoration", lang)
    out.append(_text(x + 20, y, words, c["text"], size=12))
    x += 20 + text_width(words, 12) + 22
    out.append(f'<rect x="{_num(x + 6)}" y="{_num(y - 12)}" width="2" height="16" ')
    out[-1] += f'fill="{c["as_of"]}"/>'

    words = t("timeline.legend.as_of", lang)
    out.append(_text(x + 16, y, words, c["text"], size=12))
    x += 16 + text_width(words, 12) + 22
    words = t("timeline.legend.share", lang)
    out.append(_pill(x, y - 8, 48, c["track"]))
    out.append(_pill(x, y - 8, 30, c["done"]))
    out.append(_text(x + 54, y, words, c["text"], size=12))
    return out


def _pill(x: float, y: float, width: float, fill: str, extra: str = "") -> str:
    """A short bar 8 px high (the completion column and its legend)."""
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="8" rx="2" '
        f'fill="{fill}"{extra}/>'
    )


def _events(
    view: dict[str, Any], y: float, c: dict[str, str], lang: Lang
) -> tuple[list[str], float]:
    """Milestones and commemorations with their dates, in two columns."""
    lines: list[tuple[dt.date, int, str, str, str]] = []  # date, order, mark, colour, words
    for m in view["milestones"]:
        counts = t(
            "timeline.ms_counts",
            lang,
            by_due=m["count_by_due"],
            now=m["count_now"],
            target=f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"]),
        )
        words = f"{title_in(m, lang)} · {counts} · {t('ms.' + m['state'], lang)}"
        lines.append((m["due"], 0, "◆", c[m["state"]], words))
    for cm in view["commemorations"]:
        name = cm["name_en"] if lang == "en" else cm["name"]
        lines.append((cm["date"], 1, "★", c["commemoration"], name))
    lines.sort(key=lambda e: (e[0], e[1], e[4]))
    out = [_text(PAD, y, t("timeline.events", lang), c["text"], size=14, weight="bold")]
    if not lines:
        out.append(_text(PAD, y + 24, t("timeline.no_events", lang), c["muted"]))
        return out, y + 30
    half = (len(lines) + 1) // 2
    col_w = (WIDTH - 2 * PAD) / 2
    for n, (day, _, mark, colour, words) in enumerate(lines):
        x = PAD + (col_w if n >= half else 0)
        ly = y + 24 + (n % half) * 20
        out.append(_text(x, ly, day.strftime("%m-%d"), c["muted"], size=12))
        out.append(_text(x + 44, ly, mark, colour, size=12))
        out.append(_text(x + 62, ly, fit_text(words, col_w - 72, 12), c["text"], size=12))
    return out, y + 24 + half * 20


def timeline_html(view: dict[str, Any], lang: Lang, theme: Theme = "light") -> str:
    """A page holding the picture: opens offline, prints on one landscape A4 page wide."""
    c = PALETTES[theme]
    title = f"{title_in(view, lang)} · {view['as_of'].isoformat()}"
    html_lang = "en" if lang == "en" else "zh-CN"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="{theme}">
<title>{escape(title)}</title>
<style>
  html, body {{ margin: 0; background: {c["bg"]}; color: {c["text"]}; font-family: {CSS_SANS}; }}
  main {{ padding: 16px; }}
  svg {{ display: block; max-width: 100%; height: auto; }}
  @page {{ size: A4 landscape; margin: 10mm; }}
  @media print {{ main {{ padding: 0; }} }}
</style>
</head>
<body>
<main>
{timeline_svg(view, lang, theme, standalone=False)}</main>
</body>
</html>
"""
