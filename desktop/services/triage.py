"""Triage: status, snooze, escalation, assignment and tags, each with its history event in the
same transaction, each undoable, each returning what changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.db.models import Event, Item, Tag
from desktop.services.events import Change, record_local

STATUSES = ("new", "open", "waiting", "done", "snoozed", "escalated")
UNDO_DEPTH = 50


@dataclass(frozen=True)
class _Snapshot:
    status: str
    snoozed_until: int | None
    assignee: str | None
    tags: frozenset[str]


@dataclass
class _UndoRecord:
    label: str
    before: dict[int, _Snapshot] = field(default_factory=dict)


class TriageError(ValueError):
    pass


class TriageService:
    def __init__(self, db: Database, actor: Callable[[], str], clock: Clock = system_clock):
        self._db = db
        self._actor = actor
        self._clock = clock
        self._undo: list[_UndoRecord] = []

    # -- actions ---------------------------------------------------------------------------

    def set_status(self, item_ids: Iterable[int], status: str) -> Change:
        if status not in STATUSES or status == "snoozed":
            raise TriageError(f"unknown status {status!r}")
        return self._apply(
            item_ids,
            f"status:{status}",
            lambda s, item, now: self._status(s, item, now, status, snoozed_until=None),
        )

    def mark_done(self, item_ids: Iterable[int]) -> Change:
        return self.set_status(item_ids, "done")

    def escalate(self, item_ids: Iterable[int]) -> Change:
        return self.set_status(item_ids, "escalated")

    def snooze(self, item_ids: Iterable[int], until: int) -> Change:
        if until <= self._clock():
            raise TriageError("a snooze must end in the future")
        return self._apply(
            item_ids,
            "snooze",
            lambda s, item, now: self._status(s, item, now, "snoozed", snoozed_until=until),
        )

    def assign(self, item_ids: Iterable[int], assignee: str | None) -> Change:
        def change(session: Session, item: Item, now: int) -> bool:
            if item.assignee == assignee:
                return False
            self._event(
                session, item.id, now, "assign", {"before": item.assignee, "after": assignee}
            )
            item.assignee = assignee
            return True

        return self._apply(item_ids, "assign", change)

    def assign_to_me(self, item_ids: Iterable[int]) -> Change:
        return self.assign(item_ids, self._actor())

    def add_tag(self, item_ids: Iterable[int], name: str) -> Change:
        name = " ".join(name.split()).lower()
        if not name or len(name) > 100:
            raise TriageError("a tag needs 1 to 100 characters")

        def change(session: Session, item: Item, now: int) -> bool:
            if any(t.name == name for t in item.tags):
                return False
            tag = session.scalar(select(Tag).where(Tag.name == name))
            if tag is None:
                tag = Tag(name=name)
                session.add(tag)
            item.tags.append(tag)
            self._event(session, item.id, now, "tag_added", {"tag": name})
            return True

        return self._apply(item_ids, "tag", change)

    def remove_tag(self, item_ids: Iterable[int], name: str) -> Change:
        def change(session: Session, item: Item, now: int) -> bool:
            kept = [t for t in item.tags if t.name != name]
            if len(kept) == len(item.tags):
                return False
            item.tags = kept
            self._event(session, item.id, now, "tag_removed", {"tag": name})
            return True

        return self._apply(item_ids, "untag", change)

    def wake_snoozed(self) -> Change:
        """Snoozes that have run out return to the open queue."""
        now = self._clock()
        with self._db.transaction() as session:
            items = session.scalars(
                select(Item).where(Item.status == "snoozed", Item.snoozed_until <= now)
            ).all()
            for item in items:
                session.add(
                    Event(
                        at=now,
                        item_id=item.id,
                        actor_kind="system",
                        actor="",
                        kind="status",
                        data=json.dumps({"before": "snoozed", "after": "open", "reason": "woke"}),
                    )
                )
                item.status, item.snoozed_until, item.updated_at = "open", None, now
        return Change(frozenset(i.id for i in items), counts=bool(items), label="wake")

    # -- undo ------------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Change:
        """Put back what the last triage action changed, recording that in the history."""
        if not self._undo:
            return Change()
        record = self._undo.pop()
        now = self._clock()
        with self._db.transaction() as session:
            items = session.scalars(select(Item).where(Item.id.in_(record.before))).all()
            for item in items:
                before = record.before[item.id]
                tags = {
                    t.name: t
                    for t in session.scalars(select(Tag).where(Tag.name.in_(before.tags))).all()
                }
                self._event(
                    session,
                    item.id,
                    now,
                    "undo",
                    {
                        "action": record.label,
                        "status": [item.status, before.status],
                        "assignee": [item.assignee, before.assignee],
                    },
                )
                item.status, item.snoozed_until = before.status, before.snoozed_until
                item.assignee = before.assignee
                item.tags = [tags[name] for name in sorted(before.tags) if name in tags]
                item.updated_at = now
        return Change(frozenset(record.before), counts=True, label=f"undo:{record.label}")

    # -- plumbing --------------------------------------------------------------------------

    def _status(
        self, session: Session, item: Item, now: int, status: str, snoozed_until: int | None
    ) -> bool:
        if item.status == status and item.snoozed_until == snoozed_until:
            return False
        data: dict[str, Any] = {"before": item.status, "after": status}
        if snoozed_until is not None:
            data["until"] = snoozed_until
        self._event(session, item.id, now, "status", data)
        item.status, item.snoozed_until = status, snoozed_until
        return True

    def _event(
        self, session: Session, item_id: int, now: int, kind: str, data: dict[str, Any]
    ) -> None:
        record_local(session, item_id, now, self._actor(), kind, data)

    def _apply(
        self, item_ids: Iterable[int], label: str, change: Callable[[Session, Item, int], bool]
    ) -> Change:
        ids = _unique(item_ids)
        if not ids:
            return Change()
        now = self._clock()
        record = _UndoRecord(label)
        with self._db.transaction() as session:
            items = session.scalars(select(Item).where(Item.id.in_(ids))).all()
            for item in items:
                snapshot = _Snapshot(
                    item.status,
                    item.snoozed_until,
                    item.assignee,
                    frozenset(t.name for t in item.tags),
                )
                if change(session, item, now):
                    record.before[item.id] = snapshot
                    item.updated_at = now
        if not record.before:
            return Change()
        self._undo.append(record)
        del self._undo[:-UNDO_DEPTH]
        return Change(frozenset(record.before), counts=True, label=label)


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))
