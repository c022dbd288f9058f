from __future__ import annotations

from collections.abc import Sequence

from desktop.db.models import Source
from desktop.ingest import IngestResult, RemoteItem, ingest_batch
from desktop.workspace import Workspace
from tests.conftest import NOW


def add_source(
    workspace: Workspace, platform: str = "youtube", name: str = "Channel", tone: str = "informal"
) -> int:
    with workspace.db.transaction() as session:
        source = Source(platform=platform, name=name, tone=tone, created_at=NOW)
        session.add(source)
        session.flush()
        return source.id


def ingest(
    workspace: Workspace, source_id: int, items: Sequence[RemoteItem], now: int = NOW
) -> IngestResult:
    return ingest_batch(workspace.db, source_id, items, now=now, sla_seconds=3600)
