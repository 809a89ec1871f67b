"""How a worksheet prints: A4, one page wide at a readable scale, its header row on each page.

Excel and LibreOffice shrink a sheet set to "fit to one page wide" until its columns fit, so
a sheet too wide for the page still prints on one page, only too small to read. Here column
widths are planned so that every sheet fits at ``MIN_PRINT_SCALE`` or larger: text columns
narrow (their cells wrap, their rows as tall as the lines need) before the scale has to
drop, and callers split a table that cannot fit (:func:`fitting_parts`).

Widths are in Excel's unit: the width of a digit of the workbook's font (Calibri 11, 7 px)
plus 5 px a column. Excel prints it about 5.6 pt wide, and so does LibreOffice with Carlito,
Calibri's metric twin, which LibreOffice's packages bring; ``UNIT_PT`` is a little wider as
LibreOffice rounds its scale down to a whole percent. (Where Calibri falls back to a wider
face, LibreOffice prints about a fifth smaller.)
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

A4_PT = (595.3, 841.9)  # portrait width, height
SIDE_MARGIN_IN = 0.4  # inches left and right: room for one more column
PORTRAIT_MAX_COLUMNS = 8  # wider sheets print landscape
MIN_PRINT_SCALE = 0.75  # 11 pt cells print at 8.25 pt or larger
UNIT_PT = 5.9  # printed width of a unit of column width at 100 % (see above)
MAX_WIDTH = 48  # no column wider than this, however long its text
NARROWEST_TEXT = 10  # a text column wraps, but never narrower than this (five CJK characters)
HEADER_NATURAL = 12  # a longer header wraps rather than widen its column
HEADER_WORD = 14  # a longer word in a header may break inside
# Row heights: LibreOffice does not fit a row to its wrapped text on opening (Excel does, but
# only where no height is written), so rows that wrap get a height, from the number of lines
# Excel and LibreOffice wrap them to (a CJK character at 11 pt is 2.1 units wide) at the line
# height of Noto Sans CJK at 11 pt.
CJK_UNITS = 2.1
LATIN_UNITS = 0.8  # an average letter: Calibri's are narrower than its digits
LINE_PT = 16.0


def cell_len(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def displayed(value: object, number_format: str = "General") -> object:
    """What a cell shows, for measuring it: text as it is (it may wrap); a number or a date
    as :class:`Unbroken` text (it never wraps)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return Unbroken("2022-12-31")
    if isinstance(value, float) and number_format.endswith("%"):
        return Unbroken(f"{value:.0%}")
    return Unbroken(str(value))


@dataclass(frozen=True)
class Unbroken:
    """A number or date as its cell shows it."""

    text: str


def _longest_chunk(text: str) -> int:
    """The widest piece that cannot be broken across lines: a word, a number, a date; a
    CJK character on its own (a line may break between any two)."""
    return max((cell_len(piece.rstrip()) for piece in _pieces(text)), default=0)


def _wide(ch: str) -> bool:
    """Full width where it is printed: CJK, and the punctuation CJK fonts draw full width
    (“”、…, of ambiguous width)."""
    return unicodedata.east_asian_width(ch) in "WFA"


_OPENING = set("（《“‘「『〈【〔")
_CLOSING = set("，、。；：！？）》”’」』〉】〕")


def _pieces(text: str) -> Iterable[str]:
    """The pieces a line may break between: words with the space after them; each CJK
    character with the punctuation that may not be parted from it (no line starts with
    "，" or ends with "（")."""
    pieces: list[str] = []
    word, glued = "", False  # glued: the last piece ends with opening punctuation
    for ch in text:
        if _wide(ch):
            if word:
                pieces.append(word)
                word = ""
            if (ch in _CLOSING or glued) and pieces:
                pieces[-1] += ch
            else:
                pieces.append(ch)
            glued = ch in _OPENING
        elif ch == " ":
            pieces.append(word + ch)
            word, glued = "", False
        else:
            if glued and pieces:
                pieces[-1] += ch
            else:
                word += ch
            glued = False
    if word:
        pieces.append(word)
    return pieces


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` units wide."""
    room = max(1.0, float(width))  # Excel adds 5 px to a column, the cell padding takes them
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for piece in _pieces(paragraph):
            size = sum(CJK_UNITS if _wide(ch) else LATIN_UNITS for ch in piece.rstrip())
            if used and used + size > room:
                lines, used = lines + 1, 0.0
            while size > room:  # a word longer than the line breaks inside
                lines, size = lines + 1, size - room
            used += size + (len(piece) - len(piece.rstrip()))
    return lines


@dataclass(frozen=True)
class Need:
    """A column's width: ``natural`` shows every cell on one line (up to ``MAX_WIDTH``),
    ``body`` every cell but the header (which may wrap first), ``floor`` is as narrow as it
    may wrap to."""

    natural: int
    body: int
    floor: int


def need(header: str | None, values: Iterable[object]) -> Need:
    """The width a column with this header and these cells (see :func:`displayed`) asks for."""
    natural = floor = 0
    wraps = False
    for value in dict.fromkeys(values):  # each different value once: columns repeat theirs
        if value is None:
            continue
        if isinstance(value, str):
            natural = max(natural, cell_len(value))
            floor, wraps = max(floor, _longest_chunk(value)), True
        else:
            text = value.text if isinstance(value, Unbroken) else str(value)
            natural = max(natural, cell_len(text))
            floor = max(floor, cell_len(text))
    body = natural
    if header is not None:  # a long header wraps; one more unit for its bold letters
        natural = max(natural, min(cell_len(header), HEADER_NATURAL))
        floor = max(floor, min(_longest_chunk(header), HEADER_WORD) + 1)
    natural = min(max(natural, floor) + 2, MAX_WIDTH)
    floor = min(floor + 2, natural)
    if wraps:  # text wraps, but not narrower than NARROWEST_TEXT
        floor = max(floor, min(natural, NARROWEST_TEXT))
    return Need(natural, max(floor, min(body + 2, natural)), floor)


def landscape(columns: int) -> bool:
    return columns > PORTRAIT_MAX_COLUMNS


def budget(columns: int) -> float:
    """How many units of column width print one page wide at ``MIN_PRINT_SCALE``."""
    page = A4_PT[1] if landscape(columns) else A4_PT[0]
    return (page - 2 * 72 * SIDE_MARGIN_IN) / (MIN_PRINT_SCALE * UNIT_PT)


def widths(needs: Sequence[Need]) -> list[int]:
    """Each column as wide as it likes if the sheet fits. Otherwise the widest ones are
    narrowed to one common width until it fits: first no narrower than their cells but the
    header (long headers wrap), then down to their floors if it must be."""
    room = budget(len(needs))

    def capped(cap: int, lows: list[int]) -> list[int]:
        return [max(low, min(n.natural, cap)) for n, low in zip(needs, lows, strict=True)]

    for lows in ([n.body for n in needs], [n.floor for n in needs]):
        cap = max((n.natural for n in needs), default=0)
        while cap > 1 and sum(capped(cap, lows)) > room:
            cap -= 1
        if sum(capped(cap, lows)) <= room:
            break
    return capped(cap, lows)


def fit_columns(ws: Worksheet, *, header_row: int = 1) -> None:
    """Size every column of ``ws`` by :func:`widths`; text in a column narrower than its
    longest line wraps, its row as tall as the lines need, and then every cell sits at the
    top of its row."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    columns = list(ws.iter_cols(min_row=1, max_row=ws.max_row))
    needs = []
    for col in columns:
        header = col[header_row - 1].value
        cells = (displayed(c.value, c.number_format) for c in col[header_row:])
        needs.append(need(None if header is None else str(header), cells))
    wrapped = False
    sized = widths(needs)
    for number, (col, n, width) in enumerate(zip(columns, needs, sized, strict=True), 1):
        ws.column_dimensions[get_column_letter(number)].width = width
        narrow = width < n.natural
        wrapped = wrapped or narrow
        for cell in col:
            if narrow and isinstance(cell.value, str) and not cell.alignment.wrap_text:
                cell.alignment = Alignment(
                    horizontal=cell.alignment.horizontal,
                    vertical=cell.alignment.vertical,
                    wrap_text=True,
                )
    for number, row in enumerate(ws.iter_rows(), 1):
        lines = max(
            (
                wrapped_lines(cell.value, sized[n])
                for n, cell in enumerate(row)
                if isinstance(cell.value, str) and cell.alignment.wrap_text
            ),
            default=1,
        )
        if lines > 1:
            ws.row_dimensions[number].height = lines * LINE_PT + 2
    if not wrapped:
        return
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.alignment.vertical is None:
                cell.alignment = Alignment(
                    horizontal=cell.alignment.horizontal,
                    vertical="top",
                    wrap_text=cell.alignment.wrap_text,
                )


def fitting_parts(widths: Sequence[int], cuts: Sequence[int], *, fixed: Sequence[int]) -> list[int]:
    """Where to split a row of columns into sheets that each print, after the ``fixed``
    columns, one page wide at ``MIN_PRINT_SCALE``; returns each part's first column.

    ``widths`` are the columns' narrowest widths; ``cuts[i]`` is what a split before column
    ``i`` costs (``cuts[0]`` is unused). The fewest parts; among those the split that costs
    least, then the one whose widest part is narrowest. A column too wide for any page gets
    a part of its own.
    """

    def fits(i: int, j: int) -> bool:
        return sum(fixed) + sum(widths[i:j]) <= budget(len(fixed) + j - i)

    # best[j]: (parts, cost, widest part, start of the last part) for columns [0, j)
    best: dict[int, tuple[int, int, int, int]] = {0: (0, 0, 0, 0)}
    for j in range(1, len(widths) + 1):
        options = [
            (parts + 1, cost + (cuts[i] if i else 0), max(widest, sum(widths[i:j])), i)
            for i, (parts, cost, widest, _) in best.items()
            if i < j and (i == j - 1 or fits(i, j))
        ]
        best[j] = min(options)
    starts: list[int] = []
    j = len(widths)
    while j > 0:
        j = best[j][3]
        starts.append(j)
    return starts[::-1] or [0]


def header_text(text: str) -> str:
    """``text`` as a print header shows it: ``&`` starts a code there, so it is doubled
    (and a header holds 255 characters at most)."""
    return text[:200].replace("&", "&&")


def print_setup(ws: Worksheet, *, title: str | None = None) -> None:
    """A4, one page wide (as many pages tall as it takes), the header row on each page, the
    sheet's name (and ``title``) at the top and the page number at the foot of each page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = landscape(ws.max_column)
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: no limit on the number of pages down
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    header, footer = ws.oddHeader, ws.oddFooter
    if header is not None:  # (always there in a new sheet)
        header.left.text = "&A"
        if title:
            header.center.text = header_text(title)
    if footer is not None:
        footer.center.text = "&P / &N"
