"""Reviewers' findings on the reports: schools counted as schools, numbers whole in a pipe,
the carried-over mark, Chinese line breaks, English without Chinese left in, notify --quiet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .test_years import city  # noqa: F401  (the city workspace fixture)


def test_the_year_report_counts_only_schools_as_schools(run: Any, city: Path) -> None:  # noqa: F811
    md, js = city / "r.md", city / "r.json"
    result = run(
        ["export", "--format", "markdown", "--as-of", "2023-12-31", "-o", str(md)], cwd=city
    )
    assert result.code == 0, result.err
    # 2 counties, 1 town, 5 schools (and the office when the workspace has one)
    text = md.read_text("utf-8")
    assert "（其中学校 5 所）" in text, text
    result = run(["export", "--format", "json", "--as-of", "2023-12-31", "-o", str(js)], cwd=city)
    assert result.code == 0, result.err
    report = json.loads(js.read_text("utf-8"))
    overview = _find(report, "overview")
    assert overview["schools"] == 5
    assert overview["talks_held"] is None  # the city plan has no 讲师团 owner


def _find(tree: Any, key: str) -> Any:
    if isinstance(tree, dict):
        if key in tree:
            return tree[key]
        for v in tree.values():
            found = _find(v, key)
            if found is not None:
                return found
    if isinstance(tree, list):
        for v in tree:
            found = _find(v, key)
            if found is not None:
                return found
    return None
