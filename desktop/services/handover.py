"""Shift handover as the window asks for it: the default window, a preview, the export in
any format, and the import of a colleague's packet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.handover.export import HandoverExport, PdfRenderer, export_handover, render
from desktop.handover.merge import ImportResult
from desktop.handover.packet import build_packet, default_since
from desktop.handover.schema import HandoverError


class HandoverService:
    def __init__(
        self,
        db: Database,
        actor: Callable[[], str],
        clock: Clock = system_clock,
        *,
        shift_started_at: int | None = None,
    ):
        self._db = db
        self._actor = actor
        self._clock = clock
        self.shift_started_at = shift_started_at

    def default_since(self) -> int:
        """Since the last handover; else since this shift (the app's start) began."""
        return default_since(self._db, self._clock(), shift_started_at=self.shift_started_at)

    def preview(
        self,
        since: int,
        until: int | None = None,
        *,
        fmt: str = "html",
        language: str = "en",
        note: str = "",
        redact: bool = False,
    ) -> tuple[dict[str, Any], str]:
        """The packet and its rendering, without recording a handover."""
        now = self._clock()
        packet = build_packet(
            self._db,
            since=since,
            until=until if until is not None else now,
            now=now,
            created_by=self._actor(),
            note=note,
            redact=redact,
        )
        return packet, render(packet, fmt, language)

    def export_handover(
        self,
        path: Path,
        *,
        since: int,
        until: int | None = None,
        fmt: str = "md",
        language: str = "en",
        note: str = "",
        redact: bool = False,
        pdf_renderer: PdfRenderer | None = None,
    ) -> HandoverExport:
        now = self._clock()
        return export_handover(
            self._db,
            since=since,
            until=until if until is not None else now,
            now=now,
            actor=self._actor(),
            fmt=fmt,
            language=language,
            note=note,
            redact=redact,
            path=path,
            pdf_renderer=pdf_renderer,
        )

    def import_file(self, path: Path) -> ImportResult:
        from desktop.handover.importer import import_packet
        from desktop.handover.schema import parse_packet

        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise HandoverError(f"Cannot read {path}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise HandoverError(f"{path} is not a handover packet (not UTF-8 text).") from None
        return import_packet(self._db, parse_packet(text), self._clock(), actor=self._actor())
