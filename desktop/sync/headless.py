"""`steward sync`: the sync engine without the window, with progress on the terminal and an
exit code that says whether everything went through (0) or something failed (1)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from typing import TextIO

from sqlalchemy import select

from desktop.db.models import Source
from desktop.sync.engine import SourceReport, SyncCallbacks, SyncEngine
from desktop.workspace import Workspace


class _Progress:
    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._live = out.isatty()
        self.last: dict[int, SourceReport] = {}

    def update(self, report: SourceReport) -> None:
        self.last[report.source_id] = report
        if self._live:
            self._out.write(f"\r\033[K{self._line(report)}")
            self._out.flush()

    def finished(self, report: SourceReport) -> None:
        if self._live:
            self._out.write("\r\033[K")
        self._out.write(self._line(report) + "\n")
        self._out.flush()

    @staticmethod
    def _line(report: SourceReport) -> str:
        parts = [f"{report.name}: {report.pulled} new, {report.updated} updated"]
        if report.vanished:
            parts.append(f"{report.vanished} deleted on the platform")
        parts.append(f"{report.sent} sent")
        if report.failed:
            parts.append(f"{report.failed} failed")
        if report.conflicts:
            parts.append(f"{report.conflicts} in conflict")
        line = ", ".join(parts)
        if report.error:
            line += f" — {'offline: ' if report.offline else ''}{report.error}"
        return line


def run_sync(
    workspace: Workspace, *, source: str | None, once: bool, demo: bool, out: TextIO = sys.stdout
) -> int:
    with workspace.db.sessions() as session:
        sources = {s.name: s.id for s in session.scalars(select(Source).where(Source.enabled))}
    if source is not None and source not in sources:
        names = ", ".join(sorted(sources)) or "none"
        print(f"steward: no source named {source!r} (sources: {names})", file=sys.stderr)
        return 2
    chosen = [sources[source]] if source is not None else list(sources.values())
    platform = None
    if demo:
        from desktop.demo_platform.live import DemoPlatform

        platform = DemoPlatform.start(workspace)
    progress = _Progress(out)
    engine = SyncEngine(
        workspace.db,
        sla_seconds=workspace.settings.reply_sla_hours * 3600,
        callbacks=SyncCallbacks(progress=progress.update),
    )
    try:
        if once:
            reports = asyncio.run(engine.run_once(chosen))
        else:
            reports = asyncio.run(_forever(engine, progress, chosen))
    finally:
        engine.close()
        if platform is not None:
            platform.stop()
    for report in reports:
        progress.finished(report)
    return 0 if all(report.ok for report in reports) else 1


async def _forever(
    engine: SyncEngine, progress: _Progress, chosen: list[int]
) -> list[SourceReport]:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, engine.stop)
    await engine.run_forever(chosen)
    return [progress.last[i] for i in chosen if i in progress.last]
