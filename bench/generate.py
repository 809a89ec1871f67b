"""Build a synthetic guanxin workspace: the 2022 plan × N schools with realistic progress.

    python bench/generate.py --schools 5000 --out bench/out/ws-5000

Deterministic: the same ``--schools`` and ``--seed`` always give the same bytes. Every file
passes ``guanxin check``; school files carry Chinese names, comments and a mix of statuses,
activities and audits like the hand-written samples.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from guanxin_cli.workspace.folders import Workspace  # noqa: E402
from guanxin_cli.workspace.plans import load_plan  # noqa: E402

TOWNS = ["金城", "尧塘", "儒林", "朱林", "薛埠", "指前", "直溪", "西城", "东城", "开发区"]
KINDS = [
    ("primary", "小学"),
    ("primary", "实验小学"),
    ("middle", "中学"),
    ("nine_year", "九年一贯制学校"),
    ("high", "高级中学"),
    ("kindergarten", "幼儿园"),
    ("vocational", "职业学校"),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "明", "秀英", "志强", "丽华", "国平", "红梅", "文", "海燕", "卫东"]
EVIDENCE = ["活动照片", "会议记录", "活动方案", "总结材料", "签到表", "宣传报道", "学生作品"]
CATEGORIES = ["红色教育", "家庭教育", "关爱帮扶", "法治教育", "心理健康"]
YEAR = 2022


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


# key, scope, due, and the school types the task is for (None: any)
Item = tuple[str, str, dt.date, "Sequence[str] | None"]


def school_yaml(i: int, rng: random.Random, items: list[Item]) -> str:
    town = TOWNS[i % len(TOWNS)]
    type_, suffix = KINDS[rng.randrange(len(KINDS))]
    sid = f"s{i:05d}"
    cohort = rng.choice([None, None, None, 2021, 2022])
    station = rng.random() < 0.3
    out = [
        f"# {town}第{i}{suffix} — 关工委工作进度（合成数据，仅供性能测试）",
        "schema_version: 1",
        f"id: {sid}",
        f"name: 金坛区{town}第{i}{suffix}",
        f"type: {type_}",
        "contact:",
        f"  name: {person(rng)}",
        "  role: 关工委常务副主任",
        f"  phone: 0519-8{rng.randrange(1000000, 9999999)}",
        f"liaison: {person(rng)}  # 包校委员",
        "volunteers:",
        f"  wulao: {rng.randrange(0, 30)}",
        f"  lecturers: {rng.randrange(0, 5)}",
        "facilities:",
        "  parent_school:",
        f"    name: {town}第{i}{suffix}家长学校",
        f"    kind: {rng.choice(['main', 'branch'])}",
        f"    established: {day(rng, dt.date(2005, 1, 1), dt.date(2021, 12, 31))}",
    ]
    if station:
        out += [
            "  tutoring_station:",
            f"    name: {town}社区校外辅导站",
            f"    partner: {town}社区",
            "    systems: [校站结合制, 人生导师制]",
        ]
    if cohort:
        out += [
            "youzhihua:",
            f"  cohort: {cohort}",
            "  steps:",
            f"    - {{step: apply, date: {cohort}-04-{rng.randrange(10, 28)}, result: passed}}",
        ]
    out.append("progress:")
    for key, scope, due, types in items:
        if types is not None and type_ not in types:
            continue  # (a group by school type: 中小学, 义务教育)
        if scope == "tutoring-stations" and not station:
            continue
        if scope == "youzhi-acceptance" and cohort != 2021:
            continue
        if scope == "youzhi-applicants" and cohort != 2022:
            continue
        roll = rng.random()
        if roll < 0.2:
            continue  # not reported yet
        out.append(f"  {key}:")
        if roll < 0.6:
            done = day(rng, dt.date(YEAR, 1, 10), min(due, dt.date(YEAR, 12, 20)))
            out += ["    status: done", f"    date: {done}"]
            out.append(f"    evidence: [{', '.join(rng.sample(EVIDENCE, rng.randrange(1, 4)))}]")
            if rng.random() < 0.5:
                out.append(f"    wulao: {rng.randrange(1, 12)}")
                out.append(f"    students: {rng.randrange(20, 900)}")
        elif roll < 0.85:
            started = day(rng, dt.date(YEAR, 1, 10), dt.date(YEAR, 6, 30))
            out += ["    status: in_progress", f"    started: {started}"]
            if rng.random() < 0.3:
                out.append("    note: 已制定方案，正在组织实施  # 进度说明")
        elif roll < 0.95:
            out.append("    status: not_started")
        else:
            out += ["    status: blocked", "    reason: 受疫情影响，活动延期"]
    if rng.random() < 0.6:
        out.append("activities:")
        for _ in range(rng.randrange(1, 4)):
            out += [
                f"  - name: {rng.choice(CATEGORIES)}主题活动",
                f"    date: {day(rng, dt.date(YEAR, 1, 10), dt.date(YEAR, 12, 20))}",
                f"    category: {rng.choice(CATEGORIES)}",
                f"    wulao: {rng.randrange(0, 10)}",
                f"    students: {rng.randrange(0, 500)}",
                "    reported: true",
            ]
    if rng.random() < 0.2:
        fixed = day(rng, dt.date(YEAR, 4, 1), dt.date(YEAR, 6, 30))
        out += [
            "audits:",
            f"  - id: a{YEAR}-1",
            f"    date: {YEAR}-03-2{rng.randrange(0, 9)}",
            "    kind: inspection",
            "    by: 区关工委督查组",
            "    result: conditional",
            "    findings:",
            "      - id: f1",
            "        text: 活动台账不完整",
            f"        fix_by: {YEAR}-06-30",
            f"        fixed: {fixed}",
        ]
    return "\n".join(out) + "\n"


OFFICE = """\
# 区教育局关工委本身的进度
schema_version: 1
id: office
name: 金坛区教育局关工委
type: office
progress:
  s1-study-district:
    status: done
    date: 2022-03-25
    evidence: [学习会议记录]
"""


def generate(n: int, out: Path, seed: int = 2022) -> None:
    plan_src = REPO / "plans" / "2022.yaml"
    loaded = load_plan(Workspace(REPO))
    items: list[Item] = []
    types = {g.id: g.rule.types for g in loaded.plan.groups}
    for task in loaded.plan.tasks():
        if task.scope == "district":
            continue
        occs = loaded.occurrences[task.id]
        for occ in occs:
            key = task.id if len(occs) == 1 else f"{task.id}@{occ.key}"
            items.append((key, task.scope, occ.due, types.get(task.scope)))
    if out.exists():
        shutil.rmtree(out)
    (out / "plans").mkdir(parents=True)
    (out / "data" / "schools").mkdir(parents=True)
    shutil.copyfile(plan_src, out / "plans" / "2022.yaml")
    (out / "data" / "office.yaml").write_text(OFFICE, encoding="utf-8")
    rng = random.Random(seed)
    for i in range(1, n + 1):
        text = school_yaml(i, rng, items)
        (out / "data" / "schools" / f"s{i:05d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, required=True, help="number of school files")
    parser.add_argument("--out", type=Path, required=True, help="workspace folder (replaced)")
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    generate(args.schools, args.out, args.seed)
    print(f"{args.schools} schools → {args.out}")


if __name__ == "__main__":
    main()
