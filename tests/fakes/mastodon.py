"""A fake Mastodon instance on 127.0.0.1: the REST API and OAuth endpoints a client uses to read
its mentions and the instance's reports and to reply and moderate, answering in Mastodon's shapes
(string ids, sanitised HTML content, Link headers for paging, `{"error": ...}` bodies,
X-RateLimit-* headers) and keeping its rules (Idempotency-Key on new posts, scope checks, only
own posts edited or deleted, moderator role for the admin API).

Each endpoint has a table of the parameters Mastodon documents for it: a request with another
parameter, without a required one, with a value outside an enumeration, or with a method the
path does not take is a SpecViolation (logged in `violations`, answered with 400).

Switches for tests: `limit_rate`, `fail`, `malformed`, `revoke_all`, `remote_edit`,
`remote_delete`, `deny_consent`.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation

VALID_SCOPES = {
    "read",
    "write",
    "follow",
    "push",
    "profile",
    "admin:read",
    "admin:write",
    "read:accounts",
    "read:notifications",
    "read:statuses",
    "write:statuses",
    "write:reports",
    "admin:read:reports",
    "admin:write:reports",
    "admin:read:accounts",
    "admin:write:accounts",
}
NOTIFICATION_TYPES = {
    "mention",
    "status",
    "reblog",
    "follow",
    "follow_request",
    "favourite",
    "poll",
    "update",
    "admin.sign_up",
    "admin.report",
}
VAPID_KEY = (
    "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M="
)
PAGING = {"max_id", "since_id", "min_id", "limit"}


@dataclass(frozen=True)
class Endpoint:
    """What Mastodon's documentation allows on one endpoint."""

    allowed: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    enums: tuple[tuple[str, frozenset[str]], ...] = ()
    scope: str | None = None  # None: no token needed
    admin: bool = False  # needs a role that manages reports and accounts


def _endpoint(
    allowed: set[str] | None = None,
    required: set[str] | None = None,
    enums: dict[str, set[str]] | None = None,
    scope: str | None = None,
    admin: bool = False,
) -> Endpoint:
    return Endpoint(
        frozenset((allowed or set()) | (required or set())),
        frozenset(required or set()),
        tuple((k, frozenset(v)) for k, v in (enums or {}).items()),
        scope,
        admin,
    )


ENDPOINTS: dict[str, Endpoint] = {
    "apps": _endpoint(
        {"scopes", "website", "redirect_uris[]"}, {"client_name"}, scope=None
    ),  # redirect_uris: a string or an array, checked in the handler
    "authorize": _endpoint(
        {"scope", "state", "code_challenge", "code_challenge_method", "force_login", "lang"},
        {"response_type", "client_id", "redirect_uri"},
        {"response_type": {"code"}, "code_challenge_method": {"S256", "plain"}},
    ),
    "token": _endpoint(
        {"code", "redirect_uri", "code_verifier", "scope", "client_secret"},
        {"grant_type", "client_id"},
        {"grant_type": {"authorization_code", "client_credentials"}},
    ),
    "revoke": _endpoint(set(), {"client_id", "client_secret", "token"}),
    "verify_credentials": _endpoint(scope="read:accounts"),
    "notifications": _endpoint(
        PAGING | {"types[]", "exclude_types[]", "account_id", "include_filtered"},
        enums={"types[]": NOTIFICATION_TYPES, "exclude_types[]": NOTIFICATION_TYPES},
        scope="read:notifications",
    ),
    "status": _endpoint(scope="read:statuses"),
    "context": _endpoint(scope="read:statuses"),
    "source": _endpoint(scope="read:statuses"),
    "post_status": _endpoint(
        {
            "status",
            "media_ids[]",
            "in_reply_to_id",
            "sensitive",
            "spoiler_text",
            "visibility",
            "language",
            "scheduled_at",
        },
        enums={"visibility": {"public", "unlisted", "private", "direct"}},
        scope="write:statuses",
    ),
    "edit_status": _endpoint(
        {"status", "spoiler_text", "sensitive", "language", "media_ids[]"},
        scope="write:statuses",
    ),
    "delete_status": _endpoint({"delete_media"}, scope="write:statuses"),
    "report": _endpoint(
        {"status_ids[]", "comment", "forward", "forward_to_domains[]", "category", "rule_ids[]"},
        {"account_id"},
        {"category": {"spam", "legal", "violation", "other"}},
        scope="write:reports",
    ),
    "admin_reports": _endpoint(
        PAGING | {"resolved", "account_id", "target_account_id"},
        enums={"resolved": {"true", "false"}},
        scope="admin:read:reports",
        admin=True,
    ),
    "admin_report": _endpoint(scope="admin:read:reports", admin=True),
    "admin_report_update": _endpoint(
        {"category", "rule_ids[]"},
        enums={"category": {"spam", "legal", "violation", "other"}},
        scope="admin:write:reports",
        admin=True,
    ),
    "admin_report_resolve": _endpoint(scope="admin:write:reports", admin=True),
    "admin_account": _endpoint(scope="admin:read:accounts", admin=True),
    "admin_action": _endpoint(
        {"report_id", "warning_preset_id", "text", "send_email_notification"},
        {"type"},
        {"type": {"none", "sensitive", "disable", "silence", "suspend"}},
        scope="admin:write:accounts",
        admin=True,
    ),
    "admin_unsilence": _endpoint(scope="admin:write:accounts", admin=True),
}


def iso(moment: float) -> str:
    """Mastodon's datetimes: RFC 3339, UTC, milliseconds, Z."""
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


_TOKEN = re.compile(r"(@[\w.]+(?:@[\w.-]+\w)?|https?://\S+)")


@dataclass
class Account:
    id: str
    username: str
    domain: str | None = None
    display_name: str = ""
    staff: bool = False
    silenced: bool = False
    suspended: bool = False
    created_at: float = field(default_factory=lambda: time.time() - 86400 * 400)

    @property
    def acct(self) -> str:
        return self.username if self.domain is None else f"{self.username}@{self.domain}"


@dataclass
class Status:
    id: str
    account_id: str
    text: str
    created_at: float
    in_reply_to_id: str | None = None
    visibility: str = "public"
    language: str | None = "en"
    spoiler_text: str = ""
    edited_at: float | None = None
    deleted: bool = False


@dataclass
class Notification:
    id: str
    type: str
    account_id: str
    status_id: str | None
    created_at: float
    filtered: bool = False


@dataclass
class Report:
    id: str
    account_id: str
    target_account_id: str
    status_ids: list[str]
    category: str
    comment: str
    created_at: float
    updated_at: float
    action_taken_at: float | None = None
    action_taken_by: str | None = None


@dataclass
class App:
    client_id: str
    client_secret: str
    name: str
    redirect_uris: list[str]
    scopes: list[str]


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    scopes: list[str]
    challenge: str | None
    method: str


@dataclass
class Token:
    value: str
    account_id: str
    scopes: list[str]
    client_id: str
    revoked: bool = False


@dataclass
class _Injected:
    pattern: re.Pattern[str]
    method: str | None
    times: int
    status: int
    body: Any
    after: bool  # run the handler first (the change happens), then answer with this


class _ApiError(Exception):
    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error


class FakeMastodon(FakeHTTPServer):
    def __init__(self, domain: str = "our.example", *, owner: str = "us", staff: bool = True):
        super().__init__()
        self.domain = domain
        self._ids = itertools.count(1)
        self._status_ids = itertools.count(1)
        self._notification_ids = itertools.count(1000)
        self._report_ids = itertools.count(1)
        self.accounts: dict[str, Account] = {}
        self.statuses: dict[str, Status] = {}
        self.notifications: list[Notification] = []
        self.reports: dict[str, Report] = {}
        self.apps: dict[str, App] = {}
        self.grants: dict[str, Grant] = {}
        self.tokens: dict[str, Token] = {}
        self.idempotency: dict[tuple[str, str], tuple[str, float]] = {}
        self.owner = self.add_account(owner, display_name="Our Team", staff=staff)
        self.deny_consent = False
        # Rate limit: Mastodon's default is 300 requests per 5 minutes.
        self.rate_limit = 300
        self.remaining = 300
        self.reset_at = time.time() + 300
        self.throttled = 0  # requests answered 429
        self._injected: list[_Injected] = []
        self._routes_table()

    # -- state helpers for tests ---------------------------------------------------------------

    def add_account(
        self,
        username: str,
        domain: str | None = None,
        *,
        display_name: str = "",
        staff: bool = False,
    ) -> Account:
        account = Account(str(109_000 + next(self._ids)), username, domain, display_name, staff)
        self.accounts[account.id] = account
        return account

    def post(
        self,
        author: Account,
        text: str,
        *,
        in_reply_to: str | None = None,
        visibility: str = "public",
        at: float | None = None,
        spoiler_text: str = "",
        language: str | None = "en",
    ) -> Status:
        with self.lock:
            status = Status(
                id=str(113_900_000_000_000_000 + next(self._status_ids) * 1000),
                account_id=author.id,
                text=text,
                created_at=time.time() if at is None else at,
                in_reply_to_id=in_reply_to,
                visibility=visibility,
                language=language,
                spoiler_text=spoiler_text,
            )
            self.statuses[status.id] = status
            return status

    def mention(
        self, author: Account, text: str, *, filtered: bool = False, **options: Any
    ) -> Status:
        """A post by `author` that mentions the owner, and the owner's notification of it."""
        with self.lock:
            status = self.post(author, f"@{self.owner.username} {text}", **options)
            self.notifications.append(
                Notification(
                    str(next(self._notification_ids)),
                    "mention",
                    author.id,
                    status.id,
                    status.created_at + 0.1,
                    filtered,
                )
            )
            return status

    def notify(self, kind: str, author: Account, status: Status | None = None) -> None:
        with self.lock:
            self.notifications.append(
                Notification(
                    str(next(self._notification_ids)),
                    kind,
                    author.id,
                    status.id if status else None,
                    time.time(),
                )
            )

    def add_report(
        self,
        reporter: Account,
        target: Account,
        statuses: list[Status],
        *,
        category: str = "other",
        comment: str = "",
        at: float | None = None,
    ) -> Report:
        with self.lock:
            moment = time.time() if at is None else at
            report = Report(
                str(next(self._report_ids)),
                reporter.id,
                target.id,
                [s.id for s in statuses],
                category,
                comment,
                moment,
                moment,
            )
            self.reports[report.id] = report
            return report

    def remote_edit(self, status_id: str, text: str) -> None:
        with self.lock:
            status = self.statuses[status_id]
            status.text = text
            status.edited_at = time.time()

    def remote_delete(self, status_id: str) -> None:
        """Deleted on the instance: its notifications go with it, as on Mastodon."""
        with self.lock:
            self.statuses[status_id].deleted = True
            self.notifications = [n for n in self.notifications if n.status_id != status_id]

    def revoke_all(self) -> None:
        with self.lock:
            for token in self.tokens.values():
                token.revoked = True

    def limit_rate(self, remaining: int, reset_in: float) -> None:
        """Leave `remaining` requests in the current window, which ends in `reset_in` s."""
        with self.lock:
            self.remaining = remaining
            self.reset_at = time.time() + reset_in

    def fail(
        self,
        pattern: str,
        status: int,
        body: Any = None,
        *,
        method: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` requests whose path matches `pattern` with this error."""
        self._injected.append(
            _Injected(re.compile(pattern), method, times, status, body, after=False)
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
        self._injected.append(_Injected(re.compile(pattern), method, times, 200, body, after))

    def own_statuses(self) -> list[Status]:
        return [s for s in self.statuses.values() if s.account_id == self.owner.id]

    # -- dispatch ------------------------------------------------------------------------------

    def dispatch(self, request: Request) -> Reply:
        with self.lock:
            api = request.path.startswith("/api/")
            if api and time.time() >= self.reset_at:
                self.remaining = self.rate_limit
                self.reset_at = time.time() + 300
            injected = self._take_injection(request)
            if api and self.remaining <= 0:
                self.requests.append(request)
                self.throttled += 1
                reply = Reply(429, {"error": "Too many requests"})
            elif injected is not None and not injected.after:
                self.requests.append(request)
                reply = Reply(injected.status, injected.body)
            else:
                reply = super().dispatch(request)
                body = reply.body if isinstance(reply.body, dict) else {}
                if reply.status == 404 and "no route" in str(body.get("fake_server_error")):
                    self.violations.append(self._no_route(request))
                    reply = Reply(404, {"error": "Record not found"})
                if injected is not None:
                    reply = Reply(injected.status, injected.body)
            if api:
                self.remaining = max(0, self.remaining - 1) if reply.status != 429 else 0
                reply.headers.update(
                    {
                        "X-RateLimit-Limit": str(self.rate_limit),
                        "X-RateLimit-Remaining": str(self.remaining),
                        "X-RateLimit-Reset": datetime.fromtimestamp(self.reset_at, UTC)
                        .isoformat(timespec="microseconds")
                        .replace("+00:00", "Z"),
                    }
                )
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

    def _no_route(self, request: Request) -> str:
        methods = [m for m, pattern, _h in self._routes if pattern.fullmatch(request.path)]
        if methods:
            return f"{request.method} {request.path}: the path takes only {', '.join(methods)}"
        return f"{request.method} {request.path}: Mastodon has no such endpoint"

    def _routes_table(self) -> None:
        status = r"/api/v1/statuses/(?P<id>\d+)"
        table: list[tuple[str, str, str, Callable[..., Reply]]] = [
            ("POST", r"/api/v1/apps", "apps", self._apps),
            ("GET", r"/oauth/authorize", "authorize", self._authorize),
            ("POST", r"/oauth/token", "token", self._token),
            ("POST", r"/oauth/revoke", "revoke", self._revoke),
            (
                "GET",
                r"/api/v1/accounts/verify_credentials",
                "verify_credentials",
                self._verify_credentials,
            ),
            ("GET", r"/api/v1/notifications", "notifications", self._notifications),
            ("GET", status, "status", self._get_status),
            ("GET", status + "/context", "context", self._context),
            ("GET", status + "/source", "source", self._source),
            ("POST", r"/api/v1/statuses", "post_status", self._post_status),
            ("PUT", status, "edit_status", self._edit_status),
            ("DELETE", status, "delete_status", self._delete_status),
            ("POST", r"/api/v1/reports", "report", self._file_report),
            ("GET", r"/api/v1/admin/reports", "admin_reports", self._admin_reports),
            ("GET", r"/api/v1/admin/reports/(?P<id>\d+)", "admin_report", self._admin_report),
            (
                "PUT",
                r"/api/v1/admin/reports/(?P<id>\d+)",
                "admin_report_update",
                self._admin_report_update,
            ),
            (
                "POST",
                r"/api/v1/admin/reports/(?P<id>\d+)/resolve",
                "admin_report_resolve",
                self._admin_report_resolve,
            ),
            ("GET", r"/api/v1/admin/accounts/(?P<id>\d+)", "admin_account", self._admin_account),
            (
                "POST",
                r"/api/v1/admin/accounts/(?P<id>\d+)/action",
                "admin_action",
                self._admin_action,
            ),
            (
                "POST",
                r"/api/v1/admin/accounts/(?P<id>\d+)/unsilence",
                "admin_unsilence",
                self._admin_unsilence,
            ),
        ]
        for method, pattern, name, handler in table:
            self.route(method, pattern, self._checked(name, handler))

    def _checked(self, name: str, handler: Callable[..., Reply]) -> Callable[[Request], Reply]:
        endpoint = ENDPOINTS[name]

        def run(request: Request) -> Reply:
            params = self._params(request)
            self._check(name, endpoint, params)
            try:
                token = self._authorize_request(request, endpoint)
                if endpoint.scope is None:
                    return handler(request, params)
                return handler(request, params, token)
            except _ApiError as error:
                return Reply(error.status, {"error": error.error})

        return run

    @staticmethod
    def _params(request: Request) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for key, found in parse_qs(
            urlsplit(request.raw_path).query, keep_blank_values=True
        ).items():
            values.setdefault(key, []).extend(found)
        kind = request.headers.get("content-type", "")
        if "application/x-www-form-urlencoded" in kind:
            for key, found in parse_qs(request.body.decode(), keep_blank_values=True).items():
                values.setdefault(key, []).extend(found)
        elif "json" in kind and request.body:
            body = json.loads(request.body)
            if not isinstance(body, dict):
                raise SpecViolation("a JSON body must be an object")
            for key, value in body.items():
                if isinstance(value, list):
                    name = key if key.endswith("[]") else f"{key}[]"
                    values.setdefault(name, []).extend(str(v) for v in value)
                elif isinstance(value, bool):
                    values.setdefault(key, []).append("true" if value else "false")
                elif value is not None:
                    values.setdefault(key, []).append(str(value))
        elif request.body:
            raise SpecViolation(f"a body of type {kind or 'unknown'} is not form data or JSON")
        return values

    @staticmethod
    def _check(name: str, endpoint: Endpoint, params: dict[str, list[str]]) -> None:
        allowed = endpoint.allowed | ({"redirect_uris"} if name == "apps" else set())
        for key, found in params.items():
            if key not in allowed:
                raise SpecViolation(f"{key!r} is not a parameter of this endpoint")
            if not key.endswith("[]") and len(found) > 1:
                raise SpecViolation(f"{key!r} is given {len(found)} times")
        for key in endpoint.required:
            if key not in params:
                raise SpecViolation(f"the required parameter {key!r} is missing")
        for key, values in endpoint.enums:
            for value in params.get(key, []):
                if value not in values:
                    raise SpecViolation(f"{key}={value!r} is not one of {sorted(values)}")
        if "limit" in params and not params["limit"][0].isdigit():
            raise SpecViolation("limit must be an integer")
        if name == "apps" and not ({"redirect_uris", "redirect_uris[]"} & params.keys()):
            raise SpecViolation("the required parameter 'redirect_uris' is missing")

    def _authorize_request(self, request: Request, endpoint: Endpoint) -> Token | None:
        if endpoint.scope is None:
            return None
        header = request.headers.get("authorization", "")
        value = header[7:] if header.startswith("Bearer ") else ""
        token = self.tokens.get(value)
        if token is None or token.revoked:
            raise _ApiError(401, "The access token is invalid")
        if not _has_scope(token.scopes, endpoint.scope):
            raise _ApiError(403, "This action is outside the authorized scopes")
        if endpoint.admin and not self.accounts[token.account_id].staff:
            raise _ApiError(403, "This action is not allowed")
        return token

    # -- OAuth ---------------------------------------------------------------------------------

    def _apps(self, request: Request, params: dict[str, list[str]]) -> Reply:
        uris = params.get("redirect_uris[]") or params["redirect_uris"][0].split()
        scopes = (params.get("scopes") or ["read"])[0].split()
        if not set(scopes) <= VALID_SCOPES:
            return Reply(422, {"error": "Validation failed: Scopes are invalid"})
        app = App(secrets.token_urlsafe(16), secrets.token_urlsafe(24), "", uris, scopes)
        app.name = params["client_name"][0]
        self.apps[app.client_id] = app
        return Reply(
            200,
            {
                "id": str(len(self.apps)),
                "name": app.name,
                "website": (params.get("website") or [None])[0],
                "scopes": scopes,
                "redirect_uri": "\n".join(uris),
                "redirect_uris": uris,
                "vapid_key": VAPID_KEY,
                "client_id": app.client_id,
                "client_secret": app.client_secret,
                "client_secret_expires_at": 0,
            },
        )

    def _authorize(self, request: Request, params: dict[str, list[str]]) -> Reply:
        one = {key: values[0] for key, values in params.items()}
        app = self.apps.get(one["client_id"])
        if app is None:
            return Reply(401, b"<h1>Client authentication failed</h1>")
        if one["redirect_uri"] not in app.redirect_uris:
            return Reply(400, b"<h1>The redirect uri included is not valid.</h1>")
        scopes = one.get("scope", "read").split()
        if not set(scopes) <= set(app.scopes):
            return Reply(400, b"<h1>The requested scope is invalid, unknown, or malformed.</h1>")
        query: dict[str, str] = {}
        if self.deny_consent:
            query["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            self.grants[code] = Grant(
                app.client_id,
                one["redirect_uri"],
                scopes,
                one.get("code_challenge"),
                one.get("code_challenge_method", "plain"),
            )
            query["code"] = code
        if "state" in one:
            query["state"] = one["state"]
        location = f"{one['redirect_uri']}?{urlencode(query)}"
        return Reply(302, b"", {"Location": location, "Content-Type": "text/html"})

    def _token(self, request: Request, params: dict[str, list[str]]) -> Reply:
        one = {key: values[0] for key, values in params.items()}
        app = self.apps.get(one["client_id"])
        if app is None or one.get("client_secret") != app.client_secret:
            return Reply(
                401,
                {"error": "invalid_client", "error_description": "Client authentication failed"},
            )
        if one["grant_type"] != "authorization_code":
            raise SpecViolation("a user token comes from the authorization_code grant")
        for key in ("code", "redirect_uri"):
            if key not in one:
                raise SpecViolation(f"the authorization_code grant needs {key!r}")
        grant = self.grants.pop(one["code"], None)
        invalid = {
            "error": "invalid_grant",
            "error_description": "The provided authorization grant is invalid, expired, revoked,"
            " does not match the redirection URI used in the authorization request, or was"
            " issued to another client.",
        }
        if grant is None or grant.client_id != app.client_id:
            return Reply(400, invalid)
        if grant.redirect_uri != one["redirect_uri"]:
            return Reply(400, invalid)
        if grant.challenge is not None:
            verifier = one.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if grant.method == "plain":
                expected = verifier
            if not verifier or expected != grant.challenge:
                return Reply(400, invalid)
        token = Token(secrets.token_urlsafe(32), self.owner.id, grant.scopes, app.client_id)
        self.tokens[token.value] = token
        return Reply(
            200,
            {
                "access_token": token.value,
                "token_type": "Bearer",
                "scope": " ".join(grant.scopes),
                "created_at": int(time.time()),
            },
        )

    def _revoke(self, request: Request, params: dict[str, list[str]]) -> Reply:
        one = {key: values[0] for key, values in params.items()}
        app = self.apps.get(one["client_id"])
        if app is None or app.client_secret != one["client_secret"]:
            return Reply(403, {"error": "unauthorized_client"})
        token = self.tokens.get(one["token"])
        if token is not None and token.client_id == app.client_id:
            token.revoked = True
        return Reply(200, {})

    # -- entities ------------------------------------------------------------------------------

    def account_json(self, account: Account) -> dict[str, Any]:
        home = account.domain or self.domain
        body: dict[str, Any] = {
            "id": account.id,
            "username": account.username,
            "acct": account.acct,
            "display_name": account.display_name,
            "locked": False,
            "bot": False,
            "discoverable": True,
            "group": False,
            "created_at": iso(account.created_at),
            "note": "",
            "url": f"https://{home}/@{account.username}",
            "uri": f"https://{home}/users/{account.username}",
            "avatar": f"https://{self.domain}/avatars/original/missing.png",
            "avatar_static": f"https://{self.domain}/avatars/original/missing.png",
            "header": f"https://{self.domain}/headers/original/missing.png",
            "header_static": f"https://{self.domain}/headers/original/missing.png",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": sum(1 for s in self.statuses.values() if s.account_id == account.id),
            "last_status_at": None,
            "emojis": [],
            "fields": [],
        }
        if account.silenced:
            body["limited"] = True
        if account.suspended:
            body["suspended"] = True
        return body

    def _html(self, text: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            lines = [self._html_line(line) for line in paragraph.split("\n")]
            paragraphs.append("<p>" + "<br />".join(lines) + "</p>")
        return "".join(paragraphs)

    def _html_line(self, line: str) -> str:
        out = []
        for part in _TOKEN.split(line):
            if part.startswith("@") and len(part) > 1:
                username, _sep, domain = part[1:].partition("@")
                home = domain or self.domain
                out.append(
                    f'<span class="h-card" translate="no"><a href="https://{home}/@{username}"'
                    f' class="u-url mention">@<span>{_escape(username)}</span></a></span>'
                )
            elif part.startswith(("http://", "https://")):
                scheme, rest = part.split("://", 1)
                shown, hidden = rest[:30], rest[30:]
                out.append(
                    f'<a href="{_escape(part)}" target="_blank" rel="nofollow noopener"'
                    f' translate="no"><span class="invisible">{scheme}://</span>'
                    f'<span class="{"ellipsis" if hidden else ""}">{_escape(shown)}</span>'
                    f'<span class="invisible">{_escape(hidden)}</span></a>'
                )
            else:
                out.append(_escape(part))
        return "".join(out)

    def status_json(self, status: Status) -> dict[str, Any]:
        account = self.accounts[status.account_id]
        home = account.domain or self.domain
        parent = self.statuses.get(status.in_reply_to_id or "")
        mentioned = [
            a
            for a in self.accounts.values()
            if re.search(
                rf"(?<![\w@])@{re.escape(a.username)}(?:@{re.escape(a.domain or self.domain)})?\b",
                status.text,
            )
        ]
        return {
            "id": status.id,
            "created_at": iso(status.created_at),
            "in_reply_to_id": status.in_reply_to_id,
            "in_reply_to_account_id": parent.account_id if parent else None,
            "sensitive": bool(status.spoiler_text),
            "spoiler_text": status.spoiler_text,
            "visibility": status.visibility,
            "language": status.language,
            "uri": f"https://{home}/users/{account.username}/statuses/{status.id}",
            "url": f"https://{home}/@{account.username}/{status.id}",
            "replies_count": sum(
                1 for s in self.statuses.values() if s.in_reply_to_id == status.id and not s.deleted
            ),
            "reblogs_count": 0,
            "favourites_count": 0,
            "edited_at": iso(status.edited_at) if status.edited_at else None,
            "content": self._html(status.text),
            "reblog": None,
            "application": None,
            "account": self.account_json(account),
            "media_attachments": [],
            "mentions": [
                {
                    "id": a.id,
                    "username": a.username,
                    "url": f"https://{a.domain or self.domain}/@{a.username}",
                    "acct": a.acct,
                }
                for a in mentioned
            ],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
        }

    def admin_account_json(self, account: Account) -> dict[str, Any]:
        return {
            "id": account.id,
            "username": account.username,
            "domain": account.domain,
            "created_at": iso(account.created_at),
            "email": f"{account.username}@{self.domain}" if account.domain is None else None,
            "ip": None,
            "ips": [],
            "locale": "en",
            "invite_request": None,
            "role": {
                "id": "3" if account.staff else "-99",
                "name": "Moderator" if account.staff else "",
            },
            "confirmed": True,
            "approved": True,
            "disabled": False,
            "silenced": account.silenced,
            "suspended": account.suspended,
            "sensitized": False,
            "account": self.account_json(account),
        }

    def report_json(self, report: Report) -> dict[str, Any]:
        taken_by = self.accounts.get(report.action_taken_by or "")
        return {
            "id": report.id,
            "action_taken": report.action_taken_at is not None,
            "action_taken_at": iso(report.action_taken_at) if report.action_taken_at else None,
            "category": report.category,
            "comment": report.comment,
            "forwarded": False,
            "created_at": iso(report.created_at),
            "updated_at": iso(report.updated_at),
            "account": self.admin_account_json(self.accounts[report.account_id]),
            "target_account": self.admin_account_json(self.accounts[report.target_account_id]),
            "assigned_account": None,
            "action_taken_by_account": self.admin_account_json(taken_by) if taken_by else None,
            # Mastodon lists reported posts even once deleted (with_discarded).
            "statuses": [
                self.status_json(self.statuses[i]) for i in report.status_ids if i in self.statuses
            ],
            "rules": [],
        }

    # -- paging --------------------------------------------------------------------------------

    def _page(
        self,
        path: str,
        records: list[Any],
        params: dict[str, list[str]],
        *,
        default: int,
        keep: tuple[str, ...],
    ) -> tuple[list[Any], dict[str, str]]:
        """Mastodon's paging: newest first; max_id/since_id/min_id bounds; Link rel="next"
        (max_id = the page's last id) when the page is full, rel="prev" (min_id = its first id)
        when it is not empty; the links repeat the request's filters."""
        limit = min(int((params.get("limit") or [str(default)])[0]), default * 2)
        key: Callable[[Any], tuple[int, str]] = lambda r: (len(r.id), r.id)  # noqa: E731
        ordered = sorted(records, key=key, reverse=True)

        def bound(name: str) -> tuple[int, str] | None:
            value = (params.get(name) or [None])[0]
            return (len(value), value) if value else None

        if (upper := bound("max_id")) is not None:
            ordered = [r for r in ordered if key(r) < upper]
        if (lower := bound("since_id")) is not None:
            ordered = [r for r in ordered if key(r) > lower]
        if (after := bound("min_id")) is not None:
            newer = [r for r in reversed(ordered) if key(r) > after][:limit]
            page = list(reversed(newer))
        else:
            page = ordered[:limit]
        headers: dict[str, str] = {}
        if page:
            kept = [(k, v) for k in keep for v in params.get(k, [])]
            links = []
            if len(page) == limit:
                query = urlencode([*kept, ("max_id", page[-1].id)])
                links.append(f'<{self.base_url}{path}?{query}>; rel="next"')
            query = urlencode([*kept, ("min_id", page[0].id)])
            links.append(f'<{self.base_url}{path}?{query}>; rel="prev"')
            headers["Link"] = ", ".join(links)
        return page, headers

    # -- the API -------------------------------------------------------------------------------

    def _verify_credentials(self, request: Request, params: Any, token: Token) -> Reply:
        account = self.accounts[token.account_id]
        body = self.account_json(account)
        body["source"] = {"privacy": "public", "sensitive": False, "language": "en", "note": ""}
        body["role"] = {
            "id": "3" if account.staff else "-99",
            "name": "Moderator" if account.staff else "",
            "permissions": "1020" if account.staff else "0",
        }
        return Reply(200, body)

    def _visible_status(self, status_id: str) -> Status:
        status = self.statuses.get(status_id)
        if status is None or status.deleted or self.accounts[status.account_id].suspended:
            raise _ApiError(404, "Record not found")
        return status

    def _notifications(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        types = set(params.get("types[]", [])) or NOTIFICATION_TYPES
        types -= set(params.get("exclude_types[]", []))
        filtered = (params.get("include_filtered") or ["false"])[0] == "true"
        records = [
            n
            for n in self.notifications
            if n.type in types
            and (filtered or not n.filtered)
            and not self.accounts[n.account_id].suspended
            and (not params.get("account_id") or n.account_id == params["account_id"][0])
        ]
        page, headers = self._page(
            request.path,
            records,
            params,
            default=40,
            keep=("limit", "types[]", "exclude_types[]", "account_id", "include_filtered"),
        )
        body = []
        for n in page:
            entry = {
                "id": n.id,
                "type": n.type,
                "created_at": iso(n.created_at),
                "group_key": f"ungrouped-{n.id}",
                "account": self.account_json(self.accounts[n.account_id]),
            }
            if n.status_id is not None:
                entry["status"] = self.status_json(self.statuses[n.status_id])
            body.append(entry)
        return Reply(200, body, headers)

    def _get_status(self, request: Request, params: Any, token: Token) -> Reply:
        return Reply(200, self.status_json(self._visible_status(request.match["id"])))  # type: ignore[index]

    def _context(self, request: Request, params: Any, token: Token) -> Reply:
        status = self._visible_status(request.match["id"])  # type: ignore[index]
        ancestors = []
        parent = status.in_reply_to_id
        while parent is not None and parent in self.statuses:
            found = self.statuses[parent]
            if found.deleted:
                break
            ancestors.insert(0, found)
            parent = found.in_reply_to_id
        descendants = []
        frontier = [status.id]
        while frontier:
            children = [
                s for s in self.statuses.values() if s.in_reply_to_id in frontier and not s.deleted
            ]
            descendants.extend(children)
            frontier = [s.id for s in children]
        descendants.sort(key=lambda s: (len(s.id), s.id))
        return Reply(
            200,
            {
                "ancestors": [self.status_json(s) for s in ancestors],
                "descendants": [self.status_json(s) for s in descendants],
            },
        )

    def _source(self, request: Request, params: Any, token: Token) -> Reply:
        status = self._visible_status(request.match["id"])  # type: ignore[index]
        return Reply(
            200, {"id": status.id, "text": status.text, "spoiler_text": status.spoiler_text}
        )

    def _post_status(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        key = request.headers.get("idempotency-key")
        if key:
            earlier = self.idempotency.get((token.account_id, key))
            if earlier is not None and time.time() - earlier[1] < 3600:
                return Reply(200, self.status_json(self.statuses[earlier[0]]))
        text = (params.get("status") or [""])[0]
        if not text.strip():
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        if len(text) > 500:
            return Reply(422, {"error": "Validation failed: Text character limit of 500 exceeded"})
        parent = (params.get("in_reply_to_id") or [None])[0]
        if parent is not None:
            self._visible_status(parent)
        status = self.post(
            self.accounts[token.account_id],
            text,
            in_reply_to=parent,
            visibility=(params.get("visibility") or ["public"])[0],
            language=(params.get("language") or [None])[0],
            spoiler_text=(params.get("spoiler_text") or [""])[0],
        )
        if key:
            self.idempotency[(token.account_id, key)] = (status.id, time.time())
        return Reply(200, self.status_json(status))

    def _own_status(self, request: Request, token: Token) -> Status:
        status = self._visible_status(request.match["id"])  # type: ignore[index]
        if status.account_id != token.account_id:
            raise _ApiError(404, "Record not found")  # current_account.statuses.find
        return status

    def _edit_status(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        status = self._own_status(request, token)
        text = (params.get("status") or [status.text])[0]
        if len(text) > 500:
            return Reply(422, {"error": "Validation failed: Text character limit of 500 exceeded"})
        status.text = text
        status.edited_at = time.time()
        return Reply(200, self.status_json(status))

    def _delete_status(self, request: Request, params: Any, token: Token) -> Reply:
        status = self._own_status(request, token)
        body = self.status_json(status)
        body["text"] = status.text
        self.remote_delete(status.id)
        return Reply(200, body)

    def _file_report(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        target = self.accounts.get(params["account_id"][0])
        if target is None:
            raise _ApiError(404, "Record not found")
        status_ids = params.get("status_ids[]", [])
        for status_id in status_ids:
            status = self.statuses.get(status_id)
            if status is None or status.account_id != target.id:
                return Reply(422, {"error": "Validation failed: Status ids are invalid"})
        report = self.add_report(
            self.accounts[token.account_id],
            target,
            [self.statuses[i] for i in status_ids],
            category=(params.get("category") or ["other"])[0],
            comment=(params.get("comment") or [""])[0],
        )
        return Reply(
            200,
            {
                "id": report.id,
                "action_taken": False,
                "action_taken_at": None,
                "category": report.category,
                "comment": report.comment,
                "forwarded": False,
                "created_at": iso(report.created_at),
                "status_ids": report.status_ids,
                "rule_ids": None,
                "target_account": self.account_json(target),
            },
        )

    def _admin_reports(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        resolved = (params.get("resolved") or ["false"])[0] == "true"  # unresolved by default
        records = [
            r
            for r in self.reports.values()
            if (r.action_taken_at is not None) == resolved
            and (not params.get("account_id") or r.account_id == params["account_id"][0])
            and (
                not params.get("target_account_id")
                or r.target_account_id == params["target_account_id"][0]
            )
        ]
        page, headers = self._page(
            request.path,
            records,
            params,
            default=100,
            keep=("limit", "resolved", "account_id", "target_account_id"),
        )
        return Reply(200, [self.report_json(r) for r in page], headers)

    def _report_by_id(self, request: Request) -> Report:
        report = self.reports.get(request.match["id"])  # type: ignore[index]
        if report is None:
            raise _ApiError(404, "Record not found")
        return report

    def _admin_report(self, request: Request, params: Any, token: Token) -> Reply:
        return Reply(200, self.report_json(self._report_by_id(request)))

    def _admin_report_update(
        self, request: Request, params: dict[str, list[str]], token: Token
    ) -> Reply:
        report = self._report_by_id(request)
        if "category" in params:
            report.category = params["category"][0]
        report.updated_at = time.time()
        return Reply(200, self.report_json(report))

    def _admin_report_resolve(self, request: Request, params: Any, token: Token) -> Reply:
        report = self._report_by_id(request)
        if report.action_taken_at is None:
            report.action_taken_at = report.updated_at = time.time()
            report.action_taken_by = token.account_id
        return Reply(200, self.report_json(report))

    def _account_by_id(self, request: Request) -> Account:
        account = self.accounts.get(request.match["id"])  # type: ignore[index]
        if account is None:
            raise _ApiError(404, "Record not found")
        return account

    def _admin_account(self, request: Request, params: Any, token: Token) -> Reply:
        return Reply(200, self.admin_account_json(self._account_by_id(request)))

    def _admin_action(self, request: Request, params: dict[str, list[str]], token: Token) -> Reply:
        account = self._account_by_id(request)
        kind = params["type"][0]
        report_id = (params.get("report_id") or [None])[0]
        if report_id is not None and report_id not in self.reports:
            raise _ApiError(404, "Record not found")
        if kind == "disable" and account.domain is not None:
            return Reply(422, {"error": "Only local accounts can be disabled"})
        if kind == "silence":
            account.silenced = True
        elif kind == "suspend":
            account.suspended = True
        # A report given is closed; any action but "none" closes every open report on the account.
        now = time.time()
        for report in self.reports.values():
            if report.action_taken_at is None and (
                report.id == report_id
                or (kind != "none" and report.target_account_id == account.id)
            ):
                report.action_taken_at = report.updated_at = now
                report.action_taken_by = token.account_id
        return Reply(200, {})

    def _admin_unsilence(self, request: Request, params: Any, token: Token) -> Reply:
        account = self._account_by_id(request)
        account.silenced = False
        return Reply(200, self.admin_account_json(account))


def _has_scope(granted: list[str], required: str) -> bool:
    """Mastodon's scope hierarchy: "read" covers "read:statuses", "admin:read" covers
    "admin:read:reports"."""
    return any(required == scope or required.startswith(scope + ":") for scope in granted)


def browse(url: str) -> None:
    """What the user's browser does with the consent page: follow the redirect to Steward's
    loopback listener. Run in a thread, as the listener answers on the test's event loop."""
    import contextlib
    import threading

    import httpx

    def go() -> None:
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, follow_redirects=True, timeout=5)

    threading.Thread(target=go, daemon=True).start()
