"""``guanxin init``: lay out a new workspace — plan, data folders, schemas, git and pre-commit.

The 2022 plan is copied from the package; any other year gets a small template plan that
already passes ``guanxin check``, to be filled in from that year's document.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_or_fail
from .errors import UsageError, problem
from .loading import BUNDLED_ROOT, OFFICE_FILE, PLANS_DIR, SCHOOLS_DIR
from .schema import FILES, KINDS, schema_text

BUNDLED_YEAR = 2022

GITIGNORE = """\
# guanxin: edit locks and interrupted writes
.*.lock
.*.tmp
# Python
.venv/
__pycache__/
"""

PRE_COMMIT = """\
# pre-commit 在每次提交前运行 guanxin check，数据有误时拒绝提交。
# 只要计划或任何学校文件有改动，就检查整个工作区（改了计划，各校文件也要按新计划检查）。
# pre-commit runs guanxin check before every commit and refuses data with errors:
# the whole workspace, whenever a plan or school file changes (a plan change is a
# change for every school).
# 安装 / install:  pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: guanxin-check
        name: guanxin check
        entry: guanxin check
        language: system
        files: ^(plans|data)/.*\\.ya?ml$
        pass_filenames: false
"""

README = """\
# {title}

关工委工作要点跟踪工作区（由 `guanxin init` 创建）。A guanxin workspace.

- `plans/{year}.yaml` — 年度工作要点 / the year's work plan
- `data/office.yaml` — 区关工委本身的进度 / the district office's own progress
- `data/schools/<id>.yaml` — 各校进度，一校一个文件 / one file per school
- `schemas/` — 编辑器校验用的 JSON Schema / JSON Schema for editors

常用命令 / Common commands:

```sh
guanxin school add hebin-primary --name 金坛区河滨小学 --type primary
guanxin done 河滨 s1-study-schools --date {year}-04-15 --evidence 学习记录
guanxin check
guanxin log 河滨
```
"""

OFFICE = """\
# yaml-language-server: $schema=../schemas/school.schema.json
# 区关工委本身的工作进度（范围为 district 和 all 的任务）。
# The district office's own progress (tasks whose scope is district or all).
schema_version: 1
id: district-office
name: {issuer}
type: office
"""

TEMPLATE_PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
#
# {year}年工作要点模板：按当年文件逐条填写部分（sections）、工作（points）和任务（tasks）。
# Template plan for {year}: fill in sections, points and tasks from that year's document.
# when 写原文的时间说法（3月底、上半年、每学期、清明前后……）；guanxin plan 显示换算后的日期。
schema_version: 1
id: plan-{year}
title: {year}年关心下一代工作要点
year: {year}
issuer: 区教育局关工委

owners:
  - id: district
    name: 区教育局关工委
    name_en: District education bureau committee
  - id: schools
    name: 各校关工委
    name_en: School committees

sections:
  - id: s1
    number: 一
    title: （第一部分标题）
    points:
      - id: s1-example
        title: （第一项工作）
        source: （原文）
        tasks:
          - id: s1-example-task
            title: （任务）
            source: （原文摘句）
            owner: schools
            scope: schools
            when: 年底前
"""


@dataclass
class InitResult:
    root: Path
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    git: str | None = None  # "done", "missing", or an error text


def create_workspace(target: Path, *, year: int | None, git: bool) -> InitResult:
    """Create a workspace in ``target``; refuse when it already holds plans/ or data/."""
    year = BUNDLED_YEAR if year is None else year  # (0 is a year to refuse, not "none")
    if not 2000 <= year <= 2100:
        raise UsageError(problem("init.bad_year", year=year))
    if target.exists() and not target.is_dir():
        raise UsageError(problem("init.not_dir", path=str(target)))
    if (target / PLANS_DIR).exists() or (target / "data").exists():
        raise UsageError(problem("init.exists", path=str(target)))
    result = InitResult(target)
    (target / SCHOOLS_DIR).mkdir(parents=True)
    (target / PLANS_DIR).mkdir()
    if year == BUNDLED_YEAR:
        shutil.copytree(BUNDLED_ROOT / PLANS_DIR, target / PLANS_DIR, dirs_exist_ok=True)
        result.created.extend(
            sorted(
                p.relative_to(target).as_posix()
                for p in (target / PLANS_DIR).rglob("*")
                if p.is_file()
            )
        )
        issuer = _bundled_issuer()
    else:
        _write(result, f"{PLANS_DIR}/{year}.yaml", TEMPLATE_PLAN.format(year=year))
        issuer = "区教育局关工委"
    for kind in KINDS:
        _write(result, f"schemas/{FILES[kind]}", schema_text(kind))
    _write(result, OFFICE_FILE.as_posix(), OFFICE.format(issuer=issuer))
    _write(result, f"{SCHOOLS_DIR.as_posix()}/.gitkeep", "")
    title = f"{year}年关心下一代工作" if year != BUNDLED_YEAR else "金坛区教育系统关心下一代工作"
    _write(result, "README.md", README.format(title=title, year=year), keep=True)
    _write(result, ".gitignore", GITIGNORE, keep=True)
    _write(result, ".pre-commit-config.yaml", PRE_COMMIT, keep=True)
    if git:
        result.git = _git_init(target)
    return result


def _write(result: InitResult, rel: str, text: str, *, keep: bool = False) -> None:
    path = result.root / rel
    if keep and path.exists():
        result.kept.append(rel)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_or_fail(path, text.encode("utf-8"))
    result.created.append(rel)


def _bundled_issuer() -> str:
    from .loading import Workspace, load_plan

    return load_plan(Workspace(BUNDLED_ROOT, bundled=True), year=BUNDLED_YEAR).plan.issuer


def _git_init(target: Path) -> str:
    exe = shutil.which("git")
    if exe is None:
        return "missing"
    if (target / ".git").exists():
        return "done"
    proc = subprocess.run(
        [exe, "init", "-q"], cwd=target, capture_output=True, text=True, check=False, timeout=60
    )
    return "done" if proc.returncode == 0 else (proc.stderr.strip() or f"exit {proc.returncode}")
