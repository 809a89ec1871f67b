"""``guanxin export --format markdown``: a printable year report (no Rich needed)."""

from __future__ import annotations

from typing import Any

from ..messages import Lang, t, title_in
from .words import default_mark, pct


def _rate_line(rate: dict[str, Any], lang: Lang) -> str:
    return t(
        "md.rate",
        lang,
        done=rate["done"],
        total=rate["total"],
        pct=pct(rate["ratio"]),
        due=rate["due"],
        done_of_due=rate["done_of_due"],
    )


def year_report_markdown(view: dict[str, Any], lang: Lang) -> str:
    r = view["report"]
    org, edu, care, short = r["organisation"], r["education"], r["care"], r["shortfalls"]
    date = view["as_of"].isoformat()
    out = [f"# {t('md.title', lang, title=title_in(view, lang))}", ""]
    out += [f"> {t('md.as_of', lang, date=date)}", ""]
    if view["school"]:
        name = next((s["name"] for s in view["schools"] if s["id"] == view["school"]), "")
        out += [t("md.school", lang, name=name), ""]

    out += [f"## {t('md.organisation', lang)}", ""]
    out.append(
        "- "
        + t(
            "md.units",
            lang,
            units=org["units"],
            schools=org["schools"],
            wulao=org["wulao_registered"],
            lecturers=org["lecturers_registered"],
        )
    )
    out.append(
        "- "
        + t(
            "md.facilities",
            lang,
            parent_schools=org["parent_schools"],
            stations=org["tutoring_stations"],
        )
    )
    out.append(
        "- " + t("md.youzhihua", lang, passed=org["acceptance_passed"], applied=org["applications"])
    )
    out.append("- " + t("md.party", lang, count=org["party_tasks_done"]))
    out += ["- " + _rate_line(org["rate"], lang), ""]

    out += [f"## {t('md.education', lang)}", ""]
    out.append(
        "- "
        + t(
            "md.activities",
            lang,
            count=edu["activities"],
            reported=edu["activities_reported"],
            wulao=edu["wulao_participations"],
            students=edu["student_participations"],
        )
    )
    out.append("- " + t("md.talks", lang, count=edu["talks_held"]))
    out += ["- " + _rate_line(edu["rate"], lang), ""]

    out += [f"## {t('md.care', lang)}", ""]
    out.append(
        "- "
        + t(
            "md.care_numbers",
            lang,
            done=care["items_done"],
            students=care["students_helped"],
            wulao=care["wulao_involved"],
        )
    )
    out += ["- " + _rate_line(care["rate"], lang), ""]

    out += [f"## {t('md.shortfalls', lang)}", ""]
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
        names = "、" if lang != "en" else ", "
        lines.append(
            t(
                "md.most_overdue",
                lang,
                names=names.join(
                    t("md.overdue_n", lang, name=s["name"], count=s["overdue"])
                    for s in short["schools_most_overdue"]
                ),
            )
        )
    out += ["- " + line for line in lines] or ["- " + t("md.nothing_short", lang)]
    out.append("")

    out += [f"## {t('md.next_year', lang)}", ""]
    plans = []
    for p in r["next_year"]:
        if p["kind"] == "milestone":
            plans.append(t("md.next.milestone", lang, title=title_in(p, lang)))
        elif p["kind"] == "findings":
            plans.append(t("md.next.findings", lang, count=p["count"]))
        else:
            overdue = t("md.next.overdue", lang, count=p["overdue"]) if p["overdue"] else ""
            plans.append(
                t("md.next.task", lang, title=title_in(p, lang), units=p["units"], overdue=overdue)
            )
    out += [f"{n}. {line}" for n, line in enumerate(plans, start=1)] or [
        "1. " + t("md.next.none", lang)
    ]
    out.append("")

    out += [f"## {t('md.appendix', lang)}", ""]
    out.append(
        f"| {t('col.section', lang)} | {t('col.done', lang)} | % | {t('col.overdue', lang)} |"
    )
    out.append("|---|---:|---:|---:|")
    for s in view["sections"]:
        rate = s["rate"]
        title = title_in(s, lang).replace("|", "\\|")
        out.append(
            f"| {s['number']} {title} | {rate['done']}/{rate['total']} | "
            f"{pct(rate['ratio'])} | {s['overdue']} |"
        )
    return "\n".join(out) + "\n"
