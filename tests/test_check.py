"""``guanxin check`` of the whole workspace (``workspace.loader.check_units``): every problem of
every unit file, in the same order however it is found — in one process or shared with
workers, first or from the check cache — and with nothing of the reports' digests."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from guanxin_cli import cache, collect, workers, yamlio

from .conftest import REPO

_REAL_LOAD = yamlio.load


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample workspace, with files broken in each way check reports."""
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # files a test writes count as settled
    root = tmp_path / "ws"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "data", root / "data")
    schools = root / "data" / "schools"
    hebin = schools / "hebin-primary.yaml"
    hebin.write_text(hebin.read_text(encoding="utf-8").replace("type: ", "type: nursery #", 1))
    chaoyang = (schools / "chaoyang-primary.yaml").read_text(encoding="utf-8")
    (schools / "again.yaml").write_text(chaoyang.replace("id: chaoyang-primary", "id: again"))
    (schools / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    (schools / "outside.yaml").symlink_to(REPO / "README.md")
    return root


def check(run: Any, root: Path, *args: str) -> tuple[int, str, str]:
    result = run(["check", "--root", str(root), *args])
    return result.code, result.out, result.err


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read from now on (by name)."""
    read: list[str] = []

    def load(path: Path, **kw: Any) -> yamlio.Document:
        read.append(Path(path).name)
        return _REAL_LOAD(path, **kw)

    monkeypatch.setattr(yamlio, "load", load)
    return read


def test_every_problem_is_reported_as_always(run: Any, ws: Path) -> None:
    code, out, _ = check(run, ws)
    assert code == 1
    lines = out.splitlines()
    # file by file, in the folder's order (chaoyang-primary.yaml shares its name with
    # again.yaml: said on the second of the two); outside.yaml is refused unread, last
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in lines[:-1]] == [
        "broken.yaml",
        "chaoyang-primary.yaml",
        "hebin-primary.yaml",
        "README.md",  # (where outside.yaml leads)
    ], out
    assert "工作区之外" in lines[-2]


def test_without_digests(run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking makes no report's digest."""
    expected = check(run, ws)

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("check went through the digests")

    monkeypatch.setattr(collect, "collect", refuse)
    monkeypatch.setattr(collect._Maker, "make", refuse)
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    assert check(run, ws) == expected


def test_the_same_in_workers_and_from_the_cache(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as plain:
        plain.setenv("GUANXIN_NO_CACHE", "1")
        plain.setenv(workers.ENV_JOBS, "1")
        expected = check(run, ws)
        assert check(run, ws, "--json") != expected
        expected_json = check(run, ws, "--json")
    monkeypatch.setattr(workers, "LEAST", 1)
    monkeypatch.setenv(workers.ENV_JOBS, "2")
    assert check(run, ws) == expected  # first: shared with a worker
    monkeypatch.setenv(workers.ENV_JOBS, "1")  # (then every file read is read here)
    read = reads(monkeypatch)
    assert check(run, ws) == expected  # again: the good files from the cache
    assert check(run, ws, "--json") == expected_json
    # only the bad ones (and the office's, for its directory of liaisons)
    assert sorted(set(read)) == ["broken.yaml", "hebin-primary.yaml", "office.yaml"]


def test_a_file_changed_or_a_new_plan_is_checked_again(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(run, ws)
    read = reads(monkeypatch)
    chaoyang = ws / "data" / "schools" / "chaoyang-primary.yaml"
    chaoyang.write_text(chaoyang.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    check(run, ws)
    assert "chaoyang-primary.yaml" in read and "hetou-primary.yaml" not in read
    read.clear()
    plan = ws / "plans" / "2022.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    check(run, ws)
    assert "hetou-primary.yaml" in read  # (checked against the plan it was: read again)


def test_where_fork_is_not_the_way_one_process_checks_everything(
    run: Any, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fork; on macOS, frameworks may not survive one: no worker there."""
    monkeypatch.setenv("GUANXIN_NO_CACHE", "1")
    expected = check(run, ws)
    monkeypatch.setattr(workers, "LEAST", 1)
    monkeypatch.setenv(workers.ENV_JOBS, "2")
    monkeypatch.setattr(workers.sys, "platform", "darwin")

    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert check(run, ws) == expected
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(workers.sys, "platform", "win32")
    assert check(run, ws) == expected
