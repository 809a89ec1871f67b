"""The bad-input corpus (tests/corpus/): each file gets its located, expected message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import REPO

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
VALID_SCHOOL = """\
schema_version: 1
id: symlink-out
name: 链接之外的学校
type: primary
"""


def _make(kind: str, target: Path, outside: Path) -> None:
    if kind == "huge":
        with target.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    elif kind == "symlink-out":
        outside.mkdir()
        (outside / "school.yaml").write_text(VALID_SCHOOL, encoding="utf-8")
        target.symlink_to(outside / "school.yaml")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "symlink-loop":
        target.symlink_to(target.with_name("loop-b.yaml"))
        target.with_name("loop-b.yaml").symlink_to(target)
    else:  # pragma: no cover - a typo in expected.yaml
        raise AssertionError(f"unknown make: {kind}")


def test_every_corpus_file_has_an_expectation() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "expected.yaml"}
    made = {name for name, case in EXPECTED.items() if "make" in case}
    assert files == set(EXPECTED) - made


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus(run, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    case = EXPECTED[name]
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "plans", ws / "plans")
    (ws / "data" / "schools").mkdir(parents=True)
    target = ws / "data" / "schools" / name
    if "make" in case:
        _make(case["make"], target, tmp_path / "outside")
    else:
        shutil.copyfile(CORPUS / name, target)
    result = run(["check", "--lang", case.get("lang", "zh")], cwd=ws)
    assert result.code == 1, result.err
    where = f"data/schools/{name}" + (f":{case['where']}" if case["where"] else "")
    assert f"{where}: " in result.out, result.out
    assert case["message"] in result.out, result.out
    assert result.out.count(f"{name}:") == 1, "one problem for this file"
