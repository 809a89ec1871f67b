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


# A value shorter than this is masked only where it stands as a secret (``key=K``), not
# wherever its characters occur: masking every "1" in a text would hide the text, not a key.
_SHORTEST_BARE = 6


class Redactor:
    """Replaces every known secret (and its URL-encoded forms) in a text with ``***``."""

    def __init__(self) -> None:
        self._masks: dict[str, str] = {}  # what to hide → what to show instead

    def add(self, secret: str | None, *, context: str = "") -> None:
        """Hide ``secret`` (a signing secret, a signature: wherever it occurs); with a
        ``context`` (``key=``), also that context followed by it, as ``context***``; a
        short secret is hidden only there."""
        if not secret:
            return
        for form in {secret, quote(secret, safe=""), quote_plus(secret), quote(secret)}:
            if context:
                self._masks[context + form] = context + MASK
            if not context or len(secret) >= _SHORTEST_BARE:
                self._masks[form] = MASK

    def add_url(self, url: str) -> None:
        """Hide what in ``url`` lets someone post: its query values (not ``timestamp``), the
        path segment after ``hook`` (Feishu), a user's name and password."""
        try:
            parts = urlsplit(url)
            username, password = parts.username, parts.password
        except ValueError:  # (not a URL at all: hide it whole)
            self.add(url)
            return
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key not in _SHOWN_PARAMS:
                self.add(value, context=f"{key}=")
        segments = parts.path.split("/")
        for n, segment in enumerate(segments[:-1]):
            if segment == "hook":
                self.add(segments[n + 1], context="hook/")
        self.add(username, context="//")
        self.add(password, context=":")

    def __call__(self, text: str) -> str:
        # longest first, so a secret inside a longer one is not left half-shown
        for secret in sorted(self._masks, key=len, reverse=True):
            text = text.replace(secret, self._masks[secret])
        return text
