"""The canned-response library: finding answers, picking the variant that fits an item, filling
it in, and recording its use."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select

from desktop.clock import Clock, system_clock
from desktop.db.engine import Database
from desktop.db.models import CannedResponse, Source
from desktop.item_detail import ItemDetail
from desktop.services.canned_library import text_filter
from desktop.services.events import Change, record_local
from desktop.templates import PLACEHOLDER, Rendered, markup_for, render

PLATFORM_NAMES = {
    "youtube": "YouTube",
    "google_play": "Google Play",
    "app_store": "App Store",
    "vk": "VK",
    "telegram": "Telegram",
    "mastodon": "Mastodon",
    "discourse": "Discourse",
    "matrix": "Matrix",
    "isso": "Isso",
    "waline": "Waline",
    "demo": "Demo",
}
_NAME_LIKE = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)?$")


@dataclass(frozen=True)
class CannedSummary:
    id: int
    key: str
    category: str
    title_en: str
    title_ru: str
    shortcut: str | None
    usage_count: int
    variants: tuple[tuple[str, str, str], ...]  # (language, tone, body)
    platforms: tuple[str, ...] = ()  # meant only for these platforms (empty: any)

    def title(self, language: str) -> str:
        return (self.title_ru if language == "ru" else self.title_en) or self.title_en

    def variant(self, language: str | None, tone: str) -> str:
        """The body for the reader's language and the source's tone, with sensible steps down."""
        language = language or "en"
        for wanted in ((language, tone), (language, None), ("en", tone), ("en", None)):
            for lang, variant_tone, body in self.variants:
                if lang == wanted[0] and (wanted[1] is None or variant_tone == wanted[1]):
                    return body
        return self.variants[0][2] if self.variants else ""


def first_name(display_name: str) -> str | None:
    """The first word of a display name when it looks like a given name (not a handle)."""
    words = display_name.split()
    if not words or not _NAME_LIKE.match(words[0]):
        return None
    return words[0]


def placeholder_values(
    item: ItemDetail,
    agent: str,
    product: str,
    now: int,
    custom: dict[str, str] | None = None,
) -> dict[str, str | None]:
    """The values an answer can name: the item's and the source's, then the source's own
    custom fields (settings `fields`), which never replace a built-in name."""
    day = datetime.fromtimestamp(now, UTC)
    return {
        **(custom or {}),
        "author": item.author_name or None,
        "first_name": first_name(item.author_name),
        "product": product or None,
        "platform": PLATFORM_NAMES.get(item.platform, item.platform),
        "rating": str(item.rating) if item.rating else None,
        "agent": agent or None,
        "date": day.strftime("%d.%m.%Y") if item.language == "ru" else day.strftime("%b %d, %Y"),
    }


def source_fields(settings_json: str) -> tuple[str, dict[str, str]]:
    """A source's product name and custom fields from its settings, ignoring what is not a
    usable placeholder name or a string."""
    try:
        settings = json.loads(settings_json or "{}")
    except ValueError:
        return "", {}
    if not isinstance(settings, dict):
        return "", {}
    product = settings.get("product")
    fields = settings.get("fields")
    custom = {
        name: value
        for name, value in (fields.items() if isinstance(fields, dict) else ())
        if isinstance(name, str)
        and isinstance(value, str)
        and PLACEHOLDER.fullmatch("{" + name + "}")
        and not name.startswith("?")
    }
    return (product if isinstance(product, str) else ""), custom


class CannedService:
    def __init__(
        self,
        db: Database,
        actor: Callable[[], str],
        clock: Clock = system_clock,
        product: str = "",
    ):
        self._db = db
        self._actor = actor
        self._clock = clock
        self.product = product

    def search(
        self, text: str = "", platform: str | None = None, limit: int = 200
    ) -> list[CannedSummary]:
        query = select(CannedResponse).where(CannedResponse.archived.is_(False))
        matching = text_filter(text, category=True)
        if matching is not None:
            query = query.where(matching)
        query = query.order_by(CannedResponse.usage_count.desc(), CannedResponse.title_en)
        with self._db.sessions() as session:
            responses = session.scalars(query.limit(limit)).all()
            result = []
            for response in responses:
                platforms = json.loads(response.platforms or "[]")
                if platform and platforms and platform not in platforms:
                    continue
                result.append(_summary(response))
        return result

    def get(self, answer_id: int) -> CannedSummary | None:
        with self._db.sessions() as session:
            response = session.get(CannedResponse, answer_id)
            return _summary(response) if response is not None else None

    def by_shortcut(self, shortcut: str) -> CannedSummary | None:
        """The answer a composer shortcut (`;thanks` → "thanks") names, if any."""
        with self._db.sessions() as session:
            response = session.scalars(
                select(CannedResponse).where(
                    CannedResponse.archived.is_(False),
                    func.lower(CannedResponse.shortcut) == shortcut.strip().lower(),
                )
            ).first()
            return _summary(response) if response is not None else None

    def fill(self, response: CannedSummary, item: ItemDetail) -> Rendered:
        """The variant for the item's language and its source's tone, filled in for it, with
        values escaped for the markup its platform renders."""
        return self.preview(response.variant(item.language, item.tone), item)

    def preview(self, body: str, item: ItemDetail) -> Rendered:
        """`body` filled in for `item`, as an answer being edited would be."""
        with self._db.sessions() as session:
            settings = session.scalar(select(Source.settings).where(Source.id == item.source_id))
        product, custom = source_fields(settings or "{}")
        values = placeholder_values(
            item, self._actor(), product or self.product, self._clock(), custom
        )
        return render(body, values, markup=markup_for(item.platform))

    def record_use(self, response_id: int, item_id: int) -> Change:
        now = self._clock()
        with self._db.transaction() as session:
            response = session.get(CannedResponse, response_id)
            if response is None:
                return Change()
            response.usage_count += 1
            response.last_used_at = now
            record_local(
                session,
                item_id,
                now,
                self._actor(),
                "canned_used",
                {"key": response.key, "title": response.title_en, "title_ru": response.title_ru},
            )
        return Change(frozenset({item_id}), label="canned")

    def record_sent(self, item_id: int, used: Sequence[tuple[int, str]], sent: str) -> Change:
        """A reply built from answers was queued: for each answer used, what was inserted and
        how the moderator changed it before sending (words added and removed)."""
        if not used:
            return Change()
        now = self._clock()
        sent_words = sent.split()
        with self._db.transaction() as session:
            for response_id, inserted in used:
                response = session.get(CannedResponse, response_id)
                if response is None:
                    continue
                added, removed = word_changes(inserted.split(), sent_words)
                record_local(
                    session,
                    item_id,
                    now,
                    self._actor(),
                    "canned_sent",
                    {
                        "key": response.key,
                        "title": response.title_en,
                        "title_ru": response.title_ru,
                        "inserted": inserted,
                        "words_added": added,
                        "words_removed": removed,
                    },
                )
        return Change(frozenset({item_id}), label="canned")


def word_changes(before: Sequence[str], after: Sequence[str]) -> tuple[int, int]:
    """How many words `after` adds to `before`, and how many of `before` it drops."""
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _summary(response: CannedResponse) -> CannedSummary:
    return CannedSummary(
        response.id,
        response.key,
        response.category,
        response.title_en,
        response.title_ru,
        response.shortcut,
        response.usage_count,
        tuple((v.language, v.tone, v.body) for v in response.variants),
        tuple(json.loads(response.platforms or "[]")),
    )
