"""The author dossier: the person's items across every source (accounts linked by hand count as
one person), counts by sentiment and status, past moderation, the watchlist flag, and typed
author notes that can expire."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.db.engine import Database
from desktop.dossier import AuthorDossier, AuthorLinks, AuthorProfile, LinkError, find_authors
from desktop.dossier import author_dossier as load_dossier
from desktop.services.canned import PLATFORM_NAMES
from desktop.services.events import Change
from desktop.services.notes import NoteError, NoteService
from ui.inbox_model import stars
from ui.item_pane import plain_label
from ui.labels import action_label, duration_text, outbox_state_label, status_label
from ui.notes_box import NotesBox

ItemIdRole = Qt.ItemDataRole.UserRole + 1
AuthorIdRole = Qt.ItemDataRole.UserRole + 2


def _where(profile: AuthorProfile) -> str:
    return profile.source_name or PLATFORM_NAMES.get(profile.platform, profile.platform)


class DossierPane(QWidget):
    itemChosen = Signal(int)
    changed = Signal(object)  # Change
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        notes: NoteService,
        links: AuthorLinks,
        clock: Callable[[], int] = lambda: int(time.time()),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._notes, self._links, self._clock = db, notes, links, clock
        self._author_id: int | None = None
        self._item_id: int | None = None
        self.dossier: AuthorDossier | None = None

        self.summary = plain_label(self, "dossierSummary")
        self.counts = plain_label(self, "dossierCounts")
        self.watch = QCheckBox(self)
        self.watch.setObjectName("watchAuthor")
        self.link_button = QPushButton(self)
        self.link_button.setObjectName("linkAuthor")
        self.unlink_button = QPushButton(self)
        self.moderation = plain_label(self, "dossierModeration")
        self.notes = NotesBox(True, self)
        self.items = QListWidget(self)
        self.items.setObjectName("authorItems")
        self.items.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.summary, self.counts, self.watch):
            top_layout.addWidget(widget)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.moderation)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.notes)
        split.addWidget(self.items)
        split.setChildrenCollapsible(False)
        split.setSizes([150, 220, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        self.items.itemActivated.connect(
            lambda entry: self.itemChosen.emit(int(entry.data(ItemIdRole)))
        )
        self.watch.clicked.connect(self._watch_clicked)
        self.link_button.clicked.connect(self.choose_link)
        self.unlink_button.clicked.connect(self._unlink)
        self.notes.addRequested.connect(self._add_note)
        self.notes.flagRequested.connect(
            lambda note_id, flagged: self._run(
                lambda: self._notes.set_for_next_shift(note_id, flagged)
            )
        )
        self.notes.expireRequested.connect(
            lambda note_id: self._run(lambda: self._notes.expire_now(note_id))
        )
        self.retranslate()

    def show_author(self, author_id: int | None, item_id: int | None) -> None:
        self._author_id, self._item_id = author_id, item_id
        self.reload()

    def reload(self) -> None:
        now = self._clock()
        self.dossier = (
            load_dossier(self._db, self._author_id, now) if self._author_id is not None else None
        )
        self._fill(now)

    def _fill(self, now: int) -> None:
        dossier = self.dossier
        for widget in (self.watch, self.link_button, self.unlink_button):
            widget.setEnabled(dossier is not None)
        self.items.clear()
        if dossier is None:
            self.summary.setText(self.tr("No author"))
            self.counts.setText("")
            self.moderation.setText("")
            self.watch.setChecked(False)
            self.notes.set_notes([], now, enabled=False)
            return
        author = dossier.author
        lines = [f"{author.label}" + (f" ({author.handle})" if author.handle else "")]
        lines.append(_where(author))
        for other in dossier.linked:
            lines.append(
                self.tr("Same person: {name} on {where}").format(
                    name=other.label, where=_where(other)
                )
            )
        self.summary.setText("\n".join(lines))
        sentiment = dossier.by_sentiment
        statuses = ", ".join(
            f"{status_label(status)} {count}"
            for status, count in sorted(dossier.by_status.items(), key=lambda kv: -kv[1])
        )
        self.counts.setText(
            self.tr(
                "{n} items · negative {neg} · neutral {neu} · positive {pos}\nBy status: {statuses}"
            ).format(
                n=dossier.item_count,
                neg=sentiment.get("negative", 0),
                neu=sentiment.get("neutral", 0),
                pos=sentiment.get("positive", 0),
                statuses=statuses or "—",
            )
        )
        self.watch.setChecked(dossier.watchlist)
        self.unlink_button.setVisible(bool(dossier.linked))
        if dossier.moderation:
            recent = [
                f"{datetime.fromtimestamp(r.queued_at).strftime('%d.%m.%Y')} · "
                f"{action_label(r.action)} · {outbox_state_label(r.state)} · {r.actor}"
                for r in dossier.moderation[:5]
            ]
            more = len(dossier.moderation) - len(recent)
            if more > 0:
                recent.append(self.tr("…and {n} more").format(n=more))
            self.moderation.setText(self.tr("Moderation:") + "\n" + "\n".join(recent))
        else:
            self.moderation.setText(self.tr("No moderation actions against this author"))
        self.notes.set_notes([*dossier.notes, *dossier.expired_notes], now)
        for other in dossier.items:
            marker = "▶ " if other.item_id == self._item_id else ""
            text = " ".join(other.text.split())[:140]
            rating = f"{stars(other.rating)} " if other.rating else ""
            entry = QListWidgetItem(
                f"{marker}{PLATFORM_NAMES.get(other.platform, other.platform)} · "
                f"{duration_text(now - other.created_at)} · {status_label(other.status)}\n"
                f"{rating}{text}"
            )
            entry.setData(ItemIdRole, other.item_id)
            self.items.addItem(entry)

    # -- changes -------------------------------------------------------------------------

    def _run(self, action: Callable[[], Change]) -> bool:
        try:
            change = action()
        except (NoteError, LinkError) as error:
            self.failed.emit(str(error))
            return False
        self.reload()
        self.changed.emit(change)
        return True

    def _watch_clicked(self, checked: bool) -> None:
        if self._author_id is None:
            return
        author_id, item_id = self._author_id, self._item_id
        self._run(lambda: self._notes.set_watchlist(author_id, checked, item_id=item_id))

    def _add_note(self, body: str, kind: str, next_shift: bool, expires_in: int | None) -> None:
        if self._author_id is None:
            return
        author_id, item_id = self._author_id, self._item_id
        expires_at = self._clock() + expires_in if expires_in else None

        def add() -> Change:
            return self._notes.add_author_note(
                author_id,
                body,
                kind,
                item_id=item_id,
                for_next_shift=next_shift,
                expires_at=expires_at,
            ).change

        if self._run(add):
            self.notes.note_added()

    def choose_link(self) -> None:
        if self.dossier is None:
            return
        chooser = LinkChooser(self._db, self.dossier, self)
        if chooser.exec() == QDialog.DialogCode.Accepted and chooser.chosen is not None:
            self.link_to(chooser.chosen)

    def link_to(self, other_id: int) -> bool:
        if self._author_id is None:
            return False
        author_id = self._author_id
        return self._run(lambda: self._links.link(author_id, other_id))

    def _unlink(self) -> None:
        if self._author_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Unlink"),
            self.tr("Treat this account as a separate person again?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            author_id = self._author_id
            self._run(lambda: self._links.unlink(author_id))

    def retranslate(self) -> None:
        self.watch.setText(self.tr("Watch this author"))
        self.link_button.setText(self.tr("Same person as…"))
        self.link_button.setToolTip(
            self.tr("Link this account to the same person's account elsewhere")
        )
        self.unlink_button.setText(self.tr("Unlink"))
        self._fill(self._clock())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class LinkChooser(QDialog):
    """Find the same person's account on another source by name or handle."""

    def __init__(self, db: Database, dossier: AuthorDossier, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkChooser")
        self._db = db
        self._exclude = set(dossier.author_ids)
        self.chosen: int | None = None
        self.setWindowTitle(self.tr("Same person as…"))
        self.resize(460, 360)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Name or handle"))
        self.search.setText(dossier.author.display_name or dossier.author.handle)
        self.results = QListWidget(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.results.itemActivated.connect(lambda _entry: self._accept())
        self.results.currentItemChanged.connect(
            lambda current, _previous: self.ok.setEnabled(current is not None)
        )
        self.search.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.results.clear()
        for profile in find_authors(self._db, self.search.text(), limit=30):
            if profile.id in self._exclude:
                continue
            handle = f" ({profile.handle})" if profile.handle else ""
            entry = QListWidgetItem(f"{profile.label}{handle}\n{_where(profile)}", self.results)
            entry.setData(AuthorIdRole, profile.id)
        self.ok.setEnabled(self.results.currentItem() is not None)

    def _accept(self) -> None:
        entry = self.results.currentItem()
        if entry is not None:
            self.chosen = int(entry.data(AuthorIdRole))
            self.accept()
