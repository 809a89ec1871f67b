"""``guanxin roll YEAR``: next year's plan from the newest earlier one.

Every bureau issues a new 工作要点 each spring, mostly in the same shape as last year's. The
rolled plan keeps the structure and the ids (so the school files' keys still fit), takes the
new year in its id, titles and names, moves the 优质化 cohorts on, and leaves the date
phrases as they are: they are worked out again for the new year (清明, 重阳 and the terms
move). What belonged to the old year only — a one-off day such as 二十大, an anniversary, a
date written out — is taken out and listed, never carried silently. Everything the new
year's document must be read against (the quotes, the opening paragraph) is listed for
review. The school files need nothing: their records stay in the year they were made for,
and open 整改 findings are carried into the new year's reports on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamledit
from .dates import UnknownPhrase, resolve
from .errors import DataError, Location, UsageError, problem
from .models import Calendar
from .workspace.folders import Workspace
from .workspace.plans import LoadedPlan, load_plan

# fields whose text names the year and is ours to update (quotes, notes and the opening
# paragraph are the old document's words: they are listed for review instead)
_NAMED = ("id", "title", "title_en", "name", "name_en")


@dataclass
class Dropped:
    """Something of the old year only, taken out of the new plan."""

    what: str  # "task", "phrase", "milestone", "day"
    ident: str
    phrase: str
    detail: str  # why: the date it fell on, or the phrase's own complaint


@dataclass
class Rolled:
    """The new plan's text, and what the review list says about it."""

    source: Path
    target: Path
    from_year: int
    year: int
    text: str
    renamed: int = 0
    cohorts: list[tuple[str, int, int]] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # phrase, old, new dates
    dropped: list[Dropped] = field(default_factory=list)
    quotes: int = 0


def roll_plan(ws: Workspace, year: int, *, source_year: int | None = None) -> Rolled:
    """``year``'s plan from the newest earlier one (or ``source_year``'s), not yet written."""
    years = ws.plan_years()
    target = ws.plans_dir / f"{year}.yaml"
    if year in years:
        raise UsageError(problem("roll.exists", Location(target), year=year))
    earlier = [y for y in years if y < year] if source_year is None else [source_year]
    if not earlier or earlier[-1] not in years:
        known = "、".join(str(y) for y in years) or "—"
        raise UsageError(problem("roll.no_source", Location(ws.plans_dir), year=year, known=known))
    old_year = earlier[-1]
    lp = load_plan(ws, year=old_year)  # (a broken plan is reported as check would)
    doc = yamledit.load(lp.path)
    data = doc.data
    rolled = Rolled(lp.path, target, old_year, year, "")
    data["year"] = year
    for key in ("source_document",):
        if key in data:
            del data[key]
    _rename_all(data, old_year, year, rolled)
    _move_cohorts(data, year - old_year, rolled)
    _drop_old_days(data, year, rolled)
    _drop_old_phrases(data, lp, year, rolled)
    rolled.quotes = _count_quotes(data)
    rolled.text = _with_origin(doc.text(), lp.path.name, old_year, year)
    _check_new(rolled)
    return rolled


def _rename_all(node: Any, old: int, new: int, rolled: Rolled) -> None:
    """The old year in ids, titles and names, as the new one (2022年 → 2023年, jintan-2022
    → jintan-2023); quotes, notes and the opening paragraph keep the old document's words."""
    if yamledit.is_map(node):
        for key in list(node):
            value = node[key]
            if key in _NAMED and isinstance(value, str) and str(old) in value:
                node[key] = type(value)(value.replace(str(old), str(new)))  # (keeps quoting)
                rolled.renamed += 1
            elif not isinstance(value, str):
                _rename_all(value, old, new, rolled)
    elif yamledit.is_seq(node):
        for item in node:
            _rename_all(item, old, new, rolled)


def _move_cohorts(data: Any, years: int, rolled: Rolled) -> None:
    """A group of one 优质化 cohort moves on by the years rolled (the 2021 cohort accepted in
    2022 becomes the 2022 cohort accepted in 2023)."""
    for group in data.get("groups") or ():
        rule: Any = group.get("rule") if yamledit.is_map(group) else None
        if yamledit.is_map(rule) and isinstance(rule.get("youzhihua_cohort"), int):
            was = rule["youzhihua_cohort"]
            rule["youzhihua_cohort"] = was + years
            rolled.cohorts.append((str(group.get("id")), was, was + years))


def _drop_old_days(data: Any, year: int, rolled: Rolled) -> None:
    """Calendar days dated in another year (one-off events) are that year's only."""
    calendar = data.get("calendar")
    days: Any = calendar.get("days") if yamledit.is_map(calendar) else None
    if not yamledit.is_seq(days):
        return
    for n in reversed(range(len(days))):
        day = days[n]
        when = str(day.get("date", "")) if yamledit.is_map(day) else ""
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", when) and int(when[:4]) != year:
            rolled.dropped.append(Dropped("day", str(day.get("name")), when, when))
            del days[n]


def _drop_old_phrases(data: Any, lp: LoadedPlan, year: int, rolled: Rolled) -> None:
    """Phrases that mean a day of the old year only (二十大, 建党101周年, 2022-10-16) go;
    a task left with none goes, and a milestone that counts it or falls on one."""
    calendar = _calendar_of(data)
    gone: set[str] = set()
    for si, section in reversed(list(enumerate(data.get("sections") or ()))):
        for pi, point in reversed(list(enumerate(section.get("points") or ()))):
            tasks = point.get("tasks") or []
            for ti in reversed(range(len(tasks))):
                task = tasks[ti]
                when = task.get("when")
                phrases = list(when) if yamledit.is_seq(when) else [when]
                kept = []
                for phrase in phrases:
                    why = _old_only(str(phrase), year, calendar)
                    if why is None:
                        kept.append(phrase)
                        old = lp.occurrences.get(str(task.get("id")), [])
                        _note_moved(str(phrase), old, year, calendar, rolled)
                    else:
                        rolled.dropped.append(Dropped("phrase", str(task.get("id")), phrase, why))
                if not kept:
                    gone.add(str(task.get("id")))
                    rolled.dropped.append(Dropped("task", str(task.get("id")), "", ""))
                    del tasks[ti]
                elif len(kept) != len(phrases):
                    task["when"] = kept[0] if len(kept) == 1 else yamledit.new_seq(kept, flow=True)
            if not tasks:
                del section["points"][pi]
        if not section.get("points"):
            del data["sections"][si]
    milestones = data.get("milestones") or []
    for mi in reversed(range(len(milestones))):
        ms = milestones[mi]
        count: Any = ms.get("count") if yamledit.is_map(ms) else None
        counted = str(count.get("task")) if yamledit.is_map(count) else ""
        why = _old_only(str(ms.get("when")), year, calendar)
        if counted in gone or why is not None:
            rolled.dropped.append(
                Dropped("milestone", str(ms.get("id")), str(ms.get("when")), why or counted)
            )
            del milestones[mi]


def _calendar_of(data: Any) -> Calendar | None:
    """The rolled plan's calendar as the date rules take it (None: it has none)."""
    calendar = data.get("calendar")
    if not yamledit.is_map(calendar):
        return None
    from .validation import ValidationError, validate

    try:
        return validate(Calendar, _plain(calendar))
    except ValidationError:  # (its own check says what is wrong: read the plan without it)
        return None


def _plain(node: Any) -> Any:
    if yamledit.is_map(node):
        return {str(k): _plain(v) for k, v in node.items()}
    if yamledit.is_seq(node):
        return [_plain(v) for v in node]
    return node if isinstance(node, int | float | bool) or node is None else str(node)


def _old_only(phrase: str, year: int, calendar: Any) -> str | None:
    """Why ``phrase`` cannot mean anything in ``year`` (None: it can)."""
    from .messages import t
    from .options import current_lang

    try:
        found = resolve(phrase, year, calendar)
    except UnknownPhrase as exc:  # (said from the catalog: its reason is the code's words)
        if exc.falls_in is not None:  # 建党102周年 rolled to 2024: 2023
            return t("roll.falls_in", current_lang(), phrase=phrase, year=exc.falls_in)
        return t("roll.no_date_in", current_lang(), year=year)
    except ValueError:
        return t("roll.no_date_in", current_lang(), year=year)
    first, last = dt.date(year, 1, 1), dt.date(year + 1, 1, 31)
    outside = [o for o in found if not (first <= o.due <= last)]
    return outside[0].due.isoformat() if outside else None


def _note_moved(phrase: str, old: list[Any], year: int, calendar: Any, rolled: Rolled) -> None:
    """A phrase whose dates move with the year (清明, 重阳, the terms): old → new, once each."""
    if any(p == phrase for p, _, _ in rolled.moved):
        return
    mine = [o for o in old if o.phrase == phrase]
    try:
        new = resolve(phrase, year, calendar)
    except ValueError:
        return
    shift = year - (mine[0].due.year if mine else year)
    for before, after in zip(mine, new, strict=False):
        if (after.start, after.due) != (_shifted(before.start, shift), _shifted(before.due, shift)):
            rolled.moved.append((phrase, _span(before), _span(after)))
            return


def _shifted(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 02-29
        return day.replace(year=day.year + years, day=28)


def _span(o: Any) -> str:
    return o.due.isoformat() if o.start == dt.date(o.due.year, 1, 1) else f"{o.start}–{o.due}"


def _count_quotes(node: Any) -> int:
    if yamledit.is_map(node):
        return sum(1 for k in node if k == "source") + sum(_count_quotes(v) for v in node.values())
    if yamledit.is_seq(node):
        return sum(_count_quotes(v) for v in node)
    return 0


def _with_origin(text: str, name: str, old: int, new: int) -> str:
    """The new plan's text with a comment at its head (after an editor's schema line) saying
    where it came from: the comments below it and every ``source`` are the old document's
    until they are checked against the new one."""
    lines = text.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    said = (
        f"# 由 guanxin roll 从 plans/{name} 生成：以下注释和每个 source 摘句仍是 {old} 年文件的，\n"
        f"# 拿到 {new} 年的文件后逐条核对、替换。Made by guanxin roll from plans/{name}: the\n"
        f"# comments below and every source quote are still the {old} document's; check them\n"
        f"# against the {new} document.\n"
    )
    return "".join([*lines[:at], said, *lines[at:]])


def _check_new(rolled: Rolled) -> None:
    """The new plan must pass ``check`` as it is, or nothing is written."""
    from .workspace.plans import check_plan_text

    problems = check_plan_text(rolled.text, rolled.target)
    if problems:
        raise DataError([*problems, problem("roll.not_written")])


def write_rolled(rolled: Rolled) -> None:
    """Write the new plan (a new file: refused if one appeared meanwhile)."""
    from .atomic import file_lock, write_or_fail

    with file_lock(rolled.target):
        if rolled.target.exists():
            raise UsageError(problem("roll.exists", Location(rolled.target), year=rolled.year))
        write_or_fail(rolled.target, rolled.text.encode("utf-8"))


@dataclass(frozen=True)
class SchoolNotes:
    """What the school files bring into the new year: open findings, first-layout files."""

    open_findings: int
    first_layout: int


def school_notes(ws: Workspace, rolled: Rolled) -> SchoolNotes:
    """Count what the review list says of the school files (0 where a file does not load:
    ``check`` reports those)."""
    from .errors import Problem
    from .workspace.units import read_school
    from .years import for_year

    problems: list[Problem] = []
    first = ws.first_year()
    findings = layout = 0
    for path in ws.unit_paths():
        loaded = read_school(path, problems)
        if loaded is None:
            continue
        school = loaded[2]
        if school.schema_version == 1 and (school.progress or school.audits or school.activities):
            layout += 1
        # (the audits a year carries hold the findings still open when it begins)
        carried = for_year(school, rolled.year, first).carried
        findings += sum(len(audit.findings) for _, audit in carried)
    return SchoolNotes(findings, layout)
