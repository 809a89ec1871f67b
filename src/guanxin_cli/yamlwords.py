"""PyYAML's (and libyaml's) words for a syntax error, and what guanxin says instead."""

from __future__ import annotations

from typing import Any

# Problems shown where they begin (PyYAML's context), not where it gave up.
AT_CONTEXT = frozenset(
    {"yaml.flow_mapping", "yaml.flow_sequence", "yaml.block_scalar", "yaml.special_start"}
)


def syntax_key(detail: str, text: str, mark: Any) -> str:
    """The message key for a syntax error PyYAML (or libyaml) describes in ``detail``, at
    ``mark`` in ``text``."""
    # libyaml does not name the tab it choked on, so look at the line it points to.
    line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "\\t" in detail or "\t" in line[: mark.column + 1 if mark else 0]:
        return "yaml.tab"
    if "nesting depth" in detail:
        return "yaml.too_deep"
    if mark is not None and line[mark.column : mark.column + 1] in ("}", "]"):
        return "yaml.extra_close"  # a bracket closed once too often: nothing is open there
    for words, key in SYNTAX_KEYS:
        if all(w in detail for w in words):
            return key
    return "yaml.syntax"


# What PyYAML's (or libyaml's) words for a syntax error mean, said in our own: the parts
# of its message that identify each kind, and the message key.
SYNTAX_KEYS = (
    (("expected a single document",), "yaml.several_documents"),
    (("flow mapping",), "yaml.flow_mapping"),
    (("flow sequence",), "yaml.flow_sequence"),
    (("quoted scalar", "end of stream"), "yaml.open_quote"),
    (("escape character",), "yaml.escape"),
    (("block collection",), "yaml.list_indent"),
    (("block mapping",), "yaml.indent"),
    (("simple key", "could not find expected ':'"), "yaml.no_colon"),
    (("mapping values are not allowed",), "yaml.colon_in_value"),
    (("plain scalar", "unexpected ':'"), "yaml.colon_in_value"),
    (("block sequence entries are not allowed",), "yaml.list_indent"),
    (("scanning a block scalar",), "yaml.block_scalar"),
    (("scanning an alias",), "yaml.special_start"),
    (("scanning an anchor",), "yaml.special_start"),
    (("scanning a tag",), "yaml.special_start"),
    (("scanning a directive",), "yaml.special_start"),
    (("expected <document start>",), "yaml.indent"),
    (("undefined alias",), "yaml.alias"),
    (("did not find expected node content",), "yaml.missing_value"),
    (("cannot start any token",), "yaml.bad_start"),
)
