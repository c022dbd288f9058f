"""The inbox's table model: the ordered ids of a query, with rows fetched a page at a time
for what the view actually paints. Never the whole result in memory."""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.inbox import InboxRow, SortKey
from desktop.services.canned import PLATFORM_NAMES
from ui.labels import duration_text, status_label
from ui.theme import PLATFORM_COLOURS, accent

PAGE_SIZE = 100
MAX_PAGES = 40
ItemIdRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Column:
    PLATFORM, AUTHOR, TEXT, RATING, SENTIMENT, AGE, STATUS, ASSIGNEE = range(8)
    COUNT = 8


SORT_COLUMNS = {
    Column.AGE: SortKey.TIME,
    Column.RATING: SortKey.RATING,
    Column.STATUS: SortKey.STATUS,
}


def stars(rating: int | None) -> str:
    if not rating:
        return ""
    rating = max(1, min(5, rating))
    return "★" * rating + "☆" * (5 - rating)


class InboxModel(QAbstractTableModel):
    sortRequested = Signal(object, bool)  # SortKey, descending

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], dict[int, InboxRow]],
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._fetch = fetch
        self._clock = clock
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, InboxRow]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- the ids -------------------------------------------------------------------------

    def set_ids(self, ids: array[int]) -> None:
        """Show a new result: a reset, since the rows share nothing with the old ones."""
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def update_ids(self, ids: array[int]) -> None:
        """Show the same query's fresh result: rows that left are removed and rows that came
        (new items from sync) are inserted in place, keeping the selection and scroll
        position; a result in a different order resets."""
        old_ids = set(self._ids)
        new_ids = set(ids)
        kept_in_old_order = array("q", (i for i in self._ids if i in new_ids))
        if kept_in_old_order != array("q", (i for i in ids if i in old_ids)):
            self.set_ids(ids)
            return
        gone = [row for row, item_id in enumerate(self._ids) if item_id not in new_ids]
        for first, last in reversed(list(_ranges(gone))):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self._pages.clear()
            self.endRemoveRows()
        # In ascending order, each run's final position is already right for the rows before it.
        came = [row for row, item_id in enumerate(ids) if item_id not in old_ids]
        for first, last in _ranges(came):
            self.beginInsertRows(QModelIndex(), first, last)
            self._ids[first:first] = ids[first : last + 1]
            self._pages.clear()
            self.endInsertRows()

    def invalidate(self, item_ids: Iterable[int]) -> None:
        """Forget cached rows of these items and repaint those on screen."""
        changed = set(item_ids)
        for page, rows in self._pages.items():
            hit = changed.intersection(rows)
            if not hit:
                continue
            for item_id in hit:
                del rows[item_id]
            first = page * PAGE_SIZE
            self.dataChanged.emit(
                self.index(first, 0),
                self.index(min(first + PAGE_SIZE, len(self._ids)) - 1, Column.COUNT - 1),
            )

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int | None:
        try:
            return self._ids.index(item_id)
        except ValueError:
            return None

    @property
    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    def row_data(self, row: int) -> InboxRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        item_id = self._ids[row]
        if page is None or item_id not in page:
            start = page_number * PAGE_SIZE
            page = self._fetch(self._ids[start : start + PAGE_SIZE])
            self._pages[page_number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        return page.get(item_id)

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else Column.COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.PLATFORM: self.tr("Platform"),
            Column.AUTHOR: self.tr("Author"),
            Column.TEXT: self.tr("Text"),
            Column.RATING: self.tr("Rating"),
            Column.SENTIMENT: self.tr("Tone"),
            Column.AGE: self.tr("Age / SLA"),
            Column.STATUS: self.tr("Status"),
            Column.ASSIGNEE: self.tr("Assignee"),
        }.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_COLUMNS.get(column)
        if key is not None:
            self.sortRequested.emit(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ItemIdRole:
            return self.id_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.DecorationRole,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == Column.PLATFORM:
            return QColor(PLATFORM_COLOURS.get(row.platform, "#888888"))
        if role == Qt.ItemDataRole.FontRole and row.status == "new" and column == Column.TEXT:
            return self._bold
        return None

    def _display(self, row: InboxRow, column: int) -> str:
        if column == Column.PLATFORM:
            return PLATFORM_NAMES.get(row.platform, row.platform)
        if column == Column.AUTHOR:
            return row.author
        if column == Column.TEXT:
            prefix = "✎ " if row.has_draft else ""
            tags = "  " + " ".join(f"#{t}" for t in row.tags) if row.tags else ""
            return prefix + row.snippet + tags
        if column == Column.RATING:
            return stars(row.rating)
        if column == Column.SENTIMENT:
            return _tone_mark(row.sentiment)
        if column == Column.AGE:
            return self._age(row)
        if column == Column.STATUS:
            return status_label(row.status)
        if column == Column.ASSIGNEE:
            return row.assignee or ""
        return ""

    def _age(self, row: InboxRow) -> str:
        now = self._clock()
        age = duration_text(now - row.created_at)
        if row.due_at and row.status in ("new", "open") and now > row.due_at:
            return self.tr("{age} · overdue").format(age=age)
        return age

    def _tooltip(self, row: InboxRow, column: int) -> str | None:
        if column == Column.TEXT:
            return row.snippet
        if column == Column.PLATFORM:
            return row.source_name
        if column == Column.SENTIMENT and row.sentiment is not None:
            return self.tr("Sentiment: {value:+.2f}").format(value=row.sentiment)
        return None

    def _foreground(self, row: InboxRow, column: int) -> QColor | None:
        if column == Column.SENTIMENT and row.sentiment is not None:
            if row.sentiment <= -0.3:
                return accent("negative")
            return accent("positive") if row.sentiment >= 0.3 else accent("neutral")
        if column == Column.RATING:
            return accent("star")
        if (
            column == Column.AGE
            and row.due_at
            and row.status in ("new", "open")
            and self._clock() > row.due_at
        ):
            return accent("overdue")
        if row.status == "done":
            return accent("muted")
        return None


def _tone_mark(sentiment: float | None) -> str:
    if sentiment is None:
        return ""
    if sentiment <= -0.3:
        return "▼"
    return "▲" if sentiment >= 0.3 else "●"


def _ranges(rows: Sequence[int]) -> Iterable[tuple[int, int]]:
    """Consecutive runs in a sorted list, as (first, last) pairs."""
    start = previous = None
    for row in rows:
        if start is None:
            start = previous = row
        elif previous is not None and row == previous + 1:
            previous = row
        else:
            assert previous is not None
            yield start, previous
            start = previous = row
    if start is not None and previous is not None:
        yield start, previous
