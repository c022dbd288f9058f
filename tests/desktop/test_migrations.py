"""A database made by the previous schema revision upgrades and keeps every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.db.engine import head_revision, open_database
from desktop.inbox import InboxQuery, item_ids

TABLES = (
    "sources",
    "authors",
    "contexts",
    "items",
    "tags",
    "item_tags",
    "events",
    "notes",
    "canned_responses",
    "canned_variants",
    "drafts",
    "outbox_operations",
    "sync_states",
)


def _fill_revision_0001(path: Path) -> None:
    """Rows in every table, written with plain SQL as revision 0001 laid the tables out."""
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA foreign_keys = ON")
        c.execute(
            "INSERT INTO sources VALUES (1, 'vk', 'Community', 'club1', 'informal', '{}',"
            " 300, 14, 1, 100)"
        )
        c.execute("INSERT INTO authors VALUES (1, 1, 'id5', 'id5', 'Анна Петрова', 'ru', 1, 100)")
        c.execute("INSERT INTO contexts VALUES (1, 1, 'wall-1', 'post', 'Релиз 5.0', '', '')")
        for n in range(1, 201):
            c.execute(
                "INSERT INTO items VALUES (?, 1, ?, 1, 1, NULL, 'comment', ?, 'ru', NULL, NULL,"
                " NULL, 'visible', 'new', NULL, NULL, 0, -0.5, 0.1, '{}', ?, NULL, ?, NULL, ?)",
                (n, f"r{n}", f"синхронизация сломалась номер {n}", 1000 + n, 2000, 2000),
            )
        c.execute("INSERT INTO tags VALUES (1, 'bug')")
        c.execute("INSERT INTO item_tags VALUES (1, 1)")
        c.execute(
            "INSERT INTO events VALUES (1, 3000, 1, NULL, 'local', 'Olga', 'status',"
            ' \'{"before": "new", "after": "open"}\')'
        )
        c.execute(
            "INSERT INTO notes VALUES (1, 1, NULL, 'note', 'call back', 1, 'Olga', 3000, NULL)"
        )
        c.execute(
            "INSERT INTO canned_responses VALUES (1, 'thanks', 'thanks', 'Thanks',"
            " 'Спасибо', 'thanks', '[]', 0, 3, NULL, 100)"
        )
        c.execute("INSERT INTO canned_variants VALUES (1, 1, 'ru', 'informal', 'Спасибо!')")
        c.execute("INSERT INTO drafts VALUES (2, 'черновик', 3000)")
        c.execute(
            "INSERT INTO outbox_operations VALUES (1, 3, 1, 'reply', '{}', 'key-1',"
            " 'queued', 0, NULL, NULL, 3000, 3000)"
        )
        c.execute("INSERT INTO sync_states VALUES (1, 'cursor-7', 1200, 2000, NULL, NULL)")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as c:
        return {t: c.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def test_upgrade_from_the_previous_revision_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path, target_revision="0001").close()
    _fill_revision_0001(path)
    before = _dump(path)
    assert sum(len(rows) for rows in before.values()) > 200

    db = open_database(path)
    try:
        # Every old column keeps its value; columns added later come after them.
        after = {
            table: [row[: len(before[table][0])] if before[table] else row for row in rows]
            for table, rows in _dump(path).items()
        }
        assert after == before
        with sqlite3.connect(path) as c:
            assert (
                c.execute("SELECT version_num FROM alembic_version").fetchone()[0]
                == head_revision()
            )
        # The new revision's search index was filled from the rows already there.
        assert len(item_ids(db, InboxQuery(search="синхронизация"))) == 200
        assert list(item_ids(db, InboxQuery(search="Петрова"))) != []
    finally:
        db.close()


def test_history_rows_cannot_be_changed_or_deleted_after_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path, target_revision="0001").close()
    _fill_revision_0001(path)
    open_database(path).close()
    with sqlite3.connect(path) as c:
        for statement in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
            try:
                c.execute(statement)
            except sqlite3.IntegrityError as error:
                assert "append-only" in str(error)
            else:
                raise AssertionError(f"{statement} went through")
        assert c.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        # Removing a whole source still removes its items' history with them.
        c.commit()
        c.execute("PRAGMA foreign_keys = ON")  # has no effect inside a transaction
        c.execute("DELETE FROM outbox_operations")
        c.execute("DELETE FROM drafts")
        c.execute("DELETE FROM notes")
        c.execute("DELETE FROM sources WHERE id = 1")
        assert c.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_revision_0004_names_every_note_and_adds_the_handover_tables(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path, target_revision="0001").close()
    _fill_revision_0001(path)
    open_database(path, target_revision="0003").close()
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO notes VALUES (2, NULL, 1, 'warning', 'rude', 0, 'Olga', 3100, NULL)")
    open_database(path).close()
    with sqlite3.connect(path) as c:
        uids = [row[0] for row in c.execute("SELECT uid FROM notes ORDER BY id")]
        assert len(uids) == 2 and len(set(uids)) == 2
        assert all(len(uid) == 32 and int(uid, 16) >= 0 for uid in uids)
        tables = {row[0] for row in c.execute("SELECT name FROM sqlite_master")}
        assert {"author_links", "pending_refs", "handovers", "ix_pending_refs_target"} <= tables
        try:
            c.execute("UPDATE notes SET uid = ? WHERE id = 2", (uids[0],))
        except sqlite3.IntegrityError as error:
            assert "UNIQUE" in str(error)
        else:
            raise AssertionError("two notes share a uid")
