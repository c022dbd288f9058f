"""The command line: options shared by the window and the scripting commands, and the
commands that run headless over the same engine (no Qt is imported here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from desktop import __version__
from desktop.cli_import import add_parser as add_import_parser
from desktop.cli_sources import add_parser as add_source_parser
from desktop.clock import system_clock
from desktop.db.engine import WorkspaceError
from desktop.demo import load_demo, needs_demo_data
from desktop.inbox import InboxQuery, SortKey, View, fetch_rows, item_ids
from desktop.workspace import Workspace, default_workspace_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="steward", description="A moderation workstation: one inbox for every platform."
    )
    parser.add_argument("--version", action="version", version=f"Steward {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--demo", action="store_true", help="use the demo workspace (created on first use)"
    )
    where.add_argument(
        "--workspace", type=Path, metavar="PATH", help="use the workspace in this folder"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE.png",
        help="render the main window after loading to a PNG and exit",
    )
    parser.add_argument(
        "--theme", choices=("system", "light", "dark"), help="override the theme for this run"
    )
    parser.add_argument(
        "--language",
        choices=("system", "en", "ru"),
        help="override the interface language for this run",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    items = commands.add_parser("items", help="list items of a view")
    items.add_argument("--view", choices=[v.value for v in View], default=View.ALL.value)
    items.add_argument("--search", default="", metavar="QUERY", help="full-text search")
    items.add_argument("--sort", choices=[s.value for s in SortKey], default=SortKey.TIME.value)
    items.add_argument("--limit", type=int, default=50, help="at most this many (0: all)")
    items.add_argument("--json", action="store_true", help="print JSON lines")
    sync = commands.add_parser(
        "sync", help="pull new items and send queued actions, without the window"
    )
    sync.add_argument("--source", metavar="NAME", help="only the source with this name")
    sync.add_argument(
        "--once", action="store_true", help="one pass, then exit (default: keep syncing)"
    )
    canned = commands.add_parser("canned", help="export or import the library of answers")
    canned.add_argument("action", choices=("export", "import"))
    canned.add_argument(
        "file", type=Path, metavar="FILE", help="FILE.json or FILE.yaml; '-' for stdout/stdin"
    )
    canned.add_argument(
        "--format", choices=("json", "yaml"), help="the file's format (default: by its name)"
    )
    _handover_parser(commands)
    add_source_parser(commands)
    add_import_parser(commands)
    return parser


def _handover_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    handover = commands.add_parser("handover", help="export or import a shift handover")
    steps = handover.add_subparsers(dest="handover_action", metavar="ACTION", required=True)
    export = steps.add_parser("export", help="write the handover of a window of time")
    export.add_argument(
        "--since",
        default="last",
        metavar="TIME",
        help="ISO 8601 time (local time unless a zone is given) or 'last': since the last "
        "handover (default)",
    )
    export.add_argument("--until", metavar="TIME", help="ISO 8601 time (default: now)")
    export.add_argument("--format", choices=("md", "html", "pdf", "json"), default="md")
    export.add_argument(
        "--redact", action="store_true", help="replace author names and handles by pseudonyms"
    )
    export.add_argument("--language", choices=("en", "ru"), default="en")
    export.add_argument("--note", default="", metavar="TEXT", help="your note to the next shift")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write here (default: stdout)"
    )
    imported = steps.add_parser("import", help="merge a colleague's JSON handover packet")
    imported.add_argument("file", type=Path, metavar="FILE")


def workspace_path(args: argparse.Namespace) -> Path:
    if args.workspace is not None:
        return Path(args.workspace).expanduser()
    return default_workspace_path(demo=bool(args.demo))


def open_workspace(args: argparse.Namespace) -> Workspace:
    workspace = Workspace.open(workspace_path(args))
    if args.demo and needs_demo_data(workspace.db):
        load_demo(workspace.db, workspace.settings, system_clock())
    return workspace


PdfRenderer = Callable[[str, Path], None]


def run_command(
    args: argparse.Namespace,
    out: TextIO = sys.stdout,
    *,
    pdf_renderer: PdfRenderer | None = None,
) -> int:
    """Run a scripting command. `pdf_renderer` makes PDFs (Qt's, passed in by ui/main.py)."""
    try:
        workspace = open_workspace(args)
    except WorkspaceError as error:
        print(f"steward: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "items":
            return _items(workspace, args, out)
        if args.command == "canned":
            return _canned(workspace, args, out)
        if args.command == "handover":
            from desktop.cli_handover import run_handover

            return run_handover(workspace, args, out, pdf_renderer)
        if args.command == "source":
            from desktop.cli_sources import run_source

            return run_source(workspace, args, out)
        if args.command == "import":
            from desktop.cli_import import run_import_command

            return run_import_command(workspace, args, out)
        if args.command == "sync":
            from desktop.sync.headless import run_sync

            return run_sync(workspace, source=args.source, once=args.once, demo=args.demo, out=out)
        raise AssertionError(args.command)
    finally:
        workspace.close()


def _items(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    query = InboxQuery(view=View(args.view), search=args.search, sort=SortKey(args.sort))
    ids = item_ids(workspace.db, query)
    if args.limit > 0:
        ids = ids[: args.limit]
    for start in range(0, len(ids), 500):
        page = list(ids[start : start + 500])
        rows = fetch_rows(workspace.db, page)
        for item_id in page:
            row = rows[item_id]
            if args.json:
                out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
            else:
                rating = f"{row.rating}★ " if row.rating else ""
                out.write(
                    f"{row.id:>7}  {row.platform:<11} {row.status:<9} "
                    f"{row.author[:20]:<20} {rating}{row.snippet[:80]}\n"
                )
    return 0


def _canned(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    from desktop.services.canned_library import (
        LibraryFileError,
        export_library,
        file_format,
        import_library,
        library_text,
        parse_library,
    )

    fmt = args.format or file_format(args.file)
    if args.action == "export":
        text = library_text(export_library(workspace.db), fmt)
        if str(args.file) == "-":
            out.write(text)
        else:
            args.file.write_text(text, encoding="utf-8")
        return 0
    try:
        raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
        result = import_library(workspace.db, parse_library(raw, fmt), system_clock())
    except OSError as error:
        print(f"steward: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"steward: {args.file} is not UTF-8 text; nothing was imported.", file=sys.stderr)
        return 1
    except LibraryFileError as error:
        print(f"steward: {error} Nothing was imported.", file=sys.stderr)
        return 1
    out.write(f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged\n")
    return 0
