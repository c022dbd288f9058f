"""The Discourse connector against a fake forum on 127.0.0.1: sign-in with an API key kept in
the keyring, the latest posts paged back with `before`, the review queue for staff, every
action through the outbox and the sync engine, and the failures in between."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

import desktop.sync.engine as engine_module
from desktop.connectors import connector_kinds
from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    RateLimited,
    Rejected,
    SourceConfig,
)
from desktop.connectors.discourse import DiscourseConnector, forum_address, plain_text
from desktop.db.models import Author, Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services import sources
from desktop.services.outbox import OutboxError, OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes.discourse import FakeDiscourse, Post, Reviewable, User
from tests.support.platform import MemoryKeyring


@pytest.fixture
def server() -> Iterator[FakeDiscourse]:
    fake = FakeDiscourse()
    fake.start()
    yield fake
    fake.stop()


def sign_in(server: FakeDiscourse, key: str, username: str = "mod") -> tuple[Any, Any]:
    return asyncio.run(
        sources.sign_in(
            "discourse",
            {"forum": "forum.example", "api_username": username, "api_base": server.base_url},
            {"api_key": key},
            timeout_s=2,
        )
    )


def connect(
    workspace: Workspace, server: FakeDiscourse, *, username: str = "mod", **extra: Any
) -> int:
    key = server.add_key(username)
    result, staged = sign_in(server, key, username)
    source_id = sources.save_source(workspace.db, "discourse", result, staged)
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings)
        settings.update({"timeout_s": 2, "rescan_interval_s": 10**9, **extra})
        source.settings = json.dumps(settings)
    return source_id


def sync(workspace: Workspace) -> Any:
    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        return report, engine.statuses()[0]
    finally:
        engine.close()


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {item.remote_id: item for item in session.scalars(select(Item))}


def item_id(workspace: Workspace, remote_id: str | int) -> int:
    return items(workspace)[str(remote_id)].id


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


def connector_for(workspace: Workspace, source_id: int) -> DiscourseConnector:
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings)
        account = source.account
    return DiscourseConnector(
        SourceConfig(source_id, account, settings, SourceSecrets(source_id), timeout_s=2)
    )


def set_rescan(workspace: Workspace, source_id: int = 1) -> None:
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.settings = json.dumps({**json.loads(source.settings), "rescan_interval_s": 0})


def seed(server: FakeDiscourse) -> dict[str, Any]:
    """Two topics with a thread, a hidden post, an old one, and posts waiting for approval."""
    now = time.time()
    ada = server.add_user("ada", "Ada L")
    troll = server.add_user("troll", "")
    old = server.add_topic(ada, "Ancient history", "From long ago.", at=now - 40 * 86400)
    topic = server.add_topic(
        ada, "Export fails on large files", "Export breaks at 2 GB.", at=now - 600
    )
    answer = server.reply(server.moderator, topic, "Which version are you on?", at=now - 500)
    follow = server.reply(ada, answer, "Version 3.2 &amp; <b>beta</b>", at=now - 400)
    loose = server.reply(server.member, topic, "Same here.", at=now - 350, topic_level=True)
    spam = server.add_topic(troll, "Cheap watches", "Buy cheap watches now!", at=now - 300)
    hidden = server.reply(troll, topic, "Rude words here", at=now - 250)
    server.hide(hidden.id)
    queued = server.queue_post(troll, follow, "Another link to click", at=now - 200)
    new_topic = server.queue_post(ada, None, "Can I have a feature?", title="Feature wish")
    return {
        "ada": ada,
        "troll": troll,
        "old": old,
        "topic": topic,
        "answer": answer,
        "follow": follow,
        "loose": loose,
        "spam": spam,
        "hidden": hidden,
        "queued": queued,
        "new_topic": new_topic,
    }


# -- signing in --------------------------------------------------------------------------------


def test_sign_in_checks_the_key_learns_staff_and_keeps_the_key_only_in_the_keyring(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    key = server.add_key("mod")
    result, staged = sign_in(server, key)
    assert result.account == "mod"
    assert result.name == "Acme Community"
    assert result.settings["staff"] is True and result.settings["moderator"] is True
    assert result.settings["review_queue"] is True
    assert result.settings["user_id"] == server.moderator.id
    assert result.settings["forum"] == "https://forum.example"
    assert staged.values == {"api_key": key}
    source_id = sources.save_source(workspace.db, "discourse", result, staged)
    assert SourceSecrets(source_id).get("api_key") == key
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        assert key not in source.settings
    for path in workspace.path.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes()
    [who] = server.calls("GET", "/u/mod.json")
    assert who.headers["api-key"] == key and who.headers["api-username"] == "mod"
    assert "api-key" not in server.calls("GET", "/site/basic-info.json")[0].headers
    assert server.violations == []


def test_sign_in_refuses_wrong_values_and_saves_nothing(server: FakeDiscourse) -> None:
    key = server.add_key("mod")
    with pytest.raises(AuthFailed, match="refused the API key for mod"):
        sign_in(server, "0" * 64)
    with pytest.raises(AuthFailed, match="refused the API key"):
        sign_in(server, key, "helper")  # a key created for another user
    with pytest.raises(sources.SourceSetupError, match="API key"):
        sign_in(server, "")
    assert server.violations == []
    for request in server.requests:
        assert "0" * 64 not in request.raw_path


def test_a_member_signs_in_without_staff_rights_or_the_review_queue(
    server: FakeDiscourse,
) -> None:
    result, _staged = sign_in(server, server.add_key(None), "helper")
    assert result.account == "helper"
    assert result.settings["staff"] is False and result.settings["review_queue"] is False
    assert server.calls("GET", "/review.json") == []


def test_a_forum_without_the_review_api_is_noticed_at_sign_in(server: FakeDiscourse) -> None:
    server.review_api = False
    result, _staged = sign_in(server, server.add_key("mod"))
    assert result.settings["staff"] is True and result.settings["review_queue"] is False
    assert server.violations == []


# -- pulling -----------------------------------------------------------------------------------


def test_first_sync_pulls_posts_with_topics_parents_states_and_the_review_queue(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    server.page_size = 3
    world = seed(server)
    connect(workspace, server)
    report, status = sync(workspace)
    assert report.error is None, report.error
    assert status.state == "idle"
    found = items(workspace)
    posts = ("topic", "answer", "follow", "loose", "spam", "hidden")
    expected = {str(world[k].id) for k in posts}
    expected |= {f"review:{world['queued'].id}", f"review:{world['new_topic'].id}"}
    assert set(found) == expected  # not the post older than the backfill
    topic = found[str(world["topic"].id)]
    assert topic.kind == "post" and topic.text == "Export breaks at 2 GB."
    follow = found[str(world["follow"].id)]
    assert follow.kind == "comment"
    assert follow.text == "Version 3.2 &amp; <b>beta</b>"  # the raw text, as written
    assert follow.parent_id == found[str(world["answer"].id)].id
    assert found[str(world["answer"].id)].parent_id == topic.id
    assert found[str(world["loose"].id)].parent_id is None  # answers the topic as a whole
    assert found[str(world["hidden"].id)].remote_state == "hidden"
    assert json.loads(found[str(world["answer"].id)].extra)["own"] is True
    assert found[str(world["answer"].id)].status == "done"
    queued = found[f"review:{world['queued'].id}"]
    assert queued.remote_state == "held" and queued.text == "Another link to click"
    assert queued.parent_id == follow.id
    assert json.loads(queued.extra)["reviewable_id"] == world["queued"].id
    new_topic = found[f"review:{world['new_topic'].id}"]
    assert new_topic.kind == "post" and new_topic.remote_state == "held"
    with workspace.db.sessions() as session:
        contexts = {c.id: c for c in session.scalars(select(Context))}
        state = session.get_one(SyncState, report.source_id)
        author = session.get(Author, follow.author_id)
    context = contexts[follow.context_id]
    assert context.title == "Export fails on large files"
    assert (
        context.url
        == f"https://forum.example/t/export-fails-on-large-files/{world['topic'].topic_id}"
    )
    assert contexts[queued.context_id].remote_id == context.remote_id
    assert contexts[new_topic.context_id].title == "Feature wish"
    assert author is not None and author.handle == "@ada" and author.display_name == "Ada L"
    # Paged back with `before`, and the cursor is the newest post id.
    pulls = server.calls("GET", "/posts.json")
    assert len(pulls) >= 3 and any("before=" in r.raw_path for r in pulls)
    assert state.cursor == str(max(server.posts))
    assert server.violations == []


def test_incremental_sync_asks_only_for_posts_after_the_cursor(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    server.page_size = 3
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    before = len(server.requests)
    fresh = [server.reply(world["ada"], world["spam"], f"Reply number {n}") for n in range(2)]
    report, _status = sync(workspace)
    assert report.error is None
    assert report.pulled == 2
    assert {str(p.id) for p in fresh} <= set(items(workspace))
    pulls = [r for r in server.requests[before:] if r.path == "/posts.json"]
    assert len(pulls) == 1 and "before" not in pulls[0].query  # the first page reached the cursor
    with workspace.db.sessions() as session:
        assert session.get_one(SyncState, 1).cursor == str(fresh[-1].id)
    assert server.violations == []


def test_a_reply_to_an_older_post_finds_its_parent_through_the_topic(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    late = server.reply(world["ada"], world["answer"], "Also on 3.3.")
    report, _status = sync(workspace)
    assert report.pulled == 1
    found = items(workspace)
    assert found[str(late.id)].parent_id == found[str(world["answer"].id)].id
    assert len(server.calls("GET", rf"/t/{world['topic'].topic_id}\.json")) == 1
    assert server.violations == []


def test_a_remote_edit_and_a_remote_deletion_are_seen_by_the_rescan(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    set_rescan(workspace)
    server.remote_edit(world["follow"].id, "Version 3.2 (edited)")
    server.remote_delete(world["loose"].id)
    report, _status = sync(workspace)
    assert report.error is None
    found = items(workspace)
    assert found[str(world["follow"].id)].text == "Version 3.2 (edited)"
    assert found[str(world["follow"].id)].edited_at is not None
    assert found[str(world["loose"].id)].remote_state == "deleted"
    assert found[str(world["answer"].id)].remote_state == "visible"
    assert found[f"review:{world['queued'].id}"].remote_state == "held"
    assert server.violations == []


# -- replies and own posts ---------------------------------------------------------------------


def test_a_reply_is_posted_in_the_topic_answering_the_post(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Fixed in 3.2.1, thanks!")
    report, _status = sync(workspace)
    assert report.sent == 1, [op.last_error for op in operations(workspace)]
    reply = max(server.posts_by(server.moderator), key=lambda p: p.id)
    assert reply.raw == "Fixed in 3.2.1, thanks!"
    assert reply.topic_id == world["topic"].topic_id
    assert reply.reply_to_post_number == world["follow"].post_number
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == str(reply.id)
    [post] = server.calls("POST", "/posts.json")
    assert post.json() == {
        "topic_id": world["topic"].topic_id,
        "raw": "Fixed in 3.2.1, thanks!",
        "reply_to_post_number": world["follow"].post_number,
    }
    assert server.violations == []


def test_a_reply_whose_answer_broke_is_found_by_reconciliation_not_sent_again(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Looking into it now.")
    server.malformed("/posts.json", method="POST", after=True)
    report, _status = sync(workspace)
    assert report.sent == 1
    assert len(server.calls("POST", "/posts.json")) == 1  # found, not sent again
    replies = [p for p in server.posts_by(server.moderator) if p.raw == "Looking into it now."]
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == str(replies[0].id)
    assert server.violations == []


def test_a_reply_the_forum_refuses_fails_with_its_reason(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Ok")
    report, _status = sync(workspace)
    assert report.failed == 1
    [op] = operations(workspace)
    assert op.state == "failed" and "Body is too short" in (op.last_error or "")


def test_editing_and_deleting_an_own_post(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    second = server.reply(server.moderator, world["follow"], "Thanks, noted.")
    connect(workspace, server)
    sync(workspace)
    service = outbox(workspace)
    answer = item_id(workspace, world["answer"].id)
    with pytest.raises(OutboxError, match="own posts"):
        service.edit_reply(item_id(workspace, world["follow"].id), "Not mine")
    service.edit_reply(answer, "Which version and which browser?")
    report, _status = sync(workspace)
    assert report.sent == 1, [op.last_error for op in operations(workspace)]
    assert world["answer"].raw == "Which version and which browser?"
    assert world["answer"].version == 2
    [edit] = server.calls("PUT", rf"/posts/{world['answer'].id}\.json")
    assert edit.json() == {"post": {"raw": "Which version and which browser?"}}
    service.moderate([item_id(workspace, second.id)], Action.DELETE)
    report, _status = sync(workspace)
    assert report.sent == 1
    assert second.deleted_at is not None
    assert items(workspace)[str(second.id)].remote_state == "deleted"
    assert server.violations == []


def test_restrictions_per_item() -> None:
    theirs = ItemFacts("120", "comment", 0, own=False, remote_state="visible")
    mine = ItemFacts("121", "comment", 0, own=True, remote_state="visible")
    held = ItemFacts("review:7", "comment", 0, own=False, remote_state="held")
    handled = ItemFacts("review:8", "comment", 0, own=False, remote_state="visible")
    assert {Action.APPROVE, Action.EDIT_REPLY} <= set(DiscourseConnector.restrictions(theirs, 0))
    assert Action.DELETE not in DiscourseConnector.restrictions(theirs, 0)
    assert Action.EDIT_REPLY not in DiscourseConnector.restrictions(mine, 0)
    assert {Action.HIDE, Action.SPAM, Action.BAN} <= set(DiscourseConnector.restrictions(mine, 0))
    on_held = DiscourseConnector.restrictions(held, 0)
    assert {Action.REPLY, Action.HIDE, Action.SPAM, Action.EDIT_REPLY} <= set(on_held)
    assert not {Action.APPROVE, Action.DELETE, Action.BAN} & set(on_held)
    assert Action.APPROVE in DiscourseConnector.restrictions(handled, 0)


# -- moderation --------------------------------------------------------------------------------


def test_staff_delete_hide_spam_and_ban(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    service = outbox(workspace)
    service.moderate([item_id(workspace, world["loose"].id)], Action.DELETE)
    service.moderate([item_id(workspace, world["follow"].id)], Action.HIDE)
    service.moderate([item_id(workspace, world["spam"].id)], Action.SPAM)
    service.moderate([item_id(workspace, world["hidden"].id)], Action.BAN)
    report, _status = sync(workspace)
    assert report.sent == 4, [op.last_error for op in operations(workspace)]
    assert world["loose"].deleted_at is not None
    assert world["follow"].hidden and (server.moderator.id, 4) in world["follow"].flags
    assert world["spam"].hidden and (server.moderator.id, 8) in world["spam"].flags
    assert world["troll"].suspended_till is not None
    assert int(world["troll"].suspended_till[:4]) > 2999
    assert world["troll"].suspend_reason
    states = {
        k: items(workspace)[str(world[k].id)].remote_state for k in ("loose", "follow", "spam")
    }
    assert states == {"loose": "deleted", "follow": "hidden", "spam": "spam"}
    flags = [r.json() for r in server.calls("POST", "/post_actions.json")]
    assert flags == [
        {"id": world["follow"].id, "post_action_type_id": 4},
        {"id": world["spam"].id, "post_action_type_id": 8},
    ]
    assert Action.DELETE in DiscourseConnector.irreversible
    assert Action.BAN not in DiscourseConnector.irreversible
    assert server.violations == []


def test_a_staff_flag_that_leaves_the_post_visible_is_agreed_with_in_the_review_queue(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    server.staff_flag_hides = False
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).moderate([item_id(workspace, world["follow"].id)], Action.HIDE)
    report, _status = sync(workspace)
    assert report.sent == 1, [op.last_error for op in operations(workspace)]
    assert world["follow"].hidden
    [perform] = server.calls("PUT", r"/review/\d+/perform/agree_and_hide\.json")
    assert perform.query == {"version": "1"}
    assert items(workspace)[str(world["follow"].id)].remote_state == "hidden"
    assert server.violations == []


def test_approving_and_rejecting_queued_posts(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    service = outbox(workspace)
    queued = item_id(workspace, f"review:{world['new_topic'].id}")
    with pytest.raises(OutboxError, match="review queue"):
        service.moderate([item_id(workspace, world["follow"].id)], Action.APPROVE)
    with pytest.raises(OutboxError, match="approve it first"):
        service.reply(item_id(workspace, f"review:{world['queued'].id}"), "Hello")
    service.moderate([queued], Action.APPROVE)
    service.moderate([item_id(workspace, f"review:{world['queued'].id}")], Action.DELETE)
    report, _status = sync(workspace)
    assert report.sent == 2, [op.last_error for op in operations(workspace)]
    new_topic: Reviewable = world["new_topic"]
    assert new_topic.status == "approved" and new_topic.target_post_id in server.posts
    assert server.posts[new_topic.target_post_id].raw == "Can I have a feature?"
    assert world["queued"].status == "rejected"
    found = items(workspace)
    assert found[f"review:{new_topic.id}"].remote_state == "visible"
    assert found[f"review:{world['queued'].id}"].remote_state == "deleted"
    performs = server.calls("PUT", r"/review/\d+/perform/\w+\.json")
    assert [r.path.rsplit("/", 1)[1] for r in performs] == ["approve_post.json", "reject_post.json"]
    assert all(r.query.get("version") == "1" for r in performs)
    # The approved post arrives as a post of its own; the re-scan keeps the handled queue items.
    set_rescan(workspace)
    report, _status = sync(workspace)
    assert report.error is None and report.vanished == 0
    found = items(workspace)
    assert str(new_topic.target_post_id) in found
    assert found[f"review:{new_topic.id}"].remote_state == "visible"
    assert server.violations == []


def test_staff_actions_without_staff_rights_are_refused_with_the_way_out(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server, username="helper")
    sync(workspace)
    assert not any(remote.startswith("review:") for remote in items(workspace))
    service = outbox(workspace)
    service.moderate([item_id(workspace, world["follow"].id)], Action.BAN)
    service.moderate([item_id(workspace, world["answer"].id)], Action.HIDE)
    service.moderate([item_id(workspace, world["spam"].id)], Action.SPAM)
    report, _status = sync(workspace)
    assert report.failed == 2 and report.sent == 1
    ban, hide, spam = operations(workspace)
    assert ban.state == "failed" and "needs a staff account" in (ban.last_error or "")
    assert hide.state == "failed" and "needs a staff account" in (hide.last_error or "")
    assert spam.state == "sent"
    assert (server.member.id, 8) in world["spam"].flags  # a member's flag: left to the staff
    assert not world["spam"].hidden
    assert world["ada"].suspended_till is None
    assert server.calls("PUT", r"/admin/users/\d+/suspend\.json") == []
    assert server.violations == []


def test_a_refused_action_is_rejected_not_a_lost_sign_in(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    staff = server.add_user("boss", "Boss", admin=True)
    post = server.reply(staff, world["topic"], "Staff post here.")
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).moderate([item_id(workspace, post.id)], Action.BAN)
    report, status = sync(workspace)
    assert report.failed == 1 and not report.signin
    assert status.state == "idle"
    [op] = operations(workspace)
    assert "can't suspend staff members" in (op.last_error or "")


# -- failures ----------------------------------------------------------------------------------


def test_a_revoked_key_asks_to_sign_in_again_and_keeps_the_queued_reply(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    source_id = connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Coming soon.")
    server.revoke_all()
    report, status = sync(workspace)
    assert report.signin and status.state == "signin"
    assert "sign in again" in status.message
    [op] = operations(workspace)
    assert op.state == "queued"
    result, staged = sign_in(server, server.add_key("mod"))
    sources.save_sign_in_again(workspace.db, source_id, result, staged)
    report, status = sync(workspace)
    assert report.sent == 1 and status.state == "idle"
    assert [p.raw for p in server.posts_by(server.moderator)][-1] == "Coming soon."
    assert server.violations == []


def test_a_429_is_waited_out_and_nothing_is_lost(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Yes, open now.")
    server.rate_limit(times=1, wait=1)
    started = time.monotonic()
    report, _status = sync(workspace)
    assert report.error is None and report.sent == 1
    assert time.monotonic() - started >= 0.9
    assert server.throttled == 1
    assert [p.raw for p in server.posts_by(server.moderator)][-1] == "Yes, open now."
    assert server.violations == []


def test_the_wait_is_read_from_the_body_where_no_retry_after_is_sent(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    source_id = connect(workspace, server)
    body = {
        "errors": ["You've performed this action too many times. Please wait 7 seconds."],
        "error_type": "rate_limit",
        "extras": {"wait_seconds": 7},
    }
    server.fail("/posts.json", 429, body, method="GET")
    connector = connector_for(workspace, source_id)

    async def pull() -> None:
        try:
            async for _page in connector.pull(None, since=0):
                pass
        finally:
            await connector.aclose()

    with pytest.raises(RateLimited) as raised:
        asyncio.run(pull())
    assert raised.value.retry_after == 7.0
    assert "slow down" in str(raised.value)


def test_a_long_rate_limit_keeps_the_reply_queued(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["follow"].id), "Later then.")
    server.rate_limit(times=1, wait=120)
    report, status = sync(workspace)
    assert "slow down" in (report.error or "")
    assert status.state == "error"
    assert operations(workspace)[0].state == "queued"


def test_a_malformed_page_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeDiscourse,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    world = seed(server)
    connect(workspace, server)
    server.malformed("/posts.json", {"latest_posts": [{"id": 5}]}, method="GET")
    report, status = sync(workspace)
    assert status.state == "error"
    assert "unexpected shape" in (report.error or "")
    server.malformed("/posts.json", b"<html>oops</html>", method="GET")
    report, _status = sync(workspace)
    assert "not JSON" in (report.error or "")
    server.malformed("/review.json", {"reviewables": "nope"})
    report, _status = sync(workspace)
    assert "review queue in an unexpected shape" in (report.error or "")
    report, _status = sync(workspace)
    assert report.error is None
    assert {str(world["follow"].id), f"review:{world['queued'].id}"} <= set(items(workspace))


def test_a_server_error_on_pull_is_reported_as_such(
    workspace: Workspace,
    server: FakeDiscourse,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    seed(server)
    connect(workspace, server)
    server.fail("/posts.json", 503, b"<html>Service Unavailable</html>", method="GET")
    report, _status = sync(workspace)
    assert "internal error (503)" in (report.error or "")


def test_a_review_queue_that_went_away_is_a_clear_error_and_posts_still_arrive(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    connect(workspace, server)
    server.review_api = False
    report, status = sync(workspace)
    assert status.state == "error"
    assert "no longer answers its review queue" in (report.error or "")
    assert str(world["follow"].id) in items(workspace)


def test_fetch_of_a_deleted_post_is_gone_and_malformed_posts_are_reported(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    source_id = connect(workspace, server, username="helper")
    server.remote_delete(world["loose"].id)
    server.malformed(rf"/posts/{world['follow'].id}\.json", {"id": world["follow"].id})
    connector = connector_for(workspace, source_id)

    async def run() -> None:
        try:
            with pytest.raises(Gone):
                await connector.fetch(str(world["loose"].id))
            with pytest.raises(MalformedResponse):
                await connector.fetch(str(world["follow"].id))
            fetched = await connector.fetch(str(world["answer"].id))
            assert fetched is not None and fetched.text == "Which version are you on?"
        finally:
            await connector.aclose()

    asyncio.run(run())
    assert server.violations == []


# -- the fake's spec check ---------------------------------------------------------------------


def test_the_fake_refuses_what_the_api_document_does_not_allow(
    workspace: Workspace,
    server: FakeDiscourse,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = seed(server)
    source_id = connect(workspace, server)
    connector = connector_for(workspace, source_id)
    original = DiscourseConnector._get

    async def wrong(self: DiscourseConnector, path: str, **kwargs: Any) -> Any:
        if path == "/posts.json":
            kwargs["params"] = {**(kwargs.get("params") or {}), "page": 2}
        return await original(self, path, **kwargs)

    monkeypatch.setattr(DiscourseConnector, "_get", wrong)

    async def pull() -> None:
        try:
            async for _page in connector.pull(None, since=0):
                pass
        finally:
            await connector.aclose()

    with pytest.raises(Rejected):
        asyncio.run(pull())
    assert server.violations and "undeclared query parameter(s): page" in server.violations[0]
    key = SourceSecrets(source_id).get("api_key") or ""
    headers = {"Api-Key": key, "Api-Username": "mod"}
    answer = httpx.post(
        f"{server.base_url}/posts.json",
        json={"topic_id": str(world["topic"].topic_id), "raw": "A reply here"},
        headers=headers,
    )
    assert answer.status_code == 400 and "topic_id" in server.violations[-1]
    answer = httpx.get(f"{server.base_url}/u/mod.json")
    assert answer.status_code == 400 and "'Api-Key' is required" in server.violations[-1]
    answer = httpx.patch(f"{server.base_url}/posts/1.json", headers=headers)
    assert answer.status_code == 400 and "PATCH is not allowed" in server.violations[-1]


# -- pieces ------------------------------------------------------------------------------------


def test_cooked_html_becomes_plain_text_where_no_raw_is_given() -> None:
    cooked = (
        '<p>Hello &amp; welcome<br>second line <img src="x.png" alt=":smile:"></p>'
        '<aside class="quote"><blockquote><p>quoted</p></blockquote></aside>'
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert plain_text(cooked) == "Hello & welcome\nsecond line :smile:\n\nquoted\n\none\ntwo"


def test_forum_addresses_are_normalised() -> None:
    assert forum_address("forum.example.com/") == "https://forum.example.com"
    assert forum_address("http://localhost:3000/forum") == "http://localhost:3000/forum"
    assert forum_address("  ") == ""


def test_the_connector_is_discovered_and_explains_what_it_cannot_do() -> None:
    assert connector_kinds()["discourse"] is DiscourseConnector
    for action in Action:
        assert action in DiscourseConnector.capabilities or DiscourseConnector.unsupported[action]


def test_reconcile_reports_what_arrived(
    workspace: Workspace, server: FakeDiscourse, memory_keyring: MemoryKeyring
) -> None:
    world = seed(server)
    source_id = connect(workspace, server)
    sync(workspace)
    follow: Post = world["follow"]
    troll: User = world["troll"]
    mine = server.reply(server.moderator, follow, "An answer that arrived.")
    connector = connector_for(workspace, source_id)
    now = int(time.time())

    def op(
        kind: Action, remote_id: Any, text: str = "", known: frozenset[str] = frozenset()
    ) -> Operation:
        return Operation(1, kind, str(remote_id), {"text": text}, "k", now, known)

    async def run() -> list[Any]:
        try:
            results = [
                await connector.reconcile(op(Action.REPLY, follow.id, "An answer that arrived.")),
                await connector.reconcile(
                    op(
                        Action.REPLY,
                        follow.id,
                        "An answer that arrived.",
                        frozenset({str(mine.id)}),
                    )
                ),
                await connector.reconcile(op(Action.REPLY, follow.id, "Never sent.")),
                await connector.reconcile(op(Action.HIDE, follow.id)),
                await connector.reconcile(op(Action.BAN, world["spam"].id)),
            ]
            server.hide(follow.id)
            troll.suspended_till = "3025-01-01"
            results.append(await connector.reconcile(op(Action.HIDE, follow.id)))
            results.append(await connector.reconcile(op(Action.BAN, world["spam"].id)))
            return results
        finally:
            await connector.aclose()

    found, known, missing, not_hidden, not_banned, hidden, banned = asyncio.run(run())
    assert found is not None and found.remote_id == str(mine.id)
    assert known is None and missing is None and not_hidden is None and not_banned is None
    assert hidden is not None and hidden.remote_state == "hidden"
    assert banned is not None
    assert server.violations == []
