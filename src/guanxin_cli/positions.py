"""Where things are in a YAML file, and how much of one the readers take: shared by
``yamlio.py`` (the fast path, and each file's :class:`~.yamlio.Document`) and
``pyyaml_reader.py`` (the careful path, which works positions out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, Problem

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000

Key = str | int
KeyPath = tuple[Key, ...]


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


# Each key path's node, and each mapping key's own place (for unknown or duplicate keys).
Positions = tuple[dict[KeyPath, Pos], dict[KeyPath, Pos]]


@dataclass(frozen=True)
class Blanked:
    """Lines a broken file was read without (1-based, inclusive): the entry a syntax
    error is in, so the rest can still be checked. ``parent`` is the line of the key
    holding that entry (None: the entry is at the top level)."""

    first: int
    last: int
    parent: int | None


@dataclass
class Read:
    """What the careful reader made of a text: the data, the text it was read from, where
    its keys are (when building it needed that), and the lines it was read without."""

    path: Path
    data: Any
    text: str
    positions: dict[KeyPath, Pos] | None = None
    key_positions: dict[KeyPath, Pos] = field(default_factory=dict)
    blanked: tuple[Blanked, ...] = ()


class ReadPast(DataError):
    """A file with problems YAML itself does not stop at (a duplicate key), or one read in
    spite of a syntax error with the entry it is in left out: its ``problems``, and what
    could still be read (``read``)."""

    def __init__(self, problems: list[Problem], read: Read) -> None:
        super().__init__(problems)
        self.read = read
