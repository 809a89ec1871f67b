"""The only module that reads YAML; round-trip edits live in ``yamledit.py``.

Files are read as YAML 1.2 (``yes``/``no`` stay text, ``012`` is 12), like the editor.
Ordinary files are parsed by ``yaml_rs`` (Rust; loads ~3x faster than PyYAML's C loader
with our builder).  Whatever it refuses, and the rare file with anchors, tags, merge keys,
several documents or odd characters, goes to PyYAML, which resolves plain scalars the same
way and is the one that locates errors (and, lazily, every key's line and column).

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Location, Problem, problem

try:
    import yaml_rs

    HAVE_YAML_RS = True
except ImportError:  # pragma: no cover - a platform without a yaml-rs wheel
    HAVE_YAML_RS = False

HAVE_LIBYAML = hasattr(yaml, "CSafeLoader")
# The C loader is ~6x faster; PyYAML built without libyaml falls back to pure Python.
_BaseLoader: Any = yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

Key = str | int
KeyPath = tuple[Key, ...]


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


class Document:
    """A parsed file: plain Python data plus where each key path came from.

    Positions are only needed when something is wrong, so they are worked out on first
    use by composing the text again (most files never pay for them).
    """

    __slots__ = ("_key_positions", "_positions", "data", "path", "text")

    def __init__(self, path: Path, data: Any, text: str | None = "") -> None:
        self.path = path
        self.data = data
        self.text = text  # None: not read yet (a file whose data came from the parse cache)
        self._positions: dict[KeyPath, Pos] | None = None
        self._key_positions: dict[KeyPath, Pos] = {}

    @property
    def positions(self) -> dict[KeyPath, Pos]:
        if self._positions is None:
            self._positions = {}
            try:
                if self.text is None:
                    self.text = read_text(self.path)
                node = yaml.compose(self.text, Loader=_Loader)
                if node is not None:
                    _Builder(self, _Loader("")).build(node, (), 0)
            except (yaml.YAMLError, DataError, RecursionError):  # pragma: no cover - parsed once
                pass
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


class _Loader(_BaseLoader):  # type: ignore[misc]  # base chosen at import time
    """Safe loader without the implicit timestamp resolver (dates stay text)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # The composer asks this for every node; progress files repeat the same few
        # scalars ("done", dates, keys) thousands of times, so remember the answers.
        if kind is yaml.ScalarNode:
            key = (value, implicit[0])
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < _RESOLVED_MAX:
                    _RESOLVED[key] = tag
            return tag
        return _SEQ if kind is yaml.SequenceNode else _MAP


_RESOLVED: dict[tuple[str, bool], str] = {}
_RESOLVED_MAX = 50_000


# Plain scalars resolve as yaml_rs resolves them (YAML 1.2 core schema, plus its leniencies:
# ``0b101``, ``1_000``, signed hex/octal, any-case ``.inf``), so that a file reads the same
# whichever parser handled it.  Checked in this order, like yaml_rs: null, bool, float, int.
# No timestamps (dates stay text), no 1.1 booleans (yes/no/on/off), no sexagesimal ints.
_NULL_RX = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL_RX = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_DIGITS = r"[0-9_]*[0-9][0-9_]*"
_FLOAT_RX = re.compile(
    r"[-+]?\.[iI][nN][fF]\Z|\.[nN][aA][nN]\Z"  # yaml_rs: any case, no signed nan
    # A digit before the exponent, and a dot or an exponent: 1.5  1.  .5  1e3  1.e-3  1_0.5
    rf"|[-+]?(?=[0-9_.]*[0-9])(?:[0-9_]*\.[0-9_]*(?:[eE][-+]?{_DIGITS})?|[0-9_]+[eE][-+]?{_DIGITS})\Z"
)
_INT_RX = re.compile(
    r"[-+]?(?:0[xX][0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*"
    r"|0[oO][0-7_]*[0-7][0-7_]*|0[bB][01_]*[01][01_]*"
    rf"|{_DIGITS})\Z"
)
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NUMBER = [(_FLOAT_TAG, _FLOAT_RX), (_INT_TAG, _INT_RX)]
_Loader.yaml_implicit_resolvers = {
    **{c: [("tag:yaml.org,2002:null", _NULL_RX)] for c in ("~", "n", "N", "")},
    **{c: [("tag:yaml.org,2002:bool", _BOOL_RX)] for c in "tTfF"},
    **{c: list(_NUMBER) for c in "0123456789+-._"},
    "<": [("tag:yaml.org,2002:merge", re.compile(r"<<\Z"))],  # merged by the careful builder
}


def _construct_bool(loader: Any, node: yaml.ScalarNode) -> bool:
    value = loader.construct_scalar(node)
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    raise ValueError(f"invalid value {value!r} for !!bool")


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node)).replace("_", "")
    sign = -1 if text[:1] == "-" else 1
    text = text[1:] if text[:1] in ("-", "+") else text
    base = {"x": 16, "o": 8, "b": 2}.get(text[1:2].lower(), 10) if text[:1] == "0" else 10
    return sign * int(text[2:] if base != 10 else text, base)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node))
    lower = text.lower()
    if lower in (".inf", "+.inf"):
        return float("inf")
    if lower == "-.inf":
        return float("-inf")
    if lower == ".nan":
        return float("nan")
    return float(text.replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor(_INT_TAG, _construct_int)
_Loader.add_constructor(_FLOAT_TAG, _construct_float)


def _mark_pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def read_text(path: Path) -> str:
    """Read ``path`` as UTF-8 (BOM allowed), or raise a :class:`DataError` saying how to fix it."""
    where = Location(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise DataError(problem("file.unreadable", where, reason="not a regular file"))
        size = info.st_size
        if size > MAX_BYTES:
            raise DataError(
                problem("yaml.too_large", where, size=size, limit=MAX_BYTES // (1024 * 1024))
            )
        with open(path, "rb", buffering=0) as fh:  # (unbuffered: the file is read whole)
            raw = fh.read()
    except IsADirectoryError:
        raise DataError(problem("file.is_dir", where)) from None
    except FileNotFoundError:
        raise DataError(problem("file.missing", where)) from None
    except PermissionError:
        raise DataError(problem("file.unreadable", where, reason="permission denied")) from None
    except OSError as exc:
        raise DataError(
            problem("file.unreadable", where, reason=exc.strerror or str(exc))
        ) from None
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise DataError(problem("yaml.utf16", Location(path, 1, 1)))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
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
    if not path.is_file():  # a FIFO would block
        return None
    try:
        return load(path).data
    except DataError:
        pass
    try:
        raw = path.read_bytes()[:MAX_BYTES]
        return loads(raw.decode("gb18030"), path).data
    except (OSError, UnicodeDecodeError, DataError):
        return None


def load(path: Path, *, closed: bool = False) -> Document:
    """Parse one YAML file into a :class:`Document` or raise a located :class:`DataError`.

    ``closed``: the caller validates the data against a closed model (every mapping a model
    with fixed keys, or text keys; no free-form values), which refuses what the fast path
    does not otherwise look for: keys that are not text and nesting deeper than its own.
    Where that validation fails, the caller must read the file again without ``closed``
    and report what that gives (what :func:`~.loading.read_school` does).
    """
    return loads(read_text(path), path, closed=closed)


def loads(text: str, path: Path, *, closed: bool = False) -> Document:
    """Parse decoded ``text`` (see :func:`decode`) or raise a located :class:`DataError`."""
    if HAVE_YAML_RS and not _needs_pyyaml(text):
        try:
            data = yaml_rs.loads(
                text,
                parse_datetime=False,
                duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
                alias_limits=_ALIAS_LIMITS,
            )
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


def _needs_pyyaml(text: str) -> bool:
    """Whether ``text`` may hold what only PyYAML handles, or handles differently: anchors,
    aliases, tags, merge keys, directives, several documents, odd characters, deep nesting.

    Cheap (a few C-level scans of the text) and conservative: a false alarm only costs speed.
    """
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (only from a caller's str): PyYAML refuses it
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


# Careful path (PyYAML) --------------------------------------------------------------------


def _pyyaml_loads(text: str, path: Path) -> Document:
    """Compose with PyYAML: the reference reader, and the one that locates every error."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            # An unclosed quote or bracket: the end of the file is no help, its start is.
            mark = exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        key = _syntax_key(detail, text, mark)
        raise DataError(problem(key, where, detail=detail, limit=MAX_DEPTH)) from None
    except yaml.YAMLError as exc:
        raise DataError(problem("yaml.syntax", Location(path, 1, 1), detail=str(exc))) from None
    except RecursionError:  # pure-Python loader on absurd nesting
        raise DataError(problem("yaml.too_deep", Location(path, 1, 1), limit=MAX_DEPTH)) from None
    if node is None:
        raise DataError(problem("yaml.empty", Location(path, 1, 1)))
    doc = Document(path, None, text)
    try:
        doc.data = _fast_build(node, _Loader(""), path)
    except _Unusual:
        # Duplicate keys, merge keys, odd tags, limits: the careful builder finds the exact
        # spot (and raises the located error) or builds what the fast one would not.
        doc._positions = {}
        doc.data = _Builder(doc, _Loader("")).build(node, (), 0)
    return doc


class _Unusual(Exception):
    """Raised by the fast builder for anything it leaves to :class:`_Builder`."""


def _fast_build(root: yaml.Node, constructor: Any, path: Path) -> Any:
    """Plain data from a node graph, no positions: the path every valid file takes."""
    return _FastBuilder(constructor, path).build(root, 0)


class _FastBuilder:
    """Counts nodes and depth exactly like :class:`_Builder` (aliases are expanded, so an
    alias bomb still stops at ``MAX_NODES``) and leaves anything unusual to it.

    A class rather than a recursive closure: a closure that calls itself is a reference
    cycle, which would keep every file's node graph alive until the next GC pass.
    """

    __slots__ = ("constructor", "count", "path")

    def __init__(self, constructor: Any, path: Path) -> None:
        self.constructor = constructor
        self.path = path
        self.count = 0

    def _limit(self, node: yaml.Node, depth: int) -> None:
        where = Location(self.path, *_xy(node))
        if self.count > MAX_NODES:
            raise DataError(problem("yaml.too_many_nodes", where, limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise DataError(problem("yaml.too_deep", where, limit=MAX_DEPTH))

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            self._limit(node, depth)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value
            try:
                return self.constructor.construct_object(node, deep=True)
            except Exception:
                raise _Unusual from None
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise _Unusual
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                    raise _Unusual  # merge keys, numbers, complex keys
                key = key_node.value
                if key in out:
                    raise _Unusual
                self.count += 1
                if self.count > MAX_NODES or depth >= MAX_DEPTH:
                    self._limit(key_node, depth + 1)
                out[key] = self.build(value_node, depth + 1)
            return out
        if node.tag != _SEQ:
            raise _Unusual
        return [self.build(item, depth + 1) for item in node.value]


def _syntax_key(detail: str, text: str, mark: Any) -> str:
    # libyaml does not name the tab it choked on, so look at the line it points to.
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\\t" in detail or "\t" in line[: mark.column + 1 if mark else 0]:
        return "yaml.tab"
    if "nesting depth" in detail:
        return "yaml.too_deep"
    return "yaml.syntax"


class _Builder:
    """Turns a composed node graph into plain data, recording positions as it goes."""

    def __init__(self, doc: Document, constructor: yaml.SafeLoader) -> None:
        self.doc = doc
        self.constructor = constructor
        self.nodes = 0

    def _fail(self, msg: str, node: yaml.Node, **params: Any) -> DataError:
        return DataError(problem(msg, Location(self.doc.path, *_xy(node)), **params))

    def build(self, node: yaml.Node, kp: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail("yaml.too_many_nodes", node, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self._fail("yaml.too_deep", node, limit=MAX_DEPTH)
        positions = self.doc._positions
        assert positions is not None
        positions.setdefault(kp, _mark_pos(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, kp, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*kp, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self._fail("yaml.bad_value", node, detail=str(exc.problem or exc)) from None
        except (ValueError, OverflowError) as exc:
            raise self._fail("yaml.bad_value", node, detail=str(exc)) from None

    def _mapping(self, node: yaml.MappingNode, kp: KeyPath, depth: int) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)  # resolves YAML merge keys (<<)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._fail("yaml.complex_key", key_node)
            key = self.build(key_node, (*kp, "<key>"), depth + 1)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key_node.value)
            if key in out:
                first = self.doc._key_positions.get((*kp, key))
                raise self._fail(
                    "yaml.duplicate_key",
                    key_node,
                    key=key,
                    first_line=first.line if first else "?",
                )
            self.doc._key_positions[(*kp, key)] = _mark_pos(key_node.start_mark)
            out[key] = self.build(value_node, (*kp, key), depth + 1)
        positions = self.doc._positions
        if positions is not None:
            positions.pop((*kp, "<key>"), None)
        return out


def _xy(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
