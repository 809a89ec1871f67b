"""Keeping a robot's credentials out of everything guanxin prints.

A webhook URL is itself a password: whoever has the ``key=`` (WeCom), ``access_token=``
(DingTalk) or the hook's last path segment (Feishu) can post into the group. The signing
secret and each signature made with it are too. Every text ``notify`` shows (the URL in a
note, ``--dry-run``'s requests, an error from the HTTP library or from the robot) passes
through a :class:`Redactor` that knows them all.
"""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, quote, quote_plus, urlencode, urlsplit

MASK = "***"
# The query values a reader may see: when a signature was made, not what it says.
_SHOWN_PARAMS = frozenset({"timestamp"})


def url_secrets(url: str) -> list[str]:
    """The parts of ``url`` that let someone post: query values, the path segment after
    ``hook`` (Feishu), and a user's name and password."""
    parts = urlsplit(url)
    found = [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _SHOWN_PARAMS]
    segments = parts.path.split("/")
    for n, segment in enumerate(segments[:-1]):
        if segment == "hook":
            found.append(segments[n + 1])
    if parts.username:
        found.append(parts.username)
    if parts.password:
        found.append(parts.password)
    return [s for s in found if s]


def mask_url(url: str) -> str:
    """``url`` with every secret part shown as ``***`` (the host and the path stay, so a
    reader can tell which robot it was)."""
    try:
        parts = urlsplit(url)
        query = urlencode(
            [
                (k, v if k in _SHOWN_PARAMS else MASK)
                for k, v in parse_qsl(parts.query, keep_blank_values=True)
            ],
            safe="*",
        )
        segments = parts.path.split("/")
        for n, segment in enumerate(segments[:-1]):
            if segment == "hook" and segments[n + 1]:
                segments[n + 1] = MASK
        host = parts.hostname or ""
        if parts.port is not None:
            host += f":{parts.port}"
        if parts.username or parts.password:
            host = f"{MASK}@{host}"
        masked = SplitResult(parts.scheme, host, "/".join(segments), query, "")
        return masked.geturl()
    except ValueError:  # (a port that is not a number...): show nothing of it
        return MASK


class Redactor:
    """Replaces every known secret (and its URL-encoded forms) in a text with ``***``."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        self._secrets: set[str] = set()
        for secret in secrets or ():
            self.add(secret)

    def add(self, secret: str | None) -> None:
        if not secret:
            return
        for form in (secret, quote(secret, safe=""), quote_plus(secret), quote(secret)):
            self._secrets.add(form)

    def __call__(self, text: str) -> str:
        # longest first, so a secret inside a longer one is not left half-shown
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text
