"""A list of notes with a form to write one: an item's notes, or an author's typed notes that
can expire. Notes are plain text of any length; flagged ones go to the next shift's handover."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.notes import USER_NOTE_KINDS, NoteView
from ui.labels import note_kind_label

NoteIdRole = Qt.ItemDataRole.UserRole + 1
DAY = 86400
EXPIRY_DAYS = (0, 7, 30, 90, 365)  # 0: never


class NotesBox(QWidget):
    """`typed`: author notes, with a kind and an expiry to choose."""

    addRequested = Signal(str, str, bool, object)  # body, kind, for the next shift, expires in s
    flagRequested = Signal(int, bool)  # note id, for the next shift
    expireRequested = Signal(int)  # note id

    def __init__(self, typed: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self._typed = typed
        self._notes: list[NoteView] = []
        self._now = 0
        self.list = QListWidget(self)
        self.list.setObjectName("authorNotes" if typed else "itemNotes")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.flag_button = QPushButton(self)
        self.expire_button = QPushButton(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("authorNoteEditor" if typed else "itemNoteEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(64)
        self.editor.installEventFilter(self)
        self.kind = QComboBox(self)
        self.expiry = QComboBox(self)
        self.next_shift = QCheckBox(self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addAuthorNote" if typed else "addItemNote")
        self.kind.setVisible(typed)
        self.expiry.setVisible(typed)
        self.expire_button.setVisible(typed)

        actions = QHBoxLayout()
        actions.addWidget(self.flag_button)
        actions.addWidget(self.expire_button)
        actions.addStretch(1)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind, 1)
        kinds.addWidget(self.expiry, 1)
        form = QHBoxLayout()
        form.addWidget(self.next_shift, 1)
        form.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.editor)
        if typed:
            layout.addLayout(kinds)
        layout.addLayout(form)

        self.add_button.clicked.connect(self._add)
        self.editor.textChanged.connect(self._update_buttons)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.flag_button.clicked.connect(self._toggle_flag)
        self.expire_button.clicked.connect(self._expire)
        self.retranslate()

    def set_notes(self, notes: list[NoteView], now: int, *, enabled: bool = True) -> None:
        current = self._selected()
        self._notes, self._now = notes, now
        self.setEnabled(enabled)
        self.list.clear()
        for note in notes:
            entry = QListWidgetItem(self._note_text(note), self.list)
            entry.setData(NoteIdRole, note.id)
            if not note.active(now):
                entry.setForeground(self.palette().placeholderText())
            if current is not None and note.id == current.id:
                self.list.setCurrentItem(entry)
        self._update_buttons()

    def note_added(self) -> None:
        """The note was written: the form is cleared for the next one."""
        self.editor.clear()
        self.next_shift.setChecked(False)

    def _note_text(self, note: NoteView) -> str:
        flag = "⚑ " if note.for_next_shift else ""
        kind = f"[{note_kind_label(note.kind)}] " if self._typed or note.kind != "note" else ""
        when = datetime.fromtimestamp(note.created_at).strftime("%d.%m.%Y %H:%M")
        meta = f"{note.created_by or '?'} · {when}"
        if note.expires_at is not None:
            until = datetime.fromtimestamp(note.expires_at).strftime("%d.%m.%Y")
            meta += " · " + (
                self.tr("until {date}").format(date=until)
                if note.active(self._now)
                else self.tr("ended {date}").format(date=until)
            )
        if note.for_next_shift:
            meta += " · " + self.tr("for the next shift")
        return f"{flag}{kind}{note.body}\n{meta}"

    def _selected(self) -> NoteView | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(NoteIdRole)
        return next((n for n in self._notes if n.id == wanted), None)

    def _update_buttons(self) -> None:
        note = self._selected()
        self.add_button.setEnabled(bool(self.editor.toPlainText().strip()))
        self.flag_button.setEnabled(note is not None)
        self.flag_button.setText(
            self.tr("Not for the next shift")
            if note is not None and note.for_next_shift
            else self.tr("For the next shift")
        )
        self.expire_button.setEnabled(note is not None and note.active(self._now))

    def _add(self) -> None:
        body = self.editor.toPlainText().strip()
        if not body:
            return
        kind = str(self.kind.currentData()) if self._typed else "note"
        days = int(self.expiry.currentData() or 0) if self._typed else 0
        self.addRequested.emit(body, kind, self.next_shift.isChecked(), days * DAY or None)

    def _toggle_flag(self) -> None:
        note = self._selected()
        if note is not None:
            self.flagRequested.emit(note.id, not note.for_next_shift)

    def _expire(self) -> None:
        note = self._selected()
        if note is not None:
            self.expireRequested.emit(note.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Enter in the note writes it, as in the reply composer.
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._add()
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.editor.setPlaceholderText(
            self.tr("A note about this author… (Ctrl+Enter)")
            if self._typed
            else self.tr("A note on this item… (Ctrl+Enter)")
        )
        self.next_shift.setText(self.tr("For the next shift"))
        self.add_button.setText(self.tr("Add note"))
        self.expire_button.setText(self.tr("End now"))
        self.kind.blockSignals(True)
        kind = self.kind.currentData()
        self.kind.clear()
        for name in USER_NOTE_KINDS:
            self.kind.addItem(note_kind_label(name), name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.blockSignals(False)
        expiry = self.expiry.currentData()
        self.expiry.clear()
        for days in EXPIRY_DAYS:
            self.expiry.addItem(
                self.tr("Never expires") if not days else self.tr("For {n} days").format(n=days),
                days,
            )
        self.expiry.setCurrentIndex(max(0, self.expiry.findData(expiry)))
        self.set_notes(self._notes, self._now, enabled=self.isEnabled())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
