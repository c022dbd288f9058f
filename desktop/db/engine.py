"""Opening a workspace database: file permissions, pragmas, backup, migrations."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

KEEP_BACKUPS = 5
# The newest revision in desktop/migrations/versions; a test keeps the two in step.
HEAD_REVISION = "0004"


class WorkspaceError(Exception):
    """A problem with the workspace that the user must hear about, in their words."""


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        with self.sessions.begin() as session:
            yield session

    def raw(self) -> Any:
        """A DB-API connection for the bulk paths that want plain sqlite3 speed."""
        return self.engine.raw_connection()

    def close(self) -> None:
        # Gathers the statistics the query planner needs (cheap; SQLite's advice on closing).
        with contextlib.suppress(sqlite3.Error), self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


# Alembic is imported only when a migration may be due: it costs a tenth of a second at start-up.
def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "desktop:migrations")
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _pragmas(busy_timeout_ms: int) -> Callable[[sqlite3.Connection, object], None]:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return on_connect


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        # SQLite gives the -wal and -shm files the main file's permissions.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(path: Path, busy_timeout_ms: int = 5000) -> Engine:
    # Background queries run on worker threads; each pooled connection is used by one at a time.
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _pragmas(busy_timeout_ms))
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if has_table is None:
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def backup(path: Path, label: str) -> Path:
    """Copy the live database through SQLite's backup API (consistent even in WAL mode)."""
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True, mode=0o700)
    target = folder / f"{path.stem}-{label}-{time.strftime('%Y%m%d-%H%M%S')}.db"
    _create_private_file(target)
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    old = sorted(folder.glob(f"{path.stem}-*.db"))[:-KEEP_BACKUPS]
    for stale in old:
        stale.unlink(missing_ok=True)
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_database(
    path: Path, *, target_revision: str = "head", busy_timeout_ms: int = 5000
) -> Database:
    """Open (creating if needed) the database at `path`, backed up and migrated."""
    existed = path.exists() and path.stat().st_size > 0
    _create_private_file(path)
    engine = make_engine(path, busy_timeout_ms)
    try:
        revision = current_revision(engine)
        wanted = HEAD_REVISION if target_revision == "head" else target_revision
        if revision != wanted:
            if existed:
                backup(path, f"before-{wanted}")
            upgrade(engine, target_revision)
    except OperationalError as error:
        engine.dispose()
        if "locked" in str(error):
            raise WorkspaceError(
                f"The workspace database {path} is locked by another program. "
                "Close other Steward windows and try again."
            ) from error
        raise WorkspaceError(
            f"The workspace database {path} cannot be opened: {error.orig}"
        ) from error
    except DatabaseError as error:
        engine.dispose()
        raise WorkspaceError(
            f"The file {path} is not a Steward database or is damaged. "
            f"Backups, if any, are in {path.parent / 'backups'}."
        ) from error
    return Database(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
