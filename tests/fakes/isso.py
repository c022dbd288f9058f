"""A fake Isso comment server for the error cases a real one does not produce on demand: the
guard's 403 rate limit, server errors, malformed answers, a changed admin page, an admin
session that expires. Shapes follow Isso 0.14 (views/comments.py, templates/admin.html) as
checked against the real server in tests/e2e/test_isso.py.

Isso has no machine-readable spec; the fake enforces what Isso's source documents and what the
real server was seen to do, and records a SpecViolation for a request that breaks it: a write
without `Content-Type: application/json` (Isso answers 403 CSRF), a query parameter an
endpoint does not take, a moderation key used under another comment's id (Isso silently acts
on the key's comment), a form-less login.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation

PAGE_SIZE = 100
PARAMS = {
    "/": {"uri", "parent", "limit", "nested_limit", "after", "sort", "offset", "plain"},
    "/new": {"uri"},
    "/admin/": {"mode", "page", "order_by", "asc", "comment_search_url"},
    "/id": {"plain"},
    "/config": set(),
    "/login/": set(),
}


@dataclass
class Comment:
    id: int
    uri: str
    text: str
    author: str | None = None
    email: str | None = None
    website: str | None = None
    parent: int | None = None
    mode: int = 2
    created: float = 0.0
    modified: float | None = None
    remote_addr: str = "127.0.0.0"

    def public(self, plain: bool) -> dict[str, Any]:
        data = {
            "id": self.id,
            "parent": self.parent,
            "created": self.created,
            "modified": self.modified,
            "mode": self.mode,
            "text": self.text if plain else render(self.text),
            "author": self.author,
            "website": self.website,
            "likes": 0,
            "dislikes": 0,
            "notification": None,
        }
        return data


def render(text: str) -> str:
    return "" if not text else f"<p>{html.escape(text)}</p>"


def key_for(comment_id: int) -> str:
    """A key shaped like Isso's (itsdangerous: payload.timestamp.signature)."""
    payload = base64.urlsafe_b64encode(json.dumps(comment_id).encode()).decode().rstrip("=")
    return f"{payload}.awQQ9Q.fake-signature-{comment_id}"


def key_id(key: str) -> int | None:
    if not key.endswith(f"fake-signature-{key.rsplit('-', 1)[-1]}"):
        return None
    payload = key.split(".", 1)[0]
    try:
        found = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    return found if isinstance(found, int) and key == key_for(found) else None


class FakeIsso(FakeHTTPServer):
    def __init__(self, *, password: str = "admin-pw", moderated: bool = True) -> None:
        super().__init__()
        self.password = password
        self.moderated = moderated
        self.threads: dict[str, str] = {}
        self.comments: dict[int, Comment] = {}
        self.sessions: set[str] = set()
        self._ids = itertools.count(1)
        self._sessions = itertools.count(1)
        # Switches for the error cases.
        self.rate_limited = False  # the guard refuses new comments
        self.server_errors = 0  # this many requests answer 500
        self.malformed_thread = False  # the thread listing is not JSON
        self.changed_admin_page = False  # the admin page lost its comment markup
        self.admin_enabled = True
        self.view_with_key = True  # GET /id/ID accepts a fresh moderation key as its cookie
        self.drop_after_new = False  # the connection breaks after a new comment is stored
        for method, pattern, handler in (
            ("GET", r"/config", self._config),
            ("GET", r"/", self._fetch),
            ("POST", r"/new", self._new),
            ("GET", r"/id/(\d+)", self._view),
            ("POST", r"/id/(\d+)/(activate|delete|edit)/([^/]+)", self._moderate),
            ("POST", r"/login/", self._login),
            ("GET", r"/admin/", self._admin),
        ):
            self.route(method, pattern, self._guarded(handler))

    # -- state, as visitors and the site owner change it ---------------------------------------

    def add(
        self,
        uri: str,
        text: str,
        *,
        author: str | None = None,
        parent: int | None = None,
        mode: int = 1,
        title: str = "",
        created: float | None = None,
        email: str | None = None,
    ) -> Comment:
        with self.lock:
            self.threads.setdefault(uri, title or uri)
            if parent is not None and self.comments[parent].parent is not None:
                parent = self.comments[parent].parent  # Isso threads one level deep
            comment = Comment(
                next(self._ids),
                uri,
                text,
                author=author,
                email=email,
                parent=parent,
                mode=mode,
                created=created if created is not None else time.time(),
            )
            self.comments[comment.id] = comment
            return comment

    def edit(self, comment_id: int, text: str) -> None:
        with self.lock:
            comment = self.comments[comment_id]
            comment.text = text
            comment.modified = time.time()

    def remove(self, comment_id: int) -> None:
        """What Isso's delete does: a comment with replies stays as an empty placeholder."""
        with self.lock:
            if any(c.parent == comment_id for c in self.comments.values()):
                comment = self.comments[comment_id]
                comment.text, comment.author, comment.website, comment.mode = "", None, None, 4
            else:
                del self.comments[comment_id]

    def expire_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

    # -- plumbing ------------------------------------------------------------------------------

    def _guarded(self, handler: Any) -> Any:
        def answer(request: Request) -> Reply:
            path = "/id" if request.path.startswith("/id/") else request.path
            allowed = PARAMS.get(path)
            if allowed is not None and not request.path.count("/") > 2:
                unknown = set(request.query) - allowed
                if unknown:
                    raise SpecViolation(f"unknown parameters {sorted(unknown)}")
            kind = request.headers.get("content-type", "")
            json_write = request.path == "/new" or "/edit/" in request.path
            if json_write and kind and not kind.startswith("application/json"):
                # Isso answers 403 CSRF; the connector broke the rule, so it is recorded too.
                self.violations.append(f"{request.method} {request.path}: not application/json")
                return self._error(403, "Forbidden", "CSRF")
            if self.server_errors > 0:
                self.server_errors -= 1
                return Reply(500, b"<h1>Internal Server Error</h1>", {"Content-Type": "text/html"})
            return handler(request)

        return answer

    @staticmethod
    def _text(status: int, text: str, kind: str = "text/plain") -> Reply:
        return Reply(status, text.encode(), {"Content-Type": f"{kind}; charset=utf-8"})

    def _error(self, status: int, title: str, reason: str) -> Reply:
        page = (
            "<!doctype html>\n<html lang=en>\n"
            f"<title>{status} {title}</title>\n<h1>{title}</h1>\n<p>{html.escape(reason)}</p>\n"
        )
        return self._text(status, page, "text/html")

    # -- the public API ------------------------------------------------------------------------

    def _config(self, request: Request) -> Reply:
        return Reply(200, {"config": {"reply-to-self": True, "require-email": False}})

    def _fetch(self, request: Request) -> Reply:
        uri = request.query.get("uri")
        if uri is None:
            return self._error(400, "Bad Request", "missing uri query")
        if self.malformed_thread:
            return self._text(200, "<html>maintenance</html>", "text/html")
        plain = request.query.get("plain", "0") != "0"
        listed = sorted(
            (c for c in self.comments.values() if c.uri == uri and c.mode in (1, 4)),
            key=lambda c: c.created,
        )
        tops = []
        for top in (c for c in listed if c.parent is None):
            replies = [c.public(plain) for c in listed if c.parent == top.id]
            tops.append(
                {
                    **top.public(plain),
                    "hash": "1ac7927fd6af",
                    "total_replies": len(replies),
                    "hidden_replies": 0,
                    "replies": [{**r, "hash": "1ac7927fd6af"} for r in replies],
                }
            )
        body = {
            "id": None,
            "total_replies": len(listed),
            "hidden_replies": 0,
            "replies": tops,
            "config": {"reply-to-self": True},
        }
        return Reply(200, body)

    def _new(self, request: Request) -> Reply:
        kind = request.headers.get("content-type", "")
        if kind and not kind.startswith("application/json"):
            return self._error(403, "Forbidden", "CSRF")
        uri = request.query.get("uri")
        if not uri:
            return self._error(400, "Bad Request", "missing uri query")
        data = request.json()
        if not isinstance(data, dict) or len(str(data.get("text") or "").rstrip()) < 3:
            return self._error(400, "Bad Request", "text is too short (minimum length: 3)")
        if uri not in self.threads and not data.get("title"):
            return self._error(
                400, "Bad Request", f"Cannot create new thread: URI {uri} is not accessible"
            )
        if self.rate_limited:
            return self._error(403, "Forbidden", "127.0.0.0: ratelimit exceeded (1, 2)")
        parent = data.get("parent")
        if parent is not None and (parent not in self.comments or self.comments[parent].uri != uri):
            parent = None
        comment = self.add(
            uri,
            str(data["text"]),
            author=data.get("author"),
            parent=parent,
            mode=2 if self.moderated else 1,
            title=str(data.get("title") or ""),
            email=data.get("email"),
        )
        if self.drop_after_new:
            self.drop_after_new = False
            raise ConnectionAbortedError("the connection broke")
        body = {**comment.public(False), "hash": "1ac7927fd6af"}
        cookie = f"{comment.id}=author-cookie-{comment.id}; Max-Age=900; Path=/; SameSite=Lax"
        return Reply(202 if comment.mode == 2 else 201, body, {"Set-Cookie": cookie})

    def _view(self, request: Request) -> Reply:
        assert request.match is not None
        comment = self.comments.get(int(request.match.group(1)))
        if comment is None:
            return self._error(404, "Not Found", "The requested URL was not found")
        cookie = request.headers.get("cookie", "")
        name, _, value = cookie.partition("=")
        if not (self.view_with_key and name == str(comment.id) and key_id(value) is not None):
            return self._error(403, "Forbidden", "")
        plain = request.query.get("plain", "0") != "0"
        return Reply(200, comment.public(plain))

    def _moderate(self, request: Request) -> Reply:
        assert request.match is not None
        path_id, action, key = request.match.groups()
        comment_id = key_id(key)
        if comment_id is None:
            return self._error(403, "Forbidden", "")
        if comment_id != int(path_id):
            raise SpecViolation(f"the key names comment {comment_id}, the URL {path_id}")
        comment = self.comments.get(comment_id)
        if comment is None:
            return self._error(404, "Not Found", "")
        if action == "activate":
            if comment.mode == 1:
                return self._text(200, "Already activated")
            if comment.mode == 2:
                comment.mode = 1
            return self._text(200, "Comment has been activated")
        if action == "delete":
            self.remove(comment_id)
            return self._text(200, "Comment has been deleted")
        data = request.json()
        if not isinstance(data, dict) or len(str(data.get("text") or "").rstrip()) < 3:
            return self._error(400, "Bad Request", "text is too short (minimum length: 3)")
        unknown = set(data) - {"text", "author", "website"}
        if unknown:
            raise SpecViolation(f"an edit takes text, author and website, not {sorted(unknown)}")
        comment.text = str(data["text"])
        return Reply(200, comment.public(True))

    # -- the admin interface -------------------------------------------------------------------

    def _login(self, request: Request) -> Reply:
        if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
            raise SpecViolation("the admin login is a form post")
        if not self.admin_enabled:
            return self._text(
                200, '<div id="disabled">Administration is disabled</div>', "text/html"
            )
        if request.form().get("password") != self.password:
            return self._text(200, LOGIN_PAGE, "text/html")
        session = f"eyJsb2dnZWQiOnRydWV9.fake.{next(self._sessions)}"
        self.sessions.add(session)
        return Reply(
            302,
            b"Redirecting...",
            {
                "Location": "/admin/",
                "Set-Cookie": f"admin-session={session}; Path=/; SameSite=Lax",
                "Content-Type": "text/html",
            },
        )

    def _admin(self, request: Request) -> Reply:
        cookie = request.headers.get("cookie", "")
        session = cookie.removeprefix("admin-session=") if cookie.startswith("admin-") else ""
        if session not in self.sessions:
            return self._text(200, LOGIN_PAGE, "text/html")
        query = request.query
        search = query.get("comment_search_url", "")
        if search:
            wanted = search.rsplit("#isso-", 1)[-1]
            chosen = [c for c in self.comments.values() if str(c.id) == wanted]
        else:
            mode = int(query.get("mode", "2"))
            page = int(query.get("page", "0"))
            if query.get("order_by", "created") not in ("id", "created", "modified"):
                raise SpecViolation("order_by takes id, created, modified, likes, dislikes, tid")
            ordered = sorted(
                (c for c in self.comments.values() if c.mode == mode),
                key=lambda c: (c.parent is not None, c.id),
            )
            chosen = ordered[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        if self.changed_admin_page:
            return self._text(
                200, "<html><body><div id='isso-root'><table>…</table></div>", "text/html"
            )
        return self._text(200, self._admin_html(chosen), "text/html")

    def _admin_html(self, comments: list[Comment]) -> str:
        blocks = []
        for c in comments:
            e = html.escape
            key = key_for(c.id)
            email = (
                f'(<span id="isso-email-{c.id}">{e(c.email)}</span> '
                f"<a href=\"mailto:{e(c.email)}\" class='email'>mailto</a>)"
                if c.email
                else f'<span id="isso-email-{c.id}"></span>'
            )
            label = {1: "valid", 2: "pending", 4: "staled"}[c.mode]
            when = datetime.fromtimestamp(c.created).strftime("%H:%M / %d-%m-%Y")
            hidden = "<strong>HIDDEN</strong>. Original text: <br />" if c.mode == 4 else ""
            validate = (
                f"<a class='validate' onClick=\"javascript:validate_com({c.id}, '{key}', "
                f"'http://isso')\">Validate</a>"
                if c.mode == 2
                else ""
            )
            blocks.append(
                f"""<div class='isso-comment' id='isso-{c.id}'>
    <div class='isso-text-wrapper'>
      <div class='isso-comment-header'>
          <div>Thread: {e(self.threads[c.uri])} (<a href="{e(c.uri)}">{e(c.uri)}</a>)</div><br />
          <span class='isso-author' id="isso-author-{c.id}">{e(c.author or "Anonymous")}</span>
          {email}
          <span id="isso-website-{c.id}">{e(c.website or "")}</span>
        <span class="isso-spacer"> &bull;</span>
        <time>{when}</time>
        <span class='note'><span class="label label-{label}">{label.title()}</span></span>
      </div>
      <div class='isso-text'>{hidden}<pre id="isso-text-{c.id}">{e(c.text)}</pre></div>
      <div class='isso-comment-footer'>
        <a id="send-edit-btn-{c.id}" class="hidden edit" onClick="javascript:send_edit({c.id}, '{key}','http://isso')">Send</a>
        <a class="delete" onClick="javascript:delete_com({c.id}, '{key}', 'http://isso')">Delete</a>
        {validate}
      </div>
    </div>
</div>"""
            )
        counts = {m: sum(c.mode == m for c in self.comments.values()) for m in (1, 2, 4)}
        page = ADMIN_PAGE.replace("{valid}", str(counts[1])).replace("{pending}", str(counts[2]))
        page = page.replace("{staled}", str(counts[4]))
        return page.replace("{comments}", "\n".join(blocks))


LOGIN_PAGE = """<!DOCTYPE html><html><head><title>Isso admin</title></head><body>
<div class="wrapper"><main><div id="login">Administration secured by password:
<form method="POST" action="/login/"><input type="password" name="password" autofocus /></form>
</div></main></div></body></html>"""

ADMIN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Isso admin</title></head>
<body><div class="wrapper">
<div class="header"><a id="logout" class="logout label" onClick="log_out()">Log Out</a></div>
<div class="outer"><div class="filters"><div class="mode">
<a href="?mode=1"><span class="label label-valid ">
              Valid ({valid})</span></a>
<a href="?mode=2"><span class="label label-pending active">
              Pending ({pending})</span></a>
<a href="?mode=4"><span class="label label-staled ">
              Staled ({staled})</span></a></div></div></div>
<div id="isso-root">
{comments}
</div></div></body></html>"""
