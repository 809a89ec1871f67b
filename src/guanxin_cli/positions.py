"""Where things are in a YAML file, and how much of one the readers take: shared by
``yamlio.py`` (the fast path, and each file's :class:`~.yamlio.Document`) and
``pyyaml_reader.py`` (the careful path, which works positions out)."""

from __future__ import annotations

from dataclasses import dataclass

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
