from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path


def steward(*args: str, data_root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        check=False,
        env={
            "STEWARD_DATA_DIR": str(data_root),
            "PATH": "/usr/bin:/bin",
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(data_root),
        },
        timeout=120,
    )


def test_items_json_over_the_demo_workspace_without_qt(tmp_path: Path) -> None:
    result = steward(
        "--demo", "items", "--view", "reviews", "--limit", "3", "--json", data_root=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and all(row["kind"] == "review" for row in rows)
    assert (tmp_path / "demo" / "steward.db").exists()
    assert not (tmp_path / "workspace").exists()


def test_items_search_matches_the_text_and_prints_plain_rows(tmp_path: Path) -> None:
    steward("--demo", "items", data_root=tmp_path)
    result = steward("--demo", "items", "--search", "widget", "--limit", "0", data_root=tmp_path)
    assert result.returncode == 0, result.stderr
    found = {int(line.split()[0]) for line in result.stdout.splitlines()}
    with sqlite3.connect(tmp_path / "demo" / "steward.db") as db:
        expected = {
            row[0]
            for row in db.execute(
                "SELECT i.id FROM items i LEFT JOIN authors a ON a.id = i.author_id"
                " WHERE lower(i.text) GLOB '*widget*' OR lower(a.display_name) GLOB '*widget*'"
            )
        }
    # Prefix search finds "widget", "widgets", "Widget": exactly the items whose text holds it
    # at a word start, which here is every item holding it at all.
    assert len(found) >= 5
    assert found == expected


def test_version_and_a_damaged_workspace(tmp_path: Path) -> None:
    assert "Steward" in steward("--version", data_root=tmp_path).stdout
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "steward.db").write_bytes(b"garbage" * 1000)
    result = steward("--workspace", str(broken), "items", data_root=tmp_path)
    assert result.returncode == 2
    assert "not a Steward database or is damaged" in result.stderr
