from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.db.engine import HEAD_REVISION, WorkspaceError, head_revision, open_database
from desktop.workspace import Workspace


def test_new_database_is_private_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "w" / "steward.db")
    try:
        mode = stat.S_IMODE((tmp_path / "w" / "steward.db").stat().st_mode)
        assert mode == 0o600
        assert stat.S_IMODE((tmp_path / "w").stat().st_mode) == 0o700
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            tables = {
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type IN ('table')"
                )
            }
        assert {"items", "events", "items_fts", "drafts", "outbox_operations"} <= tables
    finally:
        db.close()


def test_reopening_a_current_database_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path).close()
    open_database(path).close()
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_upgrade_backs_up_the_file_first(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path, target_revision="0001").close()
    db = open_database(path)
    db.close()
    backups = list((tmp_path / "backups").glob("steward-before-*.db"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    with sqlite3.connect(path) as new:
        assert (
            new.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        )


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(WorkspaceError, match="not a Steward database or is damaged"):
        open_database(path)
    assert path.read_bytes().startswith(b"this is not sqlite")  # left as it was


def test_a_locked_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "steward.db"
    open_database(path, target_revision="0001").close()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkspaceError, match="locked by another program"):
            open_database(path, busy_timeout_ms=100)
    finally:
        holder.rollback()
        holder.close()


def test_settings_survive_and_bad_values_fall_back(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "w")
    workspace.settings.theme = "dark"
    workspace.settings.agent_name = "Olga"
    workspace.save_settings()
    workspace.close()
    again = Workspace.open(tmp_path / "w")
    assert again.settings.theme == "dark" and again.settings.agent == "Olga"
    again.close()
    (tmp_path / "w" / "settings.json").write_text('{"theme": "purple", "reply_sla_hours": "x"}')
    broken = Workspace.open(tmp_path / "w")
    assert broken.settings.theme == "system" and broken.settings.reply_sla_hours == 24
    broken.close()


def test_the_known_head_is_the_newest_migration() -> None:
    assert head_revision() == HEAD_REVISION
