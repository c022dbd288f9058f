"""What every domain service shares: the history event it writes, and the change it returns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desktop.db.models import Event


@dataclass(frozen=True)
class Change:
    """What a mutation touched, so that each view refreshes only that."""

    item_ids: frozenset[int] = frozenset()
    counts: bool = False  # view counts may have moved
    label: str = ""
    author_ids: frozenset[int] = frozenset()  # whose dossier moved (notes, watchlist, links)

    def __bool__(self) -> bool:
        return bool(self.item_ids or self.author_ids)


def record_local(
    session: Session, item_id: int, at: int, actor: str, kind: str, data: dict[str, Any]
) -> None:
    """Append a history event for something the local user did, in the caller's transaction."""
    session.add(
        Event(
            at=at,
            item_id=item_id,
            actor_kind="local",
            actor=actor,
            kind=kind,
            data=json.dumps(data, ensure_ascii=False),
        )
    )


def record_event(
    session: Session,
    *,
    at: int,
    kind: str,
    data: dict[str, Any],
    item_id: int | None = None,
    author_id: int | None = None,
    actor_kind: str = "local",
    actor: str = "",
) -> None:
    """Append a history event on an item, an author or both, in the caller's transaction."""
    session.add(
        Event(
            at=at,
            item_id=item_id,
            author_id=author_id,
            actor_kind=actor_kind,
            actor=actor,
            kind=kind,
            data=json.dumps(data, ensure_ascii=False),
        )
    )
