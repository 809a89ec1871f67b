"""The command line in guanxin's own words: help and usage errors in Chinese or English.

Typer lays help out with its own words and its type names (``<list[str]>``, ``<int
range>``, ``{SCHOOL}``, "Show this message and exit."), and says what went wrong in
Click's ("Invalid value for '--by': Value error, …"). The command classes here write the
usage line, the arguments and the options with human placeholders (学校, 日期, 文件 …) in
the language asked for, and :func:`usage_problem` turns the option parser's errors into
our messages.
"""

from __future__ import annotations

import difflib
import inspect
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

from .errors import Problem, problem
from .linebreak import cells, wrap
from .messages import Choices, t
from .options import current_lang


def placeholder(token: str) -> str:
    """A placeholder (``SCHOOL``, ``DATE`` …) in the language asked for: ``学校`` in Chinese."""
    key = f"metavar.{token}"
    shown = t(key, current_lang())
    return token if shown == key else shown


def _target(annotation: Any) -> Any:
    """``X`` for ``X``, ``X | None``, ``list[X]``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else annotation
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    return annotation


def value_placeholder(param: Any) -> str:
    """What stands for an option's or argument's value in help: its metavar (a token
    from the catalog), its choices, or a word for its type."""
    if param.metavar:
        return "|".join(placeholder(part) for part in str(param.metavar).split("|"))
    choices = param.type_descriptor.choices if param.type_descriptor.is_choice else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    target = _target(param.type_descriptor.annotation)
    if target is int:
        return placeholder("N")
    if target is float:
        return placeholder("NUMBER")
    if target is Path:
        return placeholder("FILE")
    return placeholder("TEXT")


def _option_row(param: Any) -> tuple[str, str]:
    names = ", ".join(sorted([*param.opts, *param.secondary_opts], key=len))
    if not getattr(param, "is_flag", False):
        names += " " + value_placeholder(param)
    lang = current_lang()
    extras = []
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        extras.append(t("help.range", lang, low=low, high=high))
    elif low is not None:
        extras.append(t("help.at_least", lang, low=low))
    if param.required:
        extras.append(t("help.required", lang))
    default = param.default
    if (
        not param.required
        and not getattr(param, "is_flag", False)
        and default not in (None, (), [], "")
        and param.show_default is not False
    ):
        extras.append(t("help.default", lang, value=getattr(default, "value", default)))
    text = param.help or ""
    if extras:
        text += ("  " if text else "") + "[" + "; ".join(extras) + "]"
    return names, text


def _argument_name(param: Any) -> str:
    name = value_placeholder(param)
    if param.nargs == -1:
        name += "..."
    return name if param.required else f"[{name}]"


def _joined(lines: list[str]) -> str:
    """A paragraph's lines as one: no space where a Chinese line break fell."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and not (_is_wide(out[-1]) and line and _is_wide(line[0])):
            out += " "
        out += line
    return out


def _is_wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


def _write_text(formatter: Any, text: str) -> None:
    """Paragraphs wrapped to the formatter's width; one that starts with ``\\b`` kept
    line for line (Click's convention)."""
    indent = " " * formatter.current_indent
    width = max(20, formatter.width - formatter.current_indent)
    for n, para in enumerate(re.split(r"\n\s*\n", text.strip())):
        if n:
            formatter.write("\n")
        lines = para.split("\n")
        if lines[0].strip() == "\b" or lines[0].startswith(_EXAMPLE):  # (kept as written)
            for line in lines[1:] if lines[0].strip() == "\b" else lines:
                formatter.write(f"{indent}{line}".rstrip() + "\n")
            continue
        for line in wrap(_joined(lines), width):
            formatter.write(f"{indent}{line}".rstrip() + "\n")


_EXAMPLE = "例 Example:"


def _write_rows(formatter: Any, rows: list[tuple[str, str]]) -> None:
    """Two columns (an option and what it does), the second wrapped beside the first."""
    indent = formatter.current_indent
    first = min(30, max(cells(a) for a, _ in rows))
    width = max(20, formatter.width - indent - first - 2)
    for name, text in rows:
        lines = wrap(text, width) if text else [""]
        if cells(name) <= first:
            head = " " * indent + name + " " * (first - cells(name) + 2) + lines[0]
            rest = lines[1:]
        else:
            head, rest = " " * indent + name, lines
        formatter.write(head.rstrip() + "\n")
        for line in rest:
            formatter.write((" " * (indent + first + 2) + line).rstrip() + "\n")


def summary(help_text: str | None) -> str:
    """A command's line in the list of commands: its help's first paragraph (Chinese), or
    in English the first that is written in English (where the help has one)."""
    paragraphs = inspect.cleandoc(help_text or "").partition("\f")[0].split("\n\n")
    if current_lang() == "en":
        english = [p for p in paragraphs if p[:1].isascii() and p[:1].isalpha()]
        if english:
            first, stop, _ = english[0].partition(". ")  # its first sentence
            return first + stop.strip()
    return paragraphs[0]


class _Words:
    """Help laid out in guanxin's words (mixed into Typer's command and group)."""

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        text = inspect.cleandoc(self.help or "").partition("\f")[0]  # type: ignore[attr-defined]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                _write_text(formatter, text)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("help.help_option", current_lang())
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [t("help.options", current_lang())]
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param))
        if isinstance(self, TyperGroup):
            pieces.append(t("help.command", current_lang()))
        return pieces

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        prefix = t("help.usage", current_lang())
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        lang = current_lang()
        args, opts = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if getattr(param, "hidden", False):
                continue
            if param.param_type_name == "argument":
                args.append((value_placeholder(param), param.help or ""))
            else:
                opts.append(_option_row(param))
        if args:
            with formatter.section(t("help.arguments_title", lang)):
                _write_rows(formatter, args)
        if opts:
            with formatter.section(t("help.options_title", lang)):
                _write_rows(formatter, opts)
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is not None and not command.hidden:
                rows.append((name, _joined(summary(command.help).split("\n"))))
        if rows:
            with formatter.section(t("help.commands_title", current_lang())):
                _write_rows(formatter, rows)


class Command(_Words, TyperCommand):
    """A command whose help and usage line are in guanxin's words."""


class Group(_Words, TyperGroup):
    """A group of commands whose help and usage line are in guanxin's words."""


# ------------------------------------------------------------------- usage errors


def shows_help(exc: Exception) -> bool:
    """A command run without what it needs (``guanxin``, ``guanxin school``): the
    error is its help."""
    ctx = getattr(exc, "ctx", None)
    message = getattr(exc, "message", None)
    return ctx is not None and message == ctx.get_help()


def usage_problem(exc: Exception, args: Sequence[str], commands: Sequence[str]) -> Problem:
    """What the option parser refused, in our words: the option and the value given, and
    what it takes."""
    param = getattr(exc, "param", None)
    message = str(getattr(exc, "message", "") or "")
    if param is not None and hasattr(exc, "param_type"):  # a required option or argument
        if param.param_type_name == "argument":
            return problem("usage.missing_argument", name=value_placeholder(param))
        return problem("usage.missing_option", option=_longest(param))
    if param is not None:
        argument = param.param_type_name == "argument"
        option = value_placeholder(param) if argument else _longest(param)
        quoted = re.search(r"'(.*?)' is not (?:one of|a valid)", message)  # (an argument's)
        given = _given_argument(exc, args, param) if argument else _given(args, param)
        value = quoted.group(1) if quoted else given
        choices = param.type_descriptor.choices if param.type_descriptor.is_choice else None
        if choices:
            allowed = [str(getattr(c, "value", c)) for c in choices]
            close = difflib.get_close_matches(value or "", allowed, n=1, cutoff=0.5)
            if close:
                return problem(
                    "err.bad_option_hint",
                    option=option,
                    value=value,
                    hint=close[0],
                    detail=Choices(allowed),
                )
            return problem("err.bad_option", option=option, value=value, detail=Choices(allowed))
        if _target(param.type_descriptor.annotation) not in (int, float):
            return problem("err.bad_option", option=option, value=value, detail=message)
        return problem(
            "usage.bad_argument" if argument else "usage.bad_value",
            option=option,
            value=value,
            expected=_expected(param, message),
        )
    named = getattr(exc, "option_name", None)
    if named is not None:
        option = str(named)
        if hasattr(exc, "possibilities"):  # no such option
            known = [o for o in _known_options(exc) if o.startswith("--")]
            close = difflib.get_close_matches(option, known, n=1, cutoff=0.6)
            if close:
                return problem("usage.no_such_option_hint", option=option, hint=close[0])
            return problem("usage.no_such_option", option=option)
        return problem("usage.needs_value", option=option)
    found = re.match(r"No such command '(.+?)'", message)
    if found:
        name = found.group(1)
        close = difflib.get_close_matches(name, list(commands), n=1, cutoff=0.5)
        if close:
            return problem("usage.no_such_command_hint", name=name, hint=close[0])
        return problem("usage.no_such_command", name=name, known=Choices(commands))
    found = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if found:
        return problem("usage.extra", extra=found.group(1))
    return problem("usage.other", detail=message)


def _longest(param: Any) -> str:
    return str(max(param.opts, key=len))


def _given(args: Sequence[str], param: Any) -> str:
    """The value the command line gave ``param`` (the last, as it counts)."""
    value = ""
    for n, arg in enumerate(args):
        for opt in param.opts:
            if arg == opt and n + 1 < len(args):
                value = args[n + 1]
            elif arg.startswith(opt + "="):
                value = arg[len(opt) + 1 :]
    return value


def _given_argument(exc: Exception, args: Sequence[str], param: Any) -> str:
    """The value the command line gave the argument ``param``: its place among the words
    after the command's name that are neither options nor their values."""
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command", None)
    if ctx is None or command is None:
        return ""
    names = str(ctx.command_path).split()[1:]  # (guanxin school add: school, add)
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if param not in arguments:
        return ""
    flags = {
        o
        for p in command.params
        if p.param_type_name == "option" and (getattr(p, "is_flag", False) or p.count)
        for o in (*p.opts, *p.secondary_opts)
    }
    words: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if names:  # (up to the command's own name: what comes before is the group's)
            if word == names[0]:
                names.pop(0)
            continue
        if word == "--":
            words += rest
            break
        if word.startswith("-") and len(word) > 1:
            if "=" not in word and word not in flags and rest:
                rest.pop(0)  # (its value)
            continue
        words.append(word)
    index = arguments.index(param)
    return words[index] if index < len(words) else ""


def _expected(param: Any, message: str) -> str:
    lang = current_lang()
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    target = _target(param.type_descriptor.annotation)
    kind = t("usage.integer" if target is int else "usage.number", lang)
    if low is not None and high is not None:
        return t("usage.between", lang, kind=kind, low=low, high=high)
    if low is not None:
        return t("usage.at_least", lang, kind=kind, low=low)
    if high is not None:
        return t("usage.at_most", lang, kind=kind, high=high)
    return kind if target in (int, float) else message


def _known_options(exc: Exception) -> list[str]:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return []
    return [o for p in ctx.command.get_params(ctx) for o in (*p.opts, *p.secondary_opts)]


def help_hint(exc: Exception) -> str | None:
    """Where to read how the command goes: ``guanxin status -h``."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return None
    return t("usage.try_help", current_lang(), command=f"{ctx.command_path} -h")
