"""`steward handover export|import` as a script runs it: a fresh process over a workspace."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from desktop.workspace import Workspace
from tests.desktop.handover_world import AUTHOR_NAMES, SECRET, SINCE, UNTIL, fill
from tests.desktop.test_cli import steward
from tests.desktop.test_handover import mirror


@pytest.fixture
def sender(tmp_path: Path) -> Path:
    path = tmp_path / "sender"
    workspace = Workspace.open(path)
    fill(workspace)
    workspace.settings.agent_name = "Olga"
    workspace.save_settings()
    workspace.close()
    return path


def iso(timestamp: int) -> str:
    from desktop.handover.identity import iso as to_iso

    return to_iso(timestamp)


def export(sender: Path, tmp_path: Path, *options: str) -> tuple[int, str, str]:
    since, until = iso(SINCE), iso(UNTIL)
    result = steward(
        "--workspace",
        str(sender),
        "handover",
        "export",
        "--since",
        since,
        "--until",
        until,
        *options,
        data_root=tmp_path,
    )
    return result.returncode, result.stdout, result.stderr


def test_export_in_every_format_and_import_twice(sender: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        code, out, err = export(sender, tmp_path, "--format", fmt, "--note", "Quiet night")
        assert code == 0, err
        assert "Quiet night" in out and "Анна Петрова" in out
    packet = tmp_path / "handover.json"
    code, _out, err = export(sender, tmp_path, "--format", "json", "-o", str(packet))
    assert code == 0, err
    assert stat.S_IMODE(packet.stat().st_mode) == 0o600
    data = json.loads(packet.read_text(encoding="utf-8"))
    assert data["created_by"] == "Olga" and data["handled"]["actions"] == 7

    receiver = tmp_path / "receiver"
    workspace = Workspace.open(receiver)
    mirror(workspace)
    workspace.close()
    first = steward(
        "--workspace", str(receiver), "handover", "import", str(packet), data_root=tmp_path
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("3 notes added, 2 items updated, 1 authors watched")
    again = steward(
        "--workspace", str(receiver), "handover", "import", str(packet), data_root=tmp_path
    )
    assert again.returncode == 0
    assert "already imported here; nothing changed" in again.stdout


def test_pdf_export_is_made_by_qt(sender: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "handover.pdf"
    code, _out, err = export(
        sender, tmp_path, "--format", "pdf", "--language", "ru", "-o", str(pdf)
    )
    assert code == 0, err
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    assert b"/MediaBox [0 0 595" in content  # A4 in points
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert SECRET.encode() not in content
    code, _out, err = export(sender, tmp_path, "--format", "pdf")
    assert code == 1 and "needs a file" in err and "Nothing was exported" in err


def test_redacted_export_and_the_default_window(sender: Path, tmp_path: Path) -> None:
    code, out, err = export(sender, tmp_path, "--format", "md", "--redact")
    assert code == 0, err
    for name in AUTHOR_NAMES:
        assert name.casefold() not in out.casefold()
    assert SECRET not in out
    # With no --since, the window starts where the last handover (the one above) ended.
    result = steward(
        "--workspace", str(sender), "handover", "export", "--format", "json", data_root=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["window"]["since"] == iso(UNTIL)


def test_refusals_are_in_the_users_words(sender: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.json"
    code, _out, err = export(sender, tmp_path, "--format", "json", "-o", str(newer))
    assert code == 0, err
    data = json.loads(newer.read_text(encoding="utf-8"))
    data["version"] = 7
    newer.write_text(json.dumps(data), encoding="utf-8")
    refused = steward(
        "--workspace", str(sender), "handover", "import", str(newer), data_root=tmp_path
    )
    assert refused.returncode == 1
    assert "newer Steward (packet format 7)" in refused.stderr
    assert "Nothing was imported" in refused.stderr
    missing = steward(
        "--workspace",
        str(sender),
        "handover",
        "import",
        str(tmp_path / "nope.json"),
        data_root=tmp_path,
    )
    assert missing.returncode == 1 and "Cannot read" in missing.stderr
    bad_time = steward(
        "--workspace",
        str(sender),
        "handover",
        "export",
        "--since",
        "yesterday",
        data_root=tmp_path,
    )
    assert bad_time.returncode == 1 and "is not a time" in bad_time.stderr
