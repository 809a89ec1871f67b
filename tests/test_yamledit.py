"""Round-trip editing reproduces untouched files byte for byte, whatever their indentation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guanxin_cli import yamledit
from guanxin_cli.errors import DataError

from .conftest import REPO
from .editkit import SCHOOL


def repo_yaml() -> list[Path]:
    data = sorted((REPO / "data").rglob("*.yaml")) if (REPO / "data").is_dir() else []
    return [REPO / "plans" / "2022.yaml", *data]


@pytest.mark.parametrize("path", repo_yaml(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_unchanged_files_round_trip_exactly(path: Path) -> None:
    doc = yamledit.load(path)
    assert doc.to_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "text",
    [
        "audits:\n- id: a\n  date: 2022-01-01\n",  # ruamel's default layout
        "audits:\n    - id: a\n      date: 2022-01-01\n",
        SCHOOL,
    ],
)
def test_indentation_is_detected(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    doc = yamledit.load(path)
    yamledit.append(doc.data["audits"], yamledit.new_map({"id": "b", "date": dt.date(2022, 2, 2)}))
    new = doc.text()
    assert new.startswith(text)
    assert new.count("\n") == text.count("\n") + 2


def test_unreadable_files_get_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        yamledit.load(path)
    assert exc.value.problems[0].msg == "yaml.duplicate_key"
    with pytest.raises(DataError):
        yamledit.load(tmp_path / "missing.yaml")


def test_lost_comments_sees_comments_not_hashes_in_text() -> None:
    old = (
        "# 文件头\n"
        "a: 1  # 说明\n"
        "b: '见 #3 号文件'\n"
        'c: "引号里的 # 不是注释"\n'
        "d: a#b\n"
        "e: {x: 1,  # 流式映射里的注释\n"
        "  y: 2}\n"
    )
    new = old.replace("e: {x: 1,  # 流式映射里的注释\n  y: 2}\n", "e: {x: 1, y: 2}\n")
    assert yamledit.lost_comments(old, old) == []
    assert yamledit.lost_comments(old, new) == [(6, "# 流式映射里的注释")]
    # a comment that moved to another line is kept, not lost
    assert yamledit.lost_comments(old, "a: 1\n# 说明\n" + old.split("\n", 2)[2]) == [
        (1, "# 文件头")
    ]


def test_merge_keeps_what_the_edit_leaves_alone() -> None:
    """Stretches ruamel cannot write back stay as they were unless the edit changed them."""
    original = "a: {x: 1,  # 注释\n  y: 2}\nb: 1\nc:  3\n"
    baseline = "a: {x: 1, y: 2}\nb: 1\nc: 3\n"
    # the edit changes b and adds d after a: a keeps its comment, c its spaces
    edited = "a: {x: 1, y: 2}\nd: 4\nb: 2\nc: 3\n"
    merged = yamledit.merge(original, baseline, edited)
    assert merged.text == "a: {x: 1,  # 注释\n  y: 2}\nd: 4\nb: 2\nc:  3\n"
    assert merged.rewritten == ()
    # the edit changes c itself: its line is rewritten, and named
    edited = "a: {x: 1, y: 2}\nb: 1\nc: 4\n"
    merged = yamledit.merge(original, baseline, edited)
    assert merged.text == "a: {x: 1,  # 注释\n  y: 2}\nb: 1\nc: 4\n"
    assert merged.rewritten == (4,)
    # nothing to keep: the edit's text as it is
    assert yamledit.merge(baseline, baseline, edited).text == edited
