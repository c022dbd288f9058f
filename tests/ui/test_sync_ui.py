"""The window with sync running against the fake platform: new items arrive, a reply leaves
from the composer and its history shows each step, offline is shown, irreversible actions ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db.models import Event, Item, OutboxOperation
from desktop.demo import load_demo_answers
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.inbox import View
from desktop.workspace import Workspace
from tests.conftest import NOW
from tests.support.platform import add_community_source, make_items
from tests.ui.conftest import WindowFactory, wait_until
from ui.app import start_sync
from ui.canned_panel import ResponseRole
from ui.dialogs import FillInDialog
from ui.main_window import MainWindow

PLATFORM_ITEMS = 30  # the shared `platform` fixture serves this many


@pytest.fixture
def synced_window(
    request: pytest.FixtureRequest,
    open_window: WindowFactory,
    tmp_path: Path,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
) -> MainWindow:
    server, _community = platform
    workspace = Workspace.open(tmp_path / "ws")
    add_community_source(workspace, server, product="Lumo Planner")
    window = open_window(workspace)
    sync = start_sync(window, workspace)
    request.node.before_widgets_close = [lambda: qt_loop.run_until_complete(sync.stop())]
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 30)
    return window


def test_new_items_arrive_without_losing_the_selection(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
) -> None:
    window = synced_window
    _server, community = platform
    window.select_item(window.controller.model.id_at(5) or 0)
    chosen = window.item_pane.item
    assert chosen is not None
    community.add_many(make_items(3, start=100, created_at=2**33))
    window.sync_status.sync_now()
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 33)
    assert window.item_pane.item is not None and window.item_pane.item.id == chosen.id
    assert window.controller.model.id_at(window.inbox.currentIndex().row()) == chosen.id
    assert "synced at" in window.sync_status.label.text()


def test_a_reply_leaves_from_the_composer_and_its_history_shows_each_step(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
    qtbot: QtBot,
) -> None:
    window = synced_window
    _server, community = platform
    pane = window.item_pane
    assert pane.item is not None
    item_id = pane.item.id
    pane.composer.setPlainText("Thanks, we are on it.")
    assert pane.send_button.isEnabled()
    qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
    assert pane.composer.toPlainText() == ""
    wait_until(qt_loop, lambda: len(community.received) == 1)
    db = window.services.workspace.db
    wait_until(qt_loop, lambda: _op_state(db) == "sent")
    with db.sessions() as session:
        steps = [
            json.loads(e.data)["state"]
            for e in session.scalars(
                select(Event).where(Event.item_id == item_id, Event.kind == "outbox")
            )
        ]
    assert steps == ["queued", "sending", "sent"]
    # Answered, the item left "Needs reply"; shown again, its history tells the whole story.
    assert window.item_pane.item is not None and window.item_pane.item.id != item_id
    window.select_item(item_id)
    history = _history_text(window)
    assert "Tester queued “Reply”" in history
    assert "“Reply”: sent, id on the platform test-r" in history


def test_offline_is_shown_and_actions_wait(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
) -> None:
    window = synced_window
    server, community = platform
    server.set_reachable(False)
    window.item_pane.composer.setPlainText("We will look into it")
    window.item_pane.send_button.click()
    wait_until(qt_loop, lambda: window.sync_status.label.text().startswith("Offline"))
    assert "1 action(s) waiting to be sent" in window.sync_status.label.text()
    assert "⚠" in window.sidebar.topLevelItem(1).child(0).text(0)
    server.set_reachable(True)
    window.sync_status.sync_now()
    wait_until(qt_loop, lambda: len(community.received) == 1, timeout=20)
    wait_until(qt_loop, lambda: "waiting" not in window.sync_status.label.text())


def test_an_irreversible_action_asks_first(
    synced_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    qt_loop: qasync.QEventLoop,
) -> None:
    window = synced_window
    delete = window.item_pane.moderation.buttons["delete"]
    assert delete.isVisible() and "⚠" in delete.text()
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    delete.click()
    assert _ops(window) == []
    delete.click()
    assert len(asked) == 2 and "cannot be undone" in asked[0]
    assert [op.kind for op in _ops(window)] == ["delete"]
    hide = window.item_pane.moderation.buttons["hide"]
    hide.click()
    assert len(asked) == 2, "a reversible action does not ask"


def test_a_failed_reply_is_listed_and_can_be_retried_after_an_edit(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = synced_window
    server, community = platform
    pane = window.item_pane
    pane.composer.setPlainText("x" * 6000)  # longer than the platform allows: not even sent
    assert not pane.send_button.isEnabled() and pane.counter.text() == "6000 / 5000"
    assert pane.counter.property("tooLong") is True
    server.inject("reject", method="POST", path_contains="/replies")
    pane.composer.setPlainText("Thanks for the report!")
    assert pane.send_button.isEnabled() and pane.counter.property("tooLong") is False
    pane.send_button.click()
    db = window.services.workspace.db
    wait_until(qt_loop, lambda: _op_state(db) == "failed")
    window.sidebar.select_view(View.SEND_PROBLEMS)
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 1)
    window.select_item(window.controller.model.id_at(0) or 0)
    strip = window.item_pane.outbox
    assert (
        "Replies to this item are closed."
        in strip.findChild(type(pane.header), "outboxText").text()
    )
    monkeypatch.setattr("ui.outbox_actions.ask_reply_text", lambda _parent, _text: "Edited now")
    strip.findChild(QPushButton, "edit").click()
    wait_until(qt_loop, lambda: _op_state(db) == "sent")
    assert [i["text"] for i in community.items.values() if i["kind"] == "reply"] == ["Edited now"]


def _ops(window: MainWindow) -> list[OutboxOperation]:
    with window.services.workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation)))


def _op_state(db: object) -> str | None:
    from desktop.db.engine import Database

    assert isinstance(db, Database)
    with db.sessions() as session:
        return session.scalar(select(OutboxOperation.state).order_by(OutboxOperation.id.desc()))


def _history_text(window: MainWindow) -> str:
    pane = window.history_pane
    return "\n".join(pane.timeline.item(row).text() for row in range(pane.timeline.count()))


def test_blanks_left_in_a_reply_are_asked_for_and_never_sent_raw(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = synced_window
    _server, community = platform
    asked: list[tuple[list[str], list[str]]] = []
    answers: list[tuple[dict[str, str], dict[str, str]] | None] = [
        None,  # the first time the moderator cancels
        ({"ticket": "T-9"}, {"order number": "A-17"}),
    ]

    def ask(_parent: object, names: list[str], questions: list[str]) -> object:
        asked.append((names, questions))
        return answers.pop(0)

    monkeypatch.setattr("ui.outbox_actions.ask_fill_ins", ask)
    pane = window.item_pane
    pane.composer.setPlainText("Hi {first_name|there}, order {?order number}, ticket {ticket}.")
    pane.send_button.click()
    assert _ops(window) == [] and pane.composer.toPlainText().startswith("Hi {first_name")
    pane.send_button.click()
    assert asked == [(["ticket"], ["order number"])] * 2
    db = window.services.workspace.db
    wait_until(qt_loop, lambda: _op_state(db) == "sent")
    assert [i["text"] for i in community.items.values() if i["kind"] == "reply"] == [
        "Hi there, order A-17, ticket T-9."
    ]


def test_the_fill_in_dialog_needs_every_blank(qtbot: QtBot) -> None:
    dialog = FillInDialog(["ticket"], ["order number"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.fields[("name", "ticket")].setText("T-9")
    assert not ok.isEnabled()
    dialog.fields[("question", "order number")].setText("A-17")
    assert ok.isEnabled()
    assert dialog.values() == ({"ticket": "T-9"}, {"order number": "A-17"})


def test_a_bulk_hide_sends_each_author_their_own_reason_first(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
) -> None:
    window = synced_window
    _server, community = platform
    canned = window.services.canned
    load_demo_answers(window.services.workspace.db, NOW)
    window.set_language("en")
    civil = canned.by_shortcut("civil")
    assert civil is not None
    moderation = window.item_pane.moderation
    moderation.reason.setCurrentIndex(moderation.reason.findData(civil.id))
    ids = [window.controller.model.id_at(row) or 0 for row in range(3)]
    window.select_item(ids[0])
    for row in (1, 2):
        window.inbox.selectionModel().select(
            window.controller.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert window.selected_ids() == ids
    moderation.buttons["hide"].click()
    db = window.services.workspace.db
    wait_until(qt_loop, lambda: sum(community.received.values()) == 6)
    wait_until(qt_loop, lambda: all(op.state == "sent" for op in _ops(window)))
    with db.sessions() as session:
        remote = dict(
            session.execute(select(Item.id, Item.remote_id).where(Item.id.in_(ids))).all()
        )
    for item_id in ids:
        ops = [op for op in _ops(window) if op.item_id == item_id]
        assert [op.kind for op in ops] == ["reply", "hide"], "the message leaves first"
        replies = community.replies(remote[item_id])
        author = community.items[remote[item_id]]["author"]["name"]
        assert len(replies) == 1 and author.split()[0] in replies[0]["text"]
        assert community.items[remote[item_id]]["state"] == "hidden"


def test_two_answers_combine_into_one_reply_and_the_history_says_how_they_were_edited(
    synced_window: MainWindow,
    platform: tuple[CommunityServer, Community],
    qt_loop: qasync.QEventLoop,
) -> None:
    window = synced_window
    _server, community = platform
    load_demo_answers(window.services.workspace.db, NOW)
    panel, pane = window.canned_panel, window.item_pane
    panel.library_changed()
    assert pane.item is not None
    item_id = pane.item.id
    inserted = []
    for shortcut in ("free", "nodata"):
        answer = window.services.canned.by_shortcut(shortcut)
        assert answer is not None
        panel.search.setText(shortcut)  # found by its shortcut, chosen, and Enter inserts it
        rows = [panel.list.item(r).data(ResponseRole) for r in range(panel.list.count())]
        panel.list.setCurrentRow(rows.index(answer.id))
        inserted.append(panel.preview.toPlainText())
        panel.search.returnPressed.emit()
        pane.insert_text("\n")
    composer = pane.composer
    assert composer.toPlainText() == inserted[0] + "\n" + inserted[1] + "\n"
    composer.setPlainText(composer.toPlainText().replace(inserted[1], "We never sell data."))
    pane.send_button.click()
    db = window.services.workspace.db
    wait_until(qt_loop, lambda: _op_state(db) == "sent")
    sent = [i["text"] for i in community.items.values() if i["kind"] == "reply"]
    assert sent == [inserted[0] + "\nWe never sell data."]
    with db.sessions() as session:
        used = [
            json.loads(e.data)
            for e in session.scalars(
                select(Event).where(Event.item_id == item_id, Event.kind == "canned_sent")
            )
        ]
    assert [u["key"] for u in used] == [
        window.services.canned.by_shortcut(s).key  # type: ignore[union-attr]
        for s in ("free", "nodata")
    ]
    first, second = used
    assert first["inserted"] == inserted[0] and first["words_removed"] == 0
    # The second was rewritten to four words: most of its words are gone (a few, like "we"
    # and "data", still match words elsewhere in the reply).
    assert second["words_removed"] > len(inserted[1].split()) * 3 // 4
    window.select_item(item_id)
    assert "edited: +" in _history_text(window)
