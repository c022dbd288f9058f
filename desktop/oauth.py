"""OAuth 2.0 for installed apps (RFC 8252): the authorization code flow with PKCE (RFC 7636)
through the system browser and a one-shot loopback redirect on 127.0.0.1, and token refresh.

Nothing here keeps a token: the caller stores what `authorize` and `refresh` return in the
keyring. No token, code or verifier appears in an exception's text.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from desktop.connectors.base import (
    AuthFailed,
    MalformedResponse,
    RateLimited,
    ServerError,
    SignInCancelled,
    Unreachable,
)

# Renew an access token this long before the platform says it expires.
EXPIRY_MARGIN_S = 60


@dataclass(frozen=True)
class OAuthClient:
    """An installed app's registration with the platform. For installed apps the client secret
    is not a secret (it ships with the app); PKCE is what protects the code."""

    client_id: str
    auth_url: str
    token_url: str
    scopes: tuple[str, ...]
    client_secret: str = ""
    extra_params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str | None
    expires_at: int | None  # unix time; None if the platform did not say

    def expired(self, now: float | None = None) -> bool:
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) >= self.expires_at - EXPIRY_MARGIN_S


def pkce_pair() -> tuple[str, str]:
    """A code verifier (43-128 unreserved characters) and its S256 challenge."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


_DONE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>Steward</title>"
    "<body style='font:16px sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p>"
)


class _Redirect:
    """The loopback listener: accepts connections until one brings the redirect."""

    def __init__(self) -> None:
        self.result: asyncio.Future[dict[str, str]] = asyncio.get_running_loop().create_future()
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), 10)
            while (await asyncio.wait_for(reader.readline(), 10)) not in (b"\r\n", b"\n", b""):
                pass
            parts = request_line.decode("latin-1").split()
            query = parse_qs(urlsplit(parts[1]).query) if len(parts) >= 2 else {}
            values = {key: value[0] for key, value in query.items()}
            if "code" in values or "error" in values:
                ok = "code" in values
                page = _DONE_PAGE.format(
                    title="Signed in" if ok else "Sign-in did not finish",
                    text="You can close this tab and return to Steward."
                    if ok
                    else html.escape(values.get("error", "")),
                )
                status = "200 OK"
                if not self.result.done():
                    self.result.set_result(values)
            else:  # a favicon or a stray request
                page, status = "", "404 Not Found"
            body = page.encode("utf-8")
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("latin-1")
                + body
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, UnicodeError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


ClientForRedirect = Callable[[str], Awaitable[OAuthClient]]


async def authorize(
    client: OAuthClient | ClientForRedirect,
    open_browser: Callable[[str], object],
    *,
    timeout_s: float = 300.0,
    http: httpx.AsyncClient | None = None,
) -> Tokens:
    """Send the user to the platform's consent page and wait for the loopback redirect; then
    trade the code (with the PKCE verifier) for tokens.

    `client` may be a coroutine function given the redirect URI, for platforms where the app is
    registered per sign-in with its exact redirect URI (Mastodon): the port is only known once
    the loopback listener is up."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    redirect = _Redirect()
    port = await redirect.start()
    redirect_uri = f"http://127.0.0.1:{port}"
    if not isinstance(client, OAuthClient):
        try:
            client = await client(redirect_uri)
        except BaseException:
            await redirect.close()
            raise
    params = {
        "client_id": client.client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": " ".join(client.scopes),
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **dict(client.extra_params),
    }
    separator = "&" if "?" in client.auth_url else "?"
    try:
        open_browser(f"{client.auth_url}{separator}{urlencode(params)}")
        try:
            values = await asyncio.wait_for(asyncio.shield(redirect.result), timeout_s)
        except TimeoutError:
            raise SignInCancelled("The sign-in page was not completed in time.") from None
    finally:
        await redirect.close()
    if values.get("state") != state:
        raise AuthFailed("The sign-in answer did not match this request; try again.")
    if "error" in values:
        if values["error"] == "access_denied":
            raise SignInCancelled("Access was not granted on the platform's sign-in page.")
        raise AuthFailed(f"The platform refused the sign-in ({values['error']}).")
    form = {
        "grant_type": "authorization_code",
        "code": values["code"],
        "redirect_uri": redirect_uri,
        "client_id": client.client_id,
        "code_verifier": verifier,
    }
    if client.client_secret:
        form["client_secret"] = client.client_secret
    return await _token_request(client, form, http, refresh_token=None)


async def refresh(
    client: OAuthClient, refresh_token: str, *, http: httpx.AsyncClient | None = None
) -> Tokens:
    """A new access token; AuthFailed if the refresh token was revoked or has expired."""
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": client.client_id,
    }
    if client.client_secret:
        form["client_secret"] = client.client_secret
    return await _token_request(client, form, http, refresh_token=refresh_token)


async def _token_request(
    client: OAuthClient,
    form: dict[str, str],
    http: httpx.AsyncClient | None,
    *,
    refresh_token: str | None,
) -> Tokens:
    own = http is None
    session = http or httpx.AsyncClient(timeout=20.0)
    host = urlsplit(client.token_url).hostname or client.token_url
    try:
        response = await session.post(client.token_url, data=form)
    except httpx.TransportError:
        raise Unreachable(f"The sign-in server at {host} cannot be reached.") from None
    finally:
        if own:
            await session.aclose()
    body: Any
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code == 429:
        raise RateLimited("The sign-in server asks to slow down.", 30.0)
    if response.status_code >= 500:
        raise ServerError(f"The sign-in server had an internal error ({response.status_code}).")
    if response.status_code != 200:
        error = body.get("error") if isinstance(body, dict) else None
        if error == "invalid_grant" and refresh_token is not None:
            raise AuthFailed("The platform no longer accepts this sign-in; sign in again.")
        raise AuthFailed(f"The platform refused the sign-in ({error or response.status_code}).")
    if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
        raise MalformedResponse("The sign-in server's answer has no access token.")
    expires_in = body.get("expires_in")
    expires_at = int(time.time() + float(expires_in)) if expires_in is not None else None
    new_refresh = body.get("refresh_token")
    return Tokens(
        access_token=body["access_token"],
        refresh_token=str(new_refresh) if new_refresh else refresh_token,
        expires_at=expires_at,
    )
