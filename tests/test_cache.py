"""The parse cache speeds up repeat runs and can never change a result."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest

from guanxin_cli import cache, yamlio
from guanxin_cli.errors import DataError
from guanxin_cli.workspace.folders import Workspace
from guanxin_cli.workspace.loader import load_workspace

from .conftest import REPO

SCHOOL = """\
schema_version: 1
id: cache-school
name: 缓存小学
type: primary
volunteers:
  wulao: 5
progress:
  s2-team-cases:
    status: done
    date: 2022-06-20
"""


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    # Files written by a test are seconds old at most; treat them as settled.
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "data" / "schools").mkdir(parents=True)
    (root / "data" / "schools" / "cache-school.yaml").write_text(SCHOOL, encoding="utf-8")
    return Workspace(root)


_REAL_LOAD = yamlio.load


def cache_folder() -> Path:
    folder = cache.cache_dir()
    assert folder is not None
    return folder


def cache_files() -> list[Path]:
    return sorted(cache_folder().glob("ws-*.msgpack"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> yamlio.Document:
        raise AssertionError(f"parsed {path} although it was cached")

    monkeypatch.setattr(yamlio, "load", refuse)


def wulao(ws: Workspace) -> int:
    return load_workspace(ws).schools[0].volunteers.wulao


def test_cache_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUANXIN_CACHE_DIR", "/x/cache")
    assert cache.cache_dir() == Path("/x/cache")
    monkeypatch.delenv("GUANXIN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache.cache_dir() == Path("/xdg/guanxin")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "guanxin"


def test_a_repeat_run_parses_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_workspace(ws)
    assert len(cache_files()) == 1
    no_parsing(monkeypatch)
    second = load_workspace(ws)
    assert second.schools == first.schools and second.plan == first.plan
    assert second.occurrences == first.occurrences


def test_an_edit_gives_the_new_result(ws: Workspace) -> None:
    assert wulao(ws) == 5
    path = ws.schools_dir / "cache-school.yaml"
    path.write_text(SCHOOL.replace("wulao: 5", "wulao: 17"), encoding="utf-8")
    assert wulao(ws) == 17


def test_same_size_edit_with_mtime_put_back_is_seen(ws: Workspace) -> None:
    path = ws.schools_dir / "cache-school.yaml"
    before = path.stat()
    assert wulao(ws) == 5
    path.write_text(SCHOOL.replace("wulao: 5", "wulao: 6"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert wulao(ws) == 6  # the ctime moved, so the entry no longer matches


def test_a_bad_file_is_never_cached(ws: Workspace) -> None:
    path = ws.schools_dir / "cache-school.yaml"
    path.write_text(SCHOOL.replace("wulao: 5", "wulao: 很多"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError) as exc:
            load_workspace(ws)
        assert exc.value.problems[0].where.line == 6
    path.write_text(SCHOOL, encoding="utf-8")
    assert wulao(ws) == 5


def test_cross_file_problems_are_found_and_located_from_the_cache(ws: Workspace) -> None:
    load_workspace(ws)
    # Same file, but now it sits under a name that does not match its id.
    (ws.schools_dir / "cache-school.yaml").rename(ws.schools_dir / "renamed.yaml")
    with pytest.raises(DataError) as exc:
        load_workspace(ws)
    [p] = exc.value.problems
    assert (p.msg, p.where.line, p.where.col) == ("ref.id_filename", 2, 5)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-10] + bytes(b ^ 0xFF for b in raw[-10:]),  # bits flipped
        lambda raw: b"",
        lambda raw: b"not a cache at all",
        lambda raw: raw[:60] + b"\x00" * (len(raw) - 60),
    ],
)
def test_a_damaged_cache_is_rebuilt_silently(ws: Workspace, damage) -> None:  # type: ignore[no-untyped-def]
    expected = load_workspace(ws).schools
    [store] = cache_files()
    store.write_bytes(damage(store.read_bytes()))
    assert load_workspace(ws).schools == expected
    assert cache.ParseCache(ws.root).old  # rewritten whole


def test_a_cache_from_other_code_is_ignored(ws: Workspace) -> None:
    load_workspace(ws)
    [store] = cache_files()
    body = msgpack.packb(("another-version", {"x": "y"}))
    import hashlib

    store.write_bytes(cache.MAGIC + hashlib.sha256(body).digest() + body)
    assert cache.ParseCache(ws.root).old == {}
    assert wulao(ws) == 5


def test_no_cache_env_turns_it_off(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    load_workspace(ws)
    assert cache_files() == []


def test_files_changed_just_now_are_not_stored(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", 3600.0)
    load_workspace(ws)
    assert cache.ParseCache(ws.root).old == {}


def test_deleted_files_drop_out(ws: Workspace) -> None:
    extra = ws.schools_dir / "other.yaml"
    extra.write_text(SCHOOL.replace("cache-school", "other").replace("缓存", "别的"), "utf-8")
    load_workspace(ws)
    assert len(cache.ParseCache(ws.root).old) == 3  # plan and two schools
    extra.unlink()
    load_workspace(ws)
    assert len(cache.ParseCache(ws.root).old) == 2


def test_an_unwritable_cache_folder_only_costs_speed(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("GUANXIN_CACHE_DIR", str(blocker / "guanxin"))
    assert wulao(ws) == 5


def test_check_command_uses_and_survives_the_cache(run, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        result = run(["check"], cwd=ws.root)
        assert result.code == 0, result.err
    [store] = cache_folder().glob("checks-*.msgpack")  # which files check found good
    store.write_bytes(store.read_bytes()[:100])
    assert run(["check"], cwd=ws.root).code == 0


def test_audit_reads_its_school_from_a_cache_of_its_own_and_sees_an_edit(
    run, ws: Workspace
) -> None:  # type: ignore[no-untyped-def]
    audit = ["audit", "--school", "cache-school", "--as-of", "2022-07-01"]
    first = run(audit, cwd=ws.root)
    assert first.code in (0, 1), first.err
    assert run(audit, cwd=ws.root).out == first.out
    assert len(list(cache_folder().glob("ws-*.msgpack"))) == 1  # the school's own
    school = ws.root / "data" / "schools" / "cache-school.yaml"
    school.write_text(SCHOOL.replace("wulao: 5", "wulao: 7"), encoding="utf-8")
    again = run(audit, cwd=ws.root)
    assert "五老 7 人" in again.out and "五老 5 人" in first.out, again.out


@pytest.fixture
def fresh_fingerprints() -> Iterator[None]:
    cache.fingerprint.cache_clear()
    yield
    cache.fingerprint.cache_clear()


def _install(site: Path, version: str, body: str) -> None:
    """A library "fakelib" as an installer leaves it, with the files' times from its archive."""
    for old in site.glob("fakelib-*.dist-info"):
        shutil.rmtree(old)
    module = site / "fakelib" / "__init__.py"
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text(body, encoding="utf-8")
    info = site / f"fakelib-{version}.dist-info"
    info.mkdir()
    (info / "RECORD").write_text(
        f"fakelib/__init__.py,sha256={hashlib.sha256(body.encode()).hexdigest()},{len(body)}\n",
        encoding="utf-8",
    )
    os.utime(module, (315532800, 315532800))  # 1980-01-01, as reproducible wheels stamp them


@pytest.mark.usefixtures("fresh_fingerprints")
@pytest.mark.parametrize(
    ("version", "body"),
    [
        ("1.0.1", "TABLE = (1, 2)\n"),  # a new release whose module file is the same
        ("1.0.0", "TABLE = (1, 3)\n"),  # the same size and times, other bytes
    ],
)
def test_another_version_of_a_library_empties_the_cache(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str, body: str
) -> None:
    """What Pydantic, YAML or the holiday tables accept or give may change with their
    versions: models and digests cached under one version are not used under another, even
    when the installer keeps the archive's file times. Told apart by the installed files,
    without importing the libraries (a run the cache serves never imports Pydantic)."""
    site = tmp_path / "site"
    _install(site, "1.0.0", "TABLE = (1, 2)\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(cache, "_LIBRARIES", (*cache._LIBRARIES, ("fakelib", "fakelib")))
    assert wulao(ws) == 5  # cached under fakelib 1.0.0
    no_parsing(monkeypatch)
    assert wulao(ws) == 5
    _install(site, version, body)  # installed over it
    cache.fingerprint.cache_clear()  # (a new process)
    parsed: list[Path] = []
    monkeypatch.setattr(
        yamlio, "load", lambda path, **kw: parsed.append(path) or _REAL_LOAD(path, **kw)
    )
    assert wulao(ws) == 5
    assert ws.root / "data" / "schools" / "cache-school.yaml" in parsed
    assert "fakelib" not in sys.modules


def test_every_module_the_fingerprint_names_exists() -> None:
    """A module moved or renamed must be renamed here too: the cache would otherwise not
    notice its code change."""
    here = Path(cache.__file__).parent
    named = {m for modules in cache._MEANING.values() for m in modules}
    assert sorted(m for m in named if not (here / m).is_file()) == []


@pytest.mark.usefixtures("fresh_fingerprints")
def test_a_missing_module_never_stops_a_run(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed without one of the sources the fingerprint reads (moved, or a packager's
    choice): the run goes on, and the cache made before is not used."""
    assert wulao(ws) == 5
    cache.fingerprint.cache_clear()
    gone = (*cache._READING, "moved_away.py")
    monkeypatch.setattr(cache, "_MEANING", {kind: gone for kind in cache._MEANING})
    parsed: list[Path] = []
    monkeypatch.setattr(
        yamlio, "load", lambda path, **kw: parsed.append(path) or _REAL_LOAD(path, **kw)
    )
    assert wulao(ws) == 5
    assert ws.root / "data" / "schools" / "cache-school.yaml" in parsed
