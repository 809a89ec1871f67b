"""What a form knows of itself: the workspace, plan year and school it was made for, and
the state of each row it was made from, signed with the workspace's key.

Each row's state is a hash of the school file's entry as it was (the progress entry of a
task, the finding), read the same way when the form is made and when it comes back, so
an entry someone changed in between is seen, whatever its layout or comments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .layout import FORMAT


def plain(node: Any) -> Any:
    """A round-trip (or plain) YAML value as JSON data: dates as ISO text, mappings with
    text keys, lists; what two readers of the same entry agree on."""
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.date):  # (a datetime too)
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [plain(v) for v in node]
    return str(node)


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def state_hash(node: Any) -> str:
    """The hash of an entry's state (``None``: no entry at all)."""
    return hashlib.sha256(canonical(plain(node)).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class FormMeta:
    form: str  # a random id of this form
    workspace: str
    plan: str  # the plan's id
    year: int
    school: str  # the school's id
    school_name: str
    as_of: str
    made: str  # when (ISO, Shanghai time)
    lang: str
    tasks: dict[str, str] = field(default_factory=dict)  # row id → state hash when made
    findings: dict[str, str] = field(default_factory=dict)
    format: str = FORMAT

    def text(self) -> str:
        return canonical(asdict(self))

    def signature(self, key: str) -> str:
        return hmac.new(key.encode("utf-8"), self.text().encode("utf-8"), "sha256").hexdigest()


def meta_from_text(text: str) -> FormMeta | None:
    """The hidden data read back, or None when it is not a form's of this format."""
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    try:
        meta = FormMeta(**raw)
    except TypeError:
        return None
    texts = (meta.form, meta.workspace, meta.plan, meta.school, meta.school_name, meta.as_of)
    rows = (meta.tasks, meta.findings)
    if not all(isinstance(v, str) for v in (*texts, meta.made, meta.lang)):
        return None
    if not isinstance(meta.year, int) or not all(_text_map(r) for r in rows):
        return None
    return meta


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def signed_by(meta: FormMeta, signature: str, key: str) -> bool:
    return hmac.compare_digest(meta.signature(key), signature)
