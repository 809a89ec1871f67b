"""A report as chat messages: lines from the views ``overdue`` and ``status`` print, cut
into messages at item boundaries, each within its robot's limit.

:func:`overdue_report` and :func:`status_report` turn a view (``reports.overdue`` /
``reports.views``: the same numbers the reports show) into a :class:`Report` of blocks and
lines; :func:`split` lays a report out as at most ``max_messages`` messages, the last
saying how many lines were left out and where to see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..messages import Lang, colon, t, title_in
from ..render.overdue import first_line, group_label
from ..render.words import item_title_parts, month_day, pct, weekday, when_of
from .mentions import People, Person
from .vendors import Message, Vendor


@dataclass(frozen=True)
class Entry:
    """One line of a report: an item, a school, a section... and whom it concerns."""

    text: str
    school: str | None = None  # the school's id, whose people an @-mention reaches
    liaison: str | None = None  # that school's liaison (包校), by name


@dataclass(frozen=True)
class Block:
    """A heading and its lines. The heading goes again, marked as continued, where the
    block goes on in the next message."""

    name: str  # shown in bold
    entries: list[Entry]
    detail: str = ""  # after the name: counts, the liaison

    def heading(self, lang: Lang, continued: bool = False) -> str:
        name = self.name + (t("notify.continued", lang) if continued else "")
        return bold(name) + (f"  {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class Report:
    kind: Literal["overdue", "status"]
    title: str  # short: a notification's preview, a card's header
    headline: str  # the first message's first line (in bold)
    head: list[str]  # the lines after it that only the first message carries
    blocks: list[Block]
    pressing: bool  # anything overdue or due soon (else `--quiet` sends nothing)
    alert: bool  # anything overdue

    @property
    def lines(self) -> int:
        return sum(len(b.entries) for b in self.blocks)


def bold(text: str) -> str:
    return f"**{text}**"


# --------------------------------------------------------------------------- overdue


def overdue_report(view: dict[str, Any], lang: Lang) -> Report:
    """From :func:`~guanxin_cli.reports.overdue.overdue_view`: a block per group, a line
    per item, as ``overdue --format markdown`` lists them."""
    as_of = view["as_of"]
    head = []
    if view["year_ended"]:
        head.append(t("status.year_ended", lang, year=view["year"]))
    if not view["groups"]:
        head.append(t("overdue.none", lang))
    by_school = view["by"] == "school"
    blocks = []
    for group in view["groups"]:
        detail = t("overdue.group_counts", lang, overdue=group["overdue"], soon=group["due_soon"])
        liaison = group["items"][0]["liaison"] if by_school and group["items"] else None
        if liaison:
            detail += " · " + t("notify.liaison", lang, name=liaison)
        entries = [
            Entry(_item_line(i, as_of, lang, school=not by_school), i["school"], i["liaison"])
            for i in group["items"]
        ]
        blocks.append(Block(group_label(group, view, lang), entries, detail))
    title = t(
        "notify.title.overdue",
        lang,
        date=as_of.isoformat(),
        overdue=view["overdue"],
        soon=view["due_soon"],
    )
    return Report(
        "overdue",
        title,
        first_line(view, lang),
        head,
        blocks,
        pressing=bool(view["overdue"] or view["due_soon"]),
        alert=bool(view["overdue"]),
    )


def _item_line(i: dict[str, Any], as_of: Any, lang: Lang, *, school: bool) -> str:
    when = when_of(i["state"], i["days_late"], i["workdays_left"], i["due"] == as_of, lang)[0]
    name = "".join(p for p, _ in item_title_parts(i, lang))
    parts = [when, month_day(i["due"])]
    if school:
        parts.append(i["school_name"])
    parts.append(name)
    return "- " + " · ".join(parts)


# --------------------------------------------------------------------------- status


def status_report(view: dict[str, Any], lang: Lang) -> Report:
    """From :func:`~guanxin_cli.reports.views.status_view` (all schools): the numbers of
    ``status``'s screen, and the schools with something late, blocked or to fix."""
    as_of = view["as_of"]
    when = t("status.as_of", lang, date=as_of.isoformat(), weekday=weekday(as_of, lang))
    if view["year_ended"]:
        when += " · " + t("status.year_ended", lang, year=view["year"])
    elif as_of.year == view["year"]:
        when += " · " + t("status.days_left", lang, days=view["days_left"])
    overall, counts = view["overall"], view["counts"]
    head = [
        when,
        t(
            "status.overall",
            lang,
            done=overall["done"],
            total=overall["total"],
            pct=pct(overall["ratio"]),
            due=overall["due"],
            done_of_due=overall["done_of_due"],
        ),
        t(
            "status.counts",
            lang,
            overdue=counts["overdue"],
            blocked=view["blocked"],
            due_soon=counts["due_soon"],
            findings=view["open_findings"],
        ),
    ]
    sections = [
        Entry(
            f"- {s['number']} {title_in(s, lang)}{colon(lang)}"
            f"{s['rate']['done']}/{s['rate']['total']}（{pct(s['rate']['ratio'])}）"
            + (" · " + t("notify.late", lang, count=s["overdue"]) if s["overdue"] else "")
        )
        for s in view["sections"]
    ]
    milestones = [Entry(_milestone_line(m, lang)) for m in view["milestones"]]
    schools = [
        Entry(_school_line(s, lang), s["id"], s["liaison"])
        for s in view["schools"]
        if s["overdue"] or s["blocked"] or s["open_findings"]
    ]
    blocks = [Block(t("status.sections", lang), sections)]
    if milestones:
        blocks.append(Block(t("status.milestones", lang), milestones))
    if schools:
        blocks.append(Block(t("notify.schools_at_risk", lang), schools))
    title = t("notify.title.status", lang, date=as_of.isoformat(), overdue=counts["overdue"])
    return Report(
        "status",
        title,
        title_in(view, lang),
        head,
        blocks,
        pressing=bool(counts["overdue"] or counts["due_soon"]),
        alert=bool(counts["overdue"]),
    )


def _milestone_line(m: dict[str, Any], lang: Lang) -> str:
    target = f"{m['min']}–{m['max']}" if m["max"] is not None else str(m["min"])
    count = m["count_now"] if m["days_left"] >= 0 else m["count_by_due"]
    state = t(f"ms.{m['state']}", lang)
    if m["days_left"] > 0:
        state += " " + t("ms.days_left", lang, days=m["days_left"])
    elif m["days_left"] == 0:
        state += " " + t("ms.today", lang)
    due = f"{m['when']} {month_day(m['due'])}"
    return f"- ◆ {title_in(m, lang)} · {due} · {count}/{target} · {state}"


def _school_line(s: dict[str, Any], lang: Lang) -> str:
    parts = [t("notify.done_pct", lang, pct=pct(s["rate"]["ratio"]))]
    if s["overdue"]:
        parts.append(t("notify.late", lang, count=s["overdue"]))
    if s["blocked"]:
        parts.append(t("notify.blocked", lang, count=s["blocked"]))
    if s["open_findings"]:
        parts.append(t("notify.findings", lang, count=s["open_findings"]))
    if s["liaison"]:
        parts.append(t("notify.liaison", lang, name=s["liaison"]))
    return f"- {s['name']}{colon(lang)}" + " · ".join(parts)


# --------------------------------------------------------------------------- splitting


@dataclass
class Laid:
    """A report laid out as messages."""

    messages: list[Message]
    shown: int  # lines of the report in them
    left_out: int  # lines that did not fit in ``max_messages``
    people: list[Person] = field(default_factory=list)  # everyone they concern, once each


@dataclass
class _Draft:
    body: list[str] = field(default_factory=list)  # the lines after the message's top
    mobiles: list[str] = field(default_factory=list)
    entries: int = 0


def split(
    report: Report,
    vendor: Vendor,
    *,
    max_messages: int,
    lang: Lang,
    footer: Callable[[int], str | None],
    people: People | None = None,
    keyword: str | None = None,
) -> Laid:
    """Lay ``report`` out as at most ``max_messages`` messages that each fit ``vendor``'s
    limit, cutting only between lines (a heading goes again, marked, where its block
    goes on). ``footer(left_out)``: the last message's closing line (how many lines were
    left out and where to see them), or None. Each person is @-mentioned once, in the
    first message with a line about them."""
    flat = [(n, e) for n, block in enumerate(report.blocks) for e in block.entries]
    widest = footer(len(flat))  # (room is kept for it in every message: any may be the last)
    reserve = vendor.cost("") + vendor.cost(widest) if widest else 0
    seen: set[tuple[str, ...]] = set()
    mentioned: set[str] = set()
    everyone: list[Person] = []
    drafts: list[_Draft] = []
    done = 0
    while True:
        number = len(drafts) + 1
        # sized with the most messages there may be: "(1/20)" is never shorter than "(1/2)"
        top = _top(report, number, max_messages, lang, keyword)
        budget = vendor.budget(_title(report, number, max_messages, lang)) - reserve
        used = sum(vendor.cost(line) for line in top)
        draft = _Draft()
        block: int | None = None
        while done < len(flat):
            n, entry = flat[done]
            add = []
            if n != block:
                continued = entry is not report.blocks[n].entries[0]
                add = ["", report.blocks[n].heading(lang, continued)]
            new = list(people.of(entry.school, entry.liaison)) if people else []
            new = [p for p in new if p.key not in seen]
            mobiles = (
                []
                if not vendor.mentions
                else [m for m in dict.fromkeys(p.mobile for p in new) if m and m not in mentioned]
            )
            had = len(draft.mobiles)
            extra = vendor.mention_cost(had + len(mobiles)) - vendor.mention_cost(had)
            fixed = sum(vendor.cost(line) for line in add) + extra
            text = entry.text
            if used + fixed + vendor.cost(text) > budget:
                if draft.entries:
                    break
                # a line too long for a message of its own: cut, so the report still goes
                text = _cut(text, budget - used - fixed, vendor)
            draft.body += [*add, text]
            used += fixed + vendor.cost(text)
            draft.entries += 1
            draft.mobiles += mobiles
            mentioned.update(mobiles)
            for p in new:
                seen.add(p.key)
                everyone.append(p)
            block = n
            done += 1
        drafts.append(draft)
        if done == len(flat) or number == max_messages:
            break
    left = len(flat) - done
    closing = footer(left)
    if closing:
        drafts[-1].body += ["", closing]
    count = len(drafts)
    messages = [
        Message(
            _title(report, n, count, lang),
            "\n".join(_top(report, n, count, lang, keyword) + d.body),
            tuple(d.mobiles),
            report.alert,
        )
        for n, d in enumerate(drafts, 1)
    ]
    return Laid(messages, done, left, everyone)


def _title(report: Report, number: int, count: int, lang: Lang) -> str:
    if count == 1:
        return report.title
    return report.title + t("notify.part", lang, n=number, count=count)


def _top(report: Report, number: int, count: int, lang: Lang, keyword: str | None) -> list[str]:
    """A message's first lines: the report's headline in each (with "n/count" when there
    are several: a follow-up reads as part of the same report), its head in the first, and
    the robot's keyword if it wants one."""
    part = t("notify.part", lang, n=number, count=count) if count > 1 else ""
    lines = [bold(report.headline + part)]
    if number == 1:
        for line in report.head:  # (a blank line between: DingTalk joins lines otherwise)
            lines += ["", line]
    if keyword and not any(keyword in line for line in lines):
        lines[0] = f"{keyword} {lines[0]}"
    return lines


def _cut(text: str, room: int, vendor: Vendor) -> str:
    """``text`` shortened with "…" to cost at most ``room`` (at least its first character)."""
    low, high = 1, len(text)
    while low < high:  # the longest prefix that fits
        mid = (low + high + 1) // 2
        if vendor.cost(text[:mid] + "…") <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"
