"""Reports into a pipe or a file: 80 columns (or the terminal's, if it is wider), no
spaces at the ends of lines."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from guanxin_cli.clihelp import cells

REPORTS = [
    ["status", "--as-of", "2022-06-30"],
    ["status", "--as-of", "2022-12-31", "--lang", "en"],
    ["timeline", "--as-of", "2022-06-30"],
    ["audit", "--school", "河头", "--as-of", "2022-12-31"],
    ["overdue", "--as-of", "2022-06-30", "--within", "7d"],
    ["overdue", "--as-of", "2022-06-30", "--by", "liaison"],
    ["plan"],
    ["school", "list", "--as-of", "2022-06-30"],
    ["check"],
]


def _run(args: list[str], cwd: Path, stderr: int | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    env.pop("COLUMNS", None)
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "guanxin_cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if stderr is None else stderr,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.parametrize("args", REPORTS, ids=lambda a: " ".join(a))
def test_a_piped_report_fits_80_columns_without_trailing_spaces(
    args: list[str], workspace: Path
) -> None:
    out = _run(args, workspace)
    lines = out.splitlines()
    assert lines
    assert max(cells(line) for line in lines) <= 80, out
    assert all(line == line.rstrip() for line in lines), out


def test_a_wider_terminal_widens_a_piped_report(workspace: Path) -> None:
    """`guanxin timeline | less` in a 120-column terminal uses its width."""
    import fcntl  # (POSIX: a pseudo-terminal of a known width stands in for the user's)
    import pty
    import termios

    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        out = _run(["timeline", "--as-of", "2022-06-30"], workspace, stderr=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert max(cells(line) for line in out.splitlines()) == 120


WHOLE = [
    (["status", "--as-of", "2022-06-30"], ["完成", "逾期", "受阻", "整改", "最近动态", "包校"]),
    (["school", "list", "--as-of", "2022-06-30"], ["类型", "包校", "未完成", "逾期", "整改"]),
    (
        ["school", "list", "--as-of", "2022-06-30", "--lang", "en"],
        ["type", "liaison", "open", "late", "fix", "nine-year school"],
    ),
]


@pytest.mark.parametrize(("args", "words"), WHOLE, ids=lambda a: " ".join(a))
def test_piped_numbers_and_short_columns_stay_whole(
    args: list[str], words: list[str], workspace: Path
) -> None:
    """At 80 columns the name gives way: a count, a date, a type or a liaison is never cut
    to "1…" or "包…" (a cut count reads as another number)."""
    import re

    if args[0] == "status":  # in git: one more column, when each file was last committed
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
        for step in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "schools"]):
            subprocess.run([*git, *step], cwd=workspace, check=True, capture_output=True)
    out = _run(args, workspace)
    assert not re.search(r"[0-9%\-]…", out), out
    for word in words:
        assert word in out, out
    # every school row ends in whole numbers
    rows = [line for line in out.splitlines()[1:] if re.match(r"[a-z0-9-]+ {2,}", line)]
    if args[0] == "school":
        assert rows and all(re.search(r" \d+ +\d+ +\d+$", line) for line in rows), out


def test_the_piped_plan_breaks_its_opening_as_chinese_is_set(workspace: Path) -> None:
    """No line of the opening paragraph begins with "，" (Rich folds wherever it likes)."""
    from guanxin_cli.linebreak import CLOSING

    out = _run(["plan"], workspace)
    opening = out.split("开篇")[1].split("├──")[0]
    lines = [line.lstrip("│├└─ ") for line in opening.splitlines()[1:]]
    assert len(lines) > 2, out
    assert not [line for line in lines if line and line[0] in CLOSING], opening
