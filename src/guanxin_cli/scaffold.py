"""``guanxin init``: lay out a new workspace — plan, data folders, schemas, git and pre-commit.

Without an issuer the bundled 2022 plan (Jintan's) is copied from the package; for any other
office, a small template plan of its year that already passes ``guanxin check``, to be filled
in from that year's document. Nothing of Jintan's is written into another office's workspace.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_or_fail
from .errors import UsageError, problem
from .schema import FILES, KINDS, schema_text
from .workspace.folders import BUNDLED_ROOT, OFFICE_FILE, PLANS_DIR, SCHOOLS_DIR, Workspace

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

- `plans/{year}.yaml` — 年度工作要点 / the year's work plan (`guanxin roll` makes next year's)
- `data/office.yaml` — {office}本身的进度 / the office's own progress
- `data/schools/<id>.yaml` — 各校进度，一校一个文件 / one file per school
- `data/units/<id>.yaml` — 县区、镇（街道）、片区等中间单位（如有）
  / units between the office and the schools, if any
- `schemas/` — 编辑器校验用的 JSON Schema / JSON Schema for editors

常用命令 / Common commands:

```sh
guanxin school add example-primary --name 示例小学 --type primary
guanxin done 示例小学 s1-study --date {year}-04-15 --evidence 学习记录
guanxin check
guanxin status
```
"""

OFFICE = """\
# yaml-language-server: $schema=../schemas/school.schema.json
# {office}本身的工作进度（范围为 office 和 all 的任务）。
# The office's own progress (tasks whose scope is office or all).
schema_version: 2
id: office
name: {issuer}
type: office
"""

TEMPLATE_PLAN = """\
# yaml-language-server: $schema=../schemas/plan.schema.json
#
# {year}年工作要点模板：按当年文件逐条填写部分（sections）、工作（points）和任务（tasks），
# 把原文摘句写入 source。Template plan for {year}: fill in sections, points and tasks from
# that year's document, quoting it in each source.
# when 写原文的时间说法（3月底、上半年、每学期、清明前后……）；guanxin plan 显示换算后的日期。
# scope: office = {office}本身；schools = 各校；all = 两者；其余为下方 groups。
# 原文给出了时间的任务写 basis: document；不写即 default（默认时间，在 note 中说明为什么这样定）。
# basis: document where the document gives the date; otherwise a default (say why in note).
schema_version: 1
id: plan-{year}
title: {issued_by}{year}年关心下一代工作要点
year: {year}
issuer: {issuer}
level: {level}

owners:
  - id: office
    name: {issuer}
  - id: schools
    name: 各校关工委
    name_en: School committees
{between_owner}
{groups}
sections:
  - id: s1
    number: 一
    title: （第一部分标题）
    points:
      - id: s1-example
        title: （第一项工作）
        source: （原文）
        tasks:
          - id: s1-study
            title: （由各校完成的任务）
            source: （原文摘句）
            owner: schools
            scope: schools
            when: 上半年
            evidence: [学习记录]
            note: 原文未给时间；默认以上半年为期限。
          - id: s1-office
            title: （由{office}本身完成的任务）
            source: （原文摘句）
            owner: office
            scope: office
            when: 年底前
            note: 原文未给时间；默认以年底为期限。
          - id: s1-festivals
            title: （重要节日、纪念日主题教育活动）
            source: （原文摘句）
            owner: schools
            scope: schools
            when: [清明前后, 七一, 国庆]
            basis: document

milestones:
  - id: m-study
    title: （八成学校完成学习）
    section: s1
    source: （原文摘句）
    when: 上半年
    note: 原文未给时间；默认以上半年为期限。
    count: {{task: s1-study}}
    min: 80%

# 检查发现的整改问题计入哪一部分 / the section audit findings count under
findings_section: s1
"""

# the units between a city's or a county's office and its schools, as a template names them
_BETWEEN = {
    "province": ("cities", "各设区市教育局关工委", "county"),
    "city": ("counties", "各县（市、区）教育局关工委", "county"),
    "county": ("towns", "各镇（街道）教育管理机构关工委", "town"),
}


def template_plan(year: int, issuer: str, level: str) -> str:
    """A small plan for ``issuer`` that passes ``check``, to fill in from the document."""
    from .issuer import level_labels

    office = level_labels(level)[0]
    between = _BETWEEN.get(level)
    owner = groups = ""
    if between is not None:
        ident, name, kind = between
        owner = f"  - id: {ident}\n    name: {name}\n"
        groups = f"groups:\n  - id: {ident}\n    name: {name}\n    rule: {{types: [{kind}]}}\n"
    return TEMPLATE_PLAN.format(
        year=year,
        issuer=issuer,
        issued_by=issuer.removesuffix("关工委"),  # 南通市教育局, as the document's title has it
        level=level,
        office=office,
        between_owner=owner,
        groups=groups,
    )


@dataclass
class InitResult:
    root: Path
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    git: str | None = None  # "done", "missing", or an error text


def create_workspace(
    target: Path,
    *,
    year: int | None,
    git: bool,
    issuer: str | None = None,
    level: str | None = None,
) -> InitResult:
    """Create a workspace in ``target``; refuse when it already holds plans/ or data/.

    Without ``issuer``: the plan the package carries (Jintan's 2022). With one: a template plan of
    ``year`` for that office, and nothing of Jintan's anywhere."""
    if issuer is None:
        bundled_year = _bundled_year()
        if year is not None and year != bundled_year:
            raise UsageError(problem("init.needs_issuer", year=year))
        year = bundled_year
    elif year is None:
        from .options import today

        year = today().year
    if not 2000 <= year <= 2100:  # (0 is a year to refuse, not "none")
        raise UsageError(problem("init.bad_year", year=year))
    if issuer is not None and (not issuer.strip() or any(c in issuer for c in "\r\n:#")):
        raise UsageError(problem("init.bad_issuer", value=issuer))
    if target.exists() and not target.is_dir():
        raise UsageError(problem("init.not_dir", path=str(target)))
    if (target / PLANS_DIR).exists() or (target / "data").exists():
        raise UsageError(problem("init.exists", path=str(target)))
    result = InitResult(target)
    (target / SCHOOLS_DIR).mkdir(parents=True)
    (target / PLANS_DIR).mkdir()
    if issuer is None:
        shutil.copytree(BUNDLED_ROOT / PLANS_DIR, target / PLANS_DIR, dirs_exist_ok=True)
        result.created.extend(
            sorted(
                p.relative_to(target).as_posix()
                for p in (target / PLANS_DIR).rglob("*")
                if p.is_file()
            )
        )
        issuer = _bundled_issuer()
        title = issuer.removesuffix("关工委").removesuffix("教育局") + "教育系统关心下一代工作"
    else:
        from .issuer import level_from_name

        issuer = issuer.strip()
        level = level or level_from_name(issuer)
        _write(result, f"{PLANS_DIR}/{year}.yaml", template_plan(year, issuer, level))
        title = f"{issuer} {year}年关心下一代工作"
    from .issuer import level_from_name, level_labels

    office = level_labels(level or level_from_name(issuer))[0]
    for kind in KINDS:
        _write(result, f"schemas/{FILES[kind]}", schema_text(kind))
    _write(result, OFFICE_FILE.as_posix(), OFFICE.format(issuer=issuer, office=office))
    _write(result, f"{SCHOOLS_DIR.as_posix()}/.gitkeep", "")
    _write(result, "README.md", README.format(title=title, year=year, office=office), keep=True)
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
    from .workspace.plans import load_plan

    return load_plan(Workspace(BUNDLED_ROOT, bundled=True), year=_bundled_year()).plan.issuer


def _bundled_year() -> int:
    """The year of the plan the package carries (its sample workspace's one plan file)."""
    years = Workspace(BUNDLED_ROOT, bundled=True).plan_years()
    return years[-1]


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
