"""A small HTTP server on 127.0.0.1 for the platforms' fake servers: routes by method and path
pattern, keeps a log of the requests it got, and runs in a thread beside the test."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Request:
    method: str
    path: str  # decoded, without the query
    raw_path: str  # as sent, with the query
    query: dict[str, str]  # the last value of each parameter
    headers: dict[str, str]  # lower-case names
    body: bytes
    match: re.Match[str] | None = None

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {
            k: v[-1] for k, v in parse_qs(self.body.decode("utf-8"), keep_blank_values=True).items()
        }

    def params(self) -> dict[str, str]:
        """Query and form (or JSON object) parameters together, as many APIs accept either."""
        values = dict(self.query)
        kind = self.headers.get("content-type", "")
        if "application/x-www-form-urlencoded" in kind:
            values.update(self.form())
        elif "json" in kind and self.body:
            body = self.json()
            if isinstance(body, dict):
                values.update(
                    {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
                )
        return values


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-able, or bytes sent as they are
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Reply]


class FakeHTTPServer:
    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.requests: list[Request] = []
        self.violations: list[str] = []  # requests the platform's spec does not allow
        self.lock = threading.RLock()  # held while a handler runs: state changes are atomic
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        """`pattern` is a regular expression matched against the whole decoded path."""
        self._routes.append((method, re.compile(pattern), handler))

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeHTTPServer:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _any(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    method=self.command,
                    path=unquote(split.path),
                    raw_path=self.path,
                    query={
                        k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()
                    },
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                reply = fake.dispatch(request)
                if isinstance(reply.body, bytes):
                    payload = reply.body
                    kind = reply.headers.get("Content-Type", "application/octet-stream")
                else:
                    payload = (
                        json.dumps(reply.body).encode("utf-8") if reply.body is not None else b""
                    )
                    kind = "application/json; charset=utf-8"
                self.send_response(reply.status)
                headers = {"Content-Type": kind, **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            self.requests.append(request)
            for method, pattern, handler in self._routes:
                if method != request.method:
                    continue
                match = pattern.fullmatch(request.path)
                if match:
                    request.match = match
                    try:
                        return handler(request)
                    except SpecViolation as violation:
                        self.violations.append(f"{request.method} {request.path}: {violation}")
                        return Reply(400, {"fake_server_error": str(violation)})
            return Reply(
                404, {"fake_server_error": f"no route for {request.method} {request.path}"}
            )

    def calls(self, method: str, pattern: str) -> list[Request]:
        compiled = re.compile(pattern)
        with self.lock:
            return [r for r in self.requests if r.method == method and compiled.fullmatch(r.path)]


class SpecViolation(Exception):
    """A request that the platform's own spec does not allow; the fake answers 400 with it, and
    tests can also find it in `violations`."""
