"""A handover's HTML page printed to an A4 PDF by Qt's own text layout (no browser needed)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

MARGIN_MM = 15.0
RESOLUTION_DPI = 300


def _ensure_application() -> None:
    """Text layout needs a QGuiApplication; the headless command has none, nor a screen."""
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["steward"])


def render_pdf(html: str, path: Path) -> None:
    _ensure_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle("Steward shift handover")
    writer.setCreator("Steward")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    # With no page size of its own, the document is laid out on the writer's printable area,
    # scaled from screen to printer resolution, and paginated there.
    document.print_(writer)
