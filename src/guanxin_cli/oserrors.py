"""Why the system refused (an :class:`OSError`'s reason), in the user's language.

``[Errno 111] Connection refused`` or ``No such file or directory`` inside a Chinese
message is noise to a reader of Chinese: the usual reasons are said in the catalog
(``os.ENOENT``...); any other keeps the system's own words.
"""

from __future__ import annotations

import errno
import re

from .messages import CATALOG, Lang, current_lang, t

_ERRNO = re.compile(r"\[Errno (-?\d+)\]")
# (errno names that share one reason: EPERM is said as EACCES)
_SAME = {errno.EPERM: errno.EACCES, errno.EWOULDBLOCK: errno.EAGAIN}


def os_reason(exc: BaseException, lang: Lang | None = None) -> str:
    """The reason ``exc`` (an OSError, or an error caused by one: httpx's ConnectError)
    gives, in ``lang`` (default: the language of this run)."""
    if lang is None:
        lang = current_lang()
    code = _errno_of(exc)
    if code is not None:
        name = errno.errorcode.get(_SAME.get(code, code))
        if name and f"os.{name}" in CATALOG:
            return t(f"os.{name}", lang)
    strerror = getattr(exc, "strerror", None)
    return str(strerror or exc or type(exc).__name__)


def reason_named(name: str, lang: Lang | None = None) -> str:
    """A reason by its errno name (``ELOOP``) or the catalog's own (``not_regular``)."""
    if lang is None:
        lang = current_lang()
    return t(f"os.{name}", lang)


def _errno_of(exc: BaseException) -> int | None:
    seen: set[int] = set()
    here: BaseException | None = exc
    while here is not None and id(here) not in seen:
        seen.add(id(here))
        code = getattr(here, "errno", None)
        if isinstance(code, int):
            return code
        found = _ERRNO.search(str(here))
        if found:
            return int(found.group(1))
        here = here.__cause__ or here.__context__
    return None
