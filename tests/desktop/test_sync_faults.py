"""Every fault the fake platform can inject: afterwards the database is consistent, no item and
no queued action is lost, and nothing reached the platform twice."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.connectors.base import Action
from desktop.db.models import Item, OutboxOperation
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.support.platform import (
    MemoryKeyring,
    add_community_source,
    make_items,
)

PLATFORM_ITEMS = ITEMS = 120


def sync_until_quiet(engine: SyncEngine, rounds: int = 8) -> None:
    """Sync until two passes in a row go clean (the second pulls back what the first sent)."""
    clean = 0
    for _ in range(rounds):
        reports = asyncio.run(engine.run_once())
        clean = clean + 1 if all(r.error is None for r in reports) else 0
        if clean == 2:
            return
    raise AssertionError(f"sync did not settle: {[r.error for r in reports]}")


def queue_actions(workspace: Workspace, count: int) -> list[int]:
    """Replies to the first `count` items and a hide of one more, queued before any sync."""
    outbox = OutboxService(workspace.db, lambda: "Tester")
    with workspace.db.sessions() as session:
        ids = list(session.scalars(select(Item.id).order_by(Item.id).limit(count + 1)))
    for n, item_id in enumerate(ids[:count]):
        outbox.reply(item_id, f"Thanks for writing, reply {n}")
    outbox.moderate([ids[count]], Action.HIDE)
    return ids


def assert_consistent(workspace: Workspace, community: Community, expected_items: int) -> None:
    with workspace.db.sessions() as session:
        assert session.execute(select(func.count()).select_from(Item)).scalar() == expected_items
        ops = session.scalars(select(OutboxOperation)).all()
        check = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
    assert check == "ok"
    assert ops, "the test queued actions"
    for op in ops:
        assert op.state == "sent", (op.kind, op.state, op.last_error)
        assert community.received[op.idempotency_key] == 1, op.kind
    assert sum(community.received.values()) == len(ops)


FAULTS: list[tuple[str, dict[str, Any]]] = [
    ("rate_limit", {"method": "GET", "path_contains": "/items", "retry_after": 1}),
    ("rate_limit", {"method": "POST", "retry_after": 1}),
    ("quota", {"method": "GET", "retry_after": 3600}),
    ("server_error", {"method": "GET", "remaining": 2}),
    ("server_error", {"method": "POST", "remaining": 2}),
    ("timeout", {"method": "GET", "delay_s": 1.5}),
    ("timeout", {"method": "POST", "delay_s": 1.5, "remaining": 2}),
    ("drop", {"method": "GET"}),
    ("drop", {"method": "POST", "remaining": 3}),
    ("refuse", {"method": "POST", "remaining": 2}),
    ("malformed", {"method": "GET"}),
    ("malformed", {"method": "POST", "remaining": 2}),
]


@pytest.mark.parametrize(
    ("fault", "options"), FAULTS, ids=[f"{f}-{o.get('method', '')}" for f, o in FAULTS]
)
def test_fault_during_pull_and_push(
    workspace: Workspace,
    platform: tuple[CommunityServer, Community],
    fault: str,
    options: dict[str, Any],
) -> None:
    server, community = platform
    add_community_source(workspace, server)
    engine = SyncEngine(workspace.db)
    sync_until_quiet(engine)  # the first pull, so there are items to answer
    queue_actions(workspace, 10)
    community.add_many(make_items(60, start=ITEMS, created_at=int(time.time()) - 60))
    server.inject(fault, **options)
    sync_until_quiet(engine)
    engine.close()
    assert server.pending_faults() == 0, "every injected fault was met"

    assert_consistent(workspace, community, ITEMS + 60 + 10)  # the 10 replies come back


def test_a_page_that_repeats_items(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, _community = platform
    pages: list[list[dict[str, Any]]] = []

    def repeat(_community: Community, body: dict[str, Any]) -> None:
        if pages:
            body["items"] = pages[-1][-5:] + body["items"]
        pages.append(list(body["items"]))

    server.page_hook = repeat
    add_community_source(workspace, server)
    engine = SyncEngine(workspace.db)
    sync_until_quiet(engine)
    engine.close()
    with workspace.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Item)) == ITEMS
        remote_ids = session.scalars(select(Item.remote_id)).all()
    assert len(set(remote_ids)) == ITEMS


def test_an_item_deleted_between_pages(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, community = platform
    deleted: list[str] = []

    def delete_ahead(_community: Community, body: dict[str, Any]) -> None:
        if not deleted:
            victim = "i100"  # on a later page (page size 50)
            community.remove(victim)
            deleted.append(victim)

    server.page_hook = delete_ahead
    add_community_source(workspace, server)
    engine = SyncEngine(workspace.db)
    sync_until_quiet(engine)
    engine.close()
    with workspace.db.sessions() as session:
        remote_ids = set(session.scalars(select(Item.remote_id)))
    # Keyset paging: deleting an item ahead of the cursor skips nothing else.
    assert remote_ids == {f"i{n}" for n in range(ITEMS)} - {"i100"}


def test_an_expired_token_is_refreshed_and_never_stored_outside_the_keyring(
    workspace: Workspace,
    platform: tuple[CommunityServer, Community],
    memory_keyring: MemoryKeyring,
) -> None:
    server, community = platform
    server.require_token = True
    secret = "refresh-6f1c0ffee-known-secret"
    community.refresh_tokens.add(secret)
    source_id = add_community_source(workspace, server, auth="oauth_refresh")
    secrets = SourceSecrets(source_id)
    secrets.set("refresh_token", secret)
    secrets.set("access_token", "expired-access-token")
    engine = SyncEngine(workspace.db)
    sync_until_quiet(engine)
    queue_actions(workspace, 3)
    server.inject("expire_token", method="POST")
    sync_until_quiet(engine)
    engine.close()
    assert_consistent(workspace, community, ITEMS + 3)
    fresh = secrets.get("access_token")
    assert fresh and fresh != "expired-access-token" and fresh in community.access_tokens
    workspace.close()
    # Every file this test produced: the workspace's folder and the data root around it.
    produced = [*workspace.path.parent.rglob("*"), *Path(os.environ["STEWARD_DATA_DIR"]).rglob("*")]
    assert any(p.name == "steward.db" for p in produced)
    for path in produced:
        if path.is_file():
            data = path.read_bytes()
            assert secret.encode() not in data, path
            assert fresh.encode() not in data, path


def test_a_revoked_refresh_token_fails_in_plain_words(
    workspace: Workspace,
    platform: tuple[CommunityServer, Community],
    memory_keyring: MemoryKeyring,
) -> None:
    server, _community = platform
    server.require_token = True
    source_id = add_community_source(workspace, server, auth="oauth_refresh")
    SourceSecrets(source_id).set("refresh_token", "revoked")
    engine = SyncEngine(workspace.db)
    [report] = asyncio.run(engine.run_once())
    engine.close()
    assert report.error == "The source's access has expired and could not be renewed."
    assert "revoked" not in json.dumps(report.__dict__)
