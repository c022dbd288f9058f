"""The canned-response panel: the answers that fit the current item best on top (with why),
search the library, preview an answer filled in for the item, insert it at the cursor."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.item_detail import ItemDetail
from desktop.services.canned import CannedService, CannedSummary
from desktop.suggest import PastPick, Suggestion, SuggestionIndex
from ui.item_pane import plain_label
from ui.labels import suggestion_reasons

ResponseRole = Qt.ItemDataRole.UserRole + 1


class CannedPanel(QWidget):
    insertRequested = Signal(str, int)  # filled text, response id
    libraryRequested = Signal()

    def __init__(
        self,
        service: CannedService,
        past_picks: Callable[[], list[PastPick]] = list,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._past_picks = past_picks
        self._index: SuggestionIndex | None = None
        self._suggested: dict[int, Suggestion] = {}
        self._item: ItemDetail | None = None
        self._responses: list[CannedSummary] = []
        self.language = "en"  # the interface language, for the answers' titles
        self._listed_language = ""
        self.title = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("cannedSearch")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("cannedList")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("cannedPreview")
        self.preview.setReadOnly(True)
        self.why = plain_label(self, "cannedWhy")
        self.warning = plain_label(self, "cannedWarning")
        self.insert = QPushButton(self)
        self.insert.setObjectName("cannedInsert")
        self.manage = QPushButton(self)
        self.manage.setObjectName("cannedManage")
        self.manage.setFlat(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.manage)
        layout.addLayout(heading)
        for widget in (
            self.search,
            self.list,
            self.why,
            self.preview,
            self.warning,
            self.insert,
        ):
            layout.addWidget(widget)
        layout.setStretchFactor(self.list, 3)
        layout.setStretchFactor(self.preview, 2)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.insert_current)
        self.list.currentItemChanged.connect(lambda *_: self._update_preview())
        self.list.itemActivated.connect(lambda *_: self.insert_current())
        self.insert.clicked.connect(self.insert_current)
        self.manage.clicked.connect(self.libraryRequested)
        self.retranslate()
        self.refresh()

    def set_item(self, item: ItemDetail | None) -> None:
        self._item = item
        self.refresh(keep_selection=False)  # the suggestions follow the item

    def library_changed(self) -> None:
        """An answer was used or the library edited: rank again from fresh usage."""
        self._index = None
        self.refresh()

    def refresh(self, *, keep_selection: bool = True) -> None:
        platform = self._item.platform if self._item else None
        self._responses = self._service.search(self.search.text(), platform)
        self._suggested = {}
        if self._item is not None and not self.search.text().strip():
            if self._index is None:
                self._index = SuggestionIndex(self._service.search(), self._past_picks())
                # The index lives until the library changes. Frozen, it is out of the cyclic
                # collector's scans, so a full collection that falls during a ranking does not
                # walk it (measured: the worst ranking of 1,000 answers 60 ms → 10 ms). It is
                # still freed by reference counting when replaced.
                gc.freeze()
            self._suggested = {s.answer.id: s for s in self._index.suggest(self._item, 3)}
            rest = [r for r in self._responses if r.id not in self._suggested]
            self._responses = [s.answer for s in self._suggested.values()] + rest
        language = self._listed_language = self.language
        current = self.list.currentItem()
        keep = current.data(ResponseRole) if current and keep_selection else None
        self.list.blockSignals(True)
        self.list.clear()
        for response in self._responses:
            star = "★ " if response.id in self._suggested else ""
            entry = QListWidgetItem(f"{star}{response.title(language)}", self.list)
            entry.setData(ResponseRole, response.id)
            shortcut = f"  ;{response.shortcut}" if response.shortcut else ""
            entry.setToolTip(f"{response.category}{shortcut}")
            if response.id == keep:
                self.list.setCurrentItem(entry)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._update_preview()

    def _selected(self) -> CannedSummary | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        wanted = entry.data(ResponseRole)
        return next((r for r in self._responses if r.id == wanted), None)

    def _update_preview(self) -> None:
        response = self._selected()
        self.insert.setEnabled(response is not None and self._item is not None)
        suggestion = self._suggested.get(response.id) if response else None
        self.why.setText(
            self.tr("Suggested: {why}").format(why=suggestion_reasons(suggestion))
            if suggestion
            else ""
        )
        self.why.setVisible(suggestion is not None)
        if response is None:
            self.preview.setPlainText("")
            self.warning.setText("")
            return
        if self._item is None:
            self.preview.setPlainText(response.variant("en", "formal"))
            self.warning.setText("")
            return
        rendered = self._service.fill(response, self._item)
        self.preview.setPlainText(rendered.text)
        unfilled = [f"{{{name}}}" for name in rendered.missing] + [
            f"{{?{q}}}" for q in rendered.prompts
        ]
        self.warning.setText(
            self.tr("Fill in before sending: {names}").format(names=", ".join(unfilled))
            if unfilled
            else ""
        )

    def insert_current(self) -> None:
        response = self._selected()
        if response is None or self._item is None:
            return
        self.insertRequested.emit(self._service.fill(response, self._item).text, response.id)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Answers"))
        self.search.setPlaceholderText(self.tr("Search answers…"))
        self.insert.setText(self.tr("Insert into reply"))
        self.manage.setText(self.tr("Library…"))
        self.manage.setToolTip(self.tr("Edit, archive, import and export answers (Ctrl+Shift+L)"))
        if self._responses:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
