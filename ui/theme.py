"""Light and dark themes on the Fusion style, following the system unless the user chose."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f8fa",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#eceef1",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.Highlight: "#2f6feb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#6e7781",
    QPalette.ColorRole.Link: "#0969da",
    QPalette.ColorRole.Mid: "#d0d7de",
}
DARK = {
    QPalette.ColorRole.Window: "#1e2228",
    QPalette.ColorRole.WindowText: "#e6edf3",
    QPalette.ColorRole.Base: "#15181d",
    QPalette.ColorRole.AlternateBase: "#1b1f25",
    QPalette.ColorRole.Text: "#e6edf3",
    QPalette.ColorRole.Button: "#2a2f37",
    QPalette.ColorRole.ButtonText: "#e6edf3",
    QPalette.ColorRole.Highlight: "#2f6feb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2a2f37",
    QPalette.ColorRole.ToolTipText: "#e6edf3",
    QPalette.ColorRole.PlaceholderText: "#8b949e",
    QPalette.ColorRole.Link: "#58a6ff",
    QPalette.ColorRole.Mid: "#3d444d",
}

# Colours that carry meaning (platform, sentiment, SLA) in each theme.
ACCENTS = {
    "light": {
        "negative": "#cf222e",
        "positive": "#1a7f37",
        "neutral": "#6e7781",
        "overdue": "#cf222e",
        "muted": "#6e7781",
        "star": "#bf8700",
    },
    "dark": {
        "negative": "#ff7b72",
        "positive": "#56d364",
        "neutral": "#8b949e",
        "overdue": "#ff7b72",
        "muted": "#8b949e",
        "star": "#e3b341",
    },
}
PLATFORM_COLOURS = {
    "youtube": "#e5484d",
    "google_play": "#30a46c",
    "app_store": "#3e63dd",
    "vk": "#0077ff",
    "telegram": "#26a5e4",
    "mastodon": "#6364ff",
    "discourse": "#d18616",
    "matrix": "#0dbd8b",
    "isso": "#8e4ec6",
    "waline": "#12a594",
    "demo": "#6e7781",
}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve_theme(preference: str) -> str:
    if preference in ("light", "dark"):
        return preference
    return "dark" if system_is_dark() else "light"


def apply_theme(app: QApplication, preference: str) -> str:
    name = resolve_theme(preference)
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in (DARK if name == "dark" else LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(
        DARK[QPalette.ColorRole.PlaceholderText]
        if name == "dark"
        else LIGHT[QPalette.ColorRole.PlaceholderText]
    )
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    app.setProperty("stewardTheme", name)
    return name


def accent(key: str) -> QColor:
    app = QApplication.instance()
    name = app.property("stewardTheme") if app is not None else None
    return QColor(ACCENTS.get(str(name), ACCENTS["light"])[key])
