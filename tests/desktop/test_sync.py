from __future__ import annotations

import asyncio

from sqlalchemy import func, select

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
