"""Column widths, wrapped lines and sheet splitting that make the workbook print readably
(the workbook as LibreOffice prints it: tests/test_export.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from guanxin_cli.exporters.sheetprint import (
    Need,
    Unbroken,
    budget,
    displayed,
    fitting_parts,
    need,
    widths,
    wrapped_lines,
)

FIXED = [22, 8, 6, 8]  # school, completion, overdue, liaison


def _parts(starts: list[int], n: int) -> list[range]:
    return [range(a, b) for a, b in zip(starts, [*starts[1:], n], strict=True)]


def _fits(part: range, width: int) -> bool:
    return sum(FIXED) + width * len(part) <= budget(len(FIXED) + len(part))


def test_a_section_is_cut_between_its_points_into_as_few_sheets_as_print() -> None:
    # section 二 of the 2022 plan: points of 4, 9, 4 and 10 task occurrences
    points = [4, 9, 4, 10]
    cuts = [c for size in points for c in [0] + [1] * (size - 1)]
    starts = fitting_parts([10] * len(cuts), cuts, fixed=FIXED)
    per_page = max(k for k in range(1, 40) if _fits(range(k), 10))
    assert len(starts) == -(-len(cuts) // per_page)  # no more sheets than the width needs
    boundaries = {sum(points[:k]) for k in range(len(points))}
    assert set(starts) <= boundaries  # every cut between two points
    assert all(_fits(part, 10) for part in _parts(starts, len(cuts)))


def test_a_point_too_wide_for_a_page_is_cut_between_tasks_not_occurrences() -> None:
    # one point: 30 columns, tasks of two occurrences each (a cut inside a task costs 3)
    cuts = [0] + [3 if n % 2 else 1 for n in range(1, 30)]
    starts = fitting_parts([10] * 30, cuts, fixed=FIXED)
    assert len(starts) > 1 and all(start % 2 == 0 for start in starts)
    assert all(_fits(part, 10) for part in _parts(starts, 30))


def test_a_column_wider_than_any_page_gets_a_sheet_of_its_own() -> None:
    assert fitting_parts([10, 400, 10], [0, 0, 0], fixed=FIXED) == [0, 1, 2]
    assert fitting_parts([], [], fixed=FIXED) == [0]


def test_no_line_starts_with_a_comma_or_ends_with_an_opening_bracket() -> None:
    four = 4 * 2.1  # four CJK characters to a line
    assert wrapped_lines("一二三四五六七八", four) == 2
    # "，" may not start the second line, so "四，" moves down together
    assert wrapped_lines("一二三四，五六七", four) == 3
    assert wrapped_lines("一二三（四五六七", four) == 3  # "（" goes down with "四"
    assert wrapped_lines("“一二三”四五六", four) == 3  # curly quotes are full width in CJK
    assert wrapped_lines("a b", 40) == 1 and wrapped_lines("line\nbreak", 40) == 2


def test_a_long_word_breaks_inside_rather_than_vanish() -> None:
    assert wrapped_lines("x" * 30, 10) >= 3


def test_dates_and_numbers_keep_their_width_text_wraps() -> None:
    day = need("日期", [displayed(dt.date(2022, 3, 31))])
    assert day.floor == day.natural == len("2022-03-31") + 2
    assert displayed(0.5, "0%") == Unbroken("50%")
    title = need("事项", ["深入基层调查研究、加强工作指导，以点带面（春季学期）"])
    assert title.natural > title.floor >= 10  # wraps, but keeps five characters to a line
    # a long header wraps rather than widen a column of short values
    assert need("深入基层调查研究、加强工作指导", ["已完成"]).natural <= 14


@pytest.mark.parametrize("columns", [4, 8, 12])
def test_widths_fit_the_page_narrowing_the_widest_first(columns: int) -> None:
    needs = [Need(natural=40, body=20, floor=10)] + [Need(12, 12, 12)] * (columns - 1)
    sized = widths(needs)
    assert sum(sized) <= budget(columns) or sized == [n.floor for n in needs]
    assert all(n.floor <= w <= n.natural for n, w in zip(needs, sized, strict=True))
    assert sized[1:] == [12] * (columns - 1)  # the narrow ones are left alone
