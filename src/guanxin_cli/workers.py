"""Many files' work shared with worker processes, where forking is the platform's way.

A worker is a forked copy of this process as it stands, so it has the plan, the checks and
everything a job needs without anything being sent or imported again; only results come
back, pickled. Where fork is not the platform's way (Windows has none; on macOS, system
frameworks may not survive it), or there are few files, this process does every job itself.
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
    pickles). Workers only for :data:`LEAST` items or more, where :func:`available`."""
    count = processes()
    if len(items) < LEAST or count < 2 or not available():
        for item in items:
            yield True, here(item)
        return
    from .fanout import MAX_JOBS, share

    # Small jobs: every process takes the next as it is free, so the last ones end close
    # together, and a job costs only a few bytes of a pipe.
    size = max(1, min(20, len(items) // (count * 8)), -(-len(items) // MAX_JOBS))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]

    def here_all(n: int) -> list[Any]:
        return [here(item) for item in chunks[n]]

    def there_all(n: int) -> list[Any]:
        return [there(item) for item in chunks[n]]

    for mine, part in share(len(chunks), count, here_all, there_all):
        for result in part:
            yield mine, result
