"""A digest as plain values: for the digest cache, and for its pressing items.

A :class:`~.year.digest.Digest` goes into the cache as a tuple of plain values (:func:`freeze`)
and comes back through :func:`thaw`, which checks every field and raises
:class:`~.plain.Malformed` for anything :func:`freeze` would not have made. Its pressing
items stay packed (msgpack bytes, :func:`pack_rows`) until a report needs them: most never
do, and :func:`unpack_rows` checks the rows it unpacks the same way, against the plan's
slots. Nothing here runs code named by the data: msgpack gives plain values only.
"""

from __future__ import annotations

import datetime as dt
import operator
import sys
from array import array
from typing import Any

import msgpack

from .plain import Malformed, fields
from .year.items import STATE_ORDER, Item, Row, TaskOwn, TaskRow

# Digest's fields, in order: what freeze gives and thaw takes
FIELDS = (
    "id",
    "name",
    "type",
    "liaison",
    "parent",
    "last_activity",
    "has_open",
    "counters",
    "first",
    "packed",
    "brief",
    "marks",
)
_ITEM_FIELDS = tuple(f for f in Item.__dataclass_fields__)
_ITEM = operator.attrgetter(*_ITEM_FIELDS)
_U32 = next(code for code in "IL" if array(code).itemsize == 4)
_I32 = next(code for code in "il" if array(code).itemsize == 4)
_MAX_DAY = dt.date.max.toordinal()
_STATES = len(STATE_ORDER)


def _plain(value: object) -> int:
    """What msgpack cannot say itself: a date, as its day number."""
    if isinstance(value, dt.date):
        return value.toordinal()
    raise TypeError(f"cannot pack {type(value).__name__}")


def pack_rows(rows: list[Row]) -> bytes:
    """A digest's pressing items as plain values: a task's slot number and its own fields
    (a :class:`~.year.items.TaskRow`, a tuple: msgpack packs it as it is), or a finding's
    every field."""
    plain = [row if row.__class__ is TaskRow else _ITEM(row) for row in rows]
    packed: bytes = msgpack.packb(plain, default=_plain, use_bin_type=True)
    return packed


def _unpack(data: object) -> Any:
    try:
        return msgpack.unpackb(data, use_list=False, raw=False, strict_map_key=True)
    except Exception as exc:  # damaged bytes: any error msgpack has
        raise Malformed(str(exc)) from None


def unpack_rows(packed: object, slots: int) -> list[Row]:
    """The rows :func:`pack_rows` packed, checked: a task row's slot is one of the plan's
    ``slots``, and every field has its Item field's type."""
    if packed.__class__ is not bytes:
        raise Malformed("rows expected")
    rows = _unpack(packed)
    if rows.__class__ is not tuple:
        raise Malformed("rows expected")
    own = fields(Item, TaskOwn._fields)[1]
    whole = fields(Item, _ITEM_FIELDS)[1]
    out: list[Row] = []
    for row in rows:
        if row.__class__ is not tuple or not row:
            raise Malformed("row expected")
        n = row[0]
        if n.__class__ is int:
            if len(row) != 2 or not 0 <= n < slots:
                raise Malformed("no such slot")
            out.append(TaskRow(n, TaskOwn(*own(row[1]))))
        else:
            out.append(Item(*whole(row)))
    return out


def brief_numbers(brief: bytes, slots: int) -> array[int]:
    """A digest's brief rows (slot, state, days late) as numbers, checked."""
    if brief.__class__ is not bytes or len(brief) % 12:
        raise Malformed("brief rows expected")
    numbers = array(_I32)
    numbers.frombytes(brief)
    if numbers and (
        min(numbers[::3]) < 0
        or max(numbers[::3]) >= slots
        or min(numbers[1::3]) < 0
        or max(numbers[1::3]) >= _STATES
    ):
        raise Malformed("brief rows out of range")
    return numbers


def freeze(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A digest's field values (in :data:`FIELDS` order) as plain values."""
    (ident, name, kind, liaison, parent, last, has_open, counters, first, packed, brief, marks) = (
        values
    )
    size = (counters.bit_length() + 7) // 8
    return (
        ident,
        name,
        kind,
        liaison,
        parent,
        last,
        has_open,
        counters.to_bytes(size, sys.byteorder),
        first,
        packed,
        brief,
        tuple((m[0], m[1].toordinal() if m[1] is not None else None) for m in marks.values()),
    )


def thaw(value: Any, counter_bytes: int, mark_ids: tuple[str, ...]) -> tuple[Any, ...]:
    """What :func:`freeze` made, as a digest's field values again; ``counter_bytes``: the
    most bytes its counters take (four a number of the plan's Layout), ``mark_ids``: the
    plan's dated milestones, in order. :class:`Malformed` for anything else."""
    if value.__class__ is not tuple or len(value) != len(FIELDS):
        raise Malformed("digest expected")
    (ident, name, kind, liaison, parent, last, has_open, counters, first, packed, brief, marks) = (
        value
    )
    if (
        ident.__class__ is not str
        or name.__class__ is not str
        or kind.__class__ is not str
        or (liaison is not None and liaison.__class__ is not str)
        or (parent is not None and parent.__class__ is not str)
        or last.__class__ is not int
        or not 0 <= last <= _MAX_DAY
        or has_open.__class__ is not bool
        or counters.__class__ is not bytes
        or len(counters) > counter_bytes
        or packed.__class__ is not bytes
        or (brief is not None and brief.__class__ is not bytes)
        or marks.__class__ is not tuple
        or len(marks) != len(mark_ids)
    ):
        raise Malformed("digest fields")
    if first is not None:
        if first.__class__ is not tuple or len(first) != 5:
            raise Malformed("urgency expected")
        late, days, due, unit, key = first
        if (
            late.__class__ is not bool
            or days.__class__ is not int
            or due.__class__ is not int
            or unit.__class__ is not str
            or key.__class__ is not str
        ):
            raise Malformed("urgency expected")
    thawed: dict[str, tuple[bool, dt.date | None]] = {}
    for ms, mark in zip(mark_ids, marks, strict=True):
        if mark.__class__ is not tuple or len(mark) != 2 or mark[0].__class__ is not bool:
            raise Malformed("mark expected")
        day = mark[1]
        if day is None:
            thawed[ms] = (mark[0], None)
        elif day.__class__ is int and 0 < day <= _MAX_DAY:
            thawed[ms] = (mark[0], dt.date.fromordinal(day))
        else:
            raise Malformed("mark expected")
    number = int.from_bytes(counters, sys.byteorder)
    return (
        ident,
        name,
        kind,
        liaison,
        parent,
        last,
        has_open,
        number,
        first,
        packed,
        brief,
        thawed,
    )
