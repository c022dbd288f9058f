"""A fake Waline server (@waline/vercel 1.39) on 127.0.0.1: users, comments and tokens, answered
in Waline's shapes ({"errno", "errmsg", "data"}), with what the real server does that a test
cannot make it do on demand: injected failures (errno inside HTTP 200, 401/403, 5xx, answers
that are not Waline's JSON), a revoked token, an account demoted to guest.

Waline publishes no machine-readable spec. The checks here follow the server's own request
rules (src/logic/*.js and src/controller/*.js of 1.39.3): the parameters each route reads, the
values it takes, and Waline's own refusals of bad values (errno 1001 with the parameter named).
A request that uses a parameter Waline does not read, or a value it does not take, is recorded
in `violations` and answered 400, so a connector that sends one fails its test.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation

JWT_SECRET = b"fake-waline-jwt"
STATUSES = ("waiting", "approved", "spam")

# What each request may carry, from Waline's logic and controllers.
LIST_PARAMS = frozenset({"type", "owner", "status", "keyword", "page", "pageSize", "lang"})
TOKEN_BODY = frozenset({"email", "password", "code", "lang", "recaptchaV3", "turnstile"})
POST_COMMENT_BODY = frozenset(
    {"comment", "nick", "mail", "link", "url", "ua", "pid", "rid", "at", "lang"}
    | {"recaptchaV3", "turnstile"}
)
# An administrator's PUT may set any column; these are the ones that make sense to set.
PUT_COMMENT_BODY = frozenset(
    {"status", "comment", "sticky", "like", "nick", "mail", "link", "url", "insertedAt"}
)


@dataclass
class User:
    id: int
    email: str
    password: str
    display_name: str
    type: str = "guest"  # administrator | guest | banned
    url: str = ""
    two_factor: str = ""  # the code the fake accepts when set

    def public(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "url": self.url,
            "display_name": self.display_name,
            "type": self.type,
            "avatar": f"https://seccdn.libravatar.org/avatar/{_md5(self.email)}",
            "2fa": None,
            "label": None,
            "objectId": self.id,
        }


@dataclass
class Comment:
    id: int
    text: str  # what the author wrote (Waline's `comment` column)
    url: str
    inserted: int  # epoch seconds: Waline keeps insertedAt to the second
    status: str = "waiting"
    nick: str = ""
    mail: str = ""
    link: str = ""
    pid: int | None = None
    rid: int | None = None
    user_id: int | None = None
    ip: str = "203.0.113.7"
    ua: str = "Mozilla/5.0"
    sticky: bool | None = None
    like: int = 0


@dataclass
class _Injected:
    method: str
    pattern: re.Pattern[str]
    reply: Reply
    perform: bool  # run the real handler first (the change happens, the answer is lost)
    times: int


class FakeWaline(FakeHTTPServer):
    def __init__(self, now: int | None = None) -> None:
        super().__init__()
        self.now = now if now is not None else int(time.time())
        self.users: dict[int, User] = {}
        self.comments: dict[int, Comment] = {}
        self.revoked: set[str] = set()
        self._injected: list[_Injected] = []
        self._user_ids = itertools.count(1)
        self._comment_ids = itertools.count(1)
        self.route("POST", r"/api/token", self._sign_in)
        self.route("GET", r"/api/token", self._current_user)
        self.route("GET", r"/api/comment", self._list)
        self.route("POST", r"/api/comment", self._post_comment)
        self.route("PUT", r"/api/comment/(?P<id>[^/]+)", self._put_comment)
        self.route("DELETE", r"/api/comment/(?P<id>[^/]+)", self._delete_comment)

    def start(self) -> FakeWaline:
        super().start()
        return self

    # -- state ---------------------------------------------------------------------------------

    def add_user(
        self, email: str, password: str, display_name: str, *, admin: bool = False, **extra: Any
    ) -> User:
        user = User(
            next(self._user_ids),
            email,
            password,
            display_name,
            type="administrator" if admin else "guest",
            **extra,
        )
        self.users[user.id] = user
        return user

    def add_comment(
        self,
        nick: str,
        text: str,
        *,
        url: str = "/posts/hello/",
        status: str = "waiting",
        ago: int = 600,
        parent: Comment | None = None,
        user: User | None = None,
        inserted: int | None = None,
    ) -> Comment:
        comment = Comment(
            next(self._comment_ids),
            text,
            url,
            inserted if inserted is not None else self.now - ago,
            status,
            nick=user.display_name if user else nick,
            mail=user.email if user else f"{nick.lower()}@example.net",
            pid=parent.id if parent else None,
            rid=(parent.rid or parent.id) if parent else None,
            user_id=user.id if user else None,
        )
        with self.lock:
            self.comments[comment.id] = comment
        return comment

    def token_for(self, user: User) -> str:
        """The token Waline signs for a user: a JWT over the id alone, with no expiry."""
        header = _b64(b'{"alg":"HS256"}')
        payload = _b64(str(user.id).encode())
        signature = hmac.new(JWT_SECRET, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64(signature)}"

    def inject(
        self,
        method: str,
        path: str,
        reply: Reply,
        *,
        times: int = 1,
        perform: bool = False,
    ) -> None:
        """Answer the next `times` requests to `path` (a regular expression) with `reply`;
        with `perform`, the request takes effect first, as when an answer is lost."""
        with self.lock:
            self._injected.append(_Injected(method, re.compile(path), reply, perform, times))

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            for injected in self._injected:
                if injected.method == request.method and injected.pattern.fullmatch(request.path):
                    injected.times -= 1
                    if injected.times <= 0:
                        self._injected.remove(injected)
                    if injected.perform:
                        super().dispatch(request)
                    else:
                        self.requests.append(request)
                    return injected.reply
            return super().dispatch(request)

    def children(self, comment: Comment) -> list[Comment]:
        return [c for c in self.comments.values() if c.pid == comment.id or c.rid == comment.id]

    # -- routes --------------------------------------------------------------------------------

    def _user(self, request: Request) -> User | None:
        authorization = request.headers.get("authorization", "")
        token = authorization.removeprefix("Bearer ") if authorization else ""
        if not token or token in self.revoked:
            return None
        for user in self.users.values():
            if hmac.compare_digest(self.token_for(user), token) and user.type != "banned":
                return user
        return None

    def _admin(self, request: Request) -> User | Reply:
        user = self._user(request)
        if user is None:
            return Reply(401, {"errno": 401, "errmsg": "Unauthorized"})
        if user.type != "administrator":
            return Reply(403, {"errno": 403, "errmsg": "Forbidden"})
        return user

    def _sign_in(self, request: Request) -> Reply:
        body = _json_object(request)
        _only(body, TOKEN_BODY, "POST /api/token")
        email, password = body.get("email"), body.get("password")
        if not isinstance(email, str) or not isinstance(password, str):
            raise SpecViolation("POST /api/token takes an email and a password")
        user = next((u for u in self.users.values() if u.email == email), None)
        if user is None or user.type == "banned" or user.password != password:
            return Reply(200, {"errno": 1000})
        if user.two_factor and body.get("code") != user.two_factor:
            return Reply(200, {"errno": 1000})
        data = {
            **user.public(),
            "password": None,
            "createdAt": "2026-11-01 10:00:00",
            "updatedAt": "2026-11-01 10:00:00",
            "token": self.token_for(user),
        }
        return _ok(data)

    def _current_user(self, request: Request) -> Reply:
        _only(request.query, frozenset({"lang"}), "GET /api/token")
        user = self._user(request)
        # Waline answers a missing or unknown token with an empty user, not with 401.
        return _ok(user.public() if user else {})

    def _list(self, request: Request) -> Reply:
        query = request.query
        if query.get("type") != "list":
            raise SpecViolation(
                f"type={query.get('type')!r}: this fake answers only the administrators' list"
            )
        _only(query, LIST_PARAMS, "GET /api/comment?type=list")
        if query.get("owner") not in (None, "all", "mine"):
            raise SpecViolation(f"owner={query['owner']!r}: Waline knows 'all' and 'mine'")
        status = query.get("status")
        if status not in (None, "", *STATUSES):
            raise SpecViolation(f"status={status!r}: Waline's statuses are {STATUSES}")
        admin = self._admin(request)
        if isinstance(admin, Reply):
            return admin
        page = _int_param(query, "page", 1, None)
        size = _int_param(query, "pageSize", 10, 100)
        if isinstance(page, Reply):
            return page
        if isinstance(size, Reply):
            return size
        chosen = list(self.comments.values())
        if query.get("owner") == "mine":
            chosen = [c for c in chosen if c.mail == admin.email]
        if status == "approved":
            chosen = [c for c in chosen if c.status not in ("waiting", "spam")]
        elif status:
            chosen = [c for c in chosen if c.status == status]
        if query.get("keyword"):
            chosen = [c for c in chosen if query["keyword"] in c.text]
        chosen.sort(key=lambda c: (-c.inserted, -c.id))
        offset = max((page - 1) * size, 0)
        return _ok(
            {
                "page": page,
                "totalPages": -(-len(chosen) // size),
                "pageSize": size,
                "spamCount": sum(c.status == "spam" for c in self.comments.values()),
                "waitingCount": sum(c.status == "waiting" for c in self.comments.values()),
                "data": [self.shape(c, admin) for c in chosen[offset : offset + size]],
            }
        )

    def _post_comment(self, request: Request) -> Reply:
        body = _json_object(request)
        _only(body, POST_COMMENT_BODY, "POST /api/comment")
        for name in ("url", "comment"):
            if not isinstance(body.get(name), str) or not body[name]:
                return Reply(200, {"errno": 1001, "errmsg": {name: f"{name} can not be blank"}})
        user = self._user(request)
        admin = user is not None and user.type == "administrator"
        if not admin and any(
            c.url == body["url"]
            and c.text == body["comment"]
            and c.nick == body.get("nick", "")
            and c.mail == body.get("mail", "")
            for c in self.comments.values()
        ):
            return Reply(200, {"errno": 1000, "errmsg": "Duplicate Content"})
        comment = Comment(
            next(self._comment_ids),
            body["comment"],
            body["url"],
            self.now,
            "approved" if admin else "waiting",
            nick=str(body.get("nick") or ""),
            mail=str(body.get("mail") or ""),
            link=str(body.get("link") or ""),
            pid=_optional_int(body.get("pid")),
            rid=_optional_int(body.get("rid")),
            user_id=user.id if user else None,
            ua=str(body.get("ua") or ""),
            ip="127.0.0.1",
        )
        self.comments[comment.id] = comment
        if comment.pid is not None and comment.pid not in self.comments:
            # Waline stores the comment, then fails reading the parent it names.
            return Reply(
                500,
                {"errno": 500, "errmsg": "Cannot read properties of undefined (reading 'user_id')"},
            )
        return _ok(self.shape(comment, user))

    def _put_comment(self, request: Request) -> Reply:
        body = _json_object(request)
        user = self._user(request)
        if user is None:
            return Reply(401, {"errno": 401, "errmsg": "Unauthorized"})
        comment = self.comments.get(_optional_int(_path_id(request)) or 0)
        if user.type != "administrator" and (comment is None or comment.user_id != user.id):
            return Reply(403, {"errno": 403, "errmsg": "Forbidden"})
        _only(body, PUT_COMMENT_BODY, "PUT /api/comment/{id}")
        if "status" in body and body["status"] not in STATUSES:
            raise SpecViolation(f"status={body['status']!r}: Waline's statuses are {STATUSES}")
        if comment is None or not body:
            return _ok("")  # Waline answers an unknown id with errno 0 and no comment
        if "status" in body:
            comment.status = body["status"]
        if "comment" in body:
            comment.text = str(body["comment"])
        return _ok(self.shape(comment, user, inserted_at=True))

    def _delete_comment(self, request: Request) -> Reply:
        admin = self._admin(request)
        if isinstance(admin, Reply):
            return admin
        target = _optional_int(_path_id(request))
        for comment in list(self.comments.values()):
            if target in (comment.id, comment.pid, comment.rid):
                del self.comments[comment.id]
        return _ok("")

    # -- Waline's shapes -----------------------------------------------------------------------

    def shape(
        self, comment: Comment, viewer: User | None, *, inserted_at: bool = False
    ) -> dict[str, Any]:
        """A comment as Waline's formatCmt gives it to `viewer`."""
        author = self.users.get(comment.user_id or 0)
        row: dict[str, Any] = {
            "user_id": comment.user_id,
            "comment": _render(comment.text),
            "link": author.url if author else comment.link,
            "mail": author.email if author else comment.mail,
            "nick": author.display_name if author else comment.nick,
            "rid": comment.rid,
            "pid": comment.pid,
            "sticky": comment.sticky,
            "status": comment.status,
            "like": comment.like,
            "url": comment.url,
            "objectId": comment.id,
            "browser": "Firefox128.0" if "Firefox" in comment.ua else "",
            "os": "Linux" if "Linux" in comment.ua else "",
            "avatar": f"https://seccdn.libravatar.org/avatar/{_md5(comment.mail)}",
            "time": comment.inserted * 1000,
        }
        if inserted_at:  # a PUT answers with the stored row's id as well
            row["id"] = comment.id
        if author is not None:
            row.update(type=author.type, label=None)
        if viewer is not None:
            row["orig"] = comment.text
        if viewer is not None and viewer.type == "administrator":
            row.update(ip=comment.ip, addr="")
        else:
            del row["mail"]
        return row

    def visible(self, url: str) -> list[Comment]:
        """What an anonymous visitor of the page sees."""
        return [
            c
            for c in sorted(self.comments.values(), key=lambda c: c.id)
            if c.url == url and c.status not in ("waiting", "spam")
        ]


def _ok(data: Any) -> Reply:
    return Reply(200, {"errno": 0, "errmsg": "", "data": data})


def _json_object(request: Request) -> dict[str, Any]:
    if not request.body:
        return {}
    if "application/json" not in request.headers.get("content-type", ""):
        raise SpecViolation("Waline's clients send JSON bodies")
    body = request.json()
    if not isinstance(body, dict):
        raise SpecViolation("the body must be a JSON object")
    return body


def _only(values: Iterable[str], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise SpecViolation(f"{what} does not take {', '.join(unknown)}")


def _int_param(query: dict[str, str], name: str, default: int, most: int | None) -> int | Reply:
    if name not in query:
        return default
    try:
        value = int(query[name])
    except ValueError:
        value = -1
    if value < 0 or (most is not None and value > most):
        return Reply(
            200,
            {"errno": 1001, "errmsg": {name: f"{name} need an integer under your options"}},
        )
    return value


def _path_id(request: Request) -> str:
    assert request.match is not None
    return request.match.group("id")


def _optional_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _render(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<p>{escaped}</p>\n"


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
