"""The Matrix connector and the real sync engine against a real Synapse homeserver.

Synapse must be installed under .peers/ (tests/peers/install.sh); without it these tests fail
and say so. One homeserver serves the whole session.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.connectors.base import Action, SignIn
from desktop.connectors.matrix import MatrixConnector
from desktop.db.models import Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.peers.synapse import MatrixUser, Synapse, SynapseNotInstalled
from tests.support.platform import MemoryKeyring

# Steward's sessions (which ask for a refresh token) expire this fast, so renewal is exercised.
ACCESS_TOKEN_LIFETIME_S = 3


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    missing = ""
    try:
        server = Synapse(
            tmp_path_factory.mktemp("synapse"), access_token_lifetime=f"{ACCESS_TOKEN_LIFETIME_S}s"
        )
    except SynapseNotInstalled as error:
        missing = str(error)
    if missing:
        pytest.fail(missing, pytrace=False)
    server.start()
    try:
        server.register("modadmin", "admin-pw-123", admin=True)
        server.register("alice", "alice-pw-123")
        server.register("bob", "bob-pw-123")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def users(synapse: Synapse) -> dict[str, MatrixUser]:
    return {
        name: MatrixUser(name, password, name == "modadmin", _token(synapse, name, password))
        for name, password in (
            ("modadmin", "admin-pw-123"),
            ("alice", "alice-pw-123"),
            ("bob", "bob-pw-123"),
        )
    }


def _token(synapse: Synapse, name: str, password: str) -> str:
    body = {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": name},
        "password": password,
    }
    return str(synapse.api("POST", "/_matrix/client/v3/login", None, body)["access_token"])


def add_source(workspace: Workspace, synapse: Synapse, **settings: Any) -> int:
    with workspace.db.transaction() as session:
        source = Source(
            platform="matrix", name="Matrix", settings="{}", created_at=int(time.time())
        )
        session.add(source)
        session.flush()
        source_id = source.id
    result = asyncio.run(
        MatrixConnector.sign_in(
            SignIn(
                {"api_base": synapse.base_url, "user": "modadmin"},
                {"password": "admin-pw-123"},
                SourceSecrets(source_id),
                timeout_s=5,
            )
        )
    )
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.account = result.account
        source.settings = json.dumps(
            {**result.settings, "timeout_s": 5, "rescan_interval_s": 10**9, **settings}
        )
    return source_id


def run(workspace: Workspace) -> Any:
    engine = SyncEngine(workspace.db)
    try:
        [report] = asyncio.run(engine.run_once())
        assert report.error is None, report.error
        return report
    finally:
        engine.close()


def item(workspace: Workspace, room: str, event_id: str) -> Item:
    with workspace.db.sessions() as session:
        return session.scalars(select(Item).where(Item.remote_id == f"{room}|{event_id}")).one()


def test_moderation_round_trip_through_synapse(
    synapse: Synapse,
    users: dict[str, MatrixUser],
    workspace: Workspace,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    mod, alice, bob = users["modadmin"], users["alice"], users["bob"]
    room = synapse.create_room(mod, "post-1-comments", f"post{time.time_ns()}")
    synapse.join(alice, room)
    synapse.join(bob, room)
    question = synapse.say(alice, room, "When is the release?")
    pills = synapse.say(bob, room, "buy cheap pills")
    borderline = synapse.say(bob, room, "borderline remark")
    source_id = add_source(workspace, synapse)
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")

    # The first sync brings the room's history.
    first = run(workspace)
    assert first.pulled == 3
    asked = item(workspace, room, question)
    assert asked.text == "When is the release?" and asked.remote_state == "visible"
    with workspace.db.sessions() as session:
        cursor = session.get_one(SyncState, source_id).cursor
    assert cursor and json.loads(cursor)["since"].startswith("s")

    # An incremental sync from the saved token brings only what is new.
    later = synapse.say(alice, room, "And is there a beta?")
    assert run(workspace).pulled == 1
    assert item(workspace, room, later).text == "And is there a beta?"

    # A reply goes out as a Matrix reply, once.
    outbox.reply(asked.id, "Next Tuesday.")
    assert run(workspace).sent == 1
    replies = [m for m in synapse.messages(mod, room) if m["sender"] == mod.user_id]
    assert len(replies) == 1
    assert replies[0]["content"]["body"] == "Next Tuesday."
    assert replies[0]["content"]["m.relates_to"] == {"m.in_reply_to": {"event_id": question}}

    # Spam is redacted, with the reason.
    outbox.moderate([item(workspace, room, pills).id], Action.SPAM)
    assert run(workspace).sent == 1
    redacted = synapse.event(mod, room, pills)
    assert redacted["content"] == {}
    assert redacted["unsigned"]["redacted_because"]["content"]["reason"] == "Spam"
    assert item(workspace, room, pills).remote_state == "deleted"

    # A report reaches the server admin's queue, arrives held, and approving dismisses it.
    synapse.api(
        "POST",
        f"/_matrix/client/v3/rooms/{room}/report/{borderline}",
        alice.access_token,
        {"reason": "rude"},
    )
    run(workspace)
    reported = item(workspace, room, borderline)
    assert reported.remote_state == "held"
    outbox.moderate([reported.id], Action.APPROVE)
    assert run(workspace).sent == 1
    queue = synapse.api("GET", "/_synapse/admin/v1/event_reports", mod.access_token)
    assert queue["total"] == 0
    assert item(workspace, room, borderline).remote_state == "visible"

    # The sender is banned from the room.
    outbox.moderate([item(workspace, room, borderline).id], Action.BAN)
    assert run(workspace).sent == 1
    assert synapse.membership(mod, room, bob.user_id) == "ban"

    # Remote changes come back: an edit by its sender, and a removal.
    synapse.say(
        alice,
        room,
        "* When is the release, roughly?",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "When is the release, roughly?"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": question},
        },
    )
    synapse.api(
        "PUT",
        f"/_matrix/client/v3/rooms/{room}/redact/{later}/{time.time_ns()}",
        alice.access_token,
        {},
    )
    run(workspace)
    assert item(workspace, room, question).text == "When is the release, roughly?"
    assert item(workspace, room, question).edited_at is not None
    assert item(workspace, room, later).remote_state == "deleted"

    with workspace.db.sessions() as session:
        states = session.scalars(select(OutboxOperation.state)).all()
    assert states and set(states) == {"sent"}


def test_an_expired_session_is_renewed_without_asking(
    synapse: Synapse,
    users: dict[str, MatrixUser],
    workspace: Workspace,
    memory_keyring: MemoryKeyring,
) -> None:
    room = synapse.create_room(users["modadmin"], "renewal", f"renew{time.time_ns()}")
    synapse.join(users["alice"], room)
    source_id = add_source(workspace, synapse)
    secrets = SourceSecrets(source_id)
    before = secrets.get("access_token"), secrets.get("refresh_token")
    assert all(before)
    time.sleep(ACCESS_TOKEN_LIFETIME_S + 0.5)
    message = synapse.say(users["alice"], room, "still there?")

    run(workspace)

    assert item(workspace, room, message).text == "still there?"
    after = secrets.get("access_token"), secrets.get("refresh_token")
    assert after[0] != before[0] and after[1] != before[1]
