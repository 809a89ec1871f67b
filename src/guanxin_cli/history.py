"""What git knows about the data files: when each last changed, and a school's progress over time.

Plain ``git`` subprocesses (no GitPython): one ``git log`` for :func:`last_changed`, and one
``git log`` plus one ``git cat-file --batch`` for :func:`progress_history`, however long the
history.  When the folder is not in a git repository or git is not installed, the functions
say so (``None`` / :class:`NoHistory`) instead of failing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    exe = shutil.which("git")
    if exe is None:
        raise NoHistory("no_git")
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
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


def last_changed(ws_root: Path, paths: list[Path]) -> dict[Path, dt.date | None]:
    """The date of the last commit that touched each path (author date, author's time zone).

    Keys are the ``paths`` exactly as given.  A path with no commit maps to ``None``, and
    so does every path when ``ws_root`` is not in a git repository or git is missing.
    Uncommitted edits do not count: this is about recorded history.  One ``git log`` call.
    """
    result: dict[Path, dt.date | None] = dict.fromkeys(paths)
    if not paths:
        return result
    root = ws_root.resolve()
    wanted: dict[str, list[Path]] = {}
    for path in paths:
        full = path if path.is_absolute() else root / path
        try:
            rel = full.resolve().relative_to(root).as_posix()
        except ValueError:
            continue  # outside the workspace: git log from here cannot see it
        wanted.setdefault(rel, []).append(path)
    if not wanted:
        return result
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
                *sorted(wanted),
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
    """One progress key (or audit) whose recorded state changed in a commit."""

    key: str
    old: str | None  # status before (None: the entry did not exist)
    new: str | None  # status after (None: the entry was removed)
    date: str | None = None  # the entry's date after the change, when it has one


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


def _state(data: Any) -> tuple[dict[str, tuple[str, str | None]], set[str]]:
    """Progress key → (status, date), and the audit ids, from one parsed revision."""
    progress: dict[str, tuple[str, str | None]] = {}
    audits: set[str] = set()
    if not isinstance(data, dict):
        return progress, audits
    raw = data.get("progress")
    if isinstance(raw, dict):
        for key, entry in raw.items():
            if isinstance(entry, dict):
                date = entry.get("date") or entry.get("started")
                progress[str(key)] = (str(entry.get("status")), str(date) if date else None)
    for audit in data.get("audits") or []:
        if isinstance(audit, dict) and audit.get("id"):
            audits.add(str(audit["id"]))
    return progress, audits


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
    before: tuple[dict[str, tuple[str, str | None]], set[str]] | None = None
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


def _diff(
    before: tuple[dict[str, tuple[str, str | None]], set[str]] | None,
    after: tuple[dict[str, tuple[str, str | None]], set[str]],
) -> list[Change]:
    old_progress, old_audits = before or ({}, set())
    new_progress, new_audits = after
    changes: list[Change] = []
    for key, (status, date) in new_progress.items():
        old = old_progress.get(key)
        if old is None or old[0] != status:
            changes.append(Change(key, old[0] if old else None, status, date))
    changes.extend(
        Change(key, old[0], None) for key, old in old_progress.items() if key not in new_progress
    )
    changes.extend(Change(f"audit:{a}", None, "added") for a in sorted(new_audits - old_audits))
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
