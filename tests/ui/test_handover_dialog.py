"""The shift handover dialog on a known database: the default window, the live preview, the
redaction, each format saved, the Markdown copied for a chat, and a packet imported on another
workstation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.db.models import Author, Note
from desktop.services.handover import HandoverService
from desktop.workspace import Workspace
from tests.conftest import remote_item
from tests.desktop.handover_world import (
    ANNA,
    AUTHOR_NAMES,
    JOHN,
    SINCE,
    UNTIL,
    add_secret_source,
    dump,
    fill,
)
from tests.desktop.helpers import ingest
from ui import handover_dialog
from ui.handover_dialog import HandoverDialog, import_handover, import_handover_file
from ui.main_window import MainWindow

SECTIONS = (
    "Shift handover",
    "Handled",
    "Open",
    "Escalations waiting",
    "Notes for the next shift",
    "Watched authors",
    "Failed or conflicting outbox actions",
    "Sources with sync problems",
)
FLAGGED_NOTE = "threatens a chargeback; call her back"


def service_for(workspace: Workspace, actor: str) -> HandoverService:
    return HandoverService(workspace.db, lambda: actor, lambda: UNTIL, shift_started_at=SINCE)


@pytest.fixture
def service(workspace: Workspace) -> HandoverService:
    fill(workspace)
    return service_for(workspace, "Olga")


@pytest.fixture
def dialog(qtbot: QtBot, service: HandoverService) -> HandoverDialog:
    opened = HandoverDialog(service, "en")
    qtbot.addWidget(opened)
    opened.show()
    return opened


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Workspace]:
    """Another workstation with the forum's three items synced, and not yet the channel."""
    other = Workspace.open(tmp_path / "receiver")
    other.settings.agent_name = "Ivan"
    forum = add_secret_source(other, "community", "Forum", "@lumo_team")
    add_secret_source(other, "youtube", "Channel", "UC_lumo")
    authors = {1: ANNA, 2: JOHN, 3: JOHN}
    ingest(other, forum, [remote_item(n, author=authors[n]) for n in authors], now=UNTIL - 86400)
    yield other
    other.close()


def preview_text(dialog: HandoverDialog) -> str:
    return dialog.preview.toPlainText()


def test_opens_on_the_default_window_and_previews_the_note(
    qtbot: QtBot, dialog: HandoverDialog
) -> None:
    assert dialog.from_edit.dateTime() == QDateTime.fromSecsSinceEpoch(SINCE)
    assert dialog.from_edit.dateTime().timeSpec() == Qt.TimeSpec.LocalTime
    assert dialog.since() == SINCE
    assert dialog.until() is None  # "now", on the service's clock
    assert dialog.to_edit.dateTime().toSecsSinceEpoch() == UNTIL
    assert dialog.language() == "en" and not dialog.redact()
    assert dialog.note.placeholderText() == "What the next shift should know…"
    text = preview_text(dialog)
    for heading in SECTIONS:
        assert heading in text
    assert FLAGGED_NOTE in text
    assert "The platform refused the reply (HTTP 403)." in text
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Quiet night, call Anna.")
    assert dialog.refresh_timer.isActive()  # the preview waits for a pause in the typing
    assert "Quiet night" not in preview_text(dialog)
    qtbot.waitUntil(lambda: "Quiet night, call Anna." in preview_text(dialog), timeout=2000)
    assert "Note from the moderator" in preview_text(dialog)
    assert dialog.save_button.isEnabled() and dialog.warning.text() == ""


def test_a_window_that_ends_before_it_starts_is_not_handed_over(dialog: HandoverDialog) -> None:
    dialog.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(UNTIL + 3600))
    dialog.refresh_preview()
    assert dialog.warning.text() == "The window ends before it starts."
    assert not dialog.save_button.isEnabled() and not dialog.copy_button.isEnabled()
    dialog.to_edit.setDateTime(QDateTime.fromSecsSinceEpoch(UNTIL + 7200))
    dialog.refresh_preview()
    assert dialog.until() == UNTIL + 7200
    assert dialog.warning.text() == "" and dialog.save_button.isEnabled()
    dialog.now_button.click()
    assert dialog.until() is None and not dialog.save_button.isEnabled()


def test_redaction_hides_authors_from_the_preview_and_every_format(
    dialog: HandoverDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "Анна Петрова" in preview_text(dialog)
    dialog.note.setPlainText("John Smith spammed again")
    dialog.redact_box.setChecked(True)
    dialog.refresh_preview()
    text = preview_text(dialog)
    assert "Author 1" in text and "spammed again" in text
    for name in AUTHOR_NAMES:
        assert name not in text
    printed: list[str] = []  # the page each PDF is printed from
    real_render = handover_dialog.render_pdf

    def render(page: str, path: Path) -> None:
        printed.append(page)
        real_render(page, path)

    monkeypatch.setattr(handover_dialog, "render_pdf", render)
    saved = {}
    for fmt in ("md", "html", "json", "pdf"):
        path = tmp_path / f"redacted.{fmt}"
        assert dialog.save_to(path, fmt)
        saved[fmt] = path.read_text(encoding="utf-8") if fmt != "pdf" else printed[0]
    assert len(printed) == 1
    for fmt, content in saved.items():
        assert "Author 1" in content, fmt
        for name in AUTHOR_NAMES:
            assert name not in content, (fmt, name)
    assert json.loads(saved["json"])["redacted"] is True


def test_each_format_is_saved_and_the_next_handover_starts_where_it_ends(
    dialog: HandoverDialog, tmp_path: Path
) -> None:
    dialog.note.setPlainText("Quiet night.")
    exported: list[tuple[str, str]] = []
    dialog.handoverExported.connect(lambda fmt, path: exported.append((fmt, path)))
    starts = {"md": b"# Shift handover", "html": b"<!DOCTYPE html>", "json": b"{", "pdf": b"%PDF"}
    for fmt, start in starts.items():
        path = tmp_path / f"handover.{fmt}"
        assert dialog.save_to(path, fmt)
        assert path.read_bytes().startswith(start), fmt
        assert path.stat().st_mode & 0o077 == 0
        assert dialog.status.text() == f"Handover saved to handover.{fmt}"
    assert [fmt for fmt, _path in exported] == list(starts)
    packet = json.loads((tmp_path / "handover.json").read_text(encoding="utf-8"))
    assert (packet["version"], packet["note"], packet["created_by"]) == (1, "Quiet night.", "Olga")
    assert "Quiet night." in (tmp_path / "handover.md").read_text(encoding="utf-8")
    assert dialog.note.toPlainText() == "Quiet night."  # still there for another format
    # What was handed over is recorded: "Since the last handover" now starts at its end.
    dialog.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(SINCE - 3600))
    dialog.since_last_button.click()
    assert dialog.since() == UNTIL


def test_the_save_dialog_chooses_the_format_by_filter_or_extension(
    dialog: HandoverDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [(str(tmp_path / "shift"), "PDF (*.pdf)"), (str(tmp_path / "chat.md"), "")]
    asked: list[tuple[object, ...]] = []

    def choose(*args: object) -> tuple[str, str]:
        asked.append(args)
        return answers.pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    assert dialog.save()
    assert (tmp_path / "shift.pdf").read_bytes().startswith(b"%PDF")
    filters = str(asked[0][3]).split(";;")
    assert filters == ["Markdown (*.md)", "HTML (*.html)", "PDF (*.pdf)", "JSON packet (*.json)"]
    assert dialog.save()
    assert (tmp_path / "chat.md").read_text(encoding="utf-8").startswith("# Shift handover")
    assert str(asked[1][2]).startswith(str(tmp_path / "handover-"))  # the last folder, again
    assert dialog.status.text() == "Handover saved to chat.md"


def test_a_failed_save_says_why_and_keeps_the_note(
    dialog: HandoverDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog.note.setPlainText("A long note that must survive.")
    assert not dialog.save_to(tmp_path / "missing" / "handover.md", "md")
    assert warnings == ["Steward could not write handover.md: No such file or directory"]
    assert dialog.isVisible()
    assert dialog.note.toPlainText() == "A long note that must survive."
    assert dialog.status.text() == ""
    dialog.since_last_button.click()
    assert dialog.since() == SINCE  # nothing was recorded as handed over


def test_copy_markdown_puts_the_chat_text_on_the_clipboard(
    dialog: HandoverDialog, qapp: QApplication
) -> None:
    qapp.clipboard().setText("something else")
    dialog.note.setPlainText("Watch the *forum* tonight.")
    dialog.copy_button.click()
    copied = qapp.clipboard().text()
    assert copied.startswith("# Shift handover\n")
    assert "> Watch the \\*forum\\* tonight." in copied
    assert "## Notes for the next shift" in copied and FLAGGED_NOTE in copied
    assert dialog.status.text() == "Markdown copied to the clipboard"


def test_the_packet_language_defaults_to_the_interface_language(
    qtbot: QtBot, service: HandoverService
) -> None:
    russian = HandoverDialog(service, "ru")
    qtbot.addWidget(russian)
    assert russian.language() == "ru"
    assert "Передача смены" in preview_text(russian)
    russian.language_combo.setCurrentIndex(0)
    russian.refresh_preview()
    assert "Shift handover" in preview_text(russian)


def test_a_packet_is_merged_on_another_workstation_once(
    dialog: HandoverDialog,
    receiver: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    packet_path = tmp_path / "handover.json"
    assert dialog.save_to(packet_path, "json")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a: (str(packet_path), "JSON packet (*.json)")
    )
    service = service_for(receiver, "Ivan")
    with receiver.db.sessions() as session:
        assert session.scalars(select(Note.body)).all() == []
    result = import_handover(dialog, service)
    assert result is not None and not result.already_imported
    assert shown == [
        "Notes added: 3\n"
        "Items assigned or escalated: 1\n"
        "Authors put on the watchlist: 1\n"
        "Items and authors not synced here yet, merged when they arrive: 1"  # the channel's
    ]
    with receiver.db.sessions() as session:
        bodies = session.scalars(select(Note.body)).all()
        watched = session.scalars(select(Author.handle).where(Author.watchlist)).all()
    assert len(bodies) == 3
    assert any(FLAGGED_NOTE in body for body in bodies)
    assert "Posts spam links" in bodies
    assert watched == [ANNA.handle]
    before = dump(receiver.db.path)
    again = import_handover_file(dialog, service, packet_path)
    assert again is not None and again.already_imported
    assert shown[1] == "This handover packet was already imported here; nothing changed."
    assert dump(receiver.db.path) == before


def test_a_packet_from_a_newer_steward_is_refused(
    dialog: HandoverDialog, receiver: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packet_path = tmp_path / "handover.json"
    assert dialog.save_to(packet_path, "json")
    packet = json.loads(packet_path.read_text(encoding="utf-8"))
    packet["version"] = 99
    packet_path.write_text(json.dumps(packet), encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: pytest.fail("nothing imported"))
    before = dump(receiver.db.path)
    assert import_handover_file(dialog, service_for(receiver, "Ivan"), packet_path) is None
    assert warnings == [
        "This handover packet was written by a newer Steward (packet format 99); this Steward "
        "reads format 1. Update Steward on this workstation to import it."
    ]
    assert dump(receiver.db.path) == before


def test_the_window_opens_the_handover_from_its_menu_key(qtbot: QtBot, window: MainWindow) -> None:
    window.inbox.setFocus()
    qtbot.keyClick(
        window.inbox,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(HandoverDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.since() == window.services.handover.default_since()
    dialog.refresh_preview()
    assert "Open" in dialog.preview.toPlainText()
    dialog.close()
