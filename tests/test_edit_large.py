"""Edits scale like reads: what an edit does not touch in a large file is set aside (issue 24).

Every test compares the edit with the same edit made by the whole round trip (nothing
set aside): the bytes written must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guanxin_cli import yamledit

from .editkit import make_workspace, school_path

DONE = ["done", "朝阳小学", "s2-team-cases", "--date", "2022-06-28", "-e", "参评案例文本"]
AUDIT = ["record-audit", "朝阳小学", "--date", "2022-06-10", "--kind", "inspection"]


def _activities(n: int) -> list[dict[str, Any]]:
    return [
        {
            "name": f"活动{i}",
            "date": "2022-05-01",
            "category": "红色资源",
            "wulao": 2,
            "students": 30,
            "evidence": ["照片", "方案"],
            "reported": True,
        }
        for i in range(n)
    ]


def one_line(n: int = 600) -> str:
    """A school file of JSON on one line (as a form or a script might write it)."""
    school = {
        "schema_version": 1,
        "id": "chaoyang-primary",
        "name": "金坛区朝阳小学",
        "type": "primary",
        "liaison": "王建国",
        "progress": {"s2-team-cases": {"status": "not_started"}},
        "audits": [
            {
                "id": "acceptance-2022-03",
                "date": "2022-03-25",
                "kind": "acceptance",
                "by": "区关工委",
            }
        ],
        "activities": _activities(n),
        "note": "大文件",
    }
    return json.dumps(school, ensure_ascii=False)


def block(n: int = 400) -> str:
    """A hand-kept file: block style, comments inside the ledger, blank lines."""
    lines = [
        "# 示例数据：测试用学校，进度为虚构。",
        "schema_version: 1",
        "id: chaoyang-primary",
        "name: 金坛区朝阳小学",
        "type: primary",
        "",
        "activities:   # 活动台账",
    ]
    for i in range(n):
        if i % 50 == 0:
            lines.append(f"  # 第 {i // 50 + 1} 批")
        lines += [
            f"  - name: 活动{i}",
            "    date: 2022-05-01",
            "    category: 红色资源",
            "    evidence: [照片, 方案]   # 原件在档案室",
        ]
    lines += [
        "",
        "progress:",
        "  s2-team-cases: {status: not_started}",
        "",
        "audits:",
        "  - {id: acceptance-2022-03, date: 2022-03-25, kind: acceptance, by: 区关工委}",
        "note: |",
        "  末尾是一个块标量",
        "",
    ]
    return "\n".join(lines)


def _edit(run: Any, tmp_path: Path, name: str, text: str, args: list[str]) -> bytes:
    ws = make_workspace(tmp_path / name)
    path = school_path(ws)
    path.write_text(text, encoding="utf-8")
    result = run(args, cwd=ws)
    assert result.code == 0, result.err
    return path.read_bytes()


def whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamledit, "FOLD_MIN", 10**12)  # nothing set aside


def ruamel_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every text ruamel is given to read."""
    seen: list[int] = []
    real = yamledit._yaml

    def spy(indent: tuple[int, int, int]) -> Any:
        y = real(indent)
        load = y.load

        def counted(stream: str) -> Any:
            seen.append(len(stream))
            return load(stream)

        y.load = counted
        return y

    monkeypatch.setattr(yamledit, "_yaml", spy)
    return seen


@pytest.mark.parametrize("text", [one_line(), block()], ids=["one-line", "block"])
@pytest.mark.parametrize("args", [DONE, AUDIT], ids=["done", "record-audit"])
def test_an_edit_of_a_large_file_sets_the_rest_aside_and_writes_the_same_bytes(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    assert len(text) > 2 * yamledit.FOLD_MIN
    seen = ruamel_sizes(monkeypatch)
    folded = _edit(run, tmp_path, "folded", text, args)
    assert seen and max(seen) < 2_000  # ruamel never saw the ledger
    whole(monkeypatch)
    assert _edit(run, tmp_path, "whole", text, args) == folded
    assert max(seen) > len(text) - 100
    written = folded.decode("utf-8")
    assert written.count("活动") == text.count("活动")
    if "# 第 1 批" in text:
        assert "# 第 1 批" in written and "# 原件在档案室" in written


def test_what_was_set_aside_must_come_back_as_it_was(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Were a value put back wrong, the edit is made again by the whole round trip."""
    text = one_line()
    real = yamledit._unfold
    wrong: list[bool] = []

    def damaging(dumped: str, folds: dict[str, str] | None) -> str:
        out = real(dumped, folds)
        if folds:
            wrong.append(True)
            return out.replace("活动1", "活动一", 1)
        return out

    monkeypatch.setattr(yamledit, "_unfold", damaging)
    folded = _edit(run, tmp_path, "folded", text, DONE)
    assert wrong
    monkeypatch.setattr(yamledit, "_unfold", real)
    whole(monkeypatch)
    assert _edit(run, tmp_path, "whole", text, DONE) == folded
    assert "活动一" not in folded.decode("utf-8")


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "a: 1\nb:\n  - x\n  - {y: 2}  # c\n\nc: [1, 2]\n",
            {"a": " 1", "b": "\n  - x\n  - {y: 2}", "c": " [1, 2]"},
        ),
        ('{a: 中文, b: [1, {c: 2}], "d": x}', {"a": " 中文", "b": " [1, {c: 2}]", "d": " x"}),
        ("a: |\n  x\nb: 2\n", {"b": " 2"}),  # a block scalar's end is its line break
        ("a: &x 1\nb: *x\n", None),  # shared values are never set aside
        ("- 1\n- 2\n", None),
    ],
)
def test_where_top_level_values_lie(text: str, spans: dict[str, str] | None) -> None:
    from guanxin_cli.pyyaml_reader import top_level_spans

    found = top_level_spans(text)
    shown = None if found is None else {key: text[start:end] for key, start, end in found}
    assert shown == spans


def test_small_files_go_through_the_whole_round_trip(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    seen = ruamel_sizes(monkeypatch)
    text = one_line(5)
    _edit(run, tmp_path, "small", text, DONE)
    assert max(seen) >= len(text) - 10


def one_line_years(n: int = 600) -> str:
    """The per-year layout on one line: the ledger one level down, under its year."""
    school = json.loads(one_line(n))
    records = {k: school.pop(k) for k in ("progress", "audits", "activities")}
    school.update(schema_version=2, years={"2022": records})
    return json.dumps(school, ensure_ascii=False)


def block_years(n: int = 400) -> str:
    """The per-year layout kept by hand: audits before the progress, and comments."""
    lines = ["schema_version: 2", "id: chaoyang-primary", "name: 金坛区朝阳小学", "type: primary"]
    lines += ["years:", "  2022:", "    audits:  # 检查"]
    lines += [
        f"      - {{id: a{i}, date: 2022-03-25, kind: acceptance, by: 区关工委}}" for i in range(n)
    ]
    lines += ["    progress:", "      s2-team-cases: {status: not_started}", "    activities:"]
    for i in range(n):
        lines += [f"      - name: 活动{i}  # 第 {i} 条", "        date: 2022-05-01"]
    lines += ["note: 大文件", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("text", [one_line_years(), block_years()], ids=["one-line", "block"])
def test_in_the_per_year_layout_what_the_edit_does_not_touch_is_set_aside_too(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:  # type: ignore[no-untyped-def]
    """``done`` changes one year's progress: the year's ledger and other years are set
    aside (``years`` → the year → its parts), and the bytes written are the same."""
    assert len(text) > 2 * yamledit.FOLD_MIN
    seen = ruamel_sizes(monkeypatch)
    folded = _edit(run, tmp_path, "folded", text, DONE)
    assert seen and max(seen) < 2_000  # ruamel never saw a ledger
    whole(monkeypatch)
    assert _edit(run, tmp_path, "whole", text, DONE) == folded
    assert max(seen) > len(text) - 100
    written = folded.decode("utf-8")
    assert written.count("活动") == text.count("活动") and "2022-06-28" in written
    assert ("# 第 1 条" in written) == ("# 第 1 条" in text)
