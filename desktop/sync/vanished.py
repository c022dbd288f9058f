"""Items that a complete re-scan no longer finds on the platform: deleted there, kept here."""

from __future__ import annotations

import json
from collections.abc import Collection

from desktop.db.engine import Database


def mark_vanished(
    db: Database, source_id: int, since: int, seen: Collection[str], now: int
) -> list[int]:
    """Mark the source's items created since `since` and absent from `seen` as deleted on the
    platform, with a history event each. Rows, notes and history stay.

    A reply is judged only when what it answers was created since `since` too: platforms list
    threads by when they started (YouTube), so a new reply in an older thread is outside a
    re-scan of recent days and its absence proves nothing."""
    connection = db.raw()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        rows = cursor.execute(
            "SELECT i.id, i.remote_id, i.remote_state FROM items i"
            " LEFT JOIN items p ON p.id = i.parent_id"
            " WHERE i.source_id = ? AND i.created_at >= ? AND i.remote_state != 'deleted'"
            " AND (p.id IS NULL OR p.created_at >= ?)",
            (source_id, since, since),
        ).fetchall()
        gone = [(item_id, state) for item_id, remote_id, state in rows if remote_id not in seen]
        cursor.executemany(
            "UPDATE items SET remote_state = 'deleted', updated_at = ? WHERE id = ?",
            [(now, item_id) for item_id, _state in gone],
        )
        cursor.executemany(
            "INSERT INTO events(at, item_id, actor_kind, actor, kind, data)"
            " VALUES (?, ?, 'remote', '', 'remote_state', ?)",
            [
                (now, item_id, json.dumps({"before": state, "after": "deleted"}))
                for item_id, state in gone
            ],
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()
    return [item_id for item_id, _state in gone]
