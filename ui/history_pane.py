"""The history pane: the item's whole timeline, newest first, with the selected entry in full
(a remote edit's old and new text side by side); the item's notes; and its author's dossier."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.engine import Database
from desktop.dossier import AuthorLinks
from desktop.history import HistoryEntry, item_timeline
from desktop.services.events import Change
from desktop.services.notes import NoteError, NoteService
from ui.dossier_pane import DossierPane
from ui.labels import event_text
from ui.notes_box import NotesBox

EntryRole = Qt.ItemDataRole.UserRole + 1

# A mark per kind of event, so the eye finds replies, moderation and notes in a long history.
MARKS = {
    "arrival": "●",
    "remote_edit": "✎",
    "remote_deletion": "✖",
    "remote_state": "◆",
    "reply": "↩",
    "moderation": "⛨",
    "note": "✉",
    "canned": "❏",
    "handover": "⇄",
    "rule": "⚙",
    "escalation": "!",
    "watchlist": "◎",
}


class HistoryPane(QTabWidget):
    authorItemChosen = Signal(int)
    changed = Signal(object)  # Change
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        notes: NoteService,
        links: AuthorLinks,
        clock: Callable[[], int] = lambda: int(time.time()),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._notes, self._clock = db, notes, clock
        self._item_id: int | None = None
        self._entries: tuple[HistoryEntry, ...] = ()

        history_page = QSplitter(Qt.Orientation.Vertical, self)
        self.timeline = QListWidget(history_page)
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.detail = QStackedWidget(history_page)
        self.detail_text = QPlainTextEdit(self.detail)
        self.detail_text.setObjectName("historyDetail")
        self.detail_text.setReadOnly(True)
        compare = QWidget(self.detail)
        self.before_label = QLabel(compare)
        self.after_label = QLabel(compare)
        self.before = QPlainTextEdit(compare)
        self.before.setObjectName("editBefore")
        self.after = QPlainTextEdit(compare)
        self.after.setObjectName("editAfter")
        for editor in (self.before, self.after):
            editor.setReadOnly(True)
        sides = QSplitter(Qt.Orientation.Horizontal, compare)
        for label, editor in ((self.before_label, self.before), (self.after_label, self.after)):
            side = QWidget(sides)
            side_layout = QVBoxLayout(side)
            side_layout.setContentsMargins(0, 0, 0, 0)
            side_layout.addWidget(label)
            side_layout.addWidget(editor)
            sides.addWidget(side)
        compare_layout = QVBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(sides)
        self.detail.addWidget(self.detail_text)
        self.detail.addWidget(compare)
        history_page.addWidget(self.timeline)
        history_page.addWidget(self.detail)
        history_page.setStretchFactor(0, 3)
        history_page.setStretchFactor(1, 1)
        history_page.setChildrenCollapsible(False)

        self.item_notes = NotesBox(False, self)
        self.dossier = DossierPane(db, notes, links, clock, self)
        self.addTab(history_page, "")
        self.addTab(self.item_notes, "")
        self.addTab(self.dossier, "")

        self.timeline.currentItemChanged.connect(lambda *_: self._show_detail())
        self.dossier.itemChosen.connect(self.authorItemChosen)
        self.dossier.changed.connect(self._dossier_changed)
        self.dossier.failed.connect(self.failed)
        self.item_notes.addRequested.connect(self._add_item_note)
        self.item_notes.flagRequested.connect(
            lambda note_id, flagged: self._run(
                lambda: self._notes.set_for_next_shift(note_id, flagged)
            )
        )
        self.retranslate()

    # -- loading -------------------------------------------------------------------------

    def show_item(self, item_id: int | None, author_id: int | None) -> None:
        self._item_id = item_id
        self.reload()
        self.dossier.show_author(author_id, item_id)

    def reload(self) -> None:
        """The item's history and notes again (the dossier reloads on its own)."""
        # The item itself is already loaded by the window (its thread is in the item pane):
        # only its events and notes are read here. An item that exists has its arrival.
        item_id = self._item_id
        self._entries = tuple(item_timeline(self._db, item_id)) if item_id is not None else ()
        exists = bool(self._entries)
        notes = self._notes.item_notes(item_id, include_expired=True) if exists else []
        self._fill()
        self.item_notes.set_notes(notes, self._clock(), enabled=exists)
        self.setTabText(1, self._notes_tab_title(len(notes)))

    def _fill(self) -> None:
        current = self.timeline.currentRow()
        self.timeline.clear()
        for n, entry in enumerate(self._entries):
            when = datetime.fromtimestamp(entry.at).strftime("%d.%m %H:%M")
            mark = MARKS.get(entry.category, "·")
            line = QListWidgetItem(
                f"{when}  {mark} {event_text(entry.kind, entry.actor, entry.data)}"
            )
            line.setData(EntryRole, n)
            self.timeline.addItem(line)
        if 0 <= current < self.timeline.count():
            self.timeline.setCurrentRow(current)
        self._show_detail()

    def _show_detail(self) -> None:
        entry = self.timeline.currentItem()
        if entry is None:
            self.detail_text.setPlainText("")
            self.detail.setCurrentIndex(0)
            return
        event = self._entries[int(entry.data(EntryRole))]
        if event.kind == "remote_edit":
            self.before.setPlainText(str(event.data.get("old", "")))
            self.after.setPlainText(str(event.data.get("new", "")))
            self.detail.setCurrentIndex(1)
            return
        self.detail.setCurrentIndex(0)
        self.detail_text.setPlainText(self._detail_text(event))

    def _detail_text(self, event: HistoryEntry) -> str:
        """The entry in full: who, when, and the text it carries (a reply, a note, an answer)."""
        when = datetime.fromtimestamp(event.at).strftime("%d.%m.%Y %H:%M:%S")
        lines = [f"{when} · {event_text(event.kind, event.actor, event.data)}"]
        data = event.data
        body = data.get("text") or data.get("inserted") or data.get("preview") or ""
        if body:
            lines += ["", str(body)]
        for key in ("error", "reason"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        return "\n".join(lines)

    # -- notes on the item ---------------------------------------------------------------

    def _add_item_note(self, body: str, _kind: str, next_shift: bool, _expires: object) -> None:
        if self._item_id is None:
            return
        item_id = self._item_id

        def add() -> Change:
            return self._notes.add_item_note(item_id, body, for_next_shift=next_shift).change

        if self._run(add):
            self.item_notes.note_added()

    def _run(self, action: Callable[[], Change]) -> bool:
        try:
            change = action()
        except NoteError as error:
            self.failed.emit(str(error))
            return False
        self.reload()
        self.changed.emit(change)
        return True

    def _dossier_changed(self, change: Change) -> None:
        self.reload()  # an author note or the watchlist is in the item's history too
        self.changed.emit(change)

    # -- language ------------------------------------------------------------------------

    def _notes_tab_title(self, count: int) -> str:
        return self.tr("Notes ({n})").format(n=count) if count else self.tr("Notes")

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("History"))
        self.setTabText(1, self._notes_tab_title(self.item_notes.list.count()))
        self.setTabText(2, self.tr("Author"))
        self.before_label.setText(self.tr("Before"))
        self.after_label.setText(self.tr("After"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
