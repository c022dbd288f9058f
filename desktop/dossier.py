"""The author dossier: one person's items across every source, their counts by sentiment and
status, the moderation taken against them, the watchlist flag and their notes.

A person may write on several platforms under several accounts. Authors are linked by hand:
the rows of `author_links` with one `group_id` are one person. Linking is transitive (linking
A to B and B to C makes one group of three); unlinking takes one author out of their group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from desktop.clock import Clock, system_clock
from desktop.connectors.base import MODERATION
from desktop.db.engine import Database
from desktop.db.models import Author, AuthorLink, Event, Item, Note, OutboxOperation, Source
from desktop.history import AuthorItem
from desktop.services.events import Change, record_event
from desktop.services.notes import NoteView, note_view

# The inbox's "Negative" view and its sentiment colours use the same thresholds: a score at or
# below -0.3 is negative, at or above +0.3 positive, between them neutral; none is unknown.
NEGATIVE_AT_MOST = -0.3
POSITIVE_AT_LEAST = 0.3
SENTIMENTS = ("negative", "neutral", "positive", "unknown")


def sentiment_bucket(score: float | None) -> str:
    if score is None:
        return "unknown"
    if score <= NEGATIVE_AT_MOST:
        return "negative"
    if score >= POSITIVE_AT_LEAST:
        return "positive"
    return "neutral"


class LinkError(ValueError):
    """Authors that cannot be linked; the message is for the user."""


@dataclass(frozen=True)
class AuthorProfile:
    id: int
    source_id: int
    platform: str
    source_name: str
    remote_id: str
    handle: str
    display_name: str
    watchlist: bool

    @property
    def label(self) -> str:
        return self.display_name or self.handle or self.remote_id


@dataclass(frozen=True)
class ModerationRecord:
    op_id: int
    item_id: int
    author_id: int
    action: str
    state: str  # the outbox operation's state: queued, sent, failed, ...
    actor: str
    queued_at: int
    updated_at: int


@dataclass(frozen=True)
class AuthorDossier:
    author: AuthorProfile
    linked: tuple[AuthorProfile, ...]  # the same person elsewhere, linked by hand
    items: tuple[AuthorItem, ...]  # newest first, at most `item_limit`
    item_count: int
    by_sentiment: dict[str, int]  # every bucket of SENTIMENTS, zero included
    by_status: dict[str, int]
    moderation: tuple[ModerationRecord, ...]  # newest first
    notes: tuple[NoteView, ...]  # active, oldest first
    expired_notes: tuple[NoteView, ...]
    watchlist: bool  # this author or one linked to them is watched

    @property
    def author_ids(self) -> tuple[int, ...]:
        return (self.author.id, *(a.id for a in self.linked))


def linked_author_ids(session: Session, author_id: int) -> list[int]:
    """The author and every author linked to them, the author first."""
    group = session.scalar(select(AuthorLink.group_id).where(AuthorLink.author_id == author_id))
    if group is None:
        return [author_id]
    others = session.scalars(
        select(AuthorLink.author_id)
        .where(AuthorLink.group_id == group, AuthorLink.author_id != author_id)
        .order_by(AuthorLink.author_id)
    ).all()
    return [author_id, *others]


def _profiles(session: Session, ids: list[int]) -> dict[int, AuthorProfile]:
    rows = session.execute(
        select(Author, Source.platform, Source.name)
        .join(Source, Source.id == Author.source_id)
        .where(Author.id.in_(ids))
    ).all()
    return {
        author.id: AuthorProfile(
            author.id,
            author.source_id,
            platform,
            name,
            author.remote_id,
            author.handle,
            author.display_name,
            author.watchlist,
        )
        for author, platform, name in rows
    }


def author_dossier(
    db: Database, author_id: int, now: int, *, item_limit: int = 200
) -> AuthorDossier | None:
    with db.sessions() as session:
        ids = linked_author_ids(session, author_id)
        profiles = _profiles(session, ids)
        if author_id not in profiles:
            return None
        mine = Item.author_id.in_(ids)
        items = session.execute(
            select(Item.id, Source.platform, Item.text, Item.status, Item.rating, Item.created_at)
            .join(Source, Source.id == Item.source_id)
            .where(mine)
            .order_by(Item.created_at.desc(), Item.id.desc())
            .limit(item_limit)
        ).all()
        by_status = {
            status: int(count)
            for status, count in session.execute(
                select(Item.status, func.count()).where(mine).group_by(Item.status)
            ).all()
        }
        by_sentiment = dict.fromkeys(SENTIMENTS, 0)
        for score, count in session.execute(
            select(Item.sentiment, func.count()).where(mine).group_by(Item.sentiment)
        ).all():
            by_sentiment[sentiment_bucket(score)] += int(count)
        moderation = _moderation(session, ids)
        notes = [
            note_view(n)
            for n in session.scalars(
                select(Note).where(Note.author_id.in_(ids)).order_by(Note.created_at, Note.id)
            )
        ]
    return AuthorDossier(
        author=profiles[author_id],
        linked=tuple(profiles[i] for i in ids[1:] if i in profiles),
        items=tuple(AuthorItem(*row) for row in items),
        item_count=sum(by_status.values()),
        by_sentiment=by_sentiment,
        by_status=by_status,
        moderation=tuple(moderation),
        notes=tuple(n for n in notes if n.active(now)),
        expired_notes=tuple(n for n in notes if not n.active(now)),
        watchlist=any(p.watchlist for p in profiles.values()),
    )


def _moderation(session: Session, author_ids: list[int]) -> list[ModerationRecord]:
    queued_by = (
        select(Event.actor)
        .where(
            Event.item_id == OutboxOperation.item_id,
            Event.kind == "outbox",
            func.json_extract(Event.data, "$.op") == OutboxOperation.id,
        )
        .order_by(Event.id)
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(OutboxOperation, Item.author_id, queued_by)
        .join(Item, Item.id == OutboxOperation.item_id)
        .where(
            Item.author_id.in_(author_ids),
            OutboxOperation.kind.in_([a.value for a in MODERATION]),
        )
        .order_by(OutboxOperation.created_at.desc(), OutboxOperation.id.desc())
    ).all()
    return [
        ModerationRecord(
            op.id, op.item_id, author, op.kind, op.state, actor or "", op.created_at, op.updated_at
        )
        for op, author, actor in rows
    ]


class AuthorLinks:
    """Linking authors by hand as one person, each change in both authors' history."""

    def __init__(self, db: Database, actor: Callable[[], str], clock: Clock = system_clock):
        self._db = db
        self._actor = actor
        self._clock = clock

    def link(self, author_id: int, other_id: int) -> Change:
        if author_id == other_id:
            raise LinkError("An author cannot be linked to themselves.")
        now = self._clock()
        with self._db.transaction() as session:
            if session.get(Author, author_id) is None or session.get(Author, other_id) is None:
                raise LinkError("The author is no longer in the workspace.")
            groups = {
                row.author_id: row.group_id
                for row in session.scalars(
                    select(AuthorLink).where(AuthorLink.author_id.in_([author_id, other_id]))
                )
            }
            first, second = groups.get(author_id), groups.get(other_id)
            if first is not None and first == second:
                return Change()
            group = first if first is not None else second
            if group is None:
                group = min(author_id, other_id)
            if first is not None and second is not None:
                session.execute(
                    update(AuthorLink).where(AuthorLink.group_id == second).values(group_id=first)
                )
            for member in (author_id, other_id):
                if member not in groups:
                    session.add(
                        AuthorLink(
                            author_id=member, group_id=group, linked_by=self._actor(), linked_at=now
                        )
                    )
            for member, other in ((author_id, other_id), (other_id, author_id)):
                record_event(
                    session,
                    at=now,
                    kind="author_linked",
                    author_id=member,
                    actor=self._actor(),
                    data={"with": other},
                )
            changed = frozenset(linked_author_ids(session, author_id))
        return Change(label="link", author_ids=changed)

    def unlink(self, author_id: int) -> Change:
        """Take the author out of their group (a group of two dissolves)."""
        now = self._clock()
        with self._db.transaction() as session:
            group = session.scalar(
                select(AuthorLink.group_id).where(AuthorLink.author_id == author_id)
            )
            if group is None:
                return Change()
            members = session.scalars(select(AuthorLink).where(AuthorLink.group_id == group)).all()
            left = [m for m in members if m.author_id != author_id]
            for member in members:
                if member.author_id == author_id or len(left) < 2:
                    session.delete(member)
            record_event(
                session,
                at=now,
                kind="author_unlinked",
                author_id=author_id,
                actor=self._actor(),
                data={"from": [m.author_id for m in left]},
            )
        return Change(label="unlink", author_ids=frozenset(m.author_id for m in members))


def find_authors(db: Database, text: str, *, limit: int = 20) -> list[AuthorProfile]:
    """Authors whose name or handle holds `text`, for the "link to…" picker."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    with db.sessions() as session:
        ids = session.scalars(
            select(Author.id)
            .where(
                or_(
                    Author.display_name.like(pattern, escape="\\"),
                    Author.handle.like(pattern, escape="\\"),
                )
            )
            .order_by(Author.display_name, Author.id)
            .limit(limit)
        ).all()
        profiles = _profiles(session, list(ids))
    return [profiles[i] for i in ids if i in profiles]
