"""Upserting normalised items in batches: the bulk path shared by sync, import and the demo.

Core SQL over the DB-API connection, not the ORM: the ORM's bulk paths are several times
slower here. New items are indexed for search in the same transaction, per batch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.db.engine import Database
from desktop.handover.merge import attach_pending
from desktop.search import index_range, reindex_items


@dataclass(frozen=True)
class RemoteAuthor:
    remote_id: str
    handle: str = ""
    display_name: str = ""
    language: str | None = None


@dataclass(frozen=True)
class RemoteContext:
    remote_id: str
    kind: str
    title: str = ""
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class RemoteItem:
    """One comment, review or message as a connector hands it over."""

    remote_id: str
    kind: str
    text: str
    created_at: int
    author: RemoteAuthor | None = None
    context: RemoteContext | None = None
    parent_remote_id: str | None = None
    language: str | None = None
    rating: int | None = None
    app_version: str | None = None
    device: str | None = None
    remote_state: str = "visible"
    sentiment: float | None = None
    spam_score: float | None = None
    edited_at: int | None = None
    own: bool = False  # written by the source's own account: nothing to answer
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class IngestResult:
    inserted: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)

    @property
    def changed(self) -> list[int]:
        return self.inserted + self.updated


def _author_ids(
    cursor: Any, source_id: int, authors: Sequence[RemoteAuthor], now: int
) -> dict[str, int]:
    unique = {a.remote_id: a for a in authors}
    if not unique:
        return {}
    cursor.executemany(
        "INSERT INTO authors(source_id, remote_id, handle, display_name, language, watchlist,"
        " created_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT(source_id, remote_id) DO UPDATE"
        " SET handle = excluded.handle, display_name = excluded.display_name,"
        " language = COALESCE(excluded.language, authors.language)"
        # An author seen again unchanged (the usual case) is not rewritten.
        " WHERE authors.handle IS NOT excluded.handle"
        " OR authors.display_name IS NOT excluded.display_name"
        " OR authors.language IS NOT COALESCE(excluded.language, authors.language)",
        [
            (source_id, a.remote_id, a.handle, a.display_name, a.language, now)
            for a in unique.values()
        ],
    )
    return _ids_by_remote(cursor, "authors", source_id, list(unique))


def _context_ids(cursor: Any, source_id: int, contexts: Sequence[RemoteContext]) -> dict[str, int]:
    unique = {c.remote_id: c for c in contexts}
    if not unique:
        return {}
    cursor.executemany(
        "INSERT INTO contexts(source_id, remote_id, kind, title, url, detail)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, remote_id) DO UPDATE"
        " SET title = excluded.title, url = excluded.url, detail = excluded.detail"
        " WHERE contexts.title IS NOT excluded.title OR contexts.url IS NOT excluded.url"
        " OR contexts.detail IS NOT excluded.detail",
        [(source_id, c.remote_id, c.kind, c.title, c.url, c.detail) for c in unique.values()],
    )
    return _ids_by_remote(cursor, "contexts", source_id, list(unique))


def _ids_by_remote(
    cursor: Any, table: str, source_id: int, remote_ids: list[str]
) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(remote_ids), 500):
        chunk = remote_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = cursor.execute(
            f"SELECT remote_id, id FROM {table} WHERE source_id = ? AND remote_id IN ({marks})",
            [source_id, *chunk],
        ).fetchall()
        found.update({remote: local for remote, local in rows})
    return found


def ingest_batch(
    db: Database,
    source_id: int,
    batch: Sequence[RemoteItem],
    *,
    now: int,
    sla_seconds: int,
    sync_cursor: str | None = None,
) -> IngestResult:
    """Insert new items and record remote edits of known ones, in one transaction.

    With `sync_cursor`, the source's pull cursor is saved in the same transaction, so that a
    pull interrupted at any point resumes after the last page that was stored."""
    result = IngestResult()
    if not batch and sync_cursor is None:
        return result
    connection = db.raw()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        if sync_cursor is not None:
            cursor.execute(
                "INSERT INTO sync_states(source_id, cursor) VALUES (?, ?)"
                " ON CONFLICT(source_id) DO UPDATE SET cursor = excluded.cursor",
                (source_id, sync_cursor),
            )
        authors = _author_ids(cursor, source_id, [i.author for i in batch if i.author], now)
        contexts = _context_ids(cursor, source_id, [i.context for i in batch if i.context])
        remote_ids = [i.remote_id for i in batch]
        existing: dict[str, tuple[int, str, str, int | None]] = {}
        for start in range(0, len(remote_ids), 500):
            chunk = remote_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for remote, local, text, state, rating in cursor.execute(
                "SELECT remote_id, id, text, remote_state, rating FROM items"
                f" WHERE source_id = ? AND remote_id IN ({marks})",
                [source_id, *chunk],
            ):
                existing[remote] = (local, text, state, rating)

        fresh = [i for i in batch if i.remote_id not in existing]
        order: dict[str, RemoteItem] = {}
        for item in fresh:
            order.setdefault(item.remote_id, item)  # a page may repeat an item
        # A reply's parent is looked up as the reply is inserted, which finds every parent
        # stored before it: earlier pages and earlier in this batch. A parent that comes later
        # in the batch (or an item that names itself) is linked after the inserts.
        position = {remote: n for n, remote in enumerate(order)}
        late_parents = []
        rows = []
        for n, item in enumerate(order.values()):
            parent = item.parent_remote_id or None
            if parent is not None and position.get(parent, -1) >= n:
                late_parents.append((parent, item.remote_id))
                parent = None
            rows.append(
                (
                    source_id,
                    item.remote_id,
                    source_id,
                    parent,
                    authors.get(item.author.remote_id) if item.author else None,
                    contexts.get(item.context.remote_id) if item.context else None,
                    item.kind,
                    item.text,
                    item.language,
                    item.rating,
                    item.app_version,
                    item.device,
                    item.remote_state,
                    "done" if item.own else "new",
                    item.sentiment,
                    item.spam_score,
                    _extra_json(item),
                    item.created_at,
                    item.edited_at,
                    now,
                    item.created_at + sla_seconds,
                    now,
                )
            )
        cursor.executemany(
            "INSERT INTO items(source_id, remote_id, parent_id, author_id, context_id, kind, text,"
            " language, rating, app_version, device, remote_state, status, priority, sentiment,"
            " spam_score, extra, created_at, edited_at, fetched_at, due_at, updated_at)"
            " VALUES (?, ?, (SELECT id FROM items WHERE source_id = ? AND remote_id = ?),"
            " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        new_ids = _ids_by_remote(cursor, "items", source_id, list(order))
        result.inserted = [new_ids[r] for r in order]
        if result.inserted:
            # SQLite copies the rows into the index itself: no Python work per row.
            index_range(cursor, min(result.inserted), max(result.inserted))

            # Parts of an imported handover that waited for these items or their authors.
            attach_pending(cursor, source_id, new_ids, authors, now)

        if late_parents:
            cursor.executemany(
                "UPDATE items SET parent_id = (SELECT id FROM items WHERE source_id = ?1"
                " AND remote_id = ?2) WHERE source_id = ?1 AND remote_id = ?3",
                [(source_id, parent, child) for parent, child in late_parents],
            )

        for item in batch:
            known = existing.get(item.remote_id)
            if known is None:
                continue
            local_id, old_text, old_state, old_rating = known
            text = item.text
            if item.remote_state == "deleted" and not text:
                # A removal often arrives without the text (Matrix redacts it): the moderator
                # still needs to read what was removed.
                text = old_text
            if text == old_text and item.remote_state == old_state and item.rating == old_rating:
                continue
            cursor.execute(
                "UPDATE items SET text = ?, remote_state = ?, edited_at = ?, rating = ?,"
                " updated_at = ? WHERE id = ?",
                (text, item.remote_state, item.edited_at, item.rating, now, local_id),
            )
            if text != old_text:
                _remote_event(cursor, local_id, now, "remote_edit", {"old": old_text, "new": text})
            if item.remote_state != old_state:
                _remote_event(
                    cursor,
                    local_id,
                    now,
                    "remote_state",
                    {"before": old_state, "after": item.remote_state},
                )
            result.updated.append(local_id)
        answered = _mark_answered(cursor, source_id, batch, now)
        counted = set(result.updated) | set(result.inserted)
        result.updated.extend(i for i in answered if i not in counted)
        reindex_items(cursor, result.updated)
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()
    return result


def _mark_answered(cursor: Any, source_id: int, batch: Sequence[RemoteItem], now: int) -> list[int]:
    """An item the source's own account answered on the platform (say, a review answered in
    Play Console) has nothing left to answer: new ones are marked done, unless the item was
    written or changed after the answer."""
    answers = [(i.parent_remote_id, i.created_at) for i in batch if i.own and i.parent_remote_id]
    done: list[int] = []
    for parent, answered_at in answers:
        row = cursor.execute(
            "SELECT id FROM items WHERE source_id = ? AND remote_id = ? AND status = 'new'"
            " AND max(created_at, coalesce(edited_at, 0)) <= ?",
            (source_id, parent, answered_at),
        ).fetchone()
        if row is None:
            continue
        cursor.execute(
            "UPDATE items SET status = 'done', updated_at = ? WHERE id = ?", (now, row[0])
        )
        _remote_event(
            cursor, row[0], now, "status", {"before": "new", "after": "done", "reason": "answered"}
        )
        done.append(row[0])
    return done


def _remote_event(cursor: Any, item_id: int, now: int, kind: str, data: dict[str, Any]) -> None:
    cursor.execute(
        "INSERT INTO events(at, item_id, actor_kind, actor, kind, data)"
        " VALUES (?, ?, 'remote', '', ?, ?)",
        (now, item_id, kind, json.dumps(data, ensure_ascii=False)),
    )


def _extra_json(item: RemoteItem) -> str:
    """The item's platform-specific fields; `own` marks what the source's account wrote, which
    decides actions such as editing or deleting one's own reply."""
    if item.own:
        return json.dumps({**item.extra, "own": True}, ensure_ascii=False)
    return json.dumps(item.extra, ensure_ascii=False) if item.extra else "{}"
