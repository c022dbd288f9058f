"""The simulated platform's HTTP server on 127.0.0.1: it speaks the community API (see
desktop/connectors/community.py) for any number of communities under /c/{name}/.

The demo runs it inside the app; tests run it to play a platform, and inject faults into it:
rate limits, server errors, timeouts, dropped connections, malformed JSON, expired tokens.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from desktop.demo_platform.community import MODERATION_STATE, Community

FAULTS = (
    "rate_limit",  # 429 with Retry-After
    "quota",  # 403 quota_exceeded
    "server_error",  # 500 before doing anything
    "reject",  # 422: the platform refuses the request for good
    "timeout",  # answer only after the client gave up (writes: after doing the work)
    "drop",  # close the connection halfway through the answer (writes: after doing the work)
    "refuse",  # close the connection before reading the request (nothing done)
    "malformed",  # 200 with a body that is not JSON (writes: after doing the work)
    "expire_token",  # the access token stops being valid: 401 until refreshed
)


@dataclass
class Fault:
    kind: str
    method: str = ""
    path_contains: str = ""
    retry_after: float = 1.0
    delay_s: float = 3.0
    remaining: int = 1

    def matches(self, method: str, path: str) -> bool:
        return (not self.method or self.method == method) and self.path_contains in path


class CommunityServer:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        clock: Callable[[], int] = lambda: int(time.time()),
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.communities: dict[str, Community] = {}
        self.clock = clock
        self.require_token = False
        self._faults: deque[Fault] = deque()
        self._faults_lock = threading.Lock()
        self.on_change = on_change
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request served
        self.page_hook: Callable[[Community, dict[str, Any]], None] | None = None
        self._host = host
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        self._http = self._listen(port)
        self._thread: threading.Thread | None = None
        self.reachable = True

    def _listen(self, port: int) -> ThreadingHTTPServer:
        handler = type("Handler", (_Handler,), {"platform": self})
        http = ThreadingHTTPServer((self._host, port), handler)
        http.daemon_threads = True
        return http

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    def set_reachable(self, reachable: bool) -> None:
        """Going offline closes the listening socket, so clients see a refused connection."""
        if reachable == self.reachable:
            return
        port = self.port
        self.stop()
        with self.connections_lock:
            for connection in list(self.connections):
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        if reachable:
            self._http = self._listen(port)
            self.start()
        self.reachable = reachable

    def base_url(self, community: str) -> str:
        return f"http://127.0.0.1:{self.port}/c/{community}"

    def add_community(self, community: Community) -> Community:
        self.communities[community.name] = community
        return community

    def inject(
        self, kind: str, *, method: str = "", path_contains: str = "", **options: Any
    ) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}")
        with self._faults_lock:
            self._faults.append(Fault(kind, method, path_contains, **options))

    def pending_faults(self) -> int:
        with self._faults_lock:
            return sum(fault.remaining for fault in self._faults)

    def take_fault(self, method: str, path: str) -> Fault | None:
        with self._faults_lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def start(self) -> CommunityServer:
        self._thread = threading.Thread(
            target=self._http.serve_forever, name="community-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._http.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._http.server_close()

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()


class _Handler(BaseHTTPRequestHandler):
    platform: CommunityServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes; without this each answer waits ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.platform.connections_lock:
            self.platform.connections.add(self.connection)

    def finish(self) -> None:
        with self.platform.connections_lock:
            self.platform.connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are not logged: they may carry tokens

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    # -- dispatch ------------------------------------------------------------------------------

    def _serve(self, method: str) -> None:
        platform = self.platform
        url = urlsplit(self.path)
        fault = platform.take_fault(method, url.path)
        if fault is not None and fault.kind == "refuse":
            self.close_connection = True
            self.connection.close()
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        platform.requests.append((method, url.path))
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        if len(parts) < 2 or parts[0] != "c" or parts[1] not in platform.communities:
            self._json(404, {"error": "not_found", "message": "No such community."})
            return
        community = platform.communities[parts[1]]
        route = parts[2:]
        if fault is not None and fault.kind in ("rate_limit", "quota", "server_error", "reject"):
            self._early_fault(fault)
            return
        if fault is not None and fault.kind == "expire_token":
            community.access_tokens.clear()
        if route == ["oauth", "token"]:
            self._token(community, raw_body)
            return
        if platform.require_token and not self._authorised(community):
            self._json(401, {"error": "invalid_token", "message": "The access token expired."})
            return
        status, body = self._route(method, community, route, raw_body, parse_qs(url.query))
        self._answer(status, body, fault)

    def _route(
        self,
        method: str,
        community: Community,
        route: list[str],
        raw_body: bytes,
        query: dict[str, list[str]],
    ) -> tuple[int, dict[str, Any]]:
        platform = self.platform
        if method == "GET" and route == ["api", "v1", "items"]:
            since = query.get("since", [None])[0]
            body = community.page(
                int(since) if since is not None else None,
                query.get("after", [None])[0],
                min(int(query.get("limit", ["100"])[0]), 1000),
            )
            if platform.page_hook is not None:
                platform.page_hook(community, body)
            return 200, body
        if len(route) >= 4 and route[:3] == ["api", "v1", "items"]:
            item_id = route[3]
            if method == "GET" and len(route) == 4:
                item = community.get(item_id)
                return (200, item) if item else (404, {"error": "not_found"})
            if method == "GET" and route[4:] == ["replies"]:
                if community.get(item_id) is None:
                    return 404, {"error": "not_found"}
                return 200, {"items": community.replies(item_id)}
            if method == "POST" and route[4:] in (["replies"], ["moderation"]):
                return self._write(community, item_id, route[4], raw_body)
        return 404, {"error": "not_found", "message": "No such endpoint."}

    def _write(
        self, community: Community, item_id: str, what: str, raw_body: bytes
    ) -> tuple[int, dict[str, Any]]:
        key = self.headers.get("Idempotency-Key") or ""
        try:
            body = json.loads(raw_body or b"{}")
        except json.JSONDecodeError:
            return 400, {"error": "bad_request", "message": "The request body is not JSON."}
        if not key:
            return 400, {"error": "bad_request", "message": "Idempotency-Key is required."}
        if what == "replies":
            text = str(body.get("text", "")).strip()
            if not text:
                return 422, {"error": "invalid", "message": "A reply cannot be empty."}
            if len(text) > 5000:
                return 422, {
                    "error": "invalid",
                    "message": "A reply is limited to 5000 characters.",
                }
            result = community.reply(item_id, text, key, self.platform.clock())
        else:
            action = str(body.get("action", ""))
            if action not in MODERATION_STATE:
                return 422, {"error": "invalid", "message": f"Unknown action {action!r}."}
            result = community.moderate(item_id, action, key)
        if result is None:
            return 404, {"error": "not_found", "message": "The item no longer exists."}
        self.platform.changed()
        return (201 if what == "replies" else 200), result

    # -- answers -------------------------------------------------------------------------------

    def _authorised(self, community: Community) -> bool:
        header = self.headers.get("Authorization", "")
        return header.startswith("Bearer ") and header[7:] in community.access_tokens

    def _token(self, community: Community, raw_body: bytes) -> None:
        form = parse_qs(raw_body.decode("utf-8", "replace"))
        token = form.get("refresh_token", [""])[0]
        if (
            form.get("grant_type", [""])[0] != "refresh_token"
            or token not in community.refresh_tokens
        ):
            self._json(400, {"error": "invalid_grant"})
            return
        access = f"access-{time.monotonic_ns()}"
        community.access_tokens.add(access)
        self._json(200, {"access_token": access, "token_type": "Bearer", "expires_in": 3600})

    def _early_fault(self, fault: Fault) -> None:
        if fault.kind == "rate_limit":
            self._json(429, {"error": "rate_limited"}, {"Retry-After": f"{fault.retry_after:g}"})
        elif fault.kind == "reject":
            self._json(422, {"error": "invalid", "message": "Replies to this item are closed."})
        elif fault.kind == "quota":
            self._json(403, {"error": "quota_exceeded", "retry_after": fault.retry_after})
        else:
            self._json(500, {"error": "internal"})

    def _answer(self, status: int, body: dict[str, Any], fault: Fault | None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if fault is None:
            self._send(status, data)
        elif fault.kind == "timeout":
            time.sleep(fault.delay_s)
            self._send(status, data)
        elif fault.kind == "drop":
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.close()
        elif fault.kind == "malformed":
            self._send(200, data[: max(1, len(data) // 3)] + b"<html>")
        else:
            self._send(status, data)

    def _json(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        self._send(status, json.dumps(body).encode("utf-8"), headers)

    def _send(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
