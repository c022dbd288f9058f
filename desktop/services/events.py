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

    def __bool__(self) -> bool:
        return bool(self.item_ids)


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
