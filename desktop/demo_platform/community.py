"""One community's state on the simulated platform: its items, in creation order, and what it
was asked to do. Thread-safe; serialisable so that the demo survives restarts."""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import Counter
from typing import Any

MODERATION_STATE = {
    "approve": "visible",
    "hide": "hidden",
    "spam": "spam",
    "delete": "deleted",
    "ban": "hidden",
}


class Community:
    def __init__(self, name: str, account: str, display_name: str = "") -> None:
        self.name = name
        self.account = account
        self.display_name = display_name or account
        self.lock = threading.RLock()
        self.items: dict[str, dict[str, Any]] = {}
        self._order: list[tuple[int, int, str]] = []  # (created_at, seq, id), sorted
        self._seq = itertools.count(1)
        self.banned: set[str] = set()
        # What the platform received: every write request it processed, by idempotency key.
        self.received: Counter[str] = Counter()
        self._results: dict[str, dict[str, Any]] = {}
        self.access_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()

    # -- contents ------------------------------------------------------------------------------

    def add(self, item: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            seq = next(self._seq)
            stored = {"state": "visible", "seq": seq, **item}
            self.items[stored["id"]] = stored
            bisect.insort(self._order, (int(stored["created_at"]), seq, stored["id"]))
            return stored

    def add_many(self, items: list[dict[str, Any]]) -> None:
        with self.lock:
            for item in items:
                seq = next(self._seq)
                stored = {"state": "visible", "seq": seq, **item}
                self.items[stored["id"]] = stored
                self._order.append((int(stored["created_at"]), seq, stored["id"]))
            self._order.sort()

    def edit(self, item_id: str, text: str, at: int) -> None:
        with self.lock:
            self.items[item_id]["text"] = text
            self.items[item_id]["edited_at"] = at

    def remove(self, item_id: str) -> None:
        """The item is deleted on the platform (by its author or another moderator)."""
        with self.lock:
            self.items[item_id]["state"] = "deleted"

    def get(self, item_id: str) -> dict[str, Any] | None:
        with self.lock:
            item = self.items.get(item_id)
            if item is None or item["state"] == "deleted":
                return None
            return self._public(item)

    def page(self, since: int | None, after: str | None, limit: int) -> dict[str, Any]:
        """Items in creation order after a cursor "created_at:seq" (or from `since`)."""
        with self.lock:
            if after:
                created, seq = (int(part) for part in after.split(":", 1))
                start = bisect.bisect_right(self._order, (created, seq, "\U0010ffff"))
            else:
                start = bisect.bisect_left(self._order, (since or 0, 0, ""))
            chosen: list[dict[str, Any]] = []
            position = start
            last: tuple[int, int, str] | None = None
            while position < len(self._order) and len(chosen) < limit:
                key = self._order[position]
                position += 1
                last = key
                item = self.items[key[2]]
                if item["state"] != "deleted":
                    chosen.append(self._public(item))
            if last is None:
                cursor = after or f"{max((since or 0) - 1, 0)}:{2**62}"
            else:
                cursor = f"{last[0]}:{last[1]}"
            return {"items": chosen, "cursor": cursor, "more": position < len(self._order)}

    def replies(self, item_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [
                self._public(i)
                for i in self.items.values()
                if i.get("parent_id") == item_id and i["state"] != "deleted"
            ]

    def _public(self, item: dict[str, Any]) -> dict[str, Any]:
        public = {k: v for k, v in item.items() if k != "seq"}
        author = public.get("author")
        if author:
            public["author"] = {**author, "banned": author.get("id") in self.banned}
        return public

    # -- writes from moderators ----------------------------------------------------------------

    def reply(self, item_id: str, text: str, key: str, at: int) -> dict[str, Any] | None:
        """Post a reply; the same idempotency key twice yields the first result."""
        with self.lock:
            self.received[key] += 1
            if key in self._results:
                return self._results[key]
            parent = self.items.get(item_id)
            if parent is None or parent["state"] == "deleted":
                return None
            reply = self.add(
                {
                    "id": f"{self.name}-r{len(self.items) + 1}",
                    "kind": "reply",
                    "text": text,
                    "created_at": at,
                    "parent_id": item_id,
                    "context": parent.get("context"),
                    "language": parent.get("language"),
                    "author": {
                        "id": f"{self.name}-self",
                        "handle": self.account,
                        "name": self.display_name,
                    },
                }
            )
            result = {"id": reply["id"], "created_at": at}
            self._results[key] = result
            return result

    def moderate(self, item_id: str, action: str, key: str) -> dict[str, Any] | None:
        with self.lock:
            self.received[key] += 1
            if key in self._results:
                return self._results[key]
            item = self.items.get(item_id)
            if item is None or item["state"] == "deleted":
                return None
            item["state"] = MODERATION_STATE[action]
            if action == "ban" and item.get("author"):
                self.banned.add(item["author"]["id"])
            result = {"state": item["state"]}
            self._results[key] = result
            return result

    # -- persistence ---------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "name": self.name,
                "account": self.account,
                "display_name": self.display_name,
                "items": [self.items[key[2]] for key in self._order],
                "banned": sorted(self.banned),
                "results": self._results,
            }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Community:
        community = cls(data["name"], data["account"], data.get("display_name", ""))
        community.add_many([{k: v for k, v in i.items() if k != "seq"} for i in data["items"]])
        community.banned = set(data.get("banned", []))
        community._results = dict(data.get("results", {}))
        return community
