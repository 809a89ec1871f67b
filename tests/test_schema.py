"""The JSON Schema for editors: committed files match the models, and an independent validator
accepts every bundled file and rejects what ``guanxin check`` rejects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from guanxin_cli import yamlio
from guanxin_cli.schema import FILES, KINDS, Kind, schema_text

from .conftest import REPO
from .editkit import OTHER, SCHOOL
from .test_loading_errors import GOOD_SCHOOL


def validator(kind: Kind) -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / "schemas" / FILES[kind]).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)  # type: ignore[no-any-return]


def data_of(text: str, name: str = "x.yaml") -> Any:
    return yamlio.loads(text, Path(name)).data


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_equals_generated(kind: Kind) -> None:
    committed = (REPO / "schemas" / FILES[kind]).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "regenerate: guanxin schema KIND > schemas/..."


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_it(run, kind: Kind, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["schema", kind], cwd=tmp_path)
    assert result.code == 0 and result.out == schema_text(kind)


def test_schema_command_unknown_kind(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run(["schema", "audit"], cwd=tmp_path)
    assert result.code == 2 and "plan、school" in result.err


def bundled_files() -> list[Path]:
    plans = sorted((REPO / "plans").glob("*.yaml"))
    data = sorted((REPO / "data").rglob("*.yaml")) if (REPO / "data").is_dir() else []
    return plans + data


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_bundled_file_is_accepted(path: Path) -> None:
    kind: Kind = "plan" if path.parent.name == "plans" else "school"
    errors = list(validator(kind).iter_errors(yamlio.load(path).data))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.parametrize("text", [SCHOOL, OTHER, GOOD_SCHOOL], ids=["full", "minimal", "tests"])
def test_sample_school_files_are_accepted(text: str) -> None:
    assert list(validator("school").iter_errors(data_of(text))) == []


BAD_SCHOOLS = {
    "unknown key": GOOD_SCHOOL.replace("liaison:", "liason:"),
    "nested unknown key": GOOD_SCHOOL.replace("    evidence:", "    evidnce:"),
    "bad status": GOOD_SCHOOL.replace("status: in_progress", "status: finished"),
    "bad type": GOOD_SCHOOL.replace("type: primary", "type: university"),
    "wrong type": GOOD_SCHOOL.replace("wulao: 5", "wulao: 很多"),
    "negative count": GOOD_SCHOOL.replace("wulao: 5", "wulao: -1"),
    "impossible date": GOOD_SCHOOL.replace("2022-06-20", "2022-02-30"),
    "bad id": GOOD_SCHOOL.replace("id: test-school", "id: ../../etc/passwd"),
    "missing type": GOOD_SCHOOL.replace("type: primary\n", ""),
    "evidence not a list": GOOD_SCHOOL.replace("[参评案例文本]", "{a: 1}"),
}


@pytest.mark.parametrize("name", list(BAD_SCHOOLS))
def test_bad_school_files_are_rejected_by_both(run, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = BAD_SCHOOLS[name]
    assert list(validator("school").iter_errors(data_of(text))), f"schema accepted: {name}"
    ws = tmp_path / "ws"
    (ws / "data" / "schools").mkdir(parents=True)
    (ws / "plans").mkdir()
    (ws / "plans" / "2022.yaml").write_bytes((REPO / "plans" / "2022.yaml").read_bytes())
    (ws / "data" / "schools" / "test-school.yaml").write_text(text, encoding="utf-8")
    assert run(["check"], cwd=ws).code == 1, f"check accepted: {name}"


PLAN = (REPO / "plans" / "2022.yaml").read_text(encoding="utf-8")
BAD_PLANS = {
    "unknown key": PLAN.replace("issuer:", "isuer:", 1),
    "bad scope id": PLAN.replace("    scope: district\n", "    scope: District\n", 1),
    "wrong type": PLAN.replace("year: 2022", "year: 二〇二二", 1),
    "empty when": PLAN.replace("when: 3月底", "when: []", 1),
}


@pytest.mark.parametrize("name", list(BAD_PLANS))
def test_bad_plans_are_rejected(name: str) -> None:
    assert list(validator("plan").iter_errors(data_of(BAD_PLANS[name]))), name


def test_plan_and_school_files_point_at_the_schemas() -> None:
    assert PLAN.startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\n")
    assert SCHOOL.startswith("# yaml-language-server: $schema=../../schemas/school.schema.json\n")
    for kind in KINDS:
        assert (REPO / "schemas" / FILES[kind]).is_file()


def test_pre_commit_hook_definition() -> None:
    hooks = yamlio.load(REPO / ".pre-commit-hooks.yaml").data
    [hook] = hooks
    assert hook["id"] == "guanxin-check" and hook["entry"] == "guanxin check"
    assert hook["files"] == r"\.ya?ml$" and hook["pass_filenames"] is True
