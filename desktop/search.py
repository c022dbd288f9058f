"""Full-text search: keeping the FTS5 index in step, and turning what a user types into a
safe FTS5 query.

The index (table `items_fts`, rowid = item id) holds each item's text and its author's names.
It is updated by the same transaction that changes the rows, a batch at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def reindex_items(cursor: Any, item_ids: Sequence[int]) -> None:
    """Rebuild the index rows of these items from the items and authors tables.

    `cursor` is a DB-API cursor or connection inside the caller's transaction.
    """
    if not item_ids:
        return
    for start in range(0, len(item_ids), 500):
        chunk = list(item_ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        cursor.execute(f"DELETE FROM items_fts WHERE rowid IN ({marks})", chunk)
        cursor.execute(
            "INSERT INTO items_fts(rowid, text, author) "
            "SELECT i.id, i.text, COALESCE(a.display_name, '') || ' ' || COALESCE(a.handle, '') "
            f"FROM items i LEFT JOIN authors a ON a.id = i.author_id WHERE i.id IN ({marks})",
            chunk,
        )


def index_range(cursor: Any, first_id: int, last_id: int) -> None:
    """Index the items with ids from first_id to last_id, just inserted and not yet indexed
    (a batch's new rows get consecutive ids above every existing one)."""
    cursor.execute(
        "INSERT INTO items_fts(rowid, text, author) "
        "SELECT i.id, i.text, COALESCE(a.display_name, '') || ' ' || COALESCE(a.handle, '') "
        "FROM items i LEFT JOIN authors a ON a.id = i.author_id WHERE i.id BETWEEN ? AND ?",
        (first_id, last_id),
    )


def to_match_query(user_text: str) -> str | None:
    """Each word the user typed, quoted and prefix-matched, all required.

    Quoting every term means no FTS5 operator or column filter typed by the user can change
    the query's meaning or make it fail. None when there is nothing to search for.
    """
    terms = _WORD.findall(user_text)[:MAX_TERMS]
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)
