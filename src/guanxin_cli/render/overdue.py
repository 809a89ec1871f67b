"""``guanxin overdue`` in text (Rich), Markdown and CSV."""

from __future__ import annotations

import csv
import functools
import io
import operator
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size  # (Rich's width tables only, not its console)

from ..messages import Lang, in_lang, paren, t, title_in
from ..year.items import BRIEF_FIELDS
from .words import (
    default_mark,
    due_label,
    evidence_in,
    occurrence_in,
    title_parts,
    weekday,
    when_of,
)

if TYPE_CHECKING:
    from rich.console import Console


def first_lines(view: dict[str, Any], lang: Lang, width: int) -> list[str]:
    """:func:`first_line`, with the plan's title on a line of its own where the two do not
    fit in ``width`` columns together."""
    line = first_line(view, lang)
    if _cells(line) <= width:
        return [line]
    marker = "\x00"
    head = first_line({**view, "title": marker, "title_en": marker}, lang)
    return [head.removesuffix(" · " + marker), title_in(view, lang)]


def first_line(view: dict[str, Any], lang: Lang) -> str:
    """What the report covers and as of when: the line a cron mail is read by."""
    as_of = view["as_of"]
    within = view["within_days"]
    scope = t("overdue.scope_all", lang)
    if view["school"]:
        scope = view["school_name"]
    elif view.get("liaison"):
        scope = t("overdue.liaison", lang, name=view["liaison"])
    if view["section"]:
        scope += " · " + t("overdue.section", lang, section=view["section"])
    if view.get("document_only"):
        scope += " · " + t("overdue.document_only", lang)
    soon = (
        t("overdue.soon_part", lang, days=within, count=view["due_soon"])
        if within is not None
        else ""
    )
    return t(
        "overdue.first_line",
        lang,
        title=title_in(view, lang),
        date=as_of.isoformat(),
        weekday=weekday(as_of, lang),
        scope=scope,
        overdue=view["overdue"],
        soon=soon,
    )


def group_label(group: dict[str, Any], view: dict[str, Any], lang: Lang) -> str:
    if view["by"] == "task" and group["key"] == "finding":
        return t("overdue.findings_group", lang)
    if group["key"] == "—" and view["by"] in ("parent", "liaison", "owner"):
        return t(f"overdue.none_{view['by']}", lang)
    if view["by"] in ("task", "owner") and lang == "en":
        en = group["items"][0].get("title_en" if view["by"] == "task" else "owner_en")
        return str(en or group["label"])
    return str(group["label"])


def render_overdue(view: dict[str, Any], console: Console, lang: Lang) -> None:
    from rich.text import Text

    from .status import items_table  # (Rich: only for a terminal)

    console.print(Text(first_line(view, lang), style="bold"), soft_wrap=True)
    if view["year_ended"]:
        console.print(Text(t("status.year_ended", lang, year=view["year"]), style="yellow"))
    if not view["groups"]:
        console.print(Text(t("overdue.none", lang), style="green"))
        return
    for group in view["groups"]:
        console.print()
        head = Text(group_label(group, view, lang), style="bold cyan")
        head.append(
            "  "
            + t("overdue.group_counts", lang, overdue=group["overdue"], soon=group["due_soon"]),
            style="dim",
        )
        console.print(head)
        console.print(
            items_table(
                group["items"],
                lang,
                console.width,
                school=view["by"] != "school",
                year=view["year"],
            )
        )


# The same few titles, names and "3 days late" labels fill tens of thousands of rows.
_cells = functools.lru_cache(maxsize=65536)(cell_len)


@functools.lru_cache(maxsize=65536)
def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to exactly ``width`` terminal cells (CJK counts double)."""
    cells = _cells(text)
    if cells <= width:
        return text + " " * (width - cells)
    return set_cell_size(text, width - 1) + "…"


_BRIEF_OF_VIEW = operator.itemgetter(*BRIEF_FIELDS)


def overdue_plain(view: dict[str, Any], lang: Lang, width: int) -> str:
    """The text report without Rich tables: for pipes, files and cron, at any size.

    Rendering tens of thousands of rows through Rich takes seconds; this is linear and
    cheap, and lays out the same columns (CJK-aware, cut to ``width``). A group gives its
    items as views (``items``, from ``overdue_view``) or already cut down to their
    ``BRIEF_FIELDS`` (``rows``, from ``overdue_brief``): the same lines either way.
    """
    lines = first_lines(view, lang, width)
    days = {"days_en": view.get("days_en")}  # (what occurrence_in reads of a view)
    if view["year_ended"]:
        lines.append(t("status.year_ended", lang, year=view["year"]))
    if not view["groups"]:
        lines.append(t("overdue.none", lang))
    as_of = view["as_of"]
    year = view["year"]
    # The same rows recur at school after school: each row's "when" and deadline (and
    # their widths) are worked out once, and each line once for each width of the columns.
    whens: dict[tuple[Any, ...], tuple[str, int, str, int]] = {}
    done: dict[tuple[int, int, int], dict[Any, str]] = {}
    counted: dict[tuple[int, int], str] = {}  # (and each group's counts, once for each)
    for group in view["groups"]:
        late_soon = (group["overdue"], group["due_soon"])
        counts = counted.get(late_soon)
        if counts is None:
            late, soon = late_soon
            counts = counted[late_soon] = t("overdue.group_counts", lang, overdue=late, soon=soon)
        lines += ["", f"{group_label(group, view, lang)}  {counts}"]
        schools: list[str] | None = None
        if "rows" in group:
            rows = group["rows"]
        else:
            rows = [_BRIEF_OF_VIEW(i) for i in group["items"]]
            if view["by"] != "school":
                schools = [i["school_name"] for i in group["items"]]
        when_w = 10
        due_w = 5
        for row in rows:
            when = whens.get(row)
            if when is None:
                state, days_late, workdays_left, due_on, *_, basis = row  # (BRIEF_FIELDS)
                text = when_of(state, days_late, workdays_left, due_on == as_of, lang)[0]
                due = due_label(due_on, basis, year, lang)
                when = whens[row] = (text, _cells(text), due, _cells(due))
            if when[1] > when_w:
                when_w = when[1]
            if when[3] > due_w:
                due_w = when[3]
        school_w = min(14, max(map(_cells, schools), default=8)) if schools else 0
        made = done.setdefault((when_w, due_w, school_w), {})
        for n, row in enumerate(rows):
            school = schools[n] if schools else None
            key = row if school is None else (row, school)
            line = made.get(key)
            if line is None:
                when_text, _, due_text, _ = whens[row]
                columns = (_fit(when_text, when_w), _fit(due_text, due_w))
                line = made[key] = _line(row, columns, school, school_w, lang, width, days)
            lines.append(line)
    return "\n".join(lines) + "\n"


def _line(
    row: tuple[Any, ...],
    columns: tuple[str, str],
    school: str | None,
    school_w: int,
    lang: Lang,
    width: int,
    days: dict[str, Any] | None = None,
) -> str:
    """One line: how late, the deadline (``columns``, laid out already), the school, the title."""
    _, _, _, _, kind, title, title_en, occurrence, carried, _ = row
    text = f"{columns[0]}  {columns[1]}  "
    if school is not None:
        text += _fit(school, school_w) + "  "
    shown = occurrence_in(occurrence, lang, days) if occurrence else None
    parts = title_parts(kind, title, title_en, shown, lang, carried)
    name = "".join(part for part, _ in parts)
    room = width - _cells(text)
    if _cells(name) <= room:
        return text + name
    if carried is not None:  # the title gives way; "（2022年遗留）" is never cut
        mark = parts[-1][0]
        head = name[: len(name) - len(mark)]
        return text + _fit(head, max(room - _cells(mark), 8)) + mark
    return text + _fit(name, max(room, 8))


CSV_COLUMNS = (
    "school",
    "school_name",
    "title",
    "occurrence",
    "kind",
    "owner",
    "liaison",
    "due",
    "due_basis",
    "state",
    "days_late",
    "workdays_left",
    "due_on_holiday",
    "evidence_missing",
)


def overdue_csv(view: dict[str, Any], lang: Lang) -> bytes:
    """UTF-8 with BOM so Excel opens the Chinese correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([t(f"csv.{c}", lang) for c in CSV_COLUMNS])
    for group in view["groups"]:
        for i in group["items"]:
            writer.writerow(
                [
                    i["school"],
                    i["school_name"],
                    title_in(i, lang),
                    occurrence_in(i["occurrence"], lang, view) if i["occurrence"] else "",
                    t(f"csv.kind.{i['kind']}", lang),
                    in_lang(i, "owner", lang) or "",
                    i["liaison"] or "",
                    i["due"].isoformat(),
                    t(f"basis.{i['basis']}", lang) if i["basis"] else "",
                    t(f"state.{i['state']}", lang),
                    i["days_late"],
                    i["workdays_left"],
                    t("csv.yes", lang) if i["due_on_holiday"] else "",
                    ("; " if lang == "en" else "、").join(
                        evidence_in(i["evidence_missing"], view, lang)
                    ),
                ]
            )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def overdue_markdown(view: dict[str, Any], lang: Lang) -> str:
    out = [f"# {first_line(view, lang)}", ""]
    if view["year_ended"]:
        out += [t("status.year_ended", lang, year=view["year"]), ""]
    if not view["groups"]:
        out.append(t("overdue.none", lang))
    cols = [t("col.due", lang), t("col.state", lang), t("col.school", lang), t("col.item", lang)]
    for group in view["groups"]:
        counts = t("overdue.group_counts", lang, overdue=group["overdue"], soon=group["due_soon"])
        out += [
            f"## {group_label(group, view, lang)}（{counts}）",
            "",
            "| " + " | ".join(cols) + " |",
            "|" + "---|" * len(cols),
        ]
        for i in group["items"]:
            if i["days_late"] > 0:
                state = t("days.late", lang, days=i["days_late"])
            else:
                state = t("days.left", lang, days=i["workdays_left"])
            occurrence = i["occurrence"]
            title = title_in(i, lang)
            if occurrence:
                title += paren(occurrence_in(occurrence, lang, view), lang)
            if i["kind"] == "finding":
                title = t("finding.prefix", lang) + "：" + title
            if i["due_on_holiday"]:
                title += t("days.holiday", lang)
            due = i["due"].isoformat() + default_mark(i["basis"], lang)
            cells = [due, state, i["school_name"], title]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
