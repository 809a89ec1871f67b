"""The caches: validated models, and per-school digests, from earlier runs.

The parse cache lets a repeat run skip YAML parsing and validation for every file that has
not changed; the cross-file checks in ``loading.py`` still run each time. The digest cache
(``digest.py``) keeps what ``status`` and ``overdue`` need from each school file as of a
date, so a repeat run on the same day only adds them up. One file of each per
workspace in the user's cache folder (``GUANXIN_CACHE_DIR``, else
``$XDG_CACHE_HOME/guanxin``, else ``~/.cache/guanxin``); ``GUANXIN_NO_CACHE=1`` turns it off.

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
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from functools import cache
from pathlib import Path
from typing import Any

ENV_DIR = "GUANXIN_CACHE_DIR"
ENV_OFF = "GUANXIN_NO_CACHE"
MAGIC = b"guanxin-parse-cache 1\n"
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
    "loading.py",
)
_MEANING = {
    PARSE: _READING,
    PLAN: _READING,
    DIGESTS: (*_READING, "dates.py", "phrases.py", "tracking.py", "digest.py"),
    CHECKS: (*_READING, "dates.py", "phrases.py"),
}

StatKey = tuple[int, int, int, int, int]


def cache_dir() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "guanxin"


def enabled() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() in ("", "0", "false", "no")


# Libraries whose version changes what a file means (validation, YAML, working days), by
# import name and distribution name.
_LIBRARIES = (
    ("pydantic", "pydantic"),
    ("pydantic_core", "pydantic-core"),
    ("yaml_rs", "yaml-rs"),
    ("yaml", "PyYAML"),
    ("chinese_calendar", "chinesecalendar"),
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


class ParseCache:
    """Models by absolute path; ``get`` before parsing, ``put`` after a clean load, ``save``."""

    def __init__(self, root: Path, name: str = PARSE, variant: str = "") -> None:
        """``variant``: a separate file for each (a report's window and section), so that
        runs of different reports do not keep replacing each other's entries."""
        where = hashlib.sha256(f"{root.resolve()}|{variant}".encode()).hexdigest()[:20]
        self.name = name
        self.path = cache_dir() / f"{name}-{where}.pickle"
        self.now_ns = time.time_ns()
        self.old: dict[str, tuple[StatKey, str, Any]] = self._read()
        self.new: dict[str, tuple[StatKey, str, Any]] = {}
        self.hits = 0

    def _read(self) -> dict[str, tuple[StatKey, str, Any]]:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        head = len(MAGIC) + 32
        body = raw[head:]
        if raw[: len(MAGIC)] != MAGIC or hashlib.sha256(body).digest() != raw[len(MAGIC) : head]:
            return {}
        try:
            stamp, entries = pickle.loads(body)
        except Exception:  # anything at all: a cache must never be the reason a run fails
            return {}
        if stamp != fingerprint(self.name) or not isinstance(entries, dict):
            return {}
        return entries

    def holds(self, kind: str) -> bool:
        """Whether any entry was made as ``kind`` (else no file needs looking up)."""
        return any(entry[1] == kind for entry in self.old.values())

    def get(self, path: str | Path, kind: str, key: StatKey | None) -> Any | None:
        if key is None:
            return None
        name = os.path.abspath(path)
        entry = self.old.get(name)
        if entry is None or entry[0] != key or entry[1] != kind:
            return None
        self.new[name] = entry
        self.hits += 1
        return entry[2]

    def put(self, path: str | Path, kind: str, key: StatKey | None, model: Any) -> None:
        if key is None:
            return
        racy_ns = int(RACY_SECONDS * 1e9)
        if self.now_ns - max(key[1], key[2]) < racy_ns:
            return
        self.new[os.path.abspath(path)] = (key, kind, model)

    def save(self) -> None:
        """Write the entries used or made this run (so deleted files drop out), atomically."""
        if self.new.keys() == self.old.keys() and self.hits == len(self.new):
            return  # nothing changed
        try:
            body = pickle.dumps(
                (fingerprint(self.name), self.new), protocol=pickle.HIGHEST_PROTOCOL
            )
            self.path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # (imports shutil and more: only when writing)

            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(MAGIC + hashlib.sha256(body).digest() + body)
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError):
            pass  # a read-only or full cache folder only costs speed
