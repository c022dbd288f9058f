"""What background sync keeps per source besides the cursor, and the outbox's drain index.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_states") as table:
        table.add_column(sa.Column("last_attempt_at", sa.Integer))
        table.add_column(sa.Column("last_rescan_at", sa.Integer))
        table.add_column(sa.Column("failures", sa.Integer, nullable=False, server_default="0"))
    op.create_index(
        "ix_outbox_source_state", "outbox_operations", ["source_id", "state", "item_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_source_state", "outbox_operations")
    with op.batch_alter_table("sync_states") as table:
        table.drop_column("failures")
        table.drop_column("last_rescan_at")
        table.drop_column("last_attempt_at")
