"""Charts for the dashboard (inline SVG) and the Word report (PNG), drawn by matplotlib.

Why matplotlib: it is the one maintained chart library that writes both SVG and PNG by
itself, offline, with wheels for Linux, macOS and Windows. The HTML dashboard wants SVG
and Word wants a raster picture; pygal writes SVG only and needs cairo (a C library with
no Windows wheel) to make a PNG. This is the only module that imports matplotlib, and only
``export --format html|docx`` import this one.

Each chart takes plain data from the export view and returns a :class:`Chart` (untitled: the
page's heading or the document's caption names it); ``svg()``
gives an element to put inside HTML (no XML prolog, no namespace URLs, ids made unique per
chart), ``png()`` the picture for Word. Text in the SVG is left as text in the system's
CJK fonts (``svg.fonttype: none``); the PNG is drawn with the first of them installed.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..messages import Lang, t, title_in
from .fonts import CJK_SANS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
TRACK = "#e6e9ed"
COLOURS = {
    "done": "#2da44e",
    "overdue": "#cf222e",
    "open": "#0969da",
    "met": "#2da44e",
    "met_late": "#bf8700",
    "missed": "#cf222e",
    "at_risk": "#bf8700",
    "pending": "#0969da",
    "target": "#b6c2cf",
}
PNG_DPI = 200


@contextmanager
def _style(salt: str) -> Iterator[None]:
    """matplotlib's settings for one chart, without touching its global state."""
    import matplotlib

    log = logging.getLogger("matplotlib.font_manager")
    level = log.level
    log.setLevel(logging.ERROR)  # "font family not found": each machine has only some of them
    try:
        with (
            matplotlib.rc_context(
                {
                    "font.family": ["sans-serif"],
                    "font.sans-serif": [*CJK_SANS, "DejaVu Sans"],
                    "svg.fonttype": "none",  # text stays text, in the reader's CJK font
                    "svg.hashsalt": salt,  # the same data gives the same file
                    "axes.edgecolor": GRID,
                    "axes.labelcolor": INK,
                    "axes.titlecolor": INK,
                    "axes.titleweight": "bold",
                    "axes.titlesize": 12,
                    "xtick.color": MUTED,
                    "ytick.color": INK,
                    "font.size": 10,
                }
            ),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore", UserWarning)  # a glyph missing from one font
            yield
    finally:
        log.setLevel(level)


@dataclass
class Chart:
    name: str
    figure: Figure

    def svg(self) -> str:
        with _style(self.name):
            buf = io.StringIO()
            self.figure.savefig(buf, format="svg", metadata={"Date": None})
        return inline_svg(buf.getvalue(), self.name)

    def png(self) -> bytes:
        with _style(self.name):
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", dpi=PNG_DPI, metadata={"Software": None})
        return buf.getvalue()


def inline_svg(svg: str, prefix: str) -> str:
    """matplotlib's SVG document as an element for an HTML page: no prolog, doctype,
    metadata or namespace declarations (HTML needs none), ids prefixed so that several
    charts on one page never share one."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(?::\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'(href="#|url\(#)', rf"\g<1>{prefix}-", svg)
    svg = svg.replace("<svg ", f'<svg class="chart" data-chart="{prefix}" ', 1)
    return svg.strip() + "\n"


def _figure(rows: int, *, width: float = 7.2, per_row: float = 0.34, extra: float = 1.0) -> Figure:
    from matplotlib.figure import Figure

    with _style("figure"):
        return Figure(figsize=(width, extra + per_row * max(1, rows)), layout="constrained")


def _clean(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_axisbelow(True)
    ax.grid(axis="x", color=GRID, linewidth=0.6)


def _whole() -> Any:
    """Ticks on whole numbers only (counts of schools, items)."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _short(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def completion_chart(
    name: str, rows: Sequence[tuple[str, dict[str, Any], int]], lang: Lang
) -> Chart:
    """Horizontal bars of the share done, one row per (label, rate, overdue), first on top."""
    with _style(name):
        fig = _figure(len(rows))
        ax = fig.add_subplot()
        labels = [_short(label) for label, _, _ in rows]
        ratios = [(rate["ratio"] or 0.0) * 100 for _, rate, _ in rows]
        y = list(range(len(rows)))[::-1]
        ax.barh(y, [100] * len(rows), color=TRACK, height=0.62)
        ax.barh(y, ratios, color=COLOURS["done"], height=0.62)
        for yy, (_, rate, overdue), ratio in zip(y, rows, ratios, strict=True):
            words = f"{rate['done']}/{rate['total']}"
            if overdue:
                words += "  " + t("chart.overdue_n", lang, count=overdue)
            ax.text(101, yy, words, va="center", fontsize=8.5, color=MUTED)
            inside = ratio > 12  # the % inside the bar where it fits, else just after it
            ax.text(
                ratio - 1 if inside else ratio + 1,
                yy,
                f"{ratio:.0f}%",
                va="center",
                ha="right" if inside else "left",
                fontsize=8.5,
                color="white" if inside else INK,
            )
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 135)
        ax.set_xticks([0, 25, 50, 75, 100], ["0", "25%", "50%", "75%", "100%"])
        _clean(ax)
    return Chart(name, fig)


def milestones_chart(milestones: Sequence[dict[str, Any]], lang: Lang) -> Chart:
    """Each milestone: its target, what was achieved by the deadline and what is achieved now."""
    name = "milestones"
    with _style(name):
        fig = _figure(len(milestones), per_row=0.62)
        ax = fig.add_subplot()
        n = len(milestones)
        y = list(range(n))[::-1]
        h = 0.26
        targets = [m["min"] for m in milestones]
        ax.barh(
            [v + h for v in y],
            targets,
            height=h,
            color=COLOURS["target"],
            label=t("chart.target", lang),
        )
        ax.barh(
            y,
            [m["count_by_due"] for m in milestones],
            height=h,
            color=MUTED,
            label=t("xlsx.col.count_by_due", lang),
        )
        now = [m["count_now"] for m in milestones]
        colours = [COLOURS[m["state"]] for m in milestones]
        ax.barh(
            [v - h for v in y], now, height=h, color=colours, label=t("xlsx.col.count_now", lang)
        )
        for yy, m in zip(y, milestones, strict=True):
            ax.text(
                max(m["count_now"], m["min"]) + 0.15,
                yy - h,
                t(f"ms.{m['state']}", lang),
                va="center",
                fontsize=8.5,
                color=COLOURS[m["state"]],
            )
        ax.set_yticks(y, [_short(title_in(m, lang), 16) for m in milestones])
        top = max([m["max"] or m["min"] for m in milestones] + [m["count_now"] for m in milestones])
        ax.set_xlim(0, top * 1.35 + 1)
        ax.xaxis.set_major_locator(_whole())
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        _clean(ax)
    return Chart(name, fig)


def youzhihua_chart(yz: dict[str, Any], lang: Lang, office: dict[str, Any]) -> Chart:
    """优质化创建: how many schools took each step this year (``office``: the issuer's
    labels, whose review is the third step)."""
    name = "youzhihua"
    steps = [
        (t("doc.step.apply", lang), yz["applications"]),
        (t("doc.step.self_assessment", lang), yz["self_assessed"]),
        (t("chart.district_passed", lang, **office), yz["acceptance_passed"]),
        (t("doc.step.city_approval", lang), yz["city_approved"]),
    ]
    with _style(name):
        fig = _figure(1, width=6.4, extra=2.4)
        ax = fig.add_subplot()
        x = list(range(len(steps)))
        values = [v for _, v in steps]
        colours = [COLOURS["open"], COLOURS["open"], COLOURS["done"], COLOURS["done"]]
        ax.bar(x, values, color=colours, width=0.55)
        for xx, v in zip(x, values, strict=True):
            ax.text(xx, v + 0.1, str(v), ha="center", va="bottom", fontsize=10, color=INK)
        ax.set_xticks(x, [label for label, _ in steps])
        ax.set_ylim(0, max([*values, 1]) * 1.25)
        ax.yaxis.set_major_locator(_whole())
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
    return Chart(name, fig)


def count_chart(name: str, rows: Sequence[tuple[str, int]], colour: str) -> Chart:
    """Horizontal bars of counts (overdue items by liaison), largest first on top."""
    with _style(name):
        fig = _figure(len(rows), width=6.4)
        ax = fig.add_subplot()
        y = list(range(len(rows)))[::-1]
        values = [v for _, v in rows]
        ax.barh(y, values, color=colour, height=0.62)
        for yy, v in zip(y, values, strict=True):
            ax.text(v + 0.1, yy, str(v), va="center", fontsize=9, color=INK)
        ax.set_yticks(y, [_short(label) for label, _ in rows])
        ax.set_xlim(0, max([*values, 1]) * 1.2)
        ax.xaxis.set_major_locator(_whole())
        _clean(ax)
    return Chart(name, fig)
