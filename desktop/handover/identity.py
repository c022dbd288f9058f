"""How items and authors are named across workstations, and how times are written in a packet.

Local row ids differ from one workstation to the next. Every workstation that syncs a source
knows its platform, its account (or, for a source with no account, the name it was given) and
the platform's own id of each item and author: (platform, source key, remote id) names them
everywhere.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# The source key in SQL, for a table aliased `s`: the account, or the name when it has none.
SOURCE_KEY_SQL = "COALESCE(NULLIF(s.account, ''), s.name)"

RefKey = tuple[str, str, str]  # platform, source key, remote id


def source_key(account: str, name: str) -> str:
    return account or name


def ref(platform: str, key: str, remote_id: str) -> dict[str, str]:
    return {"platform": platform, "source": key, "remote_id": remote_id}


def ref_key(value: dict[str, Any]) -> RefKey:
    return (str(value["platform"]), str(value["source"]), str(value["remote_id"]))


def iso(timestamp: int) -> str:
    """Whole seconds since the epoch as ISO 8601 in UTC: 2026-09-21T14:13:20Z."""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> int:
    """ISO 8601 to whole UTC seconds; a time without a zone is the workstation's local time."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return int(moment.timestamp())
