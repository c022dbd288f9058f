"""Redaction: every author the packet names becomes "Author 1", "Author 2", ... everywhere,
inside free text too (an item's snippet, a note's body, the moderator's note, an error).

Pseudonyms are stable within a packet: the same author gets the same number in every section.
A redacted packet keeps no author reference, so its author notes and watchlist cannot be
merged on import (item notes, assignments and escalations still can).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

FREE_TEXT = ("snippet", "body", "note", "error")
MIN_NAME_LENGTH = 2
# A word of a name this long is also found with another ending ("Анна" in "Анне", "Петрова"
# in "Петровой", "John" in "Johnny"): names decline in Russian, and a redacted note must not
# keep them. Some unrelated words that share the stem are hidden too; that is the safe side.
MIN_STEM_WORD = 4
ENDING = r"\w{0,3}"


def _author_records(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "author" and isinstance(inner, dict):
                yield inner
            else:
                yield from _author_records(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _author_records(inner)


def _identity(author: dict[str, Any]) -> tuple[str, ...]:
    where = author.get("ref") or {}
    return (
        str(where.get("platform", "")),
        str(where.get("source", "")),
        str(where.get("remote_id", "")),
        str(author.get("name", "")),
        str(author.get("handle", "")),
    )


class Pseudonyms:
    def __init__(self, authors: list[dict[str, Any]]):
        self.by_identity: dict[tuple[str, ...], str] = {}
        for author in sorted(authors, key=_identity):
            identity = _identity(author)
            if identity not in self.by_identity:
                self.by_identity[identity] = f"Author {len(self.by_identity) + 1}"
        # A name two authors share (the same person on two sources, say) takes the first's.
        spelled: dict[str, str] = {}
        for author in sorted(authors, key=_identity):
            alias = self.by_identity[_identity(author)]
            handle = str(author.get("handle", ""))
            for name in (str(author.get("name", "")), handle, handle.lstrip("@")):
                if len(name.strip()) >= MIN_NAME_LENGTH:
                    spelled.setdefault(name.strip().casefold(), alias)
        self._spelled = spelled
        names = sorted(spelled, key=len, reverse=True)  # "Anna Petrova" before "Anna"
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
            )
            if names
            else None
        )
        stems: dict[str, str] = {}
        for name, alias in spelled.items():
            for word in re.findall(r"\w+", name):
                if len(word) >= MIN_STEM_WORD:
                    stems.setdefault(word[: -2 if len(word) >= 6 else -1], alias)
        self._stems = stems
        self._stem_pattern = (
            re.compile(
                r"(?<!\w)("
                + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
                + r")"
                + ENDING
                + r"(?!\w)",
                re.IGNORECASE,
            )
            if stems
            else None
        )

    def text(self, value: str) -> str:
        if self._pattern is not None:
            value = self._pattern.sub(
                lambda m: self._spelled.get(m.group(0).casefold(), "…"), value
            )
        if self._stem_pattern is not None:
            value = self._stem_pattern.sub(
                lambda m: self._stems.get(m.group(1).casefold(), "…"), value
            )
        return value


def redact_packet(packet: dict[str, Any]) -> dict[str, Any]:
    redacted = copy.deepcopy(packet)
    records = list(_author_records(redacted))
    pseudonyms = Pseudonyms(records)
    # A record may appear in several places (one object): name it before rewriting any.
    aliases = {id(r): pseudonyms.by_identity[_identity(r)] for r in records}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "author" and isinstance(inner, dict):
                    inner.update(ref=None, name=aliases[id(inner)], handle="")
                elif key in FREE_TEXT and isinstance(inner, str):
                    value[key] = pseudonyms.text(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
        return value

    result: dict[str, Any] = walk(redacted)
    result["redacted"] = True
    return result
