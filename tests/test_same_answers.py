"""The same answer, byte for byte, however it is worked out: with yaml_rs (the ``fast``
extra) or PyYAML alone, in one process or shared with workers, first run or repeat."""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO

SCHOOLS = 450  # enough files for worker processes (workers.LEAST)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workspace (bench/generate.py) of :data:`SCHOOLS` schools."""
    spec = importlib.util.spec_from_file_location(
        "guanxin_bench_generate", REPO / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    root = tmp_path_factory.mktemp("big") / "ws"
    generate.generate(SCHOOLS, root)
    return root


@pytest.fixture(scope="module")
def without_yaml_rs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that, first on PYTHONPATH, makes ``import yaml_rs`` fail as where the fast
    extra is not installed."""
    folder = tmp_path_factory.mktemp("no-yaml-rs")
    (folder / "yaml_rs.py").write_text(
        "raise ImportError('yaml_rs: not installed here')\n", encoding="utf-8"
    )
    code = "from guanxin_cli import yamlio; print(yamlio.HAVE_YAML_RS)"
    env = {**os.environ, "PYTHONPATH": str(folder)}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert found.stdout == "False\n", found.stderr
    return folder


def answer(args: list[str], cwd: Path, cache: Path, **env: str) -> tuple[int, bytes]:
    """Exit code and stdout of a real run."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("GUANXIN_")}
    proc = subprocess.run(
        [sys.executable, "-m", "guanxin_cli", *args],
        cwd=cwd,
        env={**base, "NO_COLOR": "1", "GUANXIN_CACHE_DIR": str(cache), **env},
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return proc.returncode, proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json", "--as-of", "2022-07-01"],
        ["overdue", "--as-of", "2022-07-01", "--by", "liaison"],
        ["check", "--json"],
    ],
    ids=["status", "overdue", "check"],
)
def test_with_or_without_yaml_rs_and_workers_the_same_bytes(
    big: Path, without_yaml_rs: Path, tmp_path: Path, args: list[str]
) -> None:
    ways = {
        "as installed": {},
        "without yaml_rs": {"PYTHONPATH": str(without_yaml_rs)},
        "one process": {"GUANXIN_JOBS": "1"},
        "one process, without yaml_rs": {"GUANXIN_JOBS": "1", "PYTHONPATH": str(without_yaml_rs)},
    }
    answers = {}
    for name, env in ways.items():
        cache = tmp_path / name
        first = answer(args, big, cache, **env)
        assert answer(args, big, cache, **env) == first, f"{name}: repeat run"
        answers[name] = first
    assert len(answers["as installed"][1]) > 10_000
    for name, got in answers.items():
        assert got == answers["as installed"], name


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json", "--as-of", "2022-06-30"],
        ["overdue", "--as-of", "2022-07-01"],
        ["check", "--json"],
    ],
    ids=["status", "overdue", "check"],
)
def test_the_bundled_answers_the_same_every_way(
    without_yaml_rs: Path, tmp_path: Path, args: list[str]
) -> None:
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    plain = answer(args, nowhere, tmp_path / "a", PYTHONPATH=str(without_yaml_rs))
    assert answer(args, nowhere, tmp_path / "a", PYTHONPATH=str(without_yaml_rs)) == plain
    for n, env in enumerate(({}, {"GUANXIN_JOBS": "1"}, {"GUANXIN_NO_CACHE": "1"})):
        cache = tmp_path / f"way-{n}"
        assert answer(args, nowhere, cache, **env) == plain  # first run
        assert answer(args, nowhere, cache, **env) == plain  # repeat run


def _same_answers_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "guanxin_same_answers", REPO / "scripts" / "same_answers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_before_and_after_script_finds_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``scripts/same_answers.py`` (two versions side by side, for changes that must not
    change behaviour): the same code installed elsewhere gives the same answers (where
    the bundled sample is aside), and one changed message is found."""
    same = _same_answers_script()
    monkeypatch.setattr(same, "REPORTS", {"check": ["check"], "check --json": ["check", "--json"]})
    monkeypatch.setattr(same, "WAYS", (("cache", {}, 2),))
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    places = {"bundled": nowhere}
    copy = tmp_path / "copy" / "src"
    shutil.copytree(REPO / "src" / "guanxin_cli", copy / "guanxin_cli")
    here = dict(same.answers(REPO / "src", places, tmp_path / "c1"))
    there = dict(same.answers(copy, places, tmp_path / "c2"))
    assert len(here) == 4 and b"BUNDLED/" in here["bundled: check --json (cache, first run)"][1]
    assert same.differences(here, there) == []
    catalog = copy / "guanxin_cli" / "messages" / "core.py"
    catalog.write_text(catalog.read_text("utf-8").replace("没有发现问题", "没有问题"), "utf-8")
    changed = dict(same.answers(copy, places, tmp_path / "c3"))
    assert same.differences(here, changed) == [
        "bundled: check (cache, first run): stdout differs",
        "bundled: check (cache, repeat run): stdout differs",
    ]


def test_where_fork_is_not_the_way_one_process_makes_every_digest(
    run,  # type: ignore[no-untyped-def]
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows (no fork), macOS (spawn): the reports are made in this process alone, and
    are the same."""
    from guanxin_cli import workers

    args = ["status", "--json", "--as-of", "2022-07-01", "--root", str(workspace)]
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    expected = run(args)
    monkeypatch.setattr(workers, "LEAST", 1)
    monkeypatch.setenv(workers.ENV_JOBS, "2")

    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    for platform, methods in (("darwin", ["fork", "spawn", "forkserver"]), ("win32", ["spawn"])):
        monkeypatch.setattr(workers.sys, "platform", platform)
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda m=methods: m)
        assert run(args) == expected
