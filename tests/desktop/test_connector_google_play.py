"""The Google Play connector against the fake Play Developer API and Google's token endpoint for
service accounts: real HTTP on 127.0.0.1, the real sync engine and outbox, and every request
checked against the androidpublisher discovery document."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

import desktop.sync.engine as engine_module
from desktop.connectors import google_play
from desktop.connectors.base import (
    Action,
    AuthFailed,
    Gone,
    ItemFacts,
    Operation,
    QuotaExceeded,
    Rejected,
    ServerError,
    SignIn,
    SourceConfig,
)
from desktop.connectors.google import seconds_until_reset
from desktop.connectors.google_play import GooglePlayConnector
from desktop.db.models import Author, Event, Item, OutboxOperation, Source, SyncState
from desktop.secrets import SourceSecrets
from desktop.services.outbox import OutboxService
from desktop.services.sources import StagedCredentials, save_source, sign_in
from desktop.sync.engine import SourceReport, SyncEngine
from desktop.workspace import Workspace
from tests.fakes.google_play import (
    CLIENT_EMAIL,
    PACKAGE,
    SCOPE,
    FakeGooglePlay,
    key_file,
    rsa_key,
)
from tests.support.platform import MemoryKeyring

HOUR = 3600
DAY = 86400


@pytest.fixture(autouse=True)
def _fresh_process_state() -> Iterator[None]:
    """What the connector remembers of reviews lives for the process; each test starts afresh."""
    google_play._SEEN.clear()
    google_play._ANSWERED.clear()
    yield
    google_play._SEEN.clear()
    google_play._ANSWERED.clear()


@pytest.fixture
def server() -> Iterator[FakeGooglePlay]:
    fake = FakeGooglePlay()
    fake.start()
    yield fake
    fake.stop()


def seed(server: FakeGooglePlay) -> dict[str, str]:
    """Reviews of the last hours with and without a title, a developer answer, two anonymous
    reviewers, one with only the fields that are never absent, and one older than the week."""
    now = time.time()
    return {
        "crash": server.add_review(
            "Crashes every time I open settings.",
            title="Keeps crashing",
            rating=2,
            at=now - 5 * HOUR + 0.12,
            thumbs_up=3,
        ),
        "praise": server.add_review(
            "Der neue Export ist super.",
            rating=5,
            author="A Google user",
            at=now - 4 * HOUR,
            language="de_DE",
            device="starlte",
            metadata={"productName": "Galaxy S9", "manufacturer": "samsung"},
        ),
        "answered": server.add_review(
            "Where is dark mode?",
            rating=3,
            author="Ravi K.",
            at=now - 3 * HOUR,
            reply="Coming in 4.1!",
            reply_at=now - 2 * HOUR,
        ),
        "bare": server.add_review(
            "ok",
            rating=4,
            author="A Google user",
            at=now - 1 * HOUR,
            language=None,
            device=None,
            android=None,
            version_code=None,
            version_name=None,
            metadata=None,
        ),
        "old": server.add_review("From last month", at=now - 8 * DAY),
    }


def add_source(workspace: Workspace, server: FakeGooglePlay, **settings: Any) -> int:
    """A source as a finished sign-in leaves it: settings in the database, the key and a live
    access token in the keyring (the test's memory keyring)."""
    config = server.settings(connector="google_play", timeout_s=2.0, **settings)
    with workspace.db.transaction() as session:
        source = Source(
            platform="google_play",
            name=PACKAGE,
            account=PACKAGE,
            settings=json.dumps(config),
            sync_interval_s=60,
            created_at=int(time.time()),
        )
        session.add(source)
        session.flush()
        source_id = source.id
    secrets = SourceSecrets(source_id)
    secrets.set("service_account_key", server.key_json())
    secrets.set("access_token", server.issue_token())
    secrets.set("access_token_expires_at", str(int(time.time()) + 3500))
    return source_id


def connector(server: FakeGooglePlay, source_id: int = 1, **settings: Any) -> GooglePlayConnector:
    return GooglePlayConnector(
        SourceConfig(
            source_id,
            PACKAGE,
            {**server.settings(), **settings},
            SourceSecrets(source_id),
            timeout_s=2.0,
        )
    )


def credentials(server: FakeGooglePlay, source_id: int = 1) -> None:
    secrets = SourceSecrets(source_id)
    secrets.set("service_account_key", server.key_json())
    secrets.set("access_token", server.issue_token())
    secrets.set("access_token_expires_at", str(int(time.time()) + 3500))


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


def outbox(workspace: Workspace) -> OutboxService:
    return OutboxService(workspace.db, actor=lambda: "Tester")


def dump(workspace: Workspace) -> str:
    """Every byte of the database file, as text: where a secret must never be."""
    workspace.db.engine.dispose()
    path = Path(workspace.db.path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT * FROM sources").fetchall()
    return repr(rows) + path.read_bytes().decode("latin-1")


# -- signing in ----------------------------------------------------------------------------------


def test_a_sign_in_keeps_the_key_in_the_keyring_only(
    workspace: Workspace,
    server: FakeGooglePlay,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    seed(server)
    key = server.key_json()
    result, staged = asyncio.run(
        sign_in(
            "google_play",
            {"package_name": PACKAGE, "api_base": server.api_base},
            {"service_account_key": key},
            timeout_s=2.0,
        )
    )
    assert (result.account, result.name) == (PACKAGE, PACKAGE)
    assert result.settings == {
        "package_name": PACKAGE,
        "service_account": CLIENT_EMAIL,
        "api_base": server.api_base,
    }
    assert "PRIVATE KEY" not in repr(staged)
    source_id = save_source(workspace.db, "google_play", result, staged)
    secrets = SourceSecrets(source_id)
    assert secrets.get("service_account_key") == key
    access = secrets.get("access_token")
    assert access and access in server.access_tokens
    assert int(secrets.get("access_token_expires_at") or 0) > time.time() + 3000

    # The token came from the key's own token_uri for a verified assertion.
    [grant] = server.token_requests
    assert grant["header"] == {"alg": "RS256", "typ": "JWT", "kid": server.key_id}
    claims = grant["claims"]
    assert (claims["iss"], claims["scope"], claims["aud"]) == (
        CLIENT_EMAIL,
        SCOPE,
        server.token_url,
    )
    assert claims["exp"] - claims["iat"] == 3600
    # Verified with one review, as cheaply as the API allows.
    [check] = server.api_calls("androidpublisher.reviews.list")
    assert check.query == {"maxResults": "1"}

    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None and report.pulled == 5
    pem_line = json.loads(key)["private_key"].splitlines()[5]
    database = dump(workspace)
    for secret in (pem_line, "PRIVATE KEY", access, key):
        assert secret not in database
        assert secret not in caplog.text
    assert server.violations == []


def test_a_sign_in_explains_what_google_refuses_and_keeps_nothing(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    def attempt(key: str, package: str = PACKAGE) -> SignIn:
        return SignIn(
            settings={
                "package_name": package,
                "api_base": server.api_base,
                "token_url": server.token_url,
            },
            secrets={"service_account_key": key},
            credentials=StagedCredentials(),
            timeout_s=2.0,
        )

    def refusal(request: SignIn, error: type[Exception]) -> str:
        with pytest.raises(error) as raised:
            asyncio.run(GooglePlayConnector.sign_in(request))
        assert isinstance(request.credentials, StagedCredentials)
        assert request.credentials.values == {}
        message = str(raised.value)
        assert "PRIVATE KEY" not in message and "ya29" not in message
        return message

    key = server.key_json()
    assert "package name" in refusal(attempt(key, "not a package"), Rejected)
    assert "not a service account's JSON key" in refusal(attempt("{oops"), Rejected)
    assert "not a service account key" in refusal(attempt('{"type": "user"}'), Rejected)
    stranger = key_file(rsa_key("stranger"), server.key_id, server.token_url)
    assert "Invalid JWT Signature" in refusal(attempt(stranger), AuthFailed)
    assert "no app with the package name com.other.app" in refusal(
        attempt(key, "com.other.app"), Rejected
    )
    server.permitted = False
    message = refusal(attempt(key), AuthFailed)
    assert CLIENT_EMAIL in message and "“Reply to reviews” permission" in message
    server.permitted = True
    server.revoke_key()
    assert "deleted or disabled" in refusal(attempt(key), AuthFailed)
    assert memory_keyring.passwords == {}
    assert server.violations == []


# -- pulling -------------------------------------------------------------------------------------


def test_the_first_sync_brings_in_the_week_with_every_field(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    source_id = add_source(workspace, server, page_size=2)
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()

    assert report.error is None
    assert report.pulled == 5  # four reviews and one answer; the old review is outside the week
    got = items(workspace)
    assert ids["old"] not in got
    crash = got[ids["crash"]]
    assert crash.kind == "review" and crash.status == "new"
    assert crash.text == "Keeps crashing\nCrashes every time I open settings."
    assert (crash.rating, crash.app_version, crash.device, crash.language) == (
        2,
        "4.0.12",
        "Samsung Galaxy A52",
        "en",
    )
    review = server.reviews[ids["crash"]]
    assert crash.created_at == int(review.modified) == crash.edited_at
    extra = json.loads(crash.extra)
    assert extra == {
        "title": "Keeps crashing",
        "device_code": "a52q",
        "device_class": "phone",
        "android_sdk": 34,
        "app_version_code": 4012,
        "thumbs_up": 3,
        "thumbs_down": 0,
        "url": "https://play.google.com/store/apps/details?id=com.lumo.app&reviewId="
        + ids["crash"].replace(":", "%3A"),
    }
    praise = got[ids["praise"]]
    assert (praise.language, praise.device, praise.text) == (
        "de-DE",
        "samsung Galaxy S9",
        "Der neue Export ist super.",
    )
    bare = got[ids["bare"]]
    assert (bare.text, bare.language, bare.device, bare.app_version) == ("ok", None, None, None)
    answer = got[ids["answered"] + "/reply"]
    assert (answer.kind, answer.text, answer.status) == ("reply", "Coming in 4.1!", "done")
    assert answer.parent_id == got[ids["answered"]].id
    assert json.loads(answer.extra)["own"] is True
    assert answer.created_at == int(server.reviews[ids["answered"]].reply_modified or 0)
    with workspace.db.sessions() as session:
        # Reviewers have no id on Google Play: two "A Google user"s stay two people.
        anonymous = session.scalars(
            select(Author).where(Author.display_name == "A Google user")
        ).all()
        assert len(anonymous) == 2
        row = session.connection().exec_driver_sql(
            "SELECT c.kind, c.title, c.url FROM items i JOIN contexts c ON c.id = i.context_id"
            " WHERE i.remote_id = ?",
            (ids["crash"],),
        )
        assert row.one() == (
            "app",
            PACKAGE,
            "https://play.google.com/store/apps/details?id=com.lumo.app",
        )
        cursor = json.loads(session.get_one(SyncState, source_id).cursor or "")
    newest = server.reviews[ids["bare"]].modified
    assert abs(cursor["modified_ns"] / 1e9 - newest) < 1e-3

    pages = server.api_calls("androidpublisher.reviews.list")
    assert [r.query for r in pages[:1]] == [{"maxResults": "2"}]
    assert len(pages) == 2 and "token" in pages[1].query
    assert all("translationLanguage" not in r.query for r in server.requests)
    assert server.violations == []


def test_an_incremental_sync_stops_at_the_newest_review_seen(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    for n in range(4):
        server.add_review(f"Filler {n}", at=time.time() - 6 * HOUR - n)
    server.page_info = True  # sometimes given; changes nothing
    add_source(workspace, server, page_size=2)
    engine = SyncEngine(workspace.db)
    assert sync(engine).pulled == 9
    first = len(server.api_calls("androidpublisher.reviews.list"))
    assert first == 4

    fresh = server.add_review("Just installed, looks great", rating=5)
    report = sync(engine)
    engine.close()
    assert report.error is None and report.pulled == 1
    assert fresh in items(workspace)
    # One page was enough: the second review on it was already known.
    assert len(server.api_calls("androidpublisher.reviews.list")) == first + 1
    assert server.violations == []


def test_a_review_edited_by_its_author_is_updated(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    before = items(workspace)[ids["crash"]]

    server.edit(ids["crash"], "Fixed after the update, thanks!", rating=5)
    report = sync(engine)
    engine.close()
    assert report.error is None and report.updated == 1 and report.pulled == 0
    after = items(workspace)[ids["crash"]]
    assert after.text == "Keeps crashing\nFixed after the update, thanks!"
    assert after.rating == 5
    assert after.created_at == before.created_at
    assert after.edited_at == int(server.reviews[ids["crash"]].modified) > before.created_at
    with workspace.db.sessions() as session:
        [event] = session.scalars(
            select(Event).where(Event.item_id == after.id, Event.kind == "remote_edit")
        ).all()
    assert json.loads(event.data)["old"] == before.text


def test_a_review_deleted_on_google_play_holds_the_answer_back(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Sorry about that!")
    server.delete(ids["crash"])
    report = sync(engine)
    engine.close()
    assert report.error is None and report.conflicts == 1
    assert items(workspace)[ids["crash"]].remote_state == "deleted"
    [op] = operations(workspace)
    assert op.state == "conflict"
    assert server.api_calls("androidpublisher.reviews.reply") == []


def test_a_review_beyond_the_week_is_not_taken_for_deleted(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    credentials(server)
    operation = Operation(1, Action.REPLY, ids["old"], {"text": "Thanks!"}, "k", int(time.time()))

    async def run() -> None:
        play = connector(server)
        try:
            assert await play.fetch(ids["old"]) is None  # not found, but not known to be gone
            assert await play.reconcile(operation) is None
            with pytest.raises(Rejected, match=r"more than a week ago.*Play Console"):
                await play.push(operation)
        finally:
            await play.aclose()

    asyncio.run(run())
    assert server.reviews[ids["old"]].reply is None
    assert "7 days" in GooglePlayConnector.history_note
    assert "CSV" in GooglePlayConnector.history_note
    assert server.violations == []


# -- answering -----------------------------------------------------------------------------------


@pytest.mark.parametrize("by_user_time", [False, True], ids=["by-conversation", "by-review"])
def test_an_answer_is_sent_shown_and_replaced(
    workspace: Workspace,
    server: FakeGooglePlay,
    memory_keyring: MemoryKeyring,
    by_user_time: bool,
) -> None:
    server.list_by_user_time = by_user_time  # whether an answer brings a review back on top
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    review = item_id(workspace, ids["crash"])
    outbox(workspace).reply(review, "Sorry! Fixed in 4.0.13.")
    report = sync(engine)
    assert report.error is None and report.sent == 1
    [op] = operations(workspace)
    assert (op.state, op.remote_id) == ("sent", ids["crash"] + "/reply")
    assert server.reviews[ids["crash"]].reply == "Sorry! Fixed in 4.0.13."
    [call] = server.api_calls("androidpublisher.reviews.reply")
    assert call.json() == {"replyText": "Sorry! Fixed in 4.0.13."}

    assert sync(engine).error is None  # the next pull shows the answer under the review
    answer = items(workspace)[ids["crash"] + "/reply"]
    assert (answer.kind, answer.parent_id) == ("reply", review)
    assert answer.text == "Sorry! Fixed in 4.0.13."

    # Answering again replaces the answer, on Google Play and in the inbox.
    assert GooglePlayConnector.reply_replaces
    outbox(workspace).reply(review, "Now fixed for everyone in 4.0.14.")
    assert sync(engine).sent == 1
    assert server.reviews[ids["crash"]].reply == "Now fixed for everyone in 4.0.14."
    assert sync(engine).error is None
    engine.close()
    answer = items(workspace)[ids["crash"] + "/reply"]
    assert answer.text == "Now fixed for everyone in 4.0.14."
    assert [op.state for op in operations(workspace)] == ["sent", "sent"]
    assert len([i for i in items(workspace) if i.endswith("/reply")]) == 2
    # The answer item itself is not answered: the review is.
    capabilities = outbox(workspace).capabilities(answer.id)
    assert Action.REPLY not in capabilities.actions
    assert "Answer the review itself" in capabilities.reasons[Action.REPLY]
    assert server.violations == []


def test_an_answer_over_350_characters_is_refused_with_the_reason(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    assert GooglePlayConnector.reply_limit == 350
    longest = "x" * 349 + "!"
    outbox(workspace).reply(item_id(workspace, ids["crash"]), longest)
    outbox(workspace).reply(item_id(workspace, ids["praise"]), "y" * 351)
    report = sync(engine)
    engine.close()
    assert report.sent == 1 and report.failed == 1
    sent, failed = operations(workspace)
    assert sent.state == "sent" and server.reviews[ids["crash"]].reply == longest
    assert failed.state == "failed"
    assert failed.last_error == (
        "Google Play refused the answer: it takes about 350 characters, and this one has 351. "
        "Shorten it and send it again."
    )
    assert server.reviews[ids["praise"]].reply is None
    assert server.violations == []


def test_every_other_action_is_explained_and_refused(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    play = GooglePlayConnector
    assert play.capabilities == {Action.REPLY}
    assert play.rescans is False
    for action in Action:
        if action is not Action.REPLY:
            assert play.unsupported[action]
    review = ItemFacts("gp:1", "review", 0, False, "visible")
    answer = ItemFacts("gp:1/reply", "reply", 0, True, "visible")
    assert play.restrictions(review, 0) == {}
    assert set(play.restrictions(answer, 0)) == {Action.REPLY}

    credentials(server)

    async def run() -> None:
        connector_ = connector(server)
        try:
            for action in (Action.HIDE, Action.DELETE, Action.EDIT_REPLY):
                op = Operation(1, action, "gp:1", {"text": "x"}, "k", 0)
                with pytest.raises(Rejected, match=play.unsupported[action][:20]):
                    await connector_.push(op)
        finally:
            await connector_.aclose()

    asyncio.run(run())
    assert server.requests == []


def test_reconcile_finds_an_answer_that_arrived(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    credentials(server)
    review = server.reviews[ids["crash"]]
    review.reply, review.reply_modified = "Thanks <b>a lot</b>!", time.time()
    now = int(time.time())

    async def run() -> None:
        play = connector(server)
        try:
            arrived = Operation(1, Action.REPLY, ids["crash"], {"text": "Thanks a lot!"}, "k", now)
            found = await play.reconcile(arrived)
            assert found is not None and found.remote_id == ids["crash"] + "/reply"
            other = Operation(2, Action.REPLY, ids["crash"], {"text": "Something else"}, "k", now)
            assert await play.reconcile(other) is None
            unanswered = Operation(3, Action.REPLY, ids["praise"], {"text": "Hi"}, "k", now)
            assert await play.reconcile(unanswered) is None
            fetched = await play.fetch(ids["crash"] + "/reply")
            assert fetched is not None and fetched.own and fetched.kind == "reply"
            with pytest.raises(Gone):
                await play.fetch(ids["praise"] + "/reply")
            server.delete(ids["crash"])
            with pytest.raises(Gone):  # seen modified within the week: truly deleted
                await play.fetch(ids["crash"])
        finally:
            await play.aclose()

    asyncio.run(run())
    assert server.violations == []


def test_a_failed_or_malformed_answer_is_looked_up_before_it_is_sent_again(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "First answer")
    outbox(workspace).reply(item_id(workspace, ids["praise"]), "Second answer")
    server.malformed(method_id="androidpublisher.reviews.reply")
    server.fail(503, "backendError", method_id="androidpublisher.reviews.reply")
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [op.state for op in operations(workspace)] == ["sent", "sent"]
    assert server.reviews[ids["crash"]].reply == "First answer"
    assert server.reviews[ids["praise"]].reply == "Second answer"
    assert server.violations == []


# -- tokens, limits and faults -------------------------------------------------------------------


def test_an_access_token_near_its_expiry_is_renewed_before_the_call(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    source_id = add_source(workspace, server)
    secrets = SourceSecrets(source_id)
    old = secrets.get("access_token")
    secrets.set("access_token_expires_at", str(int(time.time()) + 60))
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert len(server.token_requests) == 1
    new = secrets.get("access_token")
    assert new and new != old
    assert int(secrets.get("access_token_expires_at") or 0) > time.time() + 3000
    api = [r for r in server.requests if r.path.startswith("/androidpublisher/")]
    assert api and all(r.headers["authorization"] == f"Bearer {new}" for r in api)


def test_a_refused_access_token_is_renewed_and_the_call_repeated(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    seed(server)
    add_source(workspace, server)
    server.expire_access_tokens()
    engine = SyncEngine(workspace.db)
    report = sync(engine)
    engine.close()
    assert report.error is None and report.pulled == 5
    assert len(server.token_requests) == 1
    assert server.violations == []


def test_a_revoked_key_asks_to_sign_in_again_and_keeps_queued_answers(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Thanks!")
    server.expire_access_tokens()
    server.revoke_key()
    report = sync(engine)
    assert report.signin
    assert report.error is not None
    assert report.error.startswith("Google refused the service account key (invalid_grant")
    assert "sign in again" in report.error
    [status] = engine.statuses()
    assert status.state == "signin"
    [op] = operations(workspace)
    assert op.state == "queued"

    server.restore_key()  # the user signs in again with a working key
    assert sync(engine).error is None
    engine.close()
    [op] = operations(workspace)
    assert op.state == "sent"
    assert server.reviews[ids["crash"]].reply == "Thanks!"


def test_a_short_rate_limit_is_waited_out_and_the_answer_sent_once(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Thanks!")
    server.fail(
        429,
        "rateLimitExceeded",
        method_id="androidpublisher.reviews.reply",
        headers={"Retry-After": "0.2"},
    )
    report = sync(engine)
    engine.close()
    assert report.error is None
    assert [op.state for op in operations(workspace)] == ["sent"]
    assert len(server.api_calls("androidpublisher.reviews.reply")) == 2


def test_a_long_rate_limit_ends_the_pass_and_the_answer_waits(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Thanks!")
    server.fail(403, "userRateLimitExceeded", method_id="androidpublisher.reviews.reply")
    report = sync(engine)
    assert report.error == "Google Play asks to slow down."
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert sync(engine).error is None
    engine.close()
    assert [op.state for op in operations(workspace)] == ["sent"]


def test_a_spent_quota_holds_the_source_until_midnight_pacific(
    workspace: Workspace, server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Thanks!")
    server.reads_per_hour = server.reads  # the hour's reads are spent
    report = sync(engine)
    engine.close()
    assert report.error is not None and "midnight Pacific Time" in report.error
    assert [op.state for op in operations(workspace)] == ["queued"]
    assert len(items(workspace)) == 5

    credentials(server, 2)

    async def pull() -> QuotaExceeded:
        play = connector(server, 2)
        try:
            with pytest.raises(QuotaExceeded) as raised:
                async for _page in play.pull(None, since=0):
                    pass
            return raised.value
        finally:
            await play.aclose()

    error = asyncio.run(pull())
    assert abs(error.retry_after - seconds_until_reset(time.time())) < 5

    server.answers_per_day = 0  # and the day's answers, with a reset time given
    server.reads_per_hour = 10**6
    server.fail(429, "dailyLimitExceeded", headers={"Retry-After": "120"})
    error = asyncio.run(pull())
    assert error.retry_after == 120


def test_a_malformed_page_is_a_clear_error_and_loses_nothing(
    workspace: Workspace,
    server: FakeGooglePlay,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_RETRIES", 0)
    ids = seed(server)
    add_source(workspace, server)
    engine = SyncEngine(workspace.db)
    assert sync(engine).error is None
    outbox(workspace).reply(item_id(workspace, ids["crash"]), "Thanks!")
    server.add_review("Arrived while the answer was broken")
    server.malformed(method_id="androidpublisher.reviews.list")
    report = sync(engine)
    assert report.error is not None
    assert report.error.startswith("Google Play sent a review in an unexpected shape")
    [status] = engine.statuses()
    assert status.state == "error"
    assert len(items(workspace)) == 5
    assert [op.state for op in operations(workspace)] == ["queued"]
    report = sync(engine)
    engine.close()
    # The new review, and the answer read back as soon as it was sent.
    assert report.error is None and report.pulled == 2
    assert [op.state for op in operations(workspace)] == ["sent"]
    assert items(workspace)[f"{ids['crash']}/reply"].text == "Thanks!"


def test_googles_errors_become_the_connectors_errors(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    credentials(server)

    async def fetch_error() -> Exception:
        play = connector(server)
        try:
            await play.fetch(ids["crash"])
        except Exception as error:
            return error
        finally:
            await play.aclose()
        raise AssertionError("no error")

    server.fail(500, "backendError")
    assert isinstance(asyncio.run(fetch_error()), ServerError)
    server.fail(403, "accessNotConfigured", message="API has not been used in project 1.")
    error = asyncio.run(fetch_error())
    assert isinstance(error, AuthFailed) and "Android Developer API is not enabled" in str(error)
    server.fail(400, "badRequest", message="Invalid value.")
    error = asyncio.run(fetch_error())
    assert isinstance(error, Rejected) and "Invalid value." in str(error)


# -- the spec check ------------------------------------------------------------------------------


def test_the_spec_check_catches_a_wrong_request(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring
) -> None:
    ids = seed(server)
    access = server.issue_token()
    base = f"{server.api_base}/applications/{PACKAGE}/reviews"
    bad: list[tuple[str, str, dict[str, Any], Any, str]] = [
        ("GET", "", {"maxResults": "ten"}, None, "maxResults must be an integer"),
        ("GET", "", {"pageToken": "x"}, None, "no query parameter 'pageToken'"),
        ("GET", "", {"maxResults": ["1", "2"]}, None, "may be given only once"),
        ("POST", f"/{ids['crash']}:reply", {}, {"text": "hi"}, "no field 'text'"),
        ("POST", f"/{ids['crash']}:reply", {}, None, "takes a ReviewsReplyRequest body"),
        ("PUT", f"/{ids['crash']}", {}, None, "PUT is not allowed"),
        ("GET", f"/{ids['crash']}/comments", {}, None, "no method"),
    ]
    with httpx.Client(headers={"Authorization": f"Bearer {access}"}, timeout=2) as client:
        for method, path, params, body, words in bad:
            response = client.request(method, base + path, params=params, json=body)
            assert response.status_code == 400, (path, params)
            assert words in server.violations[-1], (words, server.violations[-1])
    assert len(server.violations) == len(bad)

    # A connector that sends a parameter the API does not have fails.
    class Sloppy(GooglePlayConnector):
        async def _get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
            return await super()._get(path, {**params, "pageSize": 10})

    credentials(server)

    async def pull() -> None:
        sloppy = Sloppy(SourceConfig(1, PACKAGE, server.settings(), SourceSecrets(1), 2.0))
        try:
            async for _page in sloppy.pull(None, since=0):
                pass
        finally:
            await sloppy.aclose()

    with pytest.raises(Rejected):
        asyncio.run(pull())
    assert "has no query parameter 'pageSize'" in server.violations[-1]


def test_a_pull_after_more_than_a_week_away_warns_of_the_gap(
    server: FakeGooglePlay, memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    seed(server)
    credentials(server)
    stale = json.dumps({"modified_ns": int((time.time() - 8 * DAY) * 1e9)})

    async def pull(cursor: str) -> int:
        play = connector(server)
        try:
            return sum([len(page.items) async for page in play.pull(cursor, since=0)])
        finally:
            await play.aclose()

    with caplog.at_level(logging.WARNING, logger="desktop.connectors.google_play"):
        assert asyncio.run(pull(stale)) == 5  # the whole week that is still there
    assert "more than a week ago" in caplog.text and "CSV export" in caplog.text
    caplog.clear()
    fresh = json.dumps({"modified_ns": int(time.time() * 1e9)})
    with caplog.at_level(logging.WARNING, logger="desktop.connectors.google_play"):
        assert asyncio.run(pull(fresh)) == 0
    assert caplog.text == ""
