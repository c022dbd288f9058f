"""A fake Discourse forum on 127.0.0.1: the JSON API a client uses to read the latest posts and
the review queue and to reply and moderate, answering in Discourse's shapes (posts with the
fields the API document lists, `{"errors": [...], "error_type": ...}` bodies, 429 with
Retry-After and `extras.wait_seconds`) and keeping its rules (Api-Key and Api-Username on every
request, staff-only moderation, own posts edited, the review queue's `version`).

Every request to a path the published OpenAPI document covers is checked against it
(tests/fakes/openapi.py): a request it does not allow is a SpecViolation (logged in
`violations`, answered with 400). The review queue (/review...) is not in the document; those
routes follow Discourse's ReviewablesController and only their own rules are enforced (a
missing `version` is a 422, a stale one a 409, as there).

Each answer is cut to the properties the document lists for that endpoint's answer, so that a
connector relying on a field the document does not promise fails here as well.

Switches for tests: `revoke_all`, `rate_limit`, `fail`, `malformed`, `remote_edit`,
`remote_delete`, `hide`, `review_api` (False: the forum has no /review routes),
`staff_flag_hides` (False: a staff flag leaves the post visible, as with low flag sensitivity).
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.fakes import openapi
from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation

INVALID_KEY = (
    "You are not permitted to view the requested resource. The API username or key is invalid."
)
NOT_PERMITTED = "You are not permitted to view the requested resource."
REVIEW_PAGE = 10  # ReviewablesController::PER_PAGE
STATUSES = {"pending": 0, "approved": 1, "rejected": 2, "ignored": 3, "deleted": 4}


def iso(moment: float) -> str:
    return (
        datetime.fromtimestamp(moment, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "topic"


@dataclass
class User:
    id: int
    username: str
    name: str
    admin: bool = False
    moderator: bool = False
    trust_level: int = 1
    suspended_till: str | None = None
    suspend_reason: str | None = None

    @property
    def staff(self) -> bool:
        return self.admin or self.moderator


@dataclass
class Topic:
    id: int
    title: str
    slug: str
    user_id: int
    created_at: float


@dataclass
class Post:
    id: int
    topic_id: int
    post_number: int
    user_id: int
    raw: str
    created_at: float
    updated_at: float
    reply_to_post_number: int | None = None
    hidden: bool = False
    deleted_at: float | None = None
    version: int = 1
    post_type: int = 1
    reviewable_id: int | None = None
    flags: list[tuple[int, int]] = field(default_factory=list)  # (user id, action type id)


@dataclass
class Reviewable:
    id: int
    type: str
    created_by_id: int
    topic_id: int | None
    created_at: float
    payload: dict[str, Any]
    status: str = "pending"
    version: int = 1
    target_post_id: int | None = None  # the flagged post, or the post an approval created


@dataclass
class ApiKey:
    key: str
    username: str | None  # None: the key may act as any user
    revoked: bool = False


@dataclass
class _Injected:
    pattern: re.Pattern[str]
    method: str | None
    times: int
    status: int
    body: Any
    headers: dict[str, str]
    after: bool


class FakeDiscourse(FakeHTTPServer):
    def __init__(self, title: str = "Acme Community", *, page_size: int = 50) -> None:
        super().__init__()
        self.title = title
        self.page_size = page_size  # Discourse's /posts.json holds about 50 posts
        self.review_api = True
        self.staff_flag_hides = True
        self.users: dict[int, User] = {}
        self.topics: dict[int, Topic] = {}
        self.posts: dict[int, Post] = {}
        self.reviewables: dict[int, Reviewable] = {}
        self.keys: dict[str, ApiKey] = {}
        self.throttled = 0
        self._limit_times = 0
        self._limit_wait = 0
        self._injected: list[_Injected] = []
        self._ids = itertools.count(1)
        self._post_ids = itertools.count(101)
        self._review_ids = itertools.count(501)
        self.moderator = self.add_user("mod", "Mia Moderator", moderator=True)
        self.member = self.add_user("helper", "Hal Helper")
        self._routes_table()

    # -- the forum's state ---------------------------------------------------------------------

    def add_user(self, username: str, name: str = "", **flags: Any) -> User:
        with self.lock:
            user = User(next(self._ids), username, name or username.title(), **flags)
            self.users[user.id] = user
            return user

    def add_key(self, username: str | None = None) -> str:
        """An API key for one user, or (None) for all users, as the admin panel creates."""
        with self.lock:
            key = secrets.token_hex(32)
            self.keys[key] = ApiKey(key, username)
            return key

    def add_topic(self, user: User, title: str, raw: str, *, at: float | None = None) -> Post:
        with self.lock:
            moment = time.time() if at is None else at
            topic = Topic(next(self._ids) + 1000, title, slugify(title), user.id, moment)
            self.topics[topic.id] = topic
            return self._add_post(topic.id, user, raw, moment, None)

    def reply(
        self, user: User, to: Post, raw: str, *, at: float | None = None, topic_level: bool = False
    ) -> Post:
        """A reply in `to`'s topic, answering `to` (or the topic as a whole)."""
        with self.lock:
            moment = time.time() if at is None else at
            number = None if topic_level else to.post_number
            return self._add_post(to.topic_id, user, raw, moment, number)

    def _add_post(
        self, topic_id: int, user: User, raw: str, moment: float, reply_to: int | None
    ) -> Post:
        number = 1 + sum(1 for p in self.posts.values() if p.topic_id == topic_id)
        post = Post(next(self._post_ids), topic_id, number, user.id, raw, moment, moment, reply_to)
        self.posts[post.id] = post
        return post

    def queue_post(
        self, user: User, to: Post | None, raw: str, *, title: str = "", at: float | None = None
    ) -> Reviewable:
        """A post held for approval: a reply to `to`, or (to=None) a new topic."""
        with self.lock:
            payload: dict[str, Any] = {"raw": raw}
            if to is None:
                payload["title"] = title or "A new topic"
            else:
                payload["reply_to_post_number"] = to.post_number
            reviewable = Reviewable(
                next(self._review_ids),
                "ReviewableQueuedPost",
                user.id,
                to.topic_id if to is not None else None,
                time.time() if at is None else at,
                payload,
            )
            self.reviewables[reviewable.id] = reviewable
            return reviewable

    def remote_edit(self, post_id: int, raw: str) -> None:
        with self.lock:
            post = self.posts[post_id]
            post.raw = raw
            post.version += 1
            post.updated_at = time.time()

    def remote_delete(self, post_id: int) -> None:
        with self.lock:
            self.posts[post_id].deleted_at = time.time()

    def hide(self, post_id: int) -> None:
        with self.lock:
            self.posts[post_id].hidden = True

    def revoke_all(self) -> None:
        with self.lock:
            for key in self.keys.values():
                key.revoked = True

    def rate_limit(self, *, times: int = 1, wait: int = 1) -> None:
        """Answer the next `times` requests with 429, asking to wait `wait` seconds."""
        with self.lock:
            self._limit_times = times
            self._limit_wait = wait

    def fail(
        self,
        pattern: str,
        status: int,
        body: Any = None,
        *,
        method: str | None = None,
        times: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next `times` requests whose path matches `pattern` with this error."""
        self._injected.append(
            _Injected(re.compile(pattern), method, times, status, body, headers or {}, False)
        )

    def malformed(
        self,
        pattern: str,
        body: Any = b"<html>Bad gateway</html>",
        *,
        method: str | None = None,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """Answer 200 with a body that is not the documented shape; with `after`, the request
        takes effect first (a write whose answer came back broken)."""
        self._injected.append(_Injected(re.compile(pattern), method, times, 200, body, {}, after))

    def posts_by(self, user: User) -> list[Post]:
        return [p for p in self.posts.values() if p.user_id == user.id]

    # -- dispatch ------------------------------------------------------------------------------

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            injected = self._take_injection(request)
            if self._limit_times > 0:
                self._limit_times -= 1
                self.throttled += 1
                self.requests.append(request)
                wait = self._limit_wait
                return Reply(
                    429,
                    {
                        "errors": [
                            "You've performed this action too many times. Please wait "
                            f"{wait} seconds before trying again."
                        ],
                        "error_type": "rate_limit",
                        "extras": {"wait_seconds": wait},
                    },
                    {"Retry-After": str(wait)},
                )
            if injected is not None and not injected.after:
                self.requests.append(request)
                return Reply(injected.status, injected.body, dict(injected.headers))
            reply = super().dispatch(request)
            body = reply.body if isinstance(reply.body, dict) else {}
            if reply.status == 404 and "no route" in str(body.get("fake_server_error")):
                reply = _error(
                    404, "The requested URL or resource could not be found.", "not_found"
                )
            if injected is not None:
                reply = Reply(injected.status, injected.body, dict(injected.headers))
            if isinstance(reply.body, bytes) and "Content-Type" not in reply.headers:
                reply.headers["Content-Type"] = "text/html; charset=utf-8"
            return reply

    def _take_injection(self, request: Request) -> _Injected | None:
        for injected in self._injected:
            if injected.times <= 0:
                continue
            if injected.method not in (None, request.method):
                continue
            if injected.pattern.fullmatch(request.path):
                injected.times -= 1
                return injected
        return None

    def _routes_table(self) -> None:
        table: list[tuple[str, str, bool, Callable[..., Reply]]] = [
            # method, path pattern, covered by the API document, handler
            ("GET", r"/site/basic-info\.json", True, self._basic_info),
            ("GET", r"/u/(?P<username>[^/]+)\.json", True, self._user),
            ("GET", r"/posts\.json", True, self._latest),
            ("POST", r"/posts\.json", True, self._create_post),
            ("GET", r"/posts/(?P<id>\d+)\.json", True, self._get_post),
            ("PUT", r"/posts/(?P<id>\d+)\.json", True, self._edit_post),
            ("DELETE", r"/posts/(?P<id>\d+)\.json", True, self._delete_post),
            ("GET", r"/t/(?P<id>\d+)\.json", True, self._topic),
            ("POST", r"/post_actions\.json", True, self._post_action),
            ("PUT", r"/admin/users/(?P<id>\d+)/suspend\.json", True, self._suspend),
            ("GET", r"/admin/users/(?P<id>\d+)\.json", True, self._admin_user),
            ("GET", r"/review\.json", False, self._review_list),
            ("GET", r"/review/(?P<id>\d+)\.json", False, self._review_show),
            (
                "PUT",
                r"/review/(?P<id>\d+)/perform/(?P<action>[a-z_]+)\.json",
                False,
                self._review_perform,
            ),
        ]
        for method, pattern, covered, handler in table:
            self.route(method, pattern, self._checked(covered, handler))
        # Every other method on a known path: the document decides (a SpecViolation).
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            self.route(method, r"/.*", self._unknown)

    def _checked(self, covered: bool, handler: Callable[..., Reply]) -> Callable[[Request], Reply]:
        def run(request: Request) -> Reply:
            if covered:
                openapi.discourse().check(request)
            elif not self.review_api:
                return _error(404, "The requested URL or resource could not be found.", "not_found")
            public = handler == self._basic_info
            user = self._authenticate(request, required=not public)
            if isinstance(user, Reply):
                return user
            return handler(request, user)

        return run

    def _unknown(self, request: Request) -> Reply:
        openapi.discourse().check(request)  # raises for a path or method it does not have
        return _error(404, "The requested URL or resource could not be found.", "not_found")

    def _authenticate(self, request: Request, *, required: bool) -> User | Reply | None:
        key = request.headers.get("api-key")
        username = request.headers.get("api-username")
        if key is None:
            if required:
                return _error(403, NOT_PERMITTED, "invalid_access")
            return None
        entry = self.keys.get(key)
        user = next(
            (u for u in self.users.values() if u.username.lower() == (username or "").lower()),
            None,
        )
        if (
            entry is None
            or entry.revoked
            or user is None
            or (entry.username is not None and entry.username.lower() != user.username.lower())
        ):
            return _error(403, INVALID_KEY, "invalid_access")
        return user

    # -- shapes --------------------------------------------------------------------------------

    @staticmethod
    def _shape(template: str, method: str, data: dict[str, Any], *inner: str) -> dict[str, Any]:
        """`data` cut to (and completed with) the properties the document lists for the answer
        of this operation (or of the object at `inner` within it)."""
        document = openapi.discourse()
        operation = document.document["paths"][template][method]
        schema = document.resolve(
            operation["responses"]["200"]["content"]["application/json"]["schema"]
        )
        for name in inner:
            schema = document.resolve(schema["properties"][name])
            if schema.get("type") == "array":
                schema = document.resolve(schema["items"])
        return {name: data.get(name) for name in schema.get("properties", {})}

    def _post_data(self, post: Post, viewer: User | None) -> dict[str, Any]:
        author = self.users[post.user_id]
        topic = self.topics[post.topic_id]
        own = viewer is not None and viewer.id == author.id
        staff = viewer is not None and viewer.staff
        acted = {type_id for user_id, type_id in post.flags if viewer and user_id == viewer.id}
        return {
            "id": post.id,
            "name": author.name,
            "username": author.username,
            "avatar_template": f"/user_avatar/forum.example/{author.username}/{{size}}/1_2.png",
            "created_at": iso(post.created_at),
            "updated_at": iso(post.updated_at),
            "cooked": "".join(f"<p>{_escape(line)}</p>" for line in post.raw.split("\n\n")),
            "raw": post.raw,
            "post_number": post.post_number,
            "post_type": post.post_type,
            "posts_count": sum(1 for p in self.posts.values() if p.topic_id == post.topic_id),
            "reply_count": sum(
                1
                for p in self.posts.values()
                if p.topic_id == post.topic_id and p.reply_to_post_number == post.post_number
            ),
            "reply_to_post_number": post.reply_to_post_number,
            "quote_count": 0,
            "incoming_link_count": 0,
            "reads": 1,
            "readers_count": 0,
            "score": 0,
            "yours": own,
            "topic_id": topic.id,
            "topic_slug": topic.slug,
            "topic_title": topic.title,
            "topic_html_title": _escape(topic.title),
            "category_id": 1,
            "display_username": author.name,
            "primary_group_name": None,
            "flair_name": None,
            "flair_url": None,
            "flair_bg_color": None,
            "flair_color": None,
            "flair_group_id": None,
            "badges_granted": [],
            "version": post.version,
            "can_edit": own or staff,
            "can_delete": own or staff,
            "can_recover": staff,
            "can_see_hidden_post": staff,
            "can_wiki": staff,
            "user_title": None,
            "bookmarked": False,
            "actions_summary": [
                {"id": type_id, "count": 1, "acted": True, "can_undo": True}
                for type_id in sorted(acted)
            ],
            "moderator": author.moderator,
            "admin": author.admin,
            "staff": author.staff,
            "user_id": author.id,
            "draft_sequence": 0,
            "hidden": post.hidden,
            "trust_level": author.trust_level,
            "deleted_at": iso(post.deleted_at) if post.deleted_at else None,
            "user_deleted": False,
            "edit_reason": None,
            "can_view_edit_history": True,
            "wiki": False,
            "excerpt": post.raw[:100],
            "truncated": len(post.raw) > 100,
            "reviewable_id": post.reviewable_id,
            "reviewable_score_count": len(post.flags),
            "reviewable_score_pending_count": 0,
            "post_url": f"/t/{topic.slug}/{topic.id}/{post.post_number}",
            "post_localizations": [],
            "mentioned_users": [],
        }

    def _visible(self, post_id: str, viewer: User) -> Post:
        post = self.posts.get(int(post_id))
        if post is None or (post.deleted_at and not viewer.staff):
            raise _Refused(404, "The requested URL or resource could not be found.", "not_found")
        return post

    # -- handlers ------------------------------------------------------------------------------

    def _basic_info(self, request: Request, user: User | None) -> Reply:
        data = {
            "title": self.title,
            "description": "Where our users help each other",
            "locale": "en",
            "login_required": False,
            "include_in_discourse_discover": False,
        }
        return Reply(200, self._shape("/site/basic-info.json", "get", data))

    def _user(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        name = request.match["username"].lower()
        user = next((u for u in self.users.values() if u.username.lower() == name), None)
        if user is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        data = {
            "id": user.id,
            "username": user.username,
            "name": user.name,
            "admin": user.admin,
            "moderator": user.moderator,
            "trust_level": user.trust_level,
        }
        shaped = self._shape("/u/{username}.json", "get", data, "user")
        return Reply(200, {"user_badges": [], "user": shaped})

    def _latest(self, request: Request, viewer: User) -> Reply:
        before = int(request.query["before"]) if "before" in request.query else None
        posts = sorted(
            (
                p
                for p in self.posts.values()
                if p.deleted_at is None
                and (before is None or p.id < before)
                and (viewer.staff or not p.hidden)
            ),
            key=lambda p: (p.created_at, p.id),
            reverse=True,
        )[: self.page_size]
        shaped = [
            self._shape("/posts.json", "get", self._post_data(p, viewer), "latest_posts")
            for p in posts
        ]
        return Reply(200, {"latest_posts": shaped})

    def _get_post(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        try:
            post = self._visible(request.match["id"], viewer)
        except _Refused as refused:
            return refused.reply
        return Reply(200, self._shape("/posts/{id}.json", "get", self._post_data(post, viewer)))

    def _topic(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        topic = self.topics.get(int(request.match["id"]))
        if topic is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        posts = sorted(
            (p for p in self.posts.values() if p.topic_id == topic.id and not p.deleted_at),
            key=lambda p: p.post_number,
        )
        stream = [
            self._shape("/t/{id}.json", "get", self._post_data(p, viewer), "post_stream", "posts")
            for p in posts[:20]
        ]
        data = {
            "id": topic.id,
            "title": topic.title,
            "fancy_title": _escape(topic.title),
            "slug": topic.slug,
            "posts_count": len(posts),
            "created_at": iso(topic.created_at),
            "post_stream": {"posts": stream, "stream": [p.id for p in posts]},
            "chunk_size": 20,
            "user_id": topic.user_id,
            "archetype": "regular",
        }
        return Reply(200, data)

    def _create_post(self, request: Request, viewer: User) -> Reply:
        body = request.json()
        raw = str(body.get("raw") or "").strip()
        topic_id = body.get("topic_id")
        if topic_id not in self.topics:
            return _error(422, "Topic not found", "invalid_parameters")
        if len(raw) < 5:
            return _error(422, "Body is too short (minimum is 5 characters)", "invalid_parameters")
        reply_to = body.get("reply_to_post_number")
        if reply_to is not None and not any(
            p.topic_id == topic_id and p.post_number == reply_to for p in self.posts.values()
        ):
            reply_to = None  # as Discourse does with a number that is not in the topic
        post = self._add_post(topic_id, viewer, raw, time.time(), reply_to)
        return Reply(200, self._shape("/posts.json", "post", self._post_data(post, viewer)))

    def _edit_post(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        try:
            post = self._visible(request.match["id"], viewer)
        except _Refused as refused:
            return refused.reply
        if post.user_id != viewer.id and not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        raw = str(request.json()["post"]["raw"])
        if raw != post.raw:
            post.raw = raw
            post.version += 1
            post.updated_at = time.time()
        data = self._shape("/posts/{id}.json", "put", self._post_data(post, viewer), "post")
        return Reply(200, {"post": data})

    def _delete_post(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        try:
            post = self._visible(request.match["id"], viewer)
        except _Refused as refused:
            return refused.reply
        if post.user_id != viewer.id and not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        post.deleted_at = post.deleted_at or time.time()
        return Reply(200, None)

    def _post_action(self, request: Request, viewer: User) -> Reply:
        body = request.json()
        try:
            post = self._visible(str(body["id"]), viewer)
        except _Refused as refused:
            return refused.reply
        type_id = int(body["post_action_type_id"])
        if type_id not in (2, 3, 4, 6, 7, 8, 10):
            return _error(400, "post_action_type_id is invalid", "invalid_parameters")
        if (viewer.id, type_id) in post.flags:
            return _error(403, "You have already performed this action.", "invalid_access")
        if post.user_id == viewer.id and type_id != 2:
            return _error(403, NOT_PERMITTED, "invalid_access")
        post.flags.append((viewer.id, type_id))
        if type_id != 2:
            if viewer.staff and self.staff_flag_hides:
                post.hidden = True
            elif post.reviewable_id is None:
                reviewable = Reviewable(
                    next(self._review_ids),
                    "ReviewableFlaggedPost",
                    post.user_id,
                    post.topic_id,
                    time.time(),
                    {},
                    target_post_id=post.id,
                )
                self.reviewables[reviewable.id] = reviewable
                post.reviewable_id = reviewable.id
        return Reply(200, self._shape("/post_actions.json", "post", self._post_data(post, viewer)))

    def _suspend(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        if not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        user = self.users.get(int(request.match["id"]))
        if user is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        if user.staff:
            return _error(403, "You can't suspend staff members.", "invalid_access")
        body = request.json()
        user.suspended_till = str(body["suspend_until"])
        user.suspend_reason = str(body["reason"])
        data = {
            "suspend_reason": user.suspend_reason,
            "full_suspend_reason": user.suspend_reason,
            "suspended_till": user.suspended_till,
            "suspended_at": iso(time.time()),
            "suspended_by": {"id": viewer.id, "username": viewer.username},
        }
        return Reply(200, {"suspension": data})

    def _admin_user(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        if not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        user = self.users.get(int(request.match["id"]))
        if user is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        data = {
            "id": user.id,
            "username": user.username,
            "name": user.name,
            "admin": user.admin,
            "moderator": user.moderator,
            "full_suspend_reason": user.suspend_reason,
            "suspended_by": (
                {"id": self.moderator.id, "username": self.moderator.username}
                if user.suspended_till
                else None
            ),
        }
        shaped = self._shape("/admin/users/{id}.json", "get", data)
        shaped["suspended_till"] = user.suspended_till  # Discourse sends it; the document omits it
        return Reply(200, shaped)

    # -- the review queue (outside the API document) -------------------------------------------

    def _review_json(self, reviewable: Reviewable) -> dict[str, Any]:
        topic = self.topics.get(reviewable.topic_id or 0)
        return {
            "id": reviewable.id,
            "type": reviewable.type,
            "status": STATUSES[reviewable.status],
            "topic_id": reviewable.topic_id,
            "topic_url": f"/t/{topic.slug}/{topic.id}" if topic else None,
            "target_id": reviewable.target_post_id,
            "target_type": "Post" if reviewable.target_post_id else None,
            "created_at": iso(reviewable.created_at),
            "created_by_id": reviewable.created_by_id,
            "target_created_by_id": reviewable.created_by_id,
            "category_id": 1,
            "score": 0.0,
            "version": reviewable.version,
            "can_edit": True,
            "payload": reviewable.payload,
            "bundled_actions": [
                {"id": name, "actions": [{"id": name}]} for name in _actions(reviewable)
            ],
        }

    def _sideloads(self, reviewables: list[Reviewable]) -> dict[str, Any]:
        users = {r.created_by_id for r in reviewables}
        topics = {r.topic_id for r in reviewables if r.topic_id}
        return {
            "users": [
                {"id": u, "username": self.users[u].username, "name": self.users[u].name}
                for u in sorted(users)
            ],
            "topics": [
                {"id": t, "title": self.topics[t].title, "slug": self.topics[t].slug}
                for t in sorted(topics)
            ],
        }

    def _review_list(self, request: Request, viewer: User) -> Reply:
        if not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        query = request.query
        status = query.get("status", "pending")
        if status not in (*STATUSES, "all", "reviewed"):
            return _error(400, "status is invalid", "invalid_parameters")
        kind = query.get("type")
        chosen = [
            r
            for r in self.reviewables.values()
            if (kind is None or r.type == kind)
            and (
                status == "all"
                or r.status == status
                or (status == "reviewed" and r.status != "pending")
            )
        ]
        if query.get("sort_order", "score") in ("created_at", "score"):
            chosen.sort(key=lambda r: (r.created_at, r.id), reverse=True)
        else:
            chosen.sort(key=lambda r: (r.created_at, r.id))
        offset = int(query.get("offset", "0"))
        page = chosen[offset : offset + REVIEW_PAGE]
        meta: dict[str, Any] = {
            "status": status,
            "type": kind,
            "total_rows_reviewables": len(chosen),
            "types": {"created_by": "user", "target_created_by": "user"},
        }
        if offset + REVIEW_PAGE < len(chosen):
            following = {k: v for k, v in query.items() if k != "offset"}
            following["offset"] = str(offset + REVIEW_PAGE)
            meta["load_more_reviewables"] = "/review?" + "&".join(
                f"{k}={v}" for k, v in following.items()
            )
        return Reply(
            200,
            {
                "reviewables": [self._review_json(r) for r in page],
                "meta": meta,
                **self._sideloads(page),
            },
        )

    def _review_show(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        if not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        reviewable = self.reviewables.get(int(request.match["id"]))
        if reviewable is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        return Reply(
            200,
            {
                "reviewable": self._review_json(reviewable),
                "meta": {"types": {"created_by": "user"}},
                **self._sideloads([reviewable]),
            },
        )

    def _review_perform(self, request: Request, viewer: User) -> Reply:
        assert request.match is not None
        if not viewer.staff:
            return _error(403, NOT_PERMITTED, "invalid_access")
        if not request.query.get("version"):
            return _error(422, "You must supply a version", "invalid_parameters")
        reviewable = self.reviewables.get(int(request.match["id"]))
        if reviewable is None:
            return _error(404, "The requested URL or resource could not be found.", "not_found")
        action = request.match["action"]
        if action not in _actions(reviewable):
            return _error(403, f"Can't perform {action}", "invalid_access")
        if int(request.query["version"]) != reviewable.version:
            return _error(409, "Someone else has updated this reviewable.", "conflict")
        created: Post | None = None
        if action == "approve_post":
            author = self.users[reviewable.created_by_id]
            raw = str(reviewable.payload["raw"])
            if reviewable.topic_id is None:
                created = self.add_topic(author, str(reviewable.payload["title"]), raw)
            else:
                number = reviewable.payload.get("reply_to_post_number")
                created = self._add_post(reviewable.topic_id, author, raw, time.time(), number)
            reviewable.target_post_id = created.id
            reviewable.status = "approved"
        elif action == "reject_post":
            reviewable.status = "rejected"
        elif action == "agree_and_hide":
            assert reviewable.target_post_id is not None
            self.posts[reviewable.target_post_id].hidden = True
            reviewable.status = "approved"
        reviewable.version += 1
        result = {
            "success": True,
            "transition_to": reviewable.status,
            "transition_to_id": STATUSES[reviewable.status],
            "created_post_id": created.id if created else None,
            "created_post_topic_id": created.topic_id if created else None,
            "remove_reviewable_ids": [reviewable.id],
            "version": reviewable.version,
        }
        return Reply(200, {"reviewable_perform_result": result})


class _Refused(Exception):
    def __init__(self, status: int, message: str, error_type: str) -> None:
        super().__init__(message)
        self.reply = _error(status, message, error_type)


def _error(status: int, message: str, error_type: str) -> Reply:
    return Reply(status, {"errors": [message], "error_type": error_type})


def _actions(reviewable: Reviewable) -> list[str]:
    if reviewable.status != "pending":
        return []
    if reviewable.type == "ReviewableQueuedPost":
        return ["approve_post", "reject_post", "delete_user"]
    return ["agree_and_hide", "agree_and_keep", "disagree", "ignore"]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["FakeDiscourse", "SpecViolation"]
