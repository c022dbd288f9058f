"""Building a shift's handover packet from the database.

The packet is a plain JSON document (format "steward-handover", see docs/handover-format.md)
made only of fields picked one by one below: source settings, where connectors keep their
options, are never read, and secrets never come near (they live in the OS keyring only).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import (
    Author,
    Event,
    Handover,
    Item,
    Note,
    OutboxOperation,
    Source,
    SyncState,
)
from desktop.handover.identity import iso, parse_time, ref, source_key
from desktop.handover.redact import redact_packet

FORMAT = "steward-handover"
VERSION = 1
LIST_LIMIT = 500  # items per list; a longer list says it was cut
SNIPPET_LENGTH = 280
DEFAULT_SHIFT_HOURS = 12
OPEN_STATUSES = ("new", "open", "waiting", "snoozed", "escalated")
PROBLEM_STATES = ("failed", "conflict")
HANDLED_KINDS = ("status", "assign", "tag_added", "tag_removed", "note_added", "outbox")


def default_since(db: Database, now: int, *, shift_started_at: int | None = None) -> int:
    """The end of the last handover exported or imported here; else the start of the shift
    (as the caller knows it); else DEFAULT_SHIFT_HOURS ago."""
    with db.sessions() as session:
        last = session.scalar(select(func.max(Handover.until)).where(Handover.until <= now))
    if last is not None:
        return int(last)
    if shift_started_at is not None:
        return shift_started_at
    return now - DEFAULT_SHIFT_HOURS * 3600


def handled_action(kind: str, data: dict[str, Any]) -> str | None:
    """What a local history event counts as in "handled", or None if it does not count."""
    if kind == "status":
        return f"status:{data.get('after')}"
    if kind == "assign":
        return "assign" if data.get("after") else "unassign"
    if kind in ("tag_added", "tag_removed"):
        return "tag"
    if kind == "note_added":
        return "note"
    if kind == "outbox" and data.get("before") == "new":  # the moment it was queued
        return str(data.get("action"))
    return None


@dataclass
class _Builder:
    session: Session
    since: int
    until: int
    now: int
    authors: dict[int, dict[str, Any]] = field(default_factory=dict)

    def author(self, author: Author | None, source: Source) -> dict[str, Any] | None:
        if author is None:
            return None
        key = source_key(source.account, source.name)
        return {
            "ref": ref(source.platform, key, author.remote_id),
            "source_name": source.name,
            "name": author.display_name,
            "handle": author.handle,
            "watchlist": author.watchlist,
        }

    def items(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        records: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(Item, Source, Author)
                .join(Source, Source.id == Item.source_id)
                .outerjoin(Author, Author.id == Item.author_id)
                .where(Item.id.in_(ids[start : start + 500]))
            ).all()
            for item, source, author in rows:
                key = source_key(source.account, source.name)
                records[item.id] = {
                    "ref": ref(source.platform, key, item.remote_id),
                    "source_name": source.name,
                    "kind": item.kind,
                    "snippet": " ".join(item.text.split())[:SNIPPET_LENGTH],
                    "status": item.status,
                    "assignee": item.assignee,
                    "remote_state": item.remote_state,
                    "created_at": iso(item.created_at),
                    "author": self.author(author, source),
                }
        return records

    def listed(self, query: Any) -> tuple[list[dict[str, Any]], bool]:
        ids = list(self.session.scalars(query.limit(LIST_LIMIT + 1)))
        records = self.items(ids[:LIST_LIMIT])
        return [records[i] for i in ids[:LIST_LIMIT] if i in records], len(ids) > LIST_LIMIT


def build_packet(
    db: Database,
    *,
    since: int,
    until: int,
    now: int,
    created_by: str,
    note: str = "",
    redact: bool = False,
    packet_id: str | None = None,
) -> dict[str, Any]:
    """The handover for the window [since, until], as a JSON-ready packet."""
    with db.sessions() as session:
        builder = _Builder(session, since, until, now)
        packet: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "id": packet_id or str(uuid.uuid4()),
            "created_at": iso(now),
            "created_by": created_by,
            "window": {"since": iso(since), "until": iso(until)},
            "redacted": False,
            "note": note,
            "handled": _handled(builder),
            "open": _open(builder),
            "escalations": [],
            "escalations_truncated": False,
            "notes": _notes(builder),
            "watched_authors": _watched(builder),
            "outbox_problems": _outbox_problems(builder),
            "sync_problems": _sync_problems(builder),
        }
        packet["escalations"], packet["escalations_truncated"] = builder.listed(
            select(Item.id).where(Item.status == "escalated").order_by(Item.created_at, Item.id)
        )
    return redact_packet(packet) if redact else packet


def _handled(builder: _Builder) -> dict[str, Any]:
    rows = builder.session.execute(
        select(Event.item_id, Event.kind, Event.actor, Event.data, Source)
        .join(Item, Item.id == Event.item_id)
        .join(Source, Source.id == Item.source_id)
        .where(
            Event.actor_kind == "local",
            Event.at >= builder.since,
            Event.at <= builder.until,
            Event.kind.in_(
                ("status", "assign", "tag_added", "tag_removed", "note_added", "outbox")
            ),
        )
    ).all()
    by_action: dict[str, int] = {}
    by_moderator: dict[str, int] = {}
    sources: dict[int, dict[str, Any]] = {}
    source_items: dict[int, set[int]] = {}
    items: set[int] = set()
    actions = 0
    for item_id, kind, actor, raw, source in rows:
        try:
            data = json.loads(raw)
        except ValueError:
            data = {}
        action = handled_action(kind, data if isinstance(data, dict) else {})
        if action is None:
            continue
        actions += 1
        items.add(item_id)
        by_action[action] = by_action.get(action, 0) + 1
        by_moderator[actor] = by_moderator.get(actor, 0) + 1
        entry = sources.setdefault(
            source.id,
            {
                "ref": {
                    "platform": source.platform,
                    "source": source_key(source.account, source.name),
                },
                "name": source.name,
                "items": 0,
                "actions": 0,
            },
        )
        entry["actions"] += 1
        source_items.setdefault(source.id, set()).add(item_id)
    for source_id, entry in sources.items():
        entry["items"] = len(source_items[source_id])
    return {
        "actions": actions,
        "items": len(items),
        "by_action": dict(sorted(by_action.items())),
        "by_moderator": dict(sorted(by_moderator.items())),
        "by_source": sorted(sources.values(), key=lambda s: (-s["items"], s["name"])),
    }


def _open(builder: _Builder) -> dict[str, Any]:
    session = builder.session
    is_open = Item.status.in_(OPEN_STATUSES)
    by_status = {
        status: int(count)
        for status, count in session.execute(
            select(Item.status, func.count()).where(is_open).group_by(Item.status)
        ).all()
    }
    by_assignee = [
        {"assignee": assignee, "count": int(count)}
        for assignee, count in session.execute(
            select(Item.assignee, func.count())
            .where(is_open)
            .group_by(Item.assignee)
            .order_by(func.count().desc(), Item.assignee)
        ).all()
    ]
    claimed, truncated = builder.listed(
        select(Item.id)
        .where(is_open, Item.status != "escalated", Item.assignee.is_not(None))
        .order_by(Item.assignee, Item.created_at, Item.id)
    )
    return {
        "total": sum(by_status.values()),
        "by_status": dict(sorted(by_status.items())),
        "by_assignee": by_assignee,
        "claimed": claimed,
        "claimed_truncated": truncated,
    }


def _notes(builder: _Builder) -> list[dict[str, Any]]:
    """Active notes flagged for the next shift, and every note written in the window."""
    active = or_(Note.expires_at.is_(None), Note.expires_at > builder.now)
    notes = builder.session.scalars(
        select(Note)
        .where(
            or_(
                and_(Note.for_next_shift.is_(True), active),
                and_(Note.created_at >= builder.since, Note.created_at <= builder.until),
            )
        )
        .order_by(Note.created_at, Note.id)
        .limit(LIST_LIMIT * 4)
    ).all()
    items = builder.items([n.item_id for n in notes if n.author_id is None and n.item_id])
    authors = _authors(builder, [n.author_id for n in notes if n.author_id is not None])
    records = []
    for note in notes:
        on_author = note.author_id is not None
        target_item = None if on_author else items.get(note.item_id or 0)
        target_author = authors.get(note.author_id or 0) if on_author else None
        if target_item is None and target_author is None:
            continue
        records.append(
            {
                "uid": note.uid,
                "target": "author" if on_author else "item",
                "item": target_item,
                "author": target_author,
                "kind": note.kind,
                "body": note.body,
                "for_next_shift": note.for_next_shift,
                "created_by": note.created_by,
                "created_at": iso(note.created_at),
                "expires_at": iso(note.expires_at) if note.expires_at is not None else None,
            }
        )
    return records


def _authors(builder: _Builder, ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = builder.session.execute(
        select(Author, Source)
        .join(Source, Source.id == Author.source_id)
        .where(Author.id.in_(set(ids)))
    ).all()
    records: dict[int, dict[str, Any]] = {}
    for author, source in rows:
        record = builder.author(author, source)
        assert record is not None
        records[author.id] = record
    return records


def _watched(builder: _Builder) -> list[dict[str, Any]]:
    rows = builder.session.execute(
        select(Author.id, func.count(Item.id))
        .outerjoin(Item, Item.author_id == Author.id)
        .where(Author.watchlist.is_(True))
        .group_by(Author.id)
        .order_by(Author.display_name, Author.id)
        .limit(LIST_LIMIT)
    ).all()
    authors = _authors(builder, [author_id for author_id, _count in rows])
    return [{"author": authors[a], "items": int(count)} for a, count in rows if a in authors]


def _outbox_problems(builder: _Builder) -> list[dict[str, Any]]:
    ops = builder.session.scalars(
        select(OutboxOperation)
        .where(OutboxOperation.state.in_(PROBLEM_STATES))
        .order_by(OutboxOperation.updated_at, OutboxOperation.id)
        .limit(LIST_LIMIT)
    ).all()
    items = builder.items([op.item_id for op in ops])
    return [
        {
            "item": items[op.item_id],
            "action": op.kind,
            "state": op.state,
            "error": op.last_error or "",
            "attempts": op.attempts,
            "updated_at": iso(op.updated_at),
        }
        for op in ops
        if op.item_id in items
    ]


def _sync_problems(builder: _Builder) -> list[dict[str, Any]]:
    rows = builder.session.execute(
        select(Source, SyncState)
        .join(SyncState, SyncState.source_id == Source.id)
        .where(or_(SyncState.last_error.is_not(None), SyncState.failures > 0))
        .order_by(Source.name, Source.id)
    ).all()
    return [
        {
            "source": {
                "platform": source.platform,
                "source": source_key(source.account, source.name),
            },
            "name": source.name,
            "error": state.last_error or "",
            "failures": state.failures,
            "last_success_at": iso(state.last_success_at) if state.last_success_at else None,
        }
        for source, state in rows
    ]


def record_export(db: Database, packet: dict[str, Any], *, actor: str, now: int) -> None:
    """Remember that the packet was handed over, so that the next one starts where it ends."""
    with db.transaction() as session:
        session.add(
            Handover(
                packet_id=packet["id"],
                direction="export",
                since=parse_time(packet["window"]["since"]),
                until=parse_time(packet["window"]["until"]),
                created_by=packet["created_by"],
                actor=actor,
                at=now,
                note=packet["note"],
                summary=json.dumps(
                    {"handled": packet["handled"]["actions"], "open": packet["open"]["total"]}
                ),
            )
        )
