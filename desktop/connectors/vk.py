"""VK (vk.com): the comments on a community's wall, through the VK API 5.199.

    POST {api_base}/{method}   access_token, v=5.199 and the method's parameters, as a form
         -> {"response": ...} | {"error": {"error_code", "error_msg", "request_params"}}

Reading: groups.getById (sign-in), wall.get (the community's posts, newest first, by offset),
wall.getComments (a post's comments with up to ten replies of each thread inline; a longer
thread is read on its own with comment_id), wall.getComment (one comment). Writing:
wall.createComment (as the community, with a guid so that a resend is not posted twice),
wall.editComment, wall.deleteComment, wall.restoreComment, groups.ban; groups.getBanned tells
whether a ban arrived.

VK answers errors with HTTP 200 and an error code; each code is mapped to what it means for the
source (see `_raise`). The error's echo of the request is never shown, nor the token.

The token is a person's access token (an administrator or moderator of the community, with the
wall, groups and offline rights): VK's schema serves wall comments and moderation to user tokens
only, and a community token is refused by them (error 27). With the offline right the token does
not expire, so there is nothing to refresh: a refused token means signing in again.

VK allows a user token three requests a second; requests are paced below that for each token
(setting `requests_per_second`), across every source that uses the same token.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import json
import re
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, NoReturn

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
)
from desktop.connectors.http import async_client, int_setting, request_errors
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

API_BASE = "https://api.vk.com/method"
API_VERSION = "5.199"
# VK's limit for user tokens is 3 requests a second (20 for community tokens, which cannot
# read or moderate wall comments): the safe default for the tokens this connector takes.
DEFAULT_REQUESTS_PER_SECOND = 3.0
# Requests are spaced a little more than the limit asks, so that the jitter between sending
# and VK's counting never makes four of them fall into one second.
PACE_MARGIN = 1.05
# Comments are looked for on the posts published in the last this many days.
DEFAULT_POST_DAYS = 30
PAGE = 100  # wall.get and wall.getComments return at most 100 at once
THREAD_ITEMS = 10  # the most replies wall.getComments shows inline in each thread
PERSON_FIELDS = "screen_name,photo_100"
TITLE_LENGTH = 100
# A flood-control refusal (too many similar actions) is not retried for this long.
FLOOD_WAIT_S = 60.0
CAPTCHA_WAIT_S = 600.0
QUOTA_WAIT_S = 3600.0

# Reading comments: 100 (no such comment or post), 104 (not found), 212 (the post's comments
# are no longer readable).
_READ_GONE = frozenset({100, 104, 212})
# The comment writes: 104 (not found), as errors.json lists for them.
_WRITE_GONE = frozenset({104})
_MENTION = re.compile(r"\[(?:id|club|public|event)\d+\|([^\]]*)\]")
_COMMUNITY_ID = re.compile(r"-?(?:club|public|event)?(\d+)")


class _Pacer:
    """Spaces the starts of requests at least `interval` apart. It keeps no loop-bound state,
    so one pacer serves every connector of a token, whatever loop runs it."""

    def __init__(self) -> None:
        self._next = 0.0

    async def wait(self, interval: float) -> None:
        now = time.monotonic()
        start = max(now, self._next)
        self._next = start + interval
        if start > now:
            await asyncio.sleep(start - now)


_PACERS: dict[str, _Pacer] = {}


def _pacer(token: str) -> _Pacer:
    key = hashlib.sha256(token.encode("utf-8")).hexdigest()[:24]
    return _PACERS.setdefault(key, _Pacer())


@dataclass(frozen=True)
class _Post:
    id: int
    comments: int  # how many comments VK counts on it now


class VkConnector:
    kind: ClassVar[str] = "vk"
    title: ClassVar[str] = "VK"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "community",
            "Community",
            "The community's short name or number, as in vk.com/ourchannel or vk.com/club123",
            placeholder="ourchannel",
        ),
        SourceField(
            "access_token",
            "Access token",
            "The access token of an administrator or moderator of the community, with the "
            "wall, groups and offline rights. A community's own token cannot read wall "
            "comments.",
            secret=True,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.HIDE: "VK cannot hide a wall comment; delete it instead (it can be restored).",
        Action.APPROVE: "VK publishes wall comments at once; there is nothing to approve.",
        Action.SPAM: (
            "VK only lets you report a comment to VK's own moderators, which does not remove "
            "it; delete it or ban its author instead."
        ),
    }
    rescans: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {Action.REPLY, Action.EDIT_REPLY, Action.DELETE, Action.RESTORE, Action.BAN}
    )
    # A deleted comment comes back with RESTORE and a ban is lifted in the community's
    # blacklist (groups.unban): nothing done here is final on VK.
    irreversible: ClassVar[frozenset[Action]] = frozenset()
    reply_limit: ClassVar[int | None] = None  # VK's schema documents no length limit

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._base = str(settings.get("api_base") or API_BASE).rstrip("/")
        if not self._base.startswith(("http://", "https://")):
            raise Rejected("The source's VK API address is not valid; sign in again.")
        self._group_id = int_setting(settings.get("group_id"), 0)
        rate = _float_setting(settings.get("requests_per_second"), DEFAULT_REQUESTS_PER_SECOND)
        self._interval = PACE_MARGIN / rate
        self._post_days = int_setting(settings.get("post_days"), DEFAULT_POST_DAYS)
        self._authors: dict[int, RemoteAuthor] = {}
        self._contexts: dict[int, RemoteContext] = {}
        self._from_ids: dict[str, int] = {}  # comments' authors, learnt by fetch, for a ban
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    @property
    def _owner_id(self) -> int:
        if self._group_id <= 0:
            raise Rejected("The source does not say which VK community it is; sign in again.")
        return -self._group_id

    # -- sign-in -------------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        token = str(request.secrets.get("access_token", "")).strip()
        if not token:
            raise Rejected("Enter the access token of a VK community administrator.")
        wanted = _community_reference(str(request.settings.get("community", "")))
        settings: dict[str, Any] = {
            k: request.settings[k]
            for k in ("api_base", "requests_per_second", "post_days")
            if request.settings.get(k) not in (None, "")
        }
        request.credentials.set("access_token", token)
        probe = cls(SourceConfig(0, "", settings, request.credentials, request.timeout_s))
        try:
            return await probe._sign_in(wanted, settings)
        except _CommunityToken:
            raise
        except AuthFailed:
            raise AuthFailed(
                "VK does not accept this access token; check that it was copied whole and "
                "has not been revoked."
            ) from None
        finally:
            await probe.aclose()

    async def _sign_in(self, wanted: str, settings: dict[str, Any]) -> SignInResult:
        body = await self._call(
            "groups.getById",
            {"group_id": wanted, "fields": "is_admin,admin_level"},
            missing=f"VK has no community “{wanted}”.",
        )
        try:
            group = body["groups"][0]
            group_id = int(group["id"])
            name = _plain(str(group.get("name") or ""))
            screen_name = str(group.get("screen_name") or f"club{group_id}")
            is_admin = int(group.get("is_admin") or 0) == 1
        except (KeyError, IndexError, TypeError, ValueError):
            raise MalformedResponse("VK described the community in an unexpected shape.") from None
        self._group_id = group_id
        # The wall must be readable with this token, not only the community's page.
        await self._call("wall.get", {"domain": f"club{group_id}", "count": 1})
        if not is_admin:
            raise Rejected(
                f"The token's account is not an administrator or moderator of “{name}”; VK "
                "lets only them delete comments and ban authors."
            )
        settings.update(community=screen_name, group_id=group_id)
        return SignInResult(account=str(-group_id), name=name or screen_name, settings=settings)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """New comments of the recent posts. The cursor keeps, for each post, its comment count
        and its newest comment id as last seen: a post whose count has not moved is skipped, and
        of one that has, only comments with a larger id are new (VK numbers a wall's comments
        in order, replies in old threads included). Each post's page carries the cursor with
        that post advanced, so an interrupted pull loses nothing."""
        known = _decode_cursor(cursor)
        posts = await self._recent_posts(int(time.time()) - self._post_days * 86400)
        state = {post.id: known[post.id] for post in posts if post.id in known}
        last_cursor = cursor
        for post in reversed(posts):  # oldest first
            count, seen = state.get(post.id, (-1, 0))
            if post.comments == count:
                continue
            items: list[RemoteItem] = []
            newest = seen
            for comment_id, item in await self._all_comments(post.id, post.comments):
                newest = max(newest, comment_id)
                if item is not None and comment_id > seen and item.created_at >= since:
                    items.append(item)
            state[post.id] = (post.comments, newest)
            last_cursor = _encode_cursor(state)
            yield PullPage(items, last_cursor)
        final = _encode_cursor(state)
        if final != last_cursor:  # posts that left the window are forgotten
            yield PullPage([], final)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every comment written since `since` that is on VK now, on every post that a pull may
        have taken comments of since then. Deleted comments (and VK's placeholders for deleted
        comments that still have replies) are left out, so that they are marked deleted."""
        posts = await self._recent_posts(since - self._post_days * 86400)
        for post in posts:
            found = await self._all_comments(post.id, post.comments)
            items = [item for _id, item in found if item is not None and item.created_at >= since]
            if items:
                yield PullPage(items, None)

    async def _all_comments(self, post_id: int, count: int) -> list[tuple[int, RemoteItem | None]]:
        """A post's comments; none for a post without any, or one deleted (or closed to
        comment reading) since wall.get listed it."""
        if count <= 0:
            return []
        try:
            return [found async for found in self._comments(post_id)]
        except Gone:
            return []

    async def _recent_posts(self, after: int) -> list[_Post]:
        """The community's posts published since `after`, newest first."""
        posts: list[_Post] = []
        offset = 0
        while True:
            body = await self._call(
                "wall.get", {"domain": f"club{self._group_id}", "offset": offset, "count": PAGE}
            )
            try:
                total = int(body["count"])
                raw_posts = list(body["items"])
                done = not raw_posts
                for raw in raw_posts:
                    date = int(raw["date"])
                    if date < after:
                        if int(raw.get("is_pinned") or 0):
                            continue  # a pinned post comes first, however old
                        done = True
                        break
                    if raw.get("is_deleted"):
                        continue
                    posts.append(self._post(raw))
            except (KeyError, TypeError, ValueError) as error:
                raise MalformedResponse(
                    f"VK sent the community's posts in an unexpected shape ({error!r})."
                ) from None
            offset += len(raw_posts)
            if done or offset >= total:
                return posts

    def _post(self, raw: Mapping[str, Any]) -> _Post:
        post_id = int(raw["id"])
        comments = raw.get("comments") or {}
        text = _plain(str(raw.get("text") or ""))
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if len(title) > TITLE_LENGTH:
            title = title[: TITLE_LENGTH - 1].rstrip() + "…"
        context = RemoteContext(
            f"{self._owner_id}_{post_id}",
            "post",
            title or f"Post {post_id}",
            f"https://vk.com/wall{self._owner_id}_{post_id}",
        )
        self._contexts[post_id] = context
        return _Post(post_id, int(comments.get("count") or 0))

    async def _comments(self, post_id: int) -> AsyncIterator[tuple[int, RemoteItem | None]]:
        """Every comment of a post, threads included, each as its id and as an item (None for
        VK's placeholder of a deleted comment that still has replies)."""
        offset = 0
        while True:
            body = await self._comment_page(post_id, offset, thread_items=THREAD_ITEMS)
            try:
                level = int(body.get("current_level_count", body["count"]))
                raw_items = list(body["items"])
                for raw in raw_items:
                    yield int(raw["id"]), self._comment_item(raw, post_id)
                    thread = raw.get("thread") or {}
                    inline = list(thread.get("items") or [])
                    if int(thread.get("count") or 0) > len(inline):
                        # Read whole: which replies VK shows inline is not documented.
                        inline = [r async for r in self._thread(post_id, int(raw["id"]))]
                    for reply in inline:
                        yield int(reply["id"]), self._comment_item(reply, post_id)
            except (KeyError, TypeError, ValueError) as error:
                raise MalformedResponse(
                    f"VK sent a post's comments in an unexpected shape ({error!r})."
                ) from None
            offset += len(raw_items)
            if not raw_items or offset >= level:
                return

    async def _thread(self, post_id: int, comment_id: int) -> AsyncIterator[dict[str, Any]]:
        """All replies in one comment's thread (longer than wall.getComments shows inline)."""
        offset = 0
        while True:
            body = await self._comment_page(post_id, offset, comment_id=comment_id)
            level = int(body.get("current_level_count", body["count"]))
            raw_items = list(body["items"])
            for raw in raw_items:
                yield raw
            offset += len(raw_items)
            if not raw_items or offset >= level:
                return

    async def _comment_page(
        self, post_id: int, offset: int, *, thread_items: int = 0, comment_id: int = 0
    ) -> Any:
        params: dict[str, Any] = {
            "owner_id": self._owner_id,
            "post_id": post_id,
            "offset": offset,
            "count": PAGE,
            "sort": "asc",
            "need_likes": 0,
            "preview_length": 0,
            "extended": 1,
            "fields": PERSON_FIELDS,
        }
        if thread_items:
            params["thread_items_count"] = thread_items
        if comment_id:
            params["comment_id"] = comment_id
        body = await self._call("wall.getComments", params, gone=_READ_GONE)
        self._learn_people(body)
        return body

    def _learn_people(self, body: Any) -> None:
        """The names that come with an extended answer (`profiles` and `groups`)."""
        try:
            for person in body.get("profiles") or []:
                user_id = int(person["id"])
                name = " ".join(
                    _plain(str(person.get(k) or "")) for k in ("first_name", "last_name")
                ).strip()
                handle = str(person.get("screen_name") or f"id{user_id}")
                self._authors[user_id] = RemoteAuthor(str(user_id), handle, name)
            for group in body.get("groups") or []:
                group_id = int(group["id"])
                handle = str(group.get("screen_name") or f"club{group_id}")
                name = _plain(str(group.get("name") or ""))
                self._authors[-group_id] = RemoteAuthor(str(-group_id), handle, name)
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"VK sent the comments' authors in an unexpected shape ({error!r})."
            ) from None

    def _comment_item(self, raw: Mapping[str, Any], post_id: int) -> RemoteItem | None:
        if raw.get("deleted"):
            return None
        comment_id = int(raw["id"])
        from_id = int(raw["from_id"])
        post_id = int(raw.get("post_id") or post_id)
        parent = raw.get("reply_to_comment") or (list(raw.get("parents_stack") or []) or [0])[-1]
        author = self._authors.get(from_id) or RemoteAuthor(
            str(from_id), f"id{from_id}" if from_id > 0 else f"club{-from_id}"
        )
        return RemoteItem(
            remote_id=f"{post_id}_{comment_id}",
            kind="comment",
            text=_plain(str(raw["text"])),
            created_at=int(raw["date"]),
            author=author,
            context=self._contexts.get(post_id),
            parent_remote_id=f"{post_id}_{int(parent)}" if parent else None,
            own=from_id == self._owner_id,
        )

    # -- one comment ---------------------------------------------------------------------------

    async def fetch(self, remote_id: str) -> RemoteItem:
        post_id, comment_id = _split(remote_id)
        raw = await self._comment(comment_id)
        if raw is None or raw.get("deleted"):
            raise Gone("The comment is no longer on VK.")
        try:
            self._from_ids[remote_id] = int(raw["from_id"])
            item = self._comment_item(raw, post_id)
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"VK sent a comment in an unexpected shape ({error!r})."
            ) from None
        assert item is not None
        return item

    async def _comment(self, comment_id: int) -> dict[str, Any] | None:
        """The comment as VK has it (possibly a placeholder with `deleted`), or None if VK no
        longer has it."""
        try:
            body = await self._call(
                "wall.getComment",
                {
                    "owner_id": self._owner_id,
                    "comment_id": comment_id,
                    "extended": 1,
                    "fields": PERSON_FIELDS,
                },
                gone=_READ_GONE,
            )
        except Gone:
            return None
        self._learn_people(body)
        try:
            items = list(body["items"])
            return dict(items[0]) if items else None
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"VK sent a comment in an unexpected shape ({error!r})."
            ) from None

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        reasons: dict[Action, str] = {}
        if not item.own:
            reasons[Action.EDIT_REPLY] = "Only the community's own comments can be edited."
        else:
            reasons[Action.BAN] = "This comment was written by the community itself."
        if item.remote_state != "deleted":
            reasons[Action.RESTORE] = "The comment is not deleted."
        return reasons

    async def push(self, operation: Operation) -> PushResult:
        post_id, comment_id = _split(operation.item_remote_id)
        owner = self._owner_id
        if operation.kind is Action.REPLY:
            body = await self._call(
                "wall.createComment",
                {
                    "owner_id": owner,
                    "post_id": post_id,
                    "message": str(operation.payload["text"]),
                    "reply_to_comment": comment_id,
                    "from_group": -owner,
                    "guid": operation.idempotency_key,
                },
                writes=True,
            )
            try:
                return PushResult(remote_id=f"{post_id}_{int(body['comment_id'])}")
            except (KeyError, TypeError, ValueError):
                raise MalformedResponse("VK did not say which comment the reply became.") from None
        if operation.kind is Action.EDIT_REPLY:
            params = {
                "owner_id": owner,
                "comment_id": comment_id,
                "message": str(operation.payload["text"]),
            }
            self._ok(await self._call("wall.editComment", params, writes=True, gone=_WRITE_GONE))
            return PushResult(remote_id=operation.item_remote_id)
        if operation.kind is Action.DELETE:
            with contextlib.suppress(Gone):  # already gone: what the deletion wanted
                self._ok(
                    await self._call(
                        "wall.deleteComment",
                        {"owner_id": owner, "comment_id": comment_id},
                        writes=True,
                        gone=_WRITE_GONE,
                    )
                )
            return PushResult(remote_state="deleted")
        if operation.kind is Action.RESTORE:
            with contextlib.suppress(_NotDeleted):  # it is already back
                self._ok(
                    await self._call(
                        "wall.restoreComment",
                        {"owner_id": owner, "comment_id": comment_id},
                        writes=True,
                        gone=_WRITE_GONE,
                    )
                )
            return PushResult(remote_state="visible")
        if operation.kind is Action.BAN:
            author = await self._author_of(operation.item_remote_id, comment_id)
            if author == owner:
                raise Rejected("The comment was written by the community itself.")
            self._ok(
                await self._call(
                    "groups.ban", {"group_id": -owner, "owner_id": author}, writes=True
                )
            )
            return PushResult()
        reason = self.unsupported.get(operation.kind, "VK does not allow this action.")
        raise Rejected(reason)

    async def _author_of(self, remote_id: str, comment_id: int) -> int:
        known = self._from_ids.get(remote_id)
        if known is not None:
            return known
        raw = await self._comment(comment_id)
        if raw is None:
            raise Gone("The comment is no longer on VK, so its author is not known.")
        try:
            author = int(raw["from_id"])
        except (KeyError, TypeError, ValueError):
            raise MalformedResponse("VK sent a comment without its author.") from None
        self._from_ids[remote_id] = author
        return author

    @staticmethod
    def _ok(body: Any) -> None:
        if body != 1:
            raise MalformedResponse("VK did not confirm the change the way its API documents.")

    async def reconcile(self, operation: Operation) -> PushResult | None:
        post_id, comment_id = _split(operation.item_remote_id)
        if operation.kind is Action.REPLY:
            text = _plain(str(operation.payload["text"]))
            async for _id, item in self._comments(post_id):
                if (
                    item is not None
                    and item.own
                    and item.text == text
                    and item.remote_id not in operation.known_reply_ids
                    and item.created_at >= operation.created_at - 300
                ):
                    return PushResult(remote_id=item.remote_id)
            return None
        if operation.kind is Action.BAN:
            author = await self._author_of(operation.item_remote_id, comment_id)
            return PushResult() if await self._banned(author) else None
        raw = await self._comment(comment_id)
        deleted = raw is None or bool(raw.get("deleted"))
        if operation.kind is Action.DELETE:
            return PushResult(remote_state="deleted") if deleted else None
        if operation.kind is Action.RESTORE:
            return None if deleted else PushResult(remote_state="visible")
        if operation.kind is Action.EDIT_REPLY:
            if raw is None or deleted:
                raise Gone("The reply is no longer on VK.")
            same = _plain(str(raw.get("text", ""))) == _plain(str(operation.payload["text"]))
            return PushResult(remote_id=operation.item_remote_id) if same else None
        return None

    async def _banned(self, author: int) -> bool:
        offset = 0
        while True:
            body = await self._call(
                "groups.getBanned",
                {"group_id": -self._owner_id, "owner_id": author, "offset": offset, "count": 200},
            )
            try:
                entries = list(body["items"])
                for entry in entries:
                    if entry.get("type") == "group":
                        banned = -int(entry["group"]["id"])
                    else:
                        banned = int(entry["profile"]["id"])
                    if banned == author:
                        return True
                total = int(body["count"])
            except (AttributeError, KeyError, TypeError, ValueError) as error:
                raise MalformedResponse(
                    f"VK sent the community's blacklist in an unexpected shape ({error!r})."
                ) from None
            offset += len(entries)
            if not entries or offset >= total:
                return False

    # -- HTTP ----------------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        params: Mapping[str, Any],
        *,
        writes: bool = False,
        gone: frozenset[int] = frozenset(),
        missing: str = "",
    ) -> Any:
        """One API call; its `response`, or the error mapped to the connector's errors. The
        error codes in `gone` say that the comment asked about no longer exists (Gone)."""
        token = self._config.credentials.get("access_token")
        if not token:
            raise AuthFailed("The source has no VK access token; sign in again.")
        form = {k: _form_value(v) for k, v in params.items()}
        form.update(access_token=token, v=API_VERSION)
        await _pacer(token).wait(self._interval)
        with request_errors("VK", writes=writes):
            response = await self._client.post(f"{self._base}/{method}", data=form)
        return self._decode(response, token, gone=gone, missing=missing)

    def _decode(
        self, response: httpx.Response, token: str, *, gone: frozenset[int], missing: str
    ) -> Any:
        status = response.status_code
        if status == 429:
            raise RateLimited("VK asks for fewer requests; Steward will try again shortly.", 1.0)
        if status >= 500:
            raise ServerError(f"VK had an internal error (HTTP {status}).")
        if status != 200:
            raise Rejected(f"VK refused the request (HTTP {status}).")
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise MalformedResponse("VK's answer is not the JSON its API documents.") from None
        if not isinstance(body, dict):
            raise MalformedResponse("VK's answer is not the JSON its API documents.")
        if "error" in body:
            error = body["error"]
            try:
                code = int(error["error_code"])
                message = str(error.get("error_msg") or "")
            except (KeyError, TypeError, ValueError, AttributeError):
                raise MalformedResponse("VK sent an error in an unexpected shape.") from None
            _raise(code, message.replace(token, "…") if token else message, gone, missing)
        if "response" not in body:
            raise MalformedResponse("VK's answer has neither a response nor an error.")
        return body["response"]


class _CommunityToken(AuthFailed):
    """Error 27: a community's token where VK serves only a person's."""


class _NotDeleted(Rejected):
    """Error 243: a restore of a comment that is not deleted."""


def _raise(code: int, message: str, gone: frozenset[int], missing: str) -> NoReturn:
    """Map a VK error code (errors.json) to the connector's errors."""
    detail = f" (VK error {code}: {message})" if message else f" (VK error {code})"
    if code in (5, 1117):
        raise AuthFailed("VK no longer accepts the source's access token; sign in again.")
    if code == 27:
        raise _CommunityToken(
            "This is a community's token, and VK serves wall comments only to the token of a "
            "person who administers the community; sign in again with such a token."
        )
    if code == 17:
        raise AuthFailed(
            "VK asks the token's owner to confirm the account; do it on vk.com, then sign in again."
        )
    if code == 6:
        raise RateLimited("VK asks for fewer requests per second; Steward will slow down.", 1.0)
    if code == 9:
        raise RateLimited(
            "VK's flood control stopped this: too many similar actions in a short time. "
            "Steward will try again in a minute.",
            FLOOD_WAIT_S,
        )
    if code == 14:
        raise RateLimited(
            "VK wants a captcha solved before it takes more actions, which it asks for after "
            "many actions in a row. Steward will wait ten minutes and try again.",
            CAPTCHA_WAIT_S,
        )
    if code == 29:
        raise QuotaExceeded(
            "VK's daily limit for this kind of request is reached; Steward will try again "
            "in an hour.",
            QUOTA_WAIT_S,
        )
    if code in (223, 601):
        raise RateLimited(
            "VK limits how many actions of this kind can be taken in a row; Steward will try "
            "again in a minute.",
            FLOOD_WAIT_S,
        )
    if code in (1, 10, 13, 36, 43):
        raise ServerError(f"VK had an internal error{detail}.")
    if code == 243:
        raise _NotDeleted("The comment is not deleted.")
    if code in gone:
        raise Gone("The comment is no longer on VK.")
    if missing and code in (100, 104, 113, 125):
        raise Rejected(missing)
    if code == 18:
        raise Rejected("The author's VK page was deleted or blocked.")
    if code in (7, 15, 20, 30, 203, 211, 260):
        raise Rejected(f"VK does not allow this account to do that{detail}.")
    if code in (212, 213):
        raise Rejected("Comments on this post are closed or restricted.")
    if code == 222:
        raise Rejected("This community does not allow links in comments.")
    raise Rejected(f"VK refused the request{detail}.")


def _plain(text: str) -> str:
    """VK's text as the user wrote it: HTML's special characters come as entities and line
    breaks sometimes as <br>; mentions ([id1|Name]) read as the name."""
    text = html.unescape(text.replace("<br>", "\n"))
    return _MENTION.sub(r"\1", text)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _community_reference(value: str) -> str:
    """A community as VK's methods take it: its number or short name, from whatever the user
    pasted (vk.com/ourchannel, club123, -123, @ourchannel)."""
    value = value.strip()
    for prefix in ("https://", "http://", "m.vk.com/", "vk.com/", "www.vk.com/", "@"):
        value = value.removeprefix(prefix)
    value = value.split("?", 1)[0].strip("/ ")
    match = _COMMUNITY_ID.fullmatch(value)
    if match:
        return match.group(1)
    if not value:
        raise Rejected("Enter the community's short name or number.")
    return value


def _split(remote_id: str) -> tuple[int, int]:
    """A comment's remote id, "{post_id}_{comment_id}", as its two numbers."""
    post, _, comment = remote_id.partition("_")
    try:
        return int(post), int(comment)
    except ValueError:
        raise Rejected(f"“{remote_id}” is not a VK comment of this source.") from None


def _encode_cursor(state: Mapping[int, tuple[int, int]]) -> str:
    return json.dumps(
        {"posts": {str(post): [count, newest] for post, (count, newest) in sorted(state.items())}},
        separators=(",", ":"),
    )


def _decode_cursor(cursor: str | None) -> dict[int, tuple[int, int]]:
    """The per-post state of a saved cursor; an unreadable cursor reads as a first pull."""
    if not cursor:
        return {}
    try:
        posts = json.loads(cursor)["posts"]
        return {int(post): (int(value[0]), int(value[1])) for post, value in posts.items()}
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return {}


def _float_setting(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


CONNECTOR = VkConnector
