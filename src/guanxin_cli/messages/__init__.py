"""Every user-facing string, in Chinese (default) and English.

The catalog is split by area into sibling modules (``core``, ``reports``...) so that the
strings stay next to each other yet one file never grows too large; each module exports
``MESSAGES: dict[str, tuple[str, str]]`` mapping a key to ``(zh, en)``.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from . import cli, core, edit, export, forms, notify, reports, safety

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

CATALOG: dict[str, tuple[str, str]] = {}
for _module in (core, reports, export, edit, notify, cli, safety, forms):
    for _key, _pair in _module.MESSAGES.items():
        if _key in CATALOG:  # pragma: no cover - caught by tests/test_messages.py
            raise RuntimeError(f"duplicate message key {_key!r}")
        CATALOG[_key] = _pair


def resolve_lang(option: str | None) -> Lang:
    """``--lang`` wins, then ``GUANXIN_LANG``, then Chinese."""
    for raw in (option, os.environ.get("GUANXIN_LANG")):
        if raw:
            value = raw.strip().lower()
            if value.startswith("en"):
                return "en"
            if value.startswith("zh") or value.startswith("cn"):
                return "zh"
    return "zh"


# The language of this run (``--lang``, else ``GUANXIN_LANG``): set by ``options.set_lang``,
# read wherever a message is worded without a language at hand.
RUN_LANG: dict[str, Lang] = {"lang": resolve_lang(None)}


def current_lang() -> Lang:
    return RUN_LANG["lang"]


class Choices(str):
    """A list of choices as a message parameter: "a、b、c" (so it reads, and is written to
    JSON, as before), said "a, b, c" in English by :func:`t`."""

    items: tuple[str, ...]

    def __new__(cls, items: Any) -> Choices:
        listed = tuple(str(i) for i in items)
        made = super().__new__(cls, "、".join(listed))
        made.items = listed
        return made

    def said(self, lang: Lang) -> str:
        return ", ".join(self.items) if lang == "en" else str(self)


def t(key: str, lang: Lang = "zh", /, **params: Any) -> str:
    """Translate ``key``; unknown keys come back as themselves so nothing is ever lost."""
    if lang == "en" and any(isinstance(v, Choices) for v in params.values()):
        params = {k: v.said(lang) if isinstance(v, Choices) else v for k, v in params.items()}
    pair = CATALOG.get(key)
    if pair is None:
        return key.format(**params) if params else key
    text = pair[1] if lang == "en" else pair[0]
    return text.format_map(_Params(params)) if params else text


def in_lang(obj: dict[str, Any], field: str, lang: Lang) -> Any:
    """``obj[field]`` in ``lang``: its English twin ``<field>_en`` where there is one and
    English was asked for, else the Chinese (a title, an owner's or a group's name)."""
    return (obj.get(f"{field}_en") if lang == "en" else None) or obj[field]


def title_in(obj: dict[str, Any], lang: Lang) -> str:
    """A plan title, task, milestone or item view's title in ``lang`` (see :func:`in_lang`)."""
    return str(in_lang(obj, "title", lang))


# English output gets ASCII punctuation; Chinese keeps the full-width forms.
def paren(text: str, lang: Lang) -> str:
    """``text`` in brackets as ``lang`` writes them: "（春季学期）", " (spring term)"."""
    return f" ({text})" if lang == "en" else f"（{text}）"


def colon(lang: Lang) -> str:
    return ": " if lang == "en" else "："


class _Params(dict[str, Any]):
    """A missing parameter shows as "?" instead of crashing the error report itself."""

    def __missing__(self, key: str) -> str:
        return "?"
