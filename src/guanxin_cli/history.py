"""What git knows about the data files: when each last changed, and a school's progress over time.

Plain ``git`` subprocesses (no GitPython): one ``git log`` for :func:`last_changed`, and one
``git log`` plus one ``git cat-file --batch`` for :func:`progress_history`, however long the
history.  When the folder is not in a git repository or git is not installed, the functions
say so (``None`` / :class:`NoHistory`) instead of failing.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import yamlio
from .errors import DataError

GIT_TIMEOUT = 60.0
_SEP = "\x1f"  # between fields of one commit line
_MARK = "\x1e"  # starts a commit line, so file names can never be mistaken for one


class NoHistory(Exception):
    """Why there is no history: ``reason`` is ``"no_git"``, ``"not_git"`` or ``"failed"``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    import shutil

    exe = shutil.which("git")
    if exe is None:
        raise NoHistory("no_git")
    env = {
        **os.environ,
        "GIT_PAGER": "cat",
        "LC_ALL": "C",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_LITERAL_PATHSPECS": "1",  # a file or folder name is never a pattern
    }
    try:
        proc = subprocess.run(
            [exe, "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoHistory("failed", str(exc)) from None
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in err:
            raise NoHistory("not_git")
        if "does not have any commits" in err or "bad default revision" in err:
            return b""
        raise NoHistory("failed", err.splitlines()[-1] if err else f"exit {proc.returncode}")
    return proc.stdout


def _symlinks(folder: str) -> set[str]:
    try:
        with os.scandir(folder) as listing:
            return {e.name for e in listing if e.is_symlink()}
    except OSError:
        return set()


_MANY_FILES = 200  # above this many files, ``git log`` is given their folders


def _maybe_repo(folder: Path) -> bool:
    """Whether git could find a repository here (saves working out 20,000 paths for nothing)."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((f / ".git").exists() for f in (folder, *folder.parents))


P = TypeVar("P", str, Path)


# guanxin's own source checkout (src/guanxin_cli/history.py → the repository), if this
# is one: its commits are guanxin's, not a workspace's
_SOURCE_CHECKOUT = Path(__file__).resolve().parents[2]


def has_own_history(ws_root: Path) -> bool:
    """Whether the workspace's commits are its own: not the samples bundled in the package,
    nor the plan and samples in a checkout of guanxin's own repository (a 2022 report
    would show the dates guanxin's developers committed them)."""
    try:
        root = ws_root.resolve()
    except (OSError, RuntimeError):
        return False
    source = _SOURCE_CHECKOUT
    if not (source / "pyproject.toml").is_file() or not (source / "src" / "guanxin_cli").is_dir():
        return True  # an installed copy: no repository of guanxin's around it
    return root != source and source not in root.parents


def last_changed(ws_root: Path, paths: list[P]) -> dict[P, dt.date | None]:
    """The date of the last commit that touched each path (author date, author's time zone).

    Keys are the ``paths`` exactly as given.  A path with no commit maps to ``None``, and
    so does every path when ``ws_root`` is not in a git repository or git is missing.
    Uncommitted edits do not count: this is about recorded history.  One ``git log`` call.
    """
    result: dict[P, dt.date | None] = dict.fromkeys(paths)
    root = ws_root.resolve()
    if not paths or not _maybe_repo(root):
        return result
    top = str(root) + os.sep
    by_folder: dict[str, list[tuple[str, P]]] = {}
    for path in paths:
        # string work only: Path operations on 20,000 files cost a good part of a second
        text = os.fspath(path)
        folder, _, name = (text if os.path.isabs(text) else top + text).rpartition(os.sep)
        by_folder.setdefault(folder, []).append((name, path))
    wanted: dict[str, list[P]] = {}
    for folder, members in by_folder.items():
        # each folder resolved and listed once, not every file looked at
        links = _symlinks(folder)
        real_folder = os.path.realpath(folder) + os.sep
        for name, path in members:
            if name in links:
                real = os.path.realpath(os.path.join(folder, name))
            else:
                real = real_folder + name
            if real.startswith(top):  # else outside the workspace: git log cannot see it
                wanted.setdefault(real[len(top) :].replace(os.sep, "/"), []).append(path)
    if not wanted:
        return result
    # many files: name their folders instead (a command line has a length limit)
    specs: list[str]
    if len(wanted) <= _MANY_FILES:
        specs = sorted(wanted)
    else:
        specs = sorted({w.rpartition("/")[0] or "." for w in wanted})
    try:
        out = _git(
            [
                "log",
                f"--format={_MARK}%ad",
                "--date=short",
                "--name-only",
                "--relative",
                "--no-renames",
                "-z",
                "--",
                *specs,
            ],
            root,
        )
    except NoHistory:
        return result
    day: dt.date | None = None
    pending = set(wanted)
    for chunk in out.decode("utf-8", "replace").split("\x00"):
        chunk = chunk.strip("\n")
        if not chunk:
            continue
        if chunk.startswith(_MARK):
            head, _, first_file = chunk[1:].partition("\n")
            day = dt.date.fromisoformat(head.strip())
            chunk = first_file.strip("\n")
            if not chunk:
                continue
        if chunk in pending and day is not None:
            pending.discard(chunk)
            for original in wanted[chunk]:
                result[original] = day
            if not pending:
                break
    return result


# ------------------------------------------------------------------ a file's history


@dataclass(frozen=True)
class Change:
    """One recorded thing that changed in a commit.

    ``field`` says what: ``status`` (old/new are statuses, None when the entry was added or
    removed), ``date`` or ``evidence`` of an entry whose status stayed, ``audit`` (an audit
    added) or ``fixed``/``rechecked``/``closed`` of an audit finding (key ``audit/finding``).
    """

    key: str
    old: str | None
    new: str | None
    date: str | None = None  # the entry's date after the change, when it has one
    field: str = "status"


@dataclass(frozen=True)
class Revision:
    commit: str
    date: dt.date
    author: str
    subject: str
    path: str
    readable: bool
    created: bool
    changes: list[Change] = field(default_factory=list)


FINDING_STEPS = ("fixed", "rechecked", "closed")


@dataclass(frozen=True)
class _Entry:
    status: str
    date: str | None  # done: the day; otherwise the start day
    evidence: tuple[str, ...]


@dataclass
class _State:
    progress: dict[str, _Entry] = field(default_factory=dict)
    audits: set[str] = field(default_factory=set)
    findings: dict[str, dict[str, str]] = field(default_factory=dict)  # "audit/f" → step → day


def _state(data: Any) -> _State:
    """What ``guanxin log`` compares, from one parsed revision (leniently: any shape)."""
    state = _State()
    if not isinstance(data, dict):
        return state
    raw = data.get("progress")
    if isinstance(raw, dict):
        for key, entry in raw.items():
            if isinstance(entry, dict):
                date = entry.get("date") or entry.get("started")
                evidence = entry.get("evidence")
                state.progress[str(key)] = _Entry(
                    str(entry.get("status")),
                    str(date) if date else None,
                    tuple(str(e) for e in evidence) if isinstance(evidence, list) else (),
                )
    audits = data.get("audits")
    for audit in audits if isinstance(audits, list) else []:
        if not (isinstance(audit, dict) and audit.get("id")):
            continue
        state.audits.add(str(audit["id"]))
        findings = audit.get("findings")
        for finding in findings if isinstance(findings, list) else []:
            if isinstance(finding, dict) and finding.get("id"):
                steps = {k: str(finding[k]) for k in FINDING_STEPS if finding.get(k)}
                state.findings[f"{audit['id']}/{finding['id']}"] = steps
    return state


def progress_history(path: Path) -> list[Revision]:
    """Every commit that touched ``path`` (following renames), oldest first, each with the
    progress keys whose status changed and the audits added.  Raises :class:`NoHistory`."""
    folder = path.resolve().parent
    log = _git(
        [
            "log",
            "--follow",
            f"--format={_MARK}%H{_SEP}%ad{_SEP}%an{_SEP}%s",
            "--date=short",
            "--name-only",
            "--",
            path.name,
        ],
        folder,
    )
    commits: list[tuple[str, dt.date, str, str, str]] = []
    for block in log.decode("utf-8", "replace").split(_MARK)[1:]:
        head, _, files = block.partition("\n")
        sha, day, author, subject = [*head.split(_SEP), "", "", ""][:4]
        names = [f for f in files.splitlines() if f.strip()]
        if names:
            commits.append((sha, dt.date.fromisoformat(day), author, subject, names[0]))
    commits.reverse()
    if not commits:
        return []
    request = "".join(f"{sha}:{name}\n" for sha, _, _, _, name in commits).encode("utf-8")
    blobs = _read_blobs(_git(["cat-file", "--batch"], folder, stdin=request), len(commits))
    revisions: list[Revision] = []
    before: _State | None = None
    for (sha, when, author, subject, name), blob in zip(commits, blobs, strict=True):
        data: Any = None
        readable = blob is not None
        if blob is not None:
            try:
                data = yamlio.loads(yamlio.decode(blob, Path(name)), Path(name)).data
            except DataError:
                readable = False
        if not readable:
            revisions.append(Revision(sha, when, author, subject, name, False, before is None))
            continue
        now = _state(data)
        revisions.append(
            Revision(sha, when, author, subject, name, True, before is None, _diff(before, now))
        )
        before = now
    return revisions


def _diff(before: _State | None, after: _State) -> list[Change]:
    old = before or _State()
    changes: list[Change] = []
    for key, entry in after.progress.items():
        was = old.progress.get(key)
        if was is None or was.status != entry.status:
            changes.append(Change(key, was.status if was else None, entry.status, entry.date))
            continue
        if was.date != entry.date:
            changes.append(Change(key, was.date, entry.date, entry.date, field="date"))
        if was.evidence != entry.evidence:
            old_ev, new_ev = "、".join(was.evidence) or None, "、".join(entry.evidence) or None
            changes.append(Change(key, old_ev, new_ev, entry.date, field="evidence"))
    changes.extend(
        Change(key, was.status, None)
        for key, was in old.progress.items()
        if key not in after.progress
    )
    changes.extend(Change(f"audit:{a}", None, "added") for a in sorted(after.audits - old.audits))
    for key, steps in after.findings.items():
        was_steps = old.findings.get(key, {})
        for step in FINDING_STEPS:
            if steps.get(step) != was_steps.get(step):
                day = steps.get(step)
                changes.append(Change(key, was_steps.get(step), day, day, field=step))
    return changes


def _read_blobs(out: bytes, count: int) -> list[bytes | None]:
    """Split ``git cat-file --batch`` output: ``<sha> blob <size>\\n<bytes>\\n`` or ``missing``."""
    blobs: list[bytes | None] = []
    pos = 0
    for _ in range(count):
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[pos : pos + size])
            pos += size + 1
        else:
            blobs.append(None)
    return blobs
