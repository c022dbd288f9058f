"""The demo workspace: a fictional brand's community on seven platforms, built from the JSON
files in resources/demo so that a new user sees the whole loop without an account."""

from __future__ import annotations

import json
import random
from typing import Any

from sqlalchemy import func, select, update

from desktop.db.engine import Database
from desktop.db.models import CannedResponse, CannedVariant, Event, Item, Source
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem, ingest_batch
from desktop.settings import Settings
from resources import read_text, resource

PLATFORM_FILES = ("youtube", "google_play", "app_store", "vk", "telegram", "mastodon", "discourse")
PREVIOUS_SHIFT = "Anna K."
PRODUCT = "Lumo Planner"


def needs_demo_data(db: Database) -> bool:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Source)) == 0


def load_demo(db: Database, settings: Settings, now: int) -> int:
    """Fill an empty workspace with the demo community; returns how many items it holds."""
    total = 0
    for name in PLATFORM_FILES:
        if not resource("demo", f"{name}.json").is_file():
            continue
        total += _load_platform(db, json.loads(read_text("demo", f"{name}.json")), settings, now)
    load_demo_answers(db, now)
    _previous_shift(db, now)
    return total


def _load_platform(db: Database, data: dict[str, Any], settings: Settings, now: int) -> int:
    source_data = data["sources"][0]
    with db.transaction() as session:
        source = Source(
            platform=source_data["platform"],
            name=source_data["name"],
            account=source_data.get("account", ""),
            tone=source_data.get("tone", "formal"),
            settings=json.dumps({"demo": True, "product": PRODUCT, "connector": "community"}),
            created_at=now,
        )
        session.add(source)
        session.flush()
        source_id = source.id
    platform = source_data["platform"]
    authors = {
        a["key"]: RemoteAuthor(
            f"{platform}-{a['key']}",
            a.get("handle", ""),
            a.get("display_name", ""),
            a.get("language"),
        )
        for a in data["authors"]
    }
    contexts = {
        c["key"]: RemoteContext(
            f"{platform}-{c['key']}",
            c["kind"],
            c.get("title", ""),
            c.get("url", ""),
            c.get("detail", ""),
        )
        for c in data["contexts"]
    }
    items = []
    # Parents first, so that a reply's parent exists when the reply is linked to it.
    for raw in sorted(data["items"], key=lambda i: -int(i["minutes_ago"])):
        category = raw.get("category", "neutral")
        items.append(
            RemoteItem(
                remote_id=f"{platform}-{raw['key']}",
                kind=raw["kind"],
                text=raw["text"],
                created_at=now - int(raw["minutes_ago"]) * 60,
                author=authors.get(raw.get("author") or ""),
                context=contexts.get(raw.get("context") or ""),
                parent_remote_id=f"{platform}-{raw['parent']}" if raw.get("parent") else None,
                language=raw.get("language"),
                rating=raw.get("rating"),
                app_version=raw.get("app_version"),
                device=raw.get("device"),
                remote_state=raw.get("remote_state", "visible"),
                sentiment=raw.get("sentiment"),
                # The demo's simulated spam filter: its verdicts come from the demo's own labels.
                spam_score=0.95 if category == "spam" else 0.05,
                extra={"demo_category": category},
            )
        )
    result = ingest_batch(
        db, source_id, items, now=now, sla_seconds=settings.reply_sla_hours * 3600
    )
    with db.transaction() as session:
        session.execute(
            update(Item)
            .where(Item.source_id == source_id, Item.extra.like('%"team_reply"%'))
            .values(status="done")
        )
    return len(result.inserted)


def load_demo_answers(db: Database, now: int) -> None:
    """The demo's library of prepared answers."""
    data = json.loads(read_text("demo", "canned.json"))
    with db.transaction() as session:
        for raw in data["responses"]:
            response = CannedResponse(
                key=raw["key"],
                category=raw["category"],
                title_en=raw["title"].get("en", ""),
                title_ru=raw["title"].get("ru", ""),
                shortcut=raw.get("shortcut"),
                platforms=json.dumps(raw.get("platforms", [])),
                created_at=now,
            )
            response.variants = [
                CannedVariant(language=v["language"], tone=v["tone"], body=v["body"])
                for v in raw["variants"]
            ]
            session.add(response)


def _previous_shift(db: Database, now: int) -> None:
    """The demo starts mid-week: the previous shift already handled its older items."""
    chooser = random.Random(7)
    with db.transaction() as session:
        old = session.scalars(
            select(Item)
            .where(Item.status == "new", Item.created_at < now - 3 * 86400)
            .order_by(Item.id)
        ).all()
        for item in old:
            roll = chooser.random()
            if roll < 0.55:
                after = "done"
            elif roll < 0.6:
                after = "escalated"
            elif roll < 0.68:
                after = "waiting"
            else:
                continue
            at = min(now - 3600, item.created_at + chooser.randint(600, 86400))
            session.add(
                Event(
                    at=at,
                    item_id=item.id,
                    actor_kind="local",
                    actor=PREVIOUS_SHIFT,
                    kind="status",
                    data=json.dumps({"before": "new", "after": after}),
                )
            )
            item.status = after
            if after == "escalated":
                item.assignee = PREVIOUS_SHIFT
