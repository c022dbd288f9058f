"""The window's side of background sync: runs the engine on the qasync loop, follows the
system's network state, and turns the engine's callbacks into signals the panes refresh on."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from desktop.sync.engine import SourceStatus, SyncCallbacks, SyncEngine

# Items arriving page after page are gathered so that the inbox refreshes once a second at most.
REFRESH_COALESCE_MS = 1000
log = logging.getLogger(__name__)


class SyncController(QObject):
    itemsChanged = Signal(list)  # item ids
    outboxChanged = Signal(list)  # item ids
    statusChanged = Signal()

    def __init__(self, engine: SyncEngine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        engine.callbacks = SyncCallbacks(
            status=self._status, items=self._items, outbox=self._outbox
        )
        self._task: asyncio.Task[None] | None = None
        self._pending_items: set[int] = set()
        self._pending_outbox: set[int] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(REFRESH_COALESCE_MS)
        self._flush.timeout.connect(self._emit_changes)
        self._network: QNetworkInformation | None = None

    def start(self) -> None:
        self._follow_network()
        self._task = asyncio.ensure_future(self.engine.run_forever())
        self._task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None and not self.engine.stopping:
            log.error("background sync stopped", exc_info=task.exception())
            self.statusChanged.emit()

    async def stop(self) -> None:
        self.engine.stop()
        self._flush.stop()
        self._pending_items.clear()
        self._pending_outbox.clear()
        if self._task is not None:
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            except Exception:  # shutting down: say what happened, but let the window close
                log.exception("background sync ended with an error")
        self.engine.close()

    def sync_now(self) -> None:
        self.engine.sync_now()

    def statuses(self) -> list[SourceStatus]:
        return self.engine.statuses()

    @property
    def offline(self) -> bool:
        """No enabled source answered its last attempt, or the system says there is no network
        and nothing has answered since."""
        statuses = self.engine.statuses()
        if not self.engine.network_up:
            return not any(s.state == "idle" for s in statuses)
        return bool(statuses) and all(s.state == "offline" for s in statuses)

    # -- the system's network state ----------------------------------------------------------

    def _follow_network(self) -> None:
        # Where the platform has a reachability backend, going offline stops attempts at once
        # and coming back starts one; elsewhere the failures themselves tell.
        if not QNetworkInformation.loadDefaultBackend():
            return
        network = QNetworkInformation.instance()
        if network is None or not network.supports(QNetworkInformation.Feature.Reachability):
            return
        self._network = network
        network.reachabilityChanged.connect(self._reachability)
        self._reachability(network.reachability())

    def _reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        down = reachability == QNetworkInformation.Reachability.Disconnected
        self.engine.set_network(not down)
        self.statusChanged.emit()

    # -- engine callbacks (on the loop, i.e. the GUI thread) -----------------------------------

    def _status(self, _status: SourceStatus) -> None:
        self.statusChanged.emit()

    def _items(self, ids: list[int]) -> None:
        if self.engine.stopping:
            return
        self._pending_items.update(ids)
        if not self._flush.isActive():
            self._flush.start()

    def _outbox(self, ids: list[int]) -> None:
        if self.engine.stopping:
            return
        self._pending_outbox.update(ids)
        if not self._flush.isActive():
            self._flush.start()

    def _emit_changes(self) -> None:
        items, self._pending_items = sorted(self._pending_items), set()
        outbox, self._pending_outbox = sorted(self._pending_outbox), set()
        if items:
            self.itemsChanged.emit(items)
        if outbox:
            self.outboxChanged.emit(outbox)
        self.statusChanged.emit()
