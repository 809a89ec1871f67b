"""``guanxin plan`` as a Rich tree."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from ..messages import Lang, in_lang, t


def _title(item: dict[str, Any], lang: Lang) -> str:
    if lang == "en" and item.get("title_en"):
        return f"{item['title_en']} ({item['title']})"
    return str(item["title"])


def _when(task: dict[str, Any], year: int) -> str:
    occs = task["occurrences"]
    if len(occs) == 1:
        o = occs[0]
        return f"{o['phrase']} → {o['due'].isoformat()}"
    # a date past the plan year (the autumn term ends in January) shows its year
    parts = [
        f"{o['key']} {o['due'].strftime('%m-%d' if o['due'].year == year else '%Y-%m-%d')}"
        for o in occs
    ]
    return f"{'、'.join(task['when'])}（{len(occs)}）: " + ", ".join(parts)


def render_plan(view: dict[str, Any], console: Console, lang: Lang) -> None:
    counts = {
        "sections": len(view["sections"]),
        "points": sum(len(s["points"]) for s in view["sections"]),
        "tasks": sum(len(p["tasks"]) for s in view["sections"] for p in s["points"]),
        "milestones": len(view["milestones"]),
    }
    root = Tree(
        f"[bold]{escape(t('plan.header', lang, title=_title(view, lang), year=view['year']))}[/]"
    )
    root.add(f"[dim]{escape(t('plan.counts', lang, **counts))}[/]")
    for s in view["sections"]:
        snode = root.add(f"[bold cyan]{escape(s['number'])}、{escape(_title(s, lang))}[/]")
        for p in s["points"]:
            pnode = snode.add(f"[bold]{escape(_title(p, lang))}[/] [dim]({p['id']})[/]")
            for task in p["tasks"]:
                owner = in_lang(task["owner"], "name", lang)
                scope = task["scope"]
                if scope["name"]:
                    scope_text = in_lang(scope, "name", lang)
                else:
                    scope_text = t(f"scope.{scope['id']}", lang)
                tnode = pnode.add(f"☐ {escape(_title(task, lang))} [dim]{task['id']}[/]")
                tnode.add(
                    f"[dim]{t('plan.owner', lang)}:[/] {escape(owner)}  "
                    f"[dim]{t('plan.scope', lang)}:[/] {escape(scope_text)}"
                )
                tnode.add(f"[dim]{t('plan.when', lang)}:[/] {escape(_when(task, view['year']))}")
                if task["evidence"]:
                    tnode.add(
                        f"[dim]{t('plan.evidence', lang)}:[/] {escape('、'.join(task['evidence']))}"
                    )
    if view["milestones"]:
        mnode = root.add(f"[bold magenta]{t('plan.milestones', lang)}[/]")
        for m in view["milestones"]:
            target = (
                t("target.range", lang, min=m["min"], max=m["max"])
                if m["max"] is not None
                else t("target.min", lang, min=m["min"])
            )
            due = m["due"].isoformat() if m["due"] else "?"
            mnode.add(
                f"◆ {escape(_title(m, lang))}  [dim]{escape(m['when'])} → {due}  "
                f"{t('plan.target', lang)}: {escape(target)}[/]"
            )
    console.print(root)
