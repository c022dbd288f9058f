"""Interface languages. Translations ship as Qt Linguist .ts files in resources/translations
and are read directly, so that a checkout, a wheel and a frozen build need no compile step."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import resource

SHIPPED = ("en", "ru")


class TsTranslator(QTranslator):
    """A QTranslator over a .ts file's finished (or at least non-empty) translations."""

    def __init__(self, ts_text: str) -> None:
        super().__init__()
        self._messages: dict[tuple[str, str], str] = {}
        root = ElementTree.fromstring(ts_text)
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if source is None or translation is None or not translation.text:
                    continue
                if translation.get("type") in ("obsolete", "vanished"):
                    continue
                self._messages[(name, source)] = translation.text

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        # None is a null QString: "no translation here", so Qt keeps its own text.
        return self._messages.get((context, source_text))  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return not self._messages

    def __len__(self) -> int:
        return len(self._messages)


def resolve_language(preference: str) -> str:
    if preference in SHIPPED:
        return preference
    system = QLocale.system().name().split("_")[0]
    return system if system in SHIPPED else "en"


_installed: list[QTranslator] = []
_current = ["en"]


def current_language() -> str:
    """The interface language installed last ("en" until one is)."""
    return _current[0]


def install_language(language: str) -> str:
    """Switch the interface language; widgets retranslate on QEvent.LanguageChange."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    resolved = resolve_language(language)
    _current[0] = resolved
    if resolved != "en":
        # Qt's own words (Yes, Cancel, the names of keys) from the translations Qt ships.
        qt_words = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_words.load(f"qtbase_{resolved}", folder):
            app.installTranslator(qt_words)
            _installed.append(qt_words)
        ts = resource("translations", f"steward_{resolved}.ts")
        if ts.is_file():
            translator = TsTranslator(ts.read_text(encoding="utf-8"))
            app.installTranslator(translator)
            _installed.append(translator)
    return resolved
