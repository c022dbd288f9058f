"""The VK connector against a fake VK API on 127.0.0.1 that checks every call against VK's own
JSON schema: sign-in, pulls and re-scans through the real sync engine, every supported action
through the outbox, and each kind of error VK answers with."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    QuotaExceeded,
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SourceConfig,
)
from desktop.connectors.vk import VkConnector
from desktop.db.models import Author, Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.services.sources import StagedCredentials, save_source
from desktop.sync import engine as sync_engine
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes import vk_schema
from tests.fakes.http import SpecViolation
from tests.fakes.vk import ADMIN_TOKEN, GROUP_ID, FakeVK, Token
from tests.support.platform import MemoryKeyring

OLEG = 7731904
MARIA = 7731905
FAN_CLUB = -31000001


class World:
    """The fake VK with one community's wall: two recent posts, comments, a thread."""

    def __init__(self, server: FakeVK) -> None:
        self.server = server
        server.add_user(OLEG, "Oleg", "Petrov", "oleg")
        server.add_user(MARIA, "Maria", "Ivanova")
        now = server.now
        self.stream = server.add_post("When is the next stream?\nVote below.", date=now - 86400)
        self.quiet = server.add_post("Behind the scenes", date=now - 2 * 86400)
        self.question = server.add_comment(self.stream, OLEG, 'Tom & Jerry <3 "quotes"')
        self.answer = server.add_comment(
            self.stream, -GROUP_ID, "Friday 19:00!", reply_to=self.question
        )
        self.follow_up = server.add_comment(
            self.stream, MARIA, "[id7731904|Oleg], see you there", reply_to=self.answer
        )
        self.other = server.add_comment(self.quiet, FAN_CLUB, "Nice one " + "long " * 40)
        # Older than the source's backfill: not pulled.
        self.old = server.add_comment(self.quiet, MARIA, "Ancient", date=now - 20 * 86400)


@pytest.fixture
def server() -> Iterator[FakeVK]:
    fake = FakeVK(per_second=1000).start()
    yield fake
    fake.stop()


@pytest.fixture
def world(server: FakeVK) -> World:
    return World(server)


def settings_for(server: FakeVK, **extra: Any) -> dict[str, Any]:
    return {"api_base": server.base_url + "/method", "requests_per_second": 1000, **extra}


def sign_in(server: FakeVK, community: str = "ourchannel", token: str = ADMIN_TOKEN) -> Any:
    staged = StagedCredentials()
    request = SignIn(
        settings={"community": community, **settings_for(server)},
        secrets={"access_token": token},
        credentials=staged,
        timeout_s=2,
    )
    return asyncio.run(VkConnector.sign_in(request)), staged


def connect(workspace: Workspace, server: FakeVK, **settings: Any) -> int:
    """Sign in and save the source, as the Add-source dialog does."""
    result, staged = sign_in(server)
    source_id = save_source(workspace.db, "vk", result, staged)
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        saved = json.loads(source.settings)
        source.settings = json.dumps(
            {**saved, "timeout_s": 2, "rescan_interval_s": 10**9, **settings}
        )
    return source_id


def connector(server: FakeVK, **settings: Any) -> VkConnector:
    credentials = StagedCredentials({"access_token": ADMIN_TOKEN})
    config = SourceConfig(
        1, str(-GROUP_ID), settings_for(server, group_id=GROUP_ID, **settings), credentials, 2
    )
    return VkConnector(config)


def run(engine: SyncEngine) -> Any:
    [report] = asyncio.run(engine.run_once())
    return report


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.remote_id: i for i in session.scalars(select(Item))}


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def item_id(workspace: Workspace, remote_id: str) -> int:
    return items(workspace)[remote_id].id


def rid(post: int, comment: int) -> str:
    return f"{post}_{comment}"


def op(kind: Action, remote_id: str, text: str = "", **fields: Any) -> Operation:
    payload = {"text": text} if text else {}
    return Operation(
        1, kind, remote_id, payload, fields.pop("key", "key-1"), int(time.time()), **fields
    )


def clean(server: FakeVK) -> None:
    assert server.violations == []
    assert server.response_problems == []


# -- sign-in -------------------------------------------------------------------------------


def test_sign_in_checks_the_community_and_keeps_the_token_only_in_the_keyring(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    result, staged = sign_in(server, community="https://vk.com/ourchannel")
    assert result.account == f"-{GROUP_ID}"
    assert result.name == "Our Channel & Friends"
    assert result.settings["group_id"] == GROUP_ID
    assert result.settings["community"] == "ourchannel"
    assert ADMIN_TOKEN not in json.dumps(result.settings)
    assert staged.values == {"access_token": ADMIN_TOKEN}
    assert sign_in(server, community=f"club{GROUP_ID}")[0].account == f"-{GROUP_ID}"

    source_id = save_source(workspace.db, "vk", result, staged)
    assert SourceSecrets(source_id).get("access_token") == ADMIN_TOKEN
    with workspace.db.sessions() as session:
        dumped = json.dumps([[str(v) for v in row] for row in session.execute(select(Source))])
    assert ADMIN_TOKEN not in dumped
    assert server.method_calls("groups.getById")[0]["fields"] == "is_admin,admin_level"
    clean(server)


def test_sign_in_refuses_wrong_values_in_the_users_words(server: FakeVK, world: World) -> None:
    with pytest.raises(AuthFailed, match="does not accept this access token") as wrong:
        sign_in(server, token="vk1.a.typo")
    assert "typo" not in str(wrong.value)
    with pytest.raises(Rejected, match="VK has no community “nosuchplace”"):
        sign_in(server, community="vk.com/nosuchplace")

    server.tokens["community-token"] = Token("group", group_id=GROUP_ID)
    with pytest.raises(AuthFailed, match="community's token"):
        sign_in(server, token="community-token")

    server.add_user(555, "Sam", "Member")
    server.tokens["member-token"] = Token("user", user_id=555)
    with pytest.raises(Rejected, match="not an administrator or moderator of “Our Channel"):
        sign_in(server, token="member-token")
    clean(server)


# -- pulling -------------------------------------------------------------------------------


def test_first_sync_brings_every_recent_comment_with_its_thread_and_author(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    report = run(engine)
    engine.close()
    assert report.error is None
    stored = items(workspace)
    assert set(stored) == {
        rid(world.stream, world.question),
        rid(world.stream, world.answer),
        rid(world.stream, world.follow_up),
        rid(world.quiet, world.other),
    }
    question = stored[rid(world.stream, world.question)]
    assert question.text == 'Tom & Jerry <3 "quotes"'  # VK's entities undone
    assert stored[rid(world.stream, world.follow_up)].text == "Oleg, see you there"
    assert stored[rid(world.quiet, world.other)].text.endswith("long " * 39 + "long ")  # whole
    answer = stored[rid(world.stream, world.answer)]
    assert answer.parent_id == question.id
    assert stored[rid(world.stream, world.follow_up)].parent_id == answer.id
    assert json.loads(answer.extra) == {"own": True} and answer.status == "done"
    assert question.status == "done"  # the community answered it on VK
    with workspace.db.sessions() as session:
        author = session.get_one(Author, question.author_id)
        context = session.get_one(Context, question.context_id)
        fan = session.get_one(Author, stored[rid(world.quiet, world.other)].author_id)
    assert (author.remote_id, author.handle, author.display_name) == (
        str(OLEG),
        "oleg",
        "Oleg Petrov",
    )
    assert (fan.remote_id, fan.display_name) == (str(FAN_CLUB), "Fan Club")
    assert context.remote_id == f"-{GROUP_ID}_{world.stream}"
    assert context.title == "When is the next stream?"
    assert context.url == f"https://vk.com/wall-{GROUP_ID}_{world.stream}"
    for call in server.method_calls("wall.getComments"):
        assert call["preview_length"] == "0" and call["extended"] == "1"
        assert call["owner_id"] == str(-GROUP_ID) and call["sort"] == "asc"
    clean(server)


def test_incremental_sync_reads_only_posts_with_new_comments_and_only_new_comments(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    source_id = connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "")
    assert cursor["posts"][str(world.stream)] == [3, world.follow_up]

    reply = server.add_comment(
        world.stream, MARIA, "Late reply in the thread", reply_to=world.question
    )
    top = server.add_comment(world.stream, OLEG, "A new question")
    server.requests.clear()
    report = run(engine)
    engine.close()
    assert report.error is None and report.pulled == 2 and report.updated == 0
    assert {rid(world.stream, reply), rid(world.stream, top)} <= set(items(workspace))
    read = {call["post_id"] for call in server.method_calls("wall.getComments")}
    assert read == {str(world.stream)}  # the quiet post's counter did not move
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "")
    assert cursor["posts"][str(world.stream)] == [5, top]
    clean(server)


def test_a_long_thread_is_read_whole(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    replies = [
        server.add_comment(world.stream, MARIA, f"Reply {n}", reply_to=world.question)
        for n in range(14)
    ]
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    engine.close()
    assert {rid(world.stream, r) for r in replies} <= set(items(workspace))
    assert any(
        c.get("comment_id") == str(world.question) for c in server.method_calls("wall.getComments")
    )
    clean(server)


def test_a_remote_edit_and_a_remote_deletion_are_found_by_the_rescan(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server, rescan_interval_s=0)
    engine = SyncEngine(workspace.db)
    run(engine)
    server.edit_comment(world.question, "Tom & Jerry, edited")
    server.delete_comment(world.other)
    server.delete_comment(world.answer)  # keeps a placeholder: a reply hangs under it
    report = run(engine)
    engine.close()
    assert report.error is None
    stored = items(workspace)
    assert stored[rid(world.stream, world.question)].text == "Tom & Jerry, edited"
    assert stored[rid(world.quiet, world.other)].remote_state == "deleted"
    assert stored[rid(world.stream, world.answer)].remote_state == "deleted"
    assert stored[rid(world.stream, world.answer)].text == "Friday 19:00!"  # kept
    assert stored[rid(world.stream, world.follow_up)].remote_state == "visible"
    clean(server)


# -- actions -------------------------------------------------------------------------------


def test_a_reply_goes_out_as_the_community_once_and_comes_back_as_own(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(
        item_id(workspace, rid(world.stream, world.question)), "See you on Friday & bring friends"
    )
    report = run(engine)
    assert report.sent == 1 and report.error is None
    [sent] = operations(workspace)
    assert sent.state == "sent"
    [call] = server.method_calls("wall.createComment")
    assert call["guid"] == sent.idempotency_key
    assert call["from_group"] == str(GROUP_ID) and call["reply_to_comment"] == str(world.question)
    created = server.comments[int(str(sent.remote_id).split("_")[1])]
    assert (created.from_id, created.text) == (-GROUP_ID, "See you on Friday & bring friends")

    run(engine)  # the reply is pulled back as the community's own
    engine.close()
    mine = items(workspace)[str(sent.remote_id)]
    assert json.loads(mine.extra) == {"own": True}
    assert mine.text == "See you on Friday & bring friends"
    clean(server)


def test_a_resent_reply_is_not_posted_twice_and_reconcile_finds_it(
    server: FakeVK, world: World
) -> None:
    vk = connector(server)
    target = rid(world.stream, world.question)
    reply = op(Action.REPLY, target, "Thanks!", key="same-key")

    async def scenario() -> tuple[Any, Any, Any, Any]:
        first = await vk.push(reply)
        again = await vk.push(reply)
        found = await vk.reconcile(reply)
        known = await vk.reconcile(
            Operation(
                2,
                Action.REPLY,
                target,
                {"text": "Thanks!"},
                "k2",
                int(time.time()),
                frozenset({first.remote_id}),
            )
        )
        await vk.aclose()
        return first, again, found, known

    first, again, found, known = asyncio.run(scenario())
    assert first.remote_id == again.remote_id
    assert [c.text for c in server.comments.values()].count("Thanks!") == 1
    assert found is not None and found.remote_id == first.remote_id
    assert known is None
    clean(server)


def test_an_interrupted_reply_is_reconciled_by_the_engine_not_resent(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, rid(world.stream, world.question)), "Arrived before the crash"
    )
    # The request reached VK, then the app died before it heard back.
    comment = server.add_comment(
        world.stream,
        -GROUP_ID,
        "Arrived before the crash",
        date=int(time.time()),
        reply_to=world.question,
    )
    with workspace.db.transaction() as session:
        session.scalars(select(OutboxOperation)).one().state = "sending"
    report = run(engine)
    engine.close()
    assert report.sent == 1
    [done] = operations(workspace)
    assert (done.state, done.remote_id) == ("sent", rid(world.stream, comment))
    assert server.method_calls("wall.createComment") == []
    clean(server)


def test_delete_then_restore(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    target = rid(world.quiet, world.other)
    OutboxService(workspace.db, actor=lambda: "Tester").moderate(
        [item_id(workspace, target)], Action.DELETE
    )
    report = run(engine)
    assert report.sent == 1
    assert server.comments[world.other].deleted
    assert items(workspace)[target].remote_state == "deleted"

    # Brought back from the window: the outbox takes a restore on a deleted item, and the
    # engine sends it although the platform says the comment is gone.
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    assert Action.RESTORE in outbox.capabilities(item_id(workspace, target)).actions
    outbox.moderate([item_id(workspace, target)], Action.RESTORE)
    report = run(engine)
    assert report.sent == 1 and report.conflicts == 0, report
    assert not server.comments[world.other].deleted
    assert items(workspace)[target].remote_state == "visible"
    outbox.moderate([item_id(workspace, target)], Action.DELETE)
    assert run(engine).sent == 1
    engine.close()
    assert server.comments[world.other].deleted

    vk = connector(server)

    async def restore() -> tuple[Any, Any, Any]:
        first = await vk.push(op(Action.RESTORE, target))
        again = await vk.push(op(Action.RESTORE, target))  # VK: error 243, already back
        checked = await vk.reconcile(op(Action.RESTORE, target))
        await vk.aclose()
        return first, again, checked

    first, again, checked = asyncio.run(restore())
    assert first.remote_state == again.remote_state == checked.remote_state == "visible"
    assert not server.comments[world.other].deleted
    clean(server)


def test_ban_puts_the_author_on_the_blacklist(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    OutboxService(workspace.db, actor=lambda: "Tester").moderate(
        [item_id(workspace, rid(world.stream, world.question))], Action.BAN
    )
    report = run(engine)
    engine.close()
    assert report.sent == 1 and report.error is None
    assert set(server.bans) == {OLEG}
    assert server.method_calls("groups.ban")[0]["group_id"] == str(GROUP_ID)

    vk = connector(server)

    async def check() -> Any:
        found = await vk.reconcile(op(Action.BAN, rid(world.stream, world.question)))
        missing = await vk.reconcile(op(Action.BAN, rid(world.stream, world.follow_up)))
        await vk.aclose()
        return found, missing

    found, missing = asyncio.run(check())
    assert found is not None and missing is None
    clean(server)


def test_edit_reply_changes_only_the_communitys_own_comment(server: FakeVK, world: World) -> None:
    vk = connector(server)
    own = rid(world.stream, world.answer)

    async def edit() -> Any:
        result = await vk.push(op(Action.EDIT_REPLY, own, "Friday 20:00!"))
        confirmed = await vk.reconcile(op(Action.EDIT_REPLY, own, "Friday 20:00!"))
        with pytest.raises(Rejected, match="does not allow this account"):
            await vk.push(op(Action.EDIT_REPLY, rid(world.stream, world.question), "hijack"))
        await vk.aclose()
        return result, confirmed

    result, confirmed = asyncio.run(edit())
    assert result.remote_id == own and confirmed is not None
    assert server.comments[world.answer].text == "Friday 20:00!"
    clean(server)


def test_restrictions_and_unsupported_actions_say_why() -> None:
    now = int(time.time())
    theirs = ItemFacts("1_2", "comment", now, own=False, remote_state="visible")
    own = ItemFacts("1_3", "comment", now, own=True, remote_state="visible")
    deleted = ItemFacts("1_4", "comment", now, own=False, remote_state="deleted")
    assert set(VkConnector.restrictions(theirs, now)) == {Action.EDIT_REPLY, Action.RESTORE}
    assert set(VkConnector.restrictions(own, now)) == {Action.BAN, Action.RESTORE}
    assert Action.RESTORE not in VkConnector.restrictions(deleted, now)
    assert set(VkConnector.unsupported) | VkConnector.capabilities == set(Action)
    assert not set(VkConnector.unsupported) & VkConnector.capabilities
    assert VkConnector.irreversible == frozenset()
    assert "report" in VkConnector.unsupported[Action.SPAM]


def test_fetch_says_gone_for_a_deleted_or_unknown_comment(server: FakeVK, world: World) -> None:
    server.delete_comment(world.other)
    vk = connector(server)

    async def look() -> Any:
        current = await vk.fetch(rid(world.stream, world.question))
        with pytest.raises(Gone):
            await vk.fetch(rid(world.quiet, world.other))
        with pytest.raises(Gone):
            await vk.fetch(rid(world.quiet, 999999))
        await vk.aclose()
        return current

    assert asyncio.run(look()).text == 'Tom & Jerry <3 "quotes"'
    assert 212 in vk_schema.method_error_codes("wall.getComment")
    clean(server)


def test_an_action_on_a_comment_deleted_meanwhile_is_held(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    target = rid(world.stream, world.question)
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, target), "Too late"
    )
    server.delete_comment(world.question)
    report = run(engine)
    engine.close()
    assert report.conflicts == 1
    assert operations(workspace)[0].state == "conflict"
    assert items(workspace)[target].remote_state == "deleted"
    assert server.method_calls("wall.createComment") == []
    clean(server)


# -- failures ------------------------------------------------------------------------------


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_queued_actions(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, rid(world.stream, world.question)), "Queued before the revoke"
    )
    server.revoke()
    report = run(engine)
    [status] = engine.statuses()
    engine.close()
    assert report.signin and status.state == "signin"
    assert "sign in again" in status.message and ADMIN_TOKEN not in status.message
    assert [o.state for o in operations(workspace)] == ["queued"]
    clean(server)


def test_too_many_requests_per_second_is_waited_out_and_nothing_is_lost(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    server.fail("wall.getComments", 6)
    engine = SyncEngine(workspace.db)
    report = run(engine)
    engine.close()
    assert report.error is None
    assert len(items(workspace)) == 4
    clean(server)


def test_the_fake_enforces_vks_per_second_limit(server: FakeVK, world: World) -> None:
    server.per_second = 3
    vk = connector(server)  # paced far above the limit

    async def burst() -> None:
        try:
            for _ in range(5):
                await vk.fetch(rid(world.stream, world.question))
        finally:
            await vk.aclose()

    with pytest.raises(RateLimited, match="fewer requests per second") as raised:
        asyncio.run(burst())
    assert raised.value.retry_after == 1.0


def test_requests_are_paced_to_the_configured_rate(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    server.per_second = 8
    connect(workspace, server, requests_per_second=8)
    server.timeline.clear()
    engine = SyncEngine(workspace.db)
    report = run(engine)
    engine.close()
    assert report.error is None
    times = [t for t, _method in server.timeline]
    assert len(times) >= 6
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / 8 - 0.015
    for start in range(len(times)):
        assert sum(1 for t in times if times[start] <= t < times[start] + 1.0) <= 8
    clean(server)


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        (5, AuthFailed, "sign in again"),
        (6, RateLimited, "fewer requests per second"),
        (9, RateLimited, "flood control"),
        (14, RateLimited, "captcha"),
        (29, QuotaExceeded, "daily limit"),
        (10, ServerError, "internal error"),
        (15, Rejected, "does not allow this account"),
        (203, Rejected, "does not allow this account"),
        (100, Rejected, "refused the request"),
        (18, Rejected, "deleted or blocked"),
        (213, Rejected, "closed"),
    ],
)
def test_vk_errors_become_clear_errors_without_secrets(
    server: FakeVK, world: World, code: int, error: type[Exception], words: str
) -> None:
    assert code in vk_schema.error_codes()
    server.fail("*", code)
    vk = connector(server)

    async def reply() -> None:
        try:
            await vk.push(op(Action.REPLY, rid(world.stream, world.question), "Hello"))
        finally:
            await vk.aclose()

    with pytest.raises(error, match=words) as raised:
        asyncio.run(reply())
    message = str(raised.value)
    assert ADMIN_TOKEN not in message and "request_params" not in message
    assert "oauth" not in message and "Hello" not in message
    if code == 9:
        assert isinstance(raised.value, RateLimited) and raised.value.retry_after >= 60
    if code == 14:
        assert isinstance(raised.value, RateLimited) and raised.value.retry_after >= 300


def test_flood_control_on_a_reply_keeps_it_queued_for_later(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, rid(world.stream, world.question)), "Held by flood control"
    )
    server.fail("wall.createComment", 9)
    report = run(engine)
    engine.close()
    assert report.error is not None and "flood control" in report.error
    [queued] = operations(workspace)
    assert queued.state == "queued" and "flood control" in (queued.last_error or "")
    assert not any(c.text == "Held by flood control" for c in server.comments.values())


@pytest.mark.parametrize("kind", ["shape", "html"])
def test_a_malformed_answer_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeVK,
    world: World,
    memory_keyring: MemoryKeyring,
    kind: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_engine, "INLINE_RETRIES", 0)  # shown at once, not after retries
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    server.add_comment(world.stream, OLEG, "Arrives while VK is broken")
    server.malformed["wall.getComments"] = kind
    broken = run(engine)
    assert broken.error is not None
    assert "unexpected shape" in broken.error or "not the JSON" in broken.error
    assert engine.statuses()[0].state == "error"
    assert len(items(workspace)) == 4
    del server.malformed["wall.getComments"]
    fixed = run(engine)
    engine.close()
    assert fixed.error is None and fixed.pulled == 1
    assert len(items(workspace)) == 5

    server.malformed["wall.getComment"] = kind
    vk = connector(server)

    async def look() -> None:
        try:
            await vk.fetch(rid(world.stream, world.question))
        finally:
            await vk.aclose()

    with pytest.raises(MalformedResponse, match=r"unexpected shape|not the JSON"):
        asyncio.run(look())


def test_the_spec_check_catches_a_wrong_parameter(server: FakeVK, world: World) -> None:
    # wall.get takes the wall by `domain` in VK's 5.199 schema; an owner_id is not declared.
    response = httpx.post(
        server.base_url + "/method/wall.get",
        data={"owner_id": -GROUP_ID, "access_token": ADMIN_TOKEN, "v": "5.199"},
    )
    assert response.status_code == 400
    assert server.violations == [
        "POST /method/wall.get: wall.get: 'owner_id' is not a parameter of this method"
    ]
    base = {"v": "5.199", "access_token": ADMIN_TOKEN}
    wrong = [
        ("wall.getComment", {"owner_id": "-1"}),  # comment_id is required
        ("wall.getComments", {"post_id": "1", "sort": "newest"}),
        ("wall.getComments", {"post_id": "1", "thread_items_count": "11"}),
        ("wall.getComments", {"post_id": "1", "need_likes": "yes"}),
        ("wall.createComment", {"post_id": "x"}),
        ("groups.getBanned", {"group_id": "1", "count": "201"}),
        ("wall.getComments", {"post_id": "1", "fields": "screen_name,shoe_size"}),
        ("wall.hideComment", {}),
    ]
    for method, params in wrong:
        with pytest.raises(SpecViolation):
            vk_schema.check_call(method, {**base, **params})
    with pytest.raises(SpecViolation, match=r"v must be 5\.199"):
        vk_schema.check_call("wall.get", {"domain": "x", "v": "5.131"})


def test_the_fakes_answers_fit_vks_response_schemas(
    workspace: Workspace, server: FakeVK, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server, rescan_interval_s=0)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(item_id(workspace, rid(world.stream, world.question)), "Checked shapes")
    outbox.moderate([item_id(workspace, rid(world.quiet, world.other))], Action.BAN)
    run(engine)
    engine.close()
    answered = {r.path.rsplit("/", 1)[-1] for r in server.requests}
    assert {"groups.getById", "wall.get", "wall.getComments", "wall.getComment"} <= answered
    assert {"wall.createComment", "groups.ban"} <= answered
    clean(server)
    # The check is not vacuous: shapes VK does not send are caught.
    assert vk_schema.response_problems(
        "wall.getComments", {"response": {"count": 1, "items": [{"id": 1, "text": "x"}]}}
    )
    assert vk_schema.response_problems("wall.deleteComment", {"response": True})
    assert vk_schema.response_problems(
        "groups.getById", {"response": {"groups": [{"id": 1, "members": 5}]}}
    )
