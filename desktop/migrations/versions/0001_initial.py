"""The first schema: sources, authors, contexts, items, tags, history, notes, canned
responses, drafts, the outbox and sync state.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        _id(),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("tone", sa.String(16), nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("sync_interval_s", sa.Integer, nullable=False),
        sa.Column("backfill_days", sa.Integer, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "authors",
        _id(),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("remote_id", sa.String(200), nullable=False),
        sa.Column("handle", sa.String(200), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("watchlist", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.UniqueConstraint("source_id", "remote_id"),
    )
    op.create_table(
        "contexts",
        _id(),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("remote_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.UniqueConstraint("source_id", "remote_id"),
    )
    op.create_table("tags", _id(), sa.Column("name", sa.String(100), nullable=False, unique=True))
    op.create_table(
        "items",
        _id(),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("remote_id", sa.String(200), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id")),
        sa.Column("context_id", sa.Integer, sa.ForeignKey("contexts.id")),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("items.id")),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("rating", sa.Integer),
        sa.Column("app_version", sa.String(64)),
        sa.Column("device", sa.String(128)),
        sa.Column("remote_state", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("snoozed_until", sa.Integer),
        sa.Column("assignee", sa.String(100)),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("sentiment", sa.Float),
        sa.Column("spam_score", sa.Float),
        sa.Column("extra", sa.Text, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("edited_at", sa.Integer),
        sa.Column("fetched_at", sa.Integer, nullable=False),
        sa.Column("due_at", sa.Integer),
        sa.Column("updated_at", sa.Integer, nullable=False),
        sa.UniqueConstraint("source_id", "remote_id"),
    )
    op.create_index("ix_items_created", "items", ["created_at", "id"])
    op.create_index("ix_items_status_created", "items", ["status", "created_at", "id"])
    op.create_index("ix_items_source_created", "items", ["source_id", "created_at", "id"])
    op.create_index("ix_items_kind_created", "items", ["kind", "created_at", "id"])
    op.create_index("ix_items_author", "items", ["author_id", "created_at"])
    op.create_index("ix_items_parent", "items", ["parent_id"])
    op.create_table(
        "item_tags",
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_item_tags_tag", "item_tags", ["tag_id", "item_id"])
    op.create_table(
        "events",
        _id(),
        sa.Column("at", sa.Integer, nullable=False),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE")),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id", ondelete="CASCADE")),
        sa.Column("actor_kind", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_events_item", "events", ["item_id", "id"])
    op.create_index("ix_events_author", "events", ["author_id", "id"])
    op.create_table(
        "notes",
        _id(),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE")),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("authors.id", ondelete="CASCADE")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("for_next_shift", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("expires_at", sa.Integer),
    )
    op.create_index("ix_notes_item", "notes", ["item_id"])
    op.create_index("ix_notes_author", "notes", ["author_id"])
    op.create_table(
        "canned_responses",
        _id(),
        sa.Column("key", sa.String(100), nullable=False, unique=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("title_en", sa.String(200), nullable=False),
        sa.Column("title_ru", sa.String(200), nullable=False),
        sa.Column("shortcut", sa.String(50)),
        sa.Column("platforms", sa.Text, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        sa.Column("usage_count", sa.Integer, nullable=False),
        sa.Column("last_used_at", sa.Integer),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "canned_variants",
        _id(),
        sa.Column(
            "response_id",
            sa.Integer,
            sa.ForeignKey("canned_responses.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("tone", sa.String(16), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.UniqueConstraint("response_id", "language", "tone"),
    )
    op.create_table(
        "drafts",
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "outbox_operations",
        _id(),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("idempotency_key", sa.String(64), nullable=False, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("remote_id", sa.String(200)),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_outbox_state", "outbox_operations", ["state", "item_id", "id"])
    op.create_table(
        "sync_states",
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("cursor", sa.Text),
        sa.Column("watermark", sa.Integer),
        sa.Column("last_success_at", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("backoff_until", sa.Integer),
    )


def downgrade() -> None:
    for table in (
        "sync_states",
        "outbox_operations",
        "drafts",
        "canned_variants",
        "canned_responses",
        "notes",
        "events",
        "item_tags",
        "items",
        "tags",
        "contexts",
        "authors",
        "sources",
    ):
        op.drop_table(table)
