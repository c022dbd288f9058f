from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.demo import load_demo
from desktop.workspace import Workspace
from ui.app import build_window
from ui.i18n import install_language
from ui.main_window import MainWindow

WindowFactory = Callable[[Workspace], MainWindow]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Background work on the test's loop stops before pytest-qt closes the widgets (it runs
    Qt's events outside the asyncio loop, where a task cannot take a step)."""
    for stop in getattr(item, "before_widgets_close", []):
        stop()
    yield


def wait_until(loop: qasync.QEventLoop, predicate: Callable[[], bool], timeout: float = 10) -> None:
    """Run the app's asyncio loop (and with it Qt's events) until `predicate` holds."""

    async def waiter() -> None:
        deadline = loop.time() + timeout
        while not predicate():
            if loop.time() > deadline:
                raise AssertionError("the condition did not come true in time")
            await asyncio.sleep(0.05)

    loop.run_until_complete(waiter())


@pytest.fixture
def qt_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """The app's one asyncio loop on Qt's event loop, as ui.app sets it up."""
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo")
    workspace = Workspace.open(path)
    load_demo(workspace.db, workspace.settings, 1_790_000_000)
    workspace.close()
    return path


@pytest.fixture
def open_window(
    qtbot: QtBot, qapp: QApplication, qt_loop: qasync.QEventLoop
) -> Iterator[WindowFactory]:
    opened: list[tuple[MainWindow, Workspace]] = []

    def factory(workspace: Workspace) -> MainWindow:
        workspace.settings.agent_name = "Tester"
        window = build_window(qapp, workspace, theme="light", language="en")
        qtbot.addWidget(window)
        window.resize(1480, 900)
        signals = [window.firstLoad, window.controller.countsLoaded]
        with qtbot.waitSignals(signals, timeout=10_000):
            window.show()
            window.start()
        opened.append((window, workspace))
        return window

    yield factory
    for window, workspace in opened:
        # pytest-qt may already have closed and deleted it, when a later fixture's teardown
        # ran the event loop.
        if shiboken6.isValid(window):
            window.close()
        workspace.close()
    install_language("en")


@pytest.fixture
def window(open_window: WindowFactory, demo_path: Path) -> MainWindow:
    return open_window(Workspace.open(demo_path))
