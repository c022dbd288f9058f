"""The answer library dialog: categories, search, a new answer with a live preview, usage,
archive and restore, the team's file in and out, in English and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services.canned_library import export_library, list_library
from desktop.workspace import Workspace
from tests.ui.conftest import WindowFactory
from ui.canned_library_dialog import CannedLibraryDialog
from ui.i18n import install_language
from ui.main_window import MainWindow


def _rows(dialog: CannedLibraryDialog) -> list[str]:
    return [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]


def _open(qtbot: QtBot, window: MainWindow) -> CannedLibraryDialog:
    window.inbox.setFocus()
    window.select_item(window.controller.model.id_at(0) or 0)
    qtbot.keyClick(
        window.inbox,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(CannedLibraryDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_categories_search_and_usage(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    labels = [dialog.categories.item(row).text() for row in range(dialog.categories.count())]
    assert labels[0] == "All answers  (30)"
    assert labels[1:4] == [
        "Refute a false claim  (4)",
        "Thank and pass on a flaw  (4)",
        "Steps the user can take  (6)",
    ]
    assert labels[-1] == "Archived  (0)"
    assert len(_rows(dialog)) == 30
    dialog.categories.setCurrentRow(1)
    assert len(_rows(dialog)) == 4
    dialog.categories.setCurrentRow(0)
    dialog.search.setText("nodata")
    assert _rows(dialog) == ["We don't sell data"]
    assert dialog.title_en.text() == "We don't sell data"
    assert dialog.usage.text() == "Used 0 times, last: never"


def test_a_new_answer_with_a_live_preview_is_offered_in_the_composer(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open(qtbot, window)
    item = window.item_pane.item
    assert item is not None
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.title_en.text() == "" and dialog.body.toPlainText() == ""
    assert dialog.usage.text() == "New answer"
    dialog.title_en.setText("Sync is back")
    dialog.title_en.textEdited.emit("Sync is back")
    dialog.title_ru.setText("Синхронизация снова работает")
    dialog.title_ru.textEdited.emit("")
    dialog.shortcut.setText("syncback")
    dialog.shortcut.textEdited.emit("syncback")
    dialog.body.setPlainText("Hi {first_name|there}, sync works again. Ticket {?ticket}.")
    preview = dialog.preview.toPlainText()
    assert "{first_name" not in preview and "sync works again" in preview
    assert dialog.preview_warning.text() == "Asked for before sending: {?ticket}"
    assert item.author_name in dialog.preview_for.text()
    dialog.body.setPlainText("Hi {author}, sync works again.")  # the preview follows each edit
    assert dialog.preview.toPlainText() == f"Hi {item.author_name}, sync works again."
    assert dialog.preview_warning.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()
    assert "Sync is back" in _rows(dialog)
    assert dialog.status.text() == "Saved “Sync is back”"
    # The panel and the composer know the new answer at once.
    composer = window.item_pane.composer
    composer.setFocus()
    composer.setPlainText("")
    qtbot.keyClicks(composer, ";syncback")
    qtbot.keyClick(composer, Qt.Key.Key_Tab)
    assert composer.toPlainText() == f"Hi {item.author_name}, sync works again."
    dialog.refresh_list()
    assert dialog.table.item(_rows(dialog).index("Sync is back"), 2).text() == "1"
    assert dialog.usage.text().startswith("Used 1 times, last: ")


def test_archive_hides_an_answer_from_the_panel_and_restore_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _open(qtbot, window)
    dialog.search.setText("nodata")
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert _rows(dialog) == []
    assert window.services.canned.by_shortcut("nodata") is None
    window.canned_panel.search.setText("nodata")
    assert window.canned_panel.list.count() == 0
    dialog.categories.setCurrentRow(dialog.categories.count() - 1)
    assert _rows(dialog) == ["We don't sell data"]
    assert dialog.archive_button.text() == "Restore"
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert window.services.canned.by_shortcut("nodata") is not None
    window.canned_panel.search.setText("")
    window.canned_panel.search.setText("nodata")
    assert window.canned_panel.list.count() == 1


def test_unsaved_edits_are_asked_about_before_leaving_the_answer(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog = _open(qtbot, window)
    first = dialog.title_en.text()
    dialog.body.setPlainText("An edit that is kept when the user says Cancel.")
    choice = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: choice[0])
    dialog.table.selectRow(1)
    assert dialog.title_en.text() == first, "Cancel stays on the edited answer"
    assert dialog.body.toPlainText() == "An edit that is kept when the user says Cancel."
    choice[0] = QMessageBox.StandardButton.Save
    dialog.table.selectRow(1)
    assert dialog.title_en.text() != first
    saved = list_library(window.services.workspace.db, first)
    body = window.services.canned.get(saved[0].id)
    assert body is not None
    assert any(v[2] == "An edit that is kept when the user says Cancel." for v in body.variants)


def test_the_library_goes_to_a_file_and_comes_back_in_another_workspace(
    qtbot: QtBot,
    window: MainWindow,
    open_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog = _open(qtbot, window)
    file = tmp_path / "team.yaml"
    dialog.export_to(file)
    assert dialog.status.text() == "Exported to team.yaml"
    other = open_window(Workspace.open(tmp_path / "empty"))
    other_dialog = other.open_answer_library()
    assert _rows(other_dialog) == []
    other_dialog.import_from(file)
    assert other_dialog.status.text() == "Imported team.yaml: 30 added, 0 updated, 0 unchanged"
    assert len(_rows(other_dialog)) == 30
    assert export_library(other.services.workspace.db) == export_library(
        window.services.workspace.db
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "steward-answers", "version": 7}', encoding="utf-8")
    other_dialog.import_from(broken)
    assert warnings == [
        "broken.json: The file is format version 7; this Steward reads up to 1. "
        "Update Steward to import it."
    ]


def test_the_dialog_speaks_russian(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _open(qtbot, window)
    install_language("ru")
    qtbot.wait(10)
    window.set_language("ru")
    assert dialog.windowTitle() == "Библиотека ответов"
    assert dialog.categories.item(1).text().startswith("Опровергнуть")
    assert dialog.new_button.text() == "Новый ответ"
