"""The Steward community API: the protocol of the demo platform and of self-hosted communities
that speak it (see desktop/demo_platform/server.py for the server side).

    GET  {base}/api/v1/items?since=&after=&limit=   -> {"items": [...], "cursor": str, "more": bool}
    GET  {base}/api/v1/items/{id}                   -> item | 404
    GET  {base}/api/v1/items/{id}/replies           -> {"items": [...]}
    POST {base}/api/v1/items/{id}/replies           {"text"}   -> {"id", "created_at"}
    POST {base}/api/v1/items/{id}/moderation        {"action"} -> {"state"}
    POST {base}/oauth/token  grant_type=refresh_token          -> {"access_token", ...}

Writes carry an Idempotency-Key header. Errors: 401 (token), 404 (gone), 429 + Retry-After,
403 {"error": "quota_exceeded", "retry_after"}, 4xx {"message"}, 5xx.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any, ClassVar
from urllib.parse import quote

import httpx

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
    QuotaExceeded,
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SignInResult,
    SourceConfig,
    SourceField,
    Unreachable,
)
from desktop.connectors.http import async_client, json_or_none, request_errors, retry_after, seconds
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

PAGE_SIZE = 500
EXPECTED_STATE = {
    Action.APPROVE: "visible",
    Action.HIDE: "hidden",
    Action.SPAM: "spam",
    Action.DELETE: "deleted",
    Action.BAN: "hidden",
}


class CommunityConnector:
    kind: ClassVar[str] = "community"
    title: ClassVar[str] = "Steward community server"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "base_url",
            "Server address",
            "The community's address, e.g. https://community.example.org/c/lumo",
            placeholder="https://",
        ),
        SourceField("account", "Your handle", "The handle your replies are posted under"),
        SourceField(
            "access_token",
            "Access token",
            "Leave empty for a server that needs no sign-in",
            secret=True,
            required=False,
        ),
        SourceField("refresh_token", "Refresh token", secret=True, required=False),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.EDIT_REPLY: "The community API has no way to edit a reply.",
        Action.RESTORE: "The community API cannot bring back a deleted item.",
    }
    rescans: ClassVar[bool] = True
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = False
    auth: ClassVar[AuthKind] = AuthKind.OAUTH_REFRESH
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {Action.REPLY, Action.APPROVE, Action.HIDE, Action.SPAM, Action.DELETE, Action.BAN}
    )
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE, Action.BAN})
    reply_limit: ClassVar[int | None] = 5000

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        self._base = str(config.settings.get("base_url", "")).rstrip("/")
        if not self._base.startswith(("http://", "https://")):
            raise Rejected("The source has no valid server address; set it in the source.")
        self._uses_token = config.settings.get("auth", "none") != "none"
        self._page_size = int(config.settings.get("page_size", PAGE_SIZE))
        self._authors: dict[tuple[tuple[str, str, str], str | None], RemoteAuthor] = {}
        self._contexts: dict[tuple[str, str, str, str, str], RemoteContext] = {}
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        settings = {"base_url": str(request.settings.get("base_url", "")).strip()}
        for name in ("access_token", "refresh_token"):
            if request.secrets.get(name):
                request.credentials.set(name, request.secrets[name])
        if request.secrets.get("access_token"):
            settings["auth"] = "token"
        account = str(request.settings.get("account", "")).strip()
        connector = cls(
            SourceConfig(0, account, settings, request.credentials, timeout_s=request.timeout_s)
        )
        try:  # one item is enough to know the address and the token work
            await connector._request("GET", "/api/v1/items", params={"limit": 1}, writes=False)
        except AuthFailed:
            raise AuthFailed("The server did not accept this access token.") from None
        finally:
            await connector.aclose()
        name = settings["base_url"].rstrip("/").rsplit("/", 1)[-1] or connector._host
        return SignInResult(account=account, name=name, settings=settings)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        params: dict[str, Any] = {"limit": self._page_size}
        if cursor:
            params["after"] = cursor
        else:
            params["since"] = since
        async for page in self._pages(params):
            yield page

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        async for page in self._pages({"limit": self._page_size, "since": since}):
            yield page

    async def _pages(self, params: dict[str, Any]) -> AsyncIterator[PullPage]:
        while True:
            body = await self._request("GET", "/api/v1/items", params=params, writes=False)
            try:
                raw_items = body["items"]
                cursor = str(body["cursor"])
                more = bool(body["more"])
                items = [self._item(raw) for raw in raw_items]
            except (KeyError, TypeError, ValueError) as error:
                raise MalformedResponse(
                    f"The server sent a page of items in an unexpected shape ({error!r})."
                ) from None
            # The decoded JSON goes now, not when the next page comes: kept alive while the page
            # is stored, its thousands of objects would reach the garbage collector's oldest
            # generation, and full collections (which stall the event loop) come sooner.
            del body, raw_items
            yield PullPage(items, cursor)
            if not more:
                return
            params = {"limit": self._page_size, "after": cursor}

    def _item(self, raw: dict[str, Any]) -> RemoteItem:
        get = raw.get
        author_raw = get("author") or None
        author = None
        own = False
        if author_raw:
            author = self._author(author_raw)
            own = bool(self._config.account) and author.handle == self._config.account
        context_raw = get("context") or None
        context = self._context(context_raw) if context_raw else None
        rating = get("rating")
        parent = get("parent_id")
        category = get("category")
        return RemoteItem(
            remote_id=str(raw["id"]),
            kind=str(get("kind", "comment")),
            text=str(raw["text"]),
            created_at=int(raw["created_at"]),
            author=author,
            context=context,
            parent_remote_id=str(parent) if parent else None,
            language=get("language"),
            rating=int(rating) if rating is not None else None,
            app_version=get("app_version"),
            device=get("device"),
            remote_state=str(get("state", "visible")),
            sentiment=get("sentiment"),
            spam_score=get("spam_score"),
            edited_at=get("edited_at"),
            own=own,
            extra={"category": category} if category else {},
        )

    # A pull sees the same authors and contexts again and again: each distinct one is built once
    # per connector (that is, per sync pass). The objects are immutable, so sharing them is safe.
    _CACHE_LIMIT = 20_000

    def _author(self, raw: dict[str, Any]) -> RemoteAuthor:
        get = raw.get
        key = (str(raw["id"]), str(get("handle", "")), str(get("name", "")))
        language = get("language")
        if language is not None and type(language) is not str:
            return RemoteAuthor(*key, language)  # not a plain value: not cached
        cache = self._authors
        author = cache.get((key, language))
        if author is None:
            if len(cache) >= self._CACHE_LIMIT:
                cache.clear()
            author = cache[(key, language)] = RemoteAuthor(*key, language)
        return author

    def _context(self, raw: dict[str, Any]) -> RemoteContext:
        get = raw.get
        key = (
            str(raw["id"]),
            str(get("kind", "post")),
            str(get("title", "")),
            str(get("url", "")),
            str(get("detail", "")),
        )
        cache = self._contexts
        context = cache.get(key)
        if context is None:
            if len(cache) >= self._CACHE_LIMIT:
                cache.clear()
            context = cache[key] = RemoteContext(*key)
        return context

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        return {}

    async def fetch(self, remote_id: str) -> RemoteItem:
        body = await self._request(
            "GET", f"/api/v1/items/{quote(remote_id, safe='')}", writes=False
        )
        try:
            return self._item(body)
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"The server sent an item in an unexpected shape ({error!r})."
            ) from None

    async def push(self, operation: Operation) -> PushResult:
        item = quote(operation.item_remote_id, safe="")
        headers = {"Idempotency-Key": operation.idempotency_key}
        if operation.kind is Action.REPLY:
            body = await self._request(
                "POST",
                f"/api/v1/items/{item}/replies",
                json_body={"text": operation.payload["text"]},
                headers=headers,
                writes=True,
            )
            return PushResult(remote_id=self._field(body, "id"))
        if operation.kind in EXPECTED_STATE:
            body = await self._request(
                "POST",
                f"/api/v1/items/{item}/moderation",
                json_body={"action": operation.kind.value},
                headers=headers,
                writes=True,
            )
            return PushResult(remote_state=self._field(body, "state"))
        raise Rejected(f"This platform cannot {operation.kind.value.replace('_', ' ')}.")

    async def reconcile(self, operation: Operation) -> PushResult | None:
        item = quote(operation.item_remote_id, safe="")
        if operation.kind is Action.REPLY:
            body = await self._request("GET", f"/api/v1/items/{item}/replies", writes=False)
            for raw in body.get("items", []):
                author = raw.get("author") or {}
                if (
                    author.get("handle") == self._config.account
                    and raw.get("text") == operation.payload["text"]
                    and str(raw.get("id")) not in operation.known_reply_ids
                    and int(raw.get("created_at", 0)) >= operation.created_at - 300
                ):
                    return PushResult(remote_id=str(raw["id"]))
            return None
        expected = EXPECTED_STATE[operation.kind]
        try:
            body = await self._request("GET", f"/api/v1/items/{item}", writes=False)
        except Gone:
            if operation.kind is Action.DELETE:
                return PushResult(remote_state="deleted")
            raise
        if operation.kind is Action.BAN:
            banned = bool((body.get("author") or {}).get("banned"))
            return PushResult(remote_state=str(body.get("state"))) if banned else None
        return PushResult(remote_state=expected) if body.get("state") == expected else None

    @staticmethod
    def _field(body: dict[str, Any], name: str) -> str:
        value = body.get(name)
        if value is None:
            raise MalformedResponse(f"The server's answer has no {name!r}.")
        return str(value)

    # -- HTTP ----------------------------------------------------------------------------------

    async def _request(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        refreshed = False
        while True:
            response = await self._send(method, path, writes, params, json_body, headers)
            if response.status_code == 401 and self._uses_token and not refreshed:
                await self._refresh()
                refreshed = True
                continue
            return self._decode(response)

    async def _send(
        self,
        method: str,
        path: str,
        writes: bool,
        params: dict[str, Any] | None,
        json_body: dict[str, Any] | None,
        headers: dict[str, str] | None,
    ) -> httpx.Response:
        all_headers = dict(headers or {})
        if self._uses_token:
            token = self._config.credentials.get("access_token")
            if token:
                all_headers["Authorization"] = f"Bearer {token}"
        with request_errors(f"the server at {self._host}", writes=writes):
            return await self._client.request(
                method, self._base + path, params=params, json=json_body, headers=all_headers
            )

    @property
    def _host(self) -> str:
        return httpx.URL(self._base).host or self._base

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        body = json_or_none(response)
        message = str(body.get("message", "")) if isinstance(body, dict) else ""
        if status == 429:
            raise RateLimited("The server asks to slow down.", retry_after(response, 30.0))
        if status == 401:
            raise AuthFailed("The server did not accept the source's credentials; reconnect it.")
        if status == 403 and isinstance(body, dict) and body.get("error") == "quota_exceeded":
            raise QuotaExceeded(
                "The source's request quota is spent.", seconds(body.get("retry_after"), 3600.0)
            )
        if status == 404:
            raise Gone("The item no longer exists on the platform.")
        if 400 <= status < 500:
            raise Rejected(message or f"The server refused the request ({status}).")
        if status >= 500:
            raise ServerError(f"The server had an internal error ({status}).")
        if not isinstance(body, dict):
            raise MalformedResponse("The server's answer is not the JSON its API documents.")
        return body

    async def _refresh(self) -> None:
        refresh_token = self._config.credentials.get("refresh_token")
        if not refresh_token:
            raise AuthFailed("The source's access has expired; reconnect it.")
        try:
            response = await self._client.post(
                self._base + "/oauth/token",
                data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            )
        except httpx.TransportError:
            raise Unreachable(f"The server at {self._host} cannot be reached.") from None
        body = json_or_none(response)
        if response.status_code != 200 or not isinstance(body, dict) or "access_token" not in body:
            raise AuthFailed("The source's access has expired and could not be renewed.")
        self._config.credentials.set("access_token", str(body["access_token"]))
        if body.get("refresh_token"):
            self._config.credentials.set("refresh_token", str(body["refresh_token"]))


CONNECTOR = CommunityConnector
