"""plans/2022.yaml against the bureau's own document: nothing left out, nothing invented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guanxin_cli.loading import Workspace, load_plan

from .conftest import REPO, SOURCE_DOC

DOC = SOURCE_DOC.read_text(encoding="utf-8")
LINES = [line.strip() for line in DOC.splitlines() if line.strip()]
SECTION_HEADINGS = [line for line in LINES if re.match(r"^[一二三四五]、", line)]
BODY = [line for line in LINES[2:] if line not in SECTION_HEADINGS]


@pytest.fixture(scope="module")
def lp():  # type: ignore[no-untyped-def]
    return load_plan(Workspace(REPO))


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_five_sections_with_the_documents_headings(lp) -> None:  # type: ignore[no-untyped-def]
    plan = lp.plan
    assert [s.number for s in plan.sections] == ["一", "二", "三", "四", "五"]
    for section, heading in zip(plan.sections, SECTION_HEADINGS, strict=True):
        assert heading == f"{section.number}、{section.title}"


def test_every_sentence_of_the_document_is_in_the_plan(lp) -> None:  # type: ignore[no-untyped-def]
    plan = lp.plan
    sources = [_norm(plan.preamble or "")]
    sources += [_norm(p.source) for s in plan.sections for p in s.points]
    missing = []
    for paragraph in BODY:
        for sentence in re.split(r"[。；]", paragraph):
            sentence = _norm(sentence)
            if sentence and not any(sentence in src for src in sources):
                missing.append(sentence)
    assert missing == []


def test_every_task_quotes_the_document_verbatim(lp) -> None:  # type: ignore[no-untyped-def]
    doc = _norm(DOC)
    wrong = [t.id for t in lp.plan.tasks() if _norm(t.source) not in doc]
    assert wrong == []
    assert len(lp.plan.tasks()) >= 40


def test_every_point_paragraph_has_a_task(lp) -> None:  # type: ignore[no-untyped-def]
    for section in lp.plan.sections:
        for point in section.points:
            assert point.tasks, point.id
            for task in point.tasks:
                assert _norm(task.source) in _norm(point.source), task.id


# The document's actionable phrases, as a reader holding it would look for them.
PHRASES = [
    "讲师团", "精品教育案例", "红色资源", "清明", "七一", "十一", "抗战胜利", "金坛解放",
    "文化塑造未来", "主题读书征文", "家庭教育促进法", "家长学校", "双减", "校外辅导站",
    "校站结合制", "人生导师制", "站家联系制", "推进会", "三所优质化学校验收", "八至十所",
    "党建带关建", "结对帮教", "爱心结对", "心理咨询", "关爱超市", "青蓝工程", "帮困助学",
    "身心健康", "调研", "宣传", "时间节点", "铸魂工程", "名人故居", "退休老教师", "五老",
    "整改", "补短板", "创品牌", "精细化", "新的服务平台", "精神关爱", "政治站位", "专人负责",
    "按时按质按量",
]  # fmt: skip


@pytest.mark.parametrize("phrase", PHRASES)
def test_actionable_phrase_is_a_task_or_milestone(phrase: str, lp) -> None:  # type: ignore[no-untyped-def]
    assert phrase in DOC, "the phrase list must come from the document"
    tasks = [t for t in lp.plan.tasks() if phrase in t.source or phrase in t.title]
    milestones = [m for m in lp.plan.milestones if phrase in m.source]
    assert tasks or milestones, phrase


def test_commemorations_recur_on_their_2022_dates(lp) -> None:  # type: ignore[no-untyped-def]
    occ = {o.key: o for o in lp.occurrences["s2-red-festivals"]}
    assert set(occ) == {"清明前后", "金坛解放纪念日", "七一", "抗战胜利纪念日", "十一"}
    assert all(o.recurring for o in occ.values())
    assert occ["清明前后"].start.isoformat() == "2022-03-29"  # 清明 2022-04-05, a week either side
    assert occ["七一"].start.isoformat() <= "2022-07-01" <= occ["七一"].due.isoformat()


def test_milestones_of_the_document(lp) -> None:  # type: ignore[no-untyped-def]
    ms = {m.id: m for m in lp.plan.milestones}
    acceptance = ms["m-acceptance"]
    assert (acceptance.when, acceptance.min, acceptance.count.step) == (
        "3月底",
        3,
        "district_review",
    )
    assert lp.milestone_due["m-acceptance"].due.isoformat() == "2022-03-31"
    applications = ms["m-applications"]
    assert (applications.min, applications.max, applications.count.step) == (8, 10, "apply")
    assert ms["m-meeting"].count.task == "s3-youzhi-meeting"


def test_ids_are_stable_ascii_and_unique(lp) -> None:  # type: ignore[no-untyped-def]
    plan = lp.plan
    ids = [s.id for s in plan.sections]
    ids += [p.id for s in plan.sections for p in s.points]
    ids += [t.id for t in plan.tasks()] + [m.id for m in plan.milestones]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_plan_command_shows_every_task_and_phrase(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--root", str(REPO)])
    assert result.code == 0
    plan = load_plan(Workspace(REPO)).plan
    for task in plan.tasks():
        assert task.id in result.out
    assert "3月底 → 2022-03-31" in result.out
    assert "八至十所学校申报优质化创建" in result.out


def test_plan_json_is_versioned_and_complete(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--json", "--root", str(REPO)])
    data = json.loads(result.out)
    assert data["kind"] == "guanxin.plan" and data["version"] == 1
    tasks = [t for s in data["data"]["sections"] for p in s["points"] for t in p["tasks"]]
    assert len(tasks) == len(load_plan(Workspace(REPO)).plan.tasks())
    cases = next(t for t in tasks if t["id"] == "s2-team-cases")
    assert cases["owner"]["name"] == "各校关工委"
    assert cases["occurrences"][0]["due"] == "2022-06-30"


def test_plan_section_narrows(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--section", "三", "--root", str(REPO)])
    assert result.code == 0
    assert "优质化" in result.out and "讲师团" not in result.out
    by_id = run(["plan", "--section", "s4", "--json", "--root", str(REPO)])
    assert [s["id"] for s in json.loads(by_id.out)["data"]["sections"]] == ["s4"]
    bad = run(["plan", "--section", "九", "--root", str(REPO)])
    assert bad.code == 2
    assert "一(s1)" in bad.err


def test_plan_in_english(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--lang", "en", "--section", "s3", "--root", str(REPO)])
    assert "Acceptance audit of three quality-building schools" in result.out
    assert "owner:" in result.out
