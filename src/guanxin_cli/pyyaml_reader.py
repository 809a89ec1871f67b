"""The careful path of :mod:`.yamlio`: PyYAML, the reference reader.

It reads what ``yaml_rs`` leaves to it (anchors, tags, merge keys, several documents, odd
characters, anything ``yaml_rs`` refuses), says exactly where a broken file is broken, and
works out every key's line and column when a problem needs them.  Imported only then: a
run that reads nothing, or only ordinary files, never pays for importing PyYAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Location, problem
from .positions import MAX_DEPTH, MAX_NODES, KeyPath, Pos, Positions

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
    """Where the keys and values of ``text`` are, by composing it again (as far as it
    composes)."""
    builder = _Builder(Path(), _Loader(""))
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None:
            builder.build(node, (), 0)
    except (yaml.YAMLError, DataError, RecursionError):  # pragma: no cover - parsed once
        pass
    return builder.positions, builder.key_positions


def pyyaml_loads(text: str, path: Path) -> tuple[Any, Positions | None]:
    """Compose with PyYAML: the reference reader, and the one that locates every error.
    The data, and where its keys are if working that out was needed to build it."""
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
    try:
        return _fast_build(node, _Loader(""), path), None
    except _Unusual:
        # Duplicate keys, merge keys, odd tags, limits: the careful builder finds the exact
        # spot (and raises the located error) or builds what the fast one would not.
        builder = _Builder(path, _Loader(""))
        data = builder.build(node, (), 0)
        return data, (builder.positions, builder.key_positions)


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

    def __init__(self, path: Path, constructor: yaml.SafeLoader) -> None:
        self.path = path
        self.constructor = constructor
        self.nodes = 0
        self.positions: dict[KeyPath, Pos] = {}
        self.key_positions: dict[KeyPath, Pos] = {}

    def _fail(self, msg: str, node: yaml.Node, **params: Any) -> DataError:
        return DataError(problem(msg, Location(self.path, *_xy(node)), **params))

    def build(self, node: yaml.Node, kp: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail("yaml.too_many_nodes", node, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self._fail("yaml.too_deep", node, limit=MAX_DEPTH)
        self.positions.setdefault(kp, _mark_pos(node.start_mark))
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
                first = self.key_positions.get((*kp, key))
                raise self._fail(
                    "yaml.duplicate_key",
                    key_node,
                    key=key,
                    first_line=first.line if first else "?",
                )
            self.key_positions[(*kp, key)] = _mark_pos(key_node.start_mark)
            out[key] = self.build(value_node, (*kp, key), depth + 1)
        self.positions.pop((*kp, "<key>"), None)
        return out


def _xy(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
