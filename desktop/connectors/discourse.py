"""Discourse: the posts of a forum and, for staff accounts, the posts waiting in its review
queue, through the forum's JSON API with an API key.

    GET    /site/basic-info.json                  the forum's title (sign-in, no key needed)
    GET    /u/{username}.json                     who the key acts as, and whether it is staff
    GET    /posts.json?before=<id>                the latest posts across topics, newest first
    GET    /posts/{id}.json, /t/{id}.json         one post; a topic's first posts (for parents)
    POST   /posts.json                            a reply (topic_id, raw, reply_to_post_number)
    PUT    /posts/{id}.json, DELETE /posts/{id}.json
    POST   /post_actions.json                     a flag: inappropriate (4) or spam (8)
    PUT    /admin/users/{id}/suspend.json         a suspension
    GET    /admin/users/{id}.json                 whether a suspension arrived

Outside the published OpenAPI document, from Discourse's own routes (ReviewablesController),
used only by staff accounts and only where the forum answers them (the sign-in looks):

    GET    /review.json?type=ReviewableQueuedPost&status=...&offset=...   the review queue
    GET    /review/{id}.json                                              one queued post
    PUT    /review/{id}/perform/{action}.json?version=N   approve_post, reject_post, agree_and_hide

Every request carries the `Api-Key` and `Api-Username` headers; the key stays in the keyring.
Items are posts (kind "post" for the first post of a topic, "comment" for the replies), with
the topic as their context and the post they answer (`reply_to_post_number`, mapped to that
post's id in the same topic where Steward can see it) as their parent. Posts queued for
approval are items of their own ("review:<id>", remote_state "held") until they are handled.

How the actions map onto Discourse:

- REPLY posts in the item's topic, answering the item's post; EDIT_REPLY edits one of the
  account's own posts.
- DELETE deletes the post (staff, or one's own post). Discourse only marks it deleted: staff can
  still recover it on the forum, but not from Steward (the recover route is not part of the
  API document), and a non-staff account cannot at all, so Steward treats it as irreversible.
  Deleting a topic's first post deletes the topic. On a queued post, DELETE rejects it.
- HIDE (staff) flags the post as inappropriate. A staff flag usually hides the post at once;
  where the forum's flag sensitivity does not, Steward agrees with its own flag in the review
  queue ("agree_and_hide"), which hides it. SPAM flags the post as spam (any account may flag;
  for staff it is hidden the same way).
- APPROVE approves a post waiting in the review queue.
- BAN (staff) suspends the post's author indefinitely. Staff can lift a suspension, so it is
  not treated as irreversible.

Staff rights are learned at sign-in; actions that need them are refused with a message saying
so when the account has none (a promotion since is noticed when such an action is asked for).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
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
    MemoryCredentials,
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
    Unreachable,
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

REVIEW_PREFIX = "review:"
PAGE_ITEMS = 50  # items handed over per page (Discourse's own pages hold about 50 posts)
FLAG_INAPPROPRIATE = 4
FLAG_SPAM = 8
SMALL_ACTION = 3  # post_type of "closed this topic" and the like: not something anyone wrote
QUEUED_POST = "ReviewableQueuedPost"
# Reviewable statuses: numbers in older versions, names in newer ones.
REVIEW_STATUSES = {0: "pending", 1: "approved", 2: "rejected", 3: "ignored", 4: "deleted"}
REVIEW_STATES = {
    "pending": "held",
    "approved": "visible",
    "rejected": "deleted",
    "deleted": "deleted",
    "ignored": "held",
}
DEFAULT_RETRY_S = 60.0
SUSPEND_YEARS = 1000  # what Discourse's own "forever" suspension sets
_BLOCKS = frozenset(
    {"p", "div", "li", "blockquote", "pre", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)


def forum_address(value: Any) -> str:
    """The forum's address from what the user typed: a host or a URL, with https:// added
    where no scheme was given and no trailing slash (a forum may live under a path)."""
    text = str(value or "").strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    return text.rstrip("/")


class _PlainText(HtmlText):
    """Discourse's cooked HTML as plain text: block elements and line breaks become newlines,
    images their alternative text, entities decoded."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)
        elif tag in _BLOCKS:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._break(1 if tag in ("li", "tr") else 2)

    def _break(self, lines: int) -> None:
        """End the line (or paragraph) unless the text already ends so."""
        tail = "".join(self.parts[-4:])
        have = len(tail) - len(tail.rstrip("\n"))
        if "".join(self.parts).strip() and have < lines:
            self.parts.append("\n" * (lines - have))


def plain_text(cooked: str) -> str:
    return html_text(_PlainText(), cooked)


def _timestamp(value: Any) -> int:
    """ISO 8601 (`2025-02-03T08:01:12.345Z`) as unix seconds."""
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return int(datetime.fromisoformat(value).timestamp())


def _number(value: Any) -> int | None:
    """A post number that Discourse sends as a number (the API document says a string)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    return int(value)


def _review_id(remote_id: str) -> str | None:
    return remote_id[len(REVIEW_PREFIX) :] if remote_id.startswith(REVIEW_PREFIX) else None


class DiscourseConnector:
    kind: ClassVar[str] = "discourse"
    title: ClassVar[str] = "Discourse"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "forum",
            "Forum address",
            "The address of the Discourse forum, e.g. forum.example.com",
            placeholder="forum.example.com",
        ),
        SourceField(
            "api_username",
            "API username",
            "The forum account Steward acts as (a moderator's or admin's for moderation)",
            placeholder="moderator",
        ),
        SourceField(
            "api_key",
            "API key",
            "An API key created in the forum's admin panel (API → New API key), for this user "
            "or for all users",
            secret=True,
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.RESTORE: "Steward cannot bring back a deleted post; staff can recover it on the "
        "forum.",
    }
    rescans: ClassVar[bool] = True
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = False
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
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE})
    reply_limit: ClassVar[int | None] = 32000  # Discourse's default max_post_length

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        forum = forum_address(settings.get("forum"))
        base = str(settings.get("api_base") or forum).rstrip("/")
        if not base.startswith(("http://", "https://")) or not httpx.URL(base).host:
            raise Rejected("The source has no forum address; set it in the source.")
        self._base = base
        self._forum = forum or base
        self._host = httpx.URL(self._forum).host or self._forum
        self._username = str(settings.get("api_username") or config.account or "").lstrip("@")
        self._user_id = settings.get("user_id")
        self._staff = flag_setting(settings.get("staff"))
        self._staff_checked = False
        self._review_queue = flag_setting(settings.get("review_queue"))
        self._posts: dict[str, dict[str, Any]] = {}  # raw posts by id, seen this pass
        self._numbers: dict[tuple[int, int], int] = {}  # (topic id, post number) -> post id
        self._topics: dict[int, tuple[str, str]] = {}  # topic id -> (title, slug)
        self._topics_read: set[int] = set()
        self._client = async_client(
            config.timeout_s, transport, headers={"Accept": "application/json"}
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        """Check the key against the forum as the typed user, learn whether that user is staff
        (and, for staff, whether the forum answers its review queue), then keep the key."""
        forum = forum_address(request.settings.get("forum"))
        username = str(request.settings.get("api_username") or "").strip().lstrip("@")
        key = str(request.secrets.get("api_key") or "").strip()
        if not forum or ("." not in forum and not request.settings.get("api_base")):
            raise Rejected("Type the forum's address, e.g. forum.example.com.")
        if not username:
            raise Rejected("Type the username the API key acts as.")
        if not key:
            raise Rejected("Paste the API key from the forum's admin panel.")
        settings: dict[str, Any] = {"forum": forum, "api_username": username}
        if request.settings.get("api_base"):
            settings["api_base"] = str(request.settings["api_base"])
        memory = MemoryCredentials({"api_key": key})
        connector = cls(SourceConfig(0, username, settings, memory, request.timeout_s))
        host = connector._host
        try:
            title = ""
            try:
                info = await connector._get("/site/basic-info.json", authorized=False, probe=False)
                title = str(info.get("title") or "").strip() if isinstance(info, dict) else ""
            except Gone:
                raise Rejected(f"{host} does not look like a Discourse forum.") from None
            except (AuthFailed, Rejected, MalformedResponse):
                pass  # the forum keeps its title to members: the source is named by its host
            try:
                me = await connector._get(f"/u/{quote(username, safe='')}.json", probe=False)
            except AuthFailed:
                raise AuthFailed(
                    f"{host} refused the API key for {username}: check the key, and that it "
                    "was created for this user or for all users."
                ) from None
            except Gone:
                raise Rejected(f"{host} has no user {username}.") from None
            try:
                user = me["user"]
                account = str(user["username"])
                user_id = int(user["id"])
                admin, moderator = bool(user.get("admin")), bool(user.get("moderator"))
            except (KeyError, TypeError, ValueError):
                raise MalformedResponse(
                    f"{host} described the user in an unexpected shape."
                ) from None
            staff = admin or moderator
            review_queue = False
            if staff:
                connector._staff = True
                review_queue = await connector._answers_review_queue()
        finally:
            await connector.aclose()
        request.credentials.set("api_key", key)
        settings.update(
            api_username=account,
            user_id=user_id,
            staff=staff,
            admin=admin,
            moderator=moderator,
            review_queue=review_queue,
        )
        return SignInResult(account=account, name=title or host, settings=settings)

    async def _answers_review_queue(self) -> bool:
        """Whether the forum serves its review queue to this key (a route outside the API
        document, present in the versions that have the review queue)."""
        try:
            await self._get("/review.json", params={"type": QUEUED_POST, "status": "pending"})
        except (Gone, Rejected):
            return False
        return True

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        """The posts after the cursor (the newest post id stored) or, without one, those
        created since `since`. Discourse lists newest first; the posts are gathered back to
        the cursor and handed over oldest first, so that a parent is stored before its replies
        and each page's cursor is the newest id stored so far. Then, for staff, the queue."""
        floor = _cursor_id(cursor)
        posts = await self._latest_posts(since=since, above=floor)
        posts.reverse()
        items = await self._post_items(posts)
        by_id = {item.remote_id: item for item in items}
        for start in range(0, len(posts), PAGE_ITEMS):
            chunk = [str(post["id"]) for post in posts[start : start + PAGE_ITEMS]]
            newest = max(int(post_id) for post_id in chunk)
            page = [by_id[post_id] for post_id in chunk if post_id in by_id]
            yield PullPage(page, str(max(newest, floor or 0)))
        if self._staff and self._review_queue:
            yield PullPage(await self._queued_items("pending", since=None), None)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """Every post created since `since` as the forum has it now (deleted ones are no longer
        listed), and, for staff, the queued posts of that time whatever became of them."""
        posts = await self._latest_posts(since=since, above=None)
        items = await self._post_items(posts)
        for start in range(0, len(items), PAGE_ITEMS):
            yield PullPage(items[start : start + PAGE_ITEMS], None)
        if self._staff and self._review_queue:
            yield PullPage(await self._queued_items("all", since=since), None)

    async def _latest_posts(self, *, since: int, above: int | None) -> list[dict[str, Any]]:
        """The latest posts, newest first, back to `above` (exclusive) and to `since`, paged
        with `before` = the smallest id of the previous page."""
        found: list[dict[str, Any]] = []
        before: int | None = None
        while True:
            params = {"before": before} if before is not None else None
            body = await self._get("/posts.json", params=params)
            page = self._latest(body)
            if not page:
                return found
            done = False
            lowest: int | None = None
            for post in page:
                try:
                    post_id = int(post["id"])
                    created = _timestamp(post["created_at"])
                except (KeyError, TypeError, ValueError) as error:
                    raise MalformedResponse(
                        f"{self._host} sent a post in an unexpected shape ({error!r})."
                    ) from None
                lowest = post_id if lowest is None else min(lowest, post_id)
                if (above is not None and post_id <= above) or created < since:
                    done = True
                    continue
                found.append(post)
            if done or lowest is None or (before is not None and lowest >= before):
                return found
            before = lowest

    def _latest(self, body: Any) -> list[dict[str, Any]]:
        posts = body.get("latest_posts") if isinstance(body, dict) else None
        if not isinstance(posts, list) or not all(isinstance(p, dict) for p in posts):
            raise MalformedResponse(f"{self._host} sent its latest posts in an unexpected shape.")
        return posts

    async def _post_items(self, posts: list[dict[str, Any]]) -> list[RemoteItem]:
        """Items of the posts, with the parents they answer resolved: first among the posts at
        hand, then among the first posts of each topic concerned."""
        try:
            for post in posts:
                self._remember(post)
            missing = {
                int(post["topic_id"])
                for post in posts
                if (number := _number(post.get("reply_to_post_number"))) is not None
                and (int(post["topic_id"]), number) not in self._numbers
            }
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"{self._host} sent a post in an unexpected shape ({error!r})."
            ) from None
        for topic_id in sorted(missing - self._topics_read):
            await self._read_topic(topic_id)
        items = []
        for post in posts:
            if post.get("post_type") == SMALL_ACTION:
                continue
            items.append(self._item(post))
        return items

    def _remember(self, post: dict[str, Any]) -> None:
        post_id, topic_id = int(post["id"]), int(post["topic_id"])
        self._posts[str(post_id)] = post
        number = _number(post.get("post_number"))
        if number is not None:
            self._numbers[(topic_id, number)] = post_id
        title = post.get("topic_title")
        if isinstance(title, str) and title:
            self._topics[topic_id] = (title, str(post.get("topic_slug") or ""))

    async def _read_topic(self, topic_id: int) -> None:
        """A topic's title and the post numbers of its first posts (the ones the topic view
        includes), for replies to posts older than the ones at hand."""
        self._topics_read.add(topic_id)
        try:
            body = await self._get(f"/t/{topic_id}.json")
        except (Gone, Rejected):
            return  # deleted or out of reach: the replies keep no parent
        try:
            self._topics[topic_id] = (str(body["title"]), str(body.get("slug") or ""))
            for post in body["post_stream"]["posts"]:
                self._numbers[(topic_id, int(post["post_number"]))] = int(post["id"])
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"{self._host} sent a topic in an unexpected shape ({error!r})."
            ) from None

    def _topic_context(self, topic_id: int, slug: str = "") -> RemoteContext | None:
        known = self._topics.get(topic_id)
        if known is None:
            return None
        title, known_slug = known
        slug = known_slug or slug or "-"
        return RemoteContext(
            remote_id=f"topic:{topic_id}",
            kind="topic",
            title=title,
            url=f"{self._forum}/t/{quote(slug, safe='')}/{topic_id}",
        )

    def _item(self, post: dict[str, Any]) -> RemoteItem:
        try:
            post_id = int(post["id"])
            topic_id = int(post["topic_id"])
            number = _number(post.get("post_number"))
            reply_to = _number(post.get("reply_to_post_number"))
            username = str(post.get("username") or "")
            user_id = post.get("user_id")
            parent = self._numbers.get((topic_id, reply_to)) if reply_to is not None else None
            if post.get("deleted_at"):
                state = "deleted"
            elif post.get("hidden"):
                state = "hidden"
            else:
                state = "visible"
            version = int(post.get("version") or 1)
            raw = post.get("raw")
            text = raw if isinstance(raw, str) else plain_text(str(post.get("cooked") or ""))
            return RemoteItem(
                remote_id=str(post_id),
                kind="post" if number == 1 else "comment",
                text=text.replace("\r\n", "\n").strip(),
                created_at=_timestamp(post["created_at"]),
                # A post whose author's account was removed has no author.
                author=RemoteAuthor(
                    remote_id=str(int(user_id)),
                    handle=f"@{username}",
                    display_name=str(post.get("name") or username),
                )
                if user_id is not None
                else None,
                context=self._topic_context(topic_id, str(post.get("topic_slug") or "")),
                parent_remote_id=str(parent) if parent is not None and parent != post_id else None,
                remote_state=state,
                edited_at=_timestamp(post["updated_at"]) if version > 1 else None,
                own=bool(username) and self._is_own(username),
                extra={
                    "topic_id": topic_id,
                    "post_number": number,
                    "reply_to_post_number": reply_to,
                },
            )
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"{self._host} sent a post in an unexpected shape ({error!r})."
            ) from None

    def _is_own(self, username: str) -> bool:
        return bool(self._username) and username.casefold() == self._username.casefold()

    # -- the review queue ----------------------------------------------------------------------

    async def _queued_items(self, status: str, *, since: int | None) -> list[RemoteItem]:
        """The queued posts with this status, newest first where `since` bounds them, paged
        with `offset` as the forum's `meta.load_more_reviewables` says there is more."""
        items: list[RemoteItem] = []
        offset = 0
        while True:
            params: dict[str, Any] = {"type": QUEUED_POST, "status": status}
            if since is not None:
                params["sort_order"] = "created_at"
            if offset:
                params["offset"] = offset
            try:
                body = await self._get("/review.json", params=params)
            except Gone:
                raise Rejected(
                    f"{self._host} no longer answers its review queue (/review.json); sign in "
                    "again so that Steward stops asking for it."
                ) from None
            try:
                reviewables = body["reviewables"]
                meta = body.get("meta") or {}
                users = _by_id(body.get("users"))
                topics = _by_id(body.get("topics"))
                done = False
                for reviewable in reviewables:
                    if since is not None and _timestamp(reviewable["created_at"]) < since:
                        done = True
                        continue
                    items.append(self._queued_item(reviewable, users, topics))
                more = bool(meta.get("load_more_reviewables"))
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise MalformedResponse(
                    f"{self._host} sent its review queue in an unexpected shape ({error!r})."
                ) from None
            if done or not more or not reviewables:
                return items
            offset += len(reviewables)

    def _queued_item(
        self,
        reviewable: dict[str, Any],
        users: Mapping[int, dict[str, Any]],
        topics: Mapping[int, dict[str, Any]],
    ) -> RemoteItem:
        review_id = str(int(reviewable["id"]))
        payload = reviewable.get("payload") or {}
        status = reviewable.get("status")
        name = REVIEW_STATUSES.get(status, str(status)) if isinstance(status, int) else status
        user_id = int(reviewable.get("created_by_id") or reviewable["target_created_by_id"])
        user = users.get(user_id, {})
        username = str(user.get("username") or f"user {user_id}")
        topic_id = reviewable.get("topic_id")
        context: RemoteContext | None
        parent: int | None = None
        if topic_id:
            topic_id = int(topic_id)
            topic = topics.get(topic_id)
            if topic is not None and topic.get("title"):
                self._topics[topic_id] = (str(topic["title"]), str(topic.get("slug") or ""))
            context = self._topic_context(topic_id) or RemoteContext(
                remote_id=f"topic:{topic_id}", kind="topic", title=f"Topic {topic_id}"
            )
            reply_to = _number(payload.get("reply_to_post_number"))
            if reply_to is not None:
                parent = self._numbers.get((topic_id, reply_to))
        else:  # a new topic waiting for approval
            context = RemoteContext(
                remote_id=f"{REVIEW_PREFIX}{review_id}",
                kind="topic",
                title=str(payload.get("title") or "New topic"),
                url=f"{self._forum}/review/{review_id}",
            )
        return RemoteItem(
            remote_id=f"{REVIEW_PREFIX}{review_id}",
            kind="comment" if topic_id else "post",
            text=str(payload.get("raw") or "").replace("\r\n", "\n").strip(),
            created_at=_timestamp(reviewable["created_at"]),
            author=RemoteAuthor(
                remote_id=str(user_id),
                handle=f"@{username}",
                display_name=str(user.get("name") or username),
            ),
            context=context,
            parent_remote_id=str(parent) if parent is not None else None,
            remote_state=REVIEW_STATES.get(str(name), "held"),
            own=self._is_own(username),
            extra={"reviewable_id": int(review_id), "review_status": str(name)},
        )

    async def _reviewable(self, review_id: str) -> dict[str, Any]:
        """One queued post as the forum has it now (with its current version)."""
        if not self._review_queue:
            raise Rejected(
                f"{self._host} does not answer its review queue through the API; handle the "
                "post in the forum's review queue."
            )
        body = await self._get(f"/review/{quote(review_id, safe='')}.json")
        try:
            reviewable = body["reviewable"]
            int(reviewable["version"])
        except (KeyError, TypeError, ValueError) as error:
            raise MalformedResponse(
                f"{self._host} sent a queued post in an unexpected shape ({error!r})."
            ) from None
        answer: dict[str, Any] = body
        return answer

    async def _perform(self, review_id: str, action: str) -> dict[str, Any]:
        body = await self._reviewable(review_id)
        version = int(body["reviewable"]["version"])
        answer = await self._write(
            "PUT",
            f"/review/{quote(review_id, safe='')}/perform/{action}.json",
            None,
            params={"version": version},
        )
        result = answer.get("reviewable_perform_result") if isinstance(answer, dict) else None
        if not isinstance(result, dict) or not result.get("success"):
            raise MalformedResponse(f"{self._host} did not confirm the review action.")
        return result

    # -- one item ------------------------------------------------------------------------------

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        review_id = _review_id(remote_id)
        if review_id is not None:
            if not (self._staff and self._review_queue):
                return None
            body = await self._reviewable(review_id)
            try:
                return self._queued_item(
                    body["reviewable"], _by_id(body.get("users")), _by_id(body.get("topics"))
                )
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise MalformedResponse(
                    f"{self._host} sent a queued post in an unexpected shape ({error!r})."
                ) from None
        post = await self._post(remote_id, fresh=True)
        return self._item(post)

    async def _post(self, post_id: str, *, fresh: bool = False) -> dict[str, Any]:
        if fresh or post_id not in self._posts:
            if not post_id.isdigit():
                raise Gone("This is not a post of the forum.")
            body = await self._get(f"/posts/{post_id}.json")
            if not isinstance(body, dict) or not isinstance(body.get("topic_id"), int):
                raise MalformedResponse(f"{self._host} sent a post in an unexpected shape.")
            try:
                self._remember(body)
            except (KeyError, TypeError, ValueError) as error:
                raise MalformedResponse(
                    f"{self._host} sent a post in an unexpected shape ({error!r})."
                ) from None
        return self._posts[post_id]

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        """Per item: a queued post can only be approved, rejected (DELETE) or its author
        suspended; only queued posts can be approved; only own posts edited; nothing against
        one's own posts. Staff rights are not visible here: without them, staff actions are
        refused with a message when they leave."""
        blocked: dict[Action, str] = {}
        held = item.remote_id.startswith(REVIEW_PREFIX)
        if held:
            waiting = "The post is waiting in the review queue; approve it first."
            blocked[Action.REPLY] = waiting
            blocked[Action.HIDE] = "The post is not public yet; reject it (delete) instead."
            blocked[Action.SPAM] = "The post is not public yet; reject it (delete) instead."
            if item.remote_state != "held":
                blocked[Action.APPROVE] = "The post is no longer waiting for approval."
                blocked[Action.DELETE] = "The post is no longer waiting in the review queue."
        elif item.remote_state != "held":
            blocked[Action.APPROVE] = "Only posts waiting in the review queue can be approved."
        if not item.own or held:
            blocked[Action.EDIT_REPLY] = "Only your own posts can be edited."
        if item.own:
            for action in (Action.HIDE, Action.SPAM, Action.BAN):
                blocked[action] = "This is your own post."
        return blocked

    async def push(self, operation: Operation) -> PushResult:
        kind = operation.kind
        remote_id = operation.item_remote_id
        review_id = _review_id(remote_id)
        if review_id is not None:
            return await self._push_queued(kind, review_id)
        if kind is Action.REPLY:
            return await self._reply(remote_id, str(operation.payload["text"]))
        if kind is Action.EDIT_REPLY:
            post = await self._post(remote_id)
            if not self._is_own(str(post.get("username") or "")):
                raise Rejected("Only your own posts can be edited.")
            answer = await self._write(
                "PUT",
                f"/posts/{remote_id}.json",
                {"post": {"raw": str(operation.payload["text"])}},
            )
            edited = answer.get("post") if isinstance(answer, dict) else None
            if not isinstance(edited, dict) or not isinstance(edited.get("id"), int):
                raise MalformedResponse(f"{self._host} did not confirm the edit.")
            return PushResult(remote_id=str(edited["id"]))
        if kind is Action.DELETE:
            post = await self._post(remote_id)
            if not self._is_own(str(post.get("username") or "")):
                await self._need_staff("Deleting someone else's post")
            await self._write("DELETE", f"/posts/{remote_id}.json", None)
            return PushResult(remote_state="deleted")
        if kind in (Action.HIDE, Action.SPAM):
            return await self._flag_post(kind, remote_id)
        if kind is Action.BAN:
            post = await self._post(remote_id)
            return await self._suspend(int(post["user_id"]), str(post.get("username") or ""))
        if kind is Action.APPROVE:
            raise Rejected("Only posts waiting in the review queue can be approved.")
        raise Rejected(f"Discourse cannot {kind.value.replace('_', ' ')} from Steward.")

    async def _push_queued(self, kind: Action, review_id: str) -> PushResult:
        await self._need_staff("The review queue")
        if kind is Action.APPROVE:
            await self._perform(review_id, "approve_post")
            return PushResult(remote_state="visible")
        if kind is Action.DELETE:
            await self._perform(review_id, "reject_post")
            return PushResult(remote_state="deleted")
        if kind is Action.BAN:
            body = await self._reviewable(review_id)
            reviewable = body["reviewable"]
            user_id = int(reviewable.get("created_by_id") or reviewable["target_created_by_id"])
            user = _by_id(body.get("users")).get(user_id, {})
            return await self._suspend(user_id, str(user.get("username") or ""))
        raise Rejected("The post is waiting in the review queue; approve or reject it first.")

    async def _reply(self, remote_id: str, text: str) -> PushResult:
        post = await self._post(remote_id)
        body: dict[str, Any] = {"topic_id": int(post["topic_id"]), "raw": text}
        number = _number(post.get("post_number"))
        if number is not None:
            body["reply_to_post_number"] = number
        answer = await self._write("POST", "/posts.json", body)
        if isinstance(answer, dict) and answer.get("action") == "enqueued":
            # The forum holds the account's posts for approval: the reply waits in its queue.
            pending = answer.get("pending_post")
            if isinstance(pending, dict) and isinstance(pending.get("id"), int):
                return PushResult(remote_id=f"{REVIEW_PREFIX}{pending['id']}")
            raise MalformedResponse(f"{self._host} queued the reply without saying where.")
        if not isinstance(answer, dict) or not isinstance(answer.get("id"), int):
            raise MalformedResponse(f"{self._host} did not confirm the reply.")
        return PushResult(remote_id=str(answer["id"]))

    async def _flag_post(self, kind: Action, remote_id: str) -> PushResult:
        """Flag the post; for staff, make sure the flag hid it (agreeing with it in the review
        queue where the forum's flag sensitivity left it visible)."""
        if kind is Action.HIDE:
            await self._need_staff("Hiding a post")
        post = await self._post(remote_id)
        if self._is_own(str(post.get("username") or "")):
            raise Rejected("This is your own post.")
        type_id = FLAG_SPAM if kind is Action.SPAM else FLAG_INAPPROPRIATE
        answer = await self._write(
            "POST", "/post_actions.json", {"id": int(remote_id), "post_action_type_id": type_id}
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("id"), int):
            raise MalformedResponse(f"{self._host} did not confirm the flag.")
        hidden = bool(answer.get("hidden"))
        reviewable = answer.get("reviewable_id")
        if not hidden and self._staff and self._review_queue and reviewable:
            await self._perform(str(int(reviewable)), "agree_and_hide")
            hidden = True
        if not hidden:
            return PushResult()  # flagged: the forum's staff decide in its review queue
        return PushResult(remote_state="spam" if kind is Action.SPAM else "hidden")

    async def _suspend(self, user_id: int, username: str) -> PushResult:
        await self._need_staff("Suspending an account")
        if self._is_own(username) or (self._user_id is not None and user_id == self._user_id):
            raise Rejected("This is your own account.")
        until = datetime.now(UTC)
        until = until.replace(year=until.year + SUSPEND_YEARS, month=1, day=1)
        await self._write(
            "PUT",
            f"/admin/users/{user_id}/suspend.json",
            {
                "suspend_until": until.date().isoformat(),
                "reason": "Suspended by the forum's moderators.",
            },
        )
        return PushResult()

    async def _need_staff(self, what: str) -> None:
        """Staff rights as the sign-in found them; without them, looked up once more (the
        account may have been promoted since) before the action is refused."""
        if self._staff:
            return
        if not self._staff_checked:
            self._staff_checked = True
            body = await self._get(f"/u/{quote(self._username, safe='')}.json")
            user = body.get("user") if isinstance(body, dict) else None
            if isinstance(user, dict) and (user.get("admin") or user.get("moderator")):
                self._staff = True
                return
        raise Rejected(
            f"{what} needs a staff account (moderator or admin) on {self._host}, and "
            f"{self._username} is not one. Sign in with a staff account's API key to do this."
        )

    # -- reconciling ---------------------------------------------------------------------------

    async def reconcile(self, operation: Operation) -> PushResult | None:
        kind = operation.kind
        remote_id = operation.item_remote_id
        review_id = _review_id(remote_id)
        if review_id is not None:
            body = await self._reviewable(review_id)
            item = self._queued_item(
                body["reviewable"], _by_id(body.get("users")), _by_id(body.get("topics"))
            )
            if kind is Action.APPROVE and item.remote_state == "visible":
                return PushResult(remote_state="visible")
            if kind is Action.DELETE and item.remote_state == "deleted":
                return PushResult(remote_state="deleted")
            if kind is Action.BAN:
                reviewable = body["reviewable"]
                user_id = int(reviewable.get("created_by_id") or reviewable["target_created_by_id"])
                return PushResult() if await self._suspended(user_id) else None
            return None
        if kind is Action.REPLY:
            return await self._find_reply(operation)
        if kind is Action.DELETE:
            try:
                post = await self._post(remote_id, fresh=True)
            except Gone:
                return PushResult(remote_state="deleted")
            return PushResult(remote_state="deleted") if post.get("deleted_at") else None
        post = await self._post(remote_id, fresh=True)
        if kind is Action.EDIT_REPLY:
            if str(post.get("raw") or "").strip() == str(operation.payload["text"]).strip():
                return PushResult(remote_id=remote_id)
            return None
        if kind is Action.HIDE:
            return PushResult(remote_state="hidden") if post.get("hidden") else None
        if kind is Action.SPAM:
            flagged = any(
                isinstance(action, dict) and action.get("id") == FLAG_SPAM and action.get("acted")
                for action in post.get("actions_summary") or []
            )
            if not flagged:
                return None
            return PushResult(remote_state="spam") if post.get("hidden") else PushResult()
        if kind is Action.BAN:
            return PushResult() if await self._suspended(int(post["user_id"])) else None
        return None

    async def _find_reply(self, operation: Operation) -> PushResult | None:
        """An own post in the item's topic with the reply's text, created since shortly before
        the reply was queued, that is not a reply already known."""
        target = await self._post(operation.item_remote_id)
        topic_id = int(target["topic_id"])
        wanted = str(operation.payload["text"]).strip()
        for post in await self._latest_posts(since=operation.created_at - 300, above=None):
            post_id = str(post.get("id"))
            if (
                post.get("topic_id") == topic_id
                and self._is_own(str(post.get("username") or ""))
                and post_id not in operation.known_reply_ids
                and str(post.get("raw") or "").replace("\r\n", "\n").strip() == wanted
            ):
                return PushResult(remote_id=post_id)
        return None

    async def _suspended(self, user_id: int) -> bool:
        body = await self._get(f"/admin/users/{user_id}.json")
        if not isinstance(body, dict):
            raise MalformedResponse(f"{self._host} described the account in an unexpected shape.")
        return bool(body.get("suspended_till") or body.get("suspended_by"))

    # -- HTTP ----------------------------------------------------------------------------------

    async def _get(
        self,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        authorized: bool = True,
        probe: bool = True,
    ) -> Any:
        response = await self._send("GET", path, writes=False, params=params, authorized=authorized)
        return await self._decode(response, probe=probe)

    async def _write(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        *,
        params: dict[str, Any] | None = None,
    ) -> Any:
        response = await self._send(method, path, writes=True, params=params, json_body=body)
        return await self._decode(response, empty_ok=True)

    async def _send(
        self,
        method: str,
        path: str,
        *,
        writes: bool,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
        authorized: bool = True,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if authorized:
            key = self._config.credentials.get("api_key")
            if not key or not self._username:
                raise AuthFailed(f"The source has no API key for {self._host}; sign in again.")
            headers = {"Api-Key": key, "Api-Username": self._username}
        with request_errors(f"the forum at {self._host}", writes=writes):
            return await self._client.request(
                method, self._base + path, params=params, json=json_body, headers=headers
            )

    async def _decode(
        self, response: httpx.Response, *, empty_ok: bool = False, probe: bool = True
    ) -> Any:
        status = response.status_code
        body = json_or_none(response)
        said = _errors(body)
        if status == 429:
            raise RateLimited(
                f"{self._host} asks to slow down; Steward waits until it allows.",
                _retry_after(response, body),
            )
        if status == 401:
            raise AuthFailed(f"{self._host} no longer accepts the API key; sign in again.")
        if status == 403:
            # Discourse answers a refused key and a refused action alike (invalid_access):
            # the key is refused if a request every valid key may make is refused too.
            if not probe or await self._key_refused():
                raise AuthFailed(
                    f"{self._host} no longer accepts the API key (it may have been revoked); "
                    "sign in again."
                )
            raise Rejected(f"{self._host} does not allow this" + (f": {said}" if said else "."))
        if status in (404, 410):
            raise Gone(f"The post is no longer on {self._host}.")
        if status == 409:
            raise Rejected(
                f"Someone changed this in {self._host}'s review queue meanwhile; try again."
            )
        if 400 <= status < 500:
            raise Rejected(f"{self._host} refused it" + (f": {said}" if said else f" ({status})."))
        if status >= 500:
            raise ServerError(f"{self._host} had an internal error ({status}).")
        if body is None:
            if empty_ok and not response.content.strip():
                return {}
            raise MalformedResponse(f"{self._host} answered with something that is not JSON.")
        return body

    async def _key_refused(self) -> bool:
        try:
            response = await self._send(
                "GET", f"/u/{quote(self._username, safe='')}.json", writes=False
            )
        except (Unreachable, ServerError):
            return False
        return response.status_code in (401, 403)


def _cursor_id(cursor: str | None) -> int | None:
    if not cursor:
        return None
    with contextlib.suppress(ValueError):
        return int(cursor)
    return None


def _by_id(entries: Any) -> dict[int, dict[str, Any]]:
    """Side-loaded records (`users`, `topics`) by id."""
    found: dict[int, dict[str, Any]] = {}
    for entry in entries or []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), int):
            found[entry["id"]] = entry
    return found


def _errors(body: Any) -> str:
    """The message of Discourse's error envelope, {"errors": [...], "error_type": "..."}."""
    if not isinstance(body, dict):
        return ""
    errors = body.get("errors")
    if isinstance(errors, list):
        return " ".join(str(e) for e in errors if e)[:300]
    if isinstance(errors, str):
        return errors[:300]
    return str(body.get("error") or "")[:300]


def _retry_after(response: httpx.Response, body: Any) -> float:
    """The wait Discourse asks for. Kept apart from http.retry_after, on purpose: Discourse may
    say the wait in its body instead (extras.wait_seconds), and here a wait is at least one
    second, where http.retry_after allows none."""
    with contextlib.suppress(ValueError, TypeError):
        return max(1.0, float(response.headers.get("Retry-After", "")))
    with contextlib.suppress(ValueError, TypeError, AttributeError):
        return max(1.0, float(body["extras"]["wait_seconds"]))
    return DEFAULT_RETRY_S


CONNECTOR = DiscourseConnector
