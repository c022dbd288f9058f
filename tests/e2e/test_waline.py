"""The Waline connector and the real sync engine against a real Waline server.

Waline must be installed under .peers/ (tests/peers/install_waline.sh, or tests/peers/install.sh
for every server); without it these tests fail and say so. One server serves the module: it
starts in a few seconds, and its first registered user is the administrator Steward signs in
as.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    Operation,
    Rejected,
    SignIn,
    SourceConfig,
)
from desktop.connectors.waline import WalineConnector
from desktop.db.models import Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.services.sources import StagedCredentials, save_source
from desktop.services.sources import sign_in as sources_sign_in
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.peers.waline import Waline, WalineNotInstalled, WalineUser
from tests.support.platform import MemoryKeyring

ADMIN = ("admin@blog.example.org", "admin-pw-123", "Blog Admin")


@pytest.fixture(scope="module")
def waline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Waline]:
    missing = ""
    try:
        server = Waline(tmp_path_factory.mktemp("waline"))
    except WalineNotInstalled as error:
        missing = str(error)
    if missing:
        pytest.fail(missing, pytrace=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def admin(waline: Waline) -> WalineUser:
    # Registration is open and the first account becomes the administrator: register it first.
    return waline.register(*ADMIN)


def add_source(workspace: Workspace, waline: Waline, **settings: Any) -> int:
    result, staged = asyncio.run(
        sources_sign_in(
            "waline",
            {"api_base": waline.base_url, "site": waline.site_url, "email": ADMIN[0]},
            {"password": ADMIN[1]},
            timeout_s=5,
        )
    )
    source_id = save_source(workspace.db, "waline", result, staged)
    with workspace.db.transaction() as session:
        source = session.get_one(Source, source_id)
        source.settings = json.dumps(
            {**json.loads(source.settings), "timeout_s": 5, "rescan_interval_s": 0, **settings}
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


def item(workspace: Workspace, comment: dict[str, Any] | int) -> Item:
    remote_id = str(comment["objectId"] if isinstance(comment, dict) else comment)
    with workspace.db.sessions() as session:
        return session.scalars(select(Item).where(Item.remote_id == remote_id)).one()


def public_ids(waline: Waline, url: str) -> dict[int, list[int]]:
    """The page's comments an anonymous visitor sees: each root with its replies' ids."""
    thread = waline.public_thread(url)
    return {
        root["objectId"]: [child["objectId"] for child in root["children"]]
        for root in thread["data"]
    }


def test_moderation_round_trip_through_waline(
    waline: Waline, admin: WalineUser, workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    url = f"/posts/release-{time.time_ns()}/"
    question = waline.comment("Alice", "When is **part 2** out?", url)
    pills = waline.comment("Spammer", "cheap pills at example.com", url)
    rude = waline.comment("Bob", "This blog is rubbish", url)
    retort = waline.comment("Carol", "Then why are you here?", url, parent=rude)
    assert {c["status"] for c in (question, pills, rude, retort)} == {"waiting"}
    assert public_ids(waline, url) == {}
    source_id = add_source(workspace, waline, page_size=2)
    assert SourceSecrets(source_id).get("token") and not SourceSecrets(source_id).get("password")
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")

    # The first sync brings the waiting queue, paging two at a time.
    run(workspace)
    asked = item(workspace, question)
    assert asked.text == "When is **part 2** out?" and asked.remote_state == "held"
    assert abs(asked.created_at - time.time()) < 120  # Waline's times read as epoch seconds
    assert item(workspace, retort).parent_id == item(workspace, rude).id
    with workspace.db.sessions() as session:
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "{}")
    assert cursor["after_ms"] >= retort["time"] // 1000 * 1000

    # Approve: the comment appears on the page for visitors.
    outbox.moderate([asked.id], Action.APPROVE)
    # Spam: off the page, in Waline's spam list.
    outbox.moderate([item(workspace, pills).id], Action.SPAM)
    # Delete a comment that has a reply: Waline deletes the reply with it.
    outbox.moderate([item(workspace, rude).id], Action.DELETE)
    report = run(workspace)
    assert report.sent == 3 and report.failed == 0 and report.conflicts == 0
    assert public_ids(waline, url) == {question["objectId"]: []}
    spam = waline.queue(admin.token, "spam")
    assert pills["objectId"] in [c["objectId"] for c in spam["data"]]
    assert spam["spamCount"] >= 1
    everything = waline.api(
        "GET", "/api/comment", admin.token, params={"type": "list", "owner": "all", "pageSize": 100}
    )
    remaining = {c["objectId"] for c in everything["data"] if c["url"] == url}
    assert remaining == {question["objectId"], pills["objectId"]}  # the reply went too
    assert item(workspace, asked.id).remote_state == "visible"
    assert item(workspace, pills).remote_state == "spam"
    assert item(workspace, rude).remote_state == "deleted"
    # The re-scan in the same pass found the reply gone with it.
    assert item(workspace, retort).remote_state == "deleted" and report.vanished >= 1

    # A reply as the administrator is approved at once and shows under the question.
    outbox.reply(asked.id, "Next Tuesday, with the new maps.")
    assert run(workspace).sent == 1
    with workspace.db.sessions() as session:
        [reply_id] = session.scalars(
            select(OutboxOperation.remote_id).where(OutboxOperation.kind == "reply")
        ).all()
    assert reply_id is not None
    assert public_ids(waline, url) == {question["objectId"]: [int(reply_id)]}
    [root] = waline.public_thread(url)["data"]
    [answer] = root["children"]
    assert answer["type"] == "administrator" and answer["nick"] == "Blog Admin"
    assert answer["status"] == "approved" and answer["pid"] == question["objectId"]

    # It comes back with the next pull as the account's own; its text can be changed.
    run(workspace)
    mine = item(workspace, int(reply_id))
    assert json.loads(mine.extra)["own"] is True and mine.parent_id == asked.id
    outbox.edit_reply(mine.id, "Next Tuesday, with the new maps and a patch.")
    assert run(workspace).sent == 1
    [root] = waline.public_thread(url)["data"]
    assert "a patch" in root["children"][0]["comment"]

    # Hide takes the question off the page again, back into the queue.
    outbox.moderate([asked.id], Action.HIDE)
    assert run(workspace).sent == 1
    assert question["objectId"] not in public_ids(waline, url)
    waiting = waline.queue(admin.token, "waiting")
    assert question["objectId"] in [c["objectId"] for c in waiting["data"]]
    assert item(workspace, asked.id).remote_state == "held"

    with workspace.db.sessions() as session:
        states = session.scalars(select(OutboxOperation.state)).all()
    assert states and set(states) == {"sent"}


def test_waline_refusals_reach_the_user_as_such(
    waline: Waline, admin: WalineUser, memory_keyring: MemoryKeyring
) -> None:
    guest = waline.register("reader@example.net", "reader-pw-123", "Reader")
    visitor = waline.comment("Dora", "A question for later", f"/posts/q-{time.time_ns()}/")

    def sign_in(email: str, password: str) -> Any:
        request = SignIn(
            {"api_base": waline.base_url, "email": email},
            {"password": password},
            StagedCredentials(),
            timeout_s=5,
        )
        return asyncio.run(WalineConnector.sign_in(request))

    with pytest.raises(AuthFailed, match="did not accept this email and password"):
        sign_in(ADMIN[0], "wrong")
    with pytest.raises(Rejected, match="not an administrator"):
        sign_in(guest.email, guest.password)
    assert sign_in(ADMIN[0], ADMIN[1]).settings["user_id"] == str(admin.user_id)

    async def actions() -> None:
        credentials = StagedCredentials({"token": admin.token})
        config = SourceConfig(
            1,
            ADMIN[0],
            {"api_base": waline.base_url, "user_id": admin.user_id},
            credentials,
            5,
        )
        connector = WalineConnector(config)
        try:
            found = await connector.fetch(str(visitor["objectId"]))
            assert found is not None and found.remote_state == "held"
            # Waline answers a PUT on a missing comment with errno 0; the empty answer tells.
            missing = Operation(1, Action.APPROVE, "987654", {}, "k1", int(time.time()))
            with pytest.raises(Gone):
                await connector.push(missing)
            with pytest.raises(Gone):
                await connector.fetch("987654")
            # A guest's token is refused the administrators' list.
            credentials.set("token", guest.token)
            connector._pages.clear()
            with pytest.raises(AuthFailed, match="not an administrator"):
                await connector.fetch(str(visitor["objectId"]))
            # A token Waline does not know is refused before a reply could go out as a visitor's.
            credentials.set("token", admin.token[:-4] + "AAAA")
            reply = Operation(2, Action.REPLY, str(visitor["objectId"]), {"text": "Hi"}, "k2", 0)
            with pytest.raises(AuthFailed, match="sign in again"):
                await connector.push(reply)
        finally:
            await connector.aclose()

    asyncio.run(actions())
    waiting = waline.queue(admin.token, "waiting")
    assert [c["objectId"] for c in waiting["data"] if c["orig"] == "Hi"] == []
