"""Connects the inbox model to the engine: the current query, reloading ids in the
background, view counts, and refreshing only what a change touched."""

from __future__ import annotations

from array import array

from PySide6.QtCore import QObject, Signal

from desktop.db.engine import Database
from desktop.inbox import (
    InboxQuery,
    SortKey,
    SourceSummary,
    View,
    fetch_rows,
    item_ids,
    source_summaries,
    view_counts,
)
from desktop.services.events import Change
from ui.inbox_model import InboxModel
from ui.tasks import LatestTask


class InboxController(QObject):
    idsLoaded = Signal(bool)  # True when the query itself changed (not just a refresh)
    countsLoaded = Signal(dict, list)  # {View: int}, [SourceSummary]
    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self._db = db
        self.query = InboxQuery(view=View.NEEDS_REPLY)
        self.model = InboxModel(lambda ids: fetch_rows(db, ids), parent=self)
        self.model.sortRequested.connect(self.set_sort)
        self._ids_task: LatestTask[tuple[array[int], bool]] = LatestTask(
            self._ids_ready, self._report
        )
        self._counts_task: LatestTask[tuple[dict[View, int], list[SourceSummary]]] = LatestTask(
            lambda result: self.countsLoaded.emit(*result), self._report
        )
        self.loaded_once = False

    # -- what to show --------------------------------------------------------------------

    def set_view(self, view: View, source_id: int | None = None) -> None:
        self._set_query(
            InboxQuery(view, source_id, self.query.search, self.query.sort, self.query.descending)
        )

    def set_search(self, text: str) -> None:
        self._set_query(
            InboxQuery(
                self.query.view, self.query.source_id, text, self.query.sort, self.query.descending
            )
        )

    def set_sort(self, key: SortKey, descending: bool) -> None:
        self._set_query(
            InboxQuery(self.query.view, self.query.source_id, self.query.search, key, descending)
        )

    def _set_query(self, query: InboxQuery) -> None:
        if query != self.query:
            self.query = query
            self.reload(new_query=True)

    # -- loading -------------------------------------------------------------------------

    def reload(self, *, new_query: bool = False) -> None:
        query = self.query
        self._ids_task.start(lambda: (item_ids(self._db, query), new_query))

    def refresh_counts(self) -> None:
        self._counts_task.start(lambda: (view_counts(self._db), source_summaries(self._db)))

    def apply(self, change: Change) -> None:
        """A mutation happened: repaint its rows, then let the query and counts catch up."""
        if not change.item_ids:
            return
        self.model.invalidate(change.item_ids)
        if change.counts:
            self.reload()
            self.refresh_counts()

    def _ids_ready(self, result: tuple[array[int], bool]) -> None:
        ids, new_query = result
        if new_query or not self.loaded_once:
            self.model.set_ids(ids)
        else:
            self.model.update_ids(ids)
        self.loaded_once = True
        self.idsLoaded.emit(new_query)

    def _report(self, error: BaseException) -> None:
        self.failed.emit(str(error))

    @property
    def busy(self) -> bool:
        return self._ids_task.busy or self._counts_task.busy
