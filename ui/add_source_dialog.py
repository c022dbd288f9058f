"""Add source: pick a platform, fill in what it asks for, and go through its sign-in. The same
dialog signs an existing source in again, with its platform fixed and its settings filled in.

The sign-in runs on the app's asyncio loop, so the window stays responsive while the platform
(or the browser, for OAuth) answers. Nothing is saved until the platform accepted the sign-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.connectors.base import ConnectorError, SourceField
from desktop.db.engine import Database
from desktop.secrets import KeyringUnavailable
from desktop.services.sources import (
    PlatformKind,
    SourceSetupError,
    platform_kinds,
    save_sign_in_again,
    save_source,
    sign_in,
)
from ui.labels import field_help, field_label, platform_hint
from ui.theme import PLATFORM_COLOURS

log = logging.getLogger(__name__)
KindRole = Qt.ItemDataRole.UserRole + 1


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class _HelpText(QLabel):
    """A wrapped help text under a field. A form gives a wrapped label the height of its size
    hint, which is computed for some other width; this one asks for the height it needs at the
    width it got."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class AddSourceDialog(QDialog):
    sourceAdded = Signal(int)  # the new source's id
    signedIn = Signal(int)  # an existing source's id, signed in again

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        source_id: int | None = None,
        kind: str | None = None,
        values: dict[str, Any] | None = None,
        source_name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addSourceDialog")
        self._db = db
        self._source_id = source_id  # set: sign in again
        self._values = dict(values or {})
        self._source_name = source_name
        self._kinds = {k.kind: k for k in platform_kinds()}
        self._inputs: dict[str, QLineEdit] = {}
        self._switches: dict[str, QCheckBox] = {}
        self._task: asyncio.Future[None] | None = None
        self._busy = False  # a sign-in is running
        self.open_browser = lambda url: QDesktopServices.openUrl(QUrl(url))

        self.platforms = QListWidget(self)
        self.platforms.setObjectName("platformList")
        self.platforms.setMaximumWidth(200)
        for platform in self._kinds.values():
            item = QListWidgetItem(_swatch(PLATFORM_COLOURS.get(platform.kind, "#888888")), "")
            item.setData(KindRole, platform.kind)
            self.platforms.addItem(item)
        self.heading = QLabel(self)
        self.heading.setObjectName("sourceHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("sourceHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(self.form_host)
        self.name.setObjectName("sourceName")
        self.tone = QComboBox(self.form_host)
        self.tone.setObjectName("sourceTone")
        self.tone.addItem("", "formal")
        self.tone.addItem("", "informal")
        self.name_label = QLabel(self.form_host)
        self.tone_label = QLabel(self.form_host)
        # The source's own rows stay below the platform's fields, in the same form.
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.tone_label, self.tone)
        self.status = QLabel(self)
        self.status.setObjectName("signInStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_sign_in)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.hint)
        right.addWidget(self.form_host)
        right.addStretch(1)
        right.addWidget(self.status)
        right.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.platforms)
        layout.addLayout(right, 1)
        self.resize(760, 540)

        self.platforms.currentItemChanged.connect(self._platform_chosen)
        if kind is not None:
            self.platforms.setVisible(False)
        self._kind = kind or next(iter(self._kinds))
        self.retranslate()
        self._select(self._kind)

    # -- the form ------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def platform(self) -> PlatformKind:
        return self._kinds[self._kind]

    def select_platform(self, kind: str) -> None:
        self._select(kind)

    def _select(self, kind: str) -> None:
        for row in range(self.platforms.count()):
            if self.platforms.item(row).data(KindRole) == kind:
                self.platforms.setCurrentRow(row)
                return
        self._build_form(kind)

    def _platform_chosen(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self._build_form(str(current.data(KindRole)))

    def _build_form(self, kind: str) -> None:
        self._kind = kind
        while self.form.rowCount() > 2:  # all but the name and tone rows
            self.form.removeRow(0)
        self._inputs = {}
        self._switches = {}
        row = 0
        for spec in self.platform.fields:
            if spec.switch:
                box = QCheckBox(self.form_host)
                box.setObjectName(f"field_{spec.name}")
                value = str(self._values.get(spec.name, spec.default)).lower()
                box.setChecked(value in ("yes", "true", "1", "on"))
                self._switches[spec.name] = box
                self.form.insertRow(row, "", box)
                row += 1
            else:
                row = self._add_line(spec, row)
            help_text = field_help(spec)
            if help_text:
                note = _HelpText(help_text, self.form_host)
                note.setObjectName(f"help_{spec.name}")
                note.setWordWrap(True)
                note.setTextFormat(Qt.TextFormat.PlainText)
                note.setEnabled(False)  # drawn in the muted colour
                self.form.insertRow(row, "", note)
                row += 1
        self.status.clear()
        self.retranslate()
        self._update_button()

    def _add_line(self, spec: SourceField, row: int) -> int:
        edit = QLineEdit(self.form_host)
        edit.setObjectName(f"field_{spec.name}")
        if spec.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        else:
            edit.setText(str(self._values.get(spec.name, spec.default)))
        edit.setPlaceholderText(spec.placeholder)
        edit.textChanged.connect(self._update_button)
        self._inputs[spec.name] = edit
        label = QLabel(self.form_host)
        label.setBuddy(edit)
        self.form.insertRow(row, label, edit)
        return row + 1

    def values(self) -> tuple[dict[str, str], dict[str, str]]:
        settings: dict[str, str] = {}
        secrets: dict[str, str] = {}
        for spec in self.platform.fields:
            if spec.switch:
                settings[spec.name] = "yes" if self._switches[spec.name].isChecked() else "no"
                continue
            value = self._inputs[spec.name].text()
            if spec.secret:
                if value:
                    secrets[spec.name] = value
            elif value.strip():
                settings[spec.name] = value.strip()
        return settings, secrets

    def set_value(self, name: str, value: str) -> None:
        self._inputs[name].setText(value)

    def _update_button(self) -> None:
        missing = [
            spec
            for spec in self.platform.fields
            if spec.required and not spec.switch and not self._inputs[spec.name].text().strip()
        ]
        self.connect_button.setEnabled(not missing and not self._busy)

    # -- signing in ----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def start_sign_in(self) -> None:
        if self.busy:
            return
        settings, secrets = self.values()
        self._set_busy(True)
        self._task = asyncio.ensure_future(self._sign_in(self._kind, settings, secrets))

    async def _sign_in(self, kind: str, settings: dict[str, str], secrets: dict[str, str]) -> None:
        try:
            result, staged = await sign_in(kind, settings, secrets, open_browser=self.open_browser)
            if self._source_id is None:
                source_id = save_source(
                    self._db,
                    kind,
                    result,
                    staged,
                    name=self.name.text().strip(),
                    tone=str(self.tone.currentData()),
                )
                self.sourceAdded.emit(source_id)
            else:
                save_sign_in_again(self._db, self._source_id, result, staged)
                self.signedIn.emit(self._source_id)
        except asyncio.CancelledError:
            self._set_busy(False)
            self.status.setText(self.tr("Sign-in cancelled; nothing was saved."))
            raise
        except (ConnectorError, SourceSetupError, KeyringUnavailable) as error:
            self._failed(str(error))
        except Exception as error:  # a bug: the user still gets a message, the log the detail
            log.exception("sign-in failed")
            self._failed(
                self.tr("Steward could not finish the sign-in ({error}).").format(
                    error=type(error).__name__
                )
            )
        else:
            self._set_busy(False)
            self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.setProperty("error", True)
        self.status.setText(self.tr("Not connected: {message}").format(message=message))

    def _set_busy(self, busy: bool) -> None:
        """While a sign-in runs, the form cannot be changed or sent again."""
        self.platforms.setEnabled(not busy)
        self.form_host.setEnabled(not busy)
        if busy:
            self.status.setProperty("error", False)
            self.status.setText(
                self.tr("Signing in to {platform}…").format(platform=self.platform.title)
            )
        self._busy = busy
        self._update_button()

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        again = self._source_id is not None
        self.setWindowTitle(
            self.tr("Sign in again — {name}").format(name=self._source_name)
            if again
            else self.tr("Add source")
        )
        self.connect_button.setText(self.tr("Sign in") if again else self.tr("Connect"))
        for row in range(self.platforms.count()):
            item = self.platforms.item(row)
            item.setText(self._kinds[str(item.data(KindRole))].title)
        self.heading.setText(self.platform.title)
        self.hint.setText(platform_hint(self._kind))
        self.hint.setVisible(bool(self.hint.text()))
        self.name_label.setText(self.tr("Name in Steward"))
        self.name.setPlaceholderText(self.tr("Filled in from the account"))
        self.tone_label.setText(self.tr("Tone of answers"))
        self.tone.setItemText(0, self.tr("Formal"))
        self.tone.setItemText(1, self.tr("Informal"))
        for name, box in self._switches.items():
            spec = next(s for s in self.platform.fields if s.name == name)
            box.setText(field_label(spec))
        for name_label, edit in self._field_labels():
            spec = next(s for s in self.platform.fields if s.name == edit.objectName()[6:])
            name_label.setText(
                field_label(spec) + ("" if spec.required else " " + self.tr("(optional)"))
            )
        for widget in (self.name, self.tone):
            self.form.setRowVisible(widget, not again)

    def _field_labels(self) -> list[tuple[QLabel, QLineEdit]]:
        pairs = []
        for row in range(self.form.rowCount()):
            label_item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label, edit = label_item.widget(), field_item.widget()
            if isinstance(label, QLabel) and isinstance(edit, QLineEdit) and edit is not self.name:
                pairs.append((label, edit))
        return pairs

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        with contextlib.suppress(RuntimeError):
            if self._task is not None and not self._task.done():
                self._task.cancel()
        super().done(result)
