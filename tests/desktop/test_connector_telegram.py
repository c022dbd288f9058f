"""The Telegram connector against a fake Bot API server on 127.0.0.1: sign-in, pulling comments
from the discussion group with getUpdates, every action through the outbox and the sync engine,
and the failures Telegram answers with."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

import desktop.sync.engine as engine_module
from desktop.connectors.base import (
    Action,
    AuthFailed,
    ItemFacts,
    MalformedResponse,
    Operation,
    RateLimited,
    Rejected,
    ServerError,
    SourceConfig,
)
from desktop.connectors.telegram import TelegramConnector
from desktop.db.models import Author, Context, Event, Item, OutboxOperation, Source, SyncState
from desktop.services.outbox import OutboxError, OutboxService
from desktop.services.sources import StagedCredentials, save_source, sign_in
from desktop.sync.engine import SourceReport, SourceStatus, SyncCallbacks, SyncEngine
from desktop.workspace import Workspace
from tests.fakes.http import SpecViolation
from tests.fakes.telegram import BOT_ID, CHANNEL_ID, GROUP_ID, TOKEN, TelegramServer
from tests.fakes.telegram_spec import check_object
from tests.support.platform import MemoryKeyring

HOUR = 3600


@pytest.fixture
def server() -> Iterator[TelegramServer]:
    fake = TelegramServer().start()
    yield fake
    fake.stop()


@pytest.fixture
def world(server: TelegramServer) -> dict[str, Any]:
    """A channel post with two comments, one of them answered by another reader."""
    lena = server.user(5123456789, "Lena", "lena_w", "de")
    omar = server.user(5200000001, "Omar", None, "en")
    root = server.post("New episode is out!\nWith the full interview.")
    first = server.comment(root, "Audio is out of sync at 12:40", user=lena)
    second = server.comment(first, "Same here on Android", user=omar)
    return {"lena": lena, "omar": omar, "root": root, "first": first, "second": second}


def signed_in(workspace: Workspace, server: TelegramServer, channel: str = "@ourchannel") -> int:
    """The source as the Add-source dialog makes it: sign-in, then saved with its token."""
    result, staged = asyncio.run(
        sign_in(
            "telegram",
            {"channel": channel, "api_base": server.base_url},
            {"bot_token": TOKEN},
            timeout_s=2,
        )
    )
    source_id = save_source(workspace.db, "telegram", result, staged)
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.settings = json.dumps({**json.loads(source.settings), "timeout_s": 2})
    return source_id


def run(workspace: Workspace, statuses: list[SourceStatus] | None = None) -> SourceReport:
    seen = statuses if statuses is not None else []
    engine = SyncEngine(
        workspace.db, callbacks=SyncCallbacks(status=lambda s: seen.append(SourceStatus(**vars(s))))
    )
    try:
        [report] = asyncio.run(engine.run_once())
    finally:
        engine.close()
    return report


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.remote_id: i for i in session.scalars(select(Item))}


def item_id(workspace: Workspace, message_id: int) -> int:
    return next(i.id for r, i in items(workspace).items() if r.split(":")[1] == str(message_id))


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


def connector(server: TelegramServer, token: str = TOKEN, **settings: Any) -> TelegramConnector:
    values = {
        "api_base": server.base_url,
        "group_id": GROUP_ID,
        "bot_id": BOT_ID,
        "channel_id": CHANNEL_ID,
        "channel_username": "ourchannel",
        **settings,
    }
    return TelegramConnector(
        SourceConfig(1, "@steward_desk_bot", values, StagedCredentials({"bot_token": token}), 2.0)
    )


def operation(kind: Action, remote_id: str, **payload: str) -> Operation:
    return Operation(1, kind, remote_id, dict(payload), "key", int(time.time()))


def update_calls(server: TelegramServer) -> list[dict[str, Any]]:
    return [json.loads(r.body) for r in server.calls("POST", r"/bot[^/]+/getUpdates")]


# -- sign-in -------------------------------------------------------------------------------------


def test_sign_in_checks_the_bot_and_the_group_and_keeps_the_token_only_in_the_keyring(
    workspace: Workspace, server: TelegramServer, memory_keyring: MemoryKeyring
) -> None:
    source_id = signed_in(workspace, server)
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings)
        assert source.account == "@steward_desk_bot"
        assert source.name == "Our Channel"
    assert settings["group_id"] == GROUP_ID and settings["channel_id"] == CHANNEL_ID
    assert settings["bot_id"] == BOT_ID and settings["channel_username"] == "ourchannel"
    assert TOKEN not in json.dumps(settings)
    assert memory_keyring.passwords == {("Steward", f"source-{source_id}:bot_token"): TOKEN}
    workspace.db.close()
    stored = b"".join(p.read_bytes() for p in workspace.path.glob("steward.db*"))
    assert TOKEN.encode() not in stored and TOKEN.split(":")[1].encode() not in stored
    methods = [r.path.rsplit("/", 1)[1] for r in server.requests]
    assert methods == ["getMe", "getChat", "getChat", "getChatMember", "getWebhookInfo"]
    member_call = json.loads(server.calls("POST", r"/bot[^/]+/getChatMember")[0].body)
    assert member_call == {"chat_id": GROUP_ID, "user_id": BOT_ID}
    assert server.violations == []


def test_sign_in_accepts_the_discussion_group_itself(
    workspace: Workspace, server: TelegramServer, memory_keyring: MemoryKeyring
) -> None:
    source_id = signed_in(workspace, server, channel="https://t.me/ourchannel_chat")
    with workspace.db.sessions() as session:
        settings = json.loads(session.get_one(Source, source_id).settings)
    assert settings["group_id"] == GROUP_ID and settings["channel_id"] == CHANNEL_ID
    assert server.violations == []


@pytest.mark.parametrize(
    ("shape", "expected", "not_expected"),
    [
        ("no_ban", "lacks the right “Ban users”", "Delete messages"),
        ("no_rights", "lacks the rights “Delete messages”, “Ban users”", None),
        ("member", "is not an administrator of the discussion group “Our Channel Chat”", None),
        ("unlinked", "has no discussion group", None),
        ("webhook", "has a webhook set", None),
    ],
)
def test_sign_in_says_what_is_missing(
    server: TelegramServer, shape: str, expected: str, not_expected: str | None
) -> None:
    if shape == "no_ban":
        server.set_rights(can_delete_messages=True)
    elif shape == "no_rights":
        server.set_rights()
    elif shape == "member":
        server.demote_bot()
    elif shape == "unlinked":
        server.linked = False
    else:
        server.set_webhook("https://bots.example.org/hook")
    with pytest.raises(Rejected) as caught:
        asyncio.run(
            sign_in(
                "telegram",
                {"channel": "@ourchannel", "api_base": server.base_url},
                {"bot_token": TOKEN},
                timeout_s=2,
            )
        )
    assert expected in str(caught.value)
    if not_expected:
        assert not_expected not in str(caught.value)
    assert server.violations == []


def test_sign_in_refuses_a_wrong_token_without_repeating_it(server: TelegramServer) -> None:
    wrong = "7011223344:AAwrong-token-zzzzzzzzzzzzzzzzzzzzz"
    with pytest.raises(AuthFailed) as caught:
        asyncio.run(
            sign_in(
                "telegram",
                {"channel": "@ourchannel", "api_base": server.base_url},
                {"bot_token": wrong},
                timeout_s=2,
            )
        )
    assert "Sign in again" in str(caught.value) and "zzzz" not in str(caught.value)
    with pytest.raises(AuthFailed, match="not a bot token"):
        asyncio.run(
            sign_in("telegram", {"channel": "@ourchannel"}, {"bot_token": "hello"}, timeout_s=2)
        )
    with pytest.raises(Rejected, match="no channel or group @nosuchchannel"):
        asyncio.run(
            sign_in(
                "telegram",
                {"channel": "@nosuchchannel", "api_base": server.base_url},
                {"bot_token": TOKEN},
                timeout_s=2,
            )
        )


# -- pulling -------------------------------------------------------------------------------------


def test_first_sync_stores_the_comments_with_their_post(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    source_id = signed_in(workspace, server)
    page = server.user(5300000002, "Page", "page_reader")
    as_channel = {"id": -1005555555555, "type": "channel", "title": "Fan Club", "username": "fans"}
    server.comment(world["root"], "Posting as my channel", sender_chat=as_channel)
    server.comment(world["root"], "Look at this", user=page, media={"photo": []})
    server.comment(world["root"], None, user=page, media={"sticker": _sticker("🔥")})
    server.updates.append(  # a message from a chat that is not the discussion group
        {
            "update_id": server.next_update_id + 1,
            "message": {
                "message_id": 9,
                "chat": {"id": 5123456789, "type": "private", "first_name": "Lena"},
                "from": world["lena"],
                "date": int(time.time()),
                "text": "hello bot",
            },
        }
    )
    report = run(workspace)
    assert report.error is None, report.error
    stored = items(workspace)
    first = stored[f"{GROUP_ID}:{world['first']}:5123456789"]
    second = stored[f"{GROUP_ID}:{world['second']}:5200000001"]
    assert first.text == "Audio is out of sync at 12:40" and first.kind == "comment"
    assert second.parent_id == first.id
    assert stored[f"{GROUP_ID}:{world['second'] + 1}:-1005555555555"].text == (
        "Posting as my channel"
    )
    assert stored[f"{GROUP_ID}:{world['second'] + 2}:5300000002"].text == "Look at this"
    assert stored[f"{GROUP_ID}:{world['second'] + 3}:5300000002"].text == "[sticker 🔥]"
    assert len(stored) == 5  # not the post's copy, not the private message
    with workspace.db.sessions() as session:
        contexts = list(session.scalars(select(Context)))
        authors = {a.remote_id: a for a in session.scalars(select(Author))}
        assert [(c.remote_id, c.kind, c.title, c.url) for c in contexts] == [
            (f"{CHANNEL_ID}:1", "post", "New episode is out!", "https://t.me/ourchannel/1")
        ]
        assert {i.context_id for i in stored.values()} == {contexts[0].id}
        assert (authors["5123456789"].handle, authors["5123456789"].display_name) == (
            "@lena_w",
            "Lena",
        )
        assert authors["5123456789"].language == "de"
        assert (authors["-1005555555555"].handle, authors["-1005555555555"].display_name) == (
            "@fans",
            "Fan Club",
        )
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "")
    assert cursor["offset"] == server.next_update_id + 2
    [first_call, last_call] = update_calls(server)
    assert first_call == {
        "limit": 100,
        "timeout": 0,
        "allowed_updates": ["message", "edited_message"],
    }
    assert last_call["offset"] == cursor["offset"]
    assert server.pending_update_ids() == []  # the last call confirmed everything
    assert server.violations == []


def test_an_incremental_sync_fetches_only_what_is_new_from_the_cursor(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    assert run(workspace).pulled == 2  # the post's copy is a context, not an item
    offset = update_calls(server)[-1]["offset"]
    answer = server.comment(world["second"], "Fixed in 1.2.1?", user=world["lena"])
    report = run(workspace)
    assert (report.error, report.pulled) == (None, 1)
    calls = update_calls(server)
    assert calls[-2]["offset"] == offset  # resumed from the saved cursor
    stored = items(workspace)
    reply = stored[f"{GROUP_ID}:{answer}:5123456789"]
    first = stored[f"{GROUP_ID}:{world['first']}:5123456789"]
    # The answer carries only its thread; the post came from the cursor's threads.
    assert reply.context_id == first.context_id and reply.kind == "comment"
    assert reply.parent_id == stored[f"{GROUP_ID}:{world['second']}:5200000001"].id
    assert run(workspace).pulled == 0
    assert server.violations == []


def test_a_private_channel_links_its_posts_with_t_me_c(
    workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    server = TelegramServer(channel_username=None).start()
    try:
        reader = server.user(5123456789, "Lena", "lena_w")
        server.post("Members only")
        server.comment(server.next_message_id, "Thanks!", user=reader)
        signed_in(workspace, server, channel=str(CHANNEL_ID))
        assert run(workspace).error is None
        with workspace.db.sessions() as session:
            [context] = session.scalars(select(Context))
        assert context.url == "https://t.me/c/1122334455/1"
        assert server.violations == []
    finally:
        server.stop()


def test_a_remote_edit_updates_the_item(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    server.edit(world["first"], "Audio is out of sync at 12:40 (fixed after restart)")
    report = run(workspace)
    assert (report.error, report.pulled, report.updated) == (None, 0, 1)
    first = items(workspace)[f"{GROUP_ID}:{world['first']}:5123456789"]
    assert first.text == "Audio is out of sync at 12:40 (fixed after restart)"
    assert first.edited_at == server.messages[world["first"]]["edit_date"]
    with workspace.db.sessions() as session:
        kinds = [e.kind for e in session.scalars(select(Event).where(Event.item_id == first.id))]
    assert "remote_edit" in kinds
    assert server.violations == []


def test_a_remote_deletion_is_not_reported_and_a_delete_of_it_becomes_a_conflict(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    server.delete(world["first"])
    report = run(workspace)
    assert (report.error, report.vanished) == (None, 0)  # Telegram does not tell bots
    assert items(workspace)[f"{GROUP_ID}:{world['first']}:5123456789"].remote_state == "visible"
    outbox(workspace).moderate([item_id(workspace, world["first"])], Action.DELETE)
    report = run(workspace)
    assert report.conflicts == 1
    [op] = operations(workspace)
    assert (op.state, op.last_error) == ("conflict", "vanished")
    assert items(workspace)[f"{GROUP_ID}:{world['first']}:5123456789"].remote_state == "deleted"
    assert server.violations == []


# -- actions -------------------------------------------------------------------------------------


def test_a_reply_is_sent_in_the_comment_thread_and_comes_back_as_an_own_item(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"]), "Thanks, we are on it.")
    report = run(workspace)
    assert (report.error, report.sent) == (None, 1)
    [sent] = server.sent_by_bot()
    assert sent["text"] == "Thanks, we are on it."
    assert sent["reply_to_message"]["message_id"] == world["first"]
    assert sent["message_thread_id"] == world["root"]
    [call] = server.calls("POST", r"/bot[^/]+/sendMessage")
    assert json.loads(call.body) == {
        "chat_id": GROUP_ID,
        "text": "Thanks, we are on it.",
        "reply_parameters": {"message_id": world["first"]},
    }
    [op] = operations(workspace)
    own_id = f"{GROUP_ID}:{sent['message_id']}:{BOT_ID}"
    assert (op.state, op.remote_id) == ("sent", own_id)
    # The bot never gets its own messages; an answer to it carries a copy.
    server.comment(sent["message_id"], "Great, thank you!", user=world["lena"])
    run(workspace)
    own = items(workspace)[own_id]
    assert own.text == "Thanks, we are on it." and own.status == "done"
    assert own.parent_id is None and own.context_id is not None
    assert server.violations == []


def test_edit_reply_changes_only_the_bots_own_message(
    server: TelegramServer, world: dict[str, Any]
) -> None:
    sent = server.messages[server.bot_said("Thanks!")]
    own_id = f"{GROUP_ID}:{sent['message_id']}:{BOT_ID}"
    bot = connector(server)

    async def scenario() -> None:
        try:
            result = await bot.push(operation(Action.EDIT_REPLY, own_id, text="Thanks, fixed."))
            assert result.remote_id == own_id
            # The same text again: Telegram answers "not modified", which means it is done.
            again = await bot.push(operation(Action.EDIT_REPLY, own_id, text="Thanks, fixed."))
            assert again.remote_id == own_id
            with pytest.raises(Rejected, match="own messages"):
                await bot.push(
                    operation(
                        Action.EDIT_REPLY, f"{GROUP_ID}:{world['first']}:5123456789", text="x"
                    )
                )
        finally:
            await bot.aclose()

    asyncio.run(scenario())
    assert sent["text"] == "Thanks, fixed." and "edit_date" in sent
    assert len(server.calls("POST", r"/bot[^/]+/editMessageText")) == 2
    assert server.violations == []


def test_delete_removes_the_message_on_telegram(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).moderate([item_id(workspace, world["second"])], Action.DELETE)
    report = run(workspace)
    assert (report.error, report.sent) == (None, 1)
    assert not server.visible(world["second"]) and server.visible(world["first"])
    assert items(workspace)[f"{GROUP_ID}:{world['second']}:5200000001"].remote_state == "deleted"
    assert server.violations == []


def test_a_message_older_than_48_hours_cannot_be_deleted(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    now = int(time.time())
    old = server.comment(world["root"], "Old news", user=world["omar"], date=now - 49 * HOUR)
    facts = ItemFacts(f"{GROUP_ID}:{old}:5200000001", "comment", now - 49 * HOUR, False, "visible")
    assert "48 hours" in TelegramConnector.restrictions(facts, now)[Action.DELETE]
    fresh = ItemFacts(facts.remote_id, "comment", now - 47 * HOUR, False, "visible")
    assert Action.DELETE not in TelegramConnector.restrictions(fresh, now)
    signed_in(workspace, server)
    run(workspace)
    with pytest.raises(OutboxError, match="less than 48 hours ago"):
        outbox(workspace).moderate([item_id(workspace, old)], Action.DELETE)
    assert operations(workspace) == []
    # Sent anyway (say, queued just before the limit passed): Telegram refuses, clearly.
    bot = connector(server)

    async def scenario() -> None:
        try:
            with pytest.raises(Rejected, match="less than 48 hours ago"):
                await bot.push(operation(Action.DELETE, facts.remote_id))
        finally:
            await bot.aclose()

    asyncio.run(scenario())
    assert server.visible(old)
    assert server.violations == []


def test_ban_removes_the_user_and_their_messages(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).moderate([item_id(workspace, world["second"])], Action.BAN)
    report = run(workspace)
    assert (report.error, report.sent) == (None, 1)
    assert server.members[5200000001]["status"] == "kicked"
    assert not server.visible(world["second"])
    assert items(workspace)[f"{GROUP_ID}:{world['second']}:5200000001"].remote_state == "deleted"
    [call] = server.calls("POST", r"/bot[^/]+/banChatMember")
    assert json.loads(call.body) == {"chat_id": GROUP_ID, "user_id": 5200000001}
    assert server.violations == []


def test_ban_of_a_message_sent_as_a_channel_bans_that_channel(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    as_channel = {"id": -1005555555555, "type": "channel", "title": "Spam Co"}
    spam = server.comment(world["root"], "Buy followers", sender_chat=as_channel)
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).moderate([item_id(workspace, spam)], Action.BAN)
    assert run(workspace).sent == 1
    assert server.banned_sender_chats == {-1005555555555}
    assert server.calls("POST", r"/bot[^/]+/banChatMember") == []
    with pytest.raises(ValueError):
        server.comment(world["root"], "Again", sender_chat=as_channel)
    assert server.violations == []


def test_restrictions_name_what_one_message_does_not_allow() -> None:
    now = int(time.time())
    own = ItemFacts(f"{GROUP_ID}:5:{BOT_ID}", "comment", now, True, "visible")
    assert TelegramConnector.restrictions(own, now) == {
        Action.BAN: "This is the bot's own message."
    }
    anonymous = ItemFacts(f"{GROUP_ID}:6:{GROUP_ID}", "comment", now, False, "visible")
    refused = TelegramConnector.restrictions(anonymous, now)
    assert "anonymous administrator" in refused[Action.BAN]
    assert refused[Action.EDIT_REPLY] == "Only the bot's own messages can be edited."
    channel = ItemFacts(
        f"{GROUP_ID}:7:{CHANNEL_ID}", "comment", now, False, "visible", {"sender": "channel"}
    )
    assert "your own channel" in TelegramConnector.restrictions(channel, now)[Action.BAN]
    for action in (Action.HIDE, Action.APPROVE, Action.SPAM, Action.RESTORE):
        assert TelegramConnector.unsupported[action]
        assert action not in TelegramConnector.capabilities
    assert set(Action) == set(TelegramConnector.unsupported) | TelegramConnector.capabilities


# -- interrupted writes --------------------------------------------------------------------------


def test_a_reply_whose_answer_was_lost_is_sent_again(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    """The Bot API cannot show the bot its own messages: an unconfirmed reply is not provable,
    so it goes again (a duplicate at worst), as the connector's description says."""
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"]), "On it.")
    server.answer_lost.add("sendMessage")
    report = run(workspace)
    assert (report.error, report.sent) == (None, 1)
    assert [m["text"] for m in server.sent_by_bot()] == ["On it.", "On it."]
    [op] = operations(workspace)
    assert op.state == "sent" and op.attempts == 2
    assert server.violations == []


def test_a_delete_whose_answer_was_lost_is_confirmed_by_repeating_it(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).moderate([item_id(workspace, world["first"])], Action.DELETE)
    server.answer_lost.add("deleteMessage")
    report = run(workspace)
    assert (report.error, report.sent, report.conflicts) == (None, 1, 0)
    [op] = operations(workspace)
    assert (op.state, op.attempts) == ("sent", 1)
    assert len(server.calls("POST", r"/bot[^/]+/deleteMessage")) == 2
    assert not server.visible(world["first"])
    assert server.violations == []


# -- failures ------------------------------------------------------------------------------------


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_queued_actions(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"]), "Thanks!")
    server.revoke()
    statuses: list[SourceStatus] = []
    report = run(workspace, statuses)
    assert report.signin and "Sign in again" in (report.error or "")
    assert statuses[-1].state == "signin"
    assert TOKEN not in (report.error or "") and TOKEN.split(":")[1] not in statuses[-1].message
    [op] = operations(workspace)
    assert op.state == "queued"
    assert server.sent_by_bot() == []


def test_a_bot_removed_from_the_group_asks_to_sign_in_again(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    run(workspace)
    outbox(workspace).moderate([item_id(workspace, world["first"])], Action.DELETE)
    server.kick_bot()
    report = run(workspace)
    assert report.signin and "no longer in the discussion group" in (report.error or "")
    [op] = operations(workspace)
    assert op.state == "queued"
    assert server.visible(world["first"])


def test_a_rate_limit_is_waited_out_and_nothing_is_lost(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
) -> None:
    signed_in(workspace, server)
    server.rate_limit("getUpdates", 1)
    started = time.monotonic()
    report = run(workspace)
    assert time.monotonic() - started >= 1.0
    assert (report.error, report.pulled) == (None, 2)
    outbox(workspace).reply(item_id(workspace, world["first"]), "Thanks!")
    server.rate_limit("sendMessage", 11)  # longer than the engine waits within a pass
    report = run(workspace)
    assert report.error == "Telegram asks to slow down for 11 seconds."
    [op] = operations(workspace)
    assert op.state == "queued"  # waits for the next pass, not lost
    assert run(workspace).sent == 1
    assert [m["text"] for m in server.sent_by_bot()] == ["Thanks!"]
    assert server.violations == []


def test_rate_limit_takes_retry_after_from_the_parameters(server: TelegramServer) -> None:
    server.rate_limit("getUpdates", 7)
    bot = connector(server)

    async def scenario() -> None:
        try:
            with pytest.raises(RateLimited) as caught:
                async for _page in bot.pull(None, since=0):
                    pass
            assert caught.value.retry_after == 7
        finally:
            await bot.aclose()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad Gateway</html>",
        {"ok": True},
        {"ok": True, "result": [{"update_id": "x", "message": "?"}]},
        {"ok": True, "result": {"not": "a list"}},
    ],
)
def test_a_malformed_answer_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: TelegramServer,
    world: dict[str, Any],
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    body: Any,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    source_id = signed_in(workspace, server)
    server.fail("getUpdates", 200, body)
    statuses: list[SourceStatus] = []
    report = run(workspace, statuses)
    assert report.error is not None and "Telegram" in report.error
    assert statuses[-1].state == "error"
    with workspace.db.sessions() as session:
        assert session.get(SyncState, source_id).cursor is None  # type: ignore[union-attr]
    assert run(workspace).pulled == 2  # everything is still there for the next pass


def test_server_errors_and_conflicts_are_named(server: TelegramServer) -> None:
    bot = connector(server)

    async def pull() -> None:
        async for _page in bot.pull(None, since=0):
            pass

    async def scenario() -> None:
        try:
            server.fail("getUpdates", 502, b"<html>502</html>")
            with pytest.raises(ServerError):
                await pull()
            server.set_webhook("https://bots.example.org/hook")
            with pytest.raises(Rejected, match="webhook set"):
                await pull()
            server.set_webhook("")
            server.other_poller = True
            with pytest.raises(Rejected, match="Another program is reading"):
                await pull()
            server.other_poller = False
            server.fail("getUpdates", 200, {"ok": True, "result": [{"update_id": 1}]})
            await pull()  # an update of another kind is skipped, not an error
            server.fail("getUpdates", 200, b"{")
            with pytest.raises(MalformedResponse):
                await pull()
        finally:
            await bot.aclose()

    asyncio.run(scenario())
    assert server.violations == []


def test_the_token_never_reaches_a_message_or_the_log(
    server: TelegramServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bot = connector(server)
    unreachable = connector(server, api_base="http://127.0.0.1:9")
    messages: list[str] = []

    async def scenario() -> None:
        try:
            server.revoke()
            for client in (bot, unreachable):
                try:
                    async for _page in client.pull(None, since=0):
                        pass
                except Exception as error:
                    messages.append(str(error))
        finally:
            await bot.aclose()
            await unreachable.aclose()

    asyncio.run(scenario())
    assert len(messages) == 2 and "cannot be reached" in messages[1]
    secret = TOKEN.split(":")[1]
    assert all(secret not in m for m in messages)
    assert "getUpdates" in caplog.text and secret not in caplog.text


# -- the fake itself -----------------------------------------------------------------------------


def test_the_spec_check_catches_a_wrong_parameter(server: TelegramServer) -> None:
    base = f"{server.base_url}/bot{TOKEN}"
    wrong = [
        ("sendMessage", {"chat_id": GROUP_ID, "text": "hi", "reply_to": 5}),  # unknown
        ("sendMessage", {"chat_id": GROUP_ID}),  # text missing
        ("deleteMessage", {"chat_id": GROUP_ID, "message_id": "5"}),  # a string for Integer
        ("sendMessage", {"chat_id": GROUP_ID, "text": "hi", "reply_parameters": {"id": 5}}),
        ("getUpdates", {"allowed_updates": "message"}),  # not an array
        ("getComments", {}),  # no such method
    ]
    for method, params in wrong:
        assert httpx.post(f"{base}/{method}", json=params).status_code == 400
    form = httpx.post(f"{base}/banChatMember", data={"chat_id": GROUP_ID, "user_id": "abc"})
    assert form.status_code == 400
    assert len(server.violations) == len(wrong) + 1
    assert "no parameter 'reply_to'" in server.violations[0]
    # The same values as a form or a query, JSON-serialised where they are objects, pass.
    server.user(5200000001, "Omar")
    root = server.post("A post")
    good = httpx.post(
        f"{base}/sendMessage",
        data={
            "chat_id": str(GROUP_ID),
            "text": "hi",
            "reply_parameters": f'{{"message_id": {root}}}',
        },
    )
    assert good.json()["ok"] is True
    assert httpx.get(f"{base}/getUpdates", params={"offset": "0", "limit": "5"}).json()["ok"]
    assert len(server.violations) == len(wrong) + 1


def test_the_fakes_updates_use_only_the_specs_fields(
    server: TelegramServer, world: dict[str, Any]
) -> None:
    server.comment(world["root"], "As a channel", sender_chat={"id": -1009, "type": "channel"})
    server.comment(world["root"], "caption", user=world["lena"], media={"sticker": _sticker("🙂")})
    server.edit(world["first"], "edited")
    assert len(server.updates) == 6
    for update in server.updates:
        check_object("Update", update)
    for message in server.messages.values():
        check_object("Message", message)
    with pytest.raises(SpecViolation, match="no field 'author'"):
        check_object("Message", {**server.messages[world["first"]], "author": "Lena"})
    with pytest.raises(SpecViolation, match="needs 'date'"):
        check_object(
            "Message", {k: v for k, v in server.messages[world["first"]].items() if k != "date"}
        )


def _sticker(emoji: str) -> dict[str, Any]:
    return {
        "file_id": "CAACAgIAAxkBAAE",
        "file_unique_id": "AgADsQ",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": emoji,
    }
