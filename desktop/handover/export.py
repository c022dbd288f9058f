"""Exporting a handover: the packet built, checked against its schema, rendered in the chosen
format, written to a file only the user can read, and recorded so that the next handover
starts where this one ends."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.db.engine import Database
from desktop.handover.packet import build_packet, record_export
from desktop.handover.render import render_html, render_markdown
from desktop.handover.schema import check_packet

FORMATS = ("md", "html", "pdf", "json")
LANGUAGES = ("en", "ru")
# Renders an HTML page to a PDF file. The engine has no Qt widgets or painting: the window (or
# the `steward` command started by it) passes one in from ui/handover_pdf.py.
PdfRenderer = Callable[[str, Path], None]


class ExportError(ValueError):
    """An export that cannot be made; the message is for the user."""


@dataclass(frozen=True)
class HandoverExport:
    packet: dict[str, Any]
    format: str
    text: str  # the rendering; for "pdf", the HTML page the PDF was made from
    path: Path | None


def packet_json(packet: dict[str, Any]) -> str:
    return json.dumps(packet, ensure_ascii=False, indent=2) + "\n"


def render(packet: dict[str, Any], fmt: str, language: str = "en") -> str:
    if fmt == "json":
        return packet_json(packet)
    if fmt == "md":
        return render_markdown(packet, language)
    return render_html(packet, language)


def write_private(path: Path, text: str) -> None:
    """Write a file readable by the user only (handovers name people and hold their words)."""
    _create_private(path)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def _create_private(path: Path) -> None:
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def export_handover(
    db: Database,
    *,
    since: int,
    until: int,
    now: int,
    actor: str,
    fmt: str = "md",
    language: str = "en",
    note: str = "",
    redact: bool = False,
    path: Path | None = None,
    pdf_renderer: PdfRenderer | None = None,
) -> HandoverExport:
    """Build, check, render and (with `path`) write the handover, then record it."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown handover format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if language not in LANGUAGES:
        raise ExportError(f"Unknown language {language!r}: use en or ru.")
    if since > until:
        raise ExportError("The handover window ends before it starts.")
    if fmt == "pdf" and (path is None or pdf_renderer is None):
        raise ExportError("A PDF handover needs a file to write and the window's renderer.")
    packet = check_packet(
        build_packet(
            db, since=since, until=until, now=now, created_by=actor, note=note, redact=redact
        )
    )
    text = render(packet, fmt, language)
    if path is not None:
        try:
            if fmt == "pdf":
                assert pdf_renderer is not None
                _create_private(path)
                pdf_renderer(text, path)
                os.chmod(path, 0o600)
            else:
                write_private(path, text)
        except OSError as error:
            raise ExportError(f"Cannot write {path}: {error.strerror}.") from None
    record_export(db, packet, actor=actor, now=now)
    return HandoverExport(packet, fmt, text, path)
