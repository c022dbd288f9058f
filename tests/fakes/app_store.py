"""A fake App Store Connect API: apps, customer reviews and the developer's responses.

It answers in Apple's JSON:API shapes (data/included/links/meta, `links.next` with an opaque
`cursor`, createdDate with a Pacific offset, Apple's error envelope with string statuses) and
checks every request twice: against the OpenAPI document of the API
(tests/fakes/openapi.py, tests/data/specs/app-store-connect/) and for a valid bearer token, an
ES256 JWT it verifies with the public half of a key pair it made itself (kid, typ, iss, aud,
iat, exp at most 20 minutes after iat and not passed).

Its own answers are checked against the document's response schemas too (`answer_errors`).

The document declares no `cursor` parameter on the review listings although Apple's own
`links.next` carries one, so `cursor` is let through on the listing; everything else is checked.

Switches: revoke_key / new_key (a revoked or replaced API key), clock_offset (the server's
clock, for tokens), the hourly request budget with X-Rate-Limit and 429, fail (any status and
Apple error code), malformed payloads, forbid (a key role without access), replace_needs_delete
(a 409 when answering a review that has an answer), next_link_host (links.next on another
host), remote edits and deletions of reviews and responses.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jsonschema
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.fakes.http import FakeHTTPServer, Reply, Request
from tests.fakes.openapi import OpenAPI, Operation, app_store_connect

ISSUER_ID = "57246542-96fe-1a63-e053-0824d011072a"
KEY_ID = "2X9R4HXF34"
APP_ID = "1234567890"
APP_NAME = "Lumo Notes"
BUNDLE_ID = "com.lumo.notes"
PACIFIC = ZoneInfo("America/Los_Angeles")
MAX_TOKEN_LIFETIME_S = 20 * 60
DEFAULT_PAGE = 50
REVIEWS_LIST = "/v1/apps/{id}/customerReviews"


def apple_date(at: float) -> str:
    """A date-time as Apple writes review dates: Pacific time with its offset."""
    return dt.datetime.fromtimestamp(at, PACIFIC).isoformat(timespec="seconds")


def apple_error(status: int, code: str, title: str, detail: str) -> Reply:
    return Reply(
        status,
        {
            "errors": [
                {
                    "id": str(uuid.uuid4()),
                    "status": str(status),
                    "code": code,
                    "title": title,
                    "detail": detail,
                }
            ]
        },
    )


def new_key_pair() -> tuple[str, ec.EllipticCurvePublicKey]:
    """A P-256 key as a .p8 file holds it (PKCS#8 PEM), and its public half."""
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return pem, private.public_key()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class App:
    id: str
    name: str
    bundle_id: str


@dataclass
class Response:
    id: str
    review_id: str
    body: str
    modified: float
    state: str = "PENDING_PUBLISH"


@dataclass
class Review:
    id: str
    app_id: str
    rating: int
    title: str
    body: str
    nickname: str
    created: float
    territory: str
    response: Response | None = None


@dataclass
class Fault:
    status: int
    code: str
    detail: str
    times: int
    method: str | None
    template: str | None
    headers: dict[str, str] = field(default_factory=dict)


class FakeAppStoreConnect(FakeHTTPServer):
    def __init__(self) -> None:
        super().__init__()
        self.spec: OpenAPI = app_store_connect()
        self._schemas: Registry[Any] = Registry().with_resource(
            "urn:spec",
            Resource.from_contents(self.spec.document, default_specification=DRAFT202012),
        )
        # Answers of this fake that do not match the document's response schema: a fake that
        # drifted from Apple's shapes would make the connector's tests prove nothing.
        self.answer_errors: list[str] = []
        self._validators: dict[str, jsonschema.Draft202012Validator] = {}
        self.issuer_id = ISSUER_ID
        self.key_id = KEY_ID
        self.private_key_pem, public = new_key_pair()
        self.keys: dict[str, ec.EllipticCurvePublicKey] = {KEY_ID: public}
        self.revoked: set[str] = set()
        self.clock_offset = 0.0
        self.tokens: list[dict[str, Any]] = []  # the verified claims of every token, in order
        self.auth_failures: list[str] = []
        self.apps: dict[str, App] = {APP_ID: App(APP_ID, APP_NAME, BUNDLE_ID)}
        self.reviews: dict[str, Review] = {}
        self.deleted_responses: list[Response] = []
        self.rate_limit = 3500
        self.rate_used = 0
        self.faults: list[Fault] = []
        self.malformed_left = 0
        self.malformed_template: str | None = None
        self.malformed_body: Any = None
        self.forbidden: set[str] = set()  # methods the key's role may not use ("POST", "GET")
        self.replace_needs_delete = False
        self.next_link_host: str | None = None
        self._ids = itertools.count(1)
        for method in ("GET", "POST", "DELETE", "PATCH", "PUT"):
            self.route(method, r"/v1/.*", self._api)

    # -- URLs, keys and seeding ----------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return self.base_url

    def now(self) -> float:
        return time.time() + self.clock_offset

    def settings(self, **extra: Any) -> dict[str, Any]:
        """A source's settings pointing at this server."""
        return {
            "issuer_id": self.issuer_id,
            "key_id": self.key_id,
            "app_id": APP_ID,
            "app_name": APP_NAME,
            "bundle_id": BUNDLE_ID,
            "api_base": self.api_base,
            **extra,
        }

    def new_key(self) -> tuple[str, str]:
        """A new API key made in App Store Connect: its key ID and .p8 text."""
        with self.lock:
            pem, public = new_key_pair()
            key_id = f"NEWKEY{next(self._ids):04d}"
            self.keys[key_id] = public
            return key_id, pem

    def revoke_key(self, key_id: str = KEY_ID) -> None:
        with self.lock:
            self.revoked.add(key_id)

    def add_review(
        self,
        body: str,
        *,
        title: str = "",
        rating: int = 5,
        nickname: str = "reviewer",
        at: float | None = None,
        territory: str = "USA",
        app_id: str = APP_ID,
    ) -> str:
        with self.lock:
            n = next(self._ids)
            review_id = f"{n:08x}-4c1e-4f2a-9f2a-{n:012x}"
            created = self.now() if at is None else at
            self.reviews[review_id] = Review(
                review_id, app_id, rating, title, body, nickname, created, territory
            )
            return review_id

    def answer(
        self, review_id: str, text: str, *, state: str = "PUBLISHED", at: float | None = None
    ) -> str:
        """The developer answered on App Store Connect's website."""
        with self.lock:
            response = Response(
                f"resp-{next(self._ids):06d}",
                review_id,
                text,
                self.now() if at is None else at,
                state,
            )
            self.reviews[review_id].response = response
            return response.id

    def edit_review(
        self, review_id: str, *, body: str | None = None, rating: int | None = None
    ) -> None:
        """The customer edits the review (Apple keeps no record of when)."""
        with self.lock:
            review = self.reviews[review_id]
            if body is not None:
                review.body = body
            if rating is not None:
                review.rating = rating

    def delete_review(self, review_id: str) -> None:
        with self.lock:
            self.reviews.pop(review_id)

    def delete_response(self, review_id: str) -> None:
        """The developer deleted the answer on the website."""
        with self.lock:
            review = self.reviews[review_id]
            if review.response is not None:
                self.deleted_responses.append(review.response)
            review.response = None

    def publish_responses(self) -> None:
        with self.lock:
            for review in self.reviews.values():
                if review.response is not None:
                    review.response.state = "PUBLISHED"

    # -- switches ------------------------------------------------------------------------------

    def fail(
        self,
        status: int,
        code: str,
        *,
        detail: str = "",
        times: int = 1,
        method: str | None = None,
        template: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next `times` requests (of this method and OpenAPI path template) with
        Apple's error envelope."""
        with self.lock:
            self.faults.append(
                Fault(status, code, detail or code, times, method, template, dict(headers or {}))
            )

    def malformed(self, template: str | None = None, times: int = 1, body: Any = None) -> None:
        """Answer the next `times` requests (of this path template) with a 200 in a shape the
        document does not have."""
        with self.lock:
            self.malformed_left = times
            self.malformed_template = template
            self.malformed_body = body

    # -- the API -------------------------------------------------------------------------------

    def _api(self, request: Request) -> Reply:
        template = self.spec.find(request.method, request.path).template
        ignore = frozenset({"cursor"}) if template == REVIEWS_LIST else frozenset()
        operation = self.spec.check(request, ignore_query=ignore)  # SpecViolation: a 400
        refusal = self._authenticate(request)
        if refusal is not None:
            self.auth_failures.append(refusal)
            return self._limited(
                apple_error(
                    401,
                    "NOT_AUTHORIZED",
                    "Authentication credentials are missing or invalid.",
                    "Provide a properly configured and signed bearer token, and make sure that "
                    "it has not expired.",
                )
            )
        if self.rate_used >= self.rate_limit:
            return self._limited(
                apple_error(
                    429,
                    "RATE_LIMIT_EXCEEDED",
                    "The request rate limit has been reached.",
                    "We've received too many requests for this API. Please wait and try again "
                    "or slow down your request rate.",
                )
            )
        self.rate_used += 1
        for fault in self.faults:
            if (
                fault.times > 0
                and fault.method in (None, request.method)
                and fault.template in (None, operation.template)
            ):
                fault.times -= 1
                reply = apple_error(fault.status, fault.code, fault.code, fault.detail)
                reply.headers.update(fault.headers)
                return self._limited(reply)
        if request.method in self.forbidden:
            return self._limited(
                apple_error(
                    403,
                    "FORBIDDEN_ERROR",
                    "This request is forbidden for security reasons",
                    "The API key in use does not allow this request",
                )
            )
        handler = {
            ("GET", "/v1/apps"): self._apps,
            ("GET", "/v1/apps/{id}"): self._app,
            ("GET", REVIEWS_LIST): self._review_list,
            ("GET", "/v1/customerReviews/{id}"): self._review,
            ("GET", "/v1/customerReviews/{id}/response"): self._response_of_review,
            ("GET", "/v1/customerReviewResponses/{id}"): self._response,
            ("POST", "/v1/customerReviewResponses"): self._create_response,
            ("DELETE", "/v1/customerReviewResponses/{id}"): self._delete_response,
        }.get((request.method, operation.template))
        if handler is None:
            return self._limited(
                apple_error(405, "METHOD_NOT_ALLOWED", "Not faked", operation.template)
            )
        match = operation.pattern.fullmatch(request.path)
        assert match is not None
        ids = [value for value in match.groups() if value is not None]
        reply = handler(request, ids[0] if ids else "")
        self._check_answer(operation, request, reply)
        if self.malformed_left > 0 and self.malformed_template in (None, operation.template):
            # The request is carried out (a write arrives); only its answer is broken.
            self.malformed_left -= 1
            body = self.malformed_body
            if body is None:
                body = {"data": {"type": "customerReviews"}, "links": {}}
            reply = Reply(200, body)
        return self._limited(reply)

    def _check_answer(self, operation: Operation, request: Request, reply: Reply) -> None:
        answer = operation.spec.get("responses", {}).get(str(reply.status), {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema")
        if schema is None or reply.body is None:
            return
        validator = self._validators.get(schema["$ref"])
        if validator is None:
            validator = self._validators[schema["$ref"]] = jsonschema.Draft202012Validator(
                {"$ref": "urn:spec" + schema["$ref"]}, registry=self._schemas
            )
        for error in validator.iter_errors(reply.body):
            where = "/".join(str(p) for p in error.path)
            self.answer_errors.append(f"{request.method} {request.path} {where}: {error.message}")

    def _limited(self, reply: Reply) -> Reply:
        remaining = max(0, self.rate_limit - self.rate_used)
        reply.headers["X-Rate-Limit"] = (
            f"user-hour-lim:{self.rate_limit};user-hour-rem:{remaining};"
        )
        return reply

    def _authenticate(self, request: Request) -> str | None:
        """Why the bearer token is refused, or None if it is good."""
        authorization = request.headers.get("authorization", "")
        if not authorization.startswith("Bearer "):
            return "no bearer token"
        token = authorization.removeprefix("Bearer ")
        try:
            header_part, claims_part, signature_part = token.split(".")
            header = json.loads(_unb64(header_part))
            claims = json.loads(_unb64(claims_part))
            signature = _unb64(signature_part)
        except ValueError:
            return "not a JWT"
        if header.get("alg") != "ES256" or header.get("typ") != "JWT":
            return f"header {header!r}"
        key_id = header.get("kid")
        public = self.keys.get(str(key_id))
        if public is None:
            return f"unknown key {key_id!r}"
        if key_id in self.revoked:
            return f"revoked key {key_id!r}"
        if len(signature) != 64:
            return "signature is not 64 bytes (r||s)"
        der = encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )
        try:
            public.verify(
                der, f"{header_part}.{claims_part}".encode("ascii"), ec.ECDSA(hashes.SHA256())
            )
        except InvalidSignature:
            return "bad signature"
        now = self.now()
        if claims.get("iss") != self.issuer_id:
            return f"issuer {claims.get('iss')!r}"
        if claims.get("aud") != "appstoreconnect-v1":
            return f"audience {claims.get('aud')!r}"
        issued, expires = claims.get("iat"), claims.get("exp")
        if not isinstance(issued, int) or not isinstance(expires, int):
            return "iat/exp are not numbers"
        if expires - issued > MAX_TOKEN_LIFETIME_S:
            return "lifetime over 20 minutes"
        if issued > now + 60:
            return "issued in the future"
        if expires <= now:
            return "expired"
        self.tokens.append({"token": token, "kid": key_id, **claims})
        return None

    # -- resources -----------------------------------------------------------------------------

    def _link(self, path: str, query: str = "") -> str:
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")

    def _app_resource(self, app: App, fields: str | None) -> dict[str, Any]:
        attributes = {
            "name": app.name,
            "bundleId": app.bundle_id,
            "sku": app.bundle_id.upper(),
            "primaryLocale": "en-US",
        }
        if fields:
            wanted = fields.split(",")
            attributes = {k: v for k, v in attributes.items() if k in wanted}
        return {
            "type": "apps",
            "id": app.id,
            "attributes": attributes,
            "links": {"self": self._link(f"/v1/apps/{app.id}")},
        }

    def _apps(self, request: Request, _id: str) -> Reply:
        wanted = request.query.get("filter[bundleId]")
        apps = [a for a in self.apps.values() if wanted is None or a.bundle_id in wanted.split(",")]
        return Reply(
            200,
            {
                "data": [self._app_resource(a, request.query.get("fields[apps]")) for a in apps],
                "links": {"self": self._link("/v1/apps")},
                "meta": {"paging": {"total": len(apps), "limit": DEFAULT_PAGE}},
            },
        )

    def _app(self, request: Request, app_id: str) -> Reply:
        app = self.apps.get(app_id)
        if app is None:
            return _not_found("apps", app_id)
        return Reply(
            200,
            {
                "data": self._app_resource(app, request.query.get("fields[apps]")),
                "links": {"self": self._link(f"/v1/apps/{app_id}")},
            },
        )

    def _review_resource(self, review: Review, request: Request) -> dict[str, Any]:
        attributes: dict[str, Any] = {
            "rating": review.rating,
            "title": review.title,
            "body": review.body,
            "reviewerNickname": review.nickname,
            "createdDate": apple_date(review.created),
            "territory": review.territory,
        }
        fields = request.query.get("fields[customerReviews]")
        wanted = fields.split(",") if fields else [*attributes, "response"]
        resource: dict[str, Any] = {
            "type": "customerReviews",
            "id": review.id,
            "attributes": {k: v for k, v in attributes.items() if k in wanted},
            "links": {"self": self._link(f"/v1/customerReviews/{review.id}")},
        }
        if "response" in wanted:
            relation: dict[str, Any] = {
                "links": {
                    "self": self._link(f"/v1/customerReviews/{review.id}/relationships/response"),
                    "related": self._link(f"/v1/customerReviews/{review.id}/response"),
                }
            }
            if review.response is not None and "response" in request.query.get("include", ""):
                relation["data"] = {"type": "customerReviewResponses", "id": review.response.id}
            resource["relationships"] = {"response": relation}
        return resource

    def _response_resource(self, response: Response, request: Request) -> dict[str, Any]:
        attributes: dict[str, Any] = {
            "responseBody": response.body,
            "lastModifiedDate": apple_date(response.modified),
            "state": response.state,
        }
        fields = request.query.get("fields[customerReviewResponses]")
        wanted = fields.split(",") if fields else [*attributes, "review"]
        resource: dict[str, Any] = {
            "type": "customerReviewResponses",
            "id": response.id,
            "attributes": {k: v for k, v in attributes.items() if k in wanted},
            "links": {"self": self._link(f"/v1/customerReviewResponses/{response.id}")},
        }
        if "review" in wanted:
            resource["relationships"] = {
                "review": {"data": {"type": "customerReviews", "id": response.review_id}}
            }
        return resource

    def _review_list(self, request: Request, app_id: str) -> Reply:
        if app_id not in self.apps:
            return _not_found("apps", app_id)
        reviews = [r for r in self.reviews.values() if r.app_id == app_id]
        ratings = request.query.get("filter[rating]")
        if ratings:
            reviews = [r for r in reviews if str(r.rating) in ratings.split(",")]
        territories = request.query.get("filter[territory]")
        if territories:
            reviews = [r for r in reviews if r.territory in territories.split(",")]
        answered = request.query.get("exists[publishedResponse]")
        if answered is not None:
            reviews = [
                r
                for r in reviews
                if (r.response is not None and r.response.state == "PUBLISHED")
                == (answered == "true")
            ]
        sort = request.query.get("sort", "")
        if sort.lstrip("-") == "rating":
            reviews.sort(key=lambda r: (r.rating, r.created), reverse=sort.startswith("-"))
        else:
            reviews.sort(key=lambda r: r.created, reverse=sort.startswith("-"))
        limit = int(request.query.get("limit") or DEFAULT_PAGE)
        cursor = request.query.get("cursor")
        try:
            start = int(_unb64(cursor).decode("ascii")) if cursor else 0
        except ValueError:
            return apple_error(
                400,
                "PARAMETER_ERROR.INVALID",
                "A parameter has an invalid value",
                f"'{cursor}' is not a valid cursor for this request",
            )
        page = reviews[start : start + limit]
        included = []
        if "response" in request.query.get("include", ""):
            included = [
                self._response_resource(r.response, request) for r in page if r.response is not None
            ]
        query = {k: v for k, v in request.query.items() if k != "cursor"}
        links: dict[str, str] = {"self": self._link(request.path, urlencode(query))}
        if start + limit < len(reviews):
            token = base64.urlsafe_b64encode(str(start + limit).encode()).decode().rstrip("=")
            following = self._link(request.path, urlencode({"cursor": token, **query}))
            if self.next_link_host is not None:
                following = following.replace(self.base_url, self.next_link_host)
            links["next"] = following
        body: dict[str, Any] = {
            "data": [self._review_resource(r, request) for r in page],
            "links": links,
            "meta": {"paging": {"total": len(reviews), "limit": limit}},
        }
        if included:
            body["included"] = included
        return Reply(200, body)

    def _review(self, request: Request, review_id: str) -> Reply:
        review = self.reviews.get(review_id)
        if review is None:
            return _not_found("customerReviews", review_id)
        body: dict[str, Any] = {
            "data": self._review_resource(review, request),
            "links": {"self": self._link(request.path)},
        }
        if review.response is not None and "response" in request.query.get("include", ""):
            body["included"] = [self._response_resource(review.response, request)]
        return Reply(200, body)

    def _response_of_review(self, request: Request, review_id: str) -> Reply:
        review = self.reviews.get(review_id)
        if review is None:
            return _not_found("customerReviews", review_id)
        if review.response is None:
            return _not_found("customerReviewResponses", f"response of {review_id}")
        return Reply(
            200,
            {
                "data": self._response_resource(review.response, request),
                "links": {"self": self._link(request.path)},
            },
        )

    def _find_response(self, response_id: str) -> Response | None:
        for review in self.reviews.values():
            if review.response is not None and review.response.id == response_id:
                return review.response
        return None

    def _response(self, request: Request, response_id: str) -> Reply:
        response = self._find_response(response_id)
        if response is None:
            return _not_found("customerReviewResponses", response_id)
        return Reply(
            200,
            {
                "data": self._response_resource(response, request),
                "links": {"self": self._link(request.path)},
            },
        )

    def _create_response(self, request: Request, _id: str) -> Reply:
        data = request.json()["data"]
        review_id = data["relationships"]["review"]["data"]["id"]
        text = data["attributes"]["responseBody"]
        review = self.reviews.get(review_id)
        if review is None:
            return apple_error(
                409,
                "ENTITY_ERROR.RELATIONSHIP.INVALID",
                "The provided entity includes a relationship with an invalid value",
                f"'{review_id}' is not a valid id for this relationship",
            )
        if not text.strip():
            return apple_error(
                409,
                "ENTITY_ERROR.ATTRIBUTE.INVALID",
                "The provided entity includes an attribute with an invalid value",
                "The response body must not be empty",
            )
        if review.response is not None:
            if self.replace_needs_delete:
                return apple_error(
                    409,
                    "ENTITY_ERROR",
                    "The request entity is not valid",
                    "A response already exists for this review",
                )
            self.deleted_responses.append(review.response)
        response = Response(f"resp-{next(self._ids):06d}", review_id, text, self.now())
        review.response = response
        reply = Reply(
            201,
            {
                "data": self._response_resource(response, Request("POST", "", "", {}, {}, b"")),
                "links": {"self": self._link(f"/v1/customerReviewResponses/{response.id}")},
            },
        )
        return reply

    def _delete_response(self, _request: Request, response_id: str) -> Reply:
        response = self._find_response(response_id)
        if response is None:
            return _not_found("customerReviewResponses", response_id)
        review = self.reviews[response.review_id]
        self.deleted_responses.append(response)
        review.response = None
        return Reply(204, None)


def _not_found(kind: str, resource_id: str) -> Reply:
    return apple_error(
        404,
        "NOT_FOUND",
        "The specified resource does not exist",
        f"There is no resource of type '{kind}' with id '{resource_id}'",
    )
