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
