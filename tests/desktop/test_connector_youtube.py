"""The YouTube connector against the fake YouTube Data API and Google sign-in server: real HTTP on
127.0.0.1, the real sync engine and outbox, and every request checked against the discovery
document."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import select

import desktop.sync.engine as engine_module
from desktop.connectors import youtube
from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    Operation,
    QuotaExceeded,
    Rejected,
    ServerError,
    SignIn,
    SourceConfig,
)
from desktop.connectors.youtube import YouTubeConnector
from desktop.db.models import Event, Item, OutboxOperation, Source, SyncState
from desktop.inbox import InboxQuery, View, item_ids
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxError, OutboxService
from desktop.services.sources import StagedCredentials
from desktop.sync.engine import SourceReport, SyncEngine
from desktop.workspace import Workspace
from tests.fakes.google_discovery import DiscoveryDocument
from tests.fakes.http import Request, SpecViolation
from tests.fakes.specs import SPECS
from tests.fakes.youtube import (
    CHANNEL_HANDLE,
    CHANNEL_ID,
    CLIENT_ID,
    CLIENT_SECRET,
    FakeYouTube,
    browser,
)
from tests.support.platform import MemoryKeyring

HOUR = 3600
VIEWER = "UCviewerMira000000000001"


@pytest.fixture(autouse=True)
def _fresh_process_state() -> Iterator[None]:
    """The quota ledger and the memory of seen comments live for the process; each test starts
    with neither."""
    youtube._LEDGER.clear()
    youtube._SEEN.clear()
    yield
    youtube._LEDGER.clear()
    youtube._SEEN.clear()


@pytest.fixture
def server() -> Iterator[FakeYouTube]:
    fake = FakeYouTube().start()
    yield fake
    fake.stop()


def seed(server: FakeYouTube) -> dict[str, str]:
    """Two videos; a thread in each queue; a thread with more replies than it embeds; a reply
    by the channel itself."""
    now = int(time.time())
    server.add_video("vid00000001", "Launch video")
    server.add_video("vid00000002", "Export tutorial")
    ids = {
        "question": server.add_thread(
            "vid00000001", "How do I export?", author=VIEWER, name="@mira", at=now - 5 * HOUR
        ),
        "held": server.add_thread(
            "vid00000002",
            "Check out my channel",
            author="UCmaybe00000000000000001",
            name="@maybe",
            at=now - 4 * HOUR,
            status="heldForReview",
        ),
        "spam": server.add_thread(
            "vid00000001",
            "Cheap followers here",
            author="UCspammer000000000000001",
            name="@spammer",
            at=now - 3 * HOUR,
            status="likelySpam",
        ),
        "busy": server.add_thread("vid00000002", "Great tutorial\nthanks!", at=now - 2 * HOUR),
    }
    for n in range(4):
        ids[f"r{n}"] = server.add_reply(
            ids["busy"],
            f"Reply number {n}",
            author=f"UCreplier{n}00000000000001",
            name=f"@replier{n}",
            at=now - 2 * HOUR + 60 * (n + 1),
        )
    ids["own"] = server.add_reply(
        ids["question"],
        "Use File > Export.",
        author=CHANNEL_ID,
        name=CHANNEL_HANDLE,
        at=now - 4 * HOUR,
    )
    return ids


def add_source(
    workspace: Workspace, server: FakeYouTube, *, rescan: bool = False, **settings: Any
) -> int:
    """A source as a finished sign-in leaves it: settings in the database, tokens in the
    keyring (the test's memory keyring). Without `rescan`, no pass re-scans."""
    config = server.settings(
        connector="youtube",
        timeout_s=2.0,
        rescan_interval_s=0 if rescan else 10**9,
        **settings,
    )
    with workspace.db.transaction() as session:
        source = Source(
            platform="youtube",
            name="Lumo Team",
            account=CHANNEL_ID,
            settings=json.dumps(config),
            sync_interval_s=60,
            created_at=int(time.time()),
        )
        session.add(source)
        session.flush()
        source_id = source.id
        session.add(SyncState(source_id=source_id, failures=0, last_rescan_at=int(time.time())))
    access, refresh = server.issue_tokens()
    secrets = SourceSecrets(source_id)
    secrets.set("access_token", access)
    secrets.set("refresh_token", refresh)
    secrets.set("access_token_expires_at", str(int(time.time()) + 3500))
    secrets.set("client_secret", CLIENT_SECRET)
    return source_id


def connector(server: FakeYouTube, source_id: int = 1, **settings: Any) -> YouTubeConnector:
    return YouTubeConnector(
        SourceConfig(
            source_id,
            CHANNEL_ID,
            {**server.settings(), **settings},
            SourceSecrets(source_id),
            timeout_s=2.0,
        )
    )


def sync(engine: SyncEngine) -> SourceReport:
    [report] = asyncio.run(engine.run_once())
    return report


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.remote_id: i for i in session.scalars(select(Item))}


def item_id(workspace: Workspace, remote_id: str) -> int:
    return items(workspace)[remote_id].id


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def thread_pages(server: FakeYouTube, queue: str) -> list[Request]:
    return [
        r
        for r in server.api_calls("youtube.commentThreads.list")
        if r.query.get("moderationStatus") == queue
    ]


def test_first_sync_reads_every_queue_with_replies_videos_and_states(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()

    assert report.error is None
    assert report.pulled == 9
    got = items(workspace)
    assert {
        k: got[v].remote_state for k, v in ids.items() if k in ("question", "held", "spam")
    } == {
        "question": "visible",
        "held": "held",
        "spam": "spam",
    }
    assert got[ids["busy"]].text == "Great tutorial\nthanks!"
    assert all(got[ids[f"r{n}"]].parent_id == got[ids["busy"]].id for n in range(4))
    own = got[ids["own"]]
    assert (own.status, json.loads(own.extra)["own"]) == ("done", True)
    assert got[ids["question"]].status == "done"  # the channel answered it on YouTube
    with workspace.db.sessions() as session:
        row = session.connection().exec_driver_sql(
            "SELECT c.kind, c.title, c.url FROM items i JOIN contexts c ON c.id = i.context_id"
            " WHERE i.remote_id = ?",
            (ids["question"],),
        )
        assert row.one() == ("video", "Launch video", "https://www.youtube.com/watch?v=vid00000001")
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "")
    assert set(cursor) == {"published", "heldForReview", "likelySpam"}

    # The busy thread embeds 2 of its 4 replies: its chain is read in full, once.
    [chain] = server.api_calls("youtube.comments.list")
    assert chain.query["parentId"] == ids["busy"]
    # Both videos' titles in one batched call.
    [videos] = server.api_calls("youtube.videos.list")
    assert sorted(videos.query["id"].split(",")) == ["vid00000001", "vid00000002"]
    for request in server.api_calls("youtube.commentThreads.list"):
        assert request.query["allThreadsRelatedToChannelId"] == CHANNEL_ID
        assert request.query["order"] == "time"
    # 3 queues + 1 reply chain + 1 videos lookup, counted alike on both sides.
    assert youtube.units_used(source_id) == server.units == 5
    assert server.violations == []


def test_an_incremental_sync_stops_at_each_queues_watermark(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    now = int(time.time())
    for n in range(3):
        server.add_thread("vid00000001", f"Older comment {n}", at=now - 20 * HOUR - n)
    add_source(workspace, server, page_size=2)
    engine = SyncEngine(workspace.db)
    assert sync(engine).pulled == 12
    first = len(thread_pages(server, "published"))
    assert first == 3  # 5 published threads, 2 a page

    new = server.add_thread("vid00000001", "Just arrived", author=VIEWER, name="@mira")
    before = len(server.requests)
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.pulled == 1
    assert new in items(workspace)
    later = server.requests[before:]
    published = [r for r in later if r.query.get("moderationStatus") == "published"]
    # The new thread and the watermark's thread on page 1; page 2 reaches older threads.
    assert len(published) == 2
    assert "pageToken" not in published[0].query and "pageToken" in published[1].query
    assert len([r for r in later if r.query.get("moderationStatus") == "heldForReview"]) == 1
    # The thread at the watermark was read in full last time: no reply chain again.
    assert not [r for r in later if r.query.get("parentId") == ids["busy"]]
    assert server.violations == []


def test_a_remote_edit_and_a_remote_deletion_show_after_a_rescan(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server, rescan=True)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None

    server.edit(ids["question"], "How do I export to PDF?")
    server.delete(ids["spam"])
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.vanished == 1
    got = items(workspace)
    assert got[ids["question"]].text == "How do I export to PDF?"
    assert got[ids["question"]].edited_at is not None
    assert got[ids["spam"]].remote_state == "deleted"
    with workspace.db.sessions() as session:
        kinds = set(
            session.scalars(select(Event.kind).where(Event.item_id == got[ids["question"]].id))
        )
    assert "remote_edit" in kinds
    assert server.violations == []


def test_every_action_goes_through_the_outbox_and_changes_youtube(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(item_id(workspace, ids["question"]), "Thanks, it is in the File menu.")
    outbox.reply(item_id(workspace, ids["r0"]), "Glad it helped!")
    outbox.moderate([item_id(workspace, ids["busy"])], Action.HIDE)
    outbox.moderate([item_id(workspace, ids["held"])], Action.APPROVE)
    outbox.moderate([item_id(workspace, ids["r1"])], Action.DELETE)
    outbox.moderate([item_id(workspace, ids["spam"])], Action.SPAM)
    outbox.moderate([item_id(workspace, ids["r2"])], Action.BAN)
    outbox.moderate([item_id(workspace, ids["own"])], Action.DELETE)

    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.sent == 8
    ops = operations(workspace)
    assert [op.state for op in ops] == ["sent"] * 8

    mine = [c for c in server.comments.values() if c.author_id == CHANNEL_ID]
    by_text = {c.text: c for c in mine}
    answer = by_text["Thanks, it is in the File menu."]
    assert (answer.parent_id, ops[0].remote_id) == (ids["question"], answer.id)
    # An answer to a reply joins the reply's thread.
    assert by_text["Glad it helped!"].parent_id == ids["busy"]
    assert server.comments[ids["busy"]].status == "heldForReview"
    assert server.comments[ids["held"]].status == "published"
    assert server.comments[ids["r1"]].status == "rejected"
    assert server.comments[ids["spam"]].status == "rejected"
    assert server.marked_spam == []
    assert server.comments[ids["r2"]].status == "rejected"
    assert server.banned == {"UCreplier200000000000001"}
    assert ids["own"] not in server.comments
    [ban] = [
        r
        for r in server.api_calls("youtube.comments.setModerationStatus")
        if r.query.get("banAuthor") == "true"
    ]
    assert ban.query == {"id": ids["r2"], "moderationStatus": "rejected", "banAuthor": "true"}
    assert len(server.api_calls("youtube.comments.delete")) == 1

    got = items(workspace)
    assert got[ids["busy"]].remote_state == "held"
    assert got[ids["held"]].remote_state == "visible"
    for key in ("r1", "spam", "r2", "own"):
        assert got[ids[key]].remote_state == "deleted", key
    assert server.violations == []


def test_an_own_reply_is_edited_and_others_comments_are_not(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    engine.close()
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    own_caps = outbox.capabilities(item_id(workspace, ids["own"])).actions
    other_caps = outbox.capabilities(item_id(workspace, ids["question"])).actions
    assert Action.EDIT_REPLY in own_caps and Action.HIDE not in own_caps
    assert Action.BAN not in own_caps and Action.DELETE in own_caps
    assert Action.EDIT_REPLY not in other_caps and Action.BAN in other_caps

    # Through the outbox, as the window queues it.
    with pytest.raises(OutboxError):
        outbox.edit_reply(item_id(workspace, ids["question"]), "not ours to edit")
    outbox.edit_reply(item_id(workspace, ids["own"]), "Use File > Export, then PDF.")
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    assert report.error is None and report.sent == 1
    assert server.comments[ids["own"]].text == "Use File > Export, then PDF."
    assert items(workspace)[ids["own"]].text == "Use File > Export, then PDF."  # at once
    hits = item_ids(workspace.db, InboxQuery(view=View.ALL, search="then PDF"))
    assert list(hits) == [item_id(workspace, ids["own"])]  # and searchable

    # A second edit queued right behind the first is not held back by the first one's change:
    # that change is ours, not YouTube's.
    outbox.edit_reply(item_id(workspace, ids["own"]), "Use File > Export > PDF (v2).")
    outbox.edit_reply(item_id(workspace, ids["own"]), "Use File > Export > PDF.")
    report = sync(engine)
    engine.close()
    assert (report.sent, report.conflicts) == (2, 0)
    assert server.comments[ids["own"]].text == "Use File > Export > PDF."
    server.comments[ids["own"]].text = "Use File > Export, then PDF."  # as the part below expects

    async def edit() -> None:
        yt = connector(server)
        try:
            op = Operation(
                1, Action.EDIT_REPLY, ids["own"], {"text": "Use File > Export > PDF."}, "k", 0
            )
            assert await yt.reconcile(op) is None
            await yt.push(op)
            assert await yt.reconcile(op) is not None
            with pytest.raises(Rejected, match="YouTube does not allow the channel"):
                await yt.push(
                    Operation(2, Action.EDIT_REPLY, ids["question"], {"text": "x"}, "k2", 0)
                )
        finally:
            await yt.aclose()

    asyncio.run(edit())
    assert server.comments[ids["own"]].text == "Use File > Export > PDF."
    assert server.comments[ids["question"]].text == "How do I export?"


def test_restrictions_and_unsupported_actions_are_explained() -> None:
    own = ItemFacts("a", "comment", 0, True, "visible")
    other = ItemFacts("b", "comment", 0, False, "visible")
    assert set(YouTubeConnector.restrictions(own, 0)) == {
        Action.HIDE,
        Action.APPROVE,
        Action.SPAM,
        Action.BAN,
    }
    assert set(YouTubeConnector.restrictions(other, 0)) == {Action.EDIT_REPLY}
    assert "cannot bring back" in YouTubeConnector.unsupported[Action.RESTORE]
    assert Action.RESTORE not in YouTubeConnector.capabilities
    for action in Action:
        assert (action in YouTubeConnector.capabilities) != (action in YouTubeConnector.unsupported)
    assert {Action.DELETE, Action.BAN, Action.SPAM} <= YouTubeConnector.irreversible


def test_an_expired_access_token_is_renewed_before_the_call(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    source_id = add_source(workspace, server)
    secrets = SourceSecrets(source_id)
    old = secrets.get("access_token")
    secrets.set("access_token_expires_at", str(int(time.time()) - 10))
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [r["grant_type"] for r in server.token_requests] == ["refresh_token"]
    new = secrets.get("access_token")
    assert new and new != old
    assert int(secrets.get("access_token_expires_at") or 0) > time.time() + 3000
    api = [r for r in server.requests if r.path.startswith("/youtube/")]
    assert api and all(r.headers["authorization"] == f"Bearer {new}" for r in api)


def test_a_refused_access_token_is_renewed_and_the_call_repeated(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    add_source(workspace, server)
    server.expire_access_tokens()
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.pulled == 9
    assert len(server.token_requests) == 1
    assert server.violations == []


def test_a_revoked_sign_in_asks_to_sign_in_again_and_keeps_queued_actions(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["question"]), "Thanks!"
    )
    server.expire_access_tokens()
    server.revoke_refresh_tokens()
    report = sync(engine)
    assert report.signin
    assert report.error == "The platform no longer accepts this sign-in; sign in again."
    [status] = engine.statuses()
    assert status.state == "signin"
    [op] = operations(workspace)
    assert op.state == "queued"

    access, refresh = server.issue_tokens()  # the user signs in again
    SourceSecrets(source_id).set("access_token", access)
    SourceSecrets(source_id).set("refresh_token", refresh)
    assert sync(engine).error is None
    engine.close()
    [op] = operations(workspace)
    assert op.state == "sent"
    assert len([c for c in server.comments.values() if c.text == "Thanks!"]) == 1


def test_a_short_rate_limit_is_waited_out_and_the_reply_sent_once(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["question"]), "Thanks!"
    )
    server.fail(
        429,
        "rateLimitExceeded",
        method_id="youtube.comments.insert",
        headers={"Retry-After": "0.2"},
    )
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [op.state for op in operations(workspace)] == ["sent"]
    assert len(server.api_calls("youtube.comments.insert")) == 2
    assert len([c for c in server.comments.values() if c.text == "Thanks!"]) == 1


def test_a_long_rate_limit_ends_the_pass_and_the_reply_waits(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["question"]), "Thanks!"
    )
    server.fail(403, "rateLimitExceeded", method_id="youtube.comments.insert")
    report = sync(engine)
    assert report.error == "YouTube asks to slow down."
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert sync(engine).error is None
    engine.close()
    assert [op.state for op in operations(workspace)] == ["sent"]


def test_googles_quota_error_holds_everything_until_midnight_pacific(
    workspace: Workspace,
    server: FakeYouTube,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["question"]), "Thanks!"
    )
    server.fail(403, "quotaExceeded", method_id="youtube.comments.insert")
    report = sync(engine)
    assert report.error is not None and "midnight Pacific Time" in report.error
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert youtube.units_used(source_id) == youtube.DEFAULT_DAILY_QUOTA

    # Until the reset nothing is even sent, by this or any later connector.
    before = len(server.requests)
    report = sync(engine)
    assert report.error is not None and "quota" in report.error
    assert len(server.requests) == before

    reset = time.time() + youtube.seconds_until_reset(time.time()) + 1
    monkeypatch.setattr(youtube, "time", SimpleNamespace(time=lambda: reset))
    assert sync(engine).error is None
    engine.close()
    assert [op.state for op in operations(workspace)] == ["sent"]


def test_the_daily_budget_is_counted_across_connectors_before_calls_are_made(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    source_id = add_source(workspace, server, daily_quota=4)
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is not None and "daily YouTube quota is spent" in report.error
    assert youtube.units_used(source_id) == server.units == 4
    assert report.pulled > 0  # the pages read before the budget ran out are kept

    async def pull_again() -> QuotaExceeded:
        yt = connector(server, source_id, daily_quota=4)
        try:
            with pytest.raises(QuotaExceeded) as raised:
                async for _page in yt.pull(None, since=0):
                    pass
            return raised.value
        finally:
            await yt.aclose()

    error = asyncio.run(pull_again())
    assert abs(error.retry_after - youtube.seconds_until_reset(time.time())) < 5
    assert server.units == 4


def test_the_quota_day_ends_at_midnight_pacific_time() -> None:
    # 2025-03-09 07:59 UTC is 23:59 on March 8 in Los Angeles (PST, UTC-8).
    before_midnight = dt.datetime(2025, 3, 9, 7, 59, tzinfo=dt.UTC).timestamp()
    assert youtube.seconds_until_reset(before_midnight) == 60
    # In summer (PDT, UTC-7) the day ends at 07:00 UTC.
    summer = dt.datetime(2025, 7, 1, 6, 0, tzinfo=dt.UTC).timestamp()
    assert youtube.seconds_until_reset(summer) == 3600
    youtube._reserve(7, 100, 100, before_midnight)
    with pytest.raises(QuotaExceeded) as raised:
        youtube._reserve(7, 1, 100, before_midnight + 30)
    assert raised.value.retry_after == 30
    youtube._reserve(7, 100, 100, before_midnight + 120)  # a new day, a new budget
    assert youtube.units_used(7, before_midnight + 120) == 100


def test_a_malformed_page_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeYouTube,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["question"]), "Thanks!"
    )
    server.malformed(method_id="youtube.commentThreads.list")
    report = sync(engine)
    assert report.error is not None
    assert report.error.startswith("YouTube sent a page of comment threads in an unexpected shape")
    [status] = engine.statuses()
    assert status.state == "error"
    assert len(items(workspace)) == 9
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert sync(engine).error is None
    engine.close()
    assert [op.state for op in operations(workspace)] == ["sent"]


def test_a_malformed_or_failed_write_is_looked_up_before_it_is_sent_again(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(item_id(workspace, ids["question"]), "First answer")
    outbox.reply(item_id(workspace, ids["busy"]), "Second answer")
    server.malformed(method_id="youtube.comments.insert")
    server.fail(500, "backendError", method_id="youtube.comments.insert")
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [op.state for op in operations(workspace)] == ["sent", "sent"]
    for text in ("First answer", "Second answer"):
        assert len([c for c in server.comments.values() if c.text == text]) == 1
    # Each uncertain write was looked for among the thread's replies before the resend.
    assert len(server.api_calls("youtube.comments.list")) >= 3
    assert server.violations == []


def test_reconcile_finds_a_reply_that_arrived(server: FakeYouTube, memory_keyring: Any) -> None:
    ids = seed(server)
    now = int(time.time())
    arrived = server.add_reply(
        ids["question"], "Thanks!", author=CHANNEL_ID, name=CHANNEL_HANDLE, at=now
    )
    access, refresh = server.issue_tokens()
    for name, value in (("access_token", access), ("refresh_token", refresh)):
        SourceSecrets(1).set(name, value)
    SourceSecrets(1).set("client_secret", CLIENT_SECRET)

    async def run() -> None:
        yt = connector(server)
        try:
            op = Operation(1, Action.REPLY, ids["question"], {"text": "Thanks!"}, "k", now)
            assert (await yt.reconcile(op)).remote_id == arrived  # type: ignore[union-attr]
            known = Operation(
                1,
                Action.REPLY,
                ids["question"],
                {"text": "Thanks!"},
                "k",
                now,
                frozenset({arrived}),
            )
            assert await yt.reconcile(known) is None
            other = Operation(1, Action.REPLY, ids["question"], {"text": "Other"}, "k", now)
            assert await yt.reconcile(other) is None
            old = Operation(1, Action.REPLY, ids["question"], {"text": "Thanks!"}, "k", now + 900)
            assert await yt.reconcile(old) is None
            delete = Operation(2, Action.DELETE, ids["spam"], {}, "k2", now)
            assert await yt.reconcile(delete) is None  # still there: send again
            server.delete(ids["spam"])
            assert (await yt.reconcile(delete)).remote_state == "deleted"  # type: ignore[union-attr]
            hide = Operation(3, Action.HIDE, ids["spam"], {}, "k3", now)
            with pytest.raises(Gone):
                await yt.reconcile(hide)
        finally:
            await yt.aclose()

    asyncio.run(run())
    assert server.violations == []


def test_fetch_finds_changes_and_deletions(server: FakeYouTube, memory_keyring: Any) -> None:
    ids = seed(server)
    access, refresh = server.issue_tokens()
    for name, value in (("access_token", access), ("refresh_token", refresh)):
        SourceSecrets(1).set(name, value)

    async def run() -> None:
        yt = connector(server)
        try:
            # Never listed in this process: YouTube's lookup by id has no moderation status.
            assert await yt.fetch(ids["held"]) is None
            async for _page in yt.pull(None, since=0):
                pass
            server.edit(ids["held"], "Check out my channel (edited)")
            item = await yt.fetch(ids["held"])
            assert item is not None
            assert (item.text, item.remote_state) == ("Check out my channel (edited)", "held")
            assert item.edited_at is not None and item.context is not None
            assert item.context.title == "Export tutorial"
            server.delete(ids["held"])
            with pytest.raises(Gone):
                await yt.fetch(ids["held"])
        finally:
            await yt.aclose()

    asyncio.run(run())
    assert server.violations == []


@pytest.mark.parametrize(
    ("status", "reason", "error", "words"),
    [
        (403, "commentsDisabled", Rejected, "Comments are turned off"),
        (403, "insufficientPermissions", Rejected, "does not allow managing comments"),
        (400, "processingFailure", Rejected, "could not process"),
        (400, "commentTextTooLong", Rejected, "too long"),
        (404, "commentNotFound", Gone, "no longer exists"),
        (503, "backendError", ServerError, "internal error (503)"),
    ],
)
def test_youtube_errors_become_the_connectors_errors(
    server: FakeYouTube,
    memory_keyring: Any,
    status: int,
    reason: str,
    error: type[Exception],
    words: str,
) -> None:
    ids = seed(server)
    access, refresh = server.issue_tokens()
    for name, value in (("access_token", access), ("refresh_token", refresh)):
        SourceSecrets(1).set(name, value)
    server.fail(status, reason, method_id="youtube.comments.insert")

    async def run() -> Exception:
        yt = connector(server)
        try:
            with pytest.raises(error) as raised:
                await yt.push(Operation(1, Action.REPLY, ids["question"], {"text": "Hi"}, "k", 0))
            return raised.value
        finally:
            await yt.aclose()

    raised = asyncio.run(run())
    assert words in str(raised)
    assert access not in str(raised) and refresh not in str(raised)


def test_a_reply_to_a_comment_that_is_gone_is_gone(
    server: FakeYouTube, memory_keyring: Any
) -> None:
    seed(server)
    access, _refresh = server.issue_tokens()
    SourceSecrets(1).set("access_token", access)

    async def run() -> None:
        yt = connector(server)
        try:
            with pytest.raises(Gone):
                await yt.push(Operation(1, Action.REPLY, "UgzMissing", {"text": "Hi"}, "k", 0))
        finally:
            await yt.aclose()

    asyncio.run(run())


def test_sign_in_checks_the_client_and_the_channel(
    server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    def request(secret: str, **settings: str) -> SignIn:
        return SignIn(
            settings={
                "client_id": CLIENT_ID,
                "auth_url": server.auth_url,
                "token_url": server.token_url,
                "api_base": server.api_base,
                **settings,
            },
            secrets={"client_secret": secret},
            credentials=StagedCredentials(),
            open_browser=browser(),
            timeout_s=2.0,
            browser_timeout_s=3.0,
        )

    wrong_secret = request("not-the-secret")
    with pytest.raises(AuthFailed, match="invalid_client") as refused:
        asyncio.run(YouTubeConnector.sign_in(wrong_secret))
    assert "not-the-secret" not in str(refused.value)
    other_channel = request(CLIENT_SECRET, channel_id="UCsomeoneElse0000000000")
    with pytest.raises(Rejected, match="does not own the channel UCsomeoneElse"):
        asyncio.run(YouTubeConnector.sign_in(other_channel))
    for attempt in (wrong_secret, other_channel):
        assert isinstance(attempt.credentials, StagedCredentials)
        assert attempt.credentials.values == {}
    assert memory_keyring.passwords == {}

    good = request(CLIENT_SECRET, channel_id=CHANNEL_ID)
    result = asyncio.run(YouTubeConnector.sign_in(good))
    assert (result.account, result.name) == (CHANNEL_ID, "Lumo Team")
    assert result.settings["channel_id"] == CHANNEL_ID
    assert result.settings["api_base"] == server.api_base
    assert server.violations == []


def test_the_spec_check_catches_a_wrong_request(
    server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    access, _refresh = server.issue_tokens()
    headers = {"Authorization": f"Bearer {access}"}
    base = server.api_base
    thread = {"part": "snippet", "allThreadsRelatedToChannelId": CHANNEL_ID}
    bad = [
        ("GET", "/commentThreads", {**thread, "since": "5"}, None, "no query parameter 'since'"),
        ("GET", "/commentThreads", {**thread, "moderationStatus": "hidden"}, None, "not one of"),
        ("GET", "/commentThreads", {**thread, "maxResults": "500"}, None, "at most 100"),
        ("GET", "/commentThreads", {"part": "snippet"}, None, "exactly one filter"),
        ("GET", "/commentThreads", {**thread, "part": "snippet,author"}, None, "unknown part"),
        ("GET", "/comments", {"id": "x"}, None, "requires the parameter 'part'"),
        ("POST", "/comments", {"part": "snippet"}, {"snippet": {}, "text": "hi"}, "no field"),
        ("PATCH", "/comments", {"part": "snippet"}, None, "PATCH is not allowed"),
        ("POST", "/comments/hide", {"id": "x"}, None, "no method"),
        (
            "POST",
            "/comments/setModerationStatus",
            {"id": "x", "moderationStatus": "heldForReview", "banAuthor": "true"},
            None,
            "banAuthor is only valid with",
        ),
    ]
    with httpx.Client(headers=headers, timeout=2) as client:
        for method, path, params, body, words in bad:
            response = client.request(method, base + path, params=params, json=body)
            assert response.status_code == 400, (path, params)
            assert words in server.violations[-1], (words, server.violations[-1])
    assert len(server.violations) == len(bad)

    # A connector that sends a parameter YouTube does not have fails.
    class Sloppy(YouTubeConnector):
        async def _get(self, resource: str, params: dict[str, Any]) -> dict[str, Any]:
            return await super()._get(resource, {**params, "order": "newest"})

    SourceSecrets(1).set("access_token", access)

    async def pull() -> None:
        sloppy = Sloppy(SourceConfig(1, CHANNEL_ID, server.settings(), SourceSecrets(1), 2.0))
        try:
            async for _page in sloppy.pull(None, since=0):
                pass
        finally:
            await sloppy.aclose()

    with pytest.raises(Rejected):
        asyncio.run(pull())
    assert "order='newest' is not one of" in server.violations[-1]


def test_the_discovery_checker_reads_other_google_apis() -> None:
    play = DiscoveryDocument(str(SPECS / "google-play" / "androidpublisher.v3.json"))
    reply = Request(
        method="POST",
        path="/androidpublisher/v3/applications/com.lumo.app/reviews/gp:AOqpTOE:reply",
        raw_path="/androidpublisher/v3/applications/com.lumo.app/reviews/gp:AOqpTOE:reply",
        query={},
        headers={"content-type": "application/json"},
        body=json.dumps({"replyText": "Thanks"}).encode(),
    )
    assert play.check(reply).id == "androidpublisher.reviews.reply"
    get = Request(
        "GET", reply.path.removesuffix(":reply"), reply.path.removesuffix(":reply"), {}, {}, b""
    )
    assert play.check(get).id == "androidpublisher.reviews.get"
    wrong = Request("POST", reply.path, reply.raw_path, {}, reply.headers, b'{"text": "Thanks"}')
    with pytest.raises(SpecViolation, match="no field 'text'"):
        play.check(wrong)
