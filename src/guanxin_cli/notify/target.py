"""Where a report goes, from the command line and the environment: the webhook URL, the
app, the signing secret. Checked before any work; every error shows the URL masked."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import UsageError, problem
from .core import Target
from .redact import MASK, Redactor, mask_url
from .vendors import Kind, guess_kind

ENV_URL = "GUANXIN_NOTIFY_URL"
ENV_SECRET = "GUANXIN_NOTIFY_SECRET"


@dataclass
class Resolved:
    target: Target
    redact: Redactor
    notes: list[str]  # catalog keys of notes for stderr (each takes ``url``)


def resolve(
    *,
    to: str | None,
    kind: Kind | None,
    secret: str | None,
    secret_file: Path | None,
    keyword: str | None,
    dry_run: bool,
) -> Resolved:
    """The target of ``--to`` (else ``GUANXIN_NOTIFY_URL``), ``--kind`` (else guessed from
    the URL) and ``--secret`` / ``--secret-file`` (else ``GUANXIN_NOTIFY_SECRET``)."""
    redact = Redactor()
    url = (to if to is not None else os.environ.get(ENV_URL, "")).strip() or None
    if url is not None:
        redact.add_url(url)
    if secret is not None and secret_file is not None:
        raise UsageError(problem("notify.two_secrets"))
    if secret_file is not None:
        secret = _read_secret(secret_file)
    elif secret is None:
        secret = os.environ.get(ENV_SECRET)
    secret = (secret or "").strip() or None
    redact.add(secret)
    if url is None:
        if not dry_run:
            raise UsageError(problem("notify.no_url"))
        if kind is None:
            raise UsageError(problem("notify.no_kind"))
    else:
        _check_url(url)
        kind = kind or guess_kind(url)
        if kind is None:
            raise UsageError(problem("notify.unknown_kind", url=mask_url(url)))
    notes = []
    if kind is Kind.wecom and secret is not None:
        notes.append("notify.secret_ignored")
        secret = None
    if url is not None and urlsplit(url).scheme == "http" and not _loopback(url):
        notes.append("notify.plain_http")
    return Resolved(Target(url, kind, secret, keyword or None), redact, notes)


def _check_url(url: str) -> None:
    bad_port = False
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
        try:
            _ = parts.port  # (raises for a port that is not a number, or past 65535)
        except ValueError:
            ok, bad_port = False, ok
    except ValueError:
        ok = False
    if not ok:  # (nothing of it shown: where it is broken, a secret may stand anywhere)
        scheme = url.partition("://")[0] if "://" in url else ""
        shown = f"{scheme[:10]}://{MASK}" if scheme.isalpha() else MASK
        if bad_port:
            port = _port_text(parts.netloc)
            raise UsageError(problem("notify.bad_port", url=shown, port=port))
        raise UsageError(problem("notify.bad_url", url=shown))


def _port_text(netloc: str) -> str:
    """What stands after the host's last colon (the port typed), short and with no secret
    in it (a user:password@ part comes before the host)."""
    host = netloc.rpartition("@")[2]
    port = host.rpartition(":")[2] if not host.endswith("]") else ""
    return port[:12] if port.isascii() and port.isalnum() else "…"


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_secret(path: Path) -> str:
    """The first line of ``path`` (what a password manager or ``echo SEC... >`` writes)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        from ..oserrors import os_reason

        reason = os_reason(exc) if isinstance(exc, OSError) else type(exc).__name__
        raise UsageError(problem("notify.secret_file", path=str(path), reason=reason)) from None
    lines = text.strip().splitlines()
    if not lines or not lines[0].strip():
        raise UsageError(problem("notify.secret_empty", path=str(path)))
    return lines[0].strip()
