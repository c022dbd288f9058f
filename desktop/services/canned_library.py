"""The answer library as a file a team shares: export, and import that merges by key.

The format (JSON, UTF-8), documented in docs/canned-format.md:

    {"format": "steward-answers", "version": 1,
     "answers": [{"key", "category", "title": {"en", "ru"}, "shortcut", "platforms",
                  "archived", "variants": [{"language", "tone", "body"}]}]}

Importing the same file twice changes nothing; a broken file changes nothing and says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.db.engine import Database
from desktop.db.models import CannedResponse, CannedVariant

FORMAT = "steward-answers"
VERSION = 1
CATEGORIES = (
    "thanks",
    "faq",
    "apology",
    "refute",
    "pass_on",
    "steps",
    "escalation",
    "rule_warning",
    "spam",
)
TONES = ("formal", "informal")


class LibraryFileError(ValueError):
    """The file cannot be imported; the message says where and why."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


def export_library(db: Database) -> dict[str, Any]:
    with db.sessions() as session:
        responses = session.scalars(select(CannedResponse).order_by(CannedResponse.key)).all()
        answers = [
            {
                "key": r.key,
                "category": r.category,
                "title": {"en": r.title_en, "ru": r.title_ru},
                "shortcut": r.shortcut,
                "platforms": json.loads(r.platforms or "[]"),
                "archived": r.archived,
                "variants": [
                    {"language": v.language, "tone": v.tone, "body": v.body}
                    for v in sorted(r.variants, key=lambda v: (v.language, v.tone))
                ],
            }
            for r in responses
        ]
    return {"format": FORMAT, "version": VERSION, "answers": answers}


def import_library(db: Database, data: Any, now: int) -> ImportResult:
    answers = _validated(data)
    added = updated = unchanged = 0
    with db.transaction() as session:
        existing = {r.key: r for r in session.scalars(select(CannedResponse))}
        for answer in answers:
            response = existing.get(answer["key"])
            if response is None:
                response = CannedResponse(key=answer["key"], created_at=now, usage_count=0)
                session.add(response)
                added += 1
            elif _same(response, answer):
                unchanged += 1
                continue
            else:
                updated += 1
            response.category = answer["category"]
            response.title_en = answer["title"].get("en", "")
            response.title_ru = answer["title"].get("ru", "")
            response.shortcut = answer.get("shortcut") or None
            response.platforms = json.dumps(answer.get("platforms") or [])
            response.archived = bool(answer.get("archived", False))
            response.variants.clear()
            session.flush()  # the old variants go before the new ones (unique per language)
            response.variants = [
                CannedVariant(language=v["language"], tone=v["tone"], body=v["body"])
                for v in answer["variants"]
            ]
    return ImportResult(added, updated, unchanged)


def _same(response: CannedResponse, answer: dict[str, Any]) -> bool:
    mine = {(v.language, v.tone, v.body) for v in response.variants}
    theirs = {(v["language"], v["tone"], v["body"]) for v in answer["variants"]}
    return (
        response.category == answer["category"]
        and response.title_en == answer["title"].get("en", "")
        and response.title_ru == answer["title"].get("ru", "")
        and response.shortcut == (answer.get("shortcut") or None)
        and json.loads(response.platforms or "[]") == (answer.get("platforms") or [])
        and response.archived == bool(answer.get("archived", False))
        and mine == theirs
    )


def _validated(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LibraryFileError("This is not a Steward answer library file.")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise LibraryFileError(
            f"The file is format version {version}; this Steward reads up to {VERSION}. "
            "Update Steward to import it."
        )
    answers = data.get("answers")
    if not isinstance(answers, list):
        raise LibraryFileError("The file has no list of answers.")
    seen_keys: set[str] = set()
    seen_shortcuts: set[str] = set()
    for n, answer in enumerate(answers, start=1):
        where = f"Answer {n}"
        if not isinstance(answer, dict):
            raise LibraryFileError(f"{where} is not an object.")
        key = answer.get("key")
        if not isinstance(key, str) or not key.strip() or len(key) > 100:
            raise LibraryFileError(f"{where} has no valid key.")
        where = f"Answer {n} ({key})"
        if key in seen_keys:
            raise LibraryFileError(f"{where} appears twice.")
        seen_keys.add(key)
        if answer.get("category") not in CATEGORIES:
            raise LibraryFileError(
                f"{where} has an unknown category; use one of {', '.join(CATEGORIES)}."
            )
        title = answer.get("title")
        if not isinstance(title, dict) or not any(isinstance(t, str) and t for t in title.values()):
            raise LibraryFileError(f"{where} has no title.")
        shortcut = answer.get("shortcut")
        if shortcut is not None:
            if not isinstance(shortcut, str) or not shortcut.replace("-", "").isalnum():
                raise LibraryFileError(f"{where} has a shortcut that is not one word.")
            if shortcut.lower() in seen_shortcuts:
                raise LibraryFileError(f"{where} reuses the shortcut ;{shortcut}.")
            seen_shortcuts.add(shortcut.lower())
        platforms = answer.get("platforms", [])
        if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms):
            raise LibraryFileError(f"{where} has a platforms entry that is not a list of names.")
        variants = answer.get("variants")
        if not isinstance(variants, list) or not variants:
            raise LibraryFileError(f"{where} has no variants.")
        pairs = set()
        for variant in variants:
            if (
                not isinstance(variant, dict)
                or not isinstance(variant.get("language"), str)
                or variant.get("tone") not in TONES
                or not isinstance(variant.get("body"), str)
                or not variant["body"].strip()
            ):
                raise LibraryFileError(
                    f"{where} has a variant without a language, a tone "
                    f"({' or '.join(TONES)}) and a text."
                )
            pair = (variant["language"], variant["tone"])
            if pair in pairs:
                raise LibraryFileError(f"{where} has two {pair[0]} {pair[1]} variants.")
            pairs.add(pair)
    return answers
