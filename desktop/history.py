"""An item's timeline and its author's other items."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import Event, Item, Source


@dataclass(frozen=True)
class HistoryEntry:
    at: int
    actor_kind: str  # local | remote | rule | import | system
    actor: str
    kind: str
    data: dict[str, Any]


def item_timeline(db: Database, item_id: int) -> list[HistoryEntry]:
    """Every event of the item, newest first, ending with its arrival."""
    with db.sessions() as session:
        item = session.get(Item, item_id)
        if item is None:
            return []
        events = session.scalars(
            select(Event).where(Event.item_id == item_id).order_by(Event.id.desc())
        ).all()
        entries = [HistoryEntry(e.at, e.actor_kind, e.actor, e.kind, _data(e.data)) for e in events]
    # Arrival is derived from the item itself rather than stored: bulk ingest stays lean.
    entries.append(HistoryEntry(item.created_at, "remote", "", "published", {}))
    if item.fetched_at != item.created_at:
        entries.insert(len(entries) - 1, HistoryEntry(item.fetched_at, "system", "", "arrived", {}))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


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
