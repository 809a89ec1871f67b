"""``guanxin export --format html``: the dashboard for a meeting screen and for printing.

One self-contained file: styles inline, charts inline as SVG (``render/charts.py``), the
timeline inline (``render/timeline_svg.py``), fonts from the system's CJK stack, and not
one reference to the network, so it opens on an offline PC and can be mailed as is. Light
on screen; printed, it is A4 with each part on a page of its own (the timeline landscape).
With ``--school`` it is that school's page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from ..messages import Lang, t, title_in
from ..render.charts import COLOURS, completion_chart, count_chart, milestones_chart
from ..render.fonts import CSS_SANS
from ..render.report_doc import school_name, target_text
from ..render.timeline_svg import timeline_svg
from ..render.words import pct, weekday
from ..reports.dashboard import dashboard_view

STATE_CLASS = {
    "done": "ok",
    "met": "ok",
    "done_late": "warn",
    "met_late": "warn",
    "due_soon": "warn",
    "at_risk": "warn",
    "overdue": "bad",
    "missed": "bad",
    "blocked": "bad",
    "in_progress": "info",
    "pending": "info",
}

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: #f6f8fa; color: #1f2328; font-family: {CSS_SANS};
  font-size: 14px; line-height: 1.5; }}
header, main {{ max-width: 1180px; margin: 0 auto; padding: 0 20px; }}
header {{ padding-top: 24px; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }}
h2 {{ font-size: 18px; margin: 0 0 12px; }}
.note {{ color: #57606a; margin: 0 0 16px; }}
.part {{ background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px;
  margin: 0 0 16px; }}
.kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }}
.kpi {{ border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; }}
.kpi .value {{ font-size: 26px; font-weight: bold; }}
.kpi .label {{ color: #57606a; }}
.kpi .sub {{ color: #57606a; font-size: 12px; }}
.kpi.bad .value {{ color: {COLOURS["overdue"]}; }}
.kpi.ok .value {{ color: {COLOURS["done"]}; }}
.pair {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px;
  align-items: start; }}
svg {{ max-width: 100%; height: auto; }}
svg.chart {{ width: 100%; }}
.timeline svg {{ width: 100%; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left;
  vertical-align: top; }}
th {{ background: #eaeef2; font-weight: bold; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.state {{ display: inline-block; padding: 0 6px; border-radius: 4px; white-space: nowrap; }}
.state.ok {{ background: #dafbe1; color: #116329; }}
.state.warn {{ background: #fff8c5; color: #7d4e00; }}
.state.bad {{ background: #ffebe9; color: #a40e26; }}
.state.info {{ background: #ddf4ff; color: #0550ae; }}
@media (max-width: 900px) {{ .pair {{ grid-template-columns: 1fr; }} }}
@page {{ size: A4; margin: 12mm; }}
@page wide {{ size: A4 landscape; margin: 10mm; }}
@media print {{
  body {{ background: #ffffff; font-size: 11pt; }}
  header, main {{ max-width: none; padding: 0; }}
  .part {{ border: none; border-radius: 0; padding: 0; margin: 0; break-before: page; }}
  .part.first {{ break-before: auto; }}
  .part.timeline {{ page: wide; }}
  .pair {{ grid-template-columns: 1fr; }}
  h2 {{ break-after: avoid; }}
  thead {{ display: table-header-group; }}
  tr, .kpi, svg {{ break-inside: avoid; }}
  .timeline .piece + .piece {{ break-before: page; }}
}}
"""


def _state(state: str, lang: Lang) -> str:
    key = f"ms.{state}" if state in ("met", "met_late", "missed", "at_risk", "pending") else ""
    words = t(key or f"state.{state}", lang)
    return f'<span class="state {STATE_CLASS.get(state, "")}">{escape(words)}</span>'


def _table(header: list[str], rows: Iterable[list[str]], numeric: Iterable[int] = ()) -> str:
    """``rows`` hold HTML (escape text before); ``numeric`` columns are right-aligned."""
    right = set(numeric)

    def cls(n: int) -> str:
        return ' class="num"' if n in right else ""

    head = "".join(f"<th{cls(n)}>{escape(h)}</th>" for n, h in enumerate(header))
    body = "\n".join(
        "<tr>" + "".join(f"<td{cls(n)}>{c}</td>" for n, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def _part(key: str, title: str, content: str, *, first: bool = False) -> str:
    classes = f"part {key}" + (" first" if first else "")
    head = f'<section class="{classes}" id="{key}">\n<h2>{escape(title)}</h2>'
    return f"{head}\n{content}\n</section>"


def _kpi(label: str, value: str, sub: str = "", tone: str = "") -> str:
    return (
        f'<div class="kpi {tone}"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}</div><div class="sub">{escape(sub)}</div></div>'
    )


def _glance(k: dict[str, Any], lang: Lang) -> str:
    o = k["overall"]
    cards = [
        _kpi(
            t("html.kpi.completion", lang),
            pct(o["ratio"]),
            t("html.kpi.completion_sub", lang, done=o["done"], total=o["total"]),
        ),
        _kpi(
            t("html.kpi.overdue", lang),
            str(k["overdue"]),
            t("html.kpi.overdue_sub", lang, due=o["due"]),
            "bad" if k["overdue"] else "ok",
        ),
        _kpi(t("html.kpi.due_soon", lang), str(k["due_soon"])),
        _kpi(
            t("html.kpi.findings", lang),
            str(k["open_findings"]),
            tone="bad" if k["open_findings"] else "ok",
        ),
    ]
    if k["milestones"]:
        cards.append(
            _kpi(
                t("html.kpi.milestones", lang),
                f"{k['milestones_met']}/{k['milestones']}",
                t("html.kpi.milestones_sub", lang, total=k["milestones"]),
            )
        )
    cards.append(
        _kpi(
            t("html.kpi.activities", lang),
            str(k["activities"]),
            t("html.kpi.activities_sub", lang, students=k["student_participations"]),
        )
    )
    return '<div class="kpis">' + "".join(cards) + "</div>"


def _sections(view: dict[str, Any], lang: Lang) -> str:
    rows = [
        (f"{s['number']} {title_in(s, lang)}", s["rate"], s["overdue"]) for s in view["sections"]
    ]
    chart = completion_chart("sections", rows, lang)
    table = _table(
        [t("col.section", lang), t("col.done", lang), "%", t("col.overdue", lang)],
        (
            [
                escape(label),
                f"{r['done']}/{r['total']}",
                pct(r["ratio"]),
                str(n),
            ]
            for label, r, n in rows
        ),
        numeric=(1, 2, 3),
    )
    return f'<div class="pair"><div>{chart.svg()}</div><div>{table}</div></div>'


def _schools(view: dict[str, Any], lang: Lang) -> str:
    schools = sorted(view["schools"], key=lambda s: (-(s["rate"]["ratio"] or 0), s["name"]))
    rows = [(s["name"], s["rate"], s["overdue"]) for s in schools]
    chart = completion_chart("schools", rows, lang)
    table = _table(
        [
            t("xlsx.col.school", lang),
            t("xlsx.col.liaison", lang),
            "%",
            t("col.overdue", lang),
            t("html.col.findings", lang),
        ],
        (
            [
                escape(s["name"]),
                escape(s["liaison"] or ""),
                pct(s["rate"]["ratio"]),
                str(s["overdue"]),
                str(s["open_findings"]),
            ]
            for s in view["schools"]  # riskiest first, as status lists them
        ),
        numeric=(2, 3, 4),
    )
    return f'<div class="pair"><div>{chart.svg()}</div><div>{table}</div></div>'


def _milestones(view: dict[str, Any], lang: Lang) -> str:
    milestones = view["milestones"]
    table = _table(
        [
            t("xlsx.col.milestone", lang),
            t("xlsx.col.deadline", lang),
            t("xlsx.col.target", lang),
            t("xlsx.col.count_by_due", lang),
            t("xlsx.col.count_now", lang),
            t("xlsx.col.state", lang),
        ],
        (
            [
                escape(title_in(m, lang)),
                m["due"].isoformat(),
                target_text(m),
                str(m["count_by_due"]),
                str(m["count_now"]),
                _state(m["state"], lang),
            ]
            for m in milestones
        ),
        numeric=(2, 3, 4),
    )
    chart = milestones_chart(milestones, lang).svg()
    return f'<div class="pair"><div>{chart}</div><div>{table}</div></div>'


def _liaisons(d: dict[str, Any], lang: Lang) -> str:
    rows = d["overdue_by_liaison"]
    if not rows:
        return f"<p>{escape(t('html.none', lang))}</p>"
    named = [(r["liaison"] or t("html.no_liaison", lang), r["overdue"]) for r in rows]
    chart = count_chart("liaisons", named, COLOURS["overdue"])
    table = _table(
        [t("xlsx.col.liaison", lang), t("col.overdue", lang), t("html.col.schools", lang)],
        (
            [escape(name), str(n), escape("、".join(r["schools"]))]
            for (name, n), r in zip(named, rows, strict=True)
        ),
        numeric=(1,),
    )
    return f'<div class="pair"><div>{chart.svg()}</div><div>{table}</div></div>'


def _findings(d: dict[str, Any], lang: Lang) -> str:
    if not d["findings"]:
        return f"<p>{escape(t('html.none', lang))}</p>"
    return _table(
        [
            t("xlsx.col.school", lang),
            t("doc.col.finding", lang),
            t("doc.col.fix_by", lang),
            t("xlsx.col.state", lang),
            t("xlsx.col.liaison", lang),
        ],
        (
            [
                escape(f["school_name"]),
                escape(f["text"]),
                f["fix_by"].isoformat(),
                _state(f["state"], lang) + _late(f["days_late"], lang),
                escape(f["liaison"] or ""),
            ]
            for f in d["findings"]
        ),
    )


def _late(days: int, lang: Lang) -> str:
    return escape(t("doc.days_late", lang, days=days)) if days > 0 else ""


def _open_items(d: dict[str, Any], lang: Lang) -> str:
    items = [i for i in d["open_items"] if i["kind"] == "task"]
    if not items:
        return f"<p>{escape(t('html.none', lang))}</p>"
    return _table(
        [
            t("xlsx.col.item", lang),
            t("xlsx.col.deadline", lang),
            t("xlsx.col.state", lang),
            t("xlsx.col.missing", lang),
        ],
        (
            [
                escape(title_in(i, lang) + (f"（{i['occurrence']}）" if i["occurrence"] else "")),
                i["due"].isoformat(),
                _state(i["state"], lang),
                escape("、".join(i["evidence_missing"])),
            ]
            for i in items
        ),
    )


PAGE_HEIGHT = 780  # of the timeline's units, on a landscape A4 page it fills the width of


def _height(svg: str) -> float:
    found = re.search(r'<svg[^>]*\bheight="([0-9.]+)"', svg)
    return float(found.group(1)) if found else 0.0


def _timeline_pieces(timeline: dict[str, Any], lang: Lang) -> list[str]:
    """The timeline in pieces of whole sections that each fit a printed page (an SVG is
    never split across pages, and one too tall for a page is cut off)."""

    def draw(sections: list[Any], *, head: bool, tail: bool) -> str:
        piece = {**timeline, "sections": sections}
        return timeline_svg(piece, lang, "light", standalone=False, head=head, tail=tail)

    groups: list[list[Any]] = []
    current: list[Any] = []
    for section in (s for s in timeline["sections"] if s["tasks"]):
        trial = [*current, section]
        if current and _height(draw(trial, head=not groups, tail=False)) > PAGE_HEIGHT:
            groups.append(current)
            trial = [section]
        current = trial
    groups.append(current)
    pieces = [draw(g, head=n == 0, tail=False) for n, g in enumerate(groups)]
    last = draw(groups[-1], head=len(groups) == 1, tail=True)
    if _height(last) <= PAGE_HEIGHT:
        pieces[-1] = last
    else:  # the legend and the dates on a page of their own
        pieces.append(draw([], head=False, tail=True))
    return pieces


def dashboard_html(view: dict[str, Any], timeline: dict[str, Any], lang: Lang) -> str:
    """``view``: the export view; ``timeline``: the timeline view for the same scope."""
    d = dashboard_view(view)
    as_of = view["as_of"]
    title = t("html.title", lang, title=title_in(view, lang))
    name = school_name(view)
    heading = f"{name} · {title}" if name else title
    parts = [_part("glance", t("html.glance", lang), _glance(d["kpis"], lang), first=True)]
    parts.append(_part("sections", t("html.by_section", lang), _sections(view, lang)))
    if name:
        parts.append(_part("items", t("html.school_items", lang), _open_items(d, lang)))
    else:
        parts.append(_part("schools", t("html.by_school", lang), _schools(view, lang)))
        if view["milestones"]:
            parts.append(_part("milestones", t("html.milestones", lang), _milestones(view, lang)))
        parts.append(_part("liaisons", t("html.by_liaison", lang), _liaisons(d, lang)))
    pictures = "\n".join(
        f'<div class="piece">{svg}</div>' for svg in _timeline_pieces(timeline, lang)
    )
    parts.append(_part("timeline", t("html.timeline", lang), pictures))
    parts.append(_part("findings", t("html.findings", lang), _findings(d, lang)))
    note = t("html.generated", lang, date=as_of.isoformat(), weekday=weekday(as_of, lang))
    html_lang = "en" if lang == "en" else "zh-CN"
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{escape(heading)} · {as_of.isoformat()}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{escape(heading)}</h1>
<p class="note">{escape(note)}</p>
</header>
<main>
{chr(10).join(parts)}
</main>
</body>
</html>
"""
