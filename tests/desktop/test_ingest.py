from __future__ import annotations

import json

from sqlalchemy import select

from desktop.db.models import Event, Item
from desktop.inbox import InboxQuery, item_ids
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest


def test_a_batch_is_inserted_with_authors_contexts_and_threads(workspace: Workspace) -> None:
    source = add_source(workspace)
    batch = [remote_item(n) for n in range(20)]
    batch.append(remote_item(20, parent_remote_id="c3", kind="reply", text="an answer"))
    result = ingest(workspace, source, batch)
    assert len(result.inserted) == 21
    with workspace.db.sessions() as session:
        reply = session.scalars(select(Item).where(Item.remote_id == "c20")).one()
        parent = session.scalars(select(Item).where(Item.remote_id == "c3")).one()
        assert reply.parent_id == parent.id
        assert reply.due_at == reply.created_at + 3600
        assert len({i.author_id for i in session.scalars(select(Item))}) == 5


def test_ingesting_the_same_batch_twice_adds_nothing(workspace: Workspace) -> None:
    source = add_source(workspace)
    batch = [remote_item(n) for n in range(50)]
    ingest(workspace, source, batch)
    again = ingest(workspace, source, batch)
    assert again.inserted == [] and again.updated == []
    assert len(item_ids(workspace.db, InboxQuery())) == 50


def test_a_page_that_repeats_an_item_inserts_it_once(workspace: Workspace) -> None:
    source = add_source(workspace)
    result = ingest(workspace, source, [remote_item(1), remote_item(2), remote_item(1)])
    assert len(result.inserted) == 2


def test_a_remote_edit_is_recorded_with_old_and_new_text_and_reindexed(
    workspace: Workspace,
) -> None:
    source = add_source(workspace)
    ingest(workspace, source, [remote_item(1, text="the export button is broken")])
    result = ingest(
        workspace,
        source,
        [remote_item(1, text="fixed it myself, thanks", edited_at=NOW)],
        now=NOW + 60,
    )
    assert len(result.updated) == 1
    with workspace.db.sessions() as session:
        event = session.scalars(select(Event).where(Event.kind == "remote_edit")).one()
    assert json.loads(event.data) == {
        "old": "the export button is broken",
        "new": "fixed it myself, thanks",
    }
    assert event.actor_kind == "remote"
    assert list(item_ids(workspace.db, InboxQuery(search="export"))) == []
    assert list(item_ids(workspace.db, InboxQuery(search="thanks"))) == result.updated


def test_a_state_change_on_the_platform_is_recorded(workspace: Workspace) -> None:
    source = add_source(workspace)
    ingest(workspace, source, [remote_item(1)])
    ingest(workspace, source, [remote_item(1, remote_state="deleted")], now=NOW + 5)
    with workspace.db.sessions() as session:
        item = session.scalars(select(Item)).one()
        event = session.scalars(select(Event).where(Event.kind == "remote_state")).one()
    assert item.remote_state == "deleted" and item.text == "comment number 1"
    assert json.loads(event.data) == {"before": "visible", "after": "deleted"}


def test_a_removal_that_comes_without_the_text_keeps_what_was_removed(
    workspace: Workspace,
) -> None:
    source = add_source(workspace)
    ingest(workspace, source, [remote_item(1)])
    ingest(workspace, source, [remote_item(1, text="", remote_state="deleted")], now=NOW + 5)
    with workspace.db.sessions() as session:
        item = session.scalars(select(Item)).one()
        kinds = list(session.scalars(select(Event.kind).where(Event.actor_kind == "remote")))
    assert (item.remote_state, item.text) == ("deleted", "comment number 1")
    assert "remote_edit" not in kinds


def test_a_review_whose_rating_changed_but_not_its_text_is_updated(workspace: Workspace) -> None:
    source = add_source(workspace, platform="google_play")
    ingest(workspace, source, [remote_item(1, kind="review", rating=2)])
    result = ingest(workspace, source, [remote_item(1, kind="review", rating=5)], now=NOW + 5)
    with workspace.db.sessions() as session:
        item = session.scalars(select(Item)).one()
    assert result.updated == [item.id] and item.rating == 5


def test_an_item_already_answered_on_the_platform_arrives_done(workspace: Workspace) -> None:
    source = add_source(workspace, platform="google_play")
    review = remote_item(1, kind="review", rating=2)
    later = remote_item(2, kind="review", rating=1)
    answer = remote_item(3, kind="reply", parent_remote_id=review.remote_id, own=True)
    stale = remote_item(0, kind="reply", parent_remote_id=later.remote_id, own=True)
    ingest(workspace, source, [review, later, answer, stale])
    with workspace.db.sessions() as session:
        status = dict(session.execute(select(Item.remote_id, Item.status)).all())
        events = list(session.scalars(select(Event).where(Event.kind == "status")))
    assert status[review.remote_id] == "done"  # answered after it was written
    assert status[later.remote_id] == "new"  # written after the answer: answer it again
    assert len(events) == 1 and events[0].actor_kind == "remote"
    assert json.loads(events[0].data) == {"before": "new", "after": "done", "reason": "answered"}
