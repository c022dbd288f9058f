"""Importing an export file into a source: looking at the file first (its format, columns and
first rows, for the mapping), then streaming it into the inbox in batches.

Items keep ids that are stable from one import to the next, so importing a file again adds
nothing, and an item that changed is updated (see desktop.ingest). Rows that cannot be read
are skipped and reported by line; the others are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.db.models import Source
from desktop.importer.formats import (
    FORMATS,
    PLAY_PLATFORM,
    PLAY_REQUIRED,
    RowRejected,
    generic_items,
    is_play_header,
    play_items,
)
from desktop.importer.mapping import check_mapping, suggest_mapping
from desktop.importer.reader import (
    ImportFailed,
    RowProblem,
    SourceFile,
    StreamBroken,
    open_records,
)
from desktop.ingest import RemoteItem, ingest_batch

BATCH_ROWS = 2000
PREVIEW_ROWS = 5
# Problems kept for the report; all of them are counted and passed to `problem` as they come.
KEPT_PROBLEMS = 200
IMPORT_CONNECTOR = "import"
GENERIC_PLATFORM = "import"
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})


@dataclass(frozen=True)
class FileInfo:
    """What a look at the head of the file found, and what the import will need."""

    path: Path
    format: str  # one of FORMATS
    encoding: str
    columns: list[str]
    preview: list[dict[str, Any]]  # the first rows, by column
    mapping: dict[str, str]  # Steward field -> column, suggested (generic formats)
    size: int
    package: str = ""  # a Play export's app

    @property
    def platform(self) -> str:
        return PLAY_PLATFORM if self.format == "play-csv" else GENERIC_PLATFORM

    @property
    def default_source_name(self) -> str:
        if self.format == "play-csv":
            return f"Google Play import ({self.package or self.path.stem})"
        return f"Import ({self.path.stem})"


def _kind(fmt: str) -> str:
    return "json" if fmt == "json" else "csv"


def _guess_format(path: Path, head: bytes, encoding: str) -> str:
    if path.suffix.lower() in JSON_SUFFIXES:
        return "json"
    text = head[:4096].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    return "json" if text[:1] in ("[", "{") else "csv"


def inspect_file(path: Path, fmt: str | None = None, encoding: str | None = None) -> FileInfo:
    """Read the head of the file: its encoding, format, columns and first rows.

    A Play Console export is recognised by its header. Raises ImportFailed if the file
    cannot be imported as it is (a wrong encoding, no header, missing Play columns, ...)."""
    if fmt is not None and fmt not in FORMATS:
        raise ImportFailed(f"Steward does not know the format {fmt!r}; it reads {FORMATS}.")
    with SourceFile(path, encoding) as source:
        chosen = fmt or _guess_format(path, source.head, source.encoding)
        records = open_records(source, _kind(chosen))
        preview: list[dict[str, Any]] = []
        columns: list[str] = list(getattr(records, "columns", []))
        seen = set(columns)
        try:
            for record in records:
                if isinstance(record, RowProblem):
                    continue
                preview.append(dict(record.values))
                for key in record.values:
                    if key not in seen:
                        seen.add(key)
                        columns.append(key)
                if len(preview) >= PREVIEW_ROWS:
                    break
        except StreamBroken:
            pass  # the import reports it, after the rows before it
        if chosen == "csv" and fmt is None and is_play_header(columns):
            chosen = "play-csv"
        if chosen == "play-csv":
            missing = [c for c in PLAY_REQUIRED if c not in columns]
            if missing:
                hint = (
                    ""
                    if source.encoding.startswith("utf-16")
                    else " Play Console exports are UTF-16 text; this file is not."
                )
                raise ImportFailed(
                    "This is not a Google Play reviews export: the columns "
                    f"{', '.join(missing)} are missing.{hint}"
                )
        packages = [str(row.get("Package Name") or "").strip() for row in preview]
        package = next((p for p in packages if p), "") if chosen == "play-csv" else ""
        return FileInfo(
            path=path,
            format=chosen,
            encoding=source.encoding,
            columns=columns,
            preview=preview,
            mapping={} if chosen == "play-csv" else suggest_mapping(columns),
            size=source.size,
            package=package,
        )


# -- the source the items go to ----------------------------------------------------------------


def find_source(db: Database, name: str) -> Source | None:
    """The source with this name (or id)."""
    with db.sessions() as session:
        sources = list(session.scalars(select(Source).order_by(Source.id)))
    return next((s for s in sources if s.name == name), None) or next(
        (s for s in sources if str(s.id) == name.strip()), None
    )


def check_target(info: FileInfo, source: Source) -> None:
    if info.format == "play-csv" and source.platform != PLAY_PLATFORM:
        raise ImportFailed(
            f"“{source.name}” is not a Google Play source: a Google Play export goes into a "
            "Google Play source, or a new one."
        )


def import_source(db: Database, info: FileInfo, name: str = "", *, now: int) -> int:
    """The source that holds what this file imports when no existing one was chosen: made on
    the first import, found again by its name on the next ones.

    It has no connector, so sync passes it over (it is not enabled) and no action is offered
    on its items."""
    name = (name or info.default_source_name).strip()[:200]
    existing = find_source(db, name)
    if existing is not None:
        check_target(info, existing)
        return existing.id
    with db.transaction() as session:
        source = Source(
            platform=info.platform,
            name=name,
            account="",
            settings=json.dumps({"connector": IMPORT_CONNECTOR}),
            enabled=False,
            created_at=now,
        )
        session.add(source)
        session.flush()
        return source.id


# -- importing ---------------------------------------------------------------------------------


@dataclass
class Progress:
    bytes_read: int
    total_bytes: int
    rows: int
    added: int
    updated: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.bytes_read / self.total_bytes) if self.total_bytes else 1.0


@dataclass
class ImportReport:
    source_id: int
    rows: int = 0  # records read, good or not
    added: int = 0  # items, replies included
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[RowProblem] = field(default_factory=list)  # the first KEPT_PROBLEMS
    cancelled: bool = False
    error: str | None = None  # the file broke off: what came before it is imported

    def summary(self) -> str:
        see = " (see above)" if self.skipped else ""
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} rows skipped{see}"
        )


def run_import(
    db: Database,
    info: FileInfo,
    source_id: int,
    *,
    mapping: Mapping[str, str] | None = None,
    sla_seconds: int = 24 * 3600,
    clock: Clock = system_clock,
    progress: Callable[[Progress], None] | None = None,
    problem: Callable[[RowProblem], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    batch_rows: int = BATCH_ROWS,
) -> ImportReport:
    """Stream the file into the source, `batch_rows` rows per transaction.

    `cancelled` is asked between rows: the batches stored by then stay. A file that breaks off
    (bad JSON, an encoding error far into the file) ends the import with `report.error`; what
    was read before stays too."""
    report = ImportReport(source_id)
    chosen = dict(info.mapping if mapping is None else mapping)
    if info.format == "play-csv":

        def convert(values: Mapping[str, Any]) -> list[RemoteItem]:
            return play_items(values)
    else:
        check_mapping(chosen, info.columns)

        def convert(values: Mapping[str, Any]) -> list[RemoteItem]:
            return generic_items(values, chosen)

    def reject(line: int, message: str) -> None:
        report.skipped += 1
        found = RowProblem(line, message)
        if len(report.problems) < KEPT_PROBLEMS:
            report.problems.append(found)
        if problem is not None:
            problem(found)

    with SourceFile(info.path, info.encoding) as source:

        def flush(batch: list[RemoteItem]) -> None:
            if batch:
                result = ingest_batch(db, source_id, batch, now=clock(), sla_seconds=sla_seconds)
                report.added += len(result.inserted)
                report.updated += len(result.updated)
                report.unchanged += len(batch) - len(result.inserted) - len(result.updated)
            if progress is not None:
                progress(
                    Progress(
                        source.bytes_read, source.size, report.rows, report.added, report.updated
                    )
                )

        batch: list[RemoteItem] = []
        rows_in_batch = 0
        try:
            for record in open_records(source, _kind(info.format)):
                if cancelled():
                    report.cancelled = True
                    return report
                report.rows += 1
                if isinstance(record, RowProblem):
                    reject(record.line, record.message)
                    continue
                try:
                    batch.extend(convert(record.values))
                except RowRejected as error:
                    reject(record.line, str(error))
                    continue
                rows_in_batch += 1
                if rows_in_batch >= batch_rows:
                    flush(batch)
                    batch, rows_in_batch = [], 0
        except StreamBroken as error:
            report.error = str(error)
        if not cancelled():
            flush(batch)
        else:
            report.cancelled = True
    return report
