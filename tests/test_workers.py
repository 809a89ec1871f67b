"""Files' work shared with forked worker processes (``workers.each``): every result back in
order; a worker's failure raised here, a worker's death noticed; no worker left behind;
one process where fork is not the platform's way."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from guanxin_cli import workers


@pytest.fixture(autouse=True)
def _few_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "LEAST", 1)
    monkeypatch.setenv(workers.ENV_JOBS, "2")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_every_result_comes_back_in_order_from_the_workers() -> None:
    main = os.getpid()
    results = list(workers.each(range(300), lambda n: (n, main), lambda n: (n * n, os.getpid())))
    assert [value for _, (value, _) in results] == [n * n for n in range(300)]
    assert all(not mine for mine, _ in results)
    pids = {pid for _, (_, pid) in results}
    assert main not in pids and 1 <= len(pids) <= 2
    time.sleep(0.2)
    assert all(_gone(pid) for pid in pids)  # and all of them ended


def test_an_error_in_a_worker_is_raised_here() -> None:
    def there(n: int) -> int:
        raise ValueError(f"job {n} went wrong")

    with pytest.raises(ValueError, match="went wrong"):
        list(workers.each(range(10), lambda n: n, there))


def test_a_worker_that_dies_is_noticed() -> None:
    def there(n: int) -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return n  # pragma: no cover

    with pytest.raises(BrokenProcessPool):
        list(workers.each(range(10), lambda n: n, there))


def test_an_error_here_or_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    """What the workers have in hand is finished; the rest is never started."""
    pids = tmp_path / "pids"

    def there(n: int) -> int:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(0.05)
        return n

    for stop in (KeyboardInterrupt, ValueError):
        started = time.monotonic()
        with pytest.raises(stop):
            for _ in workers.each(range(400), lambda n: n, there):
                raise stop()
        assert time.monotonic() - started < 10  # (400 items of 0.05 s: not all of them)
        busy = {int(pid) for pid in pids.read_text().split()}
        assert busy and len(pids.read_text().split()) < 200
        time.sleep(0.2)
        assert all(_gone(pid) for pid in busy)
        pids.unlink()


@pytest.mark.parametrize(
    ("platform", "methods"),
    [("darwin", ["fork", "spawn", "forkserver"]), ("win32", ["spawn"]), ("linux", ["spawn"])],
)
def test_where_fork_is_not_the_way_this_process_does_every_job(
    monkeypatch: pytest.MonkeyPatch, platform: str, methods: list[str]
) -> None:
    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(workers.sys, "platform", platform)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: methods)
    assert list(workers.each(range(5), lambda n: n, lambda n: -n)) == [(True, n) for n in range(5)]


def test_one_process_or_few_items_need_no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(workers.ENV_JOBS, "1")
    assert all(mine for mine, _ in workers.each(range(5), lambda n: n, lambda n: -n))
    monkeypatch.setenv(workers.ENV_JOBS, "2")
    monkeypatch.setattr(workers, "LEAST", 400)
    assert all(mine for mine, _ in workers.each(range(399), lambda n: n, lambda n: -n))
