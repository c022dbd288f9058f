"""The shift handover: the window it covers, the moderator's note, a live preview, and the
packet copied for a chat or saved as Markdown, HTML, PDF or JSON; and the import of a
colleague's JSON packet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.handover.export import ExportError, HandoverExport
from desktop.handover.merge import ImportResult
from desktop.handover.schema import HandoverError
from desktop.services.handover import HandoverService
from ui.handover_pdf import render_pdf
from ui.item_pane import plain_label

PREVIEW_DELAY_MS = 300
TIME_FORMAT = "yyyy-MM-dd HH:mm"
LANGUAGES = (("en", "English"), ("ru", "Русский"))
FORMATS = ("md", "html", "pdf", "json")  # in the order of the save dialog's filters
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUFFIXES |= {".pdf": "pdf", ".json": "json"}


def _local(seconds: int) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(seconds)  # shown in the workstation's local time


def _write_failure(error: Exception, path: Path) -> str:
    """Why a file was not written, in the user's language where the reason is the system's."""
    cause = error if isinstance(error, OSError) else error.__context__
    if isinstance(cause, OSError) and cause.strerror:
        return QCoreApplication.translate(
            "HandoverDialog", "Steward could not write {file}: {reason}"
        ).format(file=path.name, reason=cause.strerror)
    return str(error)


class HandoverDialog(QDialog):
    """Nothing is recorded until the handover is copied or saved; the preview records nothing.

    `handoverExported(format, path)` follows each copy ("md", "") or save."""

    handoverExported = Signal(str, str)

    def __init__(
        self, service: HandoverService, language: str = "en", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self._service = service
        self._until_is_now = True  # "To" follows the clock until the user sets it
        self._setting_times = False
        self._directory = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        self._format = "md"
        self.resize(1100, 720)

        self.from_edit = self._time_edit("handoverFrom")
        self.to_edit = self._time_edit("handoverTo")
        self.since_last_button = QPushButton(self)
        self.since_last_button.setObjectName("handoverSinceLast")
        self.now_button = QPushButton(self)
        self.now_button.setObjectName("handoverUntilNow")
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("handoverLanguage")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        codes = [code for code, _name in LANGUAGES]
        self.language_combo.setCurrentIndex(codes.index(language) if language in codes else 0)
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.time_zone = plain_label(self, "handoverTimeZone")
        self.redact_box = QCheckBox(self)
        self.redact_box.setObjectName("handoverRedact")
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handoverNote")
        self.note.setTabChangesFocus(True)
        self.preview_label = QLabel(self)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("handoverPreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.document().setDocumentMargin(12)
        self.warning = plain_label(self, "handoverWarning")
        self.status = plain_label(self, "handoverStatus")
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("handoverCopy")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("handoverSave")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("handoverClose")
        for button in (
            self.since_last_button,
            self.now_button,
            self.copy_button,
            self.save_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        self.form_labels = [QLabel(self) for _ in range(3)]

        form = QGridLayout()
        form.setColumnStretch(1, 1)
        rows = (
            (self.from_edit, self.since_last_button),
            (self.to_edit, self.now_button),
            (self.language_combo, None),
        )
        for row, (field, button) in enumerate(rows):
            form.addWidget(self.form_labels[row], row, 0)
            form.addWidget(field, row, 1)
            if button is not None:
                form.addWidget(button, row, 2)
        form.addWidget(self.time_zone, len(rows), 1, 1, 2)
        form.addWidget(self.redact_box, len(rows) + 1, 0, 1, 3)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addSpacing(6)
        left_layout.addWidget(self.note_label)
        left_layout.addWidget(self.note, 1)
        left_layout.addWidget(self.warning)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 680])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(PREVIEW_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh_preview)
        self.from_edit.dateTimeChanged.connect(lambda _value: self._inputs_changed())
        self.to_edit.dateTimeChanged.connect(self._to_changed)
        self.language_combo.currentIndexChanged.connect(lambda _index: self._inputs_changed())
        self.redact_box.toggled.connect(lambda _on: self._inputs_changed())
        self.note.textChanged.connect(self._inputs_changed)
        self.since_last_button.clicked.connect(self.reset_since)
        self.now_button.clicked.connect(self.reset_until)
        self.copy_button.clicked.connect(self.copy_markdown)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        self.retranslate()
        self._set_time(self.from_edit, service.default_since())
        self.refresh_preview()  # also shows "now" in "To"
        self.note.setFocus()

    def _time_edit(self, name: str) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setObjectName(name)
        edit.setDisplayFormat(TIME_FORMAT)
        edit.setCalendarPopup(True)
        return edit

    def _set_time(self, edit: QDateTimeEdit, seconds: int) -> None:
        self._setting_times = True
        try:
            edit.setDateTime(_local(seconds))
        finally:
            self._setting_times = False

    # -- what the packet covers ----------------------------------------------------------

    def since(self) -> int:
        return int(self.from_edit.dateTime().toSecsSinceEpoch())

    def until(self) -> int | None:
        """The end of the window; None while it is "now" (the service's clock)."""
        return None if self._until_is_now else int(self.to_edit.dateTime().toSecsSinceEpoch())

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def redact(self) -> bool:
        return self.redact_box.isChecked()

    def note_text(self) -> str:
        return self.note.toPlainText()

    def reset_since(self) -> None:
        """From: the end of the last handover, or the start of the shift."""
        self._set_time(self.from_edit, self._service.default_since())
        self.refresh_preview()

    def reset_until(self) -> None:
        self._until_is_now = True
        self.refresh_preview()

    def _to_changed(self, _value: QDateTime) -> None:
        if self._setting_times:
            return
        self._until_is_now = False
        self._inputs_changed()

    def _inputs_changed(self) -> None:
        if not self._setting_times:
            self.refresh_timer.start()

    def _export(self, path: Path | None, fmt: str) -> HandoverExport:
        return self._service.export_handover(
            path,  # type: ignore[arg-type]  # None: the text is returned, written nowhere
            since=self.since(),
            until=self.until(),
            fmt=fmt,
            language=self.language(),
            note=self.note_text(),
            redact=self.redact(),
            pdf_renderer=render_pdf if fmt == "pdf" else None,
        )

    def refresh_preview(self) -> None:
        self.refresh_timer.stop()
        packet, page = self._service.preview(
            self.since(),
            self.until(),
            fmt="html",
            language=self.language(),
            note=self.note_text(),
            redact=self.redact(),
        )
        until = self.until()
        if until is None:
            until = int(datetime.fromisoformat(packet["window"]["until"]).timestamp())
            self._set_time(self.to_edit, until)
        bar = self.preview.verticalScrollBar()
        position = bar.value()
        self.preview.setHtml(page)
        bar.setValue(position)  # typing the note keeps the reader's place
        valid = self.since() <= until
        self.warning.setText("" if valid else self.tr("The window ends before it starts."))
        self.copy_button.setEnabled(valid)
        self.save_button.setEnabled(valid)

    # -- out -----------------------------------------------------------------------------

    def copy_markdown(self) -> bool:
        """The Markdown rendering on the clipboard, for a chat; recorded as handed over."""
        try:
            export = self._export(None, "md")
        except (ExportError, HandoverError) as error:
            QMessageBox.warning(self, self.tr("The handover was not copied"), str(error))
            return False
        QGuiApplication.clipboard().setText(export.text)
        self.status.setText(self.tr("Markdown copied to the clipboard"))
        self.status.setToolTip("")
        self.handoverExported.emit("md", "")
        return True

    def _filters(self) -> list[str]:
        return [
            self.tr("Markdown (*.md)"),
            self.tr("HTML (*.html)"),
            self.tr("PDF (*.pdf)"),
            self.tr("JSON packet (*.json)"),
        ]

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            return False
        filters = self._filters()
        stamp = _local(self.until() or QDateTime.currentSecsSinceEpoch()).toString(
            "yyyy-MM-dd-HHmm"
        )
        suggested = self._directory / f"handover-{stamp}.{self._format}"
        chosen, selected = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the handover"),
            str(suggested),
            ";;".join(filters),
            filters[FORMATS.index(self._format)],
        )
        if not chosen:
            return False
        path = Path(chosen)
        fmt = SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            fmt = FORMATS[filters.index(selected)] if selected in filters else self._format
            if not path.suffix:
                path = path.with_name(f"{path.name}.{fmt}")
        return self.save_to(path, fmt)

    def save_to(self, path: Path, fmt: str) -> bool:
        """Write the handover as `fmt` (md, html, pdf or json); on failure say why and keep
        everything as it is."""
        try:
            self._export(path, fmt)
        except (OSError, ExportError, HandoverError) as error:
            QMessageBox.warning(
                self, self.tr("The handover was not saved"), _write_failure(error, path)
            )
            return False
        self._directory, self._format = path.parent, fmt
        self.status.setText(self.tr("Handover saved to {file}").format(file=path.name))
        self.status.setToolTip(str(path))
        self.handoverExported.emit(fmt, str(path))
        return True

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand over the shift"))
        labels = (self.tr("From"), self.tr("To"), self.tr("Packet language"))
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.since_last_button.setText(self.tr("Since the last handover"))
        self.since_last_button.setToolTip(
            self.tr("The end of the last handover, or the start of this shift if there was none")
        )
        self.now_button.setText(self.tr("Now"))
        self.redact_box.setText(self.tr("Hide author names and handles"))
        self.redact_box.setToolTip(
            self.tr("Authors become “Author 1”, “Author 2”… in every format")
        )
        self.note_label.setText(self.tr("Note for the next shift"))
        self.note.setPlaceholderText(self.tr("What the next shift should know…"))
        self.time_zone.setText(
            self.tr("Local time ({zone}); the packet gives its times in UTC.").format(
                zone=QDateTime.currentDateTime().timeZoneAbbreviation()
            )
        )
        self.preview_label.setText(self.tr("Preview"))
        self.copy_button.setText(self.tr("Copy Markdown"))
        self.copy_button.setToolTip(self.tr("Copy the handover as Markdown, to paste in a chat"))
        self.save_button.setText(self.tr("Save…"))
        self.close_button.setText(self.tr("Close"))
        if self.warning.text():
            self.warning.setText(self.tr("The window ends before it starts."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


# -- in ----------------------------------------------------------------------------------------


def import_handover(parent: QWidget, service: HandoverService) -> ImportResult | None:
    """Ask for a colleague's JSON packet and merge it; None if nothing was imported."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("HandoverDialog", "Import a handover packet"),
        "",
        QCoreApplication.translate("HandoverDialog", "JSON packet (*.json)"),
    )
    if not chosen:
        return None
    return import_handover_file(parent, service, Path(chosen))


def import_handover_file(
    parent: QWidget, service: HandoverService, path: Path
) -> ImportResult | None:
    """Merge the packet at `path` and say what changed; None (and a warning) if refused."""
    try:
        result = service.import_file(path)
    except HandoverError as error:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("HandoverDialog", "The handover was not imported"),
            str(error),
        )
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("HandoverDialog", "Handover imported"),
        import_summary(result),
    )
    return result


def import_summary(result: ImportResult) -> str:
    if result.already_imported:
        return QCoreApplication.translate(
            "HandoverDialog", "This handover packet was already imported here; nothing changed."
        )
    lines = [
        QCoreApplication.translate("HandoverDialog", "Notes added: {n}").format(
            n=result.notes_added
        ),
        QCoreApplication.translate("HandoverDialog", "Items assigned or escalated: {n}").format(
            n=result.items_changed
        ),
        QCoreApplication.translate("HandoverDialog", "Authors put on the watchlist: {n}").format(
            n=result.authors_watched
        ),
    ]
    if result.kept_local:
        lines.append(
            QCoreApplication.translate(
                "HandoverDialog", "Items where a newer decision made here was kept: {n}"
            ).format(n=result.kept_local)
        )
    if result.pending:
        lines.append(
            QCoreApplication.translate(
                "HandoverDialog",
                "Items and authors not synced here yet, merged when they arrive: {n}",
            ).format(n=result.pending)
        )
    return "\n".join(lines)
