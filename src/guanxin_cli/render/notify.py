"""What ``guanxin notify`` prints: the requests of a dry run, the line saying what was
sent, and who could not be @-mentioned. Every text passes through the redactor."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..messages import Lang, t
from ..notify.mentions import Person
from ..notify.redact import MASK, mask_url
from ..notify.vendors import Post

Redact = Callable[[str], str]


def dry_run_text(posts: list[Post], url: str | None, redact: Redact) -> str:
    """Each request as it would go: the method and (masked) URL, then the JSON body."""
    out = []
    for n, post in enumerate(posts, 1):
        shown = mask_url(url) if url else "<--to URL>"
        if post.params:
            query = "&".join(
                f"{k}={v if k == 'timestamp' else MASK}" for k, v in post.params.items()
            )
            shown += ("&" if "?" in shown else "?") + query
        body = json.dumps(post.body, ensure_ascii=False, indent=2)
        out.append(f"# {n}/{len(posts)}\nPOST {shown}\n{body}\n")
    return redact("\n".join(out))


def skipped_text(people: list[Person], lang: Lang, redact: Redact, limit: int = 12) -> str | None:
    """One line naming who could not be @-mentioned, and why (None: everyone could)."""
    missed = [p for p in people if p.mobile is None]
    if not missed:
        return None
    shown = []
    for p in missed[:limit]:
        role = (
            t("notify.role.liaison", lang)
            if p.role == "liaison"
            else t("notify.role.contact", lang, school=p.school)
        )
        shown.append(t(f"notify.skipped.{p.why}", lang, name=p.name, role=role, phone=p.phone))
    names = "、".join(shown) if lang == "zh" else "; ".join(shown)
    if len(missed) > limit:
        names += t("notify.and_more", lang, count=len(missed))
    return redact(t("notify.skipped", lang, count=len(missed), people=names))
