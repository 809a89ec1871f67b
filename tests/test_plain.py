"""plain.py: records as plain values and back, every value checked on the way in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from pathlib import Path
from typing import Any, Literal

import msgpack
import pytest

from guanxin_cli import cache, models, plain, rules
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.loader import load_workspace
from guanxin_cli.year.items import Item, TaskOwn, TaskRow

from .conftest import REPO


def _through_msgpack(value: Any) -> Any:
    return msgpack.unpackb(msgpack.packb(value), use_list=False, raw=False)


def test_every_constrained_name_of_rules_has_its_plain_type() -> None:
    """A name rules.py adds must be added to plain.RULE_TYPES, with the type under it."""
    assert set(plain.RULE_TYPES) == set(rules.NAMES)
    for name, annotated in rules.NAMES.items():
        mine = plain.RULE_TYPES[name]
        if name in ("NonEmpty", "When"):  # (generic: a list of the records named)
            assert mine[int] == list[int]
            continue
        base = typing.get_args(annotated)[0] if typing.get_origin(annotated) else annotated
        if typing.get_origin(base) is list:
            item = typing.get_args(base)[0]
            if typing.get_origin(item) is typing.Annotated:  # list[Text] → list[str]
                base = list[typing.get_args(item)[0]]
        assert mine == base, name


def test_every_record_has_a_codec() -> None:
    records = [
        v
        for v in vars(models).values()
        if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == models.__name__
    ]
    assert models.School in records and models.Plan in records
    for record in records:
        plain.codec(record)  # (Unsupported for a type it cannot check)


def test_the_bundled_plan_and_schools_come_back_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    from guanxin_cli.workspace.units import read_school

    ws = Workspace(REPO)
    loaded = load_workspace(ws)
    # the files' records as read (a report sees them through years.for_year, never cached)
    files = [read_school(path, []) for path in ws.unit_paths()]
    for record in [loaded.plan, *(f[2] for f in files if f is not None)]:
        back = plain.load(type(record), _through_msgpack(plain.dump(record)))
        assert back == record
        assert type(back) is type(record)
    school = next(f[2] for f in files if f is not None and f[2].type == "primary")
    back = plain.load(models.School, _through_msgpack(plain.dump(school)))
    progress = back.progress or next(iter(back.years.values())).progress  # (either layout)
    assert progress and all(
        isinstance(v.evidence, list) for v in progress.values()
    )  # lists, not msgpack's tuples


def _progress(**changes: Any) -> list[Any]:
    fields = plain.dump(models.Progress(status="done", date=dt.date(2022, 6, 1), evidence=["照片"]))
    names = [f.name for f in dataclasses.fields(models.Progress)]
    for name, value in changes.items():
        fields[names.index(name)] = value
    return fields


@pytest.mark.parametrize(
    "value",
    [
        None,
        {"status": "done"},
        _progress()[:-1],
        [*_progress(), None],
        _progress(status="finished"),
        _progress(status=1),
        _progress(date="2022-06-01"),
        _progress(date=0),
        _progress(date=10**9),
        _progress(date=None),  # done needs a date: the record's own rule
        _progress(wulao=True),
        _progress(wulao=1.5),
        _progress(evidence="照片"),
        _progress(evidence=[1]),
        _progress(note=b"bytes"),
        _progress(students=msgpack.ExtType(1, b"x")),
    ],
)
def test_anything_else_is_malformed(value: Any) -> None:
    with pytest.raises(plain.Malformed):
        plain.load(models.Progress, value)


def test_mappings_need_text_keys_and_records_their_own_shape() -> None:
    school = plain.dump(
        models.School(
            id="x",
            name="某校",
            type="primary",
            progress={"s1": models.Progress(status="not_started")},
        )
    )
    names = [f.name for f in dataclasses.fields(models.School)]
    at = names.index("progress")
    school[at] = {1: school[at]["s1"]}
    with pytest.raises(plain.Malformed):
        plain.load(models.School, school)


def test_a_record_it_cannot_check_is_unsupported_and_never_cached(tmp_path: Path) -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        when: Any  # (no type to check a value against)

    with pytest.raises(plain.Unsupported):
        plain.codec(Odd)

    store = cache.ParseCache(tmp_path)
    store.records["odd"] = Odd
    store.put(tmp_path / "x.yaml", "odd", (1, 0, 0, 1, 1), Odd(when=1))
    assert store.new == {}


def test_a_literal_of_one_is_not_true() -> None:
    load = plain._literal((1,))[1]
    assert load(1) == 1
    with pytest.raises(plain.Malformed):
        load(True)
    assert typing.get_args(Literal[1]) == (1,)


def test_item_rows_round_trip_through_the_digest_format() -> None:
    from guanxin_cli import digest_plain

    item = Item(
        kind="finding",
        key="a/f1",
        task_id=None,
        title="整改",
        title_en=None,
        unit_id="x",
        unit_name="某校",
        liaison=None,
        owner="某校",
        section_id="s3",
        point_id=None,
        occurrence=None,
        start=dt.date(2022, 3, 1),
        due=dt.date(2022, 4, 30),
        state="overdue",
        done_on=None,
        days_late=3,
        workdays_left=0,
        due_on_holiday=False,
        evidence_expected=("照片",),
    )
    own = TaskOwn("done", dt.date(2022, 5, 1), 0, ("方案",), (), None, None, 3, 40, False)
    task_row = TaskRow(4, own)
    packed = digest_plain.pack_rows([task_row, item])
    back = digest_plain.unpack_rows(packed, 5)
    assert back == [task_row, item] and back[0].__class__ is TaskRow and back[0].state == "done"
    # (a row is plain values: a task's slot and its own fields, a finding's every field)
    plain_rows = [(4, tuple(own)), tuple(getattr(item, f.name) for f in dataclasses.fields(Item))]
    assert packed == msgpack.packb(plain_rows, default=dt.date.toordinal, use_bin_type=True)
    with pytest.raises(plain.Malformed):
        digest_plain.unpack_rows(packed, 4)  # slot 4 of a plan with four
