"""Shift handover and the author dossier: note identities, authors linked by hand, imported
handover parts waiting for their items, the record of handovers; and a history guard that
lets a row go only with its item or author.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the history is append-only')"


def upgrade() -> None:
    with op.batch_alter_table("notes") as table:
        table.add_column(sa.Column("uid", sa.String(32)))
    op.execute("UPDATE notes SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL")
    op.create_index("ux_notes_uid", "notes", ["uid"], unique=True)

    op.create_table(
        "author_links",
        sa.Column(
            "author_id",
            sa.Integer,
            sa.ForeignKey("authors.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("group_id", sa.Integer, nullable=False),
        sa.Column("linked_by", sa.String(100), nullable=False),
        sa.Column("linked_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_author_links_group", "author_links", ["group_id"])

    op.create_table(
        "pending_refs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("packet_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("source_key", sa.String(200), nullable=False),
        sa.Column("remote_id", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_index(
        "ix_pending_refs_target", "pending_refs", ["platform", "source_key", "kind", "remote_id"]
    )

    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("packet_id", sa.String(36), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("since", sa.Integer, nullable=False),
        sa.Column("until", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("at", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.UniqueConstraint("packet_id", "direction"),
    )

    # 0002's guard let a row go only when its item (or, for an author's row, its author) was
    # gone. A row can name both, and removing a source may remove the author first: a row goes
    # as soon as either row it names has gone.
    op.execute("DROP TRIGGER events_append_only_delete")
    op.execute(
        "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
        "WHEN NOT ((OLD.item_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id)) "
        "OR (OLD.author_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM authors WHERE id = OLD.author_id))) "
        f"BEGIN {_APPEND_ONLY}; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER events_append_only_delete")
    op.execute(
        "CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events "
        "WHEN (OLD.item_id IS NOT NULL AND EXISTS (SELECT 1 FROM items WHERE id = OLD.item_id)) "
        "OR (OLD.item_id IS NULL AND OLD.author_id IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM authors WHERE id = OLD.author_id)) "
        "OR (OLD.item_id IS NULL AND OLD.author_id IS NULL) "
        f"BEGIN {_APPEND_ONLY}; END"
    )
    op.drop_table("handovers")
    op.drop_index("ix_pending_refs_target", "pending_refs")
    op.drop_table("pending_refs")
    op.drop_index("ix_author_links_group", "author_links")
    op.drop_table("author_links")
    op.drop_index("ux_notes_uid", "notes")
    with op.batch_alter_table("notes") as table:
        table.drop_column("uid")
