"""The workspace's preferences: one typed schema, stored as JSON beside the database.

Secrets never come here; they live in the OS keyring.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "ru")


@dataclass
class Settings:
    agent_name: str = ""
    theme: str = "system"
    language: str = "system"
    reply_sla_hours: int = 24

    def validated(self) -> Settings:
        if self.theme not in THEMES:
            self.theme = "system"
        if self.language not in LANGUAGES:
            self.language = "system"
        if not 1 <= self.reply_sla_hours <= 24 * 30:
            self.reply_sla_hours = 24
        return self

    @property
    def agent(self) -> str:
        """The name written into history and assignments: the user's own, or the login."""
        if self.agent_name.strip():
            return self.agent_name.strip()
        return os.environ.get("USER") or os.environ.get("USERNAME") or "me"


def load_settings(path: Path) -> Settings:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("Settings file %s is unreadable (%s); using defaults", path, error)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    values: dict[str, Any] = {}
    defaults = asdict(Settings())
    for name in known:
        value = raw.get(name, defaults[name])
        if type(value) is type(defaults[name]):
            values[name] = value
    return Settings(**values).validated()


def save_settings(path: Path, settings: Settings) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
