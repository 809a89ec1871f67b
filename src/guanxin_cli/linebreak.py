"""Where a line of mixed Chinese and English text may break, as Chinese is set: between two
Chinese characters or at a space, never before closing punctuation (，。）…) nor after
opening punctuation (（“…) nor between a number and its unit (2022年), and counting a
Chinese character as two columns. Used by the help (``clihelp``) and by the reports' table
cells (``render.prose``)."""

from __future__ import annotations

import re
import unicodedata

_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
TOKENS = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")  # a space, a Chinese character, a word

CLOSING = frozenset("，。、；：！？）」』》”’)]")  # never at the start of a line
OPENING = frozenset("（「『《“‘([")  # never at the end of one
UNITS = frozenset("年月日号天人所项次个")  # never parted from the number before it (2022年)


def cells(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line_spans(text: str, width: int, *, cut: bool = True) -> list[tuple[int, int]]:
    """``text`` (one paragraph) cut into lines of at most ``width`` columns: each line's
    (start, end) in ``text``, spaces at a break left out. A word wider than a line is cut
    where the line ends (with ``cut``; else it stands whole on a line of its own)."""
    width = max(width, 2)
    spans: list[tuple[int, int]] = []
    line: list[tuple[int, int]] = []  # the current line's tokens, spaces included
    used = 0
    for m in TOKENS.finditer(text):
        token = m.group()
        if token.isspace():
            if line and not text[line[-1][0]].isspace():
                line.append(m.span())
                used += len(token)  # (as it stands: a run of spaces is as wide as it is)
            continue
        size = cells(token)
        if line and used + size > width:
            while line and text[line[-1][0]].isspace():
                line.pop()
            carried: list[tuple[int, int]] = []
            while len(line) > 1:  # (the line keeps its first piece whatever happens)
                first = text[slice(*carried[0])] if carried else token
                last = text[slice(*line[-1])]
                # the next line may not start with a closing mark (，。）…, or ” glued to
                # a word) nor the line end with an opening one (（“…); a number goes on
                # with its unit ("2022" with "年")
                if not (
                    first[0] in CLOSING
                    or last[-1] in OPENING
                    or (first in UNITS and last.isdigit())
                ):
                    break
                carried.insert(0, line.pop())
                if last.isspace() and len(line) > 1:  # (a space is no place to stop)
                    carried.insert(0, line.pop())
            while carried and text[carried[0][0]].isspace():
                carried.pop(0)  # (a space at a break is left out)
            while len(line) > 1 and text[line[-1][0]].isspace():
                line.pop()
            spans.append((line[0][0], line[-1][1]))
            line = carried
            used = sum(cells(text[a:b]) for a, b in line)
        start = m.start()
        while cut and used + size > width and not line:  # a word wider than a line
            end = start
            taken = 0
            while end < m.end() and taken + cells(text[end]) <= width:
                taken += cells(text[end])
                end += 1
            end = max(end, start + 1)
            spans.append((start, end))
            start = end
            size = cells(text[start : m.end()])
        if start < m.end():
            line.append((start, m.end()))
            used += size
    while line and text[line[-1][0]].isspace():
        line.pop()
    if line:
        spans.append((line[0][0], line[-1][1]))
    return spans or [(0, 0)]


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, its runs of white space as one space
    (Python's textwrap counts characters, and breaks at hyphens)."""
    flat = " ".join(text.split())
    return [flat[a:b] for a, b in line_spans(flat, width, cut=False)]
