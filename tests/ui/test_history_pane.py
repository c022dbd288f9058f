"""The history pane: the whole timeline with a remote edit side by side, notes on the item, and
the author's dossier (watchlist, typed notes that expire, linking two accounts as one person)."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db.models import Author, Item, Note
from desktop.ingest import RemoteAuthor, RemoteItem, ingest_batch
from ui.main_window import MainWindow


def _first_item_with_author(window: MainWindow) -> tuple[int, int]:
    with window.services.workspace.db.sessions() as session:
        item_id, author_id = session.execute(
            select(Item.id, Item.author_id)
            .where(Item.author_id.is_not(None), Item.parent_id.is_(None))
            .order_by(Item.id)
        ).first()  # type: ignore[misc]
    return item_id, author_id


def _timeline(window: MainWindow) -> list[str]:
    pane = window.history_pane
    return [pane.timeline.item(row).text() for row in range(pane.timeline.count())]


def test_a_remote_edit_shows_the_old_and_new_text_side_by_side(
    qtbot: QtBot, window: MainWindow
) -> None:
    db = window.services.workspace.db
    with db.sessions() as session:
        item = session.scalars(select(Item).where(Item.author_id.is_not(None))).first()
        assert item is not None
        author = session.get(Author, item.author_id)
        assert author is not None
        old_text, remote_id, source_id, created = (
            item.text,
            item.remote_id,
            item.source_id,
            item.created_at,
        )
        remote_author = RemoteAuthor(author.remote_id, author.handle, author.display_name, None)
    edited = RemoteItem(
        remote_id=remote_id,
        kind="comment",
        text="Edited: it works now, thanks.",
        created_at=created,
        edited_at=created + 60,
        author=remote_author,
    )
    ingest_batch(db, source_id, [edited], now=int(time.time()), sla_seconds=3600)
    window.select_item(item.id)
    window._show_current(item.id)
    pane = window.history_pane
    edits = [n for n, line in enumerate(_timeline(window)) if "Edited on the platform" in line]
    assert edits, _timeline(window)
    pane.timeline.setCurrentRow(edits[0])
    assert pane.detail.currentIndex() == 1
    assert pane.before.toPlainText() == old_text
    assert pane.after.toPlainText() == "Edited: it works now, thanks."


def test_a_note_on_the_item_is_kept_flagged_and_shown_in_the_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    item_id, _author_id = _first_item_with_author(window)
    window.select_item(item_id)
    notes = window.history_pane.item_notes
    long_note = "Called the customer. " * 400  # notes have no size cap
    notes.editor.setPlainText(long_note)
    notes.next_shift.setChecked(True)
    assert notes.add_button.isEnabled()
    notes.add_button.click()
    assert notes.editor.toPlainText() == ""
    assert notes.list.count() == 1
    assert notes.list.item(0).text().startswith("⚑ Called the customer.")
    assert window.history_pane.tabText(1) == "Notes (1)"
    assert any("wrote a note: Called the customer." in line for line in _timeline(window))
    with window.services.workspace.db.sessions() as session:
        stored = session.scalars(select(Note).where(Note.item_id == item_id)).one()
        assert stored.body == long_note.strip() and stored.for_next_shift
    notes.list.setCurrentRow(0)
    assert notes.flag_button.text() == "Not for the next shift"
    notes.flag_button.click()
    assert not notes.list.item(0).text().startswith("⚑")
    assert window.services.notes.next_shift_notes() == []


def test_the_dossier_watches_notes_and_links_the_same_person(
    qtbot: QtBot, window: MainWindow
) -> None:
    item_id, author_id = _first_item_with_author(window)
    window.select_item(item_id)
    dossier = window.history_pane.dossier
    assert dossier.dossier is not None and dossier.dossier.author.id == author_id
    before = dossier.dossier.item_count
    assert dossier.counts.text().startswith(f"{before} items · negative ")
    dossier.watch.click()
    assert dossier.watch.isChecked()
    assert any("put the author on the watchlist" in line for line in _timeline(window))
    with window.services.workspace.db.sessions() as session:
        assert session.get(Author, author_id).watchlist  # type: ignore[union-attr]

    notes = dossier.notes
    notes.kind.setCurrentIndex(notes.kind.findData("warning"))
    notes.expiry.setCurrentIndex(notes.expiry.findData(7))
    notes.editor.setPlainText("Rude in three reviews in a row.")
    notes.add_button.click()
    texts = [notes.list.item(n).text() for n in range(notes.list.count())]
    assert texts[-1].startswith("[Warning] Rude in three reviews in a row.")
    assert " · until " in texts[-1]
    notes.list.setCurrentRow(notes.list.count() - 1)
    notes.expire_button.click()
    last = notes.list.item(notes.list.count() - 1).text()
    assert " · ended " in last  # kept, no longer active
    assert dossier.dossier is not None
    assert dossier.dossier.expired_notes[-1].body == "Rude in three reviews in a row."
    assert all(n.body != "Rude in three reviews in a row." for n in dossier.dossier.notes)

    # Another account on another source, linked by hand: its items count as the same person's.
    with window.services.workspace.db.sessions() as session:
        other = session.scalars(
            select(Author).where(
                Author.id != author_id,
                Author.source_id != dossier.dossier.author.source_id,
            )
        ).first()
        assert other is not None
        other_id, other_items = (
            other.id,
            len(session.scalars(select(Item.id).where(Item.author_id == other.id)).all()),
        )
    assert dossier.link_to(other_id)
    assert dossier.dossier.item_count == before + other_items
    assert "Same person: " in dossier.summary.text()
    assert dossier.unlink_button.isVisibleTo(dossier)
