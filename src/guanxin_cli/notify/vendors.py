"""What each chat app's group robot (群机器人) accepts: payloads, signatures, limits, replies.

- WeCom (企业微信, and 政务微信, which speaks the same API): ``markdown`` messages of at most
  4096 bytes; it @-mentions by mobile only in ``text`` messages, so the mentions follow
  the report as one short text message.
- DingTalk (钉钉): ``markdown`` with ``at.atMobiles``; a robot secured by a secret wants
  ``timestamp`` (ms) and ``sign`` in the query.
- Feishu (飞书): an ``interactive`` card with one markdown element; a secret puts
  ``timestamp`` (s) and ``sign`` in the body. Its robots cannot @-mention by mobile.

Each robot takes about 20 messages a minute; each says in its JSON reply whether it took
the message (``errcode`` / ``code`` 0) and, when it did not, why.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qs, urlsplit


class Kind(StrEnum):
    wecom = "wecom"
    dingtalk = "dingtalk"
    feishu = "feishu"


def guess_kind(url: str) -> Kind | None:
    """Which app a webhook URL belongs to, from its path (so a copy of the URL on another
    host, such as a test server or a company proxy, is still recognised)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    query = parse_qs(parts.query)
    path = parts.path.rstrip("/")
    if path.endswith("/cgi-bin/webhook/send") and "key" in query:
        return Kind.wecom
    if path.endswith("/robot/send") and "access_token" in query:
        return Kind.dingtalk
    if "/open-apis/bot/v2/hook/" in path:
        return Kind.feishu
    return None


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """Base64 of HmacSHA256(key = secret, message = "timestamp\\nsecret") (URL-encoded
    when it is put in the query)."""
    message = f"{timestamp_ms}\n{secret}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """Base64 of HmacSHA256(key = "timestamp\\nsecret", message = empty)."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


@dataclass(frozen=True)
class Message:
    """One message of a report as composed: a short title and markdown text, with the
    mobiles to @-mention in it (valid CN mobiles, each mentioned once in a report)."""

    title: str
    text: str
    mobiles: tuple[str, ...] = ()
    alert: bool = False  # the report has overdue items (a card's colour)


@dataclass(frozen=True)
class Post:
    """One request to a robot: query parameters to add to the URL, and the JSON body.
    ``signature``: the signature in it, if any (shown masked, like the secret)."""

    params: dict[str, str]
    body: dict[str, Any]
    signature: str | None = None

    def content(self) -> bytes:
        return encode(self.body)


def encode(body: dict[str, Any]) -> bytes:
    """The bytes sent (UTF-8 JSON, compact): what the robots' size limits count."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Reply:
    """What a robot answered: 0 when it took the message."""

    code: int | None  # None: the reply was not the JSON a robot sends
    message: str


@dataclass(frozen=True)
class Vendor:
    kind: Kind
    name_key: str  # the app's name in the message catalog
    rate_codes: frozenset[int]  # "too many messages": wait and try again
    hints: dict[int, str] = field(default_factory=dict)  # code → what to check (catalog key)
    mentions: bool = True  # can @-mention by mobile
    per_minute: int = 20

    def budget(self, title: str) -> int:
        """Bytes of markdown text one message can hold."""
        raise NotImplementedError

    def cost(self, line: str) -> int:
        """Bytes ``line`` and its line end add to a message's text (as the limit counts)."""
        return len(line.encode("utf-8")) + 1

    def mention_cost(self, count: int) -> int:
        """Bytes that @-mentioning ``count`` mobiles adds to a message's text."""
        return 0

    def posts(
        self, messages: list[Message], *, secret: str | None, now: float, mention_text: str
    ) -> list[Post]:
        """The requests that send ``messages``, signed as of ``now`` (seconds since 1970);
        ``mention_text``: what a message that only @-mentions says."""
        raise NotImplementedError

    def reply(self, data: object) -> Reply:
        if not isinstance(data, dict):
            return Reply(None, "")
        code = data.get("errcode")
        return Reply(
            code if isinstance(code, int) and not isinstance(code, bool) else None,
            str(data.get("errmsg", "")),
        )


class WeCom(Vendor):
    LIMIT = 4096  # markdown.content, UTF-8 bytes

    def budget(self, title: str) -> int:
        return self.LIMIT

    def posts(
        self, messages: list[Message], *, secret: str | None, now: float, mention_text: str
    ) -> list[Post]:
        out = [Post({}, {"msgtype": "markdown", "markdown": {"content": m.text}}) for m in messages]
        mobiles = [mobile for m in messages for mobile in m.mobiles]
        if mobiles:
            # markdown cannot @ by mobile: one short text message does, after the report
            body = {
                "msgtype": "text",
                "text": {"content": mention_text, "mentioned_mobile_list": mobiles},
            }
            out.append(Post({}, body))
        return out


class DingTalk(Vendor):
    LIMIT = 20000  # markdown.text, UTF-8 bytes

    def budget(self, title: str) -> int:
        return self.LIMIT

    def mention_cost(self, count: int) -> int:
        # a blank line, then "@13800000000 " for each (the app shows each as "@name")
        return 0 if count == 0 else 2 + 13 * count

    def posts(
        self, messages: list[Message], *, secret: str | None, now: float, mention_text: str
    ) -> list[Post]:
        out = []
        for m in messages:
            text = m.text
            if m.mobiles:
                text += "\n\n" + " ".join(f"@{mobile}" for mobile in m.mobiles)
            body = {
                "msgtype": "markdown",
                "markdown": {"title": m.title, "text": text},
                "at": {"atMobiles": list(m.mobiles)},
            }
            if secret:
                stamp = int(now * 1000)
                sign = dingtalk_sign(secret, stamp)
                out.append(Post({"timestamp": str(stamp), "sign": sign}, body, sign))
            else:
                out.append(Post({}, body))
        return out


class Feishu(Vendor):
    LIMIT = 20 * 1024  # the whole request body, bytes

    def budget(self, title: str) -> int:
        # what the card around the text takes, signed (the longest a signature makes it)
        empty = Message(title, "")
        return self.LIMIT - len(self._post(empty, "0" * 44, 10**10).content())

    def cost(self, line: str) -> int:
        # in the body the text is a JSON string: quotes and backslashes are escaped
        return len(json.dumps(line + "\n", ensure_ascii=False).encode("utf-8")) - 2

    def posts(
        self, messages: list[Message], *, secret: str | None, now: float, mention_text: str
    ) -> list[Post]:
        return [self._post(m, secret, int(now)) for m in messages]

    def _post(self, m: Message, secret: str | None, stamp: int) -> Post:
        body: dict[str, Any] = {}
        sign = None
        if secret:
            sign = feishu_sign(secret, stamp)
            body.update(timestamp=str(stamp), sign=sign)
        body["msg_type"] = "interactive"
        body["card"] = {
            "header": {
                "title": {"tag": "plain_text", "content": m.title},
                "template": "red" if m.alert else "green",
            },
            "elements": [{"tag": "markdown", "content": m.text}],
        }
        return Post({}, body, sign)

    def reply(self, data: object) -> Reply:
        if isinstance(data, dict) and "code" not in data and "StatusCode" in data:
            # the older form of the same reply
            data = {"code": data.get("StatusCode"), "msg": data.get("StatusMessage", "")}
        if not isinstance(data, dict):
            return Reply(None, "")
        code = data.get("code")
        return Reply(
            code if isinstance(code, int) and not isinstance(code, bool) else None,
            str(data.get("msg", "")),
        )


_SECURITY = "notify.hint.security"
VENDORS: dict[Kind, Vendor] = {
    Kind.wecom: WeCom(
        Kind.wecom,
        "notify.app.wecom",
        rate_codes=frozenset({45009}),  # api freq out of limit
        hints={93000: "notify.hint.url", 93004: "notify.hint.url"},
    ),
    Kind.dingtalk: DingTalk(
        Kind.dingtalk,
        "notify.app.dingtalk",
        rate_codes=frozenset({130101, 660026}),  # send too fast
        hints={300001: "notify.hint.url", 300005: "notify.hint.url", 310000: _SECURITY},
    ),
    Kind.feishu: Feishu(
        Kind.feishu,
        "notify.app.feishu",
        rate_codes=frozenset({11232, 9499}),  # frequency limited / too many requests
        hints={19001: "notify.hint.url", 19021: _SECURITY, 19022: _SECURITY, 19024: _SECURITY},
        mentions=False,
    ),
}
