"""Writers for files that leave guanxin: xlsx, ics, and the one safe way to save them.

openpyxl and icalendar are imported inside the writer modules, so importing this
package stays cheap.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..atomic import atomic_write, output_problem, stream_fd
from ..errors import Location, OutputError, UsageError, problem


def save(path: Path, data: bytes) -> None:
    """Write atomically; ``-`` means stdout (as do ``/dev/stdout`` and its kin, see
    :func:`~..atomic.stream_fd`).  Any OS error becomes one clear message."""
    if stream_fd(path) == 1:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if path.is_dir():  # `-o ""` (which is "."), or a folder: a usage error, not a failed write
        raise UsageError(problem("err.output_is_dir", path=str(path)))
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise OutputError(output_problem(path, exc, Location())) from exc
