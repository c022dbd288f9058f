"""A workspace: one folder holding the database, its backups and the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.db.engine import Database, open_database
from desktop.settings import Settings, load_settings, save_settings

DATABASE_NAME = "steward.db"
SETTINGS_NAME = "settings.json"


def data_root() -> Path:
    """Where workspaces live unless told otherwise; STEWARD_DATA_DIR overrides it."""
    override = os.environ.get("STEWARD_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("Steward", appauthor=False))


def default_workspace_path(*, demo: bool = False) -> Path:
    return data_root() / ("demo" if demo else "workspace")


@dataclass
class Workspace:
    path: Path
    db: Database
    settings: Settings

    @classmethod
    def open(cls, path: Path) -> Workspace:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = open_database(path / DATABASE_NAME)
        return cls(path=path, db=db, settings=load_settings(path / SETTINGS_NAME))

    def save_settings(self) -> None:
        save_settings(self.path / SETTINGS_NAME, self.settings)

    def close(self) -> None:
        self.db.close()
