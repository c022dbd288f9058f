"""Sync as the moderator sees it: the status bar's online/offline line with the actions waiting
to leave, each source's state in the sidebar, "Sync now" and the demo's offline switch."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.demo_platform.live import DemoPlatform
from desktop.services.outbox import OutboxService
from desktop.sync.engine import SourceStatus
from ui.actions import WindowActions
from ui.sidebar import Sidebar
from ui.sync_controller import SyncController


class SyncStatus(QObject):
    itemsChanged = Signal(list)
    outboxChanged = Signal(list)

    def __init__(
        self,
        parent: QWidget,
        outbox: OutboxService,
        actions: WindowActions,
        sidebar: Sidebar,
    ):
        super().__init__(parent)
        self._outbox = outbox
        self._actions = actions
        self._sidebar = sidebar
        self._controller: SyncController | None = None
        self._demo: DemoPlatform | None = None
        self.label = QLabel(parent)
        self.label.setObjectName("syncStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        actions.sync_now.triggered.connect(self.sync_now)
        actions.simulate_offline.toggled.connect(self._simulate_offline)
        actions.simulate_offline.setVisible(False)
        actions.sync_now.setEnabled(False)
        self.refresh()

    def attach(self, controller: SyncController, demo: DemoPlatform | None = None) -> None:
        self._controller = controller
        self._demo = demo
        controller.itemsChanged.connect(self.itemsChanged)
        controller.outboxChanged.connect(self.outboxChanged)
        controller.statusChanged.connect(self.refresh)
        self._actions.sync_now.setEnabled(True)
        self._actions.simulate_offline.setVisible(demo is not None)
        self.refresh()

    def sync_now(self) -> None:
        if self._controller is not None:
            self._controller.sync_now()

    def _simulate_offline(self, offline: bool) -> None:
        if self._demo is not None:
            self._demo.set_online(not offline)
            self.sync_now()

    def refresh(self) -> None:
        counts = self._outbox.counts()
        waiting = counts.get("queued", 0) + counts.get("sending", 0)
        problems = counts.get("failed", 0) + counts.get("conflict", 0)
        parts = [text for text in [self._connection_text()] if text]
        if waiting:
            parts.append(self.tr("{n} action(s) waiting to be sent").format(n=waiting))
        if problems:
            parts.append(self.tr("{n} not sent").format(n=problems))
        self.label.setText("  ·  ".join(parts))
        statuses = self._controller.statuses() if self._controller else []
        self.label.setToolTip("\n".join(self._source_line(s) for s in statuses))
        self._sidebar.set_source_states({s.source_id: (s.state, s.message) for s in statuses})

    def _connection_text(self) -> str:
        controller = self._controller
        if controller is None:
            return ""  # a window without sync (the screenshot mode) says nothing about it
        if controller.offline:
            return self.tr("Offline")
        statuses = controller.statuses()
        if any(s.state == "syncing" for s in statuses):
            return self.tr("Syncing…")
        signin = [s for s in statuses if s.state == "signin"]
        if signin:
            return self.tr("Sign in again: {source}").format(source=signin[0].name)
        failing = [s for s in statuses if s.state in ("error", "offline")]
        if failing:
            return self.tr("Sync problem: {source}").format(source=failing[0].name)
        synced = [s.last_success_at for s in statuses if s.last_success_at]
        if synced:
            when = time.strftime("%H:%M", time.localtime(max(synced)))
            return self.tr("Online · synced at {time}").format(time=when)
        return self.tr("Online")

    def _source_line(self, status: SourceStatus) -> str:
        states = {
            "idle": self.tr("up to date"),
            "syncing": self.tr("syncing"),
            "offline": self.tr("offline"),
            "error": self.tr("problem"),
            "signin": self.tr("sign in again"),
            "waiting": self.tr("waiting"),
        }
        line = f"{status.name}: {states.get(status.state, status.state)}"
        return f"{line} — {status.message}" if status.message else line
