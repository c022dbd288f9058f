"""Background sync: per source, reconcile what was in flight, pull new items page by page, drain
the outbox, and now and then re-scan recent days for edits and deletions.

Runs on whatever asyncio loop it is given (qasync's in the window, asyncio.run's on the command
line). Network waits happen on the loop; every database write runs on one worker thread, so the
loop never waits on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import select

from desktop.clock import Clock, system_clock
from desktop.connectors import UnknownConnector, build_connector, connector_kinds
from desktop.connectors.base import (
    Action,
    AuthFailed,
    Connector,
    ConnectorError,
    Gone,
    MalformedResponse,
    Operation,
    OutcomeUnknown,
    PullPage,
    PushResult,
    RateLimited,
    Rejected,
    ServerError,
    SourceConfig,
    Unreachable,
)
from desktop.db.engine import Database
from desktop.db.models import Source, SyncState
from desktop.ingest import ingest_batch
from desktop.secrets import KeyringUnavailable, SourceSecrets
from desktop.services.outbox import connector_kind
from desktop.sync.outbox import Claimed, OutboxDrain
from desktop.sync.vanished import mark_vanished

T = TypeVar("T")
log = logging.getLogger(__name__)

# A wait the platform asks for that is this short is waited out within the same pass.
INLINE_WAIT_S = 10.0
INLINE_RETRIES = 3
FIRST_BACKOFF_S = 5
DEFAULT_RESCAN_INTERVAL_S = 3600
DEFAULT_RESCAN_DAYS = 3


@dataclass
class SourceStatus:
    source_id: int
    name: str
    state: str = "idle"  # idle | syncing | offline | error | signin | waiting
    message: str = ""
    last_success_at: int | None = None
    next_attempt_at: int | None = None


@dataclass
class SourceReport:
    source_id: int
    name: str
    pulled: int = 0
    updated: int = 0
    vanished: int = 0
    sent: int = 0
    failed: int = 0
    conflicts: int = 0
    error: str | None = None
    offline: bool = False
    signin: bool = False  # the platform no longer accepts the credentials: sign in again

    @property
    def ok(self) -> bool:
        return self.error is None and self.failed == 0 and self.conflicts == 0


@dataclass
class _Schedule:
    due_at: float = 0.0
    running: bool = False
    rate_limited_until: float = 0.0
    # "Sync now" asked while a pass was running: that pass may have started before what the
    # user wants synced (an action just queued), so another follows at once.
    again: bool = False


@dataclass
class SyncCallbacks:
    """How the engine tells its host what happened; every callback runs on the loop."""

    status: Callable[[SourceStatus], None] = lambda _status: None
    items: Callable[[list[int]], None] = lambda _ids: None
    outbox: Callable[[list[int]], None] = lambda _ids: None
    progress: Callable[[SourceReport], None] = lambda _report: None


ConnectorFactory = Callable[[str, SourceConfig], Connector]


@dataclass
class SyncEngine:
    db: Database
    sla_seconds: int = 24 * 3600
    clock: Clock = system_clock
    callbacks: SyncCallbacks = field(default_factory=SyncCallbacks)
    connector_factory: ConnectorFactory = build_connector
    secrets_for: Callable[[int], Any] = SourceSecrets
    max_parallel: int = 3
    timeout_s: float = 20.0

    def __post_init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-db")
        self._drain = OutboxDrain(self.db)
        self._schedules: dict[int, _Schedule] = {}
        self._statuses: dict[int, SourceStatus] = {}
        self._network_up = True
        self._wake = asyncio.Event()
        self._stopping = False
        self._semaphore: asyncio.Semaphore | None = None

    # -- control -------------------------------------------------------------------------------

    def sync_now(self, source_id: int | None = None) -> None:
        """Make a source (or all) due at once; a platform's own Retry-After still holds."""
        for sid, schedule in self._schedules.items():
            if source_id is None or sid == source_id:
                schedule.due_at = 0.0
                schedule.again = schedule.running
        self._wake.set()

    def set_network(self, up: bool) -> None:
        was_up, self._network_up = self._network_up, up
        if up and not was_up:
            self.sync_now()
        elif not up:
            for status in self._statuses.values():
                self._set_status(status, "offline", "No network connection.")

    @property
    def stopping(self) -> bool:
        return self._stopping

    @property
    def network_up(self) -> bool:
        return self._network_up

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def statuses(self) -> list[SourceStatus]:
        return list(self._statuses.values())

    # -- running -------------------------------------------------------------------------------

    async def run_once(self, source_ids: Iterable[int] | None = None) -> list[SourceReport]:
        """One pass over the chosen (or all enabled) sources, several at a time."""
        sources = await self._call(self._load_sources)
        chosen = set(source_ids) if source_ids is not None else None
        semaphore = asyncio.Semaphore(self.max_parallel)

        async def one(source: Source) -> SourceReport:
            async with semaphore:
                return await self.sync_source(source)

        return list(
            await asyncio.gather(*(one(s) for s in sources if chosen is None or s.id in chosen))
        )

    async def run_forever(self, source_ids: Iterable[int] | None = None) -> None:
        """Each source on its own interval, with back-off; wakes early for sync_now()."""
        chosen = set(source_ids) if source_ids is not None else None
        self._semaphore = asyncio.Semaphore(self.max_parallel)
        tasks: set[asyncio.Task[SourceReport]] = set()
        try:
            while not self._stopping:
                self._wake.clear()
                sources = await self._call(self._load_sources)
                now = self._monotonic()
                wait = 60.0
                for source in sources:
                    if chosen is not None and source.id not in chosen:
                        continue
                    schedule = self._schedules.setdefault(source.id, _Schedule())
                    due = max(schedule.due_at, schedule.rate_limited_until)
                    if schedule.running:
                        continue
                    # The system's "no network" only stops nothing: a wrong report must not
                    # silence sync, and back-off already keeps failing attempts rare.
                    if due <= now:
                        schedule.running = True
                        task = asyncio.ensure_future(self._scheduled(source, schedule))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                    else:
                        wait = min(wait, due - now)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=max(0.05, wait))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _scheduled(self, source: Source, schedule: _Schedule) -> SourceReport:
        assert self._semaphore is not None
        try:
            async with self._semaphore:
                report = await self.sync_source(source)
            state = await self._call(self._sync_state, source.id)
            interval = max(5, source.sync_interval_s)
            # From here to `running = False` nothing awaits: a "sync now" arrives either before
            # (and sets `again`) or after (and finds the source idle); it is never lost.
            if schedule.again:
                schedule.due_at = 0.0
            elif report.error is None:
                schedule.due_at = self._monotonic() + interval
            else:
                backoff = min(interval, FIRST_BACKOFF_S * 2 ** max(0, state.failures - 1))
                schedule.due_at = self._monotonic() + backoff * random.uniform(0.8, 1.2)
        finally:
            if schedule.again:
                schedule.due_at = 0.0
            schedule.again = False
            schedule.running = False
        self._wake.set()
        return report

    async def sync_source(self, source: Source) -> SourceReport:
        report = SourceReport(source.id, source.name)
        status = self._statuses.setdefault(source.id, SourceStatus(source.id, source.name))
        self._set_status(status, "syncing", "")
        settings = json.loads(source.settings or "{}")
        try:
            connector = self.connector_factory(
                connector_kind(source),
                SourceConfig(
                    source_id=source.id,
                    account=source.account,
                    settings=settings,
                    credentials=self.secrets_for(source.id),
                    timeout_s=float(settings.get("timeout_s", self.timeout_s)),
                ),
            )
        except (UnknownConnector, ConnectorError, KeyringUnavailable) as error:
            report.signin = isinstance(error, AuthFailed)
            return await self._finish(source, status, report, str(error))
        try:
            await self._reconcile(connector, source.id, report)
            await self._pull(connector, source, settings, report)
            await self._push(connector, source.id, report)
            await self._rescan_if_due(connector, source, settings, report)
        except Unreachable as error:
            report.offline = True
            return await self._finish(source, status, report, str(error))
        except RateLimited as error:
            schedule = self._schedules.setdefault(source.id, _Schedule())
            schedule.rate_limited_until = self._monotonic() + error.retry_after
            return await self._finish(source, status, report, str(error))
        except AuthFailed as error:
            report.signin = True
            return await self._finish(source, status, report, str(error))
        except (ConnectorError, KeyringUnavailable) as error:
            return await self._finish(source, status, report, str(error))
        except Exception as error:  # a bug or a database problem: reported, backed off, logged
            log.exception("sync of source %s failed", source.id)
            return await self._finish(
                source, status, report, f"Steward could not finish the sync ({error})."
            )
        finally:
            await connector.aclose()
        return await self._finish(source, status, report, None)

    # -- the steps of a pass -------------------------------------------------------------------

    async def _reconcile(self, connector: Connector, source_id: int, report: SourceReport) -> None:
        for claimed in await self._call(self._drain.in_flight, source_id):
            await self._settle_unknown(connector, claimed, report)

    async def _settle_unknown(
        self, connector: Connector, claimed: Claimed, report: SourceReport
    ) -> None:
        op = claimed.operation
        try:
            result = await connector.reconcile(op)
        except Gone:
            await self._call(self._drain.conflict, op.id, self.clock(), "vanished")
            report.conflicts += 1
            self.callbacks.outbox([claimed.item_id])
            return
        if result is not None:
            await self._call(self._drain.sent, op.id, result, self.clock())
            report.sent += 1
        else:
            await self._call(self._drain.not_arrived, op.id, self.clock())
        self.callbacks.outbox([claimed.item_id])

    async def _pull(
        self, connector: Connector, source: Source, settings: dict[str, Any], report: SourceReport
    ) -> None:
        state = await self._call(self._sync_state, source.id)
        cursor = state.cursor
        since = self.clock() - source.backfill_days * 86400
        retries = 0
        confirms = bool(getattr(connector, "paging_confirms", False))
        while True:
            # One page is stored (on the database thread) while the next is fetched and parsed
            # (on the loop): the two overlap, and pages are still stored whole and in order.
            storing: asyncio.Future[None] | None = None
            try:
                async for page in connector.pull(cursor, since=since):
                    if storing is not None:
                        await storing
                    storing = asyncio.ensure_future(
                        self._store(source.id, page, report, save_cursor=True)
                    )
                    if confirms:  # asking for the next page drops this one on the platform
                        await storing
                    cursor = page.cursor
                    retries = 0
                if storing is not None:
                    await storing
                return
            except (RateLimited, ServerError, MalformedResponse) as error:
                retries += 1
                wait = error.retry_after if isinstance(error, RateLimited) else float(retries)
                if retries > INLINE_RETRIES or wait > INLINE_WAIT_S:
                    raise
                await asyncio.sleep(wait)
            finally:
                if storing is not None and not storing.done():
                    # A fetch failed: the page already handed over is stored before anything else.
                    await asyncio.shield(storing)

    async def _store(
        self, source_id: int, page: PullPage, report: SourceReport, *, save_cursor: bool
    ) -> None:
        result = await self._call(
            partial(
                ingest_batch,
                self.db,
                source_id,
                page.items,
                now=self.clock(),
                sla_seconds=self.sla_seconds,
                sync_cursor=page.cursor if save_cursor else None,
            )
        )
        report.pulled += len(result.inserted)
        report.updated += len(result.updated)
        if result.changed:
            self.callbacks.items(result.changed)
        self.callbacks.progress(report)

    async def _push(self, connector: Connector, source_id: int, report: SourceReport) -> None:
        retries = 0
        while True:
            if not await self._refresh_next_item(connector, source_id, report):
                break
            held: list[int] = []
            claimed = await self._call(self._drain.claim_next, source_id, self.clock(), held)
            if held:  # changed or vanished since it was queued: held for the user
                report.conflicts += len(held)
                self.callbacks.outbox(held)
                continue
            if claimed is None:
                break
            op = claimed.operation
            self.callbacks.outbox([claimed.item_id])
            try:
                result = await connector.push(op)
            except RateLimited as error:
                await self._call(self._drain.requeue, op.id, self.clock(), str(error))
                retries += 1
                if error.retry_after > INLINE_WAIT_S or retries > INLINE_RETRIES:
                    raise
                await asyncio.sleep(error.retry_after)
                continue
            except (Unreachable, AuthFailed) as error:
                await self._call(self._drain.requeue, op.id, self.clock(), str(error))
                self.callbacks.outbox([claimed.item_id])
                raise
            except (OutcomeUnknown, ServerError, MalformedResponse) as error:
                # It may have arrived: look before anything is sent again.
                await self._call(self._drain.outcome_unknown, op.id, self.clock(), str(error))
                await self._settle_unknown(connector, claimed, report)
                continue
            except Gone:
                await self._call(self._drain.conflict, op.id, self.clock(), "vanished")
                report.conflicts += 1
            except Rejected as error:
                await self._call(self._drain.failed, op.id, self.clock(), str(error))
                report.failed += 1
            else:
                await self._call(self._drain.sent, op.id, result, self.clock())
                report.sent += 1
                await self._store_published_answer(connector, source_id, op, result, report)
            self.callbacks.outbox([claimed.item_id])
            self.callbacks.progress(report)

    async def _store_published_answer(
        self,
        connector: Connector,
        source_id: int,
        op: Operation,
        result: PushResult,
        report: SourceReport,
    ) -> None:
        """Where a reply replaces the published answer (app stores), the answer is an item of
        its own: fetched now, so that the review shows its new answer without waiting for a
        re-scan. The reply went out either way; a failure here only delays that."""
        if op.kind is not Action.REPLY or not result.remote_id:
            return
        if not getattr(connector, "reply_replaces", False):
            return
        try:
            answer = await connector.fetch(result.remote_id)
        except ConnectorError as error:
            log.info("the new answer of source %s could not be read back: %s", source_id, error)
            return
        if answer is not None:
            await self._store(source_id, PullPage([answer], None), report, save_cursor=False)

    async def _refresh_next_item(
        self, connector: Connector, source_id: int, report: SourceReport
    ) -> bool:
        """Look at the next action's item on the platform just before the action leaves, so
        that an edit or a deletion since it was queued holds it back. False: nothing queued."""
        peeked = await self._call(self._drain.peek_next, source_id)
        if peeked is None:
            return False
        item_id, remote_id = peeked
        try:
            current = await connector.fetch(remote_id)
        except Gone:
            await self._call(self._drain.item_gone, item_id, self.clock())
            self.callbacks.items([item_id])
            return True
        if current is not None:
            await self._store(source_id, PullPage([current], None), report, save_cursor=False)
        return True

    async def _rescan_if_due(
        self, connector: Connector, source: Source, settings: dict[str, Any], report: SourceReport
    ) -> None:
        if not getattr(connector, "rescans", True):
            return  # the platform cannot list what exists now (a stream of updates only)
        interval = int(settings.get("rescan_interval_s", DEFAULT_RESCAN_INTERVAL_S))
        state = await self._call(self._sync_state, source.id)
        now = self.clock()
        if state.last_rescan_at is not None and now - state.last_rescan_at < interval:
            return
        since = now - int(settings.get("rescan_days", DEFAULT_RESCAN_DAYS)) * 86400
        seen: set[str] = set()
        async for page in connector.scan(since):
            seen.update(item.remote_id for item in page.items)
            await self._store(source.id, page, report, save_cursor=False)
        vanished = await self._call(mark_vanished, self.db, source.id, since, seen, now)
        await self._call(self._mark_rescanned, source.id, now)
        report.vanished += len(vanished)
        if vanished:
            self.callbacks.items(vanished)

    # -- bookkeeping ---------------------------------------------------------------------------

    async def _finish(
        self, source: Source, status: SourceStatus, report: SourceReport, error: str | None
    ) -> SourceReport:
        report.error = error
        now = self.clock()
        await self._call(self._save_outcome, source.id, report, now)
        if error is None:
            status.last_success_at = now
            self._set_status(status, "idle", "")
        elif report.offline:
            self._set_status(status, "offline", error)
        elif report.signin:
            self._set_status(status, "signin", error)
        else:
            self._set_status(status, "error", error)
        self.callbacks.progress(report)
        return report

    def _set_status(self, status: SourceStatus, state: str, message: str) -> None:
        status.state = state
        status.message = message
        self.callbacks.status(status)

    def _load_sources(self) -> list[Source]:
        # The first call imports every connector module (and, with it, httpx and a TLS context):
        # a tenth of a second that would otherwise stall the loop at the first pass. A module
        # that fails to import fails later, in build_connector, as it always has.
        with contextlib.suppress(Exception):
            connector_kinds()
        with self.db.sessions() as session:
            return list(session.scalars(select(Source).where(Source.enabled).order_by(Source.id)))

    def _sync_state(self, source_id: int) -> SyncState:
        with self.db.sessions() as session:
            return session.get(SyncState, source_id) or SyncState(source_id=source_id, failures=0)

    def _save_outcome(self, source_id: int, report: SourceReport, now: int) -> None:
        with self.db.transaction() as session:
            state = session.get(SyncState, source_id)
            if state is None:
                state = SyncState(source_id=source_id, failures=0)
                session.add(state)
            state.last_attempt_at = now
            state.last_error = report.error
            if report.error is None:
                state.failures = 0
                state.last_success_at = now
            else:
                state.failures = (state.failures or 0) + 1

    def _mark_rescanned(self, source_id: int, now: int) -> None:
        with self.db.transaction() as session:
            state = session.get(SyncState, source_id)
            if state is None:
                state = SyncState(source_id=source_id, failures=0)
                session.add(state)
            state.last_rescan_at = now

    async def _call(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        future: Awaitable[T] = loop.run_in_executor(self._executor, function, *args)
        return await future

    @staticmethod
    def _monotonic() -> float:
        return asyncio.get_running_loop().time()
