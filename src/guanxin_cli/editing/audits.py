"""``record-audit`` and ``fix``: audits, their findings, 整改 and the re-check that closes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, get_args

from .. import yamledit
from ..errors import Problem, UsageError, problem
from ..messages import Choices, t
from ..models import Audit, AuditKind, Finding, School, StepResult
from ..workspace.checks import FIX_YEARS, fix_limit
from ..workspace.edits import EditBase
from .cycle import EditOutcome, edit_file
from .parts import (
    FINDING_ORDER,
    add_evidence,
    audits_list,
    audits_so_far,
    check_plan_date,
    day_of,
    focus_on,
    maps,
    school_audits,
)

AUDIT_KINDS: tuple[str, ...] = get_args(AuditKind)
RESULTS: tuple[str, ...] = get_args(StepResult)


@dataclass(frozen=True)
class AuditChange:
    date: dt.date
    kind: str
    result: str | None
    by: str | None = None
    score: float | None = None
    findings: Sequence[tuple[str, dt.date]] = ()
    note: str | None = None
    audit_id: str | None = None
    reopen_by: dt.date | None = None  # a failed re-check: the fixed findings' new deadline
    lang: str = "zh"  # the language of what the edit writes into a note


RECHECK = "recheck"


def record_audit(base: EditBase, query: str, change: AuditChange, *, dry_run: bool) -> EditOutcome:
    """Add an audit. A re-check that passed closes the school's fixed findings (it writes
    their ``rechecked``); one that failed reopens them, due again by ``reopen_by``. The
    same audit (date and kind) is never recorded twice."""
    for option, value, allowed in (
        ("--kind", change.kind, AUDIT_KINDS),
        ("--result", change.result, RESULTS),
    ):
        if value is not None and value not in allowed:
            raise UsageError(
                problem("err.bad_option", option=option, value=value, detail=Choices(allowed))
            )
    check_plan_date(base, "--date", change.date)
    deadlines = [fix_by for _, fix_by in change.findings]
    if change.reopen_by is not None:
        if (change.kind, change.result) != (RECHECK, "failed"):
            raise UsageError(problem("edit.reopen_not_failed"))
        deadlines.append(change.reopen_by)
    for fix_by in deadlines:
        check_plan_date(base, "--fix-by", fix_by)
        if fix_by < change.date:
            raise UsageError(
                problem(
                    "edit.fix_before_audit", fix_by=fix_by.isoformat(), date=change.date.isoformat()
                )
            )
    school = base.find(query)
    path = base.path_of(school)
    audit_id = change.audit_id or ""
    details: list[tuple[str, dict[str, Any]]] = []

    def apply(data: Any) -> None:
        # The ids taken are read here, under the file's lock: an edit that landed since
        # the school was loaded (a concurrent record-audit) has taken its id by now.
        nonlocal audit_id
        listed = maps(audits_list(base, data, school, create=False))
        for earlier in listed:
            if (
                day_of(earlier.get("date")) == change.date
                and str(earlier.get("kind")) == change.kind
            ):
                raise UsageError(
                    problem(
                        "edit.audit_duplicate",
                        school=school.name,
                        id=str(earlier.get("id")),
                        date=change.date.isoformat(),
                        kind=change.kind,
                    )
                )
        taken = {str(a.get("id")) for a in listed}
        audit_id = change.audit_id or _free_id(f"{change.kind}-{change.date:%Y-%m}", taken)
        if audit_id in taken:
            raise UsageError(problem("edit.audit_exists", id=audit_id, school=school.name))
        if change.kind == RECHECK and change.result in ("passed", "failed"):
            # (findings carried from earlier years are re-checked too)
            details.append(_recheck(audits_so_far(base, data, school), change))
        audit = yamledit.new_map()
        audit["id"] = audit_id
        audit["date"] = change.date
        audit["kind"] = change.kind
        audit["by"] = change.by or base.plan.plan.issuer
        if change.result is not None:
            audit["result"] = change.result
        if change.score is not None:
            audit["score"] = int(change.score) if change.score.is_integer() else change.score
        if change.findings:
            audit["findings"] = yamledit.new_seq(
                [
                    yamledit.new_map({"id": f"f{i}", "text": text, "fix_by": fix_by})
                    for i, (text, fix_by) in enumerate(change.findings, start=1)
                ]
            )
        if change.note:
            audit["note"] = change.note
        yamledit.append(audits_list(base, data, school, create=True), audit)

    notes: list[Problem] = []
    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, notes=notes, focus=focus_on("audits")
    )
    return EditOutcome(
        path,
        school.name,
        "edit.audit_recorded",
        {"school": school.name, "id": audit_id, "date": change.date.isoformat()},
        diff,
        written,
        notes=notes,
        details=details,
    )


def _recheck(audits: list[Any], change: AuditChange) -> tuple[str, dict[str, Any]]:
    """Close (passed) or reopen (failed) every finding fixed by the re-check's day and
    not yet re-checked; what was done, as a message."""
    waiting: list[tuple[str, Any]] = []
    for audit in audits:
        held = day_of(audit.get("date"))
        if held is None or held > change.date:
            continue
        for finding in maps(audit.get("findings")):
            fixed = day_of(finding.get("fixed"))
            if fixed is None or fixed > change.date:
                continue
            if finding.get("rechecked") is not None or finding.get("closed") is not None:
                continue
            waiting.append((f"{audit.get('id')}/{finding.get('id')}", finding))
    keys = "、".join(key for key, _ in waiting)
    if not waiting:
        return "edit.recheck_none", {}
    if change.result == "passed":
        for _, finding in waiting:
            yamledit.put(finding, "rechecked", change.date, FINDING_ORDER)
        return "edit.recheck_closed", {"count": len(waiting), "keys": keys}
    if change.reopen_by is None:
        raise UsageError(problem("edit.reopen_needs_fix_by", count=len(waiting), keys=keys))
    lang: Any = change.lang
    for _, finding in waiting:
        said = t(
            "edit.reopen_note",
            lang,
            date=change.date.isoformat(),
            fixed=str(day_of(finding.get("fixed"))),
            fix_by=str(day_of(finding.get("fix_by"))),
        )
        before = finding.get("note")
        yamledit.delete(finding, "fixed")
        yamledit.put(finding, "fix_by", change.reopen_by, FINDING_ORDER)
        yamledit.put(finding, "note", f"{before}；{said}" if before else said, FINDING_ORDER)
    return "edit.recheck_reopened", {
        "count": len(waiting),
        "keys": keys,
        "fix_by": change.reopen_by.isoformat(),
    }


# ------------------------------------------------------------------ 整改: fixing a finding


@dataclass(frozen=True)
class FixChange:
    date: dt.date | None = None  # None: today
    evidence: Sequence[str] = ()
    note: str | None = None


def find_finding(base: EditBase, school: School, query: str) -> tuple[Audit, Finding]:
    """The finding ``query`` names: ``audit-id/finding-id``, a finding id, or a part of its
    text that only one finding has; otherwise a :class:`UsageError` listing the choices."""
    pairs = [(a, f) for a in school_audits(base, school) for f in a.findings]
    wanted = query.strip()
    if not pairs:
        raise UsageError(problem("fix.no_findings", school=school.name))
    audit_id, slash, finding_id = wanted.partition("/")
    if slash:
        hits = [(a, f) for a, f in pairs if a.id == audit_id and f.id == finding_id]
    else:
        hits = [(a, f) for a, f in pairs if f.id == wanted]
        if not hits and wanted:
            folded = wanted.casefold()
            hits = [(a, f) for a, f in pairs if folded in f.text.casefold()]
    if len(hits) == 1:
        return hits[0]
    shown = hits or pairs
    listing = "、".join(f"{a.id}/{f.id}（{f.text}）" for a, f in shown[:MAX_LISTED])
    if len(shown) > MAX_LISTED:
        listing += f" …(+{len(shown) - MAX_LISTED})"
    key = "fix.ambiguous" if hits else "fix.unknown"
    raise UsageError(problem(key, value=wanted, school=school.name, known=listing))


MAX_LISTED = 8


def fix_finding(
    base: EditBase,
    query: str,
    finding_arg: str,
    change: FixChange,
    *,
    today: dt.date,
    dry_run: bool,
) -> EditOutcome:
    """Record a finding as fixed (整改完成): it then waits for the district's re-check."""
    # (no check_plan_date: a finding may be fixed as long as check accepts it, up to
    # FIX_YEARS after its audit, below, though the next year's plan is not written yet)
    school = base.find(query)
    path = base.path_of(school)
    audit, finding = find_finding(base, school, finding_arg)
    key = f"{audit.id}/{finding.id}"
    closed = finding.rechecked or finding.closed
    if closed is not None:
        raise UsageError(problem("fix.closed", key=key, date=closed.isoformat()))
    last = fix_limit(audit.date)
    day = change.date or (today if audit.date <= today <= last else None)
    if day is None:
        year = base.plan.plan.year
        raise UsageError(problem("edit.date_needed", today=today.isoformat(), year=year))
    if day < audit.date:
        raise UsageError(
            problem("fix.before_audit", key=key, date=day.isoformat(), audit=audit.date.isoformat())
        )
    if day > last:
        raise UsageError(
            problem(
                "fix.too_late",
                key=key,
                date=day.isoformat(),
                audit=audit.date.isoformat(),
                years=FIX_YEARS,
                last=last.isoformat(),
            )
        )
    notes: list[Problem] = []
    if finding.fixed is not None and finding.fixed != day:
        notes.append(
            problem(
                "fix.date_replaced", key=key, old=finding.fixed.isoformat(), new=day.isoformat()
            )
        )
    if change.note and finding.note and finding.note != change.note:
        notes.append(problem("edit.note_replaced", key=key, old=finding.note, new=change.note))

    def apply(data: Any) -> None:
        entry = find_entry(audits_so_far(base, data, school), audit.id, finding.id)
        if entry is None:  # gone since the school was read (another edit, under the lock)
            raise UsageError(problem("fix.unknown", value=key, school=school.name, known=key))
        put_fix(entry, day, change)

    diff, written = edit_file(
        base, path, apply, dry_run=dry_run, notes=notes, focus=focus_on("audits")
    )
    return EditOutcome(
        path,
        school.name,
        "fix.recorded",
        {"school": school.name, "key": key, "title": finding.text, "date": day.isoformat()},
        diff,
        written,
        notes=notes,
    )


def find_entry(audits: Sequence[Any], audit_id: str, finding_id: str) -> Any:
    """The round-trip finding ``audit_id/finding_id`` among ``audits`` (None: not there)."""
    return next(
        (
            f
            for a in audits
            if str(a.get("id")) == audit_id
            for f in maps(a.get("findings"))
            if str(f.get("id")) == finding_id
        ),
        None,
    )


def put_fix(entry: Any, day: dt.date, change: FixChange) -> None:
    """Record the round-trip finding ``entry`` fixed on ``day`` (evidence added to what it
    has, the note replaced), as ``guanxin fix`` does."""
    yamledit.put(entry, "fixed", day, FINDING_ORDER)
    add_evidence(entry, change.evidence, FINDING_ORDER)
    if change.note:
        yamledit.put(entry, "note", change.note, FINDING_ORDER)


def _free_id(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"
