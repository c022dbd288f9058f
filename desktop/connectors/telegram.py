"""Telegram: the comments under a channel's posts, which live in the channel's linked discussion
group, read and moderated by a bot that is an administrator of that group (the Bot API).

    POST {api_base}/bot{token}/{method}   JSON parameters
    -> {"ok": true, "result": ...} | {"ok": false, "error_code", "description", "parameters"}

Sign-in checks the token (getMe), finds the discussion group from the channel (getChat, its
linked_chat_id; the group itself is accepted too), and checks that the bot is an administrator
of the group with the rights to delete messages and ban users (getChatMember).

Pulling is getUpdates with the offset cursor: each page's cursor is the offset after its last
update, and the next call with that offset confirms the page to Telegram, which then forgets
it. A pass polls without waiting (timeout 0) until Telegram has nothing more. Comments to a
channel post reply to the post's automatic copy in the group; that copy gives the item's
context (the post, its first line, its t.me link). Replies to replies carry only the thread id,
so the cursor also keeps the last few hundred threads' contexts. Telegram keeps updates for a
day and never tells a bot about deletions, and a bot cannot list a group's messages or read one
back: `rescans` is False and `fetch` answers None. The bot never receives its own messages
either; they become items when someone answers them (the answer carries a copy).

An item's remote id is "{chat_id}:{message_id}:{sender_id}": the message id is unique per
chat, and the sender (a user id, or a negative chat id for a message sent on behalf of a
channel or by an anonymous administrator) is part of it because a ban names the sender, while
an outbox operation carries only the item's remote id and Telegram cannot look a message up.

Writes and their reconciliation (the bot cannot read back what it sent):
- REPLY is sendMessage with reply_parameters, which puts the reply in the comment's thread
  (message_thread_id is for forum topics only, as the spec says). It takes no idempotency key,
  and nothing in the Bot API shows the bot its own messages afterwards. Whether a reply whose
  answer was lost (timeout, dropped connection, 5xx) arrived cannot be proven, so reconcile
  answers "did not arrive" and the reply is sent again: at worst it appears twice, in plain
  sight where a moderator can remove the copy, rather than a reply everyone believes sent
  never arriving.
- EDIT_REPLY, DELETE and BAN are repeated by reconcile, which is safe because each is
  idempotent on Telegram: an edit to the same text answers "message is not modified", a second
  delete "message to delete not found", a second ban succeeds.

A page's updates are confirmed when the next page is asked for, so `paging_confirms` tells the
sync engine to store each page before it asks for the next: a page is never dropped on
Telegram before it is in the database.

The token is part of every URL, so no URL or httpx error text ever goes into a message, and a
filter takes it out of httpx's request log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any, ClassVar

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
)
from desktop.connectors.http import async_client, json_or_none, request_errors, retry_after, seconds
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

DEFAULT_API_BASE = "https://api.telegram.org"
PAGE_SIZE = 100  # the most getUpdates returns at once
MAX_PAGES_PER_PASS = 50  # the rest waits for the next pass, from the saved cursor
ALLOWED_UPDATES = ("message", "edited_message")
DELETE_WINDOW_S = 48 * 3600
TEXT_LIMIT = 4096
THREADS_KEPT = 300
TITLE_LENGTH = 100
NEEDED_RIGHTS = (("can_delete_messages", "Delete messages"), ("can_restrict_members", "Ban users"))
_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]+")
_TOKEN_IN_URL = re.compile(r"/bot\d+:[A-Za-z0-9_-]+")
# What a message without text shows as, by the field that holds its content.
MEDIA_LABELS = (
    ("photo", "[photo]"),
    ("video", "[video]"),
    ("animation", "[GIF]"),
    ("video_note", "[video message]"),
    ("voice", "[voice message]"),
    ("audio", "[audio]"),
    ("document", "[file]"),
    ("sticker", "[sticker]"),
    ("poll", "[poll]"),
    ("location", "[location]"),
    ("venue", "[place]"),
    ("contact", "[contact]"),
    ("dice", "[dice]"),
    ("story", "[story]"),
    ("paid_media", "[paid media]"),
    ("checklist", "[checklist]"),
    ("game", "[game]"),
)


class _NotModified(Rejected):
    """An edit to the text the message already has."""


class _ChatNotFound(AuthFailed):
    """The chat is unknown to the bot (or the bot was never in it)."""


class TelegramConnector:
    kind: ClassVar[str] = "telegram"
    title: ClassVar[str] = "Telegram"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "channel",
            "Channel",
            "The channel's @username, or its id (-100…) if it is private. Its comments are in "
            "its linked discussion group; you can also give the group itself.",
            placeholder="@yourchannel",
        ),
        SourceField(
            "bot_token",
            "Bot token",
            "From @BotFather. Add the bot to the discussion group as an administrator with the "
            "rights “Delete messages” and “Ban users”.",
            secret=True,
            placeholder="123456789:AA…",
        ),
        SourceField(
            "api_base",
            "Bot API server",
            "Leave as it is unless you run your own Bot API server.",
            required=False,
            default=DEFAULT_API_BASE,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.HIDE: "Telegram cannot hide a message in a group: it is there for everyone or "
        "deleted.",
        Action.APPROVE: "Telegram groups have no messages waiting for approval: every message "
        "appears at once.",
        Action.SPAM: "A Telegram bot cannot report spam. Delete the message or ban its author.",
        Action.RESTORE: "A deleted Telegram message cannot be brought back.",
    }
    rescans: ClassVar[bool] = False
    paging_confirms: ClassVar[bool] = True  # getUpdates with an offset drops earlier updates
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {Action.REPLY, Action.EDIT_REPLY, Action.DELETE, Action.BAN}
    )
    # A ban in a supergroup also deletes all the author's messages there (revoke_messages is
    # always on), which no unban brings back; a deletion is final.
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE, Action.BAN})
    reply_limit: ClassVar[int | None] = TEXT_LIMIT

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        try:
            self._group_id = int(settings["group_id"])
            self._bot_id = int(settings["bot_id"])
        except (KeyError, TypeError, ValueError):
            raise AuthFailed(
                "The source does not know its discussion group yet; sign in again."
            ) from None
        channel_id = settings.get("channel_id")
        self._channel_id = int(channel_id) if isinstance(channel_id, int | str) else None
        self._channel_username = str(settings.get("channel_username") or "")
        self._poll_timeout = int(settings.get("poll_timeout_s", 0))
        self._api = _BotApi(
            str(settings.get("api_base") or DEFAULT_API_BASE),
            lambda: _token(config),
            timeout_s=config.timeout_s,
            transport=transport,
        )
        self._authors: dict[tuple[str, str, str, str | None], RemoteAuthor] = {}

    async def aclose(self) -> None:
        await self._api.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        token = str(request.secrets.get("bot_token", "")).strip()
        if not _TOKEN.fullmatch(token):
            raise AuthFailed(
                "That is not a bot token: @BotFather gives one like 123456789:AA… — copy it whole."
            )
        wanted = _chat_reference(str(request.settings.get("channel", "")))
        api_base = str(request.settings.get("api_base") or DEFAULT_API_BASE).strip()
        api = _BotApi(api_base, lambda: token, timeout_s=request.timeout_s)
        try:
            me = await api.call("getMe", {}, writes=False)
            bot_id, bot_name = int(me["id"]), str(me.get("username") or "")
            chat = await cls._find_chat(api, wanted)
            if chat["type"] == "channel":
                channel: dict[str, Any] | None = chat
                linked = chat.get("linked_chat_id")
                if not linked:
                    raise Rejected(
                        f"The channel “{chat.get('title', wanted)}” has no discussion group, so "
                        "its posts take no comments. Link a group in the channel's settings "
                        "(Discussion), then try again."
                    )
                group = await api.call("getChat", {"chat_id": int(linked)}, writes=False)
            elif chat["type"] in ("supergroup", "group"):
                group = chat
                linked = chat.get("linked_chat_id")
                channel = (
                    await api.call("getChat", {"chat_id": int(linked)}, writes=False)
                    if linked
                    else None
                )
            else:
                raise Rejected(f"{wanted} is a private chat, not a channel or a group.")
            member = await api.call(
                "getChatMember", {"chat_id": int(group["id"]), "user_id": bot_id}, writes=False
            )
            _check_rights(member, f"@{bot_name}", str(group.get("title", "")))
            webhook = await api.call("getWebhookInfo", {}, writes=False)
            if webhook.get("url"):
                raise Rejected(_WEBHOOK_SET)
            settings: dict[str, Any] = {
                "channel": str(request.settings.get("channel", "")).strip(),
                "api_base": api_base,
                "bot_id": bot_id,
                "group_id": int(group["id"]),
                "group_title": str(group.get("title", "")),
            }
            if channel is not None:
                settings["channel_id"] = int(channel["id"])
                settings["channel_title"] = str(channel.get("title", ""))
                settings["channel_username"] = str(channel.get("username") or "")
        except (KeyError, TypeError, ValueError):
            raise MalformedResponse(
                "Telegram answered the sign-in checks in an unexpected shape."
            ) from None
        finally:
            await api.aclose()
        request.credentials.set("bot_token", token)
        name = settings.get("channel_title") or settings["group_title"] or wanted
        return SignInResult(account=f"@{bot_name}", name=str(name), settings=settings)

    @staticmethod
    async def _find_chat(api: _BotApi, wanted: int | str) -> dict[str, Any]:
        try:
            chat: dict[str, Any] = await api.call("getChat", {"chat_id": wanted}, writes=False)
        except _ChatNotFound:
            raise Rejected(
                f"Telegram shows the bot no channel or group {wanted}. Check the @username (or "
                "id), and that the bot is in the discussion group."
            ) from None
        return chat

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        state = _Cursor.load(cursor)
        for _ in range(MAX_PAGES_PER_PASS):
            params: dict[str, Any] = {
                "limit": PAGE_SIZE,
                "timeout": self._poll_timeout,
                "allowed_updates": list(ALLOWED_UPDATES),
            }
            if state.offset is not None:
                params["offset"] = state.offset
            updates = await self._api.call("getUpdates", params, writes=False)
            try:
                if not isinstance(updates, list):
                    raise TypeError("not a list of updates")
                if not updates:
                    return
                items = self._page(updates, state, since)
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise MalformedResponse(
                    f"Telegram sent updates in an unexpected shape ({type(error).__name__})."
                ) from None
            del updates
            yield PullPage(items, state.dump())

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Nothing: a bot cannot list a group's messages (`rescans` is False)."""
        return
        yield  # pragma: no cover - makes this an async generator

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        """None: the Bot API has no way to read one message."""
        return None

    def _page(self, updates: list[Any], state: _Cursor, since: int) -> list[RemoteItem]:
        found: dict[str, RemoteItem] = {}
        copies: dict[str, RemoteItem] = {}
        for update in updates:
            update_id = int(update["update_id"])
            state.offset = max(state.offset or 0, update_id + 1)
            edited = "edited_message" in update
            message = update.get("edited_message") if edited else update.get("message")
            if not isinstance(message, dict) or int(message["chat"]["id"]) != self._group_id:
                continue
            if message.get("is_automatic_forward"):
                self._remember_thread(message, state)
                continue
            parent = message.get("reply_to_message")
            if isinstance(parent, dict) and parent.get("is_automatic_forward"):
                self._remember_thread(parent, state)
            elif isinstance(parent, dict) and int(parent["chat"]["id"]) == self._group_id:
                # The answered message comes as a copy: the only way the bot's own replies (and
                # messages from before the bot polled) become known.
                copied = self._item(parent, state)
                if copied is not None:
                    copies[copied.remote_id] = copied
            if not edited and int(message["date"]) < since:
                continue
            item = self._item(message, state)
            if item is not None:
                found.pop(item.remote_id, None)  # a later version of the same message wins
                found[item.remote_id] = item
        for remote_id, copied in copies.items():
            found.setdefault(remote_id, copied)  # never over a full version of the message
        return list(found.values())

    def _remember_thread(self, forwarded: dict[str, Any], state: _Cursor) -> None:
        """Keep the context of a post's thread: the post's copy in the group is its root."""
        origin = forwarded.get("forward_origin") or {}
        post_id = origin.get("message_id") if origin.get("type") == "channel" else None
        chat = origin.get("chat") or forwarded.get("sender_chat") or {}
        channel_id = int(chat["id"]) if chat.get("id") is not None else self._channel_id
        if post_id is not None and channel_id is not None:
            context_id = f"{channel_id}:{int(post_id)}"
        else:
            context_id = f"{self._group_id}:{int(forwarded['message_id'])}"
        username = str(chat.get("username") or self._channel_username)
        url = ""
        if post_id is not None and username:
            url = f"https://t.me/{username}/{int(post_id)}"
        elif post_id is not None and channel_id is not None and str(channel_id).startswith("-100"):
            url = f"https://t.me/c/{str(channel_id)[4:]}/{int(post_id)}"
        title = _first_line(_content(forwarded)) or (
            f"Post {int(post_id)}" if post_id is not None else "Channel post"
        )
        state.remember(
            int(forwarded["message_id"]),
            [context_id, title, url, str(chat.get("title") or "")],
        )

    def _item(self, message: dict[str, Any], state: _Cursor) -> RemoteItem | None:
        text = _content(message)
        if not text:
            return None  # a service message: someone joined, a pin, a new title...
        chat_id = int(message["chat"]["id"])
        sender_chat = message.get("sender_chat")
        user = message.get("from")
        extra: dict[str, Any] = {}
        if isinstance(sender_chat, dict):
            sender_id = int(sender_chat["id"])
            author: RemoteAuthor | None = self._author(
                str(sender_id),
                _handle(sender_chat),
                str(sender_chat.get("title") or ""),
                None,
            )
            if sender_id == chat_id:
                extra["sender"] = "anonymous_admin"
            elif sender_id == self._channel_id:
                extra["sender"] = "channel"
            else:
                extra["sender"] = "chat"
        elif isinstance(user, dict):
            sender_id = int(user["id"])
            name = " ".join(
                str(part) for part in (user.get("first_name"), user.get("last_name")) if part
            )
            language = user.get("language_code")
            author = self._author(
                str(sender_id), _handle(user), name, str(language) if language else None
            )
        else:
            sender_id, author = 0, None
        parent = message.get("reply_to_message")
        parent_id = None
        thread = message.get("message_thread_id")
        if isinstance(parent, dict):
            if parent.get("is_automatic_forward"):
                thread = parent["message_id"]
            elif int(parent["chat"]["id"]) == chat_id:
                parent_id = _remote_id(parent)
        context = None
        known = state.threads.get(str(int(thread))) if thread is not None else None
        if known is not None:
            context = RemoteContext(known[0], "post", known[1], known[2], known[3])
        edited = message.get("edit_date")
        return RemoteItem(
            remote_id=f"{chat_id}:{int(message['message_id'])}:{sender_id}",
            kind="comment" if thread is not None else "message",
            text=text,
            created_at=int(message["date"]),
            author=author,
            context=context,
            parent_remote_id=parent_id,
            edited_at=int(edited) if edited is not None else None,
            own=sender_id == self._bot_id and sender_chat is None,
            extra=extra,
        )

    _CACHE_LIMIT = 20_000

    def _author(self, remote_id: str, handle: str, name: str, language: str | None) -> RemoteAuthor:
        key = (remote_id, handle, name, language)
        author = self._authors.get(key)
        if author is None:
            if len(self._authors) >= self._CACHE_LIMIT:
                self._authors.clear()
            author = self._authors[key] = RemoteAuthor(remote_id, handle, name, language)
        return author

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        refused: dict[Action, str] = {}
        if now - item.created_at >= DELETE_WINDOW_S:
            refused[Action.DELETE] = (
                "Telegram lets a bot delete only messages sent less than 48 hours ago. An "
                "administrator can still delete it in the Telegram app."
            )
        if not item.own:
            refused[Action.EDIT_REPLY] = "Only the bot's own messages can be edited."
        sender = item.extra.get("sender")
        parts = item.remote_id.split(":")
        if item.own:
            refused[Action.BAN] = "This is the bot's own message."
        elif sender == "anonymous_admin" or (len(parts) == 3 and parts[0] == parts[2]):
            refused[Action.BAN] = (
                "An anonymous administrator of the group wrote this; Telegram does not let a "
                "bot ban them."
            )
        elif sender == "channel":
            refused[Action.BAN] = "This was posted on behalf of your own channel."
        return refused

    async def push(self, operation: Operation) -> PushResult:
        chat_id, message_id, sender_id = _parse_remote_id(operation.item_remote_id)
        if operation.kind is Action.REPLY:
            text = _reply_text(operation)
            sent = await self._api.call(
                "sendMessage",
                {"chat_id": chat_id, "text": text, "reply_parameters": {"message_id": message_id}},
                writes=True,
            )
            try:
                return PushResult(remote_id=_remote_id(sent))
            except (KeyError, TypeError, ValueError):
                raise MalformedResponse(
                    "Telegram confirmed the reply in an unexpected shape."
                ) from None
        if operation.kind is Action.EDIT_REPLY:
            if sender_id != self._bot_id:
                raise Rejected("Only the bot's own messages can be edited.")
            params = {"chat_id": chat_id, "message_id": message_id, "text": _reply_text(operation)}
            with contextlib.suppress(_NotModified):  # already says this: the edit is done
                await self._api.call("editMessageText", params, writes=True)
            return PushResult(remote_id=operation.item_remote_id)
        if operation.kind is Action.DELETE:
            params = {"chat_id": chat_id, "message_id": message_id}
            _confirmed(await self._api.call("deleteMessage", params, writes=True))
            return PushResult(remote_state="deleted")
        if operation.kind is Action.BAN:
            return await self._ban(chat_id, sender_id)
        raise Rejected(self.unsupported.get(operation.kind, "Telegram does not allow this action."))

    async def _ban(self, chat_id: int, sender_id: int | None) -> PushResult:
        if sender_id is None or sender_id == 0:
            raise Rejected("Steward does not know who wrote this message, so it cannot ban them.")
        if sender_id == self._bot_id:
            raise Rejected("This is the bot's own message.")
        if sender_id == chat_id:
            raise Rejected(
                "An anonymous administrator of the group wrote this; Telegram does not let a "
                "bot ban them."
            )
        if sender_id < 0:
            if sender_id == self._channel_id:
                raise Rejected("This was posted on behalf of your own channel.")
            params = {"chat_id": chat_id, "sender_chat_id": sender_id}
            _confirmed(await self._api.call("banChatSenderChat", params, writes=True))
            return PushResult()
        params = {"chat_id": chat_id, "user_id": sender_id}
        _confirmed(await self._api.call("banChatMember", params, writes=True))
        # In a supergroup a ban also deletes all the user's messages (revoke_messages).
        return PushResult(remote_state="deleted")

    async def reconcile(self, operation: Operation) -> PushResult | None:
        if operation.kind is Action.REPLY:
            return None  # not provable: see the module's description
        try:
            return await self.push(operation)
        except Gone:
            if operation.kind is Action.DELETE:
                return PushResult(remote_state="deleted")
            raise


_WEBHOOK_SET = (
    "This bot has a webhook set, so another program receives its updates and Steward cannot. "
    "Remove the webhook (the Bot API's deleteWebhook) or give Steward a bot of its own."
)
_OTHER_POLLER = (
    "Another program is reading this bot's updates at the same time (another copy of Steward, "
    "or a bot running with the same token). Telegram gives updates to one reader only: stop "
    "the other one, or give Steward a bot of its own."
)
_KICKED = (
    "The bot is no longer in the discussion group. Add it back as an administrator with the "
    "rights “Delete messages” and “Ban users”, then sign in again."
)


class _BotApi:
    """Calls to one bot's Bot API, with Telegram's answers mapped to the connector errors."""

    def __init__(
        self,
        base: str,
        token: Callable[[], str],
        *,
        timeout_s: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base = base.rstrip("/")
        if not self._base.startswith(("http://", "https://")):
            raise Rejected("The Bot API server address must start with https://.")
        self._token = token
        self._client = async_client(timeout_s, transport)
        self._timeout_s = timeout_s

    async def aclose(self) -> None:
        await self._client.aclose()

    @property
    def _host(self) -> str:
        return httpx.URL(self._base).host or "the Bot API server"

    async def call(self, method: str, params: dict[str, Any], *, writes: bool) -> Any:
        url = f"{self._base}/bot{self._token()}/{method}"
        timeout = None
        if method == "getUpdates" and params.get("timeout"):
            # A long poll is answered only when its own wait is over.
            timeout = httpx.Timeout(self._timeout_s + float(params["timeout"]))
        with request_errors(f"Telegram ({self._host})", writes=writes):
            if timeout is not None:
                response = await self._client.post(url, json=params, timeout=timeout)
            else:
                response = await self._client.post(url, json=params)
        return _result(response)


def _result(response: httpx.Response) -> Any:
    status = response.status_code
    body = json_or_none(response)
    if not isinstance(body, dict):
        body = {}
    raw_parameters = body.get("parameters")
    parameters = raw_parameters if isinstance(raw_parameters, dict) else {}
    description = str(body.get("description") or "")
    code = body.get("error_code")
    if not isinstance(code, int) or isinstance(code, bool):
        code = status
    if body.get("ok") is True and status < 300:
        if "result" not in body:
            raise MalformedResponse("Telegram's answer has no result.")
        return body["result"]
    if code == 429 or status == 429:
        wait = seconds(parameters.get("retry_after"), retry_after(response, 5.0))
        raise RateLimited(f"Telegram asks to slow down for {wait:.0f} seconds.", wait)
    if status >= 500 or code >= 500:
        raise ServerError(f"Telegram had an internal error ({status}).")
    if code == 401 or status == 401:
        raise AuthFailed(
            "Telegram no longer accepts the bot token: it was revoked or replaced in "
            "@BotFather. Sign in again with the current token."
        )
    if code == 404 or status == 404:
        raise AuthFailed(
            "Telegram does not recognise the bot token (or the Bot API server address is "
            "wrong). Sign in again."
        )
    if code == 409 or status == 409:
        raise Rejected(_WEBHOOK_SET if "webhook" in description.lower() else _OTHER_POLLER)
    if code == 403 or status == 403:
        lowered = description.lower()
        if any(word in lowered for word in ("kicked", "not a member", "deleted", "removed")):
            raise AuthFailed(_KICKED)
        raise Rejected(f"Telegram refused: {_reason(description)}")
    if 400 <= code < 500 or 400 <= status < 500:
        _bad_request(description, parameters)
    raise MalformedResponse("Telegram's answer is not the JSON its Bot API documents.")


def _bad_request(description: str, parameters: Mapping[str, Any]) -> None:
    lowered = description.lower()
    if parameters.get("migrate_to_chat_id") is not None:
        raise AuthFailed("The discussion group moved to a new Telegram id; sign in again.")
    if "message is not modified" in lowered:
        raise _NotModified("The message already has this text.")
    if any(
        phrase in lowered
        for phrase in (
            "message to delete not found",
            "message to edit not found",
            "message to be replied not found",
            "message_id_invalid",
        )
    ):
        raise Gone("The message no longer exists on Telegram.")
    if "message can't be deleted" in lowered:
        raise Rejected(
            "Telegram refused to delete the message: a bot can delete only messages sent less "
            "than 48 hours ago, and needs the “Delete messages” right in the group."
        )
    if "message can't be edited" in lowered:
        raise Rejected("Telegram refused the edit: a bot can edit only its own messages.")
    if "not enough rights" in lowered or "need administrator rights" in lowered:
        raise Rejected(
            "The bot lacks the administrator right for this in the discussion group "
            "(“Delete messages” or “Ban users”)."
        )
    if "user is an administrator" in lowered or "can't remove chat owner" in lowered:
        raise Rejected("Telegram does not let a bot ban an administrator of the group.")
    if "chat not found" in lowered:
        raise _ChatNotFound(
            "Telegram cannot find the discussion group for the bot any more; sign in again."
        )
    if "message is too long" in lowered or "text is empty" in lowered:
        raise Rejected(f"Telegram takes messages of 1 to {TEXT_LIMIT} characters.")
    raise Rejected(f"Telegram refused the request: {_reason(description)}")


def _reason(description: str) -> str:
    reason = description.split(":", 1)[-1].strip() if ":" in description else description
    return _TOKEN_IN_URL.sub("/bot…", reason)[:300] or "no reason given"


def _confirmed(result: Any) -> None:
    if result is not True:
        raise MalformedResponse("Telegram answered without confirming.")


def _check_rights(member: Mapping[str, Any], bot: str, group: str) -> None:
    status = member.get("status")
    if status == "creator":
        return
    labels = ", ".join(f"“{label}”" for _right, label in NEEDED_RIGHTS)
    if status != "administrator":
        raise Rejected(
            f"The bot {bot} is not an administrator of the discussion group “{group}”. Add it "
            f"as an administrator with the rights {labels}, then try again."
        )
    missing = [f"“{label}”" for right, label in NEEDED_RIGHTS if not member.get(right)]
    if missing:
        raise Rejected(
            f"The bot {bot} is an administrator of “{group}” but lacks the "
            f"right{'s' if len(missing) > 1 else ''} {', '.join(missing)}. Give it "
            f"{'them' if len(missing) > 1 else 'it'} in the group's administrator settings, "
            "then try again."
        )


class _Cursor:
    """The pull's cursor: the next getUpdates offset, and the contexts of recent threads."""

    def __init__(self, offset: int | None, threads: dict[str, list[str]]) -> None:
        self.offset = offset
        self.threads = threads

    @classmethod
    def load(cls, cursor: str | None) -> _Cursor:
        if not cursor:
            return cls(None, {})
        try:
            raw = json.loads(cursor)
            if isinstance(raw, int):
                return cls(raw, {})
            threads = {
                str(k): [str(part) for part in v] for k, v in dict(raw.get("threads", {})).items()
            }
            offset = raw.get("offset")
            return cls(int(offset) if offset is not None else None, threads)
        except (ValueError, TypeError, AttributeError):
            return cls(None, {})  # unreadable: start from Telegram's first unconfirmed update

    def remember(self, root: int, context: list[str]) -> None:
        self.threads.pop(str(root), None)
        self.threads[str(root)] = context
        while len(self.threads) > THREADS_KEPT:
            self.threads.pop(next(iter(self.threads)))

    def dump(self) -> str:
        return json.dumps({"offset": self.offset, "threads": self.threads}, ensure_ascii=False)


def _token(config: SourceConfig) -> str:
    token = config.credentials.get("bot_token")
    if not token:
        raise AuthFailed("The source has no bot token; sign in again.")
    return token


def _chat_reference(value: str) -> int | str:
    """A chat as getChat takes it: a numeric id, or @username (from "name", a t.me link...)."""
    text = value.strip()
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.removeprefix("t.me/").removeprefix("telegram.me/").strip("/")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    name = text.lstrip("@")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,}", name):
        raise Rejected(
            "Give the channel as its @username (or a t.me link), or as its id if it is private."
        )
    return f"@{name}"


def _parse_remote_id(remote_id: str) -> tuple[int, int, int | None]:
    parts = remote_id.split(":")
    try:
        chat_id, message_id = int(parts[0]), int(parts[1])
        sender = int(parts[2]) if len(parts) > 2 else None
    except (IndexError, ValueError):
        raise Rejected("Steward cannot tell which Telegram message this is.") from None
    return chat_id, message_id, sender


def _remote_id(message: Mapping[str, Any]) -> str:
    sender_chat = message.get("sender_chat")
    user = message.get("from")
    if isinstance(sender_chat, dict):
        sender = int(sender_chat["id"])
    elif isinstance(user, dict):
        sender = int(user["id"])
    else:
        sender = 0
    return f"{int(message['chat']['id'])}:{int(message['message_id'])}:{sender}"


def _reply_text(operation: Operation) -> str:
    text = str(operation.payload.get("text", "")).strip()
    if not text:
        raise Rejected("A reply cannot be empty.")
    if len(text) > TEXT_LIMIT:
        raise Rejected(f"Telegram takes messages of up to {TEXT_LIMIT} characters.")
    return text


def _content(message: Mapping[str, Any]) -> str:
    text = message.get("text")
    if text is None:
        text = message.get("caption")
    if text:
        return str(text)
    for name, label in MEDIA_LABELS:
        if name in message:
            if name == "sticker":
                emoji = (message.get("sticker") or {}).get("emoji")
                return f"[sticker {emoji}]" if emoji else label
            if name == "poll":
                question = (message.get("poll") or {}).get("question")
                return f"[poll] {question}" if question else label
            return label
    return ""


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def _handle(entity: Mapping[str, Any]) -> str:
    username = entity.get("username")
    return f"@{username}" if username else ""


class _RedactToken(logging.Filter):
    """httpx logs each request's URL, and a Bot API URL carries the bot's token."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/bot" in message:
            record.msg = _TOKEN_IN_URL.sub("/bot…", message)
            record.args = None
        return True


def _redact_http_logs() -> None:
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactToken) for f in logger.filters):
            logger.addFilter(_RedactToken())


_redact_http_logs()

CONNECTOR = TelegramConnector
