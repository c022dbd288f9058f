"""`steward import FILE`: reviews from a Google Play Console CSV export, or from a CSV or JSON
file in Steward's generic format (docs/import-format.md), into a source.

Skipped rows are reported on standard error as they are found, with their line; a progress
line follows the bytes read when standard error is a terminal; the summary always ends it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from desktop.clock import system_clock
from desktop.importer import (
    FIELD_NAMES,
    FORMATS,
    ImportFailed,
    Progress,
    RowProblem,
    apply_overrides,
    check_target,
    find_source,
    import_source,
    inspect_file,
    parse_map_options,
    run_import,
)
from desktop.workspace import Workspace

PROGRESS_INTERVAL_S = 0.2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="import reviews from a Google Play CSV export or a CSV/JSON file",
        description="Reviews from Google Play Console's reviews CSV (recognised by its header), "
        "or from a CSV, JSON array or JSON Lines file with named columns (see "
        "docs/import-format.md). Importing the same file again adds nothing.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="an existing source (name or id); default: a source made for imports of this "
        "app or file, found again on the next import",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="the file's format (default: by its header and name)"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"read this column as this field ({', '.join(FIELD_NAMES)}); columns with "
        "the fields' names or usual synonyms are mapped without it",
    )
    parser.add_argument(
        "--encoding", metavar="ENC", help="the file's encoding (default: detected, else UTF-8)"
    )


class _ProgressLine:
    """One line on a terminal, rewritten at most a few times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = False
        self._last = 0.0

    def update(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self._last < PROGRESS_INTERVAL_S and progress.fraction < 1:
            return
        self._last = now
        self._stream.write(
            f"\rImporting: {progress.fraction:4.0%}  {progress.rows:,} rows read, "
            f"{progress.added:,} added\x1b[K"
        )
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False


def run_import_command(workspace: Workspace, args: argparse.Namespace, out: TextIO) -> int:
    err = sys.stderr
    name = args.file.name
    try:
        info = inspect_file(args.file, args.format, args.encoding)
        mapping = None
        if info.format == "play-csv":
            if args.map:
                raise ImportFailed("A Google Play export has fixed columns: --map does not apply.")
        else:
            mapping = apply_overrides(info.mapping, parse_map_options(args.map), info.columns)
            shown = ", ".join(f"{column} → {field}" for field, column in mapping.items())
            print(f"Columns read: {shown or 'none'}", file=err)
        if args.source:
            source = find_source(workspace.db, args.source)
            if source is None:
                raise ImportFailed(
                    f"There is no source named {args.source!r}; leave --source out to import "
                    "into a new source."
                )
            check_target(info, source)
            source_id, source_name = source.id, source.name
        else:
            source_id = import_source(workspace.db, info, now=system_clock())
            source_name = info.default_source_name
    except ImportFailed as error:
        print(f"steward: {name}: {error}", file=err)
        return 1

    line = _ProgressLine(err) if err.isatty() else None

    def problem(found: RowProblem) -> None:
        if line is not None:
            line.clear()
        print(f"steward: {name} {found}", file=err)

    try:
        report = run_import(
            workspace.db,
            info,
            source_id,
            mapping=mapping,
            sla_seconds=workspace.settings.reply_sla_hours * 3600,
            progress=line.update if line is not None else None,
            problem=problem,
        )
    except ImportFailed as error:
        if line is not None:
            line.clear()
        print(f"steward: {name}: {error}", file=err)
        return 1
    if line is not None:
        line.clear()
    if report.error:
        print(f"steward: {name}: {report.error}", file=err)
    out.write(f"Imported into “{source_name}”: {report.summary()}\n")
    return 1 if report.error else 0
