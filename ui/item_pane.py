"""The item pane: the full text (always plain text), its context, the thread above it, and the
reply composer whose draft is saved as the user types."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.item_detail import ItemDetail
from desktop.services.canned import PLATFORM_NAMES
from ui.inbox_model import stars
from ui.item_actions import ModerationBar, OutboxStrip
from ui.labels import duration_text, remote_state_label, status_label

DRAFT_SAVE_DELAY_MS = 400


def plain_label(parent: QWidget, object_name: str) -> QLabel:
    """A label that never interprets its text as rich text: item text is untrusted."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setOpenExternalLinks(False)
    return label


SHORTCUT = re.compile(r";([\w-]{1,50})$")


class ItemPane(QWidget):
    """`expand` turns a composer shortcut (the word after `;`) into (filled text, answer id)
    for the shown item, or None when no answer has that shortcut."""

    draftSaved = Signal(int)
    sendRequested = Signal(int, str)  # item id, reply text
    cannedUsed = Signal(int, int)  # answer id, item id
    answersSent = Signal(int, object, str)  # item id, [(answer id, inserted text)], sent text

    def __init__(
        self,
        load_draft: Callable[[int], str],
        save_draft: Callable[[int, str], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._load_draft = load_draft
        self._save_draft = save_draft
        self._item: ItemDetail | None = None
        self._loading = False
        self._dirty = False
        self._can_reply = False
        self._replaces = False
        self._limit: int | None = None
        # The answers inserted into each item's reply so far, with the text each one put in:
        # when the reply is sent, its history says how the moderator changed them.
        self._inserted: dict[int, list[tuple[int, str]]] = {}

        self.header = plain_label(self, "itemHeader")
        self.author = plain_label(self, "itemAuthor")
        bold = QFont(self.author.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.author.setFont(bold)
        self.meta = plain_label(self, "itemMeta")
        self.context = plain_label(self, "itemContext")
        self.context.setFrameShape(QFrame.Shape.StyledPanel)
        self.context.setMargin(6)
        self.thread = QPlainTextEdit(self)
        self.thread.setObjectName("itemThread")
        self.thread.setReadOnly(True)
        self.thread.setMaximumHeight(90)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("itemText")
        self.text.setReadOnly(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The answer already published on the platform (a review's developer reply).
        self.answer = plain_label(self, "publishedAnswer")
        self.answer.setFrameShape(QFrame.Shape.StyledPanel)
        self.answer.setMargin(6)
        self.answer.setVisible(False)
        self.composer_label = plain_label(self, "composerLabel")
        self.composer = QPlainTextEdit(self)
        self.composer.setObjectName("composer")
        self.composer.setTabChangesFocus(True)
        self.composer.installEventFilter(self)
        self.expand: Callable[[str], tuple[str, int] | None] = lambda _shortcut: None
        self.draft_state = plain_label(self, "draftState")
        self.counter = plain_label(self, "replyCounter")
        self.counter.setWordWrap(False)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("sendReply")
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self._send)
        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.composer)
        send_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        send_shortcut.activated.connect(self._send)
        self.moderation = ModerationBar(self)
        self.outbox = OutboxStrip(self)
        self.empty = plain_label(self, "emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # Reading on the left, answering on the right: both stay in view while replying.
        reading = QWidget(self)
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.context, self.thread, self.text, self.answer):
            reading_layout.addWidget(widget)
        reading_layout.setStretchFactor(self.text, 3)
        answering = QWidget(self)
        answering_layout = QVBoxLayout(answering)
        answering_layout.setContentsMargins(0, 0, 0, 0)
        answering_layout.addWidget(self.composer_label)
        answering_layout.addWidget(self.composer)
        send_row = QHBoxLayout()
        send_row.addWidget(self.draft_state, 1)
        send_row.addWidget(self.counter)
        send_row.addWidget(self.send_button)
        answering_layout.addLayout(send_row)
        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.addWidget(reading)
        self.body.addWidget(answering)
        self.body.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for widget in (
            self.header,
            self.author,
            self.meta,
            self.moderation,
            self.outbox,
            self.body,
            self.empty,
        ):
            layout.addWidget(widget)
        layout.setStretchFactor(self.body, 1)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush_draft)
        self.composer.textChanged.connect(self._composer_changed)
        self.retranslate()
        self.show_item(None)

    @property
    def item(self) -> ItemDetail | None:
        return self._item

    def show_item(self, item: ItemDetail | None) -> None:
        self.flush_draft()
        self._item = item
        has_item = item is not None
        for widget in (self.header, self.author, self.meta, self.body):
            widget.setVisible(has_item)
        if item is None:
            self.answer.setVisible(False)
            self.moderation.set_allowed(frozenset(), frozenset())
            self.outbox.set_entries([])
        self.empty.setVisible(not has_item)
        self.context.setVisible(bool(item and item.context_title))
        self.thread.setVisible(bool(item and item.thread))
        self._loading = True
        try:
            if item is None:
                self.composer.setPlainText("")
                return
            self._fill(item)
            self.composer.setPlainText(self._load_draft(item.id))
            self.composer.moveCursor(QTextCursor.MoveOperation.End)
            self.draft_state.setText("")
        finally:
            self._loading = False

    def refresh_item(self, item: ItemDetail | None) -> None:
        """The shown item changed elsewhere (sync): refill what is read, keep the composer."""
        if item is None or self._item is None or item.id != self._item.id:
            return
        self._item = item
        self._fill(item)

    def _fill(self, item: ItemDetail) -> None:
        age = duration_text(time.time() - item.created_at)
        platform = PLATFORM_NAMES.get(item.platform, item.platform)
        self.header.setText(
            self.tr("{platform} · {source} · {age} ago").format(
                platform=platform, source=item.source_name, age=age
            )
        )
        author = item.author_name or self.tr("Unknown author")
        if item.author_handle and item.author_handle != item.author_name:
            author = f"{author}  ({item.author_handle})"
        if item.author_watchlist:
            author += "  " + self.tr("[watched]")
        self.author.setText(author)
        parts = [status_label(item.status)]
        if item.rating:
            parts.append(stars(item.rating))
        if item.app_version:
            parts.append(self.tr("version {v}").format(v=item.app_version))
        if item.device:
            parts.append(item.device)
        if item.language:
            parts.append(item.language.upper())
        territory = item.extra.get("territory")
        if isinstance(territory, str) and territory:
            parts.append(territory.upper())
        if item.remote_state != "visible":
            parts.append(remote_state_label(item.remote_state))
        if item.assignee:
            parts.append(self.tr("assigned to {who}").format(who=item.assignee))
        if item.tags:
            parts.append(" ".join(f"#{tag}" for tag in item.tags))
        self.meta.setText("  ·  ".join(parts))
        if item.context_title:
            lines = [item.context_title]
            if item.context_detail:
                lines.append(item.context_detail)
            if item.context_url:
                lines.append(item.context_url)  # shown, never opened on its own
            self.context.setText("\n".join(lines))
        self.thread.setPlainText(
            "\n\n".join(
                f"{entry.author or self.tr('Unknown author')}: {entry.text}"
                for entry in item.thread
            )
        )
        self.text.setPlainText(item.text)
        if item.answers:
            latest = item.answers[-1]
            when = time.strftime("%d.%m.%Y %H:%M", time.localtime(latest.created_at))
            self.answer.setText(
                self.tr("Your published answer ({when}):").format(when=when) + "\n" + latest.text
            )
        self.answer.setVisible(bool(item.answers))
        self._update_composer_label()

    # -- the composer --------------------------------------------------------------------

    def insert_text(self, text: str) -> None:
        cursor = self.composer.textCursor()
        cursor.insertText(text)
        self.composer.setTextCursor(cursor)
        self.composer.setFocus()

    def insert_answer(self, text: str, answer_id: int) -> None:
        """An answer from the library, at the cursor; several combine into one reply."""
        if self._item is None:
            return
        self.insert_text(text)
        self._answer_inserted(answer_id, text)

    def _answer_inserted(self, answer_id: int, text: str) -> None:
        assert self._item is not None
        self._inserted.setdefault(self._item.id, []).append((answer_id, text))
        self.cannedUsed.emit(answer_id, self._item.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tab right after `;shortcut` expands it; otherwise Tab moves on as usual.
        if (
            watched is self.composer
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            return self._expand_shortcut()
        return super().eventFilter(watched, event)

    def _expand_shortcut(self) -> bool:
        if self._item is None:
            return False
        cursor = self.composer.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        match = SHORTCUT.search(before)
        if match is None or (match.start() > 0 and not before[match.start() - 1].isspace()):
            return False
        expanded = self.expand(match.group(1))
        if expanded is None:
            return False
        text, answer_id = expanded
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(match.group(0))
        )
        cursor.insertText(text)
        self.composer.setTextCursor(cursor)
        self._answer_inserted(answer_id, text)
        return True

    def set_can_reply(
        self, can_reply: bool, limit: int | None = None, *, replaces: bool = False
    ) -> None:
        """`replaces`: on this platform a reply replaces the answer already published."""
        self._can_reply = can_reply
        self._limit = limit
        self._replaces = replaces
        self._update_composer_label()
        self._update_send()

    def _update_composer_label(self) -> None:
        if self._replaces and self._item is not None and self._item.answers:
            self.composer_label.setText(
                self.tr("Reply — sending replaces your published answer on the platform")
            )
        else:
            self.composer_label.setText(self.tr("Reply"))

    def _update_send(self) -> None:
        text = self.composer.toPlainText()
        length = len(text.strip())
        too_long = self._limit is not None and length > self._limit
        self.send_button.setEnabled(
            self._item is not None and self._can_reply and length > 0 and not too_long
        )
        if self._limit is None or not self._can_reply:
            self.counter.setText(f"{length}" if length else "")
        else:
            self.counter.setText(f"{length} / {self._limit}")
        self.counter.setProperty("tooLong", too_long)
        self.counter.setToolTip(
            self.tr("Longer than the platform allows: shorten the reply") if too_long else ""
        )
        self.counter.setStyleSheet("color: #d32f2f; font-weight: bold;" if too_long else "")

    def _send(self) -> None:
        if self._item is not None and self.send_button.isEnabled():
            self.sendRequested.emit(self._item.id, self.composer.toPlainText())

    def reply_queued(self, sent: str) -> None:
        """The reply left the composer for the outbox: the draft is gone with it."""
        if self._item is not None:
            used = self._inserted.pop(self._item.id, [])
            if used:
                self.answersSent.emit(self._item.id, used, sent)
        self._save_timer.stop()
        self._dirty = False
        self._loading = True
        try:
            self.composer.setPlainText("")
        finally:
            self._loading = False
        self.draft_state.setText(self.tr("Reply queued"))
        self._update_send()

    def _composer_changed(self) -> None:
        self._update_send()
        if self._loading or self._item is None:
            return
        self._dirty = True
        self.draft_state.setText(self.tr("Saving draft…"))
        self._save_timer.start()

    def flush_draft(self) -> None:
        self._save_timer.stop()
        if not self._dirty or self._item is None:
            return
        self._dirty = False
        self._save_draft(self._item.id, self.composer.toPlainText())
        self.draft_state.setText(self.tr("Draft saved"))
        self.draftSaved.emit(self._item.id)

    def retranslate(self) -> None:
        self._update_composer_label()
        self.send_button.setText(self.tr("Send  (Ctrl+Enter)"))
        self.composer.setPlaceholderText(self.tr("Write a reply… (R)"))
        self.empty.setText(self.tr("Select an item to read it here."))
        if self._item is not None:
            self._fill(self._item)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
