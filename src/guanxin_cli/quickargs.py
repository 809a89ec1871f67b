"""The usual command lines of a command, read without Typer's per-parameter cost.

Typer (0.29) converts the value of every parameter, given or not, with a Pydantic
``TypeAdapter``; building the first one imports most of Pydantic: 0.1 s of every run, as
long as the rest of ``guanxin status`` on a district's data, for values that are text, a
flag, a choice, a whole number or a path. So a command line that gives only options of
those kinds, each at most once and spelled plainly (``--as-of 2022-06-30``,
``--as-of=2022-06-30``, ``-o FILE``, ``--json``), is read here, from the command's own
declaration (its ``typer.Option`` annotations), and the command is called with exactly the
values Typer would give it. Anything else (help, an argument, an unknown or repeated option,
a value Typer would refuse or change) is left to Typer, which reads it as always and says
what is wrong. ``tests/test_quickargs.py`` holds the two equal on generated command lines.
"""

from __future__ import annotations

import enum
import inspect
import os
import re
import stat
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from typer.models import OptionInfo
from typer.utils import get_params_from_function

_NUMBER = re.compile(r"[0-9]+")  # a whole number as Typer takes it unchanged
# What an option read here leaves at Typer's defaults: anything else is Typer's to handle.
_PLAIN = {
    "envvar": None,
    "parser": None,
    "default_factory": None,
    "prompt": False,
    "count": False,
    "is_flag": None,
    "flag_value": None,
    "expose_value": True,
    "clamp": False,
    "formats": None,
    "exists": False,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
    "writable": False,
    "case_sensitive": True,
}


@dataclass(frozen=True)
class _Option:
    name: str  # the function's parameter
    kind: type  # str, int, bool, Path or an Enum
    default: Any  # (``...``: a required option)
    info: OptionInfo


class _Refused(Exception):
    """What Typer itself must read."""


def parse(func: Callable[..., Any], args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments Typer would call ``func`` with for the command line ``args``
    (after the command's name), having run the options' callbacks as Typer would; None if
    Typer must read ``args`` itself."""
    try:
        options = _options(func)
        if options is None:
            return None
        given = _given(options, args)
        if any(o.default is ... and o.name not in given for o in options.values()):
            return None  # a required option left out: Typer says so
        values = {o.name: given.get(o.name, o.default) for o in options.values()}
        # Callbacks as Click runs them: eager options first, then in the order given, then
        # the rest as declared.
        place = {name: n for n, name in enumerate(given)}
        order = sorted(
            {o.name: o for o in options.values()}.values(),
            key=lambda o: (not o.info.is_eager, place.get(o.name, len(place))),
        )
        for option in order:
            if option.info.callback is not None:
                values[option.name] = option.info.callback(values[option.name])
    except Exception:  # (a value a callback refuses, a Typer that declares differently …)
        return None
    return values


@cache
def _options(func: Callable[..., Any]) -> dict[str, _Option] | None:
    """``func``'s options by each name they are given by (``--as-of``, ``-o``), as Typer
    reads its declaration; None if it has a parameter that is not a plain option."""
    options: dict[str, _Option] = {}
    for name, param in get_params_from_function(func).items():
        info = param.default
        if not isinstance(info, OptionInfo):
            return None
        kind = _plain_kind(param.annotation, info.default)
        if kind is None or any(getattr(info, k, v) != v for k, v in _PLAIN.items()):
            return None
        if info.callback is not None and len(inspect.signature(info.callback).parameters) != 1:
            return None
        decls = info.param_decls or ()
        if not decls or any(not _plain_decl(d) for d in decls):
            return None
        option = _Option(name, kind, info.default, info)
        for decl in decls:
            options[decl] = option
    return options


def _plain_kind(hint: Any, default: Any) -> type | None:
    """``str``, ``int``, ``bool``, ``Path`` or an Enum, from ``X`` or ``X | None`` (None:
    anything else, or a default that is not of the kind; ``...``: required)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) != 1 or default is not None:
            return None
        hint = rest[0]
    if hint is bool:
        return bool if default is False else None
    if hint in (str, int, Path) or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return hint if default in (None, ...) or type(default) is hint else None
    return None


def _plain_decl(decl: str) -> bool:
    return (decl.startswith("--") and len(decl) > 2 and "=" not in decl) or (
        len(decl) == 2 and decl[0] == "-" and decl[1] != "-"
    )


def _given(options: dict[str, _Option], args: Sequence[str]) -> dict[str, Any]:
    """The options ``args`` gives, converted; :class:`_Refused` for anything unusual."""
    given: dict[str, Any] = {}
    at = 0
    while at < len(args):
        word = args[at]
        at += 1
        name, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
        option = options.get(name)
        if option is None or option.name in given:
            raise _Refused(word)
        if option.kind is bool:
            if eq:
                raise _Refused(word)
            given[option.name] = True
            continue
        if not eq:
            if at >= len(args):
                raise _Refused(word)
            value = args[at]
            at += 1
        given[option.name] = _converted(option, value)
    return given


def _converted(option: _Option, value: str) -> Any:
    """``value`` as Typer gives it to the function, if Typer takes it as it is."""
    if value.startswith("-") or "\x00" in value:
        raise _Refused(value)
    kind, info = option.kind, option.info
    if kind is str:
        return value
    if kind is int:
        if not _NUMBER.fullmatch(value):
            raise _Refused(value)
        number = int(value)
        if (info.min is not None and number < info.min) or (
            info.max is not None and number > info.max
        ):
            raise _Refused(value)
        return number
    if kind is Path:
        return _path(value, info)
    if issubclass(kind, enum.Enum):
        for member in kind:
            if member.value == value:
                return member
    raise _Refused(value)


def _path(value: str, info: OptionInfo) -> Path:
    """A path Typer would take: one that does not exist, or of a kind the option allows and
    readable (as Typer checks it)."""
    if not value:
        raise _Refused(value)
    try:
        st = os.stat(value)
    except (OSError, ValueError):
        return Path(value)
    if (not info.file_okay and stat.S_ISREG(st.st_mode)) or (
        not info.dir_okay and stat.S_ISDIR(st.st_mode)
    ):
        raise _Refused(value)
    if info.readable and not os.access(value, os.R_OK):
        raise _Refused(value)
    return Path(value)
