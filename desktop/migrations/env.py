"""Alembic's entry point. Steward runs migrations itself (desktop.db.engine.open_database),
passing the connection it already holds; there is no alembic.ini."""

from alembic import context

from desktop.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
