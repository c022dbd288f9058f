"""The Waline connector against a fake Waline server on 127.0.0.1 that answers in Waline's
shapes and checks each request against what the real server reads: sign-in, pulls and re-scans
through the real sync engine, every supported action through the outbox, and the failures the
real server cannot be made to produce on demand."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desktop.connectors import waline as waline_module
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
from desktop.connectors.waline import WalineConnector
from desktop.db.models import Author, Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.services.sources import StagedCredentials, save_source
from desktop.services.sources import sign_in as sources_sign_in
from desktop.sync import engine as sync_engine
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes.http import FakeHTTPServer, Reply
from tests.fakes.waline import Comment, FakeWaline
from tests.support.platform import MemoryKeyring

ADMIN_EMAIL = "admin@blog.example.org"
ADMIN_PASSWORD = "correct horse battery staple"
SITE = "https://blog.example.org"


class World:
    """A blog's Waline: an administrator, a guest account, and comments in every status."""

    def __init__(self, server: FakeWaline) -> None:
        self.server = server
        self.admin = server.add_user(
            ADMIN_EMAIL, ADMIN_PASSWORD, "Blog Admin", admin=True, url=SITE
        )
        self.guest = server.add_user("reader@example.net", "reader-pw", "Reader")
        self.question = server.add_comment("Alice", "When is **part 2** out?", ago=900)
        self.answer = server.add_comment(
            "", "Next week!", status="approved", ago=800, parent=self.question, user=self.admin
        )
        self.follow_up = server.add_comment("Bob", "Can't wait", ago=700, parent=self.answer)
        self.pills = server.add_comment("Spammer", "cheap pills", status="spam", ago=600)
        self.other_page = server.add_comment(
            "Carol", "Nice photos", url="/posts/trip/", status="approved", ago=500
        )
        # Older than the source's backfill: never pulled.
        self.ancient = server.add_comment("Dave", "Old news", status="approved", ago=40 * 86400)


@pytest.fixture
def server() -> Iterator[FakeWaline]:
    fake = FakeWaline().start()
    yield fake
    fake.stop()


@pytest.fixture
def world(server: FakeWaline) -> World:
    return World(server)


def sign_in(
    server: FakeWaline, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD, **extra: Any
) -> Any:
    staged = StagedCredentials()
    request = SignIn(
        settings={"api_base": server.base_url, "site": SITE, "email": email, **extra},
        secrets={"password": password},
        credentials=staged,
        timeout_s=2,
    )
    return asyncio.run(WalineConnector.sign_in(request)), staged


def connect(workspace: Workspace, server: FakeWaline, **settings: Any) -> int:
    """Sign in and save the source, as the Add-source dialog does."""
    result, staged = sign_in(server)
    source_id = save_source(workspace.db, "waline", result, staged)
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        saved = json.loads(source.settings)
        source.settings = json.dumps(
            {**saved, "timeout_s": 2, "rescan_interval_s": 10**9, **settings}
        )
    return source_id


def connector(server: FakeWaline, world: World, **settings: Any) -> WalineConnector:
    credentials = StagedCredentials({"token": server.token_for(world.admin)})
    config = SourceConfig(
        1,
        ADMIN_EMAIL,
        {"api_base": server.base_url, "site": SITE, "user_id": world.admin.id, **settings},
        credentials,
        2,
    )
    return WalineConnector(config)


def run(engine: SyncEngine) -> Any:
    [report] = asyncio.run(engine.run_once())
    return report


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.remote_id: i for i in session.scalars(select(Item))}


def item_id(workspace: Workspace, comment: Comment | int) -> int:
    number = comment.id if isinstance(comment, Comment) else comment
    return items(workspace)[str(number)].id


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def list_pages(server: FakeWaline) -> list[int]:
    return [int(r.query.get("page", "1")) for r in server.calls("GET", r"/api/comment")]


def operation(kind: Action, remote_id: str, **payload: Any) -> Operation:
    return Operation(1, kind, remote_id, payload, f"key-{kind}-{remote_id}", int(time.time()))


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


# -- signing in ----------------------------------------------------------------------------


def test_sign_in_keeps_only_the_token_and_only_in_the_keyring(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    result, staged = asyncio.run(
        sources_sign_in(
            "waline",
            {"api_base": server.base_url + "/", "site": SITE, "email": ADMIN_EMAIL},
            {"password": ADMIN_PASSWORD},
            timeout_s=2,
        )
    )
    assert result.account == ADMIN_EMAIL
    assert result.name == "Waline blog.example.org"
    assert result.settings == {
        "api_base": server.base_url,
        "site": SITE,
        "email": ADMIN_EMAIL,
        "user_id": str(world.admin.id),
    }
    # The token carries no expiry, so the password is not kept.
    assert set(staged.values) == {"token"}
    source_id = save_source(workspace.db, "waline", result, staged)

    secrets = SourceSecrets(source_id)
    assert secrets.get("token") == server.token_for(world.admin)
    assert secrets.get("password") is None
    assert ADMIN_PASSWORD not in str(memory_keyring.passwords)
    stored = b"".join(f.read_bytes() for f in workspace.path.rglob("*") if f.is_file())
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        row = f"{source.settings} {source.account} {source.name}"
    for secret in (ADMIN_PASSWORD, server.token_for(world.admin)):
        assert secret not in row
        assert secret.encode() not in stored
    # The sign-in was checked: the password went to /api/token, the token to GET /api/token.
    [login] = server.calls("POST", r"/api/token")
    assert login.json() == {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
    [check] = server.calls("GET", r"/api/token")
    assert check.headers["authorization"] == f"Bearer {server.token_for(world.admin)}"
    assert server.violations == []


def test_sign_in_refuses_wrong_values_in_the_users_words(server: FakeWaline, world: World) -> None:
    with pytest.raises(AuthFailed, match="did not accept this email and password"):
        sign_in(server, password="wrong")
    with pytest.raises(Rejected, match="not an administrator"):
        sign_in(server, email="reader@example.net", password="reader-pw")
    with pytest.raises(Rejected, match="Enter the email address and password"):
        sign_in(server, email="")
    with pytest.raises(Rejected, match="address of the Waline server"):
        asyncio.run(
            WalineConnector.sign_in(
                SignIn(
                    {"api_base": "ftp://x", "email": "a@b"}, {"password": "p"}, StagedCredentials()
                )
            )
        )
    # A server that is not Waline: its 404 is said as such, not as a wrong password.
    other = FakeHTTPServer().start()
    try:
        staged = StagedCredentials()
        request = SignIn(
            {"api_base": other.base_url + "/blog", "email": ADMIN_EMAIL},
            {"password": ADMIN_PASSWORD},
            staged,
            timeout_s=2,
        )
        with pytest.raises(Rejected, match="does not answer as a Waline server"):
            asyncio.run(WalineConnector.sign_in(request))
        assert staged.values == {}
    finally:
        other.stop()
    assert server.violations == []


def test_two_factor_sign_in_sends_the_code(server: FakeWaline, world: World) -> None:
    world.admin.two_factor = "123456"
    with pytest.raises(AuthFailed, match="enter its current code too"):
        sign_in(server)
    staged = StagedCredentials()
    request = SignIn(
        {"api_base": server.base_url, "email": ADMIN_EMAIL},
        {"password": ADMIN_PASSWORD, "code": "123456"},
        staged,
        timeout_s=2,
    )
    result = asyncio.run(WalineConnector.sign_in(request))
    assert result.account == ADMIN_EMAIL and "code" not in result.settings
    assert set(staged.values) == {"token"}
    assert server.violations == []


# -- pulling -------------------------------------------------------------------------------


def test_first_sync_brings_every_status_with_text_thread_page_and_author(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server, page_size=2)
    engine = SyncEngine(workspace.db)
    report = run(engine)
    engine.close()
    assert report.error is None and report.pulled == 5

    found = items(workspace)
    assert str(world.ancient.id) not in found
    question = found[str(world.question.id)]
    assert question.text == "When is **part 2** out?"  # what was written, not the HTML
    assert question.remote_state == "held" and question.kind == "comment"
    answer = found[str(world.answer.id)]
    assert answer.remote_state == "visible" and answer.parent_id == question.id
    assert json.loads(answer.extra)["own"] is True and answer.status == "done"
    assert found[str(world.follow_up.id)].parent_id == answer.id
    assert found[str(world.pills.id)].remote_state == "spam"
    assert json.loads(question.extra)["mail"] == "alice@example.net"
    assert question.created_at == world.question.inserted
    with workspace.db.sessions() as session:
        context = session.get_one(Context, question.context_id)
        author = session.get_one(Author, question.author_id)
        admin = session.get_one(Author, answer.author_id)
        other = session.get_one(Context, found[str(world.other_page.id)].context_id)
    assert (context.kind, context.title, context.url) == (
        "page",
        "/posts/hello/",
        SITE + "/posts/hello/",
    )
    assert other.url == SITE + "/posts/trip/"
    assert (author.remote_id, author.display_name) == ("mail:alice@example.net", "Alice")
    assert (admin.remote_id, admin.display_name) == (f"user:{world.admin.id}", "Blog Admin")
    # Paged by two through the whole list (page_size), and with no status filter.
    assert all(r.query.get("pageSize") == "2" for r in server.calls("GET", r"/api/comment"))
    assert all("status" not in r.query for r in server.calls("GET", r"/api/comment"))
    # Sent from the site, for a server that answers only its site (secureDomains).
    assert {r.headers.get("referer") for r in server.requests} == {SITE + "/"}
    assert server.violations == []


def test_incremental_sync_reads_only_the_newest_page_and_saves_its_cursor(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    source_id = connect(workspace, server, page_size=2)
    engine = SyncEngine(workspace.db)
    run(engine)
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "{}")
    assert cursor == {"after_ms": world.other_page.inserted * 1000}

    server.requests.clear()
    fresh = server.add_comment("Erin", "Is there an RSS feed?", ago=5)
    report = run(engine)
    engine.close()
    assert report.error is None and report.pulled == 1
    assert items(workspace)[str(fresh.id)].remote_state == "held"
    # Newest first, two a page: page 2 reaches below the cursor (less its minute of overlap),
    # so the oldest page (3) is not read again.
    assert list_pages(server) == [1, 2]
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "{}")
    assert cursor == {"after_ms": fresh.inserted * 1000}
    assert server.violations == []


def test_a_comment_stored_a_moment_after_the_time_it_carries_is_not_lost(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    # Waline takes a comment's time before its checks and stores it after them: this one
    # carries a time just before the cursor but was listed only after that pull.
    late = server.add_comment("Frank", "Slow to store", inserted=world.other_page.inserted - 2)
    same_second = server.add_comment("Gail", "Same second", inserted=world.other_page.inserted)
    report = run(engine)
    engine.close()
    assert report.pulled == 2
    assert {str(late.id), str(same_second.id)} <= set(items(workspace))


def test_a_remote_edit_and_a_remote_deletion_are_found_by_the_rescan(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server, rescan_interval_s=0)
    engine = SyncEngine(workspace.db)
    run(engine)
    world.question.text = "When is part 2 out, roughly?"
    world.other_page.status = "spam"  # moved in Waline's own dashboard
    del server.comments[world.pills.id]
    report = run(engine)
    engine.close()
    assert report.error is None and report.vanished == 1
    found = items(workspace)
    assert found[str(world.question.id)].text == "When is part 2 out, roughly?"
    assert found[str(world.other_page.id)].remote_state == "spam"
    assert found[str(world.pills.id)].remote_state == "deleted"
    assert found[str(world.follow_up.id)].remote_state == "held"
    assert server.violations == []


# -- actions -------------------------------------------------------------------------------


def test_approve_spam_and_hide_move_the_comment_between_waline_lists(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    service = outbox(workspace)
    service.moderate([item_id(workspace, world.question)], Action.APPROVE)
    service.moderate([item_id(workspace, world.follow_up)], Action.SPAM)
    service.moderate([item_id(workspace, world.other_page)], Action.HIDE)
    report = run(engine)
    engine.close()
    assert report.sent == 3 and report.failed == 0 and report.conflicts == 0
    assert world.question.status == "approved"
    assert world.follow_up.status == "spam"
    assert world.other_page.status == "waiting"
    assert world.question in server.visible("/posts/hello/")
    assert server.visible("/posts/trip/") == []
    found = items(workspace)
    assert found[str(world.question.id)].remote_state == "visible"
    assert found[str(world.follow_up.id)].remote_state == "spam"
    assert found[str(world.other_page.id)].remote_state == "held"
    puts = server.calls("PUT", r"/api/comment/\d+")
    assert [(r.path, r.json()) for r in puts] == [
        (f"/api/comment/{world.question.id}", {"status": "approved"}),
        (f"/api/comment/{world.follow_up.id}", {"status": "spam"}),
        (f"/api/comment/{world.other_page.id}", {"status": "waiting"}),
    ]
    assert server.violations == []


def test_delete_takes_the_replies_with_it_and_the_rescan_marks_them(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    capabilities = outbox(workspace).capabilities(item_id(workspace, world.question))
    assert "every reply" in capabilities.notes[Action.DELETE]  # said before it is queued
    assert outbox(workspace).capabilities(item_id(workspace, world.question)).irreversible == {
        Action.DELETE
    }
    outbox(workspace).moderate([item_id(workspace, world.question)], Action.DELETE)
    with workspace.db.transaction() as session:  # the next pass re-scans
        session.get_one(SyncState, 1).last_rescan_at = 0
    report = run(engine)
    engine.close()
    assert report.sent == 1
    # Waline removed the comment and every reply under it.
    assert set(server.comments) == {world.pills.id, world.other_page.id, world.ancient.id}
    found = items(workspace)
    for comment in (world.question, world.answer, world.follow_up):
        assert found[str(comment.id)].remote_state == "deleted"
    assert report.vanished == 2
    assert (
        server.calls("DELETE", r"/api/comment/\d+")[0].path == f"/api/comment/{world.question.id}"
    )
    assert server.violations == []


def test_a_reply_goes_out_as_the_administrator_in_the_thread_and_comes_back_as_own(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox(workspace).reply(item_id(workspace, world.follow_up), "Thanks, Bob!")
    report = run(engine)
    assert report.sent == 1
    [posted] = server.calls("POST", r"/api/comment")
    body = posted.json()
    assert body["comment"] == "Thanks, Bob!"
    assert (body["url"], body["pid"], body["rid"], body["at"]) == (
        "/posts/hello/",
        world.follow_up.id,
        world.question.id,  # the thread's root
        "Bob",
    )
    assert posted.headers["authorization"] == f"Bearer {server.token_for(world.admin)}"
    reply = max(server.comments.values(), key=lambda c: c.id)
    assert reply.status == "approved" and reply.user_id == world.admin.id
    assert [op.remote_id for op in operations(workspace)] == [str(reply.id)]

    run(engine)  # the reply comes back with the next pull, as the account's own
    mine = items(workspace)[str(reply.id)]
    assert json.loads(mine.extra)["own"] is True
    assert mine.parent_id == item_id(workspace, world.follow_up)

    outbox(workspace).edit_reply(mine.id, "Thanks, Bob! See you there.")
    report = run(engine)
    engine.close()
    assert report.sent == 1 and reply.text == "Thanks, Bob! See you there."
    [edit] = server.calls("PUT", rf"/api/comment/{reply.id}")
    assert edit.json() == {"comment": "Thanks, Bob! See you there."}
    assert server.violations == []


def test_a_reply_whose_answer_was_lost_is_reconciled_not_posted_twice(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox(workspace).reply(item_id(workspace, world.question), "Next Tuesday.")
    server.inject("POST", r"/api/comment", Reply(502, b"Bad Gateway"), perform=True)
    report = run(engine)
    engine.close()
    posted = [c for c in server.comments.values() if c.text == "Next Tuesday."]
    assert len(posted) == 1 and len(server.calls("POST", r"/api/comment")) == 1
    assert report.sent == 1
    [op] = operations(workspace)
    assert (op.state, op.remote_id) == ("sent", str(posted[0].id))


def test_reconcile_tells_what_arrived(server: FakeWaline, world: World) -> None:
    async def check() -> None:
        client = connector(server, world)
        try:
            mine = server.add_comment(
                "", "Known answer", ago=5, parent=world.question, user=world.admin
            )
            reply = operation(Action.REPLY, str(world.question.id), text="Known answer")
            found = await client.reconcile(reply)
            assert found is not None and found.remote_id == str(mine.id)
            known = Operation(
                2,
                Action.REPLY,
                str(world.question.id),
                {"text": "Known answer"},
                "k2",
                int(time.time()),
                frozenset({str(mine.id)}),
            )
            assert await client.reconcile(known) is None
            approve = operation(Action.APPROVE, str(world.question.id))
            assert await client.reconcile(approve) is None
            world.question.status = "approved"
            client._pages.clear()
            result = await client.reconcile(approve)
            assert result is not None and result.remote_state == "visible"
            delete = operation(Action.DELETE, str(world.pills.id))
            assert await client.reconcile(delete) is None
            del server.comments[world.pills.id]
            client._pages.clear()
            result = await client.reconcile(delete)
            assert result is not None and result.remote_state == "deleted"
            with pytest.raises(Gone):
                await client.reconcile(operation(Action.SPAM, str(world.pills.id)))
        finally:
            await client.aclose()

    asyncio.run(check())
    assert server.violations == []


def test_restrictions_and_unsupported_actions_say_why() -> None:
    def facts(state: str, own: bool = False) -> ItemFacts:
        return ItemFacts("7", "comment", 0, own, state)

    held = WalineConnector.restrictions(facts("held"), 0)
    assert set(held) == {Action.EDIT_REPLY, Action.HIDE}
    assert set(WalineConnector.restrictions(facts("visible"), 0)) == {
        Action.EDIT_REPLY,
        Action.APPROVE,
    }
    assert Action.SPAM in WalineConnector.restrictions(facts("spam"), 0)
    own = WalineConnector.restrictions(facts("visible", own=True), 0)
    assert Action.EDIT_REPLY not in own and Action.DELETE not in own and Action.SPAM in own
    for action in Action:
        if action not in WalineConnector.capabilities:
            assert WalineConnector.unsupported[action]
    assert WalineConnector.irreversible == {Action.DELETE}


def test_fetch_finds_a_comment_or_says_gone_or_cannot_tell(
    server: FakeWaline, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def check() -> None:
        client = connector(server, world, page_size=2)
        try:
            found = await client.fetch(str(world.question.id))
            assert found is not None and found.text == "When is **part 2** out?"
            with pytest.raises(Gone):
                await client.fetch("999")
            monkeypatch.setattr(waline_module, "FIND_PAGES", 1)
            assert await client.fetch("999") is None  # beyond the pages it may read
            with pytest.raises(Rejected):
                await client.fetch("../token")
        finally:
            await client.aclose()

    asyncio.run(check())
    assert server.violations == []


def test_an_action_on_a_comment_deleted_meanwhile_is_held(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox(workspace).moderate([item_id(workspace, world.question)], Action.APPROVE)
    outbox(workspace).reply(item_id(workspace, world.other_page), "Lovely")
    del server.comments[world.question.id]
    del server.comments[world.other_page.id]
    report = run(engine)
    engine.close()
    assert report.conflicts == 2 and report.sent == 0
    assert [op.state for op in operations(workspace)] == ["conflict", "conflict"]
    assert items(workspace)[str(world.question.id)].remote_state == "deleted"
    assert server.calls("PUT", r"/api/comment/\d+") == []
    assert server.calls("POST", r"/api/comment") == []  # no orphan reply


def test_a_put_on_a_missing_comment_is_gone_though_waline_says_ok(
    server: FakeWaline, world: World
) -> None:
    async def check() -> None:
        client = connector(server, world)
        try:
            with pytest.raises(Gone):
                await client.push(operation(Action.APPROVE, "999"))
            with pytest.raises(Gone):
                await client.push(operation(Action.EDIT_REPLY, "999", text="x"))
            result = await client.push(operation(Action.DELETE, "999"))
            assert result.remote_state == "deleted"  # nothing left to delete is what was asked
            with pytest.raises(Rejected, match="cannot block a commenter"):
                await client.push(operation(Action.BAN, str(world.question.id)))
        finally:
            await client.aclose()

    asyncio.run(check())
    assert server.violations == []


# -- failures ------------------------------------------------------------------------------


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_queued_actions(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox(workspace).reply(item_id(workspace, world.question), "Queued before the revoke")
    outbox(workspace).moderate([item_id(workspace, world.pills)], Action.DELETE)
    token = server.token_for(world.admin)
    server.revoked.add(token)
    report = run(engine)
    [status] = engine.statuses()
    engine.close()
    assert report.signin and status.state == "signin"
    assert "sign in again" in status.message and token not in status.message
    assert [o.state for o in operations(workspace)] == ["queued", "queued"]
    assert server.calls("POST", r"/api/comment") == []  # never posted as a visitor


def test_a_token_that_waline_ignores_never_posts_a_reply_as_a_visitor(
    server: FakeWaline, world: World
) -> None:
    async def check() -> None:
        client = connector(server, world)
        server.revoked.add(server.token_for(world.admin))
        try:
            with pytest.raises(AuthFailed, match="sign in again"):
                await client.push(operation(Action.REPLY, str(world.question.id), text="Hi"))
        finally:
            await client.aclose()

    asyncio.run(check())
    assert server.calls("POST", r"/api/comment") == []


def test_an_account_demoted_to_guest_is_asked_to_sign_in_again(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    world.admin.type = "guest"
    engine = SyncEngine(workspace.db)
    report = run(engine)
    [status] = engine.statuses()
    engine.close()
    assert report.signin and "not an administrator" in status.message


def test_a_refusal_inside_http_200_fails_the_action_with_wallines_reason(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    outbox(workspace).reply(item_id(workspace, world.question), "Same again")
    server.inject(
        "POST", r"/api/comment", Reply(200, {"errno": 1000, "errmsg": "Duplicate Content"})
    )
    report = run(engine)
    engine.close()
    assert report.failed == 1
    [op] = operations(workspace)
    assert op.state == "failed" and op.last_error == "Waline refused: Duplicate Content"


def test_waline_errors_become_clear_errors_without_secrets(
    server: FakeWaline, world: World
) -> None:
    token = server.token_for(world.admin)

    async def check() -> None:
        client = connector(server, world)
        try:
            cases: list[tuple[Reply, type[Exception], str]] = [
                (Reply(401, {"errno": 401, "errmsg": "Unauthorized"}), AuthFailed, "sign in"),
                (Reply(403, {"errno": 403, "errmsg": "Forbidden"}), AuthFailed, "administrator"),
                (Reply(500, {"errno": 500, "errmsg": "boom"}), ServerError, "boom"),
                (Reply(503, b"<html>down</html>"), ServerError, "HTTP 503"),
                (Reply(200, b"<html>hello</html>"), MalformedResponse, "not the JSON"),
                (Reply(200, {"data": {}}), MalformedResponse, "not the JSON"),
                (Reply(200, {"errno": 0, "data": {"data": "x"}}), MalformedResponse, "shape"),
                (
                    Reply(200, {"errno": 1001, "errmsg": {"pageSize": "need an integer"}}),
                    Rejected,
                    "pageSize: need an integer",
                ),
                (Reply(400, {"errno": 400}), Rejected, "HTTP 400"),
            ]
            for reply, error, words in cases:
                server.inject("GET", r"/api/comment", reply)
                client._pages.clear()
                with pytest.raises(error, match=words) as caught:
                    await client.fetch(str(world.question.id))
                assert token not in str(caught.value)
        finally:
            await client.aclose()

    asyncio.run(check())


def test_a_rate_limit_is_waited_out_and_nothing_is_lost(
    workspace: Workspace, server: FakeWaline, world: World, memory_keyring: MemoryKeyring
) -> None:
    connect(workspace, server)
    server.inject("GET", r"/api/comment", Reply(429, {}, {"Retry-After": "0.2"}))
    engine = SyncEngine(workspace.db)
    started = time.monotonic()
    report = run(engine)
    engine.close()
    assert report.error is None and report.pulled == 5
    assert time.monotonic() - started >= 0.2


def test_a_malformed_answer_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeWaline,
    world: World,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_engine, "INLINE_RETRIES", 0)  # shown at once, not after retries
    source_id = connect(workspace, server)
    engine = SyncEngine(workspace.db)
    run(engine)
    with workspace.db.sessions() as session:
        cursor = session.get_one(SyncState, source_id).cursor
    outbox(workspace).moderate([item_id(workspace, world.question)], Action.APPROVE)
    server.add_comment("Gina", "New one", ago=1)
    bad_row = {"errno": 0, "errmsg": "", "data": {"page": 1, "totalPages": 1, "data": [{}]}}
    server.inject("GET", r"/api/comment", Reply(200, bad_row))
    report = run(engine)
    assert report.error is not None and "unexpected shape" in report.error
    with workspace.db.sessions() as session:
        assert session.get_one(SyncState, source_id).cursor == cursor
    assert [o.state for o in operations(workspace)] == ["queued"]
    assert len(items(workspace)) == 5

    report = run(engine)  # the server answers properly again: everything arrives
    engine.close()
    assert report.error is None and report.pulled == 1 and report.sent == 1


def test_the_spec_check_catches_a_wrong_parameter(server: FakeWaline, world: World) -> None:
    token = server.token_for(world.admin)
    headers = {"Authorization": f"Bearer {token}"}
    base = server.base_url + "/api/comment"
    answer = httpx.get(base, params={"type": "list", "status": "pending"}, headers=headers)
    assert answer.status_code == 400
    httpx.get(base, params={"type": "list", "limit": "5"}, headers=headers)
    httpx.put(f"{base}/1", json={"status": "hidden"}, headers=headers)
    httpx.post(base, json={"comment": "x", "url": "/", "parent": 1}, headers=headers)
    assert len(server.violations) == 4
    assert "status='pending'" in server.violations[0]
    assert "does not take limit" in server.violations[1]
    assert "status='hidden'" in server.violations[2]
    assert "does not take parent" in server.violations[3]
    # Waline's own refusal of a page that is too large is an answer, not a violation.
    too_big = httpx.get(base, params={"type": "list", "pageSize": "101"}, headers=headers)
    assert too_big.json()["errno"] == 1001 and len(server.violations) == 4
