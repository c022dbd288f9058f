"""What the item pane offers beyond reading: the moderation buttons the item's platform allows,
and the item's actions on their way out (queued, sending, failed, held) with what can be done
about each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.connectors.base import MODERATION, Action
from desktop.services.outbox import OutboxEntry
from ui.labels import action_label, conflict_text, connector_reason, outbox_state_label

VISIBLE_STATES = ("queued", "sending", "failed", "conflict")


class ModerationBar(QWidget):
    moderateRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("moderationBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for action in (*MODERATION, Action.RESTORE, Action.EDIT_REPLY):
            button = QPushButton(self)
            button.setObjectName(f"moderate_{action.value}")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, a=action.value: self.moderateRequested.emit(a))
            layout.addWidget(button)
            self.buttons[action.value] = button
        # A message to the author sent with the action (one per item, filled in for each).
        self.reason = QComboBox(self)
        self.reason.setObjectName("moderationReason")
        self.reason.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.reason.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.reason)
        self._reasons: list[tuple[int, str]] = []
        layout.addStretch(1)
        self._allowed: frozenset[str] = frozenset()
        self._irreversible: frozenset[str] = frozenset()
        self._reasons_not: dict[str, str] = {}
        self.retranslate()

    def set_allowed(
        self,
        allowed: frozenset[str],
        irreversible: frozenset[str],
        not_allowed: dict[str, str] | None = None,
    ) -> None:
        """Show the allowed actions enabled, and those the platform does not allow (keys of
        `not_allowed`, with why) disabled, the reason on the button's tooltip. Restore shows
        only where it is possible (a deleted item)."""
        self._allowed, self._irreversible = allowed, irreversible
        self._reasons_not = dict(not_allowed or {})
        for action, button in self.buttons.items():
            # Restore and editing one's own reply show only where they are possible.
            shown = action in allowed or (
                action not in (Action.RESTORE.value, Action.EDIT_REPLY.value)
                and action in self._reasons_not
            )
            button.setVisible(shown)
            button.setEnabled(action in allowed)
        self.setVisible(
            any(action in allowed or action in self._reasons_not for action in self.buttons)
        )
        self.reason.setVisible("reply" in allowed and bool(self._reasons))
        self.retranslate()

    def set_reasons(self, reasons: list[tuple[int, str]]) -> None:
        """The answers that can go with an action: (answer id, title in the UI's language)."""
        chosen = self.reason_id()
        self._reasons = reasons
        self.reason.blockSignals(True)
        self.reason.clear()
        self.reason.addItem("", None)
        for answer_id, title in reasons:
            self.reason.addItem(title, answer_id)
        index = self.reason.findData(chosen) if chosen is not None else 0
        self.reason.setCurrentIndex(max(0, index))
        self.reason.blockSignals(False)
        self.reason.setVisible("reply" in self._allowed and bool(reasons))
        self.retranslate()

    def reason_id(self) -> int | None:
        data = self.reason.currentData()
        return int(data) if data is not None else None

    def retranslate(self) -> None:
        if self.reason.count():
            self.reason.setItemText(0, self.tr("No message to the author"))
        self.reason.setToolTip(self.tr("Sent to each author before the action"))
        for action, button in self.buttons.items():
            text = action_label(action)
            tip = ""
            if action not in self._allowed and action in self._reasons_not:
                tip = connector_reason(self._reasons_not[action])
            elif action in self._irreversible:
                tip = self.tr("Cannot be undone on the platform")
                text += " ⚠"
            button.setToolTip(tip)
            button.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class OutboxStrip(QWidget):
    """One line per action of this item that has not left yet or needs the user."""

    retryRequested = Signal(int)
    editRequested = Signal(int)
    sendAnywayRequested = Signal(int)
    dropRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("outboxStrip")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._entries: list[OutboxEntry] = []
        self.setVisible(False)

    def set_entries(self, entries: list[OutboxEntry]) -> None:
        self._entries = [e for e in entries if e.state in VISIBLE_STATES]
        self._rebuild()

    def _rebuild(self) -> None:
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for entry in self._entries:
            self._layout.addWidget(self._row(entry))
        self.setVisible(bool(self._entries))

    def _row(self, entry: OutboxEntry) -> QWidget:
        row = QWidget(self)
        row.setObjectName(f"outbox_{entry.id}")
        row.setProperty("state", entry.state)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(row)
        label.setObjectName("outboxText")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        text = f"{action_label(entry.action)}: {outbox_state_label(entry.state)}"
        if entry.state == "conflict":
            text = self.tr("{action} held back: {reason}").format(
                action=action_label(entry.action), reason=conflict_text(entry.error)
            )
        elif entry.state == "failed" and entry.error:
            text += f" — {entry.error}"
        if entry.text:
            snippet = " ".join(entry.text.split())
            text += f"\n“{snippet[:120]}{'…' if len(snippet) > 120 else ''}”"
        label.setText(text)
        layout.addWidget(label, 1)
        buttons: list[tuple[str, str, Signal]] = []
        if entry.state == "failed":
            buttons.append(("retry", self.tr("Retry"), self.retryRequested))
        if entry.state == "conflict":
            buttons.append(("sendAnyway", self.tr("Send anyway"), self.sendAnywayRequested))
        if entry.state in ("failed", "conflict") and entry.action == "reply":
            buttons.append(("edit", self.tr("Edit…"), self.editRequested))
        if entry.state in ("failed", "conflict", "queued"):
            buttons.append(("drop", self.tr("Drop"), self.dropRequested))
        for name, caption, signal in buttons:
            button = QPushButton(caption, row)
            button.setObjectName(name)
            button.clicked.connect(lambda _=False, s=signal, i=entry.id: s.emit(i))
            layout.addWidget(button)
        return row

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._rebuild()
        super().changeEvent(event)
