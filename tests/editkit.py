"""Small real workspaces for the edit tests: the repo's plan plus school files written here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import REPO

SCHOOL = """\
# yaml-language-server: $schema=../../schemas/school.schema.json
# 示例数据：测试用学校，进度为虚构。Sample data for tests: invented progress.
schema_version: 1
id: chaoyang-primary
name: 金坛区朝阳小学
type: primary
contact: {name: 钱玉芳, role: 关工委主任, phone: "13900000102"}
liaison: 王建国
volunteers: {wulao: 18, lecturers: 2}
facilities:
  tutoring_station:
    name: 朝阳社区校外辅导站
    systems: [校站结合制, 站家联系制]   # 人生导师制明年再建

progress:
  s1-study-schools: {status: done, date: 2022-04-15, evidence: [学习记录, 宣传材料]}

  # 清明期间线上教学，活动改在复学后补做
  s2-red-festivals@清明前后:
    status: done
    date: 2022-04-14
    evidence: [活动方案, 活动照片]
    note: 4月初因疫情线上教学，复学后补办“缅怀先烈”主题队会。
  s2-red-festivals@七一: {status: in_progress, started: 2022-06-20}
  s2-team-cases: {status: not_started}

audits:
  - id: acceptance-2022-03
    date: 2022-03-25
    kind: acceptance
    by: 区教育局关工委
    result: passed
    score: 92
"""

OTHER = """\
# yaml-language-server: $schema=../../schemas/school.schema.json
schema_version: 1
id: chaoyang-middle
name: 金坛区朝阳中学
type: middle
"""

HEBIN = """\
schema_version: 1
id: hebin-primary
name: 金坛区河滨小学
type: primary
"""


def make_workspace(root: Path, *, git: bool = False) -> Path:
    shutil.copytree(REPO / "plans", root / "plans")
    schools = root / "data" / "schools"
    schools.mkdir(parents=True)
    (schools / "chaoyang-primary.yaml").write_text(SCHOOL, encoding="utf-8")
    (schools / "chaoyang-middle.yaml").write_text(OTHER, encoding="utf-8")
    (schools / "hebin-primary.yaml").write_text(HEBIN, encoding="utf-8")
    (root / ".gitignore").write_text(".*.lock\n", encoding="utf-8")
    if git:
        git_init(root)
        commit(root, "start")
    return root


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=测试员", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def git_init(root: Path) -> None:
    git(root, "init", "-q")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def school_path(root: Path, school_id: str = "chaoyang-primary") -> Path:
    return root / "data" / "schools" / f"{school_id}.yaml"
