"""App Store Connect API: the customer reviews of one app, and the developer's answers to them.

Sign-in is an App Store Connect API key: the issuer ID and key ID typed in, and the text of the
`.p8` private key, which goes to the keyring and nowhere else. Every request carries a bearer
token that Steward signs itself (ES256, at most 20 minutes long); tokens live in memory only and
a new one is made shortly before the current one runs out. The source's account is the app's
Apple ID; the app's name names the source.

    GET    {api}/v1/apps/{id}                              sign-in: the app and its name
    GET    {api}/v1/apps?filter[bundleId]=                 sign-in by bundle ID
    GET    {api}/v1/apps/{id}/customerReviews              newest first, include=response
    GET    {api}/v1/customerReviews/{id}?include=response  one review
    GET    {api}/v1/customerReviews/{id}/response          the answer to one review (404: none)
    POST   {api}/v1/customerReviewResponses                answer (replaces an earlier answer)
    DELETE {api}/v1/customerReviewResponses/{id}           delete the answer

Pulling: reviews are listed newest first and paged with `links.next`, which is followed as
given (but only on the API's own host). There is no date filter and no "updated" time, so a
pull stops at the newest `createdDate` already seen (the cursor), and edits, deletions and
answers to older reviews surface in the re-scan, which lists the last days again.

A review becomes an item of kind "review" with its rating and territory (a three-letter
storefront code). The API gives no app version, device or language for a review, so those stay
empty. The developer's answer, where there is one, is its own item of kind "reply", marked as
the account's own, with the remote id "<review id>/reply": a review has at most one answer, and
answering again replaces it, so that id stays the same while Apple's id of the answer may not.

Limits: Apple allows a rolling hour of requests per API key and reports what is left in the
`X-Rate-Limit` header of every answer ("user-hour-lim:3600;user-hour-rem:3541;"). When nothing is
left (or Apple answers 429), no request is sent for that key until the oldest request of the
hour has aged out; this is tracked per key for the whole process, as sources may share a key.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

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
)
from desktop.connectors.http import SHAPE_ERRORS, async_client, b64url, request_errors
from desktop.ingest import RemoteAuthor, RemoteContext, RemoteItem

API_BASE = "https://api.appstoreconnect.apple.com"
AUDIENCE = "appstoreconnect-v1"
# Apple refuses tokens that live longer than 20 minutes; a shorter life leaves room for clocks
# that disagree, and a token is replaced a minute before it runs out.
TOKEN_LIFETIME_S = 15 * 60
TOKEN_MARGIN_S = 60
PAGE_SIZE = 200  # the most `limit` allows on customerReviews (the API's own document)
# Apple states no cap for an answer in the API document; 5,970 characters is the published cap
# that App Store Connect enforces for developer responses (platforms reference, section 3).
REPLY_LIMIT = 5970
RATE_WINDOW_S = 3600.0
APP_URL = "https://apps.apple.com/app/id"

REVIEW_FIELDS = "rating,title,body,reviewerNickname,createdDate,territory,response"
RESPONSE_FIELDS = "responseBody,lastModifiedDate,state"
# Where an answer is in its life on the App Store, and the state it has in Steward: Apple checks
# an answer before it shows it on the store.
RESPONSE_STATES = {"PUBLISHED": "visible", "PENDING_PUBLISH": "held"}
REPLY_SUFFIX = "/reply"

PRIVATE_KEY = "private_key"  # the keyring's name for the .p8 key's text

ROLE_HELP = (
    "The API key's role does not allow this in App Store Connect: reading and answering "
    "customer reviews needs a key with the Admin, App Manager or Customer Support role "
    "(Users and Access › Integrations)."
)


# -- the hourly request budget of each key -------------------------------------------------------


@dataclass
class _Window:
    sent: deque[float] = field(default_factory=deque)  # when each request of the hour left
    blocked_until: float = 0.0


_WINDOWS: dict[str, _Window] = {}
_WINDOWS_LOCK = threading.Lock()


def _window(key: str, now: float) -> _Window:
    window = _WINDOWS.setdefault(key, _Window())
    while window.sent and window.sent[0] <= now - RATE_WINDOW_S:
        window.sent.popleft()
    return window


def _take_turn(key: str, now: float) -> None:
    """Count a request about to leave, or raise RateLimited if the key's hour is spent."""
    with _WINDOWS_LOCK:
        window = _window(key, now)
        if window.blocked_until > now:
            raise _limited(window.blocked_until - now)
        window.sent.append(now)


def _spent(key: str, now: float) -> float:
    """Mark the key's hour as spent; the seconds until a request may leave again: when the
    oldest request this process sent in the hour ages out of Apple's rolling window (a whole
    hour if this process sent none, as others may be using the key)."""
    with _WINDOWS_LOCK:
        window = _window(key, now)
        until = window.sent[0] + RATE_WINDOW_S if window.sent else now + RATE_WINDOW_S
        window.blocked_until = max(window.blocked_until, until, now + 1.0)
        return window.blocked_until - now


def rate_limit_header(value: str | None) -> tuple[int | None, int | None]:
    """The hourly limit and what is left of it, from "user-hour-lim:3500;user-hour-rem:12;"."""
    parts: dict[str, int] = {}
    for chunk in (value or "").split(";"):
        name, _, number = chunk.partition(":")
        try:
            parts[name.strip().lower()] = int(number.strip())
        except ValueError:
            continue
    return parts.get("user-hour-lim"), parts.get("user-hour-rem")


def _limited(seconds: float) -> RateLimited:
    minutes = max(1, round(seconds / 60))
    return RateLimited(
        "App Store Connect's hourly request limit for this API key is used up; Steward "
        f"continues in about {minutes} minute{'s' if minutes != 1 else ''}.",
        seconds,
    )


# -- tokens --------------------------------------------------------------------------------------


def load_private_key(text: str) -> ec.EllipticCurvePrivateKey:
    """The P-256 key of a `.p8` file's text; Rejected if it is anything else. The text may be
    pasted without its BEGIN/END lines."""
    try:
        key = serialization.load_pem_private_key(_pem(text).encode("ascii"), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm, UnicodeEncodeError):
        key = None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise Rejected(
            "The private key is not an App Store Connect API key: paste the whole text of the "
            ".p8 file downloaded when the key was made."
        )
    return key


def _pem(text: str) -> str:
    cleaned = text.strip().replace("\r\n", "\n")
    if "-----BEGIN" in cleaned:
        return cleaned + "\n"
    body = "".join(cleaned.split())
    lines = [body[n : n + 64] for n in range(0, len(body), 64)]
    return "-----BEGIN PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END PRIVATE KEY-----\n"


def make_token(
    key: ec.EllipticCurvePrivateKey, key_id: str, issuer_id: str, now: float, lifetime: int
) -> str:
    """An App Store Connect bearer token: a JWT signed with ES256, its signature in the JOSE
    form (r and s, 32 bytes each) rather than the DER that `cryptography` produces."""
    header = {"alg": "ES256", "kid": key_id, "typ": "JWT"}
    issued = int(now)
    claims = {"iss": issuer_id, "iat": issued, "exp": issued + lifetime, "aud": AUDIENCE}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode("utf-8")) for part in (header, claims)
    )
    der = key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


# -- the connector -------------------------------------------------------------------------------


class AppStoreConnector:
    kind: ClassVar[str] = "app_store"
    title: ClassVar[str] = "App Store"
    fields: ClassVar[tuple[SourceField, ...]] = (
        SourceField(
            "issuer_id",
            "Issuer ID",
            "In App Store Connect: Users and Access › Integrations › App Store Connect API, "
            "shown above the list of keys.",
            placeholder="57246542-96fe-1a63-e053-0824d011072a",
        ),
        SourceField(
            "key_id",
            "Key ID",
            "The ID of a team key with the Admin, App Manager or Customer Support role.",
            placeholder="2X9R4HXF34",
        ),
        SourceField(
            "private_key",
            "Private key (.p8)",
            "The whole text of the AuthKey_<Key ID>.p8 file, which Apple lets you download once.",
            secret=True,
        ),
        SourceField(
            "app_id",
            "App's Apple ID",
            "App Store Connect › the app › App Information › Apple ID (a number). Leave empty "
            "to find the app by its bundle ID instead.",
            required=False,
            placeholder="1234567890",
        ),
        SourceField(
            "bundle_id",
            "Bundle ID",
            "Only when the Apple ID is left empty: the app's bundle ID.",
            required=False,
            placeholder="com.example.app",
        ),
    )
    unsupported: ClassVar[Mapping[Action, str]] = {
        Action.EDIT_REPLY: (
            "Answer the review again instead: the App Store replaces the earlier answer."
        ),
        Action.HIDE: "Apple moderates App Store reviews; a developer cannot hide one.",
        Action.APPROVE: "Apple publishes App Store reviews; they need no approval.",
        Action.SPAM: (
            "App Store reviews cannot be reported through the API; use Report a Concern on the "
            "review in App Store Connect."
        ),
        Action.BAN: "App Store reviewers are anonymous to developers and cannot be banned.",
        Action.RESTORE: (
            "A deleted answer cannot be brought back on the App Store; answer the review again."
        ),
    }
    rescans: ClassVar[bool] = True
    paging_confirms: ClassVar[bool] = False
    reply_replaces: ClassVar[bool] = True
    auth: ClassVar[AuthKind] = AuthKind.TOKEN
    capabilities: ClassVar[frozenset[Action]] = frozenset({Action.REPLY, Action.DELETE})
    irreversible: ClassVar[frozenset[Action]] = frozenset({Action.DELETE})
    reply_limit: ClassVar[int | None] = REPLY_LIMIT

    def __init__(self, config: SourceConfig, *, transport: httpx.AsyncBaseTransport | None = None):
        self._config = config
        settings = config.settings
        self._api = str(settings.get("api_base") or API_BASE).rstrip("/")
        self._api_url = httpx.URL(self._api)
        self._issuer = str(settings.get("issuer_id") or "").strip()
        self._key_id = str(settings.get("key_id") or "").strip()
        self._app_id = str(settings.get("app_id") or config.account or "").strip()
        self._app_name = str(settings.get("app_name") or "")
        self._page_size = min(PAGE_SIZE, max(1, int(settings.get("page_size") or PAGE_SIZE)))
        self._budget_key = f"{self._issuer}/{self._key_id}"
        self._key: ec.EllipticCurvePrivateKey | None = None
        self._token: str | None = None
        self._token_expires_at = 0.0
        self._client = async_client(
            config.timeout_s, transport, headers={"Accept": "application/json"}
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- signing in ----------------------------------------------------------------------------

    @classmethod
    async def sign_in(cls, request: SignIn) -> SignInResult:
        typed = request.settings
        issuer = str(typed.get("issuer_id") or "").strip()
        key_id = str(typed.get("key_id") or "").strip()
        app_id = str(typed.get("app_id") or "").strip()
        bundle_id = str(typed.get("bundle_id") or "").strip()
        key_text = str(request.secrets.get(PRIVATE_KEY) or "")
        try:
            uuid.UUID(issuer)
        except ValueError:
            raise Rejected(
                "The issuer ID is the UUID shown above the keys in App Store Connect "
                "(Users and Access › Integrations › App Store Connect API)."
            ) from None
        if not re.fullmatch(r"[A-Za-z0-9]{6,20}", key_id):
            raise Rejected("The key ID is the short code of the key (10 letters and digits).")
        if not key_text.strip():
            raise Rejected("Paste the text of the key's .p8 file.")
        if app_id and not app_id.isdigit():
            raise Rejected("The app's Apple ID is a number, shown under App Information.")
        if not app_id and not bundle_id:
            raise Rejected("Enter the app's Apple ID or its bundle ID.")
        pem = _pem(key_text)
        load_private_key(pem)
        staged = MemoryCredentials({PRIVATE_KEY: pem})
        settings: dict[str, Any] = {
            name: value
            for name, value in typed.items()
            if name != PRIVATE_KEY and value not in ("", None)
        }
        settings.update({"issuer_id": issuer, "key_id": key_id})
        connector = cls(SourceConfig(0, app_id, settings, staged, timeout_s=request.timeout_s))
        try:
            if app_id:
                name, bundle_id = await connector._app(app_id)
            else:
                app_id, name = await connector._app_by_bundle(bundle_id)
                connector._app_id = app_id
            # The key's role must reach the reviews, not only the app.
            await connector._get(
                f"v1/apps/{app_id}/customerReviews",
                {"limit": 1, "fields[customerReviews]": "createdDate"},
            )
        finally:
            await connector.aclose()
        for secret, value in staged.values.items():
            request.credentials.set(secret, value)
        settings.update({"app_id": app_id, "app_name": name})
        if bundle_id:
            settings["bundle_id"] = bundle_id
        return SignInResult(account=app_id, name=name or f"App {app_id}", settings=settings)

    async def _app(self, app_id: str) -> tuple[str, str]:
        """The app's name and bundle ID."""
        try:
            body = await self._get(f"v1/apps/{app_id}", {"fields[apps]": "name,bundleId"})
        except Gone:
            raise Rejected(
                f"No app with the Apple ID {app_id} is visible to this key in App Store Connect."
            ) from None
        try:
            attributes = body["data"].get("attributes") or {}
            return str(attributes.get("name") or ""), str(attributes.get("bundleId") or "")
        except SHAPE_ERRORS as error:
            raise _malformed("the app", error) from None

    async def _app_by_bundle(self, bundle_id: str) -> tuple[str, str]:
        """The Apple ID and the name of the app with this bundle ID."""
        body = await self._get(
            "v1/apps", {"filter[bundleId]": bundle_id, "fields[apps]": "name,bundleId"}
        )
        try:
            for app in _list(body, "data"):
                attributes = app.get("attributes") or {}
                if attributes.get("bundleId") == bundle_id:
                    return str(app["id"]), str(attributes.get("name") or "")
        except SHAPE_ERRORS as error:
            raise _malformed("the list of apps", error) from None
        raise Rejected(
            f"No app with the bundle ID {bundle_id} is visible to this key in App Store Connect."
        )

    # -- pulling -------------------------------------------------------------------------------

    async def pull(self, cursor: str | None, *, since: int) -> AsyncIterator[PullPage]:
        floor = _watermark(cursor, since)
        async for page in self._reviews(floor, moving_cursor=True):
            yield page

    async def scan(self, since: int) -> AsyncIterator[PullPage]:
        async for page in self._reviews(since, moving_cursor=False):
            yield page

    async def _reviews(self, floor: int, *, moving_cursor: bool) -> AsyncIterator[PullPage]:
        """The reviews created at `floor` or later with their answers, newest first. In a pull,
        every page carries the previous watermark and the last one the newest review's time: a
        pull cut short starts again from the top, and ingest skips what it already has."""
        self._require_app()
        newest = floor
        next_url: str | None = None
        while True:
            if next_url is None:
                body = await self._get(
                    f"v1/apps/{self._app_id}/customerReviews",
                    {
                        "sort": "-createdDate",
                        "limit": self._page_size,
                        "include": "response",
                        "fields[customerReviews]": REVIEW_FIELDS,
                        "fields[customerReviewResponses]": RESPONSE_FIELDS,
                    },
                )
            else:
                body = await self._get_url(next_url)
            try:
                reviews = _list(body, "data")
                responses = _responses(body)
                items: list[RemoteItem] = []
                reached_floor = False
                for raw in reviews:
                    review = self._review(raw)
                    if review.created_at < floor:
                        reached_floor = True
                        break
                    newest = max(newest, review.created_at)
                    items.append(review)
                    answer = self._answer_of(raw, responses, review)
                    if answer is not None:
                        items.append(answer)
                following = _next_link(body)
            except SHAPE_ERRORS as error:
                raise _malformed("a page of reviews", error) from None
            if following is not None:
                following = self._on_api_host(following)
                if following == next_url:
                    raise MalformedResponse(
                        "App Store Connect sent the same page of reviews again as the next one."
                    )
            last = reached_floor or following is None
            page_cursor = None
            if moving_cursor:
                page_cursor = str(newest if last else floor)
            yield PullPage(items, page_cursor)
            if last:
                return
            next_url = following

    def _review(self, raw: dict[str, Any]) -> RemoteItem:
        if raw.get("type") != "customerReviews":
            raise ValueError(f"a {raw.get('type')!r} among the reviews")
        review_id = str(raw["id"])
        attributes = raw["attributes"]
        title = _text(attributes.get("title"))
        body = _text(attributes.get("body"))
        rating = attributes.get("rating")
        if rating is not None and (
            not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5
        ):
            raise ValueError(f"a rating of {rating!r}")
        nickname = _text(attributes.get("reviewerNickname"))
        territory = attributes.get("territory")
        extra: dict[str, Any] = {"title": title}
        if territory:
            extra["territory"] = str(territory)
        return RemoteItem(
            remote_id=review_id,
            kind="review",
            text="\n\n".join(part for part in (title, body) if part),
            created_at=_timestamp(attributes["createdDate"]),
            author=RemoteAuthor(
                f"nickname:{nickname}" if nickname else "nickname:", display_name=nickname
            ),
            context=self._context(),
            rating=rating,
            # The API carries no app version, device or language for a customer review.
            extra=extra,
        )

    def _answer_of(
        self, raw: dict[str, Any], responses: dict[str, dict[str, Any]], review: RemoteItem
    ) -> RemoteItem | None:
        link = ((raw.get("relationships") or {}).get("response") or {}).get("data")
        if not link:
            return None
        response = responses.get(str(link["id"]))
        if response is None:  # named but not included: it shows in a later listing
            return None
        return self._answer(response, review.remote_id)

    def _answer(self, raw: dict[str, Any], review_id: str) -> RemoteItem:
        if raw.get("type") != "customerReviewResponses":
            raise ValueError(f"a {raw.get('type')!r} as an answer")
        attributes = raw["attributes"]
        text = attributes["responseBody"]
        if not isinstance(text, str):
            raise TypeError("responseBody is not text")
        state = str(attributes.get("state") or "PUBLISHED")
        return RemoteItem(
            remote_id=review_id + REPLY_SUFFIX,
            kind="reply",
            text=text,
            created_at=_timestamp(attributes["lastModifiedDate"]),
            author=RemoteAuthor(f"app:{self._app_id}", display_name=self._app_name),
            context=self._context(),
            parent_remote_id=review_id,
            remote_state=RESPONSE_STATES.get(state, "visible"),
            own=True,
            extra={"response_id": str(raw["id"]), "response_state": state},
        )

    def _context(self) -> RemoteContext:
        return RemoteContext(self._app_id, "app", self._app_name, APP_URL + self._app_id)

    # -- one item ------------------------------------------------------------------------------

    async def fetch(self, remote_id: str) -> RemoteItem | None:
        if remote_id.endswith(REPLY_SUFFIX):
            review_id = remote_id.removesuffix(REPLY_SUFFIX)
            raw = await self._response_of(review_id)
            if raw is None:
                raise Gone("The answer to the review is no longer on the App Store.")
            try:
                return self._answer(raw, review_id)
            except SHAPE_ERRORS as error:
                raise _malformed("an answer", error) from None
        try:
            body = await self._get(
                f"v1/customerReviews/{remote_id}",
                {
                    "include": "response",
                    "fields[customerReviews]": REVIEW_FIELDS,
                    "fields[customerReviewResponses]": RESPONSE_FIELDS,
                },
            )
        except Gone:
            raise Gone("The review is no longer on the App Store.") from None
        try:
            return self._review(body["data"])
        except SHAPE_ERRORS as error:
            raise _malformed("a review", error) from None

    async def _review_exists(self, review_id: str) -> None:
        """Raise Gone if the review is no longer on the App Store."""
        try:
            await self._get(
                f"v1/customerReviews/{review_id}", {"fields[customerReviews]": "createdDate"}
            )
        except Gone:
            raise Gone("The review is no longer on the App Store.") from None

    async def _response_of(self, review_id: str) -> dict[str, Any] | None:
        """The review's answer as Apple has it now (with its current id), None if it has none
        (or the review itself is gone: Apple answers both with 404)."""
        try:
            body = await self._get(
                f"v1/customerReviews/{review_id}/response",
                {"fields[customerReviewResponses]": RESPONSE_FIELDS},
            )
        except Gone:
            return None
        data = body.get("data")
        if data is None:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise MalformedResponse("App Store Connect sent an answer in an unexpected shape.")
        return data

    # -- pushing -------------------------------------------------------------------------------

    @classmethod
    def restrictions(cls, item: ItemFacts, now: int) -> Mapping[Action, str]:
        if item.kind == "reply" or item.remote_id.endswith(REPLY_SUFFIX):
            reasons = {
                Action.REPLY: (
                    "Answer the review itself: the App Store keeps one answer per review, and a "
                    "new answer replaces this one."
                )
            }
            if not item.own:
                reasons[Action.DELETE] = "Only the app's own answer can be deleted."
            return reasons
        return {
            Action.DELETE: (
                "Apple moderates App Store reviews; a developer can answer a review but not "
                "delete it."
            )
        }

    async def push(self, operation: Operation) -> PushResult:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            if remote_id.endswith(REPLY_SUFFIX):
                raise Rejected(self.restrictions(_reply_facts(remote_id), 0)[Action.REPLY])
            return await self._answer_review(remote_id, str(operation.payload["text"]))
        if kind is Action.DELETE:
            if not remote_id.endswith(REPLY_SUFFIX):
                raise Rejected(self.restrictions(_review_facts(remote_id), 0)[Action.DELETE])
            return await self._delete_answer(remote_id.removesuffix(REPLY_SUFFIX))
        raise Rejected(
            self.unsupported.get(kind, f"The App Store cannot {kind.value.replace('_', ' ')}.")
        )

    async def _answer_review(self, review_id: str, text: str) -> PushResult:
        if len(text) > REPLY_LIMIT:
            raise Rejected(f"An App Store answer is limited to {REPLY_LIMIT:,} characters.")
        body = {
            "data": {
                "type": "customerReviewResponses",
                "attributes": {"responseBody": text},
                "relationships": {"review": {"data": {"type": "customerReviews", "id": review_id}}},
            }
        }
        try:
            created = await self._write("POST", "v1/customerReviewResponses", body)
        except _Conflict as conflict:
            # Posting again replaces an earlier answer; where Apple refuses because the review
            # already has one, that one is deleted first and the answer posted again.
            existing = await self._response_of(review_id)
            if existing is None:
                # Nothing to replace: the review is gone (Apple names it an invalid
                # relationship), or the answer itself is refused.
                await self._review_exists(review_id)
                raise Rejected(conflict.message) from None
            try:
                await self._write("DELETE", f"v1/customerReviewResponses/{existing['id']}", None)
            except _Conflict as refused:
                raise Rejected(refused.message) from None
            try:
                created = await self._write("POST", "v1/customerReviewResponses", body)
            except _Conflict as again:
                raise Rejected(again.message or conflict.message) from None
        try:
            data = created["data"]
            if not isinstance(data["id"], str) or not data["id"]:
                raise ValueError("no id")
        except SHAPE_ERRORS as error:
            raise _malformed("the new answer", error) from None
        return PushResult(remote_id=review_id + REPLY_SUFFIX)

    async def _delete_answer(self, review_id: str) -> PushResult:
        # Apple's id of the answer changes when it is replaced: the current one is looked up.
        existing = await self._response_of(review_id)
        if existing is None:
            return PushResult(remote_state="deleted")
        try:
            await self._write("DELETE", f"v1/customerReviewResponses/{existing['id']}", None)
        except Gone:
            pass  # deleted in the meantime: what was asked for
        except _Conflict as conflict:
            raise Rejected(conflict.message) from None
        return PushResult(remote_state="deleted")

    async def reconcile(self, operation: Operation) -> PushResult | None:
        kind = operation.kind
        remote_id = operation.item_remote_id
        if kind is Action.REPLY:
            # The answer keeps one remote id per review, so earlier answers are told apart by
            # their text and time rather than by known_reply_ids.
            raw = await self._response_of(remote_id)
            if raw is None:
                return None
            try:
                attributes = raw["attributes"]
                same = attributes["responseBody"] == operation.payload.get("text")
                recent = _timestamp(attributes["lastModifiedDate"]) >= operation.created_at - 300
            except SHAPE_ERRORS as error:
                raise _malformed("an answer", error) from None
            return PushResult(remote_id=remote_id + REPLY_SUFFIX) if same and recent else None
        if kind is Action.DELETE and remote_id.endswith(REPLY_SUFFIX):
            raw = await self._response_of(remote_id.removesuffix(REPLY_SUFFIX))
            return PushResult(remote_state="deleted") if raw is None else None
        return None

    # -- HTTP ----------------------------------------------------------------------------------

    def _require_app(self) -> None:
        if not self._app_id:
            raise AuthFailed("The source does not know which app to read; sign in again.")

    def _on_api_host(self, link: str) -> str:
        url = self._api_url.join(link)
        if (url.scheme, url.host, url.port) != (
            self._api_url.scheme,
            self._api_url.host,
            self._api_url.port,
        ):
            raise MalformedResponse(
                f"App Store Connect pointed to the next page on another host ({url.host})."
            )
        return str(url)

    async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        return await self._request("GET", f"{self._api}/{path}", params, None, writes=False)

    async def _get_url(self, url: str) -> dict[str, Any]:
        return await self._request("GET", url, None, None, writes=False)

    async def _write(self, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        return await self._request(method, f"{self._api}/{path}", None, body, writes=True)

    async def _request(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        body: dict[str, Any] | None,
        *,
        writes: bool,
    ) -> dict[str, Any]:
        renewed = False
        while True:
            fresh = self._token is None or self._token_expires_at - TOKEN_MARGIN_S <= time.time()
            token = self._bearer()
            _take_turn(self._budget_key, time.time())
            response = await self._send(method, url, params, body, token, writes)
            self._note_budget(response)
            if response.status_code == 401 and not fresh and not renewed:
                # A token this connector still thought valid (a clock that jumped, a machine
                # that slept): a new one, once. A 401 means the request was not carried out.
                self._token = None
                renewed = True
                continue
            return self._decode(response)

    def _bearer(self) -> str:
        now = time.time()
        if self._token is not None and self._token_expires_at - TOKEN_MARGIN_S > now:
            return self._token
        if self._key is None:
            text = self._config.credentials.get(PRIVATE_KEY)
            if not text:
                raise AuthFailed("The App Store Connect key is missing; sign in again.")
            try:
                self._key = load_private_key(text)
            except Rejected as error:
                raise AuthFailed(f"{error} Sign in again.") from None
        if not self._issuer or not self._key_id:
            raise AuthFailed("The source does not know its API key's IDs; sign in again.")
        self._token = make_token(self._key, self._key_id, self._issuer, now, TOKEN_LIFETIME_S)
        self._token_expires_at = int(now) + TOKEN_LIFETIME_S
        return self._token

    def _note_budget(self, response: httpx.Response) -> None:
        _limit, remaining = rate_limit_header(response.headers.get("X-Rate-Limit"))
        if remaining is not None and remaining <= 0 and response.status_code != 429:
            _spent(self._budget_key, time.time())

    async def _send(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        body: dict[str, Any] | None,
        token: str,
        writes: bool,
    ) -> httpx.Response:
        with request_errors("App Store Connect", writes=writes):
            return await self._client.request(
                method,
                url,
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
                raise MalformedResponse(
                    "App Store Connect's answer is not the JSON its API documents."
                )
            return body
        code, detail = _apple_error(response)
        if status == 401:
            raise AuthFailed(
                "App Store Connect does not accept the API key: the key was revoked or is "
                "wrong (check the issuer ID, key ID and private key); sign in again."
            )
        if status == 429:
            raise _limited(_spent(self._budget_key, time.time()))
        if status >= 500:
            raise ServerError(f"App Store Connect had an internal error ({status}).")
        if status == 403:
            raise Rejected(ROLE_HELP + (f" ({detail})" if detail else ""))
        if status == 404:
            raise Gone(detail or "It is no longer on the App Store.")
        if status == 409:
            raise _Conflict(_refusal(code, detail, status))
        raise Rejected(_refusal(code, detail, status))


# -- helpers -------------------------------------------------------------------------------------


class _Conflict(Rejected):
    """Apple's 409: the request conflicts with the entity's state (an answer already there,
    an answer still being published)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _reply_facts(remote_id: str) -> ItemFacts:
    return ItemFacts(remote_id, "reply", 0, True, "visible")


def _review_facts(remote_id: str) -> ItemFacts:
    return ItemFacts(remote_id, "review", 0, False, "visible")


def _watermark(cursor: str | None, since: int) -> int:
    """The newest review time a pull has seen; a cursor in another shape starts from `since`."""
    try:
        return int(cursor) if cursor else since
    except ValueError:
        return since


def _timestamp(value: Any) -> int:
    if not isinstance(value, str):
        raise TypeError("a time is not a string")
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return int(parsed.timestamp())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("a text is not a string")
    return value


def _list(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = body[name]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError(f"{name} is not a list of resources")
    return value


def _responses(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The included answers by id (other included types are not asked for and are skipped)."""
    included = body.get("included") or []
    if not isinstance(included, list):
        raise TypeError("included is not a list")
    return {
        str(raw["id"]): raw
        for raw in included
        if isinstance(raw, dict) and raw.get("type") == "customerReviewResponses"
    }


def _next_link(body: dict[str, Any]) -> str | None:
    links = body["links"]
    if not isinstance(links, dict):
        raise TypeError("links is not an object")
    following = links.get("next")
    if following is None or following == "":
        return None
    if not isinstance(following, str):
        raise TypeError("links.next is not a string")
    return following


def _malformed(what: str, error: Exception) -> MalformedResponse:
    return MalformedResponse(f"App Store Connect sent {what} in an unexpected shape ({error!r}).")


def _apple_error(response: httpx.Response) -> tuple[str, str]:
    """The code and detail of the first error of Apple's envelope:
    {"errors": [{"status", "code", "title", "detail"}]}."""
    try:
        first = response.json()["errors"][0]
        return str(first.get("code") or ""), str(first.get("detail") or first.get("title") or "")
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return "", ""


def _refusal(code: str, detail: str, status: int) -> str:
    return f"App Store Connect refused the request ({detail or code or status})."


CONNECTOR = AppStoreConnector
