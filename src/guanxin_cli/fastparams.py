"""Command-line values that need no Pydantic schema, converted without building one.

Typer 0.29 coerces every parameter through a Pydantic ``TypeAdapter``, and builds one per
parameter on each run: about 20 ms each, 0.1-0.2 s for a command with eight options,
which is most of what ``guanxin status`` costs on a district's data. The values our
options take are already of the right type when Click hands them over (text, flags, enum
defaults, ranged numbers Click has checked), or are text for a ``Path``, or a list of
texts or paths (the files ``check`` is given). Those are passed through here; anything
else still goes to Typer's own adapter, built only when needed.
"""

from __future__ import annotations

import enum
import types
import typing
from pathlib import Path
from typing import Any

_PLAIN = (str, bool, int, float)


def _target(annotation: Any) -> Any:
    """``X`` for ``X`` or ``X | None``; None for anything else."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return annotation


def _simple(target: Any) -> bool:
    return isinstance(target, type) and (
        target in _PLAIN or target is Path or issubclass(target, enum.Enum)
    )


def _items(target: Any) -> Any:
    """``X`` for ``list[X]`` with a simple ``X`` (files, several ids); None otherwise."""
    if typing.get_origin(target) is list:
        args = typing.get_args(target)
        if len(args) == 1 and args[0] in (str, Path):
            return args[0]
    return None


def install() -> None:
    from typer import _coercion
    from typer import core as typer_core

    core: Any = typer_core  # the name is imported there, not exported
    original = _coercion.build_runtime_param
    if getattr(core.build_runtime_param, "guanxin", False):
        return

    @typing.no_type_check
    def build(descriptor: Any) -> Any:
        target = _target(descriptor.annotation)
        info = descriptor.parameter_info
        simple = _simple(target) or _items(target) is not None
        if not simple or descriptor.file_annotation is not None or info.parser is not None:
            return original(descriptor)
        return _Lazy(info, descriptor.annotation, target, descriptor, original)

    build.guanxin = True
    core.build_runtime_param = build


class _Lazy:
    """Pass a value of the wanted type through; build Typer's adapter for anything else."""

    def __init__(
        self, parameter_info: Any, annotation: Any, target: type, descriptor: Any, build: Any
    ) -> None:
        self.parameter_info = parameter_info
        self.annotation = annotation
        self.target = target
        self.descriptor = descriptor
        self.build = build
        self.item = _items(target)  # X, for a list[X] of texts or paths
        self.real: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        target = self.target
        if value is None:
            return () if param.multiple or param.nargs == -1 else None  # (as Typer does)
        item = self.item
        if (
            item is not None
            and isinstance(value, list | tuple)
            and all(type(v) is str for v in value)
        ):
            return [item(v) for v in value]
        if type(value) is target or (target is float and type(value) is int):
            return value
        if target is Path and isinstance(value, str):
            return Path(value)
        if isinstance(target, type) and issubclass(target, enum.Enum):
            if isinstance(value, target):
                return value
            if isinstance(value, str) and value in target._value2member_map_:
                return target(value)  # a choice Click has checked, by its value
        if self.real is None:
            self.real = self.build(self.descriptor)
        return self.real.coerce(value, param, ctx)
