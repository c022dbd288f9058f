from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.connectors.base import Action
from desktop.db.models import Author, Event, Item, Note
from desktop.services.notes import NoteError, NoteService
from desktop.services.outbox import OutboxError, OutboxService
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import add_source, ingest


class Clock:
    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def notes(workspace: Workspace, clock: Clock) -> NoteService:
    return NoteService(workspace.db, lambda: "Olga", clock)


def stored(workspace: Workspace, count: int = 3, platform: str = "community") -> list[int]:
    source = add_source(workspace, platform=platform, name="Forum")
    return ingest(workspace, source, [remote_item(n) for n in range(count)]).inserted


def author_of(workspace: Workspace, item_id: int) -> int:
    with workspace.db.sessions() as session:
        author = session.get_one(Item, item_id).author_id
        assert author is not None
        return author


def events(workspace: Workspace, kind: str) -> list[Event]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id)))


def test_an_item_note_is_listed_and_recorded_in_the_history(
    workspace: Workspace, notes: NoteService
) -> None:
    [item, *_] = stored(workspace)
    result = notes.add_item_note(item, "  Asked support about the refund.  ")
    assert result.change.item_ids == {item}
    assert result.note.body == "Asked support about the refund."
    assert len(result.note.uid) == 32
    assert [n.body for n in notes.item_notes(item)] == ["Asked support about the refund."]
    [event] = events(workspace, "note_added")
    assert (event.item_id, event.author_id, event.actor) == (item, None, "Olga")
    with pytest.raises(NoteError, match="cannot be empty"):
        notes.add_item_note(item, "   ")
    with pytest.raises(NoteError, match="no longer in the workspace"):
        notes.add_item_note(item + 100, "lost")


def test_notes_have_no_size_cap(workspace: Workspace, notes: NoteService) -> None:
    [item, *_] = stored(workspace)
    body = "ban history: " + "x" * 200_000
    notes.add_item_note(item, body)
    assert notes.item_notes(item)[0].body == body


def test_author_notes_are_typed_and_expire_but_stay(
    workspace: Workspace, notes: NoteService, clock: Clock
) -> None:
    [item, *_] = stored(workspace)
    author = author_of(workspace, item)
    notes.add_author_note(author, "Warned about insults", "warning", expires_at=NOW + 3600)
    notes.add_author_note(author, "Helps newcomers", "good_contributor", item_id=item)
    notes.add_author_note(author, "Banned in 2024 for a week", "ban_history")
    notes.add_author_note(author, "Journalist", "vip")
    with pytest.raises(NoteError, match="Unknown kind"):
        notes.add_author_note(author, "typed by hand", "moderation")
    assert [n.kind for n in notes.author_notes(author)] == [
        "warning",
        "good_contributor",
        "ban_history",
        "vip",
    ]
    clock.now = NOW + 3600  # the warning's last second has passed
    assert [n.kind for n in notes.author_notes(author)] == [
        "good_contributor",
        "ban_history",
        "vip",
    ]
    kept = notes.author_notes(author, include_expired=True)
    assert kept[0].kind == "warning" and not kept[0].active(clock.now)
    # An author note written from an item is not one of the item's own notes.
    assert notes.item_notes(item) == []


def test_a_note_can_be_ended_early_and_is_kept(workspace: Workspace, notes: NoteService) -> None:
    [item, *_] = stored(workspace)
    note = notes.add_item_note(item, "Temporary: outage today").note
    assert notes.expire_now(note.id).item_ids == {item}
    assert notes.item_notes(item) == []
    assert [n.id for n in notes.item_notes(item, include_expired=True)] == [note.id]
    assert not notes.expire_now(note.id)  # already over: nothing changes
    assert [e.kind for e in events(workspace, "note_expired")] == ["note_expired"]


def test_the_next_shift_flag(workspace: Workspace, notes: NoteService, clock: Clock) -> None:
    [first, second, _] = stored(workspace)
    flagged = notes.add_item_note(first, "Call back at 9", for_next_shift=True).note
    notes.add_item_note(second, "Nothing to do")
    short = notes.add_item_note(second, "Until noon", for_next_shift=True, expires_at=NOW + 60)
    assert [n.id for n in notes.next_shift_notes()] == [flagged.id, short.note.id]
    clock.now = NOW + 61
    assert [n.id for n in notes.next_shift_notes()] == [flagged.id]
    assert notes.set_for_next_shift(flagged.id, False).item_ids == {first}
    assert not notes.set_for_next_shift(flagged.id, False)
    assert notes.next_shift_notes() == []
    [event] = events(workspace, "note_flag")
    assert '"for_next_shift": false' in event.data


def test_notes_stay_after_the_platform_deletes_the_item(
    workspace: Workspace, notes: NoteService
) -> None:
    source = add_source(workspace, platform="community")
    [item] = ingest(workspace, source, [remote_item(1)]).inserted
    author = author_of(workspace, item)
    notes.add_item_note(item, "Keep this")
    notes.add_author_note(author, "And this", "warning")
    ingest(workspace, source, [remote_item(1, remote_state="deleted")], now=NOW + 60)
    with workspace.db.sessions() as session:
        assert session.get_one(Item, item).remote_state == "deleted"
    assert [n.body for n in notes.item_notes(item)] == ["Keep this"]
    assert [n.body for n in notes.author_notes(author)] == ["And this"]


def test_each_moderation_action_adds_an_automatic_author_note(workspace: Workspace) -> None:
    items = stored(workspace)
    outbox = OutboxService(workspace.db, lambda: "Olga", lambda: NOW)
    outbox.moderate(items[:2], Action.HIDE, reasons={items[0]: "Please keep it civil."})
    with workspace.db.sessions() as session:
        rows = session.execute(
            select(Note.item_id, Note.author_id, Note.kind, Note.body, Note.created_by).order_by(
                Note.id
            )
        ).all()
    assert rows == [
        (
            items[0],
            author_of(workspace, items[0]),
            "moderation",
            "hide: Please keep it civil.",
            "Olga",
        ),
        (items[1], author_of(workspace, items[1]), "moderation", "hide", "Olga"),
    ]


def test_the_automatic_note_shares_the_actions_transaction(workspace: Workspace) -> None:
    items = stored(workspace)
    outbox = OutboxService(workspace.db, lambda: "Olga", lambda: NOW)
    ingest(workspace, 1, [remote_item(2, remote_state="deleted")], now=NOW + 1)
    with pytest.raises(OutboxError, match="deleted on the platform"):
        outbox.moderate(items, Action.BAN)  # the third item cannot be banned
    with workspace.db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 0


def test_the_watchlist_toggle(workspace: Workspace, notes: NoteService) -> None:
    [item, *_] = stored(workspace)
    author = author_of(workspace, item)
    change = notes.set_watchlist(author, True, item_id=item)
    assert change.author_ids == {author} and change.item_ids == {item}
    assert not notes.set_watchlist(author, True)
    notes.set_watchlist(author, False)
    with workspace.db.sessions() as session:
        assert not session.get_one(Author, author).watchlist
    assert [(e.author_id, e.data) for e in events(workspace, "watchlist")] == [
        (author, '{"watched": true}'),
        (author, '{"watched": false}'),
    ]
