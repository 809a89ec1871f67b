"""plans/2022.yaml against the bureau's own document: nothing left out, nothing invented."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from guanxin_cli import dates
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.loader import load_workspace
from guanxin_cli.workspace.plans import load_plan

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


def _flat(text: str) -> str:
    """A tree's text without its wrapping: no line breaks, guides or padding."""
    return re.sub(r"[\s│├└─]+", " ", text)


def test_five_sections_with_the_documents_headings(lp) -> None:  # type: ignore[no-untyped-def]
    """The opening paragraph's commitments come first, as 总体要求 (the document gives it no
    heading); then the five numbered sections, headed as the document heads them."""
    plan = lp.plan
    assert [s.number for s in plan.sections] == ["总", "一", "二", "三", "四", "五"]
    opening = plan.sections[0]
    assert [p.source for p in opening.points] == [plan.preamble]
    for section, heading in zip(plan.sections[1:], SECTION_HEADINGS, strict=True):
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


# The document's actionable sentences, clause by clause in its order, each with the tasks
# that must quote it (a reader holding the document looks for each one in the plan). The
# clauses left out are purposes and outcomes, not work: 使学生…来之不易, 帮助学生…理想信念,
# 用优秀传统历史文化…品格, 以社会主义核心价值观…知行合一, 努力开创…新局面, 2022年是…推进年,
# 通过调研找准…成效, 并带动…提升内涵, 使关爱工作…实际需求 (quoted with the platform it serves).
ACTIONABLE: list[tuple[str, list[str]]] = [
    # the opening paragraph
    ("对标中国关工委“十四五”发展规划", ["s0-benchmark"]),
    ("深入实施“传承红色基因工程”", ["s0-red-gene"]),
    ("“五老关爱下一代工程”", ["s0-wulao-care"]),
    ("推动青少年理想信念教育常态化、制度化", ["s0-ideals"]),
    ("调动“五老”参与关心下一代工作的积极性", ["s0-wulao"]),
    ("以优异成绩迎接党的二十大胜利召开", ["s0-congress"]),
    # 一
    ("我们将重点学习贯彻习近平总书记重要指示精神", ["s1-study-district"]),
    ("领会“必须抓好后继有人这个根本大计”的深刻内涵，认真加以落实", ["s1-study-implement"]),
    ("要通过多层次地学习、宣传，提高各级教育关工委的政治判断力", ["s1-study-schools"]),
    ("提高政治站位，更加明确关工委的政治属性", ["s1-study-schools"]),
    # 二
    ("要继续充实我区讲师团队伍", ["s2-team-lecturers"]),
    ("不断提高讲师团的宣讲效果", ["s2-team-lectures"]),
    ("“社会主义核心价值观”精品教育案例评选活动，力争出成果", ["s2-team-cases"]),
    ("要充分运用我区红色资源优势对中小学生进行经常化的教育", ["s2-red-regular"]),
    ("各校要积极挖掘、利用本地的红色资源，通过组织学生参观、走访", ["s2-red-resources"]),
    ("要抓住清明、“七一” “十一”等重要节日和庆祝抗战胜利、金坛解放等纪念日", ["s2-red-festivals"]),
    ("各校关工委要积极参与市关工委“文化塑造未来”铸魂工程", ["s2-culture-zhuhun"]),
    ("要继续借助铸魂工程这个平台，老少携手，通过办文化讲坛、讲名人故事、访名人故居", ["s2-culture-forum"]),
    ("要精心组织中小学生参加省教育系统关工委开展的主题读书征文活动", ["s2-culture-essay"]),
    ("要认真组织《家庭教育促进法》的学习贯彻", ["s2-family-law"]),
    ("切实加强家长学校总校、分校的建设", ["s2-family-parent-main", "s2-family-parent-school"]),
    ("要组织老同志开展对“双减”新形势下加强家庭教育、社区教育的调研", ["s2-family-survey"]),
    ("要发动和组织老同志参与学校的课余或社团活动", ["s2-family-clubs"]),
    ("支持办好校外辅导站", ["s2-family-station"]),
    ("推进校站结合制、人生导师制、站家联系制三项制度的建立", ["s2-family-systems"]),
    ("更好发挥退休老教师的特长", ["s2-family-afterschool"]),
    # 三
    ("教育局关工委要严格按照《关工委优质化建设均衡发展基本要求》，召开关工委优质化工作推进会", ["s3-youzhi-meeting"]),
    ("把关工委优质化推进工作的重心下移", ["s3-youzhi-grassroots"]),
    ("3月底做好三所优质化学校验收工作", ["s3-youzhi-acceptance"]),
    ("再组织八至十所学校开展优质化创建申报", ["s3-youzhi-organise", "s3-youzhi-apply"]),
    ("深入实施中共常州市委2021年下发的", ["s3-party-org"]),
    ("进一步完善“党建带关建”的工作机制", ["s3-party-mechanism"]),
    ("持续抓好关工委常态化建设的巩固提高工作", ["s3-routine-consolidate"]),
    ("推动各单位继续抓整改、补短板", ["s3-routine-rectify"]),
    ("努力在组织关工委的各项教育活动中创品牌、出亮点", ["s3-routine-brand"]),
    ("在深入基层调查研究、加强工作指导的基础上，以点带面", ["s3-routine-guidance"]),
    # 四
    ("打造一批优质的关工委工作平台", ["s4-platform-quality"]),
    ("结对帮教", ["s4-platform-pairing"]),
    ("爱心结对", ["s4-platform-caring"]),
    ("心理咨询", ["s4-platform-counselling"]),
    ("关爱超市", ["s4-platform-supermarket"]),
    ("参与“青蓝工程”", ["s4-platform-qinglan"]),
    ("帮困助学", ["s4-platform-aid"]),
    ("按精细化的要求，充实和细化服务平台的内涵", ["s4-platform-refine"]),
    ("不断创建新的服务平台", ["s4-platform-new"]),
    ("更多关注青少年的身心健康", ["s4-care-health"]),
    ("更加重视对青少年的精神关爱", ["s4-care-health"]),
    # 五
    ("不断提高关工委自身团队的工作水平", ["s5-self-training"]),
    ("不断提高自己的政治站位、业务素养、创新能力和新技术的运用能力", ["s5-self-training"]),
    ("作为关工委自身建设和队伍素质提高的目标方向", ["s5-self-goals"]),
    ("从事关工委工作的同志要加强学习", ["s5-study-research"]),
    ("把调查研究作为教育关工委经常化、制度化的一项工作", ["s5-study-research"]),
    ("要时刻保持上下级关工委联络，确保工作有专人负责", ["s5-liaison-contact"]),
    ("要加强关工委宣传工作", ["s5-liaison-publicity"]),
    ("要认真梳理省、市教育系统关工委2022年工作时间节点", ["s5-schedule-nodes"]),
    ("确保按时按质按量完成上级关工委规定的任务", ["s5-schedule-complete"]),
]  # fmt: skip


def test_the_actionable_sentences_come_in_the_documents_order() -> None:
    doc = _norm(DOC)
    places = [doc.find(_norm(clause)) for clause, _ in ACTIONABLE]
    assert -1 not in places, [c for (c, _), at in zip(ACTIONABLE, places, strict=True) if at < 0]
    assert places == sorted(places)


@pytest.mark.parametrize(("clause", "task_ids"), ACTIONABLE, ids=[c for c, _ in ACTIONABLE])
def test_each_actionable_sentence_is_a_task(clause: str, task_ids: list[str], lp) -> None:  # type: ignore[no-untyped-def]
    """Every task named quotes the clause; no other task does (one commitment, one task)."""
    quoting = [t.id for t in lp.plan.tasks() if _norm(clause) in _norm(t.source)]
    assert quoting == task_ids


def test_the_tasks_are_in_the_documents_order(lp) -> None:  # type: ignore[no-untyped-def]
    """Within each point, tasks follow their source in the document (the 推进会 before the
    3月底 acceptance, as the text names it)."""
    for section in lp.plan.sections:
        for point in section.points:
            places = [_norm(point.source).find(_norm(t.source)) for t in point.tasks]
            assert places == sorted(places), point.id


# Words the phrase table reads as "all year" (a `when` of 常态化 work): in a quote they say
# how work is done, never by when.
ONGOING = ("常年", "长期", "持续", "长期坚持", "常态化")


def _phrases_in(text: str, year: int, calendar: Any = None) -> list[dates.Occurrence]:
    """Every date a span of ``text`` names, as the phrase table reads it (3月底, 七一 …,
    and the plan's own days: 金坛解放, 二十大)."""
    found = []
    for i in range(len(text)):
        for j in range(i + 2, min(len(text), i + 12) + 1):
            if text[i:j] in ONGOING:
                continue
            try:
                found += dates.resolve(text[i:j], year, calendar)
            except ValueError:
                continue
    return found


def _dated_things(lp):  # type: ignore[no-untyped-def]
    """(id, quoted source, occurrence) for every task occurrence and milestone."""
    for task in lp.plan.tasks():
        for occurrence in lp.occurrences[task.id]:
            yield task.id, task.source, occurrence
    for ms in lp.plan.milestones:
        yield ms.id, ms.source, lp.milestone_due[ms.id]


def test_every_document_date_is_named_in_its_quote_and_no_default_is(lp) -> None:  # type: ignore[no-untyped-def]
    """A ``document`` date is one the quoted sentence itself names (its 3月底, its 七一 …)
    and resolves to; a ``default`` one is not named there: the basis is never a guess."""
    year = lp.plan.year
    wrong = []
    for ident, source, occ in _dated_things(lp):
        named = any(o.due == occ.due for o in _phrases_in(source, year, lp.plan.calendar))
        if named != (occ.basis == "document"):
            wrong.append((ident, occ.key, occ.basis))
    assert wrong == []


def test_only_a_handful_of_dates_come_from_the_document(lp) -> None:  # type: ignore[no-untyped-def]
    documented = {i for i, _, occ in _dated_things(lp) if occ.basis == "document"}
    assert documented == {"s0-congress", "s2-red-festivals", "s3-youzhi-acceptance", "m-acceptance"}
    defaults = [t for t in lp.plan.tasks() if t.basis == "default"]
    assert all(t.note and "默认" in t.note for t in defaults)  # each says why
    assert all(m.note and "默认" in m.note for m in lp.plan.milestones if m.basis == "default")


def test_the_congress_is_tracked_around_its_opening(lp) -> None:  # type: ignore[no-untyped-def]
    (occ,) = lp.occurrences["s0-congress"]
    assert occ.start < dt.date(2022, 10, 16) < occ.due and occ.basis == "document"


def test_tasks_for_primary_and_secondary_students_leave_kindergartens_out(lp) -> None:  # type: ignore[no-untyped-def]
    """中小学生 in the text (and the 讲师团's talks to them) means no kindergarten; 双减 is
    for compulsory education only: the plan scopes them by school type, through groups."""
    groups = {g.id: g for g in lp.plan.groups}
    tasks = {t.id: t for t in lp.plan.tasks()}
    for task_id in ("s2-team-lectures", "s2-team-cases", "s2-culture-essay", "s2-red-regular"):
        types = groups[tasks[task_id].scope].rule.types
        assert types is not None and "kindergarten" not in types and "primary" in types
    assert groups[tasks["s2-family-afterschool"].scope].rule.types == [
        "primary",
        "middle",
        "nine_year",
    ]


def test_owners_match_scopes(lp) -> None:  # type: ignore[no-untyped-def]
    """Work for the district office and the schools is owned by both, not handed to the
    schools; the district's own work is the district's."""
    for task in lp.plan.tasks():
        if task.scope == "all":
            assert task.owner == "district-schools", task.id
        if task.scope == "district":
            assert task.owner == "district", task.id
    tasks = {t.id: t for t in lp.plan.tasks()}
    assert tasks["s2-family-parent-main"].scope == "district"  # 家长学校总校
    assert tasks["s3-youzhi-organise"].owner == "district"  # 再组织…申报
    assert "s3-youzhi-self-check" not in tasks  # not in the text
    assert "年终总结" not in tasks["s5-schedule-complete"].title
    assert "获奖或评选结果" in tasks["s2-team-cases"].evidence  # 力争出成果


def test_the_sample_schools_need_no_patches_for_tasks_that_are_not_theirs() -> None:
    """A task outside a school's type is out of its scope, not marked not_applicable by
    hand: what is left is a school's own situation (no 关爱超市 ever set up)."""
    loaded = load_workspace(Workspace(REPO))
    patches = sorted(
        (unit.id, key)
        for unit in loaded.units()
        for key, entry in unit.progress.items()
        if entry.status == "not_applicable"
    )
    assert patches == [
        ("duanyucai", "s4-platform-supermarket"),
        ("xincheng-kindergarten", "s4-platform-supermarket"),
    ]


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
    assert "八至十所学校申报优质化创建" in result.out
    # the document's 3月底 stands bare; the same phrase chosen as a default says so
    acceptance = result.out[result.out.index("s3-youzhi-acceptance") :]
    assert "3月底 → 2022-03-31\n" in acceptance[: acceptance.index("佐证")]
    study = result.out[result.out.index("s1-study-district") :]
    assert "3月底 → 2022-03-31（默认）" in study[: study.index("佐证")]
    # the opening paragraph, whole, before the sections
    opening = _norm(result.out).index(_norm("以优异成绩迎接党的二十大胜利召开。"))
    assert opening < _norm(result.out).index("一、深入学习领会")
    # windows start–end; the autumn term's end keeps its year
    assert "七一 06-24–07-08" in result.out
    assert "秋季学期 09-01–2023-01-13" in result.out
    assert "二十大 → 2022-10-09–10-23\n" in result.out
    assert "原文：" not in result.out  # quotes only with --detail


def test_plan_detail_quotes_each_task_and_note(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--detail", "--root", str(REPO)])
    assert result.code == 0
    assert "原文：“3月底做好三所优质化学校验收工作”" in result.out
    plan = load_plan(Workspace(REPO)).plan
    text = _norm(_flat(result.out))
    for task in plan.tasks():
        assert _norm(task.source) in text, task.id
        assert _norm(task.note or "") in text, task.id
    en = run(["plan", "--detail", "--lang", "en", "--section", "三", "--root", str(REPO)])
    assert "source: “3月底做好三所优质化学校验收工作”" in en.out
    assert "note:" in en.out


def test_plan_json_is_versioned_and_complete(run) -> None:  # type: ignore[no-untyped-def]
    result = run(["plan", "--json", "--root", str(REPO)])
    data = json.loads(result.out)
    assert data["kind"] == "guanxin.plan" and data["version"] == 1
    tasks = [t for s in data["data"]["sections"] for p in s["points"] for t in p["tasks"]]
    assert len(tasks) == len(load_plan(Workspace(REPO)).plan.tasks())
    cases = next(t for t in tasks if t["id"] == "s2-team-cases")
    assert cases["owner"]["name"] == "各校关工委"
    assert cases["occurrences"][0]["due"] == "2022-06-30"
    # every occurrence and milestone says where its date comes from
    occurrences = [o for t in tasks for o in t["occurrences"]]
    assert {o["basis"] for o in occurrences} == {"document", "default"}
    assert all(m["basis"] in ("document", "default") for m in data["data"]["milestones"])
    acceptance = next(t for t in tasks if t["id"] == "s3-youzhi-acceptance")
    assert [o["basis"] for o in acceptance["occurrences"]] == ["document"]
    claiming = [t["id"] for t in tasks if any(o["basis"] == "document" for o in t["occurrences"])]
    assert 0 < len(claiming) <= 12
    milestones = {m["id"]: m for m in data["data"]["milestones"]}
    assert milestones["m-acceptance"]["basis"] == "document"
    assert (
        milestones["m-meeting"]["basis"] == "default" and "默认" in milestones["m-meeting"]["note"]
    )
    assert data["data"]["preamble"].startswith("2022年，全区教育系统")
    assert data["data"]["preamble_en"].startswith("In 2022")


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
    assert "when: end of March → 2022-03-31\n" in result.out  # the document's date
    assert "when: mid-March → 2022-03-11–03-20 (default)" in result.out
    whole = run(["plan", "--lang", "en", "--root", str(REPO)])
    out = _flat(whole.out)
    assert "Opening paragraph: In 2022 the district's education system" in out
    assert "spring term 02-14–06-30" in out and "CPC Founding Day 06-24–07-08" in out
    evidence = "Text of the case entered, Receipt of submission, Award or selection result"
    assert f"evidence: {evidence}" in out
    assert "by the end of the year → 2022-12-31 (default)" in out
    # the words the issue named as wrong are gone
    for wrong in (
        "best-case contest",
        "calling card",
        "'successors' principle",
        "Training in politics",
    ):
        assert wrong not in out
    assert "selection of exemplary education cases" in out
    assert "signature programme" in out.lower()


def test_section_numbers_find_the_numbered_sections(run) -> None:  # type: ignore[no-untyped-def]
    """--section 3 is 三 (the plan opens with the unnumbered 总体要求), 总 the opening."""
    three = json.loads(run(["plan", "--section", "3", "--json", "--root", str(REPO)]).out)
    assert [s["number"] for s in three["data"]["sections"]] == ["三"]
    opening = json.loads(run(["plan", "--section", "总", "--json", "--root", str(REPO)]).out)
    assert [s["id"] for s in opening["data"]["sections"]] == ["s0"]
