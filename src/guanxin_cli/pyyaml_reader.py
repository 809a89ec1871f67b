"""The careful path of :mod:`.yamlio`: PyYAML, the reference reader.

It reads what ``yaml_rs`` leaves to it (anchors, tags, merge keys, several documents, odd
characters, anything ``yaml_rs`` refuses), says exactly where a broken file is broken, and
works out every key's line and column when a problem needs them.  Imported only then: a
run that reads nothing, or only ordinary files, never pays for importing PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Location, Problem, problem
from .positions import (
    MAX_DEPTH,
    MAX_NODES,
    Blanked,
    KeyPath,
    Pos,
    Positions,
    Read,
    ReadPast,
)
from .yamlwords import AT_CONTEXT, syntax_key

HAVE_LIBYAML = hasattr(yaml, "CSafeLoader")
# The C loader is ~6x faster; PyYAML built without libyaml falls back to pure Python.
_BaseLoader: Any = yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


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


def positions_of(text: str) -> Positions:
    """Where each node and each key of ``text`` is, by composing it again (as far as it
    composes)."""
    read = Read(Path(), None, text, {})
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            _Builder(read, _Loader("")).build(node, (), 0)
    except (yaml.YAMLError, DataError, RecursionError):  # pragma: no cover - parsed once
        pass
    return read.positions or {}, read.key_positions


SALVAGE_DEPTH = 20  # syntax errors a file is read past, one entry left out for each
# what no entry left out would mend
_NOT_READ_PAST = frozenset({"yaml.several_documents", "yaml.too_deep"})


def pyyaml_loads(text: str, path: Path, *, depth: int = 0) -> Read:
    """Compose with PyYAML: the reference reader, and the one that locates every error.

    A syntax error or a duplicate key raises :class:`~.positions.ReadPast` where the rest of
    the file can still be read (the entry with the syntax error left out, the second of
    two duplicate keys ignored), so ``check`` can go on to check it."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in str(exc.problem):
            # An unclosed quote or bracket: the end of the file is no help, its start is.
            mark = exc.context_mark
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        key = syntax_key(detail, text, mark)
        if key in AT_CONTEXT and exc.context_mark is not None:
            mark = exc.context_mark  # the bracket left open (the sign), not where PyYAML gave up
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        found = problem(key, where, detail=detail, limit=MAX_DEPTH)
        if mark is not None and depth < SALVAGE_DEPTH and key not in _NOT_READ_PAST:
            _read_past(text, path, mark.line, found, depth)  # raises ReadPast where it can
        raise DataError(found) from None
    except yaml.YAMLError as exc:
        raise DataError(problem("yaml.syntax", Location(path, 1, 1), detail=str(exc))) from None
    except RecursionError:  # pure-Python loader on absurd nesting
        raise DataError(problem("yaml.too_deep", Location(path, 1, 1), limit=MAX_DEPTH)) from None
    if node is None:
        raise DataError(problem("yaml.empty", Location(path, 1, 1)))
    doc = Read(path, None, text)
    try:
        doc.data = _fast_build(node, _Loader(""), path)
    except _Unusual:
        # Duplicate keys, merge keys, odd tags, limits: the careful builder finds the exact
        # spot (and raises the located error) or builds what the fast one would not.
        doc.positions = {}
        builder = _Builder(doc, _Loader(""))
        doc.data = builder.build(node, (), 0)
        if builder.duplicates:
            raise ReadPast(builder.duplicates, doc) from None
    return doc


def _read_past(text: str, path: Path, line: int, found: Problem, depth: int) -> None:
    """Raise :class:`ReadPast` with the file read without the entry the syntax error at
    ``line`` (0-based) is in, its lines left blank so every other line keeps its number.

    PyYAML often notices a mistake a line or two after it (an unclosed ``{``), so the
    entries around the lines just before are tried too, smallest first; the first that
    lets the rest parse wins. If none does but one gets PyYAML past its lines to a later
    syntax error, that one is read past the same way (and reported too). Returns where
    nothing works."""
    lines = text.split("\n")
    candidates: dict[tuple[int, int], int | None] = {}
    for near in _content_lines_up_to(lines, line, 3):
        for first, end, parent in _entries_around(lines, near):
            candidates.setdefault((first, end), parent)
    ordered = sorted(candidates, key=lambda r: (r[1] - r[0], abs(r[0] - line)))[:SALVAGE_TRIES]
    onward: tuple[int, int] | None = None  # the first to get past its lines to a later error
    for first, end in ordered:
        blanked = _blank(lines, first, end)
        try:
            doc = pyyaml_loads(blanked, path, depth=SALVAGE_DEPTH)
        except ReadPast as exc:  # (a duplicate key: read all the same)
            _salvaged(exc.read, first, end, candidates, [found, *exc.problems])
            continue
        except DataError as exc:
            later = exc.problems[0].where.line
            if onward is None and later is not None and later > end:
                onward = (first, end)
            continue
        _salvaged(doc, first, end, candidates, [found])
    if onward is not None:
        first, end = onward
        try:
            doc = pyyaml_loads(_blank(lines, first, end), path, depth=depth + 1)
        except ReadPast as exc:
            _salvaged(exc.read, first, end, candidates, [found, *exc.problems])
        except DataError:
            return
        _salvaged(doc, first, end, candidates, [found])


SALVAGE_TRIES = 12  # entries tried around a syntax error


def _blank(lines: list[str], first: int, end: int) -> str:
    return "\n".join([*lines[:first], *([""] * (end - first)), *lines[end:]])


def _salvaged(
    doc: Read,
    first: int,
    end: int,
    candidates: dict[tuple[int, int], int | None],
    problems: list[Problem],
) -> None:
    """Raise :class:`ReadPast` for ``doc``, read without lines ``first``..``end``."""
    if not isinstance(doc.data, dict):
        return
    parent = candidates[(first, end)]
    # (a later syntax error read past the same way has left its own lines out too)
    mine = Blanked(first + 1, end, None if parent is None else parent + 1)
    doc.blanked = (mine, *doc.blanked)
    raise ReadPast(problems, doc)


def _content_lines_up_to(lines: list[str], line: int, count: int) -> list[int]:
    """``line`` and up to ``count - 1`` lines with content before it (0-based)."""
    out = [min(line, len(lines) - 1)]
    n = out[0] - 1
    while n >= 0 and len(out) < count:
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            out.append(n)
        n -= 1
    return out


def _entries_around(lines: list[str], line: int) -> list[tuple[int, int, int | None]]:
    """The entries (by indentation) that hold ``line``, innermost first: each as its
    first line, the line after its last (0-based) and the first line of the entry that
    holds it (None at the top level)."""

    def content(n: int) -> bool:
        stripped = lines[n].strip()
        return bool(stripped) and not stripped.startswith("#")

    def indent(n: int) -> int:
        return len(lines[n]) - len(lines[n].lstrip(" \t"))  # (a tab: a syntax error too)

    at = min(line, len(lines) - 1)
    while at > 0 and not content(at):
        at -= 1
    if not content(at):
        return []
    starts: list[int] = []
    level = indent(at) + 1
    for n in range(at, -1, -1):
        if content(n) and indent(n) < level:
            starts.append(n)
            level = indent(n)
            if level == 0:
                break
    out: list[tuple[int, int, int | None]] = []
    for k, first in enumerate(starts):
        end = next(
            (n for n in range(first + 1, len(lines)) if content(n) and indent(n) <= indent(first)),
            len(lines),
        )
        out.append((first, end, starts[k + 1] if k + 1 < len(starts) else None))
    return out


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
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Unusual  # merge keys, complex keys
                if key_node.tag == _STR:
                    key = key_node.value
                elif key_node.tag == _INT_TAG:  # a plan year (`years: {2022: …}`)
                    key = self.constructor.construct_object(key_node, deep=True)
                else:
                    raise _Unusual  # any other kind of key: the careful builder decides
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


class _Builder:
    """Turns a composed node graph into plain data, recording positions as it goes."""

    def __init__(self, doc: Read, constructor: yaml.SafeLoader) -> None:
        self.doc = doc
        self.constructor = constructor
        self.nodes = 0
        self.duplicates: list[Problem] = []  # (the first of each such key is kept)

    def _fail(self, msg: str, node: yaml.Node, **params: Any) -> DataError:
        return DataError(problem(msg, Location(self.doc.path, *_xy(node)), **params))

    def build(self, node: yaml.Node, kp: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail("yaml.too_many_nodes", node, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self._fail("yaml.too_deep", node, limit=MAX_DEPTH)
        positions = self.doc.positions
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
                first = self.doc.key_positions.get((*kp, key))
                where = Location(self.doc.path, *_xy(key_node))
                line = first.line if first else "?"
                self.duplicates.append(
                    problem("yaml.duplicate_key", where, key=key, first_line=line)
                )
                continue  # the first stays: the file is checked as far as it goes
            self.doc.key_positions[(*kp, key)] = _mark_pos(key_node.start_mark)
            out[key] = self.build(value_node, (*kp, key), depth + 1)
        positions = self.doc.positions
        if positions is not None:
            positions.pop((*kp, "<key>"), None)
        return out


def _xy(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# (text of a top-level key, where its value's text starts, where it ends)
Span = tuple[str, int, int]
# an anchor, alias or tag where a node may start (as yamlio looks for them)
_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:])[!&*]")


def top_level_spans(text: str) -> list[Span] | None:
    """Where each top-level key's value lies in ``text``, for an edit that leaves most of
    a large file as it is (``yamledit``): from just after the key's ``:`` to the end of
    the value's last scalar or bracket, so the comments and blank lines after it stay
    outside. None when the file may have anchors, aliases or tags (a value may be shared),
    or is not one mapping; a value that ends in a block scalar (``|``) has no span (its
    end is its line break)."""
    found = value_spans(text, [()])
    return None if found is None else found.get(())


def value_spans(
    text: str, paths: Iterable[tuple[str, ...]]
) -> dict[tuple[str, ...], list[Span]] | None:
    """:func:`top_level_spans` of the mapping at each key path (``("years", "2022")``),
    read once; a path that holds no mapping is left out."""
    if _PROPERTY.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=_Untagged)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    out: dict[tuple[str, ...], list[Span]] = {}
    for path in paths:
        node: Any = root
        for part in path:
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if not isinstance(node, yaml.MappingNode):
                break
        else:
            spans = _spans(text, node)
            if spans is None:
                return None
            out[path] = spans
    return out


def _spans(text: str, root: Any) -> list[Span] | None:
    spans: list[Span] = []
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            return None
        start = _after_colon(text, key.end_mark.index)
        last = value
        while isinstance(last, yaml.CollectionNode) and not last.flow_style and last.value:
            tail = last.value[-1]
            last = tail[1] if isinstance(last, yaml.MappingNode) else tail
        block = isinstance(last, yaml.ScalarNode) and last.style in ("|", ">")
        end = last.end_mark.index
        if 0 <= start <= end and not block:
            spans.append((key.value, start, end))
    return spans


class _Untagged(_BaseLoader):  # type: ignore[misc]  # base chosen at import time
    """Nodes and where they are, nothing more: no tag worked out for each scalar."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


def _after_colon(text: str, at: int) -> int:
    """Just after the ``:`` that follows a key ending at ``at`` (-1: it does not follow)."""
    n = at
    while n < len(text) and text[n] in " \t":
        n += 1
    return n + 1 if n < len(text) and text[n] == ":" else -1
