"""Replies and moderation as the moderator asks for them: each becomes an outbox operation in
the same transaction as the local change and its history event, and leaves in the background.

Failed and conflicting operations come back here to be retried, edited, sent anyway or dropped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.clock import Clock, system_clock
from desktop.connectors import connector_kinds
from desktop.connectors.base import Action, ItemFacts
from desktop.db.engine import Database
from desktop.db.models import Draft, Item, OutboxOperation, Source
from desktop.services.events import Change, record_local
from desktop.services.notes import write_note
from desktop.sync.outbox import record_transition, text_fingerprint

PROBLEM_STATES = ("failed", "conflict")
MAX_REPLY_LENGTH = 10_000


class OutboxError(ValueError):
    """An action that cannot be queued; the message is for the user."""


@dataclass(frozen=True)
class Capabilities:
    actions: frozenset[Action]  # what the platform allows on this item now
    irreversible: frozenset[Action]
    reply_limit: int | None = None
    # Why each action that is not allowed is not: the platform never allows it, or not on
    # this item (too old, someone else's, ...). Shown on the disabled button.
    reasons: Mapping[Action, str] = field(default_factory=dict)
    # A reply replaces the one already published (app store answers), rather than adding one.
    reply_replaces: bool = False
    # What else the platform does with an action, said before it is queued.
    notes: Mapping[Action, str] = field(default_factory=dict)


NO_CAPABILITIES = Capabilities(frozenset(), frozenset())


def connector_kind(source: Source) -> str:
    settings = json.loads(source.settings or "{}")
    return str(settings.get("connector") or source.platform)


def source_capabilities(source: Source, item: Item | None = None, now: int = 0) -> Capabilities:
    """What the source's platform allows; with `item`, on that item at time `now`."""
    connector = connector_kinds().get(connector_kind(source))
    if connector is None:
        return NO_CAPABILITIES
    reasons: dict[Action, str] = dict(getattr(connector, "unsupported", {}))
    actions = set(connector.capabilities)
    if item is not None:
        extra = json.loads(item.extra or "{}")
        facts = ItemFacts(
            remote_id=item.remote_id,
            kind=item.kind,
            created_at=item.created_at,
            own=bool(extra.get("own")),
            remote_state=item.remote_state,
            extra=extra,
        )
        restricted = (
            connector.restrictions(facts, now) if hasattr(connector, "restrictions") else {}
        )
        for action, reason in restricted.items():
            if action in actions:
                actions.discard(action)
                reasons[action] = reason
        if Action.RESTORE in actions and item.remote_state != "deleted":
            actions.discard(Action.RESTORE)
    return Capabilities(
        frozenset(actions),
        connector.irreversible,
        connector.reply_limit,
        reasons,
        reply_replaces=bool(getattr(connector, "reply_replaces", False)),
        notes=dict(getattr(connector, "action_notes", {})),
    )


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    item_id: int
    action: str
    state: str
    text: str
    error: str | None
    remote_id: str | None
    attempts: int
    created_at: int
    updated_at: int


class OutboxService:
    def __init__(self, db: Database, actor: Callable[[], str], clock: Clock = system_clock):
        self._db = db
        self._actor = actor
        self._clock = clock

    def capabilities(self, item_id: int) -> Capabilities:
        with self._db.sessions() as session:
            item = session.get(Item, item_id)
            if item is None:
                return NO_CAPABILITIES
            source = session.get_one(Source, item.source_id)
            return source_capabilities(source, item, self._clock())

    # -- queueing ------------------------------------------------------------------------------

    def reply(self, item_id: int, text: str) -> Change:
        body = text.strip()
        if not body:
            raise OutboxError("A reply cannot be empty.")
        if len(body) > MAX_REPLY_LENGTH:
            raise OutboxError(f"A reply is limited to {MAX_REPLY_LENGTH} characters.")
        now = self._clock()
        with self._db.transaction() as session:
            item = self._item_allowing(session, item_id, Action.REPLY)
            self._queue(session, item, Action.REPLY, {"text": body}, now)
            session.execute(delete(Draft).where(Draft.item_id == item_id))
            if item.status != "done":
                record_local(
                    session,
                    item_id,
                    now,
                    self._actor(),
                    "status",
                    {"before": item.status, "after": "done"},
                )
                item.status = "done"
                item.snoozed_until = None
                item.updated_at = now
        return Change(frozenset({item_id}), counts=True, label="reply")

    def edit_reply(self, item_id: int, text: str) -> Change:
        """Queue a new text for one of the account's own replies (an item marked own)."""
        body = text.strip()
        if not body:
            raise OutboxError("A reply cannot be empty.")
        if len(body) > MAX_REPLY_LENGTH:
            raise OutboxError(f"A reply is limited to {MAX_REPLY_LENGTH} characters.")
        now = self._clock()
        with self._db.transaction() as session:
            item = self._item_allowing(session, item_id, Action.EDIT_REPLY)
            if body == item.text:
                raise OutboxError("The reply already says this.")
            self._queue(session, item, Action.EDIT_REPLY, {"text": body}, now)
        return Change(frozenset({item_id}), counts=False, label="edit_reply")

    def moderate(
        self,
        item_ids: Iterable[int],
        action: Action,
        reasons: Mapping[int, str] | None = None,
    ) -> Change:
        """Queue `action` on each item. With `reasons` (item id → message), each item's author
        is first sent its own message (a reply), then the action, in that order."""
        if action is Action.REPLY or action is Action.EDIT_REPLY:
            raise OutboxError("Replies are queued with reply().")
        now = self._clock()
        ids = list(dict.fromkeys(item_ids))
        reasons = reasons or {}
        with self._db.transaction() as session:
            for item_id in ids:
                reason = reasons.get(item_id, "").strip()
                if reason:
                    if len(reason) > MAX_REPLY_LENGTH:
                        raise OutboxError(f"A message is limited to {MAX_REPLY_LENGTH} characters.")
                    item = self._item_allowing(session, item_id, Action.REPLY)
                    self._queue(
                        session, item, Action.REPLY, {"text": reason, "ahead_of": action.value}, now
                    )
                item = self._item_allowing(session, item_id, action)
                self._queue(session, item, action, {}, now)
                if item.author_id is not None:
                    # The author's dossier keeps every action taken against them.
                    write_note(
                        session,
                        now=now,
                        actor=self._actor(),
                        body=f"{action.value}: {reason}" if reason else action.value,
                        kind="moderation",
                        item_id=item.id,
                        author_id=item.author_id,
                    )
        return Change(frozenset(ids), counts=True, label=action.value)

    def _item_allowing(self, session: Session, item_id: int, action: Action) -> Item:
        item = session.get(Item, item_id)
        if item is None:
            raise OutboxError("The item is no longer in the workspace.")
        source = session.get_one(Source, item.source_id)
        capabilities = source_capabilities(source, item, self._clock())
        if action not in capabilities.actions:
            reason = capabilities.reasons.get(action)
            raise OutboxError(reason or f"{source.name} does not allow this action from Steward.")
        if item.remote_state == "deleted" and action is not Action.RESTORE:
            raise OutboxError("The item was deleted on the platform.")
        return item

    def _queue(
        self, session: Session, item: Item, action: Action, payload: dict[str, str], now: int
    ) -> None:
        op = OutboxOperation(
            item_id=item.id,
            source_id=item.source_id,
            kind=action.value,
            payload=json.dumps({**payload, "basis": text_fingerprint(item.text)}),
            idempotency_key=uuid.uuid4().hex,
            state="new",
            created_at=now,
            updated_at=now,
        )
        session.add(op)
        session.flush()
        record_transition(
            session, op, "queued", now, actor_kind="local", actor=self._actor(), **payload
        )

    # -- resolving problems --------------------------------------------------------------------

    def retry(self, op_id: int) -> Change:
        return self._resolve(op_id, "queued", PROBLEM_STATES, "retry")

    def send_anyway(self, op_id: int) -> Change:
        return self._resolve(op_id, "queued", ("conflict",), "send_anyway", force=True)

    def edit(self, op_id: int, text: str) -> Change:
        body = text.strip()
        if not body:
            raise OutboxError("A reply cannot be empty.")
        return self._resolve(op_id, "queued", PROBLEM_STATES, "edit", text=body)

    def drop(self, op_id: int) -> Change:
        return self._resolve(op_id, "dropped", (*PROBLEM_STATES, "queued"), "drop")

    def _resolve(
        self,
        op_id: int,
        state: str,
        allowed: tuple[str, ...],
        how: str,
        *,
        force: bool = False,
        text: str | None = None,
    ) -> Change:
        now = self._clock()
        with self._db.transaction() as session:
            op = session.get(OutboxOperation, op_id)
            if op is None or op.state not in allowed:
                raise OutboxError("This action has already left or been dropped.")
            payload = json.loads(op.payload)
            item = session.get_one(Item, op.item_id)
            if force or text is not None:
                payload["force"] = force or payload.get("force", False)
                payload["basis"] = text_fingerprint(item.text)
            details: dict[str, str] = {"resolution": how}
            if text is not None:
                if op.kind != Action.REPLY.value:
                    raise OutboxError("Only a reply's text can be edited.")
                payload["text"] = text
                details["text"] = text
                # Edited, it is a new request: the platform must not answer it with the old one.
                op.idempotency_key = uuid.uuid4().hex
            op.payload = json.dumps(payload)
            op.attempts = 0
            op.last_error = None
            record_transition(
                session, op, state, now, actor_kind="local", actor=self._actor(), **details
            )
            return Change(frozenset({op.item_id}), counts=True, label=how)

    # -- reading -------------------------------------------------------------------------------

    def entries(self, *, item_id: int | None = None, problems: bool = False) -> list[OutboxEntry]:
        query = select(OutboxOperation).order_by(OutboxOperation.id)
        if item_id is not None:
            query = query.where(OutboxOperation.item_id == item_id)
        if problems:
            query = query.where(OutboxOperation.state.in_(PROBLEM_STATES))
        with self._db.sessions() as session:
            return [_entry(op) for op in session.scalars(query)]

    def counts(self) -> dict[str, int]:
        with self._db.sessions() as session:
            rows = session.execute(
                select(OutboxOperation.state, func.count()).group_by(OutboxOperation.state)
            ).all()
        return {state: int(count) for state, count in rows}


def _entry(op: OutboxOperation) -> OutboxEntry:
    payload = json.loads(op.payload)
    return OutboxEntry(
        id=op.id,
        item_id=op.item_id,
        action=op.kind,
        state=op.state,
        text=str(payload.get("text", "")),
        error=op.last_error,
        remote_id=op.remote_id,
        attempts=op.attempts,
        created_at=op.created_at,
        updated_at=op.updated_at,
    )
