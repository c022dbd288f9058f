"""Replies and moderation as the window sends them into the outbox: blanks in a reply asked for
(never sent raw), irreversible actions confirmed, and held or failed actions resolved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.connectors.base import Action
from desktop.services.events import Change
from desktop.services.outbox import OutboxError, OutboxService
from desktop.templates import Rendered, finish_reply, markup_for
from ui.dialogs import ask_fill_ins, ask_reply_text, confirm_irreversible
from ui.item_pane import ItemPane


class OutboxActions(QObject):
    changed = Signal(object)  # Change
    failed = Signal(str)  # a message for the user

    def __init__(
        self,
        window: QWidget,
        outbox: OutboxService,
        selected_ids: Callable[[], list[int]],
        pane: ItemPane,
        reason_texts: Callable[[int, list[int]], dict[int, Rendered]],
    ):
        super().__init__(window)
        self._window = window
        self._outbox = outbox
        self._reason_texts = reason_texts
        self._selected_ids = selected_ids
        self._pane = pane
        pane.sendRequested.connect(self.send_reply)
        pane.moderation.moderateRequested.connect(self.moderate)
        strip = pane.outbox
        strip.retryRequested.connect(lambda op: self._run(lambda: outbox.retry(op)))
        strip.sendAnywayRequested.connect(lambda op: self._run(lambda: outbox.send_anyway(op)))
        strip.dropRequested.connect(lambda op: self._run(lambda: outbox.drop(op)))
        strip.editRequested.connect(self.edit_queued_reply)

    def send_reply(self, item_id: int, text: str) -> None:
        # An inserted answer may still hold blanks: asked for now, never sent raw.
        item = self._pane.item
        markup = markup_for(item.platform) if item is not None else "plain"
        reply = finish_reply(text, {}, {}, markup)
        if not reply.complete:
            filled = ask_fill_ins(self._window, list(reply.missing), list(reply.prompts))
            if filled is None:
                return
            reply = finish_reply(text, *filled, markup)
            if not reply.complete:
                return
        if self._run(lambda: self._outbox.reply(item_id, reply.text)):
            self._pane.reply_queued(reply.text)

    def moderate(self, action_name: str) -> None:
        action = Action(action_name)
        ids = self._selected_ids()
        if not ids:
            return
        if action is Action.EDIT_REPLY:
            self.edit_own_reply(ids[0])
            return
        capabilities = self._outbox.capabilities(ids[0])
        note = capabilities.notes.get(action, "")
        if (action in capabilities.irreversible or note) and not confirm_irreversible(
            self._window, action, len(ids), note
        ):
            return
        reasons: dict[int, str] = {}
        answer_id = self._pane.moderation.reason_id()
        if answer_id is not None:
            filled = self._finish_all(self._reason_texts(answer_id, ids))
            if filled is None:
                return
            reasons = filled
        self._run(lambda: self._outbox.moderate(ids, action, reasons))

    def _finish_all(self, rendered: dict[int, Rendered]) -> dict[int, str] | None:
        """Each item's message, its blanks asked for once for the whole selection."""
        names = list(dict.fromkeys(n for r in rendered.values() for n in r.missing))
        questions = list(dict.fromkeys(q for r in rendered.values() for q in r.prompts))
        values: tuple[dict[str, str], dict[str, str]] = ({}, {})
        if names or questions:
            asked = ask_fill_ins(self._window, names, questions)
            if asked is None:
                return None
            values = asked
        done = {item_id: finish_reply(r.text, *values, r.markup) for item_id, r in rendered.items()}
        if not all(r.complete for r in done.values()):
            return None
        return {item_id: r.text for item_id, r in done.items()}

    def edit_own_reply(self, item_id: int) -> None:
        item = self._pane.item
        if item is None or item.id != item_id:
            return
        text = ask_reply_text(self._window, item.text, own=True)
        if text is not None:
            self._run(lambda: self._outbox.edit_reply(item_id, text))

    def edit_queued_reply(self, op_id: int) -> None:
        entry = next((e for e in self._outbox.entries() if e.id == op_id), None)
        if entry is None:
            return
        text = ask_reply_text(self._window, entry.text)
        if text is not None:
            self._run(lambda: self._outbox.edit(op_id, text))

    def _run(self, action: Callable[[], Change]) -> bool:
        try:
            change = action()
        except OutboxError as error:
            self.failed.emit(str(error))
            return False
        self.changed.emit(change)
        return True
