from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desktop.db.models import Event, Item
from desktop.services.drafts import DraftService
from desktop.services.triage import TriageError, TriageService
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest


@pytest.fixture
def ids(workspace: Workspace) -> list[int]:
    return ingest(workspace, add_source(workspace), [remote_item(n) for n in range(10)]).inserted


def _events(workspace: Workspace, item_id: int) -> list[tuple[str, str, dict[str, object]]]:
    with workspace.db.sessions() as session:
        return [
            (e.kind, e.actor, json.loads(e.data))
            for e in session.scalars(
                select(Event).where(Event.item_id == item_id).order_by(Event.id)
            )
        ]


def _item(workspace: Workspace, item_id: int) -> Item:
    with workspace.db.sessions() as session:
        item = session.get(Item, item_id)
        assert item is not None
        return item


def test_each_action_writes_its_event_and_reports_the_change(
    workspace: Workspace, ids: list[int]
) -> None:
    triage = TriageService(workspace.db, lambda: "Tester", clock=lambda: NOW)
    change = triage.mark_done(ids[:1])
    assert change.item_ids == {ids[0]} and change.counts
    triage.escalate(ids[1:2])
    triage.snooze(ids[2:3], until=NOW + 3600)
    triage.assign_to_me(ids[3:4])
    triage.add_tag(ids[4:5], "  Billing  Issue ")
    assert _events(workspace, ids[0]) == [("status", "Tester", {"before": "new", "after": "done"})]
    assert _events(workspace, ids[1])[0][2] == {"before": "new", "after": "escalated"}
    assert _events(workspace, ids[2])[0][2] == {
        "before": "new",
        "after": "snoozed",
        "until": NOW + 3600,
    }
    assert _events(workspace, ids[3])[0][2] == {"before": None, "after": "Tester"}
    assert _events(workspace, ids[4])[0][2] == {"tag": "billing issue"}
    assert _item(workspace, ids[2]).snoozed_until == NOW + 3600
    assert [t.name for t in _item(workspace, ids[4]).tags] == ["billing issue"]


def test_an_action_that_changes_nothing_writes_nothing(
    workspace: Workspace, ids: list[int]
) -> None:
    triage = TriageService(workspace.db, lambda: "Tester")
    triage.mark_done(ids[:1])
    assert not triage.mark_done(ids[:1])
    assert len(_events(workspace, ids[0])) == 1


def test_bulk_action_on_many_items_is_one_undoable_step(
    workspace: Workspace, ids: list[int]
) -> None:
    triage = TriageService(workspace.db, lambda: "Tester")
    triage.add_tag(ids[:2], "vip")
    change = triage.mark_done(ids)
    assert change.item_ids == set(ids)
    assert all(_item(workspace, i).status == "done" for i in ids)
    undone = triage.undo()
    assert undone.item_ids == set(ids)
    assert all(_item(workspace, i).status == "new" for i in ids)
    assert [t.name for t in _item(workspace, ids[0]).tags] == ["vip"]  # the tag stays
    assert _events(workspace, ids[5])[-1][0] == "undo"
    triage.undo()
    assert _item(workspace, ids[0]).tags == []
    assert not triage.can_undo and not triage.undo()


def test_snoozes_wake_up_when_their_time_comes(workspace: Workspace, ids: list[int]) -> None:
    now = [NOW]
    triage = TriageService(workspace.db, lambda: "Tester", clock=lambda: now[0])
    triage.snooze(ids[:2], until=NOW + 100)
    assert not triage.wake_snoozed()
    now[0] = NOW + 100
    woke = triage.wake_snoozed()
    assert woke.item_ids == set(ids[:2])
    assert _item(workspace, ids[0]).status == "open"
    with pytest.raises(TriageError):
        triage.snooze(ids[:1], until=NOW)


def test_unknown_status_and_empty_tag_are_refused(workspace: Workspace, ids: list[int]) -> None:
    triage = TriageService(workspace.db, lambda: "Tester")
    with pytest.raises(TriageError):
        triage.set_status(ids, "archived")
    with pytest.raises(TriageError):
        triage.add_tag(ids, "   ")


def test_the_history_cannot_be_rewritten_through_the_engine(
    workspace: Workspace, ids: list[int]
) -> None:
    TriageService(workspace.db, lambda: "Tester").mark_done(ids[:1])
    with pytest.raises(IntegrityError, match="append-only"), workspace.db.transaction() as session:
        session.scalars(select(Event)).first().actor = "someone else"  # type: ignore[union-attr]
    with pytest.raises(IntegrityError, match="append-only"), workspace.db.transaction() as session:
        session.delete(session.scalars(select(Event)).first())
    assert _events(workspace, ids[0])[0][1] == "Tester"


def test_drafts_survive_and_mark_start_and_discard_only(
    workspace: Workspace, ids: list[int]
) -> None:
    drafts = DraftService(workspace.db, lambda: "Tester")
    drafts.save(ids[0], "Hello")
    drafts.save(ids[0], "Hello, thanks for")
    drafts.save(ids[0], "Hello, thanks for writing")
    assert DraftService(workspace.db, lambda: "Other").load(ids[0]) == "Hello, thanks for writing"
    assert drafts.load(ids[1]) == ""
    drafts.save(ids[0], "  ")
    assert drafts.load(ids[0]) == ""
    assert [kind for kind, _, _ in _events(workspace, ids[0])] == [
        "draft_started",
        "draft_discarded",
    ]
