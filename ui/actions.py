"""The window's actions and their keys, declared once, with their texts set in retranslate()."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence


class WindowActions(QObject):
    """Single-letter keys are window shortcuts: Qt gives a focused text field the key first
    (a ShortcutOverride it accepts for printable keys), so none fires while the user types."""

    def __init__(self, parent: QObject):
        super().__init__(parent)

        def make(name: str, *keys: str) -> QAction:
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            return action

        self.next_item = make("nextItem", "J")
        self.previous_item = make("previousItem", "K")
        self.done = make("markDone", "E")
        self.snooze = make("snooze", "S")
        self.escalate = make("escalate", "!", "Shift+!")
        self.assign_to_me = make("assignToMe", "A")
        self.tag = make("tag", "T")
        self.search = make("focusSearch", "/")
        self.reply = make("focusReply", "R")
        self.undo = make("undo", "Ctrl+Z")
        self.cheat_sheet = make("cheatSheet", "?", "Shift+?")
        self.quit = make("quit", "Ctrl+Q")
        self.answer_library = make("answerLibrary", "Ctrl+Shift+L")
        self.hand_over = make("handOver", "Ctrl+Shift+H")
        self.import_handover = make("importHandover")
        self.add_source = make("addSource")
        self.import_reviews = make("importReviews")
        self.sync_now = make("syncNow", "F5")
        self.simulate_offline = make("simulateOffline")
        self.simulate_offline.setCheckable(True)
        self.theme_group = QActionGroup(self)
        self.themes = {name: make(f"theme_{name}") for name in ("system", "light", "dark")}
        self.language_group = QActionGroup(self)
        self.languages = {name: make(f"language_{name}") for name in ("system", "en", "ru")}
        for group, actions in (
            (self.theme_group, self.themes),
            (self.language_group, self.languages),
        ):
            for action in actions.values():
                action.setCheckable(True)
                group.addAction(action)

    @property
    def triage(self) -> list[QAction]:
        return [self.done, self.snooze, self.escalate, self.assign_to_me, self.tag, self.undo]

    def retranslate(self) -> None:
        texts = {
            self.next_item: self.tr("Next item"),
            self.previous_item: self.tr("Previous item"),
            self.done: self.tr("Mark done"),
            self.snooze: self.tr("Snooze…"),
            self.escalate: self.tr("Escalate"),
            self.assign_to_me: self.tr("Assign to me"),
            self.tag: self.tr("Tag…"),
            self.search: self.tr("Search"),
            self.reply: self.tr("Write a reply"),
            self.undo: self.tr("Undo"),
            self.cheat_sheet: self.tr("Keyboard shortcuts"),
            self.quit: self.tr("Quit"),
            self.answer_library: self.tr("Answer library…"),
            self.hand_over: self.tr("Hand over the shift…"),
            self.import_handover: self.tr("Import a handover…"),
            self.add_source: self.tr("Add source…"),
            self.import_reviews: self.tr("Import reviews…"),
            self.sync_now: self.tr("Sync now"),
            self.simulate_offline: self.tr("Simulate going offline (demo)"),
            self.themes["system"]: self.tr("Follow the system"),
            self.themes["light"]: self.tr("Light"),
            self.themes["dark"]: self.tr("Dark"),
            self.languages["system"]: self.tr("Follow the system"),
            # Language names are written in their own language.
            self.languages["en"]: "English",
            self.languages["ru"]: "Русский",
        }
        for action, text in texts.items():
            action.setText(text)
