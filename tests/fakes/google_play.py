"""A fake Google Play Developer API (reviews, under /androidpublisher/v3) and a fake Google OAuth
token endpoint for service accounts (the JWT bearer grant, RFC 7523).

The API side keeps one app's reviews, each with a user comment (every documented field) and an
optional developer comment, and answers in the API's shapes: token paging through
tokenPagination.nextPageToken, only the reviews created or modified in the last seven days (a
review outside the window is neither listed nor found), reviews.reply replacing the developer
comment (HTML tags stripped, more than 350 characters refused with 400 INVALID_ARGUMENT), and
Google's error envelope. Every API request is checked against the discovery document in
tests/data/specs/google-play/androidpublisher.v3.json, and every answer the fake gives against
the document's response schema.

The token side generates a test service account (an RSA key pair made with `cryptography`),
gives out its JSON key file, and verifies each assertion: RS256 signature with the account's
public key, issuer, scope, audience (this endpoint) and a lifetime of at most an hour.

Switches: expire_access_tokens, revoke_key, fail (any status, reason and headers), malformed,
quota budgets (reads an hour, answers a day), edit/delete a review, permitted (the service
account's access in Play Console), list_by_user_time (how the list is ordered), page_info.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.fakes.google_discovery import DiscoveryDocument, load
from tests.fakes.http import FakeHTTPServer, Reply, Request, SpecViolation
from tests.fakes.specs import SPECS

SPEC = str(SPECS / "google-play" / "androidpublisher.v3.json")
PACKAGE = "com.lumo.app"
SCOPE = "https://www.googleapis.com/auth/androidpublisher"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
CLIENT_EMAIL = "steward-reviews@lumo-play.iam.gserviceaccount.com"
PROJECT = "lumo-play"
WINDOW_S = 7 * 86400
REPLY_LIMIT = 350
PERMISSION_DENIED = "The caller does not have permission"


@cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """A test RSA key pair, made once per test run (generating one takes a moment)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def key_file(key: rsa.RSAPrivateKey, key_id: str, token_uri: str, email: str = CLIENT_EMAIL) -> str:
    """A service account's JSON key file as Google Cloud downloads it."""
    return json.dumps(
        {
            "type": "service_account",
            "project_id": PROJECT,
            "private_key_id": key_id,
            "private_key": pem(key),
            "client_email": email,
            "client_id": "104938271650493827165",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": token_uri,
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/"
            + email.replace("@", "%40"),
            "universe_domain": "googleapis.com",
        },
        indent=2,
    )


def google_error(code: int, message: str, reason: str = "", domain: str = "global") -> Reply:
    status = {
        400: "INVALID_ARGUMENT",
        401: "UNAUTHENTICATED",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
        503: "UNAVAILABLE",
    }.get(code, "INTERNAL")
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if reason:
        error["errors"] = [{"message": message, "domain": domain, "reason": reason}]
    return Reply(code, {"error": error})


def timestamp(at: float) -> dict[str, Any]:
    seconds = int(at)
    return {"seconds": str(seconds), "nanos": round((at - seconds) * 1e9) % 1_000_000_000}


@dataclass
class Review:
    review_id: str
    author: str
    body: str
    rating: int
    modified: float
    title: str = ""
    language: str | None = "en"
    device: str | None = "a52q"
    android: int | None = 34
    version_code: int | None = 4012
    version_name: str | None = "4.0.12"
    thumbs_up: int = 0
    thumbs_down: int = 0
    metadata: dict[str, Any] | None = None
    reply: str | None = None
    reply_modified: float | None = None

    @property
    def newest(self) -> float:
        return max(self.modified, self.reply_modified or 0.0)


@dataclass
class Fault:
    status: int
    reason: str
    message: str
    times: int
    method_id: str | None
    headers: dict[str, str] = field(default_factory=dict)


class FakeGooglePlay(FakeHTTPServer):
    def __init__(self) -> None:
        super().__init__()
        self.spec: DiscoveryDocument = load(SPEC)
        self.package = PACKAGE
        self.reviews: dict[str, Review] = {}
        self.permitted = True  # the service account is invited in Play Console
        self.list_by_user_time = False  # order by the review's own time, not its answer's too
        self.page_info = False  # real answers usually leave pageInfo out
        self.faults: list[Fault] = []
        self.malformed_left = 0
        self.malformed_method: str | None = None
        self.reads_per_hour = 200
        self.answers_per_day = 2000
        self.reads = 0
        self.answers = 0
        # The service account
        self.key = rsa_key("service-account")
        self.key_id = "3f1c0b7e9a2d4c5b8e6f7a1b2c3d4e5f60718293"
        self.revoked_keys: set[str] = set()
        self.token_lifetime = 3599
        self.access_tokens: dict[str, float] = {}  # token -> expiry
        self.token_requests: list[dict[str, Any]] = []  # verified assertions: header, claims
        self._ids = itertools.count(1)
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            self.route(method, r"/androidpublisher/v3/.*", self._api)
        self.route("POST", r"/token", self._token)

    # -- URLs, keys and seeding ----------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return self.base_url + "/androidpublisher/v3"

    @property
    def token_url(self) -> str:
        return self.base_url + "/token"

    def key_json(self) -> str:
        """The test service account's JSON key file, with this server as its token_uri."""
        return key_file(self.key, self.key_id, self.token_url)

    def settings(self, **extra: Any) -> dict[str, Any]:
        """A source's settings pointing at this server."""
        return {
            "package_name": self.package,
            "service_account": CLIENT_EMAIL,
            "api_base": self.api_base,
            "token_url": self.token_url,
            **extra,
        }

    def issue_token(self, *, expires_in: int | None = None) -> str:
        with self.lock:
            token = "ya29.c." + secrets.token_urlsafe(24)
            lifetime = self.token_lifetime if expires_in is None else expires_in
            self.access_tokens[token] = time.time() + lifetime
            return token

    def add_review(
        self,
        body: str,
        *,
        rating: int = 4,
        author: str = "Dana R.",
        at: float | None = None,
        title: str = "",
        reply: str | None = None,
        reply_at: float | None = None,
        **fields: Any,
    ) -> str:
        with self.lock:
            review_id = f"gp:AOqpTOH{next(self._ids):04d}Fake-Review_id"
            when = time.time() if at is None else at
            metadata = fields.pop(
                "metadata",
                {
                    "productName": "Galaxy A52",
                    "manufacturer": "Samsung",
                    "deviceClass": "phone",
                    "screenWidthPx": 1080,
                    "screenHeightPx": 2400,
                    "nativePlatform": "arm64-v8a,armeabi-v7a",
                    "screenDensityDpi": 420,
                    "glEsVersion": 196610,
                    "cpuModel": "SM7125",
                    "cpuMake": "Qualcomm",
                    "ramMb": 6144,
                },
            )
            self.reviews[review_id] = Review(
                review_id,
                author,
                body,
                rating,
                when,
                title=title,
                metadata=metadata,
                reply=reply,
                reply_modified=(reply_at if reply_at is not None else when) if reply else None,
                **fields,
            )
            return review_id

    # -- switches ------------------------------------------------------------------------------

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self.access_tokens:
                self.access_tokens[token] = 0.0

    def revoke_key(self, key_id: str | None = None) -> None:
        """The key is deleted in Google Cloud: its assertions are refused from now on."""
        with self.lock:
            self.revoked_keys.add(key_id or self.key_id)

    def restore_key(self) -> None:
        with self.lock:
            self.revoked_keys.clear()

    def fail(
        self,
        status: int,
        reason: str = "",
        *,
        times: int = 1,
        method_id: str | None = None,
        message: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next `times` API requests (of `method_id`, e.g.
        "androidpublisher.reviews.reply") with this Google error."""
        with self.lock:
            self.faults.append(
                Fault(status, reason, message or reason, times, method_id, dict(headers or {}))
            )

    def malformed(self, times: int = 1, method_id: str | None = None) -> None:
        """Answer the next `times` API requests with a 200 whose reviews are not in the
        documented shape."""
        with self.lock:
            self.malformed_left = times
            self.malformed_method = method_id

    def edit(self, review_id: str, body: str, *, rating: int | None = None) -> None:
        """The reviewer edits the review on Google Play."""
        with self.lock:
            review = self.reviews[review_id]
            review.body = body
            if rating is not None:
                review.rating = rating
            review.modified = time.time()

    def delete(self, review_id: str) -> None:
        with self.lock:
            self.reviews.pop(review_id, None)

    def api_calls(self, method_id: str) -> list[Request]:
        """The API requests made of one discovery method (spec-valid ones)."""
        with self.lock:
            found = []
            for request in self.requests:
                if not request.path.startswith("/androidpublisher/"):
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
        match = method.pattern.fullmatch(request.path)
        assert match is not None
        path = dict(zip(method.path_parameters, match.groups(), strict=True))
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.access_tokens.get(token, 0.0) <= time.time():
            return google_error(
                401,
                "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                "login cookie or other valid authentication credential.",
                "authError",
            )
        writes = method.http_method != "GET"
        for fault in self.faults:
            if fault.times > 0 and fault.method_id in (None, method.id):
                fault.times -= 1
                reply = google_error(fault.status, fault.message, fault.reason)
                reply.headers.update(fault.headers)
                return reply
        if writes and self.answers >= self.answers_per_day:
            return google_error(
                429, "Daily quota for replies to reviews exceeded.", "dailyLimitExceeded"
            )
        if not writes and self.reads >= self.reads_per_hour:
            return google_error(
                429, "Quota exceeded for reading reviews of this app.", "quotaExceeded"
            )
        if writes:
            self.answers += 1
        else:
            self.reads += 1
        if path["packageName"] != self.package:
            return google_error(404, f"Package not found: {path['packageName']}.", "notFound")
        if not self.permitted:
            return google_error(403, PERMISSION_DENIED, "forbidden")
        if self.malformed_left > 0 and self.malformed_method in (None, method.id):
            self.malformed_left -= 1
            return Reply(
                200,
                {"reviews": [{"reviewId": "gp:x", "comments": [{"userComment": {"text": 5}}]}]},
            )
        query = request.query
        if method.id == "androidpublisher.reviews.list":
            body = self._list(query)
        elif method.id == "androidpublisher.reviews.get":
            found = self._visible(path["reviewId"])
            if found is None:
                return google_error(404, "Review not found.", "notFound")
            body = self._review(found, query.get("translationLanguage"))
        elif method.id == "androidpublisher.reviews.reply":
            found = self._visible(path["reviewId"])
            if found is None:
                return google_error(404, "Review not found.", "notFound")
            text = (request.json() or {}).get("replyText")
            if not isinstance(text, str) or not text.strip():
                return google_error(400, "Reply text is required.", "badRequest")
            if len(text) > REPLY_LIMIT:
                return google_error(
                    400, "The reply text is too long: at most 350 characters.", "badRequest"
                )
            found.reply = re.sub(r"<[^>]*>", "", text)
            found.reply_modified = time.time()
            body = {"result": {"replyText": found.reply, "lastEdited": timestamp(found.newest)}}
        else:
            return google_error(400, f"{method.id} is not faked", "badRequest")
        if method.response_schema:  # the fake's own answers keep to the document
            self.spec.check_object(body, method.response_schema, where="response")
        return Reply(200, body)

    def _visible(self, review_id: str) -> Review | None:
        review = self.reviews.get(review_id)
        if review is None or review.newest < time.time() - WINDOW_S:
            return None
        return review

    def _list(self, query: dict[str, str]) -> dict[str, Any]:
        size = min(100, int(query.get("maxResults") or 10))
        offset = 0
        if query.get("token"):
            try:
                offset = int(base64.urlsafe_b64decode(query["token"].encode()).decode())
            except ValueError:
                raise _Refused(
                    google_error(400, "Invalid pagination token.", "badRequest")
                ) from None
        window = [r for r in self.reviews.values() if self._visible(r.review_id)]
        window.sort(key=lambda r: r.modified if self.list_by_user_time else r.newest, reverse=True)
        chunk = window[offset : offset + size]
        body: dict[str, Any] = {}
        if chunk:  # Google leaves empty lists out
            body["reviews"] = [self._review(r, query.get("translationLanguage")) for r in chunk]
        if offset + size < len(window):
            body["tokenPagination"] = {
                "nextPageToken": base64.urlsafe_b64encode(str(offset + size).encode()).decode()
            }
        if self.page_info:
            body["pageInfo"] = {
                "totalResults": len(window),
                "resultPerPage": size,
                "startIndex": offset,
            }
        return body

    def _review(self, review: Review, translation: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {
            "text": f"{review.title}\t{review.body}",
            "lastModified": timestamp(review.modified),
            "starRating": review.rating,
            "thumbsUpCount": review.thumbs_up,
            "thumbsDownCount": review.thumbs_down,
        }
        if translation and review.language and not review.language.startswith(translation):
            user["originalText"] = user["text"]
            user["text"] = f"{review.title}\t[{translation}] {review.body}"
        optional = {
            "reviewerLanguage": review.language,
            "device": review.device,
            "androidOsVersion": review.android,
            "appVersionCode": review.version_code,
            "appVersionName": review.version_name,
            "deviceMetadata": review.metadata,
        }
        user.update({k: v for k, v in optional.items() if v is not None})
        comments: list[dict[str, Any]] = [{"userComment": user}]
        if review.reply is not None and review.reply_modified is not None:
            comments.append(
                {
                    "developerComment": {
                        "text": review.reply,
                        "lastModified": timestamp(review.reply_modified),
                    }
                }
            )
        return {"reviewId": review.review_id, "authorName": review.author, "comments": comments}

    def dispatch(self, request: Request) -> Reply:
        try:
            return super().dispatch(request)
        except _Refused as refused:
            return refused.reply

    # -- the token endpoint --------------------------------------------------------------------

    def _token(self, request: Request) -> Reply:
        if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
            raise SpecViolation("the token request must be a form")
        form = request.form()
        unknown = set(form) - {"grant_type", "assertion"}
        if unknown:
            raise SpecViolation(f"the JWT bearer grant takes no {sorted(unknown)}")
        if form.get("grant_type") != JWT_BEARER:
            return Reply(400, {"error": "unsupported_grant_type", "error_description": "Bad"})
        parts = form.get("assertion", "").split(".")
        if len(parts) != 3:
            return _grant_error("Invalid JWT: malformed assertion.")
        try:
            header = json.loads(_unb64(parts[0]))
            claims = json.loads(_unb64(parts[1]))
            signature = _unb64(parts[2])
        except ValueError:
            return _grant_error("Invalid JWT: malformed assertion.")
        if header.get("alg") != "RS256":
            return _grant_error("Invalid JWT: only RS256 is accepted.")
        if claims.get("iss") != CLIENT_EMAIL:
            return _grant_error("Invalid grant: account not found")
        key_id = header.get("kid", self.key_id)
        if key_id in self.revoked_keys or key_id != self.key_id:
            return _grant_error("Invalid grant: account not found")
        try:
            self.key.public_key().verify(
                signature,
                f"{parts[0]}.{parts[1]}".encode("ascii"),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature:
            return _grant_error("Invalid JWT Signature.")
        if claims.get("aud") != self.token_url:
            return _grant_error("Invalid JWT: Failed audience check.")
        now = time.time()
        iat, exp = claims.get("iat"), claims.get("exp")
        if (
            not isinstance(iat, int)
            or not isinstance(exp, int)
            or exp - iat > 3600
            or exp <= now
            or iat > now + 300
        ):
            return _grant_error(
                "Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                "reasonable timeframe. Check your iat and exp values in the JWT claim."
            )
        if SCOPE not in str(claims.get("scope", "")).split():
            return Reply(
                400,
                {
                    "error": "invalid_scope",
                    "error_description": "Invalid OAuth scope or ID token audience provided.",
                },
            )
        self.token_requests.append({"header": header, "claims": claims})
        return Reply(
            200,
            {
                "access_token": self.issue_token(),
                "expires_in": self.token_lifetime,
                "token_type": "Bearer",
            },
        )


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _grant_error(description: str) -> Reply:
    return Reply(400, {"error": "invalid_grant", "error_description": description})


class _Refused(Exception):
    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply
