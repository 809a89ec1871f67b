"""Posting to a robot over HTTP: timeouts on every request, retries with backoff for at
most a minute, rate-limit replies honoured, and every failure said without a secret.

What is retried: no connection, a timeout, HTTP 429 and 5xx, and a robot's own "too many
messages" code (WeCom 45009...), waiting ``Retry-After`` when the server says how long and
otherwise 1, 2, 4... seconds. What is not: any other refusal (a wrong key, a missing
keyword, a bad signature), which retrying cannot mend.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from ..errors import RefusedError, UnreachableError, problem
from .redact import Redactor, mask_url
from .vendors import Post, Vendor

REQUEST_TIMEOUT = 10.0  # seconds for one request at most (connect, send, answer)
RETRY_FOR = 60.0  # seconds to keep trying one message at most
FIRST_WAIT = 1.0
HEADERS = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "guanxin-notify"}


@dataclass
class Clock:
    """Time as the transport sees it; tests pass their own, so nothing really waits."""

    sleep: Callable[[float], None] = time.sleep
    monotonic: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time  # for signatures: seconds since 1970


@dataclass
class Failure:
    """Why an attempt did not get through, as a catalog key and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    wait: float | None = None  # what the server asked to wait (Retry-After), in seconds


@dataclass
class Robot:
    """One robot's webhook; :meth:`deliver` sends the posts of a report in order."""

    url: str
    vendor: Vendor
    redact: Redactor
    retry_for: float = RETRY_FOR
    clock: Clock = field(default_factory=Clock)
    transport: httpx.BaseTransport | None = None  # (tests: httpx.MockTransport)
    _recent: deque[float] = field(default_factory=deque)

    def deliver(self, build: Callable[[float], list[Post]]) -> int:
        """Send each post ``build(now)`` makes, re-made (signed afresh) for each attempt;
        the number sent. Raises :class:`RefusedError` or :class:`UnreachableError` saying how
        many had gone."""
        total = len(build(self.clock.wall()))
        with httpx.Client(transport=self.transport, follow_redirects=False) as client:
            for n in range(total):

                def make(n: int = n) -> Post:
                    return build(self.clock.wall())[n]

                self._post(client, make, sent=n, total=total)
        return total

    def _post(
        self, client: httpx.Client, make: Callable[[], Post], *, sent: int, total: int
    ) -> None:
        start = self.clock.monotonic()
        wait = FIRST_WAIT
        attempts = 0
        while True:
            self._pace()
            post = make()
            self.redact.add(post.signature)
            left = self.retry_for - (self.clock.monotonic() - start)
            attempts += 1
            failure = self._attempt(client, post, max(0.5, min(REQUEST_TIMEOUT, left)), sent, total)
            if failure is None:
                return
            pause = failure.wait if failure.wait is not None else wait
            spent = self.clock.monotonic() - start
            if spent + pause > self.retry_for:
                raise UnreachableError(
                    problem(
                        failure.key,
                        **failure.params,
                        url=mask_url(self.url),
                        attempts=attempts,
                        seconds=round(spent),
                        sent=sent,
                        total=total,
                    )
                )
            self.clock.sleep(pause)
            wait *= 2

    def _pace(self) -> None:
        """Never more than the robot takes in a minute (more would be refused, and DingTalk
        then blocks the robot for ten minutes)."""
        now = self.clock.monotonic()
        while self._recent and now - self._recent[0] >= 60:
            self._recent.popleft()
        if len(self._recent) >= self.vendor.per_minute:
            self.clock.sleep(60 - (now - self._recent[0]))
            self._recent.popleft()
        self._recent.append(self.clock.monotonic())

    def _attempt(
        self, client: httpx.Client, post: Post, timeout: float, sent: int, total: int
    ) -> Failure | None:
        """One request: None when the robot took the message, a :class:`Failure` worth
        retrying, or :class:`RefusedError` raised."""
        url = httpx.URL(self.url).copy_merge_params(post.params)
        try:
            response = client.post(
                url, content=post.content(), headers=HEADERS, timeout=httpx.Timeout(timeout)
            )
        except httpx.TimeoutException:
            return Failure("notify.timeout", {"timeout": round(timeout, 1)})
        except httpx.TransportError as exc:  # no connection, a broken one, a bad proxy
            return Failure("notify.unreachable", {"reason": self._reason(exc)})
        status = response.status_code
        if status == 429 or status >= 500:
            return Failure("notify.http_busy", {"status": status}, _retry_after(response))
        data: object = None
        with contextlib.suppress(ValueError):  # (not JSON: said below, with what it was)
            data = response.json()
        reply = self.vendor.reply(data)
        if 200 <= status < 300 and reply.code == 0:
            return None
        params: dict[str, Any]
        if reply.code in self.vendor.rate_codes:
            params = {"code": reply.code, "message": self.redact(reply.message)}
            return Failure("notify.rate_limited", params, _retry_after(response))
        hint = self.vendor.hints.get(reply.code or 0)
        if not reply.code:  # no robot's reply, or HTTP said no where the robot did not
            detail = self.redact(response.text[:200].strip()) or "—"
            key, params = "notify.refused_http", {"status": status, "detail": detail}
        else:
            key = "notify.refused"
            params = {"code": reply.code, "message": self.redact(reply.message)}
        said = [problem(key, **params, url=mask_url(self.url), sent=sent, total=total)]
        if hint:
            said.append(problem(hint))
        raise RefusedError(said)

    def _reason(self, exc: Exception) -> str:
        from ..oserrors import os_reason

        return self.redact(os_reason(exc))


def _retry_after(response: httpx.Response) -> float | None:
    """``Retry-After: 5`` as seconds (a date there is not worth parsing: backoff instead)."""
    raw = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(raw)) if raw else None
    except ValueError:
        return None
