"""``python -m guanxin_cli`` and the ``guanxin`` console script."""

from __future__ import annotations

import atexit
import sys

_ENDING: list[int] = []  # the exit code :func:`end` was given, once it has been


def main() -> None:
    try:
        from .cli import main as run

        code = run()
    except KeyboardInterrupt:  # Ctrl-C while starting, before the CLI's own handler
        code = interrupted()
    end(code)


def interrupted() -> int:
    """Say "interrupted" (if that can still be said) and give the exit code for it."""
    try:
        from .messages import t
        from .options import current_lang

        sys.stderr.write("\n" + t("err.interrupted", current_lang()) + "\n")
        sys.stderr.flush()
    except BaseException:  # (a second Ctrl-C, or stderr gone): the exit code says it
        pass
    return 130  # (Exit.INTERRUPTED)


def end(code: int) -> None:
    """End the process with ``code`` as Python would, without tearing down every module
    and object one by one first: that takes 50–70 ms after a report at scale, a tenth of a
    repeat run, for memory the system takes back at once anyway. Exit handlers still run
    and what was printed is flushed, as on a normal exit (see :func:`_last`)."""
    if sys.getprofile() is None and sys.gettrace() is None:
        # (a profiler or debugger reports once the program returns: for it, Python's own end)
        _ENDING.append(code)
    sys.exit(code)


def _last() -> None:
    """Python's last exit handler (registered as this module is imported, so it runs after
    every handler registered since): flush what was printed, then end the process at once,
    where :func:`end` asked for it."""
    if not _ENDING:
        return
    try:
        _finish(_ENDING[-1])
    except KeyboardInterrupt:  # Ctrl-C as the run ends: what was written stays written
        import os

        os._exit(interrupted())


atexit.register(_last)


def _finish(code: int) -> None:
    import os

    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # `guanxin check --json | true`: as while the command ran
        from .cli import reader_went_away

        code = reader_went_away()
    except OSError as exc:
        from .cli import output_failed

        code = output_failed(exc)
    except ValueError:  # closed
        pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say so
    os._exit(code)


if __name__ == "__main__":
    main()
