"""The usual command lines of a command, read without Typer's per-parameter cost.

Typer (0.29) converts the value of every parameter, given or not, with a Pydantic
``TypeAdapter``; building the first one imports most of Pydantic: 0.1 s of every run, as
long as the rest of ``guanxin status`` on a district's data, for values that are text, a
flag, a choice, a whole number or a path. So a command line that gives only parameters of
those kinds, spelled plainly (``--as-of 2022-06-30``, ``--as-of=2022-06-30``, ``-o FILE``,
``--json``, ``-e a -e b``, the files ``check`` is given), is read here, from the command's
own declaration (its ``typer.Option`` and ``typer.Argument`` annotations, as Typer reads
them), and the command is called with exactly the values Typer would give it. Anything else
(help, an unknown or repeated option, a value Typer would refuse or change) is left to
Typer, which reads it as always and says what is wrong. ``tests/test_quickargs.py`` holds
the two equal on generated command lines.
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

from typer.models import ArgumentInfo, OptionInfo, ParameterInfo
from typer.utils import get_params_from_function

_NUMBER = re.compile(r"[0-9]+")  # a whole number as Typer takes it unchanged
# What a parameter read here leaves at Typer's defaults: anything else is Typer's to handle.
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
class _Param:
    name: str  # the function's parameter
    kind: type  # str, int, bool, Path or an Enum (of each item, for ``many``)
    many: bool  # a list: an option given again and again, or the last arguments
    default: Any  # (``...``: required)
    info: ParameterInfo


@dataclass(frozen=True)
class _Declared:
    params: list[_Param]  # as declared
    options: dict[str, _Param]  # by each name an option is given by (``--as-of``, ``-o``)
    arguments: list[_Param]  # in order; only the last may be ``many``


class _Refused(Exception):
    """What Typer itself must read."""


def parse(func: Callable[..., Any], args: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments Typer would call ``func`` with for the command line ``args``
    (after the command's name), having run the options' callbacks as Typer would; None if
    Typer must read ``args`` itself."""
    try:
        declared = _declared(func)
        if declared is None:
            return None
        given = _given(declared, args)
        params = declared.params
        if any(p.default is ... and p.name not in given for p in params):
            return None  # a required parameter left out: Typer says so
        values = {p.name: given.get(p.name, p.default) for p in params}
        # Callbacks as Click runs them: eager parameters first, then in the order given,
        # then the rest as declared.
        place = {name: n for n, name in enumerate(given)}
        for param in sorted(params, key=lambda p: (not p.info.is_eager, place.get(p.name, 1e9))):
            if param.info.callback is not None:
                values[param.name] = param.info.callback(values[param.name])
    except Exception:  # (a value a callback refuses, a Typer that declares differently …)
        return None
    return values


@cache
def _declared(func: Callable[..., Any]) -> _Declared | None:
    """``func``'s parameters as Typer reads its declaration; None if one is not plain."""
    params: list[_Param] = []
    options: dict[str, _Param] = {}
    arguments: list[_Param] = []
    for name, meta in get_params_from_function(func).items():
        info = meta.default
        if not isinstance(info, OptionInfo | ArgumentInfo):
            return None
        kind, many = _plain_kind(meta.annotation, info.default)
        if kind is None or any(getattr(info, k, v) != v for k, v in _PLAIN.items()):
            return None
        if info.callback is not None and len(inspect.signature(info.callback).parameters) != 1:
            return None
        param = _Param(name, kind, many, info.default, info)
        params.append(param)
        if isinstance(info, ArgumentInfo):
            if kind is bool or (arguments and arguments[-1].many):
                return None
            arguments.append(param)
            continue
        decls = info.param_decls or ()
        if not decls or any(not _plain_decl(d) for d in decls) or (many and kind is bool):
            return None
        for decl in decls:
            options[decl] = param
    return _Declared(params, options, arguments)


def _plain_kind(hint: Any, default: Any) -> tuple[Any, bool]:
    """``str``, ``int``, ``bool``, ``Path`` or an Enum, from ``X``, ``X | None`` or
    ``list[X] | None``, and whether it is a list (``None``: anything else, or a default
    that is not of the kind; ``...`` is required)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) != 1 or default is not None:
            return None, False
        hint = rest[0]
    many = typing.get_origin(hint) is list
    if many:
        (hint,) = typing.get_args(hint)
        if default is not None or hint not in (str, Path):
            return None, False
    if hint is bool:
        return (bool if default is False else None), False
    if hint in (str, int, Path) or (isinstance(hint, type) and issubclass(hint, enum.Enum)):
        return (hint if default in (None, ...) or type(default) is hint else None), many
    return None, False


def _plain_decl(decl: str) -> bool:
    return (decl.startswith("--") and len(decl) > 2 and "=" not in decl) or (
        len(decl) == 2 and decl[0] == "-" and decl[1] != "-"
    )


def _given(declared: _Declared, args: Sequence[str]) -> dict[str, Any]:
    """The parameters ``args`` gives, converted; :class:`_Refused` for anything unusual."""
    given: dict[str, Any] = {}
    positional: list[str] = []
    at = 0
    while at < len(args):
        word = args[at]
        at += 1
        if not word.startswith("-") or word == "-":
            if word == "-" or "\x00" in word:
                raise _Refused(word)
            positional.append(word)
            continue
        name, eq, value = word.partition("=") if word.startswith("--") else (word, "", "")
        param = declared.options.get(name)
        if param is None or (param.name in given and not param.many):
            raise _Refused(word)
        if param.kind is bool:
            if eq:
                raise _Refused(word)
            given[param.name] = True
            continue
        if not eq:
            if at >= len(args):
                raise _Refused(word)
            value = args[at]
            at += 1
        if value.startswith("-"):
            raise _Refused(value)
        if param.many:
            given.setdefault(param.name, []).append(_converted(param, value))
        else:
            given[param.name] = _converted(param, value)
    for param in declared.arguments:
        if param.many:
            taken, positional = positional, []
            if taken:
                given[param.name] = [_converted(param, value) for value in taken]
        elif positional:
            given[param.name] = _converted(param, positional.pop(0))
    if positional:
        raise _Refused(positional[0])
    return given


def _converted(param: _Param, value: str) -> Any:
    """``value`` as Typer gives it to the function, if Typer takes it as it is."""
    if "\x00" in value:
        raise _Refused(value)
    kind, info = param.kind, param.info
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


def _path(value: str, info: ParameterInfo) -> Path:
    """A path Typer would take: one that does not exist, or of a kind the parameter allows
    and readable (as Typer checks it)."""
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
