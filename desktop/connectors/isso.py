"""Isso, the self-hosted comment server: its public JSON API and its admin page.

Isso has no accounts and no tokens. The site's moderator has the admin password from Isso's
configuration (`[admin] password`); `POST /login/` with it sets an `admin-session` cookie that
Isso accepts for 24 hours. Steward keeps the password in the keyring, because there is nothing
longer-lived to exchange it for, and keeps the session cookie there too so that it logs in only
when the session has expired or is refused.

    POST /login/                               form password -> 302 + admin-session cookie
    GET  /admin/?mode=1|2|4&page=&order_by=id  the admin page: published, pending, removed
    GET  /admin/?comment_search_url=…#isso-ID  the admin page for one comment
    GET  /?uri=THREAD&plain=1                  a thread's published comments, replies nested
    GET  /id/ID?plain=1                        one comment (needs a key Isso signed recently)
    POST /new?uri=THREAD                       a reply (201 published, 202 pending)
    POST /id/ID/activate/KEY                   approve a pending comment
    POST /id/ID/delete/KEY                     delete (a comment with replies stays, emptied)
    POST /id/ID/edit/KEY                       edit as the moderator

Pending comments are listed nowhere but on the admin page, which is HTML: each comment's id,
thread, author, e-mail, text, state and moderation key are read from it. The page does not say
which comment a reply answers, and shows the time only to the minute; Isso gives both for one
comment at `GET /id/ID` to a request carrying a key it signed within its `max-age`, and the
moderation keys on the admin page are signed as the page is made. Where that is refused, the
comment arrives without its parent and with the page's time.

Every write is JSON with `Content-Type: application/json`; Isso refuses other content types as
cross-site requests. Its guard answers 403 with a reason ("ratelimit exceeded", …).

The site's own comments are those written under the name Steward replies with (the "Reply as"
setting): Isso has no accounts, so the name is all a comment carries. Replies that the site team
writes in Isso's own comment box under that name count as the site's too. The remote ids of
replies Steward sent are kept by the outbox (and used when an interrupted reply is looked for),
not by this connector, which has no storage of its own.

An item's remote id is Isso's comment id: ids are unique in an Isso database.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import time
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, ClassVar
from urllib.parse import urlsplit

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
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SignInResult,
    SourceConfig,
    SourceField,
)
from desktop.connectors.http import async_client, json_or_none, request_errors, retry_after
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

ADMIN_PAGE_SIZE = 100  # Isso's admin page shows this many comments per page
MAX_ADMIN_PAGES = 1000
# Comments made or removed while a page is made can put its count off by a few.
COUNT_SLACK = 2
STATES = {1: "visible", 2: "held", 4: "deleted"}
DEFAULT_REPLY_NAME = "Site team"
# Isso's guard allows a few new comments per minute from one address.
GUARD_WAIT_S = 60.0
# A reply to one's own comment waits until the comment's edit window (max-age) has passed.
EDIT_WINDOW_S = 900.0
SESSION = "session"
PASSWORD = "password"


@dataclass
class AdminRow:
    """One comment as the admin page shows it."""

    id: int
    uri: str
    title: str
    author: str
    email: str
    website: str
    text: str  # as the commenter typed it (markdown), not rendered
    mode: int
    time: str  # "HH:MM / DD-MM-YYYY", the server's local time
    key: str  # the moderation key Isso signed for this comment


@dataclass
class _Thread:
    uri: str
    title: str = ""


@dataclass
class _Cursor:
    last_id: int = 0
    # Pending comments seen by the last pull: id -> (thread uri, created).
    pending: dict[int, tuple[str, int]] = field(default_factory=dict)

    def dump(self) -> str:
        return json.dumps(
            {"id": self.last_id, "pending": {str(k): list(v) for k, v in self.pending.items()}},
            separators=(",", ":"),
        )

    @classmethod
    def load(cls, text: str | None) -> _Cursor | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            pending = {
                int(k): (str(v[0]), int(v[1])) for k, v in dict(data.get("pending") or {}).items()
            }
            return cls(int(data["id"]), pending)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None


class IssoConnector:
    kind: ClassVar[str] = "isso"
    title: ClassVar[str] = "Isso"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "api_base",
            "Isso server",
            "The address your Isso answers at, e.g. https://comments.example.com",
            placeholder="https://",
        ),
        SourceField(
            "threads",
            "Threads",
            "The pages to watch, as Isso names them (e.g. /blog/hello/), separated by spaces; "
            "leave empty for every page with comments (read from Isso's admin page)",
            required=False,
        ),
        SourceField(
            PASSWORD,
            "Admin password",
            "The [admin] password of your Isso configuration; Isso has no token to exchange "
            "it for, so it stays in the system keyring",
            secret=True,
        ),
        SourceField(
            "reply_name",
            "Reply as",
            "The name your replies are signed with; comments under this name count as yours",
            default=DEFAULT_REPLY_NAME,
            required=False,
        ),
        SourceField(
            "site_url",
            "Site address",
            "Where the pages are, for links to them (default: the Isso server's address)",
            required=False,
            placeholder="https://",
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.HIDE: "Isso cannot hide a published comment; it can only delete it.",
        Action.SPAM: "Isso has no spam folder; delete the comment instead.",
        Action.BAN: "Isso has no way to ban a commenter; its guard only limits how often "
        "one address may comment.",
        Action.RESTORE: "A comment deleted in Isso cannot be brought back.",
    }
    rescans: ClassVar[bool] = True
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = False
    auth: ClassVar[AuthKind] = AuthKind.PASSWORD
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {Action.REPLY, Action.EDIT_REPLY, Action.DELETE, Action.APPROVE}
    )
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE})
    reply_limit: ClassVar[int | None] = 65_535

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._base = _base_url(settings.get("api_base"))
        if not self._base:
            raise Rejected("The source has no valid Isso server address; set it in the source.")
        self._site = _base_url(settings.get("site_url")) or _origin(self._base)
        self._threads = _thread_list(settings.get("threads"))
        self._reply_name = str(settings.get("reply_name") or DEFAULT_REPLY_NAME).strip()
        # What this pass learnt, so that each thing is asked for once.
        self._titles: dict[str, str] = {}
        self._rows: dict[int, AdminRow] = {}
        self._details: dict[int, dict[str, Any] | None] = {}
        self._session: str | None = None
        self._client = async_client(
            config.timeout_s,
            transport,
            follow_redirects=False,
            # Cookies are sent by hand: the admin session to the admin page only, and nothing
            # Isso sets on a reply (its author cookie) is sent back.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        base = str(request.settings.get("api_base") or "").strip()
        if base and "://" not in base:
            base = "https://" + base
        if not _base_url(base):
            raise Rejected("Enter the address of your Isso server.")
        password = request.secrets.get(PASSWORD, "")
        if not password:
            raise Rejected("Enter the admin password of your Isso server.")
        settings: dict[str, Any] = {"api_base": _base_url(base)}
        threads = _thread_list(request.settings.get("threads"))
        if threads:
            settings["threads"] = " ".join(sorted(threads))
        reply_name = str(request.settings.get("reply_name") or DEFAULT_REPLY_NAME).strip()
        settings["reply_name"] = reply_name
        site = _base_url(request.settings.get("site_url"))
        if site:
            settings["site_url"] = site
        connector = cls(
            SourceConfig(0, reply_name, settings, request.credentials, timeout_s=request.timeout_s)
        )
        try:
            await connector._check_server()
            await connector._login(password)
            await connector._admin_page({"mode": "2", "page": "0"})
        finally:
            await connector.aclose()
        request.credentials.set(PASSWORD, password)
        host = urlsplit(settings["api_base"]).netloc
        return SignInResult(account=reply_name, name=f"Isso {host}", settings=settings)

    async def _check_server(self) -> None:
        try:
            body = await self._json("GET", "/config", writes=False)
        except (Gone, Rejected, MalformedResponse):
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("config"), dict):
            raise Rejected(f"{self._host} does not answer as an Isso comment server.")

    async def _login(self, password: str | None = None) -> str:
        password = password or self._config.credentials.get(PASSWORD)
        if not password:
            raise AuthFailed("The source has no Isso admin password; sign in again.")
        response = await self._send(
            "POST", "/login/", writes=False, data={"password": password}, admin=False
        )
        session = response.cookies.get("admin-session")
        if response.status_code in (301, 302, 303) and session:
            self._session = session
            self._config.credentials.set(SESSION, session)
            return session
        if response.status_code == 200 and 'id="disabled"' in response.text:
            raise Rejected(
                "The admin interface of this Isso is switched off; set [admin] enabled = true "
                "in its configuration."
            )
        if response.status_code == 200:
            raise AuthFailed("Isso did not accept the admin password; sign in again.")
        self._check(response)
        raise MalformedResponse("Isso answered the admin sign-in without a session.")

    # -- the admin page ------------------------------------------------------------------------

    async def _admin_page(self, params: dict[str, str]) -> _AdminPage:
        """One admin page's comments; logs in again once if the session is refused."""
        relogged = False
        while True:
            if self._session is None:
                self._session = self._config.credentials.get(SESSION) or None
            if self._session is None:
                await self._login()
                relogged = True
            response = await self._send("GET", "/admin/", writes=False, params=params, admin=True)
            self._check(response)
            page = _parse_admin(response.text)
            if page.kind == "login":
                self._session = None
                self._config.credentials.set(SESSION, "")
                if relogged:
                    raise AuthFailed(
                        "Isso no longer accepts Steward's admin session; sign in again."
                    )
                continue
            if page.kind == "disabled":
                raise Rejected("The admin interface of this Isso is switched off.")
            if page.kind != "admin":
                raise MalformedResponse("Isso's admin page is not in the shape Steward knows.")
            for row in page.rows:
                self._rows[row.id] = row
                if row.title:
                    self._titles[row.uri] = row.title
            return page

    async def _admin_mode(self, mode: int) -> list[AdminRow]:
        """Every comment in one mode (1 published, 2 pending, 4 removed but replied to)."""
        rows: list[AdminRow] = []
        for number in range(MAX_ADMIN_PAGES):
            page = await self._admin_page(
                {"mode": str(mode), "page": str(number), "order_by": "id", "asc": "1"}
            )
            # An empty page must mean an empty queue, not markup Steward no longer recognises.
            expected = min(ADMIN_PAGE_SIZE, page.counts[mode] - number * ADMIN_PAGE_SIZE)
            if abs(len(page.rows) - max(0, expected)) > COUNT_SLACK:
                raise MalformedResponse(
                    f"Isso's admin page counts {page.counts[mode]} comments in this state but "
                    f"Steward read {len(page.rows)}; its shape may have changed."
                )
            rows.extend(row for row in page.rows if row.mode == mode)
            if len(page.rows) < ADMIN_PAGE_SIZE:
                break
        return rows

    async def _row(self, comment_id: int, *, fresh: bool = False) -> AdminRow:
        """One comment from the admin page (searched by its link); Gone if Isso has none."""
        if not fresh and comment_id in self._rows:
            return self._rows[comment_id]
        self._rows.pop(comment_id, None)
        page = await self._admin_page(
            {"comment_search_url": f"{self._base}/#isso-{comment_id}", "mode": "0"}
        )
        for row in page.rows:
            if row.id == comment_id:
                return row
        # Not on the page: Isso's own record says whether it exists (404) or not (403).
        response = await self._send("GET", f"/id/{comment_id}", writes=False)
        if response.status_code == 404:
            raise Gone("The comment no longer exists on Isso.")
        self._check(response)
        raise MalformedResponse("Isso's admin page does not show a comment that exists.")

    async def _detail(self, row: AdminRow) -> dict[str, Any] | None:
        """The comment's own record (parent, exact times), read with its moderation key."""
        if row.id in self._details:
            return self._details[row.id]
        response = await self._send(
            "GET",
            f"/id/{row.id}",
            writes=False,
            params={"plain": "1"},
            cookie=f"{row.id}={row.key}",
        )
        detail: dict[str, Any] | None = None
        if response.status_code == 200:
            body = json_or_none(response)
            if isinstance(body, dict) and body.get("id") == row.id:
                detail = body
        elif response.status_code == 404:
            raise Gone("The comment no longer exists on Isso.")
        elif response.status_code != 403:
            self._check(response)
        self._details[row.id] = detail
        return detail

    # -- threads -------------------------------------------------------------------------------

    def _watched(self, uri: str) -> bool:
        return not self._threads or uri in self._threads

    async def _thread(self, uri: str) -> list[dict[str, Any]]:
        """A thread's published comments (and removed ones still replied to), flattened."""
        body = await self._json("GET", "/", writes=False, params={"uri": uri, "plain": "1"})
        try:
            flat: list[dict[str, Any]] = []
            for top in list(body["replies"]):
                flat.append(dict(top))
                flat.extend(dict(reply) for reply in list(top.get("replies") or []))
            for comment in flat:
                int(comment["id"])
                float(comment["created"])
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("a thread", error) from None
        return flat

    async def _all_threads(self) -> list[str]:
        """The watched threads: those set in the source, or every thread the admin page lists."""
        if self._threads:
            return sorted(self._threads)
        uris: set[str] = set()
        for mode in (1, 2, 4):
            uris.update(row.uri for row in await self._admin_mode(mode))
        return sorted(uris)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """New comments after the cursor (the highest comment id seen), pending ones from the
        admin page, and the fate of comments that were pending at the last pull (approved or
        deleted since). Without a cursor, the comments created since `since`.

        Isso's public listing can only filter top-level comments by time (a new reply under an
        older comment is left out), so new comments are found on the admin page, by id, and
        only the threads they are in are read. The admin page lists 100 comments a page, so a
        pull reads the published list in pages of 100 and the queue, then those threads."""
        state = _Cursor.load(cursor)
        first = state is None
        last = state or _Cursor()
        pending = [row for row in await self._admin_mode(2) if self._watched(row.uri)]
        published = [row for row in await self._admin_mode(1) if self._watched(row.uri)]
        newest = max([last.last_id, *(row.id for row in pending + published)])
        settled = {
            comment_id: place
            for comment_id, place in last.pending.items()
            if comment_id not in {row.id for row in pending}
        }
        threads = {row.uri for row in published if first or row.id > last.last_id}
        threads.update(uri for uri, _created in settled.values())
        new_pending: dict[int, tuple[str, int]] = {}
        held: list[RemoteItem] = []
        for row in pending:
            if row.id in last.pending:
                new_pending[row.id] = last.pending[row.id]
                continue
            item = await self._pending_item(row)
            if item is None:
                continue
            new_pending[row.id] = (row.uri, item.created_at)
            if not first or item.created_at >= since:
                held.append(item)
        next_cursor = _Cursor(newest, new_pending).dump()
        for uri in sorted(threads):
            items: list[RemoteItem] = []
            listed: set[int] = set()
            for comment in await self._thread(uri):
                comment_id = int(comment["id"])
                listed.add(comment_id)
                new = comment_id > last.last_id and comment_id not in last.pending
                if first:
                    new = float(comment["created"]) >= since
                if new or comment_id in settled:
                    items.append(self._item(comment, uri))
            for comment_id, (where, created) in settled.items():
                if where == uri and comment_id not in listed:
                    items.append(self._removed(comment_id, uri, created))
            if items:
                yield PullPage(items, cursor)
        yield PullPage(held, next_cursor)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every comment in the watched threads created since `since`: the published ones and
        the placeholders of removed ones that are still replied to, then the pending ones."""
        for uri in await self._all_threads():
            items = [
                self._item(comment, uri)
                for comment in await self._thread(uri)
                if float(comment["created"]) >= since
            ]
            if items:
                yield PullPage(items, None)
        held: list[RemoteItem] = []
        for row in await self._admin_mode(2):
            if not self._watched(row.uri):
                continue
            item = await self._pending_item(row)
            if item is not None and item.created_at >= since:
                held.append(item)
        yield PullPage(held, None)

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        """The comment as Isso has it now: its admin row and its own record (Gone on 404)."""
        comment_id = _comment_id(remote_id)
        row = await self._row(comment_id, fresh=True)
        return self._row_item(row, await self._detail(row))

    async def _pending_item(self, row: AdminRow) -> RemoteItem | None:
        try:
            detail = await self._detail(row)
        except Gone:
            return None  # approved or deleted between the two requests; the next pull sees it
        return self._row_item(row, detail)

    # -- items ---------------------------------------------------------------------------------

    def _context(self, uri: str) -> RemoteContext:
        url = self._site + uri if uri.startswith("/") else uri
        return RemoteContext(uri, "page", self._titles.get(uri, ""), url)

    def _author(self, name: str | None) -> RemoteAuthor:
        # Isso has no accounts: a commenter is the name they typed.
        shown = html.unescape(name or "").strip()
        if not shown:
            return RemoteAuthor("anonymous", "", "Anonymous")
        return RemoteAuthor(f"name:{shown.casefold()}", "", shown)

    def _own(self, name: str | None) -> bool:
        return bool(name) and html.unescape(name or "").strip() == self._reply_name

    def _item(self, comment: dict[str, Any], uri: str) -> RemoteItem:
        """An item from Isso's JSON (a thread listing or one comment's record)."""
        try:
            comment_id = int(comment["id"])
            mode = int(comment["mode"])
            parent = comment.get("parent")
            created = float(comment["created"])
            modified = comment.get("modified")
            author = comment.get("author")
            text = comment.get("text") or ""
            if not isinstance(text, str) or (author is not None and not isinstance(author, str)):
                raise TypeError("text or author is not a string")
            return RemoteItem(
                remote_id=str(comment_id),
                kind="comment",
                text=_plain(text),
                created_at=int(created),
                author=self._author(author),
                context=self._context(uri),
                parent_remote_id=str(int(parent)) if parent is not None else None,
                remote_state=STATES.get(mode, "visible"),
                edited_at=int(float(modified)) if modified is not None else None,
                own=self._own(author),
                extra={"thread": uri},
            )
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("a comment", error) from None

    def _row_item(self, row: AdminRow, detail: dict[str, Any] | None) -> RemoteItem:
        """An item from the admin page, completed by the comment's record where Isso gave it."""
        if detail is not None:
            return self._item({**detail, "mode": row.mode}, row.uri)
        return RemoteItem(
            remote_id=str(row.id),
            kind="comment",
            text=_plain(row.text),
            created_at=_admin_time(row.time),
            author=self._author(row.author if row.author != "Anonymous" else None),
            context=self._context(row.uri),
            remote_state=STATES.get(row.mode, "visible"),
            own=self._own(row.author),
            extra={"thread": row.uri},
        )

    def _removed(self, comment_id: int, uri: str, created: int) -> RemoteItem:
        """A comment that was pending and is gone now (deleted without replies)."""
        return RemoteItem(
            remote_id=str(comment_id),
            kind="comment",
            text="",
            created_at=created,
            context=self._context(uri),
            remote_state="deleted",
            extra={"thread": uri},
        )

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        blocked: dict[Action, str] = {}
        if not item.own:
            blocked[Action.EDIT_REPLY] = "Only your own replies can be edited."
        if item.remote_state != "held":
            blocked[Action.APPROVE] = (
                "Only comments waiting in Isso's moderation queue can be approved."
            )
        if item.remote_state == "deleted":
            blocked[Action.REPLY] = "The comment was deleted; Isso takes no replies to it."
            blocked[Action.DELETE] = "The comment is already deleted."
        return blocked

    async def push(self, operation: Operation) -> PushResult:
        kind = operation.kind
        comment_id = _comment_id(operation.item_remote_id)
        if kind is Action.REPLY:
            return await self._reply(comment_id, _text(operation))
        if kind is Action.EDIT_REPLY:
            return await self._edit(comment_id, _text(operation))
        if kind is Action.APPROVE:
            return await self._approve(comment_id)
        if kind is Action.DELETE:
            return await self._delete(comment_id)
        raise Rejected(self.unsupported.get(kind, "Isso cannot do this."))

    async def _moderate(self, comment_id: int, action: str, body: Any = None) -> httpx.Response:
        """A moderation request with the comment's key; a refused key is read again once."""
        for attempt in range(2):
            row = await self._row(comment_id, fresh=attempt > 0)
            _check_key(row)
            response = await self._send(
                "POST", f"/id/{comment_id}/{action}/{row.key}", writes=True, json_body=body
            )
            if response.status_code != 403 or attempt:
                break
        if response.status_code == 403:
            raise Rejected("Isso refused the moderation key of this comment.")
        self._check(response)
        return response

    async def _approve(self, comment_id: int) -> PushResult:
        row = await self._row(comment_id, fresh=True)
        if row.mode == 4:
            raise Gone("The comment was deleted on Isso.")
        if row.mode != 1:
            response = await self._moderate(comment_id, "activate")
            if "activated" not in response.text:
                raise MalformedResponse("Isso did not say the comment was approved.")
        return PushResult(remote_state="visible")

    async def _delete(self, comment_id: int) -> PushResult:
        response = await self._moderate(comment_id, "delete")
        if "deleted" not in response.text:
            raise MalformedResponse("Isso did not say the comment was deleted.")
        self._rows.pop(comment_id, None)
        return PushResult(remote_state="deleted")

    async def _edit(self, comment_id: int, text: str) -> PushResult:
        row = await self._row(comment_id, fresh=True)
        if not self._own(row.author):
            raise Rejected("Only your own replies can be edited.")
        response = await self._moderate(comment_id, "edit", {"text": text})
        body = json_or_none(response)
        if not isinstance(body, dict) or body.get("id") != comment_id:
            raise MalformedResponse("Isso's answer to the edit is not the comment.")
        return PushResult()

    async def _reply(self, parent_id: int, text: str) -> PushResult:
        parent = await self._row(parent_id, fresh=True)
        if parent.mode == 4:
            raise Gone("The comment was deleted on Isso.")
        response = await self._send(
            "POST",
            "/new",
            writes=True,
            params={"uri": parent.uri},
            json_body={"text": text, "author": self._reply_name, "parent": parent_id},
        )
        self._check(response)
        body = json_or_none(response)
        try:
            reply_id = int(body["id"])
            mode = int(body["mode"])
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("the new reply", error) from None
        if response.status_code == 202 or mode == 2:
            # The moderation queue holds every new comment, the site's too: approve it now.
            await self._moderate(reply_id, "activate")
        return PushResult(remote_id=str(reply_id))

    # -- reconciling ---------------------------------------------------------------------------

    async def reconcile(self, operation: Operation) -> PushResult | None:
        """Whether an interrupted operation arrived, read back from Isso.

        A reply is a comment under the same parent, by the reply name, with the same text,
        made since shortly before the operation, that the outbox does not know yet; one left in
        the moderation queue is approved now. An edit arrived if the reply has the text. An
        approval arrived if the comment is published, a deletion if it is gone."""
        comment_id = _comment_id(operation.item_remote_id)
        kind = operation.kind
        if kind is Action.REPLY:
            return await self._find_reply(comment_id, operation)
        if kind is Action.EDIT_REPLY:
            row = await self._row(comment_id, fresh=True)
            same = row.text.strip() == _text(operation).strip()
            return PushResult() if same else None
        if kind is Action.APPROVE:
            row = await self._row(comment_id, fresh=True)
            if row.mode == 4:
                raise Gone("The comment was deleted on Isso.")
            return PushResult(remote_state="visible") if row.mode == 1 else None
        if kind is Action.DELETE:
            try:
                row = await self._row(comment_id, fresh=True)
            except Gone:
                return PushResult(remote_state="deleted")
            return PushResult(remote_state="deleted") if row.mode == 4 else None
        return None

    async def _find_reply(self, parent_id: int, operation: Operation) -> PushResult | None:
        parent = await self._row(parent_id, fresh=True)
        # Isso threads one level deep: a reply to a reply hangs under the top-level comment.
        thread = await self._thread(parent.uri)
        parents = {parent_id}
        for comment in thread:
            if int(comment["id"]) == parent_id and comment.get("parent") is not None:
                parents.add(int(comment["parent"]))
        text = _text(operation).strip()
        oldest = operation.created_at - 300
        for comment in thread:
            if (
                comment.get("parent") in parents
                and self._own(comment.get("author"))
                and str(comment.get("text") or "").strip() == text
                and float(comment["created"]) >= oldest
                and str(comment["id"]) not in operation.known_reply_ids
            ):
                return PushResult(remote_id=str(comment["id"]))
        for row in await self._admin_mode(2):
            if (
                row.uri == parent.uri
                and self._own(row.author)
                and row.text.strip() == text
                and str(row.id) not in operation.known_reply_ids
            ):
                detail = await self._detail(row)
                if detail is not None and (
                    detail.get("parent") not in parents or float(detail["created"]) < oldest
                ):
                    continue
                await self._moderate(row.id, "activate")
                return PushResult(remote_id=str(row.id))
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    async def _json(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: dict[str, str] | None = None,
        json_body: Any = None,
    ) -> Any:
        response = await self._send(method, path, writes=writes, params=params, json_body=json_body)
        self._check(response)
        body = json_or_none(response)
        if body is None:
            raise MalformedResponse(f"Isso's answer to {path} is not the JSON it documents.")
        return body

    async def _send(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        data: dict[str, str] | None = None,
        admin: bool = False,
        cookie: str | None = None,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if admin and self._session:
            headers["Cookie"] = f"admin-session={self._session}"
        elif cookie:
            headers["Cookie"] = cookie
        if method in ("POST", "PUT", "DELETE") and data is None:
            # Isso refuses any other content type as a cross-site request.
            headers["Content-Type"] = "application/json"
        content = json.dumps(json_body).encode() if json_body is not None else None
        with request_errors(f"the Isso server {self._host}", writes=writes):
            return await self._client.request(
                method,
                self._base + path,
                params=params,
                content=content,
                data=data,
                headers=headers,
            )

    @property
    def _host(self) -> str:
        return httpx.URL(self._base).host or self._base

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        reason = _error_text(response)
        if status == 403:
            if "ratelimit" in reason:
                raise RateLimited("Isso's guard asks Steward to slow down.", GUARD_WAIT_S)
            if "edit time frame" in reason:
                raise RateLimited(
                    "Isso takes a reply to one's own comment only after its edit window.",
                    EDIT_WINDOW_S,
                )
            if "CSRF" in reason:
                raise Rejected("Isso refused the request as a cross-site request.")
            raise Rejected(f"Isso refused: {reason or 'forbidden'}")
        if status == 404:
            raise Gone("The comment or thread no longer exists on Isso.")
        if status == 429:
            wait = retry_after(response, GUARD_WAIT_S)
            raise RateLimited("The Isso server asks Steward to slow down.", wait)
        if status >= 500:
            raise ServerError(f"The Isso server had an internal error ({status}).")
        raise Rejected(f"Isso refused: {reason or status}")


# -- the admin page's HTML -------------------------------------------------------------------


@dataclass
class _AdminPage:
    kind: str  # "admin", "login", "disabled" or "unknown"
    rows: list[AdminRow]
    counts: dict[int, int] = field(default_factory=dict)  # comments per mode, as the page says


_KEY_CALL = re.compile(r"(?:delete_com|validate_com|send_edit)\(\s*(\d+)\s*,\s*'([^']+)'")
_MODES = {"label-valid": 1, "label-pending": 2, "label-staled": 4}


class _AdminParser(HTMLParser):
    """Reads the comments out of Isso's admin page (templates/admin.html).

    Each comment is a `div.isso-comment#isso-ID` with its thread link in the header, the author
    in `#isso-author-ID`, the e-mail in `#isso-email-ID`, the website in `#isso-website-ID`,
    the time in `<time>`, the state as a `label-valid|pending|staled` in `span.note`, the raw
    text in `pre#isso-text-ID`, and the moderation key in the footer's onclick handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kind = "unknown"
        self.rows: list[dict[str, Any]] = []
        self.counts: dict[int, str] = {}
        self._count: int | None = None
        self._row: dict[str, Any] | None = None
        self._depth = 0  # open divs inside the current comment
        self._capture: str | None = None
        self._capture_tag = ""
        self._in_note = False
        self._in_thread = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        ident = a.get("id", "")
        classes = set(a.get("class", "").split())
        if ident == "isso-root":
            self.kind = "admin"
        elif ident == "login" and self.kind == "unknown":
            self.kind = "login"
        elif ident == "disabled" and self.kind == "unknown":
            self.kind = "disabled"
        if tag == "div" and "isso-comment" in classes and ident.startswith("isso-"):
            self._row = {"id": ident[5:], "thread": "", "uri": None, "keys": []}
            self.rows.append(self._row)
            self._depth = 1
            return
        row = self._row
        if row is None:
            if tag == "span":
                # The mode filters: "Valid (3)", "Pending (1)", "Staled (0)".
                for name, mode in _MODES.items():
                    if name in classes and mode not in self.counts:
                        self._count = mode
                        self.counts[mode] = ""
            return
        if tag == "div":
            self._depth += 1
            # The thread line is the comment's first div without a class, in its header.
            if not classes and not row.get("thread_done"):
                self._in_thread = True
        comment = row["id"]
        if tag == "a" and self._in_thread and row["uri"] is None:
            row["uri"] = a.get("href", "")
        if ident in (f"isso-author-{comment}", f"isso-email-{comment}", f"isso-website-{comment}"):
            self._start(ident.split("-")[1], tag)
        elif ident == f"isso-text-{comment}":
            self._start("text", tag)
        elif tag == "time":
            self._start("time", tag)
        elif tag == "span" and "note" in classes:
            self._in_note = True
        elif tag == "span" and self._in_note:
            for name, mode in _MODES.items():
                if name in classes:
                    row["mode"] = mode
        handler = a.get("onclick", "")
        for match in _KEY_CALL.finditer(handler):
            row["keys"].append((match.group(1), match.group(2)))

    def _start(self, name: str, tag: str) -> None:
        assert self._row is not None
        self._capture = name
        self._capture_tag = tag
        self._row.setdefault(name, "")

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag == self._capture_tag:
            self._capture = None
        if tag == "span":
            self._count = None
        if self._row is None:
            return
        if tag == "div":
            if self._in_thread:
                self._in_thread = False
                self._row["thread_done"] = True
            self._depth -= 1
            if self._depth <= 0:
                self._row = None
                self._in_note = False

    def handle_data(self, data: str) -> None:
        row = self._row
        if row is None:
            if self._count is not None:
                self.counts[self._count] += data
            return
        if self._capture is not None:
            row[self._capture] = row.get(self._capture, "") + data
        elif self._in_thread and row["uri"] is None:
            row["thread"] += data


def _parse_admin(text: str) -> _AdminPage:
    parser = _AdminParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):
        return _AdminPage("unknown", [])
    if parser.kind != "admin":
        return _AdminPage(parser.kind, [])
    rows: list[AdminRow] = []
    try:
        counts = {}
        for mode, label in parser.counts.items():
            found = re.search(r"\((\d+)\)", label)
            if found is None:
                raise ValueError(f"the count of mode {mode} reads {label.strip()!r}")
            counts[mode] = int(found.group(1))
        if set(counts) != set(_MODES.values()):
            raise ValueError("the page does not show how many comments each state has")
        for raw in parser.rows:
            comment_id = int(raw["id"])
            keys = {int(found): key for found, key in raw["keys"]}
            title = str(raw["thread"]).strip()
            title = re.sub(r"^Thread:\s*", "", title)
            title = re.sub(r"\s*\($", "", title).strip()
            uri = raw["uri"]
            if not uri or comment_id not in keys or "mode" not in raw or "time" not in raw:
                raise ValueError(f"comment {comment_id} lacks its thread, key, state or time")
            rows.append(
                AdminRow(
                    id=comment_id,
                    uri=str(uri),
                    title=title,
                    author=str(raw.get("author", "")).strip(),
                    email=str(raw.get("email", "")).strip(),
                    website=str(raw.get("website", "")).strip(),
                    text=str(raw.get("text", "")),
                    mode=int(raw["mode"]),
                    time=str(raw["time"]).strip(),
                    key=keys[comment_id],
                )
            )
    except (KeyError, TypeError, ValueError) as error:
        raise _malformed("its admin page", error) from None
    return _AdminPage("admin", rows, counts)


def _admin_time(text: str) -> int:
    """The admin page's "HH:MM / DD-MM-YYYY" (the server's local time, taken as UTC)."""
    try:
        moment = datetime.strptime(text.strip(), "%H:%M / %d-%m-%Y").replace(tzinfo=UTC)
    except ValueError as error:
        raise _malformed("a comment time on its admin page", error) from None
    return min(int(moment.timestamp()), int(time.time()))


def _check_key(row: AdminRow) -> None:
    """Isso acts on the comment its key names, whatever the URL says: make sure they agree."""
    payload = row.key.split(".", 1)[0]
    try:
        named = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        named = None
    if named != row.id:
        raise MalformedResponse("The moderation key on Isso's admin page names another comment.")


# -- text ------------------------------------------------------------------------------------


class _TextParser(HTMLParser):
    """The text of a comment's HTML, before its markdown is read. Not http.HtmlText, which
    Mastodon and Discourse share: here a self-closing tag counts as a start and an end tag
    (HTMLParser's own way), and the result keeps each line as written for the markdown pass."""

    _BREAKS = frozenset({"br", "p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)[^)]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_FENCE = re.compile(r"^```[^\n]*\n?", re.MULTILINE)


def _plain(raw: str) -> str:
    """Plain text from a comment as typed: Isso takes markdown with some HTML."""
    if not raw:
        return ""
    if "<" in raw or "&" in raw:
        parser = _TextParser()
        parser.feed(raw)
        parser.close()
        raw = "".join(parser.parts)
    text = _MD_FENCE.sub("", raw)
    text = _MD_IMAGE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", text
    )
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    text = _MD_UNDER.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# -- small helpers ---------------------------------------------------------------------------


def _text(operation: Operation) -> str:
    text = str(operation.payload.get("text", "")).strip()
    if len(text) < 3:
        raise Rejected("Isso takes replies of at least 3 characters.")
    return text


def _comment_id(remote_id: str) -> int:
    try:
        return int(remote_id)
    except ValueError:
        raise Rejected("The item is not an Isso comment Steward knows how to address.") from None


def _base_url(value: Any) -> str:
    text = str(value or "").strip().rstrip("/")
    split = urlsplit(text)
    if split.scheme not in ("http", "https") or not split.netloc:
        return ""
    return text


def _origin(url: str) -> str:
    split = urlsplit(url)
    return f"{split.scheme}://{split.netloc}"


def _thread_list(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, Iterable) or isinstance(value, (bytes, dict)):
        return frozenset()
    return frozenset(str(uri).strip() for uri in value if str(uri).strip())


def _error_text(response: httpx.Response) -> str:
    """The reason in Isso's (werkzeug's) error page, without the markup."""
    text = response.text[:2000]
    found = re.search(r"<p>(.*?)</p>", text, re.DOTALL)
    if found:
        text = found.group(1)
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()[:300]


def _malformed(what: str, error: BaseException) -> MalformedResponse:
    return MalformedResponse(f"Isso sent {what} in an unexpected shape ({error!r}).")


CONNECTOR = IssoConnector
