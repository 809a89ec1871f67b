"""``guanxin timeline``: fits 80 cells with CJK text, agrees with status, saves SVG/HTML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len

from guanxin_cli.render.timeline import SVG_FONTS

from .conftest import run_process

AS_OF = "2022-06-30"
SVG = "{http://www.w3.org/2000/svg}"


def _chart_rows(out: str) -> list[str]:
    """The rows between the month header and the legend (section and task rows)."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(("月份", "month")))
    end = next(n for n, line in enumerate(lines) if line.startswith("█"))
    return [line for line in lines[start + 1 : end] if line.strip()]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--lang", "en"],
        ["--school", "朝阳"],
        ["--section", "二", "--from", "3", "--to", "2022-08"],
        ["--from", "2022-09-01", "--to", "12月", "--lang", "en"],
    ],
)
def test_fits_80_columns_and_keeps_cjk_alignment(
    run, workspace: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run(["timeline", "--as-of", AS_OF, *args], cwd=workspace)
    assert result.code == 0, result.err
    widths = [cell_len(line) for line in result.out.splitlines()]
    assert max(widths) <= 80
    rows = _chart_rows(result.out)
    assert len(rows) >= 5
    # the completion column ends at the same cell in every row, whatever the script
    pct_cols = {cell_len(row[: row.rindex("%")]) for row in rows if "%" in row}
    assert len(pct_cols) == 1, pct_cols


def test_shows_milestones_commemorations_and_the_as_of_marker(run, workspace: Path) -> None:
    result = run(["timeline", "--as-of", AS_OF], cwd=workspace)
    assert result.code == 0
    out = result.out
    for name in [
        "清明",
        "金坛解放",
        "七一",
        "八一",
        "抗战胜利",
        "烈士纪念日",
        "国庆",
        "二十大",
        "国家公祭日",
    ]:
        assert name in out, name
    assert "三所优质化学校通过验收" in out and "▼" in out and "截至 06-30" in out
    assert "█" in out and "░" in out


def test_json_agrees_with_status(run, workspace: Path) -> None:
    status = json.loads(run(["status", "--json", "--as-of", AS_OF], cwd=workspace).out)["data"]
    result = run(["timeline", "--json", "--as-of", AS_OF], cwd=workspace)
    view = json.loads(result.out)["data"]
    assert [m["month"] for m in view["months"]] == [f"2022-{m:02d}" for m in range(1, 13)]
    assert view["overall"] == status["overall"]
    assert [m["id"] for m in view["milestones"]] == [m["id"] for m in status["milestones"]]
    assert [m["count_now"] for m in view["milestones"]] == [
        m["count_now"] for m in status["milestones"]
    ]
    for sec_t, sec_s in zip(view["sections"], status["sections"], strict=True):
        assert sec_t["rate"] == sec_s["rate"]
    overdue_tasks = sum(task["overdue"] for s in view["sections"] for task in s["tasks"])
    assert overdue_tasks == sum(s["overdue"] for s in status["sections"])
    assert len(view["commemorations"]) == 9


def test_range_and_bad_bounds(run, workspace: Path) -> None:
    view = json.loads(
        run(["timeline", "--json", "--from", "2022-03", "--to", "5月"], cwd=workspace).out
    )["data"]
    assert [m["month"] for m in view["months"]] == ["2022-03", "2022-04", "2022-05"]
    assert {c["name"] for c in view["commemorations"]} == {"清明", "金坛解放纪念日"}
    assert run(["timeline", "--from", "someday"], cwd=workspace).code == 2
    backwards = run(["timeline", "--from", "2022-06", "--to", "2022-03"], cwd=workspace)
    assert backwards.code == 2


def test_svg_is_valid_xml_with_a_cjk_font_and_cell_widths(run, workspace: Path) -> None:
    svg = workspace / "out" / "时间线.svg"
    svg.parent.mkdir()
    html = workspace / "out" / "timeline.html"
    result = run(
        ["timeline", "--as-of", AS_OF, "--svg", str(svg), "--html", str(html)], cwd=workspace
    )
    assert result.code == 0, result.err
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG}svg"
    texts = [el for el in root.iter(f"{SVG}text")]
    joined = "".join(el.text or "" for el in texts)
    for needed in ("三所优质化学校通过验收", "清明", "▼", "月份"):
        assert needed in joined.replace("\xa0", " "), needed
    # Rich sizes <text> by len(); we fix it to cells so CJK is not squeezed
    for el in texts:
        content = (el.text or "").replace("\xa0", " ")
        if content and "textLength" in el.attrib:
            assert float(el.attrib["textLength"]) == pytest.approx(12.2 * cell_len(content))
    style = "".join(el.text or "" for el in root.iter(f"{SVG}style"))
    assert "Noto Sans CJK SC" in style and SVG_FONTS in style
    assert "full-width" not in style  # it made padding 1em wide and squeezed the Chinese
    page = html.read_text(encoding="utf-8")
    assert "三所优质化学校通过验收" in page and "Noto Sans CJK SC" in page
    assert not list(svg.parent.glob(".*.tmp"))


def test_svg_to_an_unwritable_place_fails_cleanly(run, workspace: Path) -> None:
    blocker = workspace / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run(["timeline", "--svg", str(blocker / "t.svg")], cwd=workspace)
    assert result.code == 73
    assert "无法写入" in result.err and "t.svg" in result.err
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    "bound", [["--from", "0000-01"], ["--to", "9999-12"], ["--to", "9999-12-30"]]
)
def test_year_typos_in_the_range_are_usage_errors(bound: list[str], tmp_path: Path) -> None:
    result = run_process(["timeline", *bound], cwd=tmp_path)
    assert result.code == 2, result.err
    assert "无法识别的日期" in result.err and "内部错误" not in result.err


def test_an_empty_range_says_which_bound_is_implied(tmp_path: Path) -> None:
    result = run_process(["timeline", "--from", "2023-01-01"], cwd=tmp_path)
    assert result.code == 2
    assert "结束 2022-12-31 早于开始 2023-01-01" in result.err
