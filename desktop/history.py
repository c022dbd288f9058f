"""An item's timeline (every kind of event, in order, with the thread above it) and its
author's other items. The author's full dossier is in desktop/dossier.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Event, Item, Note, Source
from desktop.item_detail import ThreadEntry, load_item
from desktop.services.notes import NoteView, note_view

# What each kind of event is about, for filters and icons; anything by a rule is "rule".
CATEGORIES = {
    "published": "arrival",
    "arrived": "arrival",
    "remote_edit": "remote_edit",
    "remote_state": "remote_state",
    "status": "status",
    "assign": "assignment",
    "tag_added": "tags",
    "tag_removed": "tags",
    "undo": "undo",
    "draft_started": "draft",
    "draft_discarded": "draft",
    "canned_used": "canned",
    "canned_sent": "canned",
    "note_added": "note",
    "note_flag": "note",
    "note_expired": "note",
    "watchlist": "watchlist",
    "handover_import": "handover",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: int
    actor_kind: str  # local | remote | rule | import | system
    actor: str
    kind: str
    data: dict[str, Any]
    event_id: int | None = None  # None for entries derived from the item (its arrival)
    category: str = ""


def event_category(kind: str, actor_kind: str, data: dict[str, Any]) -> str:
    """arrival | remote_edit | remote_deletion | remote_state | status | snooze | escalation |
    assignment | tags | reply | moderation | note | canned | rule | handover | watchlist |
    draft | undo | other."""
    if actor_kind == "rule":
        return "rule"
    if kind == "remote_state" and data.get("after") == "deleted":
        return "remote_deletion"
    if kind == "status":
        after = data.get("after")
        if after == "snoozed":
            return "snooze"
        if after == "escalated":
            return "escalation"
    if kind == "outbox":
        return "reply" if data.get("action") in ("reply", "edit_reply") else "moderation"
    return CATEGORIES.get(kind, "other")


def _entry(
    at: int, actor_kind: str, actor: str, kind: str, data: dict[str, Any], event_id: int | None
) -> HistoryEntry:
    category = event_category(kind, actor_kind, data)
    return HistoryEntry(at, actor_kind, actor, kind, data, event_id, category)


def item_timeline(db: Database, item_id: int) -> list[HistoryEntry]:
    """Every event of the item, newest first, ending with its arrival."""
    with db.sessions() as session:
        item = session.get(Item, item_id)
        if item is None:
            return []
        events = session.scalars(
            select(Event).where(Event.item_id == item_id).order_by(Event.id.desc())
        ).all()
        entries = [_entry(e.at, e.actor_kind, e.actor, e.kind, _data(e.data), e.id) for e in events]
    # Arrival is derived from the item itself rather than stored: bulk ingest stays lean.
    entries.append(_entry(item.created_at, "remote", "", "published", {}, None))
    if item.fetched_at != item.created_at:
        entries.insert(len(entries) - 1, _entry(item.fetched_at, "system", "", "arrived", {}, None))
    # Events of one second keep the order they were written in (newest first).
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


@dataclass(frozen=True)
class ItemHistory:
    """What the history pane shows for one item."""

    item_id: int
    thread: tuple[ThreadEntry, ...]  # the items above it, oldest first
    entries: tuple[HistoryEntry, ...]  # newest first, ending with its arrival
    notes: tuple[NoteView, ...]  # the item's own notes, active and expired, oldest first


def item_history(db: Database, item_id: int) -> ItemHistory | None:
    detail = load_item(db, item_id)
    if detail is None:
        return None

    with db.sessions() as session:
        notes = session.scalars(
            select(Note)
            .where(Note.item_id == item_id, Note.author_id.is_(None))
            .order_by(Note.created_at, Note.id)
        ).all()
        views = tuple(note_view(n) for n in notes)
    return ItemHistory(item_id, detail.thread, tuple(item_timeline(db, item_id)), views)


def _data(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class AuthorItem:
    item_id: int
    platform: str
    text: str
    status: str
    rating: int | None
    created_at: int


def author_items(db: Database, author_id: int, *, limit: int = 50) -> list[AuthorItem]:
    """The author's items, newest first."""
    with db.sessions() as session:
        rows = session.execute(
            select(Item.id, Source.platform, Item.text, Item.status, Item.rating, Item.created_at)
            .join(Source, Source.id == Item.source_id)
            .where(Item.author_id == author_id)
            .order_by(Item.created_at.desc(), Item.id.desc())
            .limit(limit)
        ).all()
    return [AuthorItem(*row) for row in rows]
