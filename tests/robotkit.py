"""A chat robot for the notify tests: a real HTTP server on 127.0.0.1, in a thread.

It records every request (path, query, headers, JSON body) and answers from a script of
replies (status, JSON or raw bytes, headers), then "ok" in the robot's own form.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

OK = {"errcode": 0, "errmsg": "ok"}
FEISHU_OK = {"code": 0, "msg": "success", "data": {}}


@dataclass
class Received:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw: bytes
    raw_query: str = ""

    @property
    def body(self) -> Any:
        return json.loads(self.raw.decode("utf-8"))


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # a dict (sent as JSON), bytes (as they are), None: the default "ok"
    headers: dict[str, str] = field(default_factory=dict)


class Robot:
    def __init__(self, ok: dict[str, Any] | None = None) -> None:
        self.received: list[Received] = []
        self.replies: list[Reply] = []
        self.ok = ok or OK
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                parts = urlsplit(self.path)
                robot.received.append(
                    Received(
                        parts.path, parse_qs(parts.query), dict(self.headers), raw, parts.query
                    )
                )
                reply = robot.replies.pop(0) if robot.replies else Reply()
                body = reply.body if reply.body is not None else robot.ok
                data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path_and_query: str) -> str:
        return f"http://127.0.0.1:{self.port}{path_and_query}"

    def __enter__(self) -> Robot:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(ok: dict[str, Any] | None = None) -> Iterator[Robot]:
    with Robot(ok) as robot:
        yield robot


def dead_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (taken, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class Silent:
    """A server that accepts connections and never answers (a hung robot or proxy)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port: int = self.sock.getsockname()[1]

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
