"""The history pane: the item's timeline, newest first, and its author's other items."""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.history import AuthorItem, HistoryEntry
from desktop.services.canned import PLATFORM_NAMES
from ui.inbox_model import stars
from ui.labels import duration_text, event_text, status_label

ItemIdRole = Qt.ItemDataRole.UserRole + 1


class HistoryPane(QTabWidget):
    authorItemChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.timeline = QListWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideNone)
        author_page = QWidget(self)
        self.author_summary = QLabel(author_page)
        self.author_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.author_summary.setWordWrap(True)
        self.author_items = QListWidget(author_page)
        self.author_items.setObjectName("authorItems")
        self.author_items.setWordWrap(True)
        layout = QVBoxLayout(author_page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.author_summary)
        layout.addWidget(self.author_items)
        self.addTab(self.timeline, "")
        self.addTab(author_page, "")
        self.author_items.itemActivated.connect(
            lambda entry: self.authorItemChosen.emit(int(entry.data(ItemIdRole)))
        )
        self._entries: list[HistoryEntry] = []
        self._author_name = ""
        self._others: list[AuthorItem] = []
        self._current_id: int | None = None
        self.retranslate()

    def show_history(
        self,
        entries: list[HistoryEntry],
        author_name: str,
        others: list[AuthorItem],
        current_id: int | None,
    ) -> None:
        self._entries, self._author_name = entries, author_name
        self._others, self._current_id = others, current_id
        self._fill()

    def _fill(self) -> None:
        self.timeline.clear()
        for entry in self._entries:
            when = datetime.fromtimestamp(entry.at).strftime("%d.%m %H:%M")
            line = QListWidgetItem(f"{when}   {event_text(entry.kind, entry.actor, entry.data)}")
            if entry.kind == "remote_edit":
                line.setToolTip(
                    self.tr("Before: {old}\nAfter: {new}").format(
                        old=entry.data.get("old", ""), new=entry.data.get("new", "")
                    )
                )
            self.timeline.addItem(line)
        self.author_items.clear()
        now = time.time()
        for other in self._others:
            marker = "▶ " if other.item_id == self._current_id else ""
            text = " ".join(other.text.split())[:140]
            rating = f"{stars(other.rating)} " if other.rating else ""
            entry = QListWidgetItem(
                f"{marker}{PLATFORM_NAMES.get(other.platform, other.platform)} · "
                f"{duration_text(now - other.created_at)} · {status_label(other.status)}\n"
                f"{rating}{text}"
            )
            entry.setData(ItemIdRole, other.item_id)
            self.author_items.addItem(entry)
        if self._author_name:
            self.author_summary.setText(
                self.tr("{name}: {count} items in this workspace").format(
                    name=self._author_name, count=len(self._others)
                )
            )
        else:
            self.author_summary.setText("")

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("History"))
        self.setTabText(1, self.tr("Author"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
