"""Import reviews: a file and where it goes, which column holds what (with the first rows as
Steward will read them), then the import itself with its progress and result.

The file is looked at (its head only) on the GUI thread; the import runs in a worker thread of
the app's asyncio loop and reports progress through a queued signal, so the window stays
responsive. Cancel stops it after the row being read: the batches stored by then stay.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import system_clock
from desktop.db.engine import Database
from desktop.importer import (
    FIELD_NAMES,
    REQUIRED_FIELDS,
    FileInfo,
    ImportFailed,
    ImportReport,
    Progress,
    check_target,
    import_source,
    inspect_file,
    run_import,
)
from desktop.importer.formats import RowRejected, parse_time
from desktop.services.sources import list_sources
from ui.item_pane import plain_label

log = logging.getLogger(__name__)
PROGRESS_STEPS = 1000
PREVIEW_CHARS = 120
SHOWN_PROBLEMS = 200
FILE_PAGE, MAPPING_PAGE, PROGRESS_PAGE = range(3)
TIME_FIELDS = frozenset({"created_at", "reply_at"})
TIME_FORMAT = "yyyy-MM-dd HH:mm"
ENCODINGS = ("utf-8", "utf-16", "cp1252", "latin-1", "cp1251")
# How a Play export's columns read as Steward's fields, for the preview.
PLAY_PREVIEW = {
    "created_at": "Review Submit Date and Time",
    "rating": "Star Rating",
    "title": "Review Title",
    "text": "Review Text",
    "language": "Reviewer Language",
    "app_version": "App Version Name",
    "device": "Device",
    "reply_text": "Developer Reply Text",
    "url": "Review Link",
}


def field_label(name: str) -> str:
    texts = {
        "id": QCoreApplication.translate("ImportDialog", "Id"),
        "created_at": QCoreApplication.translate("ImportDialog", "Time written"),
        "text": QCoreApplication.translate("ImportDialog", "Text"),
        "rating": QCoreApplication.translate("ImportDialog", "Rating"),
        "author": QCoreApplication.translate("ImportDialog", "Author"),
        "author_id": QCoreApplication.translate("ImportDialog", "Author id"),
        "language": QCoreApplication.translate("ImportDialog", "Language"),
        "app_version": QCoreApplication.translate("ImportDialog", "App version"),
        "device": QCoreApplication.translate("ImportDialog", "Device"),
        "territory": QCoreApplication.translate("ImportDialog", "Country"),
        "title": QCoreApplication.translate("ImportDialog", "Title"),
        "reply_text": QCoreApplication.translate("ImportDialog", "Your reply"),
        "reply_at": QCoreApplication.translate("ImportDialog", "Time of your reply"),
        "url": QCoreApplication.translate("ImportDialog", "Link"),
        "kind": QCoreApplication.translate("ImportDialog", "Kind"),
    }
    return texts.get(name, name)


class ImportDialog(QDialog):
    """`imported(source_id)` follows an import that stored something (cancelled ones too)."""

    imported = Signal(int)
    _progressed = Signal(object)  # Progress, from the worker thread

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        sla_seconds: int = 24 * 3600,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self._db = db
        self._sla_seconds = sla_seconds
        self._info: FileInfo | None = None
        self._error = ""
        self._task: asyncio.Future[None] | None = None
        self._running = False
        self._cancel = threading.Event()
        self._close_when_done = False
        self.report: ImportReport | None = None
        self.resize(820, 600)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._progress_page())

        self.back_button = QPushButton(self)
        self.back_button.setObjectName("importBack")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("importNext")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importStart")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("importCancel")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("importClose")
        for button in (self.back_button, self.cancel_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.back_button,
            self.next_button,
            self.import_button,
            self.cancel_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(lambda: self.show_page(FILE_PAGE))
        self.next_button.clicked.connect(self.go_to_mapping)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self._progressed.connect(self._show_progress)

        self.retranslate()
        self._fill_sources()
        self.show_page(FILE_PAGE)
        if path is not None:
            self.set_path(path)

    # -- page 1: the file and where it goes ----------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        self.heading_file = self._heading(page)
        self.path_edit = QLineEdit(page)
        self.path_edit.setObjectName("importPath")
        self.path_edit.editingFinished.connect(self._path_edited)
        self.browse_button = QPushButton(page)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        self.format_combo = QComboBox(page)
        self.format_combo.setObjectName("importFormat")
        for value in (None, "play-csv", "csv", "json"):
            self.format_combo.addItem("", value)
        self.encoding_combo = QComboBox(page)
        self.encoding_combo.setObjectName("importEncoding")
        self.encoding_combo.addItem("", None)
        for name in ENCODINGS:
            self.encoding_combo.addItem(name, name)
        self.source_combo = QComboBox(page)
        self.source_combo.setObjectName("importSource")
        self.name_edit = QLineEdit(page)
        self.name_edit.setObjectName("importSourceName")
        self.file_status = plain_label(page, "importFileStatus")
        self.file_labels = [QLabel(page) for _ in range(5)]

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        rows: list[QWidget | QHBoxLayout] = [
            file_row,
            self.format_combo,
            self.encoding_combo,
            self.source_combo,
            self.name_edit,
        ]
        for row, (label, field) in enumerate(zip(self.file_labels, rows, strict=True)):
            form.addWidget(label, row, 0)
            if isinstance(field, QHBoxLayout):
                form.addLayout(field, row, 1)
            else:
                form.addWidget(field, row, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading_file)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.file_status)
        layout.addStretch(1)

        self.format_combo.currentIndexChanged.connect(lambda _i: self.inspect())
        self.encoding_combo.currentIndexChanged.connect(lambda _i: self.inspect())
        self.source_combo.currentIndexChanged.connect(lambda _i: self._source_changed())
        return page

    def _heading(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        label.setFont(font)
        return label

    def _fill_sources(self) -> None:
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        self.source_combo.addItem(self.tr("A new source"), None)
        for source in list_sources(self._db):
            self.source_combo.addItem(source.name, source.id)
        self.source_combo.blockSignals(False)
        self._source_changed()

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import reviews"),
            self.path_edit.text(),
            self.tr("Review exports (*.csv *.json *.jsonl *.ndjson);;All files (*)"),
        )
        if chosen:
            self.set_path(Path(chosen))

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.inspect()

    def _path_edited(self) -> None:
        if self._info is None or str(self._info.path) != self.path_edit.text().strip():
            self.inspect()

    def chosen_source_id(self) -> int | None:
        data = self.source_combo.currentData()
        return None if data is None else int(data)

    def _source_changed(self) -> None:
        new = self.chosen_source_id() is None
        self.name_edit.setEnabled(new)
        self._update_file_status()

    def inspect(self) -> FileInfo | None:
        """Look at the head of the chosen file; say what it is, or why it cannot be imported."""
        text = self.path_edit.text().strip()
        self._info, self._error = None, ""
        if text:
            try:
                self._info = inspect_file(
                    Path(text), self.format_combo.currentData(), self.encoding_combo.currentData()
                )
            except ImportFailed as error:
                self._error = str(error)
        self.name_edit.setPlaceholderText(self._info.default_source_name if self._info else "")
        if self._info is not None:
            self._build_mapping(self._info)
        self._update_file_status()
        return self._info

    def _update_file_status(self) -> None:
        info, error = self._info, self._error
        if info is not None:
            source = self._chosen_source()
            if source is not None:
                try:
                    check_target(info, source)
                except ImportFailed as refused:
                    error = str(refused)
        self.file_status.setProperty("error", bool(error))
        if error:
            self.file_status.setText(error)
        elif info is None:
            self.file_status.setText(self.tr("Choose a CSV or JSON export of reviews."))
        else:
            self.file_status.setText(self._describe(info))
        self.next_button.setEnabled(info is not None and not error)

    def _chosen_source(self) -> Any:
        source_id = self.chosen_source_id()
        if source_id is None:
            return None
        return next((s for s in list_sources(self._db) if s.id == source_id), None)

    def _describe(self, info: FileInfo) -> str:
        size = _size_text(info.size)
        if info.format == "play-csv":
            return self.tr("A Google Play reviews export for {app} ({size}, {encoding}).").format(
                app=info.package or "?", size=size, encoding=info.encoding.upper()
            )
        kind = "JSON" if info.format == "json" else "CSV"
        return self.tr("A {kind} file ({size}, {encoding}); columns found: {n}.").format(
            kind=kind, n=len(info.columns), size=size, encoding=info.encoding.upper()
        )

    # -- page 2: columns and preview -----------------------------------------------------------

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        self.heading_mapping = self._heading(page)
        self.mapping_note = plain_label(page, "importMappingNote")
        self.mapping_host = QWidget(page)
        self.mapping_form = QFormLayout(self.mapping_host)
        self.mapping_form.setContentsMargins(0, 0, 8, 0)
        self.field_combos: dict[str, QComboBox] = {}
        self.field_labels: dict[str, QLabel] = {}
        for name in FIELD_NAMES:
            combo = QComboBox(self.mapping_host)
            combo.setObjectName(f"map_{name}")
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            label = QLabel(self.mapping_host)
            label.setBuddy(combo)
            label.setToolTip(name)
            self.field_combos[name] = combo
            self.field_labels[name] = label
            self.mapping_form.addRow(label, combo)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_host)
        scroll.setMinimumWidth(320)
        scroll.setMaximumWidth(380)
        self.preview_label = QLabel(page)
        self.preview = QTableWidget(page)
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(False)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.mapping_status = plain_label(page, "importMappingStatus")

        right = QVBoxLayout()
        right.addWidget(self.preview_label)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addWidget(scroll)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading_mapping)
        layout.addWidget(self.mapping_note)
        layout.addLayout(columns, 1)
        layout.addWidget(self.mapping_status)
        return page

    def _build_mapping(self, info: FileInfo) -> None:
        play = info.format == "play-csv"
        chosen = PLAY_PREVIEW if play else info.mapping
        for name, combo in self.field_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in the file)"), None)
            for column in info.columns:
                combo.addItem(column, column)
            index = combo.findData(chosen.get(name)) if chosen.get(name) else 0
            combo.setCurrentIndex(max(0, index))
            combo.setEnabled(not play)
            combo.blockSignals(False)
        self._update_mapping_note()
        self._mapping_changed()

    def mapping(self) -> dict[str, str]:
        """Steward field -> column, as the combos say."""
        return {
            name: str(combo.currentData())
            for name, combo in self.field_combos.items()
            if combo.currentData() is not None
        }

    def missing_fields(self) -> list[str]:
        if self._info is None or self._info.format == "play-csv":
            return []
        mapping = self.mapping()
        return [name for name in REQUIRED_FIELDS if name not in mapping]

    def _mapping_changed(self) -> None:
        self._fill_preview()
        missing = self.missing_fields()
        self.mapping_status.setProperty("error", bool(missing))
        self.mapping_status.setText(
            self.tr("Choose a column for: {fields}.").format(
                fields=", ".join(field_label(m) for m in missing)
            )
            if missing
            else ""
        )
        self.import_button.setEnabled(self._info is not None and not missing)

    def _fill_preview(self) -> None:
        info = self._info
        mapping = self.mapping()
        names = [name for name in FIELD_NAMES if name in mapping]
        self.preview.clear()
        self.preview.setColumnCount(len(names))
        self.preview.setHorizontalHeaderLabels([field_label(n) for n in names])
        rows = info.preview if info is not None else []
        self.preview.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, name in enumerate(names):
                value = values.get(mapping[name])
                text = "" if value is None else " ".join(str(value).split())
                tip = str(value)[:1000] if value is not None else ""
                if name in TIME_FIELDS and text:
                    try:  # the time as it will be stored, in local time
                        text = QDateTime.fromSecsSinceEpoch(parse_time(text)).toString(TIME_FORMAT)
                    except RowRejected as error:
                        text, tip = f"⚠ {text}", str(error)
                cell = QTableWidgetItem(text[:PREVIEW_CHARS])
                cell.setToolTip(tip)
                self.preview.setItem(row, column, cell)
        self.preview.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), 260))

    def go_to_mapping(self) -> None:
        if self._info is not None and self.next_button.isEnabled():
            self.show_page(MAPPING_PAGE)

    # -- page 3: the import --------------------------------------------------------------------

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        self.heading_progress = self._heading(page)
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_text = plain_label(page, "importProgressText")
        self.result_text = plain_label(page, "importResult")
        self.problems_label = QLabel(page)
        self.problems = QPlainTextEdit(page)
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout = QVBoxLayout(page)
        layout.addWidget(self.heading_progress)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_text)
        layout.addSpacing(8)
        layout.addWidget(self.result_text)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        # Keeps the rest at the top while there is no list of skipped rows.
        self._filler = QSpacerItem(0, 0, vData=QSizePolicy.Policy.Expanding)
        layout.addItem(self._filler)
        self._progress_layout = layout
        return page

    def _show_problems(self, shown: bool) -> None:
        self.problems_label.setVisible(shown)
        self.problems.setVisible(shown)
        policy = QSizePolicy.Policy.Fixed if shown else QSizePolicy.Policy.Expanding
        self._filler.changeSize(0, 0, QSizePolicy.Policy.Minimum, policy)
        self._progress_layout.invalidate()

    @property
    def busy(self) -> bool:
        return self._running

    def start_import(self) -> None:
        info = self._info
        if info is None or self.busy or self.missing_fields():
            return
        try:
            source_id = self.chosen_source_id()
            if source_id is None:
                source_id = import_source(
                    self._db, info, self.name_edit.text().strip(), now=system_clock()
                )
            else:
                check_target(info, self._chosen_source())
        except ImportFailed as error:
            self.mapping_status.setProperty("error", True)
            self.mapping_status.setText(str(error))
            return
        self._cancel.clear()
        self.report = None
        self.progress_bar.setValue(0)
        self.progress_text.setText(self.tr("Reading {file}…").format(file=info.path.name))
        self.result_text.clear()
        self.problems.clear()
        self._show_problems(False)
        mapping = None if info.format == "play-csv" else self.mapping()
        self._running = True
        self.cancel_button.setEnabled(True)
        self.show_page(PROGRESS_PAGE)
        self._task = asyncio.ensure_future(self._run(info, source_id, mapping))

    async def _run(self, info: FileInfo, source_id: int, mapping: dict[str, str] | None) -> None:
        loop = asyncio.get_event_loop()

        def work() -> ImportReport:
            return run_import(
                self._db,
                info,
                source_id,
                mapping=mapping,
                sla_seconds=self._sla_seconds,
                progress=self._progressed.emit,
                cancelled=self._cancel.is_set,
            )

        try:
            report = await loop.run_in_executor(None, work)
        except ImportFailed as error:
            self._finished(None, str(error))
            return
        except Exception as error:  # a bug or a database problem: a message, and the log
            log.exception("import failed")
            self._finished(
                None,
                self.tr("Steward could not finish the import ({error}).").format(
                    error=type(error).__name__
                ),
            )
            return
        self._finished(report, report.error or "")

    def _show_progress(self, progress: Progress) -> None:
        if not self._running:  # a report that arrived after the end
            return
        self.progress_bar.setValue(round(progress.fraction * PROGRESS_STEPS))
        self.progress_text.setText(
            self.tr("{rows} rows read, {added} added, {updated} updated").format(
                rows=_number(progress.rows),
                added=_number(progress.added),
                updated=_number(progress.updated),
            )
        )

    def _finished(self, report: ImportReport | None, error: str) -> None:
        self._running = False
        self.report = report
        lines = []
        if report is not None:
            if report.cancelled:
                lines.append(self.tr("Import cancelled; what was imported so far is kept."))
            elif not error:
                self.progress_bar.setValue(PROGRESS_STEPS)
            lines.append(
                self.tr(
                    "Added: {added}. Updated: {updated}. Unchanged: {unchanged}. "
                    "Rows skipped: {skipped}."
                ).format(
                    added=_number(report.added),
                    updated=_number(report.updated),
                    unchanged=_number(report.unchanged),
                    skipped=_number(report.skipped),
                )
            )
        if error:
            lines.append(error)
        self.result_text.setProperty("error", bool(error))
        self.result_text.setText("\n".join(lines))
        if report is not None and report.problems:
            text = "\n".join(
                self.tr("Line {line}: {problem}").format(line=p.line, problem=p.message)
                for p in report.problems[:SHOWN_PROBLEMS]
            )
            more = report.skipped - min(len(report.problems), SHOWN_PROBLEMS)
            if more > 0:
                text += "\n" + self.tr("… and {n} more").format(n=more)
            self.problems.setPlainText(text)
            self._show_problems(True)
        self.heading_progress.setText(self._progress_heading())
        self._update_buttons()
        if report is not None and (report.added or report.updated):
            self.imported.emit(report.source_id)
        if self._close_when_done:
            super().reject()

    def _progress_heading(self) -> str:
        if self.busy:
            return self.tr("Importing reviews…")
        if self.report is not None and self.report.cancelled:
            return self.tr("Import cancelled")
        return self.tr("Import finished")

    # -- pages and buttons ---------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page == PROGRESS_PAGE:
            self.heading_progress.setText(self._progress_heading())
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        done = page == PROGRESS_PAGE and not self.busy
        self.back_button.setVisible(page == MAPPING_PAGE)
        self.next_button.setVisible(page == FILE_PAGE)
        self.import_button.setVisible(page == MAPPING_PAGE)
        self.cancel_button.setVisible(not done)
        self.close_button.setVisible(done)
        if page == FILE_PAGE:
            self.next_button.setDefault(True)
        elif page == MAPPING_PAGE:
            self.import_button.setDefault(True)
        else:
            self.close_button.setDefault(True)

    def reject(self) -> None:
        """Cancel: while importing, stop after the current row and keep what is stored."""
        if self.busy:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(self.tr("Stopping…"))
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:
        if self.busy:  # closing the window cancels, and it closes once the import stopped
            self._cancel.set()
            self._close_when_done = True
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self.busy:  # it closes once the import stopped
            self._cancel.set()
            self._close_when_done = True
            return
        super().done(result)

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import reviews"))
        self.heading_file.setText(self.tr("The file and where its reviews go"))
        labels = (
            self.tr("File"),
            self.tr("Format"),
            self.tr("Encoding"),
            self.tr("Import into"),
            self.tr("New source's name"),
        )
        for label, text in zip(self.file_labels, labels, strict=True):
            label.setText(text)
        self.browse_button.setText(self.tr("Choose…"))
        self.path_edit.setPlaceholderText(self.tr("A .csv, .json or .jsonl file"))
        formats = (
            self.tr("Recognise from the file"),
            self.tr("Google Play Console reviews (CSV)"),
            self.tr("CSV with named columns"),
            self.tr("JSON array or JSON Lines"),
        )
        for index, text in enumerate(formats):
            self.format_combo.setItemText(index, text)
        self.encoding_combo.setItemText(0, self.tr("Recognise from the file"))
        if self.source_combo.count():
            self.source_combo.setItemText(0, self.tr("A new source"))
        self.heading_mapping.setText(self.tr("Which column holds what"))
        self._update_mapping_note()
        for name, label in self.field_labels.items():
            required = name in REQUIRED_FIELDS
            label.setText(field_label(name) + (" *" if required else ""))
        for combo in self.field_combos.values():
            if combo.count():
                combo.setItemText(0, self.tr("(not in the file)"))
        self.preview_label.setText(self.tr("The first rows, as Steward will read them"))
        self.problems_label.setText(self.tr("Rows skipped"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next"))
        self.import_button.setText(self.tr("Import"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        if self._info is not None:
            self._mapping_changed()
        self.heading_progress.setText(self._progress_heading())
        self._update_file_status()

    def _update_mapping_note(self) -> None:
        self.mapping_note.setText(
            self.tr(
                "A Google Play export: its columns are known. The preview shows the first reviews."
            )
            if self._info is not None and self._info.format == "play-csv"
            else self.tr(
                "Columns are matched by their names; correct the matches where needed. "
                "Time written and Text are required."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _number(value: int) -> str:
    return QLocale().toString(value)


def _size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.0f} KB"
    return f"{size} B"
