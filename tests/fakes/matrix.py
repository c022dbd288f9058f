"""A fake Matrix homeserver: the client-server API (v3) and Synapse's report admin API, in the
shapes the Matrix specification gives and Synapse answers with.

It keeps rooms as streams of events (state events included), users, devices with access and
refresh tokens, transaction ids per device, and the report queue. Rooms are of version 12 by
default, as Synapse now makes them: the room id is the create event's id and the creator has
unlimited power without a place in m.room.power_levels.

Requests outside what the API documents (an unknown parameter or body field, a missing required
one, a wrong method on a known path, an unknown path, a malformed filter) are spec violations:
they answer 400 (405 for a method, 404 for a path) and land in `violations`.

Switches for tests: `expire_tokens()` (soft logout: a refresh helps), `revoke_sessions()`,
`inject(pattern, reply, times)` (rate limits, server errors, malformed answers), and the
remote actions `say`, `edit`, `redact`, `report`.
"""

from __future__ import annotations

import base64
import copy
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation

C = "/_matrix/client/v3"
A = "/_synapse/admin/v1"
ROOM = r"(?P<room>![^/]+)"
EVENT = r"(?P<event>\$[^/]+)"

EVENT_FILTER_KEYS = {"limit", "not_senders", "not_types", "senders", "types"}
ROOM_EVENT_FILTER_KEYS = EVENT_FILTER_KEYS | {
    "contains_url",
    "include_redundant_members",
    "lazy_load_members",
    "not_rooms",
    "rooms",
    "unread_thread_notifications",
}
ROOM_FILTER_KEYS = {
    "account_data",
    "ephemeral",
    "include_leave",
    "not_rooms",
    "rooms",
    "state",
    "timeline",
}
FILTER_KEYS = {"account_data", "event_fields", "event_format", "presence", "room"}
LOGIN_KEYS = {
    "type",
    "identifier",
    "password",
    "refresh_token",
    "initial_device_display_name",
    "device_id",
}


class MatrixError(Exception):
    """An error answer in the spec's envelope: {"errcode", "error", ...}."""

    def __init__(self, status: int, errcode: str, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.reply = Reply(status, {"errcode": errcode, "error": error, **extra})


@dataclass
class Session:
    user_id: str
    device_id: str
    access_token: str
    refresh_token: str | None
    expired: bool = False


@dataclass
class Injection:
    method: str | None
    pattern: re.Pattern[str]
    reply: Reply
    times: int


@dataclass
class Room:
    room_id: str
    version: str
    creator: str
    state: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def content(self, kind: str, key: str = "") -> dict[str, Any] | None:
        event = self.state.get((kind, key))
        return event["content"] if event is not None else None

    def membership(self, user_id: str) -> str:
        return str((self.content("m.room.member", user_id) or {}).get("membership", "leave"))

    def level(self, user_id: str) -> float:
        if self.version not in {str(n) for n in range(1, 12)} and user_id == self.creator:
            return float("inf")
        levels = self.content("m.room.power_levels") or {}
        return float((levels.get("users") or {}).get(user_id, levels.get("users_default", 0)))

    def needed(self, action: str) -> int:
        return int((self.content("m.room.power_levels") or {}).get(action, 50))


def _event_id() -> str:
    return "$" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


class FakeMatrix(FakeHTTPServer):
    def __init__(self, server_name: str = "example.org") -> None:
        super().__init__()
        self.server_name = server_name
        self.passwords: dict[str, str] = {}
        self.admins: set[str] = set()
        self.displaynames: dict[str, str] = {}
        self.sessions: dict[str, Session] = {}  # by access token
        self.refresh_tokens: dict[str, Session] = {}
        self.rooms: dict[str, Room] = {}
        self.stream: list[dict[str, Any]] = []  # every event, in order; "pos" is its place
        self.by_id: dict[str, dict[str, Any]] = {}
        self.transactions: dict[tuple[str, str, str], str] = {}  # (device, kind, txn) -> event
        self.reports: dict[int, dict[str, Any]] = {}
        self._report_ids = itertools.count(2)  # Synapse's first report had id 2
        self._clock_ms = int(time.time() * 1000) - 3_600_000
        self.time_ms: int | None = None
        self.issue_refresh_tokens = True
        self.token_lifetime_ms = 300_000
        self._injections: list[Injection] = []
        self._routes_table()

    # -- test controls -------------------------------------------------------------------------

    def add_user(self, localpart: str, password: str, *, admin: bool = False) -> str:
        user_id = f"@{localpart}:{self.server_name}"
        with self.lock:
            self.passwords[user_id] = password
            self.displaynames[user_id] = localpart.capitalize()
            if admin:
                self.admins.add(user_id)
        return user_id

    def login(self, user_id: str) -> str:
        """An access token for the user (another client's session, without refresh)."""
        with self.lock:
            return self._new_session(user_id, None, refresh=False).access_token

    def expire_tokens(self) -> None:
        """Every access token expires; a refresh token renews it (soft logout)."""
        with self.lock:
            for session in self.sessions.values():
                session.expired = True

    def revoke_sessions(self) -> None:
        """Every session ends for good: a new sign-in is needed."""
        with self.lock:
            self.sessions.clear()
            self.refresh_tokens.clear()

    def inject(
        self, pattern: str, reply: Reply, *, times: int = 1, method: str | None = None
    ) -> None:
        """Answer the next `times` requests whose path matches `pattern` with `reply`."""
        with self.lock:
            self._injections.append(Injection(method, re.compile(pattern), reply, times))

    def rate_limit(self, pattern: str, retry_after_ms: int = 200, times: int = 1) -> None:
        body = {
            "errcode": "M_LIMIT_EXCEEDED",
            "error": "Too Many Requests",
            "retry_after_ms": retry_after_ms,
        }
        self.inject(pattern, Reply(429, body), times=times)

    def create_room(
        self, creator: str, name: str = "", alias: str = "", *, version: str = "12"
    ) -> str:
        with self.lock:
            create_id = _event_id()
            room_id = "!" + create_id[1:] if version not in _LEGACY else self._legacy_room_id()
            room = Room(room_id, version, creator)
            self.rooms[room_id] = room
            create_content: dict[str, Any] = {"room_version": version}
            if version in _LEGACY:
                create_content["creator"] = creator
            self._append(room, creator, "m.room.create", create_content, "", event_id=create_id)
            self._append(room, creator, "m.room.member", self._member(creator, "join"), creator)
            users = {} if version not in _LEGACY else {creator: 100}
            levels = {
                "ban": 50,
                "events_default": 0,
                "invite": 50,
                "kick": 50,
                "redact": 50,
                "state_default": 50,
                "users": users,
                "users_default": 0,
            }
            self._append(room, creator, "m.room.power_levels", levels, "")
            if alias:
                full = f"#{alias}:{self.server_name}"
                self._append(room, creator, "m.room.canonical_alias", {"alias": full}, "")
            if name:
                self._append(room, creator, "m.room.name", {"name": name}, "")
            return room_id

    def _legacy_room_id(self) -> str:
        return f"!{secrets.token_urlsafe(12)}:{self.server_name}"

    def join(self, user_id: str, room_id: str) -> None:
        with self.lock:
            room = self.rooms[room_id]
            self._append(room, user_id, "m.room.member", self._member(user_id, "join"), user_id)

    def set_level(self, room_id: str, user_id: str, level: int) -> None:
        with self.lock:
            room = self.rooms[room_id]
            levels = copy.deepcopy(room.content("m.room.power_levels") or {})
            levels.setdefault("users", {})[user_id] = level
            self._append(room, room.creator, "m.room.power_levels", levels, "")

    def say(self, user_id: str, room_id: str, text: str, **content: Any) -> str:
        with self.lock:
            body = {"msgtype": "m.text", "body": text, **content}
            return str(
                self._append(self.rooms[room_id], user_id, "m.room.message", body)["event_id"]
            )

    def edit(self, user_id: str, room_id: str, event_id: str, text: str) -> str:
        return self.say(
            user_id,
            room_id,
            f"* {text}",
            **{
                "m.new_content": {"msgtype": "m.text", "body": text},
                "m.relates_to": {"rel_type": "m.replace", "event_id": event_id},
            },
        )

    def redact(self, user_id: str, room_id: str, event_id: str, reason: str = "") -> str:
        with self.lock:
            return self._redact(self.rooms[room_id], user_id, event_id, reason)

    def purge(self, event_id: str) -> None:
        """The event is gone from the server without a redaction (a retention policy, a purge
        of history): its place in the stream stays, as nothing anyone can see."""
        with self.lock:
            event = self.by_id.pop(event_id)
            event["type"] = "org.example.purged"
            event["content"] = {}

    def report(self, user_id: str, room_id: str, event_id: str, reason: str = "spam") -> int:
        with self.lock:
            room = self.rooms[room_id]
            event = self.by_id[event_id]
            report_id = next(self._report_ids)
            self.reports[report_id] = {
                "id": report_id,
                "received_ts": self._now(),
                "room_id": room_id,
                "name": (room.content("m.room.name") or {}).get("name"),
                "event_id": event_id,
                "user_id": user_id,
                "reason": reason,
                "score": None,
                "sender": event["sender"],
                "canonical_alias": (room.content("m.room.canonical_alias") or {}).get("alias"),
            }
            return report_id

    def messages_of(self, room_id: str) -> list[dict[str, Any]]:
        """The room's message events as a client would get them, oldest first."""
        with self.lock:
            return [
                self._serialize(e)
                for e in self.stream
                if e["room_id"] == room_id and e["type"] == "m.room.message"
            ]

    def event(self, event_id: str) -> dict[str, Any]:
        with self.lock:
            return self._serialize(self.by_id[event_id])

    # -- the event store -----------------------------------------------------------------------

    def _now(self) -> int:
        """Milliseconds; `time_ms`, when a test sets it, dates the next events."""
        if self.time_ms is not None:
            self.time_ms += 1
            return self.time_ms
        self._clock_ms = max(self._clock_ms + 1, int(time.time() * 1000) - 3_600_000)
        return self._clock_ms

    def _member(self, user_id: str, membership: str) -> dict[str, Any]:
        return {"membership": membership, "displayname": self.displaynames.get(user_id, "")}

    def _append(
        self,
        room: Room,
        sender: str,
        kind: str,
        content: dict[str, Any],
        state_key: str | None = None,
        *,
        event_id: str | None = None,
        redacts: str | None = None,
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "content": content,
            "event_id": event_id or _event_id(),
            "origin_server_ts": self._now(),
            "room_id": room.room_id,
            "sender": sender,
            "type": kind,
            "unsigned": {},
            "pos": len(self.stream) + 1,
        }
        if state_key is not None:
            event["state_key"] = state_key
            room.state[(kind, state_key)] = event
        if redacts is not None:
            event["redacts"] = redacts
            event["content"] = {**content, "redacts": redacts}
        self.stream.append(event)
        self.by_id[event["event_id"]] = event
        return event

    def _redact(self, room: Room, sender: str, event_id: str, reason: str) -> str:
        target = self.by_id.get(event_id)
        if target is None or target["room_id"] != room.room_id:
            raise MatrixError(404, "M_NOT_FOUND", "Event not found")
        if target["sender"] != sender and room.level(sender) < room.needed("redact"):
            raise MatrixError(403, "M_FORBIDDEN", "You don't have permission to redact events")
        content = {"reason": reason} if reason else {}
        redaction = self._append(room, sender, "m.room.redaction", content, redacts=event_id)
        target["content"] = {}
        target["redacted_by"] = redaction["event_id"]
        return str(redaction["event_id"])

    def _serialize(self, event: dict[str, Any], viewer: Session | None = None) -> dict[str, Any]:
        out = {k: copy.deepcopy(v) for k, v in event.items() if k not in ("pos", "redacted_by")}
        out["unsigned"] = {"age": max(0, int(time.time() * 1000) - event["origin_server_ts"])}
        if viewer is not None and event.get("txn") and event["txn"][0] == viewer.device_id:
            out["unsigned"]["transaction_id"] = event["txn"][1]
        out.pop("txn", None)
        if event.get("redacted_by"):
            redaction = self._serialize(self.by_id[event["redacted_by"]])
            out["unsigned"]["redacted_because"] = redaction
        elif event["type"] == "m.room.message":
            edits = [
                e
                for e in self.stream
                if e["type"] == "m.room.message"
                and e["sender"] == event["sender"]
                and not e.get("redacted_by")
                and (e["content"].get("m.relates_to") or {}).get("rel_type") == "m.replace"
                and e["content"]["m.relates_to"].get("event_id") == event["event_id"]
            ]
            if edits:
                latest = self._serialize(edits[-1])
                out["unsigned"]["m.relations"] = {"m.replace": latest}
        return out

    # -- HTTP plumbing -------------------------------------------------------------------------

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            for injection in self._injections:
                if (
                    injection.times > 0
                    and injection.pattern.fullmatch(request.path)
                    and injection.method in (None, request.method)
                ):
                    injection.times -= 1
                    self.requests.append(request)
                    return injection.reply
            known = [(m, p) for m, p, _h in self._routes if p.fullmatch(request.path)]
            if not known:
                self.requests.append(request)
                self.violations.append(f"{request.method} {request.path}: unknown endpoint")
                return Reply(404, {"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})
            if all(m != request.method for m, _p in known):
                self.requests.append(request)
                self.violations.append(f"{request.method} {request.path}: method not allowed")
                return Reply(405, {"errcode": "M_UNRECOGNIZED", "error": "Unrecognized request"})
            return super().dispatch(request)

    def _on(self, method: str, pattern: str, handler: Callable[[Request], Any]) -> None:
        def wrapped(request: Request) -> Reply:
            try:
                body = handler(request)
            except MatrixError as error:
                return error.reply
            return body if isinstance(body, Reply) else Reply(200, body)

        self.route(method, pattern, wrapped)

    @staticmethod
    def _query(request: Request, allowed: set[str], required: set[str] = frozenset()) -> None:
        unknown = set(request.query) - allowed
        if unknown:
            raise SpecViolation(f"unknown query parameters {sorted(unknown)}")
        missing = required - set(request.query)
        if missing:
            raise SpecViolation(f"missing query parameters {sorted(missing)}")

    @staticmethod
    def _body(
        request: Request, allowed: set[str] | None, required: set[str] = frozenset()
    ) -> dict[str, Any]:
        if "json" not in request.headers.get("content-type", ""):
            raise SpecViolation("the body must be JSON (Content-Type: application/json)")
        try:
            body = request.json()
        except ValueError:
            raise SpecViolation("the body is not JSON") from None
        if not isinstance(body, dict):
            raise SpecViolation("the body must be a JSON object")
        if allowed is not None and set(body) - allowed:
            raise SpecViolation(f"unknown body fields {sorted(set(body) - allowed)}")
        if required - set(body):
            raise SpecViolation(f"missing body fields {sorted(required - set(body))}")
        return body

    def _session(self, request: Request) -> Session:
        header = request.headers.get("authorization", "")
        if "access_token" in request.query:
            raise SpecViolation("the access token belongs in the Authorization header")
        if not header.startswith("Bearer "):
            raise MatrixError(401, "M_MISSING_TOKEN", "Missing access token")
        session = self.sessions.get(header[len("Bearer ") :])
        if session is None:
            raise MatrixError(
                401, "M_UNKNOWN_TOKEN", "Invalid access token passed.", soft_logout=False
            )
        if session.expired:
            raise MatrixError(401, "M_UNKNOWN_TOKEN", "Access token has expired", soft_logout=True)
        return session

    def _joined_room(self, request: Request, session: Session) -> Room:
        assert request.match is not None
        room = self.rooms.get(request.match["room"])
        if room is None or room.membership(session.user_id) != "join":
            raise MatrixError(
                403, "M_FORBIDDEN", f"User {session.user_id} not in room {request.match['room']}"
            )
        return room

    def _new_session(self, user_id: str, device_id: str | None, *, refresh: bool) -> Session:
        session = Session(
            user_id,
            device_id or secrets.token_hex(5).upper(),
            "syt_" + secrets.token_urlsafe(24),
            "syr_" + secrets.token_urlsafe(24) if refresh else None,
        )
        self.sessions[session.access_token] = session
        if session.refresh_token:
            self.refresh_tokens[session.refresh_token] = session
        return session

    # -- the API -------------------------------------------------------------------------------

    def _routes_table(self) -> None:
        on = self._on
        on("GET", r"/_matrix/client/versions", self._versions)
        on("POST", C + r"/login", self._login)
        on("POST", C + r"/refresh", self._refresh)
        on("GET", C + r"/account/whoami", self._whoami)
        on("GET", C + r"/joined_rooms", self._joined_rooms)
        on("GET", C + r"/sync", self._sync)
        on("GET", C + rf"/rooms/{ROOM}/messages", self._messages)
        on("GET", C + rf"/rooms/{ROOM}/event/{EVENT}", self._get_event)
        on("GET", C + rf"/rooms/{ROOM}/state/(?P<kind>[^/]+)(?:/(?P<key>[^/]*))?", self._state)
        on("PUT", C + rf"/rooms/{ROOM}/send/(?P<kind>[^/]+)/(?P<txn>[^/]+)", self._send)
        on("PUT", C + rf"/rooms/{ROOM}/redact/{EVENT}/(?P<txn>[^/]+)", self._redact_route)
        on("POST", C + rf"/rooms/{ROOM}/(?P<action>ban|unban|kick)", self._membership)
        on("POST", C + rf"/rooms/{ROOM}/report/{EVENT}", self._report_route)
        on("GET", A + r"/event_reports", self._reports)
        on("GET", A + r"/event_reports/(?P<id>[0-9]+)", self._report_details)
        on("DELETE", A + r"/event_reports/(?P<id>[0-9]+)", self._dismiss)

    def _versions(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        return {"versions": ["v1.1", "v1.5", "v1.11", "v1.12"], "unstable_features": {}}

    def _login(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        body = self._body(request, LOGIN_KEYS, {"type"})
        if body["type"] != "m.login.password":
            raise MatrixError(400, "M_UNKNOWN", "Unknown login type")
        identifier = body.get("identifier")
        if not isinstance(identifier, dict) or identifier.get("type") != "m.id.user":
            raise SpecViolation("a password login needs identifier {type: m.id.user, user}")
        if not isinstance(body.get("password"), str):
            raise SpecViolation("password must be a string")
        if "refresh_token" in body and not isinstance(body["refresh_token"], bool):
            raise SpecViolation("refresh_token must be a boolean")
        user = str(identifier.get("user", ""))
        user_id = user if user.startswith("@") else f"@{user}:{self.server_name}"
        if self.passwords.get(user_id) != body["password"]:
            raise MatrixError(403, "M_FORBIDDEN", "Invalid username or password")
        refresh = bool(body.get("refresh_token")) and self.issue_refresh_tokens
        session = self._new_session(user_id, body.get("device_id"), refresh=refresh)
        answer: dict[str, Any] = {
            "user_id": user_id,
            "access_token": session.access_token,
            "device_id": session.device_id,
            "home_server": self.server_name,
        }
        if refresh:
            answer["refresh_token"] = session.refresh_token
            answer["expires_in_ms"] = self.token_lifetime_ms
        return answer

    def _refresh(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        body = self._body(request, {"refresh_token"}, {"refresh_token"})
        old = self.refresh_tokens.pop(str(body["refresh_token"]), None)
        if old is None:
            raise MatrixError(401, "M_UNKNOWN_TOKEN", "Invalid refresh token", soft_logout=False)
        self.sessions.pop(old.access_token, None)
        session = self._new_session(old.user_id, old.device_id, refresh=True)
        return {
            "access_token": session.access_token,
            "refresh_token": session.refresh_token,
            "expires_in_ms": self.token_lifetime_ms,
        }

    def _whoami(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        return {"user_id": session.user_id, "device_id": session.device_id, "is_guest": False}

    def _joined_rooms(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        return {
            "joined_rooms": [
                r.room_id for r in self.rooms.values() if r.membership(session.user_id) == "join"
            ]
        }

    # sync and history

    @staticmethod
    def _check_event_filter(value: Any, keys: set[str], where: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict) or set(value) - keys:
            raise SpecViolation(f"{where}: not a filter of this kind ({value!r})")
        for name in ("types", "not_types", "senders", "not_senders", "rooms", "not_rooms"):
            if name in value and not (
                isinstance(value[name], list) and all(isinstance(v, str) for v in value[name])
            ):
                raise SpecViolation(f"{where}.{name} must be a list of strings")
        if "limit" in value and not (isinstance(value["limit"], int) and value["limit"] > 0):
            raise SpecViolation(f"{where}.limit must be a positive integer")
        return value

    def _parse_filter(self, raw: str | None) -> dict[str, Any]:
        if raw is None:
            return {}
        if not raw.startswith("{"):
            raise SpecViolation("this server has no stored filters; send the filter inline")
        try:
            value = json.loads(raw)
        except ValueError:
            raise SpecViolation("the filter is not JSON") from None
        if not isinstance(value, dict) or set(value) - FILTER_KEYS:
            raise SpecViolation(f"unknown filter fields in {value!r}")
        self._check_event_filter(value.get("presence"), EVENT_FILTER_KEYS, "presence")
        self._check_event_filter(value.get("account_data"), EVENT_FILTER_KEYS, "account_data")
        room = value.get("room") or {}
        if not isinstance(room, dict) or set(room) - ROOM_FILTER_KEYS:
            raise SpecViolation(f"unknown room filter fields in {room!r}")
        for part in ("timeline", "state", "ephemeral", "account_data"):
            self._check_event_filter(room.get(part), ROOM_EVENT_FILTER_KEYS, f"room.{part}")
        return value

    @staticmethod
    def _matches(event: dict[str, Any], event_filter: dict[str, Any]) -> bool:
        types = event_filter.get("types")
        if types is not None and event["type"] not in types:
            return False
        if event["type"] in (event_filter.get("not_types") or []):
            return False
        senders = event_filter.get("senders")
        return senders is None or event["sender"] in senders

    @staticmethod
    def _token(raw: str, name: str) -> int:
        match = re.fullmatch(r"[st](\d+)", raw)
        if not match:
            raise MatrixError(400, "M_INVALID_PARAM", f"Invalid {name} token")
        return int(match.group(1))

    def _members_of(self, room: Room, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        senders = dict.fromkeys(e["sender"] for e in events)
        return [
            self._serialize(room.state[("m.room.member", s)])
            for s in senders
            if ("m.room.member", s) in room.state
        ]

    def _sync(self, request: Request) -> dict[str, Any]:
        self._query(
            request, {"filter", "since", "timeout", "full_state", "set_presence", "use_state_after"}
        )
        session = self._session(request)
        if "timeout" in request.query and not request.query["timeout"].isdigit():
            raise SpecViolation("timeout must be a whole number of milliseconds")
        sync_filter = self._parse_filter(request.query.get("filter"))
        since = self._token(request.query["since"], "since") if "since" in request.query else 0
        room_filter = sync_filter.get("room") or {}
        timeline_filter = room_filter.get("timeline") or {}
        state_filter = room_filter.get("state") or {}
        limit = int(timeline_filter.get("limit", 10))
        joined: dict[str, Any] = {}
        for room in self.rooms.values():
            if room.membership(session.user_id) != "join":
                continue
            if "rooms" in room_filter and room.room_id not in room_filter["rooms"]:
                continue
            news = [
                e
                for e in self.stream
                if e["room_id"] == room.room_id
                and e["pos"] > since
                and "state_key" not in e
                and self._matches(e, timeline_filter)
            ]
            shown = news[-limit:]
            if since:
                state = [
                    e
                    for e in room.state.values()
                    if e["pos"] > since
                    and e["type"] != "m.room.member"
                    and self._matches(e, state_filter)
                ]
            else:
                state = [
                    e
                    for e in room.state.values()
                    if e["type"] != "m.room.member" and self._matches(e, state_filter)
                ]
            if not shown and not state and since:
                continue
            members = (
                self._members_of(room, shown)
                if state_filter.get("lazy_load_members")
                else [
                    self._serialize(e) for e in room.state.values() if e["type"] == "m.room.member"
                ]
            )
            first = shown[0]["pos"] if shown else len(self.stream) + 1
            joined[room.room_id] = {
                "timeline": {
                    "events": [self._serialize(e, session) for e in shown],
                    "limited": len(news) > len(shown),
                    "prev_batch": f"t{first - 1}",
                },
                "state": {"events": [self._serialize(e) for e in state] + members},
                "ephemeral": {"events": []},
                "account_data": {"events": []},
                "unread_notifications": {"highlight_count": 0, "notification_count": 0},
            }
        rooms = {"join": joined, "invite": {}, "leave": {}, "knock": {}}
        return {"next_batch": f"s{len(self.stream)}", "rooms": rooms}

    def _messages(self, request: Request) -> dict[str, Any]:
        self._query(request, {"from", "to", "dir", "limit", "filter"}, {"dir"})
        session = self._session(request)
        room = self._joined_room(request, session)
        direction = request.query["dir"]
        if direction not in ("b", "f"):
            raise SpecViolation("dir must be b or f")
        try:
            limit = int(request.query.get("limit", "10"))
        except ValueError:
            raise SpecViolation("limit must be an integer") from None
        event_filter = self._check_event_filter(
            json.loads(request.query.get("filter") or "{}"), ROOM_EVENT_FILTER_KEYS, "filter"
        )
        start = self._token(request.query["from"], "from") if "from" in request.query else None
        stop = self._token(request.query["to"], "to") if "to" in request.query else None
        events = [e for e in self.stream if e["room_id"] == room.room_id]
        if direction == "b":
            top = start if start is not None else len(self.stream)
            candidates = [
                e for e in reversed(events) if e["pos"] <= top and (stop is None or e["pos"] > stop)
            ]
        else:
            bottom = start if start is not None else 0
            candidates = [
                e for e in events if e["pos"] > bottom and (stop is None or e["pos"] <= stop)
            ]
        candidates = [e for e in candidates if self._matches(e, event_filter)]
        chunk = window = candidates[:limit]
        answer: dict[str, Any] = {
            "chunk": [self._serialize(e, session) for e in chunk],
            "start": request.query.get("from") or f"t{len(self.stream)}",
        }
        if len(candidates) > limit:
            last = window[-1]["pos"]
            answer["end"] = f"t{last - 1}" if direction == "b" else f"t{last}"
        if event_filter.get("lazy_load_members"):
            answer["state"] = self._members_of(room, chunk)
        return answer

    def _get_event(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        event = self.by_id.get(request.match["event"])
        if event is None or event["room_id"] != room.room_id:
            raise MatrixError(404, "M_NOT_FOUND", "Event not found.")
        return self._serialize(event, session)

    def _state(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        content = room.content(request.match["kind"], request.match["key"] or "")
        if content is None:
            raise MatrixError(404, "M_NOT_FOUND", "Event not found.")
        return copy.deepcopy(content)

    # writes

    def _send(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        kind, txn = request.match["kind"], request.match["txn"]
        body = self._body(request, None)
        if kind == "m.room.message":
            if not isinstance(body.get("msgtype"), str) or not isinstance(body.get("body"), str):
                raise SpecViolation("m.room.message needs string msgtype and body")
            relation = body.get("m.relates_to")
            if relation is not None:
                self._check_relation(room, session, relation)
        key = (session.device_id, "send", txn)
        if key in self.transactions:
            return {"event_id": self.transactions[key]}
        event = self._append(room, session.user_id, kind, body)
        event["txn"] = (session.device_id, txn)
        self.transactions[key] = event["event_id"]
        return {"event_id": event["event_id"]}

    def _check_relation(self, room: Room, session: Session, relation: Any) -> None:
        if not isinstance(relation, dict):
            raise SpecViolation("m.relates_to must be an object")
        unknown = set(relation) - {"rel_type", "event_id", "m.in_reply_to", "is_falling_back"}
        if unknown:
            raise SpecViolation(f"unknown m.relates_to fields {sorted(unknown)}")
        targets = [relation.get("event_id"), (relation.get("m.in_reply_to") or {}).get("event_id")]
        for target in filter(None, targets):
            event = self.by_id.get(str(target))
            if event is None or event["room_id"] != room.room_id:
                raise SpecViolation(f"m.relates_to names {target}, which is not in the room")
        rel_type = relation.get("rel_type")
        if rel_type not in (None, "m.replace", "m.thread", "m.annotation", "m.reference"):
            raise SpecViolation(f"unknown rel_type {rel_type!r}")
        if rel_type == "m.replace":
            original = self.by_id[str(relation["event_id"])]
            if original["sender"] != session.user_id:
                raise SpecViolation("an m.replace must edit the sender's own message")
        if rel_type == "m.thread" and "m.in_reply_to" not in relation:
            raise SpecViolation("a thread message needs an m.in_reply_to (the fallback)")

    def _redact_route(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        body = self._body(request, {"reason"})
        key = (session.device_id, "redact", request.match["txn"])
        if key in self.transactions:
            return {"event_id": self.transactions[key]}
        event_id = self._redact(
            room, session.user_id, request.match["event"], str(body.get("reason") or "")
        )
        self.transactions[key] = event_id
        return {"event_id": event_id}

    def _membership(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        action = request.match["action"]
        body = self._body(request, {"user_id", "reason"}, {"user_id"})
        target = str(body["user_id"])
        if room.level(session.user_id) < room.needed("ban" if action == "unban" else action):
            raise MatrixError(403, "M_FORBIDDEN", f"You don't have permission to {action} users")
        if target == session.user_id or room.level(target) >= room.level(session.user_id):
            raise MatrixError(403, "M_FORBIDDEN", f"You cannot {action} user {target}.")
        membership = {"ban": "ban", "unban": "leave", "kick": "leave"}[action]
        content = self._member(target, membership)
        if body.get("reason"):
            content["reason"] = body["reason"]
        self._append(room, session.user_id, "m.room.member", content, target)
        return {}

    def _report_route(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        session = self._session(request)
        room = self._joined_room(request, session)
        assert request.match is not None
        body = self._body(request, {"reason", "score"})
        self.report(session.user_id, room.room_id, request.match["event"], str(body.get("reason")))
        return {}

    # the report queue (Synapse admin API)

    def _admin(self, request: Request) -> Session:
        session = self._session(request)
        if session.user_id not in self.admins:
            raise MatrixError(403, "M_FORBIDDEN", "You are not a server admin")
        return session

    def _reports(self, request: Request) -> dict[str, Any]:
        self._query(request, {"from", "limit", "dir", "user_id", "room_id", "event_sender_user_id"})
        self._admin(request)
        try:
            start = int(request.query.get("from", "0"))
            limit = int(request.query.get("limit", "100"))
        except ValueError:
            raise SpecViolation("from and limit must be integers") from None
        if request.query.get("dir", "b") not in ("b", "f"):
            raise SpecViolation("dir must be b or f")
        reports = sorted(
            self.reports.values(),
            key=lambda r: r["received_ts"],
            reverse=request.query.get("dir", "b") == "b",
        )
        if "room_id" in request.query:
            reports = [r for r in reports if r["room_id"] == request.query["room_id"]]
        page = reports[start : start + limit]
        answer: dict[str, Any] = {"event_reports": copy.deepcopy(page), "total": len(reports)}
        if start + limit < len(reports):
            answer["next_token"] = start + len(page)
        return answer

    def _report_details(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        self._admin(request)
        assert request.match is not None
        report = self.reports.get(int(request.match["id"]))
        if report is None:
            raise MatrixError(404, "M_NOT_FOUND", "Event report not found")
        event = self._serialize(self.by_id[report["event_id"]])
        details = {k: v for k, v in report.items() if k != "sender"}
        return {**copy.deepcopy(details), "event_json": event}

    def _dismiss(self, request: Request) -> dict[str, Any]:
        self._query(request, set())
        self._admin(request)
        assert request.match is not None
        if self.reports.pop(int(request.match["id"]), None) is None:
            raise MatrixError(404, "M_NOT_FOUND", "Event report not found")
        return {}


_LEGACY = frozenset(str(n) for n in range(1, 12))
