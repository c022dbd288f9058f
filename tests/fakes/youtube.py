"""A fake YouTube Data API v3 (under /youtube/v3) and a fake Google OAuth authorization server.

The API side keeps one channel, its videos and comment threads with moderation statuses, and
answers in YouTube's resource shapes (kinds, etags, pageInfo, nextPageToken, Google's error
envelope). Every API request is checked against the discovery document in
tests/data/specs/youtube/youtube.v3.json, plus the rules its descriptions state in words
(exactly one filter, moderationStatus not with id, banAuthor only with rejected, ...).

The OAuth side is an authorization page that redirects straight to the loopback redirect URI
(the user always consents, unless told otherwise) and a token endpoint that checks the PKCE
verifier against the S256 challenge.

Switches: expire_access_tokens, revoke_refresh_tokens, fail (any status and reason), malformed,
remote edit/delete, a unit budget with 403 quotaExceeded, deny_consent.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import itertools
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from tests.fakes.google_discovery import DiscoveryDocument, Method, load
from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation
from tests.fakes.specs import SPECS

SPEC = str(SPECS / "youtube" / "youtube.v3.json")
CHANNEL_ID = "UCownChannel0000000000AB"
CHANNEL_TITLE = "Lumo Team"
CHANNEL_HANDLE = "@lumoteam"
CLIENT_ID = "1234567890-steward.apps.googleusercontent.com"
CLIENT_SECRET = "GOCSPX-fake-client-secret"
SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
STATUSES = ("published", "heldForReview", "likelySpam", "rejected")
COSTS = {
    "youtube.commentThreads.list": 1,
    "youtube.comments.list": 1,
    "youtube.videos.list": 1,
    "youtube.channels.list": 1,
}
WRITE_COST = 50


def rfc3339(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def google_error(code: int, reason: str, message: str, domain: str = "youtube.comment") -> Reply:
    status = {
        400: "INVALID_ARGUMENT",
        401: "UNAUTHENTICATED",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
    }.get(code, "INTERNAL")
    return Reply(
        code,
        {
            "error": {
                "code": code,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
                "status": status,
            }
        },
    )


@dataclass
class Comment:
    id: str
    video_id: str
    author_id: str
    author_name: str
    text: str
    published: int
    updated: int
    status: str = "published"
    parent_id: str | None = None
    likes: int = 0


@dataclass
class Fault:
    status: int
    reason: str
    message: str
    times: int
    method_id: str | None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Grant:
    challenge: str
    redirect_uri: str
    client_id: str
    offline: bool


class FakeYouTube(FakeHTTPServer):
    def __init__(self, *, budget: int = 10_000, embedded_replies: int = 2) -> None:
        super().__init__()
        self.spec: DiscoveryDocument = load(SPEC)
        self.budget = budget
        self.units = 0
        self.embedded_replies = embedded_replies
        self.channel = {"id": CHANNEL_ID, "title": CHANNEL_TITLE}
        self.videos: dict[str, str] = {}
        self.comments_disabled: set[str] = set()
        self.comments: dict[str, Comment] = {}
        self.authors: dict[str, str] = {CHANNEL_ID: CHANNEL_HANDLE}
        self.banned: set[str] = set()
        self.marked_spam: list[str] = []
        self.faults: list[Fault] = []
        self.malformed_left = 0
        self.malformed_method: str | None = None
        # OAuth
        self.clients = {CLIENT_ID: CLIENT_SECRET}
        self.deny_consent = False
        self.token_lifetime = 3599
        self.grants: dict[str, _Grant] = {}
        self.access_tokens: dict[str, float] = {}  # token -> expiry (server clock)
        self.refresh_tokens: dict[str, bool] = {}  # token -> revoked
        self.auth_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self._ids = itertools.count(1)
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            self.route(method, r"/youtube/v3/.*", self._api)
        self.route("GET", r"/o/oauth2/auth", self._authorize)
        self.route("POST", r"/token", self._token)

    # -- URLs and seeding ----------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return self.base_url + "/youtube/v3"

    @property
    def auth_url(self) -> str:
        return self.base_url + "/o/oauth2/auth"

    @property
    def token_url(self) -> str:
        return self.base_url + "/token"

    def settings(self, **extra: Any) -> dict[str, Any]:
        """A source's settings pointing at this server."""
        return {
            "client_id": CLIENT_ID,
            "channel_id": CHANNEL_ID,
            "channel_title": CHANNEL_TITLE,
            "api_base": self.api_base,
            "auth_url": self.auth_url,
            "token_url": self.token_url,
            **extra,
        }

    def issue_tokens(self, *, expires_in: int | None = None) -> tuple[str, str]:
        """An access and a refresh token as a completed sign-in would have them."""
        with self.lock:
            access = "ya29." + secrets.token_urlsafe(24)
            refresh = "1//" + secrets.token_urlsafe(30)
            lifetime = self.token_lifetime if expires_in is None else expires_in
            self.access_tokens[access] = time.time() + lifetime
            self.refresh_tokens[refresh] = False
            return access, refresh

    def add_video(self, video_id: str, title: str) -> str:
        self.videos[video_id] = title
        return video_id

    def add_thread(
        self,
        video_id: str,
        text: str,
        *,
        author: str = "UCviewer000000000000001",
        name: str = "@viewer",
        at: int | None = None,
        status: str = "published",
    ) -> str:
        with self.lock:
            comment_id = f"Ugz{next(self._ids):06d}AaBbCc"
            when = int(time.time()) if at is None else at
            self.authors[author] = name
            self.comments[comment_id] = Comment(
                comment_id, video_id, author, name, text, when, when, status
            )
            return comment_id

    def add_reply(
        self,
        parent_id: str,
        text: str,
        *,
        author: str = "UCviewer000000000000002",
        name: str = "@replier",
        at: int | None = None,
        status: str = "published",
    ) -> str:
        with self.lock:
            parent = self.comments[parent_id]
            reply_id = f"{parent_id}.{next(self._ids):04d}Rr"
            when = int(time.time()) if at is None else at
            self.authors[author] = name
            self.comments[reply_id] = Comment(
                reply_id, parent.video_id, author, name, text, when, when, status, parent_id
            )
            return reply_id

    # -- switches ------------------------------------------------------------------------------

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self.access_tokens:
                self.access_tokens[token] = 0.0

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            for token in self.refresh_tokens:
                self.refresh_tokens[token] = True

    def fail(
        self,
        status: int,
        reason: str,
        *,
        times: int = 1,
        method_id: str | None = None,
        message: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next `times` API requests (of `method_id`, e.g. "youtube.comments.insert")
        with this Google error."""
        with self.lock:
            self.faults.append(
                Fault(status, reason, message or reason, times, method_id, dict(headers or {}))
            )

    def malformed(self, times: int = 1, method_id: str | None = None) -> None:
        """Answer the next `times` API requests with a 200 whose body is not the documented
        resource (items that lack their snippet)."""
        with self.lock:
            self.malformed_left = times
            self.malformed_method = method_id

    def edit(self, comment_id: str, text: str, *, at: int | None = None) -> None:
        """The author edits the comment on YouTube."""
        with self.lock:
            comment = self.comments[comment_id]
            comment.text = text
            comment.updated = int(time.time()) if at is None else at

    def delete(self, comment_id: str) -> None:
        """The author deletes the comment (a top-level one takes its replies with it)."""
        with self.lock:
            self.comments.pop(comment_id, None)
            for reply in [c for c in self.comments.values() if c.parent_id == comment_id]:
                self.comments.pop(reply.id)

    def replies_of(self, comment_id: str) -> list[Comment]:
        with self.lock:
            return [c for c in self.comments.values() if c.parent_id == comment_id]

    def api_calls(self, method_id: str) -> list[Request]:
        """The API requests made of one discovery method (spec-valid ones)."""
        with self.lock:
            found = []
            for request in self.requests:
                if not request.path.startswith("/youtube/v3/"):
                    continue
                try:
                    if self.spec.match(request.method, request.path).id == method_id:
                        found.append(request)
                except SpecViolation:
                    pass
            return found

    # -- the API -------------------------------------------------------------------------------

    def _api(self, request: Request) -> Reply:
        method = self.spec.check(request)  # raises SpecViolation: recorded, answered 400
        self._check_rules(method, request)
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.access_tokens.get(token, 0.0) <= time.time():
            return google_error(
                401,
                "authError",
                "Request had invalid authentication credentials. Expected OAuth 2 access token.",
                domain="global",
            )
        cost = COSTS.get(method.id, WRITE_COST)
        for fault in self.faults:
            if fault.times > 0 and fault.method_id in (None, method.id):
                fault.times -= 1
                self.units += cost
                reply = google_error(fault.status, fault.reason, fault.message)
                reply.headers.update(fault.headers)
                return reply
        if self.units + cost > self.budget:
            return google_error(
                403,
                "quotaExceeded",
                "The request cannot be completed because you have exceeded your quota.",
                domain="youtube.quota",
            )
        self.units += cost
        if self.malformed_left > 0 and self.malformed_method in (None, method.id):
            self.malformed_left -= 1
            return Reply(200, {"kind": "youtube#commentThreadListResponse", "items": [{"id": 1}]})
        query = self._query(request)
        handler = getattr(self, "_" + method.id.split(".", 1)[1].replace(".", "_"), None)
        if handler is None:
            return google_error(400, "operationNotSupported", f"{method.id} is not faked")
        reply: Reply = handler(query, request)
        return reply

    @staticmethod
    def _query(request: Request) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for name, value in parse_qsl(urlsplit(request.raw_path).query, keep_blank_values=True):
            values.setdefault(name, []).extend(value.split(",") if value else [""])
        return values

    def _check_rules(self, method: Method, request: Request) -> None:
        """What the document says in its descriptions rather than in its structure."""
        query = self._query(request)
        parts = query.get("part")
        if parts is not None:
            allowed = self.spec.part_names(method) - {"kind", "etag"}
            unknown = [p for p in parts if p not in allowed]
            if unknown:
                raise SpecViolation(f"{method.id}: unknown part {unknown} (has {sorted(allowed)})")
        if method.id == "youtube.commentThreads.list":
            filters = [
                f
                for f in ("allThreadsRelatedToChannelId", "channelId", "id", "videoId")
                if f in query
            ]
            if len(filters) != 1:
                raise SpecViolation(f"commentThreads.list needs exactly one filter, got {filters}")
            if "id" in query:
                for name in ("moderationStatus", "searchTerms", "maxResults", "pageToken", "order"):
                    if name in query:
                        raise SpecViolation(
                            f"commentThreads.list: {name} is not compatible with id"
                        )
            if query.get("moderationStatus") == ["rejected"]:
                raise SpecViolation("commentThreads.list lists published/heldForReview/likelySpam")
        if method.id == "youtube.comments.list":
            if ("id" in query) == ("parentId" in query):
                raise SpecViolation("comments.list needs exactly one of id and parentId")
            if "id" in query and ("maxResults" in query or "pageToken" in query):
                raise SpecViolation("comments.list: maxResults/pageToken are not for id")
        if (
            method.id == "youtube.comments.setModerationStatus"
            and query.get("banAuthor") == ["true"]
            and query.get("moderationStatus") != ["rejected"]
        ):
            raise SpecViolation("banAuthor is only valid with moderationStatus=rejected")
        if method.id == "youtube.videos.list" and len(query.get("id", [])) > 50:
            raise SpecViolation("videos.list takes at most 50 ids")

    # -- resources -----------------------------------------------------------------------------

    @staticmethod
    def _etag(*values: Any) -> str:
        digest = hashlib.sha1(json.dumps(values, default=str).encode()).digest()
        return base64.urlsafe_b64encode(digest).decode()[:27]

    def _comment(self, comment: Comment, text_format: str, *, with_status: bool) -> dict[str, Any]:
        display = comment.text
        if text_format != "plainText":
            display = html.escape(comment.text).replace("\n", "<br>")
        snippet: dict[str, Any] = {
            "channelId": CHANNEL_ID,
            "videoId": comment.video_id,
            "textDisplay": display,
            "authorDisplayName": comment.author_name,
            "authorProfileImageUrl": f"https://yt3.ggpht.example/{comment.author_id}.jpg",
            "authorChannelUrl": f"http://www.youtube.com/{comment.author_name}",
            "authorChannelId": {"value": comment.author_id},
            "canRate": True,
            "viewerRating": "none",
            "likeCount": comment.likes,
            "publishedAt": rfc3339(comment.published),
            "updatedAt": rfc3339(comment.updated),
        }
        # The original text goes to the comment's author only (here: the channel's own).
        if comment.author_id == CHANNEL_ID:
            snippet["textOriginal"] = comment.text
        if comment.parent_id:
            snippet["parentId"] = comment.parent_id
        if with_status:
            snippet["moderationStatus"] = comment.status
        return {
            "kind": "youtube#comment",
            "etag": self._etag(comment),
            "id": comment.id,
            "snippet": snippet,
        }

    def _visible_replies(self, parent_id: str) -> list[Comment]:
        return sorted(
            (
                c
                for c in self.comments.values()
                if c.parent_id == parent_id and c.status != "rejected"
            ),
            key=lambda c: (c.published, c.id),
        )

    def _page(
        self, items: list[Any], query: dict[str, list[str]], default_size: int, key: str
    ) -> tuple[list[Any], str | None]:
        size = int(query.get("maxResults", [str(default_size)])[0])
        offset = 0
        if "pageToken" in query:
            try:
                token = json.loads(base64.urlsafe_b64decode(query["pageToken"][0]))
                if token["q"] != key:
                    raise ValueError("another query")
                offset = int(token["o"])
            except (ValueError, KeyError, TypeError):
                raise _Refused(
                    google_error(400, "invalidPageToken", "Invalid page token.")
                ) from None
        chunk = items[offset : offset + size]
        next_token = None
        if offset + size < len(items):
            raw = json.dumps({"q": key, "o": offset + size}).encode()
            next_token = base64.urlsafe_b64encode(raw).decode()
        return chunk, next_token

    def _list_reply(self, kind: str, items: list[Any], next_token: str | None, total: int) -> Reply:
        body: dict[str, Any] = {
            "kind": kind,
            "etag": self._etag(kind, [i.get("etag") for i in items]),
            "pageInfo": {"totalResults": total, "resultsPerPage": len(items)},
            "items": items,
        }
        if next_token:
            body["nextPageToken"] = next_token
        return Reply(200, body)

    def _commentThreads_list(self, query: dict[str, list[str]], request: Request) -> Reply:
        try:
            parts = set(query["part"])
            text_format = query.get("textFormat", ["html"])[0]
            status = query.get("moderationStatus", ["published"])[0]
            channel = query.get("allThreadsRelatedToChannelId", [None])[0]
            if channel is not None and channel != CHANNEL_ID:
                return google_error(
                    403, "forbidden", "The moderation queue of another channel is not yours."
                )
            video = query.get("videoId", [None])[0]
            ids = query.get("id")
            tops = [c for c in self.comments.values() if c.parent_id is None]
            if ids is not None:
                tops = [c for c in tops if c.id in ids and c.status != "rejected"]
            else:
                if video is not None:
                    tops = [c for c in tops if c.video_id == video]

                def in_queue(top: Comment) -> bool:
                    # A thread is in a queue if its top-level comment or one reply is.
                    if top.status == status:
                        return True
                    return top.status != "rejected" and any(
                        r.status == status for r in self._visible_replies(top.id)
                    )

                tops = [c for c in tops if in_queue(c)]
                tops.sort(key=lambda c: (c.published, c.id), reverse=True)
            chunk, next_token = self._page(tops, query, 20, f"threads:{status}:{channel}:{video}")
        except _Refused as refused:
            return refused.reply
        threads = []
        for top in chunk:
            replies = self._visible_replies(top.id)
            thread: dict[str, Any] = {
                "kind": "youtube#commentThread",
                "etag": self._etag("thread", top, len(replies)),
                "id": top.id,
            }
            if "snippet" in parts:
                thread["snippet"] = {
                    "channelId": CHANNEL_ID,
                    "videoId": top.video_id,
                    "topLevelComment": self._comment(top, text_format, with_status=True),
                    "canReply": top.video_id not in self.comments_disabled,
                    "totalReplyCount": len(replies),
                    "isPublic": top.status == "published",
                }
            if "replies" in parts and replies:
                thread["replies"] = {
                    "comments": [
                        self._comment(r, text_format, with_status=True)
                        for r in replies[: self.embedded_replies]
                    ]
                }
            threads.append(thread)
        return self._list_reply("youtube#commentThreadListResponse", threads, next_token, len(tops))

    def _comments_list(self, query: dict[str, list[str]], request: Request) -> Reply:
        text_format = query.get("textFormat", ["html"])[0]
        if "id" in query:
            found = [
                self.comments[i]
                for i in query["id"]
                if i in self.comments and self.comments[i].status != "rejected"
            ]
            # "Will not be set if the comments were requested through the id filter."
            items = [self._comment(c, text_format, with_status=False) for c in found]
            return self._list_reply("youtube#commentListResponse", items, None, len(items))
        parent_id = query["parentId"][0]
        parent = self.comments.get(parent_id)
        if parent is None or parent.status == "rejected":
            return google_error(404, "commentNotFound", "The parent comment was not found.")
        replies = self._visible_replies(parent_id)
        try:
            chunk, next_token = self._page(replies, query, 20, f"replies:{parent_id}")
        except _Refused as refused:
            return refused.reply
        items = [self._comment(c, text_format, with_status=True) for c in chunk]
        return self._list_reply("youtube#commentListResponse", items, next_token, len(replies))

    def _videos_list(self, query: dict[str, list[str]], request: Request) -> Reply:
        items = [
            {
                "kind": "youtube#video",
                "etag": self._etag("video", video_id, self.videos[video_id]),
                "id": video_id,
                "snippet": {
                    "channelId": CHANNEL_ID,
                    "channelTitle": CHANNEL_TITLE,
                    "title": self.videos[video_id],
                    "description": "",
                    "publishedAt": "2024-01-01T00:00:00Z",
                },
            }
            for video_id in query.get("id", [])
            if video_id in self.videos
        ]
        return self._list_reply("youtube#videoListResponse", items, None, len(items))

    def _channels_list(self, query: dict[str, list[str]], request: Request) -> Reply:
        if query.get("mine") != ["true"]:
            return self._list_reply("youtube#channelListResponse", [], None, 0)
        item = {
            "kind": "youtube#channel",
            "etag": self._etag("channel", self.channel),
            "id": self.channel["id"],
            "snippet": {
                "title": self.channel["title"],
                "description": "",
                "customUrl": CHANNEL_HANDLE,
                "publishedAt": "2020-01-01T00:00:00Z",
            },
        }
        return self._list_reply("youtube#channelListResponse", [item], None, 1)

    def _comments_insert(self, query: dict[str, list[str]], request: Request) -> Reply:
        snippet = (request.json() or {}).get("snippet") or {}
        parent_id = snippet.get("parentId")
        text = snippet.get("textOriginal") or ""
        if not parent_id:
            return google_error(400, "parentIdMissing", "No parent comment was specified.")
        parent = self.comments.get(parent_id)
        if parent is None or parent.status == "rejected":
            return google_error(404, "commentNotFound", "The parent comment was not found.")
        if parent.parent_id is not None:
            return google_error(
                400, "operationNotSupported", "Replies can only be posted to top-level comments."
            )
        if parent.video_id in self.comments_disabled:
            return google_error(403, "commentsDisabled", "Comments are disabled for this video.")
        if not text.strip():
            return google_error(400, "commentTextRequired", "The comment must contain text.")
        if len(text) > 10_000:
            return google_error(400, "commentTextTooLong", "The comment text is too long.")
        reply_id = self.add_reply(
            parent_id, text, author=CHANNEL_ID, name=CHANNEL_HANDLE, at=int(time.time())
        )
        return Reply(200, self._comment(self.comments[reply_id], "html", with_status=False))

    def _comments_update(self, query: dict[str, list[str]], request: Request) -> Reply:
        body = request.json() or {}
        comment = self.comments.get(str(body.get("id")))
        if comment is None or comment.status == "rejected":
            return google_error(404, "commentNotFound", "The comment was not found.")
        if comment.author_id != CHANNEL_ID:
            return google_error(403, "forbidden", "Only the author can edit a comment.")
        text = (body.get("snippet") or {}).get("textOriginal") or ""
        if not text.strip():
            return google_error(400, "commentTextRequired", "The comment must contain text.")
        comment.text = text
        comment.updated = int(time.time())
        return Reply(200, self._comment(comment, "html", with_status=False))

    def _comments_delete(self, query: dict[str, list[str]], request: Request) -> Reply:
        comment = self.comments.get(query["id"][0])
        if comment is None:
            return google_error(404, "commentNotFound", "The comment was not found.")
        if comment.author_id != CHANNEL_ID:
            return google_error(403, "forbidden", "Only the author can delete a comment.")
        self.delete(comment.id)
        return Reply(204)

    def _comments_setModerationStatus(self, query: dict[str, list[str]], request: Request) -> Reply:
        status = query["moderationStatus"][0]
        if status == "likelySpam":
            return google_error(
                400, "invalidModerationStatus", "Comments cannot be set to likelySpam."
            )
        found = [self.comments.get(i) for i in query["id"]]
        if len(query["id"]) > 50:
            return google_error(400, "invalidCommentIds", "At most 50 comment ids.")
        if any(c is None for c in found):
            return google_error(404, "commentNotFound", "A comment was not found.")
        targets = [c for c in found if c is not None]
        if any(c.author_id == CHANNEL_ID for c in targets) and status != "published":
            return google_error(403, "forbidden", "The channel's own comments are not moderated.")
        if any(c.status == "rejected" for c in targets) and status != "rejected":
            return google_error(400, "processingFailure", "A rejected comment stays rejected.")
        for comment in targets:
            comment.status = status
        if query.get("banAuthor") == ["true"]:
            for comment in targets:
                self.banned.add(comment.author_id)
        return Reply(204)

    def _comments_markAsSpam(self, query: dict[str, list[str]], request: Request) -> Reply:
        self.marked_spam.extend(query["id"])  # an opinion only: nothing changes
        return Reply(204)

    # -- OAuth ---------------------------------------------------------------------------------

    def _authorize(self, request: Request) -> Reply:
        query = dict(request.query)
        self.auth_requests.append(query)
        for name in ("client_id", "redirect_uri", "response_type", "scope", "code_challenge"):
            if not query.get(name):
                raise SpecViolation(f"the authorization request lacks {name}")
        if query.get("code_challenge_method") != "S256":
            raise SpecViolation("PKCE must use code_challenge_method=S256")
        if query["response_type"] != "code":
            raise SpecViolation("installed apps use response_type=code")
        if not query["redirect_uri"].startswith("http://127.0.0.1:"):
            raise SpecViolation("the redirect URI must be a loopback address")
        if query["client_id"] not in self.clients:
            return Reply(401, b"<h1>Error 401: invalid_client</h1>", {"Content-Type": "text/html"})
        state = query.get("state", "")
        if self.deny_consent:
            params = {"error": "access_denied", "state": state}
        else:
            code = "4/" + secrets.token_urlsafe(32)
            self.grants[code] = _Grant(
                query["code_challenge"],
                query["redirect_uri"],
                query["client_id"],
                query.get("access_type") == "offline",
            )
            params = {"state": state, "code": code, "scope": query["scope"]}
        return Reply(302, b"", {"Location": f"{query['redirect_uri']}?{urlencode(params)}"})

    def _token(self, request: Request) -> Reply:
        form = request.form()
        self.token_requests.append(form)
        client_id = form.get("client_id", "")
        if self.clients.get(client_id) != form.get("client_secret"):
            return Reply(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            grant = self.grants.pop(form.get("code", ""), None)
            if grant is None or grant.client_id != client_id:
                return Reply(400, {"error": "invalid_grant", "error_description": "Bad Request"})
            if form.get("redirect_uri") != grant.redirect_uri:
                return Reply(400, {"error": "redirect_uri_mismatch", "error_description": "Bad"})
            digest = hashlib.sha256(form.get("code_verifier", "").encode("ascii")).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant.challenge:
                return Reply(
                    400, {"error": "invalid_grant", "error_description": "Invalid code verifier."}
                )
            access, refresh = self.issue_tokens()
            body: dict[str, Any] = {
                "access_token": access,
                "expires_in": self.token_lifetime,
                "scope": SCOPE,
                "token_type": "Bearer",
            }
            if grant.offline:
                body["refresh_token"] = refresh
            else:
                self.refresh_tokens.pop(refresh)
            return Reply(200, body)
        if grant_type == "refresh_token":
            revoked = self.refresh_tokens.get(form.get("refresh_token", ""))
            if revoked is None or revoked:
                return Reply(
                    400,
                    {
                        "error": "invalid_grant",
                        "error_description": "Token has been expired or revoked.",
                    },
                )
            access = "ya29." + secrets.token_urlsafe(24)
            self.access_tokens[access] = time.time() + self.token_lifetime
            return Reply(
                200,
                {
                    "access_token": access,
                    "expires_in": self.token_lifetime,
                    "scope": SCOPE,
                    "token_type": "Bearer",
                },
            )
        return Reply(400, {"error": "unsupported_grant_type"})


class _Refused(Exception):
    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def browser(opened: list[str] | None = None) -> Callable[[str], None]:
    """An `open_browser` that plays the user: it visits the sign-in page from another thread
    (the loopback listener answers on the event loop meanwhile) and follows the redirect."""

    def open_browser(url: str) -> None:
        if opened is not None:
            opened.append(url)
        threading.Thread(target=_visit, args=(url,), daemon=True).start()

    return open_browser


def _visit(url: str) -> None:
    with contextlib.suppress(httpx.HTTPError):
        httpx.get(url, follow_redirects=True, timeout=5)
