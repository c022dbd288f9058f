"""Matrix rooms through the client-server API (any homeserver), and Synapse's report queue.

Steward signs in with a user and password once and keeps only the session it gets (access
token, refresh token, device id). It watches the joined rooms where the account may redact
other people's messages, that is, the rooms it moderates.

    GET  /_matrix/client/versions                                 is it a Matrix homeserver?
    POST {C}/login  m.login.password, refresh_token: true         -> access + refresh token
    POST {C}/refresh                                              -> a new access token
    GET  {C}/account/whoami                                       -> the account's user id
    GET  {C}/sync?filter=&since=&timeout=0                        -> new messages per room
    GET  {C}/rooms/{room}/messages?dir=b&from=&to=&filter=        -> older messages
    GET  {C}/rooms/{room}/event/{event}                           -> one message
    GET  {C}/rooms/{room}/state/{type}[/{key}]                    -> power levels, name, member
    PUT  {C}/rooms/{room}/send/m.room.message/{txn}               reply, edit (idempotent)
    PUT  {C}/rooms/{room}/redact/{event}/{txn}                    delete, spam (idempotent)
    POST {C}/rooms/{room}/ban                                     ban the sender
    GET  {A}/event_reports, {A}/event_reports/{id}                reports (server admins)
    DELETE {A}/event_reports/{id}                                 dismiss a report (approve)

C is /_matrix/client/v3 and A is /_synapse/admin/v1. Errors come as {"errcode", "error"}:
M_UNKNOWN_TOKEN (with soft_logout when a refresh may help), M_LIMIT_EXCEEDED (retry_after_ms),
M_FORBIDDEN, M_NOT_FOUND.

An item's remote id is "{room id}|{event id}": event ids are unique on their own, but every
action on a message needs its room as well.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import quote

import httpx

from desktop.connectors.base import (
    Action,
    AuthFailed,
    AuthKind,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    PullPage,
    PushResult,
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SignInResult,
    SourceConfig,
    SourceField,
    Unreachable,
)
from desktop.connectors.http import async_client, json_or_none, request_errors, retry_after, seconds
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

CLIENT = "/_matrix/client/v3"
ADMIN = "/_synapse/admin/v1"
DEFAULT_HOMESERVER = "https://matrix.org"
TIMELINE_LIMIT = 50
PAGE_LIMIT = 100
# The spec's default levels where a room's m.room.power_levels leaves them out.
DEFAULT_REDACT_LEVEL = 50
# Room versions where the creator's power is a level like anyone's (later ones: unlimited).
LEGACY_ROOM_VERSIONS = frozenset(str(n) for n in range(1, 12))
MESSAGE = "m.room.message"
REDACTION = "m.room.redaction"
# A reconcile looks this far back in the room for the account's own messages.
RECONCILE_PAGES = 5
REASONS = {Action.DELETE: "Removed by a moderator", Action.SPAM: "Spam"}


class MatrixConnector:
    kind: ClassVar[str] = "matrix"
    title: ClassVar[str] = "Matrix"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "api_base",
            "Homeserver",
            "The address of your homeserver, e.g. https://matrix.example.org",
            default=DEFAULT_HOMESERVER,
            placeholder="https://",
        ),
        SourceField("user", "User", "Your Matrix ID (@name:example.org) or user name"),
        SourceField(
            "password",
            "Password",
            "Used once to sign in; Steward keeps only the session the homeserver gives it",
            secret=True,
        ),
        SourceField(
            "rooms",
            "Rooms",
            "Room IDs (!abc:example.org) to watch, separated by spaces; leave empty for every "
            "room you moderate",
            required=False,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.HIDE: "Matrix cannot hide a message; it can only remove it for everyone.",
        Action.RESTORE: "A removed (redacted) Matrix message cannot be brought back.",
    }
    rescans: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.OAUTH_REFRESH
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {
            Action.REPLY,
            Action.EDIT_REPLY,
            Action.DELETE,
            Action.SPAM,
            Action.BAN,
            Action.APPROVE,
        }
    )
    # A ban is undone by an unban in any Matrix client; a redaction is final.
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE, Action.SPAM})
    reply_limit: ClassVar[int | None] = 30_000  # events are limited to 65 536 bytes of JSON

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._base = str(settings.get("api_base") or DEFAULT_HOMESERVER).strip().rstrip("/")
        if not self._base.startswith(("http://", "https://")):
            raise Rejected("The source has no valid homeserver address; set it in the source.")
        self._account = config.account
        self._rooms = _room_list(settings.get("rooms"))
        self._timeline_limit = int(settings.get("timeline_limit", TIMELINE_LIMIT))
        self._page_limit = int(settings.get("page_size", PAGE_LIMIT))
        # What this pass learnt about rooms, so each is asked for once.
        self._power: dict[str, dict[str, Any] | None] = {}
        self._creator_sets: dict[str, frozenset[str]] = {}
        self._names: dict[str, str] = {}
        self._aliases: dict[str, str] = {}
        self._members: dict[tuple[str, str], str] = {}
        self._events: dict[str, dict[str, Any]] = {}
        self._reports: dict[str, list[dict[str, Any]]] | None = None
        self._admin: bool | None = None
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        base = str(request.settings.get("api_base") or DEFAULT_HOMESERVER).strip().rstrip("/")
        if base and "://" not in base:
            base = "https://" + base
        user = str(request.settings.get("user", "")).strip()
        password = request.secrets.get("password", "")
        if not user or not password:
            raise Rejected("Enter your Matrix ID and password.")
        settings: dict[str, Any] = {"api_base": base}
        rooms = _room_list(request.settings.get("rooms"))
        if rooms:
            settings["rooms"] = " ".join(sorted(rooms))
        connector = cls(
            SourceConfig(0, "", settings, request.credentials, timeout_s=request.timeout_s)
        )
        try:
            await connector._check_homeserver()
            try:
                body = await connector._request(
                    "POST",
                    CLIENT + "/login",
                    writes=False,
                    authorized=False,
                    json_body={
                        "type": "m.login.password",
                        "identifier": {"type": "m.id.user", "user": user},
                        "password": password,
                        "refresh_token": True,
                        "initial_device_display_name": "Steward",
                    },
                )
            except (Rejected, Gone) as error:
                raise AuthFailed(
                    f"The homeserver did not accept this user and password ({error})."
                ) from None
            try:
                access_token = str(body["access_token"])
                device_id = str(body["device_id"])
                refresh_token = body.get("refresh_token")
            except (KeyError, TypeError):
                raise MalformedResponse(
                    "The homeserver's answer to the sign-in is not what Matrix documents."
                ) from None
            request.credentials.set("access_token", access_token)
            request.credentials.set("refresh_token", str(refresh_token or ""))
            request.credentials.set("device_id", device_id)
            account = await connector._whoami()
        finally:
            await connector.aclose()
        return SignInResult(account=account, name=f"Matrix {account}", settings=settings)

    async def _check_homeserver(self) -> None:
        try:
            body = await self._request(
                "GET", "/_matrix/client/versions", writes=False, authorized=False
            )
        except (Gone, Rejected):
            body = {}
        versions = body.get("versions")
        if not isinstance(versions, list) or not versions:
            raise Rejected(f"{self._host} does not answer as a Matrix homeserver.")

    async def _whoami(self) -> str:
        body = await self._request("GET", CLIENT + "/account/whoami", writes=False)
        user_id = body.get("user_id")
        if not isinstance(user_id, str) or not user_id.startswith("@"):
            raise MalformedResponse("The homeserver did not say which account this is.")
        self._account = user_id
        return user_id

    async def _me(self) -> str:
        return self._account or await self._whoami()

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """One /sync from the cursor: a page per room with news, then the new reports, then
        the next sync token (the last page's cursor, saved only once everything before it is
        stored). The first sync goes back in each room's history to `since`."""
        since_token, last_report = _parse_cursor(cursor)
        await self._me()
        # New reports first, so that a reported message in this sync arrives as held.
        reports, newest = await self._new_reports(last_report)
        params = {"filter": json.dumps(self._sync_filter()), "timeout": "0"}
        if since_token:
            params["since"] = since_token
        body = await self._get(CLIENT + "/sync", params)
        try:
            next_batch = str(body["next_batch"])
            joined = (body.get("rooms") or {}).get("join") or {}
            rooms = [(str(room_id), dict(room)) for room_id, room in dict(joined).items()]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("a sync", error) from None
        del body, joined
        pulled: set[str] = set()
        for room_id, room in rooms:
            if not self._watched(room_id):
                continue
            try:
                timeline = room.get("timeline") or {}
                events = list(timeline.get("events") or [])
                self._learn(room_id, list((room.get("state") or {}).get("events") or []))
                self._learn(room_id, events)
                if since_token is None:  # a first sync brings the whole state
                    self._names.setdefault(room_id, "")
                    self._aliases.setdefault(room_id, "")
                limited = bool(timeline.get("limited"))
                prev_batch = timeline.get("prev_batch")
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise _malformed("a sync", error) from None
            if not events or not await self._moderates(room_id):
                continue
            if limited and prev_batch:
                # More happened than the timeline holds: the rest comes from the history.
                older = await self._history(
                    room_id,
                    str(prev_batch),
                    stop_ms=None if since_token else since * 1000,
                    to=since_token,
                    types=[MESSAGE, REDACTION],
                )
                events = older + events
            items = await self._items(room_id, events, since=since, reports=reports)
            pulled.update(item.remote_id for item in items)
            if items:
                yield PullPage(items, cursor)
        reported = [
            item
            for remote_id, found in reports.items()
            if remote_id not in pulled and (item := await self._reported_item(found))
        ]
        yield PullPage(reported, _cursor(next_batch, newest if newest is not None else last_report))

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every message that exists now (not redacted) and was sent since `since`, in every
        watched room the account moderates, and the messages reported to a server admin."""
        await self._me()
        reports = await self._open_reports()
        seen: set[str] = set()
        for room_id in await self._moderated_rooms():
            events = await self._history(room_id, None, stop_ms=since * 1000, types=[MESSAGE])
            items = await self._items(
                room_id, events, since=since, reports=reports, redactions=False
            )
            seen.update(item.remote_id for item in items)
            yield PullPage(items, None)
        extra: list[RemoteItem] = []
        for remote_id, found in reports.items():
            if remote_id not in seen:
                item = await self._reported_item(found)
                if item is not None and item.created_at >= since:
                    extra.append(item)
        yield PullPage(extra, None)

    def _sync_filter(self) -> dict[str, Any]:
        room: dict[str, Any] = {
            # Redactions come along so that removed messages are marked as such.
            "timeline": {"types": [MESSAGE, REDACTION], "limit": self._timeline_limit},
            "state": {
                "types": [
                    "m.room.create",
                    "m.room.member",
                    "m.room.power_levels",
                    "m.room.name",
                    "m.room.canonical_alias",
                ],
                "lazy_load_members": True,
                # Each pass is a new connector: it needs the senders' names every time.
                "include_redundant_members": True,
            },
            "ephemeral": {"not_types": ["*"]},
            "account_data": {"not_types": ["*"]},
        }
        if self._rooms:
            room["rooms"] = sorted(self._rooms)
        return {
            "presence": {"not_types": ["*"]},
            "account_data": {"not_types": ["*"]},
            "room": room,
        }

    def _watched(self, room_id: str) -> bool:
        return not self._rooms or room_id in self._rooms

    async def _moderated_rooms(self) -> list[str]:
        body = await self._get(CLIENT + "/joined_rooms")
        try:
            joined = [str(room_id) for room_id in body["joined_rooms"]]
        except (KeyError, TypeError) as error:
            raise _malformed("the list of rooms", error) from None
        return [r for r in joined if self._watched(r) and await self._moderates(r)]

    async def _history(
        self,
        room_id: str,
        start: str | None,
        *,
        stop_ms: int | None = None,
        to: str | None = None,
        types: list[str],
    ) -> list[dict[str, Any]]:
        """Older events of a room, newest first from `start` (the latest without it) back to
        `to` or to the first one sent before `stop_ms`; returned oldest first."""
        events: list[dict[str, Any]] = []
        token = start
        room_filter = json.dumps({"types": types, "lazy_load_members": True})
        while True:
            params = {"dir": "b", "limit": str(self._page_limit), "filter": room_filter}
            if token:
                params["from"] = token
            if to:
                params["to"] = to
            body = await self._get(f"{CLIENT}/rooms/{_q(room_id)}/messages", params)
            try:
                chunk = list(body["chunk"])
                self._learn(room_id, list(body.get("state") or []))
                end = body.get("end")
                done = False
                for raw in chunk:
                    if stop_ms is not None and int(raw["origin_server_ts"]) < stop_ms:
                        done = True
                        break
                    events.append(raw)
            except (KeyError, TypeError, ValueError) as error:
                raise _malformed("a room's history", error) from None
            if done or not chunk or not end or end == token:
                break
            token = str(end)
        events.reverse()
        return events

    async def _items(
        self,
        room_id: str,
        events: list[dict[str, Any]],
        *,
        since: int,
        reports: Mapping[str, list[dict[str, Any]]],
        redactions: bool = True,
    ) -> list[RemoteItem]:
        """The messages among a room's events, oldest first, with the edits among them applied
        to their originals and the redactions marking theirs as deleted."""
        context = await self._context(room_id)
        items: dict[str, RemoteItem] = {}
        edits: list[dict[str, Any]] = []
        removed: list[str] = []
        present: set[str] = set()
        try:
            for raw in events:
                kind = raw["type"]
                present.add(str(raw["event_id"]))
                if "state_key" in raw:
                    continue
                if kind == REDACTION:
                    target = raw.get("redacts") or (raw.get("content") or {}).get("redacts")
                    if target:
                        removed.append(str(target))
                    continue
                if kind != MESSAGE:
                    continue
                relation = raw["content"].get("m.relates_to") or {}
                if relation.get("rel_type") == "m.replace":
                    edits.append(raw)
                    continue
                remote_id = f"{room_id}|{raw['event_id']}"
                item = self._item(room_id, raw, context, reports.get(remote_id))
                if item is not None:
                    items[remote_id] = item
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("a message", error) from None
        for edit in edits:
            await self._apply_edit(room_id, edit, items, context, since)
        if redactions:
            for event_id in removed:
                if event_id in present:  # sent and removed since the last pass: never seen
                    items.pop(f"{room_id}|{event_id}", None)
                else:
                    await self._apply_redaction(room_id, event_id, items, context, since)
        return list(items.values())

    async def _apply_edit(
        self,
        room_id: str,
        edit: dict[str, Any],
        items: dict[str, RemoteItem],
        context: RemoteContext,
        since: int,
    ) -> None:
        try:
            relation = edit["content"]["m.relates_to"]
            remote_id = f"{room_id}|{relation['event_id']}"
            new_body = edit["content"].get("m.new_content", {}).get("body")
            sender = str(edit["sender"])
            edited_at = int(edit["origin_server_ts"]) // 1000
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("an edit", error) from None
        if not isinstance(new_body, str):
            return
        original = items.get(remote_id)
        if original is None:
            # The original came before this page: it is looked up to be updated.
            try:
                original = await self.fetch(remote_id)
            except (Gone, Rejected):
                return
            if original is None or original.created_at < since:
                return
        # Only the sender may edit a message; other "edits" are not applied (as the spec says).
        if original.author is None or original.author.remote_id != sender:
            return
        if original.edited_at is not None and original.edited_at > edited_at:
            return
        text = _strip_reply_fallback(new_body) if original.parent_remote_id else new_body
        items[remote_id] = replace(original, text=text, edited_at=edited_at)

    async def _apply_redaction(
        self,
        room_id: str,
        event_id: str,
        items: dict[str, RemoteItem],
        context: RemoteContext,
        since: int,
    ) -> None:
        remote_id = f"{room_id}|{event_id}"
        try:
            raw = await self._event(room_id, event_id)
        except (Gone, Rejected):
            return
        try:
            if raw.get("type") != MESSAGE or int(raw["origin_server_ts"]) // 1000 < since:
                return
            # The text is gone from the homeserver; the item's history keeps the old one.
            removed = self._item(
                room_id, {**raw, "content": {"body": ""}}, context, None, state="deleted"
            )
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("a removed message", error) from None
        if removed is not None:
            items[remote_id] = removed

    def _item(
        self,
        room_id: str,
        raw: dict[str, Any],
        context: RemoteContext,
        reports: list[dict[str, Any]] | None,
        *,
        state: str = "visible",
    ) -> RemoteItem | None:
        """A message event as an item; None for one whose content was removed (redacted)."""
        content = raw["content"]
        body = content.get("body")
        if not isinstance(body, str):
            return None
        sender = str(raw["sender"])
        relation = content.get("m.relates_to") or {}
        reply_to = (relation.get("m.in_reply_to") or {}).get("event_id")
        # In a thread, m.in_reply_to is a fallback for older clients unless it is marked as a
        # real reply; the message then answers the thread's root.
        if relation.get("rel_type") == "m.thread" and (
            not reply_to or relation.get("is_falling_back")
        ):
            reply_to = relation.get("event_id")
        text = _strip_reply_fallback(body) if reply_to else body
        edited_at = None
        replacement = ((raw.get("unsigned") or {}).get("m.relations") or {}).get("m.replace")
        if isinstance(replacement, dict) and replacement.get("sender") == sender:
            new_body = ((replacement.get("content") or {}).get("m.new_content") or {}).get("body")
            if isinstance(new_body, str):
                text = _strip_reply_fallback(new_body) if reply_to else new_body
                edited_at = int(replacement["origin_server_ts"]) // 1000
        extra: dict[str, Any] = {}
        if reports:
            state = "held"
            newest = max(reports, key=lambda r: int(r["id"]))
            extra = {
                "report_id": int(newest["id"]),
                "report_reason": str(newest.get("reason") or ""),
                "reported_by": str(newest.get("user_id") or ""),
            }
        return RemoteItem(
            remote_id=f"{room_id}|{raw['event_id']}",
            kind="message",
            text=text,
            created_at=int(raw["origin_server_ts"]) // 1000,
            author=RemoteAuthor(sender, sender, self._members.get((room_id, sender), "")),
            context=context,
            parent_remote_id=f"{room_id}|{reply_to}" if reply_to else None,
            remote_state=state,
            edited_at=edited_at,
            own=sender == self._account,
            extra=extra,
        )

    # -- what the account knows about its rooms ------------------------------------------------

    def _learn(self, room_id: str, events: Iterable[dict[str, Any]]) -> None:
        for raw in events:
            key = raw.get("state_key")
            if key is None:
                continue
            kind = raw.get("type")
            content = raw.get("content") or {}
            if kind == "m.room.power_levels" and key == "":
                self._power[room_id] = dict(content)
            elif kind == "m.room.create" and key == "":
                creators = set()
                if str(content.get("room_version", "1")) not in LEGACY_ROOM_VERSIONS:
                    creators.add(str(raw.get("sender")))
                    creators.update(str(user) for user in content.get("additional_creators") or [])
                self._creator_sets[room_id] = frozenset(creators)
            elif kind == "m.room.name" and key == "":
                self._names[room_id] = str(content.get("name") or "")
            elif kind == "m.room.canonical_alias" and key == "":
                self._aliases[room_id] = str(content.get("alias") or "")
            elif kind == "m.room.member":
                name = content.get("displayname")
                if isinstance(name, str) and name:
                    self._members[(room_id, str(key))] = name

    async def _state(self, room_id: str, kind: str, key: str = "") -> dict[str, Any] | None:
        path = f"{CLIENT}/rooms/{_q(room_id)}/state/{_q(kind)}"
        if key:
            path += f"/{_q(key)}"
        try:
            return await self._get(path)
        except Gone:
            return None

    async def _moderates(self, room_id: str) -> bool:
        """Whether the account may redact other people's messages in the room."""
        if room_id not in self._power:
            try:
                self._power[room_id] = await self._state(room_id, "m.room.power_levels")
            except Rejected:  # no longer in the room
                self._power[room_id] = None
        levels = self._power[room_id]
        if levels is None:
            return False
        try:
            users = levels.get("users") or {}
            needed = int(levels.get("redact", DEFAULT_REDACT_LEVEL))
            if self._account in users:
                return int(users[self._account]) >= needed
            if self._account in await self._creators(room_id):
                return True
            return int(levels.get("users_default", 0)) >= needed
        except (TypeError, ValueError, AttributeError) as error:
            raise _malformed("a room's power levels", error) from None

    async def _creators(self, room_id: str) -> frozenset[str]:
        """The users with unlimited power in the room: its creators, from room version 12 on
        (earlier versions list the creator among the users with a level)."""
        if room_id not in self._creator_sets:
            try:
                create = await self._state(room_id, "m.room.create") or {}
            except Rejected:
                create = {}
            creators: set[str] = set()
            if str(create.get("room_version", "1")) not in LEGACY_ROOM_VERSIONS:
                # Such a room's id is its create event's id: the event names the creator.
                with contextlib.suppress(Gone, Rejected):
                    event = await self._event(room_id, "$" + room_id[1:])
                    creators.add(str(event.get("sender")))
                creators.update(str(user) for user in create.get("additional_creators") or [])
            self._creator_sets[room_id] = frozenset(creators)
        return self._creator_sets[room_id]

    async def _context(self, room_id: str) -> RemoteContext:
        if room_id not in self._names:
            state = await self._state(room_id, "m.room.name")
            self._names[room_id] = str((state or {}).get("name") or "")
        if room_id not in self._aliases:
            state = await self._state(room_id, "m.room.canonical_alias")
            self._aliases[room_id] = str((state or {}).get("alias") or "")
        return self._room_context(room_id, self._names[room_id], self._aliases[room_id])

    @staticmethod
    def _room_context(room_id: str, name: str, alias: str) -> RemoteContext:
        return RemoteContext(
            room_id,
            "room",
            title=name or alias or room_id,
            url=f"https://matrix.to/#/{quote(alias or room_id, safe='!:@#$')}",
            detail=alias,
        )

    async def _event(self, room_id: str, event_id: str) -> dict[str, Any]:
        raw = await self._get(f"{CLIENT}/rooms/{_q(room_id)}/event/{_q(event_id)}")
        self._events[f"{room_id}|{event_id}"] = raw
        return raw

    # -- reports (Synapse's admin API) ---------------------------------------------------------

    async def _report_pages(self, newer_than: int | None) -> list[dict[str, Any]] | None:
        """Reports, newest first, down to `newer_than`; None where the account is not a
        server admin (or the homeserver is not Synapse)."""
        if self._admin is False:
            return None
        found: list[dict[str, Any]] = []
        start = 0
        while True:
            params = {"from": str(start), "limit": str(self._page_limit), "dir": "b"}
            try:
                body = await self._get(ADMIN + "/event_reports", params)
            except (Rejected, Gone):
                self._admin = False
                return None
            self._admin = True
            try:
                page = list(body["event_reports"])
                done = False
                for report in page:
                    if newer_than is not None and int(report["id"]) <= newer_than:
                        done = True
                        break
                    found.append(dict(report))
                following = body.get("next_token")
            except (KeyError, TypeError, ValueError) as error:
                raise _malformed("the report queue", error) from None
            if done or following is None or not page:
                return found
            start = int(following)

    async def _open_reports(self) -> dict[str, list[dict[str, Any]]]:
        """The open reports by the reported message's remote id, once per pass."""
        if self._reports is None:
            reports = await self._report_pages(None) or []
            grouped: dict[str, list[dict[str, Any]]] = {}
            try:
                for report in reports:
                    remote_id = f"{report['room_id']}|{report['event_id']}"
                    grouped.setdefault(remote_id, []).append(report)
            except (KeyError, TypeError) as error:
                raise _malformed("the report queue", error) from None
            self._reports = grouped
        return self._reports

    async def _new_reports(
        self, newer_than: int | None
    ) -> tuple[dict[str, list[dict[str, Any]]], int | None]:
        """Reports made since the one with id `newer_than`, by reported message; and the
        newest report's id."""
        reports = await self._report_pages(newer_than)
        grouped: dict[str, list[dict[str, Any]]] = {}
        if not reports:
            return grouped, None
        try:
            newest = max(int(r["id"]) for r in reports)
            for report in reports:
                grouped.setdefault(f"{report['room_id']}|{report['event_id']}", []).append(report)
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("the report queue", error) from None
        return grouped, newest

    async def _reported_item(self, reports: list[dict[str, Any]]) -> RemoteItem | None:
        newest = max(reports, key=lambda r: int(r["id"]))
        try:
            details = await self._get(f"{ADMIN}/event_reports/{int(newest['id'])}")
        except Gone:  # dismissed meanwhile
            return None
        try:
            raw = dict(details["event_json"])
            room_id = str(details["room_id"])
            context = self._room_context(
                room_id, str(details.get("name") or ""), str(details.get("canonical_alias") or "")
            )
            if raw.get("type") != MESSAGE:
                return None
            raw.setdefault("event_id", details["event_id"])
            return self._item(room_id, raw, context, reports)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("a reported message", error) from None

    # -- one item, and actions -----------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        found: dict[Action, str] = {}
        if not item.own:
            found[Action.EDIT_REPLY] = "Only your own messages can be edited."
        else:
            found[Action.BAN] = "You cannot ban your own account."
        if item.remote_state != "held" and "report_id" not in item.extra:
            found[Action.APPROVE] = (
                "Only a reported message can be approved: approving dismisses its reports."
            )
        return found

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        room_id, event_id = _split(remote_id)
        await self._me()
        try:
            raw = await self._event(room_id, event_id)
        except Rejected:  # not visible to the account (e.g. a reported room it is not in)
            return None
        reports = (await self._open_reports()).get(remote_id)
        try:
            item = self._item(room_id, raw, await self._context(room_id), reports)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("a message", error) from None
        if item is None:
            raise Gone("The message was removed (redacted) on Matrix.")
        return item

    async def push(self, operation: Operation) -> PushResult:
        room_id, event_id = _split(operation.item_remote_id)
        await self._me()
        kind = operation.kind
        if kind is Action.REPLY:
            content = await self._reply_content(room_id, event_id, operation.payload["text"])
            return PushResult(remote_id=await self._send(room_id, operation, content))
        if kind is Action.EDIT_REPLY:
            content = await self._edit_content(room_id, event_id, operation.payload["text"])
            await self._send(room_id, operation, content)
            return PushResult()
        if kind in REASONS:
            await self._request(
                "PUT",
                f"{CLIENT}/rooms/{_q(room_id)}/redact/{_q(event_id)}/"
                f"{_q(operation.idempotency_key)}",
                writes=True,
                json_body={"reason": REASONS[kind]},
            )
            return PushResult(remote_state="deleted")
        if kind is Action.BAN:
            sender = await self._sender(room_id, event_id)
            if sender == self._account:
                raise Rejected("You cannot ban your own account.")
            await self._request(
                "POST",
                f"{CLIENT}/rooms/{_q(room_id)}/ban",
                writes=True,
                json_body={"user_id": sender, "reason": "Banned by a moderator"},
            )
            return PushResult()
        if kind is Action.APPROVE:
            return await self._dismiss_reports(operation.item_remote_id)
        raise Rejected(self.unsupported.get(kind, f"Matrix cannot {kind.value}."))

    async def _send(self, room_id: str, operation: Operation, content: dict[str, Any]) -> str:
        # The transaction id is the operation's own key: the homeserver answers a repeat of it
        # with the event it already made, so a resend never posts twice.
        body = await self._request(
            "PUT",
            f"{CLIENT}/rooms/{_q(room_id)}/send/{MESSAGE}/{_q(operation.idempotency_key)}",
            writes=True,
            json_body=content,
        )
        event_id = body.get("event_id")
        if not isinstance(event_id, str):
            raise MalformedResponse("The homeserver did not say which message it made.")
        return f"{room_id}|{event_id}"

    async def _reply_content(self, room_id: str, event_id: str, text: str) -> dict[str, Any]:
        original = self._events.get(f"{room_id}|{event_id}") or await self._event(room_id, event_id)
        try:
            relation = (original.get("content") or {}).get("m.relates_to") or {}
            sender = str(original["sender"])
        except (KeyError, TypeError, AttributeError) as error:
            raise _malformed("a message", error) from None
        relates: dict[str, Any] = {"m.in_reply_to": {"event_id": event_id}}
        if relation.get("rel_type") == "m.thread" and relation.get("event_id"):
            # A reply to a message in a thread stays in the thread.
            relates.update(
                {"rel_type": "m.thread", "event_id": relation["event_id"], "is_falling_back": False}
            )
        content: dict[str, Any] = {"msgtype": "m.text", "body": text, "m.relates_to": relates}
        if sender != self._account:
            content["m.mentions"] = {"user_ids": [sender]}
        return content

    async def _edit_content(self, room_id: str, event_id: str, text: str) -> dict[str, Any]:
        if await self._sender(room_id, event_id) != self._account:
            raise Rejected("Only your own messages can be edited.")
        return {
            "msgtype": "m.text",
            "body": f"* {text}",
            "m.new_content": {"msgtype": "m.text", "body": text},
            "m.relates_to": {"rel_type": "m.replace", "event_id": event_id},
        }

    async def _sender(self, room_id: str, event_id: str) -> str:
        raw = self._events.get(f"{room_id}|{event_id}") or await self._event(room_id, event_id)
        sender = raw.get("sender")
        if not isinstance(sender, str):
            raise MalformedResponse("The homeserver did not say who sent the message.")
        return sender

    async def _dismiss_reports(self, remote_id: str) -> PushResult:
        reports = await self._open_reports()
        if self._admin is not True:
            raise Rejected("Only a server administrator can dismiss reports on this homeserver.")
        for report in reports.pop(remote_id, []):
            with contextlib.suppress(Gone):  # dismissed by someone else meanwhile
                await self._request(
                    "DELETE", f"{ADMIN}/event_reports/{int(report['id'])}", writes=True
                )
        return PushResult(remote_state="visible")

    async def reconcile(self, operation: Operation) -> PushResult | None:
        """Whether an interrupted operation arrived.

        A reply or an edit is looked for among the account's recent messages in the room by its
        transaction id (which the homeserver shows to the device that sent it), or by its text.
        When it is not found, None sends it again with the same transaction id: a homeserver
        answers a repeated transaction id from the same device with the event it already made,
        so even a message that did arrive unseen is not posted twice."""
        room_id, event_id = _split(operation.item_remote_id)
        await self._me()
        kind = operation.kind
        if kind in (Action.REPLY, Action.EDIT_REPLY):
            found = await self._own_message(room_id, event_id, operation)
            if found is None:
                return None
            return PushResult(remote_id=found) if kind is Action.REPLY else PushResult()
        if kind in REASONS:
            try:
                raw = await self._event(room_id, event_id)
            except Gone:
                return PushResult(remote_state="deleted")
            removed = not isinstance((raw.get("content") or {}).get("body"), str)
            return PushResult(remote_state="deleted") if removed else None
        if kind is Action.BAN:
            sender = await self._sender(room_id, event_id)
            member = await self._state(room_id, "m.room.member", sender)
            return PushResult() if (member or {}).get("membership") == "ban" else None
        if kind is Action.APPROVE:
            reports = await self._open_reports()
            return (
                None
                if reports.get(operation.item_remote_id)
                else PushResult(remote_state="visible")
            )
        return None

    async def _own_message(self, room_id: str, event_id: str, operation: Operation) -> str | None:
        text = operation.payload.get("text", "")
        room_filter = json.dumps({"types": [MESSAGE], "senders": [self._account]})
        oldest_ms = (operation.created_at - 300) * 1000
        token: str | None = None
        for _page in range(RECONCILE_PAGES):
            params = {"dir": "b", "limit": str(self._page_limit), "filter": room_filter}
            if token:
                params["from"] = token
            body = await self._get(f"{CLIENT}/rooms/{_q(room_id)}/messages", params)
            try:
                chunk = list(body["chunk"])
                for raw in chunk:
                    if int(raw["origin_server_ts"]) < oldest_ms:
                        return None
                    if raw.get("sender") != self._account:
                        continue
                    remote_id = f"{room_id}|{raw['event_id']}"
                    if remote_id in operation.known_reply_ids:
                        continue
                    content = raw.get("content") or {}
                    relation = content.get("m.relates_to") or {}
                    if (raw.get("unsigned") or {}).get("transaction_id") == (
                        operation.idempotency_key
                    ):
                        return remote_id
                    if operation.kind is Action.EDIT_REPLY:
                        same = (
                            relation.get("rel_type") == "m.replace"
                            and relation.get("event_id") == event_id
                            and (content.get("m.new_content") or {}).get("body") == text
                        )
                    else:
                        same = (relation.get("m.in_reply_to") or {}).get(
                            "event_id"
                        ) == event_id and content.get("body") == text
                    if same:
                        return remote_id
                token = body.get("end")
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise _malformed("a room's history", error) from None
            if not chunk or not token:
                return None
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    async def _get(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        return await self._request("GET", path, writes=False, params=params)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: dict[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
        authorized: bool = True,
    ) -> dict[str, Any]:
        refreshed = False
        while True:
            response = await self._send_http(method, path, writes, params, json_body, authorized)
            if response.status_code == 401 and authorized and not refreshed:
                body = json_or_none(response)
                if (
                    isinstance(body, dict)
                    and body.get("errcode") == "M_UNKNOWN_TOKEN"
                    and body.get("soft_logout") is True
                    and self._config.credentials.get("refresh_token")
                ):
                    await self._refresh()
                    refreshed = True
                    continue
            return self._decode(response)

    async def _send_http(
        self,
        method: str,
        path: str,
        writes: bool,
        params: dict[str, str] | None,
        json_body: dict[str, Any] | None,
        authorized: bool,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if authorized:
            token = self._config.credentials.get("access_token")
            if not token:
                raise AuthFailed("The source is not signed in to its homeserver; sign in again.")
            headers["Authorization"] = f"Bearer {token}"
        with request_errors(f"the homeserver {self._host}", writes=writes):
            return await self._client.request(
                method, self._base + path, params=params, json=json_body, headers=headers
            )

    @property
    def _host(self) -> str:
        return httpx.URL(self._base).host or self._base

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        body = json_or_none(response)
        errcode = str(body.get("errcode", "")) if isinstance(body, dict) else ""
        message = str(body.get("error", "")) if isinstance(body, dict) else ""
        if status == 429 or errcode == "M_LIMIT_EXCEEDED":
            milliseconds = body.get("retry_after_ms") if isinstance(body, dict) else None
            if milliseconds is not None:
                wait = seconds(milliseconds, 5000.0) / 1000
            else:
                wait = retry_after(response, 5.0)
            raise RateLimited("The homeserver asks Steward to slow down.", wait)
        if status == 401 or errcode in ("M_UNKNOWN_TOKEN", "M_MISSING_TOKEN", "M_USER_DEACTIVATED"):
            raise AuthFailed("The homeserver no longer accepts Steward's session; sign in again.")
        if errcode == "M_NOT_FOUND":
            raise Gone("The message or room no longer exists on the homeserver.")
        if 400 <= status < 500:
            detail = message or errcode or str(status)
            raise Rejected(f"The homeserver refused: {detail}")
        if status >= 500:
            raise ServerError(f"The homeserver had an internal error ({status}).")
        if not isinstance(body, dict):
            raise MalformedResponse("The homeserver's answer is not the JSON Matrix documents.")
        return body

    async def _refresh(self) -> None:
        """A new access token for an expired one (the session's refresh token is rotated)."""
        refresh_token = self._config.credentials.get("refresh_token")
        try:
            response = await self._client.post(
                self._base + CLIENT + "/refresh", json={"refresh_token": refresh_token}
            )
        except httpx.TransportError:
            raise Unreachable(f"The homeserver {self._host} cannot be reached.") from None
        body = json_or_none(response)
        if response.status_code == 429:
            self._decode(response)
        if response.status_code != 200 or not isinstance(body, dict):
            raise AuthFailed("Steward's session on the homeserver has ended; sign in again.")
        access_token = body.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise MalformedResponse("The homeserver renewed the session without a token.")
        self._config.credentials.set("access_token", access_token)
        if isinstance(body.get("refresh_token"), str):
            self._config.credentials.set("refresh_token", body["refresh_token"])


def _split(remote_id: str) -> tuple[str, str]:
    room_id, separator, event_id = remote_id.partition("|")
    if not separator or not room_id.startswith("!") or not event_id.startswith("$"):
        raise Rejected("The item is not a Matrix message Steward knows how to address.")
    return room_id, event_id


def _q(value: str) -> str:
    return quote(value, safe="")


def _room_list(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, (list, tuple, set, frozenset)):
        return frozenset()
    return frozenset(str(room).strip() for room in value if str(room).strip())


def _parse_cursor(cursor: str | None) -> tuple[str | None, int | None]:
    """The sync token and the newest report seen, from a cursor made by `_cursor`."""
    if not cursor:
        return None, None
    try:
        data = json.loads(cursor)
        report = data.get("report")
        return str(data["since"]), int(report) if report is not None else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return cursor, None  # a bare sync token


def _cursor(since: str, report: int | None) -> str:
    return json.dumps({"since": since, "report": report}, separators=(",", ":"))


def _strip_reply_fallback(body: str) -> str:
    """A reply's text without the quote of the original that older clients put before it."""
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    if lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def _malformed(what: str, error: BaseException) -> MalformedResponse:
    return MalformedResponse(f"The homeserver sent {what} in an unexpected shape ({error!r}).")


CONNECTOR = MatrixConnector
