"""`steward handover export|import`: the shift handover without the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from desktop.clock import system_clock
from desktop.handover.export import ExportError, export_handover
from desktop.handover.identity import parse_time
from desktop.handover.packet import default_since
from desktop.handover.schema import HandoverError
from desktop.workspace import Workspace


def _fail(message: str) -> int:
    print(f"steward: {message}", file=sys.stderr)
    return 1


def _time(text: str, what: str) -> int:
    try:
        return parse_time(text)
    except ValueError:
        raise ExportError(
            f"{what} {text!r} is not a time: write it as 2025-03-01T18:00 (local time) "
            "or 2025-03-01T15:00Z (UTC)."
        ) from None


def run_handover(
    workspace: Workspace,
    args: argparse.Namespace,
    out: TextIO,
    pdf_renderer: Callable[[str, Path], None] | None,
) -> int:
    if args.handover_action == "import":
        return _import(workspace, args.file, out)
    now = system_clock()
    actor = workspace.settings.agent
    try:
        until = _time(args.until, "--until") if args.until else now
        if args.since == "last":
            since = default_since(workspace.db, until)
        else:
            since = _time(args.since, "--since")
        if args.format == "pdf" and args.output is None:
            raise ExportError("A PDF handover needs a file: add -o FILE.pdf.")
        if args.format == "pdf" and pdf_renderer is None:
            raise ExportError("PDF export needs Qt; run it with the `steward` command.")
        result = export_handover(
            workspace.db,
            since=since,
            until=until,
            now=now,
            actor=actor,
            fmt=args.format,
            language=args.language,
            note=args.note,
            redact=args.redact,
            path=args.output,
            pdf_renderer=pdf_renderer,
        )
    except (ExportError, HandoverError) as error:
        return _fail(f"{error} Nothing was exported.")
    if args.output is None:
        out.write(result.text)
    else:
        print(f"Handover written to {args.output}", file=sys.stderr)
    return 0


def _import(workspace: Workspace, file: Path, out: TextIO) -> int:
    from desktop.services.handover import HandoverService

    service = HandoverService(workspace.db, lambda: workspace.settings.agent, system_clock)
    try:
        result = service.import_file(file)
    except HandoverError as error:
        return _fail(f"{error} Nothing was imported.")
    if result.already_imported:
        out.write("This handover was already imported here; nothing changed.\n")
        return 0
    out.write(
        f"{result.notes_added} notes added, {result.items_changed} items updated, "
        f"{result.authors_watched} authors watched, {result.kept_local} newer local changes "
        f"kept, {result.pending} not synced yet (attached when they arrive)\n"
    )
    return 0
