"""A simulated platform for sync tests: the community server on 127.0.0.1, seeded with items,
and a source in the workspace pointing at it."""

from __future__ import annotations

import json
import time
from typing import Any

import keyring.backend

from desktop.db.models import Source
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.workspace import Workspace

ACCOUNT = "@lumo_team"


def make_items(
    count: int, *, start: int = 0, created_at: int | None = None
) -> list[dict[str, Any]]:
    base = created_at if created_at is not None else int(time.time()) - 3600
    return [
        {
            "id": f"i{n}",
            "kind": "comment",
            "text": f"Comment number {n}: does the sync keep up?",
            "created_at": base + n // 10,
            "language": "en",
            "author": {"id": f"u{n % 7}", "handle": f"@user{n % 7}", "name": f"User {n % 7}"},
            "context": {"id": "v1", "kind": "video", "title": "Launch video"},
        }
        for n in range(start, start + count)
    ]


def start_platform(items: int = 0, name: str = "test") -> tuple[CommunityServer, Community]:
    server = CommunityServer().start()
    community = server.add_community(Community(name, ACCOUNT, "Lumo Team"))
    community.add_many(make_items(items))
    return server, community


def add_community_source(
    workspace: Workspace, server: CommunityServer, name: str = "test", **settings: Any
) -> int:
    config = {
        "connector": "community",
        "base_url": server.base_url(name),
        "timeout_s": 1.0,
        "page_size": 50,
        "rescan_interval_s": 10**9,
        **settings,
    }
    with workspace.db.transaction() as session:
        source = Source(
            platform="community",
            name=f"Community {name}",
            account=ACCOUNT,
            settings=json.dumps(config),
            sync_interval_s=60,
            created_at=int(time.time()),
        )
        session.add(source)
        session.flush()
        return source.id


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS keyring's stand-in in tests: a dict."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)
