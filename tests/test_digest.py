"""Per-school digests (``year/digest.py``, ``collect.py``): cached, made in worker processes,
never a different answer. Every check compares against a run with no cache and no workers."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guanxin_cli import cache, collect, workers
from guanxin_cli.errors import Exit
from guanxin_cli.year import digest, digest_fast
from guanxin_cli.year.items import BRIEF_FIELDS, plan_slots, unit_items, unit_slots
from guanxin_cli.year.milestones import unit_marks
from guanxin_cli.year.rates import rate, summarise_unit
from guanxin_cli.year.tracking import compute

from .conftest import REPO

DATES = ("2022-03-31", "2022-07-01", "2022-12-31")
REPORTS = (
    ["status", "--json"],
    ["status", "--json", "--section", "s3"],
    ["status", "--json", "--school", "朝阳"],
    ["overdue", "--json"],
    ["overdue", "--json", "--within", "30d", "--by", "liaison"],
    ["audit", "--json", "--school", "段玉裁"],
)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # files a test writes count as settled
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    return root


def report(run: Any, args: list[str], root: Path) -> Any:
    result = run([*args, "--root", str(root)])
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def fresh(run: Any, args: list[str], root: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The answer with no cache at all and no worker processes."""
    with monkeypatch.context() as plain:
        plain.setenv("GUANXIN_NO_CACHE", "1")
        plain.setenv("GUANXIN_JOBS", "1")
        return report(run, args, root)


def share_with_workers(monkeypatch: pytest.MonkeyPatch, log: Path) -> Callable[[], set[int]]:
    """Worker processes even for 15 files, the main process slowed down so that they take
    most of them; returns what tells which other processes made digests."""
    monkeypatch.setattr(workers, "LEAST", 1)
    monkeypatch.setenv("GUANXIN_JOBS", "2")
    main = os.getpid()
    real = collect._Maker.make

    def make(self: collect._Maker, path: Path) -> Any:
        if os.getpid() == main:
            time.sleep(0.05)
        with log.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(self, path)

    monkeypatch.setattr(collect._Maker, "make", make)
    return lambda: {int(pid) for pid in log.read_text().split()} - {main}


def count_makes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    made: list[Path] = []
    real = collect._Maker.make

    def spy(self: collect._Maker, path: Path) -> Any:
        made.append(path)
        return real(self, path)

    monkeypatch.setattr(collect._Maker, "make", spy)
    return made


@pytest.mark.parametrize("day", DATES)
def test_cached_and_parallel_digests_give_the_same_reports(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch, day: str, tmp_path: Path
) -> None:
    expected = {}
    for args in REPORTS:
        full = [*args, "--as-of", day]
        expected[tuple(args)] = fresh(run, full, ws, monkeypatch)
        assert report(run, full, ws) == expected[tuple(args)]  # the run that fills the cache
        assert report(run, full, ws) == expected[tuple(args)]  # the run that reads it
    workers = share_with_workers(monkeypatch, tmp_path / "makers")
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    for args in REPORTS:
        assert report(run, [*args, "--as-of", day], ws) == expected[tuple(args)]
    assert workers()  # (digests made in other processes did come back)


def test_a_repeat_run_reads_every_digest_from_the_cache(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = count_makes(monkeypatch)
    report(run, ["status", "--json", "--as-of", "2022-07-01"], ws)
    assert len(made) == 15  # office + 14 schools
    made.clear()
    report(run, ["status", "--json", "--as-of", "2022-07-01"], ws)
    assert made == []
    report(run, ["status", "--json", "--as-of", "2022-07-02"], ws)  # another day: all again
    assert len(made) == 15


def test_a_cache_filled_by_worker_processes_serves_the_repeat_run(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A first run (and the first of a new day) looks nothing up: the workers take each
    file's key as they read it, and the next run finds every digest by them."""
    for day in ("2022-07-01", "2022-07-02"):
        args = ["overdue", "--json", "--as-of", day]
        with monkeypatch.context() as parallel:
            workers = share_with_workers(parallel, tmp_path / f"makers-{day}")
            first = report(run, args, ws)
            assert workers()
        made = count_makes(monkeypatch)  # (a file made again is made here, where it is seen)
        assert report(run, args, ws) == first
        assert made == []


def test_a_failure_in_a_worker_process_is_said_without_a_traceback(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    share_with_workers(monkeypatch, tmp_path / "makers")
    main = os.getpid()
    real = collect._Maker.make

    def make(self: collect._Maker, path: Path) -> Any:
        if os.getpid() != main:
            raise ValueError("a bug in a worker")
        return real(self, path)

    monkeypatch.setattr(collect._Maker, "make", make)
    result = run(["overdue", "--as-of", "2022-07-01", "--root", str(ws)])
    assert result.code == Exit.INTERNAL
    assert "ValueError: a bug in a worker" in result.err
    assert "Traceback" not in result.err and result.out == ""


def test_an_edited_school_file_is_digested_again_and_counts(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["status", "--json", "--as-of", "2022-07-01", "--school", "duanyucai"]
    before = report(run, args, ws)
    made = count_makes(monkeypatch)
    path = ws / "data" / "schools" / "duanyucai.yaml"
    text = path.read_text(encoding="utf-8")
    old = "s3-routine-brand: {status: in_progress, started: 2022-03-01,"
    assert old in text
    path.write_text(
        text.replace(old, "s3-routine-brand: {status: done, date: 2022-06-20,"), encoding="utf-8"
    )
    after = report(run, args, ws)
    assert made == [path]
    assert after["data"]["overall"]["done"] == before["data"]["overall"]["done"] + 1
    assert after == fresh(run, args, ws, monkeypatch)


def test_a_changed_plan_makes_every_digest_again(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(run, ["overdue", "--json", "--as-of", "2022-07-01"], ws)
    made = count_makes(monkeypatch)
    plan = ws / "plans" / "2022.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# 一行注释\n", encoding="utf-8")
    report(run, ["overdue", "--json", "--as-of", "2022-07-01"], ws)
    assert len(made) == 15


def test_a_broken_file_is_reported_even_when_the_others_are_cached(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(run, ["status", "--json", "--as-of", "2022-07-01"], ws)
    path = ws / "data" / "schools" / "hetou-primary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: ", "type: nursery #", 1))
    for parallel in (False, True):
        if parallel:
            monkeypatch.setattr(workers, "LEAST", 1)
            monkeypatch.setenv("GUANXIN_JOBS", "2")
        result = run(["status", "--as-of", "2022-07-01", "--root", str(ws)])
        assert result.code == 1
        assert "hetou-primary.yaml:" in result.err and "type" in result.err
        assert "Traceback" not in result.err


def test_a_duplicate_id_is_found_among_cached_digests(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(run, ["status", "--json", "--as-of", "2022-07-01"], ws)
    schools = ws / "data" / "schools"
    copy = schools / "zz-copy.yaml"
    text = (schools / "hetou-primary.yaml").read_text(encoding="utf-8")
    copy.write_text(text.replace("id: hetou-primary", "id: zz-copy"), encoding="utf-8")
    result = run(["status", "--as-of", "2022-07-01", "--root", str(ws)])
    assert result.code == 1
    assert "zz-copy.yaml" in result.err  # same name as hetou-primary.yaml


def test_a_damaged_digest_cache_is_rebuilt_silently(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["status", "--json", "--as-of", "2022-07-01"]
    expected = report(run, args, ws)
    (found,) = Path(os.environ["GUANXIN_CACHE_DIR"]).glob("digests-*.msgpack")
    body = bytearray(found.read_bytes())
    body[len(body) // 2] ^= 0xFF
    found.write_bytes(bytes(body))
    assert report(run, args, ws) == expected


def test_overdue_refuses_a_window_wider_than_its_digests(ws: Path) -> None:
    from guanxin_cli.reports.overdue import overdue_view
    from guanxin_cli.workspace.folders import Workspace

    ds = collect.collect(Workspace(ws), dt.date(2022, 7, 1), horizon=7)
    with pytest.raises(ValueError):
        overdue_view(ds, within=30)


def test_status_text_lays_out_one_screen_and_counts_the_rest(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schools = ws / "data" / "schools"
    text = (schools / "hetou-primary.yaml").read_text(encoding="utf-8")
    for n in range(5):  # the office, 14 schools and 5 more: one screen shows 15
        copy = text.replace("id: hetou-primary", f"id: copy-{n}").replace(
            "name: 河头小学", f"name: 河头第{n}小学"
        )
        (schools / f"copy-{n}.yaml").write_text(copy, encoding="utf-8")
    data = report(run, ["status", "--json", "--as-of", "2022-07-01"], ws)["data"]
    assert data["schools_total"] == len(data["schools"]) == 20
    result = run(["status", "--as-of", "2022-07-01", "--root", str(ws)])
    assert result.code == 0
    assert "另有 5 所学校" in result.out
    table = result.out.split("学校（按风险排序）")[1].split("另有 5 所学校")[0]
    rows = [r for r in table.splitlines()[2:] if r.strip() and not r.startswith("…")]
    assert len(rows) == 15
    assert rows[0].startswith(data["schools"][0]["name"][:4])  # the riskiest first


def test_reports_with_other_windows_keep_their_own_cache(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status = ["status", "--json", "--as-of", "2022-07-01"]
    fortnight = ["overdue", "--json", "--within", "14d", "--as-of", "2022-07-01"]
    report(run, status, ws)
    report(run, fortnight, ws)
    made = count_makes(monkeypatch)
    report(run, status, ws)  # a cron job running both must not digest everything twice a day
    report(run, fortnight, ws)
    assert made == []


# ------------------------------------------------- digests add up what the items say


def _fields(d: digest.Digest, at: digest.Slots) -> tuple[Any, ...]:
    """A digest compared by what it says (its pressing items unpacked)."""
    import dataclasses

    return (dataclasses.replace(d, packed=b""), at.items(d), at.brief(d))


def _by_items(
    lp: Any, unit: Any, as_of: Any, horizon: int, section: Any
) -> tuple[digest.Digest, list[Any]]:
    """The reference: every item made, then added up (what ``export`` does); and the items."""
    from guanxin_cli.year.scope import unit_groups

    groups = unit_groups(lp.plan, unit)
    slots = plan_slots(lp.plan, lp.occurrences, as_of)
    items = unit_items(unit, slots, groups, as_of, lp.plan.findings_section)
    if section is not None:
        items = [i for i in items if i.section_id == section.id]
    marks = unit_marks(lp.plan, lp.milestone_due, unit, groups, as_of, occurrences=lp.occurrences)
    numbers = digest.Slots(slots).numbers
    made = digest.make_digest(unit, items, as_of, horizon, marks, digest.Layout(lp.plan), numbers)
    return made, items


def _pressing(items: list[Any], as_of: Any, horizon: int) -> list[Any]:
    """What a digest keeps whole: overdue, or open, not waiting for the district's re-check
    and due within the window; most urgent first."""
    return sorted(
        (
            i
            for i in items
            if i.state == "overdue"
            or (i.is_open and not i.waiting and 0 <= (i.due - as_of).days <= horizon)
        ),
        key=digest.urgency,
    )


def _agrees(made: digest.Digest, lp: Any, unit: Any, as_of: Any, horizon: int, section: Any) -> int:
    """Assert ``made`` says what the unit's items say; return how many items it keeps."""

    at = digest.Slots(plan_slots(lp.plan, lp.occurrences, as_of))
    reference, items = _by_items(lp, unit, as_of, horizon, section)
    assert _fields(made, at) == _fields(reference, at)
    # every number against tracking's own definitions over the items
    layout = digest.Layout(lp.plan)
    summary = summarise_unit(unit, items, as_of)
    assert layout.summary(made) == summary
    assert layout.risk_key(made) == summary.risk_key  # the order of schools by risk
    values = layout.unpack(made.counters)
    tasks = [i for i in items if i.kind == "task"]
    for s in lp.plan.sections:
        assert layout.rate(values, s.id) == rate(i for i in tasks if i.section_id == s.id)
        late = sum(1 for i in items if i.section_id == s.id and i.state == "overdue")
        assert values[layout.overdue[s.id]] == late
        for p in s.points:
            assert layout.rate(values, p.id) == rate(i for i in tasks if i.point_id == p.id)
    assert made.has_open == any(i.is_open for i in items)
    kept = _pressing(items, as_of, horizon)
    first = kept[0] if kept and kept[0].state in ("overdue", "due_soon") else None
    assert made.first == (digest.urgency(first) if first else None)
    assert at.items(made) == kept  # a packed item comes back whole
    assert at.brief(made) == [tuple(getattr(i, f) for f in BRIEF_FIELDS) for i in kept]
    # a line of `overdue` comes from three numbers an item, unless a finding is among them
    assert (made.brief is None) == any(i.kind == "finding" for i in kept)
    return len(kept)


def _direct(lp: Any, unit: Any, as_of: Any, horizon: int, section: Any) -> digest.Digest:
    """What ``collect`` makes: only the pressing items made whole."""
    from guanxin_cli.year.scope import unit_groups

    groups = unit_groups(lp.plan, unit)
    slots = plan_slots(lp.plan, lp.occurrences, as_of)
    kind = digest_fast.KindSlots(
        unit_slots(unit, slots, groups),
        section,
        digest.Layout(lp.plan),
        digest.Slots(slots).numbers,
        as_of,
        horizon,
        lp.plan.findings_section,
    )
    return digest_fast.digest_unit(
        unit,
        kind,
        unit_marks(lp.plan, lp.milestone_due, unit, groups, as_of, occurrences=lp.occurrences),
    )


@pytest.mark.parametrize("day", ("2022-02-25", "2022-03-31", "2022-06-20", "2022-12-31"))
@pytest.mark.parametrize("section", (None, "s1", "s3"))
def test_a_digest_adds_up_the_same_numbers_as_the_items(
    day: str, section: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guanxin_cli.reports.plan import find_section
    from guanxin_cli.workspace.folders import Workspace
    from guanxin_cli.workspace.loader import load_workspace
    from guanxin_cli.workspace.plans import load_plan

    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    ws = Workspace(REPO)
    lp = load_plan(ws)
    units = {u.id: u for u in load_workspace(ws).units()}
    sec = find_section(lp.plan, section) if section else None
    as_of = dt.date.fromisoformat(day)
    pressing = 0
    for horizon in (7, 30):
        made = collect.collect(ws, as_of, horizon=horizon, section=sec, lp=lp).digests
        assert sorted(d.id for d in made) == sorted(units)
        for d in made:
            pressing += _agrees(d, lp, units[d.id], as_of, horizon, sec)
    if section is None:  # (the sample data has late or soon-due items on each of these days)
        assert pressing > 0


_DAY = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2022, 12, 31))


@st.composite
def _progress(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(
        st.sampled_from(["not_started", "in_progress", "done", "blocked", "not_applicable"])
    )
    done_on = draw(_DAY) if status == "done" else draw(st.none() | _DAY)
    started = draw(st.none() | _DAY)
    if started and done_on and done_on < started:
        started, done_on = done_on, started
    entry: dict[str, Any] = {"status": status}
    if done_on:
        entry["date"] = done_on
    if started:
        entry["started"] = started
    if status in ("blocked", "not_applicable"):
        entry["reason"] = "等区里通知"
    entry["evidence"] = draw(
        st.lists(st.sampled_from(["方案", "照片", "总结", "台账"]), max_size=3)
    )
    return entry


@st.composite
def _finding(draw: st.DrawFn, n: int) -> dict[str, Any]:
    found: dict[str, Any] = {"id": f"f{n}", "text": "台账不全", "fix_by": draw(_DAY)}
    fixed = draw(st.none() | _DAY)
    if fixed:
        found["fixed"] = fixed
        after = st.dates(min_value=fixed, max_value=dt.date(2022, 12, 31))
        found["rechecked"] = draw(st.none() | after)
        found["closed"] = draw(st.none() | after)
    return found


@st.composite
def _school(draw: st.DrawFn, slots: list[Any]) -> dict[str, Any]:
    """Entries for any slots (tasks that do not apply to the school too); a single
    occurrence written as ``task``, as ``task@occurrence`` or both ways (``task`` wins)."""
    chosen: list[str] = []
    for n in draw(st.lists(st.integers(0, len(slots) - 1), unique=True, max_size=len(slots))):
        slot = slots[n]
        forms = [[slot.key], [slot.alt_key], [slot.key, slot.alt_key]] if slot.alt_key else []
        chosen += draw(st.sampled_from(forms)) if forms else [slot.key]
    audits = []
    for a in range(draw(st.integers(0, 2))):
        count = draw(st.integers(0, 3))
        audits.append(
            {
                "id": f"a{a}",
                "date": draw(_DAY),
                "kind": draw(st.sampled_from(["inspection", "acceptance"])),
                "by": "区关工委",
                "findings": [draw(_finding(n)) for n in range(count)],
            }
        )
    return {
        "id": "hypo",
        "name": "假设小学",
        "type": draw(st.sampled_from(["office", "primary", "middle", "kindergarten"])),
        "youzhihua": draw(
            st.none() | st.builds(lambda y: {"cohort": y}, st.sampled_from([2021, 2022]))
        ),
        "liaison": "钱玉芳",
        "progress": {k: draw(_progress()) for k in chosen},
        "audits": audits,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_digest_of_any_progress_adds_up_the_same_as_its_items(data: st.DataObject) -> None:
    from guanxin_cli.models import School
    from guanxin_cli.validation import validate
    from guanxin_cli.workspace.folders import Workspace
    from guanxin_cli.workspace.plans import load_plan

    lp = load_plan(Workspace(REPO))
    as_of = data.draw(_DAY, "as_of")
    slots = plan_slots(lp.plan, lp.occurrences, as_of)
    unit = validate(School, data.draw(_school(slots), "school"))
    horizon = data.draw(st.sampled_from([7, 14, 30]), "horizon")
    section = data.draw(st.none() | st.sampled_from(lp.plan.sections), "section")
    _agrees(_direct(lp, unit, as_of, horizon, section), lp, unit, as_of, horizon, section)


@pytest.mark.parametrize("day", ("2022-07-15", "2022-10-31", "2022-12-20"))
def test_the_most_urgent_items_are_the_first_of_all_items(
    day: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``status`` unpacks only the few units that can hold one of the ten most urgent items:
    the ten must be the first ten of every unit's overdue and due-soon items."""
    import heapq

    from guanxin_cli.workspace.folders import Workspace
    from guanxin_cli.workspace.loader import load_workspace

    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    as_of = dt.date.fromisoformat(day)
    ws = Workspace(REPO)
    ds = collect.collect(ws, as_of)
    every = compute(load_workspace(ws), as_of).items
    urgent = [i for i in every if i.state in digest.PRESSING]
    assert len(urgent) > digest.URGENT_KEEP  # (more than fit: the pruning matters)
    expected = heapq.nsmallest(digest.URGENT_KEEP, urgent, key=digest.urgency)
    assert digest.most_urgent(ds.slots(), ds.digests) == expected
