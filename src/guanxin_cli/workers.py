"""Many files' work shared with worker processes, where forking is the platform's way.

``concurrent.futures``' process pool, in its ``fork`` context: a worker is a copy of this
process as it stands, so it has the plan, the checks and everything a job needs without
anything being sent or imported again; only results come back, pickled. (A pool of our
own, in which this process took jobs too and results came back through files in memory,
was 2 % faster on 5,000 schools, for 200 lines: bench/README.md.) Where fork is not the
platform's way (Windows has none; on macOS, system frameworks may not survive it), or there
are few files, this process does every job itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

ENV_JOBS = "GUANXIN_JOBS"
LEAST = 400  # files to work on before worker processes pay for themselves

_I = TypeVar("_I")


def processes() -> int:
    """Processes to work in, this one included: ``GUANXIN_JOBS`` (1: no workers), else one
    per CPU, at most 8."""
    given = os.environ.get(ENV_JOBS, "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cpus or 1, 8)


def available() -> bool:
    """Whether work may go to forked workers here: where fork is the way processes are
    made (Linux and the like), not on Windows (no fork) or macOS (spawn, since Python 3.8)."""
    import multiprocessing  # (here: importing it costs a run with few files 10-15 ms)

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def each(
    items: Sequence[_I], here: Callable[[_I], Any], there: Callable[[_I], Any]
) -> Iterator[tuple[bool, Any]]:
    """For each item in order, ``(True, here(item))`` if this process did it, or
    ``(False, there(item))`` if a worker did (``there`` must return something that
    pickles). Workers only for :data:`LEAST` items or more, where :func:`available`. An
    exception in a worker is raised here; Ctrl-C stops the workers after the job in hand."""
    count = processes()
    if len(items) < LEAST or count < 2 or not available():
        for item in items:
            yield True, here(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small jobs, so that the last ones end close together.
    size = max(1, min(20, len(items) // (count * 8)))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _JOB[:] = [lambda n: [there(item) for item in chunks[n]]]  # (forked: no pickling)
    pool = ProcessPoolExecutor(
        count, mp_context=multiprocessing.get_context("fork"), initializer=_in_worker
    )
    done = False
    try:
        for part in pool.map(_job, range(len(chunks))):
            for result in part:
                yield False, result
        done = True
    finally:  # (an error, Ctrl-C: no job started after the one each worker has in hand)
        pool.shutdown(wait=True, cancel_futures=not done)
        _JOB.clear()


# The jobs of the pool at work: a worker, forked from this process, finds them here.
_JOB: list[Callable[[int], list[Any]]] = []


def _in_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to report


def _job(n: int) -> list[Any]:
    return _JOB[0](n)
