"""The workspace's tables, as typed SQLAlchemy models.

Times are whole seconds since the Unix epoch (UTC): they sort and compare cheaply in SQL, and
the inbox orders hundreds of thousands of rows by them. Free-form platform details live in
JSON text columns so that a new platform does not need a migration.
"""

from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Source(Base):
    """One connected account on one platform. Its secrets live in the OS keyring only."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    account: Mapped[str] = mapped_column(String(200), default="")
    tone: Mapped[str] = mapped_column(String(16), default="formal")
    settings: Mapped[str] = mapped_column(Text, default="{}")
    sync_interval_s: Mapped[int] = mapped_column(Integer, default=300)
    backfill_days: Mapped[int] = mapped_column(Integer, default=14)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[int] = mapped_column(Integer)


class Author(Base):
    __tablename__ = "authors"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200), default="")
    display_name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    watchlist: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[int] = mapped_column(Integer)


class Context(Base):
    """What an item hangs under: a video, a post, an app version, a topic, a chat."""

    __tablename__ = "contexts"
    __table_args__ = (UniqueConstraint("source_id", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")


item_tags = Table(
    "item_tags",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_item_tags_tag", "tag_id", "item_id"),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Item(Base):
    """A comment, reply, review, mention or message; unique by (source, remote id)."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("source_id", "remote_id"),
        Index("ix_items_created", "created_at", "id"),
        Index("ix_items_status_created", "status", "created_at", "id"),
        Index("ix_items_source_created", "source_id", "created_at", "id"),
        Index("ix_items_kind_created", "kind", "created_at", "id"),
        Index("ix_items_author", "author_id", "created_at"),
        Index("ix_items_parent", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    remote_id: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("authors.id"), nullable=True)
    context_id: Mapped[int | None] = mapped_column(ForeignKey("contexts.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    app_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    device: Mapped[str | None] = mapped_column(String(128), nullable=True)
    # visible | held | hidden | deleted | spam — what the platform says.
    remote_state: Mapped[str] = mapped_column(String(16), default="visible")
    # new | open | waiting | done | snoozed | escalated — what the team says.
    status: Mapped[str] = mapped_column(String(16), default="new")
    snoozed_until: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assignee: Mapped[str | None] = mapped_column(String(100), nullable=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    sentiment: Mapped[float | None] = mapped_column(Float, nullable=True)
    spam_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    extra: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[int] = mapped_column(Integer)
    edited_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fetched_at: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[int] = mapped_column(Integer)

    tags: Mapped[list[Tag]] = relationship(secondary=item_tags, lazy="selectin")


class Event(Base):
    """The append-only history: who (local user, remote, rule, import), when, what."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_item", "item_id", "id"),
        Index("ix_events_author", "author_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), nullable=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("authors.id", ondelete="CASCADE"), nullable=True
    )
    actor_kind: Mapped[str] = mapped_column(String(16))  # local | remote | rule | import | system
    actor: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text, default="{}")


def _new_uid() -> str:
    return uuid.uuid4().hex


class Note(Base):
    """A note on an item or an author. `uid` names it on every workstation, so a note that
    comes back in a handover packet is recognised rather than copied."""

    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_item", "item_id"),
        Index("ix_notes_author", "author_id"),
        Index("ux_notes_uid", "uid", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), nullable=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("authors.id", ondelete="CASCADE"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(32), default="note")
    body: Mapped[str] = mapped_column(Text)
    for_next_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uid: Mapped[str] = mapped_column(String(32), default=_new_uid)


class CannedResponse(Base):
    __tablename__ = "canned_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    category: Mapped[str] = mapped_column(String(32))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_ru: Mapped[str] = mapped_column(String(200), default="")
    shortcut: Mapped[str | None] = mapped_column(String(50), nullable=True)
    platforms: Mapped[str] = mapped_column(Text, default="[]")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)

    variants: Mapped[list[CannedVariant]] = relationship(
        back_populates="response", cascade="all, delete-orphan", lazy="selectin"
    )


class CannedVariant(Base):
    __tablename__ = "canned_variants"
    __table_args__ = (UniqueConstraint("response_id", "language", "tone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("canned_responses.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(16))
    tone: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)

    response: Mapped[CannedResponse] = relationship(back_populates="variants")


class Draft(Base):
    """The reply being written for one item; survives switching items and restarts."""

    __tablename__ = "drafts"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[int] = mapped_column(Integer)


class OutboxOperation(Base):
    """A reply or moderation action waiting for, or done by, the platform."""

    __tablename__ = "outbox_operations"
    __table_args__ = (
        Index("ix_outbox_state", "state", "item_id", "id"),
        Index("ix_outbox_source_state", "source_id", "state", "item_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    # queued | sending | sent | failed | conflict | dropped
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    remote_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)


class SyncState(Base):
    __tablename__ = "sync_states"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    cursor: Mapped[str | None] = mapped_column(Text, nullable=True)
    watermark: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_success_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    backoff_until: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_attempt_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_rescan_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuthorLink(Base):
    """Authors linked by hand as one person (say, the same user on two platforms): every
    author of a group has a row with the same `group_id`; an unlinked author has no row."""

    __tablename__ = "author_links"
    __table_args__ = (Index("ix_author_links_group", "group_id"),)

    author_id: Mapped[int] = mapped_column(
        ForeignKey("authors.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(Integer)
    linked_by: Mapped[str] = mapped_column(String(100), default="")
    linked_at: Mapped[int] = mapped_column(Integer)


class PendingReference(Base):
    """Part of an imported handover packet about an item or author this workstation has not
    synced yet, kept until it arrives. The target is named the way every workstation can
    name it: platform, source key (the source's account, or its name if it has none) and the
    platform's own id."""

    __tablename__ = "pending_refs"
    __table_args__ = (
        Index("ix_pending_refs_target", "platform", "source_key", "kind", "remote_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))  # item | author
    platform: Mapped[str] = mapped_column(String(32))
    source_key: Mapped[str] = mapped_column(String(200))
    remote_id: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(Integer)


class Handover(Base):
    """A handover packet this workstation exported or imported."""

    __tablename__ = "handovers"
    __table_args__ = (UniqueConstraint("packet_id", "direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    packet_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(8))  # export | import
    since: Mapped[int] = mapped_column(Integer)
    until: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100), default="")  # who wrote the packet
    actor: Mapped[str] = mapped_column(String(100), default="")  # who exported or imported it
    at: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="{}")
