"""``notify``'s core: a report laid out as one robot's messages, then sent (or shown).

:func:`send` takes a composed :class:`~.compose.Report` and where it goes; it returns an
:class:`Outcome` (what was laid out, the requests, how many went) or raises
:class:`~guanxin_cli.errors.RefusedError` (exit 69) / :class:`~guanxin_cli.errors.UnreachableError`
(exit 75). No error leaving it carries a secret: anything unforeseen is re-raised with its
text passed through the redactor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from ..errors import GuanxinError
from ..messages import Lang, t
from .compose import Laid, Report, split
from .mentions import People
from .redact import Redactor
from .transport import RETRY_FOR, Clock, Robot
from .vendors import VENDORS, Kind, Post

DEFAULT_MAX_MESSAGES = 5


@dataclass(frozen=True)
class Target:
    """Where a report goes: the robot's URL (None: only shown, ``--dry-run``), which app
    it is, and its signing secret and keyword, if it has them."""

    url: str | None
    kind: Kind
    secret: str | None = None
    keyword: str | None = None


@dataclass
class Outcome:
    laid: Laid | None  # None: nothing to report and asked to stay quiet
    posts: list[Post]
    sent: int  # requests the robot took (0 on a dry run)


def send(
    report: Report,
    target: Target,
    *,
    lang: Lang,
    redact: Redactor,
    see: str,
    max_messages: int = DEFAULT_MAX_MESSAGES,
    link: str | None = None,
    people: People | None = None,
    dry_run: bool = False,
    quiet: bool = False,
    retry_for: float = RETRY_FOR,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], float] = time.time,
    transport: httpx.BaseTransport | None = None,
) -> Outcome:
    """Lay ``report`` out for ``target``'s robot and post it (``dry_run``: only make the
    requests). ``see``: the command that shows the whole report, named when lines are left
    out and there is no ``link``. ``quiet``: nothing overdue or due soon → nothing sent.
    ``sleep``, ``clock`` (monotonic) and ``now`` (for signatures) are the real ones unless
    a test passes its own."""
    if quiet and not report.pressing:
        return Outcome(None, [], 0)
    vendor = VENDORS[target.kind]
    laid = split(
        report,
        vendor,
        max_messages=max_messages,
        lang=lang,
        footer=_footer(lang, link, see),
        people=people,
        keyword=target.keyword,
    )
    mention_text = t("notify.mention_text", lang, title=report.title)

    def build(when: float) -> list[Post]:
        return vendor.posts(
            laid.messages, secret=target.secret, now=when, mention_text=mention_text
        )

    posts = build(now())
    for post in posts:
        redact.add(post.signature)
    if dry_run or target.url is None:
        return Outcome(laid, posts, 0)
    robot = Robot(
        target.url, vendor, redact, retry_for, Clock(sleep, clock, now), transport=transport
    )
    try:
        sent = robot.deliver(build)
    except GuanxinError:
        raise
    except Exception as exc:  # a bug, or a library's surprise: said, but never with a secret
        raise RuntimeError(redact(f"{type(exc).__name__}: {exc}")) from None
    return Outcome(laid, posts, sent)


def _footer(lang: Lang, link: str | None, see: str) -> Callable[[int], str | None]:
    """The last message's closing line: how many lines did not fit, and where they are."""

    def footer(left: int) -> str | None:
        if left:
            if link:
                return t("notify.more_link", lang, count=left, link=link)
            return t("notify.more_see", lang, count=left, command=see)
        return t("notify.full_link", lang, link=link) if link else None

    return footer
