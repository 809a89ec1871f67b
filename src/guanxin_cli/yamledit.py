"""Round-trip YAML edits — the only module that imports ruamel.yaml.

Edits keep comments, blank lines, key order, quoting, flow/block style and Chinese text, so
``git diff`` after ``guanxin done`` shows only the lines that changed.  The indentation is
detected from the file itself: we pick the setting that reproduces the unedited file
byte for byte.  A BOM is kept, and the line end most lines have; comments and a ``---``
before the document, and a ``...`` after it, are kept as text (ruamel would drop them);
lines are never re-wrapped.  What ruamel still cannot keep (a comment inside a flow mapping
that spans lines) is found by :func:`lost_comments`, and the edit refused.

Reading goes through :mod:`yamlio` first, so encoding and syntax problems get the same
located messages as ``guanxin check``.

ruamel reads and writes some 10 µs a character, so a large file (a ledger of thousands of
activities, 1 MB on one line) would take minutes. An edit says which keys it changes
(``focus``: ``progress``, or ``years.2022.progress`` in the per-year layout); every other
value of some size there is set aside as text (other years, the year's other parts) and
stands in ruamel's document as one short placeholder, put back as it was when the document
is written. What was set aside is then read again (fast) and must be what it was, or the
edit is made again without setting anything aside.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from . import yamlio
from .errors import DataError, Location, Problem, problem

BOM = b"\xef\xbb\xbf"
WIDTH = sys.maxsize  # never re-wrap a line, however long
# (mapping, sequence, offset): the samples' style first, then ruamel's default, then others.
INDENTS = ((2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = WIDTH
    y.allow_unicode = True
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    # The same date written twice by one edit (an audit's day, and the day it closes a
    # finding) is two plain dates, never an anchor and an alias.
    aliases = y.representer.ignore_aliases
    y.representer.ignore_aliases = lambda data: isinstance(data, dt.date) or aliases(data)
    return y


@dataclass
class EditDoc:
    """One YAML file open for editing: ``data`` is a mutable round-trip mapping."""

    path: Path
    original: str  # the file's text, BOM removed, newlines as "\n"
    data: Any
    bom: bool
    crlf: bool
    indent: tuple[int, int, int]
    head: str = ""  # comments and a `---` line before the document, kept as they were
    tail: str = ""  # a `...` line and what follows it
    # lines of the file that no indentation setting writes back as they are (extra spaces
    # in a flow mapping, say): an edit rewrites them too
    reformatted: tuple[int, ...] = ()
    # top-level values set aside as text: placeholder → the text after the key's ":"
    folds: dict[str, str] | None = None
    kept: dict[Any, Any] | None = None  # those values as read (by key path), to compare
    final_newline: bool = True  # (a file without one is written without one)

    @property
    def head_lines(self) -> int:
        """Lines before the document ruamel reads: add them to a line ruamel gives."""
        return self.head.count("\n")

    def text(self) -> str:
        """The edited document as text with ``\\n`` line ends (for diffs and validation)."""
        buf = io.StringIO()
        _yaml(self.indent).dump(self.data, buf)
        dumped = buf.getvalue()
        if not self.final_newline and dumped.endswith("\n"):
            dumped = dumped[:-1]
        return self.head + _unfold(dumped, self.folds) + self.tail

    def kept_intact(self, text: str) -> bool:
        """Whether the values set aside read the same in ``text`` (the edited file)."""
        if not self.kept:
            return True
        try:
            data = yamlio.loads(text, self.path).data
        except DataError:
            return False
        return isinstance(data, dict) and all(_at(data, p) == v for p, v in self.kept.items())

    def to_bytes(self, text: str | None = None) -> bytes:
        """The edited document (or ``text``) as the bytes to write: original BOM and line
        ends kept."""
        text = self.text() if text is None else text
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (BOM if self.bom else b"") + text.encode("utf-8")


def load(path: Path, focus: Sequence[str] | None = None) -> EditDoc:
    """Open ``path`` for editing, or raise a located :class:`DataError`. ``focus``: the
    keys (or dotted key paths) the edit changes (others may be set aside, see the notes)."""
    raw = path.read_bytes() if path.is_file() else None
    if raw is None:
        raise DataError(problem("file.missing", Location(path)))
    return loads(raw, path, focus)


# Lines of only blanks or a comment, then `---` (a comment may follow it) / `...` and after.
_HEAD = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?\n")
_TAIL = re.compile(r"(?:^|(?<=\n))\.\.\.[ \t]*(?:#[^\n]*)?(?:\n[ \t]*(?:#[^\n]*)?)*\n?\Z")


def loads(raw: bytes, path: Path, focus: Sequence[str] | None = None) -> EditDoc:
    text = yamlio.decode(raw, path)
    # Line ends as most lines have them: a file with one stray CRLF line is not rewritten
    # whole in CRLF.
    crlf = text.count("\r\n") * 2 > text.count("\n")
    text = text.replace("\r\n", "\n")
    read = yamlio.loads(text, path)  # located syntax, duplicate-key and size errors first
    # ruamel drops document markers and the comments before `---`: keep them aside as text
    head_match = _HEAD.match(text)
    head = head_match.group(0) if head_match else ""
    tail_match = _TAIL.search(text, len(head))
    tail = tail_match.group(0) if tail_match else ""
    body = text[len(head) : len(text) - len(tail)]
    folds: dict[str, str] | None = None
    kept: dict[Any, Any] | None = None
    if focus is not None and len(body) >= FOLD_MIN and isinstance(read.data, dict):
        body, folds, kept = _fold(body, text, read.data, focus)
    data: Any = None
    chosen: tuple[int, int, int] | None = None
    try:
        data = _yaml(INDENTS[0]).load(body)  # (the indentation is only for writing)
    except Exception as exc:  # ruamel raises many types; yamlio accepted the syntax
        if folds:
            return loads(raw, path)  # (what was set aside may have been what it needed)
        raise DataError(_unreadable(exc, path, head.count("\n"))) from None
    final_newline = body.endswith("\n") or bool(tail)
    for indent in INDENTS:
        buf = io.StringIO()
        _yaml(indent).dump(data, buf)
        if buf.getvalue() == (body if final_newline else body + "\n"):
            chosen = indent
            break
    if not isinstance(data, CommentedMap):
        raise DataError(problem("yaml.not_mapping", Location(path, 1, 1), kind=type(data).__name__))
    doc = EditDoc(path, text, data, raw.startswith(BOM), crlf, chosen or INDENTS[0], head, tail)
    doc.folds, doc.kept, doc.final_newline = folds, kept, final_newline
    try:
        unedited = doc.text()
    except FoldLost:
        return loads(raw, path)
    if folds and not (unedited == text or chosen is None):
        return loads(raw, path)  # (the placeholders did not stand where the values were)
    if chosen is None:
        doc.reformatted = _differing_lines(text, unedited, first=doc.head_lines + 1)
    return doc


FOLD_MIN = 16 * 1024  # a file's size (characters) from which values are set aside
_FOLD_MIN_VALUE = 512  # a value's


class FoldLost(Exception):
    """A value set aside has no place in the written document (the edit removed its key)."""


def _fold(
    body: str, text: str, data: dict[str, Any], focus: Sequence[str]
) -> tuple[str, dict[str, str] | None, dict[Any, Any] | None]:
    """``body`` with every large value outside ``focus`` replaced by a placeholder (a
    focus ``years.2022.progress`` sets aside the other years and the year's other parts);
    the placeholders and the text they stand for; those values as read, by key path."""
    from .pyyaml_reader import value_spans

    whole = {tuple(f.split(".")) for f in focus}
    inside: dict[tuple[str, ...], set[str]] = {}  # a mapping looked into → its keys in focus
    for path in whole:
        for n in range(len(path)):
            if not any(path[:m] in whole for m in range(1, n + 1)):
                inside.setdefault(path[:n], set()).add(path[n])
    found = value_spans(body, inside)
    if not found:
        return body, None, None
    spans = sorted(
        (start, end, (*at, key))
        for at, at_spans in found.items()
        for key, start, end in at_spans
        if key not in inside[at] and end - start >= _FOLD_MIN_VALUE
    )
    nonce = secrets.token_hex(6)
    folds: dict[str, str] = {}
    kept: dict[Any, Any] = {}
    parts: list[str] = []
    at = 0
    for n, (start, end, path) in enumerate(spans):
        placeholder = f"__guanxin_kept_{n}_{nonce}__"
        if placeholder in text:
            return body, None, None
        if (value := _at(data, path)) is _NOWHERE:
            continue
        parts += [body[at:start], " ", placeholder]
        folds[placeholder] = body[start:end]
        kept[path] = value
        at = end
    if not folds:
        return body, None, None
    parts.append(body[at:])
    return "".join(parts), folds, kept


_NOWHERE = object()


def _at(data: Any, path: Sequence[str]) -> Any:  # (keys as text: 2022 for a year's number)
    for part in path:
        if not isinstance(data, dict):
            return _NOWHERE
        data = next((v for k, v in data.items() if str(k) == part), _NOWHERE)
    return data


def _unfold(dumped: str, folds: dict[str, str] | None) -> str:
    """The written document with each value set aside back in its place."""
    if not folds:
        return dumped
    for placeholder, original in folds.items():
        stand_in = " " + placeholder
        if dumped.count(stand_in) != 1:
            raise FoldLost(placeholder)
        dumped = dumped.replace(stand_in, original)
    return dumped


def _differing_lines(old: str, new: str, first: int) -> tuple[int, ...]:
    """1-based lines of ``old`` that ``new`` does not have as they were."""
    import difflib

    lines = old.split("\n")
    matcher = difflib.SequenceMatcher(None, lines, new.split("\n"), autojunk=False)
    changed = [
        n + 1
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for n in range(i1, i2)
    ]
    return tuple(n for n in changed if n >= first)


def _unreadable(exc: Exception, path: Path, head_lines: int) -> Problem:
    """Why ruamel cannot open a file that YAML itself accepts, where it says: most often a
    tab where ruamel's stricter scanner wants a space (``name: x<TAB># comment``)."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return problem("edit.unreadable", Location(path), detail=str(exc))
    where = Location(path, head_lines + mark.line + 1, mark.column + 1)
    if "'\\t'" in str(getattr(exc, "problem", "")):
        return problem("edit.tab", where)
    return problem("edit.unreadable", where, detail=str(getattr(exc, "problem", exc)))


def lost_comments(old: str, new: str) -> list[tuple[int, str]]:
    """Comments of ``old`` that ``new`` no longer has, with their 1-based lines in ``old``:
    what the round trip would drop (ruamel loses, for one, a comment inside a flow mapping
    that spans lines). Conservative: ``#`` inside a quoted or block scalar counts too."""
    before = _comments(old)
    missing = Counter(c for _, c in before) - Counter(c for _, c in _comments(new))
    lost = []
    for n, comment in before:
        if missing[comment] > 0:
            missing[comment] -= 1
            lost.append((n, comment))
    return lost


def _comments(text: str) -> list[tuple[int, str]]:
    """Each comment of ``text``, with its 1-based line."""
    found = []
    for n, line in enumerate(text.split("\n"), start=1):
        at = _comment_at(line)
        if at is not None:
            found.append((n, line[at:].strip()))
    return found


def _comment_at(line: str) -> int | None:
    """Where a comment starts on ``line``: a ``#`` at its start or after a blank, outside
    quotes (quotes are followed within the line only)."""
    if "#" not in line:
        return None  # (most lines; a long one is then not walked character by character)
    quote = ""
    for i, c in enumerate(line):
        if quote:
            if c == quote and not (quote == '"' and line[i - 1] == "\\"):
                quote = ""
        elif c in "'\"" and (i == 0 or line[i - 1] in " \t:[{,-?"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


# ------------------------------------------------------------ keeping untouched lines


@dataclass(frozen=True)
class Merged:
    """An edit laid onto the file as it was: ``text``, and the lines of the old file it
    had to rewrite besides the edit's own (1-based; what ruamel cannot write back as
    they were, where the edit touches them)."""

    text: str
    rewritten: tuple[int, ...]


def merge(original: str, baseline: str, edited: str) -> Merged:
    """Lay an edit onto the file as it was, line by line.

    ``baseline`` is ruamel's text of the unedited document, ``edited`` its text after the
    edit. Where ``baseline`` differs from ``original``, ruamel could not write the file
    back as it was (a comment inside a flow mapping that spans lines, extra spaces):
    each such stretch is put back as it was wherever the edit left it alone, so an entry
    the edit never touched keeps its comment and its layout. The stretches the edit did
    change stay as the edit wrote them, and their old lines are named in ``rewritten``.
    """
    import difflib

    old, base, new = original.split("\n"), baseline.split("\n"), edited.split("\n")
    if old == base:
        return Merged(edited, ())
    to_new = _line_map(difflib.SequenceMatcher(None, base, new, autojunk=False).get_opcodes())
    out = list(new)
    rewritten: list[int] = []
    hunks = difflib.SequenceMatcher(None, base, old, autojunk=False).get_opcodes()
    # from the end, so the places worked out in ``new`` stay valid in ``out``
    for tag, b1, b2, o1, o2 in reversed(hunks):
        if tag == "equal":
            continue
        if b1 < b2:
            at = [to_new.get(b) for b in range(b1, b2)]
            first = at[0]
            if first is not None and at == list(range(first, first + len(at))):
                out[first : first + len(at)] = old[o1:o2]
                continue
        else:  # lines the original has between base lines b1 - 1 and b1
            before = to_new.get(b1 - 1) if b1 > 0 else -1
            after = to_new.get(b1) if b1 < len(base) else len(new)
            if before is not None and after is not None and after - before == 1:
                out[after:after] = old[o1:o2]
                continue
        rewritten.extend(range(o1 + 1, o2 + 1))
    return Merged("\n".join(out), tuple(sorted(rewritten)))


def _line_map(opcodes: Sequence[tuple[str, int, int, int, int]]) -> dict[int, int]:
    """Each line of the first text the second keeps as it was: its index there."""
    return {
        i1 + k: j1 + k for tag, i1, i2, j1, _ in opcodes if tag == "equal" for k in range(i2 - i1)
    }


def reads_alike(a: str, b: str, path: Path) -> bool:
    """Whether two texts hold the same data (both must read)."""
    try:
        return bool(yamlio.loads(a, path).data == yamlio.loads(b, path).data)
    except DataError:
        return False


# ----------------------------------------------------------------- building blocks


def new_map(items: dict[str, Any] | None = None, *, flow: bool = False) -> Any:
    """A new mapping for the document; ``flow=True`` writes ``{a: 1, b: 2}`` on one line."""
    node = CommentedMap()
    for key, value in (items or {}).items():
        node[key] = value
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def new_seq(items: Sequence[Any] = (), *, flow: bool = False) -> Any:
    node = CommentedSeq(items)
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def is_map(node: Any) -> bool:
    return isinstance(node, CommentedMap)


def is_seq(node: Any) -> bool:
    return isinstance(node, CommentedSeq)


def is_flow(node: Any) -> bool:
    """Was this mapping or list written in flow style (``{...}`` / ``[...]``)?"""
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


class SharedNode(Exception):
    """An edit would change a mapping or list that carries an anchor (``&name``): every
    alias of it (``*name``) is the same node, so the change would land there too."""

    def __init__(self, node: Any) -> None:
        super().__init__(node.anchor.value)
        self.anchor = str(node.anchor.value)
        self.line = node.lc.line + 1  # (ruamel counts from 0, in the document: see head_lines)
        self.col = node.lc.col + 1


def _unshared(node: Any) -> None:
    """Refuse to change ``node`` when aliases elsewhere in the file share it."""
    anchor = getattr(node, "anchor", None)
    if anchor is not None and anchor.value is not None:
        raise SharedNode(node)


def put(mapping: Any, key: str | int, value: Any, order: Sequence[str | int] = ()) -> None:
    """Set ``mapping[key]``; a new key goes where ``order`` says (after its predecessors).

    Keys missing from ``order`` keep their places; with no ranked predecessor the new
    key goes before the first ranked key, or at the end.
    """
    _unshared(mapping)
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    keys = list(mapping)
    position = len(keys)
    if key in rank:
        before = [i for i, k in enumerate(keys) if k in rank and rank[k] < rank[key]]
        after = [i for i, k in enumerate(keys) if k in rank and rank[k] > rank[key]]
        if before:
            position = before[-1] + 1
        elif after:
            position = after[0]
    mapping.insert(position, key, value)
    if position > 0 and not is_flow(mapping):
        _move_blank_tail((mapping, keys[position - 1]), (mapping, key))


def append(seq: Any, value: Any) -> None:
    """Append to a list, keeping blank lines that followed the old last item after the new one."""
    _unshared(seq)
    seq.append(value)
    if len(seq) > 1 and not is_flow(seq):
        _move_blank_tail((seq, len(seq) - 2), (seq, len(seq) - 1))


def delete(mapping: Any, key: str) -> None:
    if key in mapping:
        _unshared(mapping)
        del mapping[key]


# ------------------------------------------------------------- blank-line keeping


def _deepest(container: Any, key: Any) -> tuple[Any, Any]:
    """The innermost (container, key) whose end-of-line comment ends this entry's text."""
    node = container[key]
    while isinstance(node, CommentedMap | CommentedSeq) and len(node) and not is_flow(node):
        container = node
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        node = node[key]
    return container, key


def _move_blank_tail(previous: tuple[Any, Any], new: tuple[Any, Any]) -> None:
    """ruamel stores blank lines after an entry in its last end-of-line comment; when a new
    entry follows, those blank lines belong after the new entry, not before it."""
    container, key = _deepest(*previous)
    entry = container.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if not isinstance(token, CommentToken):
        return
    value = token.value
    first_break = value.find("\n")
    tail = value[first_break + 1 :] if first_break >= 0 else ""
    if not tail or tail.strip(" \n"):
        return  # no blank lines, or real comment lines that belong to what follows
    token.value = value[: first_break + 1]
    new_container, new_key = _deepest(*new)
    new_container.ca.items[new_key] = [None, None, CommentToken("\n" + tail, CommentMark(0)), None]


def dumps_new(data: dict[str, Any], header: Sequence[str] = ()) -> str:
    """A new file's text: ``# header`` lines, then ``data`` in the samples' block style."""
    buf = io.StringIO()
    _yaml(INDENTS[0]).dump(new_map(data), buf)
    return "".join(f"# {line}\n" for line in header) + buf.getvalue()
