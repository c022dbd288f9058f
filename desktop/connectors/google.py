"""What the Google connectors (YouTube, Google Play) share: the error envelope of Google's APIs and
the day Google's quotas count in.

This module defines no `CONNECTOR`, so `connector_kinds()` passes it over.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from zoneinfo import ZoneInfo

import httpx

# Google's daily quotas reset at midnight Pacific Time, whatever the user's zone.
PACIFIC = ZoneInfo("America/Los_Angeles")

# The `reason`s of Google's error envelope that say a quota is spent (wait for the reset) or that
# requests come too fast (wait a little).
QUOTA_REASONS = frozenset({"quotaExceeded", "dailyLimitExceeded"})
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})


def quota_day(now: float) -> dt.date:
    """The day Google's quotas count in: the date in Pacific Time."""
    return dt.datetime.fromtimestamp(now, PACIFIC).date()


def seconds_until_reset(now: float) -> float:
    """Seconds from `now` to the next midnight Pacific Time, when the daily quota resets."""
    tomorrow = quota_day(now) + dt.timedelta(days=1)
    midnight = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=PACIFIC)
    return max(1.0, midnight.timestamp() - now)


class GoogleError(NamedTuple):
    """What Google's error envelope says; each part empty where it says nothing of it."""

    reason: str  # errors[0].reason, e.g. "quotaExceeded", "commentsDisabled"
    status: str  # the gRPC status, e.g. "PERMISSION_DENIED"
    message: str


def google_error(response: httpx.Response) -> GoogleError:
    """The first reason, the status and the message of Google's error envelope:
    {"error": {"code", "message", "status", "errors": [{"reason", "domain", "message"}]}}.
    All empty where the body is not that envelope."""
    try:
        error = response.json()["error"]
        message = str(error.get("message") or "")
        status = str(error.get("status") or "")
        errors = error.get("errors") or []
        reason = str(errors[0].get("reason") or "") if errors else ""
        return GoogleError(reason, status, message)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return GoogleError("", "", "")
