"""The computed state: item states, findings, milestones and rates, on hand-made schools."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from guanxin_cli.models import Finding, Progress, School
from guanxin_cli.validation import validate
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.loader import load_workspace
from guanxin_cli.year.items import Item, finding_state, item_state
from guanxin_cli.year.rates import last_activity, summarise_unit
from guanxin_cli.year.tracking import YearState, compute

from .conftest import REPO


def items_for(state: YearState, unit_id: str) -> list[Item]:
    return [i for i in state.items if i.unit_id == unit_id]


D = dt.date


@pytest.mark.parametrize(
    ("progress", "as_of", "expected"),
    [
        (None, D(2022, 3, 1), "not_yet_due"),
        (None, D(2022, 3, 25), "due_soon"),  # within 7 days of 03-31
        (None, D(2022, 4, 1), "overdue"),
        ({"status": "done", "date": "2022-03-30"}, D(2022, 4, 1), "done"),
        ({"status": "done", "date": "2022-04-03"}, D(2022, 4, 5), "done_late"),
        # recorded as done later than as-of: at that date it was not done yet
        ({"status": "done", "date": "2022-04-03"}, D(2022, 4, 1), "overdue"),
        ({"status": "done", "date": "2022-03-20"}, D(2022, 3, 1), "not_yet_due"),
        ({"status": "in_progress"}, D(2022, 3, 1), "in_progress"),
        ({"status": "in_progress", "started": "2022-03-10"}, D(2022, 3, 1), "not_yet_due"),
        ({"status": "in_progress"}, D(2022, 4, 2), "overdue"),
        ({"status": "blocked", "reason": "疫情"}, D(2022, 3, 1), "blocked"),
        # past the deadline a blocked item is overdue like any other (Item.blocked keeps the fact)
        ({"status": "blocked", "reason": "疫情"}, D(2022, 4, 2), "overdue"),
        # an undated entry cannot exist before the task's window opens
        ({"status": "blocked", "reason": "疫情"}, D(2021, 12, 1), "not_yet_due"),
        ({"status": "not_applicable", "reason": "幼儿园"}, D(2022, 4, 2), "not_applicable"),
    ],
)
def test_item_state(progress: dict[str, str] | None, as_of: dt.date, expected: str) -> None:
    prog = validate(Progress, progress) if progress else None
    state, _ = item_state(prog, D(2022, 1, 1), D(2022, 3, 31), as_of)
    assert state == expected


_RECORDED = {
    "id": "x",
    "name": "某小学",
    "type": "primary",
    "progress": {
        "t1": {"status": "done", "date": "2022-03-10", "started": "2022-02-20"},
        "t2": {"status": "in_progress", "started": "2022-05-02"},
    },
    "audits": [
        {
            "id": "a1",
            "date": "2022-04-01",
            "kind": "inspection",
            "by": "区关工委",
            "findings": [
                {"id": "f1", "text": "台账不全", "fix_by": "2022-06-30", "fixed": "2022-06-01"}
            ],
        }
    ],
    "activities": [{"name": "讲座", "date": "2022-04-20", "category": "宣讲"}],
    "youzhihua": {"cohort": 2022, "steps": [{"step": "apply", "date": "2022-05-20"}]},
}


@pytest.mark.parametrize(
    ("as_of", "latest"),
    [
        (D(2022, 2, 19), None),  # nothing recorded yet
        (D(2022, 2, 20), D(2022, 2, 20)),  # a start counts, on its own day
        (D(2022, 3, 31), D(2022, 3, 10)),  # a done date
        (D(2022, 4, 10), D(2022, 4, 1)),  # an audit
        (D(2022, 4, 30), D(2022, 4, 20)),  # an activity
        (D(2022, 5, 10), D(2022, 5, 2)),  # the other entry's start
        (D(2022, 5, 25), D(2022, 5, 20)),  # a 优质化 step
        (D(2022, 12, 31), D(2022, 6, 1)),  # a finding fixed
    ],
)
def test_last_activity_is_the_latest_day_recorded_by_the_date(
    as_of: dt.date, latest: dt.date | None
) -> None:
    assert last_activity(validate(School, _RECORDED), as_of) == latest


def test_finding_lifecycle() -> None:
    f = validate(
        Finding,
        {
            "id": "f1",
            "text": "台账不全",
            "fix_by": "2022-05-31",
            "fixed": "2022-05-20",
            "rechecked": "2022-06-10",
        },
    )
    assert finding_state(f, D(2022, 5, 1))[0] == "in_progress"
    assert finding_state(f, D(2022, 5, 28))[0] == "in_progress"  # fixed, awaiting re-check
    assert finding_state(f, D(2022, 6, 5))[0] == "in_progress"  # fixed on time: not overdue
    assert finding_state(f, D(2022, 6, 10)) == ("done", D(2022, 6, 10))
    late = validate(
        Finding,
        {
            "id": "f2",
            "text": "x",
            "fix_by": "2022-05-31",
            "fixed": "2022-06-15",
            "closed": "2022-06-20",
        },
    )
    assert finding_state(late, D(2022, 6, 1))[0] == "overdue"
    assert finding_state(late, D(2022, 7, 1))[0] == "done_late"
    open_ = validate(Finding, {"id": "f3", "text": "x", "fix_by": "2022-05-31"})
    assert finding_state(open_, D(2022, 5, 26))[0] == "due_soon"


SCHOOL_A = """\
schema_version: 1
id: school-a
name: 甲小学
type: primary
liaison: 王建国
youzhihua:
  cohort: 2021
  steps:
    - {step: district_review, date: 2022-03-20, result: passed}
progress:
  s1-study-schools: {status: done, date: 2022-05-01, evidence: [学习记录]}
  s2-red-festivals@清明前后: {status: done, date: 2022-04-15, evidence: [活动方案, 活动照片, 活动总结]}
audits:
  - id: a1
    date: 2022-03-20
    kind: acceptance
    by: 区教育局关工委
    result: passed
    findings:
      - {id: f1, text: 五老名册未更新, fix_by: 2022-04-30}
"""

SCHOOL_B = """\
schema_version: 1
id: school-b
name: 乙小学
type: primary
youzhihua:
  cohort: 2021
  steps:
    - {step: district_review, date: 2022-04-10, result: passed}
progress:
  s2-team-cases: {status: blocked, reason: 等待省里通知}
"""


@pytest.fixture
def small(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    schools = root / "data" / "schools"
    schools.mkdir(parents=True)
    (schools / "school-a.yaml").write_text(SCHOOL_A, encoding="utf-8")
    (schools / "school-b.yaml").write_text(SCHOOL_B, encoding="utf-8")
    return Workspace(root)


def test_items_and_rates_as_of_a_date(small: Workspace) -> None:
    loaded = load_workspace(small)
    state = compute(loaded, D(2022, 4, 20))
    a = {i.key: i for i in items_for(state, "school-a")}
    assert a["s1-study-schools"].state == "not_yet_due"  # 上半年, done 05-01 is after as-of
    assert a["s2-red-festivals@清明前后"].state == "done_late"  # window ends 04-12
    assert a["s2-red-festivals@清明前后"].days_late == 3
    assert a["s2-red-festivals@清明前后"].evidence_missing == ()
    assert a["a1/f1"].state == "in_progress" and a["a1/f1"].kind == "finding"
    # school-a: done_late counts as done; the acceptance task (scope youzhi-acceptance) is open
    assert a["s3-youzhi-acceptance"].state == "overdue"
    b = {i.key: i for i in items_for(state, "school-b")}
    assert b["s2-team-cases"].state == "blocked"
    later = compute(loaded, D(2022, 5, 2))
    a2 = {i.key: i for i in items_for(later, "school-a")}
    assert a2["s1-study-schools"].state == "done"
    assert a2["s1-study-schools"].evidence_missing == ("宣传材料",)
    assert a2["a1/f1"].state == "overdue" and a2["a1/f1"].days_late == 2
    school_a = next(u for u in loaded.units() if u.id == "school-a")
    summary = summarise_unit(school_a, items_for(later, "school-a"), later.as_of)
    assert summary.open_findings == 1
    assert summary.rate.done == 2


def test_acceptance_milestone_missed_then_met_late(small: Workspace) -> None:
    loaded = load_workspace(small)
    at_deadline = {m.id: m for m in compute(loaded, D(2022, 3, 31)).milestones}["m-acceptance"]
    assert (at_deadline.state, at_deadline.count_now) == ("at_risk", 1)
    assert at_deadline.pending == ("school-b",)
    after = {m.id: m for m in compute(loaded, D(2022, 4, 30)).milestones}["m-acceptance"]
    # only two schools in the group, target 3: missed; both counted now
    assert (after.state, after.count_by_due, after.count_now) == ("missed", 1, 2)
    assert after.late == ("school-b",)


def test_status_refuses_broken_data_with_the_check_message(run, small: Workspace) -> None:  # type: ignore[no-untyped-def]
    path = small.schools_dir / "school-b.yaml"
    path.write_text(SCHOOL_B.replace("status: blocked", "status: stuck"), encoding="utf-8")
    status = run(["status", "--as-of", "2022-06-30"], cwd=small.root)
    check = run(["check"], cwd=small.root)
    assert status.code == check.code == 1
    assert "school-b.yaml:10:27: " in status.err
    assert status.err.splitlines()[0] == check.out.splitlines()[0]
    assert status.out == ""


def test_status_json_numbers(run, small: Workspace) -> None:  # type: ignore[no-untyped-def]
    result = run(["status", "--as-of", "2022-05-02", "--json"], cwd=small.root)
    data = json.loads(result.out)["data"]
    assert data["as_of"] == "2022-05-02" and data["days_left"] == 243
    ms = {m["id"]: m for m in data["milestones"]}
    assert ms["m-acceptance"]["state"] == "missed"
    assert ms["m-acceptance"]["count_by_due"] == 1
    assert data["open_findings"] == 1
    schools = {s["id"]: s for s in data["schools"]}
    assert schools["school-a"]["open_findings"] == 1
    overdue = [s["overdue"] for s in data["schools"]]
    assert overdue == sorted(overdue, reverse=True)  # riskiest first
    assert data["schools"][0]["id"] == "school-b"  # did less than school-a
    overdue_a = schools["school-a"]["overdue"]
    assert overdue_a == sum(
        1
        for i in items_for(compute(load_workspace(small), D(2022, 5, 2)), "school-a")
        if i.state == "overdue"
    )


def test_entries_recorded_after_as_of_do_not_count(small: Workspace) -> None:
    """Evidence, notes and reasons written later are not visible when looking back."""
    loaded = load_workspace(small)
    before = {i.key: i for i in items_for(compute(loaded, D(2022, 4, 30)), "school-a")}
    assert before["s1-study-schools"].evidence_recorded == ()
    assert before["s1-study-schools"].evidence_missing == ("学习记录", "宣传材料")
    after = {i.key: i for i in items_for(compute(loaded, D(2022, 5, 1)), "school-a")}
    assert after["s1-study-schools"].evidence_recorded == ("学习记录",)


def test_blocked_past_due_is_overdue_and_still_marked_blocked(small: Workspace) -> None:
    loaded = load_workspace(small)
    state = compute(loaded, D(2022, 7, 5))
    cases = {i.key: i for i in items_for(state, "school-b")}["s2-team-cases"]
    assert (cases.state, cases.blocked, cases.reason, cases.days_late) == (
        "overdue",
        True,
        "等待省里通知",
        5,
    )
    school_b = next(u for u in loaded.units() if u.id == "school-b")
    summary = summarise_unit(school_b, items_for(state, "school-b"), state.as_of)
    assert summary.blocked == 1
    assert summary.overdue == sum(1 for i in items_for(state, "school-b") if i.past_due)


def test_schools_by_risk_overdue_then_late_findings_blocked_due_soon_oldest() -> None:
    """The order of the status screen's 学校（按风险排序）, as its legend says."""
    import datetime as dt

    from guanxin_cli.year.rates import Rate, SchoolSummary

    def school(name: str, **counts: int) -> SchoolSummary:
        last = counts.pop("last", 0)
        return SchoolSummary(
            id=name,
            name=name,
            type="primary",
            liaison=None,
            parent=None,
            rate=Rate(0, 0, 0, 0),
            counts={},
            overdue=counts.get("overdue", 0) + counts.get("late_findings", 0),
            blocked=counts.get("blocked", 0),
            due_soon=counts.get("due_soon", 0),
            open_findings=counts.get("late_findings", 0),
            last_activity=dt.date(2022, 1, 1) + dt.timedelta(days=last) if last else None,
            overdue_findings=counts.get("late_findings", 0),
        )

    schools = [
        school("quiet-recent", last=100),
        school("due-soon", due_soon=3, last=1),
        school("blocked", blocked=1, last=1),
        school("late-finding", late_findings=1, last=200),
        school("overdue", overdue=1, last=300),
        school("quiet-old", last=5),
        school("never", last=0),
        school("two-late-findings", late_findings=2, last=200),
    ]
    ordered = [s.id for s in sorted(schools, key=lambda s: s.risk_key)]
    assert ordered == [
        "overdue",
        "two-late-findings",
        "late-finding",
        "blocked",
        "due-soon",
        "never",
        "quiet-old",
        "quiet-recent",
    ]
