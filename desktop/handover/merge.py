"""Merging what a handover packet says about one item or author into this workstation's
database, idempotently (desktop/handover/importer.py reads the packet).

- Notes are merged by uid: a note already here (from this packet or another) is left as it is.
- An assignment or escalation is applied unless the item was assigned (or its status set)
  here after the packet was written: the newer local decision wins, and the import says so.
- An item or author this workstation has not synced yet is kept as a pending reference, and
  its part of the packet is applied, in the same transaction, when the sync stores it.

The work is done on a DB-API cursor so that the sync's bulk path (desktop/ingest.py) can attach
pending references inside its own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.handover.identity import SOURCE_KEY_SQL, parse_time
from desktop.services.events import Change


@dataclass
class ImportResult:
    packet_id: str
    already_imported: bool = False
    notes_added: int = 0
    items_changed: int = 0  # assignments or escalations applied
    authors_watched: int = 0
    kept_local: int = 0  # items whose newer local assignment or status was kept
    pending: int = 0  # items and authors not synced here yet, attached when they arrive
    item_ids: set[int] = field(default_factory=set)
    author_ids: set[int] = field(default_factory=set)

    @property
    def change(self) -> Change:
        return Change(
            frozenset(self.item_ids),
            counts=bool(self.item_ids),
            label="handover_import",
            author_ids=frozenset(self.author_ids),
        )


def _event(
    cursor: Any,
    now: int,
    kind: str,
    data: dict[str, Any],
    *,
    item_id: int | None,
    author_id: int | None,
    actor: str,
) -> None:
    cursor.execute(
        "INSERT INTO events(at, item_id, author_id, actor_kind, actor, kind, data)"
        " VALUES (?, ?, ?, 'import', ?, ?, ?)",
        (now, item_id, author_id, actor, kind, json.dumps(data, ensure_ascii=False)),
    )


def apply_entry(
    cursor: Any,
    kind: str,
    local_id: int,
    entry: Mapping[str, Any],
    meta: Mapping[str, Any],
    now: int,
    result: ImportResult,
) -> None:
    """Merge what a packet says about one local item or author, with its history events."""
    item_id = local_id if kind == "item" else None
    author_id = local_id if kind == "author" else None
    summary: dict[str, Any] = {}
    added = []
    for note in entry["notes"]:
        inserted = cursor.execute(
            "INSERT INTO notes(item_id, author_id, kind, body, for_next_shift, created_by,"
            " created_at, expires_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(uid) DO NOTHING",
            (
                item_id,
                author_id,
                note["kind"],
                note["body"],
                note["for_next_shift"],
                note["created_by"],
                parse_time(note["created_at"]),
                parse_time(note["expires_at"]) if note["expires_at"] else None,
                note["uid"],
            ),
        ).rowcount
        if inserted:
            added.append(note["uid"])
            _event(
                cursor,
                now,
                "note_added",
                {
                    "uid": note["uid"],
                    "kind": note["kind"],
                    "on": kind,
                    "preview": " ".join(note["body"].split())[:200],
                    "for_next_shift": note["for_next_shift"],
                    "expires_at": parse_time(note["expires_at"]) if note["expires_at"] else None,
                },
                item_id=item_id,
                author_id=author_id,
                actor=note["created_by"],
            )
    if added:
        summary["notes"] = added
        result.notes_added += len(added)
    if kind == "item":
        _merge_item(cursor, local_id, entry, meta, summary, result)
    elif entry.get("watch"):
        watched = cursor.execute(
            "UPDATE authors SET watchlist = 1 WHERE id = ? AND watchlist = 0", (local_id,)
        ).rowcount
        if watched:
            summary["watchlist"] = True
            result.authors_watched += 1
            _event(
                cursor,
                now,
                "watchlist",
                {"watched": True},
                item_id=None,
                author_id=local_id,
                actor=str(meta["from"]),
            )
    if summary:
        _event(
            cursor,
            now,
            "handover_import",
            {"packet": meta["packet"], "from": meta["from"], **summary},
            item_id=item_id,
            author_id=author_id,
            actor=str(meta["imported_by"]),
        )
        if item_id is not None:
            cursor.execute("UPDATE items SET updated_at = ? WHERE id = ?", (now, item_id))
            result.item_ids.add(item_id)
        if author_id is not None:
            result.author_ids.add(author_id)


def _merge_item(
    cursor: Any,
    item_id: int,
    entry: Mapping[str, Any],
    meta: Mapping[str, Any],
    summary: dict[str, Any],
    result: ImportResult,
) -> None:
    status, assignee = cursor.execute(
        "SELECT status, assignee FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    newer = {
        kind
        for (kind,) in cursor.execute(
            "SELECT DISTINCT kind FROM events WHERE item_id = ? AND actor_kind = 'local'"
            " AND kind IN ('assign', 'status', 'undo') AND at > ?",
            (item_id, meta["written_at"]),
        )
    }
    changed = kept = False
    if "assignee" in entry and entry["assignee"] != assignee:
        if newer & {"assign", "undo"}:
            kept = True
        else:
            cursor.execute(
                "UPDATE items SET assignee = ? WHERE id = ?", (entry["assignee"], item_id)
            )
            summary["assignee"] = [assignee, entry["assignee"]]
            changed = True
    if entry.get("escalated") and status != "escalated":
        if newer & {"status", "undo"}:
            kept = True
        else:
            cursor.execute(
                "UPDATE items SET status = 'escalated', snoozed_until = NULL WHERE id = ?",
                (item_id,),
            )
            summary["status"] = [status, "escalated"]
            changed = True
    if kept:
        summary["kept_local"] = True
        result.kept_local += 1
    if changed:
        result.items_changed += 1


def attach_pending(
    cursor: Any, source_id: int, items: Mapping[str, int], authors: Mapping[str, int], now: int
) -> list[int]:
    """Apply pending references to the items and authors just stored for this source (remote
    id → local id), inside the caller's transaction. Returns the items that changed.

    One indexed query when nothing is pending for the source, which is almost always."""
    rows = cursor.execute(
        "SELECT p.id, p.kind, p.remote_id, p.payload FROM sources s JOIN pending_refs p"
        f" ON p.platform = s.platform AND p.source_key = {SOURCE_KEY_SQL} WHERE s.id = ?",
        (source_id,),
    ).fetchall()
    if not rows:
        return []
    result = ImportResult("")
    done = []
    for pending_id, kind, remote_id, raw in rows:
        local_id = (items if kind == "item" else authors).get(remote_id)
        if local_id is None:
            continue
        payload = json.loads(raw)
        apply_entry(cursor, kind, local_id, payload, payload["meta"], now, result)
        done.append((pending_id,))
    cursor.executemany("DELETE FROM pending_refs WHERE id = ?", done)
    return sorted(result.item_ids)
