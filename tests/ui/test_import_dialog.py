"""The Import-reviews dialog: the file recognised, the mapping guessed from the column names with
a preview of the first rows, the import running in the background with its progress, Cancel
keeping what was stored, and the result; and the window's File menu entry."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.db.models import Item, Source
from desktop.importer.formats import PLAY_COLUMNS
from desktop.workspace import Workspace
from tests.ui.conftest import wait_until
from ui.import_dialog import MAPPING_PAGE, PROGRESS_PAGE, PROGRESS_STEPS, ImportDialog
from ui.main_window import MainWindow


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "ws")
    yield opened
    opened.close()


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def generic_csv(path: Path, rows: int) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Review ID", "Moment", "Body", "Stars", "Reviewer", "Internal note"])
    for n in range(1, rows + 1):
        writer.writerow(
            [f"r{n}", 1_714_570_000 + n, f"Review {n}\nsecond line", 1 + n % 5, f"User {n}", "x"]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def play_csv(path: Path, *, with_unanswered: bool = False) -> Path:
    row = dict.fromkeys(PLAY_COLUMNS, "")
    row |= {
        "Package Name": "com.example.notes",
        "Review Submit Millis Since Epoch": "1714557600000",
        "Review Submit Date and Time": "2024-05-01T10:00:00Z",
        "Star Rating": "1",
        "Review Text": "Lost all my notes",
        "Developer Reply Text": "We are sorry — write to us",
        "Review Link": "https://play.google.com/x?reviewId=gp:AOqpTOH9",
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    unanswered = row | {
        "Review Submit Millis Since Epoch": "1714644000000",
        "Review Submit Date and Time": "2024-05-02T10:00:00Z",
        "Review Text": "Crashes on start",
        "Developer Reply Text": "",
        "Review Link": "https://play.google.com/x?reviewId=gp:AOqpTOH0",
    }
    writer.writerow(PLAY_COLUMNS)
    writer.writerow([row[c] for c in PLAY_COLUMNS])
    if with_unanswered:
        writer.writerow([unanswered[c] for c in PLAY_COLUMNS])
    path.write_bytes(b"\xff\xfe" + buffer.getvalue().encode("utf-16-le"))
    return path


def count_items(workspace: Workspace) -> int:
    with workspace.db.sessions() as session:
        return int(session.scalar(select(func.count(Item.id))) or 0)


def test_the_mapping_page_is_prefilled_and_the_import_shows_progress_and_result(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, workspace: Workspace, owner: QWidget, tmp_path: Path
) -> None:
    path = generic_csv(tmp_path / "reviews.csv", 3000)
    dialog = ImportDialog(workspace.db, owner, path=path)
    dialog.show()
    assert "columns found: 6" in dialog.file_status.text()
    assert dialog.name_edit.placeholderText() == "Import (reviews)"
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == MAPPING_PAGE

    combos = dialog.field_combos
    assert combos["id"].currentText() == "Review ID"
    assert combos["text"].currentText() == "Body"
    assert combos["rating"].currentText() == "Stars"
    assert combos["author"].currentText() == "Reviewer"
    assert combos["created_at"].currentData() is None  # no known name for a time
    assert not dialog.import_button.isEnabled()
    assert "Time written" in dialog.mapping_status.text()

    combos["created_at"].setCurrentIndex(combos["created_at"].findData("Moment"))
    assert dialog.import_button.isEnabled() and dialog.mapping_status.text() == ""
    headers = [
        dialog.preview.horizontalHeaderItem(c).text() for c in range(dialog.preview.columnCount())
    ]
    assert headers == ["Id", "Time written", "Text", "Rating", "Author"]
    assert dialog.preview.rowCount() == 5
    assert dialog.preview.item(0, 2).text() == "Review 1 second line"

    progress: list[int] = []
    dialog.progress_bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        dialog.import_button.click()
        assert dialog.pages.currentIndex() == PROGRESS_PAGE and dialog.busy
        wait_until(qt_loop, lambda: not dialog.busy)
    source_id = imported.args[0]
    assert dialog.report is not None and dialog.report.added == 3000
    # From the start, after the first batch of 2,000 rows, to the end.
    assert progress[0] == 0 and progress[-1] == PROGRESS_STEPS
    assert any(0 < value < PROGRESS_STEPS for value in progress)
    assert dialog.result_text.text() == ("Added: 3000. Updated: 0. Unchanged: 0. Rows skipped: 0.")
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    with workspace.db.sessions() as session:
        source = session.get_one(Source, source_id)
        assert source.name == "Import (reviews)" and not source.enabled
        assert json.loads(source.settings) == {"connector": "import"}
    assert count_items(workspace) == 3000


def test_a_play_export_into_an_existing_source_with_a_skipped_row_listed(
    qt_loop: qasync.QEventLoop, workspace: Workspace, owner: QWidget, tmp_path: Path
) -> None:
    with workspace.db.transaction() as session:
        session.add(Source(platform="google_play", name="Notes app", settings="{}", created_at=1))
        session.add(Source(platform="youtube", name="Channel", settings="{}", created_at=1))
    path = play_csv(tmp_path / "reviews_com.example.notes_202405.csv")
    with path.open("ab") as handle:  # a row cut short
        handle.write('com.example.notes,1,"2\r\n'.encode("utf-16-le"))
    dialog = ImportDialog(workspace.db, owner, path=path)
    dialog.show()
    assert "Google Play reviews export for com.example.notes" in dialog.file_status.text()

    dialog.source_combo.setCurrentIndex(dialog.source_combo.findText("Channel"))
    assert "not a Google Play source" in dialog.file_status.text()
    assert not dialog.next_button.isEnabled()
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findText("Notes app"))
    assert dialog.next_button.isEnabled() and not dialog.name_edit.isEnabled()

    dialog.next_button.click()
    assert not dialog.field_combos["text"].isEnabled()  # a Play export's columns are known
    assert "its columns are known" in dialog.mapping_note.text()
    texts = [dialog.preview.item(0, c).text() for c in range(dialog.preview.columnCount())]
    assert "Lost all my notes" in texts and "We are sorry — write to us" in texts

    dialog.import_button.click()
    wait_until(qt_loop, lambda: not dialog.busy)
    assert dialog.report is not None and dialog.report.added == 2  # the review and its reply
    assert dialog.report.source_id == 1
    assert "Rows skipped: 1." in dialog.result_text.text()
    assert dialog.problems.toPlainText().startswith("Line 3: has 3 fields")


def test_cancel_stops_the_import_and_keeps_what_was_stored(
    qt_loop: qasync.QEventLoop, workspace: Workspace, owner: QWidget, tmp_path: Path
) -> None:
    path = generic_csv(tmp_path / "big.csv", 30_000)
    dialog = ImportDialog(workspace.db, owner, path=path)
    dialog.show()
    dialog.next_button.click()
    created = dialog.field_combos["created_at"]
    created.setCurrentIndex(created.findData("Moment"))
    dialog.import_button.click()
    wait_until(qt_loop, lambda: dialog.progress_bar.value() > 0)
    dialog.cancel_button.click()
    assert dialog.isVisible()  # Cancel stops the import first; the dialog stays for the result
    wait_until(qt_loop, lambda: not dialog.busy)
    report = dialog.report
    assert report is not None and report.cancelled
    assert 0 < report.added < 30_000 and count_items(workspace) == report.added
    assert dialog.result_text.text().startswith("Import cancelled; what was imported so far")
    assert dialog.heading_progress.text() == "Import cancelled"


def test_a_file_that_cannot_be_imported_says_why(
    workspace: Workspace, owner: QWidget, tmp_path: Path, qt_loop: qasync.QEventLoop
) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"not": "a list"}', encoding="utf-8")
    dialog = ImportDialog(workspace.db, owner, path=path)
    dialog.show()
    assert "not a list of objects" in dialog.file_status.text()
    assert not dialog.next_button.isEnabled()
    dialog.set_path(tmp_path / "missing.csv")
    assert "cannot read missing.csv" in dialog.file_status.text()


def test_file_import_reviews_opens_the_dialog_and_the_inbox_follows(
    qtbot: QtBot, qt_loop: qasync.QEventLoop, window: MainWindow, tmp_path: Path
) -> None:
    entries = [a.text() for a in window.file_menu.actions()]
    assert "Import reviews…" in entries
    before = window.controller.model.rowCount()
    dialog = window.open_import(play_csv(tmp_path / "reviews.csv", with_unanswered=True))
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    dialog.next_button.click()
    with qtbot.waitSignal(window.controller.idsLoaded, timeout=10_000):
        dialog.import_button.click()
        wait_until(qt_loop, lambda: not dialog.busy)
    # The unanswered review waits for an answer; the answered one and its reply (the account's
    # own) are done, out of "Needs reply".
    assert window.controller.model.rowCount() == before + 1
