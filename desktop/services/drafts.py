"""Reply drafts: one per item, kept across item switches and restarts."""

from __future__ import annotations

from collections.abc import Callable

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.db.models import Draft
from desktop.services.events import Change, record_local


class DraftService:
    def __init__(self, db: Database, actor: Callable[[], str], clock: Clock = system_clock):
        self._db = db
        self._actor = actor
        self._clock = clock

    def load(self, item_id: int) -> str:
        with self._db.sessions() as session:
            draft = session.get(Draft, item_id)
            return draft.body if draft else ""

    def save(self, item_id: int, body: str) -> Change:
        """Store the draft (an empty one is removed). The history notes when a draft is
        started and discarded, not every keystroke."""
        now = self._clock()
        with self._db.transaction() as session:
            draft = session.get(Draft, item_id)
            if draft is not None and draft.body == body:
                return Change()
            if not body.strip():
                if draft is None:
                    return Change()
                session.delete(draft)
                kind = "draft_discarded"
            elif draft is None:
                session.add(Draft(item_id=item_id, body=body, updated_at=now))
                kind = "draft_started"
            else:
                draft.body, draft.updated_at = body, now
                return Change(frozenset({item_id}), label="draft")
            record_local(session, item_id, now, self._actor(), kind, {"length": len(body)})
        return Change(frozenset({item_id}), label="draft")
