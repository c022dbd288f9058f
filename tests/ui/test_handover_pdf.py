from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.handover.packet import build_packet
from desktop.handover.render import render_html
from desktop.workspace import Workspace
from tests.desktop.handover_world import SINCE, UNTIL, fill
from ui.handover_pdf import render_pdf


def test_the_handover_prints_to_a4_pages(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    fill(workspace)
    packet = build_packet(workspace.db, since=SINCE, until=UNTIL, now=UNTIL, created_by="Olga")
    packet["note"] = "\n".join(f"Line {n} of a long note." for n in range(120))
    for language in ("en", "ru"):
        path = tmp_path / f"handover-{language}.pdf"
        render_pdf(render_html(packet, language), path)
        content = path.read_bytes()
        assert content.startswith(b"%PDF-")
        pages = re.findall(rb"/Type\s*/Page\b", content)
        assert len(pages) >= 2  # the long note runs onto a second page
        assert b"/MediaBox [0 0 595" in content
