"""The year report as a list of blocks (headings, paragraphs, tables, figures), worded once
and laid out twice: as markdown (``render/year_report.py``) and as Word (``exporters/docx.py``),
so the two can never tell different numbers.

Headings follow 公文 numbering: 一、 for chapters, （一） below them, 1. for list items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..messages import Lang, t, title_in
from .words import default_mark, pct

FigureKind = Literal["sections", "milestones", "youzhihua"]


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、  2: （一）
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Numbered:
    items: list[str]


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)  # right-aligned columns


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    caption: str


Block = Heading | Para | Numbered | Table | Figure

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (chapter numbers; 1–99)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chapter_heading(n: int, text: str, lang: Lang) -> str:
    """``一、组织建设`` / ``1. Organisation``."""
    return t("doc.h1", lang, n=n if lang == "en" else cn_numeral(n), title=text)


def sub_heading(n: int, text: str, lang: Lang) -> str:
    """``（一）工作节点`` / ``(1) Milestones``."""
    return t("doc.h2", lang, n=n if lang == "en" else cn_numeral(n), title=text)


def rate_text(rate: dict[str, Any], lang: Lang) -> str:
    return t(
        "md.rate",
        lang,
        done=rate["done"],
        total=rate["total"],
        pct=pct(rate["ratio"]),
        due=rate["due"],
        done_of_due=rate["done_of_due"],
    )


def milestone_text(m: dict[str, Any], lang: Lang) -> str:
    """One sentence per milestone, with both counts the workbook and the calendar show."""
    return t(
        "doc.milestone",
        lang,
        title=title_in(m, lang),
        due=m["due"].isoformat(),
        target=target_text(m),
        by_due=m["count_by_due"],
        now=m["count_now"],
        state=t(f"ms.{m['state']}", lang),
    )


def target_text(m: dict[str, Any]) -> str:
    return f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"])


def title_of(view: dict[str, Any], lang: Lang) -> str:
    return t("md.title", lang, title=title_in(view, lang))


def school_name(view: dict[str, Any]) -> str | None:
    """The one school a ``--school`` report covers."""
    if not view["school"]:
        return None
    return str(next((s["name"] for s in view["schools"] if s["id"] == view["school"]), ""))


def subtitle_of(view: dict[str, Any], lang: Lang) -> str:
    line = t("doc.subtitle", lang, date=view["as_of"].isoformat())
    name = school_name(view)
    return line + (" " + t("md.school", lang, name=name) if name else "")


def year_report_blocks(view: dict[str, Any], lang: Lang) -> list[Block]:
    """Everything after the title, in reading order."""
    r = view["report"]
    ov, yz, short = r["overview"], r["youzhihua"], r["shortfalls"]
    milestones = {m["id"]: m for m in view["milestones"]}
    out: list[Block] = [Para(_overview(ov, lang))]
    youzhi_done = False
    n = 0
    for n, ch in enumerate(r["chapters"], start=1):
        out.append(Heading(1, chapter_heading(n, title_in(ch, lang), lang)))
        text = rate_text(ch["rate"], lang)
        if ch["items_done"] and (ch["students"] or ch["wulao"]):
            text += t(
                "doc.chapter_people",
                lang,
                done=ch["items_done"],
                students=ch["students"],
                wulao=ch["wulao"],
            )
        out.append(Para(text))
        if ch["points"]:
            out.append(_points_table(ch["points"], lang))
        sub = 0
        shown = [milestones[m] for m in ch["milestones"] if m in milestones]
        if shown:
            sub += 1
            out.append(Heading(2, sub_heading(sub, t("doc.milestones", lang), lang)))
            out.extend(Para(milestone_text(m, lang)) for m in shown)
        if ch["youzhihua"] and not youzhi_done and yz["schools"]:
            youzhi_done = True
            sub += 1
            out.append(Heading(2, sub_heading(sub, t("doc.youzhihua", lang), lang)))
            out.extend(_youzhihua(yz, lang, r["office"]))

    out.append(Heading(1, chapter_heading(n + 1, t("doc.shortfalls", lang), lang)))
    out.extend(Para(line) for line in _shortfall_lines(short, lang))
    if short["findings"]:
        out.append(_findings_table(short["findings"], lang))
    out.append(Heading(1, chapter_heading(n + 2, t("doc.next_year", lang), lang)))
    out.append(Numbered(_next_year_lines(r["next_year"], lang)))

    out.append(Heading(1, t("md.appendix", lang)))
    out.append(_sections_table(view["sections"], lang))
    out.append(Figure("sections", t("doc.fig.sections", lang)))
    if view["milestones"]:
        out.append(_milestones_table(view["milestones"], lang))
        out.append(Figure("milestones", t("doc.fig.milestones", lang)))
    if yz["schools"] and not youzhi_done:
        out.append(Para(t("doc.youzhihua", lang)))
        out.extend(_youzhihua(yz, lang, r["office"]))
    return out


def _overview(ov: dict[str, Any], lang: Lang) -> str:
    parts = [
        t(
            "md.units",
            lang,
            units=ov["units"],
            schools=ov["schools"],
            wulao=ov["wulao_registered"],
            lecturers=ov["lecturers_registered"],
        ),
        t(
            "md.facilities",
            lang,
            parent_schools=ov["parent_schools"],
            stations=ov["tutoring_stations"],
        ),
        t(
            "md.activities",
            lang,
            count=ov["activities"],
            reported=ov["activities_reported"],
            wulao=ov["wulao_participations"],
            students=ov["student_participations"],
        ),
    ]
    if ov["talks_held"] is not None:
        parts.append(t("md.talks", lang, count=ov["talks_held"]))
    rate = ov["rate"]
    parts.append(
        t("doc.overall", lang, done=rate["done"], total=rate["total"], pct=pct(rate["ratio"]))
    )
    return (" " if lang == "en" else "").join(parts)


def _youzhihua(yz: dict[str, Any], lang: Lang, office: dict[str, Any]) -> list[Block]:
    text = t(
        "md.youzhihua",
        lang,
        passed=yz["acceptance_passed"],
        applied=yz["applications"],
        **office,
    ) + t("doc.youzhihua_more", lang, assessed=yz["self_assessed"], city=yz["city_approved"])
    steps = ("apply", "self_assessment", "district_review", "city_approval")
    rows = []
    for s in yz["schools"]:
        row = [s["name"], str(s["cohort"])]
        for step in steps:
            taken = s["steps"][step]
            if taken is None:
                row.append("—")
                continue
            cell = taken["date"].strftime("%m-%d")
            if taken["score"] is not None:
                cell += f" {taken['score']:g}"
            if taken["result"]:
                cell += " " + t(f"doc.result.{taken['result']}", lang)
            row.append(cell)
        rows.append(row)
    header = [t("xlsx.col.school", lang), t("doc.col.cohort", lang)]
    header += [t(f"doc.step.{step}", lang, **office) for step in steps]
    return [
        Para(text),
        Table(t("doc.table.youzhihua", lang), header, rows),
        Figure("youzhihua", t("doc.fig.youzhihua", lang)),
    ]


def _points_table(points: list[dict[str, Any]], lang: Lang) -> Table:
    rows = [
        [
            f"{p['number']} {title_in(p, lang)}",
            f"{p['rate']['done']}/{p['rate']['total']}",
            pct(p["rate"]["ratio"]),
            str(p["overdue"]),
        ]
        for p in points
    ]
    header = [t("doc.col.point", lang), t("col.done", lang), "%", t("col.overdue", lang)]
    return Table(t("doc.table.points", lang), header, rows, frozenset({1, 2, 3}))


def _sections_table(sections: list[dict[str, Any]], lang: Lang) -> Table:
    rows = [
        [
            f"{s['number']} {title_in(s, lang)}",
            f"{s['rate']['done']}/{s['rate']['total']}",
            pct(s["rate"]["ratio"]),
            str(s["overdue"]),
        ]
        for s in sections
    ]
    header = [t("col.section", lang), t("col.done", lang), "%", t("col.overdue", lang)]
    return Table(t("doc.table.sections", lang), header, rows, frozenset({1, 2, 3}))


def _milestones_table(milestones: list[dict[str, Any]], lang: Lang) -> Table:
    rows = [
        [
            title_in(m, lang),
            m["due"].isoformat(),
            target_text(m),
            str(m["count_by_due"]),
            str(m["count_now"]),
            t(f"ms.{m['state']}", lang),
        ]
        for m in milestones
    ]
    header = [
        t("xlsx.col.milestone", lang),
        t("xlsx.col.deadline", lang),
        t("xlsx.col.target", lang),
        t("xlsx.col.count_by_due", lang),
        t("xlsx.col.count_now", lang),
        t("xlsx.col.state", lang),
    ]
    return Table(t("doc.table.milestones", lang), header, rows, frozenset({2, 3, 4}))


def _findings_table(findings: list[dict[str, Any]], lang: Lang) -> Table:
    rows = [
        [
            f["school_name"],
            f["text"],
            f["fix_by"].isoformat(),
            t(f"state.{f['state']}", lang)
            + (t("doc.days_late", lang, days=f["days_late"]) if f["days_late"] > 0 else ""),
        ]
        for f in findings
    ]
    header = [
        t("xlsx.col.school", lang),
        t("doc.col.finding", lang),
        t("doc.col.fix_by", lang),
        t("xlsx.col.state", lang),
    ]
    return Table(t("doc.table.findings", lang), header, rows)


def _shortfall_lines(short: dict[str, Any], lang: Lang) -> list[str]:
    lines = []
    if short["overdue"] or short["blocked"] or short["open_findings"] or short["evidence_gaps"]:
        lines.append(
            t(
                "md.open",
                lang,
                overdue=short["overdue"],
                blocked=short["blocked"],
                findings=short["open_findings"],
                gaps=short["evidence_gaps"],
            )
        )
        if short["overdue_default"]:
            lines[-1] += t("md.overdue_default", lang, count=short["overdue_default"])
    for m in short["milestones_short"]:
        lines.append(
            t(
                "md.milestone_short",
                lang,
                title=title_in(m, lang) + default_mark(m["basis"], lang),
                state=t(f"ms.{m['state']}", lang),
            )
        )
    if short["schools_most_overdue"]:
        sep = ", " if lang == "en" else "、"
        lines.append(
            t(
                "md.most_overdue",
                lang,
                names=sep.join(
                    t("md.overdue_n", lang, name=s["name"], count=s["overdue"])
                    for s in short["schools_most_overdue"]
                ),
            )
        )
    return lines or [t("md.nothing_short", lang)]


def _next_year_lines(plans: list[dict[str, Any]], lang: Lang) -> list[str]:
    lines = []
    for p in plans:
        if p["kind"] == "milestone":
            lines.append(t("md.next.milestone", lang, title=title_in(p, lang)))
        elif p["kind"] == "findings":
            lines.append(t("md.next.findings", lang, count=p["count"]))
        else:
            overdue = t("md.next.overdue", lang, count=p["overdue"]) if p["overdue"] else ""
            lines.append(
                t("md.next.task", lang, title=title_in(p, lang), units=p["units"], overdue=overdue)
            )
    return lines or [t("md.next.none", lang)]
