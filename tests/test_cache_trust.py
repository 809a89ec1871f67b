"""The caches cannot be turned against their user (issue 24).

A cache file holds plain data only, so a planted one cannot run code; files and folders
of other users, or writable by others, are not read; guanxin's own folder is 0700 and its
files 0600 under any umask; a cache whose checksum is right but whose entries are not what
guanxin writes is rebuilt, with the same results as a run without a cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgpack
import pytest

from guanxin_cli import cache

from .conftest import run_process
from .test_outputs import NOBODY, needs_root, open_to_all, run_as, shared

AS_OF = "2022-07-01"
REPORTS = [
    ["status", "--as-of", AS_OF],
    ["overdue", "--as-of", AS_OF],
    ["overdue", "--as-of", AS_OF, "--json"],
    ["audit", "--school", "朝阳", "--as-of", AS_OF],
    ["check"],
    ["plan"],
    ["export", "--format", "json", "--output", "-", "--as-of", AS_OF],
]


@pytest.fixture(autouse=True)
def _settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # files written by a test are settled


@pytest.fixture
def folder() -> Path:
    return Path(os.environ["GUANXIN_CACHE_DIR"])


__all__ = ["shared"]  # (the fixture, from test_outputs)


def fresh(run: Any, ws: Path, args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """What a run with no cache at all says."""
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    result = run(args, cwd=ws)
    monkeypatch.delenv("GUANXIN_NO_CACHE")
    return result.code, result.out


def warm(run: Any, ws: Path) -> None:
    for args in REPORTS:
        assert run(args, cwd=ws).code in (0, 1)


def rewrite(path: Path, change: Callable[[Any, dict[str, Any]], tuple[Any, Any]]) -> None:
    """Change a cache file's contents and give it a checksum that matches, as someone who
    can write the file could."""
    raw = path.read_bytes()
    stamp, entries = msgpack.unpackb(raw[len(cache.MAGIC) + 32 :], use_list=False, raw=False)
    stamp, entries = change(stamp, dict(entries) if isinstance(entries, dict) else {})
    body = msgpack.packb((stamp, entries), use_bin_type=True)
    path.write_bytes(cache.MAGIC + hashlib.sha256(body).digest() + body)


# ----------------------------------------------------------------- planted code


class _Payload:
    """What a planted pickle does when it is loaded: creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, "ran"))


def _names(ws: Path, folder: Path) -> list[Path]:
    """Every cache file name a run on ``ws`` uses, in the old format's spelling and in the
    new one's (names derive from the workspace's path)."""
    names = []
    for name, variant in [
        (cache.PARSE, ""),
        (cache.PLAN, ""),
        (cache.DIGESTS, "7|"),
        (cache.DIGESTS, "14|"),
        (cache.PARSE, f"unit|{ws / 'data' / 'schools' / 'chaoyang-primary.yaml'}"),
    ]:
        path = cache.ParseCache(ws, name, variant).path
        names += [path, path.with_suffix(".pickle")]
    return names


def test_a_planted_cache_file_never_runs_code(
    run, workspace: Path, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """As in the report: the right name, the magic line, a valid SHA-256, and a pickle
    whose ``__reduce__`` acts; in a folder of the user's own, so nothing else stops it."""
    expected = {tuple(args): fresh(run, workspace, args, monkeypatch) for args in REPORTS}
    marker = tmp_path / "marker"
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    for magic in (cache.MAGIC, b"guanxin-parse-cache 1\n"):
        body = pickle.dumps(("x", {"y": _Payload(marker)}))
        for path in _names(workspace, folder):
            path.write_bytes(magic + hashlib.sha256(body).digest() + body)
            path.chmod(0o600)
        for args in REPORTS:
            result = run(args, cwd=workspace)
            assert (result.code, result.out) == expected[tuple(args)], args
            assert not marker.exists()
    # a msgpack extension type in place of the data: kept as data, never a value
    body = msgpack.packb(("x", {"y": msgpack.ExtType(1, pickle.dumps(_Payload(marker)))}))
    for path in _names(workspace, folder):
        path.write_bytes(cache.MAGIC + hashlib.sha256(body).digest() + body)
    for args in REPORTS:
        assert (run(args, cwd=workspace).code, run(args, cwd=workspace).out) == expected[
            tuple(args)
        ]
    assert not marker.exists()


def test_the_caches_hold_no_pickles(run, workspace: Path, folder: Path) -> None:  # type: ignore[no-untyped-def]
    warm(run, workspace)
    files = sorted(folder.glob("*.msgpack"))
    assert len(files) >= 4 and not list(folder.glob("*.pickle"))
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(cache.MAGIC)
        msgpack.unpackb(raw[len(cache.MAGIC) + 32 :], use_list=False, raw=False)  # plain data
        assert b"\x80\x04\x95" not in raw and b"\x80\x05\x95" not in raw  # no pickle frames


# ------------------------------------------------------------ whose files are read


def _tamper_names(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    """Every digest's school named 篡改… (a result no file gives)."""
    out = {}
    for path, (key, kind, value) in entries.items():
        if kind.startswith("digest|"):
            value = (value[0], "篡改学校" + value[1], *value[2:])
        out[path] = (key, kind, value)
    return stamp, out


def _tampered_cache(run: Any, ws: Path, folder: Path) -> None:
    assert run(["status", "--as-of", AS_OF], cwd=ws).code in (0, 1)
    (store,) = folder.glob("digests-*.msgpack")
    rewrite(store, _tamper_names)
    assert "篡改学校" in run(["status", "--as-of", AS_OF], cwd=ws).out  # (it would be used)


def test_a_cache_folder_writable_by_others_is_not_read_and_is_made_private(
    run, workspace: Path, folder: Path
) -> None:  # type: ignore[no-untyped-def]
    _tampered_cache(run, workspace, folder)
    folder.chmod(0o777)  # anyone could have written that file
    assert "篡改学校" not in run(["status", "--as-of", AS_OF], cwd=workspace).out
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # guanxin's own folder: tightened


def test_a_cache_file_writable_by_others_is_not_read(run, workspace: Path, folder: Path) -> None:  # type: ignore[no-untyped-def]
    _tampered_cache(run, workspace, folder)
    (store,) = folder.glob("digests-*.msgpack")
    store.chmod(0o666)
    assert "篡改学校" not in run(["status", "--as-of", AS_OF], cwd=workspace).out


def test_a_symlink_in_place_of_a_cache_file_is_not_followed(
    run, workspace: Path, folder: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _tampered_cache(run, workspace, folder)
    (store,) = folder.glob("digests-*.msgpack")
    elsewhere = tmp_path / "elsewhere.msgpack"
    store.rename(elsewhere)
    store.symlink_to(elsewhere)
    assert "篡改学校" not in run(["status", "--as-of", AS_OF], cwd=workspace).out


@needs_root
def test_a_cache_folder_owned_by_another_user_is_never_read_nor_written(
    run, workspace: Path, folder: Path
) -> None:  # type: ignore[no-untyped-def]
    _tampered_cache(run, workspace, folder)
    for path in [folder, *folder.iterdir()]:
        os.chown(path, NOBODY, NOBODY)  # nobody's folder and files, 0700 and 0600
    listing = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    result = run(["status", "--as-of", AS_OF], cwd=workspace)
    assert result.code in (0, 1) and "篡改学校" not in result.out
    run(["overdue", "--as-of", AS_OF, "--within", "14d"], cwd=workspace)  # a new cache file
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == listing


@needs_root
def test_a_cache_file_owned_by_another_user_is_not_read(run, workspace: Path, folder: Path) -> None:  # type: ignore[no-untyped-def]
    _tampered_cache(run, workspace, folder)
    (store,) = folder.glob("digests-*.msgpack")
    os.chown(store, NOBODY, NOBODY)
    assert "篡改学校" not in run(["status", "--as-of", AS_OF], cwd=workspace).out


@needs_root
def test_another_users_cache_is_not_read_by_them_either(workspace: Path, shared: Path) -> None:
    """The other way round, as an unprivileged user: root's cache folder is not theirs."""
    ws = shared / "ws"
    shutil.copytree(workspace, ws)
    open_to_all(ws)
    time.sleep(2.1)  # (a file changed within 2 s is never cached, see cache.RACY_SECONDS)
    roots = shared / "cache"
    result = run_process(["status", "--as-of", AS_OF], ws, {"GUANXIN_CACHE_DIR": str(roots)})
    assert result.code in (0, 1)
    (store,) = roots.glob("digests-*.msgpack")
    rewrite(store, _tamper_names)
    roots.chmod(0o755)
    store.chmod(0o644)
    theirs = run_as(NOBODY, ["status", "--as-of", AS_OF], ws, {"GUANXIN_CACHE_DIR": str(roots)})
    assert theirs.code in (0, 1), theirs.err
    assert "篡改学校" not in theirs.out


# ------------------------------------------------------------- modes under umasks


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    old = os.umask(0o022)

    def set_to(mask: int) -> None:
        os.umask(mask)

    yield set_to
    os.umask(old)


@pytest.mark.parametrize("mask", [0o002, 0o000, 0o022, 0o077, 0o277])
def test_guanxins_cache_folder_is_0700_and_its_files_0600_under_any_umask(
    run, workspace: Path, folder: Path, umask: Callable[[int], None], mask: int
) -> None:  # type: ignore[no-untyped-def]
    umask(mask)
    warm(run, workspace)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    again = run(["status", "--as-of", AS_OF], cwd=workspace)
    assert again.code in (0, 1)


@pytest.mark.parametrize("mask", [0o000, 0o002, 0o022])
def test_every_folder_guanxin_makes_for_its_cache_is_0700(
    run,
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    umask: Callable[[int], None],
    mask: int,
) -> None:  # type: ignore[no-untyped-def]
    above = tmp_path / "there"
    above.mkdir(mode=0o755)
    os.chmod(above, 0o755)
    monkeypatch.setenv("GUANXIN_CACHE_DIR", str(above / "a" / "cache2" / "sub"))
    umask(mask)
    assert run(["status", "--as-of", AS_OF], cwd=workspace).code in (0, 1)
    for made in (above / "a", above / "a" / "cache2", above / "a" / "cache2" / "sub"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert stat.S_IMODE(above.stat().st_mode) == 0o755  # (one that was there is left alone)
    assert any((above / "a" / "cache2" / "sub").iterdir())


# -------------------------------------------------------------- malformed entries


def _entries_none(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    return stamp, None


def _each_entry_none(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    return stamp, dict.fromkeys(entries)


def _values_none(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    return stamp, {p: (key, kind, None) for p, (key, kind, _) in entries.items()}


def _values_wrong(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    """Each value a little off: a field of the wrong type, one too few, a bad day."""
    out = {}
    for n, (path, (key, kind, value)) in enumerate(entries.items()):
        value = list(value)
        if n % 3 == 0:
            value[0] = 42  # (an id, a schema version …: never a bare number of this kind)
        elif n % 3 == 1:
            value = value[:-1]
        else:
            value[-1] = {"x": b"\x00"}
        out[path] = (key, kind, tuple(value))
    return stamp, out


def _rows_garbage(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    """A digest's packed items and brief lines not what a digest holds (its other fields
    fine): found only when a report unpacks them, and made again from the file."""
    out = {}
    for n, (path, (key, kind, value)) in enumerate(entries.items()):
        if kind.startswith("digest|"):
            value = list(value)
            rows = [(10_000, "overdue", None, 1, (), (), None, None, None, None, False)]
            value[8] = [b"\xc1", msgpack.packb(rows), msgpack.packb([("finding", 3)])][n % 3]
            value[9] = None if n % 2 else b"\xff" * 12
            value = tuple(value)
        out[path] = (key, kind, value)
    return stamp, out


def _counters_huge(stamp: Any, entries: dict[str, Any]) -> tuple[Any, Any]:
    out = {}
    for path, (key, kind, value) in entries.items():
        if kind.startswith("digest|"):
            value = (*value[:6], b"\xff" * 100_000, *value[7:])
        out[path] = (key, kind, value)
    return stamp, out


@pytest.mark.parametrize(
    "damage",
    [_entries_none, _each_entry_none, _values_none, _values_wrong, _rows_garbage, _counters_huge],
)
def test_a_cache_with_a_valid_checksum_but_malformed_entries_is_rebuilt(
    run, workspace: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:  # type: ignore[no-untyped-def]
    for args in REPORTS:  # (each in turn: `check` keeps today's digests, not the date's)
        expected = fresh(run, workspace, args, monkeypatch)
        assert (run(args, cwd=workspace).code, run(args, cwd=workspace).out) == expected
        for store in folder.glob("*.msgpack"):
            rewrite(store, damage)
        for _ in range(2):  # rebuilt, then used
            result = run(args, cwd=workspace)
            assert (result.code, result.out) == expected, (args, result.err)
            assert "内部错误" not in result.err


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GUANXIN_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(var, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None and not cache.enabled()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as XDG says
    assert cache.cache_dir() is None
