"""The audit checklist in English: English task titles and ASCII punctuation."""

from __future__ import annotations

from pathlib import Path

import pytest

ARGS = ["audit", "--school", "河滨", "--as-of", "2022-11-30", "--lang", "en"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_english_checklist(fmt: str, run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = run([*ARGS, "--format", fmt], cwd=workspace)
    assert result.code == 0, result.err
    out = " ".join(result.out.split())  # the terminal table wraps long lines
    ask = (
        '"Education activities on the festivals and commemoration days the document names'
        ' (Jintan Liberation Day)": please add the evidence: Activity photos, Activity summary'
    )
    assert ask in out
    blocked = (
        "Find and use local red heritage; take students on visits and interviews (spring term)"
    )
    assert f'"{blocked}" is blocked' in out
    assert "重要节日" not in out
    assert "史红梅 (联络员)" in out
    # the plan's phrases and evidence names come in English too: no 春季学期, no 活动照片
    for chinese in ("春季学期", "秋季学期", "金坛解放", "活动照片", "活动总结"):
        assert chinese not in out, chinese
    assert "default" in out  # a deadline the plan chose
    for mark in ("（", "）", "："):  # the only full-width text left is the school's own
        assert mark not in out, mark
