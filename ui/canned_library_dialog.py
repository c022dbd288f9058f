"""The answer library: answers by category, search, an editor with a live preview filled in for
an item, usage counts and last use, archive and restore, and the team's file in and out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.engine import Database
from desktop.item_detail import ItemDetail
from desktop.services.canned import CannedService
from desktop.services.canned_library import (
    CATEGORIES,
    TONES,
    LibraryFileError,
    category_counts,
    export_library,
    file_format,
    import_library,
    library_text,
    list_library,
    load_answer,
    new_key,
    parse_library,
    save_answer,
    set_archived,
)
from desktop.templates import render
from ui.item_pane import plain_label
from ui.labels import category_label, tone_label

IdRole = Qt.ItemDataRole.UserRole + 1
ALL, ARCHIVED = "", "archived"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


class CannedLibraryDialog(QDialog):
    """Edits apply on Save; leaving an answer with unsaved edits asks first."""

    libraryChanged = Signal()

    def __init__(
        self,
        db: Database,
        canned: CannedService,
        preview_item: Callable[[], ItemDetail | None],
        clock: Callable[[], int],
        language: str = "en",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("cannedLibrary")
        self._db = db
        self._canned = canned
        self._preview_item = preview_item
        self._clock = clock
        self.language = language
        self._answer: dict[str, Any] | None = None  # the answer in the editor, file-shaped
        self._answer_id: int | None = None
        self._variant = -1  # index into the answer's variants shown in the body editor
        self._dirty = False
        self._loading = False
        self.resize(1260, 700)

        self.categories = QListWidget(self)
        self.categories.setObjectName("libraryCategories")
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("libraryTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("libraryNew")
        self.import_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.status = plain_label(self, "libraryStatus")

        self.title_en = QLineEdit(self)
        self.title_ru = QLineEdit(self)
        self.category = QComboBox(self)
        self.shortcut = QLineEdit(self)
        self.shortcut.setObjectName("libraryShortcut")
        self.platforms = QLineEdit(self)
        self.variants = QComboBox(self)
        self.variants.setObjectName("libraryVariants")
        self.add_variant = QPushButton(self)
        self.remove_variant = QPushButton(self)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("libraryBody")
        self.preview_for = plain_label(self, "libraryPreviewFor")
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("libraryPreview")
        self.preview.setReadOnly(True)
        self.preview_warning = plain_label(self, "libraryPreviewWarning")
        self.usage = plain_label(self, "libraryUsage")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("librarySave")
        self.archive_button = QPushButton(self)
        self.archive_button.setObjectName("libraryArchive")
        self.close_button = QPushButton(self)
        self.form_labels = [QLabel(self) for _ in range(6)]

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.categories)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search)
        middle_layout.addWidget(self.table)
        files = QHBoxLayout()
        files.addWidget(self.new_button)
        files.addStretch(1)
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        middle_layout.addLayout(files)
        middle_layout.addWidget(self.status)

        editor = QWidget(self)
        form = QFormLayout()
        variant_row = QHBoxLayout()
        variant_row.addWidget(self.variants, 1)
        variant_row.addWidget(self.add_variant)
        variant_row.addWidget(self.remove_variant)
        for label, field in zip(
            self.form_labels,
            (self.title_en, self.title_ru, self.category, self.shortcut, self.platforms),
            strict=False,
        ):
            form.addRow(label, field)
        form.addRow(self.form_labels[5], variant_row)
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.body, 3)
        editor_layout.addWidget(self.preview_for)
        editor_layout.addWidget(self.preview, 2)
        editor_layout.addWidget(self.preview_warning)
        buttons = QHBoxLayout()
        buttons.addWidget(self.usage, 1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        editor_layout.addLayout(buttons)

        splitter = QSplitter(self)
        for widget in (left, middle, editor):
            splitter.addWidget(widget)
        splitter.setSizes([250, 440, 540])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.categories.currentRowChanged.connect(lambda _row: self.refresh_list())
        self.search.textChanged.connect(lambda _text: self.refresh_list())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_answer)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.save_button.clicked.connect(self.save)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.close_button.clicked.connect(self.close)
        self.variants.currentIndexChanged.connect(self._variant_changed)
        self.add_variant.clicked.connect(self._add_variant)
        self.remove_variant.clicked.connect(self._remove_variant)
        for line in (self.title_en, self.title_ru, self.shortcut, self.platforms):
            line.textEdited.connect(lambda _text: self._edited())
        self.category.currentIndexChanged.connect(lambda _i: self._edited())
        self.body.textChanged.connect(self._body_edited)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

        self.retranslate()
        self.refresh_categories()
        self.categories.setCurrentRow(0)
        self.refresh_list()

    # -- the list ------------------------------------------------------------------------

    def refresh_categories(self) -> None:
        counts = category_counts(self._db)
        current = self._category()
        self.categories.blockSignals(True)
        self.categories.clear()
        total = sum(n for name, n in counts.items() if name != ARCHIVED)
        rows = [(ALL, self.tr("All answers"), total)]
        rows += [(name, category_label(name), counts.get(name, 0)) for name in CATEGORIES]
        rows.append((ARCHIVED, self.tr("Archived"), counts.get(ARCHIVED, 0)))
        for name, label, count in rows:
            entry = QListWidgetItem(f"{label}  ({count})", self.categories)
            entry.setData(IdRole, name)
            entry.setToolTip(label)
            if name == current:
                self.categories.setCurrentItem(entry)
        self.categories.blockSignals(False)

    def _category(self) -> str:
        entry = self.categories.currentItem()
        return str(entry.data(IdRole)) if entry is not None else ALL

    def refresh_list(self, select_id: int | None = None) -> None:
        category = self._category()
        entries = list_library(
            self._db,
            self.search.text(),
            None if category in (ALL, ARCHIVED) else category,
            archived=category == ARCHIVED,
        )
        keep = select_id if select_id is not None else self._answer_id
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        selected_row = -1
        for row, entry in enumerate(entries):
            title = QTableWidgetItem(entry.title(self.language))
            title.setData(IdRole, entry.id)
            title.setToolTip(category_label(entry.category))
            last = (
                datetime.fromtimestamp(entry.last_used_at).strftime("%Y-%m-%d")
                if entry.last_used_at
                else "—"
            )
            shortcut = f";{entry.shortcut}" if entry.shortcut else ""
            used = QTableWidgetItem(str(entry.usage_count))
            used.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, cell in enumerate((title, QTableWidgetItem(shortcut), used)):
                self.table.setItem(row, column, cell)
            self.table.setItem(row, 3, QTableWidgetItem(last))
            if entry.id == keep:
                selected_row = row
        self.table.clearSelection()
        show_first = selected_row < 0 and not self._dirty and bool(entries)
        if selected_row >= 0 or show_first:
            self.table.selectRow(max(0, selected_row))
        self.table.blockSignals(False)
        if selected_row < 0 and not self._dirty:
            # The answer shown is not in the list any more: show the first one, or none.
            self._show(entries[0].id if entries else None)
        self._update_usage()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        answer_id = int(self.table.item(rows[0].row(), 0).data(IdRole))
        if answer_id == self._answer_id:
            return
        if not self._settle_unsaved():
            self.refresh_list(self._answer_id)  # stay on the answer being edited
            return
        self._show(answer_id)

    # -- the editor ----------------------------------------------------------------------

    def _show(self, answer_id: int | None) -> None:
        self._answer_id = answer_id
        self._answer = load_answer(self._db, answer_id) if answer_id is not None else None
        self._fill_editor()

    def new_answer(self) -> None:
        if not self._settle_unsaved():
            return
        category = self._category()
        self._answer_id = None
        self._answer = {
            "key": "",
            "category": category if category in CATEGORIES else "faq",
            "title": {"en": "", "ru": ""},
            "shortcut": None,
            "platforms": [],
            "archived": False,
            "variants": [{"language": "en", "tone": "formal", "body": ""}],
        }
        self.table.clearSelection()
        self._fill_editor()
        self._dirty = True
        self._update_buttons()
        self.title_en.setFocus()

    def _fill_editor(self) -> None:
        answer = self._answer
        self._loading = True
        try:
            editable = answer is not None
            for widget in (
                self.title_en,
                self.title_ru,
                self.category,
                self.shortcut,
                self.platforms,
                self.variants,
                self.body,
                self.add_variant,
            ):
                widget.setEnabled(editable)
            self.title_en.setText(answer["title"].get("en", "") if answer else "")
            self.title_ru.setText(answer["title"].get("ru", "") if answer else "")
            self.category.setCurrentIndex(CATEGORIES.index(answer["category"]) if answer else -1)
            self.shortcut.setText((answer.get("shortcut") or "") if answer else "")
            self.platforms.setText(", ".join(answer.get("platforms") or []) if answer else "")
            self._variant = -1
            self._list_variants(0)
        finally:
            self._loading = False
        self._dirty = False
        self._update_usage()
        self._update_buttons()
        self._update_preview()

    def _list_variants(self, select: int) -> None:
        self.variants.blockSignals(True)
        self.variants.clear()
        for variant in self._answer["variants"] if self._answer else []:
            self.variants.addItem(self._variant_name(variant))
        self.variants.blockSignals(False)
        self._variant = -1
        if self.variants.count():
            self.variants.setCurrentIndex(min(select, self.variants.count() - 1))
            self._variant_changed(self.variants.currentIndex())
        else:
            self.body.setPlainText("")

    def _variant_name(self, variant: dict[str, str]) -> str:
        language = LANGUAGE_NAMES.get(variant["language"], variant["language"])
        return f"{language} · {tone_label(variant['tone'])}"

    def _variant_changed(self, index: int) -> None:
        if self._answer is None or index < 0:
            return
        self._variant = index
        loading, self._loading = self._loading, True
        try:
            self.body.setPlainText(self._answer["variants"][index]["body"])
        finally:
            self._loading = loading
        self.remove_variant.setEnabled(len(self._answer["variants"]) > 1)
        self._update_preview()

    def _add_variant(self) -> None:
        if self._answer is None:
            return
        taken = {(v["language"], v["tone"]) for v in self._answer["variants"]}
        others = sorted({language for language, _tone in taken} - set(LANGUAGE_NAMES))
        choices = [
            (language, tone)
            for language in (*LANGUAGE_NAMES, *others)
            for tone in TONES
            if (language, tone) not in taken
        ]
        names = [self._variant_name({"language": lang, "tone": tone}) for lang, tone in choices]
        if not names:
            return
        name, ok = QInputDialog.getItem(
            self, self.tr("Add a variant"), self.tr("Language and tone:"), names, 0, False
        )
        if not ok:
            return
        language, tone = choices[names.index(name)]
        current = self._answer["variants"][self._variant]["body"] if self._variant >= 0 else ""
        self._answer["variants"].append({"language": language, "tone": tone, "body": current})
        self._list_variants(len(self._answer["variants"]) - 1)
        self._edited()

    def _remove_variant(self) -> None:
        if self._answer is None or len(self._answer["variants"]) < 2 or self._variant < 0:
            return
        del self._answer["variants"][self._variant]
        self._list_variants(max(0, self._variant - 1))
        self._edited()

    def _body_edited(self) -> None:
        if self._loading or self._answer is None or self._variant < 0:
            return
        self._answer["variants"][self._variant]["body"] = self.body.toPlainText()
        self._edited()
        self._update_preview()

    def _edited(self) -> None:
        if self._loading or self._answer is None:
            return
        self._dirty = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self._answer is not None and self._dirty)
        self.archive_button.setEnabled(self._answer_id is not None)
        archived = bool(self._answer and self._answer.get("archived"))
        self.archive_button.setText(self.tr("Restore") if archived else self.tr("Archive"))

    def _update_usage(self) -> None:
        entry = next(
            (e for e in self._entries_for_usage() if e.id == self._answer_id),
            None,
        )
        if entry is None:
            self.usage.setText(self.tr("New answer") if self._answer else "")
            return
        last = (
            datetime.fromtimestamp(entry.last_used_at).strftime("%Y-%m-%d %H:%M")
            if entry.last_used_at
            else self.tr("never")
        )
        self.usage.setText(
            self.tr("Used {n} times, last: {last}").format(n=entry.usage_count, last=last)
        )

    def _entries_for_usage(self) -> list[Any]:
        if self._answer is None:
            return []
        archived = bool(self._answer.get("archived"))
        return list_library(self._db, "", self._answer["category"], archived=archived)

    def _update_preview(self) -> None:
        body = self.body.toPlainText() if self._answer is not None else ""
        item = self._preview_item()
        if item is None:
            self.preview_for.setText(self.tr("Preview (select an item to fill in its values):"))
            rendered = render(body, {})
        else:
            self.preview_for.setText(
                self.tr("Preview for {author} on {source}:").format(
                    author=item.author_name or self.tr("Unknown author"), source=item.source_name
                )
            )
            rendered = self._canned.preview(body, item)
        self.preview.setPlainText(rendered.text)
        unfilled = [f"{{{name}}}" for name in rendered.missing] + [
            f"{{?{q}}}" for q in rendered.prompts
        ]
        self.preview_warning.setText(
            self.tr("Asked for before sending: {names}").format(names=", ".join(unfilled))
            if unfilled
            else ""
        )

    def _collected(self) -> dict[str, Any] | None:
        if self._answer is None:
            return None
        answer = dict(self._answer)
        title_en, title_ru = self.title_en.text().strip(), self.title_ru.text().strip()
        answer["title"] = {"en": title_en, "ru": title_ru}
        answer["category"] = CATEGORIES[max(0, self.category.currentIndex())]
        answer["shortcut"] = self.shortcut.text().strip().lstrip(";") or None
        answer["platforms"] = [p.strip() for p in self.platforms.text().split(",") if p.strip()]
        if not answer["key"]:
            answer["key"] = new_key(self._db, title_en or title_ru)
        return answer

    def save(self) -> bool:
        answer = self._collected()
        if answer is None or not self._dirty:
            return True
        try:
            answer_id = save_answer(self._db, answer, self._clock())
        except LibraryFileError as error:
            QMessageBox.warning(self, self.tr("Cannot save the answer"), str(error))
            return False
        self._answer_id = answer_id
        self._answer = load_answer(self._db, answer_id)
        self._dirty = False
        self.status.setText(self.tr("Saved “{title}”").format(title=self._title(answer)))
        self._after_change(answer_id)
        return True

    def toggle_archived(self) -> None:
        if self._answer_id is None or self._answer is None or not self._settle_unsaved():
            return
        archived = not bool(self._answer.get("archived"))
        set_archived(self._db, self._answer_id, archived)
        title = self._title(self._answer)
        self.status.setText(
            self.tr("Archived “{title}”: kept, no longer offered").format(title=title)
            if archived
            else self.tr("Restored “{title}”").format(title=title)
        )
        self._answer_id, self._answer = None, None
        self._after_change(None)

    def _after_change(self, select_id: int | None) -> None:
        self.refresh_categories()
        self.refresh_list(select_id)
        if select_id is not None:
            self._fill_editor()
        self.libraryChanged.emit()

    def _title(self, answer: dict[str, Any]) -> str:
        titles = answer["title"]
        return str((titles.get("ru") if self.language == "ru" else None) or titles.get("en") or "")

    def _settle_unsaved(self) -> bool:
        """Before leaving an answer with unsaved edits: save, discard, or stay."""
        if not self._dirty or self._answer is None:
            return True
        choice = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this answer?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        if choice == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    # -- the team's file -----------------------------------------------------------------

    def _file_filter(self) -> str:
        return self.tr("Answer library (*.json *.yaml *.yml)")

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the answer library"), "answers.yaml", self._file_filter()
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            text = library_text(export_library(self._db), file_format(path))
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            QMessageBox.warning(
                self,
                self.tr("Cannot export"),
                self.tr("Steward could not write {file}: {reason}").format(
                    file=path.name, reason=error.strerror
                ),
            )
            return
        self.status.setText(self.tr("Exported to {file}").format(file=path.name))

    def import_file(self) -> None:
        if not self._settle_unsaved():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import an answer library"), "", self._file_filter()
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
            result = import_library(self._db, parse_library(text, file_format(path)), self._clock())
        except (OSError, UnicodeDecodeError, LibraryFileError) as error:
            reason = (
                str(error)
                if isinstance(error, LibraryFileError)
                else self.tr("The file cannot be read as UTF-8 text.")
                if isinstance(error, UnicodeDecodeError)
                else str(error.strerror)
            )
            QMessageBox.warning(
                self,
                self.tr("Nothing was imported"),
                self.tr("{file}: {reason}").format(file=path.name, reason=reason),
            )
            return
        self.status.setText(
            self.tr("Imported {file}: {added} added, {updated} updated, {same} unchanged").format(
                file=path.name, added=result.added, updated=result.updated, same=result.unchanged
            )
        )
        self._answer_id, self._answer, self._dirty = None, None, False
        self._after_change(None)

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Answer library"))
        self.search.setPlaceholderText(self.tr("Search titles, shortcuts and texts…"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Answer"), self.tr("Shortcut"), self.tr("Used"), self.tr("Last used")]
        )
        self.new_button.setText(self.tr("New answer"))
        self.import_button.setText(self.tr("Import…"))
        self.export_button.setText(self.tr("Export…"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self.add_variant.setText(self.tr("Add…"))
        self.remove_variant.setText(self.tr("Remove"))
        self.platforms.setPlaceholderText(self.tr("any platform (or e.g. google_play, vk)"))
        self.shortcut.setPlaceholderText(self.tr("one word, typed as ;word then Tab"))
        labels = (
            self.tr("Title (English)"),
            self.tr("Title (Russian)"),
            self.tr("Category"),
            self.tr("Shortcut"),
            self.tr("Platforms"),
            self.tr("Variant"),
        )
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.category.blockSignals(True)
        index = self.category.currentIndex()
        self.category.clear()
        self.category.addItems([category_label(name) for name in CATEGORIES])
        self.category.setCurrentIndex(index)
        self.category.blockSignals(False)
        self._update_buttons()
        if self.categories.count():
            self.refresh_categories()
            self.refresh_list()
            self._list_variants(max(0, self._variant))
            self._update_usage()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settle_unsaved():
            event.accept()
        else:
            event.ignore()
