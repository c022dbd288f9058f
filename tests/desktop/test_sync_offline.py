"""Working offline: triage and replies made while the platform cannot be reached wait in the
outbox, untouched, and leave once it is back: each exactly once, in order per item, with the
whole story in the item's history."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from sqlalchemy import select

from desktop.connectors.base import Action
from desktop.db.models import Event, Item, OutboxOperation
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.services.outbox import OutboxService
from desktop.services.triage import TriageService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.desktop.test_sync_faults import sync_until_quiet
from tests.support.platform import ACCOUNT, add_community_source

PLATFORM_ITEMS = ITEMS = 50
HIDDEN_AFTER_REPLY = 5  # items that also get a hide, queued after their reply


class Arrivals:
    """The order in which the platform processed writes: (kind, item remote id, key)."""

    def __init__(self, community: Community) -> None:
        self._reply = community.reply
        self._moderate = community.moderate
        self._lock = threading.Lock()
        self.order: list[tuple[str, str, str]] = []
        community.reply = self.reply  # type: ignore[method-assign]
        community.moderate = self.moderate  # type: ignore[method-assign]

    def reply(self, item_id: str, text: str, key: str, at: int) -> dict[str, Any] | None:
        with self._lock:
            self.order.append(("reply", item_id, key))
        return self._reply(item_id, text, key, at)

    def moderate(self, item_id: str, action: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            self.order.append((action, item_id, key))
        return self._moderate(item_id, action, key)


def test_work_done_offline_waits_and_leaves_once_in_order(
    workspace: Workspace, platform: tuple[CommunityServer, Community]
) -> None:
    server, community = platform
    add_community_source(workspace, server)
    engine = SyncEngine(workspace.db)
    sync_until_quiet(engine)
    with workspace.db.sessions() as session:
        items = dict(session.execute(select(Item.id, Item.remote_id).order_by(Item.id)).all())
    assert len(items) == ITEMS
    ids = list(items)

    server.set_reachable(False)
    triage = TriageService(workspace.db, lambda: "Tester")
    outbox = OutboxService(workspace.db, lambda: "Tester")
    triage.set_status(ids[:10], "open")
    triage.escalate(ids[10:15])
    for item_id in ids:
        outbox.reply(item_id, f"Thanks, we are looking into {items[item_id]}.")
    for item_id in ids[:HIDDEN_AFTER_REPLY]:
        outbox.moderate([item_id], Action.HIDE)
    triage.escalate(ids[-3:])  # after replying: the moderator's latest word on these

    for _ in range(3):  # passes while offline change nothing in the outbox
        [report] = asyncio.run(engine.run_once())
        assert report.offline
        assert report.error is not None and "cannot be reached" in report.error
        assert (report.sent, report.failed, report.conflicts) == (0, 0, 0)
    [status] = engine.statuses()
    assert status.state == "offline"
    assert sum(community.received.values()) == 0
    with workspace.db.sessions() as session:
        ops = session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)).all()
    assert len(ops) == ITEMS + HIDDEN_AFTER_REPLY, "no operation was lost"
    assert {op.state for op in ops} == {"queued"}, "none failed or got stuck in flight"

    arrivals = Arrivals(community)
    server.set_reachable(True)
    sync_until_quiet(engine)
    engine.close()

    with workspace.db.sessions() as session:
        ops = session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)).all()
        events = session.scalars(
            select(Event).where(Event.kind == "outbox").order_by(Event.id)
        ).all()
        statuses = dict(session.execute(select(Item.id, Item.status)).all())
        remote_states = dict(session.execute(select(Item.id, Item.remote_state)).all())
    assert len(ops) == ITEMS + HIDDEN_AFTER_REPLY
    for op in ops:
        assert op.state == "sent", (op.id, op.kind, op.state, op.last_error)
        assert community.received[op.idempotency_key] == 1
    assert sum(community.received.values()) == len(ops), "nothing else reached the platform"

    # The platform holds the 50 replies, each under its item, and hid the chosen items.
    replies = {
        item["id"]: item
        for item in community.items.values()
        if item["kind"] == "reply" and item["author"]["handle"] == ACCOUNT
    }
    assert len(replies) == ITEMS
    for op in ops:
        if op.kind == "reply":
            assert replies[op.remote_id]["parent_id"] == items[op.item_id]
    for item_id in ids[:HIDDEN_AFTER_REPLY]:
        assert community.items[items[item_id]]["state"] == "hidden"
        assert remote_states[item_id] == "hidden"

    # In order per item: the platform processed each item's operations in the order they
    # were queued (the reply before the hide).
    assert len(arrivals.order) == len(ops)
    for item_id, remote_id in items.items():
        queued = [(op.kind, op.idempotency_key) for op in ops if op.item_id == item_id]
        arrived = [(kind, key) for kind, item, key in arrivals.order if item == remote_id]
        assert arrived == queued
        assert len(queued) == (2 if item_id in ids[:HIDDEN_AFTER_REPLY] else 1)

    # The history of each operation: queued while offline, then sending, then sent.
    steps: dict[int, list[tuple[int, dict[str, Any]]]] = {op.id: [] for op in ops}
    for event in events:
        data = json.loads(event.data)
        steps[data["op"]].append((event.id, data))
    for op in ops:
        history = [data for _id, data in steps[op.id]]
        assert [(d["before"], d["state"]) for d in history] == [
            ("new", "queued"),
            ("queued", "sending"),
            ("sending", "sent"),
        ], op.id
        assert all(d["action"] == op.kind for d in history)
        if op.kind == "reply":
            assert history[0]["text"] == f"Thanks, we are looking into {items[op.item_id]}."
            assert history[2]["remote_id"] == op.remote_id
    for item_id in ids[:HIDDEN_AFTER_REPLY]:
        reply_sent = steps[_op_id(ops, item_id, "reply")][2][0]
        hide_sending = steps[_op_id(ops, item_id, "hide")][1][0]
        assert reply_sent < hide_sending, "the hide left only after the reply was sent"

    # Local triage is the moderator's: syncing did not touch it.
    assert [statuses[i] for i in ids[:-3]] == ["done"] * (ITEMS - 3)
    assert [statuses[i] for i in ids[-3:]] == ["escalated"] * 3


def _op_id(ops: list[OutboxOperation], item_id: int, kind: str) -> int:
    [op_id] = [op.id for op in ops if op.item_id == item_id and op.kind == kind]
    return op_id
