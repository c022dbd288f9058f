"""The Isso connector and the real sync engine against a real Isso comment server.

Isso must be installed under .peers/ (tests/peers/install_isso.sh); without it these tests fail
and say so. One server serves the module; each test uses threads of its own.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desktop.connectors.base import Action, SignIn
from desktop.connectors.isso import IssoConnector
from desktop.db.models import Context, Item, OutboxOperation, Source
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.peers.isso import ADMIN_PASSWORD, Isso, IssoNotInstalled
from tests.support.platform import MemoryKeyring

_threads = itertools.count(1)


@pytest.fixture(scope="module")
def isso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Isso]:
    missing = ""
    try:
        server = Isso(tmp_path_factory.mktemp("isso"))
    except IssoNotInstalled as error:
        missing = str(error)
    if missing:
        pytest.fail(missing, pytrace=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def add_source(workspace: Workspace, isso: Isso, threads: str) -> int:
    with workspace.db.transaction() as session:
        source = Source(platform="isso", name="Isso", settings="{}", created_at=int(time.time()))
        session.add(source)
        session.flush()
        source_id = source.id
    result = asyncio.run(
        IssoConnector.sign_in(
            SignIn(
                {"api_base": isso.base_url, "threads": threads, "reply_name": "Site team"},
                {"password": ADMIN_PASSWORD},
                SourceSecrets(source_id),
                timeout_s=5,
            )
        )
    )
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.account = result.account
        source.settings = json.dumps({**result.settings, "timeout_s": 5, "rescan_interval_s": 0})
    return source_id


def run(workspace: Workspace) -> Any:
    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        assert report.error is None, report.error
        return report
    finally:
        engine.close()


def item(workspace: Workspace, comment_id: int) -> Item:
    with workspace.db.sessions() as session:
        return session.scalars(select(Item).where(Item.remote_id == str(comment_id))).one()


def admin_session(isso: Isso) -> str:
    response = httpx.post(isso.base_url + "/login/", data={"password": ADMIN_PASSWORD})
    assert response.status_code == 302
    return str(response.cookies["admin-session"])


def approve_as_admin(isso: Isso, comment_id: int) -> None:
    """Approve through Isso's own admin page, as the site owner would in a browser."""
    page = httpx.get(
        isso.base_url + "/admin/",
        params={"mode": "2"},
        headers={"Cookie": f"admin-session={admin_session(isso)}"},
    ).text
    key = re.search(rf"validate_com\({comment_id}, '([^']+)'", page)
    assert key, page[-500:]
    answer = httpx.post(f"{isso.base_url}/id/{comment_id}/activate/{key.group(1)}")
    assert answer.text == "Comment has been activated"


def test_moderation_round_trip_through_isso(
    isso: Isso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    thread = f"/blog/post-{next(_threads)}/"
    other = f"/blog/post-{next(_threads)}/"
    # Visitors comment; with moderation on, every comment waits in the queue.
    question = isso.comment(thread, "When is the **release**?", author="Alice", title="Release")
    spam = isso.comment(thread, "buy cheap pills", author="Spammer")
    answer = isso.comment(thread, "I think next week", author="Bob", parent=question.id)
    unwatched = isso.comment(other, "elsewhere", author="Carol", title="Other")
    assert question.created["mode"] == 2
    approve_as_admin(isso, question.id)
    approve_as_admin(isso, spam.id)
    source_id = add_source(workspace, isso, thread)
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")

    # The first sync brings the published comments and the pending reply, with their states.
    assert run(workspace).pulled == 3
    asked = item(workspace, question.id)
    assert asked.text == "When is the release?" and asked.remote_state == "visible"
    pending = item(workspace, answer.id)
    assert pending.remote_state == "held" and pending.text == "I think next week"
    assert pending.parent_id == asked.id  # read from the comment's own record
    assert abs(pending.created_at - answer.created["created"]) < 1
    with workspace.db.sessions() as session:
        context = session.get_one(Context, asked.context_id)
        assert (context.remote_id, context.title) == (thread, "Release")
        assert context.url == isso.base_url + thread
        assert not session.scalars(select(Item).where(Item.remote_id == str(unwatched.id))).all()

    # Approving publishes the pending reply.
    outbox.moderate([pending.id], Action.APPROVE)
    assert run(workspace).sent == 1
    published = {c["id"]: c for c in isso.thread(thread)}
    assert published[answer.id]["mode"] == 1 and published[answer.id]["parent"] == question.id
    assert item(workspace, answer.id).remote_state == "visible"

    # A reply as the site is published at once, under the comment.
    outbox.reply(asked.id, "Next Tuesday.")
    assert run(workspace).sent == 1
    ours = [c for c in isso.thread(thread) if c["author"] == "Site team"]
    assert [(c["text"], c["parent"], c["mode"]) for c in ours] == [
        ("Next Tuesday.", question.id, 1)
    ]
    mine = item(workspace, ours[0]["id"])
    assert mine.parent_id == asked.id and json.loads(mine.extra)["own"] is True

    # The site's reply is edited.
    outbox.edit_reply(mine.id, "Next Tuesday, at noon.")
    assert run(workspace).sent == 1
    texts = {c["id"]: c["text"] for c in isso.thread(thread)}
    assert texts[int(mine.remote_id)] == "Next Tuesday, at noon."

    # Deleting: the spam is gone; the question has replies, so it stays as an empty placeholder.
    outbox.moderate([item(workspace, spam.id).id, asked.id], Action.DELETE)
    assert run(workspace).sent == 2
    after = {c["id"]: c for c in isso.thread(thread)}
    assert spam.id not in after
    assert after[question.id]["mode"] == 4 and after[question.id]["text"] == ""
    assert item(workspace, spam.id).remote_state == "deleted"
    placeholder = item(workspace, question.id)
    assert placeholder.remote_state == "deleted" and placeholder.text == "When is the release?"

    # A visitor's edit comes back on the next pass (its re-scan).
    late = isso.comment(thread, "First thoughts", author="Dave")
    approve_as_admin(isso, late.id)
    run(workspace)
    late.edit("Second thoughts, *edited*")
    run(workspace)
    edited = item(workspace, late.id)
    assert edited.text == "Second thoughts, edited" and edited.edited_at is not None

    with workspace.db.sessions() as session:
        states = session.scalars(
            select(OutboxOperation.state).where(OutboxOperation.source_id == source_id)
        ).all()
    assert states and set(states) == {"sent"}


def test_incremental_pull_and_every_thread(
    isso: Isso, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    first = f"/notes/{next(_threads)}/"
    second = f"/notes/{next(_threads)}/"
    one = isso.comment(first, "A first note", author="Erin", title="Notes one")
    approve_as_admin(isso, one.id)
    add_source(workspace, isso, "")  # every thread, read from the admin page

    run(workspace)
    known = {i.remote_id for i in _items(workspace)}
    assert str(one.id) in known

    # Only what is new arrives: a comment pending in a new thread, then its approval.
    two = isso.comment(second, "A second note", author="Frank", title="Notes two")
    report = run(workspace)
    assert report.pulled == 1
    assert item(workspace, two.id).remote_state == "held"
    approve_as_admin(isso, two.id)
    report = run(workspace)
    assert report.pulled == 0
    assert item(workspace, two.id).remote_state == "visible"


def _items(workspace: Workspace) -> list[Item]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(Item)).all())
