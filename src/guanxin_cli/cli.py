"""The command-line surface: thin commands and the one place errors become exit codes.

Each command lives in ``commands/<verb>.py``; heavy modules are imported inside the
command functions so that ``guanxin --help`` starts fast.
"""

from __future__ import annotations

import errno
import gc
import os
import sys

import typer

from . import quickargs
from .commands import audit as audit_cmd
from .commands import check as check_cmd
from .commands import done as done_cmd
from .commands import export as export_cmd
from .commands import init as init_cmd
from .commands import log as log_cmd
from .commands import overdue as overdue_cmd
from .commands import plan as plan_cmd
from .commands import record_audit as record_audit_cmd
from .commands import schema as schema_cmd
from .commands import school as school_cmd
from .commands import set as set_cmd
from .commands import status as status_cmd
from .commands import timeline as timeline_cmd
from .errors import Exit, GuanxinError
from .messages import t
from .options import current_lang

COMMANDS = {
    "plan": plan_cmd.plan,
    "check": check_cmd.check,
    "status": status_cmd.status,
    "audit": audit_cmd.audit,
    "overdue": overdue_cmd.overdue,
    "timeline": timeline_cmd.timeline,
    "export": export_cmd.export,
    "init": init_cmd.init,
    "done": done_cmd.done,
    "set": set_cmd.set_status,
    "record-audit": record_audit_cmd.record_audit,
    "school": None,  # a group: school add
    "log": log_cmd.log,
    "schema": schema_cmd.schema,
}


def build_app() -> typer.Typer:
    """The CLI as Typer reads it (the usual command lines skip it: see quickargs)."""
    built = typer.Typer(
        name="guanxin",
        help=(
            "关工委工作要点跟踪：把年度工作要点变成数据，跟踪各校进度。\n\n"
            "Track a 关工委 annual work plan and every school's progress."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        # plain help: Rich-formatted help costs ~120 ms of imports on every `--help`
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    for name, func in COMMANDS.items():
        if func is None:
            built.add_typer(school_cmd.app, name=name)
        else:
            built.command(name)(func)
    return built


app = build_app()


def _command_named(argv: list[str]) -> str | None:
    """The command ``argv`` runs, if it names one of ours before any option."""
    first = argv[0] if argv else None
    return first if first in COMMANDS else None


def reader_went_away() -> int:
    """`guanxin status | head`: the reader closed the pipe; that is not an error."""
    _discard_stdout()
    return int(Exit.OK)


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so the final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


# What writing the output fails with when its device is full or broken (`guanxin overdue >
# report.txt` on a full disk): the output's fault, not a bug in guanxin.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def output_failed(exc: OSError) -> int:
    """Say on stderr that the output could not be written; the exit code for it."""
    lang = current_lang()
    reason = exc.strerror or str(exc)
    message = t("err.output", lang, path=t("err.stdout", lang), reason=reason)
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        _discard_stdout()
    except (OSError, ValueError):
        pass
    return int(Exit.CANT_CREATE)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; no traceback ever reaches the user."""
    args = sys.argv[1:] if argv is None else argv
    only = _command_named(args)
    # A run is short and makes no garbage cycles worth collecting, but a report at scale
    # makes hundreds of thousands of objects: the cyclic GC would rescan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        command = COMMANDS[only] if only is not None else None
        plain = quickargs.parse(command, args[1:]) if command is not None else None
        if command is not None and plain is not None:
            result = command(**plain)  # (what Typer would call, read without it: quickargs)
        else:
            result = app(args=args, prog_name="guanxin", standalone_mode=False)
    except GuanxinError as exc:
        from .render import print_problems

        print_problems(exc.problems, current_lang())
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        sys.stderr.write(t("err.interrupted", current_lang()) + "\n")
        return int(Exit.INTERRUPTED)
    except KeyboardInterrupt:
        sys.stderr.write("\n" + t("err.interrupted", current_lang()) + "\n")
        return int(Exit.INTERRUPTED)
    except typer.TyperException as exc:  # usage errors from the option parser
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"Error: {exc.format_message()}\n")
        return int(Exit.USAGE)
    except BrokenPipeError:
        return reader_went_away()
    except SystemExit as exc:
        # Typer's own handler turns a closed pipe into sys.exit(1) before we see it
        if isinstance(exc.__context__, BrokenPipeError):
            return reader_went_away()
        raise
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS:
            return output_failed(exc)
        if os.environ.get("GUANXIN_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {exc}"
        sys.stderr.write(t("err.internal", current_lang(), detail=detail) + "\n")
        return int(Exit.INTERNAL)
    finally:
        if collecting:
            gc.enable()
    code = int(result) if isinstance(result, int) else int(Exit.OK)
    if code == Exit.INTERRUPTED:  # Typer turns Ctrl-C into a silent Exit(130)
        sys.stderr.write("\n" + t("err.interrupted", current_lang()) + "\n")
    return code
