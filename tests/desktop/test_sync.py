from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sqlalchemy import func, select

from desktop.connectors import build_connector
from desktop.connectors.base import Connector, PullPage, SourceConfig
from desktop.db.models import Item, SyncState
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.support.platform import add_community_source


def item_count(workspace: Workspace) -> int:
    with workspace.db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Item)) or 0)


def test_pull_stores_every_page_and_saves_the_cursor(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, community = platform
    source_id = add_community_source(workspace, server)
    engine = SyncEngine(workspace.db)
    [report] = asyncio.run(engine.run_once())
    assert report.error is None
    assert report.pulled == 120
    assert item_count(workspace) == 120
    with workspace.db.sessions() as session:
        state = session.get_one(SyncState, source_id)
        assert state.cursor and state.last_success_at
    community.add_many([{**community.items["i0"], "id": "fresh", "created_at": 2**40}])
    [again] = asyncio.run(engine.run_once())
    assert again.pulled == 1
    assert item_count(workspace) == 121
    engine.close()


def test_an_unexpected_failure_is_reported_and_loses_nothing(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, _community = platform
    add_community_source(workspace, server)

    def broken_factory(kind: str, config: SourceConfig) -> Connector:
        connector = build_connector(kind, config)

        async def pull(cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
            raise RuntimeError("a bug in a connector")
            yield  # pragma: no cover - makes this an async generator

        connector.pull = pull  # type: ignore[method-assign]
        return connector

    engine = SyncEngine(workspace.db, connector_factory=broken_factory)
    [report] = asyncio.run(engine.run_once())
    engine.close()
    assert report.error == "Steward could not finish the sync (a bug in a connector)."
    assert item_count(workspace) == 0
    with workspace.db.sessions() as session:
        assert session.get_one(SyncState, 1).last_error == report.error


def test_a_platform_whose_paging_confirms_gets_each_page_stored_before_the_next_is_asked(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    """Telegram forgets updates once the next offset is asked for: a page not yet in the
    database then would be lost if storing it failed."""
    server, _community = platform
    add_community_source(workspace, server)  # 120 items in pages of 50
    stored_before_next: list[int] = []

    def factory(paging_confirms: bool) -> object:
        def make(kind: str, config: SourceConfig) -> Connector:
            connector = build_connector(kind, config)
            original = connector.pull

            async def pull(cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
                async for page in original(cursor, since=since):
                    yield page
                    stored_before_next.append(item_count(workspace))

            connector.pull = pull  # type: ignore[method-assign]
            connector.paging_confirms = paging_confirms  # type: ignore[misc]
            return connector

        return make

    engine = SyncEngine(workspace.db, connector_factory=factory(True))  # type: ignore[arg-type]
    [report] = asyncio.run(engine.run_once())
    engine.close()
    assert report.error is None and item_count(workspace) == 120
    assert stored_before_next == [50, 100, 120]


def test_a_rescan_judges_a_reply_only_when_its_thread_is_inside_the_window(
    workspace: Workspace,
) -> None:
    """A re-scan of recent days lists threads that started in them; a new reply in an older
    thread is not in it, and must not be marked deleted for that."""
    from desktop.ingest import RemoteItem, ingest_batch
    from desktop.sync.vanished import mark_vanished
    from tests.desktop.helpers import add_source

    source_id = add_source(workspace)
    day = 86_400
    now = 1_790_000_000
    items = [
        RemoteItem("old-thread", "comment", "from last month", now - 30 * day),
        RemoteItem("late-reply", "comment", "answer", now - day, parent_remote_id="old-thread"),
        RemoteItem("new-thread", "comment", "recent", now - 2 * day),
        RemoteItem("new-reply", "comment", "answer", now - day, parent_remote_id="new-thread"),
    ]
    ingest_batch(workspace.db, source_id, items, now=now, sla_seconds=3600)
    gone = mark_vanished(workspace.db, source_id, now - 3 * day, {"new-thread"}, now)
    with workspace.db.sessions() as session:
        states = dict(session.execute(select(Item.remote_id, Item.remote_state)).all())
    assert len(gone) == 1
    assert states == {
        "old-thread": "visible",
        "late-reply": "visible",  # its thread is older than the re-scan: not judged
        "new-thread": "visible",
        "new-reply": "deleted",  # its thread was re-scanned and the reply is not in it
    }


def test_sync_now_during_a_running_pass_is_followed_by_another_pass(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    """The pass that is running may have started before what the user wants synced (an action
    queued a moment ago): "sync now" then brings one more pass, not the next interval."""
    server, _community = platform
    add_community_source(workspace, server)  # synced every 60 s
    passes: list[int] = []
    release = asyncio.Event()

    def factory(kind: str, config: SourceConfig) -> Connector:
        connector = build_connector(kind, config)
        original = connector.pull

        async def pull(cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
            passes.append(len(passes) + 1)
            if len(passes) == 1:
                await release.wait()  # the first pass is still running...
            async for page in original(cursor, since=since):
                yield page

        connector.pull = pull  # type: ignore[method-assign]
        return connector

    async def scenario() -> None:
        engine = SyncEngine(workspace.db, connector_factory=factory)
        runner = asyncio.ensure_future(engine.run_forever())
        while not passes:
            await asyncio.sleep(0.01)
        engine.sync_now()  # ...when the user asks for a sync
        release.set()
        deadline = asyncio.get_running_loop().time() + 5
        while len(passes) < 2 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        engine.stop()
        await runner
        engine.close()

    asyncio.run(scenario())
    assert passes == [1, 2]
