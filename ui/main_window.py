"""The main window: assembles the panes, routes the actions to the engine's services, and
refreshes what each change touched. Each pane owns its widgets."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.clock import system_clock
from desktop.connectors.base import Action
from desktop.db.models import Tag
from desktop.dossier import AuthorLinks
from desktop.inbox import SourceSummary, View
from desktop.item_detail import ItemDetail, load_item
from desktop.services.canned import CannedService
from desktop.services.drafts import DraftService
from desktop.services.events import Change
from desktop.services.handover import HandoverService
from desktop.services.notes import NoteService
from desktop.services.outbox import OutboxService
from desktop.services.sources import list_sources, source_values
from desktop.services.triage import TriageError, TriageService
from desktop.suggest import load_past_picks
from desktop.templates import Rendered
from desktop.workspace import Workspace
from ui.actions import WindowActions
from ui.add_source_dialog import AddSourceDialog
from ui.canned_library_dialog import CannedLibraryDialog
from ui.canned_panel import CannedPanel
from ui.dialogs import CheatSheet, TagDialog, choose_snooze
from ui.handover_dialog import HandoverDialog, import_handover
from ui.history_pane import HistoryPane
from ui.import_dialog import ImportDialog
from ui.inbox_controller import InboxController
from ui.inbox_model import Column, ItemIdRole
from ui.item_pane import ItemPane
from ui.labels import view_label
from ui.outbox_actions import OutboxActions
from ui.sidebar import Sidebar
from ui.sync_status import SyncStatus

SNOOZE_WAKE_INTERVAL_MS = 60_000
# The answers that can go to an author with a moderation action.
REASON_CATEGORIES = ("rule_warning", "spam")


@dataclass
class Services:
    workspace: Workspace
    triage: TriageService
    drafts: DraftService
    canned: CannedService
    outbox: OutboxService
    notes: NoteService
    links: AuthorLinks
    handover: HandoverService

    @classmethod
    def for_workspace(cls, workspace: Workspace) -> Services:
        def agent() -> str:
            return workspace.settings.agent

        return cls(
            workspace,
            TriageService(workspace.db, agent),
            DraftService(workspace.db, agent),
            CannedService(workspace.db, agent),
            OutboxService(workspace.db, agent),
            NoteService(workspace.db, agent),
            AuthorLinks(workspace.db, agent),
            HandoverService(workspace.db, agent, shift_started_at=int(time.time())),
        )


class MainWindow(QMainWindow):
    firstLoad = Signal()
    themeChosen = Signal(str)
    languageChosen = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.services = services
        db = services.workspace.db
        self.controller = InboxController(db, self)
        self.actions_ = WindowActions(self)
        self._current_id: int | None = None
        self._library_dialog: CannedLibraryDialog | None = None

        self.sidebar = Sidebar(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.inbox = QTableView(self)
        self.inbox.setObjectName("inbox")
        self._setup_inbox()
        self.item_pane = ItemPane(services.drafts.load, self._save_draft, self)
        self.canned_panel = CannedPanel(services.canned, lambda: load_past_picks(db), parent=self)
        self.history_pane = HistoryPane(db, services.notes, services.links, parent=self)
        self.outbox_actions = OutboxActions(
            self, services.outbox, self.selected_ids, self.item_pane, self._reason_texts
        )

        inbox_column = QWidget(self)
        layout = QVBoxLayout(inbox_column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.inbox)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.canned_panel)
        right.addWidget(self.history_pane)
        right.setSizes([360, 460])
        centre = QSplitter(Qt.Orientation.Vertical, self)
        centre.addWidget(inbox_column)
        centre.addWidget(self.item_pane)
        centre.setSizes([470, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for pane in (self.sidebar, centre, right):
            self.splitter.addWidget(pane)
        self.splitter.setSizes([200, 920, 360])
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.counts_label = QLabel(self)
        self.selection_label = QLabel(self)
        self.sync_status = SyncStatus(self, services.outbox, self.actions_, self.sidebar)
        self.statusBar().addWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.selection_label)
        self.statusBar().addPermanentWidget(self.sync_status.label)

        self._build_menus()
        self._connect()
        self.retranslate()
        self._wake_timer = QTimer(self)
        self._wake_timer.timeout.connect(lambda: self._apply(self.services.triage.wake_snoozed()))
        self._wake_timer.start(SNOOZE_WAKE_INTERVAL_MS)

    # -- assembly ------------------------------------------------------------------------

    def _setup_inbox(self) -> None:
        self.inbox.setModel(self.controller.model)
        self.inbox.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inbox.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.inbox.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.inbox.setAlternatingRowColors(True)
        self.inbox.setShowGrid(False)
        self.inbox.setWordWrap(False)
        self.inbox.setSortingEnabled(True)
        self.inbox.verticalHeader().hide()
        self.inbox.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.inbox.verticalHeader().setDefaultSectionSize(26)
        header = self.inbox.horizontalHeader()
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.AGE, Qt.SortOrder.DescendingOrder)
        for column, width in (
            (Column.PLATFORM, 104),
            (Column.AUTHOR, 130),
            (Column.RATING, 70),
            (Column.SENTIMENT, 40),
            (Column.AGE, 112),
            (Column.STATUS, 90),
            (Column.ASSIGNEE, 104),
        ):
            self.inbox.setColumnWidth(column, width)

    def _build_menus(self) -> None:
        a = self.actions_
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(a.add_source)
        self.file_menu.addAction(a.import_reviews)
        self.file_menu.addAction(a.answer_library)
        self.file_menu.addSeparator()
        self.file_menu.addAction(a.hand_over)
        self.file_menu.addAction(a.import_handover)
        self.file_menu.addSeparator()
        self.file_menu.addAction(a.quit)
        self.item_menu = self.menuBar().addMenu("")
        for action in (
            a.next_item,
            a.previous_item,
            None,
            a.done,
            a.snooze,
            a.escalate,
            a.assign_to_me,
            a.tag,
            None,
            a.undo,
            None,
            a.search,
            a.reply,
        ):
            self.item_menu.addSeparator() if action is None else self.item_menu.addAction(action)
        self.view_menu = self.menuBar().addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.addActions(list(a.themes.values()))
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(a.languages.values()))
        self.sync_menu = self.menuBar().addMenu("")
        self.sync_menu.addAction(a.sync_now)
        self.sync_menu.addAction(a.simulate_offline)
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(a.cheat_sheet)
        settings = self.services.workspace.settings
        a.themes[settings.theme].setChecked(True)
        a.languages[settings.language].setChecked(True)

    def _connect(self) -> None:
        a, c = self.actions_, self.controller
        self.sidebar.viewChosen.connect(c.set_view)
        c.countsLoaded.connect(self._counts_loaded)
        c.idsLoaded.connect(self._ids_loaded)
        c.failed.connect(self._show_error)
        c.model.modelReset.connect(self._selection_changed)
        c.model.rowsRemoved.connect(self._selection_changed)
        self.inbox.selectionModel().selectionChanged.connect(self._selection_changed)
        self.inbox.selectionModel().currentRowChanged.connect(self._current_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(lambda: c.set_search(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self._search_committed)
        self.canned_panel.insertRequested.connect(self._insert_canned)
        self.canned_panel.libraryRequested.connect(self.open_answer_library)
        a.answer_library.triggered.connect(self.open_answer_library)
        a.add_source.triggered.connect(self.open_add_source)
        a.import_reviews.triggered.connect(lambda: self.open_import())
        self.sidebar.addSourceRequested.connect(self.open_add_source)
        self.sidebar.signInRequested.connect(self.open_sign_in_again)
        a.hand_over.triggered.connect(self.open_handover)
        a.import_handover.triggered.connect(self._import_handover)
        self.item_pane.expand = self._expand_shortcut
        self.item_pane.cannedUsed.connect(self._canned_used)
        self.item_pane.answersSent.connect(self._answers_sent)
        self.history_pane.authorItemChosen.connect(self.select_item)
        self.history_pane.changed.connect(self._history_changed)
        self.history_pane.failed.connect(self._show_error)
        self.item_pane.draftSaved.connect(lambda item_id: c.model.invalidate([item_id]))
        self.outbox_actions.changed.connect(self._outbox_changed)
        self.outbox_actions.failed.connect(self._show_error)
        self.sync_status.itemsChanged.connect(self._remote_change)
        self.sync_status.outboxChanged.connect(self._remote_change)
        a.next_item.triggered.connect(lambda: self._move(1))
        a.previous_item.triggered.connect(lambda: self._move(-1))
        a.done.triggered.connect(lambda: self._triage(self.services.triage.mark_done))
        a.escalate.triggered.connect(lambda: self._triage(self.services.triage.escalate))
        a.assign_to_me.triggered.connect(lambda: self._triage(self.services.triage.assign_to_me))
        a.snooze.triggered.connect(self._snooze)
        a.tag.triggered.connect(self._tag)
        a.undo.triggered.connect(lambda: self._apply(self.services.triage.undo()))
        a.search.triggered.connect(self._focus_search)
        a.reply.triggered.connect(lambda: self.item_pane.composer.setFocus())
        a.cheat_sheet.triggered.connect(lambda: CheatSheet(self).exec())
        a.quit.triggered.connect(self.close)
        for name, action in a.themes.items():
            action.triggered.connect(lambda _=False, n=name: self.themeChosen.emit(n))
        for name, action in a.languages.items():
            action.triggered.connect(lambda _=False, n=name: self.languageChosen.emit(n))
        for action in [
            a.next_item,
            a.previous_item,
            a.search,
            a.reply,
            a.cheat_sheet,
            a.sync_now,
            *a.triage,
        ]:
            self.addAction(action)

    def start(self) -> None:
        """Load the first view; `firstLoad` fires once its rows can be painted."""
        self.sidebar.select_view(self.controller.query.view)
        # Counts follow the first list rather than compete with it for the disk and the GIL.
        self.firstLoad.connect(self.controller.refresh_counts)
        self.controller.reload(new_query=True)
        self._apply(self.services.triage.wake_snoozed())

    # -- reacting to the engine ----------------------------------------------------------

    def _counts_loaded(self, counts: dict[View, int], sources: list[SourceSummary]) -> None:
        self.sidebar.set_counts(counts, sources)
        self._update_counts_label()

    def _ids_loaded(self, new_query: bool) -> None:
        model = self.controller.model
        if model.rowCount() and not self.inbox.selectionModel().hasSelection():
            self.inbox.selectionModel().setCurrentIndex(
                model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif not model.rowCount():
            self._show_current(None)
        self._update_counts_label()
        if not self.property("loaded"):
            self.setProperty("loaded", True)
            self.firstLoad.emit()

    def _apply(self, change: Change) -> None:
        if not change:
            return
        self.controller.apply(change)
        if self._current_id in change.item_ids:
            self._show_current(self._current_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = current.data(ItemIdRole) if current.isValid() else None
        if item_id != self._current_id:
            self._show_current(item_id)

    def _show_current(self, item_id: int | None) -> None:
        self._current_id = item_id
        db = self.services.workspace.db
        detail = load_item(db, item_id) if item_id is not None else None
        self.item_pane.show_item(detail)
        self._show_item_actions(detail)
        self.canned_panel.set_item(detail)
        self._show_history(detail)

    def _show_item_actions(self, detail: ItemDetail | None) -> None:
        if detail is None:
            return
        outbox = self.services.outbox
        capabilities = outbox.capabilities(detail.id)
        if detail.remote_state == "deleted":  # only bringing it back makes sense
            capabilities = replace(
                capabilities, actions=capabilities.actions & {Action.RESTORE}, reasons={}
            )
        self.item_pane.moderation.set_allowed(
            frozenset(a.value for a in capabilities.actions),
            frozenset(a.value for a in capabilities.irreversible),
            {a.value: reason for a, reason in capabilities.reasons.items()},
        )
        self.item_pane.set_can_reply(
            Action.REPLY in capabilities.actions,
            capabilities.reply_limit,
            replaces=capabilities.reply_replaces,
        )
        self.item_pane.outbox.set_entries(outbox.entries(item_id=detail.id))

    def _remote_change(self, item_ids: list[int]) -> None:
        """Sync stored new items or moved an action along: refresh without touching the
        reply being written."""
        self.controller.apply(Change(frozenset(item_ids), counts=True))
        if self._current_id in item_ids:
            detail = load_item(self.services.workspace.db, self._current_id)
            self.item_pane.refresh_item(detail)
            self._show_item_actions(detail)
            self._show_history(detail)

    def _show_history(self, detail: ItemDetail | None) -> None:
        if detail is None:
            self.history_pane.show_item(None, None)
        else:
            self.history_pane.show_item(detail.id, detail.author_id)

    def _history_changed(self, change: Change) -> None:
        """A note, the watchlist or a link changed from the history pane: the rows and the
        item's header follow, the reply being written stays as it is."""
        self.controller.apply(change)
        if self._current_id in change.item_ids:
            self.item_pane.refresh_item(load_item(self.services.workspace.db, self._current_id))

    def _selection_changed(self, *_: object) -> None:
        selected = len(self.selected_ids())
        self.selection_label.setText(
            self.tr("Selected: {n}").format(n=selected) if selected > 1 else ""
        )
        self._update_counts_label()

    def _update_counts_label(self) -> None:
        query = self.controller.query
        view = view_label(query.view)
        self.counts_label.setText(
            self.tr("{view}: {n} items").format(view=view, n=self.controller.model.rowCount())
        )

    # -- actions -------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        model = self.controller.model
        rows = sorted(index.row() for index in self.inbox.selectionModel().selectedRows())
        ids = [model.id_at(row) for row in rows]
        if not ids and self._current_id is not None:
            return [self._current_id]
        return [i for i in ids if i is not None]

    def select_item(self, item_id: int) -> None:
        row = self.controller.model.row_of(item_id)
        if row is None:
            self._show_current(item_id)  # not in this view: show it anyway
            return
        self.inbox.selectionModel().setCurrentIndex(
            self.controller.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.inbox.scrollTo(self.controller.model.index(row, 0))

    def _move(self, step: int) -> None:
        model = self.controller.model
        if not model.rowCount():
            return
        current = self.inbox.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(model.rowCount() - 1, row))
        index = model.index(row, 0)
        self.inbox.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.inbox.scrollTo(index)

    def _triage(self, action: Callable[[list[int]], Change]) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        try:
            change = action(ids)
        except TriageError as error:
            self._show_error(str(error))
            return
        self._apply(change)
        if len(ids) > 1:
            self.statusBar().showMessage(self.tr("Done for {n} items").format(n=len(ids)), 4000)

    def _snooze(self) -> None:
        rect = self.inbox.visualRect(self.inbox.currentIndex())
        point = self.inbox.viewport().mapToGlobal(
            rect.bottomLeft() if rect.isValid() else self.inbox.rect().center()
        )
        until = choose_snooze(self, point)
        if until is not None:
            when = int(until.timestamp())
            self._triage(lambda ids: self.services.triage.snooze(ids, when))

    def _tag(self) -> None:
        with self.services.workspace.db.sessions() as session:
            known = list(session.scalars(select(Tag.name).order_by(Tag.name)))
        dialog = TagDialog(known, self)
        if dialog.exec() != TagDialog.DialogCode.Accepted or not dialog.tag():
            return
        tag = dialog.tag()
        if tag.startswith("-"):
            self._triage(lambda ids: self.services.triage.remove_tag(ids, tag[1:].strip().lower()))
        else:
            self._triage(lambda ids: self.services.triage.add_tag(ids, tag))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_committed(self) -> None:
        self._search_timer.stop()
        self.controller.set_search(self.search.text())
        self.inbox.setFocus()

    def _insert_canned(self, text: str, response_id: int) -> None:
        if self._current_id is None:
            return
        self.item_pane.insert_answer(text, response_id)

    def _expand_shortcut(self, shortcut: str) -> tuple[str, int] | None:
        canned = self.services.canned
        response = canned.by_shortcut(shortcut)
        detail = self.item_pane.item
        if response is None or detail is None:
            return None
        return canned.fill(response, detail).text, response.id

    def _reason_texts(self, answer_id: int, item_ids: list[int]) -> dict[int, Rendered]:
        """The answer filled in for each item's author: a message sent with an action."""
        canned = self.services.canned
        answer = canned.get(answer_id)
        texts: dict[int, Rendered] = {}
        for item_id in item_ids:
            detail = load_item(self.services.workspace.db, item_id)
            if answer is not None and detail is not None:
                texts[item_id] = canned.fill(answer, detail)
        return texts

    def open_add_source(self) -> AddSourceDialog:
        dialog = AddSourceDialog(self.services.workspace.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sourceAdded.connect(self._source_connected)
        dialog.open()
        return dialog

    def open_sign_in_again(self, source_id: int) -> AddSourceDialog:
        db = self.services.workspace.db
        kind, values = source_values(db, source_id)
        name = next((s.name for s in list_sources(db) if s.id == source_id), "")
        dialog = AddSourceDialog(
            db, self, source_id=source_id, kind=kind, values=values, source_name=name
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.signedIn.connect(self._source_connected)
        dialog.open()
        return dialog

    def open_import(self, path: Path | None = None) -> ImportDialog:
        """Reviews from an export file; the inbox follows what each import stored."""
        workspace = self.services.workspace
        dialog = ImportDialog(
            workspace.db, self, sla_seconds=workspace.settings.reply_sla_hours * 3600, path=path
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def imported(_source_id: int) -> None:
            self.controller.reload()
            self.controller.refresh_counts()

        dialog.imported.connect(imported)
        dialog.open()
        return dialog

    def _source_connected(self, _source_id: int) -> None:
        self.controller.refresh_counts()
        self.sync_status.sync_now()

    def open_answer_library(self) -> CannedLibraryDialog:
        """The library in its own window beside the inbox; one at a time."""
        dialog = self._library_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        if dialog is None:
            dialog = CannedLibraryDialog(
                self.services.workspace.db,
                self.services.canned,
                lambda: self.item_pane.item,
                system_clock,
                self.canned_panel.language,
                self,
            )
            dialog.libraryChanged.connect(self._library_changed)
            dialog.finished.connect(lambda _result: setattr(self, "_library_dialog", None))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._library_dialog = dialog
        dialog.show()
        return dialog

    def open_handover(self) -> HandoverDialog:
        """The end-of-shift packet: its window, a note, a preview, and the files."""
        self.item_pane.flush_draft()
        dialog = HandoverDialog(self.services.handover, self.canned_panel.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _import_handover(self) -> None:
        result = import_handover(self, self.services.handover)
        if result is not None:
            self._apply(result.change)

    def _library_changed(self) -> None:
        self.canned_panel.library_changed()
        self.set_language(self.canned_panel.language)  # the reason messages follow the library

    def _answers_sent(self, item_id: int, used: list[tuple[int, str]], sent: str) -> None:
        self._apply(self.services.canned.record_sent(item_id, used, sent))

    def _canned_used(self, response_id: int, item_id: int) -> None:
        self._apply(self.services.canned.record_use(response_id, item_id))
        self.canned_panel.library_changed()  # usage counts and past picks rank the answers

    def _save_draft(self, item_id: int, body: str) -> None:
        change = self.services.drafts.save(item_id, body)
        if change and item_id == self._current_id:
            self._show_history(self.item_pane.item)

    def _outbox_changed(self, change: Change) -> None:
        self._apply(change)
        self.sync_status.refresh()
        self.sync_status.sync_now()

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Steward"), message)

    # -- language and lifetime -------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Steward — {workspace}").format(workspace=self.services.workspace.path.name)
        )
        self.search.setPlaceholderText(self.tr("Search text and authors  (/)"))
        self.file_menu.setTitle(self.tr("&File"))
        self.item_menu.setTitle(self.tr("&Item"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.language_menu.setTitle(self.tr("Language"))
        self.sync_menu.setTitle(self.tr("&Sync"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.actions_.retranslate()
        model = self.controller.model
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, Column.COUNT - 1)
        if model.rowCount():  # statuses and ages are words too
            model.dataChanged.emit(
                model.index(0, 0), model.index(model.rowCount() - 1, Column.COUNT - 1)
            )
        self._update_counts_label()

    def set_language(self, language: str) -> None:
        """The interface language resolved (en or ru): the answers' titles follow it."""
        self.canned_panel.language = language
        self.canned_panel.refresh()
        self.item_pane.moderation.set_reasons(
            [
                (answer.id, answer.title(language))
                for answer in self.services.canned.search()
                if answer.category in REASON_CATEGORIES
            ]
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.item_pane.flush_draft()
        super().closeEvent(event)
