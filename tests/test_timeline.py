"""``guanxin timeline``: fits 80 cells with CJK text, agrees with status, saves SVG/HTML."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len

from .conftest import run_process
from .openers import cjk_font_installed, measure, screenshot

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


def test_svg_is_light_self_contained_and_says_what_the_terminal_says(run, workspace: Path) -> None:
    svg = workspace / "out" / "时间线.svg"
    svg.parent.mkdir()
    html = workspace / "out" / "timeline.html"
    result = run(
        ["timeline", "--as-of", AS_OF, "--svg", str(svg), "--html", str(html)], cwd=workspace
    )
    assert result.code == 0, result.err
    text = svg.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.attrib["data-theme"] == "light"
    joined = "".join(el.text or "" for el in root.iter(f"{SVG}text"))
    for needed in (
        "三所优质化学校通过验收",
        "清明",
        "截至 06-30",
        "1月",
        "12月",
        "按期达成 2，目前达成 3",
    ):
        assert needed in joined, needed
    # nothing fetched: no web font, no URL but the SVG namespace itself
    assert "@font-face" not in text and "url(" not in text and "Fira" not in text
    assert re.findall(r"https?://[^\s\"]+", text) == ["http://www.w3.org/2000/svg"]
    assert "Noto Sans CJK SC" in root.attrib["font-family"]
    background = root.find(f"{SVG}rect")
    assert background is not None and background.attrib["fill"] == "#ffffff"
    # one meaning per mark: each bar is one window, coloured by its state (never part-filled)
    bars = [el for el in root.iter(f"{SVG}rect") if el.get("data-measure") == "bar"]
    assert {b.attrib["data-state"] for b in bars} == {"done", "overdue", "open", "not_started"}
    page = html.read_text(encoding="utf-8")
    assert "三所优质化学校通过验收" in page and "<svg" in page
    assert not re.search(r"https?://", page)  # inline SVG needs no namespace URL
    assert not list(svg.parent.glob(".*.tmp"))


def test_dark_theme_keeps_the_terminal_colours(run, workspace: Path) -> None:
    svg = workspace / "dark.svg"
    result = run(
        ["timeline", "--as-of", AS_OF, "--svg", str(svg), "--theme", "dark"], cwd=workspace
    )
    assert result.code == 0, result.err
    root = ET.parse(svg).getroot()
    assert root.attrib["data-theme"] == "dark"
    background = root.find(f"{SVG}rect")
    assert background is not None and background.attrib["fill"] == "#292929"
    assert run(["timeline", "--svg", str(svg), "--theme", "sepia"], cwd=workspace).code == 2


def _boxes(run, workspace: Path, tmp_path: Path, *args: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    html = workspace / "t.html"
    result = run(["timeline", "--as-of", AS_OF, "--html", str(html), *args], cwd=workspace)
    assert result.code == 0, result.err
    return measure(html.read_text(encoding="utf-8"), tmp_path)


def _x_of(day: dt.date, months: dict[str, dict], end: bool = False) -> float:  # type: ignore[type-arg]
    box = months[day.strftime("%Y-%m")]
    days = calendar.monthrange(day.year, day.month)[1]
    return box["x"] + box["w"] * ((day.day if end else day.day - 1) / days)


@pytest.mark.parametrize("args", [[], ["--lang", "en", "--from", "2022-03", "--to", "2022-10"]])
def test_bars_line_up_with_the_month_columns_in_chromium(
    run, workspace: Path, tmp_path: Path, args: list[str]
) -> None:
    boxes = _boxes(run, workspace, tmp_path, *args)
    months = {b["key"]: b for b in boxes if b["kind"] == "month"}
    widths = {round(b["w"], 1) for b in months.values()}
    assert len(widths) == 1  # every month a column of the same width
    ordered = sorted(months.values(), key=lambda b: b["x"])
    for left, right in itertools.pairwise(ordered):
        assert right["x"] == pytest.approx(left["x"] + left["w"], abs=0.5)  # no gaps
    first, last = ordered[0]["x"], ordered[-1]["x"] + ordered[-1]["w"]
    bars = [b for b in boxes if b["kind"] == "bar"]
    assert len(bars) > 30
    for bar in bars:
        start = dt.date.fromisoformat(bar["start"])
        due = dt.date.fromisoformat(bar["due"])
        x0 = _x_of(start, months) if start.strftime("%Y-%m") in months else first
        x1 = _x_of(due, months, end=True) if due.strftime("%Y-%m") in months else last
        assert bar["x"] == pytest.approx(x0, abs=0.6), bar
        assert bar["x"] + bar["w"] == pytest.approx(x1, abs=0.6), bar
    (as_of,) = [b for b in boxes if b["kind"] == "asof"]
    day = dt.date.fromisoformat(AS_OF)
    middle = (_x_of(day, months) + _x_of(day, months, end=True)) / 2
    assert as_of["x"] + as_of["w"] / 2 == pytest.approx(middle, abs=0.6)
    # the same day gives the same x in every row: all bars of the 上半年 window end together
    ends = {round(b["x"] + b["w"], 1) for b in bars if b["due"] == "2022-06-30"}
    assert len(ends) == 1


def test_screenshot_pixels_show_the_bars_in_their_months(
    run, workspace: Path, tmp_path: Path
) -> None:
    from PIL import Image

    boxes = _boxes(run, workspace, tmp_path)
    html = workspace / "t.html"
    png = screenshot(html, tmp_path / "t.png", (1400, 1900))
    image = Image.open(png).convert("RGB")
    months = {b["key"]: b for b in boxes if b["kind"] == "month"}
    # the autumn term's window opens on 09-01 (the spring term's, on 02-14, mid-month)
    bar = next(b for b in boxes if b["kind"] == "bar" and b["start"] == "2022-09-01")
    y = int(bar["y"] + bar["h"] / 2)
    x = months["2022-09"]["x"]
    colour = {
        "done": (0x2D, 0xA4, 0x4E),
        "open": (0x09, 0x69, 0xDA),
        "overdue": (0xCF, 0x22, 0x2E),
        "not_started": (0xB6, 0xC2, 0xCF),
    }
    assert image.getpixel((int(x) + 3, y)) == colour[bar["state"]]
    assert image.getpixel((int(x) - 3, y)) != colour[bar["state"]]  # nothing in August
    (as_of,) = [b for b in boxes if b["kind"] == "asof"]
    assert image.getpixel((int(as_of["x"] + 1), int(as_of["y"] + 4))) == (0x82, 0x50, 0xDF)
    assert cjk_font_installed()  # Chinese labels drawn with a real CJK face, not boxes


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


def test_a_bar_shows_its_windows_state_not_a_share_along_the_time_axis(
    run, workspace: Path
) -> None:
    view = json.loads(run(["timeline", "--json", "--as-of", AS_OF], cwd=workspace).out)["data"]
    task = next(t for s in view["sections"] for t in s["tasks"] if t["id"] == "s2-red-festivals")
    qingming = task["spans"][0]
    assert 0 < qingming["done"] < qingming["total"] and qingming["overdue"]
    assert qingming["state"] == "overdue"
    out = run(["timeline", "--as-of", AS_OF], cwd=workspace).out
    row = next(line for line in out.splitlines() if "重要节日、纪念日主题教育活动" in line)
    # part done and part overdue: the window is one mark (overdue), not a green share of it
    assert "▓" in row and "█" not in row


def test_the_days_a_plans_tasks_name_are_on_its_timeline(run, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    """重阳 is no fixed national day of the timeline, but a task 重阳节前后 puts it there
    (lunar: 2022-10-04)."""
    plan = workspace / "plans" / "2022.yaml"
    before = run(["timeline", "--as-of", "2022-06-30"], cwd=workspace).out
    assert "重阳" not in before
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("when: 年底前", "when: 重阳节前后", 1), encoding="utf-8")
    assert run(["check"], cwd=workspace).code == 0
    after = run(["timeline", "--as-of", "2022-06-30"], cwd=workspace).out
    assert re.search(r"★ 10-04 重阳节", after), after
    data = json.loads(run(["timeline", "--as-of", "2022-06-30", "--json"], cwd=workspace).out)
    days = {(c["date"], c["name"]) for c in data["data"]["commemorations"]}
    assert ("2022-10-04", "重阳节") in days
