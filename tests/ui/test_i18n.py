from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import ui
from desktop.inbox import View
from resources import read_text
from ui.i18n import TsTranslator, install_language
from ui.main_window import MainWindow

SHIPPED_TS = read_text("translations", "steward_ru.ts")


def _messages(ts_text: str) -> dict[tuple[str, str], str | None]:
    root = ElementTree.fromstring(ts_text)
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and not translation.get("type")
            found[(name, message.findtext("source", ""))] = (
                translation.text if finished and translation is not None else None
            )
    return found


def test_every_interface_string_has_a_finished_russian_translation(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.fail("pyside6-lupdate is missing: PySide6-Essentials ships it")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in Path(ui.__file__).parent.glob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(_messages(fresh.read_text(encoding="utf-8")))
    shipped = _messages(SHIPPED_TS)
    untranslated = sorted(key for key in in_code if not shipped.get(key))
    assert untranslated == []
    assert len(in_code) > 80


def test_placeholders_survive_translation() -> None:
    import re

    for (context, source), translation in _messages(SHIPPED_TS).items():
        assert translation is not None
        assert set(re.findall(r"\{[^}]*\}", source)) == set(
            re.findall(r"\{[^}]*\}", translation)
        ), (context, source)


def test_switching_language_retranslates_the_window(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    assert window.file_menu.title() == "&File"
    install_language("ru")
    qapp.processEvents()  # Qt posts LanguageChange to every widget
    assert window.file_menu.title() == "&Файл"
    views = window.sidebar.topLevelItem(0)
    assert views.child(0).text(0) == "Ждут ответа"
    header = window.controller.model.headerData(2, Qt.Orientation.Horizontal)
    assert header == "Текст"
    assert window.counts_label.text().startswith(window.sidebar.topLevelItem(0).child(0).text(0))
    install_language("en")
    qapp.processEvents()
    assert window.file_menu.title() == "&File"
    assert views.child(0).text(0) == "Needs reply"
    assert window.controller.query.view is View.NEEDS_REPLY


def test_translator_reads_ts_files() -> None:
    translator = TsTranslator(SHIPPED_TS)
    assert len(translator) > 80
    assert translator.translate("MainWindow", "&File") == "&Файл"
    # None reaches Qt as a null string, "not translated here", so Qt keeps its own text.
    assert translator.translate("MainWindow", "not there") is None


def test_qt_own_words_follow_the_language_and_keep_their_text(qapp: QApplication) -> None:
    install_language("ru")
    try:
        assert QKeySequence("F5").toString(QKeySequence.SequenceFormat.NativeText) == "F5"
        assert QApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    finally:
        install_language("en")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_every_connectors_field_texts_are_listed_for_translation() -> None:
    from desktop.services.sources import platform_kinds
    from ui.field_texts import FIELD_TEXTS

    texts = {t for k in platform_kinds() for f in k.fields for t in (f.label, f.help) if t}
    assert texts <= set(FIELD_TEXTS)
    shipped = _messages(SHIPPED_TS)
    assert all(shipped.get(("SourceFields", text)) for text in texts)


def test_every_connectors_reasons_and_notes_are_listed_for_translation() -> None:
    from desktop.connectors import connector_kinds
    from ui.field_texts import REASON_TEXTS

    texts = set()
    for connector in connector_kinds().values():
        texts.update(connector.unsupported.values())
        texts.update(getattr(connector, "action_notes", {}).values())
    assert texts <= set(REASON_TEXTS)
    shipped = _messages(SHIPPED_TS)
    assert all(shipped.get(("ConnectorReasons", text)) for text in texts)
