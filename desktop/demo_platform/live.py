"""The demo platform, alive: the demo workspace's sources served over HTTP on 127.0.0.1 by the
community server, with a simulated community that keeps writing new comments and reviews (and
sometimes edits one). Its state is saved beside the workspace, so it survives restarts."""

from __future__ import annotations

import contextlib
import json
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db.models import Author, Context, Item, Source
from desktop.demo_platform.community import Community
from desktop.demo_platform.server import CommunityServer
from desktop.workspace import Workspace
from resources import read_text, resource

STATE_FILE = "demo-platform.json"
DEMO_SYNC_INTERVAL_S = 20
EDIT_SUFFIX = {
    "en": " Update: still the same after a restart.",
    "ru": " Upd: после перезапуска всё то же самое.",
}


class DemoPlatform:
    def __init__(self, workspace: Workspace, server: CommunityServer, pace_s: float) -> None:
        self._workspace = workspace
        self.server = server
        self._pace_s = pace_s
        self._stop = threading.Event()
        self._dirty = threading.Event()
        self._thread = threading.Thread(target=self._live, name="demo-community", daemon=True)
        self._pool = _LivePool()
        self._random = random.Random()

    @classmethod
    def start(cls, workspace: Workspace, *, pace_s: float = 30.0) -> DemoPlatform:
        """Serve the workspace's demo sources; new items arrive about every `pace_s` seconds
        (0: none arrive)."""
        server = CommunityServer()
        platform = cls(workspace, server, pace_s)
        server.on_change = platform._dirty.set
        platform._load_or_seed()
        server.start()
        platform._point_sources_here()
        platform._thread.start()
        return platform

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.stop()
        self._save()

    def set_online(self, online: bool) -> None:
        self.server.set_reachable(online)

    @property
    def online(self) -> bool:
        return self.server.reachable

    # -- state ---------------------------------------------------------------------------------

    @property
    def _state_path(self) -> Path:
        return self._workspace.path / STATE_FILE

    def _demo_sources(self) -> list[Source]:
        with self._workspace.db.sessions() as session:
            sources = session.scalars(select(Source).order_by(Source.id)).all()
        return [s for s in sources if json.loads(s.settings or "{}").get("demo")]

    def _load_or_seed(self) -> None:
        saved: dict[str, Any] = {}
        with contextlib.suppress(FileNotFoundError, json.JSONDecodeError, KeyError):
            saved = json.loads(self._state_path.read_text(encoding="utf-8"))["communities"]
        for source in self._demo_sources():
            if source.platform in saved:
                self.server.add_community(Community.from_json(saved[source.platform]))
            else:
                self.server.add_community(self._seed(source))
        self._save()

    def _seed(self, source: Source) -> Community:
        """The community starts as the workspace saw it when the demo was created."""
        community = Community(source.platform, source.account, f"{source.name} team")
        with self._workspace.db.sessions() as session:
            rows = session.execute(
                select(Item, Author, Context)
                .outerjoin(Author, Author.id == Item.author_id)
                .outerjoin(Context, Context.id == Item.context_id)
                .where(Item.source_id == source.id)
                .order_by(Item.created_at, Item.id)
            ).all()
            parents: dict[int, str] = {
                row.id: row.remote_id
                for row in session.execute(
                    select(Item.id, Item.remote_id).where(Item.source_id == source.id)
                )
            }
        community.add_many(
            [_api_item(item, author, context, parents) for item, author, context in rows]
        )
        return community

    def _save(self) -> None:
        data = {"communities": {n: c.to_json() for n, c in self.server.communities.items()}}
        temporary = self._state_path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        temporary.replace(self._state_path)

    def _point_sources_here(self) -> None:
        with self._workspace.db.transaction() as session:
            for source in session.scalars(select(Source)):
                settings = json.loads(source.settings or "{}")
                if not settings.get("demo"):
                    continue
                settings.update(
                    connector="community", base_url=self.server.base_url(source.platform)
                )
                source.settings = json.dumps(settings)
                source.sync_interval_s = DEMO_SYNC_INTERVAL_S

    # -- the simulated community ---------------------------------------------------------------

    def _live(self) -> None:
        next_at = time.monotonic() + self._gap()
        while not self._stop.wait(timeout=1.0):
            if self._pace_s > 0 and time.monotonic() >= next_at:
                self._act()
                next_at = time.monotonic() + self._gap()
            if self._dirty.is_set():
                self._dirty.clear()
                self._save()

    def _gap(self) -> float:
        return self._random.uniform(0.5, 1.5) * self._pace_s

    def _act(self) -> None:
        communities = list(self.server.communities.values())
        if not communities:
            return
        community = self._random.choice(communities)
        now = int(time.time())
        live = [i for i in community.items.values() if "-live" in i["id"]]
        if live and self._random.random() < 0.1:
            target = self._random.choice(live)
            suffix = EDIT_SUFFIX.get(str(target.get("language")), EDIT_SUFFIX["en"])
            if not str(target["text"]).endswith(suffix):
                community.edit(target["id"], target["text"] + suffix, now)
                self._dirty.set()
                return
        item = self._pool.next_item(community.name, len(live), now)
        if item is not None:
            community.add(item)
            self._dirty.set()


class _LivePool:
    """New comments for each platform, from resources/demo/live.json, in a shuffled cycle."""

    def __init__(self) -> None:
        self._data = json.loads(read_text("demo", "live.json"))["platforms"]
        self._known: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def _lookups(self, platform: str) -> tuple[dict[str, Any], dict[str, Any]]:
        if platform not in self._known:
            authors: dict[str, Any] = {}
            contexts: dict[str, Any] = {}
            if resource("demo", f"{platform}.json").is_file():
                base = json.loads(read_text("demo", f"{platform}.json"))
                authors.update({a["key"]: a for a in base["authors"]})
                contexts.update({c["key"]: c for c in base["contexts"]})
            authors.update({a["key"]: a for a in self._data[platform]["authors"]})
            self._known[platform] = (authors, contexts)
        return self._known[platform]

    def next_item(self, platform: str, produced: int, now: int) -> dict[str, Any] | None:
        entries = self._data.get(platform, {}).get("items", [])
        if not entries:
            return None
        raw = entries[produced % len(entries)]
        authors, contexts = self._lookups(platform)
        author = authors.get(raw["author"], {})
        context = contexts.get(raw.get("context", ""))
        item: dict[str, Any] = {
            "id": f"{platform}-live{produced + 1}",
            "kind": raw["kind"],
            "text": raw["text"],
            "created_at": now,
            "language": raw.get("language"),
            "rating": raw.get("rating"),
            "category": raw.get("category"),
            "spam_score": 0.95 if raw.get("category") == "spam" else 0.05,
            "author": {
                "id": f"{platform}-{raw['author']}",
                "handle": author.get("handle", ""),
                "name": author.get("display_name", ""),
                "language": author.get("language"),
            },
        }
        if context:
            item["context"] = {
                "id": f"{platform}-{context['key']}",
                "kind": context["kind"],
                "title": context.get("title", ""),
                "url": context.get("url", ""),
                "detail": context.get("detail", ""),
            }
        return item


def _api_item(
    item: Item, author: Author | None, context: Context | None, parents: dict[int, str]
) -> dict[str, Any]:
    extra = json.loads(item.extra or "{}")
    return {
        "id": item.remote_id,
        "kind": item.kind,
        "text": item.text,
        "created_at": item.created_at,
        "edited_at": item.edited_at,
        "state": item.remote_state,
        "language": item.language,
        "rating": item.rating,
        "app_version": item.app_version,
        "device": item.device,
        "spam_score": item.spam_score,
        "sentiment": item.sentiment,
        "category": extra.get("demo_category"),
        "parent_id": parents.get(item.parent_id) if item.parent_id else None,
        "author": {
            "id": author.remote_id,
            "handle": author.handle,
            "name": author.display_name,
            "language": author.language,
        }
        if author
        else None,
        "context": {
            "id": context.remote_id,
            "kind": context.kind,
            "title": context.title,
            "url": context.url,
            "detail": context.detail,
        }
        if context
        else None,
    }
