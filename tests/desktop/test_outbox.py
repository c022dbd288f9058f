"""The outbox against the live simulated platform: conflicts the moderator resolves, items
deleted on the platform, replies it rejects, sources that cannot act, and queuing that is one
transaction with the local change."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import DBAPIError

from desktop.connectors.base import Action
from desktop.db.models import Draft, Event, Item, Note, OutboxOperation
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.services.outbox import OutboxError, OutboxService
from desktop.sync.engine import SourceReport, SyncEngine
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest
from tests.desktop.test_sync_faults import sync_until_quiet
from tests.support.platform import ACCOUNT, add_community_source

PLATFORM_ITEMS = ITEMS = 120


@pytest.fixture
def engine(workspace: Workspace) -> Iterator[SyncEngine]:
    running = SyncEngine(workspace.db)
    yield running
    running.close()


def synced(workspace: Workspace, server: CommunityServer, engine: SyncEngine) -> dict[str, int]:
    """A source that re-scans on every pass, pulled: local item ids by remote id."""
    add_community_source(workspace, server, rescan_interval_s=0)
    sync_until_quiet(engine)
    with workspace.db.sessions() as session:
        return dict(session.execute(select(Item.remote_id, Item.id)).all())  # type: ignore[arg-type]


def one_pass(engine: SyncEngine) -> SourceReport:
    [report] = asyncio.run(engine.run_once())
    assert report.error is None, report.error
    return report


def operation(workspace: Workspace, op_id: int) -> OutboxOperation:
    with workspace.db.sessions() as session:
        return session.get_one(OutboxOperation, op_id)


def last_op_id(workspace: Workspace) -> int:
    with workspace.db.sessions() as session:
        return int(session.scalar(select(func.max(OutboxOperation.id))) or 0)


def history(workspace: Workspace, op_id: int) -> list[dict[str, Any]]:
    with workspace.db.sessions() as session:
        events = session.scalars(
            select(Event).where(Event.kind == "outbox").order_by(Event.id)
        ).all()
    steps = [json.loads(e.data) for e in events]
    return [step for step in steps if step["op"] == op_id]


def replies_to(community: Community, remote_id: str) -> list[dict[str, Any]]:
    return [
        item
        for item in community.items.values()
        if item.get("parent_id") == remote_id and item["author"]["handle"] == ACCOUNT
    ]


class DuringRescan:
    """Runs `action` in the platform's thread when the next re-scan asks for its first page:
    after that pass drained the outbox, before the pass reads what changed on the platform."""

    def __init__(self, community: Community, action: Callable[[], None]) -> None:
        self._page = community.page
        self._action: Callable[[], None] | None = action
        community.page = self  # type: ignore[method-assign]

    def __call__(self, since: int | None, after: str | None, limit: int) -> dict[str, Any]:
        if after is None and self._action is not None:  # a pull with a cursor sends `after`
            action, self._action = self._action, None
            action()
        return self._page(since, after, limit)

    @property
    def ran(self) -> bool:
        return self._action is None


# -- conflicts ---------------------------------------------------------------------------------


def test_a_remote_edit_seen_before_sending_holds_the_operation_until_resolved(
    workspace: Workspace, platform: tuple[CommunityServer, Community], engine: SyncEngine
) -> None:
    server, community = platform
    local = synced(workspace, server, engine)
    outbox = OutboxService(workspace.db, lambda: "Tester")

    def moderator_then_platform() -> None:
        # The moderator answers while a pass is under way; then the authors edit their items.
        outbox.reply(local["i10"], "Thanks for the detail!")
        outbox.reply(local["i11"], "We hear you.")
        community.edit("i10", "Edited: actually it works now", NOW)
        community.edit("i11", "Edited: never mind", NOW)

    hook = DuringRescan(community, moderator_then_platform)
    report = one_pass(engine)  # its re-scan brings the edits
    assert hook.ran and report.updated == 2 and report.sent == 0
    sent_anyway, dropped = last_op_id(workspace) - 1, last_op_id(workspace)
    assert operation(workspace, sent_anyway).state == "queued"

    report = one_pass(engine)
    assert (report.conflicts, report.sent) == (2, 0)
    for op_id in (sent_anyway, dropped):
        op = operation(workspace, op_id)
        assert (op.state, op.last_error) == ("conflict", "changed")
        assert history(workspace, op_id)[-1] == {
            "op": op_id,
            "action": "reply",
            "before": "queued",
            "state": "conflict",
            "reason": "changed",
        }
        assert community.received[op.idempotency_key] == 0, "held, not sent"
    assert replies_to(community, "i10") == [] and replies_to(community, "i11") == []

    outbox.send_anyway(sent_anyway)
    outbox.drop(dropped)
    sync_until_quiet(engine)
    first = operation(workspace, sent_anyway)
    assert first.state == "sent"
    assert community.received[first.idempotency_key] == 1
    [reply] = replies_to(community, "i10")
    assert (reply["id"], reply["text"]) == (first.remote_id, "Thanks for the detail!")
    assert [step["state"] for step in history(workspace, sent_anyway)] == [
        "queued",
        "conflict",
        "queued",
        "sending",
        "sent",
    ]
    assert history(workspace, sent_anyway)[2]["resolution"] == "send_anyway"

    second = operation(workspace, dropped)
    assert second.state == "dropped"
    assert community.received[second.idempotency_key] == 0, "a dropped operation never leaves"
    assert replies_to(community, "i11") == []
    with pytest.raises(OutboxError, match="already left or been dropped"):
        outbox.send_anyway(dropped)


def test_a_remote_edit_after_queuing_holds_the_operation(
    workspace: Workspace, platform: tuple[CommunityServer, Community], engine: SyncEngine
) -> None:
    server, community = platform
    local = synced(workspace, server, engine)
    OutboxService(workspace.db, lambda: "Tester").reply(local["i10"], "Thanks!")
    community.edit("i10", "Edited: actually it works now", NOW)
    sync_until_quiet(engine)
    op = operation(workspace, last_op_id(workspace))
    assert (op.state, op.last_error) == ("conflict", "changed")
    assert replies_to(community, "i10") == []


def test_an_item_deleted_on_the_platform_becomes_a_conflict_and_keeps_its_notes(
    workspace: Workspace, platform: tuple[CommunityServer, Community], engine: SyncEngine
) -> None:
    server, community = platform
    local = synced(workspace, server, engine)
    outbox = OutboxService(workspace.db, lambda: "Tester")
    outbox.reply(local["i20"], "Thanks!")
    op_id = last_op_id(workspace)
    with workspace.db.transaction() as session:
        for remote_id in ("i20", "i21"):
            session.add(Note(item_id=local[remote_id], body=f"about {remote_id}", created_at=NOW))
    community.remove("i20")  # answered, then deleted by its author
    community.remove("i21")  # deleted, nothing queued: only the re-scan can tell

    report = one_pass(engine)
    assert (report.conflicts, report.sent, report.vanished) == (1, 0, 1)
    op = operation(workspace, op_id)
    assert (op.state, op.last_error) == ("conflict", "vanished")
    assert replies_to(community, "i20") == [], "nothing was posted under a deleted item"

    one_pass(engine)  # a second re-scan changes nothing more
    with workspace.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Item)) == ITEMS
        for remote_id in ("i20", "i21"):
            item_id = local[remote_id]
            assert session.get_one(Item, item_id).remote_state == "deleted"
            changes = session.scalars(
                select(Event.data).where(Event.item_id == item_id, Event.kind == "remote_state")
            ).all()
            assert [json.loads(c) for c in changes] == [{"before": "visible", "after": "deleted"}]
            notes = session.scalars(select(Note.body).where(Note.item_id == item_id)).all()
            assert notes == [f"about {remote_id}"]
        others = session.scalar(
            select(func.count()).select_from(Item).where(Item.remote_state == "deleted")
        )
        assert others == 2

    with pytest.raises(OutboxError, match="deleted on the platform"):
        outbox.moderate([local["i21"]], Action.HIDE)
    outbox.drop(op_id)
    received = community.received[op.idempotency_key]
    sync_until_quiet(engine)
    assert operation(workspace, op_id).state == "dropped"
    assert community.received[op.idempotency_key] == received


# -- rejections --------------------------------------------------------------------------------


def test_a_rejected_reply_fails_with_the_platforms_words_and_leaves_once_edited(
    workspace: Workspace, platform: tuple[CommunityServer, Community], engine: SyncEngine
) -> None:
    server, community = platform
    local = synced(workspace, server, engine)
    outbox = OutboxService(workspace.db, lambda: "Tester")
    outbox.reply(local["i30"], "So much to say. " * 375)  # 6000 characters
    reply_id = last_op_id(workspace)

    report = one_pass(engine)
    assert (report.failed, report.sent, report.ok) == (1, 0, False)
    op = operation(workspace, reply_id)
    assert (op.state, op.last_error) == ("failed", "A reply is limited to 5000 characters.")
    assert history(workspace, reply_id)[-1]["error"] == "A reply is limited to 5000 characters."

    # What follows on the same item waits behind the failed reply; the reply is not retried.
    outbox.moderate([local["i30"]], Action.HIDE)
    hide_id = last_op_id(workspace)
    one_pass(engine)
    assert operation(workspace, reply_id).state == "failed"
    assert operation(workspace, hide_id).state == "queued"
    assert community.items["i30"]["state"] == "visible"
    posts = [p for m, p in server.requests if m == "POST" and "/items/i30/" in p]
    assert posts == ["/c/test/api/v1/items/i30/replies"]

    outbox.edit(reply_id, "  Thanks, we fixed it.  ")
    sync_until_quiet(engine)
    op = operation(workspace, reply_id)
    assert (op.state, op.last_error) == ("sent", None)
    assert community.received[op.idempotency_key] == 1
    [reply] = replies_to(community, "i30")
    assert (reply["id"], reply["text"]) == (op.remote_id, "Thanks, we fixed it.")
    assert operation(workspace, hide_id).state == "sent"
    assert community.items["i30"]["state"] == "hidden"
    posts = [p for m, p in server.requests if m == "POST" and "/items/i30/" in p]
    assert posts == [
        "/c/test/api/v1/items/i30/replies",
        "/c/test/api/v1/items/i30/replies",
        "/c/test/api/v1/items/i30/moderation",
    ]


def test_a_source_without_a_connector_refuses_in_words_and_queues_nothing(
    workspace: Workspace,
) -> None:
    source_id = add_source(workspace, platform="orkut")  # a platform Steward has no connector for
    [item_id] = ingest(workspace, source_id, [remote_item(1)]).inserted
    with workspace.db.transaction() as session:
        session.add(Draft(item_id=item_id, body="half-written", updated_at=NOW))
    outbox = OutboxService(workspace.db, lambda: "Tester")
    assert outbox.capabilities(item_id).actions == frozenset()

    with pytest.raises(OutboxError, match=r"^Channel does not allow this action from Steward\.$"):
        outbox.reply(item_id, "Hello!")
    with pytest.raises(OutboxError, match=r"^Channel does not allow this action from Steward\.$"):
        outbox.moderate([item_id], Action.HIDE)

    with workspace.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxOperation)) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == 0
        assert session.get_one(Item, item_id).status == "new"
        assert session.get_one(Draft, item_id).body == "half-written"


# -- one transaction ---------------------------------------------------------------------------


def test_queuing_is_one_transaction_with_the_status_change_and_the_draft(
    workspace: Workspace,
) -> None:
    source_id = add_source(workspace, platform="community", name="Forum")
    first, second, third = ingest(
        workspace, source_id, [remote_item(n) for n in (1, 2, 3)]
    ).inserted
    with workspace.db.transaction() as session:
        for item_id in (first, second):
            session.add(Draft(item_id=item_id, body="draft", updated_at=NOW))
    outbox = OutboxService(workspace.db, lambda: "Tester", clock=lambda: NOW + 5)
    commits: list[object] = []

    def count(connection: object) -> None:
        commits.append(connection)

    event.listen(workspace.db.engine, "commit", count)
    try:
        outbox.reply(first, "On it!")
        assert len(commits) == 1, "the operation, its history and the status: one commit"
        outbox.moderate([first, third], Action.HIDE)
        assert len(commits) == 2, "a bulk action is one commit too"
    finally:
        event.remove(workspace.db.engine, "commit", count)

    with workspace.db.sessions() as session:
        [op, _hide, _other_hide] = session.scalars(
            select(OutboxOperation).order_by(OutboxOperation.id)
        ).all()
        events = session.scalars(
            select(Event).where(Event.item_id == first).order_by(Event.id)
        ).all()
        item = session.get_one(Item, first)
        assert session.get(Draft, first) is None
    assert (op.item_id, op.kind, op.state) == (first, "reply", "queued")
    assert json.loads(op.payload)["text"] == "On it!"
    assert [(e.kind, json.loads(e.data)) for e in events[:2]] == [
        (
            "outbox",
            {"op": op.id, "action": "reply", "before": "new", "state": "queued", "text": "On it!"},
        ),
        ("status", {"before": "new", "after": "done"}),
    ]
    assert {e.at for e in events} == {NOW + 5}
    assert (item.status, item.updated_at) == ("done", NOW + 5)

    # All or nothing: when the last write of the transaction (the status) fails, the
    # operation, its history event and the draft's removal are undone with it.
    with workspace.db.engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TRIGGER refuse_done BEFORE UPDATE OF status ON items"
            " WHEN NEW.status = 'done' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    try:
        with pytest.raises(DBAPIError, match="refused"):
            outbox.reply(second, "On it too!")
    finally:
        with workspace.db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER refuse_done")
    with workspace.db.sessions() as session:
        ops = session.scalar(
            select(func.count())
            .select_from(OutboxOperation)
            .where(OutboxOperation.item_id == second)
        )
        assert ops == 0
        assert session.scalar(select(func.count()).where(Event.item_id == second)) == 0
        assert session.get_one(Item, second).status == "new"
        assert session.get_one(Draft, second).body == "draft"
