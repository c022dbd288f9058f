"""Mastodon: the mentions of the signed-in account, and (for moderators) the instance's open
reports, through the REST API of the account's own instance.

    POST   /api/v1/apps                       the app, registered per sign-in (exact redirect URI)
    GET    /oauth/authorize, POST /oauth/token  authorization code with PKCE (S256)
    GET    /api/v1/accounts/verify_credentials  who signed in
    GET    /api/v1/notifications?types[]=mention  pages linked by the Link header, newest first
    GET    /api/v1/statuses/:id[/context|/source]
    POST   /api/v1/statuses (Idempotency-Key), PUT and DELETE /api/v1/statuses/:id
    POST   /api/v1/reports                    a spam report, open to every account
    GET    /api/v1/admin/reports[/:id], POST /api/v1/admin/reports/:id/resolve, PUT .../:id
    POST   /api/v1/admin/accounts/:id/action (silence, suspend), .../unsilence

Items are the statuses that mention the account (a reply to one of its posts mentions it too,
so replies arrive the same way) and, with moderator features, one "report" item per reported
status of each report. Tokens do not expire; a 401 means the sign-in was revoked.

How moderation maps onto Mastodon, which has no way to hide or approve one post of someone else:

- on a report: APPROVE resolves it without action; HIDE limits ("silences") the reported
  account and closes the report; SPAM files the report under "spam" and limits the account;
  BAN suspends the account and closes the report.
- on a mention: SPAM reports it to the instance's moderators as spam (any account can); with
  moderator features HIDE limits the author, BAN suspends the author, and APPROVE lifts a limit.

A suspension removes the account's posts from the instance at once and its data after 30 days:
BAN is irreversible. Moderator actions need the admin scopes and a moderator role; the sign-in
checks both, and without them those actions are refused with a message saying so.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import parse_qs, quote, urlsplit

import httpx

from desktop import oauth
from desktop.connectors.base import (
    Action,
    AuthFailed,
    AuthKind,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    PullPage,
    PushResult,
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SignInResult,
    SourceConfig,
    SourceField,
)
from desktop.connectors.http import (
    HtmlText,
    async_client,
    flag_setting,
    html_text,
    json_or_none,
    request_errors,
)
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

PAGE_SIZE = 40  # notifications: 40 by default, at most 80
REPORT_PAGE_SIZE = 200  # admin reports: at most 200
CONTEXT_REQUESTS = 4  # conversation look-ups in flight at once
BASE_SCOPES = ("read", "write")
ADMIN_SCOPES = ("admin:read", "admin:write")
REPORT_PREFIX = "report:"
VISIBILITIES = frozenset({"public", "unlisted", "private", "direct"})
_LINK = re.compile(r'<([^>]*)>\s*;\s*rel="?([^",;]+)"?')
_SPACE = re.compile(r"\s+")
_MENTION = re.compile(r"(?<![\w@])@[\w.-]+(?:@[\w.-]+)?")


def _id_key(remote_id: str) -> tuple[int, str]:
    """Mastodon ids are strings of digits of growing length: order by length, then text."""
    return (len(remote_id), remote_id)


def instance_host(value: str) -> str:
    """The instance's host from what the user typed: a host, an address, or @user@host."""
    text = value.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    text = text.split("/", 1)[0]
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    return text.strip().lower()


class _PlainText(HtmlText):
    """Mastodon's sanitised HTML as plain text: paragraphs and line breaks become newlines,
    hidden parts of shortened links are kept (so the whole address shows), entities decoded."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.parts.append("\n\n")


def plain_text(content: str) -> str:
    return html_text(_PlainText(), content)


def _without_mentions(text: str) -> str:
    """The words of a post without its @mentions, which Mastodon shows shortened (@sam for
    @sam@social.example): what a sent text and the post made of it have in common."""
    return _SPACE.sub(" ", _MENTION.sub(" ", text)).strip().casefold()


def _timestamp(value: Any) -> int:
    """RFC 3339 (`2025-02-03T11:20:31.512Z`) as unix seconds."""
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return int(datetime.fromisoformat(value).timestamp())


def _optional_timestamp(value: Any) -> int | None:
    return None if value is None else _timestamp(value)


def _links(response: httpx.Response) -> dict[str, dict[str, str]]:
    """The Link header's targets by rel, each as its query parameters."""
    found: dict[str, dict[str, str]] = {}
    for url, rel in _LINK.findall(response.headers.get("Link", "")):
        query = parse_qs(urlsplit(url).query)
        found[rel] = {key: values[-1] for key, values in query.items()}
    return found


def _report_parts(remote_id: str) -> tuple[str, str | None]:
    """(report id, status id or None) of a report item's remote id."""
    rest = remote_id[len(REPORT_PREFIX) :]
    report_id, _sep, status_id = rest.partition(":")
    return report_id, status_id or None


class MastodonConnector:
    kind: ClassVar[str] = "mastodon"
    title: ClassVar[str] = "Mastodon"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "instance",
            "Instance",
            "The address of your Mastodon server, e.g. mastodon.social",
            placeholder="mastodon.social",
        ),
        SourceField(
            "moderator",
            "Moderator features",
            "Also work on the server's reports and act on accounts "
            "(your account needs a moderator or admin role there)",
            required=False,
            default="no",
            switch=True,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.RESTORE: "Mastodon cannot bring back a deleted post.",
    }
    rescans: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {
            Action.REPLY,
            Action.EDIT_REPLY,
            Action.DELETE,
            Action.HIDE,
            Action.APPROVE,
            Action.SPAM,
            Action.BAN,
        }
    )
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE, Action.BAN})
    reply_limit: ClassVar[int | None] = 500  # the default; an instance may allow more

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        host = instance_host(str(settings.get("instance", "")))
        base = str(settings.get("api_base") or (f"https://{host}" if host else "")).rstrip("/")
        if not base.startswith(("http://", "https://")) or not httpx.URL(base).host:
            raise Rejected("The source has no Mastodon server address; set it in the source.")
        self._base = base
        self._host = host or httpx.URL(base).host
        self._admin = bool(settings.get("admin"))
        self._account_id = str(settings.get("account_id") or "")
        self._page_size = max(1, min(80, int(settings.get("page_size", PAGE_SIZE))))
        self._report_page_size = max(
            1, min(200, int(settings.get("report_page_size", REPORT_PAGE_SIZE)))
        )
        # The X-RateLimit-* budget of the last answer: none is sent once it is spent.
        self._remaining: int | None = None
        self._reset_at = 0.0
        self._roots: dict[str, RemoteContext] = {}  # status id -> its conversation's root
        self._statuses: dict[str, dict[str, Any]] = {}  # raw statuses fetched this pass
        self._reports: dict[str, dict[str, Any]] = {}  # raw admin reports fetched this pass
        self._context_slots = asyncio.Semaphore(CONTEXT_REQUESTS)
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        """Register Steward with the instance for this sign-in's loopback address, send the user
        to the instance's consent page, and check the token (and the moderator role if asked)."""
        host = instance_host(str(request.settings.get("instance", "")))
        if not host or ("." not in host and not request.settings.get("api_base")):
            raise Rejected("Type the address of your Mastodon server, e.g. mastodon.social.")
        moderator = flag_setting(request.settings.get("moderator"))
        settings: dict[str, Any] = {"instance": host, "moderator": "yes" if moderator else "no"}
        if request.settings.get("api_base"):
            settings["api_base"] = str(request.settings["api_base"])
        scopes = BASE_SCOPES + (ADMIN_SCOPES if moderator else ())
        connector = cls(SourceConfig(0, "", settings, request.credentials, request.timeout_s))
        credentials = request.credentials
        try:

            async def register(redirect_uri: str) -> oauth.OAuthClient:
                app = await connector._request(
                    "POST",
                    "/api/v1/apps",
                    writes=False,
                    authorized=False,
                    json_body={
                        "client_name": "Steward",
                        "redirect_uris": redirect_uri,
                        "scopes": " ".join(scopes),
                    },
                )
                try:
                    client_id, client_secret = str(app["client_id"]), str(app["client_secret"])
                except (KeyError, TypeError):
                    raise MalformedResponse(
                        f"{connector._host} did not register Steward as its API documents."
                    ) from None
                credentials.set("client_id", client_id)
                credentials.set("client_secret", client_secret)
                return oauth.OAuthClient(
                    client_id=client_id,
                    client_secret=client_secret,
                    auth_url=f"{connector._base}/oauth/authorize",
                    token_url=f"{connector._base}/oauth/token",
                    scopes=scopes,
                )

            tokens = await oauth.authorize(
                register,
                request.open_browser,
                timeout_s=request.browser_timeout_s,
                http=connector._client,
            )
            credentials.set("access_token", tokens.access_token)
            me = await connector._request(
                "GET", "/api/v1/accounts/verify_credentials", writes=False
            )
            try:
                acct, account_id = str(me["acct"]), str(me["id"])
            except (KeyError, TypeError):
                raise MalformedResponse(
                    f"{connector._host} described the account in an unexpected shape."
                ) from None
            if moderator and not await connector._can_moderate():
                await connector._revoke(tokens.access_token)
                raise Rejected(
                    f"@{acct} has no moderator role on {host}, so Steward cannot work on its "
                    "reports. Ask an admin for the role, or sign in without moderator features."
                )
        finally:
            await connector.aclose()
        settings.update(account_id=account_id, admin=moderator)
        return SignInResult(account=acct, name=f"@{acct}@{host}", settings=settings)

    async def _can_moderate(self) -> bool:
        """Whether the token reaches the reports: it has the admin scopes and the account has
        a role that manages reports (Mastodon answers 403 to either missing)."""
        try:
            await self._request("GET", "/api/v1/admin/reports", writes=False, params={"limit": 1})
        except Rejected:
            return False
        return True

    async def _revoke(self, token: str) -> None:
        """Give back a token that will not be used; a failure here changes nothing."""
        form = {
            "client_id": self._config.credentials.get("client_id") or "",
            "client_secret": self._config.credentials.get("client_secret") or "",
            "token": token,
        }
        with contextlib.suppress(httpx.HTTPError):
            await self._client.post(f"{self._base}/oauth/revoke", data=form)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """Mentions newer than the cursor (the newest notification id stored). The first pull
        goes back page by page to `since`; until it gets there its cursor also carries the
        oldest page reached ("newest/older"), so an interrupted first pull resumes where it
        stopped. Then, with moderator features, the open reports."""
        newest, _sep, older = (cursor or "").partition("/")
        if not cursor or older:
            start = {"max_id": older} if older else {}
            top: str | None = newest or None
            async for items, ids, last in self._mention_pages(start, since=since):
                top = top or (ids[0] if ids else None)
                if top is None:
                    continue
                yield PullPage(items, top if last else f"{top}/{ids[-1]}")
            newest = top or ""
        if newest:
            async for page in self._newer_mentions(newest):
                newest = page.cursor or newest
                yield page
        if self._admin:
            async for items in self._report_pages(resolved=False, since=None if cursor else since):
                yield PullPage(items, newest or None)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        async for items, _ids, _last in self._mention_pages({}, since=since):
            yield PullPage(items, None)
        if self._admin:
            for resolved in (False, True):
                async for items in self._report_pages(resolved=resolved, since=since):
                    yield PullPage(items, None)

    def _mention_params(self, extra: Mapping[str, str]) -> list[tuple[str, str | int]]:
        # A reply to the account's post mentions it, so "mention" covers replies as well;
        # include_filtered brings the mentions the account's notification policy holds back
        # (from strangers, new accounts), which a moderator needs to see most.
        params: list[tuple[str, str | int]] = [
            ("types[]", "mention"),
            ("include_filtered", "true"),
            ("limit", self._page_size),
        ]
        params.extend(extra.items())
        return params

    async def _mention_pages(
        self, start: Mapping[str, str], *, since: int
    ) -> AsyncIterator[tuple[list[RemoteItem], list[str], bool]]:
        """Pages from newest to oldest, following rel="next", down to `since`: each page's
        items, its notification ids (newest first), and whether it is the last page."""
        position = dict(start)
        while True:
            body, response = await self._json(
                "GET", "/api/v1/notifications", params=self._mention_params(position)
            )
            notifications = self._list(body, "notifications")
            ids = [self._notification_id(n) for n in notifications]
            fresh = [n for n in notifications if self._created(n) >= since]
            following = _links(response).get("next", {}).get("max_id")
            last = not following or len(fresh) < len(notifications) or not notifications
            yield await self._mention_items(fresh), ids, last
            if last:
                return
            position = {"max_id": str(following)}

    async def _newer_mentions(self, newest: str) -> AsyncIterator[PullPage]:
        """Pages of the mentions after `newest`, oldest page first (min_id and rel="prev"),
        each with the newest id it holds as its cursor."""
        position = newest
        while True:
            body, response = await self._json(
                "GET", "/api/v1/notifications", params=self._mention_params({"min_id": position})
            )
            notifications = self._list(body, "notifications")
            if not notifications:
                return
            ids = sorted((self._notification_id(n) for n in notifications), key=_id_key)
            position = ids[-1]
            yield PullPage(await self._mention_items(notifications), position)
            previous = _links(response).get("prev", {}).get("min_id")
            if len(notifications) < self._page_size or not previous:
                return
            position = str(previous)

    @staticmethod
    def _list(body: Any, what: str) -> list[dict[str, Any]]:
        if not isinstance(body, list) or not all(isinstance(entry, dict) for entry in body):
            raise MalformedResponse(f"The server sent its {what} in an unexpected shape.")
        return body

    @staticmethod
    def _notification_id(notification: dict[str, Any]) -> str:
        value = notification.get("id")
        if not isinstance(value, str | int) or not str(value):
            raise MalformedResponse("The server sent a notification without an id.")
        return str(value)

    @staticmethod
    def _created(entry: dict[str, Any]) -> int:
        try:
            return _timestamp(entry["created_at"])
        except (KeyError, TypeError, ValueError):
            raise MalformedResponse(
                "The server sent an entry in an unexpected shape (no valid date)."
            ) from None

    async def _mention_items(self, notifications: list[dict[str, Any]]) -> list[RemoteItem]:
        try:
            statuses = [
                n["status"]
                for n in notifications
                if n["type"] == "mention" and isinstance(n.get("status"), dict)
            ]
        except (KeyError, TypeError) as error:
            raise MalformedResponse(
                f"The server sent a mention in an unexpected shape ({error!r})."
            ) from None
        # One conversation look-up per post replied to that no earlier look-up placed.
        missing: dict[str, str] = {}
        for status in statuses:
            parent = status.get("in_reply_to_id")
            if parent is not None and str(parent) not in self._roots:
                missing.setdefault(str(parent), str(status["id"]))
        # A reply's look-up also places every post above it: a post that another one in the
        # page replies to needs none of its own.
        await _all(self._learn_root(sid) for sid in missing.values() if sid not in missing)
        items = []
        for status in statuses:
            try:
                parent = status.get("in_reply_to_id")
                if parent is None:
                    context = self._root_context(status)
                else:
                    context = self._roots.get(str(parent)) or self._root_context(status)
                items.append(self._status_item(status, context))
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise MalformedResponse(
                    f"The server sent a post in an unexpected shape ({error!r})."
                ) from None
        return items

    async def _learn_root(self, status_id: str) -> None:
        """The conversation a reply belongs to: its first ancestor, remembered for every
        ancestor so that the other replies in the thread need no look-up."""
        async with self._context_slots:
            try:
                body, _response = await self._json(
                    "GET", f"/api/v1/statuses/{quote(status_id, safe='')}/context"
                )
            except Gone:  # deleted since the page was read: the next pass sees it gone
                return
            try:
                ancestors = body["ancestors"]
                if ancestors:  # empty where the post replied to is gone or not visible
                    root = self._root_context(ancestors[0])
                    for ancestor in ancestors:
                        self._roots[str(ancestor["id"])] = root
            except (KeyError, TypeError, IndexError, AttributeError) as error:
                raise MalformedResponse(
                    f"The server sent a conversation in an unexpected shape ({error!r})."
                ) from None

    @staticmethod
    def _root_context(status: dict[str, Any]) -> RemoteContext:
        text = plain_text(str(status.get("content") or ""))
        first = next((line for line in text.splitlines() if line.strip()), "")
        title = first if len(first) <= 120 else first[:119] + "…"
        return RemoteContext(
            remote_id=str(status["id"]),
            kind="post",
            title=title or str(status.get("spoiler_text") or ""),
            url=str(status.get("url") or status.get("uri") or ""),
        )

    def _status_item(
        self, status: dict[str, Any], context: RemoteContext | None, **overrides: Any
    ) -> RemoteItem:
        account = status["account"]
        author = RemoteAuthor(
            remote_id=str(account["id"]),
            handle="@" + str(account["acct"]),
            display_name=str(account.get("display_name") or account.get("username") or ""),
        )
        own = bool(self._account_id) and author.remote_id == self._account_id
        if not own and not self._account_id and self._config.account:
            own = str(account["acct"]) == self._config.account
        state = "hidden" if account.get("suspended") or account.get("limited") else "visible"
        parent = status.get("in_reply_to_id")
        values: dict[str, Any] = {
            "remote_id": str(status["id"]),
            "kind": "mention",
            "text": self._status_text(status),
            "created_at": _timestamp(status["created_at"]),
            "author": author,
            "context": context,
            "parent_remote_id": str(parent) if parent is not None else None,
            "language": status.get("language") or None,
            "remote_state": state,
            "edited_at": _optional_timestamp(status.get("edited_at")),
            "own": own,
            "extra": {"visibility": str(status.get("visibility", ""))},
        }
        values.update(overrides)
        return RemoteItem(**values)

    @staticmethod
    def _status_text(status: dict[str, Any]) -> str:
        text = plain_text(str(status.get("content") or ""))
        warning = str(status.get("spoiler_text") or "").strip()
        if warning:
            text = f"CW: {warning}\n\n{text}"
        for media in status.get("media_attachments") or []:
            description = str(media.get("description") or "").strip()
            label = str(media.get("type") or "attachment")
            text += f"\n[{label}{': ' + description if description else ''}]"
        return text.strip()

    # -- reports -------------------------------------------------------------------------------

    async def _report_pages(
        self, *, resolved: bool, since: int | None
    ) -> AsyncIterator[list[RemoteItem]]:
        """The instance's reports, newest first (rel="next"), down to `since` if given."""
        position: dict[str, str] = {}
        while True:
            params: dict[str, str | int] = {
                "resolved": "true" if resolved else "false",
                "limit": self._report_page_size,
                **position,
            }
            body, response = await self._json("GET", "/api/v1/admin/reports", params=params)
            reports = self._list(body, "reports")
            fresh = [r for r in reports if since is None or self._created(r) >= since]
            items: list[RemoteItem] = []
            for report in fresh:
                self._reports[str(report.get("id"))] = report
                items.extend(self._report_items(report))
            yield items
            following = _links(response).get("next", {}).get("max_id")
            if not following or not reports or len(fresh) < len(reports):
                return
            position = {"max_id": str(following)}

    def _report_items(self, report: dict[str, Any]) -> list[RemoteItem]:
        try:
            report_id = str(report["id"])
            target = report["target_account"]
            account = target["account"]
            category = str(report.get("category") or "other")
            comment = str(report.get("comment") or "").strip()
            first = comment.splitlines()[0] if comment else ""
            title = f"Report {report_id}: {category}" + (f" — {first}" if first else "")
            context = RemoteContext(
                remote_id=f"{REPORT_PREFIX}{report_id}",
                kind="report",
                title=title[:200],
                url=f"{self._base}/admin/reports/{quote(report_id, safe='')}",
                detail=comment,
            )
            created_at = _timestamp(report["created_at"])
            state = self._report_state(report)
            extra = {"report": report_id, "category": category}
            author = RemoteAuthor(
                remote_id=str(account["id"]),
                handle="@" + str(account["acct"]),
                display_name=str(account.get("display_name") or account.get("username") or ""),
            )
            statuses = report.get("statuses") or []
            if not statuses:
                return [
                    RemoteItem(
                        remote_id=f"{REPORT_PREFIX}{report_id}",
                        kind="report",
                        text=comment or f"A report on {author.handle} that names no post.",
                        created_at=created_at,
                        author=author,
                        context=context,
                        remote_state=state,
                        extra=extra,
                    )
                ]
            return [
                self._status_item(
                    status,
                    context,
                    remote_id=f"{REPORT_PREFIX}{report_id}:{status['id']}",
                    kind="report",
                    created_at=created_at,
                    parent_remote_id=None,
                    remote_state=state,
                    own=False,
                    extra={**extra, "visibility": str(status.get("visibility", ""))},
                )
                for status in statuses
            ]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise MalformedResponse(
                f"The server sent a report in an unexpected shape ({error!r})."
            ) from None

    @staticmethod
    def _report_state(report: dict[str, Any]) -> str:
        """Open: held. Closed: what became of the reported account (limited or suspended:
        hidden, or spam for a spam report), else visible (closed without action)."""
        if not report.get("action_taken"):
            return "held"
        target = report.get("target_account") or {}
        if target.get("suspended"):
            return "hidden"
        if target.get("silenced"):
            return "spam" if report.get("category") == "spam" else "hidden"
        return "visible"

    # -- one item ------------------------------------------------------------------------------

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        """The item as the server has it now (without its conversation, which cannot change)."""
        if remote_id.startswith(REPORT_PREFIX):
            if not self._admin:
                return None  # reports are out of reach; the action says why when it leaves
            report = await self._report(_report_parts(remote_id)[0], fresh=True)
            for item in self._report_items(report):
                if item.remote_id == remote_id:
                    return item
            raise Gone("The reported post is no longer part of the report.")
        status = await self._status(remote_id, fresh=True)
        try:
            return self._status_item(status, None)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise MalformedResponse(
                f"The server sent a post in an unexpected shape ({error!r})."
            ) from None

    async def _status(self, status_id: str, *, fresh: bool = False) -> dict[str, Any]:
        if fresh or status_id not in self._statuses:
            body, _response = await self._json(
                "GET", f"/api/v1/statuses/{quote(status_id, safe='')}"
            )
            if not isinstance(body, dict) or not isinstance(body.get("account"), dict):
                raise MalformedResponse("The server sent a post in an unexpected shape.")
            self._statuses[status_id] = body
        return self._statuses[status_id]

    async def _report(self, report_id: str, *, fresh: bool = False) -> dict[str, Any]:
        if fresh or report_id not in self._reports:
            body, _response = await self._json(
                "GET", f"/api/v1/admin/reports/{quote(report_id, safe='')}"
            )
            if not isinstance(body, dict) or not isinstance(body.get("target_account"), dict):
                raise MalformedResponse("The server sent a report in an unexpected shape.")
            self._reports[report_id] = body
        return self._reports[report_id]

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        """Per item: edits and deletions only of the account's own posts; nothing against
        them; reports have no post to delete. Moderator actions also need moderator features,
        which only the source knows: without them they are refused when they leave."""
        blocked: dict[Action, str] = {}
        report = item.remote_id.startswith(REPORT_PREFIX)
        if not item.own:
            blocked[Action.EDIT_REPLY] = "Only your own replies can be edited."
            blocked[Action.DELETE] = (
                "Mastodon lets you delete only your own posts; hide or ban the account instead."
            )
        else:
            for action in (Action.HIDE, Action.SPAM, Action.BAN, Action.APPROVE):
                blocked[action] = "This is your own post."
        if report and _report_parts(item.remote_id)[1] is None:
            blocked[Action.REPLY] = "This report names no post to reply to."
        if not report and not item.own and item.remote_state != "hidden":
            blocked[Action.APPROVE] = "The post is visible; approving applies to reports."
        return blocked

    async def push(self, operation: Operation) -> PushResult:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            return await self._reply(operation)
        if kind is Action.EDIT_REPLY:
            body = await self._write(
                "PUT",
                f"/api/v1/statuses/{quote(remote_id, safe='')}",
                {"status": str(operation.payload["text"])},
            )
            return PushResult(remote_id=self._id_of(body))
        if kind is Action.DELETE:
            if remote_id.startswith(REPORT_PREFIX):
                raise Rejected("Mastodon's API cannot delete a reported post; ban or hide it.")
            status = await self._status(remote_id)
            if not self._is_own(status):
                raise Rejected("Mastodon lets you delete only your own posts.")
            await self._write("DELETE", f"/api/v1/statuses/{quote(remote_id, safe='')}", None)
            return PushResult(remote_state="deleted")
        if kind is Action.SPAM and not remote_id.startswith(REPORT_PREFIX):
            return await self._report_spam(remote_id)
        if kind in (Action.HIDE, Action.SPAM, Action.BAN, Action.APPROVE):
            self._need_admin()
            if remote_id.startswith(REPORT_PREFIX):
                return await self._settle_report(kind, _report_parts(remote_id)[0])
            return await self._act_on_author(kind, remote_id)
        raise Rejected(f"Mastodon cannot {kind.value.replace('_', ' ')} from Steward.")

    def _need_admin(self) -> None:
        if not self._admin:
            raise Rejected(
                "This needs moderator features: sign in to the source again with moderator "
                f"features switched on (your account needs a moderator role on {self._host})."
            )

    @staticmethod
    def _target_status_id(remote_id: str) -> str:
        if remote_id.startswith(REPORT_PREFIX):
            status_id = _report_parts(remote_id)[1]
            if status_id is None:
                raise Rejected("This report names no post to reply to.")
            return status_id
        return remote_id

    def _reply_text(self, status: dict[str, Any], text: str) -> str:
        """The reply as sent: it starts with the author's handle, without which Mastodon does
        not notify them, unless the text names them already."""
        try:
            acct = str(status["account"]["acct"])
        except (KeyError, TypeError):
            raise MalformedResponse("The server sent a post without its author.") from None
        handle = f"@{acct}"
        if self._is_own(status) or re.search(
            rf"(?<![\w@]){re.escape(handle)}(?![\w@.-])", text, re.IGNORECASE
        ):
            return text
        return f"{handle} {text}"

    async def _reply(self, operation: Operation) -> PushResult:
        status_id = self._target_status_id(operation.item_remote_id)
        status = await self._status(status_id)
        visibility = str(status.get("visibility") or "public")
        body = await self._write(
            "POST",
            "/api/v1/statuses",
            {
                "status": self._reply_text(status, str(operation.payload["text"])),
                "in_reply_to_id": status_id,
                "visibility": visibility if visibility in VISIBILITIES else "public",
            },
            # The same key within an hour makes Mastodon answer with the first post instead
            # of a second one, so a resend after a crash cannot post twice.
            headers={"Idempotency-Key": operation.idempotency_key},
        )
        return PushResult(remote_id=self._id_of(body))

    async def _report_spam(self, status_id: str) -> PushResult:
        status = await self._status(status_id)
        if self._is_own(status):
            raise Rejected("This is your own post.")
        await self._write(
            "POST",
            "/api/v1/reports",
            {
                "account_id": str(status["account"]["id"]),
                "status_ids": [status_id],
                "category": "spam",
            },
        )
        # The post stays up until the server's moderators act on the report.
        return PushResult()

    async def _settle_report(self, kind: Action, report_id: str) -> PushResult:
        report = await self._report(report_id)
        quoted = quote(report_id, safe="")
        if kind is Action.APPROVE:
            await self._write("POST", f"/api/v1/admin/reports/{quoted}/resolve", None)
            return PushResult(remote_state="visible")
        try:
            account_id = str(report["target_account"]["id"])
        except (KeyError, TypeError):
            raise MalformedResponse("The server sent a report without its account.") from None
        if kind is Action.SPAM:
            await self._write("PUT", f"/api/v1/admin/reports/{quoted}", {"category": "spam"})
        action = "suspend" if kind is Action.BAN else "silence"
        await self._account_action(account_id, action, report_id)
        return PushResult(remote_state={Action.SPAM: "spam"}.get(kind, "hidden"))

    async def _act_on_author(self, kind: Action, status_id: str) -> PushResult:
        status = await self._status(status_id)
        if self._is_own(status):
            raise Rejected("This is your own post.")
        account_id = str(status["account"]["id"])
        if kind is Action.APPROVE:
            if status["account"].get("limited"):
                await self._write(
                    "POST", f"/api/v1/admin/accounts/{quote(account_id, safe='')}/unsilence", None
                )
            return PushResult(remote_state="visible")
        action = "suspend" if kind is Action.BAN else "silence"
        await self._account_action(account_id, action, None)
        return PushResult(remote_state={Action.SPAM: "spam"}.get(kind, "hidden"))

    async def _account_action(self, account_id: str, action: str, report_id: str | None) -> None:
        form: dict[str, Any] = {"type": action}
        if report_id is not None:
            form["report_id"] = report_id  # the action also closes the report
        await self._write(
            "POST", f"/api/v1/admin/accounts/{quote(account_id, safe='')}/action", form
        )

    def _is_own(self, status: dict[str, Any]) -> bool:
        account = status.get("account") or {}
        if self._account_id:
            return str(account.get("id")) == self._account_id
        return bool(self._config.account) and account.get("acct") == self._config.account

    @staticmethod
    def _id_of(body: Any) -> str:
        if not isinstance(body, dict) or not isinstance(body.get("id"), str | int):
            raise MalformedResponse("The server's answer has no post id.")
        return str(body["id"])

    # -- reconciling ---------------------------------------------------------------------------

    async def reconcile(self, operation: Operation) -> PushResult | None:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            return await self._find_reply(operation)
        if kind is Action.EDIT_REPLY:
            body, _response = await self._json(
                "GET", f"/api/v1/statuses/{quote(remote_id, safe='')}/source"
            )
            if isinstance(body, dict) and body.get("text") == operation.payload["text"]:
                return PushResult(remote_id=remote_id)
            return None
        if kind is Action.DELETE:
            try:
                await self._status(remote_id, fresh=True)
            except Gone:
                return PushResult(remote_state="deleted")
            return None
        if kind is Action.SPAM and not remote_id.startswith(REPORT_PREFIX):
            return await self._find_spam_report(operation)
        self._need_admin()
        if remote_id.startswith(REPORT_PREFIX):
            if not self._admin:
                return None  # reports are out of reach; the action says why when it leaves
            report = await self._report(_report_parts(remote_id)[0], fresh=True)
            state = self._report_state(report)
            expected = {Action.APPROVE: "visible", Action.SPAM: "spam"}.get(kind, "hidden")
            if kind is Action.BAN and not (report.get("target_account") or {}).get("suspended"):
                return None
            return PushResult(remote_state=state) if state == expected else None
        status = await self._status(remote_id, fresh=True)
        account = status.get("account") or {}
        if kind is Action.APPROVE:
            return None if account.get("limited") else PushResult(remote_state="visible")
        if kind is Action.BAN:
            return PushResult(remote_state="hidden") if account.get("suspended") else None
        return PushResult(remote_state="hidden") if account.get("limited") else None

    async def _find_reply(self, operation: Operation) -> PushResult | None:
        status_id = self._target_status_id(operation.item_remote_id)
        wanted = _without_mentions(str(operation.payload["text"]))
        body, _response = await self._json(
            "GET", f"/api/v1/statuses/{quote(status_id, safe='')}/context"
        )
        try:
            descendants = body["descendants"]
            for reply in descendants:
                reply_id = str(reply["id"])
                if (
                    self._is_own(reply)
                    and str(reply.get("in_reply_to_id")) == status_id
                    and reply_id not in operation.known_reply_ids
                    and _timestamp(reply["created_at"]) >= operation.created_at - 300
                    and _without_mentions(plain_text(str(reply.get("content") or ""))) == wanted
                ):
                    return PushResult(remote_id=reply_id)
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"The server sent a conversation in an unexpected shape ({error!r})."
            ) from None
        return None

    async def _find_spam_report(self, operation: Operation) -> PushResult | None:
        """A spam report is visible again only to moderators; without moderator features
        Steward cannot tell whether one arrived and files it again."""
        if not self._admin or not self._account_id:
            return None
        status = await self._status(operation.item_remote_id)
        params = {
            "account_id": self._account_id,
            "target_account_id": str(status["account"]["id"]),
            "limit": self._report_page_size,
        }
        body, _response = await self._json("GET", "/api/v1/admin/reports", params=params)
        for report in self._list(body, "reports"):
            ids = {str(s.get("id")) for s in report.get("statuses") or []}
            if operation.item_remote_id in ids and self._created(report) >= (
                operation.created_at - 300
            ):
                return PushResult()
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    async def _json(
        self, method: str, path: str, *, params: Any = None
    ) -> tuple[Any, httpx.Response]:
        response = await self._send(method, path, writes=False, params=params)
        return self._decode(response), response

    async def _write(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        *,
        headers: dict[str, str] | None = None,
    ) -> Any:
        response = await self._send(method, path, writes=True, json_body=body, headers=headers)
        return self._decode(response, empty_ok=True)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        authorized: bool = True,
        params: Any = None,
        json_body: dict[str, Any] | None = None,
    ) -> Any:
        response = await self._send(
            method, path, writes=writes, params=params, json_body=json_body, authorized=authorized
        )
        return self._decode(response)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: Any = None,
        json_body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        authorized: bool = True,
    ) -> httpx.Response:
        wait = self._reset_at - time.time()
        if self._remaining is not None and self._remaining <= 0 and wait > 0:
            raise RateLimited(
                f"{self._host} allows no more requests for now; Steward waits until it does.",
                wait,
            )
        all_headers = dict(headers or {})
        if authorized:
            token = self._config.credentials.get("access_token")
            if not token:
                raise AuthFailed(f"The source has no sign-in for {self._host}; sign in again.")
            all_headers["Authorization"] = f"Bearer {token}"
        with request_errors(f"the Mastodon server {self._host}", writes=writes):
            response = await self._client.request(
                method,
                self._base + path,
                params=params,
                json=json_body,
                headers=all_headers,
            )
        self._note_budget(response)
        return response

    def _note_budget(self, response: httpx.Response) -> None:
        remaining = response.headers.get("X-RateLimit-Remaining")
        reset = response.headers.get("X-RateLimit-Reset")
        with contextlib.suppress(ValueError):
            self._remaining = int(remaining) if remaining is not None else None
        if reset:
            with contextlib.suppress(ValueError):
                self._reset_at = datetime.fromisoformat(reset).timestamp()

    def _decode(self, response: httpx.Response, *, empty_ok: bool = False) -> Any:
        status = response.status_code
        body = json_or_none(response)
        error = body.get("error") if isinstance(body, dict) else None
        said = str(error)[:300] if error else ""
        if status == 429:
            wait = max(1.0, self._reset_at - time.time()) if self._reset_at else 300.0
            raise RateLimited(
                f"{self._host} asks to slow down; Steward waits until it allows.", wait
            )
        if status == 401:
            raise AuthFailed(
                f"{self._host} no longer accepts Steward's sign-in (it may have been revoked); "
                "sign in again."
            )
        if status in (404, 410):
            raise Gone(f"The post is no longer on {self._host}.")
        if status == 403:
            raise Rejected(f"{self._host} does not allow this" + (f": {said}" if said else "."))
        if 400 <= status < 500:
            raise Rejected(f"{self._host} refused it" + (f": {said}" if said else f" ({status})."))
        if status >= 500:
            raise ServerError(f"{self._host} had an internal error ({status}).")
        if body is None:
            if empty_ok and not response.content.strip():
                return {}
            raise MalformedResponse(f"{self._host} answered with something that is not JSON.")
        return body


async def _all(awaitables: Any) -> None:
    """Run the coroutines together; if one fails, the others are cancelled and its error
    (not a group of errors) is raised."""
    tasks = [asyncio.ensure_future(awaitable) for awaitable in awaitables]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


CONNECTOR = MastodonConnector
