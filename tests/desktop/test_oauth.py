"""OAuth for installed apps (desktop/oauth.py) against the fake Google authorization server: the
browser is played by a thread that opens the consent page and follows its redirect to the
loopback listener."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

import desktop.oauth as oauth
from desktop.connectors import youtube
from desktop.connectors.base import AuthFailed, SignIn, SignInCancelled
from desktop.connectors.youtube import SCOPE, YouTubeConnector
from desktop.oauth import OAuthClient, Tokens, authorize, refresh
from desktop.services.sources import StagedCredentials, save_source
from desktop.workspace import Workspace
from tests.fakes.youtube import CHANNEL_ID, CLIENT_ID, CLIENT_SECRET, FakeYouTube, browser
from tests.support.platform import MemoryKeyring


@pytest.fixture
def server() -> Iterator[FakeYouTube]:
    fake = FakeYouTube().start()
    yield fake
    fake.stop()


def client(server: FakeYouTube, secret: str = CLIENT_SECRET) -> OAuthClient:
    return OAuthClient(
        client_id=CLIENT_ID,
        auth_url=server.auth_url,
        token_url=server.token_url,
        scopes=(SCOPE,),
        client_secret=secret,
        extra_params=(("access_type", "offline"), ("prompt", "consent")),
    )


def sign_in(server: FakeYouTube, open_browser: object = None, timeout_s: float = 3.0) -> Tokens:
    return asyncio.run(
        authorize(
            client(server),
            open_browser if callable(open_browser) else browser(),
            timeout_s=timeout_s,
        )
    )


def test_the_code_is_traded_with_the_pkce_verifier_for_lasting_tokens(
    server: FakeYouTube,
) -> None:
    opened: list[str] = []
    tokens = sign_in(server, browser(opened))
    assert tokens.access_token in server.access_tokens
    assert tokens.refresh_token in server.refresh_tokens
    assert tokens.expires_at is not None
    assert abs(tokens.expires_at - (time.time() + 3599)) < 5

    [url] = opened
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert params["code_challenge_method"] == "S256"
    assert params["access_type"] == "offline" and params["prompt"] == "consent"
    assert params["redirect_uri"].startswith("http://127.0.0.1:")
    assert "client_secret" not in params
    [exchange] = server.token_requests
    assert exchange["grant_type"] == "authorization_code"
    assert exchange["redirect_uri"] == params["redirect_uri"]
    assert len(exchange["code_verifier"]) >= 43
    assert server.violations == []


def test_a_verifier_that_does_not_match_the_challenge_is_refused(
    server: FakeYouTube, monkeypatch: pytest.MonkeyPatch
) -> None:
    _verifier, challenge = oauth.pkce_pair()
    other_verifier, _other = oauth.pkce_pair()
    monkeypatch.setattr(oauth, "pkce_pair", lambda: (other_verifier, challenge))
    with pytest.raises(AuthFailed, match="invalid_grant"):
        sign_in(server)
    assert server.access_tokens == {}


def test_an_answer_for_another_request_is_refused(server: FakeYouTube) -> None:
    def forged(url: str) -> None:
        split = urlsplit(url)
        params = {k: v[0] for k, v in parse_qs(split.query).items()}
        params["state"] = "someone-elses-state"
        browser()(split._replace(query=httpx.QueryParams(params).__str__()).geturl())

    with pytest.raises(AuthFailed, match="did not match this request"):
        sign_in(server, forged)
    assert server.token_requests == []  # the code is never traded


def test_declining_on_the_consent_page_cancels_the_sign_in(server: FakeYouTube) -> None:
    server.deny_consent = True
    with pytest.raises(SignInCancelled, match="Access was not granted"):
        sign_in(server)
    assert server.token_requests == []


def test_a_consent_page_left_open_times_out_as_cancelled(server: FakeYouTube) -> None:
    with pytest.raises(SignInCancelled, match="not completed in time"):
        sign_in(server, lambda _url: None, timeout_s=0.2)


def test_a_refresh_gives_a_new_access_token_and_keeps_the_refresh_token(
    server: FakeYouTube,
) -> None:
    _access, refresh_token = server.issue_tokens()
    tokens = asyncio.run(refresh(client(server), refresh_token))
    assert tokens.access_token in server.access_tokens
    assert tokens.refresh_token == refresh_token
    assert not tokens.expired()
    assert server.token_requests[-1]["grant_type"] == "refresh_token"


def test_a_revoked_refresh_token_asks_to_sign_in_again(server: FakeYouTube) -> None:
    _access, refresh_token = server.issue_tokens()
    server.revoke_refresh_tokens()
    with pytest.raises(AuthFailed, match="sign in again") as raised:
        asyncio.run(refresh(client(server), refresh_token))
    assert refresh_token not in str(raised.value)
    assert CLIENT_SECRET not in str(raised.value)


def test_after_a_youtube_sign_in_the_tokens_are_only_in_the_keyring(
    workspace: Workspace, server: FakeYouTube, memory_keyring: MemoryKeyring
) -> None:
    youtube._LEDGER.clear()
    staged = StagedCredentials()
    request = SignIn(
        settings={
            "client_id": CLIENT_ID,
            "auth_url": server.auth_url,
            "token_url": server.token_url,
            "api_base": server.api_base,
        },
        secrets={"client_secret": CLIENT_SECRET},
        credentials=staged,
        open_browser=browser(),
        timeout_s=2.0,
        browser_timeout_s=3.0,
    )
    result = asyncio.run(YouTubeConnector.sign_in(request))
    assert (result.account, result.name) == (CHANNEL_ID, "Lumo Team")
    [refresh_token] = list(server.refresh_tokens)
    assert staged.values["refresh_token"] == refresh_token
    assert staged.values["access_token"] in server.access_tokens
    assert int(staged.values["access_token_expires_at"]) > time.time() + 3000
    secrets = set(staged.values.values()) - {staged.values["access_token_expires_at"]}

    source_id = save_source(workspace.db, "youtube", result, staged)
    stored = memory_keyring.passwords
    assert stored[("Steward", f"source-{source_id}:refresh_token")] == refresh_token
    assert stored[("Steward", f"source-{source_id}:client_secret")] == CLIENT_SECRET

    visible = [json.dumps(result.settings), repr(result), repr(staged)]
    with workspace.db.sessions() as session:
        dump = "\n".join(session.connection().connection.driver_connection.iterdump())
    visible.append(dump)
    for text in visible:
        for secret in secrets:
            assert secret not in text
    assert CHANNEL_ID in dump  # the account is saved, so the dump is the real one
    assert server.violations == []
