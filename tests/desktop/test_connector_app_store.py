"""The App Store connector against the fake App Store Connect API: real HTTP on 127.0.0.1, the
real sync engine and outbox, every request checked against Apple's OpenAPI document and every
bearer token verified as an ES256 JWT."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import select

import desktop.sync.engine as engine_module
from desktop.connectors import app_store
from desktop.connectors.app_store import AppStoreConnector
from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    MalformedResponse,
    Operation,
    RateLimited,
    Rejected,
    ServerError,
    SignIn,
    SignInResult,
    SourceConfig,
)
from desktop.db.models import Event, Item, OutboxOperation, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxError, OutboxService
from desktop.services.sources import (
    StagedCredentials,
    save_sign_in_again,
    save_source,
    sign_in,
    source_values,
)
from desktop.sync.engine import SourceReport, SyncEngine
from desktop.workspace import Workspace
from tests.fakes.app_store import (
    APP_ID,
    APP_NAME,
    BUNDLE_ID,
    ISSUER_ID,
    KEY_ID,
    REVIEWS_LIST,
    FakeAppStoreConnect,
    new_key_pair,
)
from tests.support.platform import MemoryKeyring

HOUR = 3600
RESPONSES = r"/v1/customerReviewResponses(/.*)?"


@pytest.fixture(autouse=True)
def _fresh_budgets() -> Iterator[None]:
    """The hourly budget of each key lives for the process; each test starts without one."""
    app_store._WINDOWS.clear()
    yield
    app_store._WINDOWS.clear()


@pytest.fixture
def server() -> Iterator[FakeAppStoreConnect]:
    fake = FakeAppStoreConnect().start()
    yield fake
    fake.stop()
    assert fake.answer_errors == [], "the fake answered outside Apple's document"


def seed(server: FakeAppStoreConnect) -> dict[str, str]:
    """Five reviews of the last hours, newest last: one answered and published, one answered
    and waiting for Apple, one without a title."""
    now = time.time()
    ids = {
        "crash": server.add_review(
            "It crashes when I export a PDF.",
            title="Crashes",
            rating=1,
            nickname="nightowl_77",
            at=now - 5 * HOUR,
            territory="DEU",
        ),
        "love": server.add_review(
            "Best notes app.", title="Love it", rating=5, nickname="mira", at=now - 4 * HOUR
        ),
        "dark": server.add_review(
            "Please add a dark mode.",
            title="Nearly perfect",
            rating=4,
            nickname="kai",
            at=now - 3 * HOUR,
            territory="FRA",
        ),
        "sync": server.add_review(
            "Sync is slow.", title="Slow", rating=3, nickname="jo", at=now - 2 * HOUR
        ),
        "plain": server.add_review("ok", rating=3, nickname="sam", at=now - 1 * HOUR),
    }
    server.answer(ids["love"], "Thank you!", at=now - 3.5 * HOUR)
    server.answer(ids["dark"], "Coming soon!", state="PENDING_PUBLISH", at=now - 2.5 * HOUR)
    return ids


def store_key(source_id: int, server: FakeAppStoreConnect) -> None:
    SourceSecrets(source_id).set("private_key", server.private_key_pem)


def add_source(
    workspace: Workspace,
    server: FakeAppStoreConnect,
    *,
    rescan: bool = False,
    **settings: Any,
) -> int:
    """A source as a finished sign-in leaves it: settings in the database, the key in the
    keyring (the test's memory keyring). Without `rescan`, no pass re-scans."""
    result = SignInResult(
        APP_ID,
        APP_NAME,
        server.settings(
            timeout_s=2.0, rescan_interval_s=0 if rescan else 10**9, page_size=2, **settings
        ),
    )
    source_id = save_source(
        workspace.db,
        "app_store",
        result,
        StagedCredentials({"private_key": server.private_key_pem}),
    )
    with workspace.db.transaction() as session:
        session.add(SyncState(source_id=source_id, failures=0, last_rescan_at=int(time.time())))
    return source_id


def connector(
    server: FakeAppStoreConnect, source_id: int = 1, **settings: Any
) -> AppStoreConnector:
    return AppStoreConnector(
        SourceConfig(
            source_id, APP_ID, {**server.settings(), **settings}, SourceSecrets(source_id), 2.0
        )
    )


def sync(engine: SyncEngine) -> SourceReport:
    [report] = asyncio.run(engine.run_once())
    return report


def items(workspace: Workspace) -> dict[str, Item]:
    with workspace.db.sessions() as session:
        return {i.remote_id: i for i in session.scalars(select(Item))}


def item_id(workspace: Workspace, remote_id: str) -> int:
    return items(workspace)[remote_id].id


def operations(workspace: Workspace) -> list[OutboxOperation]:
    with workspace.db.sessions() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.id)))


def review_pages(server: FakeAppStoreConnect) -> list[Any]:
    return [r for r in server.calls("GET", r"/v1/apps/\d+/customerReviews") if "sort" in r.query]


def claims(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes]:
    header, body, signature = token.split(".")

    def decode(part: str) -> bytes:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))

    return json.loads(decode(header)), json.loads(decode(body)), decode(signature)


# -- signing in ----------------------------------------------------------------------------------


def test_sign_in_checks_the_key_and_keeps_it_in_the_keyring_only(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    typed = {
        "issuer_id": ISSUER_ID,
        "key_id": KEY_ID,
        "app_id": APP_ID,
        "api_base": server.api_base,
        "timeout_s": "2",
    }
    result, staged = asyncio.run(
        sign_in("app_store", typed, {"private_key": server.private_key_pem})
    )
    assert (result.account, result.name) == (APP_ID, APP_NAME)
    assert result.settings["app_name"] == APP_NAME
    assert result.settings["bundle_id"] == BUNDLE_ID
    assert "private_key" not in result.settings
    source_id = save_source(workspace.db, "app_store", result, staged)
    assert memory_keyring.passwords == {
        ("Steward", f"source-{source_id}:private_key"): server.private_key_pem
    }
    key_body = server.private_key_pem.splitlines()[1]
    with workspace.db.sessions() as session:
        rows = session.connection().exec_driver_sql("SELECT * FROM sources").fetchall()
    assert key_body not in repr(rows)
    # The app was looked up, and so were its reviews: the key's role reaches them.
    assert server.calls("GET", rf"/v1/apps/{APP_ID}")
    assert server.calls("GET", rf"/v1/apps/{APP_ID}/customerReviews")
    [token] = {t["token"] for t in server.tokens}
    header, body, signature = claims(token)
    assert header == {"alg": "ES256", "kid": KEY_ID, "typ": "JWT"}
    assert body["iss"] == ISSUER_ID and body["aud"] == "appstoreconnect-v1"
    assert 0 < body["exp"] - body["iat"] <= 20 * 60
    assert len(signature) == 64
    assert server.violations == [] and server.auth_failures == []


def test_sign_in_finds_the_app_by_bundle_id_and_accepts_a_bare_key(
    server: FakeAppStoreConnect,
) -> None:
    bare = "".join(server.private_key_pem.strip().splitlines()[1:-1])
    request = SignIn(
        settings={
            "issuer_id": ISSUER_ID,
            "key_id": KEY_ID,
            "bundle_id": BUNDLE_ID,
            "api_base": server.api_base,
        },
        secrets={"private_key": bare},
        credentials=StagedCredentials(),
        timeout_s=2.0,
    )
    result = asyncio.run(AppStoreConnector.sign_in(request))
    assert (result.account, result.settings["app_id"]) == (APP_ID, APP_ID)
    [lookup] = server.calls("GET", r"/v1/apps")
    assert lookup.query["filter[bundleId]"] == BUNDLE_ID
    assert isinstance(request.credentials, StagedCredentials)
    assert "BEGIN PRIVATE KEY" in request.credentials.values["private_key"]
    assert server.violations == []


def test_a_wrong_key_or_app_is_refused_and_nothing_is_kept(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    other_pem, _public = new_key_pair()

    def request(key: str, **settings: str) -> SignIn:
        return SignIn(
            settings={
                "issuer_id": ISSUER_ID,
                "key_id": KEY_ID,
                "app_id": APP_ID,
                "api_base": server.api_base,
                **settings,
            },
            secrets={"private_key": key},
            credentials=StagedCredentials(),
            timeout_s=2.0,
        )

    attempts = [
        (request(other_pem), AuthFailed, "the key was revoked or is wrong"),
        (request("not a key at all"), Rejected, "not an App Store Connect API key"),
        (request(server.private_key_pem, app_id="999"), Rejected, "No app with the Apple ID 999"),
        (request(server.private_key_pem, issuer_id="abc"), Rejected, "issuer ID is the UUID"),
        (
            request(server.private_key_pem, app_id="", bundle_id="com.other"),
            Rejected,
            "bundle ID com.other",
        ),
    ]
    for attempt, error, words in attempts:
        with pytest.raises(error, match=words) as raised:
            asyncio.run(AppStoreConnector.sign_in(attempt))
        assert "PRIVATE KEY" not in str(raised.value)
        assert isinstance(attempt.credentials, StagedCredentials)
        assert attempt.credentials.values == {}
    assert server.auth_failures == ["bad signature"]
    assert memory_keyring.passwords == {}

    server.forbidden.add("GET")
    with pytest.raises(Rejected, match="Customer Support role"):
        asyncio.run(AppStoreConnector.sign_in(request(server.private_key_pem)))
    assert server.violations == []


# -- pulling -------------------------------------------------------------------------------------


def test_first_sync_pages_through_the_reviews_and_their_answers(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.pulled == 7  # five reviews, two answers
    got = items(workspace)
    crash = got[ids["crash"]]
    assert (crash.kind, crash.rating, crash.text) == (
        "review",
        1,
        "Crashes\n\nIt crashes when I export a PDF.",
    )
    assert json.loads(crash.extra) == {"title": "Crashes", "territory": "DEU"}
    assert (crash.app_version, crash.device, crash.language) == (None, None, None)
    assert crash.status == "new"
    assert got[ids["plain"]].text == "ok"
    assert crash.created_at == int(server.reviews[ids["crash"]].created)

    love_reply = got[ids["love"] + "/reply"]
    assert (love_reply.kind, love_reply.text, love_reply.status) == ("reply", "Thank you!", "done")
    assert love_reply.parent_id == got[ids["love"]].id
    assert love_reply.remote_state == "visible"
    extra = json.loads(love_reply.extra)
    assert extra["own"] is True
    assert extra["response_id"] == server.reviews[ids["love"]].response.id  # type: ignore[union-attr]
    assert got[ids["dark"] + "/reply"].remote_state == "held"  # Apple has not published it yet

    with workspace.db.sessions() as session:
        row = session.connection().exec_driver_sql(
            "SELECT c.kind, c.title, c.url FROM items i JOIN contexts c ON c.id = i.context_id"
            " WHERE i.remote_id = ?",
            (ids["crash"],),
        )
        assert row.one() == ("app", APP_NAME, f"https://apps.apple.com/app/id{APP_ID}")
        cursor = session.get_one(SyncState, source_id).cursor
    assert cursor == str(int(server.reviews[ids["plain"]].created))

    pages = review_pages(server)
    assert len(pages) == 3  # five reviews, two a page
    for page in pages:
        assert page.query["sort"] == "-createdDate"
        assert page.query["include"] == "response"
        assert page.query["limit"] == "2"
        assert "response" in page.query["fields[customerReviews]"].split(",")
    assert "cursor" not in pages[0].query
    assert all("cursor" in page.query for page in pages[1:])
    assert server.violations == [] and server.auth_failures == []
    assert server.answer_errors == []


def test_an_incremental_sync_stops_at_the_newest_review_seen(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).pulled == 7
    before = len(review_pages(server))

    new = server.add_review("Where is my data?", title="Help", rating=2, nickname="ana")
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.pulled == 1
    assert new in items(workspace)
    later = review_pages(server)[before:]
    # The new review and the one at the watermark on page 1; page 2 reaches older reviews.
    assert len(later) == 2
    with workspace.db.sessions() as session:
        cursor = session.get_one(SyncState, source_id).cursor
    assert cursor == str(int(server.reviews[new].created))
    assert server.violations == []


def test_a_rescan_shows_an_edited_review_a_deleted_one_and_a_removed_answer(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server, rescan=True)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None

    server.edit_review(ids["crash"], body="Fixed in 2.1, thanks!", rating=4)
    server.delete_review(ids["sync"])
    server.delete_response(ids["love"])
    server.publish_responses()
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert report.vanished == 2
    got = items(workspace)
    assert got[ids["crash"]].text == "Crashes\n\nFixed in 2.1, thanks!"
    assert got[ids["crash"]].rating == 4
    assert got[ids["sync"]].remote_state == "deleted"
    assert got[ids["love"] + "/reply"].remote_state == "deleted"
    assert got[ids["love"]].remote_state == "visible"
    assert got[ids["dark"] + "/reply"].remote_state == "visible"  # published meanwhile
    with workspace.db.sessions() as session:
        kinds = set(
            session.scalars(select(Event.kind).where(Event.item_id == got[ids["crash"]].id))
        )
    assert "remote_edit" in kinds
    assert server.violations == []


def test_a_next_link_to_another_host_is_not_followed(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    store_key(1, server)
    server.next_link_host = "http://127.0.0.2:9"

    async def run() -> None:
        asc = connector(server, page_size=2)
        try:
            with pytest.raises(MalformedResponse, match=r"another host \(127\.0\.0\.2\)"):
                async for _page in asc.pull(None, since=0):
                    pass
        finally:
            await asc.aclose()

    asyncio.run(run())
    assert len(review_pages(server)) == 1


# -- actions -------------------------------------------------------------------------------------


def test_an_answer_is_sent_and_replaced_through_the_outbox(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server, rescan=True)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    caps = outbox.capabilities(item_id(workspace, ids["crash"]))
    assert caps.reply_limit == 5970
    assert Action.REPLY in caps.actions and Action.DELETE not in caps.actions

    outbox.reply(item_id(workspace, ids["crash"]), "Sorry! Fixed in 2.1.")
    report = sync(engine)
    assert report.error is None and report.sent == 1
    response = server.reviews[ids["crash"]].response
    assert response is not None
    assert (response.body, response.state) == ("Sorry! Fixed in 2.1.", "PENDING_PUBLISH")
    [op] = operations(workspace)
    assert (op.state, op.remote_id) == ("sent", ids["crash"] + "/reply")
    [post] = server.calls("POST", r"/v1/customerReviewResponses")
    assert post.json() == {
        "data": {
            "type": "customerReviewResponses",
            "attributes": {"responseBody": "Sorry! Fixed in 2.1."},
            "relationships": {"review": {"data": {"type": "customerReviews", "id": ids["crash"]}}},
        }
    }
    answer = items(workspace)[ids["crash"] + "/reply"]  # the re-scan brought it in
    assert (answer.text, answer.remote_state) == ("Sorry! Fixed in 2.1.", "held")

    # Answering again replaces the answer on Apple's side: one answer, the new text.
    assert AppStoreConnector.reply_replaces is True
    outbox.reply(item_id(workspace, ids["crash"]), "Fixed in 2.1.1, please update.")
    assert sync(engine).sent == 1
    replaced = server.reviews[ids["crash"]].response
    assert replaced is not None and replaced.body == "Fixed in 2.1.1, please update."
    assert [r.body for r in server.deleted_responses] == ["Sorry! Fixed in 2.1."]
    assert items(workspace)[ids["crash"] + "/reply"].text == "Fixed in 2.1.1, please update."

    engine.close()
    assert [op.state for op in operations(workspace)] == ["sent", "sent"]
    assert server.violations == []


def test_the_apps_own_answer_is_deleted_through_the_outbox(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    answer = item_id(workspace, ids["love"] + "/reply")

    # An answer is the app's own: it can be deleted, not answered; a review cannot be deleted.
    caps = outbox.capabilities(answer)
    assert Action.DELETE in caps.actions and Action.REPLY not in caps.actions
    with pytest.raises(OutboxError, match="Answer the review itself"):
        outbox.reply(answer, "More")
    with pytest.raises(OutboxError, match="Apple moderates"):
        outbox.moderate([item_id(workspace, ids["love"])], Action.DELETE)
    outbox.moderate([answer], Action.DELETE)
    # Since the sync, Apple gave the answer a new id (saved again on the website, same text).
    stale = json.loads(items(workspace)[ids["love"] + "/reply"].extra)["response_id"]
    current = server.answer(ids["love"], "Thank you!")
    assert current != stale
    report = sync(engine)
    engine.close()
    assert report.error is None and report.sent == 1
    assert server.reviews[ids["love"]].response is None
    [delete] = server.calls("DELETE", r"/v1/customerReviewResponses/.+")
    assert delete.path == f"/v1/customerReviewResponses/{current}"
    assert items(workspace)[ids["love"] + "/reply"].remote_state == "deleted"
    assert [op.state for op in operations(workspace)] == ["sent"]
    assert server.violations == []


def test_where_apple_refuses_a_second_answer_the_first_is_deleted_before(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    store_key(1, server)
    server.replace_needs_delete = True
    old = server.reviews[ids["love"]].response
    assert old is not None

    async def run() -> None:
        asc = connector(server)
        try:
            result = await asc.push(
                Operation(1, Action.REPLY, ids["love"], {"text": "Thanks again!"}, "k", 0)
            )
            assert result.remote_id == ids["love"] + "/reply"
        finally:
            await asc.aclose()

    asyncio.run(run())
    steps = [(r.method, r.path) for r in server.requests if r.path.startswith("/v1/customerReview")]
    assert steps == [
        ("POST", "/v1/customerReviewResponses"),
        ("GET", f"/v1/customerReviews/{ids['love']}/response"),
        ("DELETE", f"/v1/customerReviewResponses/{old.id}"),
        ("POST", "/v1/customerReviewResponses"),
    ]
    new = server.reviews[ids["love"]].response
    assert new is not None and new.body == "Thanks again!" and new.id != old.id
    assert server.violations == []


def test_restrictions_and_unsupported_actions_are_explained() -> None:
    review = ItemFacts("r1", "review", 0, False, "visible")
    answer = ItemFacts("r1/reply", "reply", 0, True, "visible")
    assert set(AppStoreConnector.restrictions(review, 0)) == {Action.DELETE}
    assert set(AppStoreConnector.restrictions(answer, 0)) == {Action.REPLY}
    foreign = ItemFacts("r1/reply", "reply", 0, False, "visible")
    assert set(AppStoreConnector.restrictions(foreign, 0)) == {Action.REPLY, Action.DELETE}
    for action in Action:
        assert (action in AppStoreConnector.capabilities) != (
            action in AppStoreConnector.unsupported
        ), action
    assert AppStoreConnector.capabilities == {Action.REPLY, Action.DELETE}
    assert "Apple moderates" in AppStoreConnector.unsupported[Action.HIDE]
    assert AppStoreConnector.reply_limit == 5970 and AppStoreConnector.rescans


def test_a_push_outside_the_rules_is_rejected_without_a_request(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    store_key(1, server)

    async def run() -> None:
        asc = connector(server)
        try:
            for op, words in (
                (Operation(1, Action.DELETE, ids["love"], {}, "k", 0), "Apple moderates"),
                (Operation(2, Action.HIDE, ids["love"], {}, "k", 0), "cannot hide"),
                (
                    Operation(3, Action.REPLY, ids["love"] + "/reply", {"text": "x"}, "k", 0),
                    "Answer the review itself",
                ),
                (
                    Operation(4, Action.REPLY, ids["love"], {"text": "x" * 5971}, "k", 0),
                    "limited to 5,970 characters",
                ),
            ):
                with pytest.raises(Rejected, match=words):
                    await asc.push(op)
        finally:
            await asc.aclose()

    asyncio.run(run())
    assert server.requests == []


def test_reconcile_finds_an_answer_or_a_deletion_that_arrived(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    store_key(1, server)
    now = int(time.time())

    async def run() -> None:
        asc = connector(server)
        try:
            reply = Operation(1, Action.REPLY, ids["crash"], {"text": "Sorry!"}, "k", now)
            assert await asc.reconcile(reply) is None
            server.answer(ids["crash"], "Sorry!")
            arrived = await asc.reconcile(reply)
            assert arrived is not None and arrived.remote_id == ids["crash"] + "/reply"
            other = Operation(1, Action.REPLY, ids["crash"], {"text": "Other"}, "k", now)
            assert await asc.reconcile(other) is None
            # An older answer with the same words is not this one.
            later = Operation(1, Action.REPLY, ids["crash"], {"text": "Sorry!"}, "k", now + 900)
            assert await asc.reconcile(later) is None

            delete = Operation(2, Action.DELETE, ids["crash"] + "/reply", {}, "k2", now)
            assert await asc.reconcile(delete) is None
            server.delete_response(ids["crash"])
            deleted = await asc.reconcile(delete)
            assert deleted is not None and deleted.remote_state == "deleted"
        finally:
            await asc.aclose()

    asyncio.run(run())
    assert server.violations == []


def test_fetch_finds_edits_and_deletions(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    store_key(1, server)

    async def run() -> None:
        asc = connector(server)
        try:
            server.edit_review(ids["dark"], body="Dark mode please, and a widget.")
            review = await asc.fetch(ids["dark"])
            assert review is not None
            assert review.text == "Nearly perfect\n\nDark mode please, and a widget."
            assert (review.rating, review.extra["territory"]) == (4, "FRA")
            answer = await asc.fetch(ids["dark"] + "/reply")
            assert answer is not None
            assert (answer.text, answer.remote_state, answer.own) == ("Coming soon!", "held", True)
            assert answer.parent_remote_id == ids["dark"]
            server.delete_response(ids["dark"])
            with pytest.raises(Gone):
                await asc.fetch(ids["dark"] + "/reply")
            server.delete_review(ids["dark"])
            with pytest.raises(Gone, match="no longer on the App Store"):
                await asc.fetch(ids["dark"])
        finally:
            await asc.aclose()

    asyncio.run(run())
    [get] = server.calls("GET", rf"/v1/customerReviews/{ids['dark']}")[:1]
    assert get.query["include"] == "response"
    assert server.violations == []


def test_an_answer_to_a_review_that_is_gone_is_a_conflict(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["sync"]), "We sped it up."
    )
    server.delete_review(ids["sync"])
    report = sync(engine)
    engine.close()
    assert report.conflicts == 1
    [op] = operations(workspace)
    assert op.state == "conflict"
    assert items(workspace)[ids["sync"]].remote_state == "deleted"
    assert server.calls("POST", r"/v1/customerReviewResponses") == []

    async def run() -> None:
        asc = connector(server, source_id=1)
        try:
            with pytest.raises(Gone):
                await asc.push(Operation(9, Action.REPLY, ids["sync"], {"text": "Hi"}, "k", 0))
        finally:
            await asc.aclose()

    asyncio.run(run())  # Apple's 409 for an unknown review, then no review behind it


# -- tokens and errors ---------------------------------------------------------------------------


def test_a_token_is_replaced_before_it_runs_out(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(server)
    store_key(1, server)
    start = time.time()

    async def run() -> None:
        asc = connector(server)
        try:
            await asc.fetch(next(iter(server.reviews)))
            await asc.fetch(next(iter(server.reviews)))  # the same token, still fresh
            # Fourteen and a half minutes later, on both clocks: the token has under a minute.
            later = start + 14.5 * 60
            monkeypatch.setattr(app_store, "time", SimpleNamespace(time=lambda: later))
            server.clock_offset = later - time.time()
            await asc.fetch(next(iter(server.reviews)))
        finally:
            await asc.aclose()

    asyncio.run(run())
    tokens = [t["token"] for t in server.tokens]
    assert len(tokens) == 3 and tokens[0] == tokens[1] != tokens[2]
    assert server.tokens[2]["iat"] >= server.tokens[0]["iat"] + 14 * 60
    assert server.auth_failures == []

    # The fake holds the old token to its expiry like Apple does.
    server.clock_offset += 2 * 60
    response = httpx.get(
        f"{server.api_base}/v1/apps/{APP_ID}",
        headers={"Authorization": f"Bearer {tokens[0]}"},
        timeout=2,
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "NOT_AUTHORIZED"
    assert server.auth_failures == ["expired"]


def test_a_token_refused_before_its_time_is_made_again_once(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    store_key(1, server)

    async def run() -> None:
        asc = connector(server)
        try:
            await asc.fetch(next(iter(server.reviews)))
            server.fail(401, "NOT_AUTHORIZED")  # e.g. the computer slept and its clock jumped
            await asc.fetch(next(iter(server.reviews)))
            server.fail(401, "NOT_AUTHORIZED", times=2)
            with pytest.raises(AuthFailed, match="revoked or is wrong"):
                await asc.fetch(next(iter(server.reviews)))
        finally:
            await asc.aclose()

    asyncio.run(run())


def test_a_revoked_key_asks_to_sign_in_again_and_keeps_the_queued_answer(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["crash"]), "Sorry! Fixed in 2.1."
    )
    server.revoke_key()
    report = sync(engine)
    assert report.signin
    assert report.error is not None and "the key was revoked or is wrong" in report.error
    assert server.private_key_pem.splitlines()[1] not in report.error
    [status] = engine.statuses()
    assert status.state == "signin"
    [op] = operations(workspace)
    assert op.state == "queued"

    # The user makes a new key in App Store Connect and signs in again with it.
    key_id, pem = server.new_key()
    kind, typed = source_values(workspace.db, source_id)
    typed["key_id"] = key_id
    result, staged = asyncio.run(sign_in(kind, typed, {"private_key": pem}))
    save_sign_in_again(workspace.db, source_id, result, staged)
    report = sync(engine)
    engine.close()
    assert report.error is None and report.sent == 1
    [op] = operations(workspace)
    assert op.state == "sent"
    assert server.reviews[ids["crash"]].response.body == "Sorry! Fixed in 2.1."  # type: ignore[union-attr]
    assert server.tokens[-1]["kid"] == key_id
    assert server.violations == []


def test_a_spent_hourly_budget_holds_every_request_until_the_hour_has_passed(
    workspace: Workspace,
    server: FakeAppStoreConnect,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["crash"]), "Sorry!"
    )
    server.rate_used = server.rate_limit - 1  # the next answer says none are left
    before = len(server.requests)
    report = sync(engine)
    assert report.error is not None and "hourly request limit" in report.error
    assert "minutes" in report.error
    assert len(server.requests) == before + 1  # the one that spent the hour, then nothing
    assert [op.state for op in operations(workspace)] == ["queued"]

    # Nothing is sent by a later pass or connector either, until the hour has passed.
    report = sync(engine)
    assert report.error is not None and "hourly request limit" in report.error
    assert len(server.requests) == before + 1

    async def blocked() -> RateLimited:
        asc = connector(server)
        try:
            with pytest.raises(RateLimited) as raised:
                await asc.fetch(ids["crash"])
            return raised.value
        finally:
            await asc.aclose()

    assert 55 * 60 < asyncio.run(blocked()).retry_after <= HOUR

    later = time.time() + HOUR + 1
    monkeypatch.setattr(app_store, "time", SimpleNamespace(time=lambda: later))
    server.clock_offset = HOUR + 1
    server.rate_used = 0
    report = sync(engine)
    engine.close()
    assert report.error is None and report.sent == 1
    assert [op.state for op in operations(workspace)] == ["sent"]
    assert server.reviews[ids["crash"]].response.body == "Sorry!"  # type: ignore[union-attr]


def test_apples_429_is_a_rate_limit_and_the_answer_waits(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["crash"]), "Sorry!"
    )
    server.fail(429, "RATE_LIMIT_EXCEEDED", method="POST", template="/v1/customerReviewResponses")
    report = sync(engine)
    engine.close()
    assert report.error is not None and "hourly request limit" in report.error
    [op] = operations(workspace)
    assert op.state == "queued"
    assert server.reviews[ids["crash"]].response is None
    assert app_store.rate_limit_header("user-hour-lim:3500;user-hour-rem:0;") == (3500, 0)
    assert app_store.rate_limit_header("garbage") == (None, None)


def test_a_malformed_page_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeAppStoreConnect,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    OutboxService(workspace.db, actor=lambda: "Tester").reply(
        item_id(workspace, ids["crash"]), "Sorry!"
    )
    server.add_review("New one", rating=2)
    server.malformed(REVIEWS_LIST)
    report = sync(engine)
    assert report.error is not None
    assert report.error.startswith(
        "App Store Connect sent a page of reviews in an unexpected shape"
    )
    [status] = engine.statuses()
    assert status.state == "error"
    assert len(items(workspace)) == 7
    assert [op.state for op in operations(workspace)] == ["queued"]

    server.malformed(REVIEWS_LIST, body=b"<html>Service Unavailable</html>")
    assert "not the JSON" in (sync(engine).error or "")
    assert sync(engine).error is None
    engine.close()
    # The new review, and the answer read back as soon as it was sent.
    assert len(items(workspace)) == 9
    assert items(workspace)[f"{ids['crash']}/reply"].text == "Sorry!"
    assert [op.state for op in operations(workspace)] == ["sent"]


def test_a_malformed_or_failed_answer_is_looked_up_before_it_is_sent_again(
    workspace: Workspace, server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox = OutboxService(workspace.db, actor=lambda: "Tester")
    outbox.reply(item_id(workspace, ids["crash"]), "First answer")
    outbox.reply(item_id(workspace, ids["sync"]), "Second answer")
    server.malformed("/v1/customerReviewResponses", body={"data": {"type": "x"}})
    server.fail(500, "UNEXPECTED_ERROR", method="POST")
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [op.state for op in operations(workspace)] == ["sent", "sent"]
    # The first failed with a 500, was looked for, not found and sent again; that time it
    # arrived with an answer in an odd shape, and was found rather than sent a third time.
    assert len(server.calls("POST", r"/v1/customerReviewResponses")) == 3
    assert server.reviews[ids["crash"]].response.body == "First answer"  # type: ignore[union-attr]
    assert server.reviews[ids["sync"]].response.body == "Second answer"  # type: ignore[union-attr]
    assert server.deleted_responses == []
    assert server.violations == []


@pytest.mark.parametrize(
    ("status", "code", "method", "error", "words"),
    [
        (403, "FORBIDDEN_ERROR", "POST", Rejected, "Admin, App Manager or Customer Support"),
        (409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "POST", Rejected, "ENTITY_ERROR"),
        (422, "ENTITY_UNPROCESSABLE", "POST", Rejected, "refused the request"),
        (503, "SERVICE_UNAVAILABLE", "POST", ServerError, "internal error (503)"),
        (409, "STATE_ERROR", "DELETE", Rejected, "STATE_ERROR"),
    ],
)
def test_apples_errors_become_the_connectors_errors(
    server: FakeAppStoreConnect,
    memory_keyring: MemoryKeyring,
    status: int,
    code: str,
    method: str,
    error: type[Exception],
    words: str,
) -> None:
    ids = seed(server)
    store_key(1, server)
    server.fail(status, code, method=method, detail=code)

    async def run() -> Exception:
        asc = connector(server)
        try:
            if method == "POST":
                op = Operation(1, Action.REPLY, ids["crash"], {"text": "Hi"}, "k", 0)
            else:
                op = Operation(1, Action.DELETE, ids["love"] + "/reply", {}, "k", 0)
            with pytest.raises(error) as raised:
                await asc.push(op)
            return raised.value
        finally:
            await asc.aclose()

    raised = asyncio.run(run())
    assert words in str(raised)
    assert server.private_key_pem.splitlines()[1] not in str(raised)


def test_the_spec_check_catches_a_wrong_request(
    server: FakeAppStoreConnect, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    store_key(1, server)
    token = app_store.make_token(
        app_store.load_private_key(server.private_key_pem), KEY_ID, ISSUER_ID, time.time(), 600
    )
    reviews = f"/v1/apps/{APP_ID}/customerReviews"
    bad = [
        ("GET", reviews, {"limit": "500"}, None, "limit=500 is above 200"),
        ("GET", reviews, {"sort": "newest"}, None, "sort='newest' is not one of"),
        ("GET", reviews, {"include": "review"}, None, "include='review' is not one of"),
        ("GET", reviews, {"filter[createdDate]": "2025"}, None, "undeclared query parameter"),
        ("GET", reviews, {"fields[customerReviews]": "text"}, None, "'text' is not one of"),
        ("GET", "/v1/customerReviews/x", {"sort": "-createdDate"}, None, "undeclared"),
        ("PATCH", "/v1/customerReviewResponses/x", {}, None, "PATCH is not allowed"),
        ("GET", "/v1/reviews", {}, None, "no path /v1/reviews"),
        (
            "POST",
            "/v1/customerReviewResponses",
            {},
            {"data": {"type": "customerReviewResponses", "attributes": {"text": "hi"}}},
            "is a required property",
        ),
    ]
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=2) as client:
        for method, path, params, body, words in bad:
            response = client.request(method, server.api_base + path, params=params, json=body)
            assert response.status_code == 400, (path, params)
            assert words in server.violations[-1], (words, server.violations[-1])
    assert len(server.violations) == len(bad)

    # A connector that sends a parameter the API does not have fails.
    class Sloppy(AppStoreConnector):
        async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
            return await super()._get(path, {**params, "filter[createdDate]": "2025-01-01"})

    async def pull() -> None:
        sloppy = Sloppy(SourceConfig(1, APP_ID, server.settings(), SourceSecrets(1), 2.0))
        try:
            async for _page in sloppy.pull(None, since=0):
                pass
        finally:
            await sloppy.aclose()

    with pytest.raises(Rejected):
        asyncio.run(pull())
    assert "undeclared query parameter(s): filter[createdDate]" in server.violations[-1]
