"""The caches: validated models, and per-school digests, from earlier runs.

The parse cache lets a repeat run skip YAML parsing and validation for every file that has
not changed; the cross-file checks (``workspace/checks.py``) still run each time. The
digest cache (``collect.py``) keeps what ``status`` and ``overdue`` need from each school
file as of a date (``year/digest.py``), so a repeat run on the same day only adds them up.
One file of each per workspace in the user's cache folder (``GUANXIN_CACHE_DIR``, else
``$XDG_CACHE_HOME/guanxin``, else ``~/.cache/guanxin``; none, and so no cache, for a user
with no home); ``GUANXIN_NO_CACHE=1`` turns it off.

It can never change a result:

* an entry is used only when the file's size, mtime, ctime, inode and device are all
  unchanged (ctime catches an edit whose mtime was put back), when what it was made
  against matches (a digest: the plan's bytes, the as-of date and the window), and when
  the guanxin version, the code that gives files their meaning and the libraries that
  read and validate them match;
* a file changed within ``RACY_SECONDS`` of being read is not stored, so two edits
  inside one clock tick cannot hide behind the same timestamps;
* the file carries a SHA-256 of its body; anything damaged, truncated or unreadable is
  ignored and rebuilt silently;
* only files that loaded without a problem are stored: a bad file is read every time.

It cannot be turned against its user:

* a cache file holds plain data only (msgpack: text, numbers, bytes, lists, maps), read
  without running anything it says, and every value is checked on the way in
  (``plain.py``, ``digest_plain.py``): a malformed entry is a miss, made again from the file;
* a folder or file owned by another user, or writable by group or others, is never read
  (on POSIX systems; a folder of the user's own that others may write is made 0700 and
  read from the next run on); a symlink in place of a cache file is not followed;
* guanxin makes its folder (and each missing one above it) 0700 and its files 0600,
  whatever the umask.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from functools import cache
from pathlib import Path
from typing import Any

ENV_DIR = "GUANXIN_CACHE_DIR"
ENV_OFF = "GUANXIN_NO_CACHE"
MAGIC = b"guanxin-cache 2 msgpack\n"
RACY_SECONDS = 2.0
PARSE = "ws"
PLAN = "plan"  # the plan alone, for commands that read no school models
DIGESTS = "digests"
CHECKS = "checks"  # which unit files `check` found good, against which plan
# Code whose change changes what is cached; a new version of any of it empties that cache.
_READING = (
    "models.py",
    "fieldtypes.py",
    "rules.py",
    "validation.py",
    "core_schemas.py",
    "yamlio.py",
    "positions.py",
    "pyyaml_reader.py",
    "yamlwords.py",
    "workspace/folders.py",
    "workspace/located.py",
    "workspace/plans.py",
    "workspace/checks.py",
    "workspace/units.py",
    "workspace/loader.py",
)
_MEANING = {
    PARSE: _READING,
    PLAN: _READING,
    DIGESTS: (
        *_READING,
        "dates.py",
        "workdays.py",
        "phrases.py",
        "almanac.py",
        "year/scope.py",
        "year/items.py",
        "year/milestones.py",
        "year/rates.py",
        "year/digest.py",
        "year/digest_fast.py",
        "digest_plain.py",
        "collect.py",
    ),
    CHECKS: (*_READING, "dates.py", "phrases.py", "almanac.py", "year/scope.py"),
}

StatKey = tuple[int, int, int, int, int]


def cache_dir() -> Path | None:
    """Where the caches go; None when there is nowhere (no home folder: HOME unset for a
    user with no passwd entry, as in some containers and cron jobs)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # (the XDG rule: a relative path is ignored)
        try:
            home = Path.home()
        except (RuntimeError, KeyError, OSError):
            return None
        if not home.is_absolute():
            return None
        base = str(home / ".cache")
    return Path(base) / "guanxin"


def enabled() -> bool:
    off = os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")
    return not off and cache_dir() is not None


# -------------------------------------------------------------- whose files we read

# Files a cache folder may hold that guanxin reads: the owner and mode are checked by
# the open file itself, so a file swapped in between the check and the read is checked.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0)
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


def _me() -> int | None:
    """This process's user id; None where there are none to compare (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _mine(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    me = _me()
    return me is None or (st.st_uid == me and not st.st_mode & _OTHERS_WRITE)


def usable_folder(folder: Path, *, create: bool) -> bool:
    """Whether guanxin may keep caches in ``folder``: its own (made 0700 when missing, with
    ``create``), never another user's. A folder of ours that others may write is made
    0700, but is not read from this run (:func:`trusted_folder`)."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            _make_private(folder)
            st = os.stat(folder)
        except OSError:
            return False
    except OSError:
        return False
    me = _me()
    if not stat.S_ISDIR(st.st_mode) or (me is not None and st.st_uid != me):
        return False
    if me is not None and st.st_mode & _OTHERS_WRITE:
        _DISTRUSTED.add(os.path.abspath(folder))
        try:
            os.chmod(folder, stat.S_IMODE(st.st_mode) & ~0o077)
        except OSError:
            return False
    return True


def _make_private(folder: Path) -> None:
    """Make ``folder`` and each missing folder above it, every one 0700 whatever the umask
    (folders that were there already are left as they are)."""
    missing = []
    here = folder
    while not os.path.lexists(here) and here.parent != here:
        missing.append(here)
        here = here.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # (made by another run meanwhile)
            if path == folder:
                raise
            continue
        os.chmod(path, 0o700)  # (the umask may have taken bits from mkdir's 0700)


# Folders found open to others in this run: not read from for the rest of it, even once
# made 0700 (what is in them was open to others until then).
_DISTRUSTED: set[str] = set()


def trusted_folder(folder: Path) -> bool:
    """Whether files in ``folder`` may be read: ours, and writable by no one else (and
    so since this run began)."""
    name = os.path.abspath(folder)
    if name in _DISTRUSTED:
        return False
    try:
        st = os.stat(folder)
    except OSError:
        return False
    if stat.S_ISDIR(st.st_mode) and _mine(st):
        return True
    _DISTRUSTED.add(name)
    return False


def read_trusted(path: Path) -> bytes | None:
    """The bytes of a cache file of ours (a regular file we own that no one else may
    write, in a folder of ours no one else may write), else None."""
    if not trusted_folder(path.parent):
        return None
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _mine(st):
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)


# Libraries whose version changes what a file means (validation, YAML, working days), by
# import name and distribution name.
_LIBRARIES = (
    ("pydantic", "pydantic"),
    ("pydantic_core", "pydantic-core"),
    ("yaml_rs", "yaml-rs"),
    ("yaml", "PyYAML"),
    ("chinese_calendar", "chinesecalendar"),
    ("borax", "borax"),
)


@cache
def fingerprint(name: str = PARSE) -> str:
    from . import __version__

    digest = hashlib.sha256(f"{__version__}|{_libraries()}".encode())
    here = Path(__file__).parent
    for module in _MEANING[name]:
        try:
            digest.update((here / module).read_bytes())
        except OSError:  # (moved, or installed without its sources): its name stands in
            digest.update(f"{module} missing".encode())
    return digest.hexdigest()


def _libraries() -> str:
    """Each library's installed version, found without importing it (a run the cache
    serves never imports Pydantic): its ``*.dist-info`` folder's name and the checksum of
    the ``RECORD`` in it (a checksum of every file installed), and its module file's size
    and times (a file written again has a new change time, whatever times it was given)."""
    found = []
    listings: dict[str, list[str]] = {}
    for lib, dist in _LIBRARIES:
        where = installed(lib, dist, listings)
        if where is None:
            found.append(f"{lib}=-")
            continue
        origin, site, entry = where
        try:
            st = os.stat(origin)
            here = f"{origin}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"
        except OSError:
            here = f"{origin}:-"
        found.append(f"{lib}={here}:{_record(site, entry)}")
    return "|".join(found)


def installed(
    lib: str, dist: str, listings: dict[str, list[str]] | None = None
) -> tuple[str, str, str | None] | None:
    """Where the library ``lib`` (import name) is, without importing it: its module file,
    the folder it is installed in, and the ``<name>-<version>.dist-info`` folder of its
    distribution ``dist`` there, as importlib.metadata finds it (None if there is none).
    None if it is not installed. ``listings`` keeps folders' entries between calls."""
    from importlib.util import find_spec

    try:
        spec = find_spec(lib)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    origin = spec.origin
    package = os.path.dirname(origin) if spec.submodule_search_locations else origin
    site = os.path.dirname(package)
    listings = {} if listings is None else listings
    if site not in listings:
        try:
            listings[site] = sorted(os.listdir(site))
        except OSError:
            listings[site] = []
    want = _normal(dist)
    for entry in listings[site]:
        if entry.endswith(".dist-info") and _normal(entry.partition("-")[0]) == want:
            return origin, site, entry
    return origin, site, None


def _record(site: str, entry: str | None) -> str:
    """The dist-info folder ``entry`` and the checksum of its RECORD, or "-"."""
    if entry is None:
        return "-"
    try:
        record = Path(site, entry, "RECORD").read_bytes()
    except OSError:
        return entry
    return f"{entry}:{hashlib.sha256(record).hexdigest()}"


def _normal(name: str) -> str:
    """A distribution's name as folder names may spell it (PyYAML, pyyaml; pydantic-core,
    pydantic_core; chinesecalendar, chinese_calendar)."""
    return name.lower().replace("-", "").replace("_", "").replace(".", "")


def stat_key(path: str | Path) -> StatKey | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


# The record types a kind of entry holds, turned into plain values and back by plain.py;
# entries of any other kind hold plain values their makers check (digests).
def _records() -> dict[str, type]:
    from .models import Plan, School

    return {"plan": Plan, "school": School}


Entry = tuple[StatKey, str, Any]


class ParseCache:
    """Entries by absolute path; ``get`` before parsing, ``put`` after a clean load, ``save``.

    Entries of kind ``plan`` and ``school`` are records (:mod:`.plain` turns them into
    plain values and back); any other kind holds plain values as given (msgpack's: the
    digests), which its maker checks when it reads them back."""

    def __init__(self, root: Path, name: str = PARSE, variant: str = "") -> None:
        """``variant``: a separate file for each (a report's window and section), so that
        runs of different reports do not keep replacing each other's entries."""
        where = hashlib.sha256(f"{root.resolve()}|{variant}".encode()).hexdigest()[:20]
        self.name = name
        folder = cache_dir()
        self.path = (folder or Path(os.devnull)) / f"{name}-{where}.msgpack"
        self.off = folder is None
        self.now_ns = time.time_ns()
        self.records = _records()
        self.old: dict[str, Entry] = {} if self.off else self._read()
        self.new: dict[str, Entry] = {}
        self.hits = 0
        self.changed = False  # an entry was put (made, or made again in place of a bad one)

    def _read(self) -> dict[str, Entry]:
        raw = read_trusted(self.path)
        if raw is None:
            return {}
        head = len(MAGIC) + 32
        body = raw[head:]
        if raw[: len(MAGIC)] != MAGIC or hashlib.sha256(body).digest() != raw[len(MAGIC) : head]:
            return {}
        try:
            import msgpack

            # plain data only: ext types come back as ExtType objects, which no check passes
            loaded = msgpack.unpackb(body, use_list=False, raw=False, strict_map_key=True)
        except Exception:  # anything at all: a cache must never be the reason a run fails
            return {}
        if loaded.__class__ is not tuple or len(loaded) != 2:
            return {}
        stamp, entries = loaded
        if stamp != fingerprint(self.name) or entries.__class__ is not dict:
            return {}
        # each entry is checked when it is looked up (a malformed one is a miss)
        return entries

    def holds(self, kind: str) -> bool:
        """Whether any entry was made as ``kind`` (else no file needs looking up)."""
        return any(_entry_kind(entry) == kind for entry in self.old.values())

    def get(self, path: str | Path, kind: str, key: StatKey | None) -> Any | None:
        if key is None:
            return None
        name = os.path.abspath(path)
        entry = self.old.get(name)
        if entry.__class__ is not tuple or len(entry) != 3 or entry[0] != key or entry[1] != kind:
            return None
        value = entry[2]
        record = self.records.get(kind)
        if record is not None:
            from . import plain

            try:
                value = plain.load(record, value)
            except (plain.Malformed, plain.Unsupported):
                return None
        self.new[name] = entry
        self.hits += 1
        return value

    def put(self, path: str | Path, kind: str, key: StatKey | None, value: Any) -> None:
        """Keep ``value`` for ``path`` as ``kind``: a record of its kind, or plain values."""
        if key is None or self.off:
            return
        racy_ns = int(RACY_SECONDS * 1e9)
        if self.now_ns - max(key[1], key[2]) < racy_ns:
            return
        record = self.records.get(kind)
        if record is not None:
            from . import plain

            try:
                value = plain.dump(value)
            except plain.Unsupported:
                return
        self.new[os.path.abspath(path)] = (key, kind, value)
        self.changed = True

    def save(self) -> None:
        """Write the entries used or made this run (so deleted files drop out), atomically."""
        if self.off or (
            not self.changed and self.new.keys() == self.old.keys() and self.hits == len(self.new)
        ):
            return  # nothing changed
        folder = self.path.parent
        if not usable_folder(folder, create=True):
            return  # another user's folder, or none to be had: only costs speed
        try:
            import msgpack

            body = msgpack.packb((fingerprint(self.name), self.new), use_bin_type=True)
            _replace(self.path, MAGIC + hashlib.sha256(body).digest() + body)
        except (OSError, ValueError, TypeError, OverflowError):
            pass  # a read-only or full cache folder only costs speed


def _entry_kind(entry: object) -> object:
    return entry[1] if isinstance(entry, tuple) and len(entry) == 3 else None


def _replace(path: Path, data: bytes) -> None:
    """Put ``data`` in place of ``path`` in one rename; the new file is 0600 (mkstemp's),
    whatever the umask. Temp files killed writers left are removed first."""
    import tempfile  # (imports shutil and more: only when writing)

    from .atomic import TEMP_SUFFIX, stale_temps

    for stale in stale_temps(path.parent):
        with contextlib.suppress(OSError):
            stale.unlink()
    prefix = f".{path.name}.{os.getpid()}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o600)  # (mkstemp's 0600, less what the umask took)
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
