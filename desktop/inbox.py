"""Reading the inbox: saved views, their counts, the ordered ids of a query, and pages of rows.

The list model on screen holds only the ids of a query (a compact array) and asks for rows a
page at a time for the visible range, so a workspace of hundreds of thousands of items never
sits in memory.
"""

from __future__ import annotations

import enum
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.db.engine import Database
from desktop.search import to_match_query

OPEN_STATES = "('new', 'open', 'waiting')"


class View(enum.StrEnum):
    NEEDS_REPLY = "needs_reply"
    NEGATIVE = "negative"
    LOW_RATINGS = "low_ratings"
    REVIEWS = "reviews"
    SPAM_SUSPECTS = "spam_suspects"
    SNOOZED = "snoozed"
    ESCALATED = "escalated"
    SEND_PROBLEMS = "send_problems"
    DONE = "done"
    ALL = "all"


VIEW_FILTERS: dict[View, str] = {
    View.NEEDS_REPLY: "i.status IN ('new', 'open') AND i.remote_state NOT IN ('spam', 'deleted')",
    View.NEGATIVE: f"i.sentiment <= -0.3 AND i.status IN {OPEN_STATES}",
    View.LOW_RATINGS: f"i.rating <= 2 AND i.status IN {OPEN_STATES}",
    View.REVIEWS: "i.kind = 'review'",
    View.SPAM_SUSPECTS: (
        f"(i.spam_score >= 0.5 OR i.remote_state IN ('spam', 'held')) AND i.status IN {OPEN_STATES}"
    ),
    View.SNOOZED: "i.status = 'snoozed'",
    View.ESCALATED: "i.status = 'escalated'",
    # Uncorrelated, so SQLite builds the set once per query rather than once per item.
    View.SEND_PROBLEMS: (
        "i.id IN (SELECT item_id FROM outbox_operations WHERE state IN ('failed', 'conflict'))"
    ),
    View.DONE: "i.status = 'done'",
    View.ALL: "1",
}


class SortKey(enum.StrEnum):
    TIME = "time"
    RATING = "rating"
    STATUS = "status"


_STATUS_ORDER = (
    "CASE i.status WHEN 'escalated' THEN 0 WHEN 'new' THEN 1 WHEN 'open' THEN 2"
    " WHEN 'waiting' THEN 3 WHEN 'snoozed' THEN 4 ELSE 5 END"
)


@dataclass(frozen=True)
class InboxQuery:
    view: View = View.ALL
    source_id: int | None = None
    search: str = ""
    sort: SortKey = SortKey.TIME
    descending: bool = True  # newest first; for ratings, lowest first

    def selection(self) -> tuple[str, list[Any]]:
        """The FROM and WHERE parts of the query, with their parameters.

        A search starts from the full-text index and joins the items to it: the planner then
        reads only the matches, where `id IN (subquery)` would walk every item in order.
        """
        clauses = [VIEW_FILTERS[self.view]]
        params: list[Any] = []
        source = "items i"
        match = to_match_query(self.search)
        if match is not None:
            source = "items_fts JOIN items i ON i.id = items_fts.rowid"
            clauses.insert(0, "items_fts MATCH ?")
            params.append(match)
        if self.source_id is not None:
            clauses.append("i.source_id = ?")
            params.append(self.source_id)
        return f"{source} WHERE {' AND '.join(clauses)}", params

    def order_by(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        if self.sort is SortKey.RATING:
            rating = "ASC" if self.descending else "DESC"
            return f"i.rating IS NULL, i.rating {rating}, i.created_at DESC, i.id DESC"
        if self.sort is SortKey.STATUS:
            status = "ASC" if self.descending else "DESC"
            return f"{_STATUS_ORDER} {status}, i.created_at DESC, i.id DESC"
        return f"i.created_at {direction}, i.id {direction}"


@dataclass(frozen=True)
class InboxRow:
    id: int
    platform: str
    source_name: str
    author: str
    snippet: str
    rating: int | None
    sentiment: float | None
    created_at: int
    due_at: int | None
    status: str
    assignee: str | None
    kind: str
    remote_state: str
    language: str | None
    tags: tuple[str, ...]
    has_draft: bool


def _read(db: Database, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    connection = db.raw()
    try:
        return list(connection.execute(sql, params).fetchall())
    finally:
        connection.close()


def item_ids(db: Database, query: InboxQuery) -> array[int]:
    """The ordered ids of every item the query selects."""
    selection, params = query.selection()
    connection = db.raw()
    try:
        cursor = connection.execute(
            f"SELECT i.id FROM {selection} ORDER BY {query.order_by()}", params
        )
        ids = array("q")
        while rows := cursor.fetchmany(20000):
            ids.extend(row[0] for row in rows)
        return ids
    finally:
        connection.close()


def view_counts(db: Database, views: Sequence[View] = tuple(View)) -> dict[View, int]:
    """How many items each view holds right now, in one pass over the items."""
    sums = ", ".join(f"COALESCE(sum({VIEW_FILTERS[view]}), 0)" for view in views)
    connection = db.raw()
    try:
        row = connection.execute(f"SELECT {sums} FROM items i").fetchone()
    finally:
        connection.close()
    return dict(zip(views, row, strict=True))


@dataclass(frozen=True)
class SourceSummary:
    id: int
    platform: str
    name: str
    open_count: int


def source_summaries(db: Database) -> list[SourceSummary]:
    rows = _read(
        db,
        "SELECT s.id, s.platform, s.name, (SELECT count(*) FROM items i WHERE i.source_id = s.id"
        f" AND i.status IN {OPEN_STATES}) FROM sources s ORDER BY s.name",
    )
    return [SourceSummary(*row) for row in rows]


SNIPPET_LENGTH = 160


def fetch_rows(db: Database, ids: Sequence[int]) -> dict[int, InboxRow]:
    """The display rows of these items, by id (missing ids are simply absent)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = _read(
        db,
        "SELECT i.id, s.platform, s.name, COALESCE(NULLIF(a.display_name, ''), a.handle, ''),"
        f" substr(i.text, 1, {SNIPPET_LENGTH * 2}), i.rating, i.sentiment, i.created_at, i.due_at,"
        " i.status, i.assignee, i.kind, i.remote_state, i.language,"
        " (SELECT group_concat(t.name, ',') FROM item_tags it JOIN tags t ON t.id = it.tag_id"
        "  WHERE it.item_id = i.id),"
        " EXISTS (SELECT 1 FROM drafts d WHERE d.item_id = i.id)"
        " FROM items i JOIN sources s ON s.id = i.source_id"
        " LEFT JOIN authors a ON a.id = i.author_id"
        f" WHERE i.id IN ({marks})",
        list(ids),
    )
    result = {}
    for row in rows:
        snippet = " ".join(row[4].split())[:SNIPPET_LENGTH]
        tags = tuple(sorted(row[14].split(","))) if row[14] else ()
        result[row[0]] = InboxRow(
            row[0],
            row[1],
            row[2],
            row[3],
            snippet,
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            row[11],
            row[12],
            row[13],
            tags,
            bool(row[15]),
        )
    return result
