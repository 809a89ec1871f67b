"""Shared fixtures: every test works on real files in a temp folder, never on the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCE_DOC = REPO / "plans" / "source" / "jintan-2022-work-points.txt"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No hidden inputs: language, workspace, cache and colours come from the test."""
    for var in ("GUANXIN_LANG", "GUANXIN_ROOT", "FORCE_COLOR", "GUANXIN_DEBUG", "GUANXIN_NOW"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))
    monkeypatch.setenv("GUANXIN_CACHE_DIR", str(tmp_path / ".cache" / "guanxin"))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the repo's plan and sample schools, safe to break."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    return root


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Run guanxin in-process: ``run(["check"], cwd=path)`` → Result(code, out, err)."""
    from guanxin_cli import options
    from guanxin_cli.cli import main

    def _run(args: list[str], cwd: Path | None = None) -> Result:
        capsys.readouterr()
        if cwd is not None:
            monkeypatch.chdir(cwd)
        options._state["lang"] = "en" if os.environ.get("GUANXIN_LANG") == "en" else "zh"
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield _run


def run_process(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    """Run guanxin as a real process (for exit codes, TZ, signals, stdin-less cron runs)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    full_env.update({"NO_COLOR": "1", **(env or {})})
    proc = subprocess.run(
        [sys.executable, "-m", "guanxin_cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.hookimpl(trylast=True)  # (after -m has deselected what it leaves out)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``fast`` need the fast extra (yaml-rs). Without it, stop and say so,
    rather than fail them one by one or skip them unseen: install it, or leave them out
    with ``-m 'not fast'`` (as the README's test command does for its first run)."""
    try:
        import yaml_rs  # noqa: F401
    except ImportError:
        wanting = [item.nodeid for item in items if item.get_closest_marker("fast")]
        if wanting:
            raise pytest.UsageError(
                f"{len(wanting)} selected tests need the fast extra (yaml-rs), not installed: "
                "pip install -e '.[test,fast]', or run with -m 'not fast'"
            ) from None
