from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db.models import Event, Item, Source
from desktop.ingest import RemoteAuthor, RemoteItem, ingest_batch
from desktop.workspace import Workspace
from tests.ui.conftest import WindowFactory
from ui.inbox_model import Column
from ui.main_window import MainWindow


def _item(window: MainWindow, item_id: int) -> Item:
    with window.services.workspace.db.sessions() as session:
        item = session.get(Item, item_id)
        assert item is not None
        return item


def _events(window: MainWindow, item_id: int) -> list[Event]:
    with window.services.workspace.db.sessions() as session:
        return list(
            session.scalars(select(Event).where(Event.item_id == item_id).order_by(Event.id))
        )


def _select_row(qtbot: QtBot, window: MainWindow, row: int) -> int:
    window.inbox.setFocus()
    index = window.controller.model.index(row, 0)
    window.inbox.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    item_id = window.controller.model.id_at(row)
    assert item_id is not None
    return item_id


def _wait_reload(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.controller.idsLoaded, timeout=5000):
        pass


def test_selecting_an_item_fills_the_item_and_history_panes(
    qtbot: QtBot, window: MainWindow
) -> None:
    item_id = _select_row(qtbot, window, 4)
    item = _item(window, item_id)
    assert window.item_pane.text.toPlainText() == item.text
    assert window.item_pane.item is not None and window.item_pane.item.id == item_id
    assert window.history_pane.timeline.count() >= 1
    assert window.history_pane.dossier.items.count() >= 1
    texts = [
        window.history_pane.dossier.items.item(n).text()
        for n in range(window.history_pane.dossier.items.count())
    ]
    assert any(t.startswith("▶ ") for t in texts)  # the current item among the author's


def test_keyboard_triage_changes_status_writes_event_and_moves_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    first = _select_row(qtbot, window, 0)
    second = window.controller.model.id_at(1)
    rows_before = window.controller.model.rowCount()
    qtbot.keyClick(window.inbox, Qt.Key.Key_E)
    assert _item(window, first).status == "done"
    assert [(e.kind, e.actor, json.loads(e.data)["after"]) for e in _events(window, first)] == [
        ("status", "Tester", "done")
    ]
    _wait_reload(qtbot, window)
    # The done item leaves "Needs reply"; the next one becomes current.
    assert window.controller.model.rowCount() == rows_before - 1
    assert window.item_pane.item is not None and window.item_pane.item.id == second
    qtbot.keyClick(window.inbox, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _item(window, first).status == "new"
    assert _events(window, first)[-1].kind == "undo"


def test_escalate_assign_and_j_k_navigation(qtbot: QtBot, window: MainWindow) -> None:
    first = _select_row(qtbot, window, 0)
    qtbot.keyClick(window.inbox, Qt.Key.Key_A)
    assert _item(window, first).assignee == "Tester"
    qtbot.keyClick(window.inbox, Qt.Key.Key_J)
    qtbot.keyClick(window.inbox, Qt.Key.Key_J)
    assert window.inbox.currentIndex().row() == 2
    qtbot.keyClick(window.inbox, Qt.Key.Key_K)
    current = window.controller.model.id_at(1)
    assert window.item_pane.item is not None and window.item_pane.item.id == current
    qtbot.keyClick(window.inbox, Qt.Key.Key_Exclam, Qt.KeyboardModifier.ShiftModifier)
    assert current is not None and _item(window, current).status == "escalated"


def test_bulk_action_applies_to_every_selected_item(qtbot: QtBot, window: MainWindow) -> None:
    _select_row(qtbot, window, 0)
    model = window.controller.model
    window.inbox.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(5, Column.COUNT - 1)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    chosen = [model.id_at(row) for row in range(6)]
    assert sorted(window.selected_ids()) == sorted(i for i in chosen if i is not None)
    qtbot.keyClick(window.inbox, Qt.Key.Key_A)
    for item_id in chosen:
        assert item_id is not None and _item(window, item_id).assignee == "Tester"
        assert [e.kind for e in _events(window, item_id)][-1] == "assign"
    qtbot.keyClick(window.inbox, Qt.Key.Key_E)
    assert all(_item(window, i).status == "done" for i in chosen if i is not None)


def test_no_shortcut_fires_while_typing_in_the_composer(qtbot: QtBot, window: MainWindow) -> None:
    item_id = _select_row(qtbot, window, 0)
    window.item_pane.composer.setFocus()
    qtbot.keyClicks(window.item_pane.composer, "esatj!k")
    assert window.item_pane.composer.toPlainText() == "esatj!k"
    item = _item(window, item_id)
    assert item.status == "new" and item.assignee is None and item.tags == []
    assert window.item_pane.item is not None and window.item_pane.item.id == item_id


def test_canned_response_inserts_with_placeholders_filled(qtbot: QtBot, window: MainWindow) -> None:
    item_id = _select_row(qtbot, window, 0)
    panel = window.canned_panel
    panel.search.setText("widget")
    assert panel.list.count() >= 1
    panel.list.setCurrentRow(0)
    preview = panel.preview.toPlainText()
    assert preview and "{first_name" not in preview and "{product" not in preview
    qtbot.mouseClick(panel.insert, Qt.MouseButton.LeftButton)
    composed = window.item_pane.composer.toPlainText()
    assert composed == preview
    assert re.search(r"\{[a-z_]+(\|[^}]*)?\}", composed) is None
    assert "canned_used" in [e.kind for e in _events(window, item_id)]


def test_draft_survives_switching_items_and_a_restart(
    qtbot: QtBot, open_window: WindowFactory, demo_path: Path
) -> None:
    window = open_window(Workspace.open(demo_path))
    item_id = _select_row(qtbot, window, 2)
    window.item_pane.composer.setFocus()
    qtbot.keyClicks(window.item_pane.composer, "Thanks, we are on it")
    _select_row(qtbot, window, 3)
    assert window.item_pane.composer.toPlainText() == ""
    _select_row(qtbot, window, 2)
    assert window.item_pane.composer.toPlainText() == "Thanks, we are on it"
    qtbot.keyClicks(window.item_pane.composer, "!")
    window.close()  # saves what is pending
    again = open_window(Workspace.open(demo_path))
    again.select_item(item_id)
    assert again.item_pane.composer.toPlainText() == "Thanks, we are on it!"
    assert "draft_started" in [e.kind for e in _events(again, item_id)]


def test_html_in_an_item_is_shown_as_text(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    workspace = Workspace.open(tmp_path / "w")
    with workspace.db.transaction() as session:
        source = Source(platform="youtube", name="<b>Channel</b>", created_at=1)
        session.add(source)
        session.flush()
        source_id = source.id
    hostile = "<img src=x onerror=alert(1)> <b>bold</b> <a href='http://example.com'>x</a>"
    ingest_batch(
        workspace.db,
        source_id,
        [
            RemoteItem(
                "h1",
                "comment",
                hostile,
                1_790_000_000,
                author=RemoteAuthor("u1", "@u1", "<i>Eve</i>"),
            )
        ],
        now=1_790_000_100,
        sla_seconds=60,
    )
    window = open_window(workspace)
    _select_row(qtbot, window, 0)
    assert window.item_pane.text.toPlainText() == hostile
    assert window.item_pane.author.text().startswith("<i>Eve</i>")
    for label in window.item_pane.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    snippet = window.controller.model.data(window.controller.model.index(0, Column.TEXT))
    assert "<img src=x" in snippet


def test_search_narrows_the_inbox(qtbot: QtBot, window: MainWindow) -> None:
    window.sidebar.select_view(window.controller.query.view.ALL)
    _wait_reload(qtbot, window)
    everything = window.controller.model.rowCount()
    window.inbox.setFocus()
    qtbot.keyClick(window.inbox, Qt.Key.Key_Slash)
    assert window.search.hasFocus()
    with qtbot.waitSignal(window.controller.idsLoaded, timeout=5000):
        qtbot.keyClicks(window.search, "widget")
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.inbox.hasFocus()  # Enter hands the keyboard back to the list
    found = window.controller.model.rowCount()
    assert 0 < found < everything
    for row in range(found):
        item_id = window.controller.model.id_at(row)
        assert item_id is not None
        assert re.search(r"\bwidget", _item(window, item_id).text.lower())
    # QTest types ASCII only; Russian text goes in as the input method would hand it over.
    with qtbot.waitSignal(window.controller.idsLoaded, timeout=5000):
        window.search.setText("виджет")
    russian = window.controller.model.rowCount()
    assert russian > 0
    for row in range(russian):
        item_id = window.controller.model.id_at(row)
        assert item_id is not None and "виджет" in _item(window, item_id).text.lower()


def test_counts_follow_triage(qtbot: QtBot, window: MainWindow) -> None:
    from desktop.inbox import View

    done_before = window.sidebar.count_of(View.DONE)
    assert done_before is not None
    _select_row(qtbot, window, 0)
    with qtbot.waitSignal(window.controller.countsLoaded, timeout=5000):
        qtbot.keyClick(window.inbox, Qt.Key.Key_E)
    assert window.sidebar.count_of(View.DONE) == done_before + 1


def test_snooze_and_tag_through_their_choosers(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime, timedelta

    import ui.main_window as main_window_module
    from ui.dialogs import TagDialog

    until = datetime.now() + timedelta(hours=3)
    monkeypatch.setattr(main_window_module, "choose_snooze", lambda parent, at: until)
    item_id = _select_row(qtbot, window, 0)
    qtbot.keyClick(window.inbox, Qt.Key.Key_S)
    item = _item(window, item_id)
    assert item.status == "snoozed" and item.snoozed_until == int(until.timestamp())

    other = _select_row(qtbot, window, 1)
    monkeypatch.setattr(TagDialog, "exec", lambda self: TagDialog.DialogCode.Accepted)
    monkeypatch.setattr(TagDialog, "tag", lambda self: "Billing")
    qtbot.keyClick(window.inbox, Qt.Key.Key_T)
    assert [t.name for t in _item(window, other).tags] == ["billing"]
    assert "#billing" in window.item_pane.meta.text()
    monkeypatch.setattr(TagDialog, "tag", lambda self: "-billing")
    qtbot.keyClick(window.inbox, Qt.Key.Key_T)
    assert _item(window, other).tags == []


def test_cheat_sheet_lists_the_keys(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import CheatSheet

    shown: list[CheatSheet] = []
    monkeypatch.setattr(CheatSheet, "exec", lambda self: shown.append(self) or 0)
    window.inbox.setFocus()
    qtbot.keyClick(window.inbox, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert len(shown) == 1
    keys = [shown[0].table.item(row, 0).text() for row in range(shown[0].table.rowCount())]
    assert "E" in keys and "Ctrl+Z" in keys


def test_a_shortcut_and_tab_expand_an_answer_with_the_keyboard_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    item_id = _select_row(qtbot, window, 0)
    composer = window.item_pane.composer
    detail = window.item_pane.item
    assert detail is not None
    answer = window.services.canned.by_shortcut("thanks")
    assert answer is not None
    expected = window.services.canned.fill(answer, detail).text
    composer.setFocus()
    qtbot.keyClicks(composer, "Hello! ;thanks")
    qtbot.keyClick(composer, Qt.Key.Key_Tab)
    assert composer.toPlainText() == "Hello! " + expected
    assert composer.hasFocus(), "Tab expanded instead of moving on"
    assert "canned_used" in [e.kind for e in _events(window, item_id)]
    # A shortcut glued to a word (or an unknown one) is left alone, and Tab moves on.
    qtbot.keyClicks(composer, " x;thanks")
    qtbot.keyClick(composer, Qt.Key.Key_Tab)
    assert composer.toPlainText().endswith(" x;thanks")
    assert not composer.hasFocus()
    composer.setFocus()
    qtbot.keyClicks(composer, " ;nothing")
    qtbot.keyClick(composer, Qt.Key.Key_Tab)
    assert composer.toPlainText().endswith(" ;nothing") and not composer.hasFocus()
