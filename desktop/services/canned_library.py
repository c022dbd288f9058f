"""The answer library as a file a team shares: export, and import that merges by key.

The format (JSON or YAML, UTF-8), documented in docs/canned-format.md:

    {"format": "steward-answers", "version": 1,
     "answers": [{"key", "category", "title": {"en", "ru"}, "shortcut", "platforms",
                  "archived", "variants": [{"language", "tone", "body"}]}]}

Importing the same file twice changes nothing; a broken file changes nothing and says why.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from desktop.db.engine import Database
from desktop.db.models import CannedResponse, CannedVariant

FORMAT = "steward-answers"
VERSION = 1
CATEGORIES = (
    # The three moves for negative feedback first: refute a false claim with facts; thank and
    # pass on a real flaw that cannot be fixed now; give the steps for a problem the user can fix.
    "refute",
    "pass_on",
    "steps",
    "thanks",
    "faq",
    "apology",
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


FILE_FORMATS = ("json", "yaml")


def file_format(path: Path | str) -> str:
    """ "yaml" for a .yaml or .yml file name, else "json"."""
    return "yaml" if Path(path).suffix.lower() in (".yaml", ".yml") else "json"


def library_text(data: dict[str, Any], fmt: str) -> str:
    if fmt == "yaml":
        # Block style, keys in the documented order, and long bodies kept readable.
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def parse_library(text: str, fmt: str) -> Any:
    """The file's content as data; a file that is not valid JSON or YAML raises
    LibraryFileError saying where. Only plain data is read from YAML (no tags, no objects)."""
    try:
        if fmt == "yaml":
            return yaml.safe_load(text)
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise LibraryFileError(
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise LibraryFileError(f"The file is not valid YAML{where}.") from None


def _as_data(r: CannedResponse) -> dict[str, Any]:
    return {
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


def export_library(db: Database) -> dict[str, Any]:
    with db.sessions() as session:
        responses = session.scalars(select(CannedResponse).order_by(CannedResponse.key)).all()
        answers = [_as_data(r) for r in responses]
    return {"format": FORMAT, "version": VERSION, "answers": answers}


# -- managing the library one answer at a time (the library dialog) ----------------------


@dataclass(frozen=True)
class LibraryEntry:
    id: int
    key: str
    category: str
    title_en: str
    title_ru: str
    shortcut: str | None
    archived: bool
    usage_count: int
    last_used_at: int | None

    def title(self, language: str) -> str:
        return (self.title_ru if language == "ru" else self.title_en) or self.title_en


def list_library(
    db: Database, text: str = "", category: str | None = None, *, archived: bool = False
) -> list[LibraryEntry]:
    """Answers in a category (None: all), matching `text` in a title, shortcut or body;
    archived ones only when `archived`. Most used first."""
    query = select(CannedResponse).where(CannedResponse.archived.is_(archived))
    if category:
        query = query.where(CannedResponse.category == category)
    matching = text_filter(text)
    if matching is not None:
        query = query.where(matching)
    query = query.order_by(CannedResponse.usage_count.desc(), CannedResponse.title_en)
    with db.sessions() as session:
        return [
            LibraryEntry(
                r.id,
                r.key,
                r.category,
                r.title_en,
                r.title_ru,
                r.shortcut,
                r.archived,
                r.usage_count,
                r.last_used_at,
            )
            for r in session.scalars(query)
        ]


def text_filter(text: str, *, category: bool = False) -> ColumnElement[bool] | None:
    """Answers holding `text` in a title, the shortcut or a variant's body (and the category's
    code, with `category`); None for no text."""
    needle = text.strip()
    if not needle:
        return None
    like = f"%{needle}%"
    fields = [CannedResponse.title_en, CannedResponse.title_ru, CannedResponse.shortcut]
    if category:
        fields.append(CannedResponse.category)
    return or_(
        *(field.ilike(like) for field in fields),
        CannedResponse.id.in_(
            select(CannedVariant.response_id).where(CannedVariant.body.ilike(like))
        ),
    )


def category_counts(db: Database) -> dict[str, int]:
    """Answers in use per category, and archived ones under "archived"."""
    with db.sessions() as session:
        rows = session.execute(
            select(CannedResponse.category, CannedResponse.archived, func.count()).group_by(
                CannedResponse.category, CannedResponse.archived
            )
        ).all()
    counts: dict[str, int] = {}
    for category, is_archived, count in rows:
        name = "archived" if is_archived else category
        counts[name] = counts.get(name, 0) + count
    return counts


def load_answer(db: Database, answer_id: int) -> dict[str, Any] | None:
    """One answer in the file's shape, for editing."""
    with db.sessions() as session:
        response = session.get(CannedResponse, answer_id)
        return _as_data(response) if response is not None else None


def new_key(db: Database, title: str) -> str:
    """A key for a new answer, from its title, not used yet."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60] or "answer"
    with db.sessions() as session:
        taken = set(
            session.scalars(select(CannedResponse.key).where(CannedResponse.key.like(f"{base}%")))
        )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def save_answer(db: Database, answer: dict[str, Any], now: int) -> int:
    """Create or replace one answer (matched by key), checked like a file's answer and for a
    shortcut another answer already has. Usage counts stay. Returns the answer's id."""
    key = validate_answer(answer, "The answer")
    shortcut = answer.get("shortcut") or None
    with db.transaction() as session:
        if shortcut:
            other = session.scalar(
                select(CannedResponse.title_en).where(
                    func.lower(CannedResponse.shortcut) == shortcut.lower(),
                    CannedResponse.key != key,
                )
            )
            if other is not None:
                raise LibraryFileError(f"The shortcut ;{shortcut} is already used by “{other}”.")
        response = session.scalar(select(CannedResponse).where(CannedResponse.key == key))
        if response is None:
            response = CannedResponse(key=key, created_at=now, usage_count=0)
            session.add(response)
        _apply(session, response, answer)
        session.flush()
        return response.id


def set_archived(db: Database, answer_id: int, archived: bool) -> None:
    """Archived answers are kept (and exported) but not offered or suggested."""
    with db.transaction() as session:
        response = session.get(CannedResponse, answer_id)
        if response is not None:
            response.archived = archived


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
            _apply(session, response, answer)
    return ImportResult(added, updated, unchanged)


def _apply(session: Session, response: CannedResponse, answer: dict[str, Any]) -> None:
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
        key = validate_answer(answer, f"Answer {n}")
        where = f"Answer {n} ({key})"
        if key in seen_keys:
            raise LibraryFileError(f"{where} appears twice.")
        seen_keys.add(key)
        shortcut = answer.get("shortcut")
        if shortcut:
            if shortcut.lower() in seen_shortcuts:
                raise LibraryFileError(f"{where} reuses the shortcut ;{shortcut}.")
            seen_shortcuts.add(shortcut.lower())
    return answers


def validate_answer(answer: Any, where: str) -> str:
    """One answer in the file's shape checked on its own; its key, or LibraryFileError naming
    `where` and what is wrong."""
    if not isinstance(answer, dict):
        raise LibraryFileError(f"{where} is not an object.")
    key = answer.get("key")
    if not isinstance(key, str) or not key.strip() or len(key) > 100:
        raise LibraryFileError(f"{where} has no valid key.")
    where = f"{where} ({key})"
    if answer.get("category") not in CATEGORIES:
        raise LibraryFileError(
            f"{where} has an unknown category; use one of {', '.join(CATEGORIES)}."
        )
    title = answer.get("title")
    if not isinstance(title, dict) or not any(isinstance(t, str) and t for t in title.values()):
        raise LibraryFileError(f"{where} has no title.")
    shortcut = answer.get("shortcut")
    if shortcut is not None and (
        not isinstance(shortcut, str) or not shortcut.replace("-", "").isalnum()
    ):
        raise LibraryFileError(f"{where} has a shortcut that is not one word.")
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
    return key
