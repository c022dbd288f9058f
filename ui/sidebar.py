"""The sidebar: saved views with live counts, and the sources."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.inbox import SourceSummary, View
from ui.labels import view_label
from ui.theme import PLATFORM_COLOURS

KindRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2
SIDEBAR_VIEWS = (
    View.NEEDS_REPLY,
    View.NEGATIVE,
    View.LOW_RATINGS,
    View.REVIEWS,
    View.SPAM_SUSPECTS,
    View.SNOOZED,
    View.ESCALATED,
    View.SEND_PROBLEMS,
    View.DONE,
    View.ALL,
)


class Sidebar(QTreeWidget):
    viewChosen = Signal(object, object)  # View, source id or None
    signInRequested = Signal(int)  # a source's id
    addSourceRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._counts: dict[View, int] = {}
        self._source_states: dict[int, tuple[str, str]] = {}
        self._sources: list[SourceSummary] = []
        self._views_group = QTreeWidgetItem(self)
        self._sources_group = QTreeWidgetItem(self)
        for group in (self._views_group, self._sources_group):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
        self._view_items: dict[View, QTreeWidgetItem] = {}
        for view in SIDEBAR_VIEWS:
            item = QTreeWidgetItem(self._views_group)
            item.setData(0, KindRole, "view")
            item.setData(0, ValueRole, view.value)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._view_items[view] = item
        self.expandAll()
        self.currentItemChanged.connect(self._chosen)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemActivated.connect(self._activated)
        self.retranslate()

    def select_view(self, view: View) -> None:
        self.setCurrentItem(self._view_items[view])

    def set_counts(self, counts: dict[View, int], sources: list[SourceSummary]) -> None:
        self._counts = counts
        if [s.id for s in sources] != [s.id for s in self._sources]:
            self._rebuild_sources(sources)
        self._sources = sources
        self._fill_counts()

    def set_source_states(self, states: dict[int, tuple[str, str]]) -> None:
        """Each source's sync state (idle, syncing, offline, error) and its message."""
        self._source_states = states
        self._fill_counts()

    def count_of(self, view: View) -> int | None:
        return self._counts.get(view)

    def _rebuild_sources(self, sources: list[SourceSummary]) -> None:
        self._sources_group.takeChildren()
        for source in sources:
            item = QTreeWidgetItem(self._sources_group)
            item.setData(0, KindRole, "source")
            item.setData(0, ValueRole, source.id)
            item.setData(
                0,
                Qt.ItemDataRole.DecorationRole,
                QColor(PLATFORM_COLOURS.get(source.platform, "#888888")),
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._sources_group.setExpanded(True)

    def _fill_counts(self) -> None:
        for view, item in self._view_items.items():
            count = self._counts.get(view)
            item.setText(1, "" if count is None else f"{count:,}".replace(",", " "))
        for index, source in enumerate(self._sources):
            item = self._sources_group.child(index)
            state, message = self._source_states.get(source.id, ("", ""))
            marker = {"offline": " ⚠", "error": " ⚠", "signin": " ⚠"}.get(state, "")
            item.setText(0, source.name + marker)
            if state == "signin":
                message = self.tr("Sign in again (right-click, or Enter): {message}").format(
                    message=message
                )
            item.setToolTip(0, f"{source.name}\n{message}" if message else source.name)
            item.setText(1, f"{source.open_count:,}".replace(",", " "))

    def _chosen(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        kind = current.data(0, KindRole)
        if kind == "view":
            self.viewChosen.emit(View(current.data(0, ValueRole)), None)
        elif kind == "source":
            self.viewChosen.emit(View.ALL, int(current.data(0, ValueRole)))

    def source_state(self, source_id: int) -> str:
        return self._source_states.get(source_id, ("", ""))[0]

    def _source_at(self, item: QTreeWidgetItem | None) -> int | None:
        if item is None or item.data(0, KindRole) != "source":
            return None
        return int(item.data(0, ValueRole))

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        source_id = self._source_at(item)
        if source_id is not None and self.source_state(source_id) == "signin":
            self.signInRequested.emit(source_id)

    def _context_menu(self, position: QPoint) -> None:
        item = self.itemAt(position)
        source_id = self._source_at(item)
        if source_id is None and item is not self._sources_group:
            return
        menu = QMenu(self)
        if source_id is not None:
            sign_in = menu.addAction(self.tr("Sign in again…"))
            sign_in.triggered.connect(lambda: self.signInRequested.emit(source_id))
        add = menu.addAction(self.tr("Add source…"))
        add.triggered.connect(self.addSourceRequested)
        menu.popup(self.viewport().mapToGlobal(position))

    def retranslate(self) -> None:
        self._views_group.setText(0, self.tr("Views"))
        self._sources_group.setText(0, self.tr("Sources"))
        for view, item in self._view_items.items():
            item.setText(0, view_label(view))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
