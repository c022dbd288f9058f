"""Google Play: the reviews of one Android app, and the developer's answer to each.

Sign-in is a Google Cloud service account (OAuth 2.0 JWT bearer grant, RFC 7523): the user pastes
the contents of the service account's JSON key file, which goes to the keyring and nowhere else.
Each access token is obtained by signing a short-lived assertion (RS256) with the key's private
key and exchanging it at the key's token endpoint for the `androidpublisher` scope; tokens are
kept with their expiry and renewed shortly before it, or when Google answers 401. There is no
refresh token: a key that Google refuses (deleted, disabled) means signing in again with a new
key. The service account must be invited in Play Console with the "Reply to reviews"
permission for the app. The source's account is the app's package name.

    GET  {api}/applications/{package}/reviews?maxResults=&token=   reviews, newest first
    GET  {api}/applications/{package}/reviews/{reviewId}           one review
    POST {api}/applications/{package}/reviews/{reviewId}:reply     {"replyText"}: set the answer

The week's window: the API shows only reviews created or modified in the last seven days. Older
reviews come only from the CSV export in Play Console (see `history_note`); the first sync brings
in the week and claims nothing about what came before. A review the API no longer returns is not
necessarily deleted: it may just have left the window. So a 404 means "deleted" only for a
review this process saw modified well within the week; otherwise the item is left as it is.

Pulling: reviews are listed newest-modified first, and a pull stops at the newest modification
time it saw before (the cursor), which moves on only with the pull's last page. An edit by the
reviewer gives the review a new time, so it comes back at the top and its item is updated. A
workstation that stays away for more than a week loses the changes in between; this is logged.

No re-scan (`rescans = False`): a re-scan would mark as deleted every item created since its
start that it does not find, and the API cannot promise to list them all: what left the window
(a re-scan of more than a week), pages the API drops (it is known to omit the next-page token),
and the hourly quota of 200 reads per app make a complete listing impossible to guarantee.
Deletions show instead when an action is about to leave (the review is looked up first).

Items: a review (kind "review") with its rating, app version, device and the reviewer's device
language; the reviewer has no id on Google Play, only a display name (often "A Google user"),
so each review's author is its own. The developer's answer is an own item of kind "reply" under
it (remote id "<review id>/reply"). Google Play keeps one answer per review: answering again
replaces it (`reply_replaces`), in about 350 characters at most.

Quota: the Reply to Reviews API allows 200 reads an hour and 2,000 answers a day per app. A
quota error holds the source until midnight Pacific Time, when Google's daily quotas reset.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

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
    Unreachable,
)
from desktop.connectors.google import (
    QUOTA_REASONS,
    RATE_LIMIT_REASONS,
    google_error,
    seconds_until_reset,
)
from desktop.connectors.http import (
    SHAPE_ERRORS,
    async_client,
    b64url,
    int_or_none,
    request_errors,
    retry_after,
)
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

log = logging.getLogger(__name__)

API_BASE = "https://androidpublisher.googleapis.com/androidpublisher/v3"
TOKEN_URL = "https://oauth2.googleapis.com/token"
SCOPE = "https://www.googleapis.com/auth/androidpublisher"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
STORE_URL = "https://play.google.com/store/apps/details?id="

WINDOW_S = 7 * 86400  # how far back the API shows reviews
# A review last seen modified this long before the window closes on it may already be outside.
WINDOW_MARGIN_S = 3600
PAGE_SIZE = 100  # the most reviews.list returns in one page
REPLY_LIMIT = 350
ASSERTION_LIFETIME_S = 3600  # the longest Google accepts
RENEW_BEFORE_S = 300  # an access token this close to its expiry is renewed first
RATE_LIMIT_WAIT_S = 60.0
_PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+")
_TAG = re.compile(r"<[^>]*>")

# Steward's names of the secrets kept in the keyring.
SERVICE_ACCOUNT_KEY = "service_account_key"
ACCESS_TOKEN = "access_token"
ACCESS_EXPIRES_AT = "access_token_expires_at"

REPLY_SUFFIX = "/reply"


# -- what this process has seen ------------------------------------------------------------------

_SEEN_LIMIT = 50_000
# Per source: each review's last modification time as last seen (seconds).
_SEEN: dict[int, OrderedDict[str, int]] = {}
# Per source: reviews answered since the last pull, read again by the next one.
_ANSWERED: dict[int, set[str]] = {}
_LOCK = threading.Lock()


def _remember(source_id: int, review_id: str, modified: int) -> None:
    with _LOCK:
        known = _SEEN.setdefault(source_id, OrderedDict())
        known.pop(review_id, None)
        known[review_id] = modified
        if len(known) > _SEEN_LIMIT:
            known.popitem(last=False)


def _last_seen(source_id: int, review_id: str) -> int | None:
    with _LOCK:
        known = _SEEN.get(source_id)
        return known.get(review_id) if known is not None else None


def _answered(source_id: int, review_id: str, done: bool = False) -> None:
    with _LOCK:
        pending = _ANSWERED.setdefault(source_id, set())
        if done:
            pending.discard(review_id)
        else:
            pending.add(review_id)


def _pending_answers(source_id: int) -> list[str]:
    with _LOCK:
        return sorted(_ANSWERED.get(source_id, ()))


# -- the service account -------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceAccount:
    """What a service account's JSON key file holds that the sign-in needs."""

    client_email: str
    private_key_id: str
    private_key: rsa.RSAPrivateKey
    token_uri: str

    def __repr__(self) -> str:  # never the key
        return f"ServiceAccount({self.client_email!r})"


def parse_key(text: str) -> ServiceAccount:
    """The service account in a JSON key file's contents; ValueError with a message for the user
    (never quoting the file) if it is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        raise ValueError(
            "This is not a service account's JSON key: paste the whole contents of the .json "
            "file Google Cloud downloaded when the key was created."
        ) from None
    if not isinstance(data, dict) or data.get("type") != "service_account":
        raise ValueError(
            "This JSON is not a service account key; in Google Cloud, open IAM & Admin › "
            "Service accounts, choose the account, and add a key of type JSON."
        )
    email = data.get("client_email")
    pem = data.get("private_key")
    if not isinstance(email, str) or not email or not isinstance(pem, str) or not pem:
        raise ValueError("The service account key lacks its client_email or private_key.")
    try:
        key = serialization.load_pem_private_key(pem.encode("utf-8"), password=None)
    except (ValueError, TypeError):
        raise ValueError("The private key in the service account key cannot be read.") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("The service account key is not an RSA key, as Google's keys are.")
    token_uri = data.get("token_uri")
    return ServiceAccount(
        client_email=email,
        private_key_id=str(data.get("private_key_id") or ""),
        private_key=key,
        token_uri=token_uri if isinstance(token_uri, str) and token_uri else TOKEN_URL,
    )


def assertion(account: ServiceAccount, audience: str, now: int) -> str:
    """A signed JWT (RS256) asking `audience` for an access token with the androidpublisher
    scope, valid for an hour from `now`."""
    header: dict[str, str] = {"alg": "RS256", "typ": "JWT"}
    if account.private_key_id:
        header["kid"] = account.private_key_id
    claims = {
        "iss": account.client_email,
        "scope": SCOPE,
        "aud": audience,
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_S,
    }
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(claims, separators=(",", ":")).encode())
    )
    signature = account.private_key.sign(
        signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256()
    )
    return signing_input + "." + b64url(signature)


# -- reviews as the API gives them ---------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    text: str
    modified_ns: int

    @property
    def modified(self) -> int:
        return self.modified_ns // 1_000_000_000


@dataclass(frozen=True)
class _Review:
    review_id: str
    author: str
    title: str
    text: str
    modified_ns: int
    rating: int | None
    language: str | None
    app_version: str | None
    device: str | None
    extra: dict[str, Any]
    answer: _Answer | None

    @property
    def modified(self) -> int:
        return self.modified_ns // 1_000_000_000

    @property
    def newest_ns(self) -> int:
        """When the conversation last changed: the review or its answer."""
        if self.answer is None:
            return self.modified_ns
        return max(self.modified_ns, self.answer.modified_ns)


def _timestamp_ns(value: Any) -> int:
    """A Timestamp {seconds (a string: int64), nanos} in nanoseconds."""
    if not isinstance(value, dict):
        raise TypeError("lastModified is not a Timestamp")
    seconds = int(value["seconds"])
    nanos = int(value.get("nanos") or 0)
    if not 0 <= nanos < 1_000_000_000:
        raise ValueError("nanos out of range")
    return seconds * 1_000_000_000 + nanos


def _optional_str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError("a text field is not a string")
    return value


def _optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError("a number field is not a number")
    return int(value)


def _device_name(device: str | None, metadata: dict[str, Any]) -> str | None:
    """The device as people know it ("Samsung Galaxy A52"), else Google's codename."""
    product = _optional_str(metadata.get("productName"))
    maker = _optional_str(metadata.get("manufacturer"))
    if product and maker and not product.lower().startswith(maker.lower()):
        return f"{maker} {product}"
    return product or device


def _parse_review(raw: Any) -> _Review:
    """A Review resource, or one of SHAPE_ERRORS if it is not in the documented shape."""
    if not isinstance(raw, dict):
        raise TypeError("a review is not an object")
    review_id = raw["reviewId"]
    if not isinstance(review_id, str) or not review_id:
        raise ValueError("reviewId")
    comments = raw.get("comments") or []
    if not isinstance(comments, list):
        raise TypeError("comments is not a list")
    user: dict[str, Any] | None = None
    developer: dict[str, Any] | None = None
    for comment in comments:
        if not isinstance(comment, dict):
            raise TypeError("a comment is not an object")
        if "userComment" in comment and user is None:
            user = comment["userComment"]
        elif "developerComment" in comment and developer is None:
            developer = comment["developerComment"]
    if not isinstance(user, dict):
        raise KeyError("userComment")
    text = user["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    # A review with a title reads "title<TAB>body"; one without, "<TAB>body" or "body".
    title, tab, body = text.partition("\t")
    if not tab:
        title, body = "", text
    title, body = title.strip(), body.strip()
    rating = _optional_int(user.get("starRating"))
    language = _optional_str(user.get("reviewerLanguage"))
    metadata = user.get("deviceMetadata") or {}
    if not isinstance(metadata, dict):
        raise TypeError("deviceMetadata is not an object")
    device = _optional_str(user.get("device"))
    extra: dict[str, Any] = {}
    for name, value in (
        ("title", title or None),
        ("original_text", _optional_str(user.get("originalText"))),
        ("device_code", device),
        ("device_class", _optional_str(metadata.get("deviceClass"))),
        ("android_sdk", _optional_int(user.get("androidOsVersion"))),
        ("app_version_code", _optional_int(user.get("appVersionCode"))),
        ("thumbs_up", _optional_int(user.get("thumbsUpCount"))),
        ("thumbs_down", _optional_int(user.get("thumbsDownCount"))),
    ):
        if value is not None:
            extra[name] = value
    answer = None
    if developer is not None:
        if not isinstance(developer, dict):
            raise TypeError("developerComment is not an object")
        reply_text = developer["text"]
        if not isinstance(reply_text, str):
            raise TypeError("the answer's text is not a string")
        answer = _Answer(reply_text.strip(), _timestamp_ns(developer["lastModified"]))
    author = raw.get("authorName")
    return _Review(
        review_id=review_id,
        author=author if isinstance(author, str) else "",
        title=title,
        text=f"{title}\n{body}" if title and body else title or body,
        modified_ns=_timestamp_ns(user["lastModified"]),
        rating=rating if rating is not None and 1 <= rating <= 5 else None,
        language=language.replace("_", "-") if language else None,
        app_version=_optional_str(user.get("appVersionName")),
        device=_device_name(device, metadata),
        extra=extra,
        answer=answer,
    )


def _cursor_ns(cursor: str | None) -> int | None:
    """The newest modification time a previous pull saw. A cursor in another shape starts
    again from the backfill window: ingest skips what it already has."""
    if not cursor:
        return None
    try:
        return int(json.loads(cursor)["modified_ns"])
    except (ValueError, TypeError, KeyError):
        return None


def _same_answer(a: str, b: str) -> bool:
    """Whether two answers say the same, as Google stores them (tags stripped)."""

    def norm(text: str) -> str:
        return " ".join(_TAG.sub("", text).split())

    return norm(a) == norm(b)


class _NotFound(Rejected):
    """Google answered 404; what that means depends on what was asked."""


class _Invalid(Rejected):
    """Google answered 400 INVALID_ARGUMENT."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


# -- the connector -------------------------------------------------------------------------------


class GooglePlayConnector:
    kind: ClassVar[str] = "google_play"
    title: ClassVar[str] = "Google Play"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "package_name",
            "Package name",
            "The app's package name as Play Console shows it under the app's name.",
            placeholder="com.example.app",
        ),
        SourceField(
            "service_account_key",
            "Service account key (JSON)",
            "Paste the whole JSON key file of a Google Cloud service account, in a project with "
            "the Google Play Android Developer API enabled. In Play Console, invite the service "
            "account's email under Users and permissions with the “Reply to reviews” permission "
            "for this app.",
            secret=True,
        ),
    )
    history_note: ClassVar[str] = (
        "Google Play's API only gives the reviews written or changed in the last 7 days; to see "
        "older reviews, import the reviews CSV export from Play Console."
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.EDIT_REPLY: (
            "To change the answer, reply to the review again: Google Play replaces the "
            "previous answer."
        ),
        Action.DELETE: (
            "Google Play's API cannot delete reviews or answers; an answer can be deleted in "
            "Play Console."
        ),
        Action.HIDE: "Google Play has no way to hide a review.",
        Action.APPROVE: "Reviews on Google Play need no approval.",
        Action.SPAM: (
            "Google Play's API cannot report a review; flag it as inappropriate in Play Console."
        ),
        Action.BAN: "Google Play does not let developers block reviewers.",
        Action.RESTORE: "Google Play cannot bring back a review that was removed.",
    }
    rescans: ClassVar[bool] = False
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset({Action.REPLY})
    irreversible: ClassVar[frozenset[Action]] = frozenset()
    reply_limit: ClassVar[int | None] = REPLY_LIMIT

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._api = str(settings.get("api_base") or API_BASE).rstrip("/")
        self._package = str(settings.get("package_name") or config.account or "").strip()
        self._token_url = str(settings.get("token_url") or "").strip()
        self._email = str(settings.get("service_account") or "")
        self._page_size = min(PAGE_SIZE, max(1, int(settings.get("page_size") or PAGE_SIZE)))
        self._client = async_client(config.timeout_s, transport)

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        package = str(request.settings.get("package_name", "")).strip()
        key_text = str(request.secrets.get(SERVICE_ACCOUNT_KEY, "")).strip()
        if not _PACKAGE.fullmatch(package):
            raise Rejected(
                "Enter the app's package name as Play Console shows it, such as com.example.app."
            )
        if not key_text:
            raise Rejected("Paste the service account's JSON key.")
        try:
            account = parse_key(key_text)
        except ValueError as error:
            raise Rejected(str(error)) from None
        overrides = {
            name: str(request.settings[name]).strip()
            for name in ("api_base", "token_url", "page_size")
            if request.settings.get(name)
        }
        settings: dict[str, Any] = {
            "package_name": package,
            "service_account": account.client_email,
            **overrides,
        }
        staged = MemoryCredentials({SERVICE_ACCOUNT_KEY: key_text})
        connector = cls(SourceConfig(0, package, settings, staged, timeout_s=request.timeout_s))
        try:
            await connector._get(connector._reviews_path(), {"maxResults": 1})
        except _NotFound:
            raise Rejected(
                f"Google Play has no app with the package name {package} that this service "
                "account can see; check the package name in Play Console."
            ) from None
        finally:
            await connector.aclose()
        for name, value in staged.values.items():
            request.credentials.set(name, value)
        return SignInResult(account=package, name=package, settings=settings)

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        mark = _cursor_ns(cursor)
        now = time.time()
        if mark is not None and mark < (now - WINDOW_S) * 1_000_000_000:
            log.warning(
                "Google Play source %s was last synced more than a week ago; reviews changed "
                "in between may be missing: the Play Console CSV export has them.",
                self._config.source_id,
            )
        floor = mark if mark is not None else since * 1_000_000_000
        newest = mark
        seen: set[str] = set()
        page_cursor = cursor if mark is not None else None
        async for reviews, last in self._pages():
            chosen: list[_Review] = []
            reached = False
            for review in reviews:
                stamp = review.newest_ns
                if stamp < floor or (mark is not None and stamp <= mark):
                    reached = True  # listed newest first: the rest was seen before
                    break
                newest = stamp if newest is None else max(newest, stamp)
                chosen.append(review)
            seen.update(r.review_id for r in chosen)
            done = reached or last
            if done and newest is not None:
                page_cursor = json.dumps({"modified_ns": newest})
            yield PullPage([i for r in chosen for i in self._items(r)], page_cursor)
            if done:
                break
        # Answers sent since the last pull: read again, in case answering does not bring a
        # review back to the top of the list.
        for review_id in _pending_answers(self._config.source_id):
            if review_id not in seen:
                try:
                    raw = await self._review(review_id)
                except Gone:
                    raw = None  # deleted since: an action on it will find out
                if raw is not None:
                    yield PullPage(self._items(self._parse(raw)), page_cursor)
            _answered(self._config.source_id, review_id, done=True)

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        """The reviews the API gives now (the last week) that changed since `since`. Not used by
        the sync engine (`rescans` is False): see the module's description."""
        floor = since * 1_000_000_000
        async for reviews, _last in self._pages():
            chosen = [r for r in reviews if r.newest_ns >= floor]
            yield PullPage([i for r in chosen for i in self._items(r)], None)
            if len(chosen) < len(reviews):
                return

    async def _pages(self) -> AsyncIterator[tuple[list[_Review], bool]]:
        """The pages of reviews.list, parsed, each with whether it is the last."""
        token: str | None = None
        used: set[str] = set()
        while True:
            params: dict[str, Any] = {"maxResults": self._page_size}
            if token:
                params["token"] = token
            body = await self._get(self._reviews_path(), params)
            try:
                raw = body.get("reviews") or []
                if not isinstance(raw, list):
                    raise TypeError("reviews is not a list")
                reviews = [self._parse(r) for r in raw]
                paging = body.get("tokenPagination") or {}
                token = paging.get("nextPageToken") or None
                if token is not None and not isinstance(token, str):
                    raise TypeError("nextPageToken is not a string")
            except SHAPE_ERRORS as error:
                raise _malformed("a page of reviews", error) from None
            last = token is None or token in used or not reviews
            yield reviews, last
            if last:
                return
            used.add(token or "")

    def _parse(self, raw: Any) -> _Review:
        try:
            review = _parse_review(raw)
        except SHAPE_ERRORS as error:
            raise _malformed("a review", error) from None
        _remember(self._config.source_id, review.review_id, review.modified)
        return review

    def _items(self, review: _Review) -> list[RemoteItem]:
        """The review as an inbox item, and the developer's answer as an own reply under it."""
        title = str(self._config.settings.get("app_title") or self._package)
        context = RemoteContext(self._package, "app", title, STORE_URL + self._package)
        url = f"{STORE_URL}{self._package}&reviewId={quote(review.review_id, safe='')}"
        items = [
            RemoteItem(
                remote_id=review.review_id,
                kind="review",
                text=review.text,
                # The API has no creation time: the first modification time seen stands for it
                # (ingest keeps the first), and edited_at follows the latest.
                created_at=review.modified,
                author=RemoteAuthor(f"review:{review.review_id}", display_name=review.author),
                context=context,
                language=review.language,
                rating=review.rating,
                app_version=review.app_version,
                device=review.device,
                edited_at=review.modified,
                extra={**review.extra, "url": url},
            )
        ]
        if review.answer is not None:
            items.append(
                RemoteItem(
                    remote_id=review.review_id + REPLY_SUFFIX,
                    kind="reply",
                    text=review.answer.text,
                    created_at=review.answer.modified,
                    author=RemoteAuthor(f"developer:{self._package}", display_name=title),
                    context=context,
                    parent_remote_id=review.review_id,
                    edited_at=review.answer.modified,
                    own=True,
                    extra={"url": url},
                )
            )
        return items

    # -- one review ----------------------------------------------------------------------------

    def _reviews_path(self, review_id: str | None = None, suffix: str = "") -> str:
        path = f"applications/{quote(self._package, safe='')}/reviews"
        if review_id is not None:
            path += "/" + quote(review_id, safe="") + suffix
        return path

    def _surely_deleted(self, review_id: str) -> bool:
        """Whether a 404 for the review means it was deleted: only if it was last seen modified
        well inside the week the API covers (else it may just have left the window)."""
        modified = _last_seen(self._config.source_id, review_id)
        return modified is not None and modified > time.time() - WINDOW_S + WINDOW_MARGIN_S

    async def _review(self, review_id: str) -> dict[str, Any] | None:
        """The review; Gone if it was deleted, None if the API no longer shows it and cannot
        say why (deleted, or older than its week)."""
        try:
            return await self._get(self._reviews_path(review_id), {})
        except _NotFound:
            if self._surely_deleted(review_id):
                raise Gone("The review no longer exists on Google Play.") from None
            return None

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        review_id, is_answer = _split(remote_id)
        raw = await self._review(review_id)
        if raw is None:
            return None
        review = self._parse(raw)
        if not is_answer:
            return self._items(review)[0]
        if review.answer is None:
            raise Gone("The answer is no longer on Google Play.")
        return self._items(review)[1]

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        if item.kind == "reply" or item.remote_id.endswith(REPLY_SUFFIX):
            return {
                Action.REPLY: (
                    "Answer the review itself: Google Play keeps one answer per review, and a "
                    "new answer replaces this one."
                )
            }
        return {}

    async def push(self, operation: Operation) -> PushResult:
        if operation.kind is not Action.REPLY:
            raise Rejected(
                self.unsupported.get(operation.kind, "Google Play does not allow this action.")
            )
        review_id, is_answer = _split(operation.item_remote_id)
        if is_answer:
            raise Rejected(self.restrictions(_answer_facts(operation), 0)[Action.REPLY])
        text = str(operation.payload["text"])
        try:
            body = await self._write(self._reviews_path(review_id, ":reply"), {"replyText": text})
        except _NotFound:
            if self._surely_deleted(review_id):
                raise Gone("The review no longer exists on Google Play.") from None
            raise Rejected(
                "Google Play's API no longer shows this review: it was deleted, or it was last "
                "changed more than a week ago, beyond what the API reaches. Answer it in Play "
                "Console if it is still there."
            ) from None
        except _Invalid as refused:
            if len(text) > REPLY_LIMIT:
                raise Rejected(
                    f"Google Play refused the answer: it takes about {REPLY_LIMIT} characters, "
                    f"and this one has {len(text)}. Shorten it and send it again."
                ) from None
            raise Rejected(f"Google Play refused the answer ({refused.detail}).") from None
        try:
            result = body["result"]
            if not isinstance(result, dict) or not isinstance(result.get("replyText"), str):
                raise TypeError("result")
        except SHAPE_ERRORS:
            raise MalformedResponse(
                "Google Play confirmed the answer in an unexpected shape."
            ) from None
        _answered(self._config.source_id, review_id)
        return PushResult(remote_id=review_id + REPLY_SUFFIX)

    async def reconcile(self, operation: Operation) -> PushResult | None:
        if operation.kind is not Action.REPLY:
            return None
        review_id, is_answer = _split(operation.item_remote_id)
        if is_answer:
            return None
        raw = await self._review(review_id)
        if raw is None:
            return None
        review = self._parse(raw)
        if review.answer is not None and _same_answer(
            review.answer.text, str(operation.payload["text"])
        ):
            _answered(self._config.source_id, review_id)
            return PushResult(remote_id=review_id + REPLY_SUFFIX)
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        return await self._request("GET", path, params, None, writes=False)

    async def _write(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._request("POST", path, {}, body, writes=True)

    async def _request(
        self,
        method: str,
        path: str,
        params: dict[str, Any],
        body: dict[str, Any] | None,
        *,
        writes: bool,
    ) -> dict[str, Any]:
        if not self._package:
            raise AuthFailed("The source does not know its app's package name; sign in again.")
        token = await self._access_token()
        renewed = False
        while True:
            response = await self._send(method, path, params, body, token, writes)
            if response.status_code == 401 and not renewed:
                token = await self._renew()
                renewed = True
                continue
            return self._decode(response)

    async def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any],
        body: dict[str, Any] | None,
        token: str,
        writes: bool,
    ) -> httpx.Response:
        with request_errors("Google Play", writes=writes):
            return await self._client.request(
                method,
                f"{self._api}/{path}",
                params=params or None,
                json=body,
                headers={"Authorization": f"Bearer {token}"},
            )

    def _decode(self, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        if 200 <= status < 300:
            if not response.content:
                return {}
            try:
                body = response.json()
            except ValueError:
                body = None
            if not isinstance(body, dict):
                raise MalformedResponse("Google Play's answer is not the JSON its API documents.")
            return body
        reason, grpc_status, message = google_error(response)
        if status == 401:
            raise AuthFailed(
                "Google Play no longer accepts the service account's access; sign in again."
            )
        if reason in QUOTA_REASONS:
            wait = retry_after(response, 0.0) or seconds_until_reset(time.time())
            raise QuotaExceeded(
                "Google Play's quota for the app's reviews is spent; syncing resumes after "
                "midnight Pacific Time.",
                wait,
            )
        if status == 429 or reason in RATE_LIMIT_REASONS:
            raise RateLimited(
                "Google Play asks to slow down.",
                retry_after(response, RATE_LIMIT_WAIT_S),
            )
        if status >= 500:
            raise ServerError(f"Google Play had an internal error ({status}).")
        if status == 403:
            if reason == "accessNotConfigured" or "SERVICE_DISABLED" in message:
                raise AuthFailed(
                    "The Google Play Android Developer API is not enabled in the service "
                    "account's Google Cloud project; enable it there, then sync again."
                )
            who = self._email or "the service account"
            raise AuthFailed(
                f"Google Play does not let {who} read the reviews of {self._package}. In Play "
                "Console, open Users and permissions, invite the service account's email and "
                "give it the “Reply to reviews” permission for this app; it can take a while "
                "to take effect."
            )
        if status == 404:
            raise _NotFound(f"Google Play does not know this ({message or 'not found'}).")
        if status == 400:
            detail = message or grpc_status or reason or "invalid request"
            raise _Invalid(f"Google Play refused the request ({detail}).", detail)
        detail = message or reason or str(status)
        raise Rejected(f"Google Play refused the request ({detail}).")

    # -- access tokens -------------------------------------------------------------------------

    async def _access_token(self) -> str:
        credentials = self._config.credentials
        token = credentials.get(ACCESS_TOKEN)
        expires_at = int_or_none(credentials.get(ACCESS_EXPIRES_AT))
        if token and expires_at is not None and expires_at - RENEW_BEFORE_S > time.time():
            return token
        return await self._renew()

    async def _renew(self) -> str:
        """A new access token for a freshly signed assertion; AuthFailed (sign in again) if
        Google refuses the key."""
        credentials = self._config.credentials
        key_text = credentials.get(SERVICE_ACCOUNT_KEY)
        if not key_text:
            raise AuthFailed("The source has no service account key; sign in again.")
        try:
            account = parse_key(key_text)
        except ValueError:
            raise AuthFailed(
                "The stored service account key cannot be read; sign in again with the key file."
            ) from None
        if not self._email:
            self._email = account.client_email
        url = self._token_url or account.token_uri
        now = int(time.time())
        signed = assertion(account, url, now)
        try:
            response = await self._client.post(
                url, data={"grant_type": JWT_BEARER, "assertion": signed}
            )
        except httpx.TimeoutException:
            raise Unreachable("Google's sign-in service did not answer in time.") from None
        except httpx.TransportError:
            raise Unreachable("Google's sign-in service cannot be reached.") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        status = response.status_code
        if status == 200:
            try:
                token = body["access_token"]
                lifetime = int(body.get("expires_in") or ASSERTION_LIFETIME_S)
                if not isinstance(token, str) or not token:
                    raise TypeError("access_token")
            except SHAPE_ERRORS:
                raise MalformedResponse(
                    "Google's sign-in service answered in an unexpected shape."
                ) from None
            credentials.set(ACCESS_TOKEN, token)
            credentials.set(ACCESS_EXPIRES_AT, str(now + lifetime))
            return token
        if status == 429:
            raise RateLimited(
                "Google's sign-in service asks to slow down.",
                retry_after(response, RATE_LIMIT_WAIT_S),
            )
        if status >= 500:
            raise ServerError(f"Google's sign-in service had an internal error ({status}).")
        error = description = ""
        if isinstance(body, dict):
            error = str(body.get("error") or "")
            description = str(body.get("error_description") or "")
        detail = ": ".join(p for p in (error, description) if p and signed not in p)[:200]
        raise AuthFailed(
            "Google refused the service account key"
            + (f" ({detail})" if detail else "")
            + ". It may have been deleted or disabled in Google Cloud; create a new JSON key "
            "for the service account and sign in again with it."
        )


# -- helpers -------------------------------------------------------------------------------------


def _split(remote_id: str) -> tuple[str, bool]:
    """The review's id, and whether `remote_id` names its answer rather than the review."""
    if remote_id.endswith(REPLY_SUFFIX):
        return remote_id[: -len(REPLY_SUFFIX)], True
    return remote_id, False


def _answer_facts(operation: Operation) -> ItemFacts:
    return ItemFacts(operation.item_remote_id, "reply", 0, True, "visible")


def _malformed(what: str, error: Exception) -> MalformedResponse:
    return MalformedResponse(f"Google Play sent {what} in an unexpected shape ({error!r}).")


CONNECTOR = GooglePlayConnector
