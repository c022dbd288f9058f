"""Full-text search over item text and author names, filled from the rows already there;
the history made append-only in the database itself.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # rowid = items.id. The engine keeps it in step per batch (desktop/search.py) rather
    # than by a per-row trigger, which halves bulk ingest speed.
    op.execute(
        "CREATE VIRTUAL TABLE items_fts USING fts5("
        "text, author, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO items_fts(rowid, text, author) "
        "SELECT i.id, i.text, COALESCE(a.display_name, '') || ' ' || COALESCE(a.handle, '') "
        "FROM items i LEFT JOIN authors a ON a.id = i.author_id"
    )
    op.execute(
        "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END"
    )
    # Rows go only when their item or author goes (ON DELETE CASCADE runs as a delete too,
    # so the guard allows a delete whose item or author row no longer exists).
    op.execute(
        "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
        "WHEN (OLD.item_id IS NOT NULL AND EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id)) "
        "OR (OLD.item_id IS NULL AND OLD.author_id IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM authors WHERE id = OLD.author_id)) "
        "OR (OLD.item_id IS NULL AND OLD.author_id IS NULL) "
        "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER events_append_only_delete")
    op.execute("DROP TRIGGER events_append_only_update")
    op.execute("DROP TABLE items_fts")
