"""The formats an export can be in, and how one record of each becomes inbox items.

- "play-csv": Google Play Console's monthly reviews CSV (Download reports → Reviews), with its
  own fixed columns. Each row is a review, and the developer's answer, if any, its reply.
- "csv" and "json": Steward's generic format (docs/import-format.md): named columns or keys,
  mapped onto Steward's fields.

A row that cannot be read raises RowRejected with the reason in the user's words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

FORMATS = ("play-csv", "csv", "json")


class RowRejected(ValueError):
    """A record that does not make an item; the message says why."""


# -- Google Play Console's reviews CSV ---------------------------------------------------------

PLAY_COLUMNS = (
    "Package Name",
    "App Version Code",
    "App Version Name",
    "Reviewer Language",
    "Device",
    "Review Submit Date and Time",
    "Review Submit Millis Since Epoch",
    "Review Last Update Date and Time",
    "Review Last Update Millis Since Epoch",
    "Star Rating",
    "Review Title",
    "Review Text",
    "Developer Reply Date and Time",
    "Developer Reply Millis Since Epoch",
    "Developer Reply Text",
    "Review Link",
)
# Without these a row is not a review; the others may be missing from older exports.
PLAY_REQUIRED = (
    "Package Name",
    "Review Submit Date and Time",
    "Review Submit Millis Since Epoch",
    "Star Rating",
    "Review Text",
)
# A header with these is a Play export, whatever the file is called.
PLAY_SIGNATURE = frozenset({"Package Name", "Review Submit Millis Since Epoch", "Star Rating"})
PLAY_PLATFORM = "google_play"
_REVIEW_ID = re.compile(r"[?&#:;]reviewid=([^&#;]+)", re.IGNORECASE)


def is_play_header(columns: Collection[str]) -> bool:
    return PLAY_SIGNATURE.issubset(columns)


def play_review_id(package: str, submit_millis: str, text: str, link: str) -> str:
    """The review's id as the Play Developer API gives it (reviewId, e.g. "gp:AOqpTO…"), read
    from the Review Link; reviews without one get "play-csv:" and a hash of the package, the
    submit time and the text, which is stable from one export to the next."""
    found = _REVIEW_ID.search(link or "")
    if found:
        return unquote(found.group(1)).strip()
    digest = hashlib.sha256(
        "\x1f".join((package, submit_millis.strip(), text)).encode("utf-8")
    ).hexdigest()
    return f"play-csv:{digest[:32]}"


def play_items(values: Mapping[str, Any]) -> list[RemoteItem]:
    """A Play Console row: the review, and the developer's answer as its reply."""

    def get(column: str) -> str:
        value = values.get(column)
        return "" if value is None else str(value)

    package = get("Package Name").strip()
    if not package:
        raise RowRejected("has no Package Name; row skipped")
    created_at = _play_time(
        get("Review Submit Millis Since Epoch"), get("Review Submit Date and Time")
    )
    if created_at is None:
        raise RowRejected("has no readable Review Submit time; row skipped")
    rating = _rating(get("Star Rating"))
    title, body = get("Review Title").strip(), get("Review Text").strip()
    # As the Google Play connector writes a review (the API joins the two with a tab): the same
    # review pulled later then reads the same and is not taken for an edit.
    text = f"{title}\n{body}" if title and body else title or body
    review_id = play_review_id(
        package, get("Review Submit Millis Since Epoch"), get("Review Text"), get("Review Link")
    )
    updated_at = _play_time(
        get("Review Last Update Millis Since Epoch"), get("Review Last Update Date and Time")
    )
    extra: dict[str, Any] = {}
    if title:
        extra["title"] = title
    if get("App Version Code").strip():
        extra["app_version_code"] = get("App Version Code").strip()
    if get("Review Link").strip():
        extra["url"] = get("Review Link").strip()
    context = RemoteContext(
        remote_id=package,
        kind="app",
        title=package,
        url=f"https://play.google.com/store/apps/details?id={package}",
    )
    review = RemoteItem(
        remote_id=review_id,
        kind="review",
        text=text,
        created_at=created_at,
        context=context,
        language=get("Reviewer Language").strip().replace("_", "-") or None,
        rating=rating,
        app_version=(get("App Version Name") or get("App Version Code")).strip() or None,
        device=get("Device").strip() or None,
        edited_at=updated_at if updated_at is not None and updated_at > created_at else None,
        extra=extra,
    )
    items = [review]
    reply_text = get("Developer Reply Text").strip()
    if reply_text:
        replied_at = _play_time(
            get("Developer Reply Millis Since Epoch"), get("Developer Reply Date and Time")
        )
        items.append(
            RemoteItem(
                remote_id=f"{review_id}/reply",
                kind="reply",
                text=reply_text,
                created_at=replied_at if replied_at is not None else created_at,
                author=RemoteAuthor(f"developer:{package}", display_name=package),
                context=context,
                parent_remote_id=review_id,
                own=True,
            )
        )
    return items


def _play_time(millis: str, stamp: str) -> int | None:
    millis = millis.strip()
    if millis:
        try:
            return int(millis) // 1000
        except ValueError:
            pass
    if stamp.strip():
        try:
            return parse_time(stamp)
        except RowRejected:
            return None
    return None


# -- Steward's generic format ------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    required: bool = False


FIELDS = (
    Field("id"),
    Field("created_at", required=True),
    Field("text", required=True),
    Field("rating"),
    Field("author"),
    Field("author_id"),
    Field("language"),
    Field("app_version"),
    Field("device"),
    Field("territory"),
    Field("title"),
    Field("reply_text"),
    Field("reply_at"),
    Field("url"),
    Field("kind"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
REQUIRED_FIELDS = tuple(f.name for f in FIELDS if f.required)
KINDS = ("review", "comment", "message", "mention")


def generic_items(values: Mapping[str, Any], mapping: Mapping[str, str]) -> list[RemoteItem]:
    """A record of the generic format, read through the mapping."""

    def get(field: str) -> str:
        column = mapping.get(field)
        if column is None:
            return ""
        value = values.get(column)
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value).strip()

    created_raw = get("created_at")
    if not created_raw:
        raise RowRejected(f"has no {mapping['created_at']}; row skipped")
    created_at = parse_time(created_raw)
    rating = _rating(get("rating"))
    title, body = get("title"), get("text")
    if not body and not title and rating is None:
        raise RowRejected(f"has no {mapping['text']} and no rating; row skipped")
    text = f"{title}\n{body}" if title and body else title or body
    kind = (get("kind") or "review").lower()
    if kind not in KINDS:
        raise RowRejected(f"has the kind {kind!r}; Steward knows {', '.join(KINDS)}")
    author_name, author_id = get("author"), get("author_id")
    author = None
    if author_id or author_name:
        author = RemoteAuthor(
            remote_id=author_id or f"name:{author_name}",
            handle=author_id if author_id and not author_name else "",
            display_name=author_name,
        )
    remote_id = get("id") or _generic_id(created_raw, author_id or author_name, body)
    extra: dict[str, Any] = {}
    for field, key in (("territory", "territory"), ("url", "url"), ("title", "title")):
        if get(field):
            extra[key] = get(field)
    items = [
        RemoteItem(
            remote_id=remote_id,
            kind=kind,
            text=text,
            created_at=created_at,
            author=author,
            language=get("language") or None,
            rating=rating,
            app_version=get("app_version") or None,
            device=get("device") or None,
            extra=extra,
        )
    ]
    reply_text = get("reply_text")
    if reply_text:
        reply_raw = get("reply_at")
        items.append(
            RemoteItem(
                remote_id=f"{remote_id}/reply",
                kind="reply",
                text=reply_text,
                created_at=parse_time(reply_raw) if reply_raw else created_at,
                parent_remote_id=remote_id,
                own=True,
            )
        )
    return items


def _generic_id(created: str, author: str, text: str) -> str:
    digest = hashlib.sha256("\x1f".join((created, author, text)).encode("utf-8")).hexdigest()
    return f"import:{digest[:32]}"


# -- values ------------------------------------------------------------------------------------

# Numbers above this are milliseconds (10^11 seconds is the year 5138).
_MILLIS_FROM = 10**11


def parse_time(value: str) -> int:
    """Unix seconds (or milliseconds), or ISO 8601; a time without a zone is UTC."""
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if number != number or number in (float("inf"), float("-inf")):
            raise RowRejected(f"has the time {value!r}, which is not a time")
        return int(number // 1000 if abs(number) >= _MILLIS_FROM else number)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RowRejected(
            f"has the time {value!r}; use ISO 8601 (2024-05-01T12:30:00Z) or unix seconds"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _rating(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = 0.0
    if not number.is_integer() or not 1 <= number <= 5:
        raise RowRejected(f"has the rating {value!r}; a rating is a whole number from 1 to 5")
    return int(number)
