"""What every connector does the same way when it talks to a platform over HTTP: the client it
makes, how it reads an answer that may not be JSON, a wait the platform asks for, HTML it has to
show as text. One version of each, so that a fix (or a change of mind) reaches every platform.

This module defines no `CONNECTOR`, so `connector_kinds()` passes it over.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html.parser
import json
import re
import ssl
from collections.abc import Iterator, Mapping
from http.cookiejar import CookieJar
from typing import Any

import httpx

from desktop.connectors.base import OutcomeUnknown, ServerError, Unreachable

USER_AGENT = "Steward"
CONNECT_TIMEOUT_S = 10.0  # the longest a connection may take to open, whatever the source's timeout

# What reading a platform's JSON by hand raises when the JSON has another shape than documented
# (a key missing, a list where an object was expected, a number that is text...): caught together
# and turned into MalformedResponse.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)

_YES = frozenset({"1", "true", "yes", "y", "on"})


# -- the client ------------------------------------------------------------------------------------


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The TLS context httpx would make for a client with verify=True (certifi's certificates,
    or SSL_CERT_FILE / SSL_CERT_DIR where set), made once for every client of every connector.

    Made once because loading the certificate store takes tens of milliseconds, and every pass of
    every source makes a new client on the event loop, which that time would block. One
    SSLContext serves any number of clients."""
    return httpx.create_ssl_context()


# Made at import, which the sync engine does on its database thread, not on the event loop. If it
# fails (a bad SSL_CERT_FILE), nothing is cached and each new client fails as it always has.
with contextlib.suppress(OSError):
    ssl_context()


def async_client(
    timeout_s: float,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    cookies: CookieJar | None = None,
    follow_redirects: bool = False,
) -> httpx.AsyncClient:
    """The client a connector talks to its platform with.

    `timeout_s` bounds each read and write, and connecting too, but connecting never more than
    CONNECT_TIMEOUT_S: a server that does not take the connection in that time is not coming.
    Requests say they come from Steward (User-Agent) unless `headers` say otherwise; `headers`
    are added to every request. TLS uses the shared `ssl_context()`. A `transport` (the tests'
    fake platforms) replaces the network, and then TLS settings do not apply."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, CONNECT_TIMEOUT_S)),
        transport=transport,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        cookies=cookies,
        follow_redirects=follow_redirects,
        verify=ssl_context() if transport is None else True,
    )


_CHECK_FIRST = "Steward will check whether it arrived before sending again."


@contextlib.contextmanager
def request_errors(where: str, *, writes: bool) -> Iterator[None]:
    """Turn what can go wrong on the way to a platform into the connector errors the sync engine
    acts on, in the user's words; never the URL or httpx's own text (a URL may hold a token).

    `where` names the other end as it reads inside a sentence ("YouTube", "the server at
    example.org"). A write that may have reached the platform (a timeout or a connection that
    broke after sending) is OutcomeUnknown, so the engine looks before sending it again; a read
    is Unreachable or a ServerError."""
    subject = where[:1].upper() + where[1:]
    try:
        yield
    except (httpx.ConnectError, httpx.ConnectTimeout):
        raise Unreachable(f"{subject} cannot be reached.") from None
    except httpx.TimeoutException:
        if writes:
            raise OutcomeUnknown(f"{subject} did not confirm in time; {_CHECK_FIRST}") from None
        raise Unreachable(f"{subject} did not answer in time.") from None
    except httpx.TransportError:
        if writes:
            raise OutcomeUnknown(
                f"The connection to {where} broke before it confirmed; {_CHECK_FIRST}"
            ) from None
        raise ServerError(f"The connection to {where} broke in the middle of an answer.") from None


# -- reading answers -------------------------------------------------------------------------------


def json_or_none(response: httpx.Response) -> Any:
    """The response's JSON, or None where the body is not JSON (an HTML error page from a proxy,
    an empty body, bytes that are not text): the caller decides what a missing body means."""
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def seconds(value: Any, default: float) -> float:
    """A number of seconds a platform sent (a header's text, a JSON number), never negative;
    `default` where it sent none or something that is not a number."""
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return default


def retry_after(response: httpx.Response, default: float) -> float:
    """How long the response's Retry-After header asks to wait, in seconds; `default` where it
    is missing or is not a number of seconds (an HTTP date, which the header may also hold,
    reads as `default`)."""
    return seconds(response.headers.get("Retry-After"), default)


def int_setting(value: Any, default: int) -> int:
    """A whole-number setting as typed or stored (a number or its text); `default` where it is
    absent or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def flag_setting(value: Any) -> bool:
    """A yes/no setting as typed or stored: True for a true bool or the text 1, true, yes, y or
    on (in any case, spaces around ignored); False for anything else, nothing included."""
    return str(value or "").strip().lower() in _YES


def int_or_none(value: str | None) -> int | None:
    """A stored number (an expiry time kept as text among the credentials), None where there is
    none or it cannot be read."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def b64url(data: bytes) -> str:
    """Base64url without padding: how a JWT (RFC 7515) carries its header, claims and signature,
    for the tokens Steward signs itself."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


# -- HTML as text ----------------------------------------------------------------------------------


class HtmlText(html.parser.HTMLParser):
    """The text of a platform's HTML, entities decoded, in `parts`. The tags themselves are
    dropped; a subclass decides which of them break lines, in handle_starttag/handle_endtag. A
    self-closing tag (<br/>) counts as its start tag only, so it breaks a line once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(parser: HtmlText, markup: str) -> str:
    """`markup` as plain text read by `parser` (a fresh one): trailing spaces dropped from each
    line, at most one empty line in a row, none at either end."""
    parser.feed(markup)
    parser.close()
    lines = "".join(parser.parts).replace("\r\n", "\n").split("\n")
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
