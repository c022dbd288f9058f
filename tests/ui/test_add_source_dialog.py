"""The Add-source dialog: a platform's form, a sign-in checked against the platform before
anything is saved, a clear message when it fails, and sign in again for a revoked source."""

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
