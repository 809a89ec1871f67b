"""The only module that reads YAML (with its careful path, ``pyyaml_reader.py``);
round-trip edits live in ``yamledit.py``.

Files are read as YAML 1.2 (``yes``/``no`` stay text, ``012`` is 12), like the editor.
Where the ``fast`` extra is installed, ordinary files are parsed by ``yaml_rs`` (Rust;
loads ~3x faster than PyYAML's C loader with our builder).  Whatever it refuses, the rare
file with anchors, tags, merge keys, several documents or odd characters, and every file
where it is not installed, goes to PyYAML, which resolves plain scalars the same way (the
same data either way: ``tests/test_yaml_fast.py``) and is the one that locates errors (and,
lazily, every key's line and column). PyYAML is imported only when a file needs it.

What it adds on top of the parsers:

* PyYAML's C loader where present, the pure-Python one otherwise;
* every mapping key and value remembers its 1-based line and column, so validation
  errors can say ``file:line:col``;
* duplicate keys, which PyYAML silently accepts, are errors;
* dates stay strings (Pydantic parses them, so ``2022-02-30`` gets a located error
  instead of a crash inside the YAML constructor);
* encodings: UTF-8 with or without BOM, CRLF; anything else is a clear error;
* limits on size, nesting and alias expansion, so a hostile file cannot hang us.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from .errors import DataError, Location, Problem, problem
from .positions import MAX_BYTES as MAX_BYTES
from .positions import MAX_DEPTH as MAX_DEPTH
from .positions import MAX_NODES as MAX_NODES
from .positions import Blanked, KeyPath, Pos, Positions, Read, ReadPast

try:
    import yaml_rs

    HAVE_YAML_RS = True
except ImportError:  # without the fast extra (or on a platform without a yaml-rs wheel)
    HAVE_YAML_RS = False


class Document:
    """A parsed file: plain Python data plus where each key path came from.

    Positions are only needed when something is wrong, so they are worked out on first
    use by composing the text again (most files never pay for them).
    """

    __slots__ = ("_key_positions", "_positions", "blanked", "data", "path", "text")

    def __init__(
        self, path: Path, data: Any, text: str | None = "", positions: Positions | None = None
    ) -> None:
        """``positions``: where the keys are, if the reader worked them out already."""
        self.path = path
        self.data = data
        self.text = text  # None: not read yet (a file whose data came from the parse cache)
        self._positions: dict[KeyPath, Pos] | None = None
        self._key_positions: dict[KeyPath, Pos] = {}
        self.blanked: tuple[Blanked, ...] = ()  # (read in spite of a syntax error)
        if positions is not None:
            self._positions, self._key_positions = positions

    @property
    def positions(self) -> dict[KeyPath, Pos]:
        if self._positions is None:
            self._positions = {}
            try:
                if self.text is None:
                    self.text = read_text(self.path)
            except DataError:  # pragma: no cover - it was read once already
                return self._positions
            from .pyyaml_reader import positions_of

            self._positions, self._key_positions = positions_of(self.text)
        return self._positions

    @property
    def key_positions(self) -> dict[KeyPath, Pos]:
        _ = self.positions
        return self._key_positions

    def locate(self, key_path: KeyPath) -> Location:
        """The closest known position of ``key_path`` (a missing key points at its parent)."""
        shown = ".".join(str(k) for k in key_path)
        positions = self.positions
        probe = tuple(key_path)
        while probe:
            pos = positions.get(probe)
            if pos is not None:
                return Location(self.path, pos.line, pos.col, shown)
            probe = probe[:-1]
        pos = positions.get(())
        return Location(self.path, pos.line if pos else 1, pos.col if pos else 1, shown)

    def locate_key(self, key_path: KeyPath) -> Location:
        """Position of the key itself (for unknown or duplicate keys)."""
        pos = self.key_positions.get(tuple(key_path))
        if pos is None:
            return self.locate(key_path)
        return Location(self.path, pos.line, pos.col, ".".join(str(k) for k in key_path))


class Salvaged(DataError):
    """A file with problems YAML itself does not stop at (a duplicate key), or one read
    in spite of a syntax error with the entry it is in left out: its ``problems``, and in
    ``document`` what could still be read, so that the rest of the file can be checked
    in the same run. Anything that is not checking the file treats it as the DataError
    it is."""

    def __init__(self, problems: list[Problem], document: Document) -> None:
        super().__init__(problems)
        self.document = document


# Read-only, without blocking on a FIFO, not inherited; bytes as they are on Windows.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS |= getattr(os, "O_BINARY", 0)


class NotRegular(OSError):
    """A FIFO, device or socket where a file was expected: reading it would block or
    never end."""


_BOM = b"\xef\xbb\xbf"


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        self.size = size


def _read_regular(path: Path, whole: bool) -> bytes:
    """A regular file's bytes: all of them (:class:`_TooLarge` past ``MAX_BYTES``), or with
    ``whole`` false at most its first ``MAX_BYTES``. Opened without blocking, then looked
    at: one system call fewer than a stat first (20,000 files are read), and a FIFO never
    waits for a writer. Raises :class:`IsADirectoryError` or :class:`NotRegular` for what
    is no regular file. (A plain function, not a context manager: this runs for every
    school file of a first run.)"""
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            raise NotRegular("not a regular file")
        size = info.st_size
        if not whole:
            return os.read(fd, min(size, MAX_BYTES))
        if size > MAX_BYTES:
            raise _TooLarge(size)
        return _read_all(fd, size)
    finally:
        os.close(fd)


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 (BOM allowed), or raise a :class:`DataError` saying how to fix it."""
    return decode(_read_file(path), path)


def _read_file(path: Path) -> bytes:
    """``path``'s bytes, or a :class:`DataError` saying why they cannot be read."""
    try:
        return _read_regular(path, True)
    except (_TooLarge, OSError) as exc:
        raise DataError(_unreadable(exc, Location(path))) from None


def _unreadable(exc: Exception, where: Location) -> Problem:
    if isinstance(exc, _TooLarge):
        return problem("yaml.too_large", where, size=exc.size, limit=MAX_BYTES // (1024 * 1024))
    if isinstance(exc, IsADirectoryError):
        return problem("file.is_dir", where)
    from .oserrors import os_reason, reason_named

    if isinstance(exc, NotRegular):
        return problem("file.unreadable", where, reason=reason_named("not_regular"))
    if isinstance(exc, FileNotFoundError):
        return problem("file.missing", where)
    if isinstance(exc, PermissionError):
        return problem("file.unreadable", where, reason=reason_named("EACCES"))
    assert isinstance(exc, OSError)
    return problem("file.unreadable", where, reason=os_reason(exc))


def _without_bom(raw: bytes) -> bytes:
    return raw[len(_BOM) :] if raw.startswith(_BOM) else raw


def _read_all(fd: int, size: int) -> bytes:
    """The file's bytes to its end: one read as a rule (``size`` is what ``fstat`` said);
    more if it reads short or has grown since, but never past ``MAX_BYTES``."""
    raw = os.read(fd, size + 1)
    if len(raw) == size:
        return raw
    parts = [raw]
    total = len(raw)
    while total <= MAX_BYTES:
        more = os.read(fd, 1 << 16)
        if not more:
            break
        parts.append(more)
        total += len(more)
    if total > MAX_BYTES:
        raise OSError(0, f"the file grew past {MAX_BYTES // (1024 * 1024)} MB while being read")
    return b"".join(parts)


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise DataError(problem("yaml.utf16", Location(path, 1, 1)))
    raw = _without_bom(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _looks_like_gbk(raw)
        raise DataError(
            problem("yaml.not_utf8_gbk" if guess else "yaml.not_utf8", Location(path, line, col))
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise DataError(problem("yaml.nul", Location(path, line, col)))
    return text


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def peek(path: Path) -> Any:
    """Best-effort data of a file that does not load (GB18030 text decoded too), or ``None``.

    Only for recognising a broken file the user names on the command line; never for data.
    """
    try:
        return load(path).data
    except DataError:
        pass
    try:
        return loads(read_head(path).decode("gb18030"), path).data
    except (OSError, UnicodeDecodeError, DataError):
        return None


def read_head(path: Path) -> bytes:
    """At most the first ``MAX_BYTES`` of a regular file, read no further (a 50 MB file is
    not read whole to look at its start); ``OSError`` for anything else (a FIFO would
    block)."""
    return _read_regular(path, False)


def load(path: Path, *, closed: bool = False) -> Document:
    """Parse one YAML file into a :class:`Document` or raise a located :class:`DataError`.

    ``closed``: the caller validates the data against a closed model (every mapping a model
    with fixed keys, or text keys; no free-form values), which refuses what the fast path
    does not otherwise look for: keys that are not text and nesting deeper than its own.
    Where that validation fails, the caller must read the file again without ``closed``
    and report what that gives (what :func:`~.workspace.units.read_school` does).
    """
    raw = _read_file(path)
    text = decode(raw, path)
    return loads(text, path, closed=closed, utf8=_without_bom(raw))


def loads(text: str, path: Path, *, closed: bool = False, utf8: bytes | None = None) -> Document:
    """Parse decoded ``text`` (see :func:`decode`) or raise a located :class:`DataError`.
    ``utf8``: the text's UTF-8 bytes, when the caller has them (from the file: encoding the
    text again costs as much as reading it; yaml_rs reads them as they are)."""
    if HAVE_YAML_RS and not _needs_pyyaml(text, utf8):
        try:
            # (the bytes are valid UTF-8: the text was decoded from them)
            data = yaml_rs.loads(text, **_RS) if utf8 is None else yaml_rs.load(utf8, **_RS)
        except Exception as exc:  # YAMLDecodeError, or TypeError for a mapping inside a key
            _pyyaml_loads(text, path)  # raises the located, classified error we have always given
            # PyYAML took what yaml_rs refused: say where yaml_rs stopped.
            raise DataError(_rs_problem(exc, path)) from None
        # Not a mapping (empty, a list, a lone scalar), odd keys, too deep or too big: leave
        # it to PyYAML, which says what is wrong where (or builds the rare odd file).
        if data.__class__ is dict and (
            (closed and len(text) * 2 < MAX_NODES) or _plain(data, len(text))
        ):
            return Document(path, data, text)
    return _pyyaml_loads(text, path)


# Fast path (yaml_rs) ----------------------------------------------------------------------

# Aliases never reach yaml_rs (see _needs_pyyaml); bounded all the same.
_ALIAS_LIMITS = (
    yaml_rs.AliasLimits(max_total_replayed_events=MAX_NODES, max_replay_stack_depth=MAX_DEPTH)
    if HAVE_YAML_RS
    else None
)
# How yaml_rs reads, from text or from bytes: dates stay text (the models read them).
_RS: dict[str, Any] = (
    {
        "parse_datetime": False,
        "duplicate_key_policy": yaml_rs.DuplicateKeyPolicy.Error,
        "alias_limits": _ALIAS_LIMITS,
    }
    if HAVE_YAML_RS
    else {}
)

# Bytes that need no second look: printable ASCII but ! & * < %, tab/CR/LF, and UTF-8
# sequence bytes.  What is left after deleting them is control characters or indicators.
_QUIET = bytes(
    b for b in range(256) if (0x20 <= b < 0x7F or b in b"\t\n\r" or b >= 0x80) and b not in b"!&*<%"
)
# Characters PyYAML and YAML 1.2 read differently (NEL and the Unicode line separators are
# line breaks in 1.1), a BOM inside the text, and the non-characters PyYAML rejects.
_ODD_CHARS = ("\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff")
_C1 = re.compile("[\x80-\x9f]")
# An anchor, alias or tag: !, & or * where a node starts (after a space, a line start or a
# flow indicator).  Conservative: `note: A & B` matches too, and only costs speed.
_NODE_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:])[!&*]")
_DIRECTIVE = re.compile(r"(?:^|(?<=[\r\n]))%")
# Document markers at a line start (a lone CR also starts a line).
_DOC_MARKER = re.compile(r"(?:^|(?<=[\r\n]))(?:---|\.\.\.)(?=[\s]|\Z)")
# Block nesting has no limit in yaml_rs's parser and overflows its (Rust) stack at ~20,000
# levels (`- - - - ...`), which kills the process.  Each level of block nesting needs at
# least one more column of indentation or a `- `/`? `/`: ` indicator at the line start, so a
# line start of fewer than 64 of those keeps nesting in the low hundreds (flow nesting is
# limited by yaml_rs to 255).  Lines are compared after mapping all of ` \t-?:` to `-`.
_PREFIX_LIMIT = MAX_DEPTH
_PREFIX_TABLE = bytes.maketrans(b" \t?:\r", b"----\n")
_DEEP_PREFIX = b"\n" + b"-" * _PREFIX_LIMIT


def _needs_pyyaml(text: str, raw: bytes | None = None) -> bool:
    """Whether ``text`` may hold what only PyYAML handles, or handles differently: anchors,
    aliases, tags, merge keys, directives, several documents, odd characters, deep nesting.
    ``raw``: its UTF-8 bytes, if the caller has them.

    Cheap (a few C-level scans of the text) and conservative: a false alarm only costs speed.
    """
    if raw is None:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (only from a caller's str): PyYAML refuses
            return True
    loud = raw.translate(None, _QUIET)
    if loud:
        if loud.translate(None, b"!&*<%"):  # a control character: PyYAML says where
            return True
        if b"<<" in raw:
            return True
        if (b"!" in loud or b"&" in loud or b"*" in loud) and _NODE_PROPERTY.search(text):
            return True
        if b"%" in loud and _DIRECTIVE.search(text):
            return True
    if b"\xc2" in raw and _C1.search(text):
        return True
    if any(c in text for c in _ODD_CHARS):
        return True
    if b"---" in raw or b"..." in raw:
        markers = [m.start() for m in _DOC_MARKER.finditer(text)]
        if markers and (markers != [0] or not text.startswith("---")):
            return True  # a single leading `---` is harmless; more may be several documents
    if (b"|" in raw or b">" in raw) and _block_scalar_may_reach_end(text):
        return True
    folded = raw.translate(_PREFIX_TABLE)
    return _DEEP_PREFIX in folded or folded.startswith(_DEEP_PREFIX[1:])


_BLOCK_HEADER_AT_END = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?\Z")


def _block_scalar_may_reach_end(text: str) -> bool:
    """yaml_rs reads a block scalar (``|``, ``>``) that runs to the end of the input
    differently from the spec and PyYAML: ``a: |\n  x`` without a final line break gives
    ``"x\n"``, an empty one at the very end ``"\n"``, a trailing blank line with spaces an
    extra ``"\n"``.  So: no final line break, a last line of only spaces, or a last
    non-blank line ending in a block scalar header."""
    if not text.endswith("\n"):
        return True
    body = text.rstrip("\r\n")
    last = body[max(body.rfind("\n"), body.rfind("\r")) + 1 :]
    return not last.strip(" \t") or _BLOCK_HEADER_AT_END.search(last) is not None


def _plain(data: Any, size: int) -> bool:
    """Whether yaml_rs's ``data`` is what PyYAML would build: keys text or integers (PyYAML
    gives other keys as their text), nesting within ``MAX_DEPTH`` and nodes within
    ``MAX_NODES`` (a text of ``size`` characters holds at most ~1.5 nodes per character)."""
    if size * 2 < MAX_NODES:
        return _shallow(data, 0)
    return _count(data, 0) < MAX_NODES - MAX_DEPTH


def _shallow(node: Any, depth: int) -> bool:
    if depth >= MAX_DEPTH - 1:
        return False
    if node.__class__ is dict:
        try:
            "".join(node)  # every key is a str (the usual case), checked in C
        except TypeError:
            if not all(k.__class__ is str or k.__class__ is int for k in node):
                return False
        node = node.values()
    elif node.__class__ is not list:
        return True
    for value in node:
        if (value.__class__ is dict or value.__class__ is list) and not _shallow(value, depth + 1):
            return False
    return True


def _count(node: Any, depth: int) -> int:
    """Nodes below and including ``node`` (keys count), or ``MAX_NODES`` when unusual."""
    if depth >= MAX_DEPTH - 1:
        return MAX_NODES
    if node.__class__ is dict:
        if not all(k.__class__ is str or k.__class__ is int for k in node):
            return MAX_NODES
        total = 1 + len(node)
        node = node.values()
    elif node.__class__ is list:
        total = 1
    else:
        return 1
    for value in node:
        total += _count(value, depth + 1)
        if total >= MAX_NODES:
            return MAX_NODES
    return total


_RS_WHERE = re.compile(r"line (\d+), column (\d+)")


def _rs_problem(exc: Exception, path: Path) -> Problem:
    """Where yaml_rs stopped and why (its message: position, an excerpt, then the reason)."""
    message = str(exc).strip()
    first = message.split("\n", 1)[0]
    m = _RS_WHERE.search(first)
    where = Location(path, int(m.group(1)), int(m.group(2))) if m else Location(path, 1, 1)
    reason = message.rsplit("\n", 1)[-1].strip() if m else first
    return problem("yaml.syntax", where, detail=reason[:200])


def _pyyaml_loads(text: str, path: Path) -> Document:
    """Compose with PyYAML, the careful path (imported only now: most runs never need it).
    A file it reads in spite of problems raises :class:`Salvaged`."""
    from .pyyaml_reader import pyyaml_loads

    try:
        return _document(pyyaml_loads(text, path))
    except ReadPast as exc:
        raise Salvaged(exc.problems, _document(exc.read)) from None


def _document(read: Read) -> Document:
    positions = (read.positions, read.key_positions) if read.positions is not None else None
    doc = Document(read.path, read.data, read.text, positions)
    doc.blanked = read.blanked
    return doc
