"""``guanxin audit --school X``: the checklist to carry on a visit (terminal and Markdown)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..messages import Lang, colon, paren, t, title_in
from .prose import Prose
from .status import header, item_title, state_text, when_text
from .words import default_mark, evidence_in, full_window, occurrence_in, window_label

CHECK = {"done": "☑", "done_late": "☑", "not_applicable": "–"}


def _join(items: list[str], lang: Lang, *, sep: str = "、") -> str:
    return ("; " if sep == "；" else ", ").join(items) if lang == "en" else sep.join(items)


def _school_lines(view: dict[str, Any], lang: Lang) -> list[tuple[str, str]]:
    s = view["school"]
    contact = s["contact"]
    lines = [(t("audit.type", lang), t(f"type.{s['type']}", lang, **view["office"]))]
    if contact:
        text = contact["name"] + (paren(contact["role"], lang) if contact.get("role") else "")
        if contact.get("phone"):
            text += f" {contact['phone']}"
        lines.append((t("audit.contact", lang), text))
    if s["liaison"]:
        lines.append((t("col.liaison", lang), s["liaison"]))
    lines.append(
        ("五老" if lang == "zh" else "volunteers", t("audit.volunteers", lang, **s["volunteers"]))
    )
    if s["parent_school"]:
        lines.append((t("audit.parent_school", lang), s["parent_school"]))
    if s["tutoring_station"]:
        lines.append((t("audit.station", lang), s["tutoring_station"]))
    if s["youzhihua_cohort"]:
        lines.append((t("audit.cohort", lang), str(s["youzhihua_cohort"])))
    last = s["last_audit"].isoformat() if s["last_audit"] else t("audit.never", lang)
    lines.append((t("audit.last_audit", lang), last))
    return lines


def _history_text(h: dict[str, Any], lang: Lang, office: dict[str, Any]) -> str:
    parts = [h["date"].isoformat(), t(f"kind.{h['kind']}", lang, **office)]
    if h.get("result"):
        parts.append(t(f"result.{h['result']}", lang))
    if h.get("score") is not None:
        parts.append(t("audit.score", lang, score=f"{h['score']:g}"))
    if h.get("by"):
        parts.append(h["by"])
    if h.get("note"):
        parts.append(h["note"])
    return "  ".join(parts)


def _ask_text(
    a: dict[str, Any], lang: Lang, items: dict[str, dict[str, Any]], view: dict[str, Any]
) -> str:
    """One question; the title in English comes from the item the question is about."""
    item = items.get(a["key"], a)
    title = title_in(item, lang) if item.get("title") == a["title"] else a["title"]
    if item.get("occurrence"):  # 清明前后 vs 七一: the same task, a different question
        title += paren(occurrence_in(item["occurrence"], lang, view), lang)
    fixed = a.get("fixed")
    evidence = a.get("evidence") or []
    params = {
        "title": title,
        "due": a["due"].isoformat() + default_mark(a.get("basis"), lang),
        "reason": a.get("reason") or "",
        "missing": _join(evidence_in(a.get("missing", []), view, lang), lang),
        "fixed": fixed.isoformat() if fixed else "",
        "evidence": t("audit.ask.evidence_of_fix", lang, items=_join(evidence, lang))
        if evidence
        else "",
    }
    return t(f"audit.ask.{a['kind']}", lang, **params)


def render_audit(view: dict[str, Any], console: Console, lang: Lang) -> None:
    header(view, console, lang)
    console.print(Text(t("audit.title", lang, name=view["school"]["name"]), style="bold cyan"))
    info = Table(box=None, show_header=False, pad_edge=False)
    info.add_column(style="dim", no_wrap=True)
    info.add_column()
    for label, value in _school_lines(view, lang):
        info.add_row(label, Prose(value))
    console.print(info)

    console.print()
    console.print(Text(t("audit.ask", lang), style="bold"))
    if not view["ask"]:
        console.print(Text("  " + t("audit.none_to_ask", lang), style="green"))
    asks = Table(box=None, show_header=False, pad_edge=False)
    asks.add_column(justify="right", no_wrap=True, min_width=4)
    asks.add_column()
    items = _items_by_key(view)
    for n, a in enumerate(view["ask"], 1):
        asks.add_row(f"{n}.", Prose(_ask_text(a, lang, items, view)))
    if view["ask"]:
        console.print(asks)
    if view.get("ask_more"):
        console.print(Text("  " + t("audit.ask_more", lang, count=view["ask_more"]), style="dim"))

    console.print()
    console.print(Text(t("audit.tasks", lang), style="bold"))
    tasks = Table(box=None, show_header=False, pad_edge=False)
    tasks.add_column(no_wrap=True)
    tasks.add_column(no_wrap=True, min_width=10)
    tasks.add_column(no_wrap=True, min_width=5)
    tasks.add_column()
    for i in view["tasks"]:
        body = item_title(i, lang, view)
        if i["evidence_missing"] and i["state"] not in ("not_yet_due", "not_applicable"):
            missing = _join(evidence_in(i["evidence_missing"], view, lang), lang)
            body.append("\n" + t("audit.missing", lang, items=missing), style="red")
        if i["reason"]:
            body.append("\n" + t("audit.reason", lang, reason=i["reason"]), style="magenta")
        tasks.add_row(
            CHECK.get(i["state"], "☐"),
            state_text(i["state"], lang) if i["state"] != "overdue" else when_text(i, lang),
            Text(window_label(i["start"], i["due"], i["basis"], view["year"], lang), style="dim"),
            Prose(body),
        )
    console.print(tasks)

    console.print()
    console.print(Text(t("audit.findings", lang), style="bold"))
    if not view["findings"]:
        console.print(Text("  " + t("audit.no_findings", lang), style="dim"))
    # the step and due date on the left, the finding's text indented under its own column
    # when it wraps (not back at column 0)
    findings = Table(box=None, show_header=False, pad_edge=False)
    findings.add_column(no_wrap=True)
    findings.add_column(no_wrap=True, style="dim")
    findings.add_column()
    for f in view["findings"]:
        step = Text("  " + CHECK.get(f["state"], "☐") + " ")
        step.append(t(f"step.{f['step']}", lang), style=STEP_STYLE.get(f["step"], ""))
        step.append(paren(_finding_state(f, lang), lang), style="dim")
        body = Text(title_in(f, lang))
        if f.get("carried_from") is not None:  # still open from an earlier plan year
            body.append(paren(_carried(f, lang), lang), style="yellow")
        findings.add_row(step, f["due"].isoformat(), Prose(body))
    if view["findings"]:
        console.print(findings)

    console.print()
    console.print(Text(t("audit.history", lang), style="bold"))
    if not view["history"]:
        console.print(Text("  " + t("audit.no_history", lang), style="dim"))
    for h in view["history"]:
        console.print("  " + escape(_history_text(h, lang, view["office"])))


STEP_STYLE = {"to_fix": "bold red", "to_recheck": "bold yellow", "closed": "green"}


def _finding_state(f: dict[str, Any], lang: Lang) -> str:
    """Beside a finding's next step: when it was fixed (waiting for the re-check), or
    its state (overdue, done late …)."""
    if f["step"] == "to_recheck" and f.get("fixed_on"):
        return t("audit.fixed_on", lang, date=f["fixed_on"].isoformat())
    return t(f"state.{f['state']}", lang)


def _carried(f: dict[str, Any], lang: Lang) -> str:
    return t("finding.carried", lang, year=f["carried_from"])


def _items_by_key(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["key"]: i for i in [*view["tasks"], *view["findings"]]}


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def audit_markdown(view: dict[str, Any], lang: Lang) -> str:
    s = view["school"]
    out = [f"# {t('audit.title', lang, name=s['name'])}", ""]
    out.append(
        f"*{title_in(view, lang)} · "
        f"{t('status.as_of', lang, date=view['as_of'].isoformat(), weekday='')}*".replace(
            "（）", ""
        ).replace(" ()", "")
    )
    out.append("")
    for label, value in _school_lines(view, lang):
        out.append(f"- **{label}**{colon(lang)}{_md(value)}")
    out += ["", f"## {t('audit.ask', lang)}", ""]
    if not view["ask"]:
        out.append(t("audit.none_to_ask", lang))
    items = _items_by_key(view)
    out += [f"{n}. {_md(_ask_text(a, lang, items, view))}" for n, a in enumerate(view["ask"], 1)]
    if view.get("ask_more"):
        out += ["", t("audit.ask_more", lang, count=view["ask_more"])]
    out += ["", f"## {t('audit.tasks', lang)}", ""]
    cols = [t("col.item", lang), t("col.due", lang), t("col.state", lang), t("col.evidence", lang)]
    out.append("| " + " | ".join(["✓", *cols]) + " |")
    out.append("|" + "---|" * (len(cols) + 1))
    for i in view["tasks"]:
        occurrence = i["occurrence"]
        title = title_in(i, lang) + (
            paren(occurrence_in(occurrence, lang, view), lang) if occurrence else ""
        )
        state = t(f"state.{i['state']}", lang)
        if i["days_late"] and i["state"] == "overdue":
            state += paren(t("days.late", lang, days=i["days_late"]), lang)
        evidence = []
        if i["evidence_recorded"]:
            recorded = _join(evidence_in(i["evidence_recorded"], view, lang), lang)
            evidence.append(t("audit.recorded", lang, items=recorded))
        if i["evidence_missing"] and i["state"] not in ("not_yet_due", "not_applicable"):
            missing = _join(evidence_in(i["evidence_missing"], view, lang), lang)
            evidence.append("**" + t("audit.missing", lang, items=missing) + "**")
        if i["reason"]:
            evidence.append(t("audit.reason", lang, reason=i["reason"]))
        box = (
            "☑"
            if i["state"] in ("done", "done_late")
            else ("–" if i["state"] == "not_applicable" else "☐")
        )
        cells = [
            box,
            _md(title),
            full_window(i["start"], i["due"], view["year"]) + default_mark(i["basis"], lang),
            _md(state),
            _md(_join(evidence, lang, sep="；")),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", f"## {t('audit.findings', lang)}", ""]
    if not view["findings"]:
        out.append(t("audit.no_findings", lang))
    for f in view["findings"]:
        box = "☑" if f["state"] in ("done", "done_late") else "☐"
        state = (
            t(f"step.{f['step']}", lang)
            + (", " if lang == "en" else "，")
            + _finding_state(f, lang)
        )
        when = f"{state}, {f['due'].isoformat()}" if lang == "en" else f"{state}，{f['due']}"
        carried = paren(_carried(f, lang), lang) if f.get("carried_from") is not None else ""
        out.append(f"- {box} {_md(title_in(f, lang))}{carried}{paren(when, lang)}")
    out += ["", f"## {t('audit.history', lang)}", ""]
    if not view["history"]:
        out.append(t("audit.no_history", lang))
    out += [f"- {_md(_history_text(h, lang, view['office']))}" for h in view["history"]]
    return "\n".join(out) + "\n"
