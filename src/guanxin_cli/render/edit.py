"""Output of the edit commands: the diff (for ``--dry-run``) and a one-line confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..messages import Lang, t
from . import err_console, out_console, problem_line, shown_path

if TYPE_CHECKING:
    from ..editing.cycle import EditOutcome

_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def print_diff(diff: str) -> None:
    console = out_console()
    for line in diff.splitlines():
        style = None
        if console.is_terminal and not line.startswith(("+++", "---")):
            style = _DIFF_STYLES.get(line[:1])
        console.print(line, markup=False, highlight=False, style=style, soft_wrap=True)


def print_outcome(outcome: EditOutcome, lang: Lang, *, dry_run: bool) -> None:
    for p in outcome.notes:  # (with its file and line, where it has them)
        err_console().print(problem_line(p, lang), markup=False, soft_wrap=True)
    console = out_console()
    if dry_run:
        print_diff(outcome.diff)
        for key, params in outcome.details:
            console.print(t(key, lang, **params), markup=False, soft_wrap=True)
        console.print(t("edit.dry_run", lang), markup=False, soft_wrap=True)
        return
    if not outcome.changed:
        console.print(t("edit.no_change", lang), markup=False, soft_wrap=True)
        return
    console.print(t(outcome.summary, lang, **outcome.params), markup=False, soft_wrap=True)
    for key, params in outcome.details:
        console.print(t(key, lang, **params), markup=False, soft_wrap=True)
    console.print(
        t("edit.written", lang, path=shown_path(outcome.path)),
        markup=False,
        soft_wrap=True,
        style="dim",
    )
