"""Which column of a file holds which of Steward's fields.

A mapping goes from a Steward field to a column (or JSON key) of the file. It starts from the
names: an exact or near match, or a usual synonym ("body" for text, "stars" for rating), each
column used once; the user corrects it with `--map COLUMN=FIELD` or the dialog's combos.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

from desktop.importer.formats import FIELD_NAMES, REQUIRED_FIELDS
from desktop.importer.reader import ImportFailed

SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "reviewid", "commentid", "uid", "key", "guid"),
    "created_at": (
        "createdat",
        "created",
        "date",
        "datetime",
        "time",
        "timestamp",
        "submitted",
        "submittedat",
        "postedat",
        "published",
        "publishedat",
        "reviewdate",
    ),
    "text": ("text", "body", "content", "comment", "review", "reviewtext", "message"),
    "rating": ("rating", "stars", "starrating", "score"),
    "author": ("author", "authorname", "name", "user", "username", "reviewer", "nickname"),
    "author_id": ("authorid", "userid", "reviewerid"),
    "language": ("language", "lang", "locale", "reviewerlanguage"),
    "app_version": ("appversion", "version", "appversionname"),
    "device": ("device", "devicemodel", "model"),
    "territory": ("territory", "country", "region", "storefront"),
    "title": ("title", "subject", "headline", "reviewtitle"),
    "reply_text": ("replytext", "reply", "developerreply", "response", "answer"),
    "reply_at": ("replyat", "replydate", "repliedat", "responsedate", "replytime"),
    "url": ("url", "link", "permalink", "reviewlink"),
    "kind": ("kind", "type"),
}
# Below this a name is too far from every field to guess.
SIMILARITY_FLOOR = 0.8


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _score(field: str, column: str) -> float:
    name = _normal(column)
    if not name:
        return 0.0
    if name == _normal(field):
        return 1.0
    if name in SYNONYMS.get(field, ()):
        return 0.9
    best = max(difflib.SequenceMatcher(None, name, s).ratio() for s in SYNONYMS[field])
    return best * 0.85 if best >= SIMILARITY_FLOOR else 0.0


def suggest_mapping(columns: Sequence[str]) -> dict[str, str]:
    """Steward field -> column, by name similarity; each column serves one field at most."""
    candidates = sorted(
        (
            (_score(field, column), -n, field, column)
            for field in FIELD_NAMES
            for n, column in enumerate(columns)
        ),
        reverse=True,
    )
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for score, _order, field, column in candidates:
        if score <= 0 or field in mapping or column in used:
            continue
        mapping[field] = column
        used.add(column)
    return {field: mapping[field] for field in FIELD_NAMES if field in mapping}


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """`--map COLUMN=FIELD` options as field -> column. The column may itself hold “=”."""
    chosen: dict[str, str] = {}
    for option in options:
        column, sep, field = option.rpartition("=")
        field = field.strip()
        if not sep or not column.strip():
            raise ImportFailed(f"--map needs COLUMN=FIELD, not {option!r}.")
        if field not in FIELD_NAMES:
            raise ImportFailed(
                f"--map {option!r}: Steward has no field {field!r}; the fields are "
                f"{', '.join(FIELD_NAMES)}."
            )
        chosen[field] = column.strip()
    return chosen


def apply_overrides(
    suggested: Mapping[str, str], chosen: Mapping[str, str], columns: Sequence[str]
) -> dict[str, str]:
    """The suggestion with the user's choices on top: a column chosen for a field is taken
    away from any other field it was guessed for."""
    known = set(columns)
    for field, column in chosen.items():
        if column not in known:
            raise ImportFailed(
                f"The file has no column {column!r} (for {field}); it has: {', '.join(columns)}."
            )
    taken = set(chosen.values())
    mapping = {f: c for f, c in suggested.items() if c not in taken and f not in chosen}
    mapping.update(chosen)
    return {field: mapping[field] for field in FIELD_NAMES if field in mapping}


def check_mapping(mapping: Mapping[str, str], columns: Sequence[str]) -> None:
    """Raise ImportFailed naming the required fields that no column is mapped to."""
    missing = [field for field in REQUIRED_FIELDS if not mapping.get(field)]
    if missing:
        raise ImportFailed(
            f"No column is mapped to {', '.join(missing)} (required). The file's columns: "
            f"{', '.join(columns) or 'none'}. Map them with --map COLUMN=FIELD."
        )
