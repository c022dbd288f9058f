"""The Mastodon connector against a fake instance on 127.0.0.1: sign-in through OAuth with PKCE
and a per-sign-in app registration, mentions paged by Link headers, conversations, reports for
moderators, every action through the outbox and the sync engine, and the failures in between."""

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
    ItemFacts,
    MalformedResponse,
    Operation,
    PullPage,
    Rejected,
    SignIn,
    SignInCancelled,
    SourceConfig,
)
from desktop.connectors.mastodon import MastodonConnector, plain_text
from desktop.db.models import Context, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxError, OutboxService
from desktop.services.sources import StagedCredentials, save_sign_in_again, save_source
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.fakes.mastodon import FakeMastodon, browse
from tests.support.platform import MemoryKeyring


@pytest.fixture
def server() -> Iterator[FakeMastodon]:
    fake = FakeMastodon()
    fake.start()
    yield fake
    fake.stop()


def sign_in(server: FakeMastodon, *, moderator: bool = False) -> tuple[Any, StagedCredentials]:
    staged = StagedCredentials()
    request = SignIn(
        settings={
            "instance": "our.example",
            "moderator": "yes" if moderator else "no",
            "api_base": server.base_url,
        },
        secrets={},
        credentials=staged,
        open_browser=browse,
        timeout_s=2,
        browser_timeout_s=5,
    )
    return asyncio.run(MastodonConnector.sign_in(request)), staged


def connect(
    workspace: Workspace, server: FakeMastodon, *, moderator: bool = False, **extra: Any
) -> int:
    result, staged = sign_in(server, moderator=moderator)
    source_id = save_source(workspace.db, "mastodon", result, staged)
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


def item_id(workspace: Workspace, remote_id: str) -> int:
    return items(workspace)[remote_id].id


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def connector_for(workspace: Workspace, source_id: int) -> MastodonConnector:
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings)
        account = source.account
    return MastodonConnector(SourceConfig(source_id, account, settings, SourceSecrets(source_id)))


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


# -- signing in --------------------------------------------------------------------------------


def test_sign_in_registers_for_the_loopback_address_and_keeps_secrets_in_the_keyring(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    source_id = connect(workspace, server)
    [app] = server.apps.values()
    assert app.name == "Steward"
    assert app.scopes == ["read", "write"]
    [redirect] = app.redirect_uris
    assert redirect.startswith("http://127.0.0.1:") and int(redirect.rsplit(":", 1)[1]) > 0
    [token] = server.tokens.values()
    assert token.scopes == ["read", "write"]
    authorize = server.calls("GET", "/oauth/authorize")[0]
    assert "code_challenge_method=S256" in authorize.raw_path
    assert "code_verifier" in server.calls("POST", "/oauth/token")[0].body.decode()
    secrets = SourceSecrets(source_id)
    assert secrets.get("access_token") == token.value
    assert secrets.get("client_id") == app.client_id
    assert secrets.get("client_secret") == app.client_secret
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        settings = json.loads(source.settings)
        assert source.account == "us"
        assert source.name == "@us@our.example"
    assert settings["admin"] is False and settings["account_id"] == server.owner.id
    stored = json.dumps(settings)
    for secret in (token.value, app.client_secret, app.client_id):
        assert secret not in stored
    for path in workspace.path.iterdir():
        if path.is_file():
            assert token.value.encode() not in path.read_bytes()
    assert server.violations == []


def test_sign_in_with_moderator_features_asks_for_the_admin_scopes(server: FakeMastodon) -> None:
    result, staged = sign_in(server, moderator=True)
    [app] = server.apps.values()
    assert app.scopes == ["read", "write", "admin:read", "admin:write"]
    assert result.settings["admin"] is True
    assert set(staged.values) == {"client_id", "client_secret", "access_token"}
    assert server.violations == []


def test_moderator_sign_in_without_a_moderator_role_is_refused_and_the_token_given_back() -> None:
    server = FakeMastodon(staff=False)
    server.start()
    try:
        with pytest.raises(Rejected, match="no moderator role"):
            sign_in(server, moderator=True)
        [token] = server.tokens.values()
        assert token.revoked
        assert server.violations == []
    finally:
        server.stop()


def test_sign_in_declined_on_the_consent_page_saves_nothing(server: FakeMastodon) -> None:
    server.deny_consent = True
    staged = StagedCredentials()
    request = SignIn(
        settings={"instance": "our.example", "api_base": server.base_url},
        secrets={},
        credentials=staged,
        open_browser=browse,
        timeout_s=2,
        browser_timeout_s=5,
    )
    with pytest.raises(SignInCancelled):
        asyncio.run(MastodonConnector.sign_in(request))
    assert "access_token" not in staged.values
    assert server.tokens == {}


# -- pulling -----------------------------------------------------------------------------------


def seed_thread(server: FakeMastodon) -> dict[str, Any]:
    """An announcement by the owner with replies, a stand-alone mention, and noise."""
    now = time.time()
    sam = server.add_account("sam", "social.example", display_name="Sam K")
    ada = server.add_account("ada", display_name="Ada")
    old = server.mention(ada, "from long ago", at=now - 40 * 86400)
    root = server.post(server.owner, "Beta 2 is out!\n\nTell us what you think.", at=now - 600)
    first = server.mention(
        sam, "is the beta open? Q&A <here>", in_reply_to=root.id, at=now - 500, language="en"
    )
    second = server.mention(
        ada,
        "yes!\nsee https://docs.example.org/a/very/long/path/to/the/beta/notes",
        in_reply_to=first.id,
        at=now - 400,
        visibility="unlisted",
    )
    alone = server.mention(sam, "a question of its own", at=now - 300, visibility="private")
    stranger = server.add_account("newbie", "far.example")
    filtered = server.mention(stranger, "hello from a stranger", at=now - 200, filtered=True)
    server.notify("favourite", ada, root)
    return {
        "sam": sam,
        "ada": ada,
        "root": root,
        "first": first,
        "second": second,
        "alone": alone,
        "filtered": filtered,
        "old": old,
    }


def test_first_sync_pulls_mentions_with_their_conversation(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server, page_size=2)
    report, status = sync(workspace)
    assert report.error is None, report.error
    assert status.state == "idle"
    found = items(workspace)
    expected = {world[k].id for k in ("first", "second", "alone", "filtered")}
    assert set(found) == expected  # not the favourite, nor the mention older than the backfill
    first = found[world["first"].id]
    assert first.kind == "mention"
    assert first.text == "@us is the beta open? Q&A <here>"
    assert first.language == "en"
    assert first.remote_state == "visible"
    second = found[world["second"].id]
    assert second.text == (
        "@us yes!\nsee https://docs.example.org/a/very/long/path/to/the/beta/notes"
    )
    assert second.parent_id == first.id
    with workspace.db.sessions() as session:
        contexts = {c.id: c for c in session.scalars(select(Context))}
        state = session.get_one(SyncState, report.source_id)
    root_context = contexts[first.context_id]
    assert root_context.remote_id == world["root"].id
    assert root_context.title == "Beta 2 is out!"
    assert root_context.url == f"https://our.example/@us/{world['root'].id}"
    assert contexts[second.context_id].remote_id == world["root"].id
    assert contexts[found[world["alone"].id].context_id].remote_id == world["alone"].id
    # Paged with the Link header's max_id, mentions only, filtered ones included.
    pulls = server.calls("GET", "/api/v1/notifications")
    assert all("types%5B%5D=mention" in r.raw_path for r in pulls)
    assert all("include_filtered=true" in r.raw_path for r in pulls)
    assert any("max_id=" in r.raw_path for r in pulls)
    newest = max((n.id for n in server.notifications if n.type == "mention"), key=int)
    assert state.cursor == newest
    # One conversation look-up served both replies of the thread.
    assert len(server.calls("GET", r"/api/v1/statuses/\d+/context")) == 1
    assert server.violations == []


def test_incremental_sync_fetches_only_the_new_mentions_after_the_cursor(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server, page_size=2)
    sync(workspace)
    with workspace.db.sessions() as session:
        cursor = session.get_one(SyncState, 1).cursor
    before = len(server.requests)
    fresh = [server.mention(world["sam"], f"new mention {n}") for n in range(3)]
    report, _status = sync(workspace)
    assert report.error is None
    assert report.pulled == 3
    assert {s.id for s in fresh} <= set(items(workspace))
    pulls = [r for r in server.requests[before:] if r.path == "/api/v1/notifications"]
    assert f"min_id={cursor}" in pulls[0].raw_path
    assert not any("max_id" in r.raw_path for r in pulls)
    with workspace.db.sessions() as session:
        assert session.get_one(SyncState, 1).cursor == server.notifications[-1].id
    assert server.violations == []


def test_an_interrupted_first_pull_resumes_below_the_oldest_page_it_stored(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    sam = server.add_account("sam", "social.example")
    mentions = [server.mention(sam, f"mention {n}", at=time.time() - 100 + n) for n in range(5)]
    source_id = connect(workspace, server, page_size=2)
    connector = connector_for(workspace, source_id)

    async def interrupted_then_resumed() -> tuple[PullPage, list[PullPage]]:
        try:
            pages = connector.pull(None, since=0)
            page = await pages.__anext__()
            await pages.aclose()  # the pass ends here, as after a crash
            assert page.cursor is not None
            return page, [later async for later in connector.pull(page.cursor, since=0)]
        finally:
            await connector.aclose()

    page, later = asyncio.run(interrupted_then_resumed())
    assert [i.remote_id for i in page.items] == [m.id for m in mentions[:2:-1]]
    newest = server.notifications[-1].id
    assert page.cursor is not None and page.cursor.startswith(f"{newest}/")
    assert [i.remote_id for p in later for i in p.items] == [m.id for m in mentions[2::-1]]
    assert later[-1].cursor == newest
    assert server.violations == []


def test_a_remote_edit_and_a_remote_deletion_are_seen_by_the_rescan(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server, rescan_interval_s=0)
    sync(workspace)
    server.remote_edit(world["first"].id, "@us is the beta open? (edited)")
    server.remote_delete(world["alone"].id)
    report, _status = sync(workspace)
    assert report.error is None
    found = items(workspace)
    assert found[world["first"].id].text == "@us is the beta open? (edited)"
    assert found[world["first"].id].edited_at is not None
    assert found[world["alone"].id].remote_state == "deleted"
    assert found[world["second"].id].remote_state == "visible"
    assert server.violations == []


# -- replies -----------------------------------------------------------------------------------


def test_a_reply_mentions_the_author_keeps_the_visibility_and_carries_the_idempotency_key(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["alone"].id), "Thanks, we are on it.")
    report, _status = sync(workspace)
    assert report.sent == 1
    [reply] = server.own_statuses()[1:]
    assert reply.text == "@sam@social.example Thanks, we are on it."
    assert reply.in_reply_to_id == world["alone"].id
    assert reply.visibility == "private"
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == reply.id
    [post] = server.calls("POST", "/api/v1/statuses")
    assert post.headers["idempotency-key"] == op.idempotency_key
    assert server.violations == []


def test_a_resend_with_the_same_idempotency_key_posts_once(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    source_id = connect(workspace, server)
    connector = connector_for(workspace, source_id)
    operation = Operation(
        1, Action.REPLY, world["first"].id, {"text": "@sam@social.example yes"}, "key-1", 0
    )

    async def twice() -> tuple[str | None, str | None]:
        try:
            one = await connector.push(operation)
            two = await connector.push(operation)
            return one.remote_id, two.remote_id
        finally:
            await connector.aclose()

    first, second = asyncio.run(twice())
    assert first == second
    assert len(server.own_statuses()) == 2  # the announcement and one reply
    assert server.own_statuses()[1].text == "@sam@social.example yes"  # not mentioned twice
    assert server.violations == []


def test_a_reply_whose_answer_broke_is_found_by_reconciliation_not_sent_again(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"].id), "It is open for everyone.")
    server.malformed("/api/v1/statuses", method="POST", after=True)
    report, _status = sync(workspace)
    assert report.sent == 1
    assert len(server.calls("POST", "/api/v1/statuses")) == 1  # found, not sent again
    replies = server.own_statuses()[1:]
    assert len(replies) == 1
    [op] = operations(workspace)
    assert op.state == "sent" and op.remote_id == replies[0].id
    assert server.violations == []


def test_a_reply_the_server_refuses_fails_with_its_reason(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"].id), "x" * 600)
    report, _status = sync(workspace)
    assert report.failed == 1
    [op] = operations(workspace)
    assert op.state == "failed"
    assert "character limit of 500" in (op.last_error or "")
    assert server.violations == []


def test_a_mention_deleted_before_the_reply_left_holds_the_reply_back(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["alone"].id), "Thanks!")
    server.remote_delete(world["alone"].id)
    report, _status = sync(workspace)
    assert report.sent == 0
    assert items(workspace)[world["alone"].id].remote_state == "deleted"
    assert operations(workspace)[0].state == "conflict"
    assert server.own_statuses()[1:] == []


def test_edit_and_delete_of_an_own_reply(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    source_id = connect(workspace, server)
    reply = server.post(
        server.owner, "@sam@social.example first answer", in_reply_to=world["first"].id
    )
    connector = connector_for(workspace, source_id)
    edit = Operation(2, Action.EDIT_REPLY, reply.id, {"text": "better answer"}, "key-2", 0)
    delete = Operation(3, Action.DELETE, reply.id, {}, "key-3", 0)
    not_own = Operation(4, Action.DELETE, world["first"].id, {}, "key-4", 0)

    async def run() -> tuple[Any, ...]:
        try:
            edited = await connector.push(edit)
            found_edit = await connector.reconcile(edit)
            with pytest.raises(Rejected, match="only your own posts"):
                await connector.push(not_own)
            deleted = await connector.push(delete)
            found_delete = await connector.reconcile(delete)
            return edited, found_edit, deleted, found_delete
        finally:
            await connector.aclose()

    edited, found_edit, deleted, found_delete = asyncio.run(run())
    assert edited.remote_id == reply.id and found_edit.remote_id == reply.id
    assert server.statuses[reply.id].edited_at is not None
    assert server.statuses[reply.id].deleted
    assert deleted.remote_state == "deleted" and found_delete.remote_state == "deleted"
    assert not server.statuses[world["first"].id].deleted
    assert server.violations == []


def test_restrictions_allow_edits_and_deletions_only_of_own_posts() -> None:
    theirs = ItemFacts("113", "mention", 0, own=False, remote_state="visible")
    mine = ItemFacts("114", "mention", 0, own=True, remote_state="visible")
    report = ItemFacts("report:7", "report", 0, own=False, remote_state="held")
    assert {Action.DELETE, Action.EDIT_REPLY, Action.APPROVE} <= set(
        MastodonConnector.restrictions(theirs, 0)
    )
    assert Action.DELETE not in MastodonConnector.restrictions(mine, 0)
    assert Action.BAN in MastodonConnector.restrictions(mine, 0)
    blocked = MastodonConnector.restrictions(report, 0)
    assert Action.REPLY in blocked and Action.APPROVE not in blocked


# -- moderation --------------------------------------------------------------------------------


def test_spam_from_a_mention_files_a_spam_report_with_the_instance(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).moderate([item_id(workspace, world["filtered"].id)], Action.SPAM)
    report, _status = sync(workspace)
    assert report.sent == 1
    [filed] = server.reports.values()
    assert filed.category == "spam"
    assert filed.status_ids == [world["filtered"].id]
    assert filed.account_id == server.owner.id
    assert server.violations == []


def test_moderator_actions_without_moderator_features_are_refused_with_the_way_out(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).moderate([item_id(workspace, world["first"].id)], Action.BAN)
    report, _status = sync(workspace)
    assert report.failed == 1
    [op] = operations(workspace)
    assert op.state == "failed" and "moderator features" in (op.last_error or "")
    assert not world["sam"].suspended
    assert server.calls("POST", r"/api/v1/admin/accounts/\d+/action") == []


def seed_reports(server: FakeMastodon) -> dict[str, Any]:
    reporter = server.add_account("reporter")
    reports = {}
    for name in ("approve", "hide", "spam", "ban"):
        target = server.add_account(f"troll_{name}", "bad.example")
        post = server.post(target, f"<b>bad</b> post for {name}", at=time.time() - 50)
        reports[name] = server.add_report(reporter, target, [post], comment=f"see {name}")
    quiet = server.add_account("quiet", "bad.example")
    reports["plain"] = server.add_report(reporter, quiet, [], comment="Whole account is a bot")
    return reports


def test_moderators_get_reports_and_settle_them(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    reports = seed_reports(server)
    connect(workspace, server, moderator=True)
    report, _status = sync(workspace)
    assert report.error is None
    found = items(workspace)
    remote = {
        name: f"report:{r.id}:{r.status_ids[0]}" for name, r in reports.items() if r.status_ids
    }
    remote["plain"] = f"report:{reports['plain'].id}"
    assert set(remote.values()) <= set(found)
    for remote_id in remote.values():
        assert found[remote_id].kind == "report" and found[remote_id].remote_state == "held"
    assert found[remote["hide"]].text == "<b>bad</b> post for hide"
    assert found[remote["plain"]].text == "Whole account is a bot"
    with workspace.db.sessions() as session:
        context = session.get_one(Context, found[remote["hide"]].context_id)
    assert (
        context.kind == "report"
        and context.title == f"Report {reports['hide'].id}: other — see hide"
    )

    service = outbox(workspace)
    for name, action in (
        ("approve", Action.APPROVE),
        ("hide", Action.HIDE),
        ("spam", Action.SPAM),
        ("ban", Action.BAN),
    ):
        service.moderate([found[remote[name]].id], action)
    report, _status = sync(workspace)
    assert report.sent == 4, [op.last_error for op in operations(workspace)]
    targets = {name: server.accounts[r.target_account_id] for name, r in reports.items()}
    assert reports["approve"].action_taken_at is not None
    assert not targets["approve"].silenced and not targets["approve"].suspended
    assert targets["hide"].silenced and reports["hide"].action_taken_at is not None
    assert targets["spam"].silenced and reports["spam"].category == "spam"
    assert targets["ban"].suspended and reports["ban"].action_taken_at is not None
    assert reports["plain"].action_taken_at is None
    states = {name: items(workspace)[rid].remote_state for name, rid in remote.items()}
    assert states == {
        "approve": "visible",
        "hide": "hidden",
        "spam": "spam",
        "ban": "hidden",
        "plain": "held",
    }
    assert Action.BAN in MastodonConnector.irreversible

    # A re-scan sees the closed reports the same way: nothing flips back or vanishes.
    with workspace.db.transaction() as session:
        source = session.get_one(Source, 1)
        source.settings = json.dumps({**json.loads(source.settings), "rescan_interval_s": 0})
    report, _status = sync(workspace)
    assert report.error is None and report.vanished == 0
    assert {name: items(workspace)[rid].remote_state for name, rid in remote.items()} == states
    assert server.violations == []


def test_a_token_without_the_admin_scopes_is_a_clear_error_and_mentions_still_arrive(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    seed_reports(server)
    connect(workspace, server, moderator=True)
    for token in server.tokens.values():
        token.scopes = ["read", "write"]
    report, status = sync(workspace)
    assert status.state == "error"
    assert "outside the authorized scopes" in (report.error or "")
    assert world["first"].id in items(workspace)


# -- failures ----------------------------------------------------------------------------------


def test_a_revoked_token_asks_to_sign_in_again_and_keeps_the_queued_reply(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    source_id = connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"].id), "Coming soon.")
    server.revoke_all()
    report, status = sync(workspace)
    assert report.signin and status.state == "signin"
    assert "sign in again" in status.message
    [op] = operations(workspace)
    assert op.state == "queued"
    result, staged = sign_in(server)
    save_sign_in_again(workspace.db, source_id, result, staged)
    report, status = sync(workspace)
    assert report.sent == 1 and status.state == "idle"
    assert [s.text for s in server.own_statuses()[1:]] == ["@sam@social.example Coming soon."]
    assert server.violations == []


def test_a_spent_rate_limit_is_waited_out_before_sending_more(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    server.limit_rate(remaining=1, reset_in=1.0)
    started = time.monotonic()
    report, _status = sync(workspace)
    assert report.error is None
    assert time.monotonic() - started >= 0.5
    assert world["first"].id in items(workspace)
    assert server.throttled == 0  # it waited for the reset instead of running into a 429
    assert server.violations == []


def test_a_429_is_waited_out_and_nothing_is_lost(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"].id), "Yes, open now.")
    server.limit_rate(remaining=0, reset_in=1.0)
    report, _status = sync(workspace)
    assert report.error is None and report.sent == 1
    assert server.throttled == 1
    assert len(server.own_statuses()) == 2
    assert server.violations == []


def test_a_long_rate_limit_keeps_the_reply_queued(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server)
    sync(workspace)
    outbox(workspace).reply(item_id(workspace, world["first"].id), "Later.")
    server.limit_rate(remaining=0, reset_in=120)
    report, status = sync(workspace)
    assert "slow down" in (report.error or "")
    assert status.state == "error"
    assert operations(workspace)[0].state == "queued"
    assert server.own_statuses()[1:] == []


def test_a_malformed_page_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    world = seed_thread(server)
    connect(workspace, server, page_size=2)
    server.malformed("/api/v1/notifications", [{"id": "5", "type": "mention"}])
    report, status = sync(workspace)
    assert status.state == "error"
    assert "unexpected shape" in (report.error or "")
    server.malformed("/api/v1/notifications", b"<html>oops</html>")
    report, _status = sync(workspace)
    assert "not JSON" in (report.error or "")
    report, _status = sync(workspace)
    assert report.error is None
    assert world["filtered"].id in items(workspace) and world["first"].id in items(workspace)


def test_a_server_error_on_pull_is_reported_as_such(
    workspace: Workspace,
    server: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    seed_thread(server)
    connect(workspace, server)
    server.fail("/api/v1/notifications", 503, {"error": "Service Unavailable"})
    report, _status = sync(workspace)
    assert "internal error (503)" in (report.error or "")


# -- the fake's spec check ---------------------------------------------------------------------


def test_the_fake_refuses_a_parameter_mastodon_does_not_document(
    workspace: Workspace,
    server: FakeMastodon,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed_thread(server)
    source_id = connect(workspace, server)
    original = MastodonConnector._mention_params

    def wrong(self: MastodonConnector, extra: Any) -> Any:
        return [("type", "mention"), *original(self, extra)[1:]]

    monkeypatch.setattr(MastodonConnector, "_mention_params", wrong)
    connector = connector_for(workspace, source_id)

    async def pull() -> None:
        try:
            async for _page in connector.pull(None, since=0):
                pass
        finally:
            await connector.aclose()

    with pytest.raises(Rejected):
        asyncio.run(pull())
    assert server.violations and "'type' is not a parameter" in server.violations[0]
    token = SourceSecrets(source_id).get("access_token")
    answer = httpx.delete(
        f"{server.base_url}/api/v1/notifications", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 404
    assert "takes only GET" in server.violations[-1]
    answer = httpx.post(
        f"{server.base_url}/api/v1/statuses",
        json={"status": "hi", "visibility": "friends"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 400 and "visibility" in server.violations[-1]


# -- pieces ------------------------------------------------------------------------------------


def test_html_becomes_plain_text() -> None:
    content = (
        '<p><span class="h-card"><a href="https://x/@us" class="u-url mention">@<span>us</span>'
        "</a></span> fish &amp; chips &#39;n&#39; &lt;tags&gt;<br />second line</p>"
        '<p>see <a href="https://example.org/long"><span class="invisible">https://</span>'
        '<span class="ellipsis">example.org/lo</span><span class="invisible">ng</span></a></p>'
    )
    assert plain_text(content) == (
        "@us fish & chips 'n' <tags>\nsecond line\n\nsee https://example.org/long"
    )


def test_the_connector_is_discovered_and_explains_what_it_cannot_do() -> None:
    assert connector_kinds()["mastodon"] is MastodonConnector
    for action in Action:
        assert action in MastodonConnector.capabilities or MastodonConnector.unsupported[action]


def test_malformed_statuses_raise_malformed_response(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    source_id = connect(workspace, server)
    server.malformed(r"/api/v1/statuses/\d+", {"id": world["first"].id})
    connector = connector_for(workspace, source_id)

    async def fetch() -> None:
        try:
            await connector.fetch(world["first"].id)
        finally:
            await connector.aclose()

    with pytest.raises(MalformedResponse):
        asyncio.run(fetch())


def test_moderators_act_on_the_author_of_a_mention(
    workspace: Workspace, server: FakeMastodon, memory_keyring: MemoryKeyring
) -> None:
    world = seed_thread(server)
    connect(workspace, server, moderator=True)
    sync(workspace)
    service = outbox(workspace)
    first = item_id(workspace, world["first"].id)
    with pytest.raises(OutboxError, match="visible"):
        service.moderate([first], Action.APPROVE)  # nothing to approve yet
    service.moderate([first], Action.HIDE)
    service.moderate([item_id(workspace, world["second"].id)], Action.BAN)
    report, _status = sync(workspace)
    assert report.sent == 2, [op.last_error for op in operations(workspace)]
    assert world["sam"].silenced
    assert items(workspace)[world["first"].id].remote_state == "hidden"
    service.moderate([first], Action.APPROVE)
    report, _status = sync(workspace)
    assert report.sent == 1, [op.last_error for op in operations(workspace)]
    actions = [r.json() for r in server.calls("POST", r"/api/v1/admin/accounts/\d+/action")]
    assert actions == [{"type": "silence"}, {"type": "suspend"}]
    assert len(server.calls("POST", rf"/api/v1/admin/accounts/{world['sam'].id}/unsilence")) == 1
    assert not world["sam"].silenced  # limited, then the limit lifted
    assert world["ada"].suspended
    found = items(workspace)
    assert found[world["first"].id].remote_state == "visible"
    assert found[world["second"].id].remote_state == "hidden"
    assert server.violations == []
