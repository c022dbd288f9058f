from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

# Before anything imports Qt: render offscreen, and keep the test run away from the user's data.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem
from desktop.workspace import Workspace
from tests.support.platform import MemoryKeyring, start_platform

NOW = 1_790_000_000


@pytest.fixture(autouse=True)
def _isolated_data_root(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEWARD_DATA_DIR", str(tmp_path_factory.mktemp("data-root")))


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace.open(tmp_path / "workspace")
    opened.settings.agent_name = "Tester"
    yield opened
    opened.close()


@pytest.fixture
def platform(request: pytest.FixtureRequest) -> Iterator[tuple[CommunityServer, Community]]:
    """The simulated platform on 127.0.0.1 with the test module's PLATFORM_ITEMS items."""
    server, community = start_platform(items=getattr(request.module, "PLATFORM_ITEMS", 120))
    yield server, community
    server.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring's stand-in for the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def remote_item(n: int, **overrides: object) -> RemoteItem:
    """A plausible comment; `n` makes it unique and orders it in time."""
    values: dict[str, object] = {
        "remote_id": f"c{n}",
        "kind": "comment",
        "text": f"comment number {n}",
        "created_at": NOW - 10_000 + n,
        "author": RemoteAuthor(f"u{n % 5}", f"@user{n % 5}", f"User {n % 5}", "en"),
        "context": RemoteContext("v1", "video", "Launch video"),
        "language": "en",
    }
    values.update(overrides)
    return RemoteItem(**values)  # type: ignore[arg-type]
