"""Notes on items and authors, the "for the next shift" flag, and the author watchlist.

An item note hangs on an item only. An author note hangs on an author, and remembers the item it
was written from, if any. Notes have no size cap and are never deleted: one that expires stops
being active but stays, like the history. Every write appends its event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.db.models import Author, Item, Note
from desktop.services.events import Change, record_event

# "moderation" notes are written by Steward itself when a moderation action is queued.
AUTHOR_NOTE_KINDS = ("note", "warning", "good_contributor", "vip", "ban_history", "moderation")
ITEM_NOTE_KINDS = ("note",)
USER_NOTE_KINDS = tuple(kind for kind in AUTHOR_NOTE_KINDS if kind != "moderation")


class NoteError(ValueError):
    """A note that cannot be written; the message is for the user."""


@dataclass(frozen=True)
class NoteView:
    id: int
    uid: str
    item_id: int | None
    author_id: int | None
    kind: str
    body: str
    for_next_shift: bool
    created_by: str
    created_at: int
    expires_at: int | None

    def active(self, now: int) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass(frozen=True)
class NoteResult:
    note: NoteView
    change: Change


def note_view(note: Note) -> NoteView:
    return NoteView(
        id=note.id,
        uid=note.uid,
        item_id=note.item_id,
        author_id=note.author_id,
        kind=note.kind,
        body=note.body,
        for_next_shift=note.for_next_shift,
        created_by=note.created_by,
        created_at=note.created_at,
        expires_at=note.expires_at,
    )


def write_note(
    session: Session,
    *,
    now: int,
    actor: str,
    body: str,
    kind: str = "note",
    item_id: int | None = None,
    author_id: int | None = None,
    for_next_shift: bool = False,
    expires_at: int | None = None,
    actor_kind: str = "local",
) -> Note:
    """Store a note and its "note_added" event in the caller's transaction."""
    note = Note(
        item_id=item_id,
        author_id=author_id,
        kind=kind,
        body=body,
        for_next_shift=for_next_shift,
        created_by=actor,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(note)
    session.flush()
    record_event(
        session,
        at=now,
        kind="note_added",
        item_id=item_id,
        author_id=author_id,
        actor_kind=actor_kind,
        actor=actor,
        data=_event_data(note),
    )
    return note


def _event_data(note: Note) -> dict[str, object]:
    return {
        "uid": note.uid,
        "kind": note.kind,
        "on": "author" if note.author_id is not None else "item",
        "preview": " ".join(note.body.split())[:200],
        "for_next_shift": note.for_next_shift,
        "expires_at": note.expires_at,
    }


class NoteService:
    def __init__(self, db: Database, actor: Callable[[], str], clock: Clock = system_clock):
        self._db = db
        self._actor = actor
        self._clock = clock

    # -- writing -------------------------------------------------------------------------------

    def add_item_note(
        self,
        item_id: int,
        body: str,
        *,
        for_next_shift: bool = False,
        expires_at: int | None = None,
    ) -> NoteResult:
        text = self._checked(body)
        now = self._clock()
        with self._db.transaction() as session:
            if session.get(Item, item_id) is None:
                raise NoteError("The item is no longer in the workspace.")
            note = write_note(
                session,
                now=now,
                actor=self._actor(),
                body=text,
                item_id=item_id,
                for_next_shift=for_next_shift,
                expires_at=expires_at,
            )
            view = note_view(note)
        return NoteResult(view, Change(frozenset({item_id}), label="note"))

    def add_author_note(
        self,
        author_id: int,
        body: str,
        kind: str = "note",
        *,
        item_id: int | None = None,
        for_next_shift: bool = False,
        expires_at: int | None = None,
    ) -> NoteResult:
        """A note on the author; `item_id` is the item the moderator was looking at, if any."""
        if kind not in USER_NOTE_KINDS:
            raise NoteError(f"Unknown kind of author note: {kind}.")
        text = self._checked(body)
        now = self._clock()
        with self._db.transaction() as session:
            if session.get(Author, author_id) is None:
                raise NoteError("The author is no longer in the workspace.")
            if item_id is not None and session.get(Item, item_id) is None:
                item_id = None
            note = write_note(
                session,
                now=now,
                actor=self._actor(),
                body=text,
                kind=kind,
                item_id=item_id,
                author_id=author_id,
                for_next_shift=for_next_shift,
                expires_at=expires_at,
            )
            view = note_view(note)
        items = frozenset({item_id}) if item_id is not None else frozenset()
        return NoteResult(view, Change(items, label="note", author_ids=frozenset({author_id})))

    def set_for_next_shift(self, note_id: int, flagged: bool) -> Change:
        return self._update(note_id, "note_flag", for_next_shift=flagged)

    def expire_now(self, note_id: int) -> Change:
        """End the note's validity now; it stays, no longer active."""
        return self._update(note_id, "note_expired", expires_at=self._clock())

    def set_watchlist(self, author_id: int, watched: bool, *, item_id: int | None = None) -> Change:
        now = self._clock()
        with self._db.transaction() as session:
            author = session.get(Author, author_id)
            if author is None:
                raise NoteError("The author is no longer in the workspace.")
            if author.watchlist == watched:
                return Change()
            author.watchlist = watched
            record_event(
                session,
                at=now,
                kind="watchlist",
                item_id=item_id,
                author_id=author_id,
                actor=self._actor(),
                data={"watched": watched},
            )
        items = frozenset({item_id}) if item_id is not None else frozenset()
        return Change(items, counts=False, label="watchlist", author_ids=frozenset({author_id}))

    def _update(
        self,
        note_id: int,
        kind: str,
        *,
        for_next_shift: bool | None = None,
        expires_at: int | None = None,
    ) -> Change:
        now = self._clock()
        with self._db.transaction() as session:
            note = session.get(Note, note_id)
            if note is None:
                raise NoteError("The note is no longer in the workspace.")
            if for_next_shift is not None:
                if note.for_next_shift == for_next_shift:
                    return Change()
                note.for_next_shift = for_next_shift
            if expires_at is not None:
                if note.expires_at is not None and note.expires_at <= now:
                    return Change()
                note.expires_at = expires_at
            record_event(
                session,
                at=now,
                kind=kind,
                item_id=note.item_id,
                author_id=note.author_id,
                actor=self._actor(),
                data=_event_data(note),
            )
            items = frozenset({note.item_id}) if note.item_id is not None else frozenset()
            authors = frozenset({note.author_id}) if note.author_id is not None else frozenset()
        return Change(items, label=kind, author_ids=authors)

    @staticmethod
    def _checked(body: str) -> str:
        text = body.strip()
        if not text:
            raise NoteError("A note cannot be empty.")
        return text

    # -- reading -------------------------------------------------------------------------------

    def item_notes(self, item_id: int, *, include_expired: bool = False) -> list[NoteView]:
        """The item's own notes, oldest first (author notes are in the author's dossier)."""
        query = select(Note).where(Note.item_id == item_id, Note.author_id.is_(None))
        return self._listed(query, include_expired)

    def author_notes(
        self, author_ids: int | list[int], *, include_expired: bool = False
    ) -> list[NoteView]:
        ids = [author_ids] if isinstance(author_ids, int) else author_ids
        return self._listed(select(Note).where(Note.author_id.in_(ids)), include_expired)

    def next_shift_notes(self) -> list[NoteView]:
        """Active notes flagged for the next shift, oldest first."""
        return self._listed(select(Note).where(Note.for_next_shift.is_(True)), False)

    def _listed(self, query: Select[tuple[Note]], include_expired: bool) -> list[NoteView]:
        now = self._clock()
        if not include_expired:
            query = query.where(or_(Note.expires_at.is_(None), Note.expires_at > now))
        with self._db.sessions() as session:
            return [note_view(n) for n in session.scalars(query.order_by(Note.created_at, Note.id))]
