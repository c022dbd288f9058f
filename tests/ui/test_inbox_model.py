from __future__ import annotations

from array import array
from pathlib import Path

from pytestqt.modeltest import ModelTester

from desktop.inbox import InboxQuery, View, fetch_rows, item_ids
from desktop.workspace import Workspace
from ui.inbox_model import PAGE_SIZE, Column, InboxModel, ItemIdRole


def test_inbox_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_path: Path) -> None:
    workspace = Workspace.open(demo_path)
    try:
        model = InboxModel(lambda ids: fetch_rows(workspace.db, ids))
        model.set_ids(item_ids(workspace.db, InboxQuery(View.ALL)))
        qtmodeltester.check(model)
        assert model.rowCount() >= 400 and model.columnCount() == Column.COUNT
    finally:
        workspace.close()


def test_rows_are_fetched_a_page_at_a_time(demo_path: Path) -> None:
    workspace = Workspace.open(demo_path)
    fetched: list[int] = []

    def fetch(ids: object) -> dict[int, object]:
        page = list(ids)  # type: ignore[call-overload]
        fetched.append(len(page))
        return fetch_rows(workspace.db, page)  # type: ignore[return-value]

    try:
        model = InboxModel(fetch)  # type: ignore[arg-type]
        ids = item_ids(workspace.db, InboxQuery(View.ALL))
        model.set_ids(ids)
        assert fetched == []  # nothing loaded until something is shown
        assert model.data(model.index(3, Column.AUTHOR))
        assert model.data(model.index(PAGE_SIZE - 1, Column.TEXT))
        assert fetched == [PAGE_SIZE]
        model.data(model.index(PAGE_SIZE + 1, Column.TEXT))
        assert fetched == [PAGE_SIZE, PAGE_SIZE]
        assert model.cached_rows == 2 * PAGE_SIZE
        assert model.data(model.index(5, 0), ItemIdRole) == ids[5]
    finally:
        workspace.close()


def test_rows_that_leave_the_query_are_removed_in_place() -> None:
    model = InboxModel(lambda ids: {})
    model.set_ids(array("q", range(10)))
    removed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))
    model.update_ids(array("q", [0, 1, 4, 5, 6, 9]))
    assert removed == [(7, 8), (2, 3)] and resets == []
    model.update_ids(array("q", [9, 0]))  # a new order: reset
    assert resets == [True] and model.rowCount() == 2


def test_rows_that_arrive_are_inserted_in_place_with_removals(
    qtmodeltester: ModelTester,
) -> None:
    model = InboxModel(lambda ids: {})
    model.set_ids(array("q", [50, 40, 30, 20, 10]))
    qtmodeltester.check(model)
    inserted: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))
    # Newest first: two new items on top, one in the middle, and 40 answered meanwhile.
    model.update_ids(array("q", [70, 60, 50, 35, 30, 20, 10]))
    assert resets == []
    assert inserted == [(0, 1), (3, 3)]
    assert [model.id_at(row) for row in range(model.rowCount())] == [70, 60, 50, 35, 30, 20, 10]
