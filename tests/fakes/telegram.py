"""A fake Telegram Bot API server: one bot, one channel and its linked discussion group.

    GET|POST /bot<token>/<method>   query, form or JSON parameters
    -> {"ok": true, "result": ...}
    |  {"ok": false, "error_code": N, "description": "...", "parameters": {"retry_after": N}}

It keeps what a real server keeps for a bot: the group's messages, its members and their
rights, and a queue of updates numbered by update_id, from which getUpdates answers; calling it
with an offset confirms (forgets) every earlier update. The bot's own messages are never queued
as updates, as on Telegram. Every call is checked against the Bot API spec (see telegram_spec),
and so is every object the fake answers with.

Switches for tests: `revoke()` (401), `set_webhook()` / `other_poller` (409), `fail()` to answer
the next call of a method with any status or body (429 with retry_after, 5xx, malformed JSON),
`answer_lost` (the call takes effect, the answer is a 502), `kick_bot()` (403), `set_rights()`,
`edit()` (a remote edit, queued as an edited_message update), `delete()` (a remote deletion,
which Telegram does not report to bots).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation
from tests.fakes.telegram_spec import check_call, check_result

TOKEN = "7011223344:AAH-test-token-0123456789abcdefghij"
BOT_ID = 7011223344
CHANNEL_ID = -1001122334455
GROUP_ID = -1001987654321
SERVICE_USER = {"id": 777000, "is_bot": False, "first_name": "Telegram"}
DELETE_WINDOW_S = 48 * 3600
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)
_ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


def error_body(code: int, description: str, retry_after: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return body


@dataclass
class Injected:
    status: int
    body: Any


class TelegramServer(FakeHTTPServer):
    """The Bot API of one bot; `channel_username` None makes a private channel."""

    def __init__(
        self,
        *,
        channel_username: str | None = "ourchannel",
        clock: Callable[[], int] = lambda: int(time.time()),
    ) -> None:
        super().__init__()
        self.channel_username = channel_username
        self.clock = clock
        self.token = TOKEN
        self.revoked = False
        self.webhook_url = ""
        self.other_poller = False
        self.answer_lost: set[str] = set()  # methods whose call takes effect, answer lost
        self.injected: dict[str, list[Injected]] = {}
        self.bot = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Steward Desk",
            "username": "steward_desk_bot",
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.channel: dict[str, Any] = {"id": CHANNEL_ID, "type": "channel", "title": "Our Channel"}
        if self.channel_username:
            self.channel["username"] = self.channel_username
        self.group: dict[str, Any] = {
            "id": GROUP_ID,
            "type": "supergroup",
            "title": "Our Channel Chat",
            "username": "ourchannel_chat",
        }
        self.linked = True
        self.users: dict[int, dict[str, Any]] = {}
        self.members: dict[int, dict[str, Any]] = {}
        self.banned_sender_chats: set[int] = set()
        self.messages: dict[int, dict[str, Any]] = {}  # the group's, by message_id
        self.deleted: set[int] = set()
        self.posts = 0
        self.next_message_id = 3300
        self.updates: list[dict[str, Any]] = []
        self.next_update_id = 840211500
        self.bot_in_group = True
        self.set_rights(can_delete_messages=True, can_restrict_members=True)
        self.route("GET", r"/bot(?P<token>[^/]+)/(?P<method>\w+)", self._call)
        self.route("POST", r"/bot(?P<token>[^/]+)/(?P<method>\w+)", self._call)

    # -- the world, as tests shape it ------------------------------------------------------------

    def start(self) -> TelegramServer:
        super().start()
        return self

    def set_rights(self, **rights: bool) -> None:
        """Make the bot an administrator of the group with these rights (others False)."""
        with self.lock:
            member: dict[str, Any] = {"status": "administrator", "user": self._bot_user()}
            member.update({name: bool(rights.get(name, False)) for name in _ADMIN_RIGHTS})
            self.members[BOT_ID] = member

    def demote_bot(self) -> None:
        with self.lock:
            self.members[BOT_ID] = {"status": "member", "user": self._bot_user()}

    def kick_bot(self) -> None:
        with self.lock:
            self.bot_in_group = False
            self.members[BOT_ID] = {"status": "left", "user": self._bot_user()}

    def revoke(self) -> None:
        """The token is revoked in @BotFather: every call answers 401."""
        self.revoked = True

    def set_webhook(self, url: str) -> None:
        self.webhook_url = url

    def fail(self, method: str, status: int, body: Any) -> None:
        """Answer the next call of `method` with `status` and `body` (JSON-able or bytes)."""
        with self.lock:
            self.injected.setdefault(method, []).append(Injected(status, body))

    def rate_limit(self, method: str, retry_after: int) -> None:
        self.fail(
            method,
            429,
            error_body(429, f"Too Many Requests: retry after {retry_after}", retry_after),
        )

    def user(
        self, user_id: int, first_name: str, username: str | None = None, language: str = "en"
    ) -> dict[str, Any]:
        with self.lock:
            user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
            if username:
                user["username"] = username
            user["language_code"] = language
            self.users[user_id] = user
            self.members.setdefault(user_id, {"status": "member", "user": user})
            return user

    def post(self, text: str, *, date: int | None = None) -> int:
        """Publish a channel post; Telegram copies it into the discussion group as an automatic
        forward. Returns the copy's message id in the group (the comments' thread root)."""
        with self.lock:
            self.posts += 1
            when = date if date is not None else self.clock()
            message = self._new_message(
                {
                    "from": dict(SERVICE_USER),
                    "sender_chat": dict(self.channel),
                    "date": when,
                    "is_automatic_forward": True,
                    "forward_origin": {
                        "type": "channel",
                        "date": when,
                        "chat": dict(self.channel),
                        "message_id": self.posts,
                    },
                    "text": text,
                }
            )
            self._queue("message", message)
            return int(message["message_id"])

    def comment(
        self,
        reply_to: int,
        text: str | None,
        *,
        user: dict[str, Any] | None = None,
        sender_chat: dict[str, Any] | None = None,
        date: int | None = None,
        media: dict[str, Any] | None = None,
    ) -> int:
        """A message in the group replying to `reply_to` (a post's copy or another comment)."""
        with self.lock:
            if user is not None and self.members.get(user["id"], {}).get("status") == "kicked":
                raise ValueError("a banned user cannot write in the group")
            if sender_chat is not None and sender_chat["id"] in self.banned_sender_chats:
                raise ValueError("a banned channel cannot write in the group")
            target = self.messages[reply_to]
            fields: dict[str, Any] = {
                "from": dict(user) if user is not None else dict(SERVICE_USER),
                "date": date if date is not None else self.clock(),
                "message_thread_id": target.get("message_thread_id", target["message_id"]),
                "reply_to_message": self._snapshot(target),
            }
            if sender_chat is not None:
                fields["from"] = {"id": 136817688, "is_bot": True, "first_name": "Channel"}
                fields["sender_chat"] = dict(sender_chat)
            if text is not None:
                fields["caption" if media else "text"] = text
            if media:
                fields.update(media)
            message = self._new_message(fields)
            self._queue("message", message)
            return int(message["message_id"])

    def bot_said(self, text: str) -> int:
        """A message the bot sent earlier (not an update: bots never get their own)."""
        with self.lock:
            fields = {"from": self._bot_user(), "date": self.clock(), "text": text}
            return int(self._new_message(fields)["message_id"])

    def edit(self, message_id: int, text: str) -> None:
        """The author edits the message: an edited_message update with edit_date."""
        with self.lock:
            message = self.messages[message_id]
            message["text" if "text" in message else "caption"] = text
            message["edit_date"] = self.clock()
            self._queue("edited_message", message)

    def delete(self, message_id: int) -> None:
        """The author deletes the message; bots are not told."""
        with self.lock:
            self.deleted.add(message_id)

    def visible(self, message_id: int) -> bool:
        return message_id in self.messages and message_id not in self.deleted

    def sent_by_bot(self) -> list[dict[str, Any]]:
        with self.lock:
            return [
                m
                for mid, m in self.messages.items()
                if m.get("from", {}).get("id") == BOT_ID and mid not in self.deleted
            ]

    def pending_update_ids(self) -> list[int]:
        with self.lock:
            return [u["update_id"] for u in self.updates]

    # -- HTTP ------------------------------------------------------------------------------------

    def _call(self, request: Request) -> Reply:
        assert request.match is not None
        method = request.match["method"]
        if self.revoked or request.match["token"] != self.token:
            return Reply(401, error_body(401, "Unauthorized"))
        params, textual = _parameters(request)
        check_call(method, params, textual)
        queued = self.injected.get(method)
        if queued:
            injected = queued.pop(0)
            return Reply(injected.status, injected.body)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return Reply(404, error_body(404, "Not Found"))
        try:
            result = handler(_Values(params))
        except ApiError as error:
            return Reply(error.code, error_body(error.code, error.description, error.retry_after))
        check_result(method, result)
        if method in self.answer_lost:
            self.answer_lost.discard(method)
            return Reply(
                502, b"<html><body>502 Bad Gateway</body></html>", {"Content-Type": "text/html"}
            )
        return Reply(200, {"ok": True, "result": result})

    # -- methods ---------------------------------------------------------------------------------

    def _m_getMe(self, _v: _Values) -> dict[str, Any]:
        return dict(self.bot)

    def _m_getWebhookInfo(self, _v: _Values) -> dict[str, Any]:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }

    def _m_deleteWebhook(self, _v: _Values) -> bool:
        self.webhook_url = ""
        return True

    def _m_getChat(self, v: _Values) -> dict[str, Any]:
        chat = self._chat(v.chat("chat_id"))
        full = {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
        if self.linked:
            other = self.group if chat["id"] == CHANNEL_ID else self.channel
            full["linked_chat_id"] = other["id"]
        return full

    def _m_getChatMember(self, v: _Values) -> dict[str, Any]:
        chat = self._group(v.chat("chat_id"))
        del chat
        user_id = v.int("user_id")
        member = self.members.get(user_id)
        if member is None:
            user = self.users.get(user_id)
            if user is None:
                raise ApiError(400, "Bad Request: user not found")
            return {"status": "left", "user": user}
        return copy.deepcopy(member)

    def _m_getChatAdministrators(self, v: _Values) -> list[dict[str, Any]]:
        self._group(v.chat("chat_id"))
        return [
            copy.deepcopy(m)
            for m in self.members.values()
            if m["status"] in ("administrator", "creator")
        ]

    def _m_getUpdates(self, v: _Values) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
        if self.other_poller:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request;"
                " make sure that only one bot instance is running",
            )
        offset = v.optional_int("offset")
        if offset is not None and offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        limit = v.optional_int("limit") or 100
        if not 1 <= limit <= 100:
            raise ApiError(400, "Bad Request: limit must be between 1 and 100")
        allowed = v.optional_list("allowed_updates")
        chosen = [u for u in self.updates if allowed is None or not allowed or _kind(u) in allowed]
        return copy.deepcopy(chosen[:limit])

    def _m_sendMessage(self, v: _Values) -> dict[str, Any]:
        self._bot_can_write(v.chat("chat_id"))
        text = v.str("text")
        if not 1 <= len(text) <= 4096:
            raise ApiError(
                400,
                "Bad Request: message text is empty"
                if not text
                else "Bad Request: message is too long",
            )
        fields: dict[str, Any] = {"from": self._bot_user(), "date": self.clock(), "text": text}
        reply = v.optional_object("reply_parameters")
        if reply is not None:
            target_id = int(reply["message_id"])
            if "chat_id" in reply and _chat_key(reply["chat_id"]) != GROUP_ID:
                raise ApiError(400, "Bad Request: message to be replied not found")
            if not self.visible(target_id):
                if not reply.get("allow_sending_without_reply"):
                    raise ApiError(400, "Bad Request: message to be replied not found")
            else:
                target = self.messages[target_id]
                fields["message_thread_id"] = target.get("message_thread_id", target_id)
                fields["reply_to_message"] = self._snapshot(target)
        return copy.deepcopy(self._new_message(fields))

    def _m_editMessageText(self, v: _Values) -> dict[str, Any]:
        self._bot_can_write(v.chat("chat_id"))
        message_id = v.int("message_id")
        if not self.visible(message_id):
            raise ApiError(400, "Bad Request: message to edit not found")
        message = self.messages[message_id]
        if message.get("from", {}).get("id") != BOT_ID:
            raise ApiError(400, "Bad Request: message can't be edited")
        text = v.str("text")
        if message.get("text") == text:
            raise ApiError(400, _NOT_MODIFIED)
        message["text"] = text
        message["edit_date"] = self.clock()
        return copy.deepcopy(message)

    def _m_deleteMessage(self, v: _Values) -> bool:
        self._bot_can_write(v.chat("chat_id"))
        message_id = v.int("message_id")
        if not self.visible(message_id):
            raise ApiError(400, "Bad Request: message to delete not found")
        message = self.messages[message_id]
        own = message.get("from", {}).get("id") == BOT_ID and "sender_chat" not in message
        if self.clock() - int(message["date"]) >= DELETE_WINDOW_S:
            raise ApiError(400, "Bad Request: message can't be deleted")
        if not own and not self._right("can_delete_messages"):
            raise ApiError(400, "Bad Request: message can't be deleted")
        self.deleted.add(message_id)
        return True

    def _m_banChatMember(self, v: _Values) -> bool:
        self._bot_can_write(v.chat("chat_id"))
        if not self._right("can_restrict_members"):
            raise ApiError(400, "Bad Request: not enough rights to restrict/ban chat member")
        user_id = v.int("user_id")
        user = self.users.get(user_id)
        if user is None:
            raise ApiError(400, "Bad Request: user not found")
        if self.members.get(user_id, {}).get("status") in ("administrator", "creator"):
            raise ApiError(400, "Bad Request: user is an administrator of the chat")
        self.members[user_id] = {"status": "kicked", "user": user, "until_date": 0}
        # revoke_messages is always True in supergroups: the user's messages go too.
        for mid, message in self.messages.items():
            if message.get("from", {}).get("id") == user_id and "sender_chat" not in message:
                self.deleted.add(mid)
        return True

    def _m_banChatSenderChat(self, v: _Values) -> bool:
        self._bot_can_write(v.chat("chat_id"))
        if not self._right("can_restrict_members"):
            raise ApiError(400, "Bad Request: not enough rights to restrict/ban chat member")
        sender = v.int("sender_chat_id")
        if sender == GROUP_ID:
            raise ApiError(400, "Bad Request: can't ban the chat itself")
        self.banned_sender_chats.add(sender)
        return True

    # -- helpers ---------------------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {k: self.bot[k] for k in ("id", "is_bot", "first_name", "username")}

    def _right(self, name: str) -> bool:
        member = self.members.get(BOT_ID, {})
        if member.get("status") == "creator":
            return True
        return member.get("status") == "administrator" and bool(member.get(name))

    def _chat(self, key: int | str) -> dict[str, Any]:
        for chat in (self.channel, self.group):
            if key == chat["id"] or (
                isinstance(key, str) and chat.get("username") and key == f"@{chat['username']}"
            ):
                return dict(chat)
        raise ApiError(400, "Bad Request: chat not found")

    def _group(self, key: int | str) -> dict[str, Any]:
        chat = self._chat(key)
        if chat["id"] == GROUP_ID and not self.bot_in_group:
            raise ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return chat

    def _bot_can_write(self, key: int | str) -> None:
        chat = self._group(key)
        if chat["id"] != GROUP_ID:
            raise ApiError(400, "Bad Request: need administrator rights in the channel chat")

    def _new_message(self, fields: dict[str, Any]) -> dict[str, Any]:
        self.next_message_id += 1
        message = {"message_id": self.next_message_id, "chat": dict(self.group), **fields}
        self.messages[self.next_message_id] = message
        return message

    @staticmethod
    def _snapshot(message: dict[str, Any]) -> dict[str, Any]:
        """A message as it appears in reply_to_message: without its own reply_to_message."""
        return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}

    def _queue(self, kind: str, message: dict[str, Any]) -> None:
        self.next_update_id += 1
        self.updates.append({"update_id": self.next_update_id, kind: copy.deepcopy(message)})


class _Values:
    """A call's parameters, decoded whichever way they travelled (JSON values or strings)."""

    def __init__(self, params: dict[str, Any]) -> None:
        self._params = params

    def chat(self, name: str) -> int | str:
        return _chat_key(self._params[name])

    def int(self, name: str) -> int:
        return int(self._params[name])

    def optional_int(self, name: str) -> int | None:
        value = self._params.get(name)
        return None if value is None else int(value)

    def str(self, name: str) -> str:
        return str(self._params.get(name, ""))

    def optional_list(self, name: str) -> list[Any] | None:
        value = self._params.get(name)
        if isinstance(value, str):
            value = json.loads(value)
        return None if value is None else list(value)

    def optional_object(self, name: str) -> dict[str, Any] | None:
        value = self._params.get(name)
        if isinstance(value, str):
            value = json.loads(value)
        return None if value is None else dict(value)


def _chat_key(value: Any) -> int | str:
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return int(text)
    except ValueError:
        return text


def _kind(update: dict[str, Any]) -> str:
    return next(k for k in update if k != "update_id")


def _parameters(request: Request) -> tuple[dict[str, Any], frozenset[str]]:
    """The call's parameters and the names of those that came as strings (query or form)."""
    params: dict[str, Any] = dict(request.query)
    textual = set(request.query)
    kind = request.headers.get("content-type", "")
    if "application/x-www-form-urlencoded" in kind:
        form = request.form()
        params.update(form)
        textual.update(form)
    elif "json" in kind and request.body:
        try:
            body = request.json()
        except ValueError:
            raise SpecViolation("the body is not JSON") from None
        if not isinstance(body, dict):
            raise SpecViolation("a JSON body must be an object of parameters")
        params.update(body)
        textual.difference_update(body)
    elif request.body:
        raise SpecViolation(f"unsupported content type {kind!r}")
    return params, frozenset(textual)
