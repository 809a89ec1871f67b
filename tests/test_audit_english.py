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
    ask = '"Commemoration-day education activities (金坛解放纪念日)": please add the evidence: 活动照片, 活动总结'
    assert ask in out
    assert '"Use local red heritage sites for visits and interviews (春季学期)" is blocked' in out
    assert "重要节日" not in out
    assert "史红梅 (联络员)" in out and "(春季学期)" in out
    for mark in ("（", "）", "："):  # the only full-width text left is the school's own
        assert mark not in out, mark
