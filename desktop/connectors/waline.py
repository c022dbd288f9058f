"""Waline (self-hosted comments, waline.js.org): the comments of one Waline server, moderated
through the REST API its own dashboard uses.

    POST   /api/token        {email, password[, code]}  -> the user and a JWT ("token")
    GET    /api/token        Bearer                     -> the signed-in user ({} if the token
                                                           is not accepted)
    GET    /api/comment?type=list&owner=all&page=&pageSize=   every comment, newest first
                                                           (administrators only)
    PUT    /api/comment/{id} {status} | {comment}        approve, spam, back to waiting, edit
    DELETE /api/comment/{id}                             delete (with every reply to it)
    POST   /api/comment      {comment, url, pid, rid, at, ...}   a reply, as the administrator

Every answer is {"errno", "errmsg", "data"}. Waline refuses many things with HTTP 200 and a
non-zero errno ("Duplicate Content", a wrong password, a parameter it does not take); only a
missing or refused sign-in comes as HTTP 401 or 403.

Signing in: Waline's token is a JWT over the user's id alone, signed with the server's
JWT_TOKEN secret. It carries no expiry, so Steward keeps the token (in the keyring) and not the
password: the token stops working only when the server's secret changes or the account loses
its administrator rights, and then the source asks to sign in again.

Reading: the administrators' list without a status filter holds waiting, approved and spam
comments in one order (insertedAt, newest first). Steward reads that one list rather than the
three per-status lists the dashboard shows: a comment that is approved or marked spam while the
lists are read would otherwise fall between two of them, and a re-scan would take it for
deleted. The pull's cursor is the newest insertion time seen. Waline stores insertion times to
the second and a comment may be stored a moment after the time it carries, so each pull reads
back OVERLAP_S before the cursor; the items it reads again are stored once (ingest is
idempotent). A change of status of an older comment made elsewhere (in Waline's dashboard) is
learnt at the next re-scan.

Looking one comment up: the API has no "get by id", and the list filters only by status, owner
and text. `fetch` reads the list from the newest end until it finds the comment (FIND_PAGES at
most); it says Gone only after reading the whole list twice without it, and None where the list
is too long to tell. An answer to a comment needs the same look-up: Waline files a reply under
its parent's page and thread, and a reply to a comment that no longer exists is stored before
Waline fails on it.

Writing: PUT and DELETE answer errno 0 whatever the id. A PUT on a comment that does not exist
answers with empty data instead of the comment, which tells Steward it is gone; a DELETE of a
missing comment leaves what a deletion wants. Deleting a comment deletes every reply to it
(Waline removes the rows whose id, pid or rid is the comment's): the confirmation says so, and
the replies are marked deleted at the next re-scan, which finds them missing. HIDE sends a
comment back to "waiting": it leaves the page and is in the queue again, to approve later.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

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
from desktop.connectors.http import (
    async_client,
    int_setting,
    json_or_none,
    request_errors,
    retry_after,
)
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

PAGE_LIMIT = 100  # the largest pageSize Waline takes
# Each pull reads again the comments inserted this long before its cursor.
OVERLAP_S = 60
# A look-up of one comment reads at most this many pages of the list.
FIND_PAGES = 20
# A reconcile of a reply looks at the account's comments from this long before it was queued.
RECONCILE_SLACK_S = 300
DEFAULT_RETRY_AFTER_S = 5.0
ADMINISTRATOR = "administrator"
# Waline's comment statuses and what they mean for an item.
STATES = {"waiting": "held", "approved": "visible", "spam": "spam"}
# The status each moderation action gives a comment.
TARGET_STATUS = {Action.APPROVE: "approved", Action.SPAM: "spam", Action.HIDE: "waiting"}
DELETE_NOTE = "Deleting a comment on Waline also deletes every reply to it."
_TAG = re.compile(r"<[^>]+>")
_COMMENT_ID = re.compile(r"[A-Za-z0-9]+")  # the ids Waline's routes take


@dataclass(frozen=True)
class _Admin:
    """The signed-in account as GET /api/token describes it."""

    user_id: str
    email: str
    name: str
    url: str


class WalineConnector:
    kind: ClassVar[str] = "waline"
    title: ClassVar[str] = "Waline"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "api_base",
            "Waline server",
            "The address of your Waline server (the serverURL in the site's Waline settings), "
            "e.g. https://comments.example.org",
            placeholder="https://",
        ),
        SourceField(
            "site",
            "Site address",
            "The address of the site the comments are on, e.g. https://blog.example.org: "
            "Steward links each comment to its page there",
            required=False,
            placeholder="https://",
        ),
        SourceField("email", "Email", "The email address of a Waline administrator account"),
        SourceField(
            "password",
            "Password",
            "Used once to sign in; Steward keeps only the sign-in Waline gives back",
            secret=True,
        ),
        SourceField(
            "code",
            "Two-factor code",
            "Only if the account has two-factor sign-in turned on",
            secret=True,
            required=False,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.BAN: (
            "Waline cannot block a commenter from Steward: most comments are posted without "
            "an account. Mark the comment as spam instead."
        ),
        Action.RESTORE: "A comment deleted on Waline is gone for good; it cannot be restored.",
    }
    rescans: ClassVar[bool] = True
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = False
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {
            Action.REPLY,
            Action.EDIT_REPLY,
            Action.APPROVE,
            Action.HIDE,
            Action.SPAM,
            Action.DELETE,
        }
    )
    # Approve, spam and hide only move a comment between Waline's lists; a deletion is final.
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE})
    action_notes: ClassVar[Mapping[Action, str]] = {Action.DELETE: DELETE_NOTE}
    reply_limit: ClassVar[int | None] = None  # the server sets no length limit

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._base = _server_address(settings.get("api_base"))
        self._site = _site_address(settings.get("site"))
        self._user_id = str(settings.get("user_id") or "")
        self._page_size = max(
            1, min(PAGE_LIMIT, int_setting(settings.get("page_size"), PAGE_LIMIT))
        )
        self._admin: _Admin | None = None
        # Pages of the list read in this pass, by number; forgotten after every write.
        self._pages: dict[int, tuple[list[dict[str, Any]], int]] = {}
        headers = {"Accept": "application/json"}
        if self._site:
            # A server with secureDomains answers only requests that come from the site.
            headers["Referer"] = self._site + "/"
        self._client = async_client(config.timeout_s, transport, headers=headers)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        base = _server_address(request.settings.get("api_base"))
        site = _site_address(request.settings.get("site"))
        email = str(request.settings.get("email") or "").strip()
        password = request.secrets.get("password", "")
        code = request.secrets.get("code", "").strip()
        if not email or not password:
            raise Rejected("Enter the email address and password of a Waline administrator.")
        settings: dict[str, Any] = {"api_base": base, "email": email}
        if site:
            settings["site"] = site
        if request.settings.get("page_size") not in (None, ""):
            settings["page_size"] = request.settings["page_size"]
        probe = cls(SourceConfig(0, email, settings, request.credentials, request.timeout_s))
        try:
            body: dict[str, Any] = {"email": email, "password": password}
            if code:
                body["code"] = code
            try:
                data = await probe._call("POST", "/api/token", json_body=body, authorized=False)
            except _Refused:
                raise AuthFailed(
                    "Waline did not accept this email and password and two-factor code."
                    if code
                    else "Waline did not accept this email and password. If the account uses "
                    "two-factor sign-in, enter its current code too."
                ) from None
            if not isinstance(data, dict) or not isinstance(data.get("token"), str):
                raise MalformedResponse("Waline's answer to the sign-in has no token.")
            user = _admin(data)
            if data.get("type") != ADMINISTRATOR:
                raise Rejected(
                    f"{email} is not an administrator of this Waline server; only "
                    "administrators can moderate comments."
                )
            request.credentials.set("token", data["token"])
            checked = await probe._whoami()
            if checked.user_id != user.user_id:
                raise MalformedResponse("Waline named a different account for the new sign-in.")
        finally:
            await probe.aclose()
        settings["user_id"] = checked.user_id
        host = httpx.URL(site or base).host or base
        return SignInResult(account=email, name=f"Waline {host}", settings=settings)

    async def _whoami(self) -> _Admin:
        """The account the token signs in, checked to be an administrator (once per pass)."""
        if self._admin is not None:
            return self._admin
        data = await self._call("GET", "/api/token")
        if not isinstance(data, dict):
            raise MalformedResponse(
                "Waline described the signed-in account in an unexpected shape."
            )
        if not data:  # Waline answers an unknown or outdated token with an empty user
            raise AuthFailed("Waline no longer accepts Steward's sign-in; sign in again.")
        admin = _admin(data)
        if data.get("type") != ADMINISTRATOR:
            raise AuthFailed(
                "The account is no longer an administrator of this Waline server; sign in "
                "again with an administrator's account."
            )
        if self._user_id and admin.user_id != self._user_id:
            raise AuthFailed("The sign-in belongs to another Waline account; sign in again.")
        self._user_id = admin.user_id
        self._admin = admin
        return admin

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """The comments inserted since the cursor (with no cursor: since `since`), oldest first
        so that a reply's parent is stored before it. They are all read before the first page
        is handed over; only the last page carries the new cursor."""
        watermark = _read_cursor(cursor)
        floor_ms = since * 1000 if watermark is None else watermark - OVERLAP_S * 1000
        found = [row async for row in self._newest(floor_ms)]
        newest = max([watermark or since * 1000, *(_time_ms(row) for row in found)])
        items = self._items(found)
        final = _cursor(newest)
        chunks = _chunks(items, self._page_size)
        for chunk in chunks[:-1]:
            yield PullPage(chunk, cursor)
        yield PullPage(chunks[-1] if chunks else [], final)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every comment inserted since `since` that is on the server now, whatever its
        status, oldest first."""
        found = [row async for row in self._newest(since * 1000)]
        for chunk in _chunks(self._items(found), self._page_size):
            yield PullPage(chunk, None)

    async def _newest(self, floor_ms: int) -> AsyncIterator[dict[str, Any]]:
        """The list's comments from the newest down to those inserted at `floor_ms`."""
        seen: set[str] = set()
        page = 1
        while True:
            rows, total_pages = await self._page(page)
            for row in rows:
                if _time_ms(row) < floor_ms:
                    return
                comment_id = _id(row)
                if comment_id not in seen:  # a comment added meanwhile shifts the pages
                    seen.add(comment_id)
                    yield row
            if not rows or page >= total_pages:
                return
            page += 1

    async def _page(self, page: int) -> tuple[list[dict[str, Any]], int]:
        """One page of the administrators' list of every comment, newest first."""
        cached = self._pages.get(page)
        if cached is not None:
            return cached
        data = await self._call(
            "GET",
            "/api/comment",
            params={"type": "list", "owner": "all", "page": page, "pageSize": self._page_size},
        )
        try:
            rows = data["data"]
            total_pages = int(data["totalPages"])
            if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
                raise TypeError("data is not a list of comments")
            for row in rows:
                _id(row)
                _time_ms(row)
        except (KeyError, TypeError, ValueError) as error:
            raise _malformed("the comment list", error) from None
        self._pages[page] = (rows, total_pages)
        return rows, total_pages

    def _items(self, rows: Iterable[dict[str, Any]]) -> list[RemoteItem]:
        items = [self._item(row) for row in rows]
        items.sort(key=lambda item: (item.created_at, _order(item.remote_id)))
        return items

    def _item(self, row: Mapping[str, Any]) -> RemoteItem:
        try:
            comment_id = _id(row)
            original = row.get("orig")
            text = original if isinstance(original, str) else _plain(str(row["comment"] or ""))
            parent = row.get("pid")
            user_id = row.get("user_id")
            nick = str(row.get("nick") or "").strip() or "Anonymous"
            mail = str(row.get("mail") or "").strip()
            link = str(row.get("link") or "").strip()
            url = str(row.get("url") or "")
            status = row.get("status")
            extra: dict[str, Any] = {"status": str(status or "approved")}
            for key, value in (("mail", mail), ("link", link), ("ip", row.get("ip"))):
                if value:
                    extra[key] = str(value)
            if user_id not in (None, ""):
                author_id = f"user:{user_id}"
            elif mail:
                author_id = f"mail:{mail.lower()}"
            else:
                author_id = f"nick:{nick}"
            return RemoteItem(
                remote_id=comment_id,
                kind="comment",
                text=text,
                created_at=_time_ms(row) // 1000,
                author=RemoteAuthor(author_id, mail or nick, nick),
                context=self._context(url),
                parent_remote_id=str(parent) if parent not in (None, "", 0, "0") else None,
                # Comments from before Waline had statuses count as approved, as Waline counts them.
                remote_state=STATES.get(str(status), "visible"),
                own=bool(self._user_id) and str(user_id) == self._user_id,
                extra=extra,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _malformed("a comment", error) from None

    def _context(self, url: str) -> RemoteContext:
        if url.startswith(("http://", "https://")):
            link = url
        elif self._site and url:
            link = self._site + (url if url.startswith("/") else "/" + url)
        else:
            link = ""
        return RemoteContext(url or "/", "page", url or "/", link)

    # -- one comment ---------------------------------------------------------------------------

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        row, complete = await self._find(_comment_id(remote_id))
        if row is not None:
            return self._item(row)
        if complete:
            raise Gone("The comment is no longer on Waline.")
        return None

    async def _find(self, comment_id: str) -> tuple[dict[str, Any] | None, bool]:
        """The comment as the list has it, and whether the whole list was read. A comment not
        found in the whole list is looked for once more, in a fresh reading, before it counts
        as gone: a deletion while the pages are read shifts them under the reader."""
        for attempt in range(2):
            if attempt:
                self._pages.clear()
            page = 1
            while True:
                rows, total_pages = await self._page(page)
                for row in rows:
                    if _id(row) == comment_id:
                        return row, True
                if not rows or page >= total_pages:
                    break
                if page >= FIND_PAGES:
                    return None, False
                page += 1
        return None, True

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        blocked: dict[Action, str] = {}
        if not item.own:
            blocked[Action.EDIT_REPLY] = "Only the account's own comments can be edited here."
        else:
            blocked[Action.SPAM] = "This is the account's own comment."
        if item.remote_state == "visible":
            blocked[Action.APPROVE] = "The comment is already approved."
        elif item.remote_state == "spam":
            blocked[Action.SPAM] = "The comment is already marked as spam."
        elif item.remote_state == "held":
            blocked[Action.HIDE] = "The comment is already waiting for approval, off the page."
        return blocked

    async def push(self, operation: Operation) -> PushResult:
        comment_id = _comment_id(operation.item_remote_id)
        kind = operation.kind
        if kind in TARGET_STATUS:
            status = TARGET_STATUS[kind]
            row = await self._update(comment_id, {"status": status})
            if row.get("status") != status:
                raise MalformedResponse("Waline did not confirm the comment's new status.")
            return PushResult(remote_state=STATES[status])
        if kind is Action.DELETE:
            # Waline answers the same whether or not the comment was still there.
            await self._write("DELETE", f"/api/comment/{comment_id}")
            return PushResult(remote_state="deleted")
        if kind is Action.REPLY:
            return await self._reply(comment_id, str(operation.payload["text"]))
        if kind is Action.EDIT_REPLY:
            await self._update(comment_id, {"comment": str(operation.payload["text"])})
            return PushResult(remote_id=operation.item_remote_id)
        raise Rejected(self.unsupported.get(kind, "Waline does not allow this action."))

    async def _update(self, comment_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        data = await self._write("PUT", f"/api/comment/{comment_id}", changes)
        if data in ("", None, {}):  # Waline's answer for an id it does not have
            raise Gone("The comment is no longer on Waline.")
        if not isinstance(data, dict):
            raise MalformedResponse("Waline answered the change without the comment.")
        return data

    async def _reply(self, parent_id: str, text: str) -> PushResult:
        admin = await self._whoami()  # a refused token would post the reply as a visitor's
        parent, complete = await self._find(parent_id)
        if parent is None:
            if complete:
                raise Gone("The comment being answered is no longer on Waline.")
            raise Rejected(
                f"Steward could not find the comment among Waline's newest "
                f"{FIND_PAGES * self._page_size} comments, so it cannot file the answer under "
                "it; answer it in Waline's dashboard."
            )
        try:
            root = parent.get("rid") or parent["objectId"]
            body = {
                "comment": text,
                "url": str(parent["url"]),
                "pid": parent["objectId"],
                "rid": root,
                "at": str(parent.get("nick") or ""),
                "ua": "Steward",
                "nick": admin.name,
                "mail": admin.email,
                "link": admin.url,
            }
        except KeyError as error:
            raise _malformed("the comment being answered", error) from None
        data = await self._write("POST", "/api/comment", body)
        if not isinstance(data, dict):
            raise MalformedResponse("Waline did not say which comment the reply became.")
        try:
            reply_id = _id(data)
        except (KeyError, TypeError, ValueError):
            raise MalformedResponse("Waline did not say which comment the reply became.") from None
        if str(data.get("user_id")) != admin.user_id:
            raise Rejected(
                "Waline filed the reply as a visitor's comment waiting for approval, not as the "
                "administrator's; sign in again, and delete that copy in Waline's dashboard."
            )
        return PushResult(remote_id=reply_id)

    async def reconcile(self, operation: Operation) -> PushResult | None:
        comment_id = _comment_id(operation.item_remote_id)
        kind = operation.kind
        if kind is Action.REPLY:
            return await self._find_reply(comment_id, operation)
        row, complete = await self._find(comment_id)
        if kind is Action.DELETE:
            if row is None and complete:
                return PushResult(remote_state="deleted")
            return None  # still there (or not known): deleting again is harmless
        if row is None:
            if complete:
                raise Gone("The comment is no longer on Waline.")
            return None
        if kind in TARGET_STATUS:
            status = TARGET_STATUS[kind]
            return PushResult(remote_state=STATES[status]) if row.get("status") == status else None
        if kind is Action.EDIT_REPLY:
            same = _same_text(row.get("orig"), operation.payload.get("text"))
            return PushResult(remote_id=operation.item_remote_id) if same else None
        return None

    async def _find_reply(self, parent_id: str, operation: Operation) -> PushResult | None:
        """The account's comment under the parent with the operation's text, written since it
        was queued and not already known as one of its replies."""
        if not self._user_id:
            await self._whoami()
        floor_ms = (operation.created_at - RECONCILE_SLACK_S) * 1000
        async for row in self._newest(floor_ms):
            reply_id = _id(row)
            if (
                str(row.get("user_id")) == self._user_id
                and str(row.get("pid")) == parent_id
                and reply_id not in operation.known_reply_ids
                and _same_text(row.get("orig"), operation.payload.get("text"))
            ):
                return PushResult(remote_id=reply_id)
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    async def _write(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        try:
            return await self._call(method, path, json_body=body, writes=True)
        finally:
            self._pages.clear()  # what was read before no longer holds

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
        writes: bool = False,
        authorized: bool = True,
    ) -> Any:
        """One request; the answer's `data`, or the failure as the connector's errors."""
        headers: dict[str, str] = {}
        if authorized:
            token = self._config.credentials.get("token")
            if not token:
                raise AuthFailed("The source is not signed in to Waline; sign in again.")
            headers["Authorization"] = f"Bearer {token}"
        with request_errors(f"the Waline server {self._host}", writes=writes):
            response = await self._client.request(
                method,
                self._base + path,
                params={k: str(v) for k, v in (params or {}).items()},
                json=json_body,
                headers=headers,
            )
        return self._decode(response, path)

    @property
    def _host(self) -> str:
        return httpx.URL(self._base).host or self._base

    def _decode(self, response: httpx.Response, path: str) -> Any:
        status = response.status_code
        body = json_or_none(response)
        errno = body.get("errno") if isinstance(body, dict) else None
        if status == 429:
            wait = retry_after(response, DEFAULT_RETRY_AFTER_S)
            raise RateLimited("The Waline server asks Steward to slow down.", wait)
        if status == 401 or errno == 401:
            raise AuthFailed("Waline no longer accepts Steward's sign-in; sign in again.")
        if status == 403 or errno == 403:
            raise AuthFailed(
                "Waline refused: the account is not an administrator, or the server answers "
                "only requests from its site (secureDomains) and the site address is missing "
                "or not among them. Check both, then sign in again."
            )
        if status == 404:
            raise Rejected(
                f"{self._host} does not answer as a Waline server (it has no {path}); check "
                "the server address."
            )
        if status >= 500:
            detail = _message(body)
            raise ServerError(
                f"The Waline server had an internal error (HTTP {status})"
                + (f": {detail}" if detail else ".")
            )
        if status != 200:
            raise Rejected(f"The Waline server refused the request (HTTP {status}).")
        if not isinstance(body, dict) or not isinstance(errno, int) or isinstance(errno, bool):
            raise MalformedResponse("The Waline server's answer is not the JSON Waline sends.")
        if errno != 0:
            detail = _message(body)
            raise _Refused(
                f"Waline refused: {detail}" if detail else f"Waline refused (error {errno})."
            )
        return body.get("data")


class _Refused(Rejected):
    """Waline's refusal inside an HTTP 200 answer (a non-zero errno)."""


def _admin(data: Mapping[str, Any]) -> _Admin:
    try:
        user_id = data["objectId"]
        if user_id in (None, ""):
            raise ValueError("no objectId")
        return _Admin(
            user_id=str(user_id),
            email=str(data.get("email") or ""),
            name=str(data.get("display_name") or ""),
            url=str(data.get("url") or ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _malformed("the signed-in account", error) from None


def _id(row: Mapping[str, Any]) -> str:
    value = row["objectId"]
    if value in (None, "") or isinstance(value, bool | dict | list):
        raise ValueError(f"objectId {value!r}")
    return str(value)


def _time_ms(row: Mapping[str, Any]) -> int:
    """When the comment was inserted, in epoch milliseconds (Waline's `time`)."""
    value = row["time"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"time {value!r}")
    return int(value)


def _order(remote_id: str) -> tuple[int, str]:
    """Comments inserted in the same second, in the order their (numeric) ids give."""
    return (int(remote_id), "") if remote_id.isdigit() else (0, remote_id)


def _comment_id(remote_id: str) -> str:
    value = remote_id.strip()
    if not _COMMENT_ID.fullmatch(value):
        raise Rejected("The item is not a Waline comment Steward knows how to address.")
    return value


def _same_text(found: Any, wanted: Any) -> bool:
    return isinstance(found, str) and found.strip() == str(wanted or "").strip()


def _plain(rendered: str) -> str:
    """A comment's text from Waline's rendered HTML, where the original is not given."""
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", "\n", rendered)
    return html.unescape(_TAG.sub("", text)).strip()


def _message(body: Any) -> str:
    """Waline's error message: a text, or for a parameter it refused, {name: message}."""
    if not isinstance(body, dict):
        return ""
    message = body.get("errmsg")
    if isinstance(message, dict):
        message = "; ".join(f"{name}: {text}" for name, text in message.items())
    return str(message or "").strip()[:300]


def _chunks(items: list[RemoteItem], size: int) -> list[list[RemoteItem]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _read_cursor(cursor: str | None) -> int | None:
    """The newest insertion time (ms) a saved cursor holds; an unreadable one reads as none."""
    if not cursor:
        return None
    try:
        value = json.loads(cursor)["after_ms"]
        return int(value) if not isinstance(value, bool) else None
    except (ValueError, TypeError, KeyError):
        return None


def _cursor(after_ms: int) -> str:
    return json.dumps({"after_ms": after_ms}, separators=(",", ":"))


def _server_address(value: Any) -> str:
    address = str(value or "").strip().rstrip("/")
    if address and "://" not in address:
        address = "https://" + address
    if not address.startswith(("http://", "https://")) or not httpx.URL(address).host:
        raise Rejected("Enter the address of the Waline server, e.g. https://comments.example.org.")
    return address


def _site_address(value: Any) -> str:
    address = str(value or "").strip().rstrip("/")
    if not address:
        return ""
    if "://" not in address:
        address = "https://" + address
    if not address.startswith(("http://", "https://")) or not httpx.URL(address).host:
        raise Rejected("The site address is not valid; enter it like https://blog.example.org.")
    return address


def _malformed(what: str, error: BaseException) -> MalformedResponse:
    return MalformedResponse(f"Waline sent {what} in an unexpected shape ({error!r}).")


CONNECTOR = WalineConnector
