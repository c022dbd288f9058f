"""Connecting a source: the sign-in is checked against the platform before anything is saved,
secrets go to the keyring only, a revoked sign-in shows as "sign in again" and loses nothing."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import build_parser, run_command
from desktop.connectors import connector_kinds
from desktop.connectors.base import MODERATION, Action, AuthFailed, Unreachable
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.ingest import RemoteItem
from desktop.secrets import KeyringUnavailable
from desktop.services.outbox import OutboxService
from desktop.services.sources import (
    SourceSetupError,
    list_sources,
    save_sign_in_again,
    save_source,
    sign_in,
    source_values,
)
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from tests.support.platform import ACCOUNT, MemoryKeyring, make_items

TOKEN = "tok-secret-4242"


@pytest.fixture
def guarded() -> tuple[CommunityServer, Community]:
    """The community server, asking for a bearer token the test hands out."""
    server = CommunityServer().start()
    server.require_token = True
    community = server.add_community(Community("lumo", ACCOUNT, "Lumo Team"))
    community.add_many(make_items(5))
    community.access_tokens.add(TOKEN)
    yield server, community
    server.stop()


def values(server: CommunityServer) -> dict[str, str]:
    return {"base_url": server.base_url("lumo"), "account": ACCOUNT}


def dump(workspace: Workspace) -> str:
    """Every byte of the database file, as text: where a secret must never be."""
    workspace.db.engine.dispose()
    path = Path(workspace.db.path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT * FROM sources").fetchall()
    return repr(rows) + path.read_bytes().decode("latin-1")


def test_every_connector_says_why_it_cannot_do_what_it_cannot() -> None:
    kinds = connector_kinds()
    assert "community" in kinds
    for kind, connector in kinds.items():
        assert connector.kind == kind and connector.title
        assert connector.irreversible <= connector.capabilities, kind
        assert not set(connector.unsupported) & connector.capabilities, kind
        for action in Action:
            if action not in connector.capabilities:
                assert connector.unsupported.get(action), f"{kind}: no reason for {action}"
        names = [f.name for f in connector.fields]
        assert len(names) == len(set(names)), kind
        assert isinstance(connector.rescans, bool)


def test_a_sign_in_is_checked_and_its_secret_goes_to_the_keyring_only(
    workspace: Workspace, memory_keyring: MemoryKeyring, guarded: tuple[CommunityServer, Community]
) -> None:
    server, _community = guarded
    with pytest.raises(AuthFailed):
        asyncio.run(sign_in("community", values(server), {"access_token": "wrong"}))
    assert memory_keyring.passwords == {}

    result, staged = asyncio.run(sign_in("community", values(server), {"access_token": TOKEN}))
    source_id = save_source(workspace.db, "community", result, staged, name="Lumo forum")
    assert memory_keyring.passwords == {("Steward", f"source-{source_id}:access_token"): TOKEN}
    (source,) = list_sources(workspace.db)
    assert (source.name, source.account, source.platform) == ("Lumo forum", ACCOUNT, "community")
    assert TOKEN not in dump(workspace)
    assert TOKEN not in repr(staged)

    engine = SyncEngine(workspace.db)
    (report,) = asyncio.run(engine.run_once())
    engine.close()
    assert report.error is None and report.pulled == 5


def test_a_missing_required_value_or_an_unknown_one_is_named(workspace: Workspace) -> None:
    with pytest.raises(SourceSetupError, match="Server address"):
        asyncio.run(sign_in("community", {"account": "x"}, {}))
    with pytest.raises(SourceSetupError, match="colour"):
        asyncio.run(sign_in("community", {"base_url": "http://x", "colour": "red"}, {}))
    with pytest.raises(SourceSetupError):
        asyncio.run(sign_in("no-such-platform", {}, {}))


def test_an_unreachable_platform_saves_nothing(
    workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(Unreachable):
        asyncio.run(
            sign_in(
                "community",
                {"base_url": "http://127.0.0.1:9/c/x", "account": "a"},
                {"access_token": TOKEN},
                timeout_s=2,
            )
        )
    assert list_sources(workspace.db) == [] and memory_keyring.passwords == {}


def test_a_keyring_that_refuses_leaves_no_source_behind(
    workspace: Workspace, guarded: tuple[CommunityServer, Community]
) -> None:
    server, _community = guarded
    result, staged = asyncio.run(sign_in("community", values(server), {"access_token": TOKEN}))

    class NoKeyring:
        def __init__(self, _source_id: int) -> None: ...

        def set(self, name: str, value: str) -> None:
            raise KeyringUnavailable()

    with pytest.raises(KeyringUnavailable):
        save_source(workspace.db, "community", result, staged, secrets_for=NoKeyring)
    assert list_sources(workspace.db) == []


def test_a_revoked_sign_in_asks_to_sign_in_again_and_keeps_the_queue(
    workspace: Workspace, memory_keyring: MemoryKeyring, guarded: tuple[CommunityServer, Community]
) -> None:
    server, community = guarded
    result, staged = asyncio.run(sign_in("community", values(server), {"access_token": TOKEN}))
    source_id = save_source(workspace.db, "community", result, staged)
    engine = SyncEngine(workspace.db)
    asyncio.run(engine.run_once())
    item_id = workspace.db.raw().execute("SELECT min(id) FROM items").fetchone()[0]
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(item_id, "Thanks, we are on it.")

    community.access_tokens.clear()  # revoked on the platform; no refresh token to renew it
    (report,) = asyncio.run(engine.run_once())
    (status,) = engine.statuses()
    assert report.signin and status.state == "signin"
    assert "reconnect" in status.message or "sign in" in status.message.lower()
    assert [e.state for e in outbox.entries(item_id=item_id)] == ["queued"]

    kind, typed = source_values(workspace.db, source_id)
    assert kind == "community" and typed["base_url"] == server.base_url("lumo")
    community.access_tokens.add("fresh-token")
    result, staged = asyncio.run(sign_in(kind, typed, {"access_token": "fresh-token"}))
    save_sign_in_again(workspace.db, source_id, result, staged)
    assert memory_keyring.passwords[("Steward", f"source-{source_id}:access_token")] == (
        "fresh-token"
    )
    (report,) = asyncio.run(engine.run_once())
    engine.close()
    assert report.error is None and report.sent == 1
    assert [e.state for e in outbox.entries(item_id=item_id)] == ["sent"]
    assert len(list_sources(workspace.db)) == 1


def test_source_add_reads_secrets_from_stdin_never_from_arguments(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    guarded: tuple[CommunityServer, Community],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, _community = guarded
    where = ["--workspace", str(tmp_path / "ws")]
    base = server.base_url("lumo")
    args = build_parser().parse_args(
        [
            *where,
            "source",
            "add",
            "community",
            "--set",
            f"base_url={base}",
            "--set",
            f"account={ACCOUNT}",
            "--name",
            "Forum",
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(f"access_token={TOKEN}\n"))
    out = io.StringIO()
    assert run_command(args, out) == 0, capsys.readouterr().err
    assert "Connected source 1: Forum" in out.getvalue()
    assert memory_keyring.passwords == {("Steward", "source-1:access_token"): TOKEN}

    # A secret given as an argument is refused: arguments end up in shell history.
    leaky = build_parser().parse_args(
        [
            *where,
            "source",
            "add",
            "community",
            "--set",
            f"base_url={base}",
            "--set",
            f"account={ACCOUNT}",
            "--set",
            f"access_token={TOKEN}",
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run_command(leaky, io.StringIO()) == 1
    assert "standard input" in capsys.readouterr().err

    # A bare token on stdin (no NAME=) is refused without echoing it.
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TOKEN}\n"))
    assert run_command(args, io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "Line 1" in err and TOKEN not in err

    # A secret kept in a file (a JSON or .p8 key) is read from it; only its path is an argument.
    key_file = tmp_path / "token.txt"
    key_file.write_text(TOKEN + "\n", encoding="utf-8")
    from_file = build_parser().parse_args(
        [
            *where,
            "source",
            "add",
            "community",
            "--set",
            f"base_url={base}",
            "--set",
            f"account={ACCOUNT}",
            "--name",
            "Forum 2",
            "--secret-file",
            f"access_token={key_file}",
        ]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    out = io.StringIO()
    assert run_command(from_file, out) == 0, capsys.readouterr().err
    assert memory_keyring.passwords[("Steward", "source-2:access_token")] == TOKEN

    listed = io.StringIO()
    assert run_command(build_parser().parse_args([*where, "source", "list"]), listed) == 0
    assert "Forum" in listed.getvalue() and TOKEN not in listed.getvalue()
    settings = json.loads(
        Workspace.open(tmp_path / "ws")
        .db.raw()
        .execute("SELECT settings FROM sources")
        .fetchone()[0]
    )
    assert settings == {"base_url": base, "auth": "token", "connector": "community"}

    # The platform refuses a wrong token: a clear message, no second source.
    monkeypatch.setattr("sys.stdin", io.StringIO("access_token=nope\n"))
    assert run_command(args, io.StringIO()) == 1
    assert "did not accept this access token" in capsys.readouterr().err
    listed = io.StringIO()
    run_command(build_parser().parse_args([*where, "source", "list"]), listed)
    assert len(listed.getvalue().splitlines()) == 2


def test_moderation_outside_the_platforms_rules_is_refused_with_the_reason(
    workspace: Workspace,
) -> None:
    from tests.desktop.helpers import add_source, ingest

    source_id = add_source(workspace, platform="community")
    ingest(workspace, source_id, [RemoteItem("r1", "comment", "hello", 1_789_999_000)])
    item_id = workspace.db.raw().execute("SELECT id FROM items").fetchone()[0]
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    capabilities = outbox.capabilities(item_id)
    assert set(MODERATION) <= capabilities.actions
    assert Action.RESTORE not in capabilities.actions  # not deleted, and not possible here
    assert capabilities.reasons[Action.EDIT_REPLY]
    with pytest.raises(Exception, match="cannot bring back"):
        outbox.moderate([item_id], Action.RESTORE)
