"""The contract every platform connector keeps, and the errors it speaks in.

A connector knows one platform's protocol and nothing about the database: `pull` yields pages of
normalised items from a cursor, `push` delivers one outbox operation, `reconcile` looks at the
platform to learn whether an interrupted operation arrived. The sync engine does the rest.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from desktop.ingest import RemoteItem


class Action(enum.StrEnum):
    """What a moderator can ask a platform to do with an item."""

    REPLY = "reply"
    EDIT_REPLY = "edit_reply"
    DELETE = "delete"
    HIDE = "hide"
    APPROVE = "approve"
    SPAM = "spam"
    BAN = "ban"


MODERATION = (Action.APPROVE, Action.HIDE, Action.SPAM, Action.DELETE, Action.BAN)


class AuthKind(enum.StrEnum):
    NONE = "none"
    TOKEN = "token"  # a long-lived access token
    OAUTH_REFRESH = "oauth_refresh"  # an access token renewed with a refresh token
    PASSWORD = "password"


@dataclass(frozen=True)
class PullPage:
    """One page of a pull; `cursor` resumes after it and is saved with the page's items."""

    items: list[RemoteItem]
    cursor: str | None


@dataclass(frozen=True)
class Operation:
    """An outbox operation as a connector sees it: no database, just what to deliver."""

    id: int
    kind: Action
    item_remote_id: str
    payload: dict[str, Any]
    idempotency_key: str
    created_at: int
    # Remote ids of replies this workstation already knows it sent to the same item.
    known_reply_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PushResult:
    remote_id: str | None = None  # the reply's id on the platform
    remote_state: str | None = None  # the item's state on the platform afterwards


class ConnectorError(Exception):
    """A failure in the user's words; it never carries a credential."""


class Unreachable(ConnectorError):
    """The platform did not answer: no network, refused, timed out before sending."""


class OutcomeUnknown(ConnectorError):
    """The request may have reached the platform (timeout or drop after sending)."""


class RateLimited(ConnectorError):
    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QuotaExceeded(RateLimited):
    """The platform's daily or hourly quota is spent; retry_after is when it resets."""


class ServerError(ConnectorError):
    """The platform answered with a server error (5xx)."""


class AuthFailed(ConnectorError):
    """The credentials are missing, wrong or revoked; the user must reconnect the source."""


class MalformedResponse(ConnectorError):
    """The platform answered with something that is not what its API documents."""


class Gone(ConnectorError):
    """The item no longer exists on the platform."""


class Rejected(ConnectorError):
    """The platform refused the operation for good (not allowed, invalid, too long...)."""


class Credentials(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


@dataclass
class SourceConfig:
    """What a connector is built from: the source's non-secret settings and its secrets."""

    source_id: int
    account: str
    settings: dict[str, Any]
    credentials: Credentials
    timeout_s: float = 20.0
    extra: dict[str, Any] = field(default_factory=dict)


class Connector(Protocol):
    kind: ClassVar[str]
    auth: ClassVar[AuthKind]
    capabilities: ClassVar[frozenset[Action]]
    irreversible: ClassVar[frozenset[Action]]
    reply_limit: ClassVar[int | None]  # characters a reply may have on the platform

    def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """Pages of items after `cursor`; with no cursor, those created since `since`."""
        ...

    def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every item that exists now and was created since `since`: the re-scan for edits
        and deletions. Its pages' cursors are not saved."""
        ...

    async def fetch(self, remote_id: str) -> RemoteItem:
        """The item as the platform has it now; raises Gone if it no longer exists. Asked just
        before an action on it leaves, so that an edit or deletion since it was queued holds
        the action back."""
        ...

    async def push(self, operation: Operation) -> PushResult: ...

    async def reconcile(self, operation: Operation) -> PushResult | None:
        """The operation's result if the platform shows it arrived, None if it did not."""
        ...

    async def aclose(self) -> None: ...
