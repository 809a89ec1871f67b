"""The command-line surface: thin commands and the one place errors become exit codes.

Each command lives in ``commands/<verb>.py``; heavy modules are imported inside the
command functions so that ``guanxin --help`` starts fast.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from . import quickargs
from .clihelp import Command, Group
from .commands import activity as activity_cmd
from .commands import audit as audit_cmd
from .commands import check as check_cmd
from .commands import completion as completion_cmd
from .commands import done as done_cmd
from .commands import export as export_cmd
from .commands import fix as fix_cmd
from .commands import form as form_cmd
from .commands import import_forms as import_cmd
from .commands import init as init_cmd
from .commands import log as log_cmd
from .commands import migrate as migrate_cmd
from .commands import notify as notify_cmd
from .commands import overdue as overdue_cmd
from .commands import plan as plan_cmd
from .commands import record_audit as record_audit_cmd
from .commands import roll as roll_cmd
from .commands import schema as schema_cmd
from .commands import school as school_cmd
from .commands import set as set_cmd
from .commands import status as status_cmd
from .commands import timeline as timeline_cmd
from .errors import Exit, GuanxinError, UsageError
from .messages import t
from .options import LangOpt, current_lang

COMMANDS = {
    "plan": plan_cmd.plan,
    "check": check_cmd.check,
    "status": status_cmd.status,
    "audit": audit_cmd.audit,
    "overdue": overdue_cmd.overdue,
    "timeline": timeline_cmd.timeline,
    "export": export_cmd.export,
    "notify": notify_cmd.notify,
    "init": init_cmd.init,
    "done": done_cmd.done,
    "set": set_cmd.set_status,
    "record-audit": record_audit_cmd.record_audit,
    "fix": fix_cmd.fix,
    "activity": None,  # a group: activity add
    "school": None,  # a group: school add
    "log": log_cmd.log,
    "schema": schema_cmd.schema,
    "migrate": migrate_cmd.migrate,
    "roll": roll_cmd.roll,
    "completion": completion_cmd.completion,
    "form": form_cmd.form,
    "import": import_cmd.import_forms,
}

GROUPS = {"school": school_cmd.app, "activity": activity_cmd.app}


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
        cls=Group,  # help and usage lines in our words (clihelp.py)
    )
    for name, func in COMMANDS.items():
        if func is None:
            built.add_typer(GROUPS[name], name=name)
        else:
            built.command(name, cls=Command)(func)
    # (with one command, a callback also keeps Typer from running it as the program)
    built.callback()(_group)
    return built


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(t("help.version", current_lang(), version=__version__) + "\n")
        raise typer.Exit(0)


def _group(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="显示版本并退出。Show the version and exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """关工委工作要点跟踪。"""


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
    from .oserrors import os_reason

    reason = os_reason(exc, lang)
    message = t("err.output", lang, path=t("err.stdout", lang), reason=reason)
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
        _discard_stdout()
    except (OSError, ValueError):
        pass
    return int(Exit.CANT_CREATE)


def usage_failed(exc: typer.TyperException, args: Sequence[str]) -> int:
    """Say what the option parser refused, in our words; the exit code for it."""
    from .clihelp import help_hint, shows_help, usage_problem
    from .render import print_problems

    if shows_help(exc):  # `guanxin`, `guanxin school`: the help is the answer
        sys.stderr.write(getattr(exc, "message", "") + "\n")
        return int(Exit.USAGE)
    lang = current_lang()
    print_problems([usage_problem(exc, args, list(COMMANDS))], lang, summary=False)
    hint = help_hint(exc)
    if hint:
        sys.stderr.write(hint + "\n")
    return int(Exit.USAGE)


def _lang_from(args: Sequence[str]) -> None:
    """``--lang`` takes effect before anything is said: help and usage errors included,
    wherever it stands on the command line."""
    from .options import set_lang

    set_lang(None)  # GUANXIN_LANG, or Chinese
    for n, arg in enumerate(args):
        if arg == "--":
            return
        if arg == "--lang" and n + 1 < len(args):
            set_lang(args[n + 1])
        elif arg.startswith("--lang="):
            set_lang(arg[len("--lang=") :])


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; no traceback ever reaches the user."""
    args = sys.argv[1:] if argv is None else argv
    _lang_from(args)
    if os.environ.get(completion_cmd.COMPLETE_VAR):  # a shell asking for completions
        completion_cmd.prepare()
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

        # (the count of problems in files is for data, not for a plain usage mistake)
        print_problems(exc.problems, current_lang(), summary=not isinstance(exc, UsageError))
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
        return usage_failed(exc, args)
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
