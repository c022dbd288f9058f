"""The Matrix connector against the fake homeserver, through the real sync engine and outbox."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    Rejected,
    ServerError,
    SignIn,
    SourceConfig,
)
from desktop.connectors.matrix import MatrixConnector
from desktop.db.models import Author, Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes.http import Reply
from tests.fakes.matrix import FakeMatrix
from tests.support.platform import MemoryKeyring

PASSWORD = "mod-pw-123"


@pytest.fixture
def fake() -> Iterator[FakeMatrix]:
    server = FakeMatrix()
    server.add_user("mod", PASSWORD, admin=True)
    server.add_user("alice", "alice-pw")
    server.add_user("bob", "bob-pw")
    server.start()
    yield server
    server.stop()


MOD = "@mod:example.org"
ALICE = "@alice:example.org"
BOB = "@bob:example.org"


def public_room(fake: FakeMatrix, name: str = "Launch chat", alias: str = "launch") -> str:
    room = fake.create_room(MOD, name, alias)
    fake.join(ALICE, room)
    fake.join(BOB, room)
    return room


def add_source(workspace: Workspace, fake: FakeMatrix, user: str = "mod", **settings: Any) -> int:
    """A Matrix source signed in the way the Add-source dialog does it."""
    with workspace.db.transaction() as session:
        source = Source(
            platform="matrix", name="Matrix", account="", settings="{}", created_at=int(time.time())
        )
        session.add(source)
        session.flush()
        source_id = source.id
    password = PASSWORD if user == "mod" else f"{user}-pw"
    result = asyncio.run(
        MatrixConnector.sign_in(
            SignIn(
                {"api_base": fake.base_url, "user": user},
                {"password": password},
                SourceSecrets(source_id),
                timeout_s=2,
            )
        )
    )
    config = {**result.settings, "timeout_s": 2, "rescan_interval_s": 10**9, **settings}
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.account = result.account
        source.name = result.name
        source.settings = json.dumps(config)
    return source_id


def run(workspace: Workspace) -> Any:
    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        return report, engine.statuses()[0]
    finally:
        engine.close()


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.text: i for i in session.scalars(select(Item))}


def item_by_remote(workspace: Workspace, remote_id: str) -> Item:
    with workspace.db.sessions() as session:
        return session.scalars(select(Item).where(Item.remote_id == remote_id)).one()


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


def connector(fake: FakeMatrix, keyring: MemoryKeyring, source_id: int) -> MatrixConnector:
    settings = {"api_base": fake.base_url}
    return MatrixConnector(SourceConfig(source_id, MOD, settings, SourceSecrets(source_id), 2.0))


# -- sign-in -----------------------------------------------------------------------------------


def test_sign_in_keeps_only_the_session_and_only_in_the_keyring(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    source_id = add_source(workspace, fake)
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        assert source.account == MOD
        stored = source.settings
    secrets = {
        name.split(":", 1)[1]: value for (_s, name), value in memory_keyring.passwords.items()
    }
    assert set(secrets) == {"access_token", "refresh_token", "device_id"}
    assert secrets["access_token"] in fake.sessions
    assert PASSWORD not in memory_keyring.passwords.values()
    for value in (PASSWORD, secrets["access_token"], secrets["refresh_token"]):
        assert value not in stored
    [login] = fake.calls("POST", r".*/login")
    assert login.json()["refresh_token"] is True
    assert fake.calls("GET", r"/_matrix/client/versions")
    assert fake.violations == []


def test_sign_in_refuses_a_wrong_password_and_a_server_that_is_not_matrix(
    fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    credentials = SourceSecrets(9)
    request = SignIn({"api_base": fake.base_url, "user": "mod"}, {"password": "nope"}, credentials)
    with pytest.raises(AuthFailed, match="did not accept this user and password"):
        asyncio.run(MatrixConnector.sign_in(request))
    assert memory_keyring.passwords == {}
    fake.inject(r"/_matrix/client/versions", Reply(404, b"<html>nothing here</html>"))
    request = SignIn(
        {"api_base": fake.base_url, "user": "mod"}, {"password": PASSWORD}, credentials
    )
    with pytest.raises(Rejected, match="does not answer as a Matrix homeserver"):
        asyncio.run(MatrixConnector.sign_in(request))
    assert memory_keyring.passwords == {}


# -- pulling -----------------------------------------------------------------------------------


def test_first_sync_takes_the_moderated_rooms_with_names_threads_and_own_messages(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    legacy = fake.create_room(ALICE, "Alice's v11 room", "alice11", version="11")
    fake.join(MOD, legacy)
    fake.set_level(legacy, MOD, 50)
    elsewhere = fake.create_room(ALICE, "Not moderated", "other")
    fake.join(MOD, elsewhere)
    question = fake.say(ALICE, room, "When does it ship?")
    fake.say(
        BOB,
        room,
        "> <@alice:example.org> When does it ship?\n\nSoon, I hope",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": question}}},
    )
    fake.say(
        BOB,
        room,
        "In a thread",
        **{
            "m.relates_to": {
                "rel_type": "m.thread",
                "event_id": question,
                "is_falling_back": True,
                "m.in_reply_to": {"event_id": question},
            }
        },
    )
    fake.say(MOD, room, "Next week.")
    fake.say(BOB, legacy, "Hello from an older room")
    fake.say(BOB, elsewhere, "Not for Steward")
    source_id = add_source(workspace, fake)

    report, status = run(workspace)

    assert report.error is None, report.error
    found = items(workspace)
    assert set(found) == {
        "When does it ship?",
        "Soon, I hope",
        "In a thread",
        "Next week.",
        "Hello from an older room",
    }
    asked = found["When does it ship?"]
    assert asked.remote_id == f"{room}|{question}"
    assert found["Soon, I hope"].parent_id == asked.id
    assert found["In a thread"].parent_id == asked.id
    assert found["Next week."].status == "done"  # the account's own message
    with workspace.db.sessions() as session:
        ctx = session.get_one(Context, asked.context_id)
        assert (ctx.title, ctx.url) == ("Launch chat", "https://matrix.to/#/#launch:example.org")
        author = session.get_one(Author, asked.author_id)
        assert (author.handle, author.display_name) == (ALICE, "Alice")
        cursor = session.get_one(SyncState, source_id).cursor
    assert cursor and json.loads(cursor)["since"] == f"s{len(fake.stream)}"
    [sync] = fake.calls("GET", r".*/sync")
    sync_filter = json.loads(sync.query["filter"])
    assert sync_filter["room"]["timeline"]["types"] == ["m.room.message", "m.room.redaction"]
    assert sync_filter["room"]["state"]["lazy_load_members"] is True
    assert "since" not in sync.query and sync.query["timeout"] == "0"
    assert status.state == "idle"
    assert fake.violations == []


def test_first_sync_goes_back_through_a_long_history_to_the_backfill_limit(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    now_ms = int(time.time() * 1000)
    fake.time_ms = now_ms - 40 * 86_400_000  # older than the source's 14 days of backfill
    fake.say(ALICE, room, "too old")
    fake.time_ms = now_ms - 86_400_000
    for n in range(12):
        fake.say(ALICE, room, f"message {n}")
    add_source(workspace, fake, timeline_limit=5, page_size=4)

    report, _status = run(workspace)

    assert report.error is None, report.error
    assert set(items(workspace)) == {f"message {n}" for n in range(12)}
    assert len(fake.calls("GET", r".*/messages")) >= 2  # paged back from prev_batch
    assert fake.violations == []


def test_incremental_sync_fetches_only_what_is_new_from_the_saved_token(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fake.say(ALICE, room, "first")
    add_source(workspace, fake)
    run(workspace)
    token = json.loads(fake.calls("GET", r".*/sync")[-1].query.get("since") or "null")
    assert token is None
    fake.say(BOB, room, "second")

    report, _status = run(workspace)

    assert report.pulled == 1
    assert set(items(workspace)) == {"first", "second"}
    last = fake.calls("GET", r".*/sync")[-1]
    assert last.query["since"].startswith("s")
    assert fake.violations == []


def test_a_remote_edit_updates_the_item_text(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    original = fake.say(ALICE, room, "typo here")
    add_source(workspace, fake)
    run(workspace)
    fake.edit(ALICE, room, original, "no typo here")
    fake.edit(BOB, room, original, "only the sender may edit a message")

    report, _status = run(workspace)

    assert report.error is None
    item = item_by_remote(workspace, f"{room}|{original}")
    assert item.text == "no typo here"
    assert item.edited_at is not None
    assert "* no typo here" not in items(workspace)  # the edit event is not an item of its own
    assert fake.violations == []


def test_a_remote_redaction_marks_the_item_deleted(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    doomed = fake.say(ALICE, room, "regret this")
    add_source(workspace, fake)
    run(workspace)
    fake.redact(ALICE, room, doomed)

    report, _status = run(workspace)

    assert report.error is None
    assert item_by_remote(workspace, f"{room}|{doomed}").remote_state == "deleted"
    assert fake.violations == []


def test_a_rescan_marks_messages_redacted_meanwhile_as_deleted(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fake.say(ALICE, room, "kept")
    gone = fake.say(BOB, room, "gone")
    add_source(workspace, fake, rescan_interval_s=0)
    run(workspace)
    fake.purge(gone)

    report, _status = run(workspace)

    assert report.error is None
    assert item_by_remote(workspace, f"{room}|{gone}").remote_state == "deleted"
    assert item_by_remote(workspace, f"{room}|{gone}").text == "gone"  # kept locally
    assert items(workspace)["kept"].remote_state == "visible"
    assert fake.calls("GET", r".*/joined_rooms")
    assert fake.violations == []


# -- actions -----------------------------------------------------------------------------------


def test_a_reply_goes_out_once_as_a_matrix_reply_with_the_operation_key(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    question = fake.say(ALICE, room, "Is there a manual?")
    add_source(workspace, fake)
    run(workspace)
    item = item_by_remote(workspace, f"{room}|{question}")
    outbox(workspace).reply(item.id, "Yes, on the website.")

    report, _status = run(workspace)

    assert report.sent == 1
    [op] = operations(workspace)
    assert op.state == "sent"
    sent = [m for m in fake.messages_of(room) if m["sender"] == MOD]
    assert len(sent) == 1
    content = sent[0]["content"]
    assert content["body"] == "Yes, on the website."
    assert content["m.relates_to"] == {"m.in_reply_to": {"event_id": question}}
    assert content["m.mentions"] == {"user_ids": [ALICE]}
    assert op.remote_id == f"{room}|{sent[0]['event_id']}"
    [send] = fake.calls("PUT", r".*/send/.*")
    assert send.path.endswith("/" + op.idempotency_key)
    assert fake.violations == []


def test_a_reply_to_a_message_in_a_thread_stays_in_the_thread(
    fake: FakeMatrix, memory_keyring: MemoryKeyring, workspace: Workspace
) -> None:
    room = public_room(fake)
    root = fake.say(ALICE, room, "Thread root")
    inner = fake.say(
        BOB,
        room,
        "inside",
        **{
            "m.relates_to": {
                "rel_type": "m.thread",
                "event_id": root,
                "is_falling_back": True,
                "m.in_reply_to": {"event_id": root},
            }
        },
    )
    source_id = add_source(workspace, fake)
    op = Operation(1, Action.REPLY, f"{room}|{inner}", {"text": "answer"}, "txn-1", 0)

    async def go() -> tuple[str | None, str | None]:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            first = await matrix.push(op)
            again = await matrix.push(op)  # a resend with the same transaction id
            return first.remote_id, again.remote_id
        finally:
            await matrix.aclose()

    first, again = asyncio.run(go())
    assert first == again
    [reply] = [m for m in fake.messages_of(room) if m["sender"] == MOD]
    assert reply["content"]["m.relates_to"] == {
        "rel_type": "m.thread",
        "event_id": root,
        "is_falling_back": False,
        "m.in_reply_to": {"event_id": inner},
    }
    assert fake.violations == []


def test_reconcile_finds_a_reply_that_arrived_unseen_by_its_transaction_id(
    fake: FakeMatrix, memory_keyring: MemoryKeyring, workspace: Workspace
) -> None:
    room = public_room(fake)
    question = fake.say(ALICE, room, "hello?")
    source_id = add_source(workspace, fake)
    op = Operation(
        1, Action.REPLY, f"{room}|{question}", {"text": "hi"}, "key-7", int(time.time()) - 3600
    )
    other = Operation(2, Action.REPLY, f"{room}|{question}", {"text": "other"}, "key-8", 0)

    async def go() -> tuple[Any, Any, Any]:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            before = await matrix.reconcile(op)
            sent = await matrix.push(op)
            return before, sent, (await matrix.reconcile(op), await matrix.reconcile(other))
        finally:
            await matrix.aclose()

    before, sent, (after, unrelated) = asyncio.run(go())
    assert before is None
    assert after is not None and after.remote_id == sent.remote_id
    assert unrelated is None
    assert fake.violations == []


def test_delete_and_spam_redact_the_message_with_a_reason(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    rude = fake.say(BOB, room, "rude words")
    spam = fake.say(BOB, room, "cheap pills")
    add_source(workspace, fake)
    run(workspace)
    found = items(workspace)
    outbox(workspace).moderate([found["rude words"].id], Action.DELETE)
    outbox(workspace).moderate([found["cheap pills"].id], Action.SPAM)

    report, _status = run(workspace)

    assert report.sent == 2, report
    for event_id, reason in ((rude, "Removed by a moderator"), (spam, "Spam")):
        event = fake.event(event_id)
        assert event["content"] == {}
        assert event["unsigned"]["redacted_because"]["content"]["reason"] == reason
        assert item_by_remote(workspace, f"{room}|{event_id}").remote_state == "deleted"
    assert {Action.DELETE, Action.SPAM} <= MatrixConnector.irreversible
    assert fake.violations == []


def test_ban_bans_the_sender_from_the_room(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fake.say(BOB, room, "troll")
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([items(workspace)["troll"].id], Action.BAN)

    report, _status = run(workspace)

    assert report.sent == 1
    assert fake.rooms[room].membership(BOB) == "ban"
    [ban] = fake.calls("POST", r".*/ban")
    assert ban.json()["user_id"] == BOB
    assert fake.violations == []


def test_edit_reply_replaces_the_own_message(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    mine = fake.say(MOD, room, "Wrong date")
    theirs = fake.say(ALICE, room, "not yours")
    source_id = add_source(workspace, fake)
    op = Operation(1, Action.EDIT_REPLY, f"{room}|{mine}", {"text": "Right date"}, "edit-1", 0)
    wrong = Operation(2, Action.EDIT_REPLY, f"{room}|{theirs}", {"text": "x"}, "edit-2", 0)

    async def go() -> None:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            await matrix.push(op)
            with pytest.raises(Rejected, match="own messages"):
                await matrix.push(wrong)
            assert await matrix.reconcile(op) is not None
        finally:
            await matrix.aclose()

    asyncio.run(go())
    run(workspace)
    assert item_by_remote(workspace, f"{room}|{mine}").text == "Right date"
    assert fake.violations == []


def test_restrictions_follow_ownership_and_reports() -> None:
    def facts(**values: Any) -> ItemFacts:
        return ItemFacts(
            **{
                "remote_id": "!r|$e",
                "kind": "message",
                "created_at": 0,
                "own": False,
                "remote_state": "visible",
                **values,
            }
        )

    theirs = MatrixConnector.restrictions(facts(), 0)
    assert Action.EDIT_REPLY in theirs and Action.APPROVE in theirs and Action.BAN not in theirs
    assert Action.BAN in MatrixConnector.restrictions(facts(own=True), 0)
    assert Action.APPROVE not in MatrixConnector.restrictions(facts(remote_state="held"), 0)
    assert Action.APPROVE not in MatrixConnector.restrictions(facts(extra={"report_id": 3}), 0)
    assert set(MatrixConnector.unsupported) | MatrixConnector.capabilities == set(Action)


def test_reports_arrive_held_and_approve_dismisses_them(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fine = fake.say(BOB, room, "a fine message")
    add_source(workspace, fake)
    run(workspace)
    report_id = fake.report(ALICE, room, fine, "I disagree")

    report, _status = run(workspace)

    item = item_by_remote(workspace, f"{room}|{fine}")
    assert report.error is None
    assert item.remote_state == "held"
    outbox(workspace).moderate([item.id], Action.APPROVE)
    report, _status = run(workspace)
    assert report.sent == 1
    assert report_id not in fake.reports
    assert item_by_remote(workspace, f"{room}|{fine}").remote_state == "visible"
    assert fake.violations == []


def test_a_report_on_a_new_message_carries_the_report(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    add_source(workspace, fake)
    run(workspace)
    spam = fake.say(BOB, room, "spam spam")
    report_id = fake.report(ALICE, room, spam, "spam")
    fake.redact(BOB, room, fake.say(BOB, room, "gone before anyone saw it"))

    run(workspace)

    item = item_by_remote(workspace, f"{room}|{spam}")
    assert item.remote_state == "held"
    assert json.loads(item.extra)["report_id"] == report_id
    assert "gone before anyone saw it" not in items(workspace)
    assert "" not in items(workspace)
    assert fake.violations == []


def test_an_account_that_is_no_server_admin_just_has_no_report_queue(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = fake.create_room(ALICE, "Alice's room", "alices")
    fake.join(BOB, room)
    fake.say(BOB, room, "hi Alice")
    add_source(workspace, fake, user="alice")

    report, status = run(workspace)

    assert report.error is None and status.state == "idle"
    assert set(items(workspace)) == {"hi Alice"}
    assert len(fake.calls("GET", r".*/event_reports")) == 1
    assert fake.violations == []


# -- fetch -------------------------------------------------------------------------------------


def test_fetch_says_gone_for_a_missing_or_redacted_message(
    fake: FakeMatrix, memory_keyring: MemoryKeyring, workspace: Workspace
) -> None:
    room = public_room(fake)
    alive = fake.say(ALICE, room, "alive")
    dead = fake.say(ALICE, room, "dead")
    fake.redact(MOD, room, dead)
    source_id = add_source(workspace, fake)

    async def go() -> None:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            item = await matrix.fetch(f"{room}|{alive}")
            assert item is not None and item.text == "alive"
            with pytest.raises(Gone):
                await matrix.fetch(f"{room}|{dead}")
            with pytest.raises(Gone):
                await matrix.fetch(f"{room}|$nosuchevent")
        finally:
            await matrix.aclose()

    asyncio.run(go())
    assert fake.violations == []


def test_an_action_on_a_message_redacted_meanwhile_is_held_as_vanished(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    doomed = fake.say(BOB, room, "soon gone")
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(items(workspace)["soon gone"].id, "a reply")
    fake.purge(doomed)

    report, _status = run(workspace)

    [op] = operations(workspace)
    assert op.state == "conflict"
    assert report.conflicts == 1
    assert not fake.calls("PUT", r".*/send/.*")


# -- failures ----------------------------------------------------------------------------------


def test_an_expired_token_is_refreshed_silently(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    source_id = add_source(workspace, fake)
    old = SourceSecrets(source_id).get("access_token")
    fake.expire_tokens()
    fake.say(ALICE, room, "after expiry")

    report, status = run(workspace)

    assert report.error is None and status.state == "idle"
    assert "after expiry" in items(workspace)
    assert len(fake.calls("POST", r".*/refresh")) == 1
    new = SourceSecrets(source_id).get("access_token")
    assert new != old and new in fake.sessions
    assert fake.violations == []


def test_a_revoked_session_asks_to_sign_in_again_and_keeps_queued_actions(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fake.say(ALICE, room, "question")
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(items(workspace)["question"].id, "answer")
    fake.revoke_sessions()

    report, status = run(workspace)

    assert report.signin and status.state == "signin"
    assert "sign in again" in status.message
    [op] = operations(workspace)
    assert op.state == "queued"
    assert not fake.calls("PUT", r".*/send/.*")


def test_a_rate_limit_is_waited_out_and_nothing_is_lost(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    fake.say(ALICE, room, "question")
    add_source(workspace, fake)
    fake.rate_limit(r".*/sync", retry_after_ms=100)
    report, _status = run(workspace)
    assert report.error is None and "question" in items(workspace)
    outbox(workspace).reply(items(workspace)["question"].id, "answer")
    fake.rate_limit(r".*/send/.*", retry_after_ms=100)

    report, _status = run(workspace)

    assert report.sent == 1
    assert [m["content"]["body"] for m in fake.messages_of(room)].count("answer") == 1
    assert len(fake.calls("PUT", r".*/send/.*")) == 2
    assert fake.violations == []


def test_a_malformed_answer_is_a_clear_error_and_loses_nothing(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = public_room(fake)
    question = fake.say(ALICE, room, "question")
    source_id = add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(items(workspace)["question"].id, "answer")
    fake.inject(r".*/event/.*", Reply(200, {"content": "not an object", "sender": 5}))

    report, status = run(workspace)

    assert status.state == "error"
    assert "unexpected shape" in status.message
    [op] = operations(workspace)
    assert op.state == "queued"
    assert item_by_remote(workspace, f"{room}|{question}").text == "question"

    fake.inject(r".*/sync", Reply(200, {"next_batch": "s1", "rooms": {"join": ["not a map"]}}))

    async def pull_once() -> None:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            async for _page in matrix.pull(None, since=0):
                pass
        finally:
            await matrix.aclose()

    with pytest.raises(MalformedResponse, match="unexpected shape"):
        asyncio.run(pull_once())
    report, status = run(workspace)  # and the next pass delivers
    assert report.sent == 1 and status.state == "idle"


def test_server_errors_and_forbidden_actions_map_to_their_errors(
    workspace: Workspace, fake: FakeMatrix, memory_keyring: MemoryKeyring
) -> None:
    room = fake.create_room(ALICE, "Alice's room", "alices")
    fake.join(MOD, room)
    fake.set_level(room, MOD, 50)
    fake.set_level(room, BOB, 60)
    message = fake.say(BOB, room, "I outrank you")
    source_id = add_source(workspace, fake)
    ban = Operation(1, Action.BAN, f"{room}|{message}", {}, "ban-1", 0)

    async def go() -> None:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            with pytest.raises(Rejected, match="cannot ban"):
                await matrix.push(ban)
            fake.inject(r".*/sync", Reply(502, b"bad gateway"))
            with pytest.raises(ServerError):
                async for _page in matrix.pull(None, since=0):
                    pass
        finally:
            await matrix.aclose()

    asyncio.run(go())
    assert fake.violations == []


def test_the_fake_homeserver_catches_a_request_outside_the_spec(
    fake: FakeMatrix, memory_keyring: MemoryKeyring, workspace: Workspace
) -> None:
    source_id = add_source(workspace, fake)

    async def go() -> None:
        matrix = connector(fake, memory_keyring, source_id)
        try:
            with pytest.raises(Rejected):
                await matrix._get("/_matrix/client/v3/sync", {"sinse": "s1"})
            with pytest.raises(Rejected):
                await matrix._request("POST", "/_matrix/client/v3/sync", writes=False)
            with pytest.raises(Rejected):
                await matrix._get(
                    "/_matrix/client/v3/sync", {"filter": '{"room": {"timline": {}}}'}
                )
        finally:
            await matrix.aclose()

    asyncio.run(go())
    assert len(fake.violations) == 3
    assert "unknown query parameters ['sinse']" in fake.violations[0]
    assert "method not allowed" in fake.violations[1]
    assert "unknown room filter fields" in fake.violations[2]
