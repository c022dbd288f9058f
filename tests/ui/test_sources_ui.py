"""Sources in the window: the Add-source dialog and sign in again, and what each platform allows
on an item (disabled actions with the reason, a published answer, what a delete also removes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.inbox import View
from desktop.services.sources import list_sources
from desktop.workspace import Workspace
from tests.support.platform import ACCOUNT, MemoryKeyring, make_items
from tests.ui.conftest import WindowFactory, wait_until
from ui.add_source_dialog import AddSourceDialog
from ui.app import start_sync

TOKEN = "dialog-token-77"


@pytest.fixture
def server() -> Iterator[tuple[CommunityServer, Community]]:
    server = CommunityServer().start()
    server.require_token = True
    community = server.add_community(Community("lumo", ACCOUNT, "Lumo Team"))
    community.access_tokens.add(TOKEN)
    yield server, community
    server.stop()


def fill(dialog: AddSourceDialog, server: CommunityServer, token: str) -> None:
    dialog.select_platform("community")
    dialog.set_value("base_url", server.base_url("lumo"))
    dialog.set_value("account", ACCOUNT)
    dialog.set_value("access_token", token)


def test_connecting_a_source_saves_it_only_once_the_platform_accepts(
    qtbot: QtBot,
    qt_loop: qasync.QEventLoop,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    server: tuple[CommunityServer, Community],
) -> None:
    platform, _community = server
    workspace = Workspace.open(tmp_path / "ws")
    owner = QWidget()  # the window the dialog belongs to: closing the dialog ends nothing
    qtbot.addWidget(owner)
    owner.show()
    dialog = AddSourceDialog(workspace.db, owner)
    dialog.show()
    dialog.select_platform("community")
    assert not dialog.connect_button.isEnabled()  # required values are missing
    fill(dialog, platform, "wrong-token")
    assert dialog.connect_button.isEnabled()
    assert (
        dialog._inputs["access_token"].echoMode()
        == dialog._inputs["access_token"].EchoMode.Password
    )

    dialog.start_sign_in()
    wait_until(qt_loop, lambda: not dialog.busy)
    assert "did not accept" in dialog.status.text()
    assert list_sources(workspace.db) == [] and memory_keyring.passwords == {}
    assert dialog.isVisible()  # the typed values stay for another try

    dialog.set_value("access_token", TOKEN)
    dialog.name.setText("Lumo forum")
    added: list[int] = []
    dialog.sourceAdded.connect(added.append)
    dialog.start_sign_in()
    wait_until(qt_loop, lambda: bool(added))
    (source,) = list_sources(workspace.db)
    assert added == [source.id] and source.name == "Lumo forum"
    assert memory_keyring.passwords == {("Steward", f"source-{source.id}:access_token"): TOKEN}
    assert not dialog.isVisible()
    workspace.close()


def test_a_revoked_source_asks_to_sign_in_again_and_is_signed_in_from_the_window(
    request: pytest.FixtureRequest,
    open_window: WindowFactory,
    qt_loop: qasync.QEventLoop,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    server: tuple[CommunityServer, Community],
) -> None:
    platform, community = server
    community.add_many(make_items(3))
    workspace = Workspace.open(tmp_path / "ws")
    window = open_window(workspace)
    sync = start_sync(window, workspace)
    request.node.before_widgets_close = [lambda: qt_loop.run_until_complete(sync.stop())]
    dialog = window.open_add_source()
    fill(dialog, platform, TOKEN)
    added: list[int] = []
    dialog.sourceAdded.connect(added.append)
    dialog.start_sign_in()
    wait_until(qt_loop, lambda: bool(added))
    source_id = added[0]
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 3)  # synced at once

    community.access_tokens.clear()  # revoked on the platform
    window.sync_status.sync_now()
    wait_until(qt_loop, lambda: window.sidebar.source_state(source_id) == "signin")
    assert window.sync_status.label.text().startswith("Sign in again: lumo")
    (row,) = [window.sidebar._sources_group.child(0)]
    assert row.text(0).endswith("⚠") and "Sign in again" in row.toolTip(0)

    again = window.open_sign_in_again(source_id)
    assert again.kind == "community" and not again.platforms.isVisible()
    assert again._inputs["base_url"].text() == platform.base_url("lumo")
    assert again._inputs["access_token"].text() == ""  # secrets are never shown again
    assert again.connect_button.text() == "Sign in"
    community.access_tokens.add("renewed")
    again.set_value("access_token", "renewed")
    signed: list[int] = []
    again.signedIn.connect(signed.append)
    again.start_sign_in()
    wait_until(qt_loop, lambda: signed == [source_id])
    wait_until(qt_loop, lambda: window.sidebar.source_state(source_id) == "idle")
    assert [s.id for s in list_sources(workspace.db)] == [source_id]
    assert memory_keyring.passwords[("Steward", f"source-{source_id}:access_token")] == "renewed"


def test_actions_the_platform_or_the_item_does_not_allow_are_disabled_with_the_reason(
    open_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """A Telegram comment: no approve, hide or spam on Telegram at all, and no delete once it
    is older than 48 hours; ban stays possible. Restore and edit do not show."""
    import time

    from desktop.db.models import Source
    from desktop.ingest import RemoteAuthor, RemoteItem, ingest_batch

    workspace = Workspace.open(tmp_path / "ws")
    now = int(time.time())
    with workspace.db.transaction() as session:
        source = Source(
            platform="telegram",
            name="Channel chat",
            settings='{"connector": "telegram"}',
            created_at=now,
        )
        session.add(source)
        session.flush()
        source_id = source.id
    author = RemoteAuthor("42", "@someone", "Someone")
    ingest_batch(
        workspace.db,
        source_id,
        [
            RemoteItem("-100:7:42", "comment", "old comment", now - 3 * 86_400, author=author),
            RemoteItem("-100:9:42", "comment", "fresh comment", now - 600, author=author),
        ],
        now=now,
        sla_seconds=3600,
    )
    window = open_window(workspace)
    bar = window.item_pane.moderation
    for row, deletable in ((0, True), (1, False)):  # newest first
        window.inbox.selectionModel().setCurrentIndex(
            window.controller.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        buttons = bar.buttons
        for action in ("approve", "hide", "spam"):
            assert buttons[action].isVisibleTo(window) and not buttons[action].isEnabled()
            assert "Telegram" in buttons[action].toolTip()
        assert buttons["ban"].isEnabled() and buttons["ban"].text().endswith("⚠")
        assert buttons["delete"].isEnabled() is deletable
        if not deletable:
            assert "48 hours" in buttons["delete"].toolTip()
        assert not buttons["restore"].isVisibleTo(window)
        assert not buttons["edit_reply"].isVisibleTo(window)


def test_a_review_shows_its_published_answer_and_that_a_reply_replaces_it(
    open_window: WindowFactory, qt_loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    import time

    from desktop.db.models import Source
    from desktop.ingest import RemoteAuthor, RemoteItem, ingest_batch

    workspace = Workspace.open(tmp_path / "ws")
    now = int(time.time())
    with workspace.db.transaction() as session:
        source = Source(
            platform="google_play",
            name="Lumo (Android)",
            settings='{"connector": "google_play", "package_name": "com.lumo"}',
            created_at=now,
        )
        session.add(source)
        session.flush()
        source_id = source.id
    ingest_batch(
        workspace.db,
        source_id,
        [
            RemoteItem(
                "gp1",
                "review",
                "Sync stopped working",
                now - 7200,
                author=RemoteAuthor("a1", "", "Marta"),
                rating=2,
                app_version="2.4.1",
                device="Galaxy Tab S7",
                language="en",
                extra={"territory": "gb"},
            ),
            RemoteItem("gp2", "review", "Love it", now - 3600, rating=5),
            RemoteItem(
                "gp1/reply",
                "reply",
                "Sorry! 2.4.2 fixes it.",
                now - 3000,
                parent_remote_id="gp1",
                own=True,
            ),
        ],
        now=now,
        sla_seconds=3600,
    )
    window = open_window(workspace)
    pane = window.item_pane
    window.controller.set_view(View.ALL, None)
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 3)
    rows = {window.controller.model.id_at(r): r for r in range(3)}
    ids = dict(workspace.db.raw().execute("SELECT remote_id, id FROM items").fetchall())

    def select(remote_id: str) -> None:
        window.inbox.selectionModel().setCurrentIndex(
            window.controller.model.index(rows[ids[remote_id]], 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    select("gp1")
    assert "★★☆☆☆" in pane.meta.text() and "version 2.4.1" in pane.meta.text()
    assert "Galaxy Tab S7" in pane.meta.text() and "GB" in pane.meta.text()
    assert pane.answer.isVisibleTo(window) and "Sorry! 2.4.2 fixes it." in pane.answer.text()
    assert "replaces your published answer" in pane.composer_label.text()
    pane.composer.setPlainText("x" * 351)  # over Google Play's 350
    assert pane.counter.text() == "351 / 350" and not pane.send_button.isEnabled()
    pane.composer.setPlainText("Thanks for the update!")
    assert pane.send_button.isEnabled()

    select("gp2")  # not answered yet: nothing to replace
    assert not pane.answer.isVisibleTo(window)
    assert pane.composer_label.text() == "Reply"


def test_a_delete_that_takes_the_replies_with_it_says_so_before_it_is_queued(
    open_window: WindowFactory,
    qt_loop: qasync.QEventLoop,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from PySide6.QtWidgets import QMessageBox

    from desktop.db.models import Source
    from desktop.ingest import RemoteItem, ingest_batch
    from desktop.services.outbox import OutboxService

    workspace = Workspace.open(tmp_path / "ws")
    now = int(time.time())
    with workspace.db.transaction() as session:
        source = Source(
            platform="waline", name="Blog", settings='{"connector": "waline"}', created_at=now
        )
        session.add(source)
        session.flush()
        source_id = source.id
    ingest_batch(
        workspace.db,
        source_id,
        [RemoteItem("7", "comment", "spam link", now - 60)],
        now=now,
        sla_seconds=3600,
    )
    window = open_window(workspace)
    wait_until(qt_loop, lambda: window.controller.model.rowCount() == 1)
    window.inbox.selectionModel().setCurrentIndex(
        window.controller.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    window.item_pane.moderation.buttons["delete"].click()
    assert "every reply" in asked[0] and outbox.entries() == []  # cancelled: nothing queued
    answer[0] = QMessageBox.StandardButton.Yes
    window.item_pane.moderation.buttons["delete"].click()
    assert [e.action for e in outbox.entries()] == ["delete"]
