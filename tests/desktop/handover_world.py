"""A known workspace for the handover tests: two sources, five items, a shift of local work,
notes, a watched author, a failed reply, a source that cannot sync, and a secret that must
never leave."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.connectors.base import Action
from desktop.db.models import Author, Item, OutboxOperation, Source, SyncState
from desktop.ingest import RemoteAuthor
from desktop.services.notes import NoteService
from desktop.services.outbox import OutboxService
from desktop.services.triage import TriageService
from desktop.sync.outbox import record_transition
from desktop.workspace import Workspace
from tests.conftest import NOW, remote_item
from tests.desktop.helpers import ingest

SECRET = "tok-5ecret-9f8e7d6c5b4a"
SINCE, UNTIL = NOW - 8 * 3600, NOW
ANNA = RemoteAuthor("a1", "@anna_p", "Анна Петрова", "ru")
JOHN = RemoteAuthor("j1", "@jsmith", "John Smith", "en")
BOB = RemoteAuthor("b1", "@bobstone", "Bob Stone", "en")
AUTHOR_NAMES = ("Анна Петрова", "anna_p", "John Smith", "jsmith")


@dataclass(frozen=True)
class World:
    forum: int
    channel: int
    items: dict[str, int]  # remote id → local id
    anna_forum: int
    john: int


def add_secret_source(workspace: Workspace, platform: str, name: str, account: str) -> int:
    with workspace.db.transaction() as session:
        source = Source(
            platform=platform,
            name=name,
            account=account,
            settings=json.dumps({"connector": platform, "api_token": SECRET}),
            created_at=NOW - 10 * 86400,
        )
        session.add(source)
        session.flush()
        return source.id


def fill(workspace: Workspace) -> World:
    forum = add_secret_source(workspace, "community", "Forum", "@lumo_team")
    channel = add_secret_source(workspace, "youtube", "Lumo Channel", "UC_lumo")
    ingest(
        workspace,
        forum,
        [
            remote_item(1, text="Your app deleted my notes!", author=ANNA, sentiment=-0.8),
            remote_item(2, text="How do I export to PDF?", author=JOHN, sentiment=0.0),
            remote_item(3, text="Buy followers at spam.example", author=JOHN, sentiment=0.1),
        ],
        now=NOW - 86400,
    )
    ingest(
        workspace,
        channel,
        [
            remote_item(4, text="Great <script>alert(1)</script> video", author=ANNA),
            remote_item(5, text="First!", author=BOB),
        ],
        now=NOW - 86400,
    )
    with workspace.db.sessions() as session:
        items = dict(session.execute(select(Item.remote_id, Item.id)).all())  # type: ignore[arg-type]
        anna_forum = session.scalars(
            select(Author.id).where(Author.source_id == forum, Author.remote_id == "a1")
        ).one()
        john = session.scalars(select(Author.id).where(Author.remote_id == "j1")).one()

    def clock(at: int) -> TriageService:
        return TriageService(workspace.db, lambda: "Olga", lambda: at)

    # Before the shift: Pavel took the channel's comment; an old note on Anna has expired.
    TriageService(workspace.db, lambda: "Pavel", lambda: NOW - 86400).assign([items["c4"]], "Pavel")
    old_notes = NoteService(workspace.db, lambda: "Pavel", lambda: NOW - 86400)
    old_notes.add_author_note(anna_forum, "Was rude last month", "warning", expires_at=NOW - 3600)

    # The shift.
    clock(NOW - 7000).escalate([items["c1"]])
    clock(NOW - 6900).assign([items["c1"]], "Olga")
    notes = NoteService(workspace.db, lambda: "Olga", lambda: NOW - 6000)
    notes.add_item_note(
        items["c1"], "Анна Петрова threatens a chargeback; call her back", for_next_shift=True
    )
    notes.add_author_note(john, "Posts spam links", "warning", for_next_shift=True)
    notes.set_watchlist(anna_forum, True)
    outbox = OutboxService(workspace.db, lambda: "Olga", lambda: NOW - 5000)
    outbox.reply(items["c2"], "Use File → Export.")
    outbox.moderate([items["c3"]], Action.HIDE)
    with workspace.db.transaction() as session:
        op = session.scalars(
            select(OutboxOperation).where(OutboxOperation.item_id == items["c2"])
        ).one()
        op.last_error = "The platform refused the reply (HTTP 403)."
        record_transition(session, op, "failed", NOW - 4000)
        session.add(
            SyncState(
                source_id=channel,
                last_error="The platform did not answer (timed out).",
                failures=3,
                last_success_at=NOW - 7200,
            )
        )
    return World(forum, channel, items, anna_forum, john)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index aside)."""
    with sqlite3.connect(path) as c:
        tables = [
            name
            for (name,) in c.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'items_fts%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
