"""Starting the window: the Qt application, the one asyncio loop (qasync), theme, language,
the workspace, and the screenshot mode used by docs and tests."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.cli import open_workspace
from desktop.db.engine import WorkspaceError
from desktop.demo_platform.live import DemoPlatform
from desktop.sync.engine import SyncEngine
from desktop.workspace import Workspace
from ui.i18n import install_language
from ui.main_window import MainWindow, Services
from ui.sync_controller import SyncController
from ui.theme import apply_theme

SCREENSHOT_SIZE = (1480, 900)
SCREENSHOT_TIMEOUT_MS = 20_000


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Steward")
    app.setOrganizationName("Steward")
    app.setDesktopFileName("steward")
    return app


def build_window(
    app: QApplication,
    workspace: Workspace,
    *,
    theme: str | None = None,
    language: str | None = None,
) -> MainWindow:
    settings = workspace.settings
    apply_theme(app, theme or settings.theme)
    resolved = install_language(language or settings.language)
    window = MainWindow(Services.for_workspace(workspace))
    window.set_language(resolved)

    def choose_theme(name: str) -> None:
        settings.theme = name
        workspace.save_settings()
        apply_theme(app, name)
        window.controller.model.layoutChanged.emit()

    def choose_language(name: str) -> None:
        settings.language = name
        workspace.save_settings()
        window.set_language(install_language(name))

    window.themeChosen.connect(choose_theme)
    window.languageChosen.connect(choose_language)
    return window


def settle_heap() -> None:
    """Once the window is up: what is alive now (modules, widgets, their wrappers) lives as
    long as the app. Frozen, it is out of the collector's sight, so each full collection —
    which stalls the event loop — scans only what came later (sync pages, rows)."""
    gc.collect()
    gc.freeze()


def save_screenshot(window: MainWindow, path: Path) -> bool:
    """Show the window, wait until its first view and the sidebar's counts are loaded and
    painted, then grab it to PNG."""
    window.resize(*SCREENSHOT_SIZE)
    waiter = QEventLoop()
    window.controller.countsLoaded.connect(waiter.quit)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, waiter.quit)
    window.show()
    window.start()
    waiter.exec()
    QApplication.processEvents()
    return window.grab().save(str(path), "PNG")


def run_gui(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Request lines carry URLs, and some platforms put keys in them: never logged.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    app = create_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        try:
            workspace = open_workspace(args)
        except WorkspaceError as error:
            QMessageBox.critical(None, "Steward", str(error))
            return 2
        window = build_window(app, workspace, theme=args.theme, language=args.language)
        try:
            if args.screenshot is not None:
                ok = save_screenshot(window, args.screenshot)
                print(f"{'wrote' if ok else 'could not write'} {args.screenshot}")
                return 0 if ok else 1
            window.resize(*SCREENSHOT_SIZE)  # the size the docs show
            window.show()
            window.firstLoad.connect(settle_heap)
            window.start()
            demo = DemoPlatform.start(workspace) if args.demo else None
            sync = start_sync(window, workspace, demo)
            closed = asyncio.Event()
            app.aboutToQuit.connect(closed.set)
            loop.run_until_complete(closed.wait())
            loop.run_until_complete(sync.stop())
            if demo is not None:
                demo.stop()
            return 0
        finally:
            window.item_pane.flush_draft()
            workspace.close()


def start_sync(
    window: MainWindow, workspace: Workspace, demo: DemoPlatform | None = None
) -> SyncController:
    """Background sync on the window's loop; the status bar and panes follow it."""
    engine = SyncEngine(workspace.db, sla_seconds=workspace.settings.reply_sla_hours * 3600)
    controller = SyncController(engine, window)
    window.sync_status.attach(controller, demo)
    controller.start()
    return controller
