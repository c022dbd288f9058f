"""`steward sync` headless: progress lines, exit codes, and the demo platform it starts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.workspace import Workspace
from tests.desktop.test_cli import steward
from tests.support.platform import add_community_source, start_platform


def test_sync_once_pulls_and_reports_each_source(tmp_path: Path) -> None:
    server, _community = start_platform(items=40)
    try:
        workspace = Workspace.open(tmp_path / "ws")
        add_community_source(workspace, server)
        workspace.close()
        result = steward("--workspace", str(tmp_path / "ws"), "sync", "--once", data_root=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "Community test: 40 new, 0 updated, 0 sent"
        with sqlite3.connect(tmp_path / "ws" / "steward.db") as db:
            assert db.execute("SELECT count(*) FROM items").fetchone() == (40,)
    finally:
        server.stop()


def test_an_unreachable_source_fails_the_exit_code_in_plain_words(tmp_path: Path) -> None:
    server, _community = start_platform(items=1)
    workspace = Workspace.open(tmp_path / "ws")
    add_community_source(workspace, server)
    workspace.close()
    server.stop()  # nothing listens there any more
    result = steward("--workspace", str(tmp_path / "ws"), "sync", "--once", data_root=tmp_path)
    assert result.returncode == 1
    assert "offline: The server at 127.0.0.1 cannot be reached." in result.stdout
    assert "Traceback" not in result.stderr


def test_an_unknown_source_name_is_a_usage_error(tmp_path: Path) -> None:
    result = steward("--demo", "sync", "--once", "--source", "Nope", data_root=tmp_path)
    assert result.returncode == 2
    assert "no source named 'Nope'" in result.stderr
    assert "Lumo — YouTube" in result.stderr


def test_the_demo_syncs_with_its_simulated_platform(tmp_path: Path) -> None:
    result = steward("--demo", "sync", "--once", data_root=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 7 and all(line.endswith("0 sent") for line in lines)
    assert (tmp_path / "demo" / "demo-platform.json").stat().st_mode & 0o777 == 0o600
