"""Jobs shared between this process and forked workers (``fanout.py``): every result
back in order, whichever process made it; a worker's failure said here; no worker left
behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from guanxin_cli import fanout

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: Linux and macOS")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_every_result_comes_back_in_order_from_whichever_process_made_it() -> None:
    main = os.getpid()

    def here(n: int) -> tuple[int, int]:
        time.sleep(0.02)  # (slower here: the workers take their share)
        return n * n, os.getpid()

    def there(n: int) -> tuple[int, int]:
        time.sleep(0.005)
        return n * n, os.getpid()

    results = fanout.share(60, 3, here, there)
    assert [value for _, (value, _) in results] == [n * n for n in range(60)]
    assert all((pid == main) == mine for mine, (_, pid) in results)
    workers = {pid for mine, (_, pid) in results if not mine}
    assert len(workers) == 2  # both workers took jobs, and all of them ended
    assert all(_gone(pid) for pid in workers)
    assert any(mine for mine, _ in results)  # and so did this process


def test_results_larger_than_a_pipe_holds_arrive_whole() -> None:
    big = 3 * 1024 * 1024  # a worker never waits for this process to read

    def make(n: int) -> bytes:
        return bytes([n]) * big

    results = fanout.share(6, 2, lambda n: (time.sleep(0.2), make(n))[1], make)
    assert [value for _, value in results] == [make(n) for n in range(6)]
    assert not all(mine for mine, _ in results)


def test_without_memfd_a_temporary_file_carries_the_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(os, "memfd_create", raising=False)
    results = fanout.share(8, 2, lambda n: (time.sleep(0.05), -n)[1], lambda n: n)
    assert [abs(value) for _, value in results] == list(range(8))
    assert not all(mine for mine, _ in results)


def test_where_no_worker_can_be_made_this_process_does_every_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # (EAGAIN: ulimit -u)

    monkeypatch.setattr(os, "fork", refused)
    assert fanout.share(5, 4, lambda n: n, lambda n: -n) == [(True, n) for n in range(5)]


def test_no_jobs_and_no_workers() -> None:
    assert fanout.share(0, 4, lambda n: n, lambda n: n) == []
    assert fanout.share(3, 1, lambda n: -n, lambda n: n) == [(True, 0), (True, -1), (True, -2)]


def test_an_error_in_a_worker_is_raised_here_with_what_it_was() -> None:
    def here(n: int) -> int:
        time.sleep(0.05)
        return n

    def there(n: int) -> int:
        raise ValueError(f"job {n} went wrong")

    with pytest.raises(fanout.WorkerFailed) as caught:
        fanout.share(10, 2, here, there)
    assert "in a worker process: ValueError: job" in str(caught.value)
    assert "went wrong" in caught.value.remote_traceback
    assert "went wrong" in str(caught.value.__cause__)  # (shown under GUANXIN_DEBUG=1)
    assert "Traceback" in caught.value.remote_traceback
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the worker was waited for


def test_a_worker_that_dies_is_noticed() -> None:
    def here(n: int) -> int:
        time.sleep(0.05)
        return n

    def there(n: int) -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return n  # pragma: no cover

    with pytest.raises(fanout.ChildLost, match=r"ended early.*-9"):
        fanout.share(10, 2, here, there)


def test_an_error_here_or_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    pids = tmp_path / "pids"

    def there(n: int) -> int:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(60)  # (would keep the test waiting, if it were waited for)
        return n  # pragma: no cover

    for stop in (KeyboardInterrupt, ValueError):

        def here(n: int, stop: type[BaseException] = stop) -> int:
            deadline = time.monotonic() + 10
            while not pids.exists() and time.monotonic() < deadline:
                time.sleep(0.01)  # until a worker is in a job
            raise stop()

        started = time.monotonic()
        with pytest.raises(stop):
            fanout.share(4, 3, here, there)
        assert time.monotonic() - started < 30
        workers = {int(pid) for pid in pids.read_text().split()}
        assert workers and all(_gone(pid) for pid in workers)
        pids.unlink()


def test_too_many_jobs_are_refused_before_any_work() -> None:
    with pytest.raises(ValueError, match="at most"):
        fanout.share(fanout.MAX_JOBS + 1, 2, lambda n: n, lambda n: n)
