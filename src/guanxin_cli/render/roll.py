"""Output of ``guanxin roll``: what the new plan is, and the list to review it by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

from ..messages import Lang, t
from . import shown_path

if TYPE_CHECKING:
    from ..roll import Rolled, SchoolNotes

SHOWN = 8  # moved dates and dropped items listed before "and N more"


def render_roll(
    rolled: Rolled, schools: SchoolNotes, console: Console, lang: Lang, *, dry_run: bool
) -> None:
    lines: list[str] = []
    say = lines.append
    path = shown_path(rolled.target)
    say(
        t(
            "roll.would" if dry_run else "roll.written",
            lang,
            path=path,
            year=rolled.year,
            old=rolled.from_year,
        )
    )
    if rolled.renamed:
        say("  · " + t("roll.renamed", lang, count=rolled.renamed, year=rolled.year))
    for group, was, now in rolled.cohorts:
        say("  · " + t("roll.cohort", lang, group=group, old=was, new=now))
    if rolled.moved:
        shown = "；".join(f"{p} {a} → {b}" for p, a, b in rolled.moved[:SHOWN])
        more = len(rolled.moved) - SHOWN
        say(
            "  · "
            + t("roll.moved", lang, year=rolled.year, dates=shown)
            + (t("roll.more", lang, count=more) if more > 0 else "")
        )
    for d in rolled.dropped:
        say(
            "  · "
            + t(
                f"roll.dropped.{d.what}",
                lang,
                id=d.ident,
                phrase=d.phrase,
                detail=d.detail,
                old=rolled.from_year,
            )
        )
    say(t("roll.review", lang, year=rolled.year))
    say("  · " + t("roll.quotes", lang, count=rolled.quotes, old=rolled.from_year))
    say("  · " + t("roll.defaults", lang))
    say("  · " + t("roll.source_document", lang, year=rolled.year))
    if schools.open_findings:
        say(
            "  · "
            + t(
                "roll.findings",
                lang,
                count=schools.open_findings,
                year=rolled.year,
                old=rolled.from_year,
            )
        )
    if schools.first_layout:
        say("  · " + t("roll.migrate", lang, count=schools.first_layout, year=rolled.year))
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
