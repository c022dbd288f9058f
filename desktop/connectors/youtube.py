"""YouTube Data API v3: the comments on every video of one channel, and their moderation.

Sign-in is OAuth for installed apps (authorization code with PKCE through the browser and a
loopback redirect) with the user's own Google Cloud "Desktop app" client and the
`youtube.force-ssl` scope. The source's account is the channel's id (`UC...`): it never
changes, and a comment is the channel's own when its `authorChannelId` is that id. The channel's
title names the source.

    GET    {api}/channels?part=snippet&mine=true                    1 unit
    GET    {api}/commentThreads?allThreadsRelatedToChannelId=&moderationStatus=&order=time
    GET    {api}/comments?parentId=|id=                              1 unit a page
    GET    {api}/videos?part=snippet&id=a,b,...  (up to 50 ids)      1 unit
    POST   {api}/comments?part=snippet             reply             50 units
    PUT    {api}/comments?part=snippet             edit own reply    50 units
    DELETE {api}/comments?id=                      delete own        50 units
    POST   {api}/comments/setModerationStatus?id=&moderationStatus=[&banAuthor=true]  50 units

Pulling: threads are listed newest first for each moderation queue (published, heldForReview,
likelySpam), and a pull stops at the newest thread time already seen in that queue: the cursor
keeps one such watermark per queue. A thread lists only some of its replies; when it has more,
the whole chain is read with comments.list. Replies added to a thread older than the watermark
surface only in the re-scan, which lists the threads of the last days again.

Quota: YouTube grants a number of units a day (10,000 by default) that resets at midnight
Pacific Time. Every call is counted in a ledger per source that outlives one sync pass; a call
that would overspend it is not sent, and waits for the reset, as does a 403 quotaExceeded.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import OrderedDict
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
    MemoryCredentials,
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
from desktop.connectors.google import (
    QUOTA_REASONS,
    RATE_LIMIT_REASONS,
    google_error,
    quota_day,
    seconds_until_reset,
)
from desktop.connectors.http import (
    SHAPE_ERRORS,
    async_client,
    int_or_none,
    request_errors,
    retry_after,
)
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem
from desktop.oauth import OAuthClient, Tokens, authorize, refresh

API_BASE = "https://youtube.googleapis.com/youtube/v3"
AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URL = "https://oauth2.googleapis.com/token"
SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
WATCH_URL = "https://www.youtube.com/watch?v="

# The moderation queues a channel owner can list, and the state each means in Steward.
QUEUES: dict[str, str] = {"published": "visible", "heldForReview": "held", "likelySpam": "spam"}
PAGE_SIZE = 100  # the most commentThreads.list and comments.list return in one page
VIDEO_BATCH = 50  # the most ids videos.list takes at once
REPLY_LIMIT = 10_000

# Units per call, from YouTube's quota table.
LIST_COST = 1
WRITE_COST = 50
DEFAULT_DAILY_QUOTA = 10_000
RATE_LIMIT_WAIT_S = 60.0

# Steward's names of the secrets kept in the keyring.
ACCESS_TOKEN = "access_token"
ACCESS_EXPIRES_AT = "access_token_expires_at"
REFRESH_TOKEN = "refresh_token"
CLIENT_SECRET = "client_secret"


# -- the quota ledger ----------------------------------------------------------------------------


@dataclass
class _Day:
    day: dt.date
    used: int = 0


_LEDGER: dict[int, _Day] = {}
_LEDGER_LOCK = threading.Lock()


def units_used(source_id: int, now: float | None = None) -> int:
    """Units this process has spent for the source on the current quota day."""
    at = time.time() if now is None else now
    with _LEDGER_LOCK:
        entry = _LEDGER.get(source_id)
        return entry.used if entry is not None and entry.day == quota_day(at) else 0


def _today(source_id: int, now: float) -> _Day:
    day = quota_day(now)
    entry = _LEDGER.get(source_id)
    if entry is None or entry.day != day:
        entry = _LEDGER[source_id] = _Day(day)
    return entry


def _reserve(source_id: int, units: int, budget: int, now: float) -> None:
    """Count `units` against the day's budget, or raise QuotaExceeded without counting."""
    with _LEDGER_LOCK:
        entry = _today(source_id, now)
        if entry.used + units > budget:
            raise QuotaExceeded(
                "The channel's daily YouTube quota is spent; syncing resumes after midnight "
                "Pacific Time.",
                seconds_until_reset(now),
            )
        entry.used += units


def _exhaust(source_id: int, budget: int, now: float) -> None:
    with _LEDGER_LOCK:
        entry = _today(source_id, now)
        entry.used = max(entry.used, budget)


# -- what this process has seen of each comment --------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    state: str | None  # None: the listing that showed it did not say
    parent: str | None  # the top-level comment of a reply
    author: str


_SEEN_LIMIT = 50_000
_SEEN: dict[int, OrderedDict[str, _Seen]] = {}
_SEEN_LOCK = threading.Lock()


def _remember(source_id: int, remote_id: str, seen: _Seen) -> None:
    with _SEEN_LOCK:
        known = _SEEN.setdefault(source_id, OrderedDict())
        previous = known.pop(remote_id, None)
        if seen.state is None and previous is not None:
            seen = _Seen(previous.state, seen.parent, seen.author)
        known[remote_id] = seen
        if len(known) > _SEEN_LIMIT:
            known.popitem(last=False)


def _recall(source_id: int, remote_id: str) -> _Seen | None:
    with _SEEN_LOCK:
        known = _SEEN.get(source_id)
        return known.get(remote_id) if known is not None else None


# -- the connector -------------------------------------------------------------------------------


class YouTubeConnector:
    kind: ClassVar[str] = "youtube"
    title: ClassVar[str] = "YouTube"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "client_id",
            "OAuth client ID",
            "From your Google Cloud project: APIs & Services › Credentials › OAuth client ID of "
            'type "Desktop app", with the YouTube Data API v3 enabled.',
            placeholder="1234567890-abc.apps.googleusercontent.com",
        ),
        SourceField(
            "client_secret",
            "OAuth client secret",
            "Shown next to the client ID in Google Cloud.",
            secret=True,
        ),
        SourceField(
            "channel_id",
            "Channel ID",
            "Only if your Google account has several channels: the one to moderate (UC...).",
            required=False,
            placeholder="UC...",
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.RESTORE: "YouTube cannot bring back a comment that was removed or rejected.",
    }
    rescans: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.OAUTH_REFRESH
    capabilities: ClassVar[frozenset[Action]] = frozenset(
        {
            Action.REPLY,
            Action.EDIT_REPLY,
            Action.HIDE,
            Action.APPROVE,
            Action.DELETE,
            Action.SPAM,
            Action.BAN,
        }
    )
    # Removing someone else's comment rejects it, and YouTube cannot publish a rejected comment
    # again; a ban rejects too. Deleting an own comment cannot be undone either.
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE, Action.SPAM, Action.BAN})
    reply_limit: ClassVar[int | None] = REPLY_LIMIT

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._api = str(settings.get("api_base") or API_BASE).rstrip("/")
        self._channel = str(settings.get("channel_id") or config.account or "")
        self._budget = int(settings.get("daily_quota") or DEFAULT_DAILY_QUOTA)
        self._page_size = min(PAGE_SIZE, max(1, int(settings.get("page_size") or PAGE_SIZE)))
        self._oauth = OAuthClient(
            client_id=str(settings.get("client_id") or ""),
            auth_url=str(settings.get("auth_url") or AUTH_URL),
            token_url=str(settings.get("token_url") or TOKEN_URL),
            scopes=(SCOPE,),
            client_secret=config.credentials.get(CLIENT_SECRET) or "",
        )
        self._titles: dict[str, str] = {}  # video titles, looked up once per pass
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        client_id = str(request.settings.get("client_id", "")).strip()
        client_secret = str(request.secrets.get("client_secret", "")).strip()
        wanted = str(request.settings.get("channel_id", "") or "").strip()
        if not client_id or not client_secret:
            raise Rejected("Enter the OAuth client ID and client secret of your Google project.")
        overrides = {
            name: str(request.settings[name]).strip()
            for name in ("auth_url", "token_url", "api_base", "daily_quota")
            if request.settings.get(name)
        }
        oauth = OAuthClient(
            client_id=client_id,
            auth_url=overrides.get("auth_url", AUTH_URL),
            token_url=overrides.get("token_url", TOKEN_URL),
            scopes=(SCOPE,),
            client_secret=client_secret,
            # Offline access with a fresh consent is what makes Google send a refresh token.
            extra_params=(("access_type", "offline"), ("prompt", "consent")),
        )
        async with httpx.AsyncClient(timeout=request.timeout_s) as http:
            tokens = await authorize(
                oauth, request.open_browser, timeout_s=request.browser_timeout_s, http=http
            )
        if not tokens.refresh_token:
            raise AuthFailed(
                "Google did not grant lasting access to the channel; sign in again and allow "
                "Steward to manage your YouTube account."
            )
        staged = MemoryCredentials(
            {CLIENT_SECRET: client_secret, **_token_values(tokens, tokens.refresh_token)}
        )
        settings: dict[str, Any] = {"client_id": client_id, **overrides}
        connector = cls(
            SourceConfig(0, "", settings, staged, timeout_s=request.timeout_s),
        )
        try:
            body = await connector._get("channels", {"part": "snippet", "mine": "true"})
        finally:
            await connector.aclose()
        try:
            channels = {str(c["id"]): str(c["snippet"]["title"]) for c in body.get("items") or []}
        except SHAPE_ERRORS as error:
            raise MalformedResponse(
                f"YouTube described the channel in an unexpected shape ({error!r})."
            ) from None
        if not channels:
            raise Rejected("This Google account has no YouTube channel to moderate.")
        if wanted and wanted not in channels:
            raise Rejected(
                f"The signed-in Google account does not own the channel {wanted}; on Google's "
                "page, choose the account or brand account of that channel."
            )
        channel_id = wanted or next(iter(channels))
        for name, value in staged.values.items():
            request.credentials.set(name, value)
        settings.update({"channel_id": channel_id, "channel_title": channels[channel_id]})
        return SignInResult(account=channel_id, name=channels[channel_id], settings=settings)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        marks = _watermarks(cursor)
        for queue in QUEUES:
            resumed = queue in marks
            async for page in self._queue(queue, marks.get(queue, since), marks, resumed):
                yield page

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        for queue in QUEUES:
            async for page in self._queue(queue, since, None, False):
                yield page

    async def _queue(
        self, queue: str, floor: int, marks: dict[str, int] | None, resumed: bool
    ) -> AsyncIterator[PullPage]:
        """The threads of one moderation queue created at `floor` or later, newest first. With
        `marks` (a pull), each page carries the cursor; the queue's watermark moves on only with
        its last page, so that a pull cut short starts again from the newest thread. When
        `resumed` from a watermark, the threads at the watermark itself were read in full by
        the previous pull and come with their embedded replies only."""
        self._require_channel()
        newest = floor
        token: str | None = None
        while True:
            params: dict[str, Any] = {
                "part": "snippet,replies",
                "allThreadsRelatedToChannelId": self._channel,
                "moderationStatus": queue,
                "order": "time",
                "maxResults": self._page_size,
                "textFormat": "plainText",
            }
            if token:
                params["pageToken"] = token
            body = await self._get("commentThreads", params)
            try:
                threads = _list(body, "items")
                token = body.get("nextPageToken") or None
                if token is not None and not isinstance(token, str):
                    raise TypeError("nextPageToken")
                chosen: list[tuple[dict[str, Any], int]] = []
                reached_floor = False
                for thread in threads:
                    top = thread["snippet"]["topLevelComment"]
                    published = _timestamp(top["snippet"]["publishedAt"])
                    if published < floor:
                        reached_floor = True
                        continue
                    newest = max(newest, published)
                    chosen.append((thread, published))
            except SHAPE_ERRORS as error:
                raise _malformed("a page of comment threads", error) from None
            comments: list[tuple[dict[str, Any], str]] = []
            for thread, published in chosen:
                full = not (resumed and published == floor)
                comments.extend(await self._thread_comments(thread, QUEUES[queue], full))
            try:
                videos = [raw["snippet"].get("videoId") for raw, _state in comments]
            except SHAPE_ERRORS as error:
                raise _malformed("a comment", error) from None
            await self._learn_titles(videos)
            try:
                items = [self._item(raw, state) for raw, state in comments]
            except SHAPE_ERRORS as error:
                raise _malformed("a comment", error) from None
            last = reached_floor or token is None
            page_cursor = None
            if marks is not None:
                if last:
                    marks[queue] = newest
                page_cursor = json.dumps(marks, sort_keys=True)
            yield PullPage(items, page_cursor)
            if last:
                return

    async def _thread_comments(
        self, thread: dict[str, Any], state: str, full: bool
    ) -> list[tuple[dict[str, Any], str]]:
        """The thread's top-level comment and its replies (all of them if `full`, else those
        the thread embeds), each with the state its listing implies (a comment's own
        moderationStatus, where given, wins)."""
        try:
            snippet = thread["snippet"]
            top = snippet["topLevelComment"]
            embedded = _list(thread.get("replies") or {"comments": []}, "comments")
            total = int(snippet.get("totalReplyCount") or 0)
            thread_id = str(thread["id"])
        except SHAPE_ERRORS as error:
            raise _malformed("a comment thread", error) from None
        replies = embedded
        if full and total > len(embedded):
            replies = await self._replies(thread_id)
        return [(top, state), *((reply, state) for reply in replies)]

    async def _replies(self, parent_id: str) -> list[dict[str, Any]]:
        replies: list[dict[str, Any]] = []
        token: str | None = None
        while True:
            params: dict[str, Any] = {
                "part": "snippet",
                "parentId": parent_id,
                "maxResults": self._page_size,
                "textFormat": "plainText",
            }
            if token:
                params["pageToken"] = token
            body = await self._get("comments", params)
            try:
                replies.extend(_list(body, "items"))
                token = body.get("nextPageToken") or None
            except SHAPE_ERRORS as error:
                raise _malformed("a page of replies", error) from None
            if not token:
                return replies

    async def _learn_titles(self, video_ids: Iterable[Any]) -> None:
        """Look up the titles of videos not seen yet in this pass, 50 to a call."""
        missing = list(dict.fromkeys(str(v) for v in video_ids if v and v not in self._titles))
        for start in range(0, len(missing), VIDEO_BATCH):
            chunk = missing[start : start + VIDEO_BATCH]
            body = await self._get(
                "videos", {"part": "snippet", "id": ",".join(chunk), "maxResults": VIDEO_BATCH}
            )
            try:
                for video in _list(body, "items"):
                    self._titles[str(video["id"])] = str(video["snippet"]["title"])
            except SHAPE_ERRORS as error:
                raise _malformed("the list of videos", error) from None
            for video_id in chunk:  # a private or deleted video: no title, asked once
                self._titles.setdefault(video_id, "")

    def _item(self, raw: dict[str, Any], listed_state: str | None) -> RemoteItem:
        """A comment resource as an inbox item. `listed_state` is the state of the queue that
        listed it; None where the listing does not tell (a lookup by id)."""
        snippet = raw["snippet"]
        remote_id = str(raw["id"])
        text = snippet.get("textOriginal")
        if not isinstance(text, str):
            text = snippet["textDisplay"]
        if not isinstance(text, str):
            raise TypeError("textDisplay")
        published = _timestamp(snippet["publishedAt"])
        updated_raw = snippet.get("updatedAt")
        updated = _timestamp(updated_raw) if updated_raw else published
        status = snippet.get("moderationStatus")
        state = QUEUES.get(status, listed_state) if isinstance(status, str) else listed_state
        author_id = str((snippet.get("authorChannelId") or {}).get("value") or "")
        name = str(snippet.get("authorDisplayName") or "")
        parent = snippet.get("parentId")
        parent_id = str(parent) if parent else None
        _remember(self._config.source_id, remote_id, _Seen(state, parent_id, author_id))
        video_id = snippet.get("videoId")
        if video_id:
            video = str(video_id)
            context = RemoteContext(video, "video", self._titles.get(video, ""), WATCH_URL + video)
            permalink = f"{WATCH_URL}{video}&lc={remote_id}"
        else:  # a comment about the channel itself
            channel = str(snippet.get("channelId") or self._channel)
            context = RemoteContext(
                channel,
                "channel",
                str(self._config.settings.get("channel_title") or ""),
                f"https://www.youtube.com/channel/{channel}",
            )
            permalink = context.url
        return RemoteItem(
            remote_id=remote_id,
            kind="comment",
            text=text,
            created_at=published,
            author=RemoteAuthor(
                author_id or f"name:{name}",
                handle=name if name.startswith("@") else "",
                display_name=name,
            ),
            context=context,
            parent_remote_id=parent_id,
            remote_state=state or "visible",
            edited_at=updated if updated != published else None,
            own=bool(self._channel) and author_id == self._channel,
            extra={"url": permalink},
        )

    # -- one comment ---------------------------------------------------------------------------

    async def _comment(self, remote_id: str) -> dict[str, Any]:
        """The comment as comments.list?id= shows it (no moderation status); Gone if none."""
        body = await self._get(
            "comments", {"part": "snippet", "id": remote_id, "textFormat": "plainText"}
        )
        try:
            items = _list(body, "items")
            if items and not isinstance(items[0], dict):
                raise TypeError("items")
        except SHAPE_ERRORS as error:
            raise _malformed("a comment", error) from None
        if not items:
            raise Gone("The comment no longer exists on YouTube.")
        first: dict[str, Any] = items[0]
        return first

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        raw = await self._comment(remote_id)
        seen = _recall(self._config.source_id, remote_id)
        state = raw.get("snippet", {}).get("moderationStatus") if isinstance(raw, dict) else None
        if state not in QUEUES and (seen is None or seen.state is None):
            # YouTube leaves the moderation status out of a lookup by id; an item whose state
            # this process has not seen in a listing is only known to exist.
            return None
        try:
            video_id = raw["snippet"].get("videoId")
            await self._learn_titles([video_id])
            return self._item(raw, seen.state if seen is not None else None)
        except SHAPE_ERRORS as error:
            raise _malformed("a comment", error) from None

    async def _facts(self, remote_id: str) -> _Seen:
        """Who wrote the comment and which thread it belongs to, from what this process has
        seen, or from YouTube."""
        seen = _recall(self._config.source_id, remote_id)
        if seen is not None:
            return seen
        raw = await self._comment(remote_id)
        try:
            snippet = raw["snippet"]
            author = str((snippet.get("authorChannelId") or {}).get("value") or "")
            parent = snippet.get("parentId")
        except SHAPE_ERRORS as error:
            raise _malformed("a comment", error) from None
        seen = _Seen(None, str(parent) if parent else None, author)
        _remember(self._config.source_id, remote_id, seen)
        return seen

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        if item.own:
            return {
                Action.HIDE: "YouTube does not hold the channel's own comments for review.",
                Action.APPROVE: "The channel's own comments need no approval on YouTube.",
                Action.SPAM: "The channel's own comment cannot be reported as spam.",
                Action.BAN: "The channel cannot ban itself from its own comments.",
            }
        return {Action.EDIT_REPLY: "YouTube lets only a comment's author edit it."}

    async def push(self, operation: Operation) -> PushResult:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            facts = await self._facts(remote_id)
            # YouTube has one level of replies: an answer to a reply joins the reply's thread.
            body = await self._write(
                "POST",
                "comments",
                {"part": "snippet"},
                {
                    "snippet": {
                        "parentId": facts.parent or remote_id,
                        "textOriginal": operation.payload["text"],
                    }
                },
            )
            reply_id = _string(body, "id")
            _remember(
                self._config.source_id,
                reply_id,
                _Seen("visible", facts.parent or remote_id, self._channel),
            )
            return PushResult(remote_id=reply_id)
        if kind is Action.EDIT_REPLY:
            await self._write(
                "PUT",
                "comments",
                {"part": "snippet"},
                {"id": remote_id, "snippet": {"textOriginal": operation.payload["text"]}},
            )
            return PushResult()
        if kind is Action.HIDE:
            return await self._moderate(remote_id, "heldForReview", "held")
        if kind is Action.APPROVE:
            return await self._moderate(remote_id, "published", "visible")
        if kind is Action.DELETE:
            facts = await self._facts(remote_id)
            if self._channel and facts.author == self._channel:
                await self._write("DELETE", "comments", {"id": remote_id}, None)
                return PushResult(remote_state="deleted")
            # Only a comment's author can delete it; the channel owner removes others'
            # comments by rejecting them, which YouTube cannot undo.
            return await self._moderate(remote_id, "rejected", "deleted")
        if kind is Action.SPAM:
            # comments.markAsSpam is still in the discovery document, but YouTube documents it
            # as no longer supported (it only recorded an opinion and removed nothing). What
            # takes a spam comment off the channel is rejecting it.
            return await self._moderate(remote_id, "rejected", "deleted")
        if kind is Action.BAN:
            # There is no ban endpoint: a rejection with banAuthor also rejects the author's
            # future comments on the channel.
            return await self._moderate(remote_id, "rejected", "deleted", ban=True)
        raise Rejected(
            self.unsupported.get(kind, f"YouTube cannot {kind.value.replace('_', ' ')}.")
        )

    async def _moderate(
        self, remote_id: str, status: str, state: str, *, ban: bool = False
    ) -> PushResult:
        params: dict[str, Any] = {"id": remote_id, "moderationStatus": status}
        if ban:
            params["banAuthor"] = "true"
        await self._write("POST", "comments/setModerationStatus", params, None)
        seen = _recall(self._config.source_id, remote_id)
        if seen is not None:
            _remember(self._config.source_id, remote_id, _Seen(state, seen.parent, seen.author))
        return PushResult(remote_state=state)

    async def reconcile(self, operation: Operation) -> PushResult | None:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            facts = await self._facts(remote_id)
            text = operation.payload["text"]
            for raw in await self._replies(facts.parent or remote_id):
                try:
                    snippet = raw["snippet"]
                    author = (snippet.get("authorChannelId") or {}).get("value")
                    body = snippet.get("textOriginal", snippet.get("textDisplay"))
                    reply_id = str(raw["id"])
                    published = _timestamp(snippet["publishedAt"])
                except SHAPE_ERRORS as error:
                    raise _malformed("a reply", error) from None
                if (
                    author == self._channel
                    and body == text
                    and reply_id not in operation.known_reply_ids
                    and published >= operation.created_at - 300
                ):
                    return PushResult(remote_id=reply_id)
            return None
        if kind is Action.EDIT_REPLY:
            raw = await self._comment(remote_id)
            snippet = raw.get("snippet") if isinstance(raw, dict) else None
            if isinstance(snippet, dict) and snippet.get("textOriginal") == operation.payload.get(
                "text"
            ):
                return PushResult()
            return None
        try:
            raw = await self._comment(remote_id)
        except Gone:
            if kind in (Action.DELETE, Action.SPAM, Action.BAN):
                return PushResult(remote_state="deleted")  # deleted or rejected: it is off
            raise
        # The comment is still there. A lookup by id never shows the moderation status (only the
        # owner's listings per queue do), so an interrupted hold or approval cannot be confirmed;
        # setting a status again is harmless, so it is sent again.
        status = raw.get("snippet", {}).get("moderationStatus") if isinstance(raw, dict) else None
        expected = {Action.HIDE: "heldForReview", Action.APPROVE: "published"}.get(kind)
        if expected is not None and status == expected:
            return PushResult(remote_state=QUEUES[expected])
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    def _require_channel(self) -> None:
        if not self._channel:
            raise AuthFailed("The source does not know its YouTube channel; sign in again.")

    async def _get(self, resource: str, params: dict[str, Any]) -> dict[str, Any]:
        return await self._request("GET", resource, params, None, LIST_COST, writes=False)

    async def _write(
        self,
        method: str,
        resource: str,
        params: dict[str, Any],
        body: dict[str, Any] | None,
    ) -> dict[str, Any]:
        return await self._request(method, resource, params, body, WRITE_COST, writes=True)

    async def _request(
        self,
        method: str,
        resource: str,
        params: dict[str, Any],
        body: dict[str, Any] | None,
        cost: int,
        *,
        writes: bool,
    ) -> dict[str, Any]:
        token = await self._access_token()
        refreshed = False
        while True:
            _reserve(self._config.source_id, cost, self._budget, time.time())
            response = await self._send(method, resource, params, body, token, writes)
            if response.status_code == 401 and not refreshed:
                token = await self._renew()
                refreshed = True
                continue
            return self._decode(response)

    async def _send(
        self,
        method: str,
        resource: str,
        params: dict[str, Any],
        body: dict[str, Any] | None,
        token: str,
        writes: bool,
    ) -> httpx.Response:
        with request_errors("YouTube", writes=writes):
            return await self._client.request(
                method,
                f"{self._api}/{resource}",
                params=params,
                json=body,
                headers={"Authorization": f"Bearer {token}"},
            )

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if 200 <= status < 300:
            if status == 204 or not response.content:
                return {}
            try:
                body = response.json()
            except ValueError:
                body = None
            if not isinstance(body, dict):
                raise MalformedResponse("YouTube's answer is not the JSON its API documents.")
            return body
        reason, _, message = google_error(response)
        if status == 401:
            raise AuthFailed("YouTube no longer accepts the channel's sign-in; sign in again.")
        if reason in QUOTA_REASONS:
            now = time.time()
            _exhaust(self._config.source_id, self._budget, now)
            raise QuotaExceeded(
                "YouTube says the project's daily quota is spent; syncing resumes after "
                "midnight Pacific Time.",
                seconds_until_reset(now),
            )
        if status == 429 or reason in RATE_LIMIT_REASONS:
            raise RateLimited(
                "YouTube asks to slow down.",
                retry_after(response, RATE_LIMIT_WAIT_S),
            )
        if status >= 500:
            raise ServerError(f"YouTube had an internal error ({status}).")
        if status == 404 and reason not in ("channelNotFound",):
            raise Gone("The comment or its video no longer exists on YouTube.")
        raise Rejected(_refusal(status, reason, message))

    async def _access_token(self) -> str:
        credentials = self._config.credentials
        token = credentials.get(ACCESS_TOKEN)
        expires_at = int_or_none(credentials.get(ACCESS_EXPIRES_AT))
        if token and not Tokens(token, None, expires_at).expired():
            return token
        return await self._renew()

    async def _renew(self) -> str:
        """A new access token from the refresh token; AuthFailed (sign in again) if Google
        no longer honours it."""
        credentials = self._config.credentials
        refresh_token = credentials.get(REFRESH_TOKEN)
        if not refresh_token or not self._oauth.client_id:
            raise AuthFailed("The channel's sign-in has expired; sign in again.")
        tokens = await refresh(self._oauth, refresh_token, http=self._client)
        for name, value in _token_values(tokens, refresh_token).items():
            credentials.set(name, value)
        return tokens.access_token


# -- helpers -------------------------------------------------------------------------------------


def _token_values(tokens: Tokens, refresh_token: str) -> dict[str, str]:
    # Without a stated lifetime (empty), the token is renewed when YouTube answers 401.
    return {
        ACCESS_TOKEN: tokens.access_token,
        REFRESH_TOKEN: tokens.refresh_token or refresh_token,
        ACCESS_EXPIRES_AT: str(tokens.expires_at) if tokens.expires_at is not None else "",
    }


def _watermarks(cursor: str | None) -> dict[str, int]:
    """The newest thread time seen per queue. A cursor in another shape (an older version's)
    starts the pull again from the backfill window: ingest skips what it already has."""
    if not cursor:
        return {}
    try:
        raw = json.loads(cursor)
        return {k: int(v) for k, v in raw.items() if k in QUEUES}
    except (ValueError, TypeError, AttributeError):
        return {}


def _timestamp(value: Any) -> int:
    if not isinstance(value, str):
        raise TypeError("a time is not a string")
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return int(parsed.timestamp())


def _list(body: dict[str, Any], name: str) -> list[Any]:
    value = body.get(name, [])
    if not isinstance(value, list):
        raise TypeError(f"{name} is not a list")
    return value


def _string(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise MalformedResponse(f"YouTube's answer has no {name!r}.")
    return value


def _malformed(what: str, error: Exception) -> MalformedResponse:
    return MalformedResponse(f"YouTube sent {what} in an unexpected shape ({error!r}).")


_REFUSALS = {
    "commentsDisabled": "Comments are turned off for this video on YouTube.",
    "forbidden": "YouTube does not allow the channel to do this with this comment.",
    "insufficientPermissions": (
        "The sign-in does not allow managing comments; sign in again and allow Steward to "
        "manage your YouTube account."
    ),
    "commentTextRequired": "YouTube does not accept an empty reply.",
    "commentTextTooLong": "The reply is too long for YouTube.",
    "operationNotSupported": "YouTube does not allow replies to this comment.",
    "parentCommentIsPrivate": "The comment is private on YouTube and cannot be answered.",
    "processingFailure": "YouTube could not process the request.",
    "ineligibleAccount": "The Google account cannot comment on YouTube (it needs a channel).",
    "channelNotFound": "YouTube does not know the channel; sign in again.",
}


def _refusal(status: int, reason: str, message: str) -> str:
    known = _REFUSALS.get(reason)
    if known:
        return known
    detail = message or reason or str(status)
    return f"YouTube refused the request ({detail})."


CONNECTOR = YouTubeConnector
