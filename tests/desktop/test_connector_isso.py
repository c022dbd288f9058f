"""The Isso connector against the fake Isso server, through the real sync engine and outbox.

The real server is exercised in tests/e2e/test_isso.py; these cover what it will not do on
demand (rate limits, errors, a changed admin page, an expiring session) and the item shapes.
"""

from __future__ import annotations

import asyncio
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
    Rejected,
    ServerError,
    SignIn,
    SourceConfig,
)
from desktop.connectors.isso import IssoConnector, _parse_admin, _plain
from desktop.db.models import Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes.isso import FakeIsso
from tests.support.platform import MemoryKeyring

PASSWORD = "admin-pw-123"
POST = "/blog/hello/"


@pytest.fixture
def fake() -> Iterator[FakeIsso]:
    server = FakeIsso(password=PASSWORD)
    server.start()
    yield server
    server.stop()


def add_source(workspace: Workspace, fake: FakeIsso, threads: str = POST, **settings: Any) -> int:
    with workspace.db.transaction() as session:
        source = Source(platform="isso", name="Isso", settings="{}", created_at=int(time.time()))
        session.add(source)
        session.flush()
        source_id = source.id
    result = asyncio.run(
        IssoConnector.sign_in(
            SignIn(
                {"api_base": fake.base_url, "threads": threads},
                {"password": PASSWORD},
                SourceSecrets(source_id),
                timeout_s=2,
            )
        )
    )
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.account = result.account
        source.settings = json.dumps(
            {**result.settings, "timeout_s": 2, "rescan_interval_s": 10**9, **settings}
        )
    return source_id


def run(workspace: Workspace) -> Any:
    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        return report
    finally:
        engine.close()


def item(workspace: Workspace, comment_id: int) -> Item:
    with workspace.db.sessions() as session:
        return session.scalars(select(Item).where(Item.remote_id == str(comment_id))).one()


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)).all())


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


def connector(fake: FakeIsso, source_id: int, **settings: Any) -> IssoConnector:
    return IssoConnector(
        SourceConfig(
            source_id,
            "Site team",
            {"api_base": fake.base_url, "threads": POST, **settings},
            SourceSecrets(source_id),
            timeout_s=2,
        )
    )


def seed(fake: FakeIsso) -> dict[str, int]:
    question = fake.add(POST, "When is the **release**?", author="Alice", title="Hello world")
    answer = fake.add(POST, "Next week", author="Site team", parent=question.id)
    pending = fake.add(POST, "Is there a beta?", author="Bob", parent=question.id, mode=2)
    elsewhere = fake.add("/other/", "not watched", author="Carol", title="Other")
    return {
        "question": question.id,
        "answer": answer.id,
        "pending": pending.id,
        "other": elsewhere.id,
    }


# -- signing in --------------------------------------------------------------------------------


def test_sign_in_keeps_the_password_only_in_the_keyring(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    source_id = add_source(workspace, fake)
    secrets = SourceSecrets(source_id)
    assert secrets.get("password") == PASSWORD
    assert (secrets.get("session") or "").startswith("eyJ")
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        assert source.account == "Site team"
        settings = json.loads(source.settings)
    assert settings["threads"] == POST and settings["reply_name"] == "Site team"
    assert PASSWORD not in json.dumps(settings)
    [login] = fake.calls("POST", "/login/")
    assert login.form() == {"password": PASSWORD}
    assert fake.violations == []


def test_sign_in_refuses_a_wrong_password_and_a_server_that_is_not_isso(
    fake: FakeIsso, memory_keyring: MemoryKeyring
) -> None:
    def sign_in(base: str, password: str) -> None:
        asyncio.run(
            IssoConnector.sign_in(
                SignIn({"api_base": base}, {"password": password}, SourceSecrets(7), timeout_s=2)
            )
        )

    with pytest.raises(AuthFailed, match="admin password"):
        sign_in(fake.base_url, "wrong")
    assert SourceSecrets(7).get("password") is None
    fake.admin_enabled = False
    with pytest.raises(Rejected, match="switched off"):
        sign_in(fake.base_url, PASSWORD)
    with pytest.raises(Rejected, match="does not answer as an Isso"):
        sign_in(fake.base_url + "/nothing-here", PASSWORD)


# -- pulling -----------------------------------------------------------------------------------


def test_first_sync_brings_published_and_pending_comments_with_their_states(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)

    report = run(workspace)

    assert report.error is None and report.pulled == 3
    question = item(workspace, ids["question"])
    assert question.text == "When is the release?" and question.remote_state == "visible"
    own = item(workspace, ids["answer"])
    assert json.loads(own.extra)["own"] is True and own.parent_id == question.id
    held = item(workspace, ids["pending"])
    assert held.remote_state == "held" and held.parent_id == question.id
    assert abs(held.created_at - fake.comments[ids["pending"]].created) < 1
    with workspace.db.sessions() as session:
        context = session.get_one(Context, question.context_id)
        assert (context.remote_id, context.title, context.url) == (
            POST,
            "Hello world",
            fake.base_url + POST,
        )
        assert not session.scalars(select(Item).where(Item.remote_id == str(ids["other"]))).all()
    assert fake.violations == []


def test_without_the_key_read_a_pending_comment_still_arrives_from_the_admin_page(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    fake.view_with_key = False
    add_source(workspace, fake)

    run(workspace)

    held = item(workspace, ids["pending"])
    assert held.remote_state == "held" and held.text == "Is there a beta?"
    assert held.parent_id is None
    assert abs(held.created_at - fake.comments[ids["pending"]].created) < 120


def test_every_thread_when_none_is_set(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake, threads="")
    assert run(workspace).pulled == 4
    assert item(workspace, ids["other"]).text == "not watched"


def test_incremental_sync_reads_only_threads_with_news_from_the_cursor(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    source_id = add_source(workspace, fake)
    run(workspace)
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "{}")
    assert cursor["id"] == ids["pending"] and str(ids["pending"]) in cursor["pending"]

    fake.requests.clear()
    assert run(workspace).pulled == 0
    assert fake.calls("GET", "/") == []  # nothing new: no thread is read

    # A new comment, and the pending one approved in Isso's own admin: both arrive.
    late = fake.add(POST, "Thanks!", author="Dave")
    fake.comments[ids["pending"]].mode = 1
    report = run(workspace)
    assert report.pulled == 1 and report.updated == 1
    assert item(workspace, late.id).text == "Thanks!"
    assert item(workspace, ids["pending"]).remote_state == "visible"
    assert len(fake.calls("GET", "/")) == 1


def test_a_pending_comment_deleted_in_isso_arrives_deleted(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    fake.remove(ids["pending"])
    run(workspace)
    gone = item(workspace, ids["pending"])
    assert gone.remote_state == "deleted" and gone.text == "Is there a beta?"


def test_a_remote_edit_and_a_remote_deletion_come_back_on_rescan(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    source_id = add_source(workspace, fake, rescan_interval_s=0)
    run(workspace)
    fake.edit(ids["question"], "When is the *release*, roughly?")
    fake.remove(ids["answer"])

    report = run(workspace)

    assert report.error is None
    edited = item(workspace, ids["question"])
    assert edited.text == "When is the release, roughly?" and edited.edited_at is not None
    assert item(workspace, ids["answer"]).remote_state == "deleted"
    assert item(workspace, ids["pending"]).remote_state == "held"  # still in the queue
    with workspace.db.sessions() as session:
        assert session.get_one(SyncState, source_id).last_rescan_at is not None
    assert fake.violations == []


# -- actions -----------------------------------------------------------------------------------


def test_approve_publishes_a_pending_comment(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([item(workspace, ids["pending"]).id], Action.APPROVE)

    assert run(workspace).sent == 1

    assert fake.comments[ids["pending"]].mode == 1
    assert item(workspace, ids["pending"]).remote_state == "visible"
    assert fake.violations == []  # the key went under its own comment's id


def test_delete_leaves_a_placeholder_for_a_comment_with_replies(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([item(workspace, ids["question"]).id], Action.DELETE)

    assert run(workspace).sent == 1

    assert fake.comments[ids["question"]].mode == 4
    deleted = item(workspace, ids["question"])
    assert deleted.remote_state == "deleted" and deleted.text == "When is the release?"
    assert fake.violations == []


def test_a_reply_is_posted_as_the_site_and_approved_at_once(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(item(workspace, ids["pending"]).id, "Yes, next month.")

    assert run(workspace).sent == 1

    [new] = fake.calls("POST", "/new")
    assert new.query == {"uri": POST}
    assert new.headers["content-type"] == "application/json"
    assert new.json() == {
        "text": "Yes, next month.",
        "author": "Site team",
        "parent": ids["pending"],
    }
    [reply] = [c for c in fake.comments.values() if c.text == "Yes, next month."]
    # Isso threads one level deep: the reply hangs under the top-level comment, published.
    assert (reply.parent, reply.mode, reply.author) == (ids["question"], 1, "Site team")
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == str(reply.id)
    # The admin session goes to the admin page only; Isso's author cookie is not kept.
    public = [r for r in fake.requests if not r.path.startswith(("/admin/", "/id/"))]
    assert public and all("cookie" not in r.headers for r in public)
    assert fake.violations == []


def test_edit_reply_changes_only_the_sites_own_reply(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).edit_reply(item(workspace, ids["answer"]).id, "Next week, on Tuesday.")

    assert run(workspace).sent == 1

    assert fake.comments[ids["answer"]].text == "Next week, on Tuesday."
    edits = [r for r in fake.requests if "/edit/" in r.path]
    assert [r.json() for r in edits] == [{"text": "Next week, on Tuesday."}]


def test_restrictions_follow_state_and_ownership() -> None:
    def facts(**values: Any) -> ItemFacts:
        base: dict[str, Any] = {
            "remote_id": "5",
            "kind": "comment",
            "created_at": 0,
            "own": False,
            "remote_state": "visible",
        }
        return ItemFacts(**{**base, **values})

    visible = IssoConnector.restrictions(facts(), 0)
    assert Action.APPROVE in visible and Action.EDIT_REPLY in visible
    assert Action.DELETE not in visible and Action.REPLY not in visible
    held = IssoConnector.restrictions(facts(remote_state="held"), 0)
    assert Action.APPROVE not in held
    own = IssoConnector.restrictions(facts(own=True), 0)
    assert Action.EDIT_REPLY not in own
    assert set(IssoConnector.unsupported) == {Action.HIDE, Action.SPAM, Action.BAN, Action.RESTORE}


def test_reconcile_finds_a_reply_that_arrived_unseen(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    source_id = add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(item(workspace, ids["question"]).id, "On its way.")
    fake.drop_after_new = True  # stored, but the answer never comes back

    report = run(workspace)

    assert report.sent == 1 and report.error is None
    replies = [c for c in fake.comments.values() if c.text == "On its way."]
    assert len(replies) == 1 and replies[0].mode == 1  # found, approved, not sent again
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == str(replies[0].id)

    async def not_there() -> Any:
        isso = connector(fake, source_id)
        try:
            return await isso.reconcile(
                Operation(9, Action.REPLY, str(ids["question"]), {"text": "Never sent"}, "k", 0)
            )
        finally:
            await isso.aclose()

    assert asyncio.run(not_there()) is None


def test_fetch_says_gone_for_a_deleted_comment(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    source_id = add_source(workspace, fake)

    async def go() -> Any:
        isso = connector(fake, source_id)
        try:
            found = await isso.fetch(str(ids["pending"]))
            fake.remove(ids["pending"])
            with pytest.raises(Gone):
                await isso.fetch(str(ids["pending"]))
            return found
        finally:
            await isso.aclose()

    found = asyncio.run(go())
    assert found is not None and found.remote_state == "held"
    assert found.parent_remote_id == str(ids["question"])


def test_an_action_on_a_comment_deleted_meanwhile_is_held_as_vanished(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([item(workspace, ids["pending"]).id], Action.APPROVE)
    fake.remove(ids["pending"])

    report = run(workspace)

    assert report.sent == 0
    assert item(workspace, ids["pending"]).remote_state == "deleted"
    assert [op.state for op in operations(workspace)] == ["conflict"]


# -- errors ------------------------------------------------------------------------------------


def test_an_expired_admin_session_is_renewed_silently(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    source_id = add_source(workspace, fake)
    before = SourceSecrets(source_id).get("session")
    fake.expire_sessions()

    report = run(workspace)

    assert report.error is None and report.pulled == 3
    assert SourceSecrets(source_id).get("session") not in (before, None, "")
    assert len(fake.calls("POST", "/login/")) == 2  # the sign-in, and one renewal
    assert item(workspace, ids["pending"]).remote_state == "held"


def test_a_changed_password_asks_to_sign_in_again_and_keeps_queued_actions(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([item(workspace, ids["pending"]).id], Action.APPROVE)
    fake.password = "changed"
    fake.expire_sessions()

    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        [status] = engine.statuses()
    finally:
        engine.close()

    assert report.signin and status.state == "signin"
    assert "sign in again" in (report.error or "") and PASSWORD not in (report.error or "")
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert fake.comments[ids["pending"]].mode == 2


def test_the_guards_rate_limit_is_waited_for_and_the_reply_is_not_lost(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).reply(item(workspace, ids["question"]).id, "Soon.")
    fake.rate_limited = True

    report = run(workspace)

    assert report.error is not None and "slow down" in report.error
    assert [op.state for op in operations(workspace)] == ["queued"]
    fake.rate_limited = False
    assert run(workspace).sent == 1
    assert [c.text for c in fake.comments.values()].count("Soon.") == 1


def test_a_changed_admin_page_is_a_clear_error_and_loses_nothing(
    fake: FakeIsso,
    workspace: Workspace,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def no_wait(_seconds: float) -> None:
        return None

    # The engine tries a malformed answer again a few times, waiting between: not here.
    monkeypatch.setattr("desktop.sync.engine.asyncio.sleep", no_wait)
    ids = seed(fake)
    add_source(workspace, fake)
    run(workspace)
    outbox(workspace).moderate([item(workspace, ids["pending"]).id], Action.APPROVE)
    fake.changed_admin_page = True

    report = run(workspace)

    assert report.error is not None and "admin page" in report.error
    assert item(workspace, ids["pending"]).remote_state == "held"
    assert [op.state for op in operations(workspace)] == ["queued"]
    fake.changed_admin_page = False
    assert run(workspace).sent == 1


def test_a_malformed_thread_and_a_server_error_are_reported_as_such(
    fake: FakeIsso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    seed(fake)
    source_id = add_source(workspace, fake)

    async def pull() -> None:
        isso = connector(fake, source_id)
        try:
            async for _page in isso.pull(None, since=0):
                pass
        finally:
            await isso.aclose()

    fake.malformed_thread = True
    with pytest.raises(MalformedResponse):
        asyncio.run(pull())
    fake.malformed_thread = False
    fake.server_errors = 1
    with pytest.raises(ServerError, match="internal error"):
        asyncio.run(pull())


def test_writes_go_as_json_or_isso_refuses_them_as_cross_site(fake: FakeIsso) -> None:
    fake.add(POST, "Hello there", title="Hello")
    response = httpx.post(
        fake.base_url + "/new", params={"uri": POST}, data={"text": "a form post"}
    )
    assert response.status_code == 403 and "CSRF" in response.text
    assert fake.violations and "not application/json" in fake.violations[0]
    fake.violations.clear()
    httpx.get(fake.base_url + "/", params={"uri": POST, "page": "2"})
    assert fake.violations and "unknown parameters" in fake.violations[0]


# -- shapes ------------------------------------------------------------------------------------


def test_plain_text_from_what_commenters_type() -> None:
    assert _plain("A **bold** and *soft* [link](https://x.org) `code`") == (
        "A bold and soft link (https://x.org) code"
    )
    assert _plain("snake_case_name stays, 2 * 3 * 4 too") == "snake_case_name stays, 2 * 3 * 4 too"
    assert _plain("<p>Tom &amp; Jerry</p><p>second</p>") == "Tom & Jerry\n\nsecond"
    assert _plain("# Title\n\nbody") == "Title\n\nbody"


def test_the_admin_page_is_read_robustly(fake: FakeIsso) -> None:
    comment = fake.add(POST, "x < y & z", author="Ann <a>", title="T (1)", mode=2)
    page = fake._admin_html([comment])
    [row] = _parse_admin(page).rows
    assert (row.id, row.uri, row.title, row.author, row.text, row.mode) == (
        comment.id,
        POST,
        "T (1)",
        "Ann <a>",
        "x < y & z",
        2,
    )
    assert _parse_admin("<html><div id='login'><form></form></div></html>").kind == "login"
    with pytest.raises(MalformedResponse):
        _parse_admin(
            page.replace("validate_com", "v").replace("delete_com", "d").replace("send_edit", "s")
        )
