"""The outbox as the sync engine drains it: claim the next operation in order per item, record
every transition in the item's history, and never let an operation be sent twice.

An operation is marked "sending" and committed before its request leaves. One found in
"sending" later (the app was killed, the connection broke) is reconciled against the platform
before anything is resent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.connectors.base import Action, Operation, PushResult
from desktop.db.engine import Database
from desktop.db.models import Event, Item, OutboxOperation
from desktop.search import reindex_items

PENDING = ("queued", "sending", "failed", "conflict")
_older = OutboxOperation.__table__.alias("older")
# An operation whose outcome stayed unknown this many times is handed to the user.
MAX_ATTEMPTS = 8


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_transition(
    session: Session,
    op: OutboxOperation,
    state: str,
    at: int,
    *,
    actor_kind: str = "system",
    actor: str = "",
    **data: Any,
) -> None:
    """Move an operation to `state` and append the step to its item's history."""
    before = op.state
    op.state = state
    op.updated_at = at
    session.add(
        Event(
            at=at,
            item_id=op.item_id,
            actor_kind=actor_kind,
            actor=actor,
            kind="outbox",
            data=json.dumps(
                {"op": op.id, "action": op.kind, "before": before, "state": state, **data},
                ensure_ascii=False,
            ),
        )
    )


@dataclass(frozen=True)
class Claimed:
    operation: Operation
    item_id: int


class OutboxDrain:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _operation(self, session: Session, op: OutboxOperation, item: Item) -> Operation:
        known = session.scalars(
            select(OutboxOperation.remote_id).where(
                OutboxOperation.item_id == op.item_id,
                OutboxOperation.state == "sent",
                OutboxOperation.remote_id.is_not(None),
            )
        ).all()
        return Operation(
            id=op.id,
            kind=Action(op.kind),
            item_remote_id=item.remote_id,
            payload=json.loads(op.payload),
            idempotency_key=op.idempotency_key,
            created_at=op.created_at,
            known_reply_ids=frozenset(r for r in known if r),
        )

    def in_flight(self, source_id: int) -> list[Claimed]:
        """Operations left in "sending": their outcome must be learnt before any resend."""
        with self._db.transaction() as session:
            rows = session.execute(
                select(OutboxOperation, Item)
                .join(Item, Item.id == OutboxOperation.item_id)
                .where(OutboxOperation.source_id == source_id, OutboxOperation.state == "sending")
                .order_by(OutboxOperation.id)
            ).all()
            return [Claimed(self._operation(session, op, item), item.id) for op, item in rows]

    def peek_next(self, source_id: int) -> tuple[int, str] | None:
        """The item (local id, remote id) of the operation claim_next would take."""
        with self._db.sessions() as session:
            row = session.execute(
                select(Item.id, Item.remote_id)
                .join(OutboxOperation, OutboxOperation.item_id == Item.id)
                .where(*self._claimable(source_id))
                .order_by(OutboxOperation.id)
                .limit(1)
            ).first()
        return (row.id, row.remote_id) if row is not None else None

    def item_gone(self, item_id: int, now: int) -> None:
        """The platform says the item no longer exists."""
        with self._db.transaction() as session:
            self._apply_remote_state(session, item_id, "deleted", now)

    @staticmethod
    def _claimable(source_id: int) -> tuple[Any, ...]:
        older = (
            select(1)
            .select_from(_older)
            .where(
                _older.c.item_id == OutboxOperation.item_id,
                _older.c.id < OutboxOperation.id,
                _older.c.state.in_(PENDING),
            )
            .exists()
        )
        return (
            OutboxOperation.source_id == source_id,
            OutboxOperation.state == "queued",
            ~older,
        )

    def claim_next(self, source_id: int, now: int, held: list[int] | None = None) -> Claimed | None:
        """The oldest queued operation with nothing older pending on its item, marked sending.

        One whose item vanished or changed on the platform since it was queued becomes a
        conflict instead (unless the user chose to send it anyway): its item's id is appended
        to `held` and nothing is claimed by this call (None with `held` grown)."""
        with self._db.transaction() as session:
            op = session.scalars(
                select(OutboxOperation)
                .where(*self._claimable(source_id))
                .order_by(OutboxOperation.id)
                .limit(1)
            ).first()
            if op is None:
                return None
            item = session.get_one(Item, op.item_id)
            conflict = self._conflict(op, item)
            if conflict:
                record_transition(session, op, "conflict", now, reason=conflict)
                op.last_error = conflict
                if held is not None:
                    held.append(op.item_id)
                return None
            op.attempts += 1
            record_transition(session, op, "sending", now, attempt=op.attempts)
            return Claimed(self._operation(session, op, item), item.id)

    @staticmethod
    def _conflict(op: OutboxOperation, item: Item) -> str | None:
        payload = json.loads(op.payload)
        if payload.get("force"):
            return None
        if item.remote_state == "deleted" and op.kind != Action.RESTORE:
            return "vanished"
        basis = payload.get("basis")
        if basis and basis != text_fingerprint(item.text):
            return "changed"
        return None

    # -- outcomes ------------------------------------------------------------------------------

    def sent(self, op_id: int, result: PushResult, now: int) -> None:
        with self._db.transaction() as session:
            op = session.get_one(OutboxOperation, op_id)
            op.remote_id = result.remote_id
            op.last_error = None
            details: dict[str, Any] = {}
            if result.remote_id:
                details["remote_id"] = result.remote_id
            record_transition(session, op, "sent", now, **details)
            if result.remote_state:
                self._apply_remote_state(session, op.item_id, result.remote_state, now)
            if op.kind == Action.EDIT_REPLY:
                self._apply_own_edit(session, op, now)

    @staticmethod
    def _apply_own_edit(session: Session, op: OutboxOperation, now: int) -> None:
        """One's own reply now reads as edited. Actions still waiting on it were queued
        against the old text: that change is ours, not the platform's, so they are not held
        back as "changed" for it."""
        text = json.loads(op.payload).get("text")
        item = session.get_one(Item, op.item_id)
        if not text or item.text == text:
            return
        old_basis, new_basis = text_fingerprint(item.text), text_fingerprint(text)
        item.text = text
        item.updated_at = now
        waiting = session.scalars(
            select(OutboxOperation).where(
                OutboxOperation.item_id == op.item_id,
                OutboxOperation.id != op.id,
                OutboxOperation.state.in_(PENDING),
            )
        )
        for other in waiting:
            payload = json.loads(other.payload)
            if payload.get("basis") == old_basis:
                payload["basis"] = new_basis
                other.payload = json.dumps(payload)
        session.flush()
        reindex_items(session.connection().connection.cursor(), [item.id])

    def _apply_remote_state(self, session: Session, item_id: int, state: str, now: int) -> None:
        item = session.get_one(Item, item_id)
        if item.remote_state != state:
            session.add(
                Event(
                    at=now,
                    item_id=item_id,
                    actor_kind="remote",
                    kind="remote_state",
                    data=json.dumps({"before": item.remote_state, "after": state}),
                )
            )
            item.remote_state = state
            item.updated_at = now

    def _move(
        self, op_id: int, state: str, now: int, *, last_error: str | None, **data: Any
    ) -> None:
        with self._db.transaction() as session:
            op = session.get_one(OutboxOperation, op_id)
            if last_error is not None:
                op.last_error = last_error
            record_transition(session, op, state, now, **data)
            if state == "conflict" and data.get("reason") == "vanished":
                self._apply_remote_state(session, op.item_id, "deleted", now)

    def requeue(self, op_id: int, now: int, reason: str) -> None:
        """The request did not reach the platform (refused, rate-limited): send it later."""
        self._move(op_id, "queued", now, last_error=reason, reason=reason)

    def outcome_unknown(self, op_id: int, now: int, reason: str) -> None:
        """Left in "sending" to be reconciled, unless it has been unknown too many times."""
        with self._db.transaction() as session:
            op = session.get_one(OutboxOperation, op_id)
            op.last_error = reason
            if op.attempts >= MAX_ATTEMPTS:
                record_transition(session, op, "failed", now, error=reason)

    def not_arrived(self, op_id: int, now: int) -> None:
        """Reconciliation found no trace on the platform: it goes back in the queue."""
        self._move(op_id, "queued", now, last_error=None, reason="not_arrived")

    def failed(self, op_id: int, now: int, error: str) -> None:
        self._move(op_id, "failed", now, last_error=error, error=error)

    def conflict(self, op_id: int, now: int, reason: str) -> None:
        self._move(op_id, "conflict", now, last_error=reason, reason=reason)

    def waiting(self) -> int:
        with self._db.sessions() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(OutboxOperation)
                    .where(OutboxOperation.state.in_(("queued", "sending")))
                )
                or 0
            )
