"""Lines of Chinese break as Chinese is set: never before a closing mark (，。）…), never
after an opening one, within the width — in the help and in the reports' table cells."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guanxin_cli.linebreak import CLOSING, OPENING, TOKENS, cells, line_spans, wrap

TITLE = "领会“必须抓好后继有人这个根本大计”的内涵，认真加以落实"


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in line_spans(text, width)]


def test_a_comma_takes_the_character_before_it_to_the_next_line() -> None:
    # at 40 columns "…的内涵" would end the line and "，认真…" begin the next
    assert lines(TITLE, 40) == ["领会“必须抓好后继有人这个根本大计”的内", "涵，认真加以落实"]


def test_an_opening_mark_never_ends_a_line() -> None:
    assert lines("发动和组织老同志参与（春季学期）", 20) == ["发动和组织老同志参与", "（春季学期）"]
    assert lines("一二三四五六七八（九十）", 18) == ["一二三四五六七八", "（九十）"]


def test_english_breaks_at_spaces_and_a_long_word_is_cut() -> None:
    assert lines("see the overdue report", 10) == ["see the", "overdue", "report"]
    assert lines("abcdefghijkl mn", 5) == ["abcde", "fghij", "kl mn"]
    assert wrap("abcdefghijkl mn", 5) == ["abcdefghijkl", "mn"]  # (the help keeps words whole)


_TEXT = st.text(
    alphabet=st.sampled_from(list("关工委五老学校活动方案照片总结 abc-12，。、；：）（“”《》")),
    max_size=80,
)


@given(_TEXT, st.integers(min_value=4, max_value=40))
def test_any_text_keeps_its_words_fits_its_width_and_starts_no_line_with_a_closing_mark(
    text: str, width: int
) -> None:
    got = lines(text, width)
    # nothing but spaces at the breaks is lost, and nothing is added
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    for n, line in enumerate(got):
        if not line:
            continue
        assert line == line.strip() or not text.strip()
        # a line may overrun only where it carried a character to keep a mark off a line start
        assert cells(line) <= width or any(c in CLOSING or c in OPENING for c in line)
        if n and line[0] in CLOSING:
            # only when the line before had nothing to give: it is one word (or marks)
            before = [w for w in TOKENS.findall(got[n - 1]) if not w.isspace()]
            assert len(before) <= 1 or all(c in CLOSING for c in got[n - 1])


@pytest.mark.parametrize("columns", ["60", "72", "80", "100"])
def test_the_audit_checklist_starts_no_line_with_a_closing_mark(
    workspace: Path, columns: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    env.update(COLUMNS=columns, NO_COLOR="1")
    out = subprocess.run(
        [sys.executable, "-m", "guanxin_cli", "audit", "--school", "河头", "--as-of", "2022-09-30"],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    ).stdout
    assert "任务清单" in out
    starts = [line.lstrip() for line in out.splitlines() if line.strip()]
    assert not [line for line in starts if line[0] in CLOSING], out
    assert max(cells(line) for line in out.splitlines()) <= int(columns)


def test_a_mark_glued_to_a_word_is_still_a_mark() -> None:
    """” and “ are not set wide, so they come as part of the word beside them ("”1",
    "x“"): the word still may not start a line with its closing mark, nor end one opening."""
    assert lines("1、”1", 4) == ["1", "、”1"]
    assert lines("ab x“ cdefg", 6) == ["ab", "x“ cdefg"]


@pytest.mark.parametrize(
    ("text", "width", "want"),
    [
        ("1、 ”）", 5, ["1", "、 ”）"]),  # a space before a closing mark is no place to break
        ("1、”1、", 5, ["1", "、”1、"]),
        ("1、”“《", 5, ["1", "、”“《"]),
        ("11  1", 4, ["11", "1"]),  # two spaces are two columns
    ],
)
def test_what_the_property_test_found(text: str, width: int, want: list[str]) -> None:
    assert lines(text, width) == want
