"""The liaisons' directory in office.yaml: what ``check`` asks of it and of the schools."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_a_liaison_missing_from_the_directory_is_reported_with_a_guess(run: Any, ws: Path) -> None:
    school = ws / "data" / "schools" / "hetou-primary.yaml"
    _edit(school, "liaison: 王建国", "liaison: 王建囯")
    result = run(["check"], cwd=ws)
    assert result.code == 1
    line = _line_of(school, "liaison: 王建囯")
    assert (
        f"data/schools/hetou-primary.yaml:{line}:10: 包校“王建囯”不在 office.yaml 的 liaisons 名录中，是不是：王建国？"
        in result.out
    )
    # checking that one file says the same
    alone = run(["check", "data/schools/hetou-primary.yaml"], cwd=ws)
    assert alone.code == 1 and "是不是：王建国" in alone.out
    # the reports are not held up by it
    assert run(["overdue", "--as-of", "2022-09-30"], cwd=ws).code == 1  # (1: overdue items)


def test_no_directory_no_demand(run: Any, ws: Path) -> None:
    office = ws / "data" / "office.yaml"
    text = office.read_text(encoding="utf-8")
    office.write_text(text[: text.index("# 包校名录")] + text[text.index("volunteers:") :], "utf-8")
    _edit(ws / "data" / "schools" / "hetou-primary.yaml", "liaison: 王建国", "liaison: 李四")
    result = run(["check"], cwd=ws)
    assert result.code == 0, result.out


def test_an_unknown_liaison_with_nothing_close(run: Any, ws: Path) -> None:
    _edit(ws / "data" / "schools" / "hetou-primary.yaml", "liaison: 王建国", "liaison: 欧阳修")
    result = run(["check", "--lang", "en"], cwd=ws)
    assert (
        "liaison '欧阳修' is not in the liaisons directory of office.yaml; add them there"
        in result.out
    )


def test_the_directory_lists_each_name_once(run: Any, ws: Path) -> None:
    office = ws / "data" / "office.yaml"
    _edit(
        office, "  - {name: 蒋茂林}", '  - {name: 蒋茂林}\n  - {name: 王建国, phone: "13900000000"}'
    )
    result = run(["check"], cwd=ws)
    assert result.code == 1
    first = _line_of(office, 'name: 王建国, phone: "13800000101"')
    again = _line_of(office, 'name: 王建国, phone: "13900000000"')
    assert f"data/office.yaml:{again}:" in result.out
    assert f"包校“王建国”在名录中出现了两次（第 {first} 行已有）" in result.out


def test_the_directory_belongs_in_office_yaml(run: Any, ws: Path) -> None:
    school = ws / "data" / "schools" / "hetou-primary.yaml"
    _edit(school, "liaison: 王建国\n", "liaison: 王建国\nliaisons: [{name: 王建国}]\n")
    result = run(["check"], cwd=ws)
    assert result.code == 1
    line = _line_of(school, "liaisons:")
    assert (
        f"hetou-primary.yaml:{line}:1: 包校名录（liaisons）只能写在 data/office.yaml 中。"
        in result.out
    )


def test_a_phone_in_the_directory_is_checked_like_a_contacts(run: Any, ws: Path) -> None:
    _edit(ws / "data" / "office.yaml", '"13800000101"', '"138-0000-0101 转 2"')
    result = run(["check"], cwd=ws)
    assert result.code == 1 and "liaisons.0.phone" in result.out
