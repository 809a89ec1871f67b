"""A table cell of text that wraps as Chinese is set (``linebreak``): Rich folds a line of
Chinese, which has no spaces, wherever the column ends, so "……的内涵" and "，认真加以落实"
would begin a line with a comma."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text

from ..linebreak import TOKENS, cells, line_spans


class Prose:
    """``text`` (Rich ``Text``, its styles kept) broken into lines at the width Rich gives
    the cell; a ``\\n`` in it starts a new line."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max((cells(line) for line in plain.split("\n")), default=0)
        # the narrowest it can be: its longest unbreakable piece (a word, a character)
        narrowest = max((cells(w) for w in TOKENS.findall(plain) if not w.isspace()), default=0)
        return Measurement(narrowest, widest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        for paragraph in self.text.split("\n", allow_blank=True):
            spans = line_spans(paragraph.plain, width)
            cuts = sorted({o for span in spans for o in span} - {0, len(paragraph.plain)})
            pieces = paragraph.divide(cuts)
            starts = {a for a, _ in spans}
            offset = 0
            for piece in pieces:
                if offset in starts:
                    piece.rstrip()
                    yield piece
                offset += len(piece.plain)
