"""``guanxin plan`` as a Rich tree."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text
from rich.tree import Tree

from ..messages import Lang, colon, in_lang, paren, t
from .prose import Prose
from .words import default_mark, full_window, occurrence_in, window


def _title(item: dict[str, Any], lang: Lang) -> str:
    if lang == "en" and item.get("title_en"):
        return f"{item['title_en']} ({item['title']})"
    return str(item["title"])


def _numbered(section: dict[str, Any], lang: Lang) -> str:
    """``三、立足基层…``; a section without a numeral (总体要求) as its title alone."""
    number = section["number"]
    if number in "一二三四五六七八九十" or number.isdigit():
        return f"{number}、{_title(section, lang)}"
    return _title(section, lang)


def _when(task: dict[str, Any], year: int, lang: Lang, view: dict[str, Any]) -> str:
    """``上半年 → 2022-06-30（默认）``, or every occurrence as its window
    (``七一 06-24–07-08``), the default ones marked."""
    occs = task["occurrences"]
    if len(occs) == 1:
        o = occs[0]
        phrase = occurrence_in(o["phrase"], lang, view)
        return f"{phrase} → {full_window(o['start'], o['due'], year)}" + default_mark(
            o["basis"], lang
        )
    same = len({o["basis"] for o in occs}) == 1
    parts = [
        f"{occurrence_in(o['key'], lang, view)} {window(o['start'], o['due'], year)}"
        + ("" if same else default_mark(o["basis"], lang))
        for o in occs
    ]
    phrases = [occurrence_in(p, lang, view) for p in task["when"]]
    text = f"{(', ' if lang == 'en' else '、').join(phrases)}{paren(str(len(occs)), lang)}: "
    text += ", ".join(parts)
    return text + (default_mark(occs[0]["basis"], lang) if same and occs else "")


def render_plan(
    view: dict[str, Any],
    console: Console,
    lang: Lang,
    *,
    detail: bool = False,
    preamble: bool = True,
) -> None:
    """The plan as a tree, after the document's opening paragraph (``preamble``);
    ``detail`` adds each task's and milestone's source quote and note."""
    year = view["year"]
    counts = {
        "sections": len(view["sections"]),
        "points": sum(len(s["points"]) for s in view["sections"]),
        "tasks": sum(len(p["tasks"]) for s in view["sections"] for p in s["points"]),
        "milestones": len(view["milestones"]),
    }
    root = Tree(f"[bold]{escape(t('plan.header', lang, title=_title(view, lang), year=year))}[/]")
    root.add(f"[dim]{escape(t('plan.counts', lang, **counts))}[/]")
    if view["preamble"] and preamble:
        opening = str(in_lang(view, "preamble", lang))
        # broken as Chinese is set: no line begins with "，"
        root.add(Prose(Text.assemble((t("plan.preamble", lang) + colon(lang), "bold"), opening)))
    root.add(Prose(Text(t("plan.basis_legend", lang), style="dim")))
    for s in view["sections"]:
        snode = root.add(f"[bold cyan]{escape(_numbered(s, lang))}[/]")
        for p in s["points"]:
            pnode = snode.add(f"[bold]{escape(_title(p, lang))}[/] [dim]({p['id']})[/]")
            for task in p["tasks"]:
                owner = in_lang(task["owner"], "name", lang)
                scope = task["scope"]
                if scope["name"]:
                    scope_text = in_lang(scope, "name", lang)
                else:
                    scope_text = t(f"scope.{scope['id']}", lang, **view["office"])
                tnode = pnode.add(f"☐ {escape(_title(task, lang))} [dim]{task['id']}[/]")
                tnode.add(
                    f"[dim]{t('plan.owner', lang)}:[/] {escape(owner)}  "
                    f"[dim]{t('plan.scope', lang)}:[/] {escape(scope_text)}"
                )
                tnode.add(
                    f"[dim]{t('plan.when', lang)}:[/] {escape(_when(task, year, lang, view))}"
                )
                evidence = in_lang(task, "evidence", lang)
                if evidence:
                    sep = ", " if lang == "en" and task.get("evidence_en") else "、"
                    tnode.add(f"[dim]{t('plan.evidence', lang)}:[/] {escape(sep.join(evidence))}")
                if detail:
                    _detail(tnode, task, lang)
    if view["milestones"]:
        mnode = root.add(f"[bold magenta]{t('plan.milestones', lang)}[/]")
        for m in view["milestones"]:
            target = (
                t("target.range", lang, min=m["min"], max=m["max"])
                if m["max"] is not None
                else t("target.min", lang, min=m["min"])
            )
            due = (
                full_window(m["start"], m["due"], year) + default_mark(m["basis"], lang)
                if m["due"]
                else "?"
            )
            node = mnode.add(
                f"◆ {escape(_title(m, lang))}  "
                f"[dim]{escape(occurrence_in(m['when'], lang, view))} → {escape(due)}  "
                f"{t('plan.target', lang)}: {escape(target)}[/]"
            )
            if detail:
                _detail(node, m, lang)
    console.print(root)


def _detail(node: Tree, item: dict[str, Any], lang: Lang) -> None:
    node.add(Text.assemble((t("plan.source", lang) + colon(lang), "dim"), f"“{item['source']}”"))
    if item.get("note"):
        node.add(Text.assemble((t("plan.note", lang) + colon(lang), "dim"), item["note"]))
