"""Everything the item pane shows about one item: text, context, the thread above it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from desktop.db.engine import Database
from desktop.db.models import Author, Context, Item, Source

THREAD_DEPTH = 6


@dataclass(frozen=True)
class ThreadEntry:
    item_id: int
    author: str
    text: str
    created_at: int


@dataclass(frozen=True)
class ItemDetail:
    id: int
    kind: str
    text: str
    language: str | None
    rating: int | None
    app_version: str | None
    device: str | None
    remote_state: str
    status: str
    snoozed_until: int | None
    assignee: str | None
    sentiment: float | None
    spam_score: float | None
    created_at: int
    edited_at: int | None
    due_at: int | None
    tags: tuple[str, ...]
    source_id: int
    platform: str
    source_name: str
    tone: str
    author_id: int | None
    author_name: str
    author_handle: str
    author_watchlist: bool
    context_kind: str | None
    context_title: str
    context_url: str
    context_detail: str
    thread: tuple[ThreadEntry, ...]  # oldest first, ending with the direct parent
    extra: dict[str, Any]
    # The source's own published replies to this item (a review's developer answer), oldest
    # first.
    answers: tuple[ThreadEntry, ...] = ()


def _author_label(author: Author | None) -> str:
    if author is None:
        return ""
    return author.display_name or author.handle


def load_item(db: Database, item_id: int) -> ItemDetail | None:
    with db.sessions() as session:
        item = session.get(Item, item_id)
        if item is None:
            return None
        source = session.get(Source, item.source_id)
        assert source is not None
        author = session.get(Author, item.author_id) if item.author_id else None
        context = session.get(Context, item.context_id) if item.context_id else None
        thread: list[ThreadEntry] = []
        parent_id = item.parent_id
        while parent_id is not None and len(thread) < THREAD_DEPTH:
            row = session.execute(
                select(Item, Author)
                .outerjoin(Author, Author.id == Item.author_id)
                .where(Item.id == parent_id)
            ).first()
            if row is None:
                break
            parent, parent_author = row
            thread.append(
                ThreadEntry(parent.id, _author_label(parent_author), parent.text, parent.created_at)
            )
            parent_id = parent.parent_id
        thread.reverse()
        answers = [
            ThreadEntry(child.id, _author_label(child_author), child.text, child.created_at)
            for child, child_author in session.execute(
                select(Item, Author)
                .outerjoin(Author, Author.id == Item.author_id)
                .where(
                    Item.parent_id == item.id,
                    func.json_extract(Item.extra, "$.own") == 1,
                    Item.remote_state != "deleted",
                )
                .order_by(Item.created_at, Item.id)
            ).all()
        ]
        try:
            extra = json.loads(item.extra or "{}")
        except ValueError:
            extra = {}
        return ItemDetail(
            id=item.id,
            kind=item.kind,
            text=item.text,
            language=item.language,
            rating=item.rating,
            app_version=item.app_version,
            device=item.device,
            remote_state=item.remote_state,
            status=item.status,
            snoozed_until=item.snoozed_until,
            assignee=item.assignee,
            sentiment=item.sentiment,
            spam_score=item.spam_score,
            created_at=item.created_at,
            edited_at=item.edited_at,
            due_at=item.due_at,
            tags=tuple(sorted(t.name for t in item.tags)),
            source_id=source.id,
            platform=source.platform,
            source_name=source.name,
            tone=source.tone,
            author_id=item.author_id,
            author_name=_author_label(author),
            author_handle=author.handle if author else "",
            author_watchlist=bool(author and author.watchlist),
            context_kind=context.kind if context else None,
            context_title=context.title if context else "",
            context_url=context.url if context else "",
            context_detail=context.detail if context else "",
            thread=tuple(thread),
            extra=extra if isinstance(extra, dict) else {},
            answers=tuple(answers),
        )
