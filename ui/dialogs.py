"""Small choosers: snooze times, tags, the keyboard cheat sheet, and the questions asked before
an irreversible action or when editing a reply that did not go out."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.labels import action_label, connector_reason


def confirm_irreversible(parent: QWidget, action: str, count: int, note: str = "") -> bool:
    """Asked before queueing an action the platform cannot undo; `note` is what else the
    platform does with it (e.g. Waline deletes the replies too)."""
    text = QCoreApplication.translate(
        "Outbox",
        "“{action}” cannot be undone on the platform. Queue it for {n} item(s)?",
    ).format(action=action_label(action), n=count)
    if note:
        text = f"{connector_reason(note)}\n\n{text}"
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Outbox", "Cannot be undone"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_reply_text(parent: QWidget, text: str, *, own: bool = False) -> str | None:
    """The new text of a reply that failed or was held back, or (`own`) of a reply already on
    the platform; None if the user cancels."""
    prompt = (
        QCoreApplication.translate("Outbox", "The reply on the platform is changed to:")
        if own
        else QCoreApplication.translate("Outbox", "The reply is sent again with this text:")
    )
    new_text, accepted = QInputDialog.getMultiLineText(
        parent, QCoreApplication.translate("Outbox", "Edit the reply"), prompt, text
    )
    return new_text if accepted and new_text.strip() else None


class FillInDialog(QDialog):
    """Asks for every placeholder and question still in a reply before it is sent."""

    def __init__(self, names: list[str], questions: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fillInDialog")
        self.setMinimumWidth(400)
        self.setWindowTitle(QCoreApplication.translate("Outbox", "Fill in before sending"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            QCoreApplication.translate(
                "Outbox", "The reply still has blanks. Fill them in; nothing is sent raw."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.fields: dict[tuple[str, str], QLineEdit] = {}
        for kind, label in [("name", n) for n in names] + [("question", q) for q in questions]:
            field = QLineEdit(self)
            field.setObjectName(f"fill_{label}")
            field.textChanged.connect(self._update)
            caption = QLabel(f"{{{label}}}" if kind == "name" else label, self)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(caption, field)
            self.fields[(kind, label)] = field
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        filled = all(field.text().strip() for field in self.fields.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(filled)

    def values(self) -> tuple[dict[str, str], dict[str, str]]:
        """(values by placeholder name, answers by question)."""
        names = {k[1]: f.text().strip() for k, f in self.fields.items() if k[0] == "name"}
        answers = {k[1]: f.text().strip() for k, f in self.fields.items() if k[0] == "question"}
        return names, answers


def ask_fill_ins(
    parent: QWidget, names: list[str], questions: list[str]
) -> tuple[dict[str, str], dict[str, str]] | None:
    dialog = FillInDialog(names, questions, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.values()


def snooze_choices(now: datetime) -> list[tuple[str, datetime]]:
    """The quick chooser's entries: (label, when). Local time."""
    tomorrow = (now + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    monday = (now + timedelta(days=7 - now.weekday())).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return [
        (QCoreApplication.translate("Snooze", "1 hour"), now + timedelta(hours=1)),
        (QCoreApplication.translate("Snooze", "3 hours"), now + timedelta(hours=3)),
        (QCoreApplication.translate("Snooze", "Tomorrow, 9:00"), tomorrow),
        (QCoreApplication.translate("Snooze", "Next week, Monday 9:00"), monday),
    ]


def choose_snooze(parent: QWidget, at: QPoint) -> datetime | None:
    menu = QMenu(parent)
    menu.setObjectName("snoozeMenu")
    menu.setTitle(QCoreApplication.translate("Snooze", "Snooze until"))
    chosen: list[datetime] = []
    for index, (label, when) in enumerate(snooze_choices(datetime.now())):
        action = menu.addAction(f"&{index + 1}  {label}")
        action.triggered.connect(lambda _=False, w=when: chosen.append(w))
    menu.exec(at)
    return chosen[0] if chosen else None


class TagDialog(QDialog):
    """Pick an existing tag or type a new one; a leading minus removes it."""

    def __init__(self, known: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.addItems(known)
        self.combo.setCurrentText("")
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.combo)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.retranslate()

    def tag(self) -> str:
        return self.combo.currentText().strip()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tag"))
        self.hint.setText(self.tr("Type a tag to add it; “-tag” removes it."))


SHORTCUTS = [
    ("J / ↓", QT_TRANSLATE_NOOP("Shortcuts", "Next item")),
    ("K / ↑", QT_TRANSLATE_NOOP("Shortcuts", "Previous item")),
    ("E", QT_TRANSLATE_NOOP("Shortcuts", "Mark done")),
    ("S", QT_TRANSLATE_NOOP("Shortcuts", "Snooze…")),
    ("!", QT_TRANSLATE_NOOP("Shortcuts", "Escalate")),
    ("A", QT_TRANSLATE_NOOP("Shortcuts", "Assign to me")),
    ("T", QT_TRANSLATE_NOOP("Shortcuts", "Tag…")),
    ("/", QT_TRANSLATE_NOOP("Shortcuts", "Search")),
    ("R", QT_TRANSLATE_NOOP("Shortcuts", "Write a reply")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Shortcuts", "Undo the last triage action")),
    (
        "Shift+click, Ctrl+A",
        QT_TRANSLATE_NOOP("Shortcuts", "Select many items; actions apply to all of them"),
    ),
    ("?", QT_TRANSLATE_NOOP("Shortcuts", "This cheat sheet")),
]


class CheatSheet(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cheatSheet")
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for row, (keys, action) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(
                row, 1, QTableWidgetItem(QCoreApplication.translate("Shortcuts", action))
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
