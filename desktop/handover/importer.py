"""Importing a handover packet on another workstation: checked against its schema, then its
notes, next-shift flags, assignments, escalations and watchlist merged (desktop/handover/merge.py
says how). A packet already imported here is recognised by its id and changes nothing; a packet
that is refused changes nothing either.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.db.engine import Database
from desktop.handover.identity import SOURCE_KEY_SQL, RefKey, parse_time, ref_key
from desktop.handover.merge import ImportResult, apply_entry
from desktop.handover.schema import check_packet


def _entries(packet: dict[str, Any]) -> tuple[dict[RefKey, Any], dict[RefKey, Any]]:
    """What the packet says about each item and author it can name."""
    items: dict[RefKey, dict[str, Any]] = {}
    authors: dict[RefKey, dict[str, Any]] = {}

    def item(record: dict[str, Any]) -> dict[str, Any]:
        return items.setdefault(ref_key(record["ref"]), {"notes": []})

    for record in packet["open"]["claimed"]:
        item(record)["assignee"] = record["assignee"]
    for record in packet["escalations"]:
        entry = item(record)
        entry["escalated"] = True
        entry["assignee"] = record["assignee"]
    for note in packet["notes"]:
        if note["target"] == "item":
            item(note["item"])["notes"].append(note)
        elif note["author"]["ref"] is not None:
            key = ref_key(note["author"]["ref"])
            authors.setdefault(key, {"notes": []})["notes"].append(note)
    for watched in packet["watched_authors"]:
        if watched["author"]["ref"] is not None:
            key = ref_key(watched["author"]["ref"])
            authors.setdefault(key, {"notes": []})["watch"] = True
    return items, authors


def import_packet(db: Database, data: Any, now: int, *, actor: str) -> ImportResult:
    """Check the packet and merge it. HandoverError (and nothing changed) if it is refused."""
    packet = check_packet(data)
    result = ImportResult(packet["id"])
    meta = {
        "packet": packet["id"],
        "written_at": parse_time(packet["created_at"]),
        "from": packet["created_by"],
        "imported_by": actor,
    }
    items, authors = _entries(packet)
    connection = db.raw()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        if cursor.execute(
            "SELECT 1 FROM handovers WHERE packet_id = ? AND direction = 'import'",
            (packet["id"],),
        ).fetchone():
            connection.rollback()
            result.already_imported = True
            return result
        for kind, entries in (("item", items), ("author", authors)):
            for key, entry in entries.items():
                local = _local_ids(cursor, kind, key)
                if not local:
                    _keep_pending(cursor, kind, key, {**entry, "meta": meta}, now)
                    result.pending += 1
                for local_id in local:
                    apply_entry(cursor, kind, local_id, entry, meta, now, result)
        cursor.execute(
            "INSERT INTO handovers(packet_id, direction, since, until, created_by, actor, at,"
            " note, summary) VALUES (?, 'import', ?, ?, ?, ?, ?, ?, ?)",
            (
                packet["id"],
                parse_time(packet["window"]["since"]),
                parse_time(packet["window"]["until"]),
                packet["created_by"],
                actor,
                now,
                packet["note"],
                json.dumps(
                    {
                        "notes_added": result.notes_added,
                        "items_changed": result.items_changed,
                        "authors_watched": result.authors_watched,
                        "kept_local": result.kept_local,
                        "pending": result.pending,
                    }
                ),
            ),
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()
    return result


def _local_ids(cursor: Any, kind: str, key: RefKey) -> list[int]:
    table = "items" if kind == "item" else "authors"
    rows = cursor.execute(
        f"SELECT t.id FROM {table} t WHERE t.remote_id = ? AND t.source_id IN"
        f" (SELECT s.id FROM sources s WHERE s.platform = ? AND {SOURCE_KEY_SQL} = ?)",
        (key[2], key[0], key[1]),
    ).fetchall()
    return [row[0] for row in rows]


def _keep_pending(cursor: Any, kind: str, key: RefKey, payload: dict[str, Any], now: int) -> None:
    cursor.execute(
        "INSERT INTO pending_refs(packet_id, kind, platform, source_key, remote_id, payload,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            payload["meta"]["packet"],
            kind,
            *key,
            json.dumps(payload, ensure_ascii=False),
            now,
        ),
    )
