"""A real `steward sync --once` process killed with SIGKILL halfway: whatever it had committed is
whole and consistent, and a restart finishes the job without losing or repeating anything.

The simulated platform runs in the test process, so the test sees every request the child makes
and can hold one inside the platform while the child is killed.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.models import Event, Item, OutboxOperation
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SyncEngine
from desktop.workspace import DATABASE_NAME, Workspace
from tests.support.platform import ACCOUNT, add_community_source, start_platform

ROOT = Path(__file__).resolve().parents[2]
TOTAL = 30_000
PAGE = 500
PAGES = TOTAL // PAGE
REPLIES = 100
# The platform's answers may be slow when the machine is busy; no test here wants a timeout.
CHILD_TIMEOUT_S = 10.0


# -- the child process -------------------------------------------------------------------------


class Children:
    """The sync processes a test started; any still running at the end are killed."""

    def __init__(self, data_root: Path) -> None:
        self.data_root = data_root
        self.running: list[subprocess.Popen[str]] = []

    def start(self, workspace: Path) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-m", "ui.main", "--workspace", str(workspace), "sync", "--once"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={
                "STEWARD_DATA_DIR": str(self.data_root),
                "PATH": "/usr/bin:/bin",
                "QT_QPA_PLATFORM": "offscreen",
                "HOME": str(self.data_root),
            },
        )
        self.running.append(child)
        return child

    def run(self, workspace: Path, timeout: float = 60.0) -> tuple[int, str, str]:
        child = self.start(workspace)
        out, err = child.communicate(timeout=timeout)
        return child.returncode, out, err

    def kill(self, child: subprocess.Popen[str]) -> None:
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, "the child was killed, it did not finish"

    def close(self) -> None:
        for child in self.running:
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                child.communicate(timeout=10)


@pytest.fixture
def children(tmp_path: Path) -> Iterator[Children]:
    running = Children(tmp_path / "data-root")
    yield running
    running.close()


def wait_for(
    condition: Callable[[], bool],
    what: str,
    *,
    child: subprocess.Popen[str] | None = None,
    timeout: float = 20.0,
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if child is not None and child.poll() is not None:
            _out, err = child.communicate()
            raise AssertionError(f"the sync exited ({child.returncode}) before {what}:\n{err}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.001)


def wait_until_idle(server: CommunityServer) -> None:
    """Every connection of the killed child has been handled and closed by the platform, so
    nothing it sent can still arrive while its successor looks at the platform."""

    def idle() -> bool:
        with server.connections_lock:
            return not server.connections

    wait_for(idle, "the platform to finish the killed child's requests", timeout=10)


def sqlite(workspace: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(workspace / DATABASE_NAME, timeout=10)
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


def assert_intact(workspace: Path) -> None:
    """SQLite's own check, the search index's, and one index row per item."""
    connection = sqlite(workspace)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")
        indexed = {row[0] for row in connection.execute("SELECT rowid FROM items_fts")}
        items = {row[0] for row in connection.execute("SELECT id FROM items")}
        assert indexed == items
    finally:
        connection.close()


# -- killed while pulling ----------------------------------------------------------------------


class PageLog:
    """Every page the platform served: when, what it was asked for and what it sent."""

    def __init__(self, community: Community) -> None:
        self._page = community.page
        self.lock = threading.Lock()
        self.asked: list[tuple[int | None, str | None]] = []
        self.at: list[float] = []
        self.cursors: list[str] = []
        community.page = self  # type: ignore[method-assign]

    def __call__(self, since: int | None, after: str | None, limit: int) -> dict[str, Any]:
        body = self._page(since, after, limit)
        with self.lock:
            self.asked.append((since, after))
            self.at.append(time.monotonic())
            self.cursors.append(body["cursor"])
        return body

    def count(self) -> int:
        with self.lock:
            return len(self.asked)


def items_up_to(community: Community, cursor: str) -> set[str]:
    """The platform's items in paging order up to a page cursor "created_at:seq"."""
    created_at, seq = (int(part) for part in cursor.split(":"))
    return {
        item["id"]
        for item in community.items.values()
        if (int(item["created_at"]), item["seq"]) <= (created_at, seq)
    }


def pull_state(folder: Path) -> tuple[str | None, set[str], int]:
    connection = sqlite(folder)
    try:
        row = connection.execute("SELECT cursor FROM sync_states").fetchone()
        stored = [r[0] for r in connection.execute("SELECT remote_id FROM items")]
    finally:
        connection.close()
    return (row[0] if row else None), set(stored), len(stored)


KILLS = 11


def test_a_pull_killed_again_and_again_keeps_whole_pages_and_resumes(
    tmp_path: Path, children: Children
) -> None:
    server, community = start_platform(items=TOTAL)
    try:
        pages = PageLog(community)
        folder = tmp_path / "workspace"
        workspace = Workspace.open(folder)
        add_community_source(workspace, server, page_size=PAGE, timeout_s=CHILD_TIMEOUT_S)
        workspace.close()

        saved: str | None = None
        whole = 0  # pages stored
        for kill in range(KILLS):
            first = pages.count()
            child = children.start(folder)
            wait_for(lambda: pages.count() >= first + 3, "three pages", child=child)  # noqa: B023
            # Kill at a point spread over one page's handling (receive, store, ask again),
            # whatever this machine's speed: every fraction of the last page's period once.
            with pages.lock:
                period = pages.at[first + 2] - pages.at[first + 1]
            time.sleep(period * kill / (KILLS - 1))
            children.kill(child)
            wait_until_idle(server)

            assert_intact(folder)
            if saved is not None:
                assert pages.asked[first] == (None, saved), "the restart resumed at the cursor"
            cursor, stored, count = pull_state(folder)
            served = pages.count() - first
            assert cursor is not None and cursor in pages.cursors[first:]
            stored_now = count // PAGE
            # The child fetches at most one page ahead of the one it stores: it died with the
            # last page it asked for stored, or that one or the one before still unstored.
            assert stored_now - whole in (served - 2, served - 1, served), (
                kill,
                served,
                whole,
                count,
            )
            assert count == stored_now * PAGE, "no page is half-stored"
            assert stored == items_up_to(community, cursor), "items and cursor agree"
            assert count < TOTAL, "the child was killed before the pull ended"
            saved, whole = cursor, stored_now

        first = pages.count()
        code, out, err = children.run(folder)
        assert code == 0, err
        assert pages.asked[first] == (None, saved), "the restart resumed at the cursor"
        assert f"{TOTAL - whole * PAGE} new" in out, out

        assert_intact(folder)
        connection = sqlite(folder)
        try:
            remote_ids = [row[0] for row in connection.execute("SELECT remote_id FROM items")]
        finally:
            connection.close()
        assert len(remote_ids) == TOTAL
        assert set(remote_ids) == set(community.items)
    finally:
        server.stop()


# -- killed while sending ----------------------------------------------------------------------


def queue_replies(folder: Path, server: CommunityServer) -> dict[str, int]:
    """A workspace that pulled the platform's items and queued one reply to each of them."""
    workspace = Workspace.open(folder)
    try:
        add_community_source(workspace, server, timeout_s=CHILD_TIMEOUT_S)
        engine = SyncEngine(workspace.db)
        [report] = asyncio.run(engine.run_once())
        engine.close()
        assert report.error is None and report.pulled == REPLIES
        outbox = OutboxService(workspace.db, lambda: "Tester")
        with workspace.db.sessions() as session:
            items = session.execute(select(Item.id, Item.remote_id).order_by(Item.id)).all()
        for item_id, remote_id in items:
            outbox.reply(item_id, f"Thanks for writing about {remote_id}!")
        with workspace.db.sessions() as session:
            return {op.idempotency_key: op.id for op in session.scalars(select(OutboxOperation))}
    finally:
        workspace.close()


def op_states(folder: Path) -> dict[int, str]:
    connection = sqlite(folder)
    try:
        return dict(connection.execute("SELECT id, state FROM outbox_operations").fetchall())
    finally:
        connection.close()


def restart_until_done(children: Children, folder: Path) -> None:
    for _attempt in range(3):
        code, _out, err = children.run(folder)
        if code == 0:
            return
    raise AssertionError(f"three restarts did not finish the outbox:\n{err}")


def assert_every_reply_arrived_once(
    folder: Path, community: Community, keys: dict[str, int]
) -> dict[int, list[dict[str, Any]]]:
    """All replies sent, each received once, the platform holding exactly those replies;
    returns each operation's history."""
    assert_intact(folder)
    replies = {
        item["id"]: item
        for item in community.items.values()
        if item["kind"] == "reply" and item["author"]["handle"] == ACCOUNT
    }
    assert len(replies) == REPLIES
    assert set(community.received) == set(keys)
    assert all(count == 1 for count in community.received.values()), community.received
    workspace = Workspace.open(folder)
    try:
        with workspace.db.sessions() as session:
            ops = session.execute(
                select(OutboxOperation, Item.remote_id).join(
                    Item, Item.id == OutboxOperation.item_id
                )
            ).all()
            events = session.scalars(
                select(Event).where(Event.kind == "outbox").order_by(Event.id)
            ).all()
    finally:
        workspace.close()
    assert len(ops) == REPLIES
    for op, item_remote_id in ops:
        assert op.state == "sent", (op.id, op.state, op.last_error)
        reply = replies[op.remote_id]
        assert reply["parent_id"] == item_remote_id
        assert reply["text"] == json.loads(op.payload)["text"]
    history: dict[int, list[dict[str, Any]]] = {op.id: [] for op, _remote in ops}
    for event in events:
        data = json.loads(event.data)
        history[data["op"]].append(data)
    return history


def test_an_outbox_drain_killed_at_any_point_sends_each_reply_once(
    tmp_path: Path, children: Children
) -> None:
    server, community = start_platform(items=REPLIES)
    try:
        folder = tmp_path / "workspace"
        keys = queue_replies(folder, server)
        reply = community.reply

        def slow_reply(item_id: str, text: str, key: str, at: int) -> dict[str, Any] | None:
            time.sleep(0.02)  # a slow platform, so that the kill lands mid-drain
            return reply(item_id, text, key, at)

        community.reply = slow_reply  # type: ignore[method-assign]
        child = children.start(folder)
        wait_for(lambda: len(community.received) >= 20, "20 replies", child=child)
        children.kill(child)
        assert len(community.received) <= 80, "the child was killed mid-drain"
        wait_until_idle(server)
        states = op_states(folder)
        assert set(states.values()) <= {"queued", "sending", "sent"}
        assert list(states.values()).count("sending") <= 1

        community.reply = reply  # type: ignore[method-assign]
        restart_until_done(children, folder)
        history = assert_every_reply_arrived_once(folder, community, keys)
        for steps in history.values():
            assert steps[-1]["state"] == "sent"
    finally:
        server.stop()


class HeldReply:
    """The platform holds the n-th reply request, having processed it or not, until released."""

    def __init__(self, community: Community, hold_at: int, *, process: bool) -> None:
        self._reply = community.reply
        self._hold_at = hold_at
        self._process = process
        self._calls = 0
        self._lock = threading.Lock()
        self.key: str | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        community.reply = self  # type: ignore[method-assign]

    def __call__(self, item_id: str, text: str, key: str, at: int) -> dict[str, Any] | None:
        with self._lock:
            self._calls += 1
            hold = self._calls == self._hold_at
        if not hold:
            return self._reply(item_id, text, key, at)
        self.key = key
        result = self._reply(item_id, text, key, at) if self._process else None
        self.holding.set()
        self.release.wait(timeout=30)
        return result  # to a client that is gone: the answer is never read


@pytest.mark.parametrize("processed", [True, False], ids=["arrived", "never-arrived"])
def test_a_reply_killed_in_flight_is_reconciled_before_any_resend(
    tmp_path: Path, children: Children, processed: bool
) -> None:
    server, community = start_platform(items=REPLIES)
    try:
        folder = tmp_path / "workspace"
        keys = queue_replies(folder, server)
        held = HeldReply(community, 30, process=processed)
        child = children.start(folder)
        wait_for(held.holding.is_set, "the 30th reply", child=child)
        children.kill(child)
        held.release.set()
        wait_until_idle(server)

        assert held.key is not None
        in_flight = keys[held.key]
        states = op_states(folder)
        assert states[in_flight] == "sending", "the kill left the operation in flight"
        assert list(states.values()).count("sent") == 29
        assert list(states.values()).count("queued") == REPLIES - 30
        assert community.received[held.key] == (1 if processed else 0)

        restart_until_done(children, folder)
        history = assert_every_reply_arrived_once(folder, community, keys)
        steps = [(step["before"], step["state"]) for step in history[in_flight]]
        if processed:
            # The restart found the reply on the platform: recorded as sent, never resent.
            assert steps == [("new", "queued"), ("queued", "sending"), ("sending", "sent")]
        else:
            # The platform had no trace of it: back in the queue, then sent once.
            assert steps == [
                ("new", "queued"),
                ("queued", "sending"),
                ("sending", "queued"),
                ("queued", "sending"),
                ("sending", "sent"),
            ]
            assert history[in_flight][2]["reason"] == "not_arrived"
        for op_id, other in history.items():
            if op_id != in_flight:
                assert [step["state"] for step in other] == ["queued", "sending", "sent"]
    finally:
        server.stop()
