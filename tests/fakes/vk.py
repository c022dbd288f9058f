"""A fake VK API (5.199) for one community's wall: posts, comments with threads, the people
and communities who wrote them, the community's blacklist, and the tokens allowed in.

    POST|GET /method/{name}   form or query parameters, access_token and v=5.199 on each call

Every call is checked against VK's own JSON schema (tests/fakes/vk_schema.py) before it is
answered, and every answer the fake builds is checked against the documented response schema
(problems land in `response_problems`). Errors come as VK sends them: HTTP 200 with
{"error": {"error_code", "error_msg", "request_params"}}.

Switches for tests: `revoke()` (error 5), `fail(method, code)` (any error once or more, e.g. 9
flood control, 14 captcha, 10 internal), `malformed[method]` ("shape" or "html"),
`per_second` (error 6 when a token sends more within a second), `edit_comment` and
`delete_comment` (what the author or another admin does on VK).
"""

from __future__ import annotations

import html
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.fakes import vk_schema
from tests.fakes.http import FakeHTTPServer, Reply, Request

GROUP_ID = 21540011
ADMIN_ID = 7000001
ADMIN_TOKEN = "vk1.a.admin-token-of-anna"


@dataclass
class Token:
    kind: str  # "user" or "group"
    user_id: int = 0  # the person a user token belongs to
    group_id: int = 0  # the community a community token belongs to


@dataclass
class Post:
    id: int
    date: int
    text: str
    comments_closed: bool = False


@dataclass
class Comment:
    id: int
    post_id: int
    from_id: int
    date: int
    text: str
    reply_to_comment: int | None = None
    reply_to_user: int | None = None
    parents_stack: list[int] = field(default_factory=list)
    deleted: bool = False

    @property
    def root(self) -> int | None:
        return self.parents_stack[0] if self.parents_stack else None


class _Failure(Exception):
    def __init__(self, code: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra


def _invalid(parameter: str) -> _Failure:
    return _Failure(100, f"One of the parameters specified was missing or invalid: {parameter}")


class FakeVK(FakeHTTPServer):
    def __init__(self, *, per_second: int = 3, now: int | None = None) -> None:
        super().__init__()
        self.now = now if now is not None else int(time.time())
        self.per_second = per_second  # VK's limit for user tokens
        self.group = {"id": GROUP_ID, "name": "Our Channel & Friends", "screen_name": "ourchannel"}
        self.other_groups: dict[int, dict[str, Any]] = {
            31000001: {"id": 31000001, "name": "Fan Club", "screen_name": "fanclub"}
        }
        self.users: dict[int, dict[str, Any]] = {
            ADMIN_ID: {"first_name": "Anna", "last_name": "Admin", "screen_name": "anna"},
        }
        self.admins = {ADMIN_ID}
        self.tokens: dict[str, Token] = {ADMIN_TOKEN: Token("user", user_id=ADMIN_ID)}
        self.posts: dict[int, Post] = {}
        self.comments: dict[int, Comment] = {}
        self.bans: dict[int, dict[str, Any]] = {}
        self.guids: dict[str, int] = {}
        self.failures: dict[str, deque[int]] = {}
        self.malformed: dict[str, str] = {}
        self.response_problems: list[str] = []
        self.timeline: list[tuple[float, str]] = []  # (time.monotonic(), method) of each call
        self._recent: dict[str, deque[float]] = {}
        self._next_post = 880
        self._next_comment = 5000
        self._ids = threading.Lock()
        self.route("POST", r"/method/(?P<name>[A-Za-z]+\.[A-Za-z]+)", self._method)
        self.route("GET", r"/method/(?P<name>[A-Za-z]+\.[A-Za-z]+)", self._method)

    # -- state for tests -----------------------------------------------------------------------

    def add_user(self, user_id: int, first: str, last: str, screen_name: str = "") -> int:
        self.users[user_id] = {"first_name": first, "last_name": last}
        if screen_name:
            self.users[user_id]["screen_name"] = screen_name
        return user_id

    def add_post(self, text: str, *, date: int | None = None) -> int:
        with self.lock:
            self._next_post += 1
            post = Post(self._next_post, date if date is not None else self.now - 3600, text)
            self.posts[post.id] = post
            return post.id

    def add_comment(
        self,
        post_id: int,
        from_id: int,
        text: str,
        *,
        date: int | None = None,
        reply_to: int | None = None,
    ) -> int:
        with self.lock:
            return self._create(post_id, from_id, text, date or self.now - 600, reply_to).id

    def edit_comment(self, comment_id: int, text: str) -> None:
        with self.lock:
            self.comments[comment_id].text = text

    def delete_comment(self, comment_id: int) -> None:
        with self.lock:
            self.comments[comment_id].deleted = True

    def revoke(self, token: str = ADMIN_TOKEN) -> None:
        """The token stops working, as when the person logs out everywhere or removes the app."""
        with self.lock:
            self.tokens.pop(token, None)

    def fail(self, method: str, code: int, times: int = 1) -> None:
        """The next `times` calls of `method` ("*" for any) answer with VK error `code`."""
        with self.lock:
            self.failures.setdefault(method, deque()).extend([code] * times)

    def method_calls(self, name: str) -> list[dict[str, str]]:
        return [r.params() for r in self.calls("POST", f"/method/{name}")] + [
            r.params() for r in self.calls("GET", f"/method/{name}")
        ]

    def _create(
        self, post_id: int, from_id: int, text: str, date: int, reply_to: int | None
    ) -> Comment:
        with self._ids:
            self._next_comment += 1
            comment_id = self._next_comment
        comment = Comment(comment_id, post_id, from_id, date, text)
        if reply_to is not None:
            target = self.comments[reply_to]
            comment.reply_to_comment = reply_to
            comment.reply_to_user = target.from_id
            comment.parents_stack = [target.root or target.id]
        self.comments[comment_id] = comment
        return comment

    # -- dispatch ------------------------------------------------------------------------------

    def _method(self, request: Request) -> Reply:
        assert request.match is not None
        name = request.match["name"]
        params = request.params()
        self.timeline.append((time.monotonic(), name))
        vk_schema.check_call(name, params)  # a SpecViolation becomes a 400 and a violation
        try:
            token = self._authorise(name, params)
            self._count(params["access_token"])
            queued = self.failures.get(name) or self.failures.get("*")
            if queued:
                code = queued.popleft()
                raise _Failure(code, vk_schema.error_codes().get(code, "Unknown error occurred"))
            broken = self.malformed.get(name)
            if broken == "html":
                page = b"<html><body>502 Bad Gateway</body></html>"
                return Reply(200, page, {"Content-Type": "text/html"})
            if broken == "shape":
                return Reply(200, {"response": {"unexpected": True}})
            handler = getattr(self, "_" + name.replace(".", "_"), None)
            if handler is None:
                raise _Failure(3, "Unknown method passed")
            extended = params.get("extended") == "1"
            body = {"response": handler(params, token)}
        except _Failure as failure:
            return Reply(200, self._error(name, params, failure))
        self.response_problems.extend(vk_schema.response_problems(name, body, extended=extended))
        return Reply(200, body)

    def _error(self, name: str, params: dict[str, str], failure: _Failure) -> dict[str, Any]:
        echoed = [{"key": "method", "value": name}, {"key": "oauth", "value": "1"}]
        echoed += [{"key": k, "value": v} for k, v in params.items() if k != "access_token"]
        error: dict[str, Any] = {
            "error_code": failure.code,
            "error_msg": failure.message,
            "request_params": echoed,
            **failure.extra,
        }
        if failure.code == 14:
            error.update(captcha_sid="239411", captcha_img="https://api.vk.com/captcha.php?sid=1")
        return {"error": error}

    def _authorise(self, name: str, params: dict[str, str]) -> Token:
        token = self.tokens.get(params.get("access_token", ""))
        if token is None:
            raise _Failure(5, "User authorization failed: invalid access_token (4).")
        allowed = vk_schema.methods()[name].get("access_token_type", [])
        if token.kind not in allowed:
            if token.kind == "group":
                raise _Failure(
                    27, "Group authorization failed: method is unavailable with group auth"
                )
            raise _Failure(15, "Access denied: method is unavailable with this kind of token")
        return token

    def _count(self, token: str) -> None:
        now = time.monotonic()
        recent = self._recent.setdefault(token, deque())
        while recent and recent[0] <= now - 1.0:
            recent.popleft()
        if len(recent) >= self.per_second:
            raise _Failure(6, "Too many requests per second")
        recent.append(now)

    # -- helpers -------------------------------------------------------------------------------

    def _owner(self, params: dict[str, str]) -> None:
        if params.get("owner_id") != str(-GROUP_ID):
            raise _Failure(15, "Access denied: this wall is not available")

    def _post(self, params: dict[str, str]) -> Post:
        post = self.posts.get(int(params.get("post_id", "0")))
        if post is None:
            raise _invalid("post_id")
        return post

    def _is_admin(self, token: Token) -> bool:
        return token.kind == "user" and token.user_id in self.admins

    @staticmethod
    def _escaped(text: str) -> str:
        """VK sends user text with HTML's special characters as entities."""
        return html.escape(text, quote=False).replace('"', "&quot;")

    def _comment_json(self, comment: Comment, threads: int | None) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "id": comment.id,
            "from_id": comment.from_id,
            "post_id": comment.post_id,
            "owner_id": -GROUP_ID,
            "parents_stack": list(comment.parents_stack),
            "date": comment.date,
            "text": "" if comment.deleted else self._escaped(comment.text),
        }
        if comment.deleted:
            raw["deleted"] = True
        if comment.reply_to_comment is not None:
            raw["reply_to_comment"] = comment.reply_to_comment
            raw["reply_to_user"] = comment.reply_to_user
        if threads is not None and comment.root is None:
            replies = self._level(comment.post_id, comment.id)
            raw["thread"] = {
                "count": len(replies),
                "items": [self._comment_json(r, None) for r in replies[:threads]],
                "can_post": True,
                "show_reply_button": True,
                "groups_can_post": True,
            }
        return raw

    def _level(self, post_id: int, root: int | None) -> list[Comment]:
        """A post's comments at one level: the top (root None) or one comment's thread. A
        deleted comment stays as a placeholder while replies to it remain."""
        found = []
        for comment in sorted(self.comments.values(), key=lambda c: c.id):
            if comment.post_id != post_id or comment.root != root:
                continue
            if comment.deleted and not (
                root is None and any(not r.deleted for r in self._replies(comment))
            ):
                continue
            found.append(comment)
        return found

    def _replies(self, comment: Comment) -> list[Comment]:
        return [c for c in self.comments.values() if c.root == comment.id]

    def _visible_count(self, post_id: int) -> int:
        return sum(1 for c in self.comments.values() if c.post_id == post_id and not c.deleted)

    def _people(self, ids: set[int], fields: set[str]) -> dict[str, Any]:
        profiles = []
        groups = []
        for owner in sorted(ids):
            if owner > 0 and owner in self.users:
                user = self.users[owner]
                profile: dict[str, Any] = {
                    "id": owner,
                    "first_name": self._escaped(user["first_name"]),
                    "last_name": self._escaped(user["last_name"]),
                    "can_access_closed": True,
                    "is_closed": False,
                }
                if "screen_name" in fields:
                    profile["screen_name"] = user.get("screen_name", f"id{owner}")
                if "photo_100" in fields:
                    profile["photo_100"] = f"https://sun.userapi.example/u{owner}.jpg"
                profiles.append(profile)
            elif owner < 0:
                group = self.group if -owner == GROUP_ID else self.other_groups.get(-owner)
                if group is not None:
                    groups.append(self._group_json(group, fields))
        return {"profiles": profiles, "groups": groups}

    def _group_json(self, group: dict[str, Any], fields: set[str]) -> dict[str, Any]:
        raw = {
            "id": group["id"],
            "name": self._escaped(group["name"]),
            "screen_name": group["screen_name"],
            "is_closed": 0,
            "type": "page",
            "photo_50": f"https://sun.userapi.example/g{group['id']}_50.jpg",
            "photo_100": f"https://sun.userapi.example/g{group['id']}_100.jpg",
            "photo_200": f"https://sun.userapi.example/g{group['id']}_200.jpg",
        }
        return raw

    @staticmethod
    def _fields(params: dict[str, str]) -> set[str]:
        return set(filter(None, params.get("fields", "").split(",")))

    # -- methods -------------------------------------------------------------------------------

    def _groups_getById(self, params: dict[str, str], token: Token) -> Any:
        wanted = params.get("group_id") or params.get("group_ids", "").split(",")[0]
        if not wanted and token.kind == "group":
            wanted = str(token.group_id)
        known = [self.group, *self.other_groups.values()]
        for group in known:
            names = {str(group["id"]), group["screen_name"], f"club{group['id']}"}
            if wanted in names:
                raw = self._group_json(group, self._fields(params))
                if {"is_admin", "admin_level"} & self._fields(params):
                    admin = group is self.group and self._is_admin(token)
                    raw["is_admin"] = 1 if admin else 0
                    if admin:
                        raw["admin_level"] = 3
                return {"groups": [raw], "profiles": []}
        raise _invalid("group_id")

    def _wall_get(self, params: dict[str, str], token: Token) -> Any:
        domain = params.get("domain", "")
        if domain not in {f"club{GROUP_ID}", f"public{GROUP_ID}", self.group["screen_name"]}:
            raise _invalid("domain")
        offset = int(params.get("offset", "0"))
        count = min(int(params.get("count", "20")), 100)
        posts = sorted(self.posts.values(), key=lambda p: -p.id)
        page = posts[offset : offset + count]
        return {
            "count": len(posts),
            "items": [
                {
                    "inner_type": "wall_wallpost",
                    "id": post.id,
                    "owner_id": -GROUP_ID,
                    "from_id": -GROUP_ID,
                    "date": post.date,
                    "text": self._escaped(post.text),
                    "post_type": "post",
                    "is_pinned": 0,
                    "comments": {
                        "count": self._visible_count(post.id),
                        "can_post": 0 if post.comments_closed else 1,
                        "groups_can_post": True,
                    },
                    "likes": {"count": 0, "user_likes": 0, "can_like": 1},
                }
                for post in page
            ],
        }

    def _wall_getComments(self, params: dict[str, str], token: Token) -> Any:
        self._owner(params)
        post = self._post(params)
        root = int(params["comment_id"]) if "comment_id" in params else None
        level = self._level(post.id, root)
        if params.get("sort") == "desc":
            level.reverse()
        offset = int(params.get("offset", "0"))
        if "start_comment_id" in params:
            ids = [c.id for c in level]
            start = int(params["start_comment_id"])
            offset += ids.index(start) if start in ids else len(ids)
        count = min(int(params.get("count", "10")), 100)
        threads = int(params.get("thread_items_count", "0")) if root is None else None
        preview = int(params.get("preview_length", "90"))
        items = [self._comment_json(c, threads) for c in level[max(0, offset) : offset + count]]
        if preview:
            for item in (*items, *(r for i in items for r in i.get("thread", {}).get("items", []))):
                item["text"] = item["text"][:preview]
        body: dict[str, Any] = {
            "count": self._visible_count(post.id) if root is None else len(level),
            "items": items,
            "current_level_count": len(level),
            "can_post": not post.comments_closed,
            "show_reply_button": True,
            "groups_can_post": True,
        }
        if params.get("extended") == "1":
            authors = {i["from_id"] for i in items}
            authors |= {r["from_id"] for i in items for r in i.get("thread", {}).get("items", [])}
            body.update(self._people(authors, self._fields(params)))
        return body

    def _wall_getComment(self, params: dict[str, str], token: Token) -> Any:
        self._owner(params)
        comment = self.comments.get(int(params["comment_id"]))
        if comment is None:
            raise _invalid("comment_id")
        if self.posts[comment.post_id].comments_closed:
            raise _Failure(212, "Access to post comments denied")
        body: dict[str, Any] = {
            "items": [self._comment_json(comment, None)],
            "can_post": True,
            "show_reply_button": True,
            "groups_can_post": True,
        }
        if params.get("extended") == "1":
            body.update(self._people({comment.from_id}, self._fields(params)))
        return body

    def _wall_createComment(self, params: dict[str, str], token: Token) -> Any:
        self._owner(params)
        post = self._post(params)
        if post.comments_closed:
            raise _Failure(213, "Access to status replies denied")
        guid = params.get("guid")
        if guid and guid in self.guids:  # the same comment sent again: not repeated
            existing = self.comments[self.guids[guid]]
            return {"comment_id": existing.id, "parents_stack": existing.parents_stack}
        message = params.get("message", "")
        if not message.strip():
            raise _invalid("message")
        if "from_group" in params:
            if params["from_group"] != str(GROUP_ID) or not self._is_admin(token):
                raise _Failure(15, "Access denied: you cannot comment on behalf of this community")
            author = -GROUP_ID
        else:
            author = token.user_id if token.kind == "user" else -token.group_id
        reply_to = params.get("reply_to_comment")
        if reply_to is not None:
            target = self.comments.get(int(reply_to))
            if target is None or target.deleted or target.post_id != post.id:
                raise _invalid("reply_to_comment")
        target_id = int(reply_to) if reply_to else None
        comment = self._create(post.id, author, message, int(time.time()), target_id)
        if guid:
            self.guids[guid] = comment.id
        return {"comment_id": comment.id, "parents_stack": comment.parents_stack}

    def _own_or_admin(self, comment: Comment, token: Token) -> bool:
        return self._is_admin(token) or comment.from_id == token.user_id

    def _existing(self, params: dict[str, str]) -> Comment:
        self._owner(params)
        comment = self.comments.get(int(params["comment_id"]))
        if comment is None:
            raise _Failure(104, "Not found")
        return comment

    def _wall_editComment(self, params: dict[str, str], token: Token) -> Any:
        comment = self._existing(params)
        mine = comment.from_id == token.user_id or (
            comment.from_id == -GROUP_ID and self._is_admin(token)
        )
        if comment.deleted or not mine:
            raise _Failure(211, "Access to wall's comment denied")
        if not params.get("message", "").strip():
            raise _invalid("message")
        comment.text = params["message"]
        return 1

    def _wall_deleteComment(self, params: dict[str, str], token: Token) -> Any:
        comment = self._existing(params)
        if not self._own_or_admin(comment, token):
            raise _Failure(211, "Access to wall's comment denied")
        comment.deleted = True
        return 1

    def _wall_restoreComment(self, params: dict[str, str], token: Token) -> Any:
        comment = self._existing(params)
        if not self._own_or_admin(comment, token):
            raise _Failure(211, "Access to wall's comment denied")
        if not comment.deleted:
            raise _Failure(243, "Comment has not been deleted")
        comment.deleted = False
        return 1

    def _community_admin(self, params: dict[str, str], token: Token) -> None:
        if params.get("group_id") != str(GROUP_ID):
            raise _Failure(203, "Access to group denied")
        if not self._is_admin(token):
            raise _Failure(15, "Access denied: no access to this community's blacklist")

    def _groups_ban(self, params: dict[str, str], token: Token) -> Any:
        self._community_admin(params, token)
        owner = int(params.get("owner_id", "0"))
        if owner == 0 or owner == -GROUP_ID or owner in self.admins:
            raise _invalid("owner_id")
        if owner > 0 and owner not in self.users:
            raise _Failure(18, "User was deleted or banned")
        self.bans[owner] = {
            "admin_id": token.user_id,
            "date": int(time.time()),
            "end_date": int(params.get("end_date", "0")),
            "comment": params.get("comment", ""),
            "comment_visible": params.get("comment_visible") == "1",
            "reason": int(params.get("reason", "0")),
        }
        return 1

    def _groups_unban(self, params: dict[str, str], token: Token) -> Any:
        self._community_admin(params, token)
        self.bans.pop(int(params.get("owner_id", "0")), None)
        return 1

    def _groups_getBanned(self, params: dict[str, str], token: Token) -> Any:
        self._community_admin(params, token)
        owners = sorted(self.bans)
        if "owner_id" in params:
            owners = [o for o in owners if o == int(params["owner_id"])]
        offset = int(params.get("offset", "0"))
        count = int(params.get("count", "20"))
        items = []
        for owner in owners[offset : offset + count]:
            ban_info = {k: v for k, v in self.bans[owner].items() if k != "reason"}
            ban_info["reason"] = self.bans[owner]["reason"]
            if owner > 0:
                user = self.users[owner]
                profile = {"id": owner, **{k: user[k] for k in ("first_name", "last_name")}}
                items.append({"type": "profile", "profile": profile, "ban_info": ban_info})
            else:
                group = self.other_groups[-owner]
                brief = {"id": group["id"], "name": group["name"]}
                items.append({"type": "group", "group": brief, "ban_info": ban_info})
        return {"count": len(owners), "items": items}
