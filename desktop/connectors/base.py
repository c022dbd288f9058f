"""The contract every platform connector keeps, and the errors it speaks in.

A connector knows one platform's protocol and nothing about the database: `pull` yields pages of
normalised items from a cursor, `push` delivers one outbox operation, `reconcile` looks at the
platform to learn whether an interrupted operation arrived. The sync engine does the rest.
"""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Callable, Mapping
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
    RESTORE = "restore"  # bring back an item that was deleted from Steward, where possible


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


class SignInCancelled(ConnectorError):
    """The user closed the platform's sign-in page or it timed out; nothing was saved."""


class Credentials(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...


class MemoryCredentials:
    """Credentials held in memory only, for the length of a sign-in check: the connector is
    built on them before anything is saved, and what it learns (a renewed token) lands in
    `values`, the very dict it was given, which the sign-in then hands over to be saved."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def __repr__(self) -> str:  # the names only, never the secrets
        return f"MemoryCredentials({sorted(self.values)})"


@dataclass
class SourceConfig:
    """What a connector is built from: the source's non-secret settings and its secrets."""

    source_id: int
    account: str
    settings: dict[str, Any]
    credentials: Credentials
    timeout_s: float = 20.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemFacts:
    """What a connector may look at to decide whether an action is possible on one item."""

    remote_id: str
    kind: str
    created_at: int
    own: bool
    remote_state: str
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceField:
    """One thing the Add-source dialog and `steward source add` ask for.

    A `secret` field is typed into a password box (or read from standard input) and goes to the
    keyring only; the others are saved in the source's settings."""

    name: str
    label: str
    help: str = ""
    secret: bool = False
    required: bool = True
    default: str = ""
    placeholder: str = ""
    switch: bool = False  # a yes/no choice: "yes" or "no" (a check box in the dialog)


@dataclass
class SignIn:
    """What a connector's sign-in gets: the values the user typed, where to keep credentials,
    and a way to open the platform's sign-in page in the browser (OAuth)."""

    settings: dict[str, Any]
    secrets: dict[str, str]
    credentials: Credentials
    open_browser: Callable[[str], object] = lambda _url: None
    timeout_s: float = 20.0
    # How long to wait for the user to finish signing in in the browser.
    browser_timeout_s: float = 300.0


@dataclass(frozen=True)
class SignInResult:
    """A verified sign-in: the account as the platform names it, a name for the source, and
    the non-secret settings to save (the secrets are already in the keyring)."""

    account: str
    name: str
    settings: dict[str, Any]


class Connector(Protocol):
    kind: ClassVar[str]
    title: ClassVar[str]  # the platform's name as the user knows it
    fields: ClassVar[tuple[SourceField, ...]]
    # For each action the platform does not allow, why (shown on the disabled button).
    unsupported: ClassVar[Mapping[Action, str]]
    auth: ClassVar[AuthKind]
    capabilities: ClassVar[frozenset[Action]]
    irreversible: ClassVar[frozenset[Action]]
    reply_limit: ClassVar[int | None]  # characters a reply may have on the platform
    # False where the platform only streams updates and cannot list what exists now: then
    # there is no re-scan, and nothing is marked deleted for being absent from one.
    rescans: ClassVar[bool]
    # True where asking for the next page tells the platform the previous one was received
    # (Telegram's getUpdates offset): each page is then stored before the next is asked for.
    paging_confirms: ClassVar[bool]
    # True where a reply replaces the answer already published (app stores): the composer
    # says so when the item has one.
    reply_replaces: ClassVar[bool]
    # What else the platform does with an action, said to the user before it is queued
    # (Waline: deleting a comment deletes its replies).
    action_notes: ClassVar[Mapping[Action, str]]

    def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """Pages of items after `cursor`; with no cursor, those created since `since`."""
        ...

    def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every item that exists now and was created since `since`: the re-scan for edits
        and deletions. Its pages' cursors are not saved."""
        ...

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        """The item as the platform has it now; raises Gone if it no longer exists. Asked just
        before an action on it leaves, so that an edit or deletion since it was queued holds
        the action back. None where the platform has no way to look one item up."""
        ...

    async def push(self, operation: Operation) -> PushResult: ...

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        """Actions among `capabilities` that this one item does not allow, each with why
        (e.g. a delete past the platform's time limit, an edit of someone else's reply)."""
        ...

    async def reconcile(self, operation: Operation) -> PushResult | None:
        """The operation's result if the platform shows it arrived, None if it did not."""
        ...

    async def aclose(self) -> None: ...

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        """Check the typed values against the platform (going through its sign-in page where it
        has one), keep the secrets in `request.credentials`, and say who the account is."""
        ...
