"""PySide6 6.12.0 on Python 3.11 loses a reference to None on every Qt call that returns
nothing, and the interpreter aborts after a few thousand calls. Guard against any build that
does."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_none_refcount_does_not_drift_across_many_qt_calls(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for n in range(5000):
        widget.setWindowTitle(f"title {n}")
        widget.setToolTip("tip")
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 100, f"None's refcount moved by {drift} over 10,000 Qt calls"
